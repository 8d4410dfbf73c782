"""`threatnet incidents` in every format, its filters and one-line errors, and the actor
profile's incidents section, over a store of hand-built incident reports (both backends)."""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import sys
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from threatnet import cli
from threatnet.analyse.incidents import COLUMNS
from threatnet.cli import common
from threatnet.cli import incidents as cli_incidents
from threatnet.store import Store

sys.path.insert(0, str(Path(__file__).resolve().parent))
from incidentrecords import bannu_reports  # noqa: E402

_spec = importlib.util.spec_from_file_location(
    "_store_fixtures_cli_incidents", Path(__file__).resolve().parents[1] / "store" /
    "conftest.py")
_fixtures = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = _fixtures
_spec.loader.exec_module(_fixtures)
pg_server, pg_database = _fixtures.pg_server, _fixtures.pg_database
backend, store_url = _fixtures.backend, _fixtures.store_url


@pytest.fixture
def run(store_url, monkeypatch):
    monkeypatch.delenv("THREATNET_DB", raising=False)
    with Store(store_url) as store:
        for record in bannu_reports():
            store.save(record)
    runner = CliRunner()
    return lambda *args: runner.invoke(cli.app, ["incidents", *args, "--db", store_url])


def ok(result) -> str:
    assert result.exit_code == 0, (result.output, result.exception)
    return result.stdout


def test_csv_has_the_columns_incident_databases_use(run):
    rows = list(csv.DictReader(io.StringIO(ok(run("--format", "csv")))))
    assert list(rows[0]) == COLUMNS == [
        "id", "date", "place", "perpetrator", "attribution", "target_type", "target",
        "tactic", "weapon", "killed", "wounded", "sources", "documents"]
    assert [r["date"][:7] for r in rows] == ["2024-06", "2024-06", "2024-07"]
    bannu = next(r for r in rows if r["place"].startswith("Bannu"))
    assert bannu["perpetrator"] == "Tehrik-i-Taliban Pakistan"
    assert "alleged (The Tehrik-i-Taliban Pakistan)" in bannu["attribution"]
    assert bannu["killed"] == "3 (author) / 4 (Police officials)"
    assert bannu["documents"] == "Police post attacked in Bannu; Checkpoint attacked"
    quetta = next(r for r in rows if r["place"].startswith("Quetta"))
    assert (quetta["weapon"], quetta["tactic"], quetta["killed"]) == ("IED", "bombing", "5")


def test_table_lists_differing_accounts_and_json_keeps_the_detail(run):
    table = ok(run())
    for column in ("date", "place", "perpetrator", "attribution", "killed", "documents"):
        assert column in table
    assert "differing accounts" in table and "Police officials" in table
    data = json.loads(ok(run("--format", "json")))
    assert len(data) == 3 and all(set(COLUMNS) <= set(i) for i in data)
    assert {t["killed"] for i in data for t in i["tallies"] if i["differing"]} == {3, 4}


def test_filters(run):
    by_actor = json.loads(ok(run("--actor", "BLA", "--format", "json")))
    assert [i["place"].split(",")[0] for i in by_actor] == ["Quetta"]
    since = json.loads(ok(run("--since", "2024-07", "--format", "json")))
    assert [i["kind"] for i in since] == ["shooting"]
    in_kp = json.loads(ok(run("--place", "Khyber Pakhtunkhwa", "--format", "json")))
    assert {i["place"].split(",")[0] for i in in_kp} == {"Bannu", "Peshawar"}


@pytest.mark.parametrize(("args", "fragment"), [
    (("--format", "xml"), "choose table, json or csv"),
    (("--since", "June"), "--since 'June'"),
    (("--actor", "Nobody Army"), "Nobody Army"),
    (("--place", "Atlantis"), "Atlantis"),
])
def test_bad_input_is_one_line(run, args, fragment):
    result = run(*args)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and fragment in lines[0]


def test_profile_section_as_tables(store_url, monkeypatch):
    from threatnet.analyse import profile
    from threatnet.analyse.graded import store_pack

    with Store(store_url) as store:
        for record in bannu_reports():
            store.save(record)
        ttp = store.entity("TTP").id
        with store.session() as s:
            data = profile.build(s, ttp, store_pack())
    buffer = io.StringIO()
    monkeypatch.setattr(common, "out", Console(file=buffer, width=200))
    cli_incidents.profile_section(data)
    text = buffer.getvalue()
    assert "incidents (2)" in text and "2024-06" in text and "2024-07" in text
    assert "attacks (from incidents)" in text and "journalists" in text
    assert "operates in (from incidents)" in text and "Peshawar" in text
    markdown = cli_incidents.profile_section_markdown(data)
    assert "## Incidents (2)" in markdown and "| 2024-07 | 1 |" in markdown
    assert "- police: 1 incident(s), reported" in markdown


def test_an_analyst_splits_an_account_off_and_merges_it_back(run, store_url):
    [bannu] = json.loads(ok(run("--place", "Bannu", "--format", "json")))
    part = next(a["entity_id"] for a in bannu["accounts"] if a["entity_id"] != bannu["id"])
    runner = CliRunner()
    split = runner.invoke(cli.app, ["entity", "split", str(bannu["id"]), str(part),
                                    "--db", store_url])
    assert split.exit_code == 0, split.output
    apart = json.loads(ok(run("--place", "Bannu", "--format", "json")))
    assert len(apart) == 2 and all(len(i["accounts"]) == 1 for i in apart)
    assert {i["killed"] for i in apart} == {3, 4}  # no differing accounts any more
    merged = runner.invoke(cli.app, ["entity", "merge", str(bannu["id"]), str(part),
                                     "--db", store_url])
    assert merged.exit_code == 0, merged.output
    assert len(json.loads(ok(run("--place", "Bannu", "--format", "json")))) == 1
