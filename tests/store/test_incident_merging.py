"""One incident across reports, on SQLite and PostgreSQL: documents telling of the same
attack are one incident holding every account; the matcher's merges are decisions an
analyst can undo, and merges and splits survive re-extraction."""

from __future__ import annotations

import sys
from pathlib import Path

from sqlalchemy import select

from threatnet.model import Incident
from threatnet.store import Store
from threatnet.store.incidents import MATCHER, kinds_compatible
from threatnet.store.schema import DecisionRow, EntityRow, IncidentRow

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "analyse"))
from incidentrecords import Report, dawn, denial, quetta, wire  # noqa: E402


def incident_rows(store: Store) -> dict[str, tuple[int, int | None]]:
    """document source -> (its incident's row, what that row is merged into)."""
    from threatnet.store.schema import DocumentRow

    with store.session() as s:
        return {src: (e, m) for src, e, m in s.execute(
            select(DocumentRow.source, IncidentRow.entity_id, EntityRow.merged_into)
            .join(IncidentRow, IncidentRow.document_id == DocumentRow.id)
            .join(EntityRow, EntityRow.id == IncidentRow.entity_id))}


def test_two_reports_of_one_attack_are_one_incident_with_both_accounts(store):
    for r in (dawn(), wire(), quetta()):
        store.save(r.record())
    rows = incident_rows(store)
    dawn_row, _ = rows["dawn-bannu.txt"]
    wire_row, wire_into = rows["wire-bannu.txt"]
    assert wire_into == dawn_row  # one day apart, both in Bannu, both attacks
    assert rows["quetta-bus.txt"][1] is None  # elsewhere, another kind
    # every report's claims now sit on the one incident
    claims = store.claims(subject=str(dawn_row)) + store.claims(object=str(dawn_row))
    assert {c["document"] for c in claims} == {dawn().document.id, wire().document.id}
    perpetrators = {(c["subject"], c["modality"], c["source"]) for c in claims
                    if c["predicate"] == "perpetrated"}
    assert perpetrators == {("Tehrik-i-Taliban Pakistan", "alleged",
                             "The Tehrik-i-Taliban Pakistan"),
                            ("Tehrik-i-Taliban Pakistan", "reported", "Officials")}
    with store.session() as s:
        merges = [d for d in s.scalars(select(DecisionRow)) if d.kind == "merge"]
    assert [(d.author, d.payload["keep"], d.payload["other"]) for d in merges] == [
        (MATCHER, dawn_row, wire_row)]
    assert "1 day(s) apart" in merges[0].payload["evidence"]


def test_a_split_survives_re_extraction(store):
    store.save(dawn().record())
    store.save(wire().record())
    whole, part = incident_rows(store)["dawn-bannu.txt"][0], \
        incident_rows(store)["wire-bannu.txt"][0]
    store.split(whole, part, author="analyst")
    assert incident_rows(store)["wire-bannu.txt"][1] is None
    # a new extractor version re-extracts the report, with a name of its own this time
    again = wire()
    again.entities[1].name = "attack on a checkpoint in Bannu"
    assert store.save(again.record("test-2")) == "reextracted"
    assert incident_rows(store)["wire-bannu.txt"] == (part, None)
    with store.session() as s:
        assert [d.kind for d in s.scalars(select(DecisionRow).order_by(DecisionRow.id))] == [
            "merge", "split"]


def test_an_analysts_merge_survives_re_extraction(store):
    store.save(dawn(date="2024-06-14").record())  # ten days before the wire's date
    store.save(wire().record())
    rows = incident_rows(store)
    assert rows["wire-bannu.txt"][1] is None
    store.merge(rows["dawn-bannu.txt"][0], rows["wire-bannu.txt"][0], author="analyst")
    store.save(wire().record("test-2"))
    assert incident_rows(store)["wire-bannu.txt"][1] == rows["dawn-bannu.txt"][0]


def test_no_merge_across_places_dates_kinds_or_within_a_document(store):
    store.save(dawn().record())
    far = wire(date="2024-06-29")  # five days later
    store.save(far.record())
    other = Report("karak.txt", "2024-06-25", "Militants abducted workers in Karak on Monday.")
    karak = other.entity("Karak", "location", "Karak")
    other.entity("abduction of workers, Karak, 2024-06-24", "event", "abducted",
                 incident=Incident("abduction", "2024-06-24", karak))
    store.save(other.record())
    two = Report("two.txt", "2024-06-26", "A blast hit Bannu on Monday. A second blast hit "
                 "Bannu on Tuesday.")
    bannu = two.entity("Bannu", "location", "Bannu", pack_id="bannu")
    two.entity("blast, Bannu, 2024-06-24", "event", "A blast",
               incident=Incident("blast", "2024-06-24", bannu))
    two.entity("blast, Bannu, 2024-06-25", "event", "second blast",
               incident=Incident("blast", "2024-06-25", bannu))
    store.save(two.record())
    with store.session() as s:
        rows = s.execute(select(IncidentRow.name, EntityRow.merged_into).join(
            EntityRow, EntityRow.id == IncidentRow.entity_id)).all()
    merged = {name for name, into in rows if into is not None}
    # only one of the two blasts may join the Monday attack in Bannu, never both
    assert len(merged) <= 1 and merged <= {"blast, Bannu, 2024-06-24",
                                           "blast, Bannu, 2024-06-25"}
    # five days apart in one place is no merge, but it is proposed to an analyst
    proposed = [p for p in store.same_as() if "possibly the same incident" in p["evidence"]]
    [far_off] = [p for p in proposed if {p["a"], p["b"]} == {
        "attack on a police post, Bannu, 2024-06-24",
        "attack on a police checkpoint, Bannu, 2024-06-29"}]
    assert "5 day(s) apart, same place" in far_off["evidence"]
    assert not [p for p in store.same_as() if "Karak" in p["a"] + p["b"]]


def test_a_place_inside_the_other_matches():
    # Bannu lies in Khyber Pakhtunkhwa (the actor pack's hierarchy)
    from threatnet.analyse.graded import store_pack

    assert "khyber_pakhtunkhwa" in store_pack().ancestors("bannu")
    assert kinds_compatible("suicide bombing", "blast")
    assert kinds_compatible("attack", "abduction")
    assert not kinds_compatible("abduction", "bombing")


def test_province_level_report_joins_the_district_incident(store):
    store.save(dawn().record())
    kp = Report("kp.txt", "2024-06-25", "Militants attacked police in Khyber Pakhtunkhwa on "
                "Monday.")
    province = kp.entity("Khyber Pakhtunkhwa", "location", "Khyber Pakhtunkhwa",
                         pack_id="khyber_pakhtunkhwa")
    kp.entity("attack on police, Khyber Pakhtunkhwa, 2024-06-24", "event", "attacked",
              incident=Incident("shooting", "2024-06-24", province))
    store.save(kp.record())
    rows = incident_rows(store)
    assert rows["kp.txt"][1] == rows["dawn-bannu.txt"][0]


def test_re_extraction_keeps_the_documents_own_incident_rows(store):
    store.save(denial().record())
    before = incident_rows(store)["peshawar-journalist.txt"]
    store.save(denial().record("test-2"))
    assert incident_rows(store)["peshawar-journalist.txt"] == before
    with store.session() as s:
        assert len(s.scalars(select(IncidentRow)).all()) == 1


def test_two_writers_storing_one_attack_at_once_still_make_one_incident(store, monkeypatch):
    import threading
    import time

    from threatnet.store import incidents

    slow = threading.Event()
    save_accounts = incidents.save_accounts

    def held(s, record, ids):  # the first writer holds its transaction open a while
        save_accounts(s, record, ids)
        if record.document.source == "dawn-bannu.txt":
            slow.set()
            time.sleep(1.0)

    # the actors both reports name are stored already: nothing else holds the second back
    known = Report("known.txt", "2024-06-01", "The Tehrik-i-Taliban Pakistan (TTP) operates in "
                   "Bannu.")
    ttp = known.entity("Tehrik-i-Taliban Pakistan", "armed_group", "Tehrik-i-Taliban Pakistan",
                       "TTP", pack_id="ttp")
    bannu = known.entity("Bannu", "location", "Bannu", pack_id="bannu")
    known.claim(ttp, "operates_in", bannu, "operates in")
    store.save(known.record())
    monkeypatch.setattr(incidents, "save_accounts", held)
    first = threading.Thread(target=store.save, args=(dawn().record(),))
    first.start()
    assert slow.wait(30)
    store.save(wire().record())  # starts while the first is not committed yet
    first.join()
    rows = incident_rows(store)
    assert rows["wire-bannu.txt"][1] == rows["dawn-bannu.txt"][0]


def test_two_incidents_of_one_report_an_analyst_merged_stay_merged(store):
    two = Report("two-blasts.txt", "2024-06-26", "A blast hit Bannu on Monday. A second blast "
                 "hit Bannu on Tuesday.")
    bannu = two.entity("Bannu", "location", "Bannu", pack_id="bannu")
    two.entity("blast, Bannu, 2024-06-24", "event", "A blast",
               incident=Incident("blast", "2024-06-24", bannu))
    two.entity("blast, Bannu, 2024-06-25", "event", "second blast",
               incident=Incident("blast", "2024-06-25", bannu))
    store.save(two.record())
    with store.session() as s:
        first, second = s.scalars(select(IncidentRow.entity_id).order_by(IncidentRow.id))
    store.merge(first, second, author="analyst")  # the report tells one blast twice
    store.save(two.record("test-2"))
    with store.session() as s:
        rows = s.execute(select(IncidentRow.entity_id, EntityRow.merged_into).join(
            EntityRow, EntityRow.id == IncidentRow.entity_id).order_by(IncidentRow.id)).all()
    assert [tuple(r) for r in rows] == [(first, None), (second, first)]
