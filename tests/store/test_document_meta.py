"""Documents read from pages, PDFs and feeds keep their outlet and meta (migration 0003),
and the outlet decides which of the author's own claims are independent: on both backends."""

from __future__ import annotations

from sqlalchemy import inspect

from threatnet.ingest import document_from_text, locate
from threatnet.ingest.text import Extracted
from threatnet.store import Store
from threatnet.store.schema import DocumentRow

BLA = ("The Balochistan Liberation Army (BLA) attacked a Pakistani army convoy in Quetta "
       "on {day} March.\n")


def from_outlet(day: int, outlet: str | None, source: str):
    found = Extracted(text=BLA.format(day=day), outlet=outlet, published=f"2025-03-{day:02d}",
                      meta={"url": source, "author": "Desk",
                            "paragraphs": [[0, 40, 3, "12"]]})
    return document_from_text(found.text, source=source, found=found)


def test_meta_and_outlet_are_stored(store, extractor):
    doc = from_outlet(20, "Dawn", "https://dawn.example/a")
    [record] = extractor.extract_many([doc])
    assert store.save(record) == "new"
    with store.session() as s:
        row = s.get(DocumentRow, doc.id)
        assert (row.outlet, row.published) == ("Dawn", "2025-03-20")
        assert row.meta == {"url": "https://dawn.example/a", "author": "Desk",
                            "paragraphs": [[0, 40, 3, "12"]]}
    [listed] = store.documents()
    assert listed["url"] == "https://dawn.example/a" and listed["outlet"] == "Dawn"
    assert locate(doc, 5) == "p. 3, para 12"


def test_one_outlet_speaking_twice_counts_once(store, extractor):
    docs = [from_outlet(20, "Dawn", "https://dawn.example/a"),
            from_outlet(21, "Dawn", "https://dawn.example/b"),
            from_outlet(22, "Express Tribune", "https://tribune.example/c")]
    for record in extractor.extract_many(docs):
        store.save(record)
    [fact] = [f for f in store.facts("BLA") if f["predicate"] == "attacks"]
    assert fact["claims_for"] == 3
    assert fact["independent_sources"] == 2  # Dawn twice, the Tribune once


def test_migration_adds_the_column(store_url):
    with Store(store_url) as store:
        columns = {c["name"] for c in inspect(store.engine).get_columns("documents")}
    assert "meta" in columns


def test_a_store_made_before_0003_is_upgraded_and_keeps_its_documents(store_url):
    from alembic import command
    from sqlalchemy import text

    from threatnet.store import migrate
    from threatnet.store.engine import make_engine

    engine = make_engine(store_url)
    command.upgrade(migrate.alembic_config(engine), "0001")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO documents (id, text, source, language, "
                          "extractor_version, ingested_at) VALUES ('sha256:old', 'Old text.', "
                          "'old.txt', 'en', 'v0', CURRENT_TIMESTAMP)"))
    engine.dispose()
    with Store(store_url) as store:  # opening it upgrades it
        with store.session() as s:
            row = s.get(DocumentRow, "sha256:old")
            assert (row.text, row.meta) == ("Old text.", None)
        assert migrate.current_revision(store.engine) == migrate.head_revision(store.engine)
