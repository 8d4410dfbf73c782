"""Tabular incident logs, police press notes and situation reports (round 5).

Family 1: incident tables of our own, with different column orders and separators (a
column list in prose before pipe-separated rows, a Markdown table, a semicolon log):
each row is one incident with its date, place, perpetrator (as its cell attributes it),
and a paragraph after the table that refers back to a row binds to that row's incident.
Family 2: press notes and situation reports that name no perpetrator ("a case was
registered against unknown accused", "an armed group claimed responsibility",
"attributed to anti-government elements") give no perpetrator claim."""

from __future__ import annotations

from claimrows import BLA, ISKP, TTP, incidents_in_order, record, who_did

from threatnet.extract.incident_tables import (
    _victims,
    column_kind,
    find_tables,
    load_table_words,
    row_date,
)
from threatnet.model import ExtractionRecord

LEJ = "Lashkar-e-Jhangvi"



def _when(rec: ExtractionRecord) -> list[str | None]:
    return [e.incident.date for e in incidents_in_order(rec)]


# -- family 1: tables ------------------------------------------------------------------

# a column list in prose, bars between cells, day and month only (the year is the title's)
PROSE_HEADER = """Monthly Incident Digest, March 2023: Khyber Pakhtunkhwa and Balochistan

Columns: date | location (district) | perpetrator (claimed/suspected) | target | dead | hurt.

03 Mar | Lakki Marwat, Khyber Pakhtunkhwa | Tehrik-i-Taliban Pakistan, claimed | police van | 3 | 2
09 Mar | Turbat, Kech, Balochistan | unknown, no claim | polio vaccination team | 1 | n/r
17 Mar | Quetta, Balochistan | Lashkar-e-Jhangvi, suspected | a mosque | 2 worshippers | 1

Of these, only the Lakki Marwat ambush was claimed.
"""

# a Markdown table, place first, the perpetrator column named differently
MARKDOWN = """Balochistan attacks, first week of June 2024

| Location | Date | Attack type | Responsible group | Killed | Injured |
|---|---|---|---|---|---|
| Gwadar | 2 June | assault on a port office | Balochistan Liberation Army (claimed) | 4 | 6 |
| Panjgur | 5 June | roadside bomb | unknown | 2 (one soldier, one driver) [1 attacker] | 3 |

The Gwadar assault lasted six hours.
"""

# semicolons between cells, the toll before the group, a total after the table
SEMICOLONS = """Afghanistan security log - August 2022

Day; Province; Killed; Wounded; Perpetrator; Target
5 Aug; Kabul; 8; 18; Islamic State Khorasan Province (claimed); Shia gathering
17 Aug; Kabul; 21; 33; unknown; mosque worshippers
"""


def test_tables_are_found_in_each_layout():
    prose, = find_tables(PROSE_HEADER)
    assert len(prose.rows) == 3 and prose.year == "2023"
    assert [f.kind for f in prose.rows[0][3] if f.kind != "weapon"] == \
        ["date", "place", "claimed", "target", "killed", "wounded"]  # "TTP, claimed"
    markdown, = find_tables(MARKDOWN)
    assert len(markdown.rows) == 2
    assert [f.kind for f in markdown.rows[0][3]][:2] == ["place", "date"]
    semis, = find_tables(SEMICOLONS)
    assert len(semis.rows) == 2
    # tabs between cells, the column list after a cue with a gloss
    tabs, = find_tables("Columns (left to right): Date | District | Attackers | Killed\n"
                        "Date\tDistrict\tAttackers\tKilled\n"
                        "2 May 2020\tKech\tBLF (claimed)\t6\n"
                        "9 May 2020\tPanjgur\tunknown\t2\n")
    assert [[f.kind for f in row[3]] for row in tabs.rows] == \
        [["date", "place", "claimed", "killed"], ["date", "place", "perpetrator", "killed"]]
    # prose with bars that names no columns, and a table without a date or place, are none
    assert not find_tables("We looked at politics | economy | security in turn.\n")
    assert not find_tables("Name | Alias | Role\nSajid Mir | Ibrahim | planner\n")


def test_column_labels_and_row_dates():
    words = load_table_words()
    assert column_kind("perpetrator (claimed / suspected / unknown)", words) == "perpetrator"
    assert column_kind("place (district, province/territory)", words) == "place"
    assert column_kind("Injured", words) == "wounded"
    assert column_kind("Colour", words) is None
    assert row_date("24/25 Oct", "2024", None) == "2024-10-24"
    assert row_date("Mar 9", "2023", None) == "2023-03-09"
    assert row_date("20 December", None, "2024-01-05") == "2023-12-20"  # not after publication


def test_each_row_is_one_incident_with_its_date(extractor):
    prose = record(extractor, PROSE_HEADER, published="2023-04-02")
    assert _when(prose) == ["2023-03-03", "2023-03-09", "2023-03-17"]
    markdown = record(extractor, MARKDOWN, published="2024-06-10")
    assert _when(markdown) == ["2024-06-02", "2024-06-05"]
    semis = record(extractor, SEMICOLONS, published="2022-09-01")
    assert _when(semis) == ["2022-08-05", "2022-08-17"]


def test_each_row_keeps_how_its_cell_attributes_the_perpetrator(extractor):
    prose = who_did(record(extractor, PROSE_HEADER, published="2023-04-02"))
    assert any(w[:4] == (TTP, 0, "affirmed", "alleged") for w in prose)
    assert (LEJ, 2, "affirmed", "believed", None) in prose
    assert not any(w[1] == 1 for w in prose)  # "unknown, no claim": nobody
    markdown = who_did(record(extractor, MARKDOWN, published="2024-06-10"))
    assert any(w[:4] == (BLA, 0, "affirmed", "alleged") for w in markdown)
    assert not any(w[1] == 1 for w in markdown)
    semis = who_did(record(extractor, SEMICOLONS, published="2022-09-01"))
    assert any(w[:4] == (ISKP, 0, "affirmed", "alleged") for w in semis)
    assert not any(w[1] == 1 for w in semis)
    for who in (prose, markdown, semis):  # a claim or a suspicion is never certainty
        assert not any(w[3] == "asserted" and w[2] == "affirmed" for w in who)


def test_tolls_and_places_of_rows(extractor):
    rec = record(extractor, SEMICOLONS, published="2022-09-01")
    names = {e.id: e.name for e in rec.entities}
    first = incidents_in_order(rec)[0]
    assert names.get(first.incident.place) == "Kabul"
    killed = [c.qualifiers.get("killed") for c in rec.claims
              if c.predicate == "targets" and c.subject == first.id]
    assert 8 in killed


def test_a_toll_cell_names_the_victims_and_a_region_is_no_place_of_its_own(extractor):
    assert [_victim(c) for c in ("2 Chinese nationals", "7 (six workers, one doctor)",
                                 "0 [3 attackers]", "12", "n/r")] == \
        ["Chinese nationals", "six workers, one doctor", None, None, None]
    rec = record(extractor, PROSE_HEADER, published="2023-04-02")
    names = {e.id: e.name for e in rec.entities}
    third = incidents_in_order(rec)[2]
    struck = {(names[c.object], c.qualifiers.get("killed")) for c in rec.claims
              if c.predicate == "targets" and c.subject == third.id}
    assert ("worshippers", 2) in struck
    where = {names[c.object] for c in rec.claims if c.predicate == "occurred_in"}
    assert {"Lakki Marwat", "Quetta"} <= where
    assert not where & {"Khyber Pakhtunkhwa", "Balochistan"}  # the province column


def _victim(cell: str) -> str | None:
    found = _victims(cell)
    return cell[found[0]:found[1]] if found else None


def test_a_paragraph_after_the_table_refers_back_to_its_row(extractor):
    for text, published, rows in ((PROSE_HEADER, "2023-04-02", 3),
                                  (MARKDOWN, "2024-06-10", 2)):
        rec = record(extractor, text, published=published)
        incidents = incidents_in_order(rec)
        assert len(incidents) == rows  # the reference made no incident of its own
        tail = text.rindex("\n\n")
        assert any(m.start > tail for m in incidents[0].mentions)


# -- family 2: press notes and situation reports ---------------------------------------

PRESS_NOTE = """Press note, District Police Mardan, 12 May 2021

Unidentified gunmen opened fire on a police mobile near Katlang on 11 May 2021, killing
two constables. A case was registered against unknown accused under sections 302 and 324
of the Pakistan Penal Code and the Anti-Terrorism Act. Investigation is under way.
"""

SITREP = """Humanitarian situation report No. 7, 20 February 2019

On 14 February an explosive device detonated near a clinic in Jalalabad, killing three
health workers. The attack was attributed to anti-government elements. Services at the
clinic were suspended.
"""

UNNAMED_CLAIM = """Flash update, 3 October 2020

A suicide bomber struck a district compound in Ghazni on 2 October 2020, killing six
guards. An armed group claimed responsibility in a statement posted online. Humanitarian
partners paused their work in the district.
"""


def test_press_notes_and_sitreps_name_no_perpetrator_that_they_do_not_name(extractor):
    for text, published in ((PRESS_NOTE, "2021-05-12"), (SITREP, "2019-02-20"),
                            (UNNAMED_CLAIM, "2020-10-03")):
        rec = record(extractor, text, published=published)
        assert incidents_in_order(rec), text[:40]
        assert not who_did(rec), text[:40]  # "unknown accused", "anti-government elements"
