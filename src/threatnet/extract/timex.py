"""When a claim held: "since 2018", "from 2005 to 2013", "in March 2023", "last year".

Dates are read from the DATE entities of the claim's clause and normalised
against the document's publication date (TimeML's document creation time)
with dateparser: a year stays a year ("2018"), a month is "2023-03", a day
is a full ISO date.
"""

from __future__ import annotations

import re
import warnings
from datetime import date, datetime
from functools import lru_cache

import dateparser
from spacy.tokens import Doc, Span, Token

from threatnet.extract.date_index import date_index
from threatnet.extract.sentences import sentence_of, text_of

_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december")
_RELATIVE = re.compile(r"\b(last|this|next|previous|past)\s+(year|month)\b", re.I)
STARTS = frozenset({"since", "from", "after"})
ENDS = frozenset({"until", "till", "to", "through", "before"})


_MONTH_NUMBERS = {m: n for n, m in enumerate(_MONTHS, start=1)}
_MONTH = r"(january|february|march|april|may|june|july|august|september|october|november|" \
    r"december)"
_DAY_MONTH_YEAR = re.compile(rf"^(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\s+(\d{{4}})$")
_MONTH_DAY_YEAR = re.compile(rf"^{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})$")
_MONTH_YEAR = re.compile(rf"^(?:in\s+)?{_MONTH},?\s+(\d{{4}})$")


def written_date(text: str) -> str | None:
    """The common written forms ("2014", "8 June 2014", "June 8, 2014", "June 2014") read
    directly: dateparser is slow, and these need no guessing."""
    lower = " ".join(text.casefold().replace("on ", "", 1).split()) \
        if text.casefold().startswith("on ") else " ".join(text.casefold().split())
    month = _MONTH_NUMBERS
    if _YEAR.fullmatch(lower):
        return lower
    for pattern, order in ((_DAY_MONTH_YEAR, "dmy"), (_MONTH_DAY_YEAR, "mdy")):
        found = pattern.match(lower)
        if found:
            parts = dict(zip(order, found.groups(), strict=True))
            try:
                return date(int(parts["y"]), month[parts["m"]], int(parts["d"])).isoformat()
            except ValueError:
                return None
    found = _MONTH_YEAR.match(lower)
    if found:
        return f"{int(found.group(2)):04d}-{month[found.group(1)]:02d}"
    return None


# forms dateparser is not asked about, whose answer it was checked to give (every day,
# month and publication day of several years: tests/extract/test_speed_equivalence.py)
_DAY_MONTH = re.compile(rf"^(\d{{1,2}})(?:st|nd|rd|th)? (?:of )?{_MONTH}$")
_MONTH_DAY = re.compile(rf"^{_MONTH} (\d{{1,2}})(?:st|nd|rd|th)?$")
_MONTH_ONLY = re.compile(rf"^{_MONTH}$")
_ABBREVIATED = r"(jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?"
_ABBREVIATED_DATE = re.compile(  # "Dec 17, 2014", "03 Jan 2021", "Sept 2020"
    rf"^(?:(\d{{1,2}})(?:st|nd|rd|th)? {_ABBREVIATED}|{_ABBREVIATED}(?: (\d{{1,2}}))?,?)"
    rf" (1[89]\d\d|20\d\d)$")
_PART_OF = re.compile(rf"^(?:early|mid|late)[ -](?:{_MONTH} )?(1[89]\d\d|20\d\d)$")


def _without_dateparser(lower: str, published: str | None) -> str | None:
    """What `normalise` gives for a few more written forms, computed directly: a day or a
    month without a year ("20 March", "October": the latest one on or before the
    publication date), an abbreviated month with a year (its year: dateparser's date,
    whose month `normalise` does not see in "Dec"), "late 2019" / "mid-2016" (the year:
    dateparser reads none). None: ask dateparser."""
    found = _PART_OF.match(lower)
    if found:
        return found.group(2)
    found = _ABBREVIATED_DATE.match(lower)
    if found:
        day = found.group(1) or found.group(4)
        month = _MONTH_NUMBERS[_MONTHS_BY_ABBREVIATION[(found.group(2) or found.group(3))[:3]]]
        try:
            date(int(found.group(5)), month, int(day) if day else 1)
        except ValueError:
            return None
        return found.group(5)
    base = _publication_day(published)
    if base is None:
        return None
    for pattern, day_at, month_at in ((_DAY_MONTH, 1, 2), (_MONTH_DAY, 2, 1),
                                      (_MONTH_ONLY, None, 1)):
        found = pattern.match(lower)
        if not found:
            continue
        month = _MONTH_NUMBERS[found.group(month_at)]
        day = int(found.group(day_at)) if day_at else base.day
        try:
            when = date(base.year, month, day)
            if when > base:
                when = date(base.year - 1, month, day)
        except ValueError:
            return None  # 29 February, or a month without the publication's day
        return when.isoformat() if day_at else f"{when.year:04d}-{when.month:02d}"
    return None


_MONTHS_BY_ABBREVIATION = {m[:3]: m for m in _MONTHS}


def _publication_day(published: str | None) -> date | None:
    """The publication date when it is a plain ISO date (midnight: what dateparser counts
    from), else None."""
    if published is None or len(published) != 10:
        return None
    try:
        return date.fromisoformat(published)
    except ValueError:
        return None


@lru_cache(maxsize=1024)  # a date is read once per report (the extractor clears it per
# report), however many claims cite it
def normalise(text: str, published: str | None) -> str | None:
    """An ISO year, year-month or date for a written date, or None."""
    common = written_date(text)
    if common:
        return common
    lower = text.casefold()
    has_month = any(m in lower for m in _MONTHS)
    has_day = bool(re.search(r"\b\d{1,2}(st|nd|rd|th)?\b", _YEAR.sub("", lower)))
    if not (_YEAR.search(text) or has_month or _RELATIVE.search(text)):
        return None
    direct = _without_dateparser(lower, published)
    if direct is not None:
        return direct
    base = datetime.fromisoformat(published) if published else datetime.now()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        parsed = dateparser.parse(text, languages=["en"],
                                  settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"})
    if parsed is None:
        year = _YEAR.search(text)
        return year.group(1) if year else None
    if has_month and has_day:
        return parsed.date().isoformat()
    if has_month or "month" in lower:
        return f"{parsed.year:04d}-{parsed.month:02d}"
    return f"{parsed.year:04d}"


_YEAR_TOKEN = re.compile(r"(?=((?:1[89]|20)\d\d))")  # overlapping: "12018" holds "2018"
_DAY_WORDS = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
                        r"yesterday|tonight|last night)\b", re.I)


def date_spans(doc: Doc) -> list[Span]:
    """DATE entities, TIME entities that name a day ("Sunday night", "last night"), plus
    bare years the NER missed ("from 2009 to 2013")."""
    spans = [e for e in doc.ents if e.label_ == "DATE" or
             (e.label_ == "TIME" and _DAY_WORDS.search(e.text))]
    covered = {i for e in spans for i in range(e.start, e.end)}
    for found in _YEAR_TOKEN.finditer(text_of(doc)):  # the few places a year is written,
        # not every token: a year is a token whose text is the year, no more
        year = doc.char_span(found.start(1), found.end(1))
        if year is not None and len(year) == 1 and year.start not in covered:
            spans.append(year)
    return sorted(spans, key=lambda s: s.start)


def _clause(tok: Token) -> Token:
    while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _governs(head: Token, tok: Token) -> bool:
    """`tok` is in `head`'s subtree: `head` is `tok` or one of its ancestors (a walk up
    the few heads above a date, not a list of the clause's every token)."""
    while tok.i != head.i:
        if tok.head.i == tok.i:
            return False
        tok = tok.head
    return True


def claim_time(trigger: Token, dates: list[Span], published: str | None) -> dict[str, str | None]:
    """start / end of a claim from the dates of its clause."""
    clause = _clause(trigger)
    start = end = None
    sent = sentence_of(trigger)
    for ent in date_index(dates).overlapping(sent.start, sent.end):  # not every date
        if not _governs(clause, ent.root) or sentence_of(ent.root).start != sent.start:
            continue
        value = normalise(ent.text, published)
        if value is None:
            continue
        lead = ent.doc[ent.start - 1].lower_ if ent.start > 0 else ""
        first = ent[0].lower_
        years = _YEAR.findall(ent.text)
        if (lead in ("from", "between") or first in ("from", "between")) and len(years) == 2:
            start, end = years[0], years[1]
        elif lead in STARTS or first in STARTS:
            start = value
        elif lead in ENDS and (lead != "to" or start is not None):
            end = value  # "until 2013"; "to 2013" only after a "from"
        elif start is None:
            start = value
    return {"start": start, "end": end}
