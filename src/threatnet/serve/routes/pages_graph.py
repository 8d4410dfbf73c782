"""Pages of the graph: the network (Cytoscape.js), an actor's profile, contradictions."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from threatnet.analyse import contradictions, profile
from threatnet.analyse.claims import entities, load_claims
from threatnet.serve.deps import ResourcesDep, SessionDep
from threatnet.serve.templating import templates
from threatnet.serve.validate import AsOf, check_date

router = APIRouter(include_in_schema=False)
CHART_HEIGHT = 80


@router.get("/")
def home() -> Response:
    return RedirectResponse("/network", status_code=307)


@router.get("/network", response_class=HTMLResponse)
def network_page(request: Request, res: ResourcesDep, as_of: AsOf = None) -> Response:
    as_of = check_date(as_of)
    query = {"as_of": as_of} if as_of else {}
    if request.query_params.get("all_types") == "1":
        query["all_types"] = "true"
    # the page preloads this, so the network arrives while the scripts are parsed
    data_url = "/api/network?" + urlencode(query)
    return templates.TemplateResponse(request, "network.html", {
        "as_of": as_of, "counts": res.store.counts(), "page": "network",
        "data_url": data_url})


@router.get("/actors/{actor}", response_class=HTMLResponse)
def actor_page(actor: str, request: Request, res: ResourcesDep, session: SessionDep,
               as_of: AsOf = None, limit: Annotated[int, Query(ge=0)] = 25) -> Response:
    as_of = check_date(as_of)
    row = res.store.entity(actor)
    data = profile.build(session, row.id, res.pack, as_of=as_of, evidence=True,
                         explain=True, limit=limit or None)
    return templates.TemplateResponse(request, "actor.html", {
        "data": data, "as_of": as_of, "chart": timeline_chart(data["timeline"]),
        "page": "actor"})


def timeline_chart(timeline: dict[str, int]) -> dict[str, Any]:
    """Bars of claims per month, as SVG coordinates (drawn without JavaScript)."""
    months = [m for m in timeline if m != "unknown"]
    peak = max(timeline.values(), default=1)
    width = 18
    bars = [{"x": i * width, "height": max(2, round(CHART_HEIGHT * n / peak)), "month": m,
             "claims": n} for i, (m, n) in enumerate((m, timeline[m]) for m in months)]
    return {"bars": bars, "width": max(width * len(bars), width), "height": CHART_HEIGHT,
            "bar": width - 4, "unknown": timeline.get("unknown", 0),
            "first": months[0] if months else None, "last": months[-1] if months else None}


@router.get("/contradictions", response_class=HTMLResponse)
def contradictions_page(request: Request, res: ResourcesDep, session: SessionDep,
                        actor: str | None = None, as_of: AsOf = None) -> Response:
    as_of = check_date(as_of)
    row = res.store.entity(actor) if actor else None
    claims = load_claims(session, as_of, entity_ids=[row.id] if row else None)
    report = contradictions.find(claims, entities(session), res.pack,
                                 row.id if row else None).to_dict()
    return templates.TemplateResponse(request, "contradictions.html", {
        "report": report, "actor": row, "as_of": as_of, "page": "contradictions"})
