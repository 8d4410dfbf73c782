"""Find a report's publication date in its text ("This report was first published on …")."""

from __future__ import annotations

import re
import warnings

import dateparser

_PUBLISHED = re.compile(
    r"(?:first\s+)?(?:published|posted|updated)\s*(?:on|:)?\s*"
    r"(?P<date>[A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+[A-Z][a-z]+\.?\s+\d{4}|\d{4}-\d{2}-\d{2})",
    re.IGNORECASE,
)


def parse_date(text: str) -> str | None:
    """An ISO date (YYYY-MM-DD) for a written date, or None when it is not one."""
    with warnings.catch_warnings():  # dateparser warns about pytz internals on some versions
        warnings.simplefilter("ignore")
        parsed = dateparser.parse(text, languages=["en"],
                                  settings={"PREFER_DAY_OF_MONTH": "first",
                                            "REQUIRE_PARTS": ["year"]})
    return parsed.date().isoformat() if parsed else None


def find_published(text: str) -> str | None:
    """The publication date stated in the text, the last such statement winning."""
    found = None
    for match in _PUBLISHED.finditer(text):
        found = parse_date(match.group("date")) or found
    return found
