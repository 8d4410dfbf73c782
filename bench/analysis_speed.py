"""Analysis latency at scale: the `actor` profile and `path` on a SQLite store of N claims.

Builds a seeded synthetic store directly with SQL inserts (the extractor is
not involved: this times the analysis, not ingest): a few hundred actors
picked with a Zipf-like skew (a few hubs, a long tail), capabilities and
places, one document per 20 claims over ten years from 40 outlets, and
claims with every predicate, both polarities, every modality and a mix of
named, generic and authorial sources. The store is created at the newest
schema by `Store` (so indexes are the real ones) and filled with sqlite3
`executemany`, then its facts summary is built and every fact graded
(`store.summary.rebuild`); a store already built for the same size and seed is
reused (a store of an older schema is upgraded when opened: migration 0005
builds its summary, 0006 grades its facts).

Then times, each the median of RUNS after one warm-up (wall-clock and CPU):

* `actor`: the profile of the most-claimed actor (`analyse.profile.build`),
  and of the actor with the median number of claims, as `threatnet actor` shows
  it (the best 25 facts per class, counts and timeline of all) and with every
  fact (`--limit 0`),
* `path` with `--predicate supplies` and with no filter (the k=5 best paths
  between two actors of the long tail, max 4 hops),
* what keeping the summary and the grades costs a save: refreshing the facts
  of one stored document (its triples, `summary.refresh`, rolled back), against
  the summary alone (`grades=False`),

and prints the milliseconds.

    .venv/bin/python bench/analysis_speed.py                      # 1,000,000 claims
    .venv/bin/python bench/analysis_speed.py --claims 100000 --runs 3
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from threatnet.model import PREDICATES

RUNS = 5
LIMIT = 25  # facts per class, as `threatnet actor` shows them by default
CLAIMS_PER_DOC = 20
N_GROUPS, N_STATES, N_PERSONS, N_BODIES = 220, 25, 150, 30
N_CAPABILITIES, N_LOCATIONS = 60, 120
OUTLETS = [f"outlet-{i}" for i in range(40)]
SOURCES = [None] * 6 + ["Taliban sources", "a Counter Terrorism Department official",
                        "police", "the United Nations", "Reuters", "security sources",
                        "local officials", "analysts", "residents", "Haq Nawaz"]
MODALITIES = {"asserted": 0.85, "reported": 0.7, "alleged": 0.5, "believed": 0.45,
              "possible": 0.35, "hypothetical": 0.2}
WEIGHTS = {"operates_in": 10, "attacks": 10, "targets": 8, "possesses": 8, "uses": 6,
           "hostile_to": 6, "supports": 5, "cooperates_with": 4, "supplies": 3, "leads": 3,
           "member_of": 3, "based_in": 3, "fights": 3, "allied_with": 2, "rival_of": 2,
           "affiliated_with": 2, "part_of": 1, "splinter_of": 1, "seeks": 2, "controls": 1,
           "negotiates_with": 1, "meets_with": 1, "merged_into": 0.3, "perpetrated": 0,
           "involved_in": 0, "invests_in": 0.5}


def build(path: Path, n_claims: int, seed: int) -> dict:
    """A store of n_claims synthetic claims at `path`; returns what it holds."""
    from threatnet.store import Store

    Store(f"sqlite:///{path}").close()  # the real schema and indexes
    rng = random.Random(seed)
    now = datetime.now(UTC).isoformat()
    entities: list[tuple] = []

    def add(kind: str, count: int, prefix: str) -> list[int]:
        start = len(entities) + 1
        for i in range(count):
            name = f"{prefix} {i}"
            entities.append((start + i, name, name.lower(), kind, None, None, None, now))
        return list(range(start, start + count))

    groups = add("armed_group", N_GROUPS, "Group")
    states = add("state", N_STATES, "State")
    persons = add("person", N_PERSONS, "Person")
    bodies = add("government_body", N_BODIES, "Body")
    capabilities = add("capability", N_CAPABILITIES, "Capability")
    locations = add("location", N_LOCATIONS, "Place")
    actors = groups + states + bodies
    skew = [1 / (i + 1) ** 0.9 for i in range(len(actors))]
    predicates = [p for p, w in WEIGHTS.items() if w]
    pweights = [WEIGHTS[p] for p in predicates]

    n_docs = max(1, n_claims // CLAIMS_PER_DOC)
    day0 = date(2015, 1, 1)
    docs = [(f"sha256:{i:064x}", f"synthetic report {i}", f"synthetic/{i}.txt", "(synthetic)",
             (day0 + timedelta(days=rng.randrange(3650))).isoformat(), "en",
             rng.choice(OUTLETS), "bench", now) for i in range(n_docs)]

    def claims():
        for i in range(n_claims):
            doc = docs[i // CLAIMS_PER_DOC][0]
            p = rng.choices(predicates, pweights)[0]
            cls = PREDICATES[p][0]
            subject = rng.choices(persons if p == "leads" else actors, skew
                                  if p != "leads" else None)[0]
            if cls == "capability" and p != "supplies":
                obj = rng.choice(capabilities)
            elif cls == "geography":
                obj = rng.choice(locations)
            else:
                obj = rng.choices(actors, skew)[0]
                while obj == subject:
                    obj = rng.choice(actors)
            modality = rng.choices(list(MODALITIES), [40, 30, 10, 8, 8, 4])[0]
            polarity = "negated" if rng.random() < 0.08 else "affirmed"
            source = rng.choice(SOURCES)
            qualifiers = json.dumps({"item": f"capability {rng.randrange(N_CAPABILITIES)}"}
                                    if p == "supplies" else {})
            text = f"Synthetic sentence {i} about {p}."
            yield (i + 1, doc, f"C{i % CLAIMS_PER_DOC + 1}", subject, p, obj, polarity,
                   modality, source, None, qualifiers, None, None, 0, len(text), text,
                   MODALITIES[modality] * (0.9 if polarity == "negated" else 1.0))

    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=OFF")
    with con:
        con.executemany("INSERT INTO entities (id, name, norm, type, pack_id, kind, "
                        "merged_into, created_at) VALUES (?,?,?,?,?,?,?,?)", entities)
        con.executemany("INSERT INTO documents (id, title, source, text, published, language,"
                        " outlet, extractor_version, ingested_at) VALUES (?,?,?,?,?,?,?,?,?)",
                        docs)
        con.executemany("INSERT INTO claims (id, document_id, local_id, subject_id, predicate,"
                        " object_id, polarity, modality, source, source_entity_id, qualifiers,"
                        " time_start, time_end, evidence_start, evidence_end, evidence_text,"
                        " confidence) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", claims())
    con.execute("ANALYZE")
    con.close()
    from threatnet.store import summary

    store = Store(f"sqlite:///{path}")
    with store.session(write=True) as s, s.begin():  # claims inserted behind its back
        summary.rebuild(s)
    store.close()
    return {"claims": n_claims, "documents": n_docs, "entities": len(entities),
            "hub": actors[0], "ends": (actors[40], actors[120])}


def timed(fn, runs: int = RUNS) -> tuple[float, float, object]:
    """Median wall-clock and CPU milliseconds of `runs` calls, after one warm-up.

    SQLite runs in this process, so the CPU time counts the whole query; on a shared
    machine it is the steadier figure (wall-clock includes waiting for a core).
    """
    result = fn()  # warm-up
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = fn()
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return statistics.median(wall), statistics.median(cpu), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--runs", type=int, default=RUNS, help="Timed runs per query.")
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()),
                        help="Where the synthetic store is kept (reused when present).")
    args = parser.parse_args()

    from threatnet.analyse.paths import find_paths
    from threatnet.store import Store, summary

    path = args.dir / f"threatnet-analysis-{args.claims}-{args.seed}.db"
    meta_path = path.with_suffix(".json")
    if path.exists() and meta_path.exists():
        meta = json.loads(meta_path.read_text())
        print(f"store: {path} (reused)")
    else:
        for stale in (path, meta_path):
            stale.unlink(missing_ok=True)
        start = time.perf_counter()
        meta = build(path, args.claims, args.seed)
        meta_path.write_text(json.dumps(meta))
        print(f"store: {path} built in {time.perf_counter() - start:.1f} s")
    print(f"{meta['claims']:,} claims, {meta['documents']:,} documents, "
          f"{meta['entities']:,} entities")

    start = time.perf_counter()
    store = Store(f"sqlite:///{path}")  # (upgrades a store built by an older threatnet)
    con = sqlite3.connect(path)
    rows = con.execute("SELECT count(*) FROM fact_summary").fetchone()[0]
    graded_facts = con.execute("SELECT count(*) FROM fact_grades").fetchone()[0]
    con.close()
    print(f"opened in {time.perf_counter() - start:.1f} s (an older store is upgraded: "
          f"0005 builds its facts summary, 0006 grades its facts); {rows:,} summary rows, "
          f"{graded_facts:,} graded facts")
    hub, (a, b) = meta["hub"], meta["ends"]
    from threatnet.analyse import profile
    from threatnet.resolve.pack import load_actor_pack

    pack = load_actor_pack()
    con = sqlite3.connect(path)
    per_actor = sorted((n, e) for e, n in con.execute(
        "SELECT e, count(*) FROM (SELECT subject_id AS e FROM claims UNION ALL "
        "SELECT object_id FROM claims WHERE object_id != subject_id) GROUP BY e"))
    con.close()
    counts = {e: n for n, e in per_actor}
    median = per_actor[len(per_actor) // 2][1]

    def actor(entity: int, limit: int | None):
        def run():
            with store.session() as s:
                return profile.build(s, entity, pack, limit=limit)
        return run

    def path_query(predicates):
        def run():
            with store.session() as s:
                return find_paths(s, a, b, predicates=predicates, max_hops=4, k=5)
        return run

    results = {}
    for label, entity in (("busiest", hub), ("median", median)):
        for limit in (LIMIT, None):
            wall, cpu, data = timed(actor(entity, limit), args.runs)
            shown = sum(map(len, data["facts"].values()))
            total = sum(data["facts_total"].values())
            results[f"actor, {label} ({counts[entity]:,} claims): "
                    f"{'every one' if limit is None else f'the best {limit} per class'} "
                    f"of {total:,} facts ({shown:,} shown)"] = (wall, cpu)
    for name, predicates in (("path --predicate supplies", ["supplies"]),
                             ("path (no filter)", None)):
        wall, cpu, found = timed(path_query(predicates), args.runs)
        results[f"{name}: {len(found)} paths"] = (wall, cpu)
    def refresh(document: str, grades: bool):
        def run():  # what a save of this document adds: its facts summarised (and graded)
            with store.session(write=True) as s:
                s.begin()
                summary.refresh(s, summary.document_triples(s, document), grades=grades)
                s.rollback()
        return run

    ratios = []
    for document in (f"sha256:{0:064x}", f"sha256:{meta['documents'] // 2:064x}"):
        kept = results[f"keeping one saved document's facts (…{document[-6:]})"] = \
            timed(refresh(document, True), args.runs)[:2]
        alone = results[f"  the summary alone, grades not kept (…{document[-6:]})"] = \
            timed(refresh(document, False), args.runs)[:2]
        ratios.append(kept[1] / alone[1])
    width = max(map(len, results))
    print(f"{'':<{width}}  {'wall ms':>9} {'CPU ms':>9}")
    for name, (wall, cpu) in results.items():
        print(f"{name:<{width}}  {wall:9.1f} {cpu:9.1f}")
    print("keeping grades costs a save " + " and ".join(f"{r:.1f}×" for r in ratios)
          + " the CPU time of the summary alone")
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
