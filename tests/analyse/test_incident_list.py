"""Incidents as the analysis reads them (`analyse.incidents`, `analyse.incident_facts`), on
SQLite and PostgreSQL: columns, attributions kept exact, differing tallies, filters, and
the derived relations of the actor profile."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from threatnet.analyse import incident_facts, profile
from threatnet.analyse.graded import store_pack
from threatnet.analyse.incidents import COLUMNS, find_place, list_incidents
from threatnet.errors import UnknownActor
from threatnet.store import Store

sys.path.insert(0, str(Path(__file__).resolve().parent))
from incidentrecords import bannu_reports  # noqa: E402

# the store fixtures (a PostgreSQL server, `store_url` over both backends) of tests/store
_spec = importlib.util.spec_from_file_location(
    "_store_fixtures_incidents", Path(__file__).resolve().parents[1] / "store" / "conftest.py")
_fixtures = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = _fixtures
_spec.loader.exec_module(_fixtures)
pg_server, pg_database = _fixtures.pg_server, _fixtures.pg_database
backend, store_url = _fixtures.backend, _fixtures.store_url


@pytest.fixture
def filled(store_url):
    with Store(store_url) as store:
        for record in bannu_reports():
            store.save(record)
        yield store


def by_place(found: list[dict]) -> dict[str, dict]:
    return {i["place"].split(",")[0]: i for i in found}


def test_every_incident_with_the_columns_of_incident_databases(filled):
    with filled.session() as s:
        found = list_incidents(s, store_pack())
    assert len(found) == 3  # the Bannu attack told twice is one incident
    for incident in found:
        assert set(COLUMNS) <= set(incident)
    bannu = by_place(found)["Bannu"]
    assert bannu["place"] == "Bannu, Khyber Pakhtunkhwa, Pakistan"
    assert bannu["date"] in ("2024-06-23", "2024-06-24") and len(bannu["dates"]) == 2
    assert bannu["perpetrator"] == "Tehrik-i-Taliban Pakistan"
    assert "alleged (The Tehrik-i-Taliban Pakistan)" in bannu["attribution"]
    assert "reported (Officials)" in bannu["attribution"]
    assert bannu["target_type"] == "police"
    assert set(bannu["target"].split("; ")) == {"police post", "policemen",
                                                "police checkpoint", "police officers"}
    # the author of one report counts 3 dead, police officials in the other 4: both listed
    assert bannu["killed"] == "3 (author) / 4 (Police officials)"
    assert bannu["differing"] == ["killed"] and bannu["wounded"] == 2
    assert len(bannu["documents"]) == 2 and len(bannu["accounts"]) == 2
    for account in bannu["accounts"]:  # each account with its own sentences
        assert account["claims"] and all(c["evidence"]["text"] for c in account["claims"])


def test_suspicion_and_denial_are_never_the_authors_certainty(filled):
    with filled.session() as s:
        found = by_place(list_incidents(s, store_pack()))
    quetta = found["Quetta"]
    assert [(p["actor"], p["modality"], p["source"]) for p in quetta["perpetrators"]] == [
        ("Balochistan Liberation Army", "believed", "Police")]
    assert quetta["weapon"] == "IED" and quetta["tactic"] == "bombing"
    assert quetta["killed"] == 5 and quetta["target_type"] == "civilians; transport"
    peshawar = found["Peshawar"]
    assert {(p["polarity"], p["attribution"]) for p in peshawar["perpetrators"]} == {
        ("affirmed", "alleged (Police)"), ("negated", "denied (The TTP)")}


def test_filters_by_actor_date_and_place(filled):
    ttp = filled.entity("Tehrik-i-Taliban Pakistan").id
    bla = filled.entity("Balochistan Liberation Army").id
    pack = store_pack()
    with filled.session() as s:
        assert {i["place"].split(",")[0] for i in list_incidents(s, pack, actor_id=ttp)} == {
            "Bannu", "Peshawar"}
        assert [i["place"].split(",")[0] for i in list_incidents(s, pack, actor_id=bla)] == [
            "Quetta"]
        assert [i["date"] for i in list_incidents(s, pack, since="2024-07-01")] == [
            "2024-07-02"]
        bannu = find_place(s, "Bannu", pack)
        assert [i["place"] for i in list_incidents(s, pack, place=bannu)] == [
            "Bannu, Khyber Pakhtunkhwa, Pakistan"]
        # no report names the province: the pack knows Bannu and Peshawar lie in it
        kp = find_place(s, "KP", pack)
        assert kp[0] is None
        assert {i["place"].split(",")[0] for i in list_incidents(s, pack, place=kp)} == {
            "Bannu", "Peshawar"}
        with pytest.raises(UnknownActor):
            find_place(s, "Atlantis", pack)


def test_derived_relations_rest_on_the_incidents_and_keep_the_modality(filled):
    ttp = filled.entity("Tehrik-i-Taliban Pakistan").id
    with filled.session() as s:
        found = list_incidents(s, store_pack(), actor_id=ttp)
        derived = incident_facts.derive(found, ttp)
        data = profile.build(s, ttp, store_pack())
    attacks = {r["target_type"]: r for r in derived["attacks"]}
    assert set(attacks) == {"police", "journalists"}
    # officials' attribution (reported) is stronger than the group's own claim (alleged)
    assert attacks["police"]["strongest_modality"] == "reported"
    assert attacks["journalists"]["strongest_modality"] == "alleged"
    assert attacks["police"]["evidence"][0]["attribution"] == "reported (Officials)"
    assert {r["place"].split(",")[0] for r in derived["operates_in"]} == {"Bannu", "Peshawar"}
    section = data["incidents"]
    assert section["total"] == 2 and section["by_month"] == {"2024-06": 1, "2024-07": 1}
    assert section["attacks"] == derived["attacks"]
    # derived, not stored: no claim says the TTP attacks "police"
    assert not [c for c in filled.claims(subject="TTP") if c["predicate"] == "attacks"]


def test_the_extractors_attribution_cue_and_figures_given_as_text(store_url):
    from incidentrecords import Report

    from threatnet.model import Incident

    r = Report("kurram.txt", "2024-09-02", "Militants ambushed a convoy in Kurram on Sunday. "
               "Seven soldiers were killed. The TTP claimed the ambush.")
    kurram = r.entity("Kurram", "location", "Kurram")
    inc = r.entity("ambush of a convoy, Kurram, 2024-09-01", "event", "ambushed",
                   incident=Incident("ambush", "2024-09-01", kurram))
    ttp = r.entity("Tehrik-i-Taliban Pakistan", "armed_group", "TTP", pack_id="ttp")
    soldiers = r.entity("soldiers", "population", "soldiers")
    r.claim(ttp, "perpetrated", inc, "claimed the ambush", modality="alleged",
            source="The TTP", qualifiers={"attribution": "claimed"})
    r.claim(inc, "targets", soldiers, "Seven soldiers",
            qualifiers={"target_type": "military", "killed": "7"})
    with Store(store_url) as store:
        store.save(r.record())
        with store.session() as s:
            [found] = list_incidents(s, store_pack())
    assert found["attribution"] == "Tehrik-i-Taliban Pakistan: alleged (The TTP) [claimed]"
    assert found["killed"] == 7 and found["place"] == "Kurram"
