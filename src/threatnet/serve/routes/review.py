"""The review API: accept, reject, correct or reset a claim or a mention, and read the reviews.

The same functions as `threatnet review` (store/review.py, store/review_views.py).
A decision names the version its reviewer saw (`expected_version`); one that
another reviewer overtook is refused with 409 and the item as it is now.

Writes take JSON only (a cross-site HTML form cannot send it), pass the Origin
check and, from other hosts, need THREATNET_TOKEN as a bearer token. A request
from a browser (it sends the page's CSRF cookie or an Origin) must also repeat
the CSRF token in the X-CSRF-Token header, as the document page's script does.
Bad input is a 400 with one line that names the field, never the value sent.
"""

from __future__ import annotations

import hmac
import json
from typing import Annotated, Any, Literal, TypeVar

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field, ValidationError

from threatnet import validate
from threatnet.errors import InvalidInput, ReviewConflict, StoreError, UnknownActor
from threatnet.model import PREDICATES, Modality, Polarity
from threatnet.serve.deps import ResourcesDep
from threatnet.serve.security import (
    AUTH_COOKIE,
    CSRF_COOKIE,
    Forbidden,
    check_origin,
    check_write,
    reviewer_of,
)
from threatnet.serve.validate import RecordId, check_actor
from threatnet.serve.views import NotFound
from threatnet.store import analyst_claims, review
from threatnet.store.review import CLAIM_FIELDS, MENTION_FIELDS, STATUSES
from threatnet.store.review_views import history, list_claims

router = APIRouter(prefix="/api", tags=["review"])
CSRF_HEADER = "x-csrf-token"
MAX_TEXT = 300  # reviewer names, corrected values
MAX_NOTE = 2000
LIST_LIMIT = 5000
VOCABULARY = {"predicate": sorted(PREDICATES), "modality": [m.value for m in Modality],
              "polarity": [p.value for p in Polarity]}


class ReviewIn(BaseModel):
    """One decision on a claim or a mention."""

    action: Literal["accept", "reject", "correct", "reset"] = Field(
        description="accept: right as shown; reject: wrong (leaves the facts, stays "
                    "visible); correct: change `changes`; reset: back to the machine's values.")
    reviewer: str | None = Field(
        None, min_length=1, max_length=MAX_TEXT,
        description="Who decides. With reviewer accounts configured, the account of the "
                    "token sent decides (a name here must be that account's); without, "
                    "this name, else the server's local reviewer.")
    expected_version: int | None = Field(
        None, ge=0, description="The item's `version` the reviewer saw; if another decision "
                                "came in since, the answer is 409 with the current item. "
                                "Without it, only an unreviewed item or your own decision "
                                "can be changed.")
    note: str | None = Field(None, max_length=MAX_NOTE, description="Why (kept in the history).")
    changes: dict[str, str | None] | None = Field(
        None, description="For `correct`. A claim: subject, predicate, object, polarity, "
                          "modality, source (empty or null: the author's own voice), start, "
                          "end (YYYY[-MM[-DD]]). A mention: entity (name, alias or id).")


class ClaimIn(BaseModel):
    """A claim the machine missed, stated by the document's own words."""

    subject: str = Field(min_length=1, max_length=MAX_TEXT, description="Name, alias or id.")
    predicate: str = Field(min_length=1, max_length=40)
    object: str = Field(min_length=1, max_length=MAX_TEXT, description="Name, alias or id.")
    polarity: str = Field("affirmed", max_length=20)
    modality: str = Field("asserted", max_length=20)
    source: str | None = Field(None, max_length=MAX_TEXT, description=(
        "Who the text says it (empty or null: the author's own voice)."))
    start: str | None = Field(None, max_length=10, description="YYYY[-MM[-DD]]")
    end: str | None = Field(None, max_length=10, description="YYYY[-MM[-DD]]")
    evidence_start: int = Field(ge=0, le=validate.MAX_ID, description=(
        "Offset of the evidence in the document's text (characters)."))
    evidence_end: int = Field(ge=0, le=validate.MAX_ID)
    note: str | None = Field(None, max_length=MAX_NOTE)
    reviewer: str | None = Field(None, min_length=1, max_length=MAX_TEXT, description=(
        "As for a decision: with accounts, the token's account signs."))


_BODY = {"requestBody": {"required": True, "content": {
    "application/json": {"schema": ReviewIn.model_json_schema()}}}}
_ANSWERS: dict[int | str, dict[str, Any]] = {
    400: {"description": "Invalid input: `{\"error\": one line}`."},
    403: {"description": "Not allowed: no token off localhost, or a failed CSRF/Origin check."},
    404: {"description": "No such claim or mention (re-extraction gives new ids)."},
    409: {"description": "Another reviewer decided since `expected_version`: "
                         "`{\"error\", \"current_version\", \"current\"}`."}}


@router.post("/claims/{claim_id}/review", openapi_extra=_BODY, responses=_ANSWERS)
async def review_claim(claim_id: RecordId, request: Request, res: ResourcesDep) -> Any:
    """Decide on a claim; answers the claim as reviewed, with its machine values and history."""
    return await _decide(request, res, "claim", claim_id)


@router.post("/mentions/{mention_id}/review", openapi_extra=_BODY, responses=_ANSWERS)
async def review_mention(mention_id: RecordId, request: Request, res: ResourcesDep) -> Any:
    """Decide on an entity mention (`correct` changes its `entity`)."""
    return await _decide(request, res, "mention", mention_id)


@router.post("/documents/{document_id}/claims", status_code=201, responses={
    **{k: v for k, v in _ANSWERS.items() if k != 409}, 201: {"description": "The claim."}},
    openapi_extra={"requestBody": {"required": True, "content": {
        "application/json": {"schema": ClaimIn.model_json_schema()}}}})
async def add_claim(document_id: Annotated[str, Path(max_length=200)], request: Request,
                    res: ResourcesDep) -> Any:
    """Add a claim the machine missed: subject, predicate, object, polarity, modality,
    source and time as read in the document's text between `evidence_start` and
    `evidence_end`. Stored as the analyst's claim, accepted by them: it counts in the
    facts, stays through re-extraction and goes into gold export."""
    _check_write(request, res)
    claim = await _body(request, ClaimIn, "claim")
    reviewer = reviewer_of(request, res.settings, claim.reviewer)
    try:
        return JSONResponse(analyst_claims.add_claim(
            res.store, document_id, subject=claim.subject, predicate=claim.predicate,
            object=claim.object, polarity=claim.polarity, modality=claim.modality,
            source=claim.source, start=claim.start, end=claim.end,
            evidence_start=claim.evidence_start, evidence_end=claim.evidence_end,
            reviewer=reviewer, note=claim.note), status_code=201)
    except UnknownActor:
        raise InvalidInput("subject/object", "names no entity of this store: give a name, "
                                             "alias or id of a stored entity") from None
    except InvalidInput:
        raise
    except StoreError:
        raise NotFound("no such document in this store") from None


@router.get("/claims", responses={400: _ANSWERS[400]})
def get_claims(res: ResourcesDep,
               status: Annotated[str | None, Query(max_length=20, description=(
                   "Only claims of this review status: " + ", ".join(STATUSES)))] = None,
               document: Annotated[str | None, Query(max_length=200, description=(
                   "A document id, id prefix or source."))] = None,
               actor: Annotated[str | None, Query(max_length=200, description=(
                   "An actor (name, alias or id), as subject or object."))] = None,
               limit: Annotated[int, Query(ge=1, le=LIST_LIMIT)] = 1000,
               offset: Annotated[int, Query(ge=0)] = 0) -> dict[str, Any]:
    """Claims as reviewed (status, version, reviewer, the machine's values beside a
    correction), by document and position."""
    validate.status(status or None, "status", quote=False)
    check_actor(actor)
    try:
        claims = list_claims(res.store, status=status or None, document=document or None,
                             actor=actor or None)
    except UnknownActor:
        raise NotFound("no such actor in this store") from None
    except StoreError:
        raise NotFound("no such document in this store") from None
    return {"total": len(claims), "offset": offset,
            "claims": claims[offset:offset + limit]}


@router.get("/claims/{claim_id}/history", responses={404: _ANSWERS[404]})
def get_claim_history(claim_id: RecordId, res: ResourcesDep) -> dict[str, Any]:
    """Every decision on the claim, oldest first (who, when, what, the machine's values)."""
    current = _item(res, "claim", claim_id)
    return {"claim": claim_id, "status": current["status"], "version": current["version"],
            "history": history(res.store, target="claim", target_id=claim_id)}


async def _decide(request: Request, res, target: str, target_id: int) -> Any:
    _check_write(request, res)
    decision = await _body(request)
    reviewer = reviewer_of(request, res.settings, decision.reviewer)
    changes = _checked_changes(target, decision)
    _item(res, target, target_id)  # 404 before anything else is said about the item
    try:
        return review.decide(res.store, target_id, decision.action, reviewer,
                             target=target, changes=changes,
                             expected_version=decision.expected_version,
                             note=decision.note or None)
    except ReviewConflict as exc:
        current = _item(res, target, target_id)
        return JSONResponse({"error": str(exc), "current_version": current["version"],
                             "current": current}, status_code=409)
    except UnknownActor:  # a corrected subject, object or entity the store does not know
        raise InvalidInput("correction", "an entity named in the correction is not in "
                                         "this store") from None
    except InvalidInput:
        raise
    except StoreError:  # the item went between the check and the decision
        raise NotFound(f"{target} {target_id} does not exist") from None


def _check_write(request: Request, res) -> None:
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
        raise Forbidden("send the decision as application/json")
    check_origin(request)
    cookie = request.cookies.get(CSRF_COOKIE)
    if cookie or request.headers.get("origin") or request.cookies.get(AUTH_COOKIE):
        # from a browser: the page's token too
        given = request.headers.get(CSRF_HEADER, "")
        if not cookie or not given or not hmac.compare_digest(cookie.encode(), given.encode()):
            raise Forbidden("the page has expired or the request came from another site: "
                            "reload the page and decide again")
    check_write(request, res.settings)


M = TypeVar("M", bound=BaseModel)


async def _body(request: Request, model: type[M] = ReviewIn, what: str = "decision") -> M:
    """The JSON body as `model`, or one line naming the fields that are wrong."""
    try:
        return model.model_validate(json.loads(await request.body()))
    except (ValueError, UnicodeDecodeError) as exc:
        if isinstance(exc, ValidationError):
            fields = sorted({".".join(map(str, e["loc"])) or "body" for e in exc.errors()})
            raise InvalidInput(what, f"invalid or missing {', '.join(fields)} (see "
                                     "/docs)") from None
        raise InvalidInput(what, "the body is not JSON") from None


def _checked_changes(target: str, decision: ReviewIn) -> dict[str, str | None] | None:
    """The correction's fields, checked here so that no message repeats a value sent."""
    if decision.action != "correct":
        return None
    fields = CLAIM_FIELDS if target == "claim" else MENTION_FIELDS
    if not decision.changes:
        raise InvalidInput("correct", "a correction needs at least one field in `changes`")
    out = {}
    for field, value in decision.changes.items():
        if field not in fields:
            raise InvalidInput("correct", f"a {target} correction may change "
                                          f"{', '.join(fields)}")
        text = (value or "").strip()
        if len(text) > MAX_TEXT:
            raise InvalidInput(field, f"longer than {MAX_TEXT} characters")
        if field in VOCABULARY:
            validate.choice(text, VOCABULARY[field], field, quote=False)
        if field in ("start", "end") and text:
            validate.date(text, field, quote=False)
        if fields[field].endswith("_id") and not text:
            raise InvalidInput(field, "needs an entity name, alias or id")
        out[field] = text or None
    return out


def _item(res, target: str, target_id: int) -> dict[str, Any]:
    try:
        return review.item(res.store, target_id, target)
    except StoreError:
        raise NotFound(f"{target} {target_id} does not exist (re-extraction gives new "
                       f"ids)") from None
