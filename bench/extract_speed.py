"""Extraction throughput: bare spaCy `nlp.pipe` against threatnet's `Extractor.extract_many`.

Both run in the same process, over the same texts (the reports of corpus/dev,
repeated N times), with the same pipeline and batch size, after a warm-up pass.
The ratio threatnet / bare is the share of spaCy's speed that threatnet keeps:
everything threatnet adds (pack matching, relations, semantics, attribution,
record building) costs 1 - ratio.

    .venv/bin/python bench/extract_speed.py            # N = 10
    .venv/bin/python bench/extract_speed.py -n 30 --corpus corpus/dev
    .venv/bin/python bench/extract_speed.py -n 5 --rounds 3   # alternate 3 times

On a shared machine the wall-clock ratio moves with the neighbours' load: --rounds
alternates the two R times and prints each round's ratio and their median, and every
round also prints the ratio of CPU time (this process's, all its threads), which a
busy machine disturbs less. --interleave times the two batch by batch instead (each
batch of 8 texts parsed bare, then extracted), so that both see the same load:

    .venv/bin/python bench/extract_speed.py -n 5 --interleave --rounds 3
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from functools import partial
from pathlib import Path

from threatnet.extract.pipeline import Extractor
from threatnet.ingest import document_from_text

REPO = Path(__file__).resolve().parents[1]
BATCH_SIZE = 8  # Extractor.extract_many's default


def _words(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


def _timed(run) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one run."""
    start, cpu = time.perf_counter(), time.process_time()
    run()
    return time.perf_counter() - start, time.process_time() - cpu


def _extract_all(extractor: Extractor, documents: list) -> None:
    list(extractor.extract_many(documents, batch_size=BATCH_SIZE))


def _interleaved(extractor: Extractor, documents: list) -> tuple[float, float, float, float]:
    """Wall and CPU seconds of bare spaCy and of threatnet, timed batch by batch."""
    bare = bare_cpu = ours = ours_cpu = 0.0
    for start in range(0, len(documents), BATCH_SIZE):
        batch = documents[start:start + BATCH_SIZE]
        wall, cpu = _timed(lambda b=batch: list(extractor.nlp.pipe([d.text for d in b],
                                                                   batch_size=BATCH_SIZE)))
        bare, bare_cpu = bare + wall, bare_cpu + cpu
        wall, cpu = _timed(partial(_extract_all, extractor, batch))
        ours, ours_cpu = ours + wall, ours_cpu + cpu
    return bare, bare_cpu, ours, ours_cpu


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", "--repeat", type=int, default=10,
                    help="how many times the corpus is repeated (default 10)")
    ap.add_argument("--corpus", type=Path, default=REPO / "corpus" / "dev",
                    help="folder of *.txt reports (default corpus/dev)")
    ap.add_argument("--rounds", type=int, default=1,
                    help="how many times bare spaCy and threatnet alternate (default 1)")
    ap.add_argument("--interleave", action="store_true",
                    help="alternate the two batch by batch, not corpus by corpus")
    args = ap.parse_args(argv)
    if args.repeat < 1:
        ap.error("--repeat must be at least 1")
    if args.rounds < 1:
        ap.error("--rounds must be at least 1")

    reports = sorted(args.corpus.glob("*.txt"))
    if not reports:
        print(f"error: no *.txt reports in {args.corpus}", file=sys.stderr)
        return 1
    raw = [(p.read_text(encoding="utf-8"), str(p)) for p in reports]
    base = [document_from_text(text, source=source) for text, source in raw]
    texts = [text for _ in range(args.repeat) for text, _ in raw]
    words = _words(texts)

    load_start = time.perf_counter()
    extractor = Extractor()
    load = time.perf_counter() - load_start
    nlp = extractor.nlp

    # warm-up: one pass of each over the distinct reports
    list(nlp.pipe([d.text for d in base], batch_size=BATCH_SIZE))
    list(extractor.extract_many(base, batch_size=BATCH_SIZE))

    print(f"pipeline        {extractor.nlp.meta.get('name')} "
          f"{extractor.nlp.meta.get('version')} ({', '.join(nlp.pipe_names)})")
    print(f"texts           {len(reports)} reports x {args.repeat} = {len(texts)} texts, "
          f"{words} words")
    print(f"extractor load  {load:.2f} s")
    ratios = []
    for n in range(1, args.rounds + 1):
        # distinct Document objects per copy, as N different reports would be
        documents = [document_from_text(text, source=source)
                     for _ in range(args.repeat) for text, source in raw]
        if args.interleave:
            bare, bare_cpu, ours, ours_cpu = _interleaved(extractor, documents)
        else:
            bare, bare_cpu = _timed(lambda: list(nlp.pipe(texts, batch_size=BATCH_SIZE)))
            ours, ours_cpu = _timed(partial(_extract_all, extractor, documents))
        bare_wps, ours_wps = words / bare, words / ours
        ratios.append(ours_wps / bare_wps)
        label = f" (round {n})" if args.rounds > 1 else ""
        print(f"bare spaCy      {bare:7.2f} s  {bare_wps:9.0f} words/s  CPU {bare_cpu:7.2f} s"
              f"{label}")
        print(f"threatnet       {ours:7.2f} s  {ours_wps:9.0f} words/s  CPU {ours_cpu:7.2f} s")
        print(f"ratio           {ours_wps / bare_wps:.2f} (threatnet / bare)  "
              f"CPU {bare_cpu / ours_cpu:.2f}")
    if args.rounds > 1:
        print(f"ratio median    {statistics.median(ratios):.2f} of {args.rounds} rounds "
              f"(min {min(ratios):.2f}, max {max(ratios):.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
