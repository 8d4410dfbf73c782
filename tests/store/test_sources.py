"""`threatnet sources` on SQLite and PostgreSQL: a story two outlets carry is one source
(the original's outlet) carried by the other, a named source is one record across its
wordings, contradictions by another source are counted, `--copies` lists which document
copies which, and a bad --format is one error line."""

from __future__ import annotations

import json

from test_copies import REPORT, copy_of, save
from typer.testing import CliRunner

from threatnet import cli
from threatnet.store import Store

DENIAL = ("Police officials said the BLA does not use improvised explosive devices.\n"
          "Published on March 9, 2025.\n")
runner = CliRunner()


def run(*args: str) -> tuple[int, str]:
    done = runner.invoke(cli.app, list(args))
    return done.exit_code, done.output


def test_sources_count_a_carried_story_once_and_contradictions(store_url, extractor):
    with Store(store_url) as store:
        save(store, extractor, REPORT, "dawn.txt", "Dawn")
        save(store, extractor, copy_of(REPORT, 0, "Militants ambush FC convoy",
                                       "The Express Tribune"), "t.txt", "The Express Tribune")
        save(store, extractor, DENIAL, "p.txt", "Geo News")
    code, out = run("sources", "--format", "json", "--db", store_url)
    assert code == 0, out
    listed = {row["source"]: row for row in json.loads(out)}
    assert "The Express Tribune" not in listed  # it carries Dawn's story: not a source
    dawn = listed["Dawn"]
    assert (dawn["kind"], dawn["documents"], dawn["carried_by"]) == \
        ("outlet", 2, ["The Express Tribune"])
    assert (dawn["first_seen"], dawn["last_seen"]) == ("2025-03-03", "2025-03-04")
    assert dawn["contradicted"] >= 2  # both copies' "uses IEDs", denied by the police
    police = listed["police"]  # the source-name table's one name for its wordings
    assert (police["kind"], police["written_as"], police["contradicted"]) == \
        ("named", ["Police officials"], 1)
    code, out = run("sources", "--copies", "--format", "csv", "--db", store_url)
    assert code == 0, out
    header, *rows = out.strip().splitlines()
    assert header.startswith("copy,original,shared,compared,copy_of_whole")
    assert [r.split(",")[:2] for r in rows] == [["t.txt", "dawn.txt"]]
    code, out = run("sources", "--format", "xml", "--db", store_url)
    assert code == 1 and out.startswith("error: --format 'xml'")
