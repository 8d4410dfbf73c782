"""Store fixtures: a real PostgreSQL 15 server for the session, and a fresh store per test.

The server is started by the tests themselves (`initdb` + `pg_ctl` in a temporary
directory, listening only on a Unix socket there). PostgreSQL refuses to run as
root, so when the tests run as root (as CI does) the server runs as the
`postgres` system user. Without PostgreSQL binaries the PostgreSQL half of the
suite is skipped with a reason; everything else still runs on SQLite.
"""

from __future__ import annotations

import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

BACKENDS = ["sqlite", "postgresql"]


@dataclass(frozen=True)
class PgServer:
    sockdir: str
    port: int

    def url(self, dbname: str) -> str:
        return (f"postgresql+psycopg://postgres@/{dbname}"
                f"?host={self.sockdir}&port={self.port}")

    def connect(self, dbname: str = "postgres"):
        import psycopg

        return psycopg.connect(host=self.sockdir, port=self.port, user="postgres",
                               dbname=dbname, autocommit=True)


def _free_port() -> int:
    # the server listens on no TCP address; the port only names the socket file, but
    # a free one keeps the name unique on a machine running other servers
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_postgres(argv: list[str]) -> list[str]:
    """initdb and postgres refuse root: run them as the `postgres` user when we are root."""
    if os.geteuid() != 0:
        return argv
    if shutil.which("runuser") is None:
        pytest.fail("running as root needs `runuser` to start PostgreSQL as the postgres user")
    return ["runuser", "-u", "postgres", "--", *argv]


@pytest.fixture(scope="session")
def pg_server():
    initdb = shutil.which("initdb")
    pg_ctl = shutil.which("pg_ctl")
    if initdb is None or pg_ctl is None:
        pytest.skip("PostgreSQL binaries (initdb, pg_ctl) not found on PATH")
    base = Path(tempfile.mkdtemp(prefix="tn-pg-"))  # short: a socket path has a length limit
    if os.geteuid() == 0:
        shutil.chown(base, user="postgres", group="postgres")
    data, log = base / "data", base / "server.log"
    port = _free_port()
    run = dict(check=True, capture_output=True, text=True, timeout=120)
    try:
        subprocess.run(_as_postgres([initdb, "-D", str(data), "-U", "postgres", "-A", "trust",
                                     "-E", "UTF8", "--locale=C", "--no-sync"]), **run)
        options = (f"-k {base} -p {port} -c listen_addresses='' -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200 "
                   "-c deadlock_timeout=100ms")
        subprocess.run(_as_postgres([pg_ctl, "-D", str(data), "-l", str(log), "-o", options,
                                     "-w", "-t", "60", "start"]), **run)
    except subprocess.CalledProcessError as exc:
        detail = log.read_text() if log.exists() else ""
        shutil.rmtree(base, ignore_errors=True)
        pytest.fail(f"could not start PostgreSQL: {exc.stderr}\n{detail}")
    try:
        yield PgServer(str(base), port)
    finally:
        subprocess.run(_as_postgres([pg_ctl, "-D", str(data), "-m", "fast", "-w", "stop"]),
                       capture_output=True, timeout=60)
        shutil.rmtree(base, ignore_errors=True)


_numbers = itertools.count(1)


@pytest.fixture
def pg_database(pg_server):
    """A new, empty PostgreSQL database (dropped after the test); yields its URL."""
    name = f"tn_{os.getpid()}_{next(_numbers)}"
    with pg_server.connect() as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield pg_server.url(name)
    with pg_server.connect() as conn:
        # FORCE: a store the test left open must not keep the database (or connections) alive
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=BACKENDS, ids=BACKENDS)
def backend(request) -> str:
    return request.param


@pytest.fixture
def store_url(request, backend, tmp_path) -> str:
    """A fresh, empty store URL on each backend (nothing created yet)."""
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'kb.db'}"
    return request.getfixturevalue("pg_database")


@pytest.fixture
def store(store_url):
    from threatnet.store import Store

    with Store(store_url) as opened:
        yield opened
