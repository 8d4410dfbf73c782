"""Synthetic stores for the network page at scale: bench/web_network.py and its tests.

Written directly with SQL inserts into the real schema (no extraction), then its
facts summary rebuilt as `threatnet db refresh-facts` does: a
seeded network of actors with a Zipf-like skew (a few hubs), every
actor-to-actor predicate, one claim per fact, ten years of dates.
"""

from __future__ import annotations

import random
import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from threatnet.model import PREDICATES

TYPES = [("armed_group", 0.55), ("state", 0.05), ("government_body", 0.1),
         ("organization", 0.1), ("person", 0.2)]
ACTOR_PREDICATES = [p for p, (cls, _) in PREDICATES.items()
                    if cls in ("alignment", "opposition", "structure") or p == "supplies"]
MODALITIES = {"asserted": 0.9, "reported": 0.7, "alleged": 0.55, "believed": 0.5,
              "possible": 0.35}
SOURCES = [None, None, "police", "Taliban sources", "the United Nations", "analysts",
           "a Counter Terrorism Department official", "security sources"]
FACTS_PER_DOC = 20


def build(path: Path, n_actors: int, n_facts: int, seed: int = 7) -> None:
    """A store at `path` with n_actors actors and n_facts distinct facts between them."""
    from threatnet.store import Store, summary

    Store(f"sqlite:///{path}").close()  # the real schema and indexes
    rng = random.Random(seed)
    now = datetime.now(UTC).isoformat()
    kinds = rng.choices([t for t, _ in TYPES], [w for _, w in TYPES], k=n_actors)
    entities = [(i + 1, f"Actor {i}", f"actor {i}", kinds[i], None, None, None, now)
                for i in range(n_actors)]
    skew = [1 / (i + 1) ** 0.8 for i in range(n_actors)]
    ids = list(range(1, n_actors + 1))
    day0 = date(2015, 1, 1)
    n_docs = max(1, n_facts // FACTS_PER_DOC)
    docs = [(f"sha256:{i:064x}", f"synthetic report {i}", f"synthetic/{i}.txt", "(synthetic)",
             (day0 + timedelta(days=rng.randrange(3650))).isoformat(), "en", f"outlet-{i % 40}",
             "bench", now) for i in range(n_docs)]
    seen: set[tuple[int, str, int]] = set()
    claims = []
    while len(claims) < n_facts:
        p = rng.choice(ACTOR_PREDICATES)
        s, o = rng.choices(ids, skew, k=2)
        if s == o or (s, p, o) in seen:
            continue
        seen.add((s, p, o))
        n = len(claims)
        modality = rng.choice(list(MODALITIES))
        polarity = "negated" if rng.random() < 0.05 else "affirmed"
        text = f"Synthetic sentence {n}."
        claims.append((n + 1, docs[n // FACTS_PER_DOC][0], f"C{n % FACTS_PER_DOC + 1}", s, p, o,
                       polarity, modality, rng.choice(SOURCES), None, "{}", None, None, 0,
                       len(text), text, MODALITIES[modality]))
    con = sqlite3.connect(path)
    with con:
        con.executemany("INSERT INTO entities (id, name, norm, type, pack_id, kind, "
                        "merged_into, created_at) VALUES (?,?,?,?,?,?,?,?)", entities)
        con.executemany("INSERT INTO documents (id, title, source, text, published, language,"
                        " outlet, extractor_version, ingested_at) VALUES (?,?,?,?,?,?,?,?,?)",
                        docs)
        con.executemany("INSERT INTO claims (id, document_id, local_id, subject_id, predicate,"
                        " object_id, polarity, modality, source, source_entity_id, qualifiers,"
                        " time_start, time_end, evidence_start, evidence_end, evidence_text,"
                        " confidence) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", claims)
    con.close()
    with Store(f"sqlite:///{path}") as store, store.session(write=True) as s, s.begin():
        summary.rebuild(s)  # the facts summary Store.save keeps; these rows bypassed it
    con = sqlite3.connect(path)
    con.execute("ANALYZE")
    con.close()
