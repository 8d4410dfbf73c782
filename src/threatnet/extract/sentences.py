"""Per-document indexes, built once and kept on the Doc: constant-time sentence lookup
(spaCy's `Token.sent` walks the document on every call), each token's sentence and
paragraph, the text, and the tokens whose word is in a word list (decided once per
distinct word from spaCy's arrays, not by a look at every token)."""

from __future__ import annotations

import re

import numpy
from spacy.attrs import IDX
from spacy.tokens import Doc, Span, Token

_KEY = "threatnet.sentence_of"
_PARAGRAPHS = "threatnet.paragraph_of"
_LINE_BREAK = re.compile("\n")
TEXT_KEY = "threatnet.text"  # Doc.user_data: the text the document was parsed from


def text_of(doc: Doc) -> str:
    """The document's text, kept on it: `Doc.text` (and `Span.text`) join every token's
    text anew on each call, a pass over the tokens; a slice of this string does not."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def span_text(span: Span) -> str:
    """`span.text`, sliced from the document's text instead of joined from its tokens."""
    return text_of(span.doc)[span.start_char:span.end_char]


def sentences(doc: Doc) -> list[Span]:
    """The document's sentences, computed once per document."""
    return _index(doc)[0]


def sentence_of(tok: Token) -> Span:
    """The sentence a token belongs to."""
    spans, of = _index(tok.doc)
    return spans[of[tok.i]]


def sentence_number(tok: Token) -> int:
    """The position of a token's sentence among the document's sentences."""
    return _index(tok.doc)[1][tok.i]


def sentence_numbers(doc: Doc) -> list[int]:
    """Each token's sentence number, by token index (kept on the document)."""
    return _index(doc)[1]


def paragraph_numbers(doc: Doc) -> list[int]:
    """Each token's paragraph number, by token index: how many tokens before it hold a
    line break (in their text or the space after them). Found from where the kept text
    has its line breaks, not from a look at every token; kept on the document."""
    cached = doc.user_data.get(_PARAGRAPHS)
    if cached is None:
        text = text_of(doc)
        breaks = [found.start() for found in _LINE_BREAK.finditer(text)]
        marks = numpy.zeros(len(doc), dtype="int64")
        if breaks and len(doc):
            starts = doc.to_array(IDX).astype("int64")
            marks[numpy.searchsorted(starts, numpy.array(breaks), side="right") - 1] = 1
        cached = doc.user_data[_PARAGRAPHS] = (numpy.cumsum(marks) - marks).tolist()
    return cached


def tokens_whose(doc: Doc, attr: int, words: frozenset[str],
                 casefold: bool = False) -> list[int]:
    """The indices (ascending) of the tokens whose `attr` string (LOWER, LEMMA, ORTH) is
    one of `words` (casefolded first with `casefold`), read from spaCy's array of the
    attribute's hashes instead of from each token."""
    if not len(doc):
        return []
    values = doc.to_array(attr).reshape(-1)
    if not casefold:  # the words' own hashes: spaCy's attribute values are those hashes
        hashes = _WORD_HASHES.get(words)
        if hashes is None:
            hashes = _WORD_HASHES[words] = numpy.array(
                sorted({doc.vocab.strings.add(w) for w in words}), dtype="uint64")
        return numpy.nonzero(_among(values, hashes))[0].tolist()
    # casefolded: "Group" and "group" are two hashes; each distinct one is decided once
    decided, kept = _CASEFOLDED.setdefault(words, ({}, set()))
    listed = values.tolist()
    for value in set(listed).difference(decided):
        decided[value] = found = doc.vocab.strings[value].casefold() in words
        if found:
            kept.add(value)
    return [i for i, value in enumerate(listed) if value in kept]


def _among(values: numpy.ndarray, hashes: numpy.ndarray) -> numpy.ndarray:
    """Which of `values` are in the sorted array `hashes` (by bisection)."""
    if not len(hashes):
        return numpy.zeros(len(values), dtype=bool)
    at = numpy.searchsorted(hashes, values)
    at[at == len(hashes)] = 0
    return hashes[at] == values


# word list -> the sorted hashes of its words; word list -> (hash -> whether its string
# casefolded is listed, the listed hashes): the lists are few and fixed, a report's words
# mostly words seen before
_WORD_HASHES: dict[frozenset[str], numpy.ndarray] = {}
_CASEFOLDED: dict[frozenset[str], tuple[dict[int, bool], set[int]]] = {}


def trimmed(sent: Span) -> tuple[int, int, str]:
    """A sentence's character offsets and text without leading or trailing whitespace
    (a sentence may end in the blank lines before the next paragraph)."""
    text = span_text(sent)
    start = sent.start_char + (len(text) - len(text.lstrip()))
    end = sent.end_char - (len(text) - len(text.rstrip()))
    return start, max(start, end), text.strip()


def _index(doc: Doc) -> tuple[list[Span], list[int]]:
    cached = doc.user_data.get(_KEY)
    if cached is None:
        spans = list(doc.sents)
        of = [0] * len(doc)
        for n, sent in enumerate(spans):
            for i in range(sent.start, sent.end):
                of[i] = n
        cached = doc.user_data[_KEY] = (spans, of)
    return cached
