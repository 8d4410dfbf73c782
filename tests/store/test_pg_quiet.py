"""A statement of many rows that fails on PostgreSQL (a key collision the store retries)
is one exception, not also psycopg's `error ignored terminating <psycopg.Pipeline …>`
warning on stderr."""

from __future__ import annotations

import pytest
from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError

from threatnet.store import Store
from threatnet.store.schema import FactSummaryRow


def test_a_failed_many_row_insert_prints_nothing(pg_database, capfd, caplog):
    row = dict(subject_id=1, predicate="attacks", object_id=2, claims=1, support=[],
               items=None, months={})
    with Store(pg_database) as store:
        capfd.readouterr()
        with pytest.raises(IntegrityError), store.session(write=True) as s, s.begin():
            s.execute(insert(FactSummaryRow.__table__), [row, dict(row)])
        captured = capfd.readouterr()
    assert "error ignored" not in captured.err and "Pipeline" not in captured.err, captured.err
    # (pytest collects log records itself: without it they go to stderr, as warnings do)
    assert not [r for r in caplog.records if "error ignored" in r.getMessage()], \
        caplog.records
