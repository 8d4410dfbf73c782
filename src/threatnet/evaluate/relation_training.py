"""Training the relation classifier (`extract/classifier.py`) on annotated reports.

`collect` runs the rule extractor over reports with a recorder in the classifier's
place, keeping every candidate pair, the rules' own record and the rules' scores.
`label` aligns the gold claims to the candidates: a candidate is labelled with a
gold claim's predicate when the gold claim's evidence lies in the candidate's
sentence and its subject and object are the entities the scorer links the pair to,
and notes what a proposal would be to the scorer (a gold claim the rules missed, one
they found, an optional one, or wrong; a negated or hedged gold claim counts as wrong).
`fit` trains a multinomial logistic model (numpy, full-batch Adam with an L2
penalty), and `choose_settings` picks the penalty, whether the predicate class is
chosen first, and the probability above which a proposal is kept, from out-of-fold
probabilities on the training reports only.
`bench/relation_classifier_cv.py` cross-validates the whole procedure by report.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from threatnet.evaluate import reference
from threatnet.extract.classifier import (
    NONE,
    Candidate,
    RelationClassifier,
    RuleFacts,
    candidates,
)
from threatnet.extract.pipeline import Extractor
from threatnet.extract.sentences import sentence_of, trimmed
from threatnet.ingest import read_document
from threatnet.model import PREDICATES, is_symmetric

MIN_FEATURE_COUNT = 2  # rarer features are dropped: they cannot generalise
KEEP_WEIGHT = 0.01  # smaller weights are not shipped
MIN_ADDED_PRECISION = 0.65  # a threshold whose proposals are right less often is refused
THRESHOLDS = [round(0.30 + 0.05 * n, 2) for n in range(14)]  # 0.30 … 0.95
OFF = 1.01  # a threshold no probability reaches


@dataclass
class Report:
    """One annotated report as the rules read it."""

    name: str
    path: Path  # the report's text file
    text: str
    gold: dict[str, Any]
    record: dict[str, Any]  # the rules' extraction, as the JSON contract prints it
    counts: dict[str, int]  # the scorer's raw claim counts for the rules' record
    candidates: list[Candidate] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    # what a proposal of each predicate would be to the scorer (`Outcomes`)
    outcomes: list[Outcomes] = field(default_factory=list)
    types: dict[str, str] = field(default_factory=dict)
    stated: RuleFacts | None = None


class _Recorder:
    """Stands in for the classifier: keeps the candidates of each report, proposes none."""

    def __init__(self) -> None:
        self.seen: list[tuple[list[Candidate], dict[str, str], RuleFacts]] = []

    def propose(self, doc, token_entity, types, coref, raws) -> list:  # noqa: ANN001
        found = candidates(doc, token_entity, types, coref, raws)
        self.seen.append((found, {e: str(t) for e, t in types.items()},
                          RuleFacts.of(raws)))
        return []


def gold_files(folders: list[Path]) -> list[tuple[Path, Path]]:
    return [(g, g.with_name(g.name[: -len(".gold.json")] + ".txt"))
            for folder in folders for g in sorted(folder.glob("*.gold.json"))]


def collect(extractor: Extractor, folders: list[Path]) -> list[Report]:
    """Every annotated report of the folders, read by the rules, candidates labelled."""
    pairs = gold_files(folders)
    documents = [read_document(str(text)) for _, text in pairs]
    recorder, saved = _Recorder(), extractor.classifier
    extractor.classifier = recorder
    reports = []
    try:
        for (gold_path, text_path), record in zip(pairs, extractor.extract_many(documents),
                                              strict=True):
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            pred, text = record.to_dict(), record.document.text
            found, types, stated = recorder.seen[-1]
            report = Report(gold_path.name[: -len(".gold.json")], text_path, text, gold, pred,
                            claim_counts(gold, pred, text), found, types=types, stated=stated)
            report.labels, report.outcomes = label(report)
            reports.append(report)
    finally:
        extractor.classifier = saved
    return reports


def claim_counts(gold: dict, pred: dict, text: str) -> dict[str, int]:
    _, claims = reference.score_pair(gold, pred, text)
    return {"tp": claims["tp"], "required": claims["required"],
            "hits": claims["precision_hits"], "predicted": claims["predicted"],
            "false_certainties": len(claims["false_certainties"])}


@dataclass
class Outcomes:
    """What a proposal for one candidate would be to the scorer, by predicate: `finds`, a
    certain affirmed gold claim the rules missed (a hit and a recall gain); `right`, one
    the rules found already (a hit, no gain); `ignored`, an optional gold claim (neither
    way). Any other predicate is wrong, and so is one whose only gold claim is negated or
    hedged: the claim model cannot count on the cue code to say so."""

    finds: set[str] = field(default_factory=set)
    right: set[str] = field(default_factory=set)
    ignored: set[str] = field(default_factory=set)

    def of(self, predicate: str) -> str:
        for name in ("finds", "right", "ignored"):
            if predicate in getattr(self, name):
                return name
        return "wrong"


def label(report: Report) -> tuple[list[str], list[Outcomes]]:
    """The gold predicate of each candidate, or "none" (whatever the gold claim's polarity
    and modality: the model learns the relation, the cue code reads its certainty), and
    what a proposal of each predicate would be to the scorer (`Outcomes`)."""
    links = reference.link_entities(report.gold, reference.sanitize(report.record), report.text)
    _, scored = reference.score_pair(report.gold, report.record, report.text)
    missed = set(scored["missed"])
    spans = []
    for gc in report.gold["claims"]:
        span = reference.gold_span(gc, report.text)
        predicates = [p for p in reference.as_list(gc["predicate"]) if p in PREDICATES]
        if span is not None and predicates:
            certain = gc["polarity"] == "affirmed" and \
                not set(reference.as_list(gc["modality"])) <= reference.UNCERTAIN
            kind = "ignored" if not gc.get("required", True) else \
                "wrong" if not certain else \
                "finds" if reference.describe(gc) in missed else "right"
            spans.append((span, predicates, reference.as_list(gc["subject"]),
                          reference.as_list(gc["object"]), kind))
    out, outcomes = [], []
    for cand in report.candidates:
        start, end, _ = trimmed(sentence_of(cand.trigger))
        s, o = links.get(cand.subject), links.get(cand.object)
        found, outcome = NONE, Outcomes()
        for span, predicates, subjects, objects, kind in spans:
            if s is None or o is None or not reference.overlaps(span, (start, end)):
                continue
            if (s in subjects and o in objects) or \
                    (is_symmetric(predicates[0]) and o in subjects and s in objects):
                found = predicates[0] if found == NONE else found
                if kind != "wrong":
                    getattr(outcome, kind).update(predicates)
        outcome.right -= outcome.finds
        outcome.ignored -= outcome.finds | outcome.right
        out.append(found)
        outcomes.append(outcome)
    return out, outcomes


# -- the model --------------------------------------------------------------------


def fit(reports: list[Report], l2: float = 1e-3, epochs: int = 150,
        rate: float = 0.1) -> RelationClassifier:
    """A multinomial logistic model on the candidates of `reports` (threshold: OFF)."""
    rows = [c.features for r in reports for c in r.candidates]
    labels = [lab for r in reports for lab in r.labels]
    counts = Counter(f for row in rows for f in row)
    vocab = {f: n for n, f in enumerate(sorted(f for f, k in counts.items()
                                               if k >= MIN_FEATURE_COUNT))}
    classes = [NONE] + sorted({lab for lab in labels} - {NONE})
    index = {c: n for n, c in enumerate(classes)}
    y = np.array([index[lab] for lab in labels])
    ids = [[vocab[f] for f in row if f in vocab] for row in rows]
    weights, bias = _train(ids, y, len(vocab), len(classes), l2, epochs, rate)
    names = sorted(vocab, key=vocab.get)
    sparse = {}
    for n, name in enumerate(names):
        row = [(c, round(float(w), 3)) for c, w in enumerate(weights[n]) if abs(w) >= KEEP_WEIGHT]
        if row:
            sparse[name] = row
    allowed = {(lab, r.types[c.subject], r.types[c.object])
               for r in reports for c, lab in zip(r.candidates, r.labels, strict=True)
               if lab != NONE}
    return RelationClassifier(classes, [round(float(b), 3) for b in bias], sparse, OFF,
                              allowed, enabled=False)


def _train(ids: list[list[int]], y: np.ndarray, n_features: int, n_classes: int,
           l2: float, epochs: int, rate: float) -> tuple[np.ndarray, np.ndarray]:
    lengths = np.array([len(r) for r in ids])
    keep = lengths > 0
    ids = [r for r, k in zip(ids, keep, strict=True) if k]
    y, lengths = y[keep], lengths[keep]
    flat = np.array([f for r in ids for f in r], dtype=np.int64)
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    row_of = np.repeat(np.arange(len(ids)), lengths)
    order = np.argsort(flat, kind="stable")
    sorted_features = flat[order]
    feature_starts = np.flatnonzero(np.r_[True, sorted_features[1:] != sorted_features[:-1]])
    used = sorted_features[feature_starts]
    params = [np.zeros((n_features, n_classes), np.float32), np.zeros(n_classes, np.float32)]
    moments = [[np.zeros_like(p), np.zeros_like(p)] for p in params]
    onehot = np.eye(n_classes, dtype=np.float32)[y]
    for step in range(1, epochs + 1):
        w, b = params
        z = np.add.reduceat(w[flat], starts, axis=0) + b
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        g = (p - onehot) / len(y)
        gw = np.zeros_like(w)
        gw[used] = np.add.reduceat(g[row_of[order]], feature_starts, axis=0)
        gw += l2 * w
        for param, grad, (m, v) in zip(params, (gw, g.sum(axis=0)), moments, strict=True):
            m *= 0.9
            m += 0.1 * grad
            v *= 0.999
            v += 0.001 * grad * grad
            param -= rate * (m / (1 - 0.9 ** step)) / (np.sqrt(v / (1 - 0.999 ** step)) + 1e-8)
    return params[0], params[1]


_BEST = ("wrong", "ignored", "right", "finds")  # of one fact's proposals, the best counts


def proposals(model: RelationClassifier, report: Report) -> list[tuple[float, str, str]]:
    """(probability, predicate, outcome) of what the model would propose in a report,
    before its threshold, as `RelationClassifier.propose` picks them; the outcome is
    `Outcomes.of` the predicate, one per fact as the scorer counts facts."""
    types = report.types
    chosen: dict[tuple, tuple[float, str, str, tuple]] = {}
    for cand, gold in zip(report.candidates, report.outcomes, strict=True):
        if cand.covered:
            continue
        predicate, p = model.best(cand, types)  # type: ignore[arg-type]
        s, o = cand.subject, cand.object
        if predicate == NONE or report.stated.covers(cand.sentence, s, predicate, o):
            continue
        key = (cand.sentence, frozenset((s, o)))
        if key not in chosen or p > chosen[key][0]:
            chosen[key] = (p, predicate, gold.of(predicate), (s, predicate, o))
    # the scorer counts facts: one proposal per triple, its best probability and outcome
    facts: dict[tuple, tuple[float, str, str]] = {}
    for p, predicate, outcome, triple in chosen.values():
        before = facts.get(triple, (0.0, predicate, "wrong"))
        facts[triple] = (max(p, before[0]), predicate,
                         max(outcome, before[2], key=_BEST.index))
    return list(facts.values())


L2_GRID = (1e-4, 3e-4, 1e-3)  # the penalties the inner split chooses from


@dataclass(frozen=True)
class Settings:
    """What the inner split chose: the L2 penalty, whether the predicate class is chosen
    first, the threshold (OFF: no threshold helps), and the inner F1 gain it gave."""

    l2: float
    by_class: bool
    threshold: float
    gain: float


def choose_settings(reports: list[Report], folds: int = 3,
                    min_added: float = MIN_ADDED_PRECISION,
                    l2s: tuple[float, ...] = L2_GRID, **train: Any) -> Settings:
    """The penalty, choice mode and threshold that most raise the claim F1 the scorer
    would give the rules on `reports`, judged on out-of-fold probabilities (models
    trained on the other reports of an inner split). A threshold whose proposals are
    right less than `min_added` of the time is refused; when nothing raises the F1,
    the threshold is OFF."""
    scored: dict[tuple[float, bool], list[tuple[float, str]]] = {}
    for k in range(folds):
        inner_test = [r for n, r in enumerate(reports) if n % folds == k]
        inner_train = [r for n, r in enumerate(reports) if n % folds != k]
        for l2 in l2s:
            model = fit(inner_train, l2=l2, **train)
            for by_class in (False, True):
                model.by_class = by_class
                scored.setdefault((l2, by_class), []).extend(
                    (p, outcome) for r in inner_test for p, _, outcome in proposals(model, r))
    tp = sum(r.counts["tp"] for r in reports)
    required = sum(r.counts["required"] for r in reports)
    hits = sum(r.counts["hits"] for r in reports)
    predicted = sum(r.counts["predicted"] for r in reports)
    base = _f1(hits, predicted, tp, required)
    # ties go to the stronger penalty and to the plain choice: the simpler model
    best = Settings(max(l2s), False, OFF, 0.0)
    for (l2, by_class), found in sorted(scored.items(), key=lambda kv: (-kv[0][0], kv[0][1])):
        for t in THRESHOLDS:
            kept = Counter(outcome for p, outcome in found if p >= t)
            right, wrong = kept["finds"] + kept["right"], kept["wrong"]
            if right + wrong == 0 or right / (right + wrong) < min_added:
                continue
            gain = _f1(hits + right, predicted + right + wrong, tp + kept["finds"],
                       required) - base
            if gain > best.gain + 1e-9:
                best = Settings(l2, by_class, t, gain)
    return best


def train_with_threshold(reports: list[Report], min_added: float = MIN_ADDED_PRECISION,
                         l2s: tuple[float, ...] = L2_GRID, **train: Any
                         ) -> tuple[RelationClassifier, Settings]:
    """The model on all of `reports`, its penalty, choice mode and threshold chosen
    inside them (`choose_settings`)."""
    chosen = choose_settings(reports, min_added=min_added, l2s=l2s, **train)
    model = fit(reports, l2=chosen.l2, **train)
    model.threshold = chosen.threshold
    model.by_class = chosen.by_class
    return model, chosen


def _f1(hits: int, predicted: int, tp: int, required: int) -> float:
    return reference.f1(reference.ratio(hits, predicted), reference.ratio(tp, required))


__all__ = ["L2_GRID", "Outcomes", "Report", "Settings", "choose_settings", "collect", "fit",
           "gold_files", "label", "proposals", "train_with_threshold"]
