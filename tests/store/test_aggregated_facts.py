"""The facts the analyses read are aggregated (`graph.load_facts`, and the lighter
`graph.load_edges` of the path search): from the maintained facts summary for the facts
known now, in SQL for `as_of`. On both backends they must equal the facts computed claim
by claim in Python (`graph.facts_from_claims` over `claims.load_claims`), with merged
entities, the author's voice per outlet, undated documents and `as_of`, and stay equal
as documents are saved and re-extracted, claims rejected or corrected, entities merged
and split (the maintained summary also equals one rebuilt from scratch)."""

from __future__ import annotations

import random
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, inspect, select

from threatnet.analyse import profile
from threatnet.analyse.claims import entities, load_claims
from threatnet.analyse.graph import ACTOR_TYPES, facts_from_claims, load_edges, load_facts
from threatnet.analyse.paths import find_paths, paths_between
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
    Source,
)
from threatnet.resolve.pack import load_actor_pack
from threatnet.store import Store, review, summary
from threatnet.store.schema import (
    ClaimRow,
    DocumentRow,
    EntityMonthRow,
    EntityRow,
    FactGradeRow,
    FactLinkRow,
    FactSummaryRow,
)

PREDICATES = ["supplies", "supports", "cooperates_with", "allied_with", "hostile_to",
              "fights", "attacks", "possesses", "leads"]
SOURCES = [None, "", "police", "Police", "Taliban sources", "a CTD official", "Haq Nawaz"]
MODALITIES = {"asserted": 0.85, "reported": 0.7, "alleged": 0.5, "possible": 0.35,
              "hypothetical": 0.2}
DATES = [None, "2020-01-05", "2021-06-30", "2022-03-01", "2023-11-11", "2024-06-26"]


def _fill(url: str, seed: int = 5, n: int = 600, summarise: bool = True) -> None:
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
        if summarise:  # claims written here directly, not through Store.save
            summary.rebuild(s)


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
        if as_of is None:  # claims without times of their own: every fact from groups
            built = {actor: profile.build(s, actor, None) for actor in range(1, 9)}
            for actor, by_groups in built.items():
                assert by_groups == profile.build(s, actor, None, summary=False)
            assert sum(p["contradictions"] for p in built.values()) > 10


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



@pytest.mark.parametrize("as_of", [None, "2023-11-11"])
def test_facts_of_pairs_equal_every_fact_restricted_to_those_pairs(store_url, as_of,
                                                                  monkeypatch):
    """`pairs` (what a path search loads of its hops): the facts between the two ends of
    a pair, either way round, merged entities answering as the one they were merged into."""
    from threatnet.analyse import graph

    _fill(store_url, seed=17)
    with Store(store_url) as store, store.session() as s:
        views = entities(s)
        every = load_facts(s, as_of)
        pairs = [(1, 2), (3, 4), (7, 6), (5, 8)]  # 6 and 5 were merged into 4
        wanted = {frozenset((views[a].id, views[b].id)) for a, b in pairs}
        between = [f for f in every if frozenset((f.subject_id, f.object_id)) in wanted]
        assert {frozenset((f.subject_id, f.object_id)) for f in between} == wanted
        assert any(f.symmetric for f in between) and any(f.items for f in between)
        assert len(between) < len(every) / 3
        _compare(load_facts(s, as_of, pairs=pairs), between)
        # the same as every fact among their actors, restricted to the pairs
        among = load_facts(s, as_of, entity_ids={views[i].id for pair in pairs for i in pair})
        assert len(among) > len(between)
        _compare([f for f in among if frozenset((f.subject_id, f.object_id)) in wanted],
                 between)
        chosen = {"supplies", "fights"}
        _compare(load_facts(s, as_of, chosen, pairs=pairs),
                 [f for f in between if f.predicate in chosen])
        _compare(load_facts(s, as_of, pairs=[(2, 1), (4, 4)]),
                 [f for f in every if {f.subject_id, f.object_id} == {1, 2}])
        assert load_facts(s, as_of, pairs=[]) == []
        # too many subjects to spell out in SQL: read among their ids, kept by pair
        monkeypatch.setattr(graph, "MAX_PAIR_TERMS", 1)
        _compare(load_facts(s, as_of, pairs=pairs), between)
        _compare(load_facts(s, as_of, chosen, pairs=pairs),
                 [f for f in between if f.predicate in chosen])


# -- the facts summary kept up to date (store/summary.py) ------------------------------

ACTORS = [("Alpha Liberation Front", "armed_group"), ("Bravo Mujahideen Army", "armed_group"),
          ("Charlie Tehreek", "armed_group"), ("Delta Brigade Movement", "armed_group"),
          ("Republic of Eastland", "state"), ("Kingdom of Westmark", "state")]
CAPABILITIES = [("armed drones", "armed_drone"), ("drones", "drone"),
                ("quadcopters", "quadcopter"), ("rifles", None)]
SAID = ["police", "Police", "Taliban sources", "a CTD official", "residents"]


def _record(rng: random.Random, d: int, version: str) -> ExtractionRecord:
    text = "Sentence. " * 40
    doc = Document(id=f"sha256:{d:064x}", text=text, source=f"report-{d}.txt",
                   published=rng.choice(DATES), outlet=rng.choice([None, "A", "B"]))
    ents = [Entity(id=f"T{i}", name=name, type=EntityType(type_),
                   mentions=[Mention(i, i + 1, name[0])])
            for i, (name, type_) in enumerate(ACTORS, start=1)]
    for i, (name, node) in enumerate(CAPABILITIES, start=7):  # nodes of the pack's taxonomy
        ents.append(Entity(id=f"T{i}", name=name, type=EntityType("capability"),
                           mentions=[Mention(i, i + 1, "a")], pack_id=node, kind=node))
    claims = []
    for i in range(rng.randrange(6, 14)):
        predicate = rng.choice(PREDICATES)
        subject = f"T{rng.randrange(1, 7)}"
        obj = f"T{rng.randrange(7, 7 + len(CAPABILITIES))}" if predicate == "possesses" \
            else f"T{rng.randrange(1, 7)}"
        modality = rng.choice(list(MODALITIES))
        said = rng.random()
        source = None if said < 0.4 else Source("Republic of Eastland", "T5") if said < 0.55 \
            else Source(rng.choice(SAID))
        claims.append(Claim(
            id=f"C{i}", subject=subject, predicate=predicate, object=obj,
            polarity=Polarity.NEGATED if rng.random() < 0.25 else Polarity.AFFIRMED,
            modality=Modality(modality), evidence=Evidence(i, i + 9, "Sentence."),
            source=source, qualifiers={"item": rng.choice(["drones", "rifles", "money"])}
            if predicate == "supplies" else {},
            time={"start": rng.choice(["2019", "2021-03", "2023"]), "end": None}
            if rng.random() < 0.08 else {"start": None, "end": None},
            confidence=MODALITIES[modality] * rng.choice([1.0, 0.9])))
    return ExtractionRecord(document=doc, entities=ents, claims=claims,
                            extractor_version=version)


def _summary_rows(s) -> dict:
    return {(r.subject_id, r.predicate, r.object_id): (
        r.claims, sorted(map(repr, r.support)), r.months, r.timed, r.items)
        for r in s.scalars(select(FactSummaryRow))}


def _kept_grades(s) -> tuple[dict, dict]:
    grades = {(r.subject_id, r.predicate, r.object_id): (
        r.part, r.score, r.edge, r.edge_sources, r.claims, r.conflicts, r.changes,
        r.object_conflicts, r.object_changes, r.why, r.data)
              for r in s.scalars(select(FactGradeRow))}
    links = {(r.subject_id, r.object_id): (r.predicate, r.confidence, r.sources_for)
             for r in s.scalars(select(FactLinkRow))}
    months = {(r.entity_id, r.month): r.claims for r in s.scalars(select(EntityMonthRow))}
    return grades, links, months


def _chains(paths) -> list:
    return [(p.nodes, [[f.key for f in h.facts] for h in p.hops]) for p in paths]


def _check_summary(store: Store) -> None:
    """Facts, edges and actor profiles read from the maintained summary and grades equal
    the claim-by-claim computation, and both equal ones rebuilt from scratch."""
    pack = load_actor_pack()
    with store.session() as s:
        python = _python_facts(s, None)
        _compare(load_facts(s), python)
        edges = {e.key: (e.confidence, e.sources_for) for e in load_edges(s)}
        assert edges == {f.key: (f.confidence, f.sources_for) for f in python}
        maintained, kept = _summary_rows(s), _kept_grades(s)
        actors = sorted({v.id for v in entities(s).values() if v.type in ACTOR_TYPES})
        found = 0
        for a, b in zip(actors, reversed(actors), strict=True):  # walking the kept links
            if a != b:
                chains = _chains(find_paths(s, a, b, max_hops=3, k=4))
                assert chains == _chains(paths_between(python, a, b, max_hops=3, k=4)), (a, b)
                found += len(chains)
        assert found
        best: dict[tuple[int, int], tuple] = {}  # the best fact between two actors, each way
        for e in load_edges(s):
            rank = (-e.confidence, -e.sources_for, e.predicate)
            for ends in [(e.subject_id, e.object_id)] + ([(e.object_id, e.subject_id)]
                                                         if e.symmetric else []):
                best[ends] = min(best.get(ends, rank), rank)
        assert kept[1] == {ends: (p, -c, -n) for ends, (c, n, p) in best.items()}
        for actor in {v.id for v in entities(s).values()
                      if v.type in ACTOR_TYPES | {"capability"}}:
            by_claims = profile.build(s, actor, pack, summary=False, explain=True,
                                      evidence=True)
            kept_grades = profile.build(s, actor, pack, explain=True, evidence=True)  # kept
            assert kept_grades == by_claims, actor
            assert all("evidence" in f for fs in by_claims["facts"].values() for f in fs)
            by_claims = profile.build(s, actor, pack, summary=False, explain=True)
            best = profile.build(s, actor, pack, limit=2)  # the best two facts per class
            assert best == profile.build(s, actor, pack, limit=2, summary=False), actor
            assert best["facts_total"] == {c: len(fs) for c, fs in by_claims["facts"].items()}
            assert all(fs == [{**f, "grade": {k: v for k, v in f["grade"].items()
                                              if k != "explanation"}}
                              for f in by_claims["facts"][c][:2]]
                       for c, fs in best["facts"].items())
            assert profile.build(s, actor, None) == profile.build(s, actor, None,
                                                                  summary=False), actor
    with store.session(write=True) as s, s.begin():
        summary.rebuild(s)
    with store.session() as s:
        assert _summary_rows(s) == maintained
        assert _kept_grades(s) == kept


def test_summary_kept_up_to_date_through_saves_reviews_merges_and_splits(store_url):
    rng = random.Random(23)
    with Store(store_url) as store:
        records = [_record(rng, d, "v1") for d in range(14)]
        for record in records:
            assert store.save(record) == "new"
        _check_summary(store)
        with store.session() as s:
            assert s.scalar(select(func.count()).select_from(FactSummaryRow)) > 30
            assert any(f.claims_against for f in load_facts(s))
        for d in (2, 5, 9):  # re-extracted: other claims, other published date
            assert store.save(_record(rng, d, "v2")) == "reextracted"
        _check_summary(store)

        claims = store.claims()
        affirmed = [c for c in claims if c["polarity"] == "affirmed"
                    and c["modality"] != "hypothetical"]
        review.reject(store, affirmed[0]["id"], "tester")
        review.correct(store, affirmed[1]["id"], "tester", {"predicate": "hostile_to"})
        review.correct(store, affirmed[2]["id"], "tester",
                       {"object": "Kingdom of Westmark", "polarity": "negated"})
        review.reject(store, affirmed[3]["id"], "tester")
        review.reset(store, affirmed[3]["id"], "tester")
        _check_summary(store)
        with store.session() as s:  # the rejected claim no longer counts
            assert s.scalar(select(func.sum(FactSummaryRow.claims))) == len(claims) - 1

        store.merge("Alpha Liberation Front", "Bravo Mujahideen Army")
        store.merge("Republic of Eastland", "Kingdom of Westmark")  # a source entity too
        _check_summary(store)
        store.save(_record(rng, 30, "v1"))  # a new report after the merges
        _check_summary(store)
        store.split("Alpha Liberation Front", "Bravo Mujahideen Army")
        _check_summary(store)


def test_refresh_facts_rebuilds_the_summary_of_claims_written_behind_its_back(store_url):
    from typer.testing import CliRunner

    from threatnet.cli import app

    _fill(store_url, seed=3, summarise=False)
    with Store(store_url) as store, store.session() as s:
        assert not load_facts(s)  # the summary knows nothing of them yet
    result = CliRunner().invoke(app, ["db", "refresh-facts", "--db", store_url])
    assert result.exit_code == 0, result.output
    assert "facts summary rows rebuilt" in result.output
    with Store(store_url) as store, store.session() as s:
        _compare(load_facts(s), _python_facts(s, None))
