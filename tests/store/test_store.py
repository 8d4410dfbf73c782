"""The knowledge base on SQLite and on PostgreSQL: identity, idempotence, re-extraction,
analysts' corrections, proposals, and facts aggregated from claims.

Reports are short texts of our own, extracted with the session extractor; the few
records the extractor cannot be made to produce (an unknown acronym) are built by hand.
"""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import select

import threatnet
from threatnet.errors import StoreError, UnknownActor
from threatnet.ingest import document_from_text
from threatnet.model import (
    Claim,
    Document,
    Entity,
    EntityType,
    Evidence,
    ExtractionRecord,
    Mention,
    Modality,
    Polarity,
)
from threatnet.store import Store
from threatnet.store.schema import DecisionRow, EntityRow

QUETTA = ("The Balochistan Liberation Army (BLA) attacked a Pakistani army convoy in Quetta.\n"
          "Officials said the BLA did not cooperate with the TTP.\n"
          "This report was first published on March 20, 2025.\n")
REUTERS_1 = ("Reuters reported that the Balochistan Liberation Army attacked a Pakistani army "
             "convoy.\nPublished on January 5, 2024.\n")
REUTERS_2 = ("Reuters reported that the BLA attacked a Pakistani army convoy near Turbat.\n"
             "Published on February 1, 2025.\n")
ZARGHUN = ("The Zarghun Liberation Front attacked the Pakistani army in Bannu.\n"
           "Published on April 2, 2025.\n")
ZARGHOON = ("The Zarghoon Liberation Front attacked the Pakistani army in Bannu.\n"
            "Published on April 9, 2025.\n")
ZARGHOON_LATER = ("The Zarghoon Liberation Front attacked a Pakistani army post in Bannu.\n"
                  "Published on May 2, 2025.\n")
ZARGHUN_LATER = ("The Zarghun Liberation Front attacked a Pakistani army post in Bannu.\n"
                 "Published on May 12, 2025.\n")

ZLF, ZLF2 = "Zarghun Liberation Front", "Zarghoon Liberation Front"


def extract(extractor, text: str, source: str) -> ExtractionRecord:
    return extractor.extract(document_from_text(text, source=source))


def save(store: Store, extractor, text: str, source: str) -> tuple[ExtractionRecord, str]:
    record = extract(extractor, text, source)
    return record, store.save(record)


def claims_by_document(store: Store) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for claim in store.claims():
        out.setdefault(claim["document"], []).append(claim)
    return out


def triples(claims: list[dict]) -> set[tuple[str, str, str]]:
    return {(c["subject"], c["predicate"], c["object"]) for c in claims}


def fact(facts: list[dict], predicate: str, obj: str) -> dict:
    found = [f for f in facts if f["predicate"] == predicate and f["object"] == obj]
    assert len(found) == 1, (predicate, obj, facts)
    return found[0]


def decisions(store: Store) -> list[DecisionRow]:
    with store.session() as s:
        return list(s.scalars(select(DecisionRow).order_by(DecisionRow.id)))


def v2(record: ExtractionRecord) -> ExtractionRecord:
    """The same document as a newer extractor would give it."""
    return dataclasses.replace(record, extractor_version=record.extractor_version + "+next")


# -- identity and idempotence ---------------------------------------------------------


def test_new_documents_then_unchanged(store, extractor):
    records = []
    for n, text in enumerate((QUETTA, REUTERS_1, ZARGHUN)):
        record, outcome = save(store, extractor, text, f"r{n}.txt")
        assert outcome == "new"
        assert record.claims, f"the extractor found no claim in {text!r}"
        records.append(record)
    counts = store.counts()
    assert counts["documents"] == 3
    assert counts["claims"] == sum(len(r.claims) for r in records)
    listed = {d["id"]: d for d in store.documents()}
    for record in records:
        doc = listed[record.document.id]
        assert doc["claims"] == len(record.claims)
        assert doc["published"] == record.document.published
        assert doc["extractor"] == extractor.version
        assert store.status(record.document.id, extractor.version) == "unchanged"
    assert store.status("sha256:" + "0" * 64, extractor.version) == "new"
    for record in records:
        assert store.save(record) == "unchanged"
    assert store.counts() == counts


def test_reingest_changes_nothing(store, extractor):
    texts = (QUETTA, REUTERS_1, REUTERS_2, ZARGHUN, ZARGHOON)
    for n, text in enumerate(texts):
        save(store, extractor, text, f"r{n}.txt")
    before = (store.counts(), store.documents(), store.entities(), store.claims(),
              store.same_as())
    for n, text in enumerate(texts):  # extracted afresh: same text, same identity
        _, outcome = save(store, extractor, text, f"copy-{n}.txt")
        assert outcome == "unchanged"
    after = (store.counts(), store.documents(), store.entities(), store.claims(),
             store.same_as())
    assert after == before


def test_identity_is_the_normalised_text(store, extractor):
    _, first = save(store, extractor, QUETTA, "a.txt")
    _, second = save(store, extractor, "\ufeff" + QUETTA.replace("\n", "\r\n"), "b.txt")
    assert (first, second) == ("new", "unchanged")
    assert store.counts()["documents"] == 1


def test_reextraction_replaces_only_that_documents_claims(store, extractor):
    quetta, _ = save(store, extractor, QUETTA, "quetta.txt")
    save(store, extractor, REUTERS_1, "reuters.txt")
    by_doc = claims_by_document(store)
    old_ids = {c["id"] for c in by_doc[quetta.document.id]}
    other = [c for d, cs in by_doc.items() if d != quetta.document.id for c in cs]
    counts = store.counts()

    newer = v2(quetta)
    assert store.status(quetta.document.id, newer.extractor_version) == "outdated"
    assert store.save(newer) == "reextracted"

    by_doc = claims_by_document(store)
    new = by_doc[quetta.document.id]
    assert len(new) == len(old_ids)
    assert not old_ids & {c["id"] for c in new}, "the old claims were not replaced"
    assert triples(new) == {(e["subject"], e["predicate"], e["object"])
                            for e in [*old_claims_as_dicts(quetta)]}
    assert [c for d, cs in by_doc.items() if d != quetta.document.id for c in cs] == other
    assert store.counts() == counts
    versions = {d["id"]: d["extractor"] for d in store.documents()}
    assert versions[quetta.document.id] == newer.extractor_version
    assert store.save(newer) == "unchanged"
    assert store.save(quetta) == "reextracted"  # any other version re-extracts, back too
    assert store.counts() == counts


def old_claims_as_dicts(record: ExtractionRecord) -> list[dict]:
    names = {e.id: e.name for e in record.entities}
    return [{"subject": names[c.subject], "predicate": c.predicate, "object": names[c.object]}
            for c in record.claims]


def test_reextraction_replaces_mentions(store, extractor):
    quetta, _ = save(store, extractor, QUETTA, "quetta.txt")
    mentions = {e["name"]: e["mentions"] for e in store.entities()}
    assert mentions["Balochistan Liberation Army"] == len(
        next(e for e in quetta.entities if e.pack_id == "bla").mentions)
    store.save(v2(quetta))
    assert {e["name"]: e["mentions"] for e in store.entities()} == mentions


# -- analysts' corrections ---------------------------------------------------------------


def test_merge_answers_under_the_kept_entity(store, extractor):
    zarghun, _ = save(store, extractor, ZARGHUN, "zarghun.txt")
    zarghoon, _ = save(store, extractor, ZARGHOON, "zarghoon.txt")
    assert {e["name"] for e in store.entities(type="armed_group")} == {ZLF, ZLF2}
    entities_before = store.counts()["entities"]

    kept = store.merge(ZLF, ZLF2, author="analyst-1")
    assert kept.name == ZLF

    groups = store.entities(type="armed_group")
    assert [g["name"] for g in groups] == [ZLF]
    assert {ZLF, ZLF2} <= set(groups[0]["aliases"])
    assert store.counts()["entities"] == entities_before - 1
    assert store.entity(ZLF2).id == store.entity(ZLF).id == kept.id
    # claims of both documents answer under the kept name, whichever name is asked
    for name in (ZLF, ZLF2):
        claims = store.claims(subject=name)
        assert {c["document"] for c in claims} == {zarghun.document.id, zarghoon.document.id}
        assert {c["subject"] for c in claims} == {ZLF}
    attacks = fact(store.facts(ZLF2), "attacks", "Pakistan Army")
    assert attacks["subject"] == ZLF
    assert attacks["claims_for"] == 2
    assert (attacks["first_seen"], attacks["last_seen"]) == ("2025-04-02", "2025-04-09")

    [decision] = decisions(store)
    assert decision.kind == "merge" and decision.author == "analyst-1"
    assert decision.payload["keep"] == kept.id
    assert decision.payload["names"] == [ZLF, ZLF2]
    assert [p["status"] for p in store.same_as() if {p["a"], p["b"]} == {ZLF, ZLF2}] == \
        ["confirmed"]


def test_merge_refuses_one_entity_twice(store, extractor):
    save(store, extractor, ZARGHUN, "zarghun.txt")
    save(store, extractor, ZARGHOON, "zarghoon.txt")
    store.merge(ZLF, ZLF2)
    with pytest.raises(StoreError, match="already one entity"):
        store.merge(ZLF2, ZLF)


def test_merge_survives_reingest_and_reextraction(store, extractor):
    save(store, extractor, ZARGHUN, "zarghun.txt")
    zarghoon, _ = save(store, extractor, ZARGHOON, "zarghoon.txt")
    kept = store.merge(ZLF, ZLF2)

    assert store.save(zarghoon) == "unchanged"
    assert store.save(v2(zarghoon)) == "reextracted"
    later, outcome = save(store, extractor, ZARGHOON_LATER, "zarghoon-later.txt")
    assert outcome == "new"

    assert [g["name"] for g in store.entities(type="armed_group")] == [ZLF]
    assert store.entity(ZLF2).id == kept.id
    claims = store.claims(subject=ZLF)
    assert {c["subject"] for c in claims} == {ZLF}
    assert len({c["document"] for c in claims}) == 3
    assert fact(store.facts(ZLF), "attacks", "Pakistan Army")["claims_for"] == 3
    assert [d.kind for d in decisions(store)] == ["merge"]


def test_split_undoes_a_merge(store, extractor):
    zarghun, _ = save(store, extractor, ZARGHUN, "zarghun.txt")
    zarghoon, _ = save(store, extractor, ZARGHOON, "zarghoon.txt")
    before = (store.entities(), store.claims(), store.facts(ZLF), store.facts(ZLF2))
    store.merge(ZLF, ZLF2)
    store.split(ZLF, ZLF2, author="analyst-2")
    after = (store.entities(), store.claims(), store.facts(ZLF), store.facts(ZLF2))
    assert after == before
    assert store.entity(ZLF).id != store.entity(ZLF2).id
    assert [d.kind for d in decisions(store)] == ["merge", "split"]
    assert decisions(store)[-1].author == "analyst-2"
    with pytest.raises(StoreError, match="was not merged into"):
        store.split(ZLF, ZLF2)


def test_split_after_reextraction_and_new_reports(store, extractor):
    """Claims stored while B was merged into A go back to B when B is split off."""
    save(store, extractor, ZARGHUN, "zarghun.txt")
    zarghoon, _ = save(store, extractor, ZARGHOON, "zarghoon.txt")
    store.merge(ZLF, ZLF2)
    store.save(v2(zarghoon))
    later, _ = save(store, extractor, ZARGHOON_LATER, "zarghoon-later.txt")
    store.split(ZLF, ZLF2)

    assert {g["name"] for g in store.entities(type="armed_group")} == {ZLF, ZLF2}
    assert {c["document"] for c in store.claims(subject=ZLF2)} == \
        {zarghoon.document.id, later.document.id}
    assert {c["subject"] for c in store.claims(subject=ZLF2)} == {ZLF2}
    assert fact(store.facts(ZLF), "attacks", "Pakistan Army")["claims_for"] == 1
    assert fact(store.facts(ZLF2), "attacks", "Pakistan Army")["claims_for"] == 2


def test_analyst_alias_resolves_later_reports(store, extractor):
    save(store, extractor, ZARGHUN, "zarghun.txt")
    entities = store.counts()["entities"]
    store.add_alias(ZLF, ZLF2, author="analyst-3")
    assert store.entity(ZLF2).name == ZLF

    zarghoon, outcome = save(store, extractor, ZARGHOON, "zarghoon.txt")
    assert outcome == "new"
    assert store.counts()["entities"] == entities  # no new entity for the alias
    assert {c["document"] for c in store.claims(subject=ZLF)} == \
        {zarghoon.document.id, *[d["id"] for d in store.documents()]}
    assert all(c["subject"] == ZLF for c in store.claims(subject=ZLF2))
    assert store.same_as() == []  # nothing left for an analyst to confirm
    [decision] = decisions(store)
    assert (decision.kind, decision.payload["alias"]) == ("alias", ZLF2)
    [entity] = store.entities(search="zarghoon")
    assert entity["name"] == ZLF and ZLF2 in entity["aliases"]


def test_rename_keeps_the_old_name_findable(store, extractor):
    save(store, extractor, ZARGHUN, "zarghun.txt")
    entity_id = store.entity(ZLF).id
    store.rename(ZLF, "Zarghun Front")
    assert store.entity("Zarghun Front").id == entity_id
    assert store.entity(ZLF).id == entity_id
    assert store.entity(ZLF).name == "Zarghun Front"
    [found] = store.entities(search="Zarghun Liberation")
    assert found["name"] == "Zarghun Front"
    assert {c["subject"] for c in store.claims(subject=ZLF)} == {"Zarghun Front"}
    # a later report naming it either way lands on the same entity
    save(store, extractor, ZARGHUN_LATER, "zarghun-later.txt")
    assert [e["name"] for e in store.entities(type="armed_group")] == ["Zarghun Front"]
    assert fact(store.facts("Zarghun Front"), "attacks", "Pakistan Army")["claims_for"] == 2
    [decision] = decisions(store)
    assert decision.payload == {"entity": entity_id, "from": ZLF, "to": "Zarghun Front"}


def hand_record(text: str, source: str, entities: list[tuple[str, EntityType, list[str]]],
                claims: list[tuple[int, str, int]]) -> ExtractionRecord:
    """A record built by hand: each entity mentioned where its name first occurs."""
    document = document_from_text(text, source=source)
    ents = []
    for n, (name, type_, aliases) in enumerate(entities, 1):
        start = text.index(name)
        ents.append(Entity(f"E{n}", name, type_, [name, *aliases],
                           [Mention(start, start + len(name), name)]))
    first = text.split("\n")[0]
    made = [Claim(f"C{n}", f"E{s}", predicate, f"E{o}", Polarity.AFFIRMED, Modality.ASSERTED,
                  Evidence(0, len(first), first), confidence=0.8)
            for n, (s, predicate, o) in enumerate(claims, 1)]
    return ExtractionRecord(document, ents, made, "hand-1")


def test_weak_evidence_is_proposed_not_merged(store, extractor):
    save(store, extractor, ZARGHUN, "zarghun.txt")
    save(store, extractor, ZARGHOON, "zarghoon.txt")
    army = ("Pakistan Army", EntityType.GOVERNMENT_BODY, [])
    store.save(hand_record("The ZLF attacked the Pakistan Army.\n", "zlf.txt",
                           [("ZLF", EntityType.ARMED_GROUP, []), army], [(1, "attacks", 2)]))
    store.save(hand_record("The Bannu Front, also called Zarghoon Liberation Front, "
                           "attacked the Pakistan Army.\n", "bannu.txt",
                           [("Bannu Front", EntityType.ARMED_GROUP, [ZLF2]), army],
                           [(1, "attacks", 2)]))
    groups = {e["name"] for e in store.entities(type="armed_group")}
    assert groups == {ZLF, ZLF2, "ZLF", "Bannu Front"}  # nothing merged
    proposals = {frozenset((p["a"], p["b"])): p for p in store.same_as()}
    similar = proposals[frozenset((ZLF, ZLF2))]
    assert similar["status"] == "proposed"
    assert 0.88 <= similar["score"] < 1.0
    assert "similar name" in similar["evidence"]
    acronym = proposals[frozenset(("ZLF", ZLF))]
    assert "abbreviates" in acronym["evidence"] and acronym["status"] == "proposed"
    shared = proposals[frozenset(("Bannu Front", ZLF2))]
    assert "shares the alias" in shared["evidence"]
    # a proposal is only that: each name still answers as itself
    assert store.entity("ZLF").name == "ZLF"
    assert store.entity(ZLF2).name == ZLF2
    # different types are never proposed
    assert all(p["a"] != "Pakistan Army" and p["b"] != "Pakistan Army"
               for p in store.same_as())


# -- facts -------------------------------------------------------------------------------


def test_facts_aggregate_claims_across_documents(store, extractor):
    for n, text in enumerate((QUETTA, REUTERS_1, REUTERS_2)):
        save(store, extractor, text, f"r{n}.txt")
    facts = store.facts("BLA")

    attacks = fact(facts, "attacks", "Pakistan Army")
    assert attacks["subject"] == "Balochistan Liberation Army"
    assert (attacks["claims_for"], attacks["claims_against"]) == (3, 0)
    # Reuters twice counts once; the author of the Quetta report is the other source
    assert attacks["independent_sources"] == 2
    assert set(attacks["sources"]) == {"Reuters", "(author)"}
    assert (attacks["first_seen"], attacks["last_seen"]) == ("2024-01-05", "2025-03-20")
    assert attacks["strongest_for"] == "asserted"  # asserted beats Reuters' "reported"
    assert attacks["strongest_against"] is None
    assert len(attacks["claims"]) == 3

    denied = fact(facts, "cooperates_with", "Tehrik-i-Taliban Pakistan")
    assert (denied["claims_for"], denied["claims_against"]) == (0, 1)
    assert denied["strongest_for"] is None
    assert denied["strongest_against"] == "reported"
    assert denied["first_seen"] == denied["last_seen"] == "2025-03-20"

    # a symmetric predicate reads from the other side too
    ttp = fact(store.facts("Tehrik-i-Taliban Pakistan"), "cooperates_with",
               "Balochistan Liberation Army")
    assert ttp["subject"] == "Tehrik-i-Taliban Pakistan" and ttp["claims_against"] == 1
    # facts are ordered by independent sources, the best attested first
    assert facts[0] is attacks or facts[0]["independent_sources"] >= 2


def test_facts_follow_the_claims(store, extractor):
    """Nothing is stored about a fact: re-extraction without a claim removes it."""
    quetta, _ = save(store, extractor, QUETTA, "quetta.txt")
    assert fact(store.facts("BLA"), "attacks", "Pakistan Army")["claims_for"] == 1
    fewer = dataclasses.replace(v2(quetta), claims=[c for c in quetta.claims
                                                    if c.predicate != "attacks"])
    assert store.save(fewer) == "reextracted"
    assert not [f for f in store.facts("BLA") if f["predicate"] == "attacks"]


def test_claim_filters(store, extractor):
    for n, text in enumerate((QUETTA, REUTERS_1, REUTERS_2)):
        save(store, extractor, text, f"r{n}.txt")
    assert {c["published"] for c in store.claims(since="2025-01-01")} == \
        {"2025-02-01", "2025-03-20"}
    # (each report's attack on the convoy is an incident too: count its attacks claims)
    reuters = store.claims(source="reuters", predicate="attacks")
    assert len(reuters) == 2 and {c["source"] for c in reuters} == {"Reuters"}
    assert {c["predicate"] for c in store.claims(predicate="attacks")} == {"attacks"}
    assert len(store.claims(subject="BLA", object="Pakistani army")) == 3


def test_unknown_actor(store, extractor):
    save(store, extractor, QUETTA, "quetta.txt")
    for call in (lambda: store.facts("Nobody Front"), lambda: store.entity("Nobody Front"),
                 lambda: store.claims(subject="Nobody Front"),
                 lambda: store.merge("BLA", "Nobody Front"), lambda: store.entity(999999)):
        with pytest.raises(UnknownActor, match="not an entity of this store"):
            call()


def test_open_is_the_python_api(store_url, extractor):
    with threatnet.open(store_url) as kb:
        assert kb.counts() == {"documents": 0, "entities": 0, "claims": 0}
        kb.save(extract(extractor, QUETTA, "quetta.txt"))
    with threatnet.open(store_url) as kb:  # reopened: what was saved is there
        assert kb.counts()["documents"] == 1
        assert fact(kb.facts("BLA"), "attacks", "Pakistan Army")["claims_for"] == 1


def test_entity_rows_are_unique_by_type_and_name(store, extractor):
    for n, text in enumerate((QUETTA, REUTERS_1, REUTERS_2, ZARGHUN, ZARGHUN_LATER)):
        save(store, extractor, text, f"r{n}.txt")
    with store.session() as s:
        rows = s.execute(select(EntityRow.type, EntityRow.norm)).all()
    assert len(rows) == len(set(rows))
    assert [e["name"] for e in store.entities(search="Zarghun")] == [ZLF]


def test_document_fields(store):
    text = "The BLA attacked a convoy.\n"
    doc = Document(id=document_from_text(text, "x").id, text=text, source="feed:42",
                   title="A title", published="2025-01-02")
    assert store.save(ExtractionRecord(doc, [], [], "hand-1"), outlet="Dawn") == "new"
    [listed] = store.documents()
    assert (listed["title"], listed["source"], listed["outlet"], listed["claims"]) == \
        ("A title", "feed:42", "Dawn", 0)


def test_nested_merges_split_one_level_at_a_time(store, extractor):
    """B into A, then A into the BLA: splitting A off the BLA takes B with it."""
    save(store, extractor, ZARGHUN, "zarghun.txt")
    save(store, extractor, ZARGHOON, "zarghoon.txt")
    save(store, extractor, QUETTA, "quetta.txt")
    bla = "Balochistan Liberation Army"
    store.merge(ZLF, ZLF2)
    store.merge(bla, ZLF)
    assert store.entity(ZLF2).id == store.entity(bla).id
    assert {c["subject"] for c in store.claims(subject=bla)} == {bla}

    store.split(bla, ZLF)
    assert store.entity(ZLF2).id == store.entity(ZLF).id != store.entity(bla).id
    assert {c["document"] for c in store.claims(subject=ZLF)} == {
        c["document"] for c in store.claims() if "Zargh" in c["evidence"]["text"]
        and c["predicate"] == "attacks"}


def test_an_entity_known_by_name_is_adopted_when_the_pack_lists_it(store, extractor):
    """A group first stored from text, then listed by the pack (an imported overlay):
    the next report links to the same entity, which gains the pack id, not a second row."""
    save(store, extractor, ZARGHUN, "zarghun.txt")
    first = store.entity(ZLF)
    assert first.pack_id is None
    text = "The Zarghun Liberation Front attacked a police post.\n"
    record = extract(extractor, text, "later.txt")
    listed = [dataclasses.replace(e, pack_id="zarghun-liberation-front", aliases=["ZLF"])
              if e.name == ZLF else e for e in record.entities]
    assert any(e.pack_id for e in listed)
    assert store.save(dataclasses.replace(record, entities=listed)) == "new"
    adopted = store.entity(ZLF)
    assert (adopted.id, adopted.pack_id) == (first.id, "zarghun-liberation-front")
    assert store.entity("ZLF").id == first.id
