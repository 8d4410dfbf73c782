"""Open a database by SQLAlchemy URL: SQLite (the embedded default) or PostgreSQL.

SQLite runs in WAL mode with a busy timeout and takes the write lock when a
transaction begins (BEGIN IMMEDIATE), so two ingesters on one file wait for
each other instead of failing half-way. A SQLite file this process may not
write (a read-only medium, no permission) is opened read-only, so the commands
that read it work; a write to it, like any full disk, read-only database or
refused permission on either backend, raises StorageError: one line naming the
store and the cause.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from contextlib import closing
from pathlib import Path

from platformdirs import user_data_dir
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from threatnet.errors import StorageError, StoreError

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
    name = parsed.render_as_string(hide_password=True)
    if parsed.drivername.startswith("sqlite"):
        read_only = False
        if parsed.database and parsed.database != ":memory:" \
                and not parsed.database.startswith("file:"):
            path = Path(parsed.database).expanduser()
            if not create and not _holds_store(path):
                raise no_store(url)
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StorageError(f"{name}: cannot create its folder ({exc.strerror})") \
                    from None
            if path.is_file() and not writable(path):
                read_only = True
                parsed = _read_only_url(parsed, path)
        engine = create_engine(parsed, connect_args={"timeout": BUSY_TIMEOUT_S})
        _sqlite_pragmas(engine, read_only)
        _storage_errors(engine, name)
        return engine
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if not parsed.drivername.startswith("postgresql"):
        raise StoreError(f"{parsed.drivername}: only SQLite and PostgreSQL stores are supported "
                         "(sqlite:///FILE or postgresql://user@host/db)")
    engine = create_engine(parsed, pool_pre_ping=True)
    _storage_errors(engine, name)
    _quiet_pipeline_exits()
    return engine


class _PipelineExitFilter(logging.Filter):
    """psycopg runs a many-row statement in pipeline mode; when the statement fails (a key
    collision the store retries, say), leaving the pipeline fails again and psycopg logs
    that second error as a warning ("error ignored terminating <psycopg.Pipeline …>"),
    which Python prints on stderr. The first error is raised and handled: drop the echo."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("error ignored terminating")


def _quiet_pipeline_exits() -> None:
    logger = logging.getLogger("psycopg")
    if not any(isinstance(f, _PipelineExitFilter) for f in logger.filters):
        logger.addFilter(_PipelineExitFilter())


def writable(path: Path) -> bool:
    """Whether this process may write a SQLite file and its folder (its journal lives there)."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _read_only_url(parsed, path: Path):  # noqa: ANN001, ANN202 - SQLAlchemy URLs
    """The file opened read-only; `immutable` when even its folder is read-only, since
    SQLite could not create the WAL index beside it (nothing else writes such a file),
    unless a write-ahead log left beside it holds changes immutable would not read."""
    query = {"mode": "ro", "uri": "true"}
    wal = path.with_name(path.name + "-wal")
    if not os.access(path.parent, os.W_OK) and not (wal.is_file() and wal.stat().st_size):
        query["immutable"] = "1"
    return parsed.set(database=f"file:{path.resolve()}", query=query)


# SQLite primary result codes, and PostgreSQL SQLSTATEs, of a medium that refused
_SQLITE_CAUSES = {13: "the disk is full", 8: "the store is read-only",
                  3: "permission denied", 14: "the file cannot be opened", 10: "disk I/O error"}
_POSTGRES_CAUSES = {"53100": "the server's disk is full", "53": "the server is out of resources",
                    "58030": "the server's disk failed (I/O error)",
                    "25006": "the database is read-only", "42501": "permission denied"}


def storage_cause(exc: BaseException) -> str | None:
    """What a DB-API error says of the medium (None when it is about something else: a
    lock, a duplicate key, a deadlock — those the callers retry or report themselves)."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return _SQLITE_CAUSES.get(code & 0xFF)
    state = getattr(exc, "sqlstate", None) or ""
    return _POSTGRES_CAUSES.get(state) or _POSTGRES_CAUSES.get(state[:2] if state[:2] == "53"
                                                               else "")


def transient(exc: OperationalError) -> bool:
    """A PostgreSQL deadlock or serialisation failure: the transaction may simply be retried."""
    return getattr(exc.orig, "sqlstate", None) in ("40P01", "40001")


def _storage_errors(engine: Engine, name: str) -> None:
    """Turn a full disk, a read-only store or a refused permission, wherever it happens
    (migrations, ingest, a review decision), into StorageError."""
    @event.listens_for(engine, "handle_error")
    def _on_error(context) -> None:  # type: ignore[no-untyped-def]
        cause = storage_cause(context.original_exception)
        if cause is not None:
            detail = (str(context.original_exception).splitlines() or [""])[0]
            raise StorageError(f"{name}: {cause} ({detail})")


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


def _sqlite_pragmas(engine: Engine, read_only: bool = False) -> None:
    # https://docs.sqlalchemy.org/en/20/dialects/sqlite.html#serializable-isolation-savepoints-transactional-ddl
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_connection.isolation_level = None  # let SQLAlchemy's BEGIN below take over
        cursor = dbapi_connection.cursor()
        if not read_only:  # (setting it is a write)
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
