"""The parts of `threatnet path` on the synthetic store of `analysis_speed.py`.

Times, each the median of RUNS after one warm-up (wall-clock milliseconds), for
the k=5 best paths of at most 4 hops between the two long-tail actors of
`analysis_speed.py`, with no filter and with `--predicate supplies`:

* the light edges the search walks: without a filter the kept best links between two
  actors (`load_links`, what `find_paths` reads) and, for comparison, every fact's
  edge (`load_edges`); with a filter, `load_edges` of those predicates,
* `paths_between`: the search over them (one weight per pair of actors, hop-bounded
  distances to the target, the A* search) with each hop's facts,
* `load_facts` of the hops found: between the pairs of actors of the hops (`pairs=`,
  what `find_paths` reads) and, for comparison, among all their actors (`entity_ids=`),
* `find_paths`: the whole query.

The store is the one `analysis_speed.py` builds and keeps (built here the same way
when absent).

    .venv/bin/python bench/path_search_speed.py                  # 1,000,000 claims
    .venv/bin/python bench/path_search_speed.py --claims 100000
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

RUNS = 3


def timed(fn, runs: int = RUNS) -> tuple[float, object]:
    """Median wall-clock milliseconds of `runs` calls after one warm-up, and the result."""
    result = fn()
    wall = []
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        wall.append((time.perf_counter() - start) * 1000)
    return statistics.median(wall), result


def parts(store, label: str, predicates: list[str] | None, a: int, b: int,
          runs: int) -> list[tuple[str, float]]:
    """(what, milliseconds) of each part of one path query."""
    from threatnet.analyse.graph import load_edges, load_facts, load_links
    from threatnet.analyse.paths import find_paths, paths_between

    with store.session() as s:
        out = []
        if predicates is None:
            links_ms, edges = timed(lambda: load_links(s), runs)
            out.append((f"{label}: load_links ({len(edges):,} links)", links_ms))
        every_ms, every = timed(lambda: load_edges(s, None, predicates), runs)
        if predicates is not None:
            edges = every
        search_ms, found = timed(lambda: paths_between(edges, a, b, max_hops=4, k=5), runs)
        pairs = {hop.ends for p in found for hop in p.hops}
        actors = {i for pair in pairs for i in pair}
        pairs_ms, by_pairs = timed(lambda: load_facts(s, None, predicates, pairs=pairs), runs)
        among_ms, among = timed(lambda: load_facts(s, None, predicates, entity_ids=actors), runs)
        total_ms, _ = timed(lambda: find_paths(s, a, b, predicates=predicates, max_hops=4, k=5),
                            runs)
    return out + [
            (f"{label}: load_edges ({len(every):,} edges)", every_ms),
            (f"{label}: paths_between ({len(found)} paths)", search_ms),
            (f"{label}: load_facts, pairs of the hops ({len(by_pairs)} facts)", pairs_ms),
            (f"{label}: load_facts, among their actors ({len(among)} facts)", among_ms),
            (f"{label}: find_paths", total_ms)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--runs", type=int, default=RUNS, help="Timed runs per part.")
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()),
                        help="Where analysis_speed.py keeps its synthetic store.")
    args = parser.parse_args()

    from analysis_speed import build  # (bench/ is on the path of a script run from it)

    from threatnet.store import Store

    path = args.dir / f"threatnet-analysis-{args.claims}-{args.seed}.db"
    meta_path = path.with_suffix(".json")
    if not (path.exists() and meta_path.exists()):
        for stale in (path, meta_path):
            stale.unlink(missing_ok=True)
        meta_path.write_text(json.dumps(build(path, args.claims, args.seed)))
    meta = json.loads(meta_path.read_text())
    a, b = meta["ends"]
    print(f"store: {path}, {meta['claims']:,} claims; paths from {a} to {b}, k=5, 4 hops")
    store = Store(f"sqlite:///{path}")
    rows = []
    for label, predicates in (("no filter", None), ("--predicate supplies", ["supplies"])):
        rows += parts(store, label, predicates, a, b, args.runs)
    store.close()
    width = max(len(name) for name, _ in rows)
    print(f"{'':<{width}}  {'wall ms':>9}")
    for name, ms in rows:
        print(f"{name:<{width}}  {ms:9.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
