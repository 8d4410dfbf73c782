"""The reviewed version is what facts and analysis read: a corrected claim counts as corrected,
a rejected one leaves the facts (and stays listed as rejected); and the schema migration that
adds review states keeps what a store already holds."""

from __future__ import annotations

import json

from alembic import command
from reviewdata import find
from sqlalchemy import create_engine, inspect, text
from typer.testing import CliRunner

from threatnet import cli
from threatnet.analyse.graph import load_facts
from threatnet.store import Store, migrate, review
from threatnet.store.review_views import list_claims


def _drones(store, quetta) -> dict:
    store.save(quetta)
    return find(list_claims(store), "possesses", "small drones")


def _facts(store) -> set[tuple[str, str]]:
    return {(f["predicate"], f["object"]) for f in store.facts("BLA")}


def _graph(store) -> set[tuple[str, str]]:
    with store.session() as s:
        return {(f.predicate, f.object) for f in load_facts(s, node_types=None)}


def test_a_corrected_claim_counts_as_corrected(store, quetta):
    drones = _drones(store, quetta)
    review.correct(store, drones["id"], "alice", {"predicate": "uses"})
    assert ("uses", "small drones") in _facts(store)
    assert ("possesses", "small drones") not in _facts(store)


def test_a_rejected_claim_leaves_the_facts(store, quetta):
    drones = _drones(store, quetta)
    assert ("possesses", "small drones") in _facts(store)
    assert ("possesses", "small drones") in _graph(store)
    review.reject(store, drones["id"], "alice")
    assert [c["id"] for c in list_claims(store, status="rejected")] == [drones["id"]]
    assert ("possesses", "small drones") not in _facts(store)
    assert ("possesses", "small drones") not in _graph(store)  # paths, network, exports


def test_a_rejected_claim_leaves_the_facts_of_the_actor_profile(store, quetta, cli_extractor):
    def profile() -> set[tuple[str, str]]:
        result = CliRunner().invoke(cli.app, ["actor", "BLA", "--format", "json",
                                              "--db", store.url])
        assert result.exit_code == 0, result.output
        facts = json.loads(result.stdout)["facts"]
        return {(f["predicate"], f["object"]) for group in facts.values() for f in group}

    drones = _drones(store, quetta)
    assert ("possesses", "small drones") in profile()
    review.reject(store, drones["id"], "alice")
    assert ("possesses", "small drones") not in profile()


def test_migration_adds_review_states_to_a_stored_claim(store_url):
    engine = create_engine(store_url)
    config = migrate.alembic_config(engine)
    command.upgrade(config, "0001")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO documents (id, text, source, language, "
                          "extractor_version, ingested_at) VALUES ('sha256:x', 'BLA.', "
                          "'x.txt', 'en', 'old', CURRENT_TIMESTAMP)"))
        conn.execute(text("INSERT INTO entities (id, name, norm, type, created_at) VALUES "
                          "(1, 'BLA', 'bla', 'armed_group', CURRENT_TIMESTAMP)"))
        conn.execute(text("INSERT INTO claims (document_id, local_id, subject_id, predicate, "
                          "object_id, polarity, modality, qualifiers, evidence_start, "
                          "evidence_end, evidence_text, confidence) VALUES ('sha256:x', 'C1', "
                          "1, 'uses', 1, 'affirmed', 'asserted', '{}', 0, 4, 'BLA.', 0.9)"))
    engine.dispose()
    with Store(store_url) as store:  # opening upgrades to the newest schema
        [claim] = list_claims(store)
        assert (claim["status"], claim["version"]) == ("unreviewed", 0)
        assert review.accept(store, claim["id"], "alice")["status"] == "accepted"
        engine = store.engine
        assert "reviews" in inspect(engine).get_table_names()
        command.downgrade(migrate.alembic_config(engine), "0001")
        assert "reviews" not in inspect(engine).get_table_names()
        assert "review_status" not in {c["name"] for c in inspect(engine).get_columns("claims")}
