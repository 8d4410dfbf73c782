"""Stores threatnet must refuse, each with one clear line: a newer schema, a corrupt
file, a URL that names no supported database."""

from __future__ import annotations

import os

import pytest
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from threatnet import cli
from threatnet.errors import StoreError
from threatnet.store import Store, migrate


def assert_one_error_line(result, *fragments: str) -> None:
    assert result.exit_code == 1, (result.exit_code, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        repr(result.exception)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("error: "), lines[0]
    assert "Traceback" not in result.output
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])


def set_revision(url: str, revision: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = :r"), {"r": revision})
    engine.dispose()


def test_new_store_is_created_at_head(store_url):
    with Store(store_url) as store:
        head = migrate.head_revision(store.engine)
        assert head and migrate.current_revision(store.engine) == head
        assert not migrate.is_empty(store.engine)
    with Store(store_url) as store:  # opening again is a no-op
        assert migrate.current_revision(store.engine) == head


def test_newer_schema_is_refused(store_url):
    Store(store_url).close()
    set_revision(store_url, "9999")
    with pytest.raises(StoreError, match="9999") as raised:
        Store(store_url)
    message = str(raised.value)
    assert "newer than this threatnet knows" in message and "upgrade threatnet" in message
    assert "\n" not in message


def test_newer_schema_via_cli(store_url):
    Store(store_url).close()
    set_revision(store_url, "9999")
    for args in (["db", "upgrade"], ["documents"], ["facts", "BLA"]):
        result = CliRunner().invoke(cli.app, [*args, "--db", store_url])
        assert_one_error_line(result, "9999", "upgrade threatnet")
        assert result.stdout == ""


def test_newer_schema_is_not_touched(store_url):
    Store(store_url).close()
    set_revision(store_url, "9999")
    with pytest.raises(StoreError):
        Store(store_url)
    engine = create_engine(store_url)
    with engine.connect() as conn:
        assert conn.scalar(text("SELECT version_num FROM alembic_version")) == "9999"
    engine.dispose()


@pytest.fixture
def corrupt_db(tmp_path):
    path = tmp_path / "corrupt.db"
    path.write_bytes(os.urandom(8192))
    return path


def test_corrupt_sqlite_file(corrupt_db):
    with pytest.raises(StoreError, match="cannot be opened as a threatnet store") as raised:
        Store(f"sqlite:///{corrupt_db}")
    assert "\n" not in str(raised.value)
    assert str(corrupt_db) in str(raised.value)


@pytest.mark.parametrize("args", [["documents"], ["ingest", "-"], ["db", "upgrade"],
                                  ["entities", "--format", "json"]], ids=lambda a: a[0])
def test_corrupt_sqlite_file_via_cli(corrupt_db, cli_extractor, args):
    result = CliRunner().invoke(cli.app, [*args, "--db", f"sqlite:///{corrupt_db}"],
                                input="The BLA attacked a convoy.\n")
    assert_one_error_line(result, "cannot be opened as a threatnet store", str(corrupt_db))
    assert result.stdout == ""


def test_corrupt_sqlite_file_in_a_subprocess(corrupt_db):
    """The real entry point, not CliRunner: one line on stderr, no traceback."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "threatnet", "documents", "--db",
                           f"sqlite:///{corrupt_db}"], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), done.stderr
    assert "cannot be opened" in lines[0]
    assert done.stdout == ""


@pytest.mark.parametrize("url, fragment", [
    ("mysql://user@localhost/kb", "only SQLite and PostgreSQL"),
    ("oracle+cx_oracle://scott@host/db", "only SQLite and PostgreSQL"),
    ("not a url", "is not a database URL"),
    (":", "is not a database URL"),
])
def test_bad_url_is_refused(url, fragment):
    with pytest.raises(StoreError, match=fragment) as raised:
        Store(url)
    assert "\n" not in str(raised.value)


def test_bad_url_via_cli():
    result = CliRunner().invoke(cli.app, ["documents", "--db", "mysql://u@h/kb"])
    assert_one_error_line(result, "mysql", "only SQLite and PostgreSQL")


def test_unreachable_postgresql_is_a_store_error(tmp_path):
    url = f"postgresql+psycopg://postgres@/nowhere?host={tmp_path}&port=1"
    with pytest.raises(StoreError, match="cannot be opened"):
        Store(url)
