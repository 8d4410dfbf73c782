"""Copies count once, on SQLite and PostgreSQL: a report and three lightly edited copies
are one independent origin, a copy pasted in leaves every grade as it was, a different
report of the same event is a second source, a report stored after its copy becomes the
copy's origin, and two rewrites crediting one wire share the wire as their origin."""

from __future__ import annotations

import random

from sqlalchemy import select

from threatnet.analyse import profile
from threatnet.analyse.graded import store_pack
from threatnet.ingest import document_from_text
from threatnet.store import Store
from threatnet.store.schema import ClaimRow, CopyRow, FactGradeRow, SharedSentenceRow

BLA = "Balochistan Liberation Army"
REPORT = (
    "QUETTA: The Balochistan Liberation Army attacked a Frontier Corps convoy near Turbat on "
    "Monday, killing four soldiers.\n"
    "The BLA has been using improvised explosive devices against security forces in the "
    "province for several years.\n"
    "The group is hostile to the Pakistani state and has carried out dozens of attacks on "
    "Chinese nationals working on development projects.\n"
    "Security forces launched a search operation in the surrounding hills after the convoy "
    "was struck by the militants.\n"
    "The Pakistani military said the attackers fled towards the Iranian border after the "
    "ambush on the highway.\n"
    "Published on March 3, 2025.\n")
OTHER = (
    "TURBAT: Militants of the Balochistan Liberation Army attacked Frontier Corps vehicles on "
    "the coastal road on Monday evening.\n"
    "Residents said they heard heavy gunfire for nearly an hour before reinforcements "
    "arrived from the cantonment.\n"
    "Hospital sources said six wounded men were brought in, two of them in critical "
    "condition.\n"
    "Published on March 3, 2025.\n")
SWAPS = [("killing", "leaving dead"), ("several", "many"), ("launched", "began"),
         ("surrounding", "nearby"), ("fled", "escaped"), ("dozens", "scores"),
         ("working", "employed"), ("highway", "main road"), ("province", "region"),
         ("struck", "hit"), ("security forces", "the forces"), ("Monday", "Monday night"),
         ("development", "infrastructure")]


def copy_of(text: str, seed: int, headline: str, outlet: str) -> str:
    """`text` under another headline and outlet line, with about a tenth of its words
    changed."""
    swaps = SWAPS[:]
    random.Random(seed).shuffle(swaps)
    for old, new in swaps[:10]:
        text = text.replace(old, new, 1)
    return f"{headline}\n{outlet}\n{text}".replace("March 3", "March 4")


def save(store: Store, extractor, text: str, source: str, outlet: str | None) -> str:
    record = extractor.extract(document_from_text(text, source=source))
    store.save(record, outlet=outlet)
    return record.document.id


def author_facts(store: Store, reports: int) -> list[dict]:
    """The facts about the BLA that `reports` reports state in their own voice."""
    return [f for f in store.facts(BLA)
            if f["sources"] == ["(author)"] and f["claims_for"] == reports]


def grades(store: Store) -> dict[tuple, tuple]:
    with store.session() as s:
        return {(r.subject_id, r.predicate, r.object_id): (r.score, r.data["judgement"],
                                                           r.data["independent_sources"])
                for r in s.scalars(select(FactGradeRow))}


def test_a_report_and_three_edited_copies_are_one_origin(store, extractor):
    original = save(store, extractor, REPORT, "dawn.txt", "Dawn")
    copies = [save(store, extractor, copy_of(REPORT, n, headline, outlet), f"{n}.txt", outlet)
              for n, (headline, outlet) in enumerate([
                  ("Militants ambush FC convoy", "The Express Tribune"),
                  ("Four soldiers killed in Turbat attack", "Geo News"),
                  ("BLA strikes convoy near Turbat", "The News")])]
    with store.session() as s:
        pairs = {(r.document_id, r.original_id): r.copy for r in s.scalars(select(CopyRow))}
        origins = set(s.scalars(select(ClaimRow.origin).where(ClaimRow.document_id.in_(copies),
                                                              ClaimRow.source.is_(None))))
        assert s.scalar(select(SharedSentenceRow.id).where(
            SharedSentenceRow.original_id == original).limit(1)) is not None
    assert all(pairs[(copy, original)] for copy in copies)
    assert origins == {"Dawn"}
    facts = author_facts(store, 4)
    assert facts, "the four reports state facts of their own"
    assert {f["independent_sources"] for f in facts} == {1}
    with store.session() as s:
        built = profile.build(s, store.entity(BLA).id, store_pack(), explain=True)
    explained = [f["grade"]["explanation"] for group in built["facts"].values() for f in group
                 if f["claims_for"] == 4 and f["sources_for"] == ["(author)"]]
    assert explained
    assert all("4 reports, 1 independent: Dawn, Geo News, The Express Tribune and The News "
               "carry the same Dawn story" in e for e in explained)
    assert all(e.startswith("C3") for e in explained)  # one source: possibly true, not 1


def test_a_pasted_copy_leaves_every_grade_unchanged(store, extractor):
    save(store, extractor, REPORT, "dawn.txt", "Dawn")
    save(store, extractor, OTHER, "geo.txt", "Geo News")
    before = grades(store)
    pasted = save(store, extractor, "Pasted from a forum\n" + REPORT, "web form", None)
    with store.session() as s:
        assert set(s.scalars(select(ClaimRow.origin).where(ClaimRow.document_id == pasted,
                                                           ClaimRow.source.is_(None)))) \
            == {"Dawn"}
    after = grades(store)
    # every fact graded before keeps its grade (the copy's incident may stay an event of
    # its own, which the incident matcher decides: a new fact, not a changed grade)
    assert {key: after[key] for key in before} == before


def test_a_different_report_of_the_same_event_is_a_second_source(store, extractor):
    save(store, extractor, REPORT, "dawn.txt", "Dawn")
    other = save(store, extractor, OTHER, "geo.txt", "Geo News")
    with store.session() as s:
        assert s.scalars(select(CopyRow).where(CopyRow.document_id == other)).all() == []
        assert set(s.scalars(select(ClaimRow.origin).where(ClaimRow.document_id == other))) \
            == {None}
    both = [f for f in store.facts(BLA) if f["predicate"] == "attacks"
            and f["object"].lower().startswith("frontier corps") and f["claims_for"] == 2]
    assert both and both[0]["independent_sources"] == 2


def test_a_report_stored_after_its_copy_becomes_the_copys_origin(store, extractor):
    copy = save(store, extractor, copy_of(REPORT, 1, "Convoy attacked", "The News"), "n.txt",
                "The News")
    with store.session() as s:
        assert set(s.scalars(select(ClaimRow.origin).where(ClaimRow.document_id == copy))) \
            == {None}
    original = save(store, extractor, REPORT, "dawn.txt", "Dawn")  # published a day earlier
    with store.session() as s:
        assert s.scalar(select(CopyRow.copy).where(CopyRow.document_id == copy,
                                                    CopyRow.original_id == original))
        assert set(s.scalars(select(ClaimRow.origin).where(ClaimRow.document_id == copy,
                                                           ClaimRow.source.is_(None)))) \
            == {"Dawn"}
    assert {f["independent_sources"] for f in author_facts(store, 2)} == {1}


def test_two_rewrites_crediting_one_wire_have_the_wire_as_origin(store, extractor):
    save(store, extractor, "QUETTA (AFP) — " + REPORT.removeprefix("QUETTA: "), "d.txt",
         "Dawn")
    save(store, extractor, "By AFP\n" + OTHER, "g.txt", "Geo News")
    with store.session() as s:
        assert set(s.scalars(select(ClaimRow.origin).where(ClaimRow.source.is_(None)))) \
            == {"AFP"}
    both = [f for f in store.facts(BLA) if f["predicate"] == "attacks"
            and f["object"].lower().startswith("frontier corps") and f["claims_for"] == 2]
    assert both and both[0]["independent_sources"] == 1



def test_one_report_saying_a_thing_twice_is_one_report(store):
    from threatnet.model import (
        Claim,
        Entity,
        EntityType,
        Evidence,
        ExtractionRecord,
        Mention,
        Modality,
        Polarity,
    )

    text = ("The Balochistan Liberation Army is hostile to Pakistan.\n"
            "Again, the Balochistan Liberation Army is hostile to Pakistan.\n")
    document = document_from_text(text, source="twice.txt")
    second = text.index("Again")
    entities = [Entity(id="e1", name=BLA, type=EntityType.ARMED_GROUP, mentions=[
                    Mention(4, 4 + len(BLA), BLA), Mention(second + 11, second + 11 + len(BLA),
                                                           BLA)]),
                Entity(id="e2", name="Pakistan", type=EntityType.STATE, mentions=[
                    Mention(text.index("Pakistan"), text.index("Pakistan") + 8, "Pakistan")])]
    claims = [Claim(id=f"c{i}", subject="e1", predicate="hostile_to", object="e2",
                    polarity=Polarity.AFFIRMED, modality=Modality.ASSERTED,
                    evidence=Evidence(start, end, text[start:end]), confidence=0.9)
              for i, (start, end) in enumerate([(0, second - 1), (second, len(text) - 1)])]
    store.save(ExtractionRecord(document, entities, claims, extractor_version="test"))
    with store.session() as s:
        built = profile.build(s, store.entity(BLA).id, store_pack(), explain=True)
    [fact] = [f for group in built["facts"].values() for f in group
              if f["predicate"] == "hostile_to"]
    assert (fact["claims_for"], fact["independent_sources"]) == (2, 1)
    assert "reports" not in fact["grade"]["explanation"]
