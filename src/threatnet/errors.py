"""threatnet's exceptions. The library raises them; only the CLI prints them.

    ThreatnetError
     ├── InvalidInput     a report that cannot be read (missing, binary, not UTF-8, empty, huge)
     ├── InvalidData      a data file (actor pack, cue lexicon, frames) that is malformed
     ├── UnknownActor     a name the pack and the store do not know
     ├── StoreError       the knowledge base cannot be opened or written
     │    ├── ReviewConflict  another analyst decided on a claim since this one looked at it
     │    └── StorageError    the medium under the store failed: full, read-only, no permission
     └── ExportError      an export cannot be produced

Each error prints as one line: what, where, and what to do.
"""

from __future__ import annotations


class ThreatnetError(Exception):
    """Base class of every error threatnet reports to a user."""


class InvalidInput(ThreatnetError):
    def __init__(self, where: str, reason: str) -> None:
        super().__init__(f"{where}: {reason}")
        self.where = where
        self.reason = reason


class InvalidData(ThreatnetError):
    def __init__(self, path: str, reason: str, entry: str | None = None) -> None:
        at = f"{path} (entry {entry})" if entry else path
        super().__init__(f"{at}: {reason}")
        self.path = path
        self.entry = entry
        self.reason = reason


class UnknownActor(ThreatnetError):
    pass


class StoreError(ThreatnetError):
    pass


class ReviewConflict(StoreError):
    pass


class StorageError(StoreError):
    """The store's disk or server refused: full, read-only, no permission, I/O error.
    A batch stops at the first one (every later document would fail alike)."""


class ExportError(ThreatnetError):
    pass
