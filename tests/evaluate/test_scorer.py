"""The vendored scorer agrees with the shared reference scorer, and `eval` runs on our corpus."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from threatnet import cli
from threatnet.evaluate import reference, runner
from threatnet.ingest import read_document

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
SHARED_DEV = SHARED / "corpus" / "dev"
SCORE_PY = SHARED / "eval" / "score.py"

needs_shared = pytest.mark.skipif(
    not (SCORE_PY.is_file() and SHARED_DEV.is_dir()),
    reason=f"the shared scorer and corpus ({SCORE_PY}, {SHARED_DEV}) are not checked out",
)


def _without_documents(totals: dict) -> dict:
    return {k: v for k, v in totals.items() if k != "documents"}


def _shared_totals(gold_dir: Path, pred_dir: Path) -> dict:
    proc = subprocess.run(
        [sys.executable, str(SCORE_PY), "--gold-dir", str(gold_dir), "--pred-dir",
         str(pred_dir), "--json"],
        capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    # the shared scorer reports an unreadable prediction on stderr and scores it empty
    assert "unreadable prediction" not in proc.stderr, proc.stderr
    return json.loads(proc.stdout)


def _write_predictions(gold_dir: Path, pred_dir: Path, extractor) -> None:
    pairs = runner.gold_pairs(gold_dir)
    documents = [read_document(str(text)) for _, text in pairs]
    for (gold, _), record in zip(pairs, extractor.extract_many(documents), strict=True):
        name = gold.name[: -len(".gold.json")] + ".json"
        (pred_dir / name).write_text(json.dumps(record.to_dict(), ensure_ascii=False),
                                     encoding="utf-8")


@pytest.fixture(scope="module")
def shared_run(tmp_path_factory, extractor):
    """Predictions for the shared dev corpus on disk, and our runner's scores of them."""
    pred_dir = tmp_path_factory.mktemp("pred")
    _write_predictions(SHARED_DEV, pred_dir, extractor)
    scores, overall = runner.evaluate(SHARED_DEV, extractor)
    return pred_dir, scores, overall


@needs_shared
def test_vendored_scorer_agrees_with_shared(shared_run):
    pred_dir, scores, ours = shared_run
    shared = _shared_totals(SHARED_DEV, pred_dir)
    assert len(scores) == len(list(SHARED_DEV.glob("*.gold.json")))
    assert _without_documents(ours) == _without_documents(shared)
    assert ours["documents"] == shared["documents"] == len(scores)
    assert shared["evidence_valid"] == 1.0


@needs_shared
def test_vendored_scorer_agrees_per_file(shared_run, tmp_path):
    """Per report too: a compensating pair of differences would hide in the totals."""
    pred_dir, scores, _ = shared_run
    for score in scores:
        single = tmp_path / f"gold-{score.name}"
        single.mkdir()
        for suffix in (".gold.json", ".txt"):
            src = SHARED_DEV / f"{score.name}{suffix}"
            (single / src.name).write_bytes(src.read_bytes())
        shared = _shared_totals(single, pred_dir)
        assert _without_documents(shared) == score.summary, score.name


@needs_shared
def test_vendored_code_matches_shared_source():
    """The scoring functions are the shared ones, line for line (the CLI part aside)."""
    ours = Path(reference.__file__).read_text(encoding="utf-8")
    theirs = SCORE_PY.read_text(encoding="utf-8")
    start = "SYMMETRIC = "
    assert ours[ours.index(start):] == theirs[theirs.index(start):]


def test_eval_on_project_corpus(cli_extractor):
    result = CliRunner().invoke(cli.app, ["eval", str(REPO / "corpus" / "dev"), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["overall"]["documents"] == 5
    assert len(report["files"]) == 5
    assert report["overall"]["evidence_valid"] == 1.0
    assert report["overall"]["entity_recall"] > 0.3
