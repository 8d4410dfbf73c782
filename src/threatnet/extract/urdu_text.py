"""Urdu-script text as match keys: normalised words and sentences that keep their offsets.

Keys fold the spellings one Urdu word is written with (Arabic or Urdu yeh and
kaf, heh forms, zero-width joiners, tatweel, diacritics; the table is
`data/urdu_letters.yaml`); every key keeps the character offsets of the stored,
unchanged text, so mentions and evidence found on keys point at the text as
shown. Sentences end at the Urdu full stop (۔), the question marks ؟ and ?,
"!", "." and line ends. Used by `threatnet.extract.urdu`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from threatnet.errors import InvalidData
from threatnet.resources import load_data

_LETTERS = "urdu_letters.yaml"
SENTENCE_ENDS = "۔؟?!.\n"
# word characters: anything but spaces and punctuation (Urdu and Latin)
_WORD = re.compile(r"[^\s\u060c\u061b\u061f\u06d4\u066a-\u066c.,;:!?()\[\]{}«»\"'“”‘’/|-]+")
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")


@dataclass(frozen=True)
class Word:
    """One word of the text: its offsets in the stored text and its match key."""

    start: int
    end: int
    key: str


@dataclass(frozen=True)
class Sentence:
    """One sentence: offsets of its text (spaces trimmed), the text, and its words."""

    start: int
    end: int
    text: str
    words: tuple[Word, ...]


def has_arabic_script(text: str) -> bool:
    return _ARABIC_SCRIPT.search(text) is not None


@dataclass(frozen=True)
class _Letters:
    fold: dict[str, str]
    drop: frozenset[str]
    separators: frozenset[str]
    categories: frozenset[str]


@cache
def _letters() -> _Letters:
    data = load_data(_LETTERS)
    try:
        return _Letters(fold={str(k): str(v) for k, v in data["fold"].items()},
                        drop=frozenset(str(c) for c in data["drop"]),
                        separators=frozenset(str(c) for c in data["separators"]),
                        categories=frozenset(str(c) for c in data["drop_categories"]))
    except (KeyError, TypeError, AttributeError):
        raise InvalidData(_LETTERS, "needs 'fold' (a mapping) and 'drop', 'separators', "
                                    "'drop_categories' (lists)") from None


@cache
def char_key(char: str) -> str:
    """The key form of one character: decomposed, marks and joiners dropped, letters folded."""
    letters = _letters()
    if char in letters.separators:
        return " "
    out = []
    for c in unicodedata.normalize("NFD", char):
        if c in letters.drop or unicodedata.category(c) in letters.categories:
            continue
        out.append(letters.fold.get(c, c))
    return unicodedata.normalize("NFC", "".join(out)).casefold()


def normalise(text: str) -> tuple[str, list[int]]:
    """The key text and, for each of its characters, the offset in `text` it comes from."""
    chars: list[str] = []
    offsets: list[int] = []
    for i, c in enumerate(text):
        for k in char_key(c):
            chars.append(k)
            offsets.append(i)
    return "".join(chars), offsets


def key(text: str) -> str:
    """The key of a name or cue: normalised, words joined by single spaces."""
    return " ".join(normalise(text)[0].split())


def words(text: str, start: int = 0, end: int | None = None) -> list[Word]:
    """The words of text[start:end] with their keys; a word whose key is empty is skipped."""
    end = len(text) if end is None else end
    out = []
    for m in _WORD.finditer(text, start, end):
        # a zero-width space inside a "word" splits it; key each piece
        piece_start = m.start()
        for piece in re.split(r"(\u200b)", m.group()):
            if piece and piece != "\u200b":
                k = "".join(char_key(c) for c in piece)
                if k.strip():
                    out.append(Word(piece_start, piece_start + len(piece), k))
            piece_start += len(piece)
    return out


def sentences(text: str, start: int = 0, end: int | None = None) -> list[Sentence]:
    """The sentences of text[start:end], split at ۔ ؟ ? ! . and line ends."""
    end = len(text) if end is None else end
    out: list[Sentence] = []
    begin = start
    for i in range(start, end):
        c = text[i]
        if c in SENTENCE_ENDS and not (c == "." and _inside_number(text, i)):
            _add_sentence(out, text, begin, i if c == "\n" else i + 1)
            begin = i + 1
    _add_sentence(out, text, begin, end)
    return out


def _add_sentence(out: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    found = words(text, start, end)
    if found:
        out.append(Sentence(start, end, text[start:end], tuple(found)))


def _inside_number(text: str, i: int) -> bool:
    """A "." between digits (4.5) does not end a sentence."""
    return 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit()
