"""Query parameters shared by the API and the pages, checked by `threatnet.validate` as the
CLI checks its options."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Query

from threatnet import validate

AsOf = Annotated[str | None, Query(
    description="What was known on this date (YYYY, YYYY-MM or YYYY-MM-DD).")]
RecordId = Annotated[int, Path(ge=1, le=validate.MAX_ID,
                                description="A claim's or mention's id (1 to 2**63-1).")]
MinConfidence = Annotated[float, Query(ge=0.0, le=1.0, description="Only facts at least "
                                                                   "this confident.")]


def check_date(value: str | None, name: str = "as_of") -> str | None:
    """None for an empty value; the value when it is a calendar date; InvalidInput
    (400, naming the parameter, not repeating the value) otherwise."""
    return validate.date(value or None, name, quote=False)


def check_actor(value: str | None, name: str = "actor") -> str | None:
    """An actor's name, alias or id; an id a store cannot hold is a 400, not a 500."""
    return validate.entity_ref(value or None, name, quote=False)
