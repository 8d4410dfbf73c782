"""Near-duplicate detection and credits without a store: lightly edited copies meet on a
MinHash band and share most sentences; a different report of the same event does not;
a long sentence repeated word for word is found even in an otherwise different note;
wire and outlet credits are read from the data file, and a user's file adds to them."""

from __future__ import annotations

import random

import pytest

from threatnet.errors import InvalidData
from threatnet.ingest import near_duplicates as nd
from threatnet.ingest.credits import credits

REPORT = (
    "QUETTA: The Balochistan Liberation Army attacked a Frontier Corps convoy near Turbat "
    "on Monday, killing four soldiers and wounding six others.\n"
    "The attack took place on the coastal highway while the convoy was returning from a "
    "routine patrol of the district.\n"
    "Security forces launched a search operation in the surrounding hills after the "
    "militants fled the scene on motorcycles.\n"
    "The group has carried out dozens of attacks on security forces and Chinese nationals "
    "working on development projects in the province.\n"
    "Provincial officials said the attackers had planted explosives along the road days "
    "before the ambush was carried out.\n")
OTHER = (
    "TURBAT: Four Frontier Corps personnel died on Monday when gunmen opened fire on their "
    "vehicles on the coastal road, according to a police official in Kech district.\n"
    "Residents said they heard heavy gunfire for nearly an hour before reinforcements "
    "arrived from the nearby cantonment.\n"
    "A spokesman for the Balochistan Liberation Army claimed responsibility in a statement "
    "sent to journalists late in the evening.\n"
    "Hospital sources said six wounded men were brought in, two of them in critical "
    "condition.\n")


def edited(text: str, share: float, seed: int) -> str:
    """`text` with about `share` of its lower-case words replaced by other words."""
    rng = random.Random(seed)
    out = []
    for token in text.split(" "):
        if token.isalpha() and token.islower() and rng.random() < share:
            token = rng.choice(["several", "local", "recent", "heavy", "major", "official"])
        out.append(token)
    return " ".join(out)


def test_a_lightly_edited_copy_meets_on_a_band_and_shares_most_sentences():
    copy = "Militants ambush convoy\nThe Express Tribune\n" + edited(REPORT, 0.10, 3)
    assert set(nd.index_keys(REPORT)[:nd.BANDS]) & set(nd.index_keys(copy)[:nd.BANDS])
    mine, theirs = nd.sentences(copy), nd.sentences(REPORT)
    shared = nd.shared_sentences(mine, theirs, near=True)
    assert len(shared) >= 4
    assert nd.is_copy(shared, mine)
    for pair in shared:  # each pairs a sentence with its own edited twin
        assert copy[pair.a.start:pair.a.end].split()[:1] == REPORT[pair.b.start:pair.b.end] \
            .split()[:1] or pair.similarity >= nd.SENTENCE_MATCH


def test_a_different_report_of_the_same_event_shares_nothing():
    assert not set(nd.index_keys(REPORT)) & set(nd.index_keys(OTHER))
    assert nd.shared_sentences(nd.sentences(OTHER), nd.sentences(REPORT), near=False) == []
    # even compared as near-duplicates, no sentence of one is a sentence of the other
    assert nd.shared_sentences(nd.sentences(OTHER), nd.sentences(REPORT), near=True) == []


def test_a_long_sentence_repeated_word_for_word_is_found_in_a_different_note():
    repeated = nd.sentences(REPORT)[3]
    note = (OTHER + "Analysts at the institute looked back at the group's record.\n"
            + REPORT[repeated.start:repeated.end] + "\n")
    keys = set(nd.index_keys(note))
    assert nd.sentence_key(repeated) in keys
    shared = nd.shared_sentences(nd.sentences(note), nd.sentences(REPORT), near=False)
    assert [REPORT[x.b.start:x.b.end] for x in shared] == [REPORT[repeated.start:repeated.end]]
    assert not nd.is_copy(shared, nd.sentences(note))


def test_short_formulaic_sentences_are_not_copies_of_each_other():
    a = nd.sentences("The BLA claimed responsibility for the attack.")
    b = nd.sentences("The BLA claimed responsibility for the attack on Monday.")
    assert nd.shared_sentences(a, b, near=False) == []


@pytest.mark.parametrize(("text", "sentence", "dateline"), [
    ("QUETTA (AFP) — Militants attacked a convoy.", "AFP", "AFP"),
    ("The BLA is led by Bashir Zeb, Reuters reported.", "Reuters", None),
    ("The group grew, according to Dawn.", "Dawn", None),
    ("Militants struck at dawn on Monday.", None, None),
    ("By Associated Press\nISLAMABAD: Militants attacked.", None, "AP"),
    ("Geo-politics shaped the region.", None, None),
])
def test_credits_name_the_wire_or_outlet(text, sentence, dateline):
    table = credits()
    assert table.in_sentence(text) == sentence
    assert table.in_dateline(text) == dateline


def test_a_users_credits_file_adds_outlets(tmp_path):
    path = tmp_path / "credits.yaml"
    path.write_text("outlets:\n  - {name: Balochistan Post, names: [TBP]}\n")
    table = credits(str(path))
    assert table.in_sentence("The attack was claimed, TBP reported.") == "Balochistan Post"
    assert table.in_sentence("The attack was claimed, Reuters reported.") == "Reuters"
    bad = tmp_path / "bad.yaml"
    bad.write_text("outlets: nope\n")
    with pytest.raises(InvalidData, match="'outlets' must be a list"):
        credits(str(bad))


@pytest.mark.parametrize(("a", "b", "same"), [
    ("The Balochistan Liberation Army attacked a Frontier Corps convoy near Turbat on Monday, "
     "killing four soldiers and wounding six others on the coastal highway.",
     "The BLA attacked a Frontier Corps convoy near Turbat on Monday, killing four soldiers "
     "and wounding six others on the coastal highway.", True),
    ("Tehreek-e-Taliban Pakistan attacked a police post in Bannu district.",
     "Tehrik-i-Taliban Pakistan attacked a police post in Bannu district.", True),
    ("Lashkar-e-Islam has used explosives against Iran for several years, officials said.",
     "Lashkar-e-Jhangvi has used explosives against Iran for several years, officials said.",
     False),
    ("The BLA attacked a convoy in Turbat on 20 March.",
     "The BLA attacked a convoy in Turbat on 21 March.", False),
])
def test_sentences_naming_other_actors_or_dates_are_other_statements(a, b, same):
    shared = nd.shared_sentences(nd.sentences(a), nd.sentences(b), near=True)
    assert bool(shared) is same
