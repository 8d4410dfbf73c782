"""Review fixtures: the store fixtures of tests/store (SQLite and a real PostgreSQL) and the
extraction of a short report."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from reviewdata import QUETTA

from threatnet.ingest import document_from_text
from threatnet.model import ExtractionRecord

_spec = importlib.util.spec_from_file_location(
    "_review_store_fixtures", Path(__file__).resolve().parents[1] / "store" / "conftest.py")
_fixtures = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = _fixtures
_spec.loader.exec_module(_fixtures)
pg_server, pg_database = _fixtures.pg_server, _fixtures.pg_database
backend, store_url, store = _fixtures.backend, _fixtures.store_url, _fixtures.store


@pytest.fixture
def quetta(extractor) -> ExtractionRecord:
    return extractor.extract(document_from_text(QUETTA, source="quetta.txt"))
