"""Pages of the graph: the network (Cytoscape.js), an actor's profile, contradictions."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from threatnet.analyse import contradictions, profile
from threatnet.analyse.claims import entities, load_claims
from threatnet.errors import ThreatnetError
from threatnet.model import Modality
from threatnet.serve.deps import ResourcesDep, SessionDep
from threatnet.serve.templating import templates
from threatnet.serve.validate import AsOf, check_date

router = APIRouter(include_in_schema=False)
CHART_HEIGHT = 80
CHART_WIDTH = 720  # pixels the time axis takes at most (18 a month at least 2)


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
    for key in ("parents", "factions", "leaders"):  # a link where the store knows the name
        for item in data[key]:
            item["id"] = _entity_id(res, item["name"])
    facts = [f for fs in data["facts"].values() for f in fs]
    return templates.TemplateResponse(request, "actor.html", {
        "data": data, "as_of": as_of, "chart": timeline_chart(data["timeline"]),
        "page": "actor", "choices": fact_choices(facts)})


def _entity_id(res: ResourcesDep, name: str) -> int | None:
    try:
        return res.store.entity(name).id
    except ThreatnetError:
        return None


def fact_choices(facts: list[dict[str, Any]]) -> dict[str, list[str]]:
    """The values the actor page's fact filters offer: those of the facts shown."""
    return {
        "modality": sorted({m for f in facts for m in (f["strongest_for"],
                                                       f["strongest_against"]) if m},
                           key=lambda m: Modality(m).rank),
        "source": sorted({s for f in facts for s in f["sources_for"] + f["sources_against"]},
                         key=str.casefold),
        "grade": sorted({f["grade"]["code"] for f in facts})}


def _month_index(month: str) -> int:
    year, mon = month.split("-")
    return int(year) * 12 + int(mon) - 1


def timeline_chart(timeline: dict[str, int]) -> dict[str, Any]:
    """Bars of claims per month on a time axis (drawn without JavaScript): a bar's x is
    its month's distance from the first, so months a year apart stand a year apart;
    a tick and the year at each January."""
    months = sorted(m for m in timeline if m != "unknown")
    peak = max(timeline.values(), default=1)
    if not months:
        return {"bars": [], "ticks": [], "width": CHART_WIDTH, "height": CHART_HEIGHT,
                "bar": 0, "unknown": timeline.get("unknown", 0), "first": None, "last": None}
    start, end = _month_index(months[0]), _month_index(months[-1])
    span = end - start + 1
    step = max(2.0, min(18.0, CHART_WIDTH / span))  # pixels a month
    bars = [{"x": round((_month_index(m) - start) * step, 1),
             "height": max(2, round(CHART_HEIGHT * timeline[m] / peak)), "month": m,
             "claims": timeline[m]} for m in months]
    first_year, last_year = start // 12, end // 12
    years = range(first_year + (start % 12 != 0), last_year + 1)
    every = max(1, round(len(years) * 40 / (span * step)))  # a label at least 40 px apart
    ticks = [{"x": round((y * 12 - start) * step, 1), "year": y,
              "label": (y - first_year) % every == 0} for y in years]
    if not ticks or ticks[0]["x"] > 30:  # the first year's name where the axis starts
        ticks.insert(0, {"x": 0, "year": first_year, "label": True, "start": True})
    return {"bars": bars, "ticks": ticks, "width": round(span * step, 1),
            "height": CHART_HEIGHT, "bar": round(max(1.0, step - 1 if step > 4 else step * .8), 1),
            "unknown": timeline.get("unknown", 0), "first": months[0], "last": months[-1]}


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
