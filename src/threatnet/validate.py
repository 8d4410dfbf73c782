"""The checks of user input, shared by the CLI options and the web API's parameters.

Each check returns the value it was given (None stays None) or raises InvalidInput
naming the option or parameter, so the CLI prints one `error:` line and the API
answers 400 with the same words. `name` is what the user typed: `--since` for the
CLI, `since` for the API. Messages quote the value given, except with `quote=False`
(the web API, whose answers never repeat what was sent).

Dates are the ones threatnet stores: YYYY, YYYY-MM or YYYY-MM-DD, and a real day of
the calendar (no month 13, no 30 February).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date as _date

from threatnet.errors import InvalidInput
from threatnet.model import PREDICATES, EntityType, Modality, Polarity

STATUSES = ("unreviewed", "accepted", "rejected", "corrected")  # review status of a claim
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _where(name: str, value: str, quote: bool) -> str:
    return f"{name} {value!r}" if quote else name


def date(value: str | None, name: str = "date", quote: bool = True) -> str | None:
    """A date as YYYY, YYYY-MM or YYYY-MM-DD that exists on the calendar."""
    if value is None:
        return None
    match = _DATE.match(value.strip())
    if match is None:
        raise InvalidInput(_where(name, value, quote),
                           "not a date: give YYYY-MM-DD, YYYY-MM or YYYY")
    year, month, day = (int(part) if part else 1 for part in match.groups())
    try:
        _date(year, month, day)
    except ValueError:
        raise InvalidInput(_where(name, value, quote), "not a date on the calendar "
                           "(months 01-12, days as the month has them)") from None
    return value.strip()


def date_order(earlier: str | None, later: str | None, names: tuple[str, str]) -> None:
    """`earlier` is not after `later` (compared at the precision both give)."""
    if earlier and later:
        n = min(len(earlier), len(later))
        if earlier[:n] > later[:n]:
            raise InvalidInput(f"{names[0]} {earlier}", f"later than {names[1]} {later}")


def choice(value: str | None, valid: Iterable[str], name: str, quote: bool = True
           ) -> str | None:
    """`value` is one of `valid`; otherwise one line listing them all."""
    options = list(valid)
    if value is None or value in options:
        return value
    raise InvalidInput(_where(name, value, quote), f"choose {one_of(options)}")


def one_of(options: list[str]) -> str:
    """`a, b or c`."""
    return options[0] if len(options) == 1 else f"{', '.join(options[:-1])} or {options[-1]}"


def predicate(value: str | None, name: str = "predicate", quote: bool = True) -> str | None:
    return choice(value, PREDICATES, name, quote)


def entity_type(value: str | None, name: str = "type", quote: bool = True) -> str | None:
    return choice(value, [t.value for t in EntityType], name, quote)


def status(value: str | None, name: str = "status", quote: bool = True) -> str | None:
    return choice(value, STATUSES, name, quote)


def modality(value: str | None, name: str = "modality", quote: bool = True) -> str | None:
    return choice(value, [m.value for m in Modality], name, quote)


def polarity(value: str | None, name: str = "polarity", quote: bool = True) -> str | None:
    return choice(value, [p.value for p in Polarity], name, quote)


def not_self_loop(subject: object, object_: object, where: str) -> None:
    """A claim links two different entities (a correction may not make it a loop)."""
    if subject == object_:
        raise InvalidInput(where, "subject and object would be the same entity: a claim "
                                  "links two different entities")


MAX_ID = 2**63 - 1  # a store's ids are signed 64-bit integers


def record_id(value: object, name: str = "id", quote: bool = True) -> int:
    """A stored row's id: a whole number from 1 to 2**63-1."""
    text = str(value).strip()
    if not text.isdigit() or not 1 <= int(text) <= MAX_ID:
        raise InvalidInput(_where(name, text, quote), "not an id: give a whole number from "
                                                      f"1 to {MAX_ID}")
    return int(text)


def entity_ref(value: str | None, name: str = "actor", quote: bool = True) -> str | None:
    """An entity's name, alias or id; an id (all digits) must be one a store can hold."""
    if value is not None and value.strip().isdigit():
        record_id(value, name, quote)
    return value


def like_pattern(text: str, escape: str = "\\") -> str:
    """`text` for SQL LIKE, matched as written: `%`, `_` and the escape character are
    escaped (pass `escape=` the same character to LIKE)."""
    return (text.replace(escape, escape * 2).replace("%", escape + "%")
            .replace("_", escape + "_"))
