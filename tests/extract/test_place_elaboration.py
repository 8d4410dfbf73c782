"""A country named first and then its provinces or districts ("in Afghanistan, in Kunar and
Nangarhar provinces") names where a group is, at both grains; a town named first and then
its province ("in Bahawalpur, in Punjab province") names the town only. Sentences of our
own."""

from __future__ import annotations

import pytest
from claimrows import claims


@pytest.mark.parametrize("text, group, places", [
    ("The TTP's camps are located in Afghanistan, in Kunar and Nangarhar provinces.",
     "Tehrik-i-Taliban Pakistan", {"Afghanistan", "Kunar", "Nangarhar"}),
    ("Jaish al-Adl is based in Iran, in Sistan-Baluchestan province.",
     "Jaish al-Adl", {"Iran", "Sistan and Baluchestan"}),
    ("The Islamic Movement of Uzbekistan was based in Pakistan, in North Waziristan and "
     "South Waziristan.", "Islamic Movement of Uzbekistan",
     {"Pakistan", "North Waziristan", "South Waziristan"}),
])
def test_a_country_and_its_provinces_are_both_places(extractor, text, group, places):
    rows = claims(extractor, "Notes\n\n" + text, "2024-01-01")
    got = {r.object for r in rows if r.subject == group and r.predicate == "based_in"}
    assert places <= got, rows


def test_a_town_and_its_province_is_the_town(extractor):
    rows = claims(extractor, "Notes\n\nJaish-e-Mohammed is headquartered in Bahawalpur, in "
                  "Punjab province.", "2024-01-01")
    got = {r.object for r in rows if r.subject == "Jaish-e-Mohammed" and
           r.predicate == "based_in"}
    assert got == {"Bahawalpur"}, rows
