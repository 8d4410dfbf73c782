"""Wire and outlet credits in a report's text: "(AFP)", "Reuters reported", "according to
Dawn", a dateline "QUETTA (AFP) —". What a report credits to a wire or another outlet
has that wire or outlet as its origin (`store.copies`).

The outlets and the patterns are data (`data/credits.yaml`), with the user's file
($THREATNET_CREDITS, same form) read first.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from threatnet.errors import InvalidData
from threatnet.resources import load_data, load_user_yaml

ENV = "THREATNET_CREDITS"
DATELINE = 200  # characters: where a report's dateline credit stands


@dataclass(frozen=True)
class Credits:
    """The compiled credit patterns, and each wording's outlet name."""

    sentence: tuple[re.Pattern[str], ...]
    dateline: tuple[re.Pattern[str], ...]
    names: dict[str, str]  # a wording, case-folded -> the outlet's name

    def in_sentence(self, text: str) -> str | None:
        """The outlet a sentence credits what it says to, if any."""
        return self._first(self.sentence, text)

    def in_dateline(self, text: str) -> str | None:
        """The wire or outlet a report's dateline credits the whole report to, if any."""
        return self._first(self.dateline, text[:DATELINE])

    def _first(self, patterns: tuple[re.Pattern[str], ...], text: str) -> str | None:
        for pattern in patterns:
            match = pattern.search(text)
            if match:
                return self.names.get(match.group("outlet").casefold())
        return None


def _outlets(data: Any, where: str) -> list[tuple[str, list[str]]]:
    raw = data.get("outlets") or []
    if not isinstance(raw, list):
        raise InvalidData(where, "'outlets' must be a list")
    out = []
    for i, item in enumerate(raw):
        if not isinstance(item, dict) or not str(item.get("name") or "").strip():
            raise InvalidData(where, "an outlet needs a 'name'", f"#{i}")
        names = item.get("names") or []
        if not isinstance(names, list):
            raise InvalidData(where, "'names' must be a list", f"#{i}")
        out.append((str(item["name"]).strip(), [str(n) for n in names]))
    return out


def _patterns(data: Any, key: str, where: str) -> list[str]:
    raw = data.get(key) or []
    if not isinstance(raw, list) or not all(isinstance(p, str) and "{outlet}" in p
                                            for p in raw):
        raise InvalidData(where, f"'{key}' must be a list of patterns with '{{outlet}}'")
    return raw


def _compile(patterns: list[str], alternatives: str, where: str) -> tuple[re.Pattern[str], ...]:
    out = []
    for i, pattern in enumerate(patterns):
        try:  # the outlet in its own case ("Dawn", not "dawn"), the rest in any case
            out.append(re.compile(pattern.replace("{outlet}", alternatives), re.IGNORECASE))
        except re.error as exc:
            raise InvalidData(where, f"not a regular expression ({exc})", f"#{i}") from None
    return tuple(out)


def credits(path: str | None = None) -> Credits:
    """The bundled credits with the user's file (`path` or $THREATNET_CREDITS) first."""
    return _credits(path or os.environ.get(ENV) or None)


@cache
def _credits(path: str | None) -> Credits:
    bundled = load_data("credits.yaml")
    outlets = _outlets(bundled, "credits.yaml")
    sentence = _patterns(bundled, "sentence", "credits.yaml")
    dateline = _patterns(bundled, "dateline", "credits.yaml")
    where = "credits.yaml"
    if path:
        user = load_user_yaml(path, "credits (with 'outlets')")
        replace = bool(user.get("replace"))
        outlets = _outlets(user, path) + ([] if replace else outlets)
        sentence = _patterns(user, "sentence", path) + ([] if replace else sentence)
        dateline = _patterns(user, "dateline", path) + ([] if replace else dateline)
        where = path
    names: dict[str, str] = {}
    for name, wordings in outlets:
        for wording in [name, *wordings]:
            names.setdefault(wording.casefold(), name)
    wordings = sorted({w for name, ws in outlets for w in [name, *ws]}, key=len, reverse=True)
    alternatives = ("(?-i:(?P<outlet>" + "|".join(re.escape(w) for w in wordings)
                    + "))(?!\\w)")
    return Credits(_compile(sentence, alternatives, where),
                   _compile(dateline, alternatives, where), names)
