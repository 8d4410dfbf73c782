"""A store for the graph tests: the shared dev corpus plus short reports written here.

The dev corpus's seed report gives Iran —supplies→ Al-Qaeda and Taliban
—supplies→ BLA (and TTP —cooperates_with→ BLA); the extractor finds no
Al-Qaeda → Taliban hop there, nor the TTP's and BLA's hostility to Pakistan
that the report gives as the reason for their cooperation. DRONE_PIPELINE
states those (dated before the seed report); LET_JEM is a later report for
the `--as-of` tests. Built once per session (the extractor takes seconds).
"""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO.parent / "shared" / "corpus" / "dev"
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
    if not CORPUS.is_dir():
        pytest.skip(f"the shared dev corpus is absent ({CORPUS})")
    if "url" not in _built:
        from threatnet.batch import ingest
        from threatnet.store import Store

        folder = tmp_path_factory.mktemp("graph")
        url = f"sqlite:///{folder / 'kb.db'}"
        with Store(url) as store:
            summary = ingest(store, [str(CORPUS)], extractor)
            assert not summary.failed, summary.failed
            for name, published, text in REPORTS:
                path = folder / name
                path.write_text(text, encoding="utf-8")
                summary = ingest(store, [str(path)], extractor, published)
                assert not summary.failed, summary.failed
        _built["url"] = url
    return _built["url"]
