"""The JSON API with FastAPI's TestClient: the same answers as the store and the analysis."""

from __future__ import annotations

import pytest

from threatnet.analyse import contradictions, profile
from threatnet.analyse.claims import entities, load_claims
from threatnet.analyse.graph import load_facts

BLA = "Balochistan Liberation Army"
BLA_URDU = "بی ایل اے"


def test_network_has_every_fact_between_actors(client, store):
    data = client.get("/api/network").json()
    with store.session() as s:
        facts = load_facts(s)
    assert len(data["edges"]) == len(facts) > 20
    ids = {n["id"] for n in data["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids for e in data["edges"])
    names = {n["name"] for n in data["nodes"]}
    assert BLA in names
    assert {n["type"] for n in data["nodes"]} <= {"armed_group", "state", "government_body",
                                                  "organization", "person"}
    assert all(0 <= e["confidence"] <= 1 for e in data["edges"])


def test_network_filters_by_date_and_confidence(client):
    everything = client.get("/api/network").json()
    early = client.get("/api/network", params={"as_of": "2023"}).json()
    firm = client.get("/api/network", params={"min_confidence": 0.8}).json()
    assert 0 < len(early["edges"]) < len(everything["edges"])
    assert all(e["first_seen"] <= "2023-12-31" for e in early["edges"])
    assert 0 < len(firm["edges"]) < len(everything["edges"])
    assert all(e["confidence"] >= 0.8 for e in firm["edges"])
    wide = client.get("/api/network", params={"all_types": True}).json()
    assert "location" in wide["types"] and len(wide["edges"]) > len(everything["edges"])


def test_bad_parameters_are_one_clear_error(client):
    r = client.get("/api/network", params={"as_of": "June"})
    assert r.status_code == 400 and "not a date" in r.json()["error"]
    for where in ("/api/network", "/api/contradictions", f"/api/actors/{BLA}"):
        r = client.get(where, params={"as_of": "2023-02-31"})
        assert r.status_code == 400 and "calendar" in r.json()["error"], where
    r = client.get("/api/claims", params={"status": "maybe"})
    assert r.status_code == 400 and "unreviewed" in r.json()["error"]
    assert client.get("/api/network", params={"min_confidence": 2}).status_code == 422
    r = client.get("/api/actors/Nobody At All")
    assert r.status_code == 404 and "Nobody At All" in r.json()["error"]
    r = client.get("/api/documents/sha256:0000")
    assert r.status_code == 404


def test_actor_profile_is_the_cli_profile(client, store):
    by_name = client.get(f"/api/actors/{BLA}").json()
    by_alias = client.get(f"/api/actors/{BLA_URDU}").json()
    row = store.entity(BLA)
    by_id = client.get(f"/api/actors/{row.id}").json()
    with store.session() as s:
        expected = profile.build(s, row.id, client.app.state.resources.pack, evidence=True)
    assert by_name == by_alias == by_id
    assert by_name["actor"]["name"] == BLA and by_name["claims"] == expected["claims"] > 5
    assert by_name["facts"].keys() == expected["facts"].keys()


def test_contradictions_are_the_analysis(client, store):
    data = client.get("/api/contradictions").json()
    with store.session() as s:
        expected = contradictions.find(load_claims(s), entities(s),
                                       client.app.state.resources.pack).to_dict()
    assert data == expected and data["contradictions"]
    one = client.get("/api/contradictions", params={"actor": "BLA"}).json()
    assert 0 < len(one["contradictions"]) <= len(data["contradictions"])


def test_document_claims_point_into_the_text(client, store):
    docs = client.get("/api/documents").json()
    assert len(docs) == len(store.documents())
    doc = max(docs, key=lambda d: d["claims"])
    data = client.get(f"/api/documents/{doc['id']}").json()
    text = data["document"]["text"]
    assert len(data["claims"]) == doc["claims"] > 0
    for c in data["claims"]:
        ev = c["evidence"]
        assert text[ev["start"]:ev["end"]] == ev["text"]
        assert c["modality"] and c["polarity"] in ("affirmed", "negated") and c["source"]


def test_search_finds_aliases_in_any_script_and_documents(client):
    urdu = client.get("/api/search", params={"q": BLA_URDU}).json()
    assert BLA in [e["name"] for e in urdu["entities"]]
    latin = client.get("/api/search", params={"q": "baloch liberation"}).json()
    assert BLA in [e["name"] for e in latin["entities"]]
    docs = client.get("/api/search", params={"q": "Abbey Gate"}).json()["documents"]
    assert [d["title"] for d in docs] == ["dev-kabul-airport-iskp"]
    assert "Abbey Gate" in docs[0]["snippet"]
    assert client.get("/api/search", params={"q": "100%_"}).json()["documents"] == []


def test_openapi_documents_the_api(client):
    spec = client.get("/openapi.json").json()
    assert {"/api/network", "/api/actors/{actor}", "/api/documents/{document_id}",
            "/api/contradictions", "/api/search", "/api/reports"} <= spec["paths"].keys()
    page = client.get("/docs").text
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in page and "http" not in page
    assert client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200


@pytest.mark.parametrize("path", ["/network", f"/actors/{BLA}", "/contradictions",
                                  "/documents", "/search?q=TTP", "/reports/new", "/docs"])
def test_pages_render_with_a_strict_policy(client, path):
    r = client.get(path)
    assert r.status_code == 200, r.text[:300]
    csp = r.headers["content-security-policy"]
    assert "script-src 'self';" in csp and "unsafe-inline" not in csp.split("style-src")[0]
    assert r.headers["x-content-type-options"] == "nosniff"
