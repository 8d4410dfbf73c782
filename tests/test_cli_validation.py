"""Bad input to the CLI is one `error:` line and exit code 1, checked by `threatnet.validate`
before anything is read or written; read commands never create a store; store URLs."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from threatnet import cli, validate
from threatnet.errors import InvalidInput, StoreError
from threatnet.store.engine import make_engine

REPORT = ("The Balochistan Liberation Army (BLA) attacked a Pakistani army convoy in Quetta.\n"
          "Officials said the BLA did not cooperate with the Tehrik-i-Taliban Pakistan.\n"
          "This report was first published on March 20, 2025.\n")
BLA = "Balochistan Liberation Army"


@pytest.fixture
def env(monkeypatch):
    monkeypatch.delenv("THREATNET_DB", raising=False)
    monkeypatch.delenv("THREATNET_PACK", raising=False)


@pytest.fixture
def db(tmp_path, cli_extractor, env) -> str:
    """A store holding one report."""
    report = tmp_path / "quetta.txt"
    report.write_text(REPORT, encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'kb.db'}"
    result = CliRunner().invoke(cli.app, ["ingest", str(report), "--db", url])
    assert result.exit_code == 0, result.output
    return url


def run(*args: str):
    return CliRunner().invoke(cli.app, list(args))


def one_error(result, *fragments: str) -> str:
    assert result.exit_code == 1, (result.exit_code, result.output, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        repr(result.exception)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), lines
    assert result.stdout == ""
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])
    return lines[0]


@pytest.mark.parametrize(("args", "fragments"), [
    (["claims", "--predicate", "shelters"], ("--predicate 'shelters'", "allied_with",
                                             "supplies")),
    (["claims", "--since", "yesterday"], ("--since 'yesterday'", "not a date")),
    (["claims", "--since", "2025-13-01"], ("--since '2025-13-01'", "calendar")),
    (["claims", "--status", "maybe"], ("--status 'maybe'", "unreviewed", "corrected")),
    (["entities", "--type", "militia"], ("--type 'militia'", "armed_group", "person")),
    (["actor", BLA, "--as-of", "2025-13-01"], ("--as-of '2025-13-01'", "calendar")),
    (["network", "--as-of", "2023-02-31"], ("--as-of '2023-02-31'", "calendar")),
    (["network", "--since", "2024-02-30"], ("--since '2024-02-30'", "calendar")),
    (["path", BLA, "Pakistan", "--as-of", "2025-00"], ("--as-of '2025-00'", "calendar")),
    (["contradictions", "--as-of", "last week"], ("--as-of 'last week'", "not a date")),
    (["export", "stix", "--since", "2025-04-31"], ("--since '2025-04-31'", "calendar")),
    (["review", "mentions", "--status", "done"], ("--status 'done'", "accepted")),
    (["documents", "--format", "xml"], ("--format 'xml'", "table, json or csv")),
])
def test_bad_options_are_one_line(db, args, fragments):
    one_error(run(*args, "--db", db), *fragments)


def _claim(db: str) -> dict:
    claims = json.loads(run("claims", "--format", "json", "--db", db).stdout)
    assert claims
    return claims[0]


@pytest.mark.parametrize(("option", "value", "fragment"), [
    ("--start", "2025-13-45", "calendar"),
    ("--start", "2025-02-30", "calendar"),
    ("--end", "someday", "not a date"),
    ("--predicate", "shelters", "allied_with"),
    ("--modality", "certain", "asserted"),
    ("--polarity", "maybe", "affirmed or negated"),
])
def test_bad_corrections_are_refused_and_nothing_is_stored(db, option, value, fragment):
    claim = _claim(db)
    one_error(run("review", "correct", str(claim["id"]), option, value, "--reviewer", "ana",
                  "--db", db), f"claim {claim['id']}", fragment)
    assert _claim(db)["status"] == "unreviewed"
    assert run("review", "history", "--format", "json", "--db", db).stdout.strip() == "[]"


def test_a_correction_cannot_link_an_entity_to_itself(db):
    claim = _claim(db)
    one_error(run("review", "correct", str(claim["id"]), "--object", claim["subject"],
                  "--reviewer", "ana", "--db", db), "same entity")
    one_error(run("review", "correct", str(claim["id"]), "--start", "2025-03", "--end",
                  "2024", "--reviewer", "ana", "--db", db), "start 2025-03", "later than")
    assert _claim(db)["status"] == "unreviewed"


def test_a_good_correction_still_passes(db):
    claim = _claim(db)
    result = run("review", "correct", str(claim["id"]), "--start", "2024-02-29", "--reviewer",
                 "ana", "--db", db)
    assert result.exit_code == 0, result.output
    assert "corrected" in result.stdout


READ_COMMANDS = [
    ["documents"], ["entities"], ["claims"], ["facts", BLA], ["actor", BLA],
    ["contradictions"], ["path", BLA, "Pakistan"], ["network"], ["infer"],
    ["entity", "same-as"], ["entity", "merge", "A", "B"], ["review", "history"],
    ["review", "mentions"], ["review", "accept", "1"], ["export", "stix"],
    ["export", "csv", "-o", "unused"], ["gold", "export", "-o", "unused"],
    ["db", "refresh-facts"],
]


@pytest.mark.parametrize("args", READ_COMMANDS, ids=" ".join)
def test_read_commands_never_create_a_store(tmp_path, env, args):
    missing = tmp_path / "no" / "such" / "dir" / "kb.db"
    url = f"sqlite:///{missing}"
    line = one_error(run(*args, "--db", url), f"no threatnet store at {url}",
                     "threatnet ingest", "threatnet db upgrade")
    assert "Traceback" not in line
    assert not (tmp_path / "no").exists()


def test_an_empty_file_is_no_store_and_stays_as_it_was(tmp_path, env):
    empty = tmp_path / "empty.db"
    empty.touch()
    one_error(run("claims", "--db", f"sqlite:///{empty}"), "no threatnet store at")
    assert empty.stat().st_size == 0


def test_db_upgrade_creates_the_store_then_reads_work(tmp_path, env):
    url = f"sqlite:///{tmp_path / 'new' / 'kb.db'}"
    assert run("db", "upgrade", "--db", url).exit_code == 0
    result = run("claims", "--db", url)
    assert result.exit_code == 0 and "Claims (0)" in result.stdout


def test_a_misspelt_actor_gets_did_you_mean(db):
    one_error(run("facts", "Balochistan Liberaton Army", "--db", db),
              "not an entity of this store", f"did you mean '{BLA}'")
    one_error(run("actor", "Balochstan Liberation Army", "--db", db), f"'{BLA}'")
    one_error(run("facts", "Qwertyuiop Brigade", "--db", db), "threatnet entities --search")


@pytest.mark.parametrize("scheme", ["postgres", "postgresql", "postgresql+psycopg"])
def test_postgres_urls_use_psycopg(scheme):
    engine = make_engine(f"{scheme}://analyst@db.example/threatnet")  # connects lazily
    assert engine.url.drivername == "postgresql+psycopg"
    engine.dispose()


def test_other_databases_are_refused():
    with pytest.raises(StoreError, match="only SQLite and PostgreSQL"):
        make_engine("mysql://user@localhost/kb")


@pytest.mark.parametrize("value", ["2024", "2024-02", "2024-02-29", "2025-12-31"])
def test_real_dates_pass(value):
    assert validate.date(value, "--since") == value


@pytest.mark.parametrize("value", ["2025-13", "2025-02-29", "2025-04-31", "2025-00-10",
                                   "25-01-01", "2025/01/01", "2025-1-1", ""])
def test_unreal_dates_fail(value):
    with pytest.raises(InvalidInput, match="--since"):
        validate.date(value, "--since")


def test_api_messages_can_leave_the_value_out():
    with pytest.raises(InvalidInput) as caught:
        validate.status("<script>", "status", quote=False)
    assert "<script>" not in str(caught.value) and "unreviewed" in str(caught.value)


def test_a_not_sqlite_file_is_one_line(tmp_path, env):
    text = tmp_path / "notes.db"
    text.write_text("not a database at all\n" * 200, encoding="utf-8")
    one_error(run("claims", "--db", f"sqlite:///{text}"), "cannot be opened as a threatnet store")


def test_the_newest_migration_file_is_alembics_head(tmp_path):
    from threatnet.store import migrate

    engine = make_engine(f"sqlite:///{tmp_path / 'kb.db'}")
    assert migrate.newest_revision() == migrate.head_revision(engine)
    engine.dispose()
