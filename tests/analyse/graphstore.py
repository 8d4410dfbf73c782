"""A store for the graph tests: the project's dev corpus plus reports written here.

Nothing outside the repository: `corpus/dev` and `data/bla-ttp-drones-2024.txt`, a
report written for these tests (June 2024; the facts are public, the wording ours),
which gives Iran —supplies→ Al-Qaeda and Taliban —supplies→ BLA (and TTP
—cooperates_with→ BLA, the BLA's drones held and denied); the extractor finds no
Al-Qaeda → Taliban hop there, nor the TTP's and BLA's hostility to Pakistan that
the report gives as the reason for their cooperation. DRONE_PIPELINE states those
(dated before the drones report); LET_JEM is a later report for the `--as-of`
tests. Built once per session (the extractor takes seconds).
"""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "corpus" / "dev"
# the dev reports the graph tests were written against (the corpus may grow)
DEV_REPORTS = ["dev-jaffar-express-bla", "dev-jaish-al-adl-iran", "dev-kabul-airport-iskp",
               "dev-let-trf-kashmir", "dev-ttp-merger-2020"]
DRONES_REPORT = Path(__file__).resolve().parent / "data" / "bla-ttp-drones-2024.txt"
SEED_DATE = "2024-06-26"

# (file name, published, text)
REPORTS = [
    ("drone-pipeline.txt", "2024-03-10",
     "According to a UN monitoring team report, Al-Qaeda supplied armed drones to the "
     "Taliban in 2023. Tehrik-i-Taliban Pakistan fights Pakistan in Waziristan. "
     "The Balochistan Liberation Army attacks Pakistan regularly.\n"),
    ("let-jem.txt", "2025-02-01",
     "Jaish-e-Mohammed receives weapons from Lashkar-e-Taiba.\n"),
]

_built: dict[str, str] = {}


def dev_store_url(tmp_path_factory, extractor) -> str:
    """The URL of a SQLite store holding the dev corpus and REPORTS (built once)."""
    if "url" not in _built:
        from threatnet.batch import ingest
        from threatnet.store import Store

        folder = tmp_path_factory.mktemp("graph")
        url = f"sqlite:///{folder / 'kb.db'}"
        with Store(url) as store:
            paths = [str(CORPUS / f"{name}.txt") for name in DEV_REPORTS]
            summary = ingest(store, [*paths, str(DRONES_REPORT)], extractor)
            assert not summary.failed, summary.failed
            for name, published, text in REPORTS:
                path = folder / name
                path.write_text(text, encoding="utf-8")
                summary = ingest(store, [str(path)], extractor, published)
                assert not summary.failed, summary.failed
        _built["url"] = url
    return _built["url"]
