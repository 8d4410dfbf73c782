"""Pages of the documents: the list, one document with its claims, search, add a report."""

from __future__ import annotations

from pathlib import PurePath
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select
from starlette.datastructures import UploadFile

from threatnet.errors import InvalidInput
from threatnet.serve import reports, views
from threatnet.serve.deps import ResourcesDep, SessionDep
from threatnet.serve.routes.review import VOCABULARY
from threatnet.serve.security import (
    CSRF_COOKIE,
    CSRF_FIELD,
    account_of,
    check_csrf,
    check_write,
    csrf_token,
    is_local,
    offered_token,
    set_cookie,
)
from threatnet.serve.templating import templates
from threatnet.serve.validate import check_date
from threatnet.serve.views import NotFound
from threatnet.store.review import _names as review_names
from threatnet.store.review_views import claim_dicts
from threatnet.store.schema import ClaimRow, DocumentRow, MentionRow

router = APIRouter(include_in_schema=False)
FORM_WAIT = 2.0  # seconds the form waits for a report before showing its progress
OUTCOMES = {"new": "stored as a new document", "unchanged": "already stored: nothing changed",
            "reextracted": "stored before by another extractor version: claims replaced"}


@router.get("/documents", response_class=HTMLResponse)
def documents_page(request: Request, res: ResourcesDep) -> Response:
    return templates.TemplateResponse(request, "documents.html", {
        "documents": res.store.documents(), "describe": reports.describe_source,
        "page": "documents"})


@router.get("/documents/{document_id}", response_class=HTMLResponse)
def document_page(document_id: str, request: Request, res: ResourcesDep, session: SessionDep,
                  added: str | None = None) -> Response:
    """The text with its claims highlighted, beside each claim its sentence and review
    buttons (static/review.js posts the decisions to /api/claims/{id}/review), and the
    form that adds a claim the machine missed (static/add_claim.js)."""
    data = views.document(session, document_id)
    doc_id = data["document"]["id"]
    rows = list(session.scalars(select(ClaimRow).where(ClaimRow.document_id == doc_id)))
    stored = session.get(DocumentRow, doc_id)
    token = csrf_token(request)
    response = templates.TemplateResponse(request, "document.html", {
        **data, "added": OUTCOMES.get(added or ""), "page": "documents",
        "source_words": reports.describe_source(data["document"]["source"]),
        "published_from": ((stored.meta if stored else None) or {}).get("published_from"),
        "reviews": {c["id"]: c for c in claim_dicts(session, rows)}, "vocabulary": VOCABULARY,
        "entity_names": _entity_names(session, doc_id),
        "reviewer": _reviewer(request, res.settings), "accounts": bool(res.settings.accounts),
        "csrf": token, "need_token": not is_local(request) and not res.settings.accounts})
    set_cookie(request, response, CSRF_COOKIE, token)
    return response


def _reviewer(request: Request, settings) -> str | None:
    """Who the page's decisions will be signed by (None: sign in first)."""
    if settings.accounts:
        return account_of(settings, offered_token(request))
    return settings.reviewer() if is_local(request) else None


def _entity_names(session, document_id: str) -> list[str]:
    """The entities the document mentions, as the add-a-claim form proposes them."""
    ids = sorted(set(session.scalars(select(MentionRow.entity_id)
                                     .where(MentionRow.document_id == document_id))))
    return sorted(set(review_names(session, ids).values()), key=str.casefold)


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, session: SessionDep, q: str = "") -> Response:
    if len(q) > 200:
        raise InvalidInput("search", "the query is longer than 200 characters")
    return templates.TemplateResponse(request, "search.html", {
        **views.search(session, q), "page": "search"})


@router.get("/reports/new", response_class=HTMLResponse)
def add_report_page(request: Request, res: ResourcesDep) -> Response:
    return _form(request, res)


def _form(request: Request, res, error: str | None = None, status: int = 200,
          values: dict | None = None) -> Response:
    token = csrf_token(request)
    response = templates.TemplateResponse(request, "add_report.html", {
        "csrf": token, "csrf_field": CSRF_FIELD, "error": error, "values": values or {},
        "need_token": not is_local(request), "limit_mb": res.settings.max_upload / 1e6,
        "page": "add"}, status_code=status)
    set_cookie(request, response, CSRF_COOKIE, token)
    return response


@router.post("/reports")
async def add_report(request: Request, res: ResourcesDep) -> Response:
    limit = res.settings.max_upload
    form = await request.form(max_files=1, max_fields=10, max_part_size=limit + 1024)
    check_csrf(request, _field(form, CSRF_FIELD))
    check_write(request, res.settings, _field(form, "token") or None)
    values = {k: _field(form, k) for k in ("title", "published", "text")}
    upload = form.get("file")
    try:
        published = check_date(values["published"].strip() or None, "published")
        if isinstance(upload, UploadFile) and upload.filename:
            name = PurePath(upload.filename).name or "upload"
            text = reports.text_from_upload(await upload.read(limit + 1), name, limit)
            source = f"upload:{name}"
            title = values["title"] or PurePath(name).stem
        elif values["text"].strip():
            text, source, title = values["text"], "web:paste", values["title"]
        else:
            raise InvalidInput("report", "paste the report's text or choose a file")
        job = res.jobs.submit(reports.prepare(res, text, source, title, published))
    except InvalidInput as exc:
        if len(values["text"]) > 100_000:  # not echoed back into the page
            values["text"] = ""
        return _form(request, res, str(exc), 400, values)
    # a short report is stored in a moment: straight to it; a long one shows its progress
    job.done.wait(FORM_WAIT)
    return _after(job)


def _after(job) -> Response:
    if job.state == "done" and job.result:
        url = "/documents/" + quote(job.result["document"], safe=":")
        return RedirectResponse(f"{url}?added={job.result['outcome']}", status_code=303)
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)


@router.get("/jobs/{job_id}", response_class=HTMLResponse)
def job_page(job_id: str, request: Request, res: ResourcesDep) -> Response:
    """A posted report's progress (static/job.js follows it and opens the document)."""
    job = res.jobs.get(job_id[:40])
    if job is None:
        raise NotFound("no such job (jobs are kept while the server runs)")
    if job.state == "done":
        return _after(job)
    return templates.TemplateResponse(request, "job.html", {
        "job": job.progress(res.jobs.rate), "page": "add"})


def _field(form, name: str) -> str:
    value = form.get(name)
    return value if isinstance(value, str) else ""
