"""`infer`: proposals (shared adversary, supply chain, inherited from the parent), each
labelled an inference with the facts it rests on, never written into the store."""

from __future__ import annotations

import pytest
from graphfacts import claim, facts, types
from graphstore import SEED_DATE, dev_store_url

from threatnet.analyse.inference import infer, load_inferences

GROUPS = types(A="armed_group", B="armed_group", C="armed_group", Enemy="state",
               Unit="armed_group", Parent="armed_group", Officer="person", Target="state")


@pytest.fixture(scope="module")
def dev(tmp_path_factory, extractor):
    from threatnet.store import Store

    with Store(dev_store_url(tmp_path_factory, extractor)) as store:
        yield store


def proposals(found) -> set[tuple[str, str, str, str]]:
    return {(i.rule, i.subject, i.predicate, i.object) for i in found}


def test_shared_adversary_proposes_cooperation_unless_already_linked():
    base = facts(claim("A", "hostile_to", "Enemy"), claim("B", "attacks", "Enemy"),
                 claim("C", "fights", "Enemy"), claim("B", "rival_of", "C"))
    found = infer(base, GROUPS)
    assert proposals(found) == {("shared_adversary", "A", "cooperates_with", "B"),
                                ("shared_adversary", "A", "cooperates_with", "C")}
    [ab] = [i for i in found if i.object == "B"]
    assert ab.label == "inference" and ab.via == ["Enemy"]
    assert {(f.subject, f.predicate) for f in ab.basis} == {("A", "hostile_to"),
                                                            ("B", "attacks")}
    assert ab.confidence == pytest.approx(0.5 * 0.9 * 0.9)
    known = infer(base, GROUPS, include_known=True)
    [bc] = [i for i in known if {i.subject, i.object} == {"B", "C"}]
    assert [f.predicate for f in bc.known] == ["rival_of"]
    assert "already_linked_by" in bc.to_dict()


def test_supply_chain_carries_the_items_and_skips_known_supply():
    chain = facts(claim("X", "supplies", "Y", item="drones"), claim("Y", "supplies", "Z"))
    [one] = infer(chain)
    assert (one.rule, one.subject, one.object, one.items) == ("supply_chain", "X", "Z",
                                                                ["drones"])
    assert one.to_dict()["label"] == "inference"
    assert infer(chain + facts(claim("X", "supplies", "Z"))) == []


def test_a_unit_inherits_its_parents_hostility_but_a_person_does_not():
    base = facts(claim("Unit", "part_of", "Parent"), claim("Officer", "member_of", "Parent"),
                 claim("Parent", "targets", "Target"))
    assert proposals(infer(base, GROUPS)) == {
        ("inherited_from_parent", "Unit", "targets", "Target")}
    already = base + facts(claim("Unit", "targets", "Target"))
    assert infer(already, GROUPS) == []


def test_inferences_about_one_actor():
    base = facts(claim("A", "hostile_to", "Enemy"), claim("B", "attacks", "Enemy"),
                 claim("X", "supplies", "Y"), claim("Y", "supplies", "Z"))
    from graphfacts import eid

    assert proposals(infer(base, GROUPS, actor=eid("X"))) == {
        ("supply_chain", "X", "supplies", "Z")}


def test_ttp_bla_shared_adversary_on_the_dev_store(dev):
    ttp, bla = dev.entity("TTP").id, dev.entity("BLA").id
    claims_before = dev.counts()["claims"]
    with dev.session() as s:
        # before the drones report, both fight Pakistan and nothing links them: proposed
        early = [i for i in load_inferences(s, as_of="2024-06-25", actor=ttp)
                 if {i.subject_id, i.object_id} == {ttp, bla}]
        # once the drones report states their cooperation, it is no longer a new proposal ...
        later = [i for i in load_inferences(s, actor=ttp)
                 if {i.subject_id, i.object_id} == {ttp, bla}]
        # ... unless asked for, shown with the fact that already links them
        known = [i for i in load_inferences(s, actor=ttp, include_known=True)
                 if {i.subject_id, i.object_id} == {ttp, bla}]
        data = early[0].to_dict(s)
    assert [(i.rule, i.predicate) for i in early] == [("shared_adversary", "cooperates_with")]
    assert data["label"] == "inference" and data["via"] == ["Pakistan"]
    # `fights` is symmetric: the store keeps it whichever way round
    rests_on = {(frozenset((f["subject"], f["object"])), f["predicate"])
                for f in data["rests_on"]}
    assert rests_on == {(frozenset(("Tehrik-i-Taliban Pakistan", "Pakistan")), "fights"),
                        (frozenset(("Balochistan Liberation Army", "Pakistan")), "attacks")}
    assert all(f["evidence"] for f in data["rests_on"])
    assert later == []
    assert [(f.predicate, f.first_seen) for f in known[0].known] == \
        [("cooperates_with", SEED_DATE)]
    assert dev.counts()["claims"] == claims_before  # nothing written


def test_supply_chain_and_inherited_on_the_dev_store(dev):
    with dev.session() as s:
        found = proposals(load_inferences(s))
    assert ("supply_chain", "Iran", "supplies", "Taliban") in found
    assert ("supply_chain", "Al-Qaeda", "supplies", "Balochistan Liberation Army") in found
    # the drones report: the Majid Brigade is part of the BLA, which is hostile to China
    assert ("inherited_from_parent", "Majid Brigade", "hostile_to", "China") in found
