"""Peak memory of extracting one long report, against a bare spaCy parse of the same text.

Builds a report of about `--words` words (default 60,000) from the paragraphs of
the corpus reports, each copy with the armed groups' names rotated through the
actor pack so that coreference and resolution see many different actors, then
measures, each in a fresh process (so one measurement cannot inherit another's
peak):

- bare: the spaCy pipeline parsing the same text in the extractor's chunks, one
  chunk at a time, every Doc kept: the floor any extraction of this text pays;
- threatnet: `Extractor.extract` of the whole report.

Each prints its peak resident set size (`resource.getrusage(...).ru_maxrss`);
the ratio threatnet / bare is what extraction adds on top of parsing.

    .venv/bin/python bench/extract_memory.py                 # 60,000 words
    .venv/bin/python bench/extract_memory.py --words 20000 --one-line
    .venv/bin/python bench/extract_memory.py --trace         # top allocation sites
"""

from __future__ import annotations

import argparse
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LIMIT_MB = 600  # issue 18: a 60,000-word report extracts within 600 MB peak RSS


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def build_report(corpus: list[Path], words: int, one_line: bool) -> str:
    """Paragraphs of the corpus, repeated with the group names rotated until `words`."""
    from threatnet.model import EntityType
    from threatnet.resolve.pack import load_actor_pack

    paragraphs = [p.strip() for path in corpus for p in
                  path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    groups = [e.name for e in load_actor_pack().of_type(EntityType.ARMED_GROUP)]
    pattern = re.compile("|".join(re.escape(g) for g in sorted(groups, key=len, reverse=True)))
    out: list[str] = []
    total, copy = 0, 0
    while total < words:
        for paragraph in paragraphs:
            # copy k: every group name becomes the one k places further in the pack
            text = pattern.sub(lambda m, k=copy: groups[(groups.index(m.group()) + k)
                                                        % len(groups)], paragraph)
            out.append(text)
            total += len(text.split())
            if total >= words:
                break
        copy += 1
    return (" " if one_line else "\n\n").join(
        p.replace("\n", " ") if one_line else p for p in out)


def _child(mode: str, path: Path, trace: bool) -> int:
    """One measurement, in this (fresh) process: prints `peak_mb seconds`."""
    if trace:
        import tracemalloc
        tracemalloc.start(8)
    from threatnet.extract.pipeline import Extractor, chunks
    from threatnet.ingest import document_from_text

    text = path.read_text(encoding="utf-8")
    extractor = Extractor()
    loaded = _peak_mb()
    start = time.perf_counter()
    if mode == "bare":
        docs = [extractor.nlp(chunk) for chunk in chunks(text)]
        size = sum(len(d) for d in docs)
    else:
        record = extractor.extract(document_from_text(text, source=str(path)))
        size = len(record.claims)
    seconds = time.perf_counter() - start
    if trace:
        snapshot = tracemalloc.take_snapshot()
        _, traced_peak = tracemalloc.get_traced_memory()
        print(f"# traced peak {traced_peak / 2**20:.0f} MB", file=sys.stderr)
        for stat in snapshot.statistics("traceback")[:8]:
            print(f"# {stat.size / 2**20:7.1f} MB {stat.count:8d} blocks", file=sys.stderr)
            for line in stat.traceback.format()[-6:]:
                print(f"#     {line}", file=sys.stderr)
    print(f"{_peak_mb():.1f} {seconds:.2f} {loaded:.1f} {size}")
    return 0


def _measure(mode: str, path: Path, trace: bool) -> tuple[float, float, float, int]:
    cmd = [sys.executable, __file__, "--child", mode, str(path)] + (["--trace"] if trace else [])
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"error: the {mode} measurement failed")
    sys.stderr.write(done.stderr)
    peak, seconds, loaded, size = done.stdout.split()
    return float(peak), float(seconds), float(loaded), int(size)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--words", type=int, default=60_000, help="report length (default 60000)")
    ap.add_argument("--corpus", type=Path, action="append",
                    help="folder of *.txt reports (repeatable; default corpus/dev)")
    ap.add_argument("--one-line", action="store_true",
                    help="the whole report on one line, without paragraph breaks")
    ap.add_argument("--trace", action="store_true",
                    help="also print the largest allocation sites of the extraction")
    ap.add_argument("--child", nargs=2, metavar=("MODE", "FILE"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        return _child(args.child[0], Path(args.child[1]), args.trace)
    if args.words < 1:
        ap.error("--words must be at least 1")
    reports = sorted(p for folder in (args.corpus or [REPO / "corpus" / "dev"])
                     for p in folder.glob("*.txt"))
    if not reports:
        print("error: no *.txt reports in the corpus folders", file=sys.stderr)
        return 1
    text = build_report(reports, args.words, args.one_line)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "long-report.txt"
        path.write_text(text, encoding="utf-8")
        bare, bare_s, floor, tokens = _measure("bare", path, False)
        ours, ours_s, _, claims = _measure("threatnet", path, args.trace)
    print(f"report          {len(text.split())} words, {len(text)} chars, {tokens} tokens"
          f"{', one line' if args.one_line else ''}")
    print(f"after load      {floor:7.0f} MB (pipeline and actor pack)")
    print(f"bare spaCy      {bare:7.0f} MB peak RSS  {bare_s:7.1f} s")
    print(f"threatnet       {ours:7.0f} MB peak RSS  {ours_s:7.1f} s  {claims} claims")
    print(f"ratio           {ours / bare:.2f} (threatnet / bare)")
    print(f"limit           {LIMIT_MB} MB: {'within' if ours <= LIMIT_MB else 'OVER'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
