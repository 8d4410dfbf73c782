"""Fixtures of the web tests: a store built once, TestClients, and a live server.

The store is a copy of the graph tests' store (the shared dev corpus plus two
short reports, `tests/analyse/graphstore.py`), so a full run builds it once;
the copy lets these tests add reports without changing what the graph tests
see. `live_server` runs uvicorn on 127.0.0.1 on a free port in a thread of
this process, sharing the session's extractor.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "analyse"))
import browser  # noqa: E402
from graphstore import dev_store_url  # noqa: E402
from webclient import copy_sqlite, free_port, live, make_client  # noqa: E402,F401

ARTEFACTS = "THREATNET_ARTEFACTS"  # folder for screenshots (default: a pytest tmp dir)



@pytest.fixture(scope="session")
def serve_store_url(tmp_path_factory, extractor) -> str:
    url = dev_store_url(tmp_path_factory, extractor)
    return copy_sqlite(url, tmp_path_factory.mktemp("serve") / "kb.db")


@pytest.fixture(scope="session")
def store(serve_store_url):
    from threatnet.store import Store

    with Store(serve_store_url) as s:
        yield s


@pytest.fixture(scope="session")
def client(store, extractor):
    """Requests from this machine (127.0.0.1)."""
    return make_client(store, extractor)


@pytest.fixture(scope="session")
def live_server(store, extractor):
    """The app served by uvicorn on 127.0.0.1:<free port>; yields its base URL."""
    from threatnet.serve import Settings, create_app

    app = create_app(Settings(db=store.url), store=store, extractor=extractor)
    with live(app) as url:
        yield url


@pytest.fixture(scope="session")
def chromium():
    why = browser.missing()
    if why:
        pytest.skip(f"no headless browser: {why}")
    driver = browser.start()
    yield driver
    driver.quit()


@pytest.fixture(scope="session")
def artefacts(tmp_path_factory) -> Path:
    import os

    folder = os.environ.get(ARTEFACTS)
    path = Path(folder) if folder else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path
