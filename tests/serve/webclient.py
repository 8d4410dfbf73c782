"""Helpers of the web tests: a TestClient for an app over a store, and a free port.

A module of its own (not conftest.py) so that test modules can import it by a
name no other folder's conftest shares.
"""

from __future__ import annotations

import socket


def make_client(store, extractor, host: str = "127.0.0.1", **settings):
    from fastapi.testclient import TestClient

    from threatnet.serve import Settings, create_app

    app = create_app(Settings(db=store.url, **settings), store=store, extractor=extractor)
    return TestClient(app, client=(host, 50000), follow_redirects=False)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
