"""A store that cannot be written — a full disk, a read-only file or medium, no permission —
is one `error:` line naming the store and the cause, never a traceback; a batch stops at
the first such error saying how many documents it saved; a store this process may not
write is opened read-only, so the commands that only read it work."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import event
from typer.testing import CliRunner

from threatnet import cli
from threatnet.errors import StorageError
from threatnet.store import Store
from threatnet.store import engine as store_engine
from threatnet.store.engine import storage_cause

REPORT = ("The Balochistan Liberation Army attacked a Pakistani army convoy in Quetta on "
          "March {day}, 2025 (report {n}).\n")


def reports(folder: Path, n: int) -> list[Path]:
    folder.mkdir(exist_ok=True)
    paths = []
    for i in range(n):
        path = folder / f"r{i:02d}.txt"
        path.write_text(REPORT.format(n=i, day=1 + i % 28) + "Filler text. " * 400)
        paths.append(path)
    return paths


def pages(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute("PRAGMA page_count").fetchone()[0]


@pytest.fixture
def disk_of(monkeypatch):
    """A SQLite disk that holds only so many pages (SQLite's own `database or disk is
    full`, as on a full disk): call it with the number of pages."""
    limit: dict[str, int] = {}
    real = store_engine._sqlite_pragmas

    def pragmas(engine, read_only=False):
        real(engine, read_only)

        @event.listens_for(engine, "connect")
        def _cap(dbapi_connection, _record):
            if "pages" in limit:
                dbapi_connection.execute(f"PRAGMA max_page_count={limit['pages']}")

    monkeypatch.setattr(store_engine, "_sqlite_pragmas", pragmas)
    return lambda n: limit.__setitem__("pages", n)


def one_error_line(result, *fragments: str) -> str:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    lines = [x for x in result.stderr.splitlines() if x.strip()]
    assert len(lines) == 1, lines
    assert lines[0].startswith("error: ")
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    return lines[0]


def test_creating_a_store_on_a_full_disk(tmp_path, disk_of, cli_extractor):
    [path] = reports(tmp_path / "in", 1)
    disk_of(3)
    db = tmp_path / "kb.db"
    result = CliRunner().invoke(cli.app, ["ingest", str(path), "--db", f"sqlite:///{db}"])
    one_error_line(result, f"sqlite:///{db}", "the disk is full")


def test_a_full_disk_stops_the_batch_and_says_what_was_saved(tmp_path, disk_of,
                                                              cli_extractor):
    paths = reports(tmp_path / "in", 12)
    db = tmp_path / "kb.db"
    runner = CliRunner()
    assert runner.invoke(cli.app, ["ingest", str(paths[0]), "--db",
                                   f"sqlite:///{db}"]).exit_code == 0
    disk_of(pages(db) + 12)  # room for a few more reports, not for all
    result = runner.invoke(cli.app, ["ingest", *map(str, paths), "--db", f"sqlite:///{db}"])
    line = one_error_line(result, f"sqlite:///{db}", "the disk is full", "the batch stopped")
    with sqlite3.connect(db) as conn:
        stored = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    assert 1 < stored < len(paths)
    assert f"with {stored - 1:,} document" in line  # the ones this batch saved


def test_a_read_only_store_is_read_and_refuses_writes_in_one_line(tmp_path, monkeypatch,
                                                                  cli_extractor):
    [path] = reports(tmp_path / "in", 1)
    url = f"sqlite:///{tmp_path / 'kb.db'}"
    runner = CliRunner()
    assert runner.invoke(cli.app, ["ingest", str(path), "--db", url]).exit_code == 0
    real_access = os.access
    monkeypatch.setattr(store_engine.os, "access",  # a read-only medium, as os.access sees it
                        lambda p, mode: False if mode == os.W_OK else real_access(p, mode))
    documents = runner.invoke(cli.app, ["documents", "--db", url, "--format", "json"])
    assert documents.exit_code == 0, documents.output
    assert "r00" in documents.stdout
    claims = runner.invoke(cli.app, ["claims", "--db", url, "--format", "json"])
    assert claims.exit_code == 0 and "attacks" in claims.stdout
    claim_id = str(Store(url, create=False).claims()[0]["id"])
    for args in (["review", "accept", claim_id, "--reviewer", "alice"],
                 ["entity", "alias", "add", "Balochistan Liberation Army", "BLA-X"],
                 ["ingest", str(reports(tmp_path / "more", 2)[1])]):
        one_error_line(runner.invoke(cli.app, [*args, "--db", url]), url, "read-only")


class _PgError(Exception):
    def __init__(self, sqlstate: str) -> None:
        super().__init__(sqlstate)
        self.sqlstate = sqlstate


@pytest.mark.parametrize("sqlstate,cause", [("53100", "disk is full"),
                                            ("25006", "read-only"),
                                            ("42501", "permission denied"),
                                            ("23505", None), ("40P01", None)])
def test_postgresql_errors_of_the_medium(sqlstate, cause):
    found = storage_cause(_PgError(sqlstate))
    assert (found is None) if cause is None else (cause in found)


def test_a_read_only_postgresql_store(pg_database):
    from sqlalchemy import text

    from threatnet.store.schema import DecisionRow

    with Store(pg_database) as store, store.engine.begin() as conn:
        name = conn.execute(text("SELECT current_database()")).scalar()
        conn.execute(text(f'ALTER DATABASE "{name}" SET default_transaction_read_only = on'))
    with Store(pg_database, create=False) as store:
        assert store.counts()["documents"] == 0
        with pytest.raises(StorageError, match="read-only") as info, \
                store.session(write=True) as s, s.begin():
            s.add(DecisionRow(kind="alias", author="test", payload={}))
        assert "\n" not in str(info.value) and "***" not in str(info.value)
