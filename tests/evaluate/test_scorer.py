"""The vendored scorer: run as a script it agrees with `threatnet eval` on the project's own
corpus; it links unnamed gold entities by their mentions; and, when the published scorer
and its corpus are checked out beside the project (../shared), it agrees with them too."""

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
CORPUS_DEV = REPO / "corpus" / "dev"
VENDORED = Path(reference.__file__)
SHARED = REPO.parent / "shared"
SHARED_DEV = SHARED / "corpus" / "dev"
SCORE_PY = SHARED / "eval" / "score.py"

# (gold corpus, scorer script): the project's own always; the published pair when present
SCORERS = [pytest.param(CORPUS_DEV, VENDORED, id="vendored")]
if SCORE_PY.is_file() and SHARED_DEV.is_dir():
    SCORERS += [pytest.param(SHARED_DEV, SCORE_PY, id="shared"),
                pytest.param(CORPUS_DEV, SCORE_PY, id="shared-on-project-corpus")]


def _without_documents(totals: dict) -> dict:
    return {k: v for k, v in totals.items() if k != "documents"}


def _script_totals(script: Path, gold_dir: Path, pred_dir: Path) -> dict:
    proc = subprocess.run(
        [sys.executable, str(script), "--gold-dir", str(gold_dir), "--pred-dir",
         str(pred_dir), "--json"],
        capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    # the scorer reports an unreadable prediction on stderr and scores it empty
    assert "unreadable prediction" not in proc.stderr, proc.stderr
    return json.loads(proc.stdout)


def _write_predictions(gold_dir: Path, pred_dir: Path, extractor) -> None:
    pairs = runner.gold_pairs(gold_dir)
    documents = [read_document(str(text)) for _, text in pairs]
    for (gold, _), record in zip(pairs, extractor.extract_many(documents), strict=True):
        name = gold.name[: -len(".gold.json")] + ".json"
        (pred_dir / name).write_text(json.dumps(record.to_dict(), ensure_ascii=False),
                                     encoding="utf-8")


_runs: dict[Path, tuple] = {}


@pytest.fixture
def scored(tmp_path_factory, extractor):
    """For a gold folder: predictions on disk and our runner's scores (once per folder)."""
    def run(gold_dir: Path) -> tuple:
        if gold_dir not in _runs:
            pred_dir = tmp_path_factory.mktemp("pred")
            _write_predictions(gold_dir, pred_dir, extractor)
            scores, overall = runner.evaluate(gold_dir, extractor)
            _runs[gold_dir] = (pred_dir, scores, overall)
        return _runs[gold_dir]
    return run


@pytest.mark.parametrize(("gold_dir", "script"), SCORERS)
def test_scorer_script_agrees_with_the_runner(scored, gold_dir, script):
    pred_dir, scores, ours = scored(gold_dir)
    theirs = _script_totals(script, gold_dir, pred_dir)
    assert len(scores) == len(list(gold_dir.glob("*.gold.json")))
    assert _without_documents(ours) == _without_documents(theirs)
    assert ours["documents"] == theirs["documents"] == len(scores)
    assert theirs["evidence_valid"] == 1.0


@pytest.mark.parametrize(("gold_dir", "script"), SCORERS)
def test_scorer_script_agrees_per_file(scored, gold_dir, script, tmp_path):
    """Per report too: a compensating pair of differences would hide in the totals."""
    pred_dir, scores, _ = scored(gold_dir)
    for score in scores:
        single = tmp_path / f"gold-{score.name}"
        single.mkdir()
        for suffix in (".gold.json", ".txt"):
            src = gold_dir / f"{score.name}{suffix}"
            (single / src.name).write_bytes(src.read_bytes())
        theirs = _script_totals(script, single, pred_dir)
        assert _without_documents(theirs) == score.summary, score.name


@pytest.mark.skipif(not SCORE_PY.is_file(),
                    reason=f"no published scorer to compare the vendored code with ({SCORE_PY})")
def test_vendored_code_matches_shared_source():
    """The scoring functions are the published ones, line for line (the header aside)."""
    ours = VENDORED.read_text(encoding="utf-8")
    theirs = SCORE_PY.read_text(encoding="utf-8")
    start = "SYMMETRIC = "
    assert ours[ours.index(start):] == theirs[theirs.index(start):]


INCIDENT_TEXT = ("Gunmen attacked a police post in Bannu on Monday. "
                 "The Taliban claimed responsibility for the attack.")
INCIDENT_GOLD = {
    "entities": [
        {"name": "Tehrik-i-Taliban Pakistan", "types": ["armed_group"],
         "aliases": ["Taliban", "TTP"]},
        {"name": "Bannu police post attack", "types": ["event"],
         "mentions": ["attacked a police post in Bannu", "the attack"]},
    ],
    "claims": [
        {"subject": "Tehrik-i-Taliban Pakistan", "predicate": ["perpetrated"],
         "object": "Bannu police post attack", "polarity": "affirmed",
         "modality": ["alleged"], "source": "The Taliban",
         "evidence": "The Taliban claimed responsibility for the attack"},
    ],
}


def _incident_prediction(mention: str) -> dict:
    start = INCIDENT_TEXT.index(mention)
    evidence = "The Taliban claimed responsibility for the attack."
    ev_start = INCIDENT_TEXT.index(evidence)
    return {
        "entities": [
            {"id": "e1", "name": "Taliban", "types": ["armed_group"],
             "mentions": [{"text": "Taliban", "start": ev_start + 4, "end": ev_start + 11}]},
            {"id": "e2", "name": "shooting of a police post, Bannu, 2024-06-24",
             "types": ["event"],
             "mentions": [{"text": mention, "start": start, "end": start + len(mention)}]},
        ],
        "claims": [
            {"id": "c1", "subject": "e1", "predicate": "perpetrated", "object": "e2",
             "polarity": "affirmed", "modality": "alleged", "source": "The Taliban",
             "evidence": {"text": evidence, "start": ev_start,
                          "end": ev_start + len(evidence)}},
        ],
    }


def test_unnamed_gold_entity_is_linked_by_an_overlapping_mention():
    found = reference.totals([reference.score_pair(
        INCIDENT_GOLD, _incident_prediction("police post"), INCIDENT_TEXT)])
    assert (found["entity_recall"], found["claim_recall"]) == (1.0, 1.0)
    # a mention elsewhere in the text names no gold entity: the claim is then unmatched
    missed = reference.totals([reference.score_pair(
        INCIDENT_GOLD, _incident_prediction("on Monday"), INCIDENT_TEXT)])
    assert missed["claim_recall"] == 0.0 and missed["entity_recall"] == 0.5
    # without the text the snippets cannot be placed
    blind = reference.totals([reference.score_pair(
        INCIDENT_GOLD, _incident_prediction("police post"), None)])
    assert blind["claim_recall"] == 0.0


def test_eval_on_project_corpus(cli_extractor):
    result = CliRunner().invoke(cli.app, ["eval", str(CORPUS_DEV), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    golds = len(list(CORPUS_DEV.glob("*.gold.json")))
    assert golds >= 5
    assert report["overall"]["documents"] == golds
    assert len(report["files"]) == golds
    assert report["overall"]["evidence_valid"] == 1.0
    assert report["overall"]["entity_recall"] > 0.3
