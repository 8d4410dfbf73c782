"""Incident dates and places in timelines, databases and wire copy, second round: each
family tried in at least three phrasings of our own."""

from __future__ import annotations

import pytest
from claimrows import record

from threatnet.model import EntityType, ExtractionRecord


def _dates(rec: ExtractionRecord) -> list[str | None]:
    incidents = sorted((e for e in rec.entities if e.type == EntityType.EVENT and e.incident),
                       key=lambda e: e.mentions[0].start)
    return [e.incident.date for e in incidents]


# -- a timeline's year: its title's, not a year an entry mentions in passing ----------

@pytest.mark.parametrize("text, published, expected", [
    ("Pakistan Timeline – Year 2009\nCompiled 15 January 2010.\n\n"
     "March 3: Gunmen attacked a police checkpost in Bannu, killing four policemen.\n\n"
     "June 28: Militants ambushed a military convoy in Mir Ali. The group had scrapped "
     "its February 2008 peace deal.\n\n"
     "October 5: A suicide bomber blew himself up outside a mosque in Quetta.\n",
     "2010-01-15", ["2009-03-03", "2009-06-28", "2009-10-05"]),
    ("Major attacks in Balochistan, 2016\n\n"
     "8 August: A suicide bomber blew himself up at the Civil Hospital in Quetta.\n\n"
     "24 October: Gunmen stormed a police training college in Quetta. The college opened "
     "in May 2011.\n\n"
     "12 November: A bomb exploded at a shrine in Khuzdar district.\n",
     "2017-01-05", ["2016-08-08", "2016-10-24", "2016-11-12"]),
    ("Chronology of 2013 attacks on polio teams\nUpdated 3 February 2014\n\n"
     "Jan 1: Gunmen shot dead seven aid workers in Swabi.\n"
     "Feb 8: Gunmen opened fire on a polio team in Charsadda. The team had worked there "
     "since 2010.\n"
     "May 28: Militants attacked a polio team in Peshawar.\n",
     "2014-02-03", ["2013-01-01", "2013-02-08", "2013-05-28"]),
])
def test_a_timelines_title_year_dates_its_entries(extractor, text, published, expected):
    assert _dates(record(extractor, text, published=published)) == expected


# -- a reaction's date is not the incident's: "blamed X on Tuesday for the assault" -----

@pytest.mark.parametrize("text, published, expected", [
    ("The interior minister on Thursday blamed the Taliban for the attack on a girls' "
     "school in Kunduz.\n\nGunmen stormed the school on Tuesday and killed four teachers.",
     "2021-05-13", "2021-05-11"),
    ("Quetta began two days of mourning on Saturday for the victims of the bombing at the "
     "Hazara market.\n\nA suicide bomber blew himself up in the market on Friday, killing "
     "twenty people.", "2019-04-13", "2019-04-12"),
    ("Officials condemned on Monday the assault on a police station in Bannu.\n\n"
     "Militants attacked the station on Sunday night, killing three policemen.",
     "2023-06-05", "2023-06-04"),
])
def test_a_reactions_date_is_not_the_incidents(extractor, text, published, expected):
    assert _dates(record(extractor, text, published=published)) == [expected]


def _places(rec: ExtractionRecord) -> list[str | None]:
    names = {e.id: e.name for e in rec.entities}
    incidents = sorted((e for e in rec.entities if e.type == EntityType.EVENT and e.incident),
                       key=lambda e: e.mentions[0].start)
    return [names.get(e.incident.place) for e in incidents]


# -- a village near a known town: the village, not the town, even where the statistical
# NER took the village's name for an organisation or a facility ----------------------

@pytest.mark.parametrize("text, village", [
    ("On 9 March 2022, militants attacked a checkpost at Khajuri Kach near Tank, killing "
     "two constables.", "Khajuri Kach"),
    ("On 8 May 2020, gunmen opened fire on a polio team at Haider Khel near Mir Ali.",
     "Haider Khel"),
    ("On 17 August 2021, militants ambushed a patrol at Saidgi Kach near Ghulam Khan, "
     "killing two soldiers.", "Saidgi Kach"),
    ("On 5 April 2022, militants ambushed a convoy at Makeen Bazar near Razmak, killing "
     "four soldiers.", "Makeen Bazar"),
])
def test_a_village_near_a_known_town_is_the_place(extractor, text, village):
    assert _places(record(extractor, text, published="2023-06-01")) == [village]


# -- a line dating the report is no item heading: its date is no incident's -------------

@pytest.mark.parametrize("text", [
    "Published 10 May 2023 · Border militancy series\n\nLashkar-e-Islam\n\nA bomb exploded "
    "at the door of a house in the Bandar Dara area of Achin district, killing the group's "
    "leader. No group claimed the bombing.",
    "Posted 3 March 2024 · Security brief\n\nGunmen opened fire on a polio team in the "
    "Shewa area of Lakki Marwat, killing two workers. No group claimed the attack.",
    "Compiled 15 January 2010 — Quetta\n\nA suicide bomber blew himself up outside a "
    "mosque in the Hazara Town area of Quetta, killing twelve worshippers.",
])
def test_a_publication_line_does_not_date_the_incidents(extractor, text):
    assert _dates(record(extractor, text, published="2024-03-03")) == [None]


# -- "in X city, X province, Country": one place told more widely, not a second one -------

@pytest.mark.parametrize("text, place", [
    ("On 17 May 2024, gunmen opened fire on a group of foreign tourists at a market in "
     "Bamyan city, Bamyan province, Afghanistan.", "Bamyan"),
    ("On 2 March 2022, militants opened fire on a group of policemen and their drivers at a "
     "checkpoint in Tank town, Tank district, Pakistan.", "Tank"),
    ("On 6 June 2023, a gunman opened fire on worshippers at a shrine in Quetta city, "
     "Balochistan province, Pakistan.", "Quetta"),
])
def test_a_comma_list_of_wider_places_keeps_the_town(extractor, text, place):
    assert _places(record(extractor, text, published="2024-06-01")) == [place]


# -- a named street or square is the finest place, over the building beside it ----------

@pytest.mark.parametrize("text, place", [
    ("On 13 February 2017, a suicide bomber blew himself up among protesters on Mall Road, "
     "outside the Punjab Assembly in Lahore.", "Mall Road"),
    ("On 1 May 2010, a car bomb was set off in Times Square, New York.", "Times Square"),
    ("On 4 June 2019, a bomb exploded at Fawara Chowk in Dera Ismail Khan, wounding six "
     "traders.", "Fawara Chowk"),
])
def test_a_named_street_or_square_is_the_place(extractor, text, place):
    assert _places(record(extractor, text, published="2020-01-01")) == [place]


# -- with no publication date given, a publication line dates "last Friday's", "on Monday"

@pytest.mark.parametrize("text, expected", [
    ("Ministry of Foreign Affairs\nTranscript of the weekly press briefing, Friday, 24 "
     "February 2023\n\nLet me begin with last Friday's attack on a police station in Bannu.",
     "2023-02-17"),
    ("Provincial government\nTranscript of remarks by the Governor, 14 June 2023\n\n"
     "Gunmen attacked a police post in Lakki Marwat on Monday, killing two constables.",
     "2023-06-12"),
    ("Corps headquarters\nTranscript of the media briefing, Saturday 9 March 2024\n\n"
     "Militants ambushed a convoy in North Waziristan "
     "on Tuesday, killing four soldiers.", "2024-03-05"),
])
def test_a_publication_line_anchors_relative_days(extractor, text, expected):
    assert _dates(record(extractor, text)) == [expected]
