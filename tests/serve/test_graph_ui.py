"""The graph an analyst can interrogate, in headless Chromium: edge → evidence, certainty
drawn, search and focus, labels, the time slider, and the actor page's filters and links."""

from __future__ import annotations

from collections import defaultdict

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

pytestmark = pytest.mark.browser
BLA = "Balochistan Liberation Army"
HEDGED = {"alleged", "believed", "possible", "hypothetical"}
ACTOR_TYPES = {"armed_group", "state", "government_body", "organization", "person"}


def _open_network(driver, url: str) -> None:
    driver.get(url)
    WebDriverWait(driver, 30).until(
        lambda d: d.execute_script("return document.getElementById('cy').dataset.ready"
                                   " === '1'"))


def _click_at(driver, x: float, y: float) -> None:
    cy = driver.find_element(By.ID, "cy")
    size = cy.size
    ActionChains(driver).move_to_element_with_offset(
        cy, int(x - size["width"] / 2), int(y - size["height"] / 2)).click().perform()


def test_network_api_says_how_firm_each_fact_is(client):
    data = client.get("/api/network").json()
    assert data["edges"] and all({"modality", "against", "contested"} <= e.keys()
                                 for e in data["edges"])
    assert not any(e.get("denied") for e in data["edges"])
    pairs = defaultdict(set)
    for e in data["edges"]:
        if e["predicate"] in {"hostile_to", "rival_of", "fights", "attacks", "targets"}:
            pairs[frozenset((e["source"], e["target"]))].add("hostile")
        if e["predicate"] in {"allied_with", "supports", "cooperates_with", "affiliated_with"}:
            pairs[frozenset((e["source"], e["target"]))].add("aligned")
    for e in data["edges"]:
        both = len(pairs.get(frozenset((e["source"], e["target"])), ())) > 1
        assert e["contested"] == (e["against"] > 0 or both), e
    denied = client.get("/api/network?denied=true").json()
    only_denied = [e for e in denied["edges"] if e.get("denied")]
    assert only_denied and all(e["confidence"] == 0 and e["against"] > 0 and
                               e["modality"] is None for e in only_denied)
    assert len(denied["edges"]) == len(data["edges"]) + len(only_denied)


def _fact(client, edge: dict) -> dict:
    return client.get("/api/fact", params={"subject": edge["source"], "object": edge["target"],
                                           "predicate": edge["predicate"]}).json()


def test_fact_endpoint_gives_the_grade_and_both_sides(client):
    data = client.get("/api/network").json()
    edge = next(e for e in data["edges"] if e["contested"])
    fact = _fact(client, edge)
    assert fact["grade"]["explanation"].startswith(fact["grade"]["code"])
    assert fact["claims"]["for"] and all(c["polarity"] == "affirmed"
                                         for c in fact["claims"]["for"])
    assert fact["confidence"] == edge["confidence"]
    for claim in fact["claims"]["for"]:
        doc = client.get(f"/api/documents/{claim['document']}").json()
        assert doc["document"]["text"][claim["start"]:claim["end"]] == claim["text"]
    # a fact only denied: its claims are all against it
    denied = next(e for e in client.get("/api/network?denied=true").json()["edges"]
                  if e.get("denied"))
    fact = _fact(client, denied)
    assert fact["stance"] == "negated" and fact["claims"]["for"] == []
    assert len(fact["claims"]["against"]) == denied["against"] == fact["claims_against"]
    assert all(c["polarity"] == "negated" for c in fact["claims"]["against"])
    assert client.get("/api/fact", params={"subject": 1, "object": 2,
                                           "predicate": "nonsense"}).status_code == 400
    assert client.get("/api/fact", params={"subject": 2**70, "object": 2,
                                           "predicate": "supports"}).status_code == 422


def test_edge_click_shows_the_evidence_and_opens_the_document_at_it(chromium, live_server,
                                                                   client, artefacts):
    data = client.get("/api/network").json()
    edge = next(e for e in data["edges"] if e["contested"])
    fact = _fact(client, edge)
    _open_network(chromium, live_server + "/network")
    # a real mouse click on the middle of the edge, the graph zoomed in on it; the rest of
    # the graph hidden, so no other edge drawn across that point takes the click
    x, y = chromium.execute_script(
        "const e = tnCy.getElementById(arguments[0]);"
        "tnCy.elements().not(e.union(e.connectedNodes())).style('display', 'none');"
        "tnCy.zoom(3); tnCy.center(e);"
        "const p = e.renderedMidpoint(); return [p.x, p.y];", edge["id"])
    _click_at(chromium, x, y)
    WebDriverWait(chromium, 15).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, "#panel .panel-claims q"))
    panel = chromium.find_element(By.ID, "panel")
    assert panel.is_displayed()
    assert edge["predicate"] in panel.find_element(By.CSS_SELECTOR, ".panel-title").text
    assert fact["grade"]["code"] in panel.find_element(By.CSS_SELECTOR, ".grade").text
    assert panel.find_element(By.CSS_SELECTOR, ".explanation").text == \
        fact["grade"]["explanation"]
    sentences = [q.text for q in panel.find_elements(By.CSS_SELECTOR, ".panel-claims q")]
    expected = [c["text"].strip() for c in fact["claims"]["for"] + fact["claims"]["against"]]
    assert [s.strip("“”\"") for s in sentences] == expected
    meta = panel.find_elements(By.CSS_SELECTOR, ".panel-claims .claim-meta")
    for c, m in zip(fact["claims"]["for"] + fact["claims"]["against"], meta, strict=True):
        assert c["source"] in m.text and c["modality"] in m.text
    assert "contested" in panel.text
    artefacts.joinpath("graph-edge-panel.png").write_bytes(chromium.get_screenshot_as_png())
    # the link opens the document scrolled to the sentence
    claim = fact["claims"]["for"][0]
    panel.find_element(By.CSS_SELECTOR, ".panel-claims .doc-link").click()
    WebDriverWait(chromium, 15).until(lambda d: "/documents/" in d.current_url)
    assert chromium.current_url.endswith(f"#at-{claim['start']}")
    target = chromium.find_element(By.ID, f"at-{claim['start']}")
    assert claim["text"].startswith(target.text[:20])
    assert chromium.execute_script(
        "const r = arguments[0].getBoundingClientRect();"
        "return r.top >= 0 && r.bottom <= window.innerHeight;", target)


def test_hedged_dashed_contested_marked_denied_on_demand(chromium, live_server, client):
    data = client.get("/api/network").json()
    _open_network(chromium, live_server + "/network")
    drawn = chromium.execute_script(
        "return tnCy.edges().map(e => [e.id(), e.style('line-style'),"
        " e.style('mid-target-arrow-shape')])")
    edges = {e["id"]: e for e in data["edges"]}
    assert len(drawn) == len(edges)
    for edge_id, line, mid in drawn:
        e = edges[edge_id]
        assert line == ("dashed" if e["modality"] in HEDGED else "solid"), e
        assert mid == ("diamond" if e["contested"] else "none"), e
    assert any(line == "dashed" for _, line, _ in drawn)
    assert any(mid == "diamond" for _, _, mid in drawn)
    # facts only denied appear when asked for: dotted, ending in a bar
    chromium.find_element(By.ID, "show-denied").click()
    denied = [e for e in client.get("/api/network?denied=true").json()["edges"]
              if e.get("denied")]
    WebDriverWait(chromium, 15).until(lambda d: d.execute_script(
        "return document.getElementById('cy').dataset.ready === '1' &&"
        " tnCy.edges('.denied').length") == len(denied))
    styles = chromium.execute_script(
        "return tnCy.edges('.denied').map(e => [e.style('line-style'),"
        " e.style('target-arrow-shape'), e.hasClass('hidden')])")
    assert all(s == ["dotted", "tee", False] for s in styles)


def test_search_focuses_the_actor(chromium, live_server, client):
    data = client.get("/api/network").json()
    bla = next(n for n in data["nodes"] if n["name"] == BLA)
    near = {bla["id"]} | {e["target"] for e in data["edges"] if e["source"] == bla["id"]} | \
        {e["source"] for e in data["edges"] if e["target"] == bla["id"]}
    _open_network(chromium, live_server + "/network")
    box = chromium.find_element(By.ID, "graph-search")
    box.send_keys(BLA + "\n")
    WebDriverWait(chromium, 15).until(lambda d: d.execute_script(
        "return tnCy.getElementById(arguments[0]).selected()", f"n{bla['id']}"))
    shown = chromium.execute_script(
        "return tnCy.nodes().filter(n => !n.hasClass('hidden')).map(n => n.data('actor'))")
    assert set(shown) == near
    found = chromium.execute_script("return tnCy.nodes('.found').map(n => n.data('label'))")
    assert BLA in found
    # the actor is in view, beside the panel that shows it
    x, y, w, h = chromium.execute_script(
        "const n = tnCy.getElementById(arguments[0]); const p = n.renderedPosition();"
        "const c = document.getElementById('cy'); return [p.x, p.y, c.clientWidth,"
        " c.clientHeight];", f"n{bla['id']}")
    panel = chromium.find_element(By.ID, "panel")
    assert 0 < x < w - panel.size["width"] and 0 < y < h
    assert panel.find_element(By.CSS_SELECTOR, ".panel-title").text == BLA
    # predicate labels on the selected actor's facts
    labels = chromium.execute_script(
        "return tnCy.getElementById(arguments[0]).connectedEdges()"
        ".map(e => e.style('label'))", f"n{bla['id']}")
    assert labels and all(label for label in labels)
    # pin: locked and kept; expand a neighbour: its neighbours join the focus
    chromium.find_element(By.CSS_SELECTOR, "#panel button.pin").click()
    assert chromium.execute_script("return tnCy.getElementById(arguments[0]).locked()",
                                   f"n{bla['id']}")
    other = next(iter(near - {bla["id"]}))
    beyond = {e["target"] for e in data["edges"] if e["source"] == other} | \
        {e["source"] for e in data["edges"] if e["target"] == other}
    chromium.execute_script("tnCy.getElementById(arguments[0]).emit('tap')", f"n{other}")
    chromium.find_element(By.CSS_SELECTOR, "#panel button.expand").click()
    shown = set(chromium.execute_script(
        "return tnCy.nodes().filter(n => !n.hasClass('hidden')).map(n => n.data('actor'))"))
    assert shown == near | beyond
    chromium.find_element(By.ID, "clear-focus").click()
    assert chromium.execute_script(
        "return tnCy.nodes().filter(n => n.hasClass('hidden')).length") == 0


def test_labels_hubs_first_without_overlap(chromium, live_server, client):
    data = client.get("/api/network").json()
    _open_network(chromium, live_server + "/network")
    # labels placed for the current zoom (a fit after the filters relabels 120 ms later)
    WebDriverWait(chromium, 10).until(lambda d: d.execute_script(
        "const l = tnCy.nodes('.lbl'); return l.length > 0 && l.every(n => "
        "Math.abs(parseFloat(n.renderedStyle('font-size')) - 12) < 1)"))
    boxes = chromium.execute_script(
        "return tnCy.nodes('.lbl').map(n => { const b = n.renderedBoundingBox("
        "{includeNodes: false, includeEdges: false, includeLabels: true, includeOverlays: false,"
        " includeUnderlays: false}); return [n.data('label'), b.x1, b.y1,"
        " b.x2, b.y2, n.renderedStyle('font-size')]; })")
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            overlap = a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]
            assert not overlap, (a[0], b[0])
    # sized for the zoom: about 12 px on screen whatever the zoom
    assert all(abs(float(b[5].removesuffix("px")) - 12) < 1 for b in boxes)
    hub = max(data["nodes"], key=lambda n: n["degree"])
    assert hub["name"] in [b[0] for b in boxes]
    chromium.execute_script("tnCy.zoom({level: tnCy.zoom() * 3, renderedPosition: "
                            "{x: 400, y: 300}})")
    WebDriverWait(chromium, 5).until(lambda d: d.execute_script(
        "return tnCy.nodes('.lbl').every(n => Math.abs(parseFloat("
        "n.renderedStyle('font-size')) - 12) < 1)"))


def test_time_slider_redraws_what_was_seen_between(chromium, live_server, client):
    data = client.get("/api/network").json()
    _open_network(chromium, live_server + "/network")
    months = sorted({d[:7] for e in data["edges"] for d in (e["first_seen"], e["last_seen"])
                     if d})
    cut = len(months) // 2
    chromium.execute_script(
        "const r = document.getElementById('time-to'); r.value = arguments[0];"
        "r.dispatchEvent(new Event('input'));", cut)
    until = months[cut]
    expected = sum(1 for e in data["edges"] if not e["first_seen"]
                   or e["first_seen"][:7] <= until)
    shown = chromium.execute_script(
        "return tnCy.edges().filter(e => !e.hasClass('hidden')).length")
    assert shown == expected < len(data["edges"])
    assert chromium.find_element(By.ID, "date-to").get_attribute("value") == until
    assert until in chromium.find_element(By.ID, "time-value").text


def test_summary_counts_actors_apart_from_places_and_capabilities(chromium, live_server,
                                                                  client):
    data = client.get("/api/network?all_types=true").json()
    actors = sum(1 for n in data["nodes"] if n["type"] in ACTOR_TYPES)
    others = len(data["nodes"]) - actors
    assert others > 0
    _open_network(chromium, live_server + "/network?all_types=1")
    text = chromium.find_element(By.ID, "summary").text
    assert text.startswith(f"{actors} actors, {others} other entities, ")


def _month(m: str) -> int:
    return int(m[:4]) * 12 + int(m[5:7])


def test_actor_page_filters_sorts_links_and_a_time_axis(chromium, live_server, client):
    data = client.get("/api/actors/BLA?limit=25").json()
    facts = [f for fs in data["facts"].values() for f in fs]
    chromium.get(f"{live_server}/actors/BLA")
    groups = "return [...document.querySelectorAll('tbody.fact-group')]"
    assert chromium.execute_script(groups + ".length") == len(facts)
    form = chromium.find_element(By.ID, "fact-filters")

    def shown(attribute: str) -> list[str]:
        return chromium.execute_script(
            groups + ".filter(g => !g.hidden).map(g => g.dataset[arguments[0]])", attribute)

    def choose(name: str, value: str) -> None:
        from selenium.webdriver.support.ui import Select
        Select(form.find_element(By.NAME, name)).select_by_visible_text(value)

    choose("modality", "reported")
    expected = [f for f in facts if "reported" in (f["strongest_for"], f["strongest_against"])]
    assert expected and len(shown("grade")) == len(expected) < len(facts)
    assert f"{len(expected)} of {len(facts)}" in chromium.find_element(By.ID, "facts-shown").text
    choose("modality", "any")
    source = sorted({s for f in facts for s in f["sources_for"]} - {"(author)"})[0]
    choose("source", source)
    assert len(shown("grade")) == sum(1 for f in facts if source in f["sources_for"] +
                                      f["sources_against"])
    choose("source", "any")
    grade = facts[0]["grade"]["code"]
    choose("grade", grade)
    assert set(shown("grade")) == {grade}
    choose("grade", "any")
    choose("class", "opposition")
    assert set(shown("class")) == {"opposition"}
    assert not [s for s in chromium.find_elements(By.CSS_SELECTOR, "section.fact-class")
                if s.is_displayed() and s.get_attribute("data-class") != "opposition"]
    choose("class", "any")
    # seen from a month: facts last seen before it are hidden
    months = sorted({f["last_seen"][:7] for f in facts if f["last_seen"]})
    chromium.execute_script("const i = document.querySelector('#fact-filters [name=from]');"
                            "i.value = arguments[0]; i.dispatchEvent(new Event('input', "
                            "{bubbles: true}));", months[-1])
    assert all(last[:7] >= months[-1] for last in shown("last") if last)
    chromium.execute_script("const i = document.querySelector('#fact-filters [name=from]');"
                            "i.value = ''; i.dispatchEvent(new Event('input', {bubbles: true}));")
    # sorted by the latest seen, within each class
    choose("sort", "latest seen")
    for table in chromium.find_elements(By.CSS_SELECTOR, "table.facts"):
        lasts = [g.get_attribute("data-last") for g in
                 table.find_elements(By.CSS_SELECTOR, "tbody.fact-group")]
        assert lasts == sorted(lasts, reverse=True)
    # the timeline: a bar's x is its month's distance from the first month
    bars = chromium.execute_script(
        "return [...document.querySelectorAll('svg.chart rect.bar')].map(b => "
        "[b.dataset.month, parseFloat(b.getAttribute('x'))])")
    assert len(bars) == len([m for m in data["timeline"] if m != "unknown"]) > 2
    step = (bars[1][1] - bars[0][1]) / (_month(bars[1][0]) - _month(bars[0][0]))
    for month, x in bars:
        assert abs(x - (_month(month) - _month(bars[0][0])) * step) < 0.5
    assert chromium.find_elements(By.CSS_SELECTOR, "svg.chart text.year")
    # parents, factions and leaders link to their pages
    links = chromium.find_elements(By.CSS_SELECTOR, ".facts-head .rel a")
    names = {i["name"] for k in ("parents", "factions", "leaders") for i in data[k]}
    assert links and {a.text for a in links} <= names
    target = links[0].text
    links[0].click()
    WebDriverWait(chromium, 10).until(
        lambda d: d.find_element(By.ID, "actor-name").text.startswith(target))
