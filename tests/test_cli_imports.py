"""`threatnet --help` and the query commands load none of the heavy libraries (spaCy,
lingua, Dask, the web server; for --help not even the database layer): what keeps them
well under a second. Checked by the modules a fresh interpreter has loaded after the
command ran, not by timing (bench/cli_latency.py measures the times)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

PROBE = """
import json, sys
from threatnet.cli import app
code = 0
try:
    app(sys.argv[1:], prog_name="threatnet")
except SystemExit as exc:
    code = exc.code
loaded = sorted({name.split(".")[0] for name in sys.modules})
print(json.dumps({"code": code, "modules": loaded}), file=sys.stderr)
"""
EXTRACTION = {"spacy", "thinc", "lingua", "dask", "distributed"}
WEB = {"uvicorn", "fastapi", "starlette"}
BLA = "Balochistan Liberation Army"
REPORT = ("The Balochistan Liberation Army (BLA) attacked a Pakistani army convoy in Quetta.\n"
          "Officials said Iran supplied weapons to the BLA.\n"
          "This report was first published on March 20, 2025.\n")


@pytest.fixture(scope="module")
def db(tmp_path_factory, extractor) -> str:
    from threatnet.batch import ingest
    from threatnet.store import Store

    folder = tmp_path_factory.mktemp("imports")
    (folder / "quetta.txt").write_text(REPORT, encoding="utf-8")
    url = f"sqlite:///{folder / 'kb.db'}"
    with Store(url) as store:
        assert ingest(store, [str(folder / "quetta.txt")], extractor).new == 1
    return url


def loaded(*args: str) -> set[str]:
    """The top-level modules loaded by `threatnet ARGS` in a fresh interpreter."""
    done = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True,
                          text=True, timeout=120)
    report = json.loads(done.stderr.strip().splitlines()[-1])
    assert report["code"] in (0, None), (args, done.stdout, done.stderr)
    return set(report["modules"])


def test_help_loads_no_database_nor_extractor():
    modules = loaded("--help")
    assert "threatnet" in modules
    assert not modules & (EXTRACTION | WEB | {"sqlalchemy", "alembic", "networkx"}), \
        sorted(modules & (EXTRACTION | WEB | {"sqlalchemy", "alembic", "networkx"}))


@pytest.mark.parametrize("args", [
    ["claims"], ["claims", "--predicate", "supplies", "--format", "json"], ["documents"],
    ["entities", "--type", "armed_group"], ["facts", BLA], ["review", "history"],
    ["incidents"], ["sources"], ["sources", "--copies", "--format", "json"],
], ids=" ".join)
def test_query_commands_load_no_extractor_nor_alembic(db, args):
    modules = loaded(*args, "--db", db)
    assert "sqlalchemy" in modules  # it did read the store
    assert not modules & (EXTRACTION | WEB | {"alembic"}), \
        sorted(modules & (EXTRACTION | WEB | {"alembic"}))


@pytest.mark.parametrize("args", [
    ["actor", BLA], ["path", "Iran", BLA], ["network"], ["contradictions"], ["infer"],
], ids=" ".join)
def test_analysis_commands_load_no_extractor(db, args):
    modules = loaded(*args, "--db", db)
    assert not modules & (EXTRACTION | WEB), sorted(modules & (EXTRACTION | WEB))
