"""The `threatnet` command line: its JSON contract, its table, and how it fails."""

from __future__ import annotations

import json
import subprocess
import sys

import jsonschema
import pytest
from typer.testing import CliRunner

from threatnet import cli
from threatnet.cli import common
from threatnet.evaluate import runner as eval_runner

REPORT = ("The Balochistan Liberation Army (BLA) attacked a Pakistani army convoy in Quetta.\n"
          "Officials said the BLA did not cooperate with the TTP.\n"
          "This report was first published on March 20, 2025.\n")


@pytest.fixture
def run(cli_extractor, monkeypatch):
    """Invoke the CLI in-process with the session extractor; stdout and stderr apart."""
    monkeypatch.delenv("THREATNET_PACK", raising=False)
    runner = CliRunner()

    def invoke(*args: str, input: str | bytes | None = None):
        return runner.invoke(cli.app, list(args), input=input)

    return invoke


@pytest.fixture(scope="module")
def schema():
    result = CliRunner().invoke(cli.app, ["schema"])
    assert result.exit_code == 0, result.output
    parsed = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(parsed)
    return parsed


@pytest.fixture
def report(tmp_path):
    path = tmp_path / "quetta-report.txt"
    path.write_text(REPORT, encoding="utf-8")
    return path


def assert_one_error_line(result, *fragments: str) -> None:
    assert result.exit_code == 1, (result.exit_code, result.output)
    # an uncaught exception would also give exit code 1 in CliRunner: make sure it was ours
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        repr(result.exception)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("error:"), lines[0]
    assert "Traceback" not in result.output
    assert result.stdout == ""
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])


# -- extract --------------------------------------------------------------------------------


def test_extract_json_matches_schema_and_offsets(run, schema, report, dev_reports,
                                                 check_record):
    for path in [report, dev_reports[0]]:
        result = run("extract", str(path), "--format", "json")
        assert result.exit_code == 0, result.output
        record = json.loads(result.stdout)
        jsonschema.validate(record, schema, cls=jsonschema.Draft202012Validator)
        text = path.read_text(encoding="utf-8")
        check_record(record, text)
        assert record["document"]["source"] == str(path)
        assert record["entities"], "no entities at all"
    # the small report: what pack matching must find, whatever the relation rules do
    result = run("extract", str(report))
    record = json.loads(result.stdout)
    names = {e["name"] for e in record["entities"]}
    assert {"Balochistan Liberation Army", "Tehrik-i-Taliban Pakistan"} <= names
    assert record["document"]["published"] == "2025-03-20"


def test_schema_rejects_a_broken_record(run, schema, report):
    record = json.loads(run("extract", str(report)).stdout)
    record["document"]["id"] = "md5:abc"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(record, schema, cls=jsonschema.Draft202012Validator)


def test_extract_table_shows_entity_names(run, report, monkeypatch):
    monkeypatch.setattr(common.out, "width", 200)
    result = run("extract", str(report), "--format", "table")
    assert result.exit_code == 0, result.output
    for name in ("Balochistan Liberation Army", "Tehrik-i-Taliban Pakistan", "Quetta"):
        assert name in result.stdout
    assert "2025-03-20" in result.stdout
    with pytest.raises(ValueError):
        json.loads(result.stdout)


def test_extract_table_survives_square_brackets(run, tmp_path, monkeypatch):
    # report text is not Rich markup: "[/x]" used to crash the table
    monkeypatch.setattr(common.out, "width", 250)
    path = tmp_path / "brackets.txt"
    path.write_text("The BLA did not cooperate with the TTP in [bold]Quetta[/bold] [/x].\n",
                    encoding="utf-8")
    result = run("extract", str(path), "--format", "table")
    assert result.exit_code == 0, result.output
    assert result.exception is None
    assert "Balochistan Liberation Army" in result.stdout
    assert "[bold]Quetta[/bold]" in result.stdout  # shown as written, not as markup


def test_extract_stdin(run, check_record):
    result = run("extract", "-", input=REPORT)
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["document"]["source"] == "<stdin>"
    check_record(record, REPORT)
    assert any(e["name"] == "Balochistan Liberation Army" for e in record["entities"])


def test_extract_published_override(run, report):
    result = run("extract", str(report), "--published", "2024-06-26")
    assert json.loads(result.stdout)["document"]["published"] == "2024-06-26"


def test_extract_many_files_one_line_each(run, report, tmp_path):
    other = tmp_path / "other.txt"
    other.write_text("The TTP attacked a checkpoint in Bannu.\n", encoding="utf-8")
    result = run("extract", str(report), str(other))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert [json.loads(line)["document"]["source"] for line in lines] == [str(report),
                                                                          str(other)]


def test_extract_output_dir(run, report, tmp_path):
    out_dir = tmp_path / "out"
    result = run("extract", str(report), "--output-dir", str(out_dir))
    assert result.exit_code == 0, result.output
    written = out_dir / "quetta-report.json"
    assert json.loads(written.read_text(encoding="utf-8"))["document"]["source"] == str(report)
    assert result.stdout == ""
    assert str(written) in result.stderr


# -- extract: errors ------------------------------------------------------------------------


def test_error_missing_file(run, tmp_path):
    path = tmp_path / "absent.txt"
    assert_one_error_line(run("extract", str(path)), str(path), "no such file")


def test_error_directory(run, tmp_path):
    assert_one_error_line(run("extract", str(tmp_path)), "directory")


def test_error_binary(run, tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(b"%PDF-1.4\x00\x00\xff\xfe")
    assert_one_error_line(run("extract", str(path)), "binary")


def test_error_not_utf8_long_name_stays_one_line(run, tmp_path):
    # a long message must not be wrapped by the console onto a second line
    path = tmp_path / ("a-very-long-report-file-name-" * 4 + ".txt")
    path.write_bytes("Caf\u00e9 attack".encode("latin-1"))
    assert_one_error_line(run("extract", str(path)), "not UTF-8", "offset 3")


def test_error_empty(run, tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("  \n\n", encoding="utf-8")
    assert_one_error_line(run("extract", str(path)), "empty")


def test_error_markup_in_path(run, tmp_path):
    path = tmp_path / "[red]x[" / "[bold]report.txt"
    assert_one_error_line(run("extract", str(path)), str(path))


def test_error_bad_format(run, report):
    assert_one_error_line(run("extract", str(report), "--format", "xml"), "xml")


def test_error_bad_published(run, report):
    assert_one_error_line(run("extract", str(report), "--published", "someday maybe"),
                          "publication date")


def test_error_broken_pack(run, report, tmp_path):
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "groups.yaml").write_text(
        "version: 1\nentries:\n  - id: ghost_group\n    name: Ghost Group\n"
        "    type: armed_group\n    parent: nowhere\n", encoding="utf-8")
    assert_one_error_line(run("extract", str(report), "--pack", str(pack)),
                          "groups.yaml", "ghost_group", "nowhere")


def test_user_pack_is_used(run, tmp_path):
    pack = tmp_path / "goodpack"
    pack.mkdir()
    (pack / "groups.yaml").write_text(
        "version: 1\nentries:\n  - id: zqx_front\n    name: Zarqawi Quetta Front\n"
        "    type: armed_group\n    aliases: [{name: ZQXF, source: user}]\n",
        encoding="utf-8")
    text = tmp_path / "r.txt"
    text.write_text("The ZQXF claimed the attack in Quetta.\n", encoding="utf-8")
    result = run("extract", str(text), "--pack", str(pack))
    assert result.exit_code == 0, result.output
    entities = json.loads(result.stdout)["entities"]
    assert any(e.get("pack_id") == "zqx_front" for e in entities)


def test_error_real_process_no_traceback(tmp_path):
    """The installed entry point, outside CliRunner: one line, no traceback."""
    path = tmp_path / "absent.txt"
    proc = subprocess.run([sys.executable, "-m", "threatnet", "extract", str(path)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert proc.stderr.splitlines() == [f"error: {path}: no such file"]


# -- eval, schema, info ---------------------------------------------------------------------


@pytest.fixture
def gold_dir(tmp_path):
    folder = tmp_path / "gold"
    folder.mkdir()
    (folder / "tiny.txt").write_text(REPORT, encoding="utf-8")
    gold = {
        "document": "tiny.txt", "published": "2025-03-20",
        "entities": [
            {"name": "Balochistan Liberation Army", "types": ["armed_group"],
             "aliases": ["BLA"]},
            {"name": "Tehrik-i-Taliban Pakistan", "types": ["armed_group"],
             "aliases": ["TTP"]},
            {"name": "Quetta", "types": ["location"], "aliases": ["Quetta"],
             "required": False},
        ],
        "claims": [
            {"subject": "Balochistan Liberation Army", "predicate": ["cooperates_with"],
             "object": "Tehrik-i-Taliban Pakistan", "polarity": "negated",
             "modality": ["reported"], "source": "Officials",
             "evidence": "the BLA did not cooperate with the TTP"},
        ],
    }
    (folder / "tiny.gold.json").write_text(json.dumps(gold), encoding="utf-8")
    return folder


def test_eval_json(run, gold_dir, extractor):
    result = run("eval", str(gold_dir), "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    overall = report["overall"]
    assert overall["documents"] == 1
    assert set(report["files"]) == {"tiny"}
    assert overall["entity_recall"] == 1.0  # both required groups are in the actor pack
    assert overall["evidence_valid"] == 1.0
    for key, value in overall.items():
        if key not in ("false_certainties", "documents"):
            assert 0.0 <= value <= 1.0, (key, value)
    # the CLI reports exactly what the library computes
    _, expected = eval_runner.evaluate(gold_dir, extractor)
    assert overall == expected


def test_eval_by_prefix_totals_each_group(run, gold_dir):
    """Reports named `a-…` and `b-…` are totalled apart; a group of one is that report."""
    for name in ("a-one", "b-one", "b-two"):
        (gold_dir / f"{name}.txt").write_text((gold_dir / "tiny.txt").read_text())
        gold = json.loads((gold_dir / "tiny.gold.json").read_text())
        (gold_dir / f"{name}.gold.json").write_text(json.dumps(gold | {"document":
                                                                        f"{name}.txt"}))
    result = run("eval", str(gold_dir), "--json", "--by-prefix")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    groups = report["groups"]
    assert {k: g["documents"] for k, g in groups.items()} == {"a": 1, "b": 2, "tiny": 1}
    assert {k: v for k, v in groups["a"].items() if k != "documents"} == report["files"]["a-one"]
    assert groups["b"]["claim_recall"] == report["files"]["b-one"]["claim_recall"]


def test_eval_table(run, gold_dir, monkeypatch):
    monkeypatch.setattr(common.out, "width", 200)
    result = run("eval", str(gold_dir))
    assert result.exit_code == 0, result.output
    assert "tiny" in result.stdout and "overall" in result.stdout


def test_eval_errors(run, tmp_path, gold_dir):
    assert_one_error_line(run("eval", str(tmp_path / "absent")), "absent")
    empty = tmp_path / "empty"
    empty.mkdir()
    assert_one_error_line(run("eval", str(empty)), "gold.json")
    (gold_dir / "tiny.txt").unlink()
    assert_one_error_line(run("eval", str(gold_dir)), "tiny.txt", "missing")


@pytest.mark.parametrize("gold, fragment", [
    ("{not json", "not valid JSON"),
    ("[]", "'entities' and 'claims'"),
    ('{"document": "tiny.txt", "entities": []}', "'entities' and 'claims'"),
    ('{"entities": [{"types": ["state"]}], "claims": []}', "entity #0"),
    ('{"entities": [], "claims": [{"subject": "A", "object": "B"}]}', "claim #0"),
])
def test_eval_malformed_gold(run, gold_dir, gold, fragment):
    path = gold_dir / "tiny.gold.json"
    path.write_text(gold, encoding="utf-8")
    assert_one_error_line(run("eval", str(gold_dir)), str(path), fragment)


def test_info(run):
    result = run("info")
    assert result.exit_code == 0, result.output
    assert "threatnet" in result.stdout
    assert "spaCy pipeline:" in result.stdout
    count = int(result.stdout.split("actor pack:")[1].split()[0])
    assert count >= 120


def test_no_arguments_shows_help(run):
    result = run()
    assert "extract" in result.output and "eval" in result.output
