"""Choosing the classifier's penalty, choice mode and threshold inside training reports."""

from __future__ import annotations

import random
from pathlib import Path

from threatnet.evaluate.relation_training import (
    OFF,
    Outcomes,
    Report,
    choose_settings,
    train_with_threshold,
)
from threatnet.extract.classifier import NONE, Candidate, RuleFacts


def _reports(informative: bool, n_reports: int = 9, per_report: int = 30,
             outcome: str = "finds") -> list[Report]:
    """Synthetic reports: a pair is `allied_with` when it has the feature "cue" (or, not
    informative, at random whatever its features); the rules found 10 of 40 claims; a
    right proposal is what `outcome` says to the scorer."""
    rng = random.Random(7)
    out = []
    for r in range(n_reports):
        cands, labels, accepted = [], [], []
        for n in range(per_report):
            cue = n % 3 == 0
            positive = cue if informative else rng.random() < 1 / 3
            feats = sorted({"t=armed_group>armed_group", f"noise={rng.randrange(40)}"}
                           | ({"cue"} if cue else set()))
            cands.append(Candidate(f"a{n}", f"b{n}", n, None, feats, False))  # type: ignore[arg-type]
            labels.append("allied_with" if positive else NONE)
            accepted.append(Outcomes(**{outcome: {"allied_with"}}) if positive and
                            outcome != "wrong" else Outcomes())
        types = {e: "armed_group" for c in cands for e in (c.subject, c.object)}
        out.append(Report(f"r{r}", Path(f"r{r}.txt"), "", {"claims": []}, {},
                          {"tp": 10, "required": 40, "hits": 10, "predicted": 12},
                          cands, labels, accepted, types, RuleFacts(frozenset(), frozenset())))
    return out


def test_a_feature_that_tells_the_relation_gets_a_threshold():
    chosen = choose_settings(_reports(True), l2s=(1e-3, 1e-2))
    assert chosen.threshold < OFF and chosen.gain > 0
    assert chosen.l2 in (1e-3, 1e-2)


def test_a_relation_the_scorer_would_not_count_keeps_it_off():
    # the gold claims were negated or hedged: the model learns them, but proposing
    # them as they come would be wrong
    chosen = choose_settings(_reports(True, outcome="wrong"), l2s=(1e-2,))
    assert chosen.threshold == OFF
    # already found by the rules: a proposal adds a hit but no recall; it still may
    # raise the F1 a little, less than a missed claim found
    found = choose_settings(_reports(True), l2s=(1e-2,))
    known = choose_settings(_reports(True, outcome="right"), l2s=(1e-2,))
    assert 0 < known.gain < found.gain


def test_outcomes_name_the_best_reading():
    out = Outcomes(finds={"leads"}, right={"member_of"}, ignored={"supports"})
    assert [out.of(p) for p in ("leads", "member_of", "supports", "fights")] == \
        ["finds", "right", "ignored", "wrong"]


def test_features_that_tell_nothing_keep_it_off():
    chosen = choose_settings(_reports(False), l2s=(1e-3, 1e-2))
    assert chosen.threshold == OFF and chosen.gain == 0


def test_the_trained_model_carries_the_chosen_settings():
    model, chosen = train_with_threshold(_reports(True), l2s=(1e-2,))
    assert (model.threshold, model.by_class) == (chosen.threshold, chosen.by_class)
    cue = model.probabilities(["t=armed_group>armed_group", "cue"])
    plain = model.probabilities(["t=armed_group>armed_group"])
    allied = model.classes.index("allied_with")
    assert cue[allied] > model.threshold > plain[allied]
