"""The classifier's generalising features (lexical class of the joining word, the
abstracted path, noun-phrase pairs) and its class-first choice."""

from __future__ import annotations

import pytest

from threatnet.extract.classifier import (
    NONE,
    RelationClassifier,
    candidates,
    lexical_classes,
)
from threatnet.extract.coref import Coreference


def _pair(extractor, text: str, subject: str, obj: str) -> list[str]:
    doc = extractor.nlp(text)
    found = extractor.entities.find(doc)
    types = {e.id: e.type for e in found.entities}
    names = {e.id: e.name for e in found.entities}
    coref = Coreference(doc, found.token_entity, types, names)
    for cand in candidates(doc, found.token_entity, types, coref, []):
        if names[cand.subject] == subject and names[cand.object] == obj:
            return cand.features
    raise AssertionError(f"no candidate {subject} -> {obj} in {sorted(names.values())}")


def test_lexical_classes_come_from_the_frames_data():
    classes = lexical_classes()
    assert "attacks" in classes["ambush"]
    assert "leads" in classes["chief"]  # a role noun
    assert all(isinstance(c, tuple) and c for c in classes.values())


@pytest.mark.parametrize("text", [
    "Lashkar-e-Taiba ambushed Jaish-e-Mohammed near the border.",
    "Lashkar-e-Taiba reportedly raided Jaish-e-Mohammed last year.",
    "In 2019 Lashkar-e-Taiba stormed Jaish-e-Mohammed in a dawn assault.",
])
def test_the_joining_verb_carries_its_class(extractor, text):
    feats = _pair(extractor, text, "Lashkar-e-Taiba", "Jaish-e-Mohammed")
    assert "lcacls=attacks" in feats and "lcagrp=opposition" in feats
    assert "st=armed_group" in feats and "ot=armed_group" in feats
    assert any(f.startswith("cpath=") and "attacks" in f for f in feats)
    assert "np" not in feats  # a clause, not a noun phrase


@pytest.mark.parametrize("text, subject, obj", [
    ("Hafiz Saeed, the chief of Lashkar-e-Taiba, spoke on Friday.",
     "Hafiz Muhammad Saeed", "Lashkar-e-Taiba"),
    ("Lashkar-e-Taiba's chief, Hafiz Saeed, spoke on Friday.",
     "Hafiz Muhammad Saeed", "Lashkar-e-Taiba"),
    ("The rally was addressed by Hafiz Saeed, founder of Lashkar-e-Taiba.",
     "Hafiz Muhammad Saeed", "Lashkar-e-Taiba"),
])
def test_a_pair_inside_one_noun_phrase_is_marked(extractor, text, subject, obj):
    feats = _pair(extractor, text, subject, obj)
    assert "np" in feats
    assert any(f.startswith("np=") for f in feats)
    assert "pcls=leads" in feats or "lcacls=leads" in feats


def test_path_length_is_bucketed(extractor):
    near = _pair(extractor, "Lashkar-e-Taiba attacked Jaish-e-Mohammed.",
                 "Lashkar-e-Taiba", "Jaish-e-Mohammed")
    far = _pair(extractor, "Lashkar-e-Taiba, which officials say has grown since 2015 and "
                           "now recruits widely, attacked the offices that Jaish-e-Mohammed "
                           "had opened in the valley.", "Lashkar-e-Taiba", "Jaish-e-Mohammed")
    assert "plen=1-2" in near
    assert "plen=1-2" not in far and any(f.startswith("plen=") for f in far)


def _split_model(by_class: bool) -> RelationClassifier:
    """Two geography predicates that share the probability, one alignment predicate."""
    classes = [NONE, "based_in", "operates_in", "supports"]
    allowed = {(p, "armed_group", "location") for p in classes[1:]}
    return RelationClassifier(classes, [0.0, 0.0, 0.0, 0.0],
                              {"x": [(0, 0.0), (1, 1.0), (2, 1.0), (3, 1.2)]}, 0.5,
                              allowed, by_class=by_class)


class _Cand:
    subject, object, features = "g", "p", ["x"]


def test_class_first_sums_a_class_then_names_its_likeliest_predicate():
    types = {"g": "armed_group", "p": "location"}
    plain, grouped = _split_model(False), _split_model(True)
    probs = plain.probabilities(["x"])
    predicate, p = plain.best(_Cand, types)  # type: ignore[arg-type]
    assert predicate == "supports" and p == pytest.approx(probs[3]) and p < 0.5
    predicate, p = grouped.best(_Cand, types)  # type: ignore[arg-type]
    assert predicate in ("based_in", "operates_in")
    assert p == pytest.approx(probs[1] + probs[2]) and p > probs[3]


def test_the_choice_mode_reads_back():
    model = _split_model(True)
    again = RelationClassifier.from_dict(model.to_dict())
    assert again.by_class and again.probabilities(["x"]) == model.probabilities(["x"])
    old = model.to_dict()
    del old["choose"]  # a model file written before the mode existed
    assert not RelationClassifier.from_dict(old).by_class
