"""`path`: chains of facts between two actors whichever way the facts point (each hop
saying which way), or only along them (`directed`), best-supported first, filtered by
predicate / class / confidence / hops / date, each hop with its evidence."""

from __future__ import annotations

import itertools

import networkx as nx
import pytest
from graphfacts import claim, eid, facts
from graphstore import SEED_DATE, dev_store_url
from hypothesis import given, settings
from hypothesis import strategies as st

from threatnet.analyse.paths import UNITS, find_paths, k_best_paths, path_dict, paths_between
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
    assert chains(paths_between(supply, eid("X"), eid("Z"), directed=True)) == [["X", "Y", "Z"]]
    assert paths_between(supply, eid("Z"), eid("X"), directed=True) == []
    allied = facts(claim("Y", "allied_with", "X"), claim("Z", "cooperates_with", "Y"))
    assert chains(paths_between(allied, eid("X"), eid("Z"), directed=True)) == [["X", "Y", "Z"]]
    assert chains(paths_between(allied, eid("Z"), eid("X"), directed=True)) == [["Z", "Y", "X"]]


def test_undirected_chains_either_way_each_hop_saying_which_way_it_points():
    found = facts(claim("X", "supplies", "Y"), claim("Z", "supports", "Y"),
                  claim("Z", "cooperates_with", "W"))
    [there] = paths_between(found, eid("X"), eid("W"))
    [back] = paths_between(found, eid("W"), eid("X"))
    assert there.nodes == ["X", "Y", "Z", "W"] and back.nodes == ["W", "Z", "Y", "X"]
    assert [h.direction for h in there.hops] == ["forward", "backward", "symmetric"]
    assert [h.direction for h in back.hops] == ["symmetric", "forward", "backward"]
    assert there.describe() == "X —supplies→ Y ←supports— Z —cooperates_with— W"
    assert paths_between(found, eid("X"), eid("W"), directed=True) == []


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
    # the drones report's own sentence is the evidence of its two hops ...
    assert "passed it on to Al-Qaeda" in first["evidence"][0]["text"]
    assert first["evidence"][0]["source"] == "a Counter Terrorism Department official"
    assert "through Taliban factions" in third["evidence"][0]["text"]
    # ... and the Al-Qaeda → Taliban hop comes from the test's own report
    assert "Al-Qaeda supplied armed drones to the Taliban" in second["evidence"][0]["text"]
    assert second["items"] == ["armed drones"]
    assert all(h["fact"]["claims_for"] >= 1 and h["fact"]["sources_for"] >= 1
               for h in data["hops"])


def test_the_supply_chain_runs_one_way_when_directed(dev):
    bla, iran = dev.entity("BLA").id, dev.entity("Iran").id
    with dev.session() as s:
        assert find_paths(s, bla, iran, predicates=["supplies"], directed=True) == []
        back = find_paths(s, bla, iran, predicates=["supplies"])
        assert chains(back)[0] == ["Balochistan Liberation Army", "Taliban", "Al-Qaeda", "Iran"]
        data = path_dict(s, back[0])
    assert [h["direction"] for h in data["hops"]] == ["backward"] * 3
    assert data["chain"].startswith("Balochistan Liberation Army ←supplies— Taliban")


def test_filters_class_confidence_and_as_of(dev):
    iran, bla = dev.entity("Iran").id, dev.entity("BLA").id
    with dev.session() as s:
        by_class = find_paths(s, iran, bla, classes=["capability"])
        assert ["Iran", "Al-Qaeda", "Taliban", "Balochistan Liberation Army"] in chains(by_class)
        assert find_paths(s, iran, bla, predicates=["supplies"], min_confidence=0.95) == []
        # before the drones report was published, none of its claims are known
        assert find_paths(s, iran, bla, predicates=["supplies"], as_of="2024-06-25") == []
        assert find_paths(s, iran, bla, predicates=["supplies"], as_of=SEED_DATE)
        assert find_paths(s, iran, bla, predicates=["supplies"], max_hops=2) == []


def test_bad_filters_are_errors(dev):
    with dev.session() as s:
        with pytest.raises(ThreatnetError, match="--class 'weapons'"):
            find_paths(s, 1, 2, classes=["weapons"])
        with pytest.raises(ThreatnetError, match="--predicate 'sells'"):
            find_paths(s, 1, 2, predicates=["sells"])


def test_equally_supported_chains_fewer_hops_first_then_by_entity_ids():
    sure = dict(confidence=1.0)  # every hop of confidence 1: every chain weighs 0
    found = facts(claim("T-X", "supplies", "T-A", **sure), claim("T-X", "supplies", "T-B", **sure),
                  claim("T-X", "supplies", "T-C", **sure), claim("T-C", "supplies", "T-D", **sure),
                  claim("T-D", "supplies", "T-Z", **sure), claim("T-B", "supplies", "T-Z", **sure),
                  claim("T-A", "supplies", "T-Z", **sure), claim("T-X", "supplies", "T-Z", **sure))
    assert eid("T-A") < eid("T-B")
    assert chains(paths_between(found[::-1], eid("T-X"), eid("T-Z"))) == [
        ["T-X", "T-Z"], ["T-X", "T-A", "T-Z"], ["T-X", "T-B", "T-Z"],
        ["T-X", "T-C", "T-D", "T-Z"]]


def test_hop_bounded_search_matches_networkx_shortest_simple_paths():
    import random

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


WEIGHTS = [0.0, 0.1, 0.2, 0.3, 0.5]  # few: many chains of equal weight


@st.composite
def weighted_digraphs(draw):
    n = draw(st.integers(2, 7))
    pairs = [(u, v) for u in range(n) for v in range(n) if u != v]
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=len(pairs)))
    weight = st.sampled_from(WEIGHTS) | st.floats(0, 4, allow_nan=False)
    graph = nx.DiGraph()
    graph.add_nodes_from(range(n))
    graph.add_weighted_edges_from((u, v, draw(weight)) for u, v in chosen)
    source, target = draw(st.permutations(range(n)))[:2]
    return graph, source, target, draw(st.integers(1, 5)), draw(st.integers(1, 8))


@settings(max_examples=300, deadline=None)
@given(weighted_digraphs())
def test_search_equals_brute_force_enumeration_of_simple_paths(case):
    """The A* search against every simple path of at most max_hops (networkx
    `all_simple_paths`), sorted: the same weights, lightest first; and, the weights in
    integer units being exact, the same paths in the documented order (weight, then
    fewer hops, then the node sequence) — two paths of equal weight in float arithmetic
    may differ in order only there, where their weights in units are equal."""
    graph, source, target, max_hops, k = case
    every = list(nx.all_simple_paths(graph, source, target, cutoff=max_hops))
    got = k_best_paths(graph, source, target, max_hops, k)

    assert [_cost(graph, p) for p in got] == sorted(_cost(graph, p) for p in every)[:k]
    units = lambda p: sum(round(graph.edges[u, v]["weight"] * UNITS)  # noqa: E731
                          for u, v in itertools.pairwise(p))
    assert got == sorted(every, key=lambda p: (units(p), len(p), p))[:k]
