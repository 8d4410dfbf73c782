"""The learned relation classifier: its features, its shipped model, its setting, and
that its claims take polarity, modality and source from the cue code, not the model."""

from __future__ import annotations

import pytest

from threatnet.errors import InvalidData
from threatnet.extract.classifier import (
    NONE,
    QUALIFIER,
    SETTING,
    RelationClassifier,
    candidates,
    load_classifier,
    shipped_model,
)
from threatnet.extract.coref import Coreference
from threatnet.ingest import document_from_text
from threatnet.model import PREDICATES

TEXT = ("Lashkar-e-Taiba and Jaish-e-Mohammed were active in Kashmir. "
        "Officials said the group had links with Pakistan.")


def _candidates(extractor, text: str):
    doc = extractor.nlp(text)
    found = extractor.entities.find(doc)
    types = {e.id: e.type for e in found.entities}
    names = {e.id: e.name for e in found.entities}
    coref = Coreference(doc, found.token_entity, types, names)
    return candidates(doc, found.token_entity, types, coref, []), names


def _always(predicate: str, types: tuple[str, str]) -> RelationClassifier:
    """A model that names `predicate` for every pair of the given types, whatever the words."""
    classes = [NONE, predicate]
    return RelationClassifier(classes, [0.0, 9.0], {}, 0.5, {(predicate, *types)})


def _learned(extractor, classifier: RelationClassifier, text: str) -> list:
    saved = extractor.classifier
    extractor.classifier = classifier
    try:
        record = extractor.extract(document_from_text(text, source="test"))
    finally:
        extractor.classifier = saved
    names = {e.id: e.name for e in record.entities}
    return [(names[c.subject], c.predicate, names[c.object], c)
            for c in record.claims if c.qualifiers.get("extractor") == QUALIFIER]


def test_features_are_deterministic_and_describe_the_pair(extractor):
    first, names = _candidates(extractor, TEXT)
    again, _ = _candidates(extractor, TEXT)
    assert [(c.subject, c.object, c.features) for c in first] == \
        [(c.subject, c.object, c.features) for c in again]
    pair = next(c for c in first if names[c.subject] == "Lashkar-e-Taiba"
                and names[c.object] == "Kashmir")
    assert "t=armed_group>location" in pair.features
    assert "dir=fwd" in pair.features
    assert pair.features == sorted(set(pair.features))
    back = next(c for c in first if names[c.subject] == "Kashmir"
                and names[c.object] == "Lashkar-e-Taiba")
    assert "dir=back" in back.features


def test_resolved_group_nouns_are_mentions(extractor):
    # (after "X and Y were …" "the group" is left unresolved: either could be meant)
    found, names = _candidates(extractor, "Lashkar-e-Taiba was active in Kashmir. "
                                          "Officials said the group had links with Pakistan.")
    second = [c for c in found if c.sentence > 0]
    assert any("s_anaphor" in c.features and names[c.object] == "Pakistan" for c in second)


def test_the_shipped_model_loads():
    model = shipped_model()
    assert model.classes[0] == NONE and set(model.classes[1:]) <= set(PREDICATES)
    assert model.weights and 0 < model.threshold
    assert all(p in model.classes for p, _, _ in model.allowed)
    probs = model.probabilities(["t=armed_group>location", "lca=active"])
    assert abs(sum(probs) - 1) < 1e-9


def test_the_setting_switches_it_off(monkeypatch, extractor):
    monkeypatch.setenv(SETTING, "off")
    assert load_classifier() is None
    monkeypatch.setenv(SETTING, "on")
    assert load_classifier() is shipped_model()
    with pytest.raises(InvalidData):
        load_classifier("maybe")
    # switched off, the pipeline makes no claim of the model's, even with a model eager
    # to propose: the same extractor, its classifier set as `load_classifier` returns it
    monkeypatch.setenv(SETTING, "off")
    eager = _always("allied_with", ("armed_group", "armed_group"))
    text = "Lashkar-e-Taiba may stand beside Jaish-e-Mohammed."
    assert _learned(extractor, eager, text)
    assert _learned(extractor, load_classifier(), text) == []


def test_a_proposed_claim_takes_its_certainty_from_the_cues(extractor):
    eager = _always("allied_with", ("armed_group", "armed_group"))
    plain = _learned(extractor, eager, "Lashkar-e-Taiba stands beside Jaish-e-Mohammed.")
    hedged = _learned(extractor, eager, "Lashkar-e-Taiba may stand beside Jaish-e-Mohammed.")
    denied = _learned(extractor, eager,
                      "Lashkar-e-Taiba does not stand beside Jaish-e-Mohammed.")
    sourced = _learned(extractor, eager, "Indian officials said that Lashkar-e-Taiba stands "
                                         "beside Jaish-e-Mohammed.")
    assert [(s, p, o) for s, p, o, _ in plain] == \
        [("Lashkar-e-Taiba", "allied_with", "Jaish-e-Mohammed")]
    assert [str(c.modality) for *_, c in plain] == ["asserted"]
    assert [str(c.modality) for *_, c in hedged] == ["possible"]
    assert [str(c.polarity) for *_, c in denied] == ["negated"]
    assert [(str(c.modality), c.source is not None) for *_, c in sourced] == \
        [("reported", True)]


def test_pairs_the_rules_cover_get_no_proposal(extractor):
    eager = _always("member_of", ("armed_group", "location"))
    text = "Lashkar-e-Taiba operates in Kashmir."
    rules = extractor.extract(document_from_text(text, source="test")).claims
    assert any(c.predicate == "operates_in" for c in rules)
    assert _learned(extractor, eager, text) == []


def test_a_written_model_reads_back_the_same(tmp_path):
    import json

    from threatnet.extract.classifier import MODEL_FILE, WEIGHTS_FILE, write_model

    model = shipped_model()
    header, weights = write_model(model, tmp_path)
    assert header == tmp_path / MODEL_FILE and weights == tmp_path / WEIGHTS_FILE
    assert "weights" not in json.loads(header.read_text(encoding="utf-8"))
    again = RelationClassifier.from_dict({**json.loads(header.read_text(encoding="utf-8")),
                                          "weights": json.loads(weights.read_text("utf-8"))})
    feats = ["t=armed_group>location", "lca=base", "sprep=in"]
    assert again.probabilities(feats) == model.probabilities(feats)
    assert (again.threshold, again.enabled, again.allowed) == \
        (model.threshold, model.enabled, model.allowed)


def test_the_classifier_reads_entities_the_incident_readers_added(extractor):
    # a log's rows add victims' entities after the relation stages; the classifier reads
    # every pair with them (it once failed with a KeyError on such a report)
    text = ("Security log, May 2021\n\nOne line per incident. Fields: date | place | target "
            "| perpetrator | killed | injured.\n\n03 May | Quetta, Balochistan | police "
            "checkpoint, grenades | Balochistan Liberation Army, claimed | 2 constables | 1\n"
            "09 May | Turbat, Kech, Balochistan | camp of road workers | militants suspected, no "
            "confirmed claim | 5 (four workers, one engineer) | n/r\n")
    every = ("armed_group", "organization", "state", "government_body", "person", "location",
             "population", "infrastructure", "event", "capability")
    anything = RelationClassifier([NONE, "supports"], [0.0, 9.0], {}, 0.5,
                                  {("supports", a, b) for a in every for b in every})
    found = _learned(extractor, anything, text)
    assert found and all(subject and thing for subject, _, thing, _ in found)
