"""Find a report's publication date in its text: "This report was first published on …",
else a news dateline at the start ("ISLAMABAD, June 26, 2024 —")."""

from __future__ import annotations

import re
import warnings

import dateparser

_DATE = (r"(?P<date>[A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+[A-Z][a-z]+\.?\s+\d{4}"
         r"|\d{4}-\d{2}-\d{2})")
_PUBLISHED = re.compile(r"(?:first\s+)?(?:published|posted|updated)\s*(?:on|:)?\s*" + _DATE,
                        re.IGNORECASE)
# a place in capitals, an optional country ("PESHAWAR, Pakistan,") and agency in brackets,
# the date, then a dash or colon
_DATELINE = re.compile(r"^[A-Z][A-Z .'-]{2,40}"
                       r"(?:,\s*[A-Z][A-Za-z.'-]+(?:\s[A-Z][A-Za-z.'-]+){0,2})?"
                       r"(?:\s*\([^)\n]{1,40}\))?\s*[,:]\s*" + _DATE
                       + r"\s*(?:\([^)\n]{1,40}\))?\s*[-\u2013\u2014:]", re.MULTILINE)
_DATELINE_WINDOW = 600  # a dateline opens the story: after the headline, before the body


def parse_date(text: str) -> str | None:
    """An ISO date (YYYY-MM-DD) for a written date, or None when it is not one."""
    with warnings.catch_warnings():  # dateparser warns about pytz internals on some versions
        warnings.simplefilter("ignore")
        parsed = dateparser.parse(text, languages=["en"],
                                  settings={"PREFER_DAY_OF_MONTH": "first",
                                            "REQUIRE_PARTS": ["year"]})
    return parsed.date().isoformat() if parsed else None


def find_published(text: str) -> str | None:
    """The publication date stated in the text, the last such statement winning;
    else the date of a dateline near the start."""
    found = None
    for match in _PUBLISHED.finditer(text):
        found = parse_date(match.group("date")) or found
    if found is None:
        match = _DATELINE.search(text[:_DATELINE_WINDOW])
        found = parse_date(match.group("date")) if match else None
    return found
