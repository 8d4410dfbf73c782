"""Geography of groups as profiles and dyad notes write it: presence told by a passive
or an adjective ("concentrated in", "entrenched in"), "operates out of", a place
described as a group's stronghold or haven ("Miranshah, a TTP stronghold", "Kunar has
become a haven for the TTP"), and the precision guard of an apposed person."""

from __future__ import annotations

import pytest
from claimrows import BLA, ISKP, TTP, affirmed, claims, negated

FAMILIES = ("operates_in", "based_in")

PASSIVE_PRESENCE = [
    ("TTP fighters are concentrated in Kunar.", [affirmed(TTP, "operates_in", "Kunar")]),
    ("The BLA is entrenched in Kech.", [affirmed(BLA, "operates_in", "Kech")]),
    ("ISKP is present in Kunar and Nangarhar.",
     [affirmed(ISKP, "operates_in", "Kunar"), affirmed(ISKP, "operates_in", "Nangarhar")]),
]

OUT_OF = [
    ("The TTP operates out of Kunar.", [affirmed(TTP, "based_in", "Kunar")]),
    ("The Haqqani network runs its operations from Miranshah.",
     [affirmed("Haqqani network", "based_in", "Miranshah")]),
    ("The TTP operates from Afghanistan.", [affirmed(TTP, "based_in", "Afghanistan")]),
]

DESCRIBED_PLACES = [
    ("Miranshah, a TTP stronghold, was cleared.", [affirmed(TTP, "operates_in", "Miranshah")]),
    ("North Waziristan, long a haven for the Haqqani network, was cleared.",
     [affirmed("Haqqani network", "operates_in", "North Waziristan")]),
    ("Kunar has become a haven for the TTP.", [affirmed(TTP, "operates_in", "Kunar")]),
    ("Bajaur, the TTP's main base, was cleared.", [affirmed(TTP, "based_in", "Bajaur")]),
    # no group, no claim
    ("Pakistan is a haven for terrorists.", []),
]

GUARDS = [
    # the leader lives abroad, not the group
    ("The BLA is a separatist group. Its leader, Bashir Zeb, is believed to live outside "
     "Pakistan.", [negated("Bashir Zeb Baloch", "based_in", "Pakistan", "believed")]),
    ("The TTP is a militant group. Its chief, Noor Wali Mehsud, is thought to live in "
     "Kunar.", [affirmed("Noor Wali Mehsud", "based_in", "Kunar", "believed")]),
]


@pytest.mark.parametrize(("text", "expected"),
                         PASSIVE_PRESENCE + OUT_OF + DESCRIBED_PLACES + GUARDS)
def test_geography_families(extractor, text, expected):
    found = [r for r in claims(extractor, text) if r.predicate in FAMILIES]
    assert sorted(found) == sorted(expected)
