"""Wall time of the commands an analyst types most: `threatnet --help` and `threatnet claims`
(and `facts ACTOR`) on a small store, each in a fresh process, as from a shell.

The store is built once (corpus/dev ingested into a temporary SQLite file, or the
store `--db` names); then each command runs N times and the median, best and worst
wall times are printed, with the CPU time (user + system) of the median run, which a
busy machine inflates less than the wall time. Targets of the project: `--help`
under 0.5 s, `claims` under 1 s.

    .venv/bin/python bench/cli_latency.py               # 5 runs each
    .venv/bin/python bench/cli_latency.py -n 10 --db sqlite:///out/demo.db
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ACTOR = "Balochistan Liberation Army"


def threatnet(*args: str) -> list[str]:
    return [sys.executable, "-m", "threatnet", *args]


def timed(command: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the child) of one run; its output is discarded."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"{' '.join(command[2:])}: exit {done.returncode}: {done.stderr.strip()}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=5, help="runs of each command")
    parser.add_argument("--db", help="a store to query (default: corpus/dev ingested into "
                                     "a temporary SQLite file)")
    args = parser.parse_args()
    env_db = os.environ.pop("THREATNET_DB", None)  # the store measured is the one named here
    with tempfile.TemporaryDirectory() as folder:
        db = args.db or env_db
        if db is None:
            db = f"sqlite:///{Path(folder) / 'kb.db'}"
            print(f"building the store: threatnet ingest corpus/dev --db {db}", flush=True)
            subprocess.run(threatnet("ingest", str(REPO / "corpus" / "dev"), "--db", db),
                           check=True, stdout=subprocess.DEVNULL)
        commands = {"threatnet --help": threatnet("--help"),
                    "threatnet claims": threatnet("claims", "--db", db),
                    f"threatnet facts '{ACTOR}'": threatnet("facts", ACTOR, "--db", db)}
        print(f"{'command':<44} {'median':>8} {'best':>8} {'worst':>8} {'cpu':>8}  ({args.n} runs)")
        for label, command in commands.items():
            timed(command)  # warm the file cache
            runs = sorted((timed(command) for _ in range(args.n)), key=lambda r: r[0])
            walls = [w for w, _ in runs]
            cpu = runs[len(runs) // 2][1]
            print(f"{label:<44} {statistics.median(walls):>7.2f}s {walls[0]:>7.2f}s "
                  f"{walls[-1]:>7.2f}s {cpu:>7.2f}s")


if __name__ == "__main__":
    main()
