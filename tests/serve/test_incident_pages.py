"""The incident list, an incident's page with every account side by side, the actor
page's incidents section, and the JSON API, over a store of hand-built incident reports."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from threatnet.model import Incident
from threatnet.store import Store

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "analyse"))
from incidentrecords import Report, bannu_reports  # noqa: E402
from webclient import make_client  # noqa: E402


@pytest.fixture(scope="module")
def web(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('incident-web') / 'kb.db'}"
    with Store(url) as store:
        for record in bannu_reports():
            store.save(record)
        yield make_client(store, None), store  # no extraction: no spaCy


def bannu_id(client) -> int:
    found = client.get("/api/incidents", params={"place": "Bannu"}).json()
    assert len(found) == 1
    return found[0]["id"]


def test_api_lists_incidents_with_their_columns(web):
    client, _ = web
    data = client.get("/api/incidents").json()
    assert len(data) == 3
    assert {"date", "place", "perpetrator", "attribution", "target_type", "target", "tactic",
            "weapon", "killed", "wounded", "sources", "documents"} <= set(data[0])
    ttp = client.get("/api/incidents", params={"actor": "Tehrik-i-Taliban Pakistan"}).json()
    assert len(ttp) == 2
    assert client.get("/api/incidents", params={"since": "2024-07-01"}).json()[0][
        "kind"] == "shooting"
    assert client.get("/api/incidents", params={"since": "soon"}).status_code == 400
    assert client.get("/api/incidents", params={"place": "Atlantis"}).status_code == 404
    one = client.get(f"/api/incidents/{bannu_id(client)}").json()
    assert len(one["accounts"]) == 2
    assert client.get("/api/incidents/999999").status_code == 404
    assert "/api/incidents" in client.get("/openapi.json").json()["paths"]


def test_incident_page_shows_every_account_with_its_sentences(web):
    client, _ = web
    page = client.get(f"/incidents/{bannu_id(client)}")
    assert page.status_code == 200
    html = page.text
    assert html.count('class="account"') == 2
    assert "Police post attacked in Bannu" in html and "Checkpoint attacked" in html
    # each account's own sentences, the attributions as they were made
    assert "The Tehrik-i-Taliban Pakistan claimed responsibility for the attack." in html
    assert "Officials attributed the attack to the TTP." in html
    assert "alleged (The Tehrik-i-Taliban Pakistan)" in html and "reported (Officials)" in html
    assert "Differing accounts" in html and "Police officials" in html


def test_incident_list_page_and_filters(web):
    client, _ = web
    html = client.get("/incidents").text
    assert html.count('class="incident"') == 3 and 'href="/incidents"' in html
    assert "denied (The TTP)" in html
    only = client.get("/incidents", params={"actor": "Balochistan Liberation Army"}).text
    assert only.count('class="incident"') == 1 and "believed (Police)" in only
    assert client.get("/incidents", params={"since": "later"}).status_code == 400


def test_actor_page_has_its_incidents_by_month_and_what_they_show(web):
    client, store = web
    ttp = store.entity("Tehrik-i-Taliban Pakistan").id
    html = client.get(f"/actors/{ttp}").text
    assert 'id="actor-incidents"' in html
    assert "2024-06" in html and "2024-07" in html
    assert "Attacks (from its incidents)" in html and "journalists" in html
    profile = client.get(f"/api/actors/{ttp}").json()
    assert profile["incidents"]["by_month"] == {"2024-06": 1, "2024-07": 1}


def test_report_text_is_escaped(web):
    client, store = web
    r = Report("xss.txt", "2024-08-02", "Gunmen attacked <script>alert(1)</script> in Karak "
               "on Thursday.")
    karak = r.entity("Karak", "location", "Karak")
    inc = r.entity("attack <script>, Karak, 2024-08-01", "event", "attacked",
                   incident=Incident("attack", "2024-08-01", karak))
    r.claim(inc, "occurred_in", karak, "Gunmen attacked")
    store.save(r.record())
    html = client.get("/incidents").text
    assert "<script>alert" not in html and "&lt;script&gt;" in html


@pytest.mark.browser
def test_accounts_side_by_side_in_a_browser(web, chromium, artefacts):
    from selenium.webdriver.common.by import By
    from webclient import live

    from threatnet.serve import Settings, create_app

    client, store = web
    app = create_app(Settings(db=store.url), store=store)
    with live(app) as url:
        chromium.get(f"{url}/incidents/{bannu_id(client)}")
        accounts = chromium.find_elements(By.CSS_SELECTOR, "#accounts .account")
        assert len(accounts) == 2
        first, second = (a.rect for a in accounts)
        assert first["y"] == second["y"] and second["x"] > first["x"]  # side by side
        chromium.save_screenshot(str(artefacts / "incident.png"))
        assert not [e["message"] for e in chromium.get_log("browser")
                    if "Content Security Policy" in e["message"]]
