"""Near-duplicate detection: a document's index keys, and the sentences two documents share.

A document is indexed by keys the store keeps (`store.copies`): the band hashes of
a MinHash signature (`datasketch`) over its word 3-shingles, so that two documents
whose shingles overlap by about `THRESHOLD` or more meet on at least one band, and
one hash per long sentence, so that a note repeating a few of a report's sentences
word for word meets it too. Candidates found by key are then compared sentence by
sentence (`shared_sentences`): which of the new document's sentences another one
carries, lightly edited or not. Used by `store.copies` at every save.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from rapidfuzz import fuzz

from threatnet.resources import word_set

NUM_PERM = 128
BANDS, ROWS = 32, 4  # 32 × 4 = NUM_PERM: a pair at Jaccard 0.4 meets with p ≈ 0.57, at 0.6 ≈ 0.99
THRESHOLD = (1 / BANDS) ** (1 / ROWS)  # ≈ 0.42, where the band curve is steepest
SHINGLE = 3  # words per shingle
SEED = 1
SCHEME = "affine32"  # datasketch 2: keys depend on it (a stored index is of one scheme)
LONG_SENTENCE = 12  # words: a sentence this long, carried word for word, is a copy alone
MIN_SENTENCE = 6  # words: shorter sentences (datelines, credits, headlines) are not compared
SENTENCE_MATCH = 0.5  # word-set Jaccard of two sentences of near-duplicate documents
VERBATIM = 0.8  # ... and of a long sentence in documents that are otherwise different
SPELLING = 75  # rapidfuzz ratio of two spellings of one name (`_same_names`)
COPY_SHARE = 0.5  # a document whose sentences are this much another's is a copy of it
_WORD = re.compile(r"\w+", re.UNICODE)
_SENTENCE_END = re.compile(r"(?<=[.!?۔])[\"'”’)\]]*\s+|\n\s*\n|\n(?=\s*[A-Z\u0600-\u06FF(])")
_BAND_SALT = b"band"
_SENTENCE_SALT = b"sentence"


@dataclass(frozen=True)
class Sentence:
    """One sentence of a document: its character span and its words, lower-cased."""

    start: int
    end: int
    words: tuple[str, ...]
    names: frozenset[str] = frozenset()  # its names and their initials (`_names`)

    @property
    def long(self) -> bool:
        return len(self.words) >= LONG_SENTENCE

    @property
    def figures(self) -> frozenset[str]:
        """Its dates and numbers ("20", "2025"): a sentence that changes one is another
        statement (another day's attack, another tally), however alike the rest."""
        return frozenset(w for w in self.words if any(ch.isdigit() for ch in w))


@dataclass(frozen=True)
class Shared:
    """A sentence of document A that document B carries too (spans in each text)."""

    a: Sentence
    b: Sentence
    similarity: float


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def sentences(text: str) -> list[Sentence]:
    """A document's sentences (a plain splitter: the same on every document, which is all
    comparing two documents needs), each with its words."""
    out, start = [], 0
    for match in [*_SENTENCE_END.finditer(text), None]:
        end = match.start() if match else len(text)
        span = text[start:end]
        stripped = span.strip()
        if stripped:
            lead = start + span.index(stripped[0])
            tokens = _WORD.findall(stripped)
            out.append(Sentence(lead, lead + len(stripped), tuple(w.lower() for w in tokens),
                                _names(tokens)))
        if match:
            start = match.end()
    return out


def _names(tokens: list[str]) -> frozenset[str]:
    """The capitalised words of a sentence, lower-cased (its first unless a listed
    opener), and the initials of each run of them ("Balochistan Liberation Army" ->
    "bla", "Tehrik-i-Taliban Pakistan" -> "ttp"), which an editor may write instead."""
    out: set[str] = set()
    run: list[str] = []
    for i, token in enumerate([*tokens, ""]):
        name = bool(token) and token[0].isupper() and (i > 0 or token.lower() not in _openers())
        if name:
            out.add(token.lower())
            run.append(token)
        elif not (run and token in _LINKS):
            if len(run) >= 2:
                out.add("".join(w[0] for w in run).lower())
            run = []
    return frozenset(out)


_LINKS = {"e", "i", "ul", "al", "of", "el", "ud", "ut"}  # "Lashkar-e-", "Harkat-ul-"


@cache
def _openers() -> frozenset[str]:
    """Words that open a sentence with a capital without naming anyone (data file)."""
    return word_set("near_duplicates.yaml", "openers")


def _hash64(salt: bytes, data: bytes) -> int:
    """A signed 64-bit key (what a BIGINT column holds on both backends)."""
    digest = hashlib.blake2b(data, digest_size=8, key=salt).digest()
    return int.from_bytes(digest, "big", signed=True)


@cache
def _permutations() -> Any:
    from datasketch import MinHash  # scipy comes with it: imported when first needed

    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations


def signature(text: str) -> Any:
    """The MinHash (`datasketch.MinHash`) of a text's word 3-shingles; None when the text
    has fewer words than a shingle."""
    from datasketch import MinHash

    tokens = words(text)
    if len(tokens) < SHINGLE:
        return None
    shingles = {" ".join(tokens[i:i + SHINGLE]).encode()
                for i in range(len(tokens) - SHINGLE + 1)}
    m = MinHash(num_perm=NUM_PERM, seed=SEED, permutations=_permutations(), scheme=SCHEME)
    m.update_batch(list(shingles))
    return m


def band_keys(minhash: Any) -> list[int]:
    """One key per band of the signature: two documents sharing a key are candidates."""
    values = minhash.hashvalues
    return [_hash64(_BAND_SALT, bytes([band]) + values[band * ROWS:(band + 1) * ROWS].tobytes())
            for band in range(BANDS)]


def sentence_key(sentence: Sentence) -> int:
    return _hash64(_SENTENCE_SALT, " ".join(sentence.words).encode())


def index_keys(text: str) -> list[int]:
    """Every key of a document: its band keys and its long sentences' keys, once each."""
    m = signature(text)
    keys = band_keys(m) if m is not None else []
    keys += [sentence_key(s) for s in sentences(text) if s.long]
    return list(dict.fromkeys(keys))


def similarity(a: Sentence, b: Sentence) -> float:
    """Word-set Jaccard of two sentences."""
    x, y = set(a.words), set(b.words)
    return len(x & y) / len(x | y) if x or y else 0.0


def shared_sentences(a: list[Sentence], b: list[Sentence], near: bool) -> list[Shared]:
    """The sentences of `a` that `b` carries, each paired with its closest match.

    `near`: the two documents are near-duplicates (they met on a band), so a lightly
    edited sentence counts (`SENTENCE_MATCH`); otherwise only a long sentence carried
    almost word for word (`VERBATIM`), since two independent reports of one event share
    short formulaic sentences ("The BLA claimed responsibility for the attack."). Two
    sentences with different dates or numbers are never shared (`Sentence.figures`), nor
    two that name other people, groups or places (`_same_names`).
    """
    floor = SENTENCE_MATCH if near else VERBATIM
    others = [s for s in b if len(s.words) >= MIN_SENTENCE]
    by_word: dict[str, list[int]] = {}
    for i, s in enumerate(others):
        for w in set(s.words):
            by_word.setdefault(w, []).append(i)
    out = []
    for s in a:
        if len(s.words) < MIN_SENTENCE or not (near or s.long):
            continue
        hits: dict[int, int] = {}
        for w in set(s.words):
            for i in by_word.get(w, ()):
                hits[i] = hits.get(i, 0) + 1
        best, score = None, 0.0
        for i, n in hits.items():
            if n / max(len(set(s.words)), len(set(others[i].words))) < floor \
                    or s.figures != others[i].figures or not _same_names(s, others[i]):
                continue  # Jaccard ≤ overlap / larger set: cannot reach the floor
            value = similarity(s, others[i])
            if value > score:
                best, score = others[i], value
        if best is not None and score >= floor and (near or best.long):
            out.append(Shared(s, best, round(score, 3)))
    return out


def _same_names(a: Sentence, b: Sentence) -> bool:
    """Whether two sentences name the same people, groups and places: the one naming
    fewer names none the other lacks, but for initials ("the BLA") and spellings
    ("Tehreek" for "Tehrik"); a template filled with other names is another report."""
    small, large = sorted((a.names, b.names), key=len)
    others = large - small
    return all(any(fuzz.ratio(n, m) >= SPELLING for m in others) for n in small - large)


def is_copy(shared: list[Shared], a: list[Sentence]) -> bool:
    """Whether `a` is a copy of the document it shares these sentences with: most of its
    compared sentences are carried there."""
    compared = [s for s in a if len(s.words) >= MIN_SENTENCE]
    return bool(compared) and len(shared) / len(compared) >= COPY_SHARE

