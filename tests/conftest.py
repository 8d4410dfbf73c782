"""Shared fixtures: one spaCy pipeline and one Extractor for the whole session.

Loading the pipeline and building the alias matcher take seconds, so every test
(the CLI tests too, through `cli_extractor`) reuses the same objects.
"""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CORPUS_DEV = REPO / "corpus" / "dev"
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def extractor():
    from threatnet.extract.pipeline import Extractor

    return Extractor()


@pytest.fixture(scope="session")
def nlp(extractor):
    return extractor.nlp


@pytest.fixture
def cli_extractor(monkeypatch, extractor):
    """Make the CLI (`threatnet.cli.common.extractor`) reuse the session extractor instead
    of building its own.

    With `--pack DIR` the CLI still loads (and validates) that pack, so pack
    errors surface exactly as they would without the patch; only the spaCy
    pipeline is shared.
    """
    from threatnet.cli import common
    from threatnet.extract.pipeline import Extractor
    from threatnet.resolve.pack import load_actor_pack

    def factory(pack: Path | None):
        if pack is None:
            return extractor
        return Extractor(pack=load_actor_pack(pack), nlp=extractor.nlp)

    monkeypatch.setattr(common, "extractor", factory)
    return extractor


@pytest.fixture(scope="session")
def dev_reports() -> list[Path]:
    reports = sorted(CORPUS_DEV.glob("*.txt"))
    assert reports, f"no reports in {CORPUS_DEV}"
    return reports


def assert_record_consistent(record: dict, text: str) -> None:
    """The invariants of every extraction record (as a dict) against its document text.

    Mentions and evidence point at their own text; claims name entities of the
    record; confidence is a probability.
    """
    ids = {e["id"] for e in record["entities"]}
    assert len(ids) == len(record["entities"]), "entity ids are not unique"
    for entity in record["entities"]:
        for m in entity["mentions"]:
            assert 0 <= m["start"] <= m["end"] <= len(text), (entity["id"], m)
            assert text[m["start"]:m["end"]] == m["text"], (entity["id"], m)
    claim_ids = [c["id"] for c in record["claims"]]
    assert len(set(claim_ids)) == len(claim_ids), "claim ids are not unique"
    for claim in record["claims"]:
        ev = claim["evidence"]
        assert 0 <= ev["start"] <= ev["end"] <= len(text), (claim["id"], ev)
        assert text[ev["start"]:ev["end"]] == ev["text"], (claim["id"], ev)
        assert claim["subject"] in ids, (claim["id"], claim["subject"])
        assert claim["object"] in ids, (claim["id"], claim["object"])
        assert 0.0 <= claim["confidence"] <= 1.0, (claim["id"], claim["confidence"])


@pytest.fixture(scope="session")
def check_record():
    return assert_record_consistent
