"""What keeping analysts' decisions costs a re-extraction: store time per document with no
decisions against every claim and mention decided.

Extracts the dev reports once (both corpora), then, in a fresh SQLite store each
time, saves them at an old extractor version, optionally decides on every claim
(accept / reject / correct in turn) and every mention (accept), and times
`Store.save_reviewed` of the new extraction alone — extraction is left out,
it is the same either way. Prints ms per document for both and their ratio
(measured in the same run), and how many decisions were re-attached.

    .venv/bin/python bench/review_reattach.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import tempfile
import time
from pathlib import Path

from threatnet.extract.pipeline import Extractor
from threatnet.ingest import read_document
from threatnet.store import Store, review
from threatnet.store.review_views import list_claims, list_mentions

REPO = Path(__file__).resolve().parents[1]
CORPORA = [REPO / "corpus" / "dev", REPO.parent / "shared" / "corpus" / "dev"]


def decide_all(store: Store) -> int:
    actions = ["accept", "reject", "correct"]
    n = 0
    for i, claim in enumerate(list_claims(store)):
        action = actions[i % 3]
        review.decide(store, claim["id"], action, "bench",
                      changes={"modality": "alleged"} if action == "correct" else None)
        n += 1
    for mention in list_mentions(store):
        review.accept(store, mention["id"], "bench", target="mention")
        n += 1
    return n


def run_once(records, decided: bool) -> tuple[float, int, int]:
    with tempfile.TemporaryDirectory() as folder, Store(f"sqlite:///{folder}/kb.db") as store:
        for record in records:
            store.save(dataclasses.replace(record, extractor_version="threatnet-0.0.1"))
        decisions = decide_all(store) if decided else 0
        reattached = 0
        start = time.perf_counter()
        for record in records:
            kept = store.save_reviewed(record)[1]
            reattached += kept.reattached if kept else 0
        elapsed = time.perf_counter() - start
    return elapsed * 1000 / len(records), decisions, reattached


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    paths = [p for corpus in CORPORA if corpus.is_dir() for p in sorted(corpus.glob("*.txt"))]
    records = list(Extractor().extract_many([read_document(str(p)) for p in paths]))
    plain = [run_once(records, False)[0] for _ in range(args.repeat)]
    reviewed = [run_once(records, True) for _ in range(args.repeat)]
    a, b = statistics.median(plain), statistics.median(r[0] for r in reviewed)
    print(f"{len(records)} documents, {sum(len(r.claims) for r in records)} claims; "
          f"decisions: {reviewed[0][1]}, re-attached: {reviewed[0][2]}")
    print(f"save of a re-extraction: {a:.1f} ms/document without decisions, {b:.1f} ms with "
          f"every claim and mention decided: {b / a:.2f}x")


if __name__ == "__main__":
    main()
