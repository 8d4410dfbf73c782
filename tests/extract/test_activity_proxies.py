"""What a group does stands for the group named in it ("facilitates TTP operations"), never
for the group "its" points at; a group steered from a place is based there (frames.yaml).
Sentences of our own."""

from __future__ import annotations

import pytest
from claimrows import claims


@pytest.mark.parametrize("text, supporter, group", [
    ("Islamabad has long maintained that Afghan intelligence facilitates TTP operations.",
     "Afghan intelligence", "Tehrik-i-Taliban Pakistan"),
    ("Indian officials say the ISI funded LeT operations in Kashmir.",
     "Inter-Services Intelligence", "Lashkar-e-Taiba"),
    ("Iran has denied facilitating Jaish al-Adl activities along the border.",
     "Iran", "Jaish al-Adl"),
])
def test_a_group_named_in_its_activity_is_supported(extractor, text, supporter, group):
    rows = claims(extractor, "Notes\n\n" + text, "2019-03-01")
    assert (supporter, "supports", group) in {r.triple for r in rows}, rows


def test_its_own_operations_are_no_other_group(extractor):
    rows = claims(extractor, "Notes\n\nIran denies backing Jaish al-Adl. Lashkar-e-Taiba "
                  "recruits for its operations in Kashmir from seminaries in Punjab.",
                  "2019-03-01")
    assert not any(r.subject == "Lashkar-e-Taiba" and r.predicate == "supports"
                   for r in rows), rows


@pytest.mark.parametrize("text, group, place", [
    ("The Jaish-e-Mohammed continues to be controlled from Pakistan.", "Jaish-e-Mohammed",
     "Pakistan"),
    ("The TTP is run from Afghanistan, according to Pakistani officials.",
     "Tehrik-i-Taliban Pakistan", "Afghanistan"),
    ("The Balochistan Liberation Front was commanded from Kech for a decade.",
     "Balochistan Liberation Front", "Kech"),
])
def test_a_group_steered_from_a_place_is_based_there(extractor, text, group, place):
    rows = claims(extractor, "Notes\n\n" + text, "2019-03-01")
    assert (group, "based_in", place) in {r.triple for r in rows}, rows
