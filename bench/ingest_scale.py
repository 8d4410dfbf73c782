"""Knowledge-base ingest at scale: documents/s, peak memory and `facts ACTOR` latency.

Generates a seeded synthetic corpus (short reports written from the actor pack
with varied sentence templates: attribution, hedges, negation, time and the
main relation types), streams it through the same flow as `threatnet ingest`
(skip what is stored, `Extractor.extract_many` in batches, `Store.save` one
document per transaction) into a fresh store, then times `Store.facts` for the
corpus's most frequent actor. Each (backend, size) runs in a fresh subprocess
of this script, so its peak RSS (VmHWM) is that run's alone; the ratio of the
largest to the smallest size's peak shows whether memory stays flat.

SQLite is a file in a temporary folder; PostgreSQL is a server this script
starts itself (initdb + pg_ctl in a temporary folder, Unix socket only, as the
`postgres` user when run as root) and stops at the end.

    .venv/bin/python bench/ingest_scale.py                        # 1,000 and 10,000 reports
    .venv/bin/python bench/ingest_scale.py --sizes 200,1000 --backends sqlite
    .venv/bin/python bench/ingest_scale.py --detection --sizes 10000 --backends sqlite

`--detection` times `Store.save` alone (records built by hand, no extractor) with
near-duplicate detection off and then on, and prints the on/off ratio of wall time and
of the process's CPU time (the steadier figure on a shared machine).
`--no-detection` runs the whole ingest (extraction and save) with detection off: its
documents/s beside a run without it is what detection costs an ingest.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from threatnet.model import EntityType
from threatnet.resolve.pack import PackEntry, load_actor_pack

BACKENDS = ("sqlite", "postgresql")
FACTS_RUNS = 5
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
GENERIC_SOURCES = ["local officials", "a police spokesman", "security sources", "analysts",
                   "residents", "a senior intelligence official"]
NAMED_SOURCES = ["the United Nations", "Human Rights Watch", "Amnesty International", "Reuters",
                 "the BBC", "Inter-Services Public Relations", "the Pakistan Army",
                 "the Counter Terrorism Department", "the Ministry of Interior",
                 "the National Counter Terrorism Authority"]

# One or two sentences each. Slots: G (the report's group), G2 (another group), S (a
# state), P (a person), L (a location), C (a capability), POP (a population), T (a
# target), GOV (a government body), SRC (a source), Y (a year), WHEN (a time phrase).
TEMPLATES = [
    "According to {SRC}, {G} attacked {T} in {L} {WHEN}.",
    "{SRC_} said that {G} had targeted {POP} in {L}.",
    "{G} reportedly possesses {C}.",
    "{G} may possess {C}, {SRC} said.",
    "{G} has not attacked {T} since {Y}.",
    "{S} has supported {G} since {Y}.",
    "{S} does not support {G}, according to {SRC}.",
    "{G} cooperates with {G2} in {L}.",
    "{G} has operated in {L} since {Y}.",
    "{P} leads {G}.",
    "{G} is led by {P}, {SRC} said.",
    "Officials believe that {G} targets {POP}.",
    "{G} has not cooperated with {G2}, {SRC} said.",
    "In {Y}, {G} reportedly attacked {GOV} in {L}.",
    "{G} allegedly possesses {C} and operates in {L}.",
    "According to {SRC}, {G} operates in {L}. They also possess {C}.",
    "{G} fighters attacked {GOV} near {L} {WHEN}.",
    "{G} might be supporting {G2}.",
]


# -- the synthetic corpus --------------------------------------------------------------

def _ascii_names(entry: PackEntry) -> list[str]:
    """The canonical name, plus aliases written in plain ASCII (the corpus is English)."""
    names = [entry.name]
    names += [a.name for a in entry.aliases
              if a.lang in (None, "en") and a.name.isascii() and len(a.name) > 3
              and a.name not in names]
    return names


class Corpus:
    """Seeded short reports from the actor pack, one at a time: never all in memory."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        pack = load_actor_pack()

        def of(*types: EntityType) -> list[PackEntry]:
            return [e for e in pack.entries.values() if e.type in types]

        self.groups = of(EntityType.ARMED_GROUP)
        # Zipf-like weights: a few groups are in most reports, as in real reporting;
        # the first is the "frequent actor" whose facts are timed
        self.group_weights = [1 / (rank + 1) for rank in range(len(self.groups))]
        self.states = of(EntityType.STATE)
        self.people = of(EntityType.PERSON)
        self.locations = of(EntityType.LOCATION)
        self.capabilities = [e for e in of(EntityType.CAPABILITY)  # weapons, not tactics
                             if e.id != "tactic" and "tactic" not in pack.ancestors(e.id)]
        self.populations = of(EntityType.POPULATION)
        self.government = of(EntityType.GOVERNMENT_BODY)
        self.targets = self.states + self.populations + self.government + \
            of(EntityType.INFRASTRUCTURE)

    @property
    def frequent_actor(self) -> str:
        return self.groups[0].name

    def reports(self, n: int) -> Iterator[tuple[str, str]]:
        """(source, text) for n distinct reports; the same n and seed give the same texts."""
        rng = random.Random(self.seed)
        for i in range(n):
            yield f"synthetic/report-{i + 1:05d}.txt", self._report(rng, i + 1)

    def _report(self, rng: random.Random, number: int) -> str:
        group = rng.choices(self.groups, weights=self.group_weights)[0]
        body = " ".join(self._sentence(rng, group) for _ in range(rng.randint(3, 8)))
        published = date(2015, 1, 1) + timedelta(days=rng.randrange(11 * 365))
        month = MONTHS[published.month - 1]
        written = rng.choice([f"{month} {published.day}, {published.year}",
                              f"{published.day} {month} {published.year}",
                              published.isoformat()])
        # the serial number makes every text, hence every document id, distinct
        lines = [body, f"Security brief {number:05d}. "
                       f"This report was first published on {written}."]
        return "\n\n".join(lines) + "\n"

    def _sentence(self, rng: random.Random, group: PackEntry) -> str:
        other = rng.choice([g for g in rng.sample(self.groups, 3) if g is not group])

        def name(entry: PackEntry) -> str:
            """Groups and states go by an alias one time in five; the rest by their name."""
            if entry.type not in (EntityType.ARMED_GROUP, EntityType.STATE):
                return entry.name
            names = _ascii_names(entry)
            return names[0] if len(names) == 1 or rng.random() < 0.8 else rng.choice(names[1:])

        roll = rng.random()
        source = (rng.choice(GENERIC_SOURCES) if roll < 0.4 else
                  rng.choice(self.people).name if roll < 0.5 else rng.choice(NAMED_SOURCES))
        year = rng.randint(2005, 2024)
        when = rng.choice([f"in {rng.choice(MONTHS)} {year}", f"on {rng.randint(1, 28)} "
                           f"{rng.choice(MONTHS)} {year}", "last week", "on Tuesday",
                           f"in late {year}"])
        slots = {
            "G": name(group), "G2": name(other), "S": name(rng.choice(self.states)),
            "P": name(rng.choice(self.people)), "L": name(rng.choice(self.locations)),
            "C": name(rng.choice(self.capabilities)),
            "POP": name(rng.choice(self.populations)),
            "T": name(rng.choice(self.targets)), "GOV": name(rng.choice(self.government)),
            "SRC": source, "SRC_": source[0].upper() + source[1:], "Y": year, "WHEN": when,
        }
        text = rng.choice(TEMPLATES).format(**slots)
        return text[0].upper() + text[1:]


# -- one (backend, size) run, in its own process -------------------------------------------

def _status_kb(field: str) -> int | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return None


def _rss_mb(field: str) -> float:
    """VmRSS / VmHWM (peak) of this process in MB; ru_maxrss where /proc is missing."""
    kb = _status_kb(field)
    if kb is None:
        import resource

        kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KB on Linux
    return kb / 1024


def worker(url: str, reports: int, seed: int, batch_size: int, detect: bool = True) -> dict:
    from threatnet.batch import BATCH
    from threatnet.extract.pipeline import Extractor
    from threatnet.ingest import document_from_text
    from threatnet.store import Store

    corpus = Corpus(seed)
    extractor = Extractor()
    store = Store(url, copies=detect)
    list(extractor.extract_many([document_from_text("Warm-up. The BLA attacked the army.",
                                                    source="warm-up")]))
    base = _rss_mb("VmRSS")
    words = new = 0
    pending = []
    save_s = 0.0
    start = time.perf_counter()

    def flush() -> None:
        nonlocal new, save_s
        for record in extractor.extract_many(pending, batch_size=batch_size):
            t = time.perf_counter()
            new += store.save(record) == "new"
            save_s += time.perf_counter() - t
        pending.clear()
        gc.collect()  # as threatnet.batch does after each batch

    # the flow of threatnet.batch.ingest, over generated texts instead of files
    for source, text in corpus.reports(reports):
        words += len(text.split())
        document = document_from_text(text, source=source)
        if store.status(document.id, extractor.version) == "unchanged":
            continue
        pending.append(document)
        if len(pending) >= BATCH:
            flush()
    flush()
    elapsed = time.perf_counter() - start
    peak_ingest = _rss_mb("VmHWM")

    actor = corpus.frequent_actor
    timings, facts = [], []
    for _ in range(FACTS_RUNS):
        t = time.perf_counter()
        facts = store.facts(actor)
        timings.append(time.perf_counter() - t)
    counts = store.counts()
    store.close()
    return {"reports": reports, "new": new, "words": words, "seconds": elapsed,
            "save_seconds": save_s, "base_rss_mb": base, "peak_rss_mb": peak_ingest,
            "peak_rss_facts_mb": _rss_mb("VmHWM"), "actor": actor,
            "facts": len(facts), "facts_claims": sum(len(f["claims"]) for f in facts),
            "facts_ms": statistics.median(timings) * 1000, **counts}


# -- near-duplicate detection on against off ------------------------------------------------

SMALL = [  # (template, predicate): the sentences of a small synthetic report
    ("{G} attacked {T} in {L} on {D}, killing {N} people.", "attacks"),
    ("{G} has used {C} against {T} for several years, officials said.", "uses"),
    ("{G} is hostile to {S} and has carried out attacks across {L}.", "hostile_to"),
    ("Security forces launched an operation in {L} after the attack on {T}.", None),
    ("Residents of {L} said the fighting lasted for several hours on {D}.", None),
]
SWAP = [("attacked", "struck"), ("killing", "leaving dead"), ("several", "many"),
        ("launched", "began"), ("lasted", "went on"), ("officials", "authorities"),
        ("carried out", "mounted"), ("Residents", "People")]


def small_records(n: int, seed: int, copies: float = 0.1) -> list:
    """n small reports built with their entities and claims (no extractor): a tenth are
    lightly edited copies of an earlier one (another outlet line, ~10% of words changed)."""
    from threatnet.ingest import document_from_text
    from threatnet.model import (
        Claim,
        Entity,
        Evidence,
        ExtractionRecord,
        Mention,
        Modality,
        Polarity,
    )

    corpus = Corpus(seed)
    rng = random.Random(seed)
    names = {"G": corpus.groups, "T": corpus.targets, "L": corpus.locations,
             "C": corpus.capabilities, "S": corpus.states}
    stories: list[list[tuple[str, dict, str | None]]] = []
    records = []
    for i in range(n):
        if stories and rng.random() < copies:
            story = rng.choice(stories[-500:])
            swaps = rng.sample(SWAP, 3)
            story = [(t.replace(a, b, 1) if (a, b) in swaps else t, slots, p)
                     for t, slots, p in story for a, b in [rng.choice(swaps)]]
        else:
            story = []
            for template, predicate in rng.sample(SMALL, 4):
                slots = {k: rng.choice(v).name for k, v in names.items()}
                slots.update(D=f"{rng.randint(1, 28)} {rng.choice(MONTHS)} "
                               f"{rng.randint(2015, 2025)}", N=str(rng.randint(2, 30)))
                story.append((template, slots, predicate))
            stories.append(story)
        head = f"Report {i + 1:05d}\nOutlet {rng.randint(1, 40)}\n"
        text, spans = head, []
        for template, slots, predicate in story:
            sentence = template.format(**slots)
            spans.append((len(text), sentence, slots, predicate))
            text += sentence + " "
        document = document_from_text(text + "\n", source=f"small/{i + 1:05d}.txt")
        entities: dict[tuple[str, str], Entity] = {}
        claims = []
        for start, sentence, slots, predicate in spans:
            if predicate is None:
                continue
            ends = []
            for slot, kind in (("G", EntityType.ARMED_GROUP), ({"attacks": "T", "uses": "C",
                               "hostile_to": "S"}[predicate], None)):
                name = slots[slot]
                at = start + sentence.index(name)
                key = (slot, name)
                if key not in entities:
                    typ = kind or next(e.type for e in names[slot] if e.name == name)
                    entities[key] = Entity(id=f"e{len(entities) + 1}", name=name, type=typ)
                entities[key].mentions.append(Mention(at, at + len(name), name))
                ends.append(entities[key].id)
            claims.append(Claim(
                id=f"c{len(claims) + 1}", subject=ends[0], predicate=predicate, object=ends[1],
                polarity=Polarity.AFFIRMED, modality=Modality.ASSERTED,
                evidence=Evidence(start, start + len(sentence), sentence), confidence=0.9))
        records.append(ExtractionRecord(document, list(entities.values()), claims,
                                        extractor_version="bench-small"))
    return records


def detection_worker(url: str, reports: int, seed: int, detect: bool) -> dict:
    from threatnet.store import Store

    records = small_records(reports, seed)
    store = Store(url, copies=detect)
    start, cpu = time.perf_counter(), time.process_time()
    for record in records:
        store.save(record)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    with store.session() as s:
        from sqlalchemy import func, select

        from threatnet.store.schema import ClaimRow, CopyRow
        copies = s.scalar(select(func.count()).select_from(CopyRow).where(CopyRow.copy))
        origins = s.scalar(select(func.count()).select_from(ClaimRow)
                           .where(ClaimRow.origin.is_not(None)))
    store.close()
    return {"reports": reports, "seconds": elapsed, "cpu_seconds": cpu, "detect": detect,
            "copies": copies, "origins": origins}


def detection(sizes: list[int], backends: list[str], seed: int) -> None:
    """Store.save of small hand-built records, detection on against off, each run in a
    fresh store and process (off first, then on)."""
    print("detection       Store.save of small synthetic reports (no extractor), "
          "near-duplicate detection off, then on")
    for backend in backends:
        if backend == "postgresql" and not (shutil.which("initdb") and shutil.which("pg_ctl")):
            print("postgresql      skipped: initdb / pg_ctl are not on PATH", file=sys.stderr)
            continue
        server = Postgres() if backend == "postgresql" else None
        try:
            for size in sizes:
                runs = {}
                for detect in (False, True):
                    with tempfile.TemporaryDirectory(prefix="threatnet-bench-") as tmp:
                        url = server.fresh_database() if server else f"sqlite:///{tmp}/kb.db"
                        runs[detect] = _run_detection(url, size, seed, detect)
                off, on = runs[False], runs[True]
                print(f"{backend:<11}{size:>7} reports: off {off['seconds']:.1f} s "
                      f"({off['seconds'] * 1000 / size:.2f} ms/doc), on {on['seconds']:.1f} s "
                      f"({on['seconds'] * 1000 / size:.2f} ms/doc): on/off "
                      f"{on['seconds'] / off['seconds']:.3f}; CPU time of this process "
                      f"on/off {on['cpu_seconds'] / off['cpu_seconds']:.3f} "
                      f"({off['cpu_seconds']:.1f} -> {on['cpu_seconds']:.1f} s); "
                      f"{on['copies']} copies found, {on['origins']} claims given an origin",
                      flush=True)
        finally:
            if server:
                server.stop()


def _run_detection(url: str, reports: int, seed: int, detect: bool) -> dict:
    done = subprocess.run([sys.executable, __file__, "--detection-worker", "--url", url,
                           "--reports", str(reports), "--seed", str(seed),
                           *(["--detect"] if detect else [])],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"detection worker failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# -- PostgreSQL, started and stopped here ------------------------------------------------

class Postgres:
    """A throwaway PostgreSQL server in a temporary folder, reachable by Unix socket only."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="threatnet-bench-pg-"))
        self.data, self.socket = self.root / "data", self.root / "socket"
        self.socket.mkdir()
        self.as_root = os.geteuid() == 0
        if self.as_root:  # initdb refuses root: the server runs as `postgres`
            for path in (self.root, self.socket):
                shutil.chown(path, "postgres", "postgres")
        self._run(["initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust",
                   "-E", "UTF8", "--no-locale"])
        self._run(["pg_ctl", "-D", str(self.data), "-l", str(self.root / "server.log"), "-w",
                   "-o", f"-k {self.socket} -c listen_addresses=''", "start"])
        self.databases = 0

    def _run(self, cmd: list[str]) -> None:
        if self.as_root:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        done = subprocess.run(cmd, capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)} failed:\n{done.stdout}{done.stderr}")

    def fresh_database(self) -> str:
        """The URL of a new, empty database."""
        import psycopg

        self.databases += 1
        name = f"bench{self.databases}"
        with psycopg.connect(host=str(self.socket), user="postgres", dbname="postgres",
                             autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        return f"postgresql+psycopg://postgres@/{name}?host={self.socket}"

    def stop(self) -> None:
        try:
            self._run(["pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop"])
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


# -- the driver ----------------------------------------------------------------------------

def _run_worker(url: str, reports: int, seed: int, batch_size: int,
                detect: bool = True) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", "--url", url,
           "--reports", str(reports), "--seed", str(seed), "--batch-size", str(batch_size)]
    cmd += [] if detect else ["--no-detection"]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"worker for {reports} reports on {url} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _sizes(text: str) -> list[int]:
    try:
        sizes = [int(s.replace("_", "")) for s in text.split(",") if s.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a list of numbers") from None
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError("sizes must be positive")
    return sizes


def _backends(text: str) -> list[str]:
    names = [b.strip() for b in text.split(",") if b.strip()]
    for name in names:
        if name not in BACKENDS:
            raise argparse.ArgumentTypeError(f"{name!r} is not one of {', '.join(BACKENDS)}")
    return names


def _print_table(results: list[tuple[str, dict]]) -> None:
    header = (f"{'backend':<11}{'reports':>8}{'words':>9}{'docs/s':>8}{'words/s':>9}"
              f"{'save ms/doc':>12}{'base MB':>9}{'peak MB':>9}{'facts ms':>10}{'facts':>7}"
              f"{'claims':>8}")
    print(header)
    print("-" * len(header))
    for backend, r in results:
        print(f"{backend:<11}{r['reports']:>8}{r['words']:>9}{r['reports'] / r['seconds']:>8.1f}"
              f"{r['words'] / r['seconds']:>9.0f}{r['save_seconds'] * 1000 / r['reports']:>12.2f}"
              f"{r['base_rss_mb']:>9.0f}{r['peak_rss_mb']:>9.0f}{r['facts_ms']:>10.1f}"
              f"{r['facts']:>7}{r['facts_claims']:>8}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=_sizes, default=[1000, 10000],
                    help="corpus sizes in reports, comma-separated (default 1000,10000)")
    ap.add_argument("--backends", type=_backends, default=list(BACKENDS),
                    help="sqlite, postgresql or both (default sqlite,postgresql)")
    ap.add_argument("--seed", type=int, default=7, help="corpus seed (default 7)")
    ap.add_argument("--batch-size", type=int, default=8,
                    help="nlp.pipe batch size (default 8, extract_many's default)")
    ap.add_argument("--sample", type=int, metavar="N",
                    help="print the first N generated reports and exit")
    ap.add_argument("--detection", action="store_true",
                    help="time Store.save of small hand-built reports with near-duplicate "
                         "detection off and on (the on/off ratio), at --sizes")
    ap.add_argument("--no-detection", action="store_true",
                    help="ingest with near-duplicate detection off (compare the documents/s "
                         "with a run without it: the cost of detection in a whole ingest)")
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--detection-worker", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--detect", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--url", help=argparse.SUPPRESS)
    ap.add_argument("--reports", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.sample:
        for source, text in Corpus(args.seed).reports(args.sample):
            print(f"== {source}\n{text}")
        return 0
    if args.detection_worker:
        print(json.dumps(detection_worker(args.url, args.reports, args.seed, args.detect)))
        return 0
    if args.detection:
        detection(args.sizes, args.backends, args.seed)
        return 0
    if args.worker:
        print(json.dumps(worker(args.url, args.reports, args.seed, args.batch_size,
                                not args.no_detection)))
        return 0

    print(f"corpus          seed {args.seed}, sizes {', '.join(map(str, args.sizes))}; "
          f"facts of {Corpus(args.seed).frequent_actor!r}, median of {FACTS_RUNS}")
    results: list[tuple[str, dict]] = []
    for backend in args.backends:
        if backend == "postgresql" and not (shutil.which("initdb") and shutil.which("pg_ctl")):
            print("postgresql      skipped: initdb / pg_ctl are not on PATH", file=sys.stderr)
            continue
        server = Postgres() if backend == "postgresql" else None
        try:
            for size in args.sizes:
                with tempfile.TemporaryDirectory(prefix="threatnet-bench-") as tmp:
                    url = server.fresh_database() if server else f"sqlite:///{tmp}/kb.db"
                    result = _run_worker(url, size, args.seed, args.batch_size,
                                         not args.no_detection)
                results.append((backend, result))
                print(f"{backend:<15} {size} reports: {result['seconds']:.1f} s, "
                      f"{result['documents']} documents, {result['entities']} entities, "
                      f"{result['claims']} claims", flush=True)
        finally:
            if server:
                server.stop()
    print()
    _print_table(results)
    print()
    for backend in args.backends:
        runs = sorted((r for b, r in results if b == backend), key=lambda r: r["reports"])
        if len(runs) >= 2:
            small, large = runs[0], runs[-1]
            print(f"peak RSS {backend:<11} {large['reports']} / {small['reports']} reports: "
                  f"{large['peak_rss_mb'] / small['peak_rss_mb']:.2f} "
                  f"({small['peak_rss_mb']:.0f} -> {large['peak_rss_mb']:.0f} MB; "
                  f"with the facts query: {large['peak_rss_facts_mb']:.0f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
