"""The attribute ruler's and the rule lemmatizer's annotations, decided once per distinct
token instead of once per token.

spaCy's `attribute_ruler` runs a Matcher over every token of every document, and its
rule `lemmatizer` calls Python per token, re-reading the morphology of every singular
noun: together about a tenth of the pipeline's time, the same answers for the same
words over and over. `FastTagging` gives each token the very values they give it:

- the ruler: its patterns (one or two tokens, each a conjunction of tests of TAG,
  LOWER, DEP or IS_SPACE: equal, IN, NOT_IN, REGEX) are decided once per distinct
  (TAG, LOWER, DEP, IS_SPACE), with a LOWER no pattern names folded to one key; the
  matching rules' attributes are set in the ruler's order (a later rule overrides);
- the lemmatizer: a lemma is a function of the token's word, POS and morphology, so
  each distinct triple is lemmatized once, by the lemmatizer itself.

Both run after the named-entity recogniser, which reads none of these attributes
(its features are NORM, PREFIX, SUFFIX and SHAPE). A pipeline whose ruler has a pattern
of another kind, or whose lemmatizer is not the rule lemmatizer, gets None from
`fast_tagging` and is run as it is. `tests/extract/test_tagging.py` checks every
attribute of every token against the stock components.
"""

from __future__ import annotations

import re

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.errors import Errors
from spacy.language import Language
from spacy.tokens import Doc

from threatnet.extract.parse_repairs import PARSE_REPAIRS

RULER = "attribute_ruler"
LEMMATIZER = "lemmatizer"
_FEATURES = (TAG, LOWER, DEP, IS_SPACE)  # what the ruler's patterns test, in this order
_SET = (POS, TAG, DEP, LEMMA, MORPH)  # what its rules may set
_OPS = ("IN", "NOT_IN", "REGEX")
MEMO = 200_000  # entries a memo of words keeps before it starts over (bounded memory)

# one token test: (feature column, operator, value): "eq" an int, "in"/"not_in" a
# frozenset of ints, "regex" a compiled pattern and the StringStore to read LOWER from
_Test = tuple[int, str, object]


class Unsupported(Exception):
    """A pattern or component this module does not reproduce exactly."""


def fast_tagging(nlp: Language) -> FastTagging | None:
    """The fast equivalent of `nlp`'s ruler and lemmatizer, or None where there is none
    (either missing or disabled, a pattern of another kind, another lemmatizer)."""
    names = nlp.pipe_names
    if RULER not in names or LEMMATIZER not in names:
        return None
    if names.index(RULER) > names.index(LEMMATIZER) or \
            any(name not in (RULER, LEMMATIZER, "ner", PARSE_REPAIRS)
                for name in names[names.index(RULER):]):
        return None  # they must be last but for the entity recogniser and the repairs
    try:
        return FastTagging(nlp)
    except Unsupported:
        return None


class FastTagging:
    """Sets on a parsed Doc what `attribute_ruler` then `lemmatizer` would set."""

    def __init__(self, nlp: Language) -> None:
        ruler, lemmatizer = nlp.get_pipe(RULER), nlp.get_pipe(LEMMATIZER)
        if getattr(lemmatizer, "mode", None) != "rule" or lemmatizer.overwrite:
            raise Unsupported("lemmatizer")
        self.lemmatizer = lemmatizer
        self.strings = nlp.vocab.strings
        self.single: list[tuple[int, list[_Test]]] = []  # (rule, tests)
        self.pairs: list[tuple[int, int, list[_Test], list[_Test]]] = []  # (rule, index, …)
        self.attrs: list[dict[int, int]] = []
        self.lowers: set[int] = set()  # LOWER values some pattern names
        self.regexes: list[re.Pattern[str]] = []
        for rule, (attrs, index) in enumerate(zip(ruler.attrs, ruler.indices, strict=True)):
            if any(attr not in _SET for attr in attrs):
                raise Unsupported(f"rule {rule} sets {attrs}")
            self.attrs.append({attr: int(value) for attr, value in attrs.items()})
            _, patterns = ruler.matcher.get(str(rule))
            for pattern in patterns:
                tests = [self._tests(spec) for spec in pattern]
                if len(tests) == 1 and index in (0, -1):
                    self.single.append((rule, tests[0]))
                elif len(tests) == 2 and index in (0, 1, -1, -2):
                    self.pairs.append((rule, index % 2, tests[0], tests[1]))
                else:
                    raise Unsupported(f"rule {rule}: {len(tests)} tokens, index {index}")
        if any(regex.search("") for regex in self.regexes):
            raise Unsupported("a REGEX matching the empty string")
        self.relevant: dict[int, int] = {}  # LOWER -> itself if a pattern may test it, else 0
        self.rules_of: dict[tuple[int, ...], tuple[int, ...]] = {}  # features -> rules
        self.starts_pair: dict[tuple[int, ...], bool] = {}
        self.merged: dict[tuple[int, ...], tuple[tuple[int, int], ...]] = {}
        self.lemmas: dict[tuple[int, int, int], int] = {}  # (ORTH, POS, MORPH) -> LEMMA

    def _tests(self, spec: dict) -> list[_Test]:
        tests: list[_Test] = []
        for key, value in spec.items():
            column = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}.get(key)
            if column is None:
                raise Unsupported(f"pattern key {key}")
            if isinstance(value, dict):
                if len(value) != 1 or next(iter(value)) not in _OPS:
                    raise Unsupported(f"predicate {value}")
                op, arg = next(iter(value.items()))
                if op == "REGEX":
                    if column != 1:
                        raise Unsupported("REGEX on another attribute than LOWER")
                    regex = re.compile(arg)
                    self.regexes.append(regex)
                    tests.append((column, "regex", (regex, self.strings)))
                    continue
                values = frozenset(self._value(column, v) for v in arg)
                if column == 1:
                    self.lowers.update(values)
                tests.append((column, op.lower(), values))
            else:
                tests.append((column, "eq", self._value(column, value)))
                if column == 1:
                    self.lowers.add(self._value(column, value))
        return tests

    def _value(self, column: int, value: object) -> int:
        if column == 3:
            if not isinstance(value, bool):
                raise Unsupported(f"IS_SPACE {value!r}")
            return int(value)
        if not isinstance(value, str):
            raise Unsupported(f"value {value!r}")
        return self.strings[value] if value else 0  # the Matcher's hash ("" is 0)

    # -- one document --------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        for memo in (self.relevant, self.lemmas):  # keyed by words: grow with the vocabulary
            if len(memo) > MEMO:
                memo.clear()
        if len(doc):
            self._rule(doc)
            self._lemmatize(doc)
        return doc

    def _rule(self, doc: Doc) -> None:
        # each distinct row of the features is decided once, then spread to its tokens
        table = doc.to_array(list(_FEATURES))
        lowers, at = numpy.unique(table[:, 1], return_inverse=True)
        folded = numpy.array([self._folded(lower) for lower in lowers.tolist()], dtype="uint64")
        table[:, 1] = folded[at.reshape(-1)]
        kinds, kind_of = numpy.unique(table, axis=0, return_inverse=True)
        kind_of = kind_of.reshape(-1)
        features = [tuple(row) for row in kinds.tolist()]
        rules = [self._rules(f) for f in features]
        sets = numpy.zeros((len(features), len(_SET)), dtype=bool)
        to = numpy.zeros((len(features), len(_SET)), dtype="uint64")
        for k, found in enumerate(rules):
            for column, value in self._merged(found):
                sets[k, column], to[k, column] = True, value
        values = doc.to_array(list(_SET))
        where = sets[kind_of]
        values[where] = to[kind_of][where]
        extra: dict[int, list[int]] = {}  # token -> the two-token rules that set it
        if self.pairs and len(doc) > 1:
            starts = numpy.array([self._starts_pair(f) for f in features], dtype=bool)
            for j in numpy.nonzero(starts[kind_of[:-1]])[0].tolist():
                first, second = features[kind_of[j]], features[kind_of[j + 1]]
                for rule, index, tests, then in self.pairs:
                    if _passes(tests, first) and _passes(then, second):
                        extra.setdefault(j + index, []).append(rule)
        for j, more in extra.items():
            for column, value in self._merged(tuple(sorted([*rules[kind_of[j]], *more]))):
                values[j, column] = value
        if sets.any() or extra:
            doc.from_array(list(_SET), values)

    def _folded(self, lower: int) -> int:
        """A LOWER value as the patterns see it: itself if some pattern may test it, else 0."""
        folded = self.relevant.get(lower)
        if folded is None:
            folded = self.relevant[lower] = lower if self._names(lower) else 0
        return folded

    def _names(self, lower: int) -> bool:
        """Whether some pattern may test this LOWER value (by name or by REGEX)."""
        if lower in self.lowers:
            return True
        if not self.regexes:
            return False
        text = self.strings[lower]
        return any(regex.search(text) for regex in self.regexes)

    def _rules(self, features: tuple[int, ...]) -> tuple[int, ...]:
        found = self.rules_of.get(features)
        if found is None:
            found = self.rules_of[features] = tuple(
                rule for rule, tests in self.single if _passes(tests, features))
        return found

    def _starts_pair(self, features: tuple[int, ...]) -> bool:
        found = self.starts_pair.get(features)
        if found is None:
            found = self.starts_pair[features] = any(
                _passes(first, features) for _, _, first, _ in self.pairs)
        return found

    def _merged(self, rules: tuple[int, ...]) -> tuple[tuple[int, int], ...]:
        """The (column, value) pairs the rules set, applied in order (a later one wins)."""
        found = self.merged.get(rules)
        if found is None:
            values: dict[int, int] = {}
            for rule in rules:
                for attr, value in self.attrs[rule].items():
                    values[_SET.index(attr)] = value
            found = self.merged[rules] = tuple(values.items())
        return found

    def _lemmatize(self, doc: Doc) -> None:
        lemmatizer = self.lemmatizer
        if not lemmatizer._validated:
            lemmatizer._validate_tables(Errors.E1004)
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()
        lemmas, add = self.lemmas, self.strings.add
        out, missing = [], False
        for j, (orth, pos, morph, lemma) in enumerate(rows):
            if lemma == 0:
                key = (orth, pos, morph)
                lemma = lemmas.get(key)
                if lemma is None:
                    lemma = lemmas[key] = add(lemmatizer.lemmatize(doc[j])[0])
                missing = True
            out.append(lemma)
        if missing:
            doc.from_array([LEMMA], numpy.array(out, dtype="uint64"))


def _passes(tests: list[_Test], features: tuple[int, ...]) -> bool:
    for column, op, value in tests:
        have = features[column]
        if op == "eq":
            if have != value:
                return False
        elif op == "in":
            if have not in value:  # type: ignore[operator]
                return False
        elif op == "not_in":
            if have in value:  # type: ignore[operator]
                return False
        else:  # a LOWER folded to 0 is one no REGEX matches (see `_names`)
            regex, strings = value  # type: ignore[misc]
            if not have or not regex.search(strings[have]):
                return False
    return True


__all__ = ["LEMMATIZER", "RULER", "FastTagging", "fast_tagging"]
