"""Incidents in the exports: STIX 2.1 `incident` objects with `attributed-to` relationships
keeping the modality (valid under stix2-validator, stable through import and export), a
MISP event per incident, the incidents CSV, and derived edges in the network."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from stix2validator import ValidationOptions, validate_string

from threatnet.store import Store

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "analyse"))
from incidentrecords import bannu_reports  # noqa: E402


@pytest.fixture(scope="module")
def incident_url(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('incidents') / 'kb.db'}"
    with Store(url) as store:
        for record in bannu_reports():
            store.save(record)
    return url


@pytest.fixture(scope="module")
def data(incident_url):
    from threatnet.export.common import collect

    with Store(incident_url) as store, store.session() as s:
        return collect(s)


@pytest.fixture(scope="module")
def bundle_text(data) -> str:
    from threatnet.export.stix import bundle_json

    return bundle_json(data)


def objects(bundle_text: str, kind: str) -> list[dict]:
    return [o for o in json.loads(bundle_text)["objects"] if o["type"] == kind]


def test_stix_bundle_with_incidents_validates(bundle_text):
    result = validate_string(bundle_text, ValidationOptions(version="2.1"))
    assert result.errors == [] and result.is_valid
    incidents = objects(bundle_text, "incident")
    assert len(incidents) == 3  # the Bannu attack of two reports is one incident
    bannu = next(i for i in incidents if "Bannu" in i["x_threatnet_incident"]["places"])
    assert bannu["x_threatnet_incident"]["killed"] == "3 (author) / 4 (Police officials)"
    assert bannu["x_threatnet_incident"]["differing"] == ["killed"]


def test_attributed_to_keeps_the_modality_and_every_attribution(bundle_text):
    names = {o["id"]: o.get("name") for o in json.loads(bundle_text)["objects"]}
    rels = {(names[r["source_ref"]].split(",")[1].strip(), names[r["target_ref"]]): r
            for r in objects(bundle_text, "relationship")
            if r["relationship_type"] == "attributed-to"}
    assert set(rels) == {("Bannu", "Tehrik-i-Taliban Pakistan"),
                         ("Quetta", "Balochistan Liberation Army"),
                         ("Peshawar", "Tehrik-i-Taliban Pakistan")}
    assert rels[("Bannu", "Tehrik-i-Taliban Pakistan")]["x_threatnet_modality"] == "reported"
    assert {(a["modality"], a["source"]) for a in rels[("Bannu", "Tehrik-i-Taliban Pakistan")][
        "x_threatnet_attributions"]} == {("alleged", "The Tehrik-i-Taliban Pakistan"),
                                         ("reported", "Officials")}
    assert rels[("Quetta", "Balochistan Liberation Army")]["x_threatnet_modality"] == "believed"
    peshawar = rels[("Peshawar", "Tehrik-i-Taliban Pakistan")]
    assert peshawar["x_threatnet_modality"] == "alleged"
    assert ("negated", "The TTP") in {(a["polarity"], a["source"])
                                      for a in peshawar["x_threatnet_attributions"]}
    # every attribution's claim note points at it
    notes = objects(bundle_text, "note")
    for rel in rels.values():
        assert any(rel["id"] in n["object_refs"] for n in notes)


def test_derived_relations_are_marked_and_never_claims(bundle_text):
    names = {o["id"]: o.get("name") for o in json.loads(bundle_text)["objects"]}
    derived = [r for r in objects(bundle_text, "relationship")
               if r.get("x_threatnet_derived") == "incidents"]
    pairs = {(names[r["source_ref"]], r["relationship_type"], names[r["target_ref"]])
             for r in derived}
    assert ("Tehrik-i-Taliban Pakistan", "operates-in", "Bannu") in pairs
    assert ("Balochistan Liberation Army", "targets", "civilians") in pairs
    claimed = {(n["x_threatnet_claim"]["predicate"]) for n in objects(bundle_text, "note")}
    assert "operates_in" not in claimed


def test_import_and_export_again_gives_the_same_objects(bundle_text, tmp_path):
    from threatnet.export.common import collect
    from threatnet.export.stix import bundle_json
    from threatnet.ingest.stix_import import import_bundle
    from threatnet.resolve.pack import load_actor_pack

    path = tmp_path / "bundle.json"
    path.write_text(bundle_text, encoding="utf-8")
    with Store(f"sqlite:///{tmp_path / 'again.db'}") as store:
        import_bundle(store, path, tmp_path / "pack")  # every actor is the pack's: no overlay
        assert not (tmp_path / "pack").exists()
        with store.session() as s:
            again = json.loads(bundle_json(collect(s, pack=load_actor_pack())))
    before = {o["id"]: o for o in json.loads(bundle_text)["objects"]}
    after = {o["id"]: o for o in again["objects"]}
    assert set(after) == set(before)
    assert [i for i in before if before[i] != after[i]] == []


def test_misp_event_per_incident_keeps_attributions_apart(data):
    from threatnet.export.misp import events_json

    events = [json.loads(text)["Event"] for _, text in events_json(data)]
    assert len(events) == len(data.documents) + 3
    incidents = [e for e in events if any(t["name"] == "threatnet:incident"
                                          for t in e.get("Tag", []))]
    assert len(incidents) == 3
    bannu = next(e for e in incidents if "Bannu" in e["info"])
    actors = [a for a in bannu["Attribute"] if a["type"] == "threat-actor"]
    assert {a["comment"] for a in actors} == {
        "perpetrated: alleged (The Tehrik-i-Taliban Pakistan)",
        "perpetrated: reported (Officials)"}
    counters = {(a["value"], a["comment"].split(" (")[0]) for a in bannu["Attribute"]
                if a["type"] == "counter"}
    assert counters == {("3", "killed, according to the author"),
                        ("2", "wounded, according to the author"),
                        ("4", "killed, according to Police officials")}
    peshawar = next(e for e in incidents if "Peshawar" in e["info"])
    denial = [a for a in peshawar["Attribute"] if "denied" in a["comment"]]
    assert denial and {'threatnet:polarity="negated"'} <= {t["name"] for t in denial[0]["Tag"]}
    assert events_json(data) == events_json(data)  # stable uuids


def test_incidents_csv(data, tmp_path):
    import csv

    from threatnet.analyse.incidents import COLUMNS
    from threatnet.export.tables import write_csv

    paths = write_csv(data, tmp_path)
    assert [p.name for p in paths][-1] == "incidents.csv"
    rows = list(csv.DictReader((tmp_path / "incidents.csv").open(encoding="utf-8")))
    assert list(rows[0]) == COLUMNS and len(rows) == 3


def test_network_marks_derived_edges(data):
    from threatnet.export.network import graphml, network

    graph = network(data, everything=True)
    derived = [(graph.nodes[a]["label"], e["predicate"], graph.nodes[b]["label"], e["modality"])
               for a, b, e in graph.edges(data=True) if e.get("derived") == "incidents"]
    assert ("Tehrik-i-Taliban Pakistan", "attacks", "police", "reported") in derived
    assert ("Balochistan Liberation Army", "operates_in", "Quetta",
            "believed") in derived
    assert "derived" in graphml(data, everything=True)
    assert not [e for *_, e in network(data).edges(data=True) if e.get("derived")]
