"""A big network (hundreds of actors, thousands of facts): cache, warm-up, preload, drawing.

The store is synthetic (tests/serve/synthetic.py, as bench/web_network.py
uses at 2,000 actors / 20,000 facts), small enough to build in a second: 400
actors and 4,000 facts, over the page's thresholds for a big network (150
actors; 3,000 facts drawn at first).
"""

from __future__ import annotations

import json
import threading
import urllib.request

import pytest
from selenium.webdriver.support.ui import WebDriverWait
from synthetic import build
from webclient import live

from threatnet.serve import Settings, create_app, views

ACTORS, FACTS = 400, 4000


@pytest.fixture(scope="module")
def big_store(tmp_path_factory):
    from threatnet.store import Store

    path = tmp_path_factory.mktemp("big") / "big.db"
    build(path, ACTORS, FACTS)
    with Store(f"sqlite:///{path}") as store:
        yield store


@pytest.fixture(scope="module")
def big_server(big_store):
    with live(create_app(Settings(db=big_store.url), store=big_store)) as url:
        yield url


def test_network_json_is_cached_as_bytes_until_the_store_changes(big_store):
    with big_store.session() as session:
        first = views.network_json(session)
        assert views.network_json(session) is first  # the same bytes, not recomputed
        data = json.loads(first)
        assert data == views.network(session)
        assert len(data["edges"]) > 3000 and len(data["nodes"]) > 150


def test_warm_up_fills_the_cache_and_a_concurrent_request_waits_for_it(big_store):
    views._network_cache.entries.clear()
    computed = []
    cache = views._StoreCache()

    def slow() -> bytes:
        computed.append(1)
        threading.Event().wait(0.3)
        return b"{}"

    with big_store.session() as a, big_store.session() as b:
        threads = [threading.Thread(target=cache.get, args=(s, ("k",), slow)) for s in (a, b)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert computed == [1]  # two requests, one computation
    views.warm(big_store).join(timeout=60)
    assert len(views._network_cache.entries) == 1
    with big_store.session() as session:
        assert views.network_json(session) is next(iter(views._network_cache.entries.values()))


def _ready(driver) -> None:
    WebDriverWait(driver, 60).until(
        lambda d: d.execute_script("return document.getElementById('cy').dataset.ready"
                                   " === '1'"))


def test_big_network_draws_what_passes_and_the_rest_when_asked(chromium, big_server):
    with urllib.request.urlopen(big_server + "/api/network", timeout=60) as r:
        data = json.load(r)
    chromium.get(big_server + "/network")
    _ready(chromium)
    # the page fetched the network once: the preload was used, not fetched again
    fetched = chromium.execute_script(
        "return performance.getEntriesByType('resource')"
        ".filter(e => e.name.includes('/api/network')).length")
    assert fetched == 1
    floor = float(chromium.execute_script(
        "return document.getElementById('min-confidence').value"))
    strong = [e for e in data["edges"] if e["confidence"] >= floor]
    linked = {e["source"] for e in strong} | {e["target"] for e in strong}
    assert 3000 <= len(strong) < len(data["edges"])
    counts = chromium.execute_script(
        "return [tnCy.edges().length, tnCy.nodes().length, tnCy.elements('.hidden').length,"
        " tnCy.nodes().filter(n => !isFinite(n.position('x'))).length]")
    assert counts == [len(strong), len(linked), 0, 0]  # drawn, none hidden, all placed
    assert "hidden at first" in chromium.find_element("id", "note").text
    # the analyst lowers the slider: every fact and every actor is drawn
    chromium.execute_script(
        "const s = document.getElementById('min-confidence'); s.value = 0;"
        "s.dispatchEvent(new Event('input'));")
    counts = chromium.execute_script(
        "return [tnCy.edges(':visible').length, tnCy.nodes(':visible').length]")
    assert counts == [len(data["edges"]), len(data["nodes"])]
