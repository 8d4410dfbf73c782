"""Facts aggregated from claims (support, confidence), the actor graph, and `network`:
centrality, communities and the change between two dates."""

from __future__ import annotations

import pytest
from graphfacts import claim, eid, facts
from graphstore import SEED_DATE, dev_store_url

from threatnet.analyse.claims import load_claims
from threatnet.analyse.graph import build_graph, facts_from_claims, load_facts
from threatnet.analyse.network import analyse, change, network


@pytest.fixture(scope="module")
def dev_url(tmp_path_factory, extractor):
    return dev_store_url(tmp_path_factory, extractor)


def test_one_source_repeating_itself_counts_once():
    [fact] = facts(claim("A", "supports", "B", source="police", confidence=0.6),
                   claim("A", "supports", "B", source="police", confidence=0.7))
    assert (fact.claims_for, fact.sources_for, fact.confidence) == (2, 1, 0.7)


def test_independent_sources_corroborate_and_a_denial_weakens():
    [fact] = facts(claim("A", "supports", "B", source="police", confidence=0.6),
                   claim("A", "supports", "B", source="UN", confidence=0.5))
    assert fact.confidence == pytest.approx(1 - 0.4 * 0.5)
    [denied] = facts(claim("A", "supports", "B", source="police", confidence=0.6),
                     claim("A", "supports", "B", source="UN", confidence=0.5,
                           polarity="negated"))
    assert denied.confidence == pytest.approx(0.6 * 0.5)
    assert (denied.claims_for, denied.claims_against) == (1, 1)


def test_only_denied_or_hypothetical_relations_are_no_facts():
    assert facts(claim("A", "supports", "B", polarity="negated")) == []
    assert facts(claim("A", "allied_with", "B", modality="hypothetical", confidence=0.2)) == []


def test_symmetric_facts_merge_both_directions_and_are_edges_both_ways():
    found = facts(claim("A", "cooperates_with", "B", source="x"),
                  claim("B", "cooperates_with", "A", source="y"))
    assert len(found) == 1 and found[0].sources_for == 2
    graph = build_graph(found + facts(claim("A", "supplies", "C")))
    assert graph.has_edge(eid("A"), eid("B")) and graph.has_edge(eid("B"), eid("A"))
    assert graph.has_edge(eid("A"), eid("C")) and not graph.has_edge(eid("C"), eid("A"))


def test_broker_has_the_highest_betweenness_and_communities_are_stable():
    found = facts(claim("A1", "allied_with", "A2"), claim("A2", "allied_with", "A3"),
                  claim("A1", "allied_with", "A3"), claim("B1", "allied_with", "B2"),
                  claim("B2", "allied_with", "B3"), claim("B1", "allied_with", "B3"),
                  claim("Hub", "supports", "A1"), claim("Hub", "supports", "B1"))
    first = analyse(found)
    assert first["actors"][0]["actor"] == "Hub"
    assert first == analyse(list(reversed(found)))  # fixed seed, ordered output
    communities = [set(c["actors"]) for c in first["communities"]]
    assert {"A1", "A2", "A3"} <= next(c for c in communities if "A1" in c)
    hostile = analyse(found + facts(claim("A3", "fights", "B3"), claim("A2", "fights", "B2")))
    # opposition links count for centrality but never pull enemies into one community
    assert not any({"A3", "B3"} <= set(c["actors"]) for c in hostile["communities"])
    assert hostile["links"] == first["links"] + 2


def test_change_lists_facts_added_and_removed():
    before = facts(claim("A", "supports", "B"), claim("A", "fights", "C"))
    after = facts(claim("A", "supports", "B"), claim("D", "supplies", "A"))
    delta = change(before, after)
    assert [(r["subject"], r["predicate"], r["object"]) for r in delta["added"]] == \
        [("D", "supplies", "A")]
    assert [(r["subject"], r["predicate"]) for r in delta["removed"]] == [("A", "fights")]


def test_sql_aggregation_agrees_with_the_claims_loader(dev_url):
    from threatnet.analyse.claims import entities
    from threatnet.store import Store

    with Store(dev_url) as store, store.session() as s:
        types = {v.id: v.type for v in entities(s).values()}
        for as_of in (None, "2021-01-15", SEED_DATE):
            by_sql = {f.key: f for f in load_facts(s, as_of)}
            by_views = {f.key: f for f in facts_from_claims(
                load_claims(s, as_of), {"armed_group", "state", "government_body",
                                        "organization", "person"}, types)}
            assert by_sql.keys() == by_views.keys()
            for key, fact in by_sql.items():
                other = by_views[key]
                assert (fact.confidence, fact.claims_for, fact.claims_against,
                        fact.sources_for, fact.first_seen) == \
                    (other.confidence, other.claims_for, other.claims_against,
                     other.sources_for, other.first_seen), key


def test_network_of_the_dev_store_and_its_change(dev_url):
    from threatnet.store import Store

    with Store(dev_url) as store, store.session() as s:
        data = network(s, since="2024-01-01", until=SEED_DATE)
        before = network(s, as_of="2023-12-31")
    names = {a["actor"] for a in data["actors"]}
    assert {"Balochistan Liberation Army", "Taliban", "Iran", "Al-Qaeda"} <= names
    assert not any(a["actor"] == "Majid Brigade" for a in before["actors"])  # seed only
    added = {(r["subject"], r["predicate"], r["object"]) for r in data["change"]["added"]}
    assert ("Iran", "supplies", "Al-Qaeda") in added
    assert ("Al-Qaeda", "supplies", "Taliban") in added
    assert data["change"]["removed"] == []
    assert all(a["betweenness"] >= 0 for a in data["actors"])
    assert data["communities"] and all(c["size"] >= 2 for c in data["communities"])
