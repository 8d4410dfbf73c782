"""The dateline that opens wire copy: "PESHAWAR, June 25 (Reuters) -", "KABUL, Oct 3,
2022 (AFP) -", "QUETTA:", and the press's own, with a byline or the name in its own
script: "Quetta, staff reporter —", "LAHORE, Our Correspondent:", "Khar (خار), Staff
Reporter —".

Its words belong to no sentence of the story: the agency is no one's subject, its date
is the day the story was filed (the day "on Monday" is counted back from), and its city
is where the story is told from, the place of an incident the story gives no place of
its own when the story tells of one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from threatnet.extract.incident_dates import resolve_date
from threatnet.resources import word_set

MAX_LINES = 4  # a dateline opens the story: the title and a byline may come before it
_DATE = r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,?\s+\d{4})?|" \
    r"\d{1,2}\s+[A-Z][a-z]{2,8}\.?(?:\s+\d{4})?)"
_PLACES = "places.yaml"


def _alternatives(key: str) -> str:
    """A data file's words as a regular expression's alternatives (spaces: any space)."""
    return "|".join(r"\s+".join(map(re.escape, w.split()))
                    for w in sorted(word_set(_PLACES, key), key=len, reverse=True))


# "staff reporter", "Our Correspondent", "monitoring desk", "Agencies": who filed it
_BYLINE = rf"(?i:(?:{_alternatives('byline_owners')})\s+(?:{_alternatives('byline_roles')})" \
    rf"|{_alternatives('byline_whole')})"
_LINE = re.compile(
    rf"^(?P<place>[A-Z][A-Z.'\- ]+[A-Z]|[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)"
    rf"(?P<gloss>\s*\([^\x00-\x7f()]+\))?"  # the name in its own script: "(خار)"
    rf"(?:,\s*(?P<byline>{_BYLINE})(?=\s*[-\u2013\u2014:]\s))?"
    rf"(?:,\s*[A-Z][a-z]+(?:\s[A-Z][a-z]+)?(?=,|\s*\(|\s+[-\u2013\u2014]\s))?"
    rf"(?:,\s*(?P<date>{_DATE}))?"
    rf"\s*(?:\((?P<agency>[A-Za-z.\- ]{{2,30}})\))?\s*"
    rf"(?P<dash>[-\u2013\u2014:])\s")


@dataclass(frozen=True)
class Dateline:
    start: int  # character offsets of the dateline in the text
    end: int
    place: str  # as written ("PESHAWAR")
    place_start: int
    date: str | None  # ISO, resolved against the publication date


def find_dateline(text: str, published: str | None) -> Dateline | None:
    """The dateline opening one of the first lines, if there is one: a place in capitals
    or followed by a date, an agency or a byline, then a dash or a colon."""
    offset = 0
    for n, line in enumerate(text.split("\n")):
        if n >= MAX_LINES:
            break
        match = _LINE.match(line)
        filed = match is not None and bool(match.group("byline") or match.group("gloss"))
        if match and (match.group("date") or match.group("agency") or filed or
                      (match.group("place").isupper() and len(match.group("place")) > 2)):
            if match.group("dash") != ":" or match.group("place").isupper() or filed:
                date = resolve_date(match.group("date"), published) \
                    if match.group("date") else None
                return Dateline(offset, offset + match.end(), match.group("place"),
                                offset + match.start("place"), date)
        offset += len(line) + 1
    return None


__all__ = ["Dateline", "find_dateline"]
