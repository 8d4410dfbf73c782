"""`profile.build`: the BLA of the drones report written for the graph tests — identity,
structure, graded facts by class, the capability tree of the taxonomy, the timeline, and
`as_of`."""

from __future__ import annotations

from pathlib import Path

import pytest

from threatnet.analyse import profile
from threatnet.resolve.pack import load_actor_pack
from threatnet.store import Store

DRONES_REPORT = Path(__file__).resolve().parent / "data" / "bla-ttp-drones-2024.txt"


@pytest.fixture(scope="module")
def dev_url(tmp_path_factory, extractor) -> str:
    from threatnet.ingest import read_document

    url = f"sqlite:///{tmp_path_factory.mktemp('dev') / 'kb.db'}"
    with Store(url) as store:
        store.save(extractor.extract(read_document(str(DRONES_REPORT))))
    return url


def build(url: str, name: str, **kw) -> dict:
    with Store(url) as store:
        actor = store.entity(name)
        with store.session() as s:
            return profile.build(s, actor.id, load_actor_pack(), **kw)


def test_bla_profile(dev_url):
    p = build(dev_url, "BLA", explain=True)
    assert p["actor"]["name"] == "Balochistan Liberation Army"
    assert p["actor"]["type"] == "armed_group" and "BLA" in p["actor"]["aliases"]
    assert "Majid Brigade" in {f["name"] for f in p["factions"]}
    assert "Bashir Zeb Baloch" in {x["name"] for x in p["leaders"]}
    assert {"alignment", "opposition", "structure", "capability"} <= set(p["facts"])
    fact = next(f for f in p["facts"]["capability"] if f["object"] == "quadcopter drones")
    assert fact["claims_for"] == 1 and fact["claims_against"] == 0
    assert fact["sources_for"] == ["Another source"] and fact["strongest_for"] == "reported"
    assert fact["first_seen"] == fact["last_seen"] == "2024-06-26"
    assert fact["grade"]["code"] == "D3" and fact["grade"]["explanation"].startswith("D3:")
    # contradicted across the taxonomy by "Reports … has not yet used UAV technology"
    assert fact["grade"]["opposition"] > 0 and "Reports" in fact["grade"]["explanation"]
    denied = next(f for f in p["facts"]["capability"]
                  if f["object"] == "weaponized large drones")
    assert denied["stance"] == "negated" and denied["sources_against"] == ["Taliban sources"]
    assert "evidence" not in fact
    plain = build(dev_url, "BLA")  # explanations only when asked for
    assert all("explanation" not in f["grade"] for fs in plain["facts"].values() for f in fs)
    assert plain["facts"]["capability"][0]["grade"]["code"] \
        == p["facts"]["capability"][0]["grade"]["code"]
    assert p["contradictions"] >= 2


def test_capability_tree(dev_url):
    tree = {n["node"]: n for n in build(dev_url, "BLA")["capabilities"]}
    assert {"drone", "heavy_weapon"} <= set(tree)
    drone = tree["drone"]
    assert {c["node"] for c in drone["children"]} >= {"armed_drone", "quadcopter"}
    assert {h["object"] for h in drone["facts"]} >= {"small drones", "UAV technology"}
    heavy = tree["heavy_weapon"]
    assert [c["node"] for c in heavy["children"]] == ["anti_aircraft_gun"]
    assert heavy["children"][0]["facts"][0]["object"] == "anti-aircraft guns"


def test_evidence_and_timeline(dev_url):
    p = build(dev_url, "BLA", evidence=True)
    leads = next(f for f in p["facts"]["structure"] if f["predicate"] == "leads")
    assert "Bashir Zeb Baloch" in leads["evidence"][0]["text"]
    assert leads["evidence"][0]["source"] == "(author)"
    assert sum(p["timeline"].values()) == p["claims"]
    assert p["timeline"]["2024-06"] >= 15


def test_as_of_hides_later_documents(dev_url):
    full = build(dev_url, "BLA")
    assert "2024-06" in full["timeline"]
    early = build(dev_url, "BLA", as_of="2024-06-25")
    assert "2024-06" not in early["timeline"]
    assert early["claims"] == full["claims"] - full["timeline"]["2024-06"] - sum(
        n for m, n in full["timeline"].items() if m > "2024-06")
    assert build(dev_url, "BLA", as_of="2024-06-26")["timeline"]["2024-06"] == \
        full["timeline"]["2024-06"]
    # the pack still knows the BLA before any claim
    assert early["actor"]["aliases"] and early["factions"]
