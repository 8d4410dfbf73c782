"""Find actor-pack names in a parsed document, robust to transliteration and hyphenation.

"Tehrik-i-Taliban", "Tehreek-e-Taliban" and "Tehrik Taliban" meet on one key:
connectors (-i-, -e-, -ul-, al-) and hyphens are dropped, vowels of multi-word
names collapse, and a trailing plural "s" is cut. Acronyms ("TTP", "JeM") match
case-sensitively and exactly; other single words only when capitalised in the
text, except capabilities and populations ("drones", "settlers").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from spacy.attrs import ORTH
from spacy.tokens import Doc

from threatnet.model import EntityType
from threatnet.resolve.pack import database_label

CONNECTORS = frozenset({"i", "e", "ul", "ud", "us", "ut", "ur", "al", "el", "-", "‐", "–"})


def is_connector(token: str) -> bool:
    """A transliteration connector ("-i-", "-ul-", "al-"), never an acronym like "US"."""
    return token.casefold() in CONNECTORS and (token.islower() or token in ("Al", "El")
                                                or not token.isalpha())
LOWERCASE_OK = frozenset({EntityType.CAPABILITY, EntityType.POPULATION})
# one-word names matched in any transliteration too ("Hakeemullah" = "Hakimullah"); places
# and things only as written, so that no ordinary capitalised word meets one by accident
LOOSE_SINGLE = frozenset({EntityType.ARMED_GROUP, EntityType.PERSON, EntityType.ORGANIZATION,
                          EntityType.GOVERNMENT_BODY})
LOOSE_SINGLE_MIN = 6
GLUE = frozenset({"ul", "ud", "us", "ut", "ur"})  # connectors also written glued on
# which entry wins when two share a name: actors before places before things
TYPE_PRIORITY = [EntityType.ARMED_GROUP, EntityType.GOVERNMENT_BODY, EntityType.STATE,
                 EntityType.ORGANIZATION, EntityType.PERSON, EntityType.EVENT,
                 EntityType.INFRASTRUCTURE, EntityType.LOCATION, EntityType.POPULATION,
                 EntityType.CAPABILITY]
_VOWELS = re.compile(r"[aeiouy]+")
_DOUBLED = re.compile(r"(.)\1+")
_GLUED = frozenset({"ul", "ud", "us", "ut", "ur"})
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})


@lru_cache(maxsize=1 << 16)  # called for every token of every report: words repeat
def word_key(text: str) -> str:
    """Case, accents, apostrophes and a plural or possessive "s" removed."""
    text = unicodedata.normalize("NFKD", text.casefold().translate(_APOSTROPHES))
    text = "".join(c for c in text if not unicodedata.combining(c))
    if text.endswith("'s"):
        text = text[:-2]
    if len(text) > 3 and text.endswith("s") and not text.endswith("ss"):
        text = text[:-1]
    return text


@lru_cache(maxsize=1 << 16)
def loose_key(text: str) -> str:
    """word_key as a transliteration would vary it: vowel runs collapsed (an opening one
    too: "Ihsanullah" = "Ehsanullah"), doubled letters single, q/k and ph/f merged,
    apostrophes dropped:
    "Mohammed" = "Muhammad", "Hakeemullah" = "Hakimullah", "Tehreek" = "Tahrik",
    "Qa'ida" = "Qaeda"."""
    key = word_key(text).replace("'", "").replace("ph", "f").replace("q", "k")
    key = _DOUBLED.sub(r"\1", key)
    return _VOWELS.sub("a", key)


def is_acronym(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    uppers = sum(c.isupper() for c in letters)
    return (" " not in name and 2 <= len(name) <= 8 and uppers >= 2
            and uppers * 2 >= len(letters) and name.isascii())


@dataclass(frozen=True)
class AliasMatch:
    start: int  # token index
    end: int    # token index, exclusive
    entry_id: str


@dataclass(frozen=True)
class _Target:
    entry_id: str
    entry_type: EntityType
    # a place's descriptive name the pack writes in lower case ("tribal areas", "merged
    # districts") is matched in lower case too; other names only capitalised
    lower_ok: bool = False


class AliasMatcher:
    """Token-sequence dictionary of every pack name; `find(doc)` gives longest matches."""

    def __init__(self, tokenize) -> None:  # tokenize: str -> sequence of token texts
        self._tokenize = tokenize
        self._acronyms: dict[tuple[str, ...], list[_Target]] = {}
        self._words: dict[tuple[str, ...], list[_Target]] = {}
        self._prefixes: set[tuple[str, ...]] = set()  # leading parts of multi-word keys
        self._max = 1
        # an acronym key's first token -> the lengths of the keys it starts, longest
        # first: a token that starts none is passed over without a lookup per length
        self._acronym_lengths: dict[str, list[int]] = {}

    def add(self, name: str, entry_id: str, entry_type: EntityType) -> None:
        # a database's "Tehrik-i-Taliban Pakistan (TTP)" / "TTP: ...": the name inside it
        name = database_label(name) or name
        tokens = [t for t in self._tokenize(name) if t.strip()]
        if not tokens:
            return
        target = _Target(entry_id, entry_type,
                         entry_type == EntityType.LOCATION and name[:1].islower())
        if is_acronym(name):
            self._put(self._acronyms, tuple(tokens), target)
            lengths = self._acronym_lengths.setdefault(tokens[0], [])
            if len(tokens) not in lengths:
                lengths.append(len(tokens))
                lengths.sort(reverse=True)
            return
        for key in self.keys(tokens, entry_type):
            if len(key) > 1:
                self._prefixes.update(key[:n] for n in range(1, len(key)))
            self._put(self._words, key, target)

    @staticmethod
    def keys(tokens: list[str], entry_type: EntityType) -> list[tuple[str, ...]]:
        """The lookup keys of a (non-acronym) name's tokens: one word by `word_key`, and
        for an actor's long single name also by `loose_key` (marked with a leading ""
        so that it cannot meet an exact key); several words by `loose_key`, once as
        written and once with a connector glued to the word before it ("Hizb-ul-Mujahideen"
        = "Hizbul Mujahideen") or split from it ("Jamaatul Ahrar" = "Jamaat-ul-Ahrar")."""
        words = [t for t in tokens if not is_connector(t)]
        if not words:
            return []
        if len(words) == 1:
            out = [(word_key(words[0]),)]
            if entry_type in LOOSE_SINGLE and len(words[0]) >= LOOSE_SINGLE_MIN:
                out.append(("", loose_key(words[0])))
            return out
        variants = [words]
        glued: list[str] = []
        for tok in tokens:
            if is_connector(tok) and tok.casefold() in GLUE and glued:
                glued[-1] += tok.casefold()
            elif not is_connector(tok):
                glued.append(tok)
        split: list[str] = []
        for word in words:
            if len(word) >= 6 and word[-2:].casefold() in GLUE:
                split.append(word[:-2])
            else:
                split.append(word)
        variants += [v for v in (glued, split) if v != words]
        return list(dict.fromkeys(tuple(map(loose_key, v)) for v in variants))

    def _put(self, table: dict, key: tuple[str, ...], target: _Target) -> None:
        self._max = max(self._max, len(key))
        targets = table.setdefault(key, [])
        same = next((n for n, t in enumerate(targets) if t.entry_id == target.entry_id), None)
        if same is None:
            targets.append(target)
        elif target.lower_ok:
            targets[same] = target
        targets.sort(key=lambda t: TYPE_PRIORITY.index(t.entry_type))

    def add_all(self, names: Iterable[tuple[str, str, EntityType]]) -> None:
        for name, entry_id, entry_type in names:
            self.add(name, entry_id, entry_type)

    def find(self, doc: Doc) -> list[AliasMatch]:
        """Longest non-overlapping matches, in text order."""
        strings = doc.vocab.strings  # the texts from the word array: no Token per word
        texts = [strings[h] for h in doc.to_array(ORTH).tolist()] if len(doc) else []
        candidates = self._acronym_matches(texts) + self._word_matches(doc, texts)
        candidates.sort(key=lambda m: (-(m.end - m.start), m.start))
        taken: set[int] = set()
        chosen = []
        for m in candidates:
            if not taken.intersection(range(m.start, m.end)):
                taken.update(range(m.start, m.end))
                chosen.append(m)
        return sorted(chosen, key=lambda m: m.start)

    def _acronym_matches(self, texts: list[str]) -> list[AliasMatch]:
        out = []
        for i, text in enumerate(texts):
            lengths = self._acronym_lengths.get(text)
            if not lengths or not any(c.isupper() for c in text):
                continue
            for length in lengths:
                if length > len(texts) - i:
                    continue
                targets = self._acronyms.get(tuple(texts[i:i + length]))
                if targets:
                    out.append(AliasMatch(i, i + length, targets[0].entry_id))
                    break
        return out

    def _word_matches(self, doc: Doc, texts: list[str]) -> list[AliasMatch]:
        keyed, exact, loose = [], [], []
        for i, text in enumerate(texts):
            connector, word, loosened = _token_keys(text)
            if not connector and not _capital_connector(texts, i):
                keyed.append((i, text))
                exact.append(word)
                loose.append(loosened)
        out = []
        for p in range(len(keyed)):
            # only lengths some name starts with are looked up, longest first
            longest = 1
            while p + longest < len(keyed) and tuple(loose[p:p + longest]) in self._prefixes:
                longest += 1
            for length in range(longest, 0, -1):
                if length == 1:
                    targets = self._words.get((exact[p],), []) + \
                        self._words.get(("", loose[p]), [])
                else:
                    targets = self._words.get(tuple(loose[p:p + length]), [])
                if not targets:
                    continue
                start, end = keyed[p][0], keyed[p + length - 1][0] + 1
                span_text = keyed[p][1]  # the first word: is the name capitalised?
                target = next((t for t in targets if t.entry_type in LOWERCASE_OK or t.lower_ok
                               or any(c.isupper() for c in span_text[:1])
                               or not span_text.isascii()), None)
                if target:
                    out.append(AliasMatch(_article_start(doc, start), end, target.entry_id))
                    break
        return out


@lru_cache(maxsize=1 << 16)  # one lookup per token instead of three: words repeat
def _token_keys(text: str) -> tuple[bool, str, str]:
    """A token's text as the word matcher reads it: a connector?, its word and loose keys."""
    if is_connector(text):
        return True, "", ""
    return False, word_key(text), loose_key(text)


def _capital_connector(texts: list[str], i: int) -> bool:
    """ "LASHKAR-E-JHANGVI": a connector in capitals, between hyphens."""
    return 0 < i < len(texts) - 1 and texts[i].isupper() and \
        texts[i].casefold() in CONNECTORS and texts[i - 1] in ("-", "‐") and \
        texts[i + 1] in ("-", "‐")


def _article_start(doc: Doc, start: int) -> int:
    """Where a name that opens with an Arabic article begins: "Al-Qaida", "al Qaeda" (the
    article is a connector the keys leave out, but it is part of the name written)."""
    if start >= 2 and doc[start - 1].text in ("-", "‐") and not doc[start - 2].whitespace_ \
            and doc[start - 2].lower_ in ("al", "el"):
        return start - 2
    if start >= 1 and doc[start - 1].lower_ in ("al", "el") and doc[start - 1].whitespace_:
        return start - 1
    return start
