""""Possibly same as" proposals depend on what the store knows, not on the order its
documents came in: the same pairs with the same scores and evidence after any order, on
SQLite and PostgreSQL."""

from __future__ import annotations

from threatnet.ingest import document_from_text
from threatnet.store import Store

REPORTS = [  # the ZLF alias comes to both spellings, in some orders only after the names
    "The Zarghun Liberation Front attacked the Pakistani army in Bannu.\n",
    "The Zarghoon Liberation Front (ZLF) attacked a police post in Kohat.\n",
    "The Zarghun Liberation Front (ZLF) attacked an army convoy in Lakki Marwat.\n",
]


def proposals(url: str, extractor, order: list[int]) -> dict[frozenset, tuple]:
    with Store(url) as store:
        for n in order:
            store.save(extractor.extract(document_from_text(REPORTS[n], source=f"r{n}.txt")))
        return {frozenset((p["a"], p["b"])): (p["score"], p["evidence"], p["status"])
                for p in store.same_as()}


def test_two_orders_give_the_same_proposals(store_url, extractor, tmp_path, backend,
                                            request):
    forward = proposals(store_url, extractor, list(range(len(REPORTS))))
    other = (f"sqlite:///{tmp_path / 'reverse.db'}" if backend == "sqlite"
             else request.getfixturevalue("pg_database"))
    backward = proposals(other, extractor, list(reversed(range(len(REPORTS)))))
    assert forward
    assert backward == forward
