"""Query parameters shared by the API and the pages, checked by `threatnet.validate` as the
CLI checks its options."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from threatnet import validate

AsOf = Annotated[str | None, Query(
    description="What was known on this date (YYYY, YYYY-MM or YYYY-MM-DD).")]
MinConfidence = Annotated[float, Query(ge=0.0, le=1.0, description="Only facts at least "
                                                                   "this confident.")]


def check_date(value: str | None, name: str = "as_of") -> str | None:
    """None for an empty value; the value when it is a calendar date; InvalidInput
    (400, naming the parameter, not repeating the value) otherwise."""
    return validate.date(value or None, name, quote=False)
