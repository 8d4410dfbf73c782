"""Review fixtures: the store fixtures of tests/store (SQLite and a real PostgreSQL), a
short report, and helpers to find a claim by what it says rather than by its id (ids
change when a document is re-extracted)."""

from __future__ import annotations

import dataclasses
import importlib.util
import sys
from pathlib import Path

import pytest

from threatnet.ingest import document_from_text
from threatnet.model import ExtractionRecord

_spec = importlib.util.spec_from_file_location(
    "_review_store_fixtures", Path(__file__).resolve().parents[1] / "store" / "conftest.py")
_fixtures = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = _fixtures
_spec.loader.exec_module(_fixtures)
pg_server, pg_database = _fixtures.pg_server, _fixtures.pg_database
backend, store_url, store = _fixtures.backend, _fixtures.store_url, _fixtures.store

QUETTA = ("The Balochistan Liberation Army (BLA) attacked a Pakistani army convoy in Quetta.\n"
          "Officials said the BLA did not cooperate with the TTP.\n"
          "According to Taliban sources, the BLA possesses small drones.\n"
          "This report was first published on March 20, 2025.\n")


@pytest.fixture
def quetta(extractor) -> ExtractionRecord:
    return extractor.extract(document_from_text(QUETTA, source="quetta.txt"))


def next_version(record: ExtractionRecord, **changes) -> ExtractionRecord:
    """The same document as a newer extractor would give it."""
    return dataclasses.replace(record, extractor_version=record.extractor_version + "+next",
                               **changes)


def find(claims: list[dict], predicate: str, evidence: str) -> dict:
    """The one claim with this predicate (as the machine read it) in the sentence."""
    hits = [c for c in claims if (c["machine"] or c)["predicate"] == predicate
            and evidence in c["evidence"]["text"]]
    assert len(hits) == 1, (predicate, evidence, claims)
    return hits[0]
