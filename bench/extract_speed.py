"""Extraction throughput: bare spaCy `nlp.pipe` against threatnet's `Extractor.extract_many`.

Both run in the same process, over the same texts (the reports of corpus/dev,
repeated N times), with the same pipeline and batch size, after a warm-up pass.
The ratio threatnet / bare is the share of spaCy's speed that threatnet keeps:
everything threatnet adds (pack matching, relations, semantics, attribution,
record building) costs 1 - ratio.

    .venv/bin/python bench/extract_speed.py            # N = 10
    .venv/bin/python bench/extract_speed.py -n 30 --corpus corpus/dev
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from threatnet.extract.pipeline import Extractor
from threatnet.ingest import document_from_text

REPO = Path(__file__).resolve().parents[1]
BATCH_SIZE = 8  # Extractor.extract_many's default


def _words(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


def _timed(run) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", "--repeat", type=int, default=10,
                    help="how many times the corpus is repeated (default 10)")
    ap.add_argument("--corpus", type=Path, default=REPO / "corpus" / "dev",
                    help="folder of *.txt reports (default corpus/dev)")
    args = ap.parse_args(argv)
    if args.repeat < 1:
        ap.error("--repeat must be at least 1")

    reports = sorted(args.corpus.glob("*.txt"))
    if not reports:
        print(f"error: no *.txt reports in {args.corpus}", file=sys.stderr)
        return 1
    raw = [(p.read_text(encoding="utf-8"), str(p)) for p in reports]
    base = [document_from_text(text, source=source) for text, source in raw]
    # distinct Document objects per copy, as N different reports would be
    documents = [document_from_text(text, source=source)
                 for _ in range(args.repeat) for text, source in raw]
    texts = [d.text for d in documents]
    words = _words(texts)

    load_start = time.perf_counter()
    extractor = Extractor()
    load = time.perf_counter() - load_start
    nlp = extractor.nlp

    # warm-up: one pass of each over the distinct reports
    list(nlp.pipe([d.text for d in base], batch_size=BATCH_SIZE))
    list(extractor.extract_many(base, batch_size=BATCH_SIZE))

    bare = _timed(lambda: list(nlp.pipe(texts, batch_size=BATCH_SIZE)))
    ours = _timed(lambda: list(extractor.extract_many(documents, batch_size=BATCH_SIZE)))

    bare_wps, ours_wps = words / bare, words / ours
    print(f"pipeline        {extractor.nlp.meta.get('name')} "
          f"{extractor.nlp.meta.get('version')} ({', '.join(nlp.pipe_names)})")
    print(f"texts           {len(reports)} reports x {args.repeat} = {len(texts)} texts, "
          f"{words} words")
    print(f"extractor load  {load:.2f} s")
    print(f"bare spaCy      {bare:7.2f} s  {bare_wps:9.0f} words/s")
    print(f"threatnet       {ours:7.2f} s  {ours_wps:9.0f} words/s")
    print(f"ratio           {ours_wps / bare_wps:.2f} (threatnet / bare)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
