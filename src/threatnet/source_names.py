"""One name for a source however it is written: "Police", "a police spokesman", "پولیس".

The table is `data/source_names.yaml` (entries of a `name` and the `names` it is
written as), with the user's file ($THREATNET_SOURCE_NAMES, same form) read
first. Names meet on keys: Urdu letter forms and diacritics folded
(`extract.urdu_text.key`), case, punctuation and a leading article dropped. Used
where independent sources are counted (`analyse.claims.source_key`,
`store.queries`) and by the source table when it rates a source (`grading`).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from threatnet.errors import InvalidData
from threatnet.extract.urdu_text import key as urdu_key
from threatnet.resources import load_data, load_user_yaml

ENV = "THREATNET_SOURCE_NAMES"
_ARTICLE = re.compile(r"^(the|a|an)\s+")
_PUNCTUATION = re.compile(r"[\s\-‐–—_./,;:()\"“”'’،۔]+")


def name_key(text: str) -> str:
    """The key two wordings of one source meet on."""
    text = urdu_key(text).replace("’", "'")
    text = _ARTICLE.sub("", text)
    return _PUNCTUATION.sub(" ", text).strip()


@dataclass(frozen=True)
class SourceNames:
    """Keys of every listed wording -> the source's one name."""

    names: dict[str, str]

    def canonical(self, source: str | None) -> str | None:
        """The table's name for a source as written, None when the table does not list it."""
        if not source:
            return None
        return self.names.get(name_key(source))


def _entries(data: Any, where: str) -> list[tuple[str, list[str]]]:
    if not isinstance(data, dict):
        raise InvalidData(where, "must be a mapping with 'sources'")
    raw = data.get("sources") or []
    if not isinstance(raw, list):
        raise InvalidData(where, "'sources' must be a list")
    out = []
    for i, item in enumerate(raw):
        if not isinstance(item, dict) or not isinstance(item.get("name"), str) \
                or not item["name"].strip():
            raise InvalidData(where, "an entry needs a 'name'", f"#{i}")
        names = item.get("names") or []
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise InvalidData(where, "'names' must be a list of strings", f"#{i}")
        out.append((item["name"].strip(), names))
    return out


def source_names(path: str | None = None) -> SourceNames:
    """The bundled table with the user's file (`path` or $THREATNET_SOURCE_NAMES) first."""
    return _source_names(path or os.environ.get(ENV) or None)


@cache
def _source_names(path: str | None) -> SourceNames:
    entries = _entries(load_data("source_names.yaml"), "source_names.yaml")
    if path:
        user = load_user_yaml(path, "source names")
        mine = _entries(user, path)
        entries = mine + ([] if user.get("replace") else entries)
    names: dict[str, str] = {}
    canon: dict[str, str] = {}  # key of an entry's name -> that name as first given
    for name, wordings in entries:
        name = canon.setdefault(name_key(name), name)
        for wording in [name, *wordings]:
            names.setdefault(name_key(wording), name)  # the first entry listing it wins
    return SourceNames(names)


def said_key(source: str) -> str:
    """The counting key of a source as written: its table name, else its own words."""
    return _said_key(source, os.environ.get(ENV) or None)


@lru_cache(maxsize=8192)
def _said_key(source: str, path: str | None) -> str:
    name = _source_names(path).canonical(source)
    return name_key(name if name is not None else source)
