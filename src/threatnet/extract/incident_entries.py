"""The entries of a multi-incident text: database records and dated timeline lines.

Incident databases and timelines open each entry with its date, before the text of the
entry: "March 4: Three policemen were killed …", "4 March 2023 — Gunmen stormed …",
"03/04/2023: Assailants attacked …", "Thursday, 10 August 2023: militants …",
"(2) 6 September. …". Such a line opens an **entry** that runs to the next one, or to
the next blank line when the entries are paragraphs. Everything an entry tells — its deed
sentence, its responsibility sentence, its toll — is about the incident of that entry,
and the entry's date is the date of the incidents it tells unless their own clause
dates them more precisely.

Numeric dates: a day above 12 decides the order (25/03/2023 is day first); otherwise
another numeric date of the same document decides it, and failing that "/" is read
month first (the convention of the incident databases that write MM/DD/YYYY) and "."
or "-" day first. A date with no year takes the last year written above it, else the
publication year, and never falls after the publication date. "The last year written
above" is, in order: the year of the last entry heading above that writes one ("(1) 6
March 2014: …" then "(2) 9 April: …"), the one year the report's title names ("Pakistan
Timeline – Year 2009", "Attacks in Balochistan, 2024"), then any year written above; a
year an entry's body mentions in passing ("its February 2008 peace agreement") or a
compilation date ("Compiled 15 January 2010") does not move the next entries' year.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date

from threatnet.extract.incident_dates import resolve_date

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_WEEKDAY = r"(?:(?:Mon|Tues|Tue|Wednes|Wed|Thurs|Thu|Fri|Satur|Sat|Sun)(?:day)?\.?,?\s+)?"
_NUMERIC = r"(?P<a>\d{1,2})(?P<sep>[/.\-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})"
_ISO = r"(?P<iso>\d{4}-\d{2}-\d{2})"
_WORDS = rf"(?P<words>\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}(?:,?\s+\d{{4}})?|" \
    rf"{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?)"
# an entry's opening: an optional bullet or item number, an optional weekday, the date,
# then a separator (colon, dash, full stop, comma) before the entry's text
# a record's date field: "Date: 2023-02-17", "Incident date: 4 March 2023"
_FIELD = r"(?:(?:incident|event|attack)\s+date|date(?:\s+of\s+(?:the\s+)?" \
    r"(?:incident|attack|event))?)\s*:\s*"
_OPENING = re.compile(
    rf"^[ \t]*(?:[-*\u2022\u25aa]\s*|\(?\d{{1,3}}[.)]\s+)?(?P<field>{_FIELD})?{_WEEKDAY}"
    rf"(?:{_ISO}|{_NUMERIC}|{_WORDS})(?P<end>\s*(?:[:\u2013\u2014|]|-(?=\s)|\.(?=\s)|,(?=\s)|"
    rf"(?<=\d)\s*$))",
    re.IGNORECASE)
# "Peshawar, 2 June 2016: Two police officers …", "Kech, Balochistan, 4 May 2024 — …": a
# place before the date; the separator must then be a colon or a dash, so a sentence such
# as "Kabul, 12 June 2016, was quiet" opens no entry
_NAME = r"[A-Z][\w'\u2019\-]*(?:[ \-](?:[A-Z][\w'\u2019\-]*|e|ul|al|i))*"
_PLACED = re.compile(
    rf"^[ \t]*(?:[-*\u2022\u25aa]\s*|\(?\d{{1,3}}[.)]\s+)?(?P<place>{_NAME}(?:,\s*{_NAME}){{0,2}}),"
    rf"\s+{_WEEKDAY}(?:{_ISO}|{_NUMERIC}|{_WORDS})(?P<end>\s*(?:[:\u2013\u2014]|-(?=\s)))")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_ANY_NUMERIC = re.compile(r"\b(\d{1,2})([/.\-])(\d{1,2})\2(\d{4})\b")


@dataclass(frozen=True)
class Entry:
    """One entry: character offsets of the whole entry and of its date prefix, its date."""

    start: int
    end: int
    prefix_end: int
    date: str | None
    place: tuple[int, int] | None = None  # the place written before the date, if any


class Entries:
    """The entries of one text, found by their opening dates; looked up by bisection."""

    def __init__(self, entries: list[Entry]) -> None:
        self.entries = entries
        self._starts = [e.start for e in entries]

    def at(self, offset: int) -> Entry | None:
        """The entry the character at `offset` belongs to."""
        k = bisect_right(self._starts, offset) - 1
        if k < 0 or offset >= self.entries[k].end:
            return None
        return self.entries[k]

    def same(self, a: int, b: int) -> bool:
        """Whether two character offsets may speak of one incident: not in two entries."""
        first, second = self.at(a), self.at(b)
        return first is second or (first is None and second is None) or \
            (first is None and second is not None and a >= second.start) or \
            (second is None and first is not None and b >= first.start and b < first.end)

    def in_prefix(self, offset: int) -> bool:
        entry = self.at(offset)
        return entry is not None and offset < entry.prefix_end


def find_entries(text: str, published: str | None) -> Entries:
    """The entries of `text`; none unless at least one line opens with a date."""
    lines: list[tuple[int, int, re.Match | None]] = []
    offset = 0
    for line in text.split("\n"):
        lines.append((offset, offset + len(line),
                      (_OPENING.match(line) or _PLACED.match(line)) if line.strip() else None))
        offset += len(line) + 1
    day_first = _numeric_order(text)
    title_year = _title_year(text)
    heading_year: str | None = None
    entries: list[Entry] = []
    for n, (start, end, match) in enumerate(lines):
        if match is None:
            continue
        stop = end
        for later_start, later_end, later in lines[n + 1:]:
            if later is not None or later_start == later_end or \
                    not text[later_start:later_end].strip():
                break  # the next entry, or a blank line
            stop = later_end
        when = _entry_date(match, text[:start], published, day_first,
                           heading_year or title_year)
        if when and _YEAR.match(when[:4]) and _YEAR.search(match.group(0)):
            heading_year = when[:4]
        place = (start + match.start("place"), start + match.end("place")) \
            if "place" in match.re.groupindex else None
        entries.append(Entry(start + match.start(), stop, start + match.end("end"), when, place))
    return Entries(entries)


def placed_text_starts(text: str) -> list[int]:
    """Where the text of each entry opened by a place and a date begins ("Kabul, 12 June
    2016: |A suicide attacker …"), so the place is parsed apart, never as the deed's doer."""
    out: list[int] = []
    offset = 0
    for line in text.split("\n"):
        found = _PLACED.match(line) if "," in line else None
        if found is not None:
            rest = line[found.end("end"):]
            out.append(offset + found.end("end") + len(rest) - len(rest.lstrip()))
        offset += len(line) + 1
    return out


def _numeric_order(text: str) -> bool | None:
    """Whether the numeric dates of a text put the day first, if any of them says so."""
    for a, _, b, _ in _ANY_NUMERIC.findall(text):
        if int(a) > 12 >= int(b):
            return True
        if int(b) > 12 >= int(a):
            return False
    return None


def _title_year(text: str) -> str | None:
    """The one year the first line (the report's title) names, if exactly one."""
    years = set(_YEAR.findall(text.split("\n", 1)[0]))
    return years.pop() if len(years) == 1 else None


def _entry_date(match: re.Match, before: str, published: str | None,
                day_first: bool | None, known_year: str | None = None) -> str | None:
    if match.group("iso"):
        try:
            return date.fromisoformat(match.group("iso")).isoformat()
        except ValueError:
            return None
    if match.group("a"):
        a, b, year = int(match.group("a")), int(match.group("b")), match.group("y")
        year_n = int(year) + (2000 if len(year) == 2 else 0)
        order = day_first if day_first is not None else match.group("sep") != "/"
        day, month = (a, b) if (a > 12 or (order and b <= 12)) else (b, a)
        try:
            return date(year_n, month, day).isoformat()
        except ValueError:
            return None
    written = match.group("words")
    if _YEAR.search(written):
        return resolve_date(written, None)
    years = [known_year] if known_year else _YEAR.findall(before)
    year = years[-1] if years else (published or "")[:4]
    if not year:
        return None
    found = resolve_date(f"{written} {year}", None)
    if found and not years and published and len(found) == 10 and found > published[:10]:
        found = resolve_date(f"{written} {int(year) - 1}", None)  # "December 28" in January
    return found


__all__ = ["Entries", "Entry", "find_entries"]
