"""The graph commands of the CLI on the dev store: path, network and infer, in both
formats, with --as-of, and their one-line errors."""

from __future__ import annotations

import json

import pytest
from graphstore import SEED_DATE, dev_store_url
from typer.testing import CliRunner

from threatnet import cli


@pytest.fixture(scope="module")
def dev_url(tmp_path_factory, extractor):
    return dev_store_url(tmp_path_factory, extractor)


@pytest.fixture
def run(dev_url, monkeypatch):
    monkeypatch.delenv("THREATNET_DB", raising=False)
    runner = CliRunner()
    return lambda *args: runner.invoke(cli.app, [*args, "--db", dev_url])


def ok(result) -> str:
    assert result.exit_code == 0, (result.exit_code, result.output, result.exception)
    return result.stdout


def one_error(result, *fragments: str) -> str:
    assert result.exit_code == 1, (result.exit_code, result.output)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), lines
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])
    return lines[0]


def test_path_json_and_table(run):
    data = json.loads(ok(run("path", "Iran", "BLA", "--predicate", "supplies",
                             "--format", "json")))
    assert data["paths"][0]["actors"] == ["Iran", "Al-Qaeda", "Taliban",
                                          "Balochistan Liberation Army"]
    assert all(h["fact"]["evidence"] for h in data["paths"][0]["hops"])
    table = ok(run("path", "Iran", "Balochistan Liberation Army", "--class",
                   "capability,alignment", "--max-hops", "3"))
    assert "Path 1: Iran —supplies→ Al-Qaeda —supplies→ Taliban —supplies→" in table
    assert "passed it on to Al-Qaeda" in table


def test_path_as_of_hides_later_documents(run):
    early = ok(run("path", "Iran", "BLA", "--predicate", "supplies", "--as-of", "2024-05"))
    assert early.startswith("No chain of facts links Iran to Balochistan Liberation Army")
    data = json.loads(ok(run("path", "Lashkar-e-Taiba", "Jaish-e-Mohammed", "--format",
                             "json", "--as-of", "2025")))
    assert data["paths"][0]["hops"][0]["fact"]["items"] == ["weapons"]
    data = json.loads(ok(run("path", "Lashkar-e-Taiba", "Jaish-e-Mohammed", "--format",
                             "json", "--as-of", "2025-01-31")))
    assert data["paths"] == []


def test_network_json_with_change(run):
    data = json.loads(ok(run("network", "--since", "2024-06-25", "--until", SEED_DATE,
                             "--format", "json")))
    assert data["as_of"] == SEED_DATE
    added = {(r["subject"], r["predicate"], r["object"]) for r in data["change"]["added"]}
    assert ("Taliban", "supplies", "Balochistan Liberation Army") in added
    assert ("Al-Qaeda", "supplies", "Taliban") not in added  # known since 2024-03-10
    assert all({"actor", "degree", "betweenness", "community"} <= a.keys()
               for a in data["actors"])
    table = ok(run("network", "--as-of", "2025"))
    assert "Communities (Louvain)" in table and "brokers first" in table


def test_infer_labels_proposals(run):
    data = json.loads(ok(run("infer", "TTP", "--as-of", "2024-06-25", "--format", "json")))
    [ttp_bla] = [i for i in data["inferences"]
                 if {i["subject"], i["object"]} == {"Tehrik-i-Taliban Pakistan",
                                                    "Balochistan Liberation Army"}]
    assert ttp_bla["label"] == "inference" and ttp_bla["rule"] == "shared_adversary"
    assert ttp_bla["rests_on"]
    table = ok(run("infer", "--as-of", "2024-06-25"))
    assert "proposals, not facts" in table and "inference" in table
    known = json.loads(ok(run("infer", "BLA", "--include-known", "--format", "json")))
    assert any(i.get("already_linked_by") for i in known["inferences"])


@pytest.mark.parametrize("args, fragment", [
    (["path", "Iran", "Nobody Known"], "'Nobody Known' is not an entity"),
    (["path", "Iran", "BLA", "--class", "weapons"], "--class 'weapons'"),
    (["path", "Iran", "BLA", "--predicate", "sells"], "--predicate 'sells'"),
    (["path", "Iran", "Iran"], "same actor"),
    (["path", "Iran", "BLA", "--as-of", "June 2024"], "--as-of 'June 2024'"),
    (["network", "--format", "xml"], "--format 'xml'"),
    (["network", "--since", "2025", "--until", "2024"], "--since 2025: later than --until 2024"),
    (["infer", "Nobody Known"], "'Nobody Known' is not an entity"),
])
def test_errors_are_one_line(run, args, fragment):
    one_error(run(*args), fragment)
