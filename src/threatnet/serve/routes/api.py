"""The JSON API under /api: the same data as the pages and the CLI's `--format json`.

Documented by the OpenAPI page at /docs (schema at /openapi.json). The one
write, POST /api/reports, takes JSON only (a cross-site HTML form cannot send
it) and, from other hosts, the THREATNET_TOKEN bearer token.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from threatnet.analyse import contradictions, profile
from threatnet.analyse.claims import entities, load_claims
from threatnet.serve import reports, views
from threatnet.serve.deps import ResourcesDep, SessionDep
from threatnet.serve.security import Forbidden, check_origin, check_write
from threatnet.serve.validate import AsOf, MinConfidence, check_actor, check_date
from threatnet.serve.views import NotFound

router = APIRouter(prefix="/api", tags=["api"])


class ReportIn(BaseModel):
    """A report to ingest: its text, and optionally a title, source and date."""

    text: str = Field(description="The report's text (UTF-8).")
    title: str | None = Field(None, max_length=500)
    source: str | None = Field(None, max_length=500, description="Where it comes from.")
    published: str | None = Field(None, description="Publication date (overrides the "
                                                    "one found in the text).")


@router.get("/network")
def get_network(session: SessionDep, as_of: AsOf = None, min_confidence: MinConfidence = 0.0,
                all_types: Annotated[bool, Query(description="Every entity type, not only "
                                                             "actors.")] = False,
                denied: Annotated[bool, Query(description="Also the facts only denied "
                                                          "(no claim affirms them).")] = False
                ) -> Response:
    """The actor network: one node per actor, one edge per fact (with its confidence).

    `{"as_of", "nodes": [{"id", "name", "type", "degree"}], "edges": [{"id", "source",
    "target", "predicate", "class", "symmetric", "confidence", "first_seen",
    "last_seen", "modality", "against", "contested"[, "denied"]}], "classes", "types"}`:
    `modality` the strongest of the claims affirming the fact, `against` the claims
    denying it, `contested` denied or contradicted (hostile and aligned facts between
    the same two actors).
    """
    check_date(as_of)
    return Response(views.network_json(session, as_of, min_confidence, all_types, denied),
                    media_type="application/json")


@router.get("/actors/{actor}")
def get_actor(actor: str, res: ResourcesDep, session: SessionDep, as_of: AsOf = None,
              evidence: bool = True, explain: bool = True,
              limit: Annotated[int, Query(ge=0)] = 0) -> dict[str, Any]:
    """An actor's profile (as `threatnet actor NAME --format json --explain`); name,
    alias or id; `limit`: at most this many facts per class, the best (0: all)."""
    check_date(as_of)
    check_actor(actor)
    row = res.store.entity(actor)
    return profile.build(session, row.id, res.pack, as_of=as_of, evidence=evidence,
                         explain=explain, limit=limit or None)


@router.get("/contradictions")
def get_contradictions(res: ResourcesDep, session: SessionDep, actor: str | None = None,
                       as_of: AsOf = None) -> dict[str, Any]:
    """Pairs of claims that cannot both hold, strongest first, and changes over time."""
    check_date(as_of)
    check_actor(actor)
    actor_id = res.store.entity(actor).id if actor else None
    claims = load_claims(session, as_of, entity_ids=[actor_id] if actor_id else None)
    return contradictions.find(claims, entities(session), res.pack, actor_id).to_dict()


@router.get("/documents")
def get_documents(res: ResourcesDep) -> list[dict[str, Any]]:
    """The stored documents, oldest first."""
    return res.store.documents()


@router.get("/documents/{document_id}")
def get_document(document_id: str, session: SessionDep) -> dict[str, Any]:
    """A document's text and claims, each with its evidence offsets into the text."""
    data = views.document(session, document_id)
    data.pop("segments")
    return data


@router.get("/search")
def get_search(q: Annotated[str, Query(max_length=200)], session: SessionDep) -> dict[str, Any]:
    """Entities whose name or alias (any script) contains `q`, and documents containing it."""
    return views.search(session, q)


@router.post("/reports", status_code=201, responses={
    202: {"description": "With `background=true`: the job, to follow at `/api/jobs/{job}`."}})
def post_report(report: ReportIn, request: Request, res: ResourcesDep,
                background: Annotated[bool, Query(description=(
                    "Answer at once (202) with a job to follow, instead of when the "
                    "report is stored."))] = False) -> Any:
    """Ingest one report. From other hosts: `Authorization: Bearer $THREATNET_TOKEN`.

    The report is extracted in the background beside any others; only its save waits
    for the store's write lock."""
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
        raise Forbidden("send the report as application/json")
    check_origin(request)
    check_write(request, res.settings)
    check_date(report.published, "published")
    if background:
        document = reports.prepare(res, report.text, report.source or "web:api",
                                   report.title, report.published)
        job = res.jobs.submit(document)
        return JSONResponse({**job.progress(res.jobs.rate), "url": f"/api/jobs/{job.id}"},
                            status_code=202)
    return reports.ingest_report(res, report.text, report.source or "web:api",
                                 report.title, report.published)


@router.get("/jobs/{job_id}", responses={404: {"description": "No such job (jobs are "
                                                              "kept while the server runs)."}})
def get_job(job_id: Annotated[str, Path(max_length=40)], res: ResourcesDep) -> dict[str, Any]:
    """A posted report's progress: `state` (queued, extracting, saving, done, failed),
    `progress` (0-1, estimated from its length while extracting), and `result` or
    `error` when it ends."""
    job = res.jobs.get(job_id)
    if job is None:
        raise NotFound("no such job (jobs are kept while the server runs)")
    return job.progress(res.jobs.rate)
