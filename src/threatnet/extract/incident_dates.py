"""When an incident happened: its date phrase resolved against the publication date.

"on Monday" is the latest Monday on or before publication, "yesterday" the day before,
"June 24" a full date in the publication's year; anything with a year or a month goes
through `timex.normalise`.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from spacy.tokens import Span, Token

from threatnet.extract.date_index import date_index, last_newline
from threatnet.extract.sentences import sentence_of
from threatnet.extract.timex import normalise

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_MONTHS = {m[:3]: m for m in ("january", "february", "march", "april", "may", "june", "july",
                               "august", "september", "october", "november", "december")}
_MONTH_ABBREVIATION = re.compile(r"\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b\.?",
                                 re.IGNORECASE)
_NOT_ANCHORS = frozenset({"since", "from", "until", "till", "before", "after", "by"})
_DAYS_BACK = {"yesterday": 1, "today": 0, "tonight": 0}


@lru_cache(maxsize=4096)
def resolve_date(text: str, published: str | None) -> str | None:
    """An ISO date (or year-month, year) for a written date, or None."""
    text = _MONTH_ABBREVIATION.sub(lambda m: _MONTHS[m.group(1).casefold()[:3]], text)
    lower = text.casefold()
    base = _published(published)
    if base is not None:
        weekday = next((n for n, d in enumerate(WEEKDAYS) if d in lower), None)
        if weekday is not None and not any(c.isdigit() for c in lower):
            back = (base.weekday() - weekday) % 7
            if "last" in lower.split() and back == 0:
                back = 7
            return (base - timedelta(days=back)).isoformat()
        if "last night" in lower:
            return (base - timedelta(days=1)).isoformat()
        for word, back in _DAYS_BACK.items():
            if word in lower.split():
                return (base - timedelta(days=back)).isoformat()
    return normalise(text, published)


def _published(published: str | None) -> date | None:
    try:
        return date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None


def date_of(tokens: list[Token], dates: list[Span], published: str | None) -> str | None:
    """The date of the clause spanned by `tokens`: its first DATE that resolves."""
    if not tokens:
        return None
    sentence = sentence_of(tokens[0])
    scope = {t.i for t in tokens}
    for span in date_index(dates).overlapping(sentence.start, sentence.end):
        if span.start < sentence.start or span.end > sentence.end:
            continue
        if not any(t.i in scope for t in span):
            continue
        value = resolve_date(span.text, _context(span, dates) or published)
        if value is not None:
            return value
    return None


def _context(span: Span, dates: list[Span]) -> str | None:
    """For a date without a year ("On August 27"), the last full date written before it:
    a narrative of 2021 published in 2023 stays in 2021."""
    lower = span.text.casefold()
    if _YEAR.search(span.text) or any(w in lower for w in (*WEEKDAYS, *_DAYS_BACK, "night")):
        return None  # a year of its own, or a day counted from publication
    doc = span.doc
    index = date_index(dates)  # the last anchors before `span`, by bisection (linear cost)
    count = index.count_before(_anchor, span.start)
    if not count:
        return None
    last = index.anchors(_anchor)[0][count - 1]
    if last.start <= last_newline(doc, span.start):  # the paragraph's year, else the last
        last = index.last_of(_anchor, _month_dated, count) or last  # dated month
    year = _YEAR.search(last.text).group(0)
    return f"{year}-12-31"


def _anchor(d: Span) -> bool:
    """A date with a year that can anchor a later one ("since 2015" anchors nothing)."""
    doc = d.doc
    return bool(_YEAR.search(d.text)) and \
        not (d.start and doc[d.start - 1].lower_ in _NOT_ANCHORS) and \
        d[0].lower_ not in _NOT_ANCHORS


def _month_dated(d: Span) -> bool:
    return any(m in d.text.casefold() for m in _MONTHS)
