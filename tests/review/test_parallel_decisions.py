"""Review decisions taken at the same moment, on SQLite and PostgreSQL: decisions on
different claims of one fact all land (their facts-summary row is written by each, and a
collision is retried), and one reviewer deciding one claim twice at once gets both
decisions recorded, one after the other, on both backends alike."""

from __future__ import annotations

import threading

from sqlalchemy import func, select

from threatnet.ingest import document_from_text
from threatnet.store import Store, review
from threatnet.store.review_views import list_claims
from threatnet.store.schema import FactSummaryRow, ReviewRow

PLACES = ["Quetta", "Turbat", "Gwadar", "Kalat", "Panjgur", "Mastung"]
REVIEWERS = 6


def one_fact(store: Store, extractor) -> list[dict]:
    """Six documents that each claim the BLA attacked a convoy: six claims, one fact."""
    for n, place in enumerate(PLACES):
        text = (f"The Balochistan Liberation Army attacked a Pakistani army convoy in {place} "
                f"on March {n + 1}, 2025.\n")
        store.save(extractor.extract(document_from_text(text, source=f"r{n}.txt")))
    claims = [c for c in list_claims(store) if c["predicate"] == "attacks"
              and c["object"] == "Pakistan Army"]
    triples = {(c["subject"], c["predicate"], c["object"]) for c in claims}
    assert len(claims) == len(PLACES) and len(triples) == 1, claims
    return claims


def in_parallel(url: str, calls: list) -> list[BaseException]:
    """Run each call(store) in its own thread with its own store, all released at once."""
    barrier = threading.Barrier(len(calls))
    errors: list[BaseException] = []

    def run(call) -> None:
        with Store(url, create=False) as store:
            barrier.wait()
            try:
                call(store)
            except BaseException as exc:  # noqa: BLE001 - collected for the assertion
                errors.append(exc)

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    return errors


def test_decisions_on_the_claims_of_one_fact_all_land(store, store_url, extractor):
    claims = one_fact(store, extractor)
    rejected = {c["id"] for c in claims[::2]}

    def decide(claim_id: int, reviewer: str):
        action = review.reject if claim_id in rejected else review.accept
        return lambda s: action(s, claim_id, reviewer)

    errors = in_parallel(store_url, [decide(c["id"], f"analyst{i}")
                                     for i, c in enumerate(claims[:REVIEWERS])])
    assert errors == []
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(ReviewRow)) == len(claims)
        [row] = s.scalars(select(FactSummaryRow).where(FactSummaryRow.predicate == "attacks"))
    now = {c["id"]: c["status"] for c in list_claims(store)}
    assert {i for i, status in now.items() if status == "rejected"} == rejected
    assert row.claims == len(claims) - len(rejected)  # the summary counts what is left


def test_one_reviewer_deciding_one_claim_twice_at_once(store, store_url, extractor):
    claim = one_fact(store, extractor)[0]
    errors = in_parallel(store_url, [lambda s: review.accept(s, claim["id"], "alice"),
                                     lambda s: review.reject(s, claim["id"], "alice")])
    assert errors == []
    with store.session() as s:
        versions = sorted(s.scalars(select(ReviewRow.version)
                                    .where(ReviewRow.target_id == claim["id"])))
    assert versions == [1, 2]  # both recorded, the second on top of the first


def test_two_reviewers_on_the_version_they_saw_one_wins_alike(store, store_url, extractor):
    claim = one_fact(store, extractor)[0]
    errors = in_parallel(store_url, [
        lambda s: review.accept(s, claim["id"], "alice", expected_version=0),
        lambda s: review.reject(s, claim["id"], "bob", expected_version=0)])
    assert [type(e).__name__ for e in errors] == ["ReviewConflict"]
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(ReviewRow)
                        .where(ReviewRow.target_id == claim["id"])) == 1
