"""The review commands driven as a user would: the terminal flow with keys typed in,
one-shot decisions, `claims --status`, `review history --format csv`, `reextract` and
their one-line errors (SQLite; both backends are covered in test_review.py)."""

from __future__ import annotations

import csv
import dataclasses
import io
import json

import pytest
from reviewdata import QUETTA, find
from typer.testing import CliRunner

from threatnet import cli
from threatnet.ingest import document_from_text
from threatnet.store import Store, review
from threatnet.store.review_views import history, list_claims

OLD = "threatnet-0.0.1"


@pytest.fixture
def run(cli_extractor, monkeypatch):
    monkeypatch.delenv("THREATNET_DB", raising=False)
    monkeypatch.setenv("THREATNET_REVIEWER", "alice")
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None):
        return runner.invoke(cli.app, list(args), input=input)

    return invoke


@pytest.fixture
def db(tmp_path, quetta) -> str:
    url = f"sqlite:///{tmp_path / 'kb.db'}"
    with Store(url) as store:
        store.save(quetta)
    return url


def test_terminal_flow_takes_a_key_per_decision(run, db):
    order = [c["predicate"] for c in list_claims(Store(db))]
    # accept, a key that means nothing, correct (a bad line, then a good one), reject, quit
    keys = "a" + "x" + "c" + "modality=sure\nmodality=alleged\n\n" + "r" + "q"
    result = run("review", "--db", db, input=keys)
    assert result.exit_code == 0, result.output
    assert "'x' is no key here" in result.stderr
    assert "modality 'sure'" in result.stderr
    left = len(order) - 3  # QUETTA's attack is an incident too: its claims wait their turn
    assert f"reviewed: 1 accepted, 1 corrected, 1 rejected; skipped 0; {left} not seen" in \
        result.stdout
    assert QUETTA.splitlines()[0] in result.stdout  # the sentence is shown
    claims = list_claims(Store(db))
    assert [c["status"] for c in claims] == ["accepted", "corrected", "rejected"] + \
        ["unreviewed"] * left
    assert claims[1]["modality"] == "alleged" and claims[1]["machine"]["predicate"] == order[1]
    assert {h["reviewer"] for h in history(Store(db))} == {"alice"}
    # the next run shows only what is left
    again = run("review", "--db", db, input="s")
    assert f"skipped 1; {left - 1} not seen" in again.stdout


def test_flow_for_one_actor_and_document(run, db, quetta):
    none = run("review", "--db", db, "--actor", "Taliban", "--document",
               quetta.document.id[:16], input="q")
    assert none.exit_code == 0 and "0 not seen" not in none.stdout
    bad = run("review", "--db", db, "--document", "nosuchdoc")
    assert bad.exit_code == 1 and "no document 'nosuchdoc'" in bad.stderr


def test_one_shot_decisions_and_claims_by_status(run, db):
    claims = list_claims(Store(db))
    drones = find(claims, "possesses", "small drones")
    ok = run("review", "reject", str(drones["id"]), "--db", db, "--note", "recon only")
    assert ok.exit_code == 0 and "rejected (version 1)" in ok.stdout
    rows = json.loads(run("claims", "--status", "rejected", "--db", db, "--format", "json")
                      .stdout)
    assert [r["id"] for r in rows] == [drones["id"]] and rows[0]["status"] == "rejected"
    assert len(json.loads(run("claims", "--status", "unreviewed", "--db", db, "--format",
                              "json").stdout)) == len(claims) - 1
    fixed = run("review", "correct", str(claims[0]["id"]), "--db", db, "--source", "police",
                "--polarity", "negated")
    assert fixed.exit_code == 0 and "[negated, asserted, police]" in fixed.stdout
    audit = list(csv.DictReader(io.StringIO(
        run("review", "history", "--db", db, "--format", "csv").stdout)))
    assert [(r["action"], r["reviewer"], r["note"]) for r in audit] == \
        [("reject", "alice", "recon only"), ("correct", "alice", "")]
    assert "possesses" in audit[0]["machine"] and "negated" in audit[1]["correction"]


@pytest.mark.parametrize("args, message", [
    (["claims", "--status", "maybe"], "--status 'maybe': choose unreviewed"),
    (["review", "accept", "999999"], "claim 999999 does not exist"),
    (["review", "correct", "{id}", "--predicate", "supportz"], "predicate 'supportz'"),
    (["review", "correct", "{id}", "--modality", "certain"], "modality 'certain'"),
    (["review", "correct", "{id}"], "a correction needs at least one field"),
    (["review", "accept", "{id}", "--reviewer", "bob"], "accepted by carol"),
    (["review", "accept", "{id}", "--reviewer", "bob", "--expect-version", "0"],
     "changed since you saw version 0"),
])
def test_bad_input_is_one_line_and_loses_nothing(run, db, args, message):
    claim_id = list_claims(Store(db))[0]["id"]
    review.accept(Store(db), claim_id, "carol")
    result = run(*[a.format(id=claim_id) for a in args], "--db", db)
    assert result.exit_code == 1
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output
    after = review.item(Store(db), claim_id)
    assert (after["status"], after["version"], after["reviewer"]) == ("accepted", 1, "carol")


def test_reextract_keeps_decisions_and_lists_the_ones_it_cannot_reattach(run, tmp_path,
                                                                          quetta, extractor):
    url = f"sqlite:///{tmp_path / 'kb.db'}"
    # the old extractor read the drones sentence as `uses`; the current one reads `possesses`
    old_claims = [dataclasses.replace(c, predicate="uses") if c.predicate == "possesses"
                  else c for c in quetta.claims]
    other = extractor.extract(document_from_text(
        "The TTP attacked a police station in Bannu.\nPublished on May 2, 2025.\n",
        source="bannu.txt"))
    with Store(url) as store:
        store.save(dataclasses.replace(quetta, claims=old_claims, extractor_version=OLD))
        store.save(dataclasses.replace(other, extractor_version="threatnet-0.0.5"))
        claims = list_claims(store, document="quetta.txt")
        review.reject(store, find(claims, "uses", "small drones")["id"], "alice")
        review.accept(store, find(claims, "attacks", "attacked")["id"], "alice")
    only = run("reextract", "--db", url, "--since", "threatnet-0.0.5")
    assert only.exit_code == 0 and "1 re-extracted" in only.stdout and \
        "0 re-attached" in only.stdout
    result = run("reextract", "--db", url)
    assert result.exit_code == 0, result.output
    assert "1 re-extracted, 0 unchanged, 0 failed; decisions: 1 re-attached, 1 could not " \
           "be re-attached" in result.stdout
    assert "small drones" in result.stdout and "uses" in result.stdout
    left = json.loads(run("review", "history", "--unattached", "--db", url, "--format",
                          "json").stdout)
    assert [(d["status"], d["attached"]) for d in left] == [("rejected", False)]
    # (Bannu's police station is a target too now: look in the Quetta report)
    assert find(list_claims(Store(url), document="quetta.txt"), "attacks",
                "attacked")["status"] == "accepted"
    nothing = run("reextract", "--db", url)
    assert "0 re-extracted" in nothing.stdout
