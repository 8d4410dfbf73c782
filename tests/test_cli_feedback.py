"""What the CLI tells the user while it works: progress lines off a terminal, Ctrl-C during
ingest (what was kept, exit 130, and the same command resumes), a busy port for `serve`,
`--title` for stdin, export file names that say what they hold, and counted nouns."""

from __future__ import annotations

import json
import re
import socket

import pytest
from typer.testing import CliRunner

from threatnet import cli
from threatnet.cli import common

REPORTS = {
    "quetta": "The Balochistan Liberation Army attacked a Pakistani army convoy in Quetta.\n"
              "This report was first published on March 20, 2025.\n",
    "turbat": "Reuters reported that the BLA attacked a Pakistani army post near Turbat.\n"
              "Published on February 1, 2025.\n",
    "bannu": "The Tehrik-i-Taliban Pakistan attacked a police station in Bannu.\n"
             "Published on April 2, 2025.\n",
    "kabul": "Iran supplied weapons to the Taliban, officials said.\n"
             "Published on April 9, 2025.\n",
}


@pytest.fixture
def db(tmp_path, monkeypatch, cli_extractor) -> str:
    monkeypatch.delenv("THREATNET_DB", raising=False)
    monkeypatch.delenv("THREATNET_PACK", raising=False)
    return f"sqlite:///{tmp_path / 'kb.db'}"


@pytest.fixture
def reports(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    for name, text in REPORTS.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(cli.app, list(args), input=input)


def test_progress_is_a_line_every_n_reports_off_a_terminal(db, reports, monkeypatch):
    monkeypatch.setattr(common, "PROGRESS_EVERY", 2)
    result = run("ingest", str(reports), "--db", db)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == ["ingesting: 2 of 4 reports",
                                          "ingesting: 4 of 4 reports"]


def test_ctrl_c_says_what_was_saved_and_the_same_command_resumes(db, reports, monkeypatch):
    from threatnet.store import Store

    save = Store.save
    calls = {"n": 0}

    def interrupted(self, record, outlet=None):
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        return save(self, record, outlet)

    monkeypatch.setattr(Store, "save", interrupted)
    result = run("ingest", str(reports), "--db", db)
    assert result.exit_code == 130, (result.exit_code, result.output)
    assert result.stderr.strip() == ("interrupted: 2 reports saved; run the same command "
                                     "again to resume")
    monkeypatch.setattr(Store, "save", save)
    again = run("ingest", str(reports), "--db", db)
    assert again.exit_code == 0, again.output
    assert "documents: 2 new, 2 unchanged" in again.stdout


def test_counts_are_in_the_singular_for_one(db, reports):
    result = run("ingest", str(reports / "kabul.txt"), "--db", db)
    assert result.exit_code == 0, result.output
    assert re.search(r"store: 1 document, \d+ entities, 1 claim$", result.stdout.strip()), \
        result.stdout
    assert common.plural(1, "entity") == "1 entity"
    assert common.plural(2, "entity") == "2 entities"
    assert common.plural(0, "claim") == "0 claims"
    assert common.plural(3, "day") == "3 days"


def test_stdin_reports_take_their_title(db):
    result = run("ingest", "-", "--title", "Convoy attack near Quetta", "--db", db,
                 input=REPORTS["quetta"])
    assert result.exit_code == 0, result.output
    [doc] = json.loads(run("documents", "--format", "json", "--db", db).stdout)
    assert doc["title"] == "Convoy attack near Quetta"
    assert doc["source"] == "<stdin>"


def test_misp_event_files_are_named_by_date_and_title(db, reports, tmp_path):
    assert run("ingest", str(reports), "--db", db).exit_code == 0
    out = tmp_path / "misp"
    result = run("export", "misp", "-o", str(out), "--db", db)
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.glob("*.json"))
    assert names and len(names) == len(set(names))
    for name in names:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}_[\w-]+_[0-9a-f]{8}\.json", name), name
        event = json.loads((out / name).read_text(encoding="utf-8"))["Event"]
        assert name.startswith(event["date"]) and event["uuid"][:8] in name


def test_serve_on_a_busy_port_is_one_line(db):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run("serve", "--port", str(port), "--db", db)
    assert result.exit_code == 1, result.output
    [line] = result.stderr.splitlines()
    assert line.startswith("error: ") and f"port {port}" in line and "in use" in line


def test_dasks_own_warnings_are_kept_out():
    import warnings

    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        common.quiet_dask()
        warnings.warn_explicit("Port 8787 is already in use.", UserWarning, "node.py", 1,
                               module="distributed.node")
        warnings.warn_explicit("a warning of threatnet's own", UserWarning, "x.py", 1,
                               module="threatnet.batch")
    assert [str(w.message) for w in seen] == ["a warning of threatnet's own"]
