"""Extraction on a real Dask cluster: the same store as a single-process ingest, streamed,
and nothing lost or written twice when a worker process is killed mid-run.

One `distributed.LocalCluster` of two worker processes serves the whole module
(starting one costs seconds: each worker imports spaCy and builds its extractor);
the test that kills a worker runs last.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from threatnet import cli
from threatnet.batch import ingest
from threatnet.store import Store

REPO = Path(__file__).resolve().parents[2]
# the project's dev corpus and the graph tests' report; the shared dev corpus too when present
CORPORA = [REPO / "corpus" / "dev", REPO / "tests" / "analyse" / "data",
           REPO.parent / "shared" / "corpus" / "dev"]
PATHS = [str(c) for c in CORPORA if c.is_dir()]


def snapshot(db: Path) -> dict[str, Counter]:
    """The store as multisets of canonical tuples: entities by name and type, never by row
    id. Two stores are equal when every row comes as often in both: a row written twice
    shows. (Two entities may share a name and type: incidents of two reports, say.)"""
    con = sqlite3.connect(db)
    entity = "(SELECT name || ' | ' || type || ' | ' || coalesce(pack_id, '') FROM entities " \
             "WHERE id = {})"
    queries = {
        "documents": "SELECT id, source, title, published, language, extractor_version "
                     "FROM documents",
        "entities": "SELECT name, norm, type, pack_id, kind, "
                    f"{entity.format('e.merged_into')} FROM entities e",
        "aliases": f"SELECT {entity.format('a.entity_id')}, alias, norm, origin FROM aliases a",
        "mentions": f"SELECT document_id, {entity.format('m.entity_id')}, start, \"end\", text "
                    "FROM mentions m",
        "claims": f"SELECT document_id, local_id, {entity.format('c.subject_id')}, predicate, "
                  f"{entity.format('c.object_id')}, polarity, modality, source, "
                  f"{entity.format('c.source_entity_id')}, qualifiers, time_start, time_end, "
                  "evidence_start, evidence_end, evidence_text, confidence FROM claims c",
        "same_as": f"SELECT {entity.format('s.entity_a')}, {entity.format('s.entity_b')}, "
                   "score, evidence, status FROM same_as s",
    }
    try:
        tables = {name: [tuple(_canonical(v) for v in row) for row in con.execute(sql)]
                  for name, sql in queries.items()}
    finally:
        con.close()
    return {name: Counter(rows) for name, rows in tables.items()}


def _canonical(value):
    if isinstance(value, str) and value.startswith("{"):
        return json.dumps(json.loads(value), sort_keys=True)  # qualifiers: key order is free
    return value


@pytest.fixture(scope="module")
def reference(tmp_path_factory, extractor) -> dict[str, Counter]:
    """The store a single-process ingest of the development corpora gives."""
    db = tmp_path_factory.mktemp("single") / "kb.db"
    with Store(f"sqlite:///{db}") as store:
        summary = ingest(store, PATHS, extractor)
    assert summary.new >= 6 and not summary.failed
    return snapshot(db)


@pytest.fixture(scope="module")
def cluster(extractor):
    from threatnet.cluster import Cluster

    # one document per task: enough tasks in flight for a kill to land on some
    with Cluster(extractor, workers=2, batch_size=1) as opened:
        assert len(opened.warm()) == 2
        yield opened


def test_two_workers_give_the_same_store(tmp_path, extractor, cluster, reference):
    db = tmp_path / "kb.db"
    with Store(f"sqlite:///{db}") as store:
        summary = ingest(store, PATHS, extractor, cluster=cluster)
    assert (summary.new, summary.unchanged, summary.failed) == (len(reference["documents"]),
                                                                0, [])
    got = snapshot(db)
    assert got.keys() == reference.keys()
    for table in reference:
        assert got[table] == reference[table], table
    assert len(got["claims"]) > 50


def test_documents_are_streamed_with_a_bounded_window(extractor, cluster):
    from threatnet.ingest import read_document
    from threatnet.ingest.sources import expand

    pulled = 0

    def documents():
        nonlocal pulled
        for path in expand(PATHS[:1]):
            pulled += 1
            yield read_document(path)

    local = {r.document.id: r.to_dict() for r in
             extractor.extract_many(read_document(p) for p in expand(PATHS[:1]))}
    seen = {}
    for record in cluster.extract(documents()):
        seen[record.document.id] = record.to_dict()
        # each completed batch lets one more in: never more than the window ahead
        assert pulled <= len(seen) + cluster.window
    assert seen == local  # completion order, but the very records of local extraction


def test_cli_ingest_on_a_running_scheduler(tmp_path, cluster, reference):
    # in a process of its own, as on another host: one Dask client per process
    db = tmp_path / "kb.db"
    command = [sys.executable, "-m", "threatnet", "ingest", *PATHS, "--db", f"sqlite:///{db}",
               "--scheduler", cluster.client.scheduler.address]
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    env.pop("THREATNET_PACK", None)
    first = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    assert first.returncode == 0, first.stderr
    assert f"documents: {len(reference['documents'])} new, 0 unchanged" in first.stdout
    assert snapshot(db)["claims"] == reference["claims"]
    again = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    assert f"0 new, {len(reference['documents'])} unchanged" in again.stdout


@pytest.mark.parametrize("options, message", [
    (["--workers", "0"], "--workers 0: give at least one worker"),
    (["--workers", "2", "--scheduler", "tcp://127.0.0.1:1"], "not both"),
])
def test_cli_cluster_options_are_checked(tmp_path, cli_extractor, options, message):
    # only options refused before any Dask client exists: a second client in this process,
    # once closed, would take the event loop the module's cluster client runs on
    result = CliRunner().invoke(cli.app, ["ingest", PATHS[0], "--db",
                                          f"sqlite:///{tmp_path / 'kb.db'}", *options])
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output


def test_reextract_on_the_cluster_keeps_the_decisions(tmp_path, extractor, cluster):
    from threatnet.batch import reextract
    from threatnet.store import review

    db = tmp_path / "kb.db"
    with Store(f"sqlite:///{db}") as store:
        ingest(store, PATHS[:1], extractor)
        before = snapshot(db)
        with sqlite3.connect(db) as con:
            [claim_id] = con.execute("SELECT min(id) FROM claims").fetchone()
            con.execute("UPDATE documents SET extractor_version = 'threatnet-0.0.1'")
        review.reject(store, claim_id, "alice")
        summary = reextract(store, extractor, cluster=cluster)
    assert summary.reextracted == len(before["documents"]) and not summary.failed
    assert (summary.reattached, summary.unattached) == (1, [])
    after = snapshot(db)
    assert after["claims"] == before["claims"] and after["documents"] == before["documents"]
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT count(*) FROM claims WHERE review_status = 'rejected'"
                           ).fetchone() == (1,)


def test_a_killed_worker_loses_and_duplicates_nothing(tmp_path, extractor, cluster,
                                                      reference):
    pids = cluster.warm()
    killed: dict[str, int] = {}

    def kill_a_busy_worker(_where: str) -> None:
        if killed:
            return
        # a record is saved: kill a worker process that holds documents now (on a loaded
        # machine the workers may be between documents at the first record: try the next)
        busy = [address for address, keys in cluster.client.processing().items() if keys]
        if not busy:
            return
        killed[busy[0]] = len(cluster.client.processing()[busy[0]])
        os.kill(pids[busy[0]], signal.SIGKILL)

    db = tmp_path / "kb.db"
    with Store(f"sqlite:///{db}") as store:
        summary = ingest(store, PATHS, extractor, progress=kill_a_busy_worker,
                         cluster=cluster)
    assert killed and next(iter(killed.values())) >= 1
    assert (summary.new, summary.unchanged, summary.failed) == (len(reference["documents"]),
                                                                0, [])
    got = snapshot(db)  # a row written twice differs from the reference
    for table in reference:
        assert got[table] == reference[table], table
    with pytest.raises(ProcessLookupError):
        os.kill(next(iter(pids[a] for a in killed)), 0)
