"""The incidents in the web app: a list, a page per incident with every account side by
side (each claim with its sentence), and their JSON under /api (as `threatnet incidents
--format json`)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from threatnet.analyse.incidents import COLUMNS, find_place, list_incidents
from threatnet.serve.deps import ResourcesDep, SessionDep
from threatnet.serve.templating import templates
from threatnet.serve.validate import check_date
from threatnet.serve.views import NotFound

pages = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api", tags=["api"])

Actor = Annotated[str | None, Query(max_length=300, description="Only incidents some claim "
                                                                 "says this actor carried out.")]
Since = Annotated[str | None, Query(description="Only incidents on or after this date.")]
Place = Annotated[str | None, Query(max_length=300, description="Only incidents in this "
                                                               "place or a place inside it.")]


def _found(res: Any, session: Session, actor: str | None, since: str | None,
           place: str | None) -> list[dict[str, Any]]:
    since = check_date(since, "since")
    actor_id = res.store.entity(actor).id if actor else None
    where = find_place(session, place, res.pack) if place else None
    return list_incidents(session, res.pack, actor_id=actor_id, since=since, place=where)


def _one(res: Any, session: Session, incident_id: int) -> dict[str, Any]:
    found = list_incidents(session, res.pack, incident_id=incident_id)
    if not found:
        raise NotFound(f"incident {incident_id} does not exist (see /incidents)")
    return found[0]


@api.get("/incidents")
def get_incidents(res: ResourcesDep, session: SessionDep, actor: Actor = None,
                  since: Since = None, place: Place = None) -> list[dict[str, Any]]:
    """Incidents, oldest first: date, place, perpetrator and how attributed (modality and
    source), target type and target, tactic, weapon, killed, wounded, sources, documents;
    with `perpetrators`, `targets`, `tallies` (one per account) and `accounts`."""
    return _found(res, session, actor, since, place)


@api.get("/incidents/{incident_id}")
def get_incident(incident_id: int, res: ResourcesDep, session: SessionDep) -> dict[str, Any]:
    """One incident (an id of any report's account of it), every account with its claims."""
    return _one(res, session, incident_id)


@pages.get("/incidents", response_class=HTMLResponse)
def incidents_page(request: Request, res: ResourcesDep, session: SessionDep,
                   actor: Actor = None, since: Since = None, place: Place = None) -> Response:
    found = _found(res, session, actor or None, since or None, place or None)
    return templates.TemplateResponse(request, "incidents.html", {
        "incidents": found, "columns": COLUMNS, "page": "incidents",
        "filters": {"actor": actor or "", "since": since or "", "place": place or ""}})


@pages.get("/incidents/{incident_id}", response_class=HTMLResponse)
def incident_page(incident_id: int, request: Request, res: ResourcesDep,
                  session: SessionDep) -> Response:
    return templates.TemplateResponse(request, "incident.html", {
        "i": _one(res, session, incident_id), "page": "incidents"})
