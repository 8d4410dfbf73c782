"""`path`: direction-aware chains of facts between two actors, best-supported first,
filtered by predicate / class / confidence / hops / date, each hop with its evidence."""

from __future__ import annotations

import pytest
from graphfacts import claim, eid, facts
from graphstore import SEED_DATE, dev_store_url

from threatnet.analyse.paths import find_paths, path_dict, paths_between
from threatnet.errors import ThreatnetError


@pytest.fixture(scope="module")
def dev(tmp_path_factory, extractor):
    from threatnet.store import Store

    with Store(dev_store_url(tmp_path_factory, extractor)) as store:
        yield store


def chains(found) -> list[list[str]]:
    return [p.nodes for p in found]


def test_directed_facts_are_walked_forward_only_symmetric_both_ways():
    supply = facts(claim("X", "supplies", "Y"), claim("Y", "supplies", "Z"))
    assert chains(paths_between(supply, eid("X"), eid("Z"))) == [["X", "Y", "Z"]]
    assert paths_between(supply, eid("Z"), eid("X")) == []
    allied = facts(claim("Y", "allied_with", "X"), claim("Z", "cooperates_with", "Y"))
    assert chains(paths_between(allied, eid("X"), eid("Z"))) == [["X", "Y", "Z"]]
    assert chains(paths_between(allied, eid("Z"), eid("X"))) == [["Z", "Y", "X"]]


def test_best_supported_first_and_max_hops():
    found = facts(claim("P", "supports", "Q", confidence=0.3),
                  claim("P", "supplies", "R1"), claim("R1", "supplies", "R2"),
                  claim("R2", "supplies", "Q"))
    best = paths_between(found, eid("P"), eid("Q"))
    assert chains(best) == [["P", "R1", "R2", "Q"], ["P", "Q"]]  # 0.9³ = 0.73 > 0.3
    assert best[0].confidence == pytest.approx(0.729)
    assert chains(paths_between(found, eid("P"), eid("Q"), max_hops=2)) == [["P", "Q"]]
    assert len(paths_between(found, eid("P"), eid("Q"), k=1)) == 1


def test_a_hop_lists_every_fact_between_the_two_best_first():
    found = facts(claim("M", "supports", "N", confidence=0.5),
                  claim("M", "supplies", "N", confidence=0.8))
    [path] = paths_between(found, eid("M"), eid("N"))
    assert [f.predicate for f in path.hops[0].facts] == ["supplies", "supports"]


def test_iran_to_bla_supply_chain_with_evidence(dev):
    iran, bla = dev.entity("Iran"), dev.entity("BLA")
    with dev.session() as s:
        found = find_paths(s, iran.id, bla.id, predicates=["supplies"])
        assert chains(found)[0] == ["Iran", "Al-Qaeda", "Taliban", "Balochistan Liberation Army"]
        data = path_dict(s, found[0])
    assert [h["predicate"] for h in data["hops"]] == ["supplies"] * 3
    first, second, third = (h["fact"] for h in data["hops"])
    # the seed report's own sentence is the evidence of its two hops ...
    assert "passed it on to Al-Qaeda" in first["evidence"][0]["text"]
    assert first["evidence"][0]["source"] == "a Counter Terrorism Department official"
    assert "through Taliban factions" in third["evidence"][0]["text"]
    # ... and the Al-Qaeda → Taliban hop comes from the test's own report
    assert "Al-Qaeda supplied armed drones to the Taliban" in second["evidence"][0]["text"]
    assert second["items"] == ["armed drones"]
    assert all(h["fact"]["claims_for"] >= 1 and h["fact"]["sources_for"] >= 1
               for h in data["hops"])


def test_the_supply_chain_runs_one_way(dev):
    with dev.session() as s:
        assert find_paths(s, dev.entity("BLA").id, dev.entity("Iran").id,
                          predicates=["supplies"]) == []


def test_filters_class_confidence_and_as_of(dev):
    iran, bla = dev.entity("Iran").id, dev.entity("BLA").id
    with dev.session() as s:
        by_class = find_paths(s, iran, bla, classes=["capability"])
        assert ["Iran", "Al-Qaeda", "Taliban", "Balochistan Liberation Army"] in chains(by_class)
        assert find_paths(s, iran, bla, predicates=["supplies"], min_confidence=0.95) == []
        # before the seed report was published, none of its claims are known
        assert find_paths(s, iran, bla, predicates=["supplies"], as_of="2024-06-25") == []
        assert find_paths(s, iran, bla, predicates=["supplies"], as_of=SEED_DATE)
        assert find_paths(s, iran, bla, predicates=["supplies"], max_hops=2) == []


def test_bad_filters_are_errors(dev):
    with dev.session() as s:
        with pytest.raises(ThreatnetError, match="--class 'weapons'"):
            find_paths(s, 1, 2, classes=["weapons"])
        with pytest.raises(ThreatnetError, match="--predicate 'sells'"):
            find_paths(s, 1, 2, predicates=["sells"])


def test_hop_bounded_search_matches_networkx_shortest_simple_paths():
    import itertools
    import random

    import networkx as nx

    from threatnet.analyse.paths import k_best_paths

    rng = random.Random(3)
    for _ in range(30):
        graph = nx.gnp_random_graph(10, 0.3, seed=rng.randrange(10**6), directed=True)
        for u, v in graph.edges:
            graph.edges[u, v]["weight"] = rng.choice([0.1, 0.36, 0.7, 1.2])
        if not nx.has_path(graph, 0, 9):
            continue
        for hops in (2, 3, 4):
            candidates = nx.shortest_simple_paths(graph, 0, 9, weight="weight")
            expected = [p for p in itertools.islice(candidates, 400) if len(p) - 1 <= hops][:5]
            got = k_best_paths(graph, 0, 9, hops, 5)

            assert [_cost(graph, p) for p in got] == [_cost(graph, p) for p in expected]
            assert all(len(p) - 1 <= hops and len(set(p)) == len(p) for p in got)


def _cost(graph, nodes: list[int]) -> float:
    return round(sum(graph.edges[u, v]["weight"]
                     for u, v in zip(nodes, nodes[1:], strict=False)), 9)
