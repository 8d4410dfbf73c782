"""Open a database by SQLAlchemy URL: SQLite (the embedded default) or PostgreSQL.

SQLite runs in WAL mode with a busy timeout and takes the write lock when a
transaction begins (BEGIN IMMEDIATE), so two ingesters on one file wait for
each other instead of failing half-way.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from pathlib import Path

from platformdirs import user_data_dir
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

from threatnet.errors import StoreError

BUSY_TIMEOUT_S = 60
WRITE_OPTION = "threatnet_write"  # execution option of the sessions that write


def default_url() -> str:
    """$THREATNET_DB, else a SQLite file in the user data directory."""
    if os.environ.get("THREATNET_DB"):
        return os.environ["THREATNET_DB"]
    return f"sqlite:///{Path(user_data_dir('threatnet')) / 'threatnet.db'}"


def make_engine(url: str, create: bool = True) -> Engine:
    """An engine for `url`; `postgres://` and `postgresql://` mean the psycopg driver.

    Without `create`, a SQLite URL naming no file is refused (StoreError, with how to
    create one) and no folder is made."""
    try:
        parsed = make_url(url)
    except Exception:  # noqa: BLE001 - SQLAlchemy raises several types for a bad URL
        raise StoreError(f"{url!r} is not a database URL (e.g. sqlite:///kb.db or "
                         "postgresql://user@host/db)") from None
    if parsed.drivername.startswith("sqlite"):
        if parsed.database and parsed.database != ":memory:":
            path = Path(parsed.database).expanduser()
            if not create and not _holds_store(path):
                raise no_store(url)
            path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed, connect_args={"timeout": BUSY_TIMEOUT_S})
        _sqlite_pragmas(engine)
        return engine
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if not parsed.drivername.startswith("postgresql"):
        raise StoreError(f"{parsed.drivername}: only SQLite and PostgreSQL stores are supported "
                         "(sqlite:///FILE or postgresql://user@host/db)")
    return create_engine(parsed, pool_pre_ping=True)


def _holds_store(path: Path) -> bool:
    """Whether a SQLite file exists and has a schema revision; read-only, so a file that
    is not a store is left as it was (WAL mode would rewrite its header)."""
    if not path.is_file():
        return False
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as conn:
            return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND "
                                "name = 'alembic_version'").fetchone() is not None
    except sqlite3.DatabaseError:
        return True  # not SQLite at all: opening it says so (migrate.current_revision)


def no_store(url: str) -> StoreError:
    """The error of a command that reads a store where there is none."""
    return StoreError(f"no threatnet store at {url}: create one with `threatnet ingest "
                      f"REPORTS --db {url}` or `threatnet db upgrade --db {url}`")


def _sqlite_pragmas(engine: Engine) -> None:
    # https://docs.sqlalchemy.org/en/20/dialects/sqlite.html#serializable-isolation-savepoints-transactional-ddl
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_connection.isolation_level = None  # let SQLAlchemy's BEGIN below take over
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_S * 1000}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:  # type: ignore[no-untyped-def]
        # writers take the lock up front (two ingesters queue instead of failing half-way);
        # readers do not, so a query never waits for an ingest
        immediate = connection.get_execution_options().get(WRITE_OPTION)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
