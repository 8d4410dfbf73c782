"""Write imported actors and aliases into the user's actor-pack overlay.

`threatnet import stix|misp-galaxy` adds what a bundle or galaxy knows about
actors to one file, `imported.yaml`, of the user's pack folder
(`pack.overlay_dir`). An actor the pack already has gains its new aliases (the
overlay holds a copy of its entry, which replaces the bundled one); a new actor
gets a new entry. The file is written to a temporary name first and put in
place by `OverlayUpdate.commit`, after the store has taken the claims, so a
failed import leaves the pack as it was.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from threatnet.errors import InvalidData
from threatnet.model import EntityType
from threatnet.resolve.pack import (
    ActorPack,
    Alias,
    PackEntry,
    _load_pack,
    _parse_entry,
    load_actor_pack,
    name_forms,
    overlay_dir,
)

# through the store, which imports the linker first: importing the linker first is circular
from threatnet.store.queries import norm_name

OVERLAY_FILE = "imported.yaml"


@dataclass
class Imported:
    """One actor as a file describes it."""

    name: str
    type: EntityType
    aliases: list[str] = field(default_factory=list)
    stix_id: str | None = None
    misp_cluster: str | None = None
    description: str = ""


class OverlayUpdate:
    """The overlay entries an import adds, matched against the pack as it is now."""

    def __init__(self, folder: str | os.PathLike[str] | None, alias_source: str) -> None:
        self.folder = overlay_dir(folder)
        self.alias_source = alias_source
        # the folder may not exist yet: then the bundled pack is all there is
        self.pack: ActorPack = load_actor_pack(self.folder) if self.folder.is_dir() \
            else _load_pack(None)
        self.path = self.folder / OVERLAY_FILE
        self.entries: dict[str, dict[str, Any]] = self._existing()
        self._index = self._names()
        self.changed = False

    def _existing(self) -> dict[str, dict[str, Any]]:
        if not self.path.is_file():
            return {}
        data = yaml.safe_load(self.path.read_text(encoding="utf-8")) or {}
        if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
            raise InvalidData(str(self.path), "must be a mapping with a list of 'entries'")
        return {e["id"]: e for e in data["entries"]}

    def _names(self) -> dict[tuple[str, str], str]:
        index: dict[tuple[str, str], str] = {}
        for entry in self.pack.entries.values():
            for name in entry.names():
                for form in name_forms(name):
                    index.setdefault((str(entry.type), norm_name(form)), entry.id)
        for entry_id, raw in self.entries.items():
            for name in [raw["name"], *[a["name"] for a in raw.get("aliases") or []]]:
                for form in name_forms(name):
                    index.setdefault((str(raw["type"]), norm_name(form)), entry_id)
        return index

    def find(self, item: Imported) -> str | None:
        """The pack id an actor already has: by its STIX id, else by one of its names."""
        if item.stix_id:
            for entry in self.pack.entries.values():
                if entry.stix_id == item.stix_id:
                    return entry.id
            for entry_id, raw in self.entries.items():
                if raw.get("stix_id") == item.stix_id:
                    return entry_id
        # a record named as a database names it ("TTP: Tehreek-i-Taliban Pakistan") is
        # found by the name inside, never by its acronym tag alone
        for name in [item.name, *item.aliases]:
            for form in name_forms(name):
                found = self._index.get((str(item.type), norm_name(form)))
                if found:
                    return found
        return None

    def type_of(self, names: list[str]) -> EntityType | None:
        """The type the pack gives any of these names (whatever type was guessed)."""
        wanted = {norm_name(form) for n in names for form in name_forms(n)}
        for (etype, norm), _ in self._index.items():
            if norm in wanted:
                return EntityType(etype)
        return None

    def current_pack(self) -> ActorPack:
        """The pack with this import's entries in it (for the extractor that reads prose)."""
        entries = dict(self.pack.entries)
        for n, raw in enumerate(self.entries.values()):
            entries[raw["id"]] = _parse_entry(raw, str(self.path), n)
        return ActorPack(entries)

    def add(self, item: Imported) -> str:
        """Record an actor; returns its pack id."""
        entry_id = self.find(item)
        if entry_id is None:
            entry_id = self._new_id(item.name)
            self.entries[entry_id] = {"id": entry_id, "name": item.name, "type": str(item.type),
                                      "aliases": [], "description": item.description}
            if item.stix_id:
                self.entries[entry_id]["stix_id"] = item.stix_id
            self.changed = True
        raw = self.entries.get(entry_id) or _entry_dict(self.pack.entries[entry_id])
        known = {norm_name(raw["name"])} | {norm_name(a["name"]) for a in raw["aliases"]}
        new = []
        for alias in item.aliases:
            if norm_name(alias) and norm_name(alias) not in known:
                known.add(norm_name(alias))
                new.append({"name": alias, "source": self.alias_source})
        cluster = item.misp_cluster not in raw.get("misp_clusters", []) and item.misp_cluster
        if new or cluster:  # a bundled entry is copied into the overlay only to extend it
            raw["aliases"] += new
            if cluster:
                raw.setdefault("misp_clusters", []).append(cluster)
            self.entries[entry_id] = raw
            self.changed = True
        for name in [item.name, *item.aliases]:
            for form in name_forms(name):
                self._index.setdefault((str(item.type), norm_name(form)), entry_id)
        return entry_id

    def _new_id(self, name: str) -> str:
        base = re.sub(r"[^a-z0-9]+", "_", norm_name(name)).strip("_")[:60] or "actor"
        candidate, n = base, 2
        while candidate in self.pack.entries or candidate in self.entries:
            candidate, n = f"{base}_{n}", n + 1
        return candidate

    def prepare(self) -> Path | None:
        """Write the new overlay next to the old one; None when nothing changed."""
        if not self.changed:
            return None
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".yaml.tmp")
        header = ("# Actors and aliases added by `threatnet import` (STIX bundles, MISP "
                  "galaxies).\n# Same format as the bundled pack "
                  "(src/threatnet/data/actors/README.md).\n")
        body = yaml.safe_dump({"version": 1, "entries": list(self.entries.values())},
                              allow_unicode=True, sort_keys=False, width=100)
        tmp.write_text(header + body, encoding="utf-8")
        return tmp

    def commit(self, tmp: Path | None) -> None:
        if tmp is not None:
            os.replace(tmp, self.path)
            _load_pack.cache_clear()

    @staticmethod
    def discard(tmp: Path | None) -> None:
        if tmp is not None and tmp.exists():
            tmp.unlink()


def _entry_dict(entry: PackEntry) -> dict[str, Any]:
    out: dict[str, Any] = {"id": entry.id, "name": entry.name, "type": str(entry.type),
                           "aliases": [_alias_dict(a) for a in entry.aliases]}
    for key in ("parent", "ideology", "region", "stix_id", "stix_type"):
        if getattr(entry, key):
            out[key] = getattr(entry, key)
    if entry.description:
        out["description"] = entry.description
    if entry.roles:
        out["roles"] = [{"org": r.org, "role": r.role, "start": r.start, "end": r.end}
                        for r in entry.roles]
    if entry.misp_clusters:
        out["misp_clusters"] = list(entry.misp_clusters)
    return out


def _alias_dict(alias: Alias) -> dict[str, Any]:
    out = {"name": alias.name, "source": alias.source}
    if alias.lang:
        out["lang"] = alias.lang
    return out
