"""The knowledge-base commands of the CLI on a SQLite store: ingest, the query commands
in each format, the analysts' corrections, `db upgrade` and `info`."""

from __future__ import annotations

import csv
import io
import json
import sqlite3

import pytest
from typer.testing import CliRunner

from threatnet import cli

QUETTA = ("The Balochistan Liberation Army (BLA) attacked a Pakistani army convoy in Quetta.\n"
          "Officials said the BLA did not cooperate with the TTP.\n"
          "This report was first published on March 20, 2025.\n")
REUTERS = ("Reuters reported that the BLA attacked a Pakistani army convoy near Turbat.\n"
           "Published on February 1, 2025.\n")
ZARGHUN = ("The Zarghun Liberation Front attacked the Pakistani army in Bannu.\n"
           "Published on April 2, 2025.\n")
ZARGHOON = ("The Zarghoon Liberation Front attacked the Pakistani army in Bannu.\n"
            "Published on April 9, 2025.\n")
ZLF, ZLF2 = "Zarghun Liberation Front", "Zarghoon Liberation Front"
SUMMARY = "documents: {} new, {} unchanged, {} re-extracted, {} failed"


@pytest.fixture
def db(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'store' / 'kb.db'}"


@pytest.fixture
def run(cli_extractor, monkeypatch, db):
    """Invoke the CLI in-process on the test's store, with the session extractor."""
    monkeypatch.delenv("THREATNET_PACK", raising=False)
    monkeypatch.delenv("THREATNET_DB", raising=False)
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None, store: bool = True):
        return runner.invoke(cli.app, [*args, *(["--db", db] if store else [])], input=input)

    return invoke


@pytest.fixture
def reports(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    for name, text in (("quetta", QUETTA), ("reuters", REUTERS), ("zarghun", ZARGHUN),
                       ("zarghoon", ZARGHOON)):
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def ingested(run, reports):
    result = run("ingest", str(reports))
    assert result.exit_code == 0, result.output
    return reports


def ok(result) -> str:
    assert result.exit_code == 0, (result.exit_code, result.output, result.exception)
    return result.stdout


def one_error(result, *fragments: str) -> str:
    assert result.exit_code == 1, (result.exit_code, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        repr(result.exception)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), lines
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])
    return lines[0]


def as_json(result) -> list[dict]:
    return json.loads(ok(result))


def as_csv(result) -> list[dict]:
    return list(csv.DictReader(io.StringIO(ok(result))))


# -- ingest -------------------------------------------------------------------------------


def test_ingest_reports_unreadable_files_and_stores_the_rest(run, reports, db):
    bad = reports / "scan.txt"
    bad.write_bytes(b"\x7fELF\x00\x01\x02\xff" * 64)
    result = run("ingest", str(reports))
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 1 and errors[0].startswith("error: "), errors
    assert str(bad) in errors[0] and "binary" in errors[0], errors
    assert "Traceback" not in result.output
    summary = result.stdout.strip().splitlines()[-1]
    assert summary.startswith(SUMMARY.format(4, 0, 0, 1)), summary
    assert "store: 4 documents" in summary

    path = db.removeprefix("sqlite:///")
    with sqlite3.connect(path) as conn:
        sources = sorted(r[0] for r in conn.execute("SELECT source FROM documents"))
    assert sources == sorted(str(reports / f"{n}.txt")
                             for n in ("quetta", "reuters", "zarghun", "zarghoon"))

    again = run("ingest", str(reports))  # the good ones are stored; the bad one still fails
    assert again.exit_code == 1
    assert again.stdout.strip().splitlines()[-1].startswith(SUMMARY.format(0, 4, 0, 1))


def test_ingest_files_globs_and_stdin(run, reports):
    out = ok(run("ingest", str(reports / "quetta.txt"), str(reports / "z*.txt")))
    assert out.strip().startswith(SUMMARY.format(3, 0, 0, 0))
    out = ok(run("ingest", "-", input=REUTERS))
    assert out.strip().startswith(SUMMARY.format(1, 0, 0, 0))
    assert "store: 4 documents" in out
    out = ok(run("ingest", "-", input=REUTERS))
    assert out.strip().startswith(SUMMARY.format(0, 1, 0, 0))
    [stdin_doc] = [d for d in as_json(run("documents", "--format", "json"))
                   if d["source"] == "<stdin>"]
    assert stdin_doc["published"] == "2025-02-01"


def test_ingest_missing_path_fails_but_goes_on(run, reports, tmp_path):
    result = run("ingest", str(tmp_path / "nowhere.txt"), str(reports / "quetta.txt"))
    assert result.exit_code == 1
    assert "nowhere.txt: no such file" in result.stderr
    assert SUMMARY.format(1, 0, 0, 1) in result.stdout


# -- query commands -----------------------------------------------------------------------


def test_documents_in_every_format(run, ingested):
    docs = as_json(run("documents", "--format", "json"))
    assert len(docs) == 4
    assert {d["title"] for d in docs} == {"quetta", "reuters", "zarghun", "zarghoon"}
    assert all(d["id"].startswith("sha256:") and d["claims"] >= 1 for d in docs)
    rows = as_csv(run("documents", "--format", "csv"))
    assert [r["id"] for r in rows] == [d["id"] for d in docs]
    assert list(rows[0]) == ["published", "title", "source", "claims", "extractor", "id"]
    assert {r["claims"] for r in rows} == {str(d["claims"]) for d in docs}
    table = ok(run("documents"))
    assert "Documents (4)" in table
    assert all(title in table for title in ("quetta", "reuters", "zarghun", "zarghoon"))


def test_entities_in_every_format(run, ingested):
    entities = as_json(run("entities", "--format", "json"))
    by_name = {e["name"]: e for e in entities}
    assert by_name["Balochistan Liberation Army"]["type"] == "armed_group"
    assert by_name["Balochistan Liberation Army"]["mentions"] >= 3
    assert "BLA" in by_name["Balochistan Liberation Army"]["aliases"]
    groups = as_json(run("entities", "--type", "armed_group", "--format", "json"))
    assert {e["type"] for e in groups} == {"armed_group"} and len(groups) < len(entities)
    found = as_json(run("entities", "--search", "bla", "--format", "json"))
    assert [e["name"] for e in found] == ["Balochistan Liberation Army"]
    rows = as_csv(run("entities", "--search", "bla", "--format", "csv"))
    assert rows[0]["name"] == "Balochistan Liberation Army"
    assert "BLA" in rows[0]["aliases"].split("; ")
    table = ok(run("entities", "--type", "location"))
    assert "Quetta" in table and "Balochistan Liberation Army" not in table


def test_claims_in_every_format(run, ingested):
    claims = as_json(run("claims", "--subject", "BLA", "--format", "json"))
    assert claims and {c["subject"] for c in claims} == {"Balochistan Liberation Army"}
    negated = [c for c in claims if c["polarity"] == "negated"]
    assert [(c["predicate"], c["object"], c["source"]) for c in negated] == \
        [("cooperates_with", "Tehrik-i-Taliban Pakistan", "Officials")]
    assert all(c["evidence"]["text"] for c in claims)
    attacks = as_json(run("claims", "--predicate", "attacks", "--object", "Pakistan Army",
                          "--format", "json"))
    assert {c["subject"] for c in attacks} == {"Balochistan Liberation Army", ZLF, ZLF2}
    since = as_json(run("claims", "--since", "2025-04-01", "--format", "json"))
    assert since and all(c["published"] >= "2025-04-01" for c in since)
    reuters = as_csv(run("claims", "--source", "Reuters", "--predicate", "attacks",
                         "--format", "csv"))  # (the attack near Turbat is an incident too)
    assert [(r["subject"], r["predicate"], r["modality"], r["source"]) for r in reuters] == \
        [("Balochistan Liberation Army", "attacks", "reported", "Reuters")]
    assert "Reuters reported" in reuters[0]["evidence_text"]
    table = ok(run("claims", "--subject", "BLA"))
    assert "Claims (" in table and "cooperates_with" in table and "negated" in table


def test_claims_limit(run, ingested):
    """A table shows at most TABLE_LIMIT claims and says how many there are; JSON and CSV
    give every claim unless --limit is given."""
    from threatnet.cli.queries import TABLE_LIMIT

    every = as_json(run("claims", "--format", "json"))
    assert len(as_csv(run("claims", "--format", "csv"))) == len(every)
    assert [c["id"] for c in as_json(run("claims", "--format", "json", "--limit", "2"))] == \
        [c["id"] for c in every[:2]]
    two = ok(run("claims", "--limit", "2"))
    assert f"Claims, --limit 0 shows all {len(every)} (2)" in two
    table = ok(run("claims"))
    shown = min(len(every), TABLE_LIMIT)
    assert f"({shown})" in table and ("--limit 0" in table) == (len(every) > TABLE_LIMIT)
    assert "Claims (" in ok(run("claims", "--limit", "0"))


def test_facts_in_every_format(run, ingested):
    facts = as_json(run("facts", "BLA", "--format", "json"))
    [attacks] = [f for f in facts if (f["predicate"], f["object"]) ==
                 ("attacks", "Pakistan Army")]
    assert (attacks["claims_for"], attacks["claims_against"]) == (2, 0)
    assert attacks["independent_sources"] == 2
    assert (attacks["first_seen"], attacks["last_seen"]) == ("2025-02-01", "2025-03-20")
    assert attacks["strongest_for"] == "asserted"
    rows = as_csv(run("facts", "Balochistan Liberation Army", "--format", "csv"))
    [denied] = [r for r in rows if r["predicate"] == "cooperates_with"]
    assert (denied["claims_for"], denied["claims_against"]) == ("0", "1")
    assert denied["strongest_against"] == "reported"
    table = ok(run("facts", "BLA"))
    assert "Facts about BLA" in table and "attacks" in table


def test_query_errors_are_one_line(run, ingested):
    one_error(run("facts", "Nobody Front"), "Nobody Front", "not an entity of this store")
    one_error(run("claims", "--subject", "Nobody Front"), "Nobody Front")
    one_error(run("documents", "--format", "xml"), "--format 'xml'", "table, json or csv")


# -- corrections --------------------------------------------------------------------------


def groups(run) -> dict[str, dict]:
    return {e["name"]: e for e in as_json(run("entities", "--type", "armed_group",
                                              "--format", "json"))}


def test_entity_same_as_merge_split(run, ingested):
    proposals = as_json(run("entity", "same-as", "--format", "json"))
    [similar] = [p for p in proposals if {p["a"], p["b"]} == {ZLF, ZLF2}]
    assert similar["status"] == "proposed" and "similar name" in similar["evidence"]
    assert {ZLF, ZLF2} <= set(groups(run))
    assert "Possibly the same" in ok(run("entity", "same-as"))

    out = ok(run("entity", "merge", ZLF, ZLF2))
    assert f"merged {ZLF2!r} into {ZLF!r}" in out
    assert ZLF2 not in groups(run) and ZLF2 in groups(run)[ZLF]["aliases"]
    facts = as_json(run("facts", ZLF2, "--format", "json"))
    [attacks] = [f for f in facts if f["predicate"] == "attacks"]
    assert attacks["subject"] == ZLF and attacks["claims_for"] == 2
    confirmed = as_csv(run("entity", "same-as", "--format", "csv"))
    assert [r["status"] for r in confirmed if {r["a"], r["b"]} == {ZLF, ZLF2}] == ["confirmed"]
    one_error(run("entity", "merge", ZLF, ZLF2), "already one entity")

    assert f"split {ZLF2!r}" in ok(run("entity", "split", ZLF, ZLF2))
    assert {ZLF, ZLF2} <= set(groups(run))
    [attacks] = [f for f in as_json(run("facts", ZLF2, "--format", "json"))
                 if f["predicate"] == "attacks"]
    assert attacks["subject"] == ZLF2 and attacks["claims_for"] == 1
    one_error(run("entity", "split", ZLF, ZLF2), "was not merged into")


def test_entity_alias_add_and_rename(run, reports):
    ok(run("ingest", str(reports / "zarghun.txt")))
    out = ok(run("entity", "alias", "add", ZLF, ZLF2))
    assert f"{ZLF2!r} is now an alias of {ZLF!r}" in out
    ok(run("ingest", str(reports / "zarghoon.txt")))
    assert list(groups(run)) == [ZLF]  # the later report lands on the same entity
    assert len(as_json(run("claims", "--subject", ZLF2, "--format", "json"))) == \
        len(as_json(run("claims", "--subject", ZLF, "--format", "json"))) >= 2

    assert "renamed" in ok(run("entity", "rename", ZLF, "Zarghun Front"))
    assert list(groups(run)) == ["Zarghun Front"]
    facts = as_json(run("facts", ZLF, "--format", "json"))  # the old name still finds it
    assert {f["subject"] for f in facts if f["predicate"] == "attacks"} == {"Zarghun Front"}
    one_error(run("entity", "rename", "Nobody Front", "X"), "Nobody Front")
    one_error(run("entity", "alias", "add", "Nobody Front", "X"), "Nobody Front")


# -- db and info --------------------------------------------------------------------------


def test_db_upgrade_creates_a_new_store(run, db):
    from importlib.resources import files

    from alembic.config import Config
    from alembic.script import ScriptDirectory

    path = db.removeprefix("sqlite:///")
    out = ok(run("db", "upgrade"))
    config = Config()
    config.set_main_option("script_location", str(files("threatnet.store") / "migrations"))
    head = ScriptDirectory.from_config(config).get_current_head()
    assert head and head != "0001"  # the migrations after the initial schema are applied
    assert out.strip() == f"{db}: schema {head}"
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [(head,)]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE "
                                             "type = 'table'")}
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert {"documents", "entities", "aliases", "mentions", "claims", "same_as",
            "decisions"} <= tables
    assert ok(run("db", "upgrade")).strip() == f"{db}: schema {head}"  # again: a no-op


def test_db_from_the_environment(run, db, monkeypatch, reports):
    monkeypatch.setenv("THREATNET_DB", db)
    ok(run("ingest", str(reports / "quetta.txt"), store=False))
    assert len(as_json(run("documents", "--format", "json", store=False))) == 1
    info = ok(run("info", store=False))
    assert f"store: {db} (--db / THREATNET_DB)" in info


def test_info_shows_the_default_store(run):
    info = ok(run("info", store=False))
    [line] = [line for line in info.splitlines() if line.startswith("store: ")]
    assert line.startswith("store: sqlite:///") and "threatnet.db" in line
