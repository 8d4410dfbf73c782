"""The facts the analyses read are aggregated in SQL (`graph.load_facts`, and the lighter
`graph.load_edges` of the path search): on both backends they must equal the facts
computed claim by claim in Python (`graph.facts_from_claims` over `claims.load_claims`),
with merged entities, the author's voice per outlet, undated documents and `as_of`."""

from __future__ import annotations

import random
from datetime import UTC, datetime

import pytest
from sqlalchemy import inspect

from threatnet.analyse.claims import entities, load_claims
from threatnet.analyse.graph import ACTOR_TYPES, facts_from_claims, load_edges, load_facts
from threatnet.store import Store, summary
from threatnet.store.schema import ClaimRow, DocumentRow, EntityRow

PREDICATES = ["supplies", "supports", "cooperates_with", "allied_with", "hostile_to",
              "fights", "attacks", "possesses", "leads"]
SOURCES = [None, "", "police", "Police", "Taliban sources", "a CTD official", "Haq Nawaz"]
MODALITIES = {"asserted": 0.85, "reported": 0.7, "alleged": 0.5, "possible": 0.35,
              "hypothetical": 0.2}
DATES = [None, "2020-01-05", "2021-06-30", "2022-03-01", "2023-11-11", "2024-06-26"]


def _fill(url: str, seed: int = 5, n: int = 600) -> None:
    rng = random.Random(seed)
    now = datetime.now(UTC)
    with Store(url) as store, store.session(write=True) as s, s.begin():
        types = ["armed_group"] * 6 + ["state"] * 2 + ["person", "capability", "location"]
        for i, type_ in enumerate(types, start=1):
            s.add(EntityRow(id=i, name=f"E{i}", norm=f"e{i}", type=type_, created_at=now))
        s.flush()
        s.get(EntityRow, 6).merged_into = 5  # an analyst's merge: 6 answers as 5
        s.get(EntityRow, 5).merged_into = 4  # and 5 as 4, through the chain
        for d in range(30):
            s.add(DocumentRow(id=f"sha256:{d:04d}", text="…", source=f"doc{d}.txt",
                              published=rng.choice(DATES), outlet=rng.choice([None, "A", "B"]),
                              extractor_version="test", ingested_at=now))
        s.flush()
        for i in range(n):
            predicate = rng.choice(PREDICATES)
            subject = rng.randrange(1, 10)
            obj = 10 if predicate == "possesses" else rng.randrange(1, 10)
            modality = rng.choice(list(MODALITIES))
            source = rng.choice(SOURCES)
            s.add(ClaimRow(
                document_id=f"sha256:{rng.randrange(30):04d}", local_id=f"C{i}",
                subject_id=subject, predicate=predicate, object_id=obj,
                polarity="negated" if rng.random() < 0.25 else "affirmed", modality=modality,
                source=source, source_entity_id=rng.choice([None, None, None, 9, 7]),
                qualifiers={"item": rng.choice(["drones", "rifles", "money"])}
                if predicate == "supplies" else {},
                evidence_start=0, evidence_end=1, evidence_text="…",
                confidence=MODALITIES[modality] * rng.choice([1.0, 0.9, 0.95])))
        s.flush()
        summary.rebuild(s)  # claims written here directly, not through Store.save


def _python_facts(s, as_of):
    types = {i: v.type for i, v in entities(s).items()}
    return facts_from_claims(load_claims(s, as_of), ACTOR_TYPES, types)


def _compare(left, right) -> None:
    assert {f.key: f.to_dict() for f in left} == {f.key: f.to_dict() for f in right}


@pytest.mark.parametrize("as_of", [None, "2022", "2023-11-11"])
def test_sql_aggregated_facts_equal_the_python_computation(store_url, as_of):
    _fill(store_url)
    with Store(store_url) as store, store.session() as s:
        python = _python_facts(s, as_of)
        sql = load_facts(s, as_of)
        assert len(python) > 40  # a store with facts of every kind to compare
        assert any(f.sources_for > 1 for f in python) and any(f.claims_against for f in python)
        assert any(len(f.items) > 1 for f in python)
        _compare(sql, python)
        edges = {e.key: (e.confidence, e.sources_for) for e in load_edges(s, as_of)}
        assert edges == {f.key: (f.confidence, f.sources_for) for f in sql}


def test_filters_by_predicate_and_entities_equal_the_python_computation(store_url):
    _fill(store_url, seed=11)
    with Store(store_url) as store, store.session() as s:
        python = _python_facts(s, None)
        wanted = {"supplies", "fights"}
        _compare(load_facts(s, None, wanted), [f for f in python if f.predicate in wanted])
        ends = {1, 4, 7}
        _compare(load_facts(s, None, wanted, entity_ids=ends),
                 [f for f in python if f.predicate in wanted
                  and {f.subject_id, f.object_id} <= ends])
        edges = load_edges(s, None, wanted)
        assert {e.key for e in edges} == {f.key for f in python if f.predicate in wanted}
    with Store(store_url) as store:  # the path search reads claims by predicate (0002)
        indexes = {i["name"]: i["column_names"] for i in inspect(store.engine)
                   .get_indexes("claims")}
        assert indexes.get("ix_claims_predicate") == ["predicate"]
