"""Crashes and concurrent writers, with real `threatnet ingest` processes.

(a) An ingester killed with SIGKILL mid-batch leaves each document fully in or fully
out; a second run completes the batch. (b) Two ingesters started together on one new
store, over overlapping files, lose nothing and duplicate nothing. Both on SQLite and
PostgreSQL; the end state is compared with a store ingested in-process by a clean run.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

GROUPS = ["The BLA", "The TTP", "The Baloch Republican Army", "Jundallah",
          "The Zarghun Liberation Front", "The Zarghoon Liberation Front"]
TARGETS = ["a Pakistani army convoy", "Chinese nationals", "a police station"]
PLACES = ["Quetta", "Turbat", "Bannu", "Kohat", "Gwadar"]
LEADS = ["", "Police said ", "Reuters reported that ", "Officials said "]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
N_REPORTS = 40


def report(n: int) -> str:
    group, other = GROUPS[n % len(GROUPS)], GROUPS[(n + 1) % len(GROUPS)]
    lead = LEADS[n % len(LEADS)]
    subject = group if not lead else group[0].lower() + group[1:] if group.startswith("The") \
        else group
    return (f"{lead}{subject} attacked {TARGETS[n % len(TARGETS)]} in "
            f"{PLACES[n % len(PLACES)]} on the night of report {n}.\n"
            f"Analysts said {other.replace('The ', 'the ')} may cooperate with "
            f"{group.replace('The ', 'the ')} in {PLACES[(n + 2) % len(PLACES)]}.\n"
            f"Published on {MONTHS[n % 12]} {1 + n % 28}, {2020 + n // 12}.\n")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("reports")
    paths = []
    for n in range(N_REPORTS):
        path = folder / f"report-{n:02d}.txt"
        path.write_text(report(n), encoding="utf-8")
        paths.append(path)
    assert len({p.read_text() for p in paths}) == N_REPORTS
    return paths


def snapshot(url: str) -> dict:
    """What a store holds, in terms that do not depend on ids or on the order of writes."""
    engine = create_engine(url, poolclass=NullPool)
    with engine.connect() as conn:
        documents = [r[0] for r in conn.execute(text("SELECT id FROM documents"))]
        claims: dict[str, list[tuple]] = defaultdict(list)
        for row in conn.execute(text(
                "SELECT c.document_id, c.local_id, c.predicate, c.polarity, c.modality, "
                "s.type, s.norm, o.type, o.norm FROM claims c "
                "JOIN entities s ON s.id = c.subject_id JOIN entities o ON o.id = c.object_id")):
            claims[row[0]].append(tuple(row[1:]))
        mentions = dict(conn.execute(text(
            "SELECT document_id, count(*) FROM mentions GROUP BY document_id")).all())
        entities = [tuple(r) for r in conn.execute(text("SELECT type, norm FROM entities"))]
        packs = [r[0] for r in conn.execute(text(
            "SELECT pack_id FROM entities WHERE pack_id IS NOT NULL"))]
        aliases = [tuple(r) for r in conn.execute(text("SELECT entity_id, norm FROM aliases"))]
    engine.dispose()
    return {"documents": documents, "claims": {d: sorted(c) for d, c in claims.items()},
            "mentions": mentions, "entities": entities, "packs": packs, "aliases": aliases}


@pytest.fixture(scope="module")
def reference(corpus, extractor, tmp_path_factory) -> dict:
    """The clean run: the whole corpus ingested in-process, in one go."""
    from threatnet.batch import ingest
    from threatnet.store import Store

    url = f"sqlite:///{tmp_path_factory.mktemp('reference') / 'kb.db'}"
    with Store(url) as store:
        summary = ingest(store, [str(p) for p in corpus], extractor)
    assert (summary.new, summary.failed) == (N_REPORTS, [])
    snap = snapshot(url)
    assert sum(len(c) for c in snap["claims"].values()) >= N_REPORTS, "too few claims to test"
    return snap


def assert_complete(url: str, reference: dict) -> dict:
    """Every stored document is there exactly once and whole; no entity is duplicated."""
    snap = snapshot(url)
    assert len(snap["documents"]) == len(set(snap["documents"]))
    assert set(snap["documents"]) <= set(reference["documents"])
    for doc in snap["documents"]:
        assert snap["claims"].get(doc, []) == reference["claims"].get(doc, []), doc
        assert snap["mentions"].get(doc, 0) == reference["mentions"].get(doc, 0), doc
    assert set(snap["claims"]) <= set(snap["documents"])  # no claims of a missing document
    assert set(snap["mentions"]) <= set(snap["documents"])
    assert len(snap["entities"]) == len(set(snap["entities"])), "duplicate (type, norm)"
    assert len(snap["packs"]) == len(set(snap["packs"])), "an actor-pack entry stored twice"
    assert len(snap["aliases"]) == len(set(snap["aliases"]))
    return snap


def ingester(paths: list[Path], url: str) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items()
           if k not in ("THREATNET_DB", "THREATNET_PACK", "COLUMNS")}
    return subprocess.Popen([sys.executable, "-m", "threatnet", "ingest", *map(str, paths),
                             "--db", url], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def finish(process: subprocess.Popen, timeout: float = 120) -> tuple[int, int]:
    """Wait for an ingester; its (new, unchanged) from the summary line."""
    out, err = process.communicate(timeout=timeout)
    assert process.returncode == 0, (process.returncode, out, err)
    assert "error ignored" not in err and "Traceback" not in err, err  # psycopg's echoes
    found = re.search(r"documents: (\d+) new, (\d+) unchanged, 0 re-extracted, 0 failed", out)
    assert found, out
    return int(found[1]), int(found[2])


def stored(url: str, engine_cache: dict) -> int:
    engine = engine_cache.setdefault(url, create_engine(url, poolclass=NullPool))
    try:
        with engine.connect() as conn:
            return conn.scalar(text("SELECT count(*) FROM documents")) or 0
    except Exception:  # noqa: BLE001 - the store is not created yet (or briefly locked)
        return 0


def test_sigkill_mid_batch_then_rerun(store_url, corpus, reference):
    process = ingester(corpus, store_url)
    engines: dict = {}
    deadline = time.monotonic() + 120
    try:
        while stored(store_url, engines) < 2:
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "the ingester stored nothing in 120 s"
            time.sleep(0.01)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
        for engine in engines.values():
            engine.dispose()
    assert process.returncode == -signal.SIGKILL

    after_kill = assert_complete(store_url, reference)
    done = len(after_kill["documents"])
    assert 2 <= done < N_REPORTS, f"killed after {done} of {N_REPORTS} documents: not mid-batch"

    new, unchanged = finish(ingester(corpus, store_url))
    assert (new, unchanged) == (N_REPORTS - done, done)  # picks up where it stopped
    final = assert_complete(store_url, reference)
    assert sorted(final["documents"]) == sorted(reference["documents"])
    assert sorted(final["entities"]) == sorted(reference["entities"])


def test_two_concurrent_ingesters(store_url, corpus, reference):
    first, second = corpus[:30], corpus[10:]
    processes = [ingester(first, store_url), ingester(second, store_url)]
    try:
        results = [finish(p) for p in processes]
    finally:
        for p in processes:
            if p.poll() is None:
                p.kill()
    (new_1, unchanged_1), (new_2, unchanged_2) = results
    assert new_1 + unchanged_1 == len(first) and new_2 + unchanged_2 == len(second)
    assert new_1 + new_2 == N_REPORTS  # each document stored by exactly one of them
    final = assert_complete(store_url, reference)
    assert sorted(final["documents"]) == sorted(reference["documents"])
    assert sorted(final["entities"]) == sorted(reference["entities"])


def crossed_record(n: int, reverse: bool):
    """A report naming two new groups; `reverse` names them in the other order."""
    from threatnet.ingest import document_from_text
    from threatnet.model import (
        Claim,
        Entity,
        EntityType,
        Evidence,
        ExtractionRecord,
        Mention,
        Modality,
        Polarity,
    )

    names = [f"Alpha Front {n}", f"Beta Front {n}"][::-1 if reverse else 1]
    body = f"The {names[0]} fought the {names[1]} (round {n}, {reverse}).\n"
    entities = [Entity(f"E{i}", name, EntityType.ARMED_GROUP, [name],
                       [Mention(body.index(name), body.index(name) + len(name), name)])
                for i, name in enumerate(names, 1)]
    claim = Claim("C1", "E1", "fights", "E2", Polarity.AFFIRMED, Modality.ASSERTED,
                  Evidence(0, len(body) - 1, body[:-1]), confidence=0.9)
    return ExtractionRecord(document_from_text(body, f"round-{n}-{reverse}.txt"), entities,
                            [claim], "test-1")


def test_writers_creating_the_same_entities_in_opposite_order(store_url):
    """On PostgreSQL the two transactions deadlock on the unique (type, norm) index; the
    one rolled back is retried instead of losing its document."""
    import threading

    from threatnet.store import Store

    rounds = 4
    stores = [Store(store_url), Store(store_url)]
    errors: list[BaseException] = []
    try:
        for n in range(rounds):
            barrier = threading.Barrier(2)

            def write(store, record, barrier=barrier):
                barrier.wait()
                try:
                    assert store.save(record) == "new"
                except BaseException as exc:  # noqa: BLE001 - reported below
                    errors.append(exc)

            threads = [threading.Thread(target=write, args=(s, crossed_record(n, reverse)))
                       for s, reverse in zip(stores, (False, True), strict=True)]
            for t in threads:
                t.start()
            for t in threads:
                t.join(timeout=120)
        assert errors == []
        counts = stores[0].counts()
        assert counts == {"documents": 2 * rounds, "entities": 2 * rounds,
                          "claims": 2 * rounds}
    finally:
        for s in stores:
            s.close()
    snap = snapshot(store_url)
    assert len(snap["entities"]) == len(set(snap["entities"])) == 2 * rounds
