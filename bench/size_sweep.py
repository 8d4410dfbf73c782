"""Extraction time per MB and peak memory across report sizes: is the cost linear?

Builds reports of each size (default 100 KB, 200 KB, 500 KB, 1 MB, 2 MB, 5 MB) from
the paragraphs of the corpus reports, each copy with its armed groups rotated through
the actor pack, its people's names changed and its years shifted, so that coreference,
incidents and resolution meet ever new actors and dates rather than one repeated
story; in two layouts: normal paragraphs, and the whole report on one long line. Each
report is extracted in a fresh process (`Extractor.extract`, within the per-document
budget of $THREATNET_DOCUMENT_SECONDS / $THREATNET_DOCUMENT_MB) after one warm-up
extraction, and prints its wall-clock and CPU time and the process's peak resident
set size; the sweep prints CPU seconds per MB for each size (CPU time, because wall
time on a shared machine measures the neighbours too) and the spread (largest /
smallest CPU seconds per MB) of each layout. Linear cost means a spread near 1
(issue 21 asks at most 1.5).

    .venv/bin/python bench/size_sweep.py                       # both layouts, 6 sizes
    .venv/bin/python bench/size_sweep.py --sizes 100 1000 --layout one-line
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
SIZES_KB = (100, 200, 500, 1000, 2000, 5000)
LAYOUTS = ("paragraphs", "one-line")
FIRST_NAMES = ("Abdul", "Mohammad", "Gul", "Noor", "Saifullah", "Hafiz", "Qari", "Mufti",
               "Zahid", "Tariq", "Rahim", "Aslam", "Bashir", "Karim", "Yusuf", "Imran")
SURNAMES = ("Mehsud", "Khan", "Baloch", "Durrani", "Wazir", "Afridi", "Yousafzai", "Haqqani",
            "Rehman", "Shah", "Qureshi", "Marri", "Bugti", "Achakzai", "Niazi", "Zardari")


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def build_report(corpus: list[Path], size: int, one_line: bool) -> str:
    """About `size` characters of corpus paragraphs, each copy varied: its armed groups
    rotated through the pack, its two-word capitalised names replaced, its years moved."""
    from threatnet.model import EntityType
    from threatnet.resolve.pack import load_actor_pack

    paragraphs = [p.strip() for path in corpus for p in
                  path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    groups = [e.name for e in load_actor_pack().of_type(EntityType.ARMED_GROUP)]
    group = re.compile("|".join(re.escape(g) for g in sorted(groups, key=len, reverse=True)))
    person = re.compile(r"\b(?:Mr|Maulana|Mullah|commander|leader|spokesman) [A-Z][a-z]+"
                        r"(?: [A-Z][a-z]+)?")
    year = re.compile(r"\b(19[89]\d|20[0-2]\d)\b")
    out: list[str] = []
    total, copy = 0, 0
    while total < size:
        for paragraph in paragraphs:
            def rotate(m: re.Match[str], k: int = copy) -> str:
                return groups[(groups.index(m.group()) + k) % len(groups)]

            def rename(m: re.Match[str], k: int = copy) -> str:
                title = m.group().split()[0]
                seed = sum(map(ord, m.group())) + 7 * k
                return (f"{title} {FIRST_NAMES[seed % len(FIRST_NAMES)]} "
                        f"{SURNAMES[(seed // 16 + k) % len(SURNAMES)]}")

            def shift(m: re.Match[str], k: int = copy) -> str:
                return str(int(m.group()) - k % 25)  # the same story, years earlier

            text = year.sub(shift, person.sub(rename, group.sub(rotate, paragraph)))
            out.append(text.replace("\n", " ") if one_line else text)
            total += len(text) + 2
            if total >= size:
                break
        copy += 1
    return (" " if one_line else "\n\n").join(out)[:size]


def _child(path: Path, warm: Path) -> int:
    """One extraction, in this fresh process, after a warm-up extraction of a corpus
    report (lexicons, date parser, first calls: paid once per process, not per MB).
    Prints `seconds cpu_seconds peak_mb claims entities`."""
    from threatnet.errors import ThreatnetError
    from threatnet.extract.pipeline import Extractor
    from threatnet.ingest import document_from_text

    extractor = Extractor()
    extractor.extract(document_from_text(warm.read_text(encoding="utf-8"), source=str(warm)))
    text = path.read_text(encoding="utf-8")
    start, cpu = time.perf_counter(), time.process_time()
    try:
        record = extractor.extract(document_from_text(text, source=str(path)))
    except ThreatnetError as exc:  # over its budget: one line, as ingest would say
        print(f"error: {exc}", file=sys.stderr)
        return 1
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(f"{seconds:.2f} {cpu:.2f} {_peak_mb():.1f} {len(record.claims)} "
          f"{len(record.entities)}")
    return 0


def _measure(path: Path, warm: Path) -> tuple[float, float, float, int, int] | str:
    done = subprocess.run([sys.executable, __file__, "--child", str(path), str(warm)],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        lines = (done.stderr.strip() or done.stdout.strip() or "no output").splitlines()
        return lines[-1]
    seconds, cpu, peak, claims, entities = done.stdout.split()
    return float(seconds), float(cpu), float(peak), int(claims), int(entities)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=list(SIZES_KB), metavar="KB",
                    help="report sizes in KB (default: 100 200 500 1000 2000 5000)")
    ap.add_argument("--layout", choices=[*LAYOUTS, "both"], default="both")
    ap.add_argument("--corpus", type=Path, action="append",
                    help="folder of *.txt reports (repeatable; default corpus/dev)")
    ap.add_argument("--child", type=Path, nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        return _child(*args.child)
    if any(s < 1 for s in args.sizes):
        ap.error("--sizes must be at least 1 KB")
    reports = sorted(p for folder in (args.corpus or [REPO / "corpus" / "dev"])
                     for p in folder.glob("*.txt"))
    if not reports:
        print("error: no *.txt reports in the corpus folders", file=sys.stderr)
        return 1
    layouts = LAYOUTS if args.layout == "both" else (args.layout,)
    print(f"{'layout':<11} {'size':>8} {'seconds':>8} {'CPU s':>8} {'CPU s/MB':>8} "
          f"{'peak MB':>8} {'claims':>7} {'entities':>8}", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        for layout in layouts:
            per_mb: list[float] = []
            for kb in sorted(args.sizes):
                path = Path(tmp) / f"{layout}-{kb}.txt"
                text = build_report(reports, kb * 1000, layout == "one-line")
                path.write_text(text, encoding="utf-8")
                found = _measure(path, reports[0])
                if isinstance(found, str):
                    print(f"{layout:<11} {kb:>6}KB  failed: {found}", flush=True)
                    continue
                seconds, cpu, peak, claims, entities = found
                mb = len(text.encode("utf-8")) / 1e6
                per_mb.append(cpu / mb)
                print(f"{layout:<11} {kb:>6}KB {seconds:>8.1f} {cpu:>8.1f} {cpu / mb:>8.1f} "
                      f"{peak:>8.0f} {claims:>7} {entities:>8}", flush=True)
            if len(per_mb) > 1:
                print(f"{layout:<11} spread of CPU s/MB: {max(per_mb) / min(per_mb):.2f} "
                      "(largest / smallest; linear cost keeps it near 1)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
