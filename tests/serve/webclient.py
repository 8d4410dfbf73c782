"""Helpers of the web tests: a TestClient for an app over a store, a free port, a live server.

A module of its own (not conftest.py) so that test modules can import it by a
name no other folder's conftest shares.
"""

from __future__ import annotations

import socket
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def make_client(store, extractor, host: str = "127.0.0.1", **settings):
    from fastapi.testclient import TestClient

    from threatnet.serve import Settings, create_app

    app = create_app(Settings(db=store.url, **settings), store=store, extractor=extractor)
    return TestClient(app, base_url="http://127.0.0.1", client=(host, 50000),
                      follow_redirects=False)


def copy_sqlite(url: str, target: Path) -> str:
    """A copy of the SQLite store at `url` in the file `target`; its URL."""
    source = sqlite3.connect(url.removeprefix("sqlite:///"))
    dest = sqlite3.connect(target)
    with dest:
        source.backup(dest)
    source.close()
    dest.close()
    return f"sqlite:///{target}"


@contextmanager
def store_copy(url: str, folder: Path) -> Iterator:
    """A Store over a copy of the store at `url` in `folder`: what a test module writes
    there changes no other module's store."""
    from threatnet.store import Store

    with Store(copy_sqlite(url, folder / "kb.db")) as store:
        yield store


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def live(app) -> Iterator[str]:
    """`app` served by uvicorn on 127.0.0.1:<free port> in a thread; yields its base URL."""
    import uvicorn

    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=free_port(),
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{server.config.port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
