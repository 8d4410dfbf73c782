"""On a Dask cluster too, a document over its budget is its own failure line: the batch
goes on and the good documents around it are saved."""

from __future__ import annotations

from threatnet.batch import ingest_documents
from threatnet.ingest import document_from_text
from threatnet.store import Store

GOOD = ("Tehrik-i-Taliban Pakistan (TTP) militants attacked a police checkpoint in Bannu "
        "district on Monday, police said.")


def test_a_document_over_its_budget_on_a_worker_fails_alone(extractor, monkeypatch, tmp_path):
    from threatnet.cluster import Cluster

    # the workers read the budget from their environment when they build their extractor
    monkeypatch.setenv("THREATNET_DOCUMENT_SECONDS", "3")
    long = " ".join(f"{GOOD} Officials said the group had attacked the post {n} times."
                    for n in range(2_000))  # about 250,000 characters: far over 3 s
    documents = [document_from_text(GOOD, source="good-1.txt"),
                 document_from_text(long, source="long.txt"),
                 document_from_text(GOOD.replace("Bannu", "Lakki Marwat"), source="good-2.txt")]
    with Cluster(extractor, workers=1, batch_size=1) as cluster, \
            Store(f"sqlite:///{tmp_path / 'kb.db'}") as store:
        summary = ingest_documents(store, documents, extractor, cluster=cluster)
        assert summary.new == 2
        assert [where for where, _ in summary.failed] == ["long.txt"]
        assert summary.failed[0][1].startswith("long.txt: extraction stopped after 3 s")
        assert {d["source"] for d in store.documents()} == {"good-1.txt", "good-2.txt"}
