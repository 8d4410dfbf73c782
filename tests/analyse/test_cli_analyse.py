"""`threatnet actor` and `threatnet contradictions` in every format, `--as-of`, and their
one-line errors; one run over both backends (SQLite and PostgreSQL)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from threatnet import cli
from threatnet.ingest.text import document_from_text
from threatnet.store import Store

# the store fixtures (a PostgreSQL server, `store_url` over both backends) of tests/store
_spec = importlib.util.spec_from_file_location(
    "_store_fixtures", Path(__file__).resolve().parents[1] / "store" / "conftest.py")
_fixtures = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = _fixtures
_spec.loader.exec_module(_fixtures)
pg_server, pg_database = _fixtures.pg_server, _fixtures.pg_database
backend, store_url = _fixtures.backend, _fixtures.store_url

REPORTS = {
    "taliban.txt": ("According to Taliban sources, the BLA does not possess weaponized drones.\n"
                    "Published on June 26, 2024.\n"),
    "ctd.txt": ("According to a Counter Terrorism Department official, the BLA possesses armed "
                "drones.\nPublished on March 3, 2025.\n"),
}


def fill(url: str, extractor) -> None:
    with Store(url) as store:
        for name, text in REPORTS.items():
            store.save(extractor.extract(document_from_text(text, source=name)))


@pytest.fixture
def run(cli_extractor, monkeypatch):
    monkeypatch.delenv("THREATNET_DB", raising=False)
    monkeypatch.delenv("THREATNET_SOURCES", raising=False)
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(cli.app, list(args))

    return invoke


@pytest.fixture
def db(tmp_path, extractor) -> str:
    url = f"sqlite:///{tmp_path / 'kb.db'}"
    fill(url, extractor)
    return url


def test_contradictions_on_both_backends(run, store_url, extractor):
    fill(store_url, extractor)
    result = run("contradictions", "BLA", "--format", "json", "--db", store_url)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    [item] = data["contradictions"]
    assert item["a"]["sources"] == ["a Counter Terrorism Department official"]
    assert item["b"]["sources"] == ["Taliban sources"] and item["b"]["polarity"] == "negated"
    assert item["a"]["first_seen"] == "2025-03-03" and item["b"]["first_seen"] == "2024-06-26"
    assert data["changes"] == []
    early = json.loads(run("contradictions", "--as-of", "2025-01-01", "--format", "json",
                           "--db", store_url).stdout)
    assert early["contradictions"] == []
    profile = json.loads(run("actor", "BLA", "--as-of", "2024", "--format", "json",
                             "--db", store_url).stdout)
    assert profile["claims"] == 1 and profile["timeline"] == {"2024-06": 1}


def test_actor_formats(run, db):
    data = json.loads(run("actor", "Balochistan Liberation Army", "--evidence", "--explain",
                          "--format", "json", "--db", db).stdout)
    [armed, denied] = sorted(data["facts"]["capability"], key=lambda f: f["stance"])
    assert armed["object"] == "armed drones" and armed["stance"] == "affirmed"
    # the CTD official (B) is contradicted across the taxonomy by Taliban sources (0.6 < 0.7)
    assert armed["grade"]["reliability"] == "B" and armed["grade"]["credibility"] == 3
    assert "Taliban sources" in armed["grade"]["explanation"]
    assert denied["stance"] == "negated" and denied["evidence"][0]["source"] == "Taliban sources"

    md = run("actor", "BLA", "--format", "md", "--explain", "--evidence", "--db", db)
    assert md.exit_code == 0, md.output
    assert md.stdout.startswith("# Balochistan Liberation Army")
    assert "## Capability" in md.stdout and "grade: " in md.stdout
    assert "## Capabilities" in md.stdout and "## Timeline" in md.stdout

    table = run("actor", "BLA", "--explain", "--db", db)
    assert table.exit_code == 0, table.output
    assert "capability" in table.stdout and "timeline" in table.stdout
    assert "armed drones" in table.stdout and "reliability" in table.stdout


def test_contradictions_formats(run, db):
    table = run("contradictions", "--db", db)
    assert table.exit_code == 0, table.output
    assert "Contradictions (1)" in table.stdout and "Changes (0)" in table.stdout
    md = run("contradictions", "BLA", "--format", "md", "--db", db).stdout
    assert "## Contradictions (1)" in md and "Taliban sources, reported, 2024-06-26" in md


@pytest.mark.parametrize("args, message", [
    (["actor", "Nobody Liberation Front"], "is not an entity"),
    (["actor", "BLA", "--format", "xml"], "--format 'xml'"),
    (["actor", "BLA", "--as-of", "yesterday"], "--as-of 'yesterday'"),
    (["contradictions", "--as-of", "26/06/2024"], "--as-of"),
    (["contradictions", "Nobody Liberation Front"], "is not an entity"),
])
def test_errors_are_one_line(run, db, args, message):
    result = run(*args, "--db", db)
    assert result.exit_code == 1
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
