"""The learned relation classifier: claims proposed for entity pairs the rules left alone.

Every pair of entity mentions in one sentence (names, and anaphors such as "the
group" that `coref` resolved) is a candidate, described by sparse features: the
entity types, the dependency path between the two mentions and the words on it,
the words between them, their order and distance. A multinomial logistic model
(`data/models/relation_classifier*.json`, trained and cross-validated by
`bench/relation_classifier_cv.py`) scores each candidate against every predicate
and "none". Only pairs the rules gave no claim for, in a direction and with a type
pair seen in training, above the model's threshold, become claims.

The model says only subject, predicate and object. Its claim's trigger is the word
that joins the two mentions in the parse, and the pipeline reads polarity,
modality and source from that trigger with the same cue code as every rule-made
claim (`semantics.py`), so a hedge or a denial around the pair still holds.

Switched on or off by the setting $THREATNET_RELATION_CLASSIFIER (`on` / `off`);
unset, the model file's own `enabled` decides (docs/extraction.md gives the
cross-validated figures that set it). Scored with numpy (spaCy's own dependency); no
scikit-learn, nothing trained at run time.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import numpy as np
from spacy.tokens import Doc, Token

from threatnet.errors import InvalidData
from threatnet.extract.coref import Coreference
from threatnet.extract.frames import load_frames
from threatnet.extract.relations import RawClaim
from threatnet.extract.sentences import sentence_of
from threatnet.model import PREDICATES, EntityType, is_symmetric

MODEL_FILE = "models/relation_classifier.json"  # classes, threshold, enabled: read at start
WEIGHTS_FILE = "models/relation_classifier_weights.json"  # read only when switched on
SETTING = "THREATNET_RELATION_CLASSIFIER"
MAX_GAP = 30  # tokens between two mentions: farther pairs are no candidates
MAX_BETWEEN_WORDS = 10
NONE = "none"
_WORDS = "threatnet.classifier.words"
QUALIFIER = "classifier"  # claims' `qualifiers.extractor` value: which claims the model made


@dataclass(frozen=True)
class Mention:
    """One reference to an entity: its tokens [start, end) and its syntactic head."""

    entity: str
    start: int
    end: int
    head: Token
    anaphor: bool = False


@dataclass
class Candidate:
    """An ordered entity pair of one sentence, with the features of its closest mentions."""

    subject: str
    object: str
    sentence: int  # the sentence's first token
    trigger: Token  # the word that joins the two mentions in the parse
    features: list[str]
    covered: bool  # the rules made a claim between these two entities in this sentence


def mentions(doc: Doc, token_entity: dict[int, str], coref: Coreference) -> list[Mention]:
    """Every named mention (runs of tokens of one entity) and every resolved anaphor."""
    out: list[Mention] = []
    ordered = sorted(token_entity)
    n = 0
    while n < len(ordered):
        start, entity = ordered[n], token_entity[ordered[n]]
        end = start + 1
        while n + 1 < len(ordered) and ordered[n + 1] == end and token_entity[end] == entity:
            end += 1
            n += 1
        out.append(Mention(entity, start, end, _head(doc, start, end)))
        n += 1
    out += [Mention(entity, i, i + 1, doc[i], anaphor=True)
            for i, entity in sorted(coref.resolved.items())
            if entity is not None and i not in token_entity]
    return sorted(out, key=lambda m: m.start)


def candidates(doc: Doc, token_entity: dict[int, str], types: dict[str, EntityType],
               coref: Coreference, raws: list[RawClaim],
               wanted: Callable[[Candidate], bool] | None = None) -> list[Candidate]:
    """The candidate pairs of a document, one per sentence and ordered entity pair;
    with `wanted`, only those it accepts before their features are computed."""
    covered = {(sentence_of(r.trigger).start, r.subject, r.object) for r in raws}
    covered |= {(s, o, a) for s, a, o in covered}
    by_sentence: dict[int, list[Mention]] = {}
    for m in mentions(doc, token_entity, coref):
        by_sentence.setdefault(sentence_of(doc[m.start]).start, []).append(m)
    out = []
    for sent, found in by_sentence.items():
        best: dict[tuple[str, str], tuple[int, Mention, Mention]] = {}
        for a in found:
            for b in found:
                if a.entity == b.entity or _overlap(a, b):
                    continue
                gap = max(a.start, b.start) - min(a.end, b.end)
                key = (a.entity, b.entity)
                if gap <= MAX_GAP and (key not in best or gap < best[key][0]):
                    best[key] = (gap, a, b)
        for (s, o), (_, a, b) in best.items():
            cand = Candidate(s, o, sent, a.head, [], (sent, s, o) in covered)
            if wanted is None or wanted(cand):
                cand.trigger = doc[_path(_words(doc), a.head.i, b.head.i)[2]]
                cand.features = features(doc, a, b, types, token_entity)
                out.append(cand)
    return out


def features(doc: Doc, a: Mention, b: Mention, types: dict[str, EntityType],
             token_entity: dict[int, str]) -> list[str]:
    """The sparse features of subject mention `a` and object mention `b`."""
    w = _words(doc)
    pair = f"{types[a.entity]}>{types[b.entity]}"
    up, down, top = _path(w, a.head.i, b.head.i)
    lemma = w.lemma[top]
    rise, fall = "<".join(w.dep[i] for i in up), ">".join(w.dep[i] for i in down)
    left, right = (a, b) if a.start < b.start else (b, a)
    between = [i for i in range(left.end, right.start) if not w.skip[i]]
    gap = right.start - left.end
    out = [
        f"t={pair}", f"dir={'fwd' if a is left else 'back'}", f"gap={_bucket(gap)}",
        f"lca={lemma}", f"lca={lemma}|{pair}", f"lcapos={w.pos[top]}",
        f"path={rise}|{fall}", f"lpath={rise}|{lemma}|{fall}",
        f"sdep={w.dep[a.head.i]}", f"odep={w.dep[b.head.i]}",
        f"ents_between={min(2, len({token_entity[i] for i in between if i in token_entity}))}",
        f"tpath={pair}|{rise}|{fall}",
    ]
    for side, m in (("s", a), ("o", b)):  # "operates from X": the preposition and its verb
        if w.dep[m.head.i] == "pobj":
            prep = w.lower[w.head[m.head.i]]
            out += [f"{side}prep={prep}", f"{side}prep={prep}|{lemma}"]
    out += [f"pw={w.lemma[i]}" for i in up[1:] + down[:-1]]
    if len(between) <= MAX_BETWEEN_WORDS:
        out += [f"bw={w.lemma[i]}" for i in between if i not in token_entity]
    else:
        out.append("bw=long")
    out += ["s_anaphor"] * a.anaphor + ["o_anaphor"] * b.anaphor
    out += _generalising(w, a, b, pair, up, down, top, between, types)
    return sorted(set(out))


# dependencies that keep two mentions inside one noun phrase: "its chief, X" (appos),
# "X's leader" (poss), "the X faction" (compound), "a faction of X" (prep + pobj)
NOUN_PHRASE_DEPS = frozenset({"appos", "poss", "compound", "amod", "nmod", "prep", "pobj",
                              "det", "nummod", "npadvmod", "case", "acl", "punct"})


def _generalising(w: _Words, a: Mention, b: Mention, pair: str, up: list[int],
                  down: list[int], top: int, between: list[int],
                  types: dict[str, EntityType]) -> list[str]:
    """Features that carry to words and pairs not seen in training: the lexical class of
    the joining word and of the words on the path and between (the predicates the
    frames data gives a lemma: "assail" is an `attacks` word even if no training
    sentence used it), the path with its words abstracted to their class or part of
    speech, its length, each end's type, and whether the pair sits in one noun phrase."""
    classes = lexical_classes()
    rise, fall = "<".join(w.dep[i] for i in up), ">".join(w.dep[i] for i in down)
    direction = "fwd" if a.start < b.start else "back"
    top_classes = classes.get(w.lemma[top], ())
    abstract = "|".join(top_classes) or w.pos[top]
    out = [f"plen={_bucket(len(up) + len(down))}", f"st={types[a.entity]}",
           f"ot={types[b.entity]}", f"cpath={rise}|{abstract}|{fall}"]
    for c in top_classes:
        out += [f"lcacls={c}", f"lcacls={c}|{pair}", f"lcacls={c}|{direction}",
                f"lcagrp={PREDICATES[c][0]}"]
    for i in up[1:] + down[:-1]:
        out += [f"pcls={c}" for c in classes.get(w.lemma[i], ())]
    for i in between:
        out += [f"bcls={c}" for c in classes.get(w.lemma[i], ())]
    deps = {w.dep[i] for i in up + down}
    if w.pos[top] in ("NOUN", "PROPN") and deps <= NOUN_PHRASE_DEPS:
        kinds = sorted(deps & {"appos", "poss", "compound", "prep"}) or ["other"]
        out += ["np"] + [f"np={k}" for k in kinds] + [f"np={k}|{pair}" for k in kinds]
        out += [f"np={k}|{c}" for k in kinds for c in top_classes]
    return out


@lru_cache(maxsize=1)
def lexical_classes() -> dict[str, tuple[str, ...]]:
    """Lemma -> the predicates the frames data lets it express (verbs, nouns, roles)."""
    frames = load_frames()
    found: dict[str, set[str]] = {}
    for table in (frames.verbs, frames.nouns):
        for lemma, entries in table.items():
            found.setdefault(lemma, set()).update(f.predicate for f in entries)
    for role, predicate in frames.roles.items():
        found.setdefault(role, set()).add(predicate)
    return {lemma: tuple(sorted(preds)) for lemma, preds in found.items()}


@dataclass
class _Words:
    """A document's token attributes as plain lists: read once, not once per pair."""

    lemma: list[str]
    dep: list[str]
    pos: list[str]
    lower: list[str]
    head: list[int]
    skip: list[bool]  # punctuation and space
    ancestors: dict[int, list[int]]


def _words(doc: Doc) -> _Words:
    found = doc.user_data.get(_WORDS)
    if found is None:
        found = doc.user_data[_WORDS] = _Words(
            [t.lemma_.casefold() for t in doc], [t.dep_ for t in doc], [t.pos_ for t in doc],
            [t.lower_ for t in doc], [t.head.i for t in doc],
            [t.is_punct or t.is_space for t in doc], {})
    return found


@dataclass(frozen=True)
class RuleFacts:
    """What the rules already said in a report: its triples, and per sentence the
    subjects whose predicate they answered ("attacked a school in Shewa village of North
    Waziristan": the incident took place in Shewa; no second place from the model)."""

    triples: frozenset[tuple[str, str, str]]
    answered: frozenset[tuple[int, str, str]]  # (sentence start, subject, predicate)

    @classmethod
    def of(cls, raws: list[RawClaim]) -> RuleFacts:
        return cls(frozenset((r.subject, r.predicate, r.object) for r in raws),
                   frozenset((sentence_of(r.trigger).start, r.subject, r.predicate)
                             for r in raws))

    def covers(self, sentence: int, subject: str, predicate: str, obj: str) -> bool:
        if (subject, predicate, obj) in self.triples or (sentence, subject, predicate) in \
                self.answered:
            return True
        return is_symmetric(predicate) and ((obj, predicate, subject) in self.triples or
                                            (sentence, obj, predicate) in self.answered)


class RelationClassifier:
    """A multinomial logistic model over candidate features, with its threshold."""

    def __init__(self, classes: list[str], bias: list[float],
                 weights: dict[str, list[tuple[int, float]]], threshold: float,
                 allowed: set[tuple[str, str, str]], enabled: bool = True,
                 by_class: bool = False) -> None:
        if not classes or classes[0] != NONE or len(bias) != len(classes):
            raise InvalidData(MODEL_FILE, "classes must start with 'none', one bias each")
        unknown = [c for c in classes[1:] if c not in PREDICATES]
        if unknown:
            raise InvalidData(MODEL_FILE, f"unknown predicates {unknown}")
        self.classes = classes
        self.bias = bias
        self.weights = weights
        self.threshold = threshold
        self.allowed = allowed  # (predicate, subject type, object type) seen in training
        self.enabled = enabled
        # choose the predicate class first (its predicates' summed probability against
        # the threshold), then the likeliest predicate in it
        self.by_class = by_class
        self._rows = {f: n for n, f in enumerate(weights)}
        self._matrix = np.zeros((len(weights) + 1, len(classes)))  # last row: no feature
        for f, row in weights.items():
            for c, w in row:
                self._matrix[self._rows[f], c] = w
        self._bias = np.array(bias, dtype=float)
        self._typed: dict[tuple[str, str], list[int]] = {}
        for n, c in enumerate(classes):
            for p, st, ot in allowed:
                if p == c:
                    self._typed.setdefault((st, ot), []).append(n)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RelationClassifier:
        try:
            return cls(list(data["classes"]), [float(b) for b in data["bias"]],
                       {f: [(int(c), float(w)) for c, w in row]
                        for f, row in data["weights"].items()},
                       float(data["threshold"]),
                       {(p, s, o) for p, s, o in data["allowed"]}, bool(data["enabled"]),
                       data.get("choose", "predicate") == "class")
        except (KeyError, TypeError, ValueError) as exc:
            raise InvalidData(MODEL_FILE, f"is not a relation classifier model ({exc})") from None

    def to_dict(self) -> dict[str, Any]:
        return {"enabled": self.enabled, "threshold": self.threshold,
                "choose": "class" if self.by_class else "predicate", "classes": self.classes,
                "bias": self.bias, "allowed": sorted(list(a) for a in self.allowed),
                "weights": {f: [list(cw) for cw in row] for f, row in sorted(self.weights.items())}}

    def probabilities(self, feats: list[str]) -> list[float]:
        """P(class | features) for every class, `classes[0]` being "none"."""
        rows = [self._rows.get(f, len(self._rows)) for f in feats]
        scores = self._bias + self._matrix[rows].sum(axis=0)
        exps = np.exp(scores - scores.max())
        return (exps / exps.sum()).tolist()

    def allows(self, candidate: Candidate, types: dict[str, EntityType]) -> bool:
        """Whether any predicate may join the candidate's types."""
        return (str(types[candidate.subject]), str(types[candidate.object])) in self._typed

    def best(self, candidate: Candidate, types: dict[str, EntityType]) -> tuple[str, float]:
        """The most probable predicate the candidate's types allow, and its probability."""
        return self._best(candidate, types, self.probabilities(candidate.features))

    def _best(self, candidate: Candidate, types: dict[str, EntityType],
              probs: list[float]) -> tuple[str, float]:
        allowed = self._typed.get((str(types[candidate.subject]), str(types[candidate.object])))
        if not allowed:
            return NONE, 0.0
        if not self.by_class:
            n = max(allowed, key=lambda c: (probs[c], -c))
            return self.classes[n], probs[n]
        mass: dict[str, float] = {}
        for c in allowed:
            group = PREDICATES[self.classes[c]][0]
            mass[group] = mass.get(group, 0.0) + probs[c]
        group = max(sorted(mass), key=lambda g: mass[g])
        n = max((c for c in allowed if PREDICATES[self.classes[c]][0] == group),
                key=lambda c: (probs[c], -c))
        return self.classes[n], mass[group]

    def _all_probabilities(self, found: list[Candidate]) -> list[list[float]]:
        """`probabilities` of many candidates in one matrix operation."""
        if not found:
            return []
        none = len(self._rows)
        rows = [[self._rows.get(f, none) for f in c.features] or [none] for c in found]
        starts = np.cumsum([0] + [len(r) for r in rows[:-1]])
        scores = np.add.reduceat(self._matrix[[i for r in rows for i in r]], starts, axis=0)
        scores += self._bias
        exps = np.exp(scores - scores.max(axis=1, keepdims=True))
        return (exps / exps.sum(axis=1, keepdims=True)).tolist()

    def propose(self, doc: Doc, token_entity: dict[int, str], types: dict[str, EntityType],
                coref: Coreference, raws: list[RawClaim]) -> list[RawClaim]:
        """Claims for the pairs the rules left alone, above the threshold: one predicate
        and one direction per entity pair and sentence, nothing the rules already said
        (`RuleFacts`)."""
        stated = RuleFacts.of(raws)
        chosen: dict[tuple[int, frozenset[str]], tuple[float, RawClaim]] = {}
        found = candidates(doc, token_entity, types, coref, raws,
                           lambda c: not c.covered and self.allows(c, types))
        for cand, probs in zip(found, self._all_probabilities(found), strict=True):
            predicate, p = self._best(cand, types, probs)
            if predicate == NONE or p < self.threshold:
                continue
            s, o = cand.subject, cand.object
            if stated.covers(cand.sentence, s, predicate, o):
                continue
            key = (cand.sentence, frozenset((s, o)))
            if key not in chosen or p > chosen[key][0]:
                chosen[key] = (p, RawClaim(s, predicate, o, cand.trigger,
                                           qualifiers={"extractor": QUALIFIER}))
        return [raw for _, raw in sorted(chosen.values(), key=lambda v: v[1].trigger.i)]


def load_classifier(setting: str | None = None) -> RelationClassifier | None:
    """The shipped model when the setting (or, unset, the model file) switches it on;
    switched off, its weights are not even read."""
    value = (setting if setting is not None else os.environ.get(SETTING, "")).strip().lower()
    if value not in ("", "on", "off"):
        raise InvalidData(SETTING, f"must be 'on' or 'off', not {value!r}")
    if value == "off" or (value == "" and not _read(MODEL_FILE).get("enabled")):
        return None
    return shipped_model()


@lru_cache(maxsize=1)
def shipped_model() -> RelationClassifier:
    return RelationClassifier.from_dict({**_read(MODEL_FILE), "weights": _read(WEIGHTS_FILE)})


def write_model(model: RelationClassifier, folder: Path) -> list[Path]:
    """The model's two files (see MODEL_FILE, WEIGHTS_FILE) written under `folder`."""
    header = model.to_dict()
    weights = header.pop("weights")
    paths = []
    for name, data in ((MODEL_FILE, header), (WEIGHTS_FILE, weights)):
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def _read(name: str) -> dict[str, Any]:
    text = files("threatnet.data").joinpath(name).read_text(encoding="utf-8")
    try:
        data = json.loads(text)
    except ValueError:
        raise InvalidData(name, "is not valid JSON") from None
    if not isinstance(data, dict):
        raise InvalidData(name, "is not a relation classifier model")
    return data


def _head(doc: Doc, start: int, end: int) -> Token:
    """The token of doc[start:end] whose head lies outside it."""
    for t in doc[start:end]:
        if not start <= t.head.i < end or t.head.i == t.i:
            return t
    return doc[end - 1]


def _overlap(a: Mention, b: Mention) -> bool:
    return a.start < b.end and b.start < a.end


def _ancestors(w: _Words, i: int) -> list[int]:
    """Token `i` and its heads up to the root of its sentence."""
    found = w.ancestors.get(i)
    if found is None:
        found = [i]
        while w.head[found[-1]] != found[-1] and len(found) < 60:
            found.append(w.head[found[-1]])
        w.ancestors[i] = found
    return found


def _path(w: _Words, a: int, b: int) -> tuple[list[int], list[int], int]:
    """The dependency path from token `a` up to the lowest common head (`a` first), the
    path from below that head down to `b` (`b` last), and the head itself."""
    chain_b = _ancestors(w, b)
    above_b = {t: n for n, t in enumerate(chain_b)}
    up: list[int] = []
    for t in _ancestors(w, a):
        if t in above_b:
            return up, list(reversed(chain_b[:above_b[t]])), t
        up.append(t)
    return up, list(reversed(chain_b)), chain_b[-1]  # no common head (two sentences)


def _bucket(n: int) -> str:
    return "0" if n <= 0 else "1-2" if n <= 2 else "3-5" if n <= 5 else \
        "6-10" if n <= 10 else "11+"


__all__ = ["MODEL_FILE", "SETTING", "WEIGHTS_FILE", "Candidate", "Mention", "RelationClassifier",
           "RuleFacts", "candidates", "features", "load_classifier", "mentions", "shipped_model",
           "write_model"]
