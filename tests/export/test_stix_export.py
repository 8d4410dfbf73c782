"""STIX 2.1 export of the dev-corpus store: valid, faithful to polarity and modality, stable."""

from __future__ import annotations

import json
import re
from collections import Counter

import stix2
from stix2validator import ValidationOptions, validate_string


def _by_type(bundle: dict, kind: str) -> list[dict]:
    return [o for o in bundle["objects"] if o["type"] == kind]


def test_bundle_validates_with_zero_errors_and_parses_back(bundle_text, bundle):
    result = validate_string(bundle_text, ValidationOptions(version="2.1"))
    codes = Counter(re.search(r"\{(\d+)\}", str(w)).group(1) for w in result.warnings)
    example = {re.search(r"\{(\d+)\}", str(w)).group(1): str(w) for w in result.warnings}
    print(f"stix2-validator: {len(result.errors)} errors, {len(result.warnings)} warnings")
    for code, n in codes.most_common():  # UUIDv5 ids, x_ properties, custom relationship types
        print(f"  {n} x {{{code}}}, e.g. {example[code][:150]}")
    assert result.errors == []
    assert result.is_valid
    parsed = stix2.parse(bundle_text, allow_custom=True)
    assert len(parsed.objects) == len(bundle["objects"])
    kinds = Counter(o["type"] for o in bundle["objects"])
    for kind in ("intrusion-set", "identity", "location", "tool", "relationship", "note",
                 "report"):
        assert kinds[kind] > 0, kind


def test_negated_bla_weaponized_drones_is_never_a_relationship(bundle):
    names = {o["id"]: o.get("name") for o in bundle["objects"]}
    denial = [n for n in _by_type(bundle, "note")
              if n["x_threatnet_claim"]["predicate"] == "possesses"
              and names[n["x_threatnet_claim"]["subject_ref"]] == "Balochistan Liberation Army"
              and "weaponized" in names[n["x_threatnet_claim"]["object_ref"]]]
    assert denial, "the drones report's denial of weaponized drones to the BLA is missing"
    note = denial[0]
    assert note["x_threatnet_polarity"] == "negated"
    assert "DENIES" in note["abstract"]
    drones = note["x_threatnet_claim"]["object_ref"]
    assert not [r for r in _by_type(bundle, "relationship")
                if r["source_ref"] == note["x_threatnet_claim"]["subject_ref"]
                and r["target_ref"] == drones]
    assert not any(ref.startswith("relationship--") for ref in note["object_refs"])


def test_every_relationship_carries_modality_confidence_and_an_affirming_claim(bundle):
    rels = _by_type(bundle, "relationship")
    notes = _by_type(bundle, "note")
    # derived from incidents ("group targets police", by incident) rather than claimed:
    # those carry the incidents they come from instead of claims
    derived = [r for r in rels if r.get("x_threatnet_derived")]
    assert all(r["x_threatnet_incident_refs"] for r in derived)
    for rel in (r for r in rels if not r.get("x_threatnet_derived")):
        assert rel["x_threatnet_modality"] in ("asserted", "reported", "alleged", "believed",
                                               "possible")
        assert 0 <= rel["confidence"] <= 100
        assert rel["x_threatnet_polarity"] == "affirmed"
        support = [n for n in notes if rel["id"] in n["object_refs"]]
        assert any(n["x_threatnet_polarity"] == "affirmed"
                   and n["x_threatnet_modality"] != "hypothetical" for n in support), rel["id"]
    # standard STIX types where the meaning matches, custom ones (hyphenated) otherwise
    types = {r["relationship_type"] for r in rels}
    assert "targets" in types and "possesses" in types
    assert not any("_" in t for t in types)


def test_export_is_deterministic(dev_url, bundle_text):
    from threatnet.export.common import collect
    from threatnet.export.stix import bundle_json
    from threatnet.store import Store

    with Store(dev_url) as store, store.session() as s:
        again = bundle_json(collect(s))
    assert again == bundle_text


def test_round_trip_export_import_export_gives_the_same_objects(bundle_text, bundle, tmp_path):
    from threatnet.export.common import collect
    from threatnet.export.stix import bundle_json
    from threatnet.ingest.stix_import import import_bundle
    from threatnet.resolve.pack import load_actor_pack
    from threatnet.store import Store

    path = tmp_path / "bundle.json"
    path.write_text(bundle_text, encoding="utf-8")
    overlay = tmp_path / "pack"
    with Store(f"sqlite:///{tmp_path / 'empty.db'}") as store:
        summary = import_bundle(store, path, overlay)
        assert summary.claims == len(_by_type(bundle, "note"))
        with store.session() as s:
            again = json.loads(bundle_json(collect(s, pack=load_actor_pack(overlay))))
    before = {o["id"]: o for o in bundle["objects"]}
    after = {o["id"]: o for o in again["objects"]}
    assert set(after) == set(before)
    assert [i for i in before if before[i] != after[i]] == []


def test_filters_by_actor_and_confidence(dev_url, export_data):
    from threatnet.export.common import collect
    from threatnet.store import Store

    with Store(dev_url) as store, store.session() as s:
        bla = store.entity("BLA").id
        only = collect(s, actor_id=bla, min_confidence=0.5)
    assert only.facts and len(only.facts) < len(export_data.facts)
    assert all(bla in (f.fact.subject_id, f.fact.object_id) and f.fact.confidence >= 0.5
               for f in only.facts)
    assert all(bla in (c.subject_id, c.object_id) for c in only.claims)
