"""Load and validate the actor pack: the curated YAML of known actors, places and capabilities.

The pack ships in `threatnet/data/actors/`; a user folder (`--pack DIR` or
`THREATNET_PACK`, else the overlay folder `pack/` of the user data directory
when it exists, which `threatnet import` writes) adds to it, and an entry with
an existing id replaces it.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml

from threatnet.errors import InvalidData
from threatnet.model import EntityType

# where an alias comes from: third-party name lists, the names incident, conflict-event
# and sanctions databases give a group (src/threatnet/data/actors/README.md), or people
ALIAS_SOURCES = {"misp-galaxy", "petrarch2", "threatnet", "user", "stix",
                 "gtd", "acled", "ucdp", "un_sanctions", "us_fto", "ofac_sdn"}
# libyaml when PyYAML has it: the bundled pack parses ~10x faster (same data).
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Alias:
    name: str
    source: str
    lang: str | None = None


@dataclass(frozen=True)
class Role:
    org: str
    role: str
    start: int | None = None
    end: int | None = None


@dataclass
class PackEntry:
    """One known actor, place, population, event or capability node."""

    id: str
    name: str
    type: EntityType
    aliases: list[Alias] = field(default_factory=list)
    parent: str | None = None
    description: str = ""
    ideology: str | None = None
    region: str | None = None
    roles: list[Role] = field(default_factory=list)
    stix_id: str | None = None  # the id of the STIX object it was imported from
    stix_type: str | None = None  # e.g. threat-actor instead of the default intrusion-set
    misp_clusters: list[str] = field(default_factory=list)  # galaxy cluster tags

    def names(self) -> list[str]:
        """The canonical name and every alias, canonical first, without repeats."""
        seen = [self.name]
        seen += [a.name for a in self.aliases if a.name not in seen]
        return seen


@dataclass
class ActorPack:
    entries: dict[str, PackEntry]

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, entry_id: str) -> PackEntry | None:
        return self.entries.get(entry_id)

    def ancestors(self, entry_id: str) -> list[str]:
        """The chain of parents of an entry, nearest first (cycles stop the walk)."""
        chain: list[str] = []
        current = self.entries.get(entry_id)
        while current and current.parent and current.parent not in chain:
            chain.append(current.parent)
            current = self.entries.get(current.parent)
        return chain

    @cached_property
    def hierarchy(self) -> str:
        """A fingerprint of every entry's parent: what contradictions across the capability
        taxonomy depend on (facts graded with another hierarchy are graded again)."""
        pairs = sorted((e.id, e.parent) for e in self.entries.values() if e.parent)
        return hashlib.sha1(repr(pairs).encode()).hexdigest()[:16]

    def of_type(self, *types: EntityType) -> list[PackEntry]:
        return [e for e in self.entries.values() if e.type in types]


_CODE_SUFFIX = re.compile(r"^(?P<label>.+?)\s*\((?P<code>[^()\s]+)\)$")
_CODE_PREFIX = re.compile(r"^(?P<code>[^:\s]+(?:\s\([^():]+\))?):\s+(?P<label>.+)$")


def _is_code(text: str) -> bool:
    """An acronym or database code ("TTP", "JeM", "ISIL-K", "CPI-Maoist"), not a
    qualifier ("(Pakistan)", "(Maoist)"): at least two capitals, no spaces."""
    first = text.split()[0]
    return (first[:1].isupper() and len(first) <= 12 and
            sum(c.isupper() for c in first) >= 2 and first.isascii())


def database_label(name: str) -> str | None:
    """The name inside a database's form of it, or None when `name` is a plain name.

    Incident and sanctions databases tag a group's name with its acronym: "Tehrik-i-
    Taliban Pakistan (TTP)" (GTD, the UN list), "TTP: Tehreek-i-Taliban Pakistan"
    (ACLED). Both are the name "Tehrik-i-Taliban Pakistan"; the acronym is only a tag,
    an alias of its own only where the pack lists it by itself. A qualifier in
    brackets ("Jundallah (Iran)") is part of the name.
    """
    label = name.strip()
    prefix = _CODE_PREFIX.match(label)
    if prefix and _is_code(prefix["code"]):
        label = prefix["label"].strip()
    suffix = _CODE_SUFFIX.match(label)
    if suffix and _is_code(suffix["code"]):
        label = suffix["label"].strip()
    return label if label != name.strip() and label else None


def name_forms(name: str) -> list[str]:
    """`name`, then the plain name inside it when it is a database form (`database_label`)."""
    label = database_label(name)
    return [name, label] if label and label != name else [name]


def _parse_alias(raw: Any, where: str, entry: str) -> Alias:
    if isinstance(raw, str):
        return Alias(raw, "threatnet")
    if not isinstance(raw, dict) or not isinstance(raw.get("name"), str) or not raw["name"].strip():
        raise InvalidData(where, f"alias {raw!r} needs a non-empty 'name'", entry)
    source = raw.get("source", "threatnet")
    if source not in ALIAS_SOURCES:
        raise InvalidData(where, f"alias source {source!r} is not one of "
                                 f"{', '.join(sorted(ALIAS_SOURCES))}", entry)
    return Alias(raw["name"].strip(), source, raw.get("lang"))


def _parse_role(raw: Any, where: str, entry: str) -> Role:
    if not isinstance(raw, dict) or not raw.get("org") or not raw.get("role"):
        raise InvalidData(where, f"role {raw!r} needs 'org' and 'role'", entry)
    for key in ("start", "end"):
        if raw.get(key) is not None and not isinstance(raw[key], int):
            raise InvalidData(where, f"role {key} {raw[key]!r} must be a year", entry)
    return Role(str(raw["org"]), str(raw["role"]), raw.get("start"), raw.get("end"))


def _parse_entry(raw: Any, where: str, index: int) -> PackEntry:
    if not isinstance(raw, dict):
        raise InvalidData(where, "entry is not a mapping", f"#{index}")
    entry_id = raw.get("id")
    if not isinstance(entry_id, str) or not entry_id:
        raise InvalidData(where, "entry has no 'id'", f"#{index}")
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise InvalidData(where, "entry has no 'name'", entry_id)
    try:
        etype = EntityType(raw.get("type"))
    except ValueError:
        allowed = ", ".join(t.value for t in EntityType)
        raise InvalidData(where, f"type {raw.get('type')!r} is not one of {allowed}",
                          entry_id) from None
    aliases = raw.get("aliases") or []
    roles = raw.get("roles") or []
    if not isinstance(aliases, list) or not isinstance(roles, list):
        raise InvalidData(where, "'aliases' and 'roles' must be lists", entry_id)
    return PackEntry(
        id=entry_id, name=name.strip(), type=etype,
        aliases=[_parse_alias(a, where, entry_id) for a in aliases],
        parent=raw.get("parent"), description=str(raw.get("description") or ""),
        ideology=raw.get("ideology"), region=raw.get("region"),
        roles=[_parse_role(r, where, entry_id) for r in roles],
        stix_id=raw.get("stix_id"), stix_type=raw.get("stix_type"),
        misp_clusters=[str(c) for c in raw.get("misp_clusters") or []],
    )


def _load_file(path: Path) -> list[PackEntry]:
    where = str(path)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER)
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        reason = str(exc).splitlines()[0]
        raise InvalidData(where, f"is not valid YAML ({reason})") from None
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise InvalidData(where, "must be a mapping with a list of 'entries'")
    return [_parse_entry(raw, where, i) for i, raw in enumerate(data["entries"])]


def _pack_files(folder: Any) -> list[Any]:
    return sorted((p for p in folder.iterdir() if p.name.endswith((".yaml", ".yml"))),
                  key=lambda p: p.name)


def _check_references(entries: dict[str, PackEntry], where: dict[str, str]) -> None:
    for entry in entries.values():
        if entry.parent and entry.parent not in entries:
            raise InvalidData(where[entry.id], f"parent {entry.parent!r} is not in the pack",
                              entry.id)
        for role in entry.roles:
            if role.org not in entries:
                raise InvalidData(where[entry.id], f"role org {role.org!r} is not in the pack",
                                  entry.id)


def overlay_dir(extra: str | os.PathLike[str] | None = None) -> Path:
    """The user's pack folder: `extra`, else $THREATNET_PACK, else `pack/` in the user data dir."""
    from platformdirs import user_data_dir

    chosen = extra or os.environ.get("THREATNET_PACK") or None
    return Path(chosen) if chosen else Path(user_data_dir("threatnet")) / "pack"


def load_actor_pack(extra: str | os.PathLike[str] | None = None) -> ActorPack:
    """The bundled pack, plus the YAML files of the user's folder (`overlay_dir`).

    The default folder in the user data dir counts only when it exists; a
    folder named by `extra` or $THREATNET_PACK must exist.
    """
    folder = overlay_dir(extra)
    named = bool(extra or os.environ.get("THREATNET_PACK"))
    return _load_pack(str(folder) if named or folder.is_dir() else None)


@lru_cache(maxsize=4)
def _load_pack(extra: str | None) -> ActorPack:
    folders: list[Any] = [files("threatnet.data") / "actors"]
    if extra:
        folder = Path(extra)
        if not folder.is_dir():
            raise InvalidData(str(folder), "the actor pack folder does not exist")
        folders.append(folder)
    entries: dict[str, PackEntry] = {}
    where: dict[str, str] = {}
    for folder in folders:
        seen_here: set[str] = set()
        for path in _pack_files(folder):
            for entry in _load_file(Path(str(path))):
                if entry.id in seen_here:
                    raise InvalidData(str(path), "duplicate id", entry.id)
                seen_here.add(entry.id)
                entries[entry.id] = entry
                where[entry.id] = str(path)
    _check_references(entries, where)
    return ActorPack(entries)
