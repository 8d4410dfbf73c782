"""A stored report pasted again through the web API, under another title and a line of
its own, is found to be a copy of it and leaves every grade of the store as it was
(issue 19: a pasted copy had raised "Bashir Zeb Baloch leads BLA" from C2 to C1)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from webclient import make_client, store_copy

from threatnet.store.schema import ClaimRow, CopyRow, DocumentRow, FactGradeRow


@pytest.fixture(scope="module")
def own_store(serve_store_url, tmp_path_factory, extractor):
    """A copy of the web tests' store, so the pasted report changes no other test's."""
    with store_copy(serve_store_url, tmp_path_factory.mktemp("pasted")) as store:
        yield store


def grades(store) -> dict[tuple, tuple]:
    with store.session() as s:
        return {(r.subject_id, r.predicate, r.object_id): (r.score, r.data["judgement"],
                                                           r.data["independent_sources"])
                for r in s.scalars(select(FactGradeRow))}


def test_a_report_pasted_through_the_web_form_changes_no_grade(own_store, extractor):
    with own_store.session() as s:
        original, text = s.execute(
            select(DocumentRow.id, DocumentRow.text).join(
                ClaimRow, ClaimRow.document_id == DocumentRow.id)
            .group_by(DocumentRow.id, DocumentRow.text)
            .order_by(func.count().desc(), DocumentRow.id).limit(1)).one()
    before = grades(own_store)
    client = make_client(own_store, extractor)
    r = client.post("/api/reports", json={"text": "Shared by a colleague\n\n" + text,
                                          "title": "pasted copy"})
    assert r.status_code == 201 and r.json()["outcome"] == "new", r.text
    pasted = r.json()["document"]
    with own_store.session() as s:
        assert s.scalar(select(CopyRow.copy).where(CopyRow.document_id == pasted,
                                                    CopyRow.original_id == original))
    after = grades(own_store)
    changed = {key: (before[key], after.get(key)) for key in before
               if after.get(key) != before[key]}
    assert changed == {}
