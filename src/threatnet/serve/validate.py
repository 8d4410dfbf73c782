"""Query parameters shared by the API and the pages, checked as the CLI checks its options."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import Query

from threatnet.errors import InvalidInput

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")

AsOf = Annotated[str | None, Query(
    description="What was known on this date (YYYY, YYYY-MM or YYYY-MM-DD).")]
MinConfidence = Annotated[float, Query(ge=0.0, le=1.0, description="Only facts at least "
                                                                   "this confident.")]


def check_date(value: str | None, name: str = "as_of") -> str | None:
    """None for an empty value; the value when it is a date; InvalidInput otherwise."""
    if not value:
        return None
    if not _DATE.match(value):
        raise InvalidInput(name, f"{value!r} is not a date: give YYYY-MM-DD, YYYY-MM or YYYY")
    return value
