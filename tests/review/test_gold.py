"""Reviews as gold: exported gold of a reviewed document scores 1.0 against the reviewed
claims with the project's scorer (in process and as a script, and with the published
scorer too when ../shared is checked out), and `threatnet eval` measures the current
extractor against the analyst's judgements."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from reviewdata import find
from typer.testing import CliRunner

from threatnet import cli
from threatnet.evaluate import reference
from threatnet.evaluate.gold import export_gold, reviewed_record
from threatnet.store import review
from threatnet.store.review_views import list_claims

SHARED_SCORE_PY = Path(__file__).resolve().parents[3] / "shared" / "eval" / "score.py"
SCRIPTS = [Path(reference.__file__)] + ([SHARED_SCORE_PY] if SHARED_SCORE_PY.is_file() else [])


def review_quetta(store, quetta) -> None:
    store.save(quetta)
    claims = list_claims(store)
    review.accept(store, find(claims, "attacks", "attacked")["id"], "alice")
    review.reject(store, find(claims, "possesses", "small drones")["id"], "alice")
    review.correct(store, find(claims, "cooperates_with", "did not")["id"], "alice",
                   {"modality": "alleged", "source": "a CTD official"})


def test_gold_format_follows_the_reviews(store, quetta, tmp_path):
    review_quetta(store, quetta)
    [(_, path)] = export_gold(store, tmp_path)
    gold = json.loads(path.read_text(encoding="utf-8"))
    assert gold["document"] == "quetta.txt" and (tmp_path / "quetta.txt").read_text() == \
        quetta.document.text
    by_predicate = {c["predicate"][0]: c for c in gold["claims"]}
    assert "possesses" not in by_predicate  # rejected: out of the gold
    assert by_predicate["cooperates_with"]["modality"] == ["alleged"]
    assert by_predicate["cooperates_with"]["source"] == "a CTD official"
    assert "required" not in by_predicate["attacks"]
    assert by_predicate["operates_in"]["required"] is False  # nobody looked at it
    assert all(quetta.document.text.find(c["evidence"]) >= 0 for c in gold["claims"])


def test_exported_gold_scores_one_against_the_reviewed_claims(store, quetta, tmp_path):
    review_quetta(store, quetta)
    [(document_id, path)] = export_gold(store, tmp_path / "gold")
    record = reviewed_record(store, document_id)
    pred = tmp_path / "pred"
    pred.mkdir()
    (pred / "quetta.json").write_text(json.dumps(record), encoding="utf-8")
    gold = json.loads(path.read_text(encoding="utf-8"))
    ours = reference.totals([reference.score_pair(gold, record, quetta.document.text)])
    scripts = [json.loads(subprocess.run(
        [sys.executable, str(script), "--gold-dir", str(tmp_path / "gold"), "--pred-dir",
         str(pred), "--json"], check=True, capture_output=True, text=True).stdout)
        for script in SCRIPTS]
    for scores in (ours, *scripts):
        assert (scores["claim_f1"], scores["entity_f1"], scores["modality_accuracy"],
                scores["source_accuracy"], scores["false_certainties"]) == (1.0, 1.0, 1.0,
                                                                             1.0, 0)


def test_threatnet_eval_measures_the_extractor_against_the_reviews(store, quetta, tmp_path,
                                                                   cli_extractor):
    review_quetta(store, quetta)
    result = CliRunner().invoke(cli.app, ["gold", "export", "-o", str(tmp_path),
                                          "--db", store.url])
    assert result.exit_code == 0, result.output
    scores = json.loads(CliRunner().invoke(cli.app, ["eval", str(tmp_path), "--json"])
                        .stdout)["overall"]
    # the extractor still finds the rejected drones claim and the machine's modality and
    # source of the corrected one: the analyst's gold shows both
    assert scores["claim_recall"] == 1.0
    assert scores["claim_precision"] < 1.0
    assert scores["modality_accuracy"] == pytest.approx(0.5)
    assert scores["source_accuracy"] == pytest.approx(0.5)


def test_gold_export_needs_reviews(store, quetta, tmp_path):
    store.save(quetta)
    result = CliRunner().invoke(cli.app, ["gold", "export", "-o", str(tmp_path),
                                          "--db", store.url])
    assert result.exit_code == 1 and "no reviewed documents" in result.stderr
