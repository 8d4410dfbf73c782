"""The pages in a real browser (headless Chromium): network, actor, document, XSS.

Screenshots go to the artefacts folder (THREATNET_ARTEFACTS, else a pytest
tmp dir); with THREATNET_UPDATE_DOCS=1 the network, actor and document ones
are also written to docs/ for the README.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import quote

import pytest
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

pytestmark = pytest.mark.browser
DOCS = Path(__file__).resolve().parents[2] / "docs"
BLA = "Balochistan Liberation Army"
XSS_TITLE = '"><img src=x onerror="window.__xss=\'title\'">'
XSS_REPORT = (
    "<script>window.__xss = 'script'</script> Islamabad. According to police, the "
    "Balochistan Liberation Army attacks Pakistan in Quetta. "
    "Tehrik-i-Taliban Pakistan, described by \" onmouseover=\"window.__xss='attr'\" x=\" "
    "sources, cooperates with the Balochistan Liberation Army. "
    "<svg onload=\"window.__xss='svg'\"></svg> "
    "'><iframe src=\"javascript:window.top.__xss='iframe'\"></iframe>\n")


def _shot(driver, artefacts: Path, name: str) -> None:
    path = artefacts / f"{name}.png"
    driver.save_screenshot(str(path))
    if os.environ.get("THREATNET_UPDATE_DOCS") == "1":
        DOCS.mkdir(exist_ok=True)
        shutil.copy(path, DOCS / f"screenshot-{name}.png")


def _wait_network(driver) -> None:
    WebDriverWait(driver, 30).until(
        lambda d: d.execute_script("return document.getElementById('cy').dataset.ready"
                                   " === '1'"))


def _csp_errors(driver) -> list[str]:
    return [e["message"] for e in driver.get_log("browser")
            if "Content Security Policy" in e["message"]]


def test_network_renders_and_a_click_opens_an_actor(chromium, live_server, client, artefacts):
    expected = client.get("/api/network").json()
    chromium.get(live_server + "/network")
    _wait_network(chromium)
    assert chromium.execute_script("return tnCy.nodes().length") == len(expected["nodes"])
    assert chromium.execute_script("return tnCy.edges().length") == len(expected["edges"])
    assert "actors" in chromium.find_element(By.ID, "summary").text
    _shot(chromium, artefacts, "network")
    # filters act in place: without the alignment class, fewer facts are shown
    shown = chromium.execute_script("return tnCy.edges(':visible').length")
    chromium.find_element(By.CSS_SELECTOR, ".class-filter[value=alignment]").click()
    visible = "return tnCy.edges(':visible').length"
    WebDriverWait(chromium, 10).until(lambda d: d.execute_script(visible) < shown)
    chromium.find_element(By.CSS_SELECTOR, ".class-filter[value=alignment]").click()
    WebDriverWait(chromium, 10).until(lambda d: d.execute_script(visible) == shown)
    # a real mouse click on the BLA node opens its profile
    x, y = chromium.execute_script(
        "const n = tnCy.nodes().filter(n => n.data('label') === arguments[0])[0];"
        "tnCy.zoom(1.5); tnCy.center(n); const p = n.renderedPosition(); return [p.x, p.y];",
        BLA)
    cy = chromium.find_element(By.ID, "cy")
    size = cy.size
    ActionChains(chromium).move_to_element_with_offset(
        cy, int(x - size["width"] / 2), int(y - size["height"] / 2)).click().perform()
    # the click opens the actor's panel, whose first action is its profile
    WebDriverWait(chromium, 10).until(lambda d: d.find_elements(By.ID, "open-profile"))
    chromium.find_element(By.ID, "open-profile").click()
    WebDriverWait(chromium, 10).until(lambda d: "/actors/" in d.current_url)
    assert chromium.find_element(By.ID, "actor-name").text.startswith(BLA)
    assert not _csp_errors(chromium)


def test_actor_profile(chromium, live_server, artefacts):
    chromium.get(f"{live_server}/actors/BLA")
    assert chromium.find_element(By.ID, "actor-name").text.startswith(BLA)
    assert chromium.find_elements(By.CSS_SELECTOR, "svg.chart rect.bar")
    assert chromium.find_elements(By.CSS_SELECTOR, "ul.tree li")  # capability tree
    rows = chromium.find_elements(By.CSS_SELECTOR, "table.facts tr.fact")
    assert len(rows) > 5
    _shot(chromium, artefacts, "actor")
    chromium.find_element(By.PARTIAL_LINK_TEXT, "contradictions").click()
    assert chromium.find_elements(By.CSS_SELECTOR, ".conflict")
    _shot(chromium, artefacts, "contradictions")


def test_document_highlights_every_claim_at_its_evidence(chromium, live_server, client,
                                                         artefacts):
    doc = next(d for d in client.get("/api/documents").json()
               if d["title"] == "dev-ttp-merger-2020")
    data = client.get(f"/api/documents/{doc['id']}").json()
    chromium.get(f"{live_server}/documents/{doc['id']}")
    claims = chromium.find_elements(By.CSS_SELECTOR, "li.claim[data-claim-id]")
    assert len(claims) == len(data["claims"]) > 3
    text = data["document"]["text"]
    for c in data["claims"]:
        marks = chromium.execute_script(
            "return [...document.querySelectorAll('mark.ev[data-claim-ids]')].filter(m => "
            "m.dataset.claimIds.split(' ').includes(String(arguments[0])))"
            ".map(m => [m.textContent, m.className])", c["id"])
        ev = c["evidence"]
        assert "".join(t for t, _ in marks) == text[ev["start"]:ev["end"]], c["id"]
        assert all("m-" in cls for _, cls in marks)
    negated = [c for c in data["claims"] if c["polarity"] == "negated"]
    first = data["claims"][0]
    li = chromium.find_element(By.ID, f"claim-{first['id']}")
    ActionChains(chromium).move_to_element(li).perform()
    focused = chromium.find_elements(By.CSS_SELECTOR, "mark.ev.focus")
    assert focused and all(str(first["id"]) in m.get_attribute("data-claim-ids").split()
                           for m in focused)
    colour = focused[0].value_of_css_property("background-color")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")
    if negated:
        assert chromium.find_elements(By.CSS_SELECTOR, "mark.ev.p-negated")
    _shot(chromium, artefacts, "document")


def test_search_any_script(chromium, live_server):
    chromium.get(live_server + "/network")
    box = chromium.find_element(By.CSS_SELECTOR, "header .search input")
    box.send_keys("بی ایل اے\n")
    WebDriverWait(chromium, 10).until(lambda d: "/search" in d.current_url)
    names = [a.text for a in chromium.find_elements(By.CSS_SELECTOR, "#entity-results a")]
    assert BLA in names


def _no_script_ran(driver) -> None:
    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert.text  # noqa: B018
    assert driver.execute_script("return window.__xss === undefined")
    found = driver.execute_script(
        "return [...document.querySelectorAll('*')].filter(e => [...e.attributes].some("
        "a => a.name.startsWith('on'))).map(e => e.outerHTML.slice(0, 80))")
    assert found == []
    scripts = driver.execute_script(
        "return [...document.scripts].map(s => s.getAttribute('src') || s.textContent)")
    assert all(s.startswith("/static/") for s in scripts), scripts
    assert not driver.find_elements(By.CSS_SELECTOR, "iframe, main svg:not(.chart), img")


def test_hostile_report_runs_nothing(chromium, live_server, artefacts):
    chromium.get(live_server + "/reports/new")
    chromium.find_element(By.NAME, "title").send_keys(XSS_TITLE)
    chromium.find_element(By.NAME, "published").send_keys("2025-05-01")
    chromium.execute_script("document.querySelector('textarea[name=text]').value = "
                            "arguments[0]", XSS_REPORT)
    chromium.find_element(By.ID, "submit-report").click()
    WebDriverWait(chromium, 60).until(lambda d: "added=" in d.current_url)
    assert "Report stored as a new document" in chromium.find_element(By.ID, "added").text
    page_text = chromium.find_element(By.ID, "doc-text").text
    assert "<script>window.__xss = 'script'</script>" in page_text  # shown, as text
    assert chromium.find_element(By.TAG_NAME, "h1").text == XSS_TITLE
    for mark in chromium.find_elements(By.CSS_SELECTOR, "mark.ev"):  # hover every highlight
        ActionChains(chromium).move_to_element(mark).perform()
    _no_script_ran(chromium)
    _shot(chromium, artefacts, "xss-document")
    for path in ("/documents", "/search?q=onmouseover", "/search?q=%3Cscript%3E",
                 "/actors/BLA", "/contradictions"):
        chromium.get(live_server + path)
        _no_script_ran(chromium)
    chromium.get(live_server + "/network?all_types=1")
    _wait_network(chromium)
    _no_script_ran(chromium)


def test_attribute_injection_in_echoed_values_runs_nothing(chromium, live_server):
    payload = '" autofocus onfocus="window.__xss=\'attr\'" x="'
    chromium.get(live_server + "/search?q=" + quote(payload))
    box = chromium.find_element(By.CSS_SELECTOR, "main input[name=q]")
    assert box.get_attribute("value") == payload  # the whole payload stayed one value
    box.click()
    _no_script_ran(chromium)
    # a form sent back with an error repeats the title in its value attribute
    chromium.get(live_server + "/reports/new")
    chromium.find_element(By.NAME, "title").send_keys(payload)
    chromium.find_element(By.ID, "submit-report").click()
    # the click returns before the answer page is loaded when the machine is busy
    error = WebDriverWait(chromium, 30).until(lambda d: d.find_elements(By.ID, "form-error"))
    assert "paste the report" in error[0].text
    title = chromium.find_element(By.NAME, "title")
    assert title.get_attribute("value") == payload
    title.click()
    _no_script_ran(chromium)
