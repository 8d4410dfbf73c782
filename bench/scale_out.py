"""Scale-out: ingest documents/s single-process against 1 and 2 Dask workers, in one run.

The corpus is the seeded synthetic one of bench/ingest_scale.py (its `Corpus`),
streamed. Each mode runs in a fresh subprocess of this script into a fresh
store, through `threatnet.batch.ingest_documents` (skip what is stored,
extract, `Store.save` one document per transaction in the client):

- `single`: extraction in the process itself, as `threatnet ingest`;
- `N workers`: extraction on a `distributed.LocalCluster` of N worker processes
  (one thread each), as `threatnet ingest --workers N`.

Loading the extractor, starting the cluster and loading the pipeline on every
worker are done before the clock starts; the timed part is the ingest alone.
It prints documents/s, the ratio to single-process, the client's peak RSS and
each worker's peak RSS (VmHWM, read on the worker at the end).

    .venv/bin/python bench/scale_out.py                         # 300 reports: a quick check
    .venv/bin/python bench/scale_out.py --reports 10000         # the README figure (idle machine)
    .venv/bin/python bench/scale_out.py --workers 1,2,4 --backend postgresql
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ingest_scale import Corpus, Postgres, _rss_mb  # noqa: E402  (bench/ is no package)


def run(url: str, reports: int, seed: int, workers: int) -> dict:
    """One timed ingest; workers = 0 is single-process."""
    from threatnet.batch import ingest_documents
    from threatnet.extract.pipeline import Extractor
    from threatnet.ingest import document_from_text
    from threatnet.store import Store

    corpus = Corpus(seed)
    extractor = Extractor()
    store = Store(url)
    cluster = None
    if workers:
        from threatnet.cluster import Cluster

        cluster = Cluster(extractor, workers=workers)
        cluster.warm()
    documents = (document_from_text(text, source=source)
                 for source, text in corpus.reports(reports))
    try:
        start = time.perf_counter()
        summary = ingest_documents(store, documents, extractor, cluster=cluster)
        seconds = time.perf_counter() - start
        worker_mb = sorted(cluster.peak_memory_mb().values()) if cluster else []
    finally:
        if cluster:
            cluster.close()
    counts = store.counts()
    store.close()
    return {"workers": workers, "reports": reports, "new": summary.new,
            "failed": len(summary.failed), "seconds": seconds,
            "client_peak_mb": _rss_mb("VmHWM"), "worker_peak_mb": worker_mb, **counts}


def _subprocess(url: str, reports: int, seed: int, workers: int) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--run", "--url", url,
           "--reports", str(reports), "--seed", str(seed), "--run-workers", str(workers)]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"run with {workers} workers failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _counts(text: str) -> list[int]:
    try:
        counts = [int(s) for s in text.split(",") if s.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a list of numbers") from None
    if not counts or min(counts) < 1:
        raise argparse.ArgumentTypeError("worker counts must be positive")
    return counts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reports", type=int, default=300,
                    help="synthetic reports per run (default 300; 10000 for the README)")
    ap.add_argument("--workers", type=_counts, default=[1, 2],
                    help="worker counts to compare with single-process (default 1,2)")
    ap.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite",
                    help="the store the client writes (default sqlite)")
    ap.add_argument("--seed", type=int, default=7, help="corpus seed (default 7)")
    ap.add_argument("--run", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--url", help=argparse.SUPPRESS)
    ap.add_argument("--run-workers", type=int, default=0, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.run:
        print(json.dumps(run(args.url, args.reports, args.seed, args.run_workers)))
        return 0

    server = Postgres() if args.backend == "postgresql" else None
    results = []
    try:
        for workers in [0, *args.workers]:
            with tempfile.TemporaryDirectory(prefix="threatnet-scale-") as tmp:
                url = server.fresh_database() if server else f"sqlite:///{tmp}/kb.db"
                result = _subprocess(url, args.reports, args.seed, workers)
            results.append(result)
            mode = f"{workers} workers" if workers else "single"
            print(f"{mode:<11} {result['reports']} reports in {result['seconds']:.1f} s "
                  f"({result['documents']} documents, {result['claims']} claims, "
                  f"{result['failed']} failed)", flush=True)
    finally:
        if server:
            server.stop()

    base = results[0]["reports"] / results[0]["seconds"]
    print()
    header = f"{'mode':<11}{'docs/s':>8}{'× single':>10}{'client MB':>11}  worker peak MB"
    print(header)
    print("-" * (len(header) + 10))
    for r in results:
        rate = r["reports"] / r["seconds"]
        mode = f"{r['workers']} workers" if r["workers"] else "single"
        workers = ", ".join(f"{mb:.0f}" for mb in r["worker_peak_mb"]) or "-"
        print(f"{mode:<11}{rate:>8.1f}{rate / base:>10.2f}{r['client_peak_mb']:>11.0f}  {workers}")
    same = {(r["documents"], r["entities"], r["claims"]) for r in results}
    print(f"\nstores identical in size across modes: {'yes' if len(same) == 1 else same}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
