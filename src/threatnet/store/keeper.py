"""How the store has the grades it keeps brought up to date without computing them.

`fact_grades` and `fact_links` are computed by the analysis, a layer above the store
(`threatnet.kept`). The store only says which facts changed, through the `Keeper`
registered here; the kept layer registers itself when imported, and the store imports
it by name (`LAYER`) the first time it needs it, so `threatnet.store` never imports
`threatnet.analyse` and another keeper can be registered in its place (`register`).
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib import import_module
from typing import Protocol

from sqlalchemy.orm import Session

LAYER = "threatnet.kept"  # registers its keeper on import


class Keeper(Protocol):
    """What keeps the graded facts of a store up to date, in the caller's transaction."""

    def refresh(self, session: Session, triples: Iterable[tuple[int, str, int]]) -> None:
        """Grade again the facts of these stored triples (their summary rows refreshed)."""

    def refresh_entities(self, session: Session, entity_ids: list[int]) -> None:
        """Grade again the facts around entities merged, split or adopted by the pack."""

    def rebuild(self, session: Session) -> int:
        """Grade every fact again; the number of facts."""


_registered: list[Keeper] = []


def register(keeper: Keeper) -> None:
    """Make `keeper` the one the store calls."""
    _registered[:] = [keeper]


def keeper() -> Keeper:
    """The registered keeper (the kept layer's, imported the first time)."""
    if not _registered:
        import_module(LAYER)
    return _registered[0]
