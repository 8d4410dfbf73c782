"""GraphML / GEXF / CSV / MISP exports of the dev-corpus store, and the export commands."""

from __future__ import annotations

import csv
import io
import json

import networkx as nx
from typer.testing import CliRunner


def test_graphml_reads_back_with_its_attributes(export_data):
    from threatnet.export.network import graphml

    graph = nx.read_graphml(io.StringIO(graphml(export_data)), force_multigraph=True)
    assert graph.number_of_edges() > 0
    labels = {n: d["label"] for n, d in graph.nodes(data=True)}
    assert "Balochistan Liberation Army" in labels.values()
    for _, _, e in graph.edges(data=True):
        assert 0 < e["confidence"] <= 1
        assert e["modality"] in ("asserted", "reported", "alleged", "believed", "possible")
        assert e["claims_for"] >= 1 and e["grade"][0] in "ABCDEF"
        assert e["interval"].startswith("<[") and e["first_seen"] <= e["last_seen"]
    types = {d["type"] for _, d in graph.nodes(data=True)}
    assert types <= {"armed_group", "state", "government_body", "organization", "person"}
    # the denied weaponized drones are no node of the actor network, nor an edge of the full one
    full = nx.read_graphml(io.StringIO(graphml(export_data, everything=True)),
                           force_multigraph=True)
    names = {n: d["label"] for n, d in full.nodes(data=True)}
    assert not [(a, b) for a, b, e in full.edges(data=True)
                if names[a] == "Balochistan Liberation Army" and "weaponized" in names[b]]


def test_gexf_is_a_dynamic_graph_gephi_can_play(export_data):
    from threatnet.export.network import gexf

    text = gexf(export_data)
    assert 'mode="dynamic"' in text and 'timeformat="date"' in text
    graph = nx.read_gexf(io.StringIO(text))
    spans = [(e["start"], e["end"]) for _, _, e in graph.edges(data=True) if "start" in e]
    assert spans and all(a <= b for a, b in spans)


def test_csv_tables_keep_polarity_and_modality(export_data, tmp_path):
    from threatnet.export.tables import write_csv

    paths = write_csv(export_data, tmp_path)
    # incidents.csv when the store has incidents (the reports tell of attacks)
    assert [p.name for p in paths] == ["entities.csv", "claims.csv", "facts.csv"] + \
        (["incidents.csv"] if export_data.incidents else [])
    claims = list(csv.DictReader((tmp_path / "claims.csv").open(encoding="utf-8")))
    assert len(claims) == len(export_data.claims)
    denied = [c for c in claims if c["polarity"] == "negated" and "weaponized" in c["object"]]
    assert denied and denied[0]["modality"] == "reported"
    facts = list(csv.DictReader((tmp_path / "facts.csv").open(encoding="utf-8")))
    assert len(facts) == len(export_data.facts)
    assert all(f["grade"] and f["strongest_modality"] for f in facts)


def test_misp_events_carry_hedges_as_machine_tags(export_data):
    from threatnet.export.misp import events_json

    events = [json.loads(text)["Event"] for _, text in events_json(export_data)]
    assert len(events) == len(export_data.documents) + len(export_data.incidents)
    objects = [o for e in events for o in e.get("Object", [])]
    tags = [t["name"] for o in objects for a in o["Attribute"] for t in a.get("Tag", [])]
    assert any(t.startswith("estimative-language:likelihood-probability=") for t in tags)
    assert any(t.startswith("admiralty-scale:source-reliability=") for t in tags)
    assert any(t.startswith("admiralty-scale:information-credibility=") for t in tags)
    denied = [o for o in objects if "weaponized" in o["comment"] and "negated" in o["comment"]]
    assert denied
    kinds = {r["relationship_type"] for r in denied[0]["ObjectReference"]}
    assert kinds == {"claim-subject", "denies-possesses"}
    assert events_json(export_data) == events_json(export_data)  # stable uuids


def test_export_commands_write_files(dev_url, tmp_path):
    from threatnet.cli import app

    runner = CliRunner()
    out = tmp_path / "bla.json"
    result = runner.invoke(app, ["export", "stix", "--actor", "BLA", "--min-confidence", "0.3",
                                 "-o", str(out), "--db", dev_url])
    assert result.exit_code == 0, result.output
    bundle = json.loads(out.read_text(encoding="utf-8"))
    assert bundle["type"] == "bundle" and any(o["type"] == "relationship"
                                              for o in bundle["objects"])
    for kind in ("graphml", "gexf"):
        result = runner.invoke(app, ["export", kind, "-o", str(tmp_path / f"g.{kind}"),
                                     "--db", dev_url])
        assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["export", "csv", "-o", str(tmp_path / "csv"), "--db", dev_url])
    assert result.exit_code == 0 and (tmp_path / "csv" / "facts.csv").is_file()
    result = runner.invoke(app, ["export", "misp", "-o", str(tmp_path / "misp"), "--db", dev_url])
    assert result.exit_code == 0 and list((tmp_path / "misp").glob("*.json"))
    result = runner.invoke(app, ["export", "stix", "--since", "June", "--db", dev_url])
    assert result.exit_code == 1 and "--since 'June'" in result.output
    result = runner.invoke(app, ["export", "stix", "--actor", "Nobody Known", "--db", dev_url])
    assert result.exit_code == 1 and "is not an entity" in result.output
