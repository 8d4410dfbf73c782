"""Accept, reject and correct claims and mentions on SQLite and PostgreSQL: the reviewed values
on the row, the machine's beside them, every decision kept; decisions survive re-extraction
(or are reported, never dropped); conflicting reviewers and bad values refused, nothing lost."""

from __future__ import annotations

import pytest
from reviewdata import find, next_version
from sqlalchemy import func, select

from threatnet.errors import InvalidInput, ReviewConflict, StoreError, UnknownActor
from threatnet.store import review
from threatnet.store.review_views import history, list_claims, list_mentions, unattached
from threatnet.store.schema import ReviewRow

ATTACK, DENIAL, DRONES = "attacked a Pakistani", "did not cooperate", "small drones"


def reviewed(store, quetta) -> dict[str, dict]:
    """Save the report and decide on three of its claims."""
    store.save(quetta)
    claims = list_claims(store)
    attack = find(claims, "attacks", ATTACK)
    denial = find(claims, "cooperates_with", DENIAL)
    drones = find(claims, "possesses", DRONES)
    review.accept(store, attack["id"], "alice")
    review.reject(store, drones["id"], "alice", note="the sources said reconnaissance only")
    review.correct(store, denial["id"], "alice",
                   {"modality": "alleged", "source": "a CTD official", "start": "2024"})
    return {"attack": attack, "denial": denial, "drones": drones}


def test_decisions_live_on_the_row_with_the_machine_beside(store, quetta):
    before = reviewed(store, quetta)
    now = {c["id"]: c for c in list_claims(store)}
    assert now[before["attack"]["id"]]["status"] == "accepted"
    assert now[before["drones"]["id"]]["status"] == "rejected"  # still visible
    denial = now[before["denial"]["id"]]
    assert denial["status"] == "corrected" and denial["version"] == 1
    assert (denial["modality"], denial["source"], denial["time"]["start"]) == \
        ("alleged", "a CTD official", "2024")
    assert (denial["machine"]["modality"], denial["machine"]["source"]) == \
        ("reported", "Officials")
    # confidence follows the corrected modality: reported 0.7 -> alleged 0.55
    assert denial["confidence"] == pytest.approx(denial["machine"]["confidence"] * 0.55 / 0.7,
                                                 abs=1e-3)
    assert {c["status"] for c in list_claims(store, status="unreviewed")} == {"unreviewed"}
    assert [h["reviewer"] for h in history(store)] == ["alice"] * 3
    assert history(store, target="claim", target_id=before["drones"]["id"])[0]["note"]


def test_decisions_survive_reextraction(store, quetta):
    reviewed(store, quetta)
    outcome, kept = store.save_reviewed(next_version(quetta))
    assert outcome == "reextracted"
    assert (kept.reattached, kept.unattached) == (3, [])
    claims = list_claims(store)
    assert find(claims, "attacks", ATTACK)["status"] == "accepted"
    assert find(claims, "possesses", DRONES)["status"] == "rejected"
    denial = find(claims, "cooperates_with", DENIAL)
    assert (denial["status"], denial["modality"], denial["source"], denial["version"]) == \
        ("corrected", "alleged", "a CTD official", 1)
    # the next decision continues the same history, on the new row
    review.accept(store, denial["id"], "alice", expected_version=1)
    assert [h["action"] for h in history(store, target="claim", target_id=denial["id"])] == \
        ["correct", "accept"]
    assert find(list_claims(store), "cooperates_with", DENIAL)["status"] == "corrected"


def test_a_decision_for_a_claim_replaced_by_reextraction_is_refused(store, quetta):
    old = {c["id"] for c in list_claims(store)} if store.save(quetta) else set()
    store.save(next_version(quetta))
    assert old and not old & {c["id"] for c in list_claims(store)}  # ids are never reused
    with pytest.raises(StoreError, match=f"claim {min(old)} does not exist"):
        review.accept(store, min(old), "alice")
    assert history(store) == []


def test_decisions_that_cannot_be_reattached_are_reported_and_kept(store, quetta):
    reviewed(store, quetta)
    fewer = [c for c in quetta.claims if c.predicate != "possesses"]
    _, kept = store.save_reviewed(next_version(quetta, claims=fewer))
    assert kept.reattached == 2
    assert [(u["status"], u["machine"]["predicate"]) for u in kept.unattached] == \
        [("rejected", "possesses")]
    assert [u["status"] for u in unattached(store)] == ["rejected"]
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(ReviewRow)) == 3  # nothing dropped
    # the claim comes back with the old extractor: so does the decision
    _, kept = store.save_reviewed(quetta)
    assert (kept.reattached, kept.unattached) == (3, [])
    assert find(list_claims(store), "possesses", DRONES)["status"] == "rejected"
    assert unattached(store) == []


def test_a_second_reviewer_must_have_seen_the_current_version(store, quetta):
    claim = reviewed(store, quetta)["attack"]
    with pytest.raises(ReviewConflict, match="accepted by alice.*--expect-version 1"):
        review.reject(store, claim["id"], "bob")
    with pytest.raises(ReviewConflict, match="changed since you saw version 0"):
        review.reject(store, claim["id"], "bob", expected_version=0)
    assert [h["reviewer"] for h in history(store, target="claim", target_id=claim["id"])] == \
        ["alice"]  # refused: nothing written
    done = review.reject(store, claim["id"], "bob", expected_version=1)
    assert (done["status"], done["version"], done["reviewer"]) == ("rejected", 2, "bob")
    assert [(h["reviewer"], h["status"]) for h in done["history"]] == \
        [("alice", "accepted"), ("bob", "rejected")]
    review.accept(store, claim["id"], "bob")  # one's own decision may be revised


def test_bad_input_is_one_error_and_changes_nothing(store, quetta):
    claim = reviewed(store, quetta)["attack"]
    for changes, message in (({"predicate": "supportz"}, "predicate 'supportz'"),
                             ({"modality": "sure"}, "modality 'sure'"),
                             ({"polarity": "maybe"}, "polarity 'maybe'"),
                             ({"start": "last year"}, "YYYY"),
                             ({"confidence": "1"}, "cannot correct 'confidence'")):
        with pytest.raises(InvalidInput, match=message):
            review.correct(store, claim["id"], "alice", changes)
    with pytest.raises(UnknownActor):
        review.correct(store, claim["id"], "alice", {"object": "Nobody Front"})
    with pytest.raises(StoreError, match="claim 999999 does not exist"):
        review.accept(store, 999999, "alice")
    after = review.item(store, claim["id"])
    assert (after["status"], after["version"], len(after["history"])) == ("accepted", 1, 1)


def test_correct_entities_and_reset(store, quetta):
    claim = reviewed(store, quetta)["attack"]
    done = review.correct(store, claim["id"], "alice", {"object": "TTP", "predicate":
                                                        "hostile_to"})
    assert (done["object"], done["predicate"], done["status"]) == \
        ("Tehrik-i-Taliban Pakistan", "hostile_to", "corrected")
    done = review.reset(store, claim["id"], "alice")
    assert (done["object"], done["predicate"], done["status"], done["version"]) == \
        ("Pakistan Army", "attacks", "unreviewed", 3)


def test_mentions_are_reviewed_and_survive_reextraction(store, quetta):
    store.save(quetta)
    mentions = list_mentions(store)
    quetta_m = next(m for m in mentions if m["text"] == "Quetta")
    army = next(m for m in mentions if m["text"].lower().startswith("pakistani army"))
    review.reject(store, quetta_m["id"], "alice", target="mention")
    review.correct(store, army["id"], "alice", {"entity": "TTP"}, target="mention")
    with pytest.raises(InvalidInput, match="cannot correct 'predicate'"):
        review.correct(store, army["id"], "alice", {"predicate": "attacks"}, target="mention")
    _, kept = store.save_reviewed(next_version(quetta))
    assert kept.reattached == 2
    now = {m["text"]: m for m in list_mentions(store)}
    assert now["Quetta"]["status"] == "rejected"
    assert (now[army["text"]]["status"], now[army["text"]]["entity"]) == \
        ("corrected", "Tehrik-i-Taliban Pakistan")
