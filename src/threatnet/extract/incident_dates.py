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
from threatnet.extract.sentences import sentence_number, sentence_of
from threatnet.extract.timex import normalise

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_MONTHS = {m[:3]: m for m in ("january", "february", "march", "april", "may", "june", "july",
                               "august", "september", "october", "november", "december")}
_MONTH_ABBREVIATION = re.compile(r"\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b\.?",
                                 re.IGNORECASE)
_APPROXIMATE = re.compile(r"^\s*(?:around|about|circa|approximately|on or about|on)\s+",
                          re.IGNORECASE)
_NOT_ANCHORS = frozenset({"since", "from", "until", "till", "before", "after", "by"})
_DAYS_BACK = {"yesterday": 1, "today": 0, "tonight": 0}
CARRIED_SENTENCES = 2  # how far back in its paragraph an undated deed takes a day from


@lru_cache(maxsize=4096)
def resolve_date(text: str, published: str | None) -> str | None:
    """An ISO date (or year-month, year) for a written date, or None."""
    text = _MONTH_ABBREVIATION.sub(lambda m: _MONTHS[m.group(1).casefold()[:3]], text)
    text = _APPROXIMATE.sub("", text)  # "Around 7 March 2023" is 7 March 2023
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
        period = _calendar_period(lower, base)
        if period is not None:
            return period
    return normalise(text, published)


_PERIOD = re.compile(r"\b(this|last|past|previous)\s+(week|month|year)\b")


def _calendar_period(lower: str, base: date) -> str | None:
    """ "earlier this month", "last week", "last year": the month or year they fall in,
    counted from publication (a week across two months has no month)."""
    found = _PERIOD.search(lower)
    if found is None or any(c.isdigit() for c in lower):
        return None
    back = found.group(1) != "this"
    unit = found.group(2)
    if unit == "year":
        return str(base.year - back)
    if unit == "month":
        month = base.year * 12 + base.month - 1 - back
        return f"{month // 12:04d}-{month % 12 + 1:02d}"
    monday = base - timedelta(days=base.weekday() + 7 * back)
    end = min(base, monday + timedelta(days=6))
    return f"{monday.year:04d}-{monday.month:02d}" if (monday.year, monday.month) == \
        (end.year, end.month) else None


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
        value = _relative(span, dates, published) if _RELATIVE.match(span.text) else \
            resolve_date(span.text, _context(span, dates) or published)
        if value is not None:
            return value
    return _period_words(tokens, published)


def _period_words(tokens: list[Token], published: str | None) -> str | None:
    """ "Earlier this month", "last week": a period the NER left untagged, read from
    the words themselves."""
    base = _published(published)
    if base is None:
        return None
    for tok in tokens:
        if tok.lower_ in ("week", "month", "year") and tok.i > 0 and \
                tok.nbor(-1).lower_ in ("this", "last", "past", "previous") and \
                tok.dep_ in ("npadvmod", "pobj", "tmod") and \
                not (tok.i > 1 and tok.nbor(-2).lower_ in _NOT_ANCHORS):
            return _calendar_period(f"{tok.nbor(-1).lower_} {tok.lower_}", base)
    return None


_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
            "seven": 7, "ten": 10, "twelve": 12}
_RELATIVE = re.compile(r"^(?:the\s+)?(?:(?P<side>previous|following|next|preceding)\s+"
                       r"(?P<unit>day|month|year)|(?P<n>\w+)\s+(?P<units>days?|weeks?|months?|years?)\s+"
                       r"(?P<way>later|earlier|before|after))$", re.IGNORECASE)


def _relative(span: Span, dates: list[Span], published: str | None) -> str | None:
    """ "the previous month" after "January 2002", "two days later" after "3 March": counted
    from the last date written before it in its sentence or the one before; None when
    there is none to count from (never from the publication date)."""
    match = _RELATIVE.match(span.text)
    here = sentence_number(span[0])
    earlier = None
    for d in date_index(dates).before(span.start):
        if here - sentence_number(d[0]) > 1:
            break
        if not _RELATIVE.match(d.text):
            earlier = d
            break
    if match is None or earlier is None:
        return None
    anchor = resolve_date(earlier.text, _context(earlier, dates) or published)
    if anchor is None:
        return None
    if match.group("side"):
        step = -1 if match.group("side").casefold() in ("previous", "preceding") else 1
        unit = match.group("unit").casefold()
        if unit == "year":
            return str(int(anchor[:4]) + step)
        if unit == "month" and len(anchor) >= 7:
            month = int(anchor[:4]) * 12 + int(anchor[5:7]) - 1 + step
            return f"{month // 12:04d}-{month % 12 + 1:02d}"
        days = step
    else:
        n = _NUMBERS.get(match.group("n").casefold()) or \
            (int(match.group("n")) if match.group("n").isdigit() else None)
        if n is None:
            return None
        sign = -1 if match.group("way").casefold() in ("earlier", "before") else 1
        units = match.group("units").casefold()
        if units.startswith("year"):  # "a year later"
            return str(int(anchor[:4]) + sign * n)
        if units.startswith("month"):  # "a month later" after "January 2013": 2013-02
            if len(anchor) < 7:
                return None
            month = int(anchor[:4]) * 12 + int(anchor[5:7]) - 1 + sign * n
            return f"{month // 12:04d}-{month % 12 + 1:02d}"
        days = sign * n * (7 if units.startswith("week") else 1)
    if len(anchor) != 10:
        return None
    return (date.fromisoformat(anchor) + timedelta(days=days)).isoformat()


def _context(span: Span, dates: list[Span]) -> str | None:
    """For a date without a year ("On August 27"), the last full date written before it:
    a narrative of 2021 published in 2023 stays in 2021."""
    lower = span.text.casefold()
    if _YEAR.search(span.text) or any(w in lower for w in (*WEEKDAYS, *_DAYS_BACK, "night")) \
            or _PERIOD.search(lower):
        return None  # a year of its own, or a day or period counted from publication
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


def carried_date(tok: Token, dates: list[Span], published: str | None) -> str | None:
    """The day an undated deed is told under: the last full date written in the sentences
    just before it in the same paragraph ("The deadliest day came on 26 August, when …
    Elsewhere, a railway bridge was blown up"). A date that opens a span ("since 2015")
    or a year or month alone carries nothing."""
    doc = tok.doc
    sentence = sentence_of(tok)
    here = sentence_number(tok)
    for span in date_index(dates).before(sentence.start):
        if here - sentence_number(span[0]) > CARRIED_SENTENCES or \
                "\n" in doc[span.start:sentence.start].text:
            return None
        if not any(t.pos_ in ("VERB", "AUX") for t in sentence_of(span[0])):
            continue  # a dateline ("KABUL, Oct 3, 2022 (AFP)") dates the report
        if span[0].lower_ in _NOT_ANCHORS or (span.start and
                                               doc[span.start - 1].lower_ in _NOT_ANCHORS):
            continue
        value = resolve_date(span.text, _context(span, dates) or published)
        if value is not None and len(value) == 10:
            return value
    return None


def sentence_date(tok: Token, dates: list[Span], published: str | None) -> str | None:
    """The one date of the sentence a deed is told in, where the parse hangs it elsewhere
    ("X, who tried to set off a car bomb in Times Square, in May 2010"); none when the
    sentence has more than one (whose is whose is then the parse's to say)."""
    sentence = sentence_of(tok)
    found = [d for d in date_index(dates).overlapping(sentence.start, sentence.end)
             if sentence.start <= d.start and d.end <= sentence.end and
             d[0].lower_ not in _NOT_ANCHORS and
             not (d.start and tok.doc[d.start - 1].lower_ in _NOT_ANCHORS)]
    if len(found) != 1:
        return None
    return resolve_date(found[0].text, _context(found[0], dates) or published)


def _anchor(d: Span) -> bool:
    """A date with a year that can anchor a later one ("since 2015" anchors nothing)."""
    doc = d.doc
    return bool(_YEAR.search(d.text)) and \
        not (d.start and doc[d.start - 1].lower_ in _NOT_ANCHORS) and \
        d[0].lower_ not in _NOT_ANCHORS


def _month_dated(d: Span) -> bool:
    return any(m in d.text.casefold() for m in _MONTHS)
