"""Deeds, dates and places of incidents told in other styles (round 5): who did it when the
doer is a phrase around the group, which incident a later reference means when several
are told, when ("earlier this month"), and the finest place (a site the text singles out).

Each family has three differently worded passages of our own.
"""

from __future__ import annotations

import pytest
from claimrows import incident_place, incidents_in_order, record, rows

from threatnet.model import ExtractionRecord

PUBLISHED = "2024-05-12"  # a Sunday
DEEDS = ("perpetrated", "involved_in", "attacks", "targets")


def _names(rec: ExtractionRecord) -> dict[str, str]:
    return {e.id: e.name for e in rec.entities}


def _perpetrators(rec: ExtractionRecord) -> dict[str, set[tuple[str, str, str]]]:
    """incident name -> (group, polarity, modality) of every perpetrated claim on it."""
    out: dict[str, set[tuple[str, str, str]]] = {}
    for row in rows(rec):
        if row.predicate == "perpetrated":
            out.setdefault(row.object, set()).add((row.subject, row.polarity, row.modality))
    return out


def _only(rec: ExtractionRecord):
    [incident] = incidents_in_order(rec)
    return incident


# -- the finest place: a site the text singles out ------------------------------------

@pytest.mark.parametrize(("text", "site"), [
    ("On the night of 25 March, militants tried to force their way into the naval air "
     "station at Turbat in Kech district; four soldiers were killed.", "naval air station"),
    ("On Monday a suicide bomber detonated a car outside the Indian embassy in Kabul city, "
     "killing nine people.", "Indian embassy"),
    ("A bomber blew himself up on the second floor of the governor's office in Herat on "
     "Thursday, killing the deputy governor.", "governor's office"),
])
def test_a_singled_out_site_is_the_place_and_its_town_is_kept(extractor, text, site):
    rec = record(extractor, text, published=PUBLISHED)
    incident = _only(rec)
    assert incident_place(rec, incident) == site
    places = {_names(rec)[c.object] for c in rec.claims
              if c.predicate == "occurred_in" and c.subject == incident.id}
    assert site in places and len(places) == 2  # the site, and the town it is in


@pytest.mark.parametrize(("text", "town"), [
    ("Gunmen attacked a police station in Bannu on Monday, killing two constables.",
     "Bannu"),
    ("Militants stormed the station in Kohat on Tuesday and killed three officers.",
     "Kohat"),
    ("On Friday a bomb went off near a mosque in Peshawar, killing six worshippers.",
     "Peshawar"),
])
def test_a_site_of_a_kind_leaves_the_town_the_place(extractor, text, town):
    rec = record(extractor, text, published=PUBLISHED)
    assert incident_place(rec, _only(rec)) == town


@pytest.mark.parametrize(("text", "town"), [
    ("A suicide bomber rammed a car into a convoy on the Karakoram Highway near Besham on "
     "Tuesday, killing five engineers.", "Bisham"),
    ("On Tuesday gunmen stopped a bus on the Karakoram Highway near Besham and shot dead "
     "nine passengers.", "Bisham"),
    ("Militants ambushed a police van on the Karakoram Highway in Kohistan on Friday, "
     "killing two officers.", "Kohistan"),
])
def test_a_town_named_with_a_highway_is_finer_than_the_highway(extractor, text, town):
    rec = record(extractor, text, published=PUBLISHED)
    assert incident_place(rec, _only(rec)) == town


@pytest.mark.parametrize("text", [
    "Attacks are likely to continue, particularly in Mastung, where the Islamic State "
    "claimed the bombing of an election rally in 2018.",
    "Analysts point to Quetta, where gunmen shot dead eleven miners in January 2021.",
    "Security was raised in Parachinar, where a bomb killed twenty people at a market in "
    "2017.",
])
def test_a_where_clause_places_its_deed_in_its_antecedent(extractor, text):
    rec = record(extractor, text, published=PUBLISHED)
    incident = _only(rec)
    assert incident_place(rec, incident) in text.split(", where")[0]


# -- dates counted from publication ---------------------------------------------------

@pytest.mark.parametrize(("text", "date"), [
    ("Earlier this month a suicide bomber struck a convoy near Mir Ali, killing five "
     "soldiers.", "2024-05"),
    ("Last month gunmen attacked a polio team in Bajaur, killing two policemen.",
     "2024-04"),
    ("Last year militants stormed a police station in Tank district and killed six "
     "officers.", "2023"),
])
def test_a_calendar_period_dates_the_incident_from_publication(extractor, text, date):
    rec = record(extractor, text, published=PUBLISHED)
    assert _only(rec).incident.date == date


def test_a_week_across_two_months_gives_no_month(extractor):
    rec = record(extractor, "Last week militants ambushed a police van on the outskirts of "
                            "Kohat, killing three policemen.", published=PUBLISHED)
    assert _only(rec).incident.date is None  # 29 April – 5 May


# -- which incident a later reference means --------------------------------------------

@pytest.mark.parametrize("text", [
    "A suicide bomber struck a tuition centre in Kabul on Friday, killing 40 students. The "
    "Islamic State has claimed many earlier attacks on the community, including a 2018 "
    "suicide bombing at another school. A Taliban spokesman condemned the bombing.",
    "Gunmen attacked a bus in Kohistan on Monday, killing nine passengers. The TTP has "
    "carried out several assaults on travellers, including a 2021 bombing of a bus in "
    "Dasu. Officials said the attack was planned in Afghanistan.",
    "A bomb exploded at a shrine in Sehwan on Thursday, killing 70 devotees. Such places "
    "have been hit before, including a 2016 bombing at a shrine in Khuzdar. Police said "
    "the blast was caused by a suicide bomber.",
])
def test_a_bare_reference_means_the_story_not_an_example(extractor, text):
    rec = record(extractor, text, published=PUBLISHED)
    story = next(e for e in incidents_in_order(rec) if (e.incident.date or "").startswith("2024"))
    last = text.rsplit(". ", 1)[1]
    offset = text.rindex(last)
    assert any(m.start >= offset for m in story.mentions)


@pytest.mark.parametrize(("text", "group", "struck"), [
    ("A bomb exploded near a market in Parachinar on Friday, killing eleven people. Hours "
     "later, in a separate attack, gunmen killed two soldiers at a checkpoint in North "
     "Waziristan. The Islamic State Khorasan Province claimed the bombing, while the Hafiz "
     "Gul Bahadur group claimed the attack on the checkpoint.",
     "Hafiz Gul Bahadur group", "North Waziristan"),
    ("Militants ambushed a convoy in Kurram on Monday, killing four soldiers. In another "
     "attack, a bomb struck a school in Bajaur. The TTP claimed the attack on the convoy.",
     "Tehrik-i-Taliban Pakistan", "Kurram"),
    ("Gunmen attacked a police post in Tank on Tuesday, killing two officers. Separately, a "
     "bomb went off at a bus stop in Quetta on Tuesday, killing five. The BLA claimed the "
     "bombing at the bus stop.", "Balochistan Liberation Army", "Quetta"),
])
def test_the_attack_on_x_binds_to_the_incident_that_struck_x(extractor, text, group,
                                                               struck):
    rec = record(extractor, text, published=PUBLISHED)
    places = {e.name: incident_place(rec, e) for e in incidents_in_order(rec)}
    done = {places[name] for name, who in _perpetrators(rec).items()
            for g, _, _ in who if g == group}
    assert done == {struck}


@pytest.mark.parametrize("text", [
    "An explosion ripped through a bus terminal in Dera Ismail Khan on Saturday, killing "
    "nine people. Authorities suspect that Lashkar-e-Jhangvi was responsible for the "
    "carnage.",
    "Gunmen opened fire on worshippers at a mosque in Quetta on Friday, killing twelve. "
    "Police said Lashkar-e-Jhangvi was responsible for the massacre.",
    "A suicide bomber struck a funeral in Bajaur on Thursday, killing 20 mourners. "
    "Officials believe Lashkar-e-Jhangvi was responsible for the atrocity.",
])
def test_the_carnage_refers_back_and_keeps_the_hedge(extractor, text):
    rec = record(extractor, text, published=PUBLISHED)
    incident = _only(rec)
    claims = _perpetrators(rec).get(incident.name, set())
    assert claims and all(g == "Lashkar-e-Jhangvi" and m != "asserted"
                          for g, _, m in claims)


@pytest.mark.parametrize("text", [
    "Hours after the Mastung blast, two suicide bombers struck a mosque in Hangu, killing "
    "five worshippers.",
    "A day after the Peshawar mosque bombing, gunmen attacked a checkpost in Khyber "
    "district, killing three soldiers.",
    "Following the Quetta bombing, militants stormed a police post in Zhob and killed four "
    "officers.",
])
def test_an_incident_named_to_tell_the_time_is_not_the_deed(extractor, text):
    rec = record(extractor, text, published=PUBLISHED)
    deed_places = {incident_place(rec, e) for e in incidents_in_order(rec)
                   if any(m.start > text.index(",") for m in e.mentions)}
    named = text.split("the ", 1)[1].split()[0]  # Mastung, Peshawar, Quetta
    assert named not in deed_places


# -- the doer phrase ------------------------------------------------------------------

@pytest.mark.parametrize(("text", "group"), [
    ("Fighters of the Balochistan Liberation Army hijacked a passenger train near Mach on "
     "Tuesday.", "Balochistan Liberation Army"),
    ("On Tuesday militants from the Hafiz Gul Bahadur group attacked a checkpost in Mir "
     "Ali, killing two soldiers.", "Hafiz Gul Bahadur group"),
    ("The Tehrik-i-Taliban Pakistan, whose fighters stormed a police station in Kulachi on "
     "Tuesday, said six officers had been killed.", "Tehrik-i-Taliban Pakistan"),
])
def test_the_group_in_the_doer_phrase_did_the_deed(extractor, text, group):
    rec = record(extractor, text, published=PUBLISHED)
    incident = _only(rec)
    assert (group, "affirmed", "asserted") in _perpetrators(rec)[incident.name]


@pytest.mark.parametrize("text", [
    "Gunmen attacked a police van in Lakki Marwat on Monday, killing four policemen. \"Our "
    "fighters attacked the police van,\" Tehrik-i-Taliban Pakistan spokesman Muhammad "
    "Khurasani said in a statement.",
    "A bomb struck an army truck in Kech on Friday. \"Our mujahideen targeted the truck,\" "
    "a spokesman for the Balochistan Liberation Army said.",
    "Militants raided a checkpost in Kurram on Wednesday. \"We attacked the checkpost,\" "
    "the Tehrik-i-Taliban Pakistan said in a statement.",
])
def test_a_spokesmans_first_person_deed_is_the_groups_claim(extractor, text):
    rec = record(extractor, text, published=PUBLISHED)
    incident = _only(rec)
    claims = _perpetrators(rec).get(incident.name, set())
    assert claims and all(m == "alleged" for _, _, m in claims)


@pytest.mark.parametrize(("text", "group"), [
    ("TTP militants kill four policemen in Dera Ismail Khan\n\nMilitants attacked a police "
     "van in Dera Ismail Khan on Monday, killing four policemen, officials said.",
     "Tehrik-i-Taliban Pakistan"),
    ("BLA fighters attack army camp in Turbat\n\nGunmen stormed an army camp in Turbat on "
     "Friday night and killed two soldiers.", "Balochistan Liberation Army"),
    ("Lashkar-e-Jhangvi gunmen shoot dead six miners in Mach\n\nSix coal miners were shot "
     "dead in Mach on Saturday after gunmen stormed their camp.", "Lashkar-e-Jhangvi"),
])
def test_a_headline_deed_is_the_storys_incident(extractor, text, group):
    rec = record(extractor, text, published=PUBLISHED)
    incident = _only(rec)
    assert incident.incident.date is not None  # the body's day, on the headline's incident
    assert any(g == group for g, _, _ in _perpetrators(rec)[incident.name])


@pytest.mark.parametrize(("text", "group", "date"), [
    ("On 11 March 2024, fighters of the Balochistan Liberation Army stopped a passenger "
     "train in the Bolan Pass. The attackers blew up a section of the track and took the "
     "passengers hostage.", "Balochistan Liberation Army", "2024-03-11"),
    ("On 2 May 2024, militants of the Tehrik-i-Taliban Pakistan surrounded a police station "
     "in Kulachi. The militants set fire to the building and killed four officers.",
     "Tehrik-i-Taliban Pakistan", "2024-05-02"),
    ("On 3 May 2024 gunmen belonging to Lashkar-e-Jhangvi stopped a bus near Mach. The "
     "gunmen shot dead eleven passengers.", "Lashkar-e-Jhangvi", "2024-05-03"),
])
def test_the_attackers_are_the_doers_named_just_before(extractor, text, group, date):
    rec = record(extractor, text, published=PUBLISHED)
    incident = _only(rec)
    assert incident.incident.date == date
    assert any(g == group and p == "affirmed" for g, p, _ in
               _perpetrators(rec)[incident.name])


@pytest.mark.parametrize(("text", "place"), [
    ("On Friday a suicide bomber struck a tuition centre in the Dasht-e-Barchi area of "
     "Kabul, killing 35 students.", "Dasht-e-Barchi"),
    ("Gunmen attacked a checkpost in the Killi-e-Shahbaz area of Pishin district on "
     "Tuesday, killing two soldiers.", "Killi-e-Shahbaz"),
    ("A bomb exploded at a market in the Mandi-e-Shah village of Kurram on Monday, killing "
     "six people.", "Mandi-e-Shah"),
])
def test_a_hyphened_name_with_a_particle_is_one_place(extractor, text, place):
    rec = record(extractor, text, published=PUBLISHED)
    assert incident_place(rec, _only(rec)) == place


@pytest.mark.parametrize("text", [
    "Gunmen stormed a university in Kabul on Monday, killing 22 students. It was the second "
    "attack on an educational institution in Kabul in as many weeks.",
    "A suicide bomber struck a mosque in Peshawar on Friday, killing 50 worshippers. It was "
    "the deadliest attack in the city this year.",
    "Militants ambushed a convoy in Kurram on Tuesday, killing nine soldiers. It was another "
    "attack on the security forces in the district.",
])
def test_it_was_the_second_attack_describes_the_incident_told(extractor, text):
    rec = record(extractor, text, published=PUBLISHED)
    assert len(incidents_in_order(rec)) == 1


@pytest.mark.parametrize(("text", "year"), [
    ("A journalist was abducted in Karachi on 23 January 2002. The accused had earlier been "
    "jailed in India over the 1994 kidnapping of tourists in New Delhi. He was freed in a "
    "prisoner exchange. Prosecutors said he had planned the kidnapping.", "1994"),
    ("Gunmen stormed a hotel in Kabul on 12 December 2022, killing five guests. The group had "
    "been blamed for the 2011 bombing of a market in the city. Its fighters have since "
    "multiplied. Police said the attack was planned for weeks.", "2011"),
    ("A bomb exploded at a shrine in Sehwan on 16 February 2017, killing 88 devotees. The "
    "shrine's custodian had survived the 2005 shooting of a caretaker in Jhal Magsi. Crowds "
    "returned within days. Officials said the blast was caused by a suicide bomber.", "2005"),
])
def test_a_reference_sentences_later_is_not_to_an_incident_recalled_in_passing(extractor,
                                                                                text, year):
    rec = record(extractor, text, published=PUBLISHED)
    recalled = [e for e in incidents_in_order(rec) if (e.incident.date or "").startswith(year)]
    last = text.rsplit(". ", 1)[1]
    assert recalled and not any(m.start >= text.rindex(last) for e in recalled
                                for m in e.mentions)


@pytest.mark.parametrize(("text", "date", "place"), [
    ("Late on Friday, unidentified assailants ambushed a police patrol on the outskirts of "
     "Bannu, killing three officers.", "2024-05-10", "Bannu"),
    ("On the night of 3 May, insurgents stormed a Levies post near the border town of "
     "Chaman, killing four guards.", "2024-05-03", "Chaman"),
    ("Militants attacked a checkpost in the Shakai area of South Waziristan district late "
     "on Wednesday, killing two soldiers.", "2024-05-08", "Shakai"),
])
def test_a_day_and_a_place_told_around_the_deed(extractor, text, date, place):
    rec = record(extractor, text, published=PUBLISHED)
    incident = _only(rec)
    assert (incident.incident.date, incident_place(rec, incident)) == (date, place)


@pytest.mark.parametrize(("text", "place"), [
    ("On Monday in Musakhel district, armed men blocked the highway, checked the identity "
     "cards of travellers and shot dead 23 of them.", "Musakhel"),
    ("In Kurram district on Friday, militants stopped a van, took the passengers out and "
     "shot dead six of them.", "Kurram"),
    ("Near Mach on Tuesday, gunmen surrounded a mining camp, tied up the workers and shot "
     "dead eleven of them.", "Mach"),
])
def test_coordinated_deeds_share_the_place_told_before_them(extractor, text, place):
    rec = record(extractor, text, published=PUBLISHED)
    assert incident_place(rec, _only(rec)) == place


@pytest.mark.parametrize(("text", "victim"), [
    ("8 August 2016 — Quetta, Balochistan.\nHours after unknown gunmen shot dead Bilal Anwar "
     "Kasi, lawyers gathered at the hospital. A suicide bomber then blew himself up among "
     "them, killing 70 people. No group claimed the killing of Kasi.", "Kasi"),
    ("12 March 2023 — Peshawar, Khyber Pakhtunkhwa.\nShortly after unidentified gunmen shot "
     "dead Noor Khan, a tribal elder, mourners gathered at his house. A bomb later went off "
     "at the gathering, killing nine. Police are investigating the killing of Khan.", "Khan"),
    ("3 June 2021 — Karachi, Sindh.\nA day after gunmen shot dead Ali Raza, a trader, "
     "protesters blocked a road. A grenade was then hurled at the crowd, wounding twelve. "
     "Police arrested two suspects over the killing of Raza.", "Raza"),
])
def test_the_first_deed_under_a_heading_and_the_killing_of_its_victim(extractor, text,
                                                                     victim):
    rec = record(extractor, text, published=PUBLISHED)
    shooting = next(e for e in incidents_in_order(rec) if victim in e.name)
    assert shooting.incident.date is not None and incident_place(rec, shooting)
    last = text.rsplit(". ", 1)[1]
    assert any(m.start >= text.rindex(last) for m in shooting.mentions)


@pytest.mark.parametrize(("text", "date"), [
    ("Bomb kills four in Karachi\n[English rendering of an Urdu newspaper report, 28 April "
     "2022]\n\nA suicide bomber struck a van near Karachi University on Tuesday, killing four "
     "teachers.", "2022-04-26"),
    ("Gunmen kill two policemen\n[Translated from the Pashto service, 12 May 2024]\n\nGunmen "
     "attacked a police post in Bannu on Friday, killing two officers.", "2024-05-10"),
    ("(Summary prepared 3 March 2023)\nMilitants ambushed a convoy in Kurram on Wednesday, "
     "killing four soldiers.", "2023-03-01"),
])
def test_a_bracketed_note_dates_the_report_when_nothing_else_does(extractor, text, date):
    rec = record(extractor, text)  # no publication date given
    assert _only(rec).incident.date == date


@pytest.mark.parametrize(("text", "date"), [
    ("Monthly digest: Pakistan, September 2023\n\n(1) Mid-September. Mastung, Balochistan. "
     "Roadside bombing.\nA bomb went off beside a car carrying a cleric in Mastung, wounding "
     "him.", "2023-09"),
    ("Quarterly notes, 2022\n\nEarly March. Peshawar, Khyber Pakhtunkhwa.\nA grenade was "
     "hurled at a police van in Peshawar, wounding three officers.", "2022-03"),
    ("Review of 2021\n\nLate June — Quetta, Balochistan.\nGunmen attacked a checkpoint in "
     "Quetta, killing two policemen.", "2021-06"),
])
def test_a_part_of_a_month_heading_dates_its_item(extractor, text, date):
    rec = record(extractor, text, published="2024-01-10")
    assert _only(rec).incident.date == date


@pytest.mark.parametrize("text", [
    "On 2 May 2024, police suspected that fighters of the Tehrik-i-Taliban Pakistan had "
    "surrounded a police station in Kulachi. The attackers set fire to the building and "
    "killed four officers.",
    "On 2 May 2024, officials said fighters of the Tehrik-i-Taliban Pakistan surrounded a "
    "police station in Kulachi. The attackers killed four officers.",
    "On 2 May 2024, militants of the Tehrik-i-Taliban Pakistan were accused of surrounding a "
    "police station in Kulachi. The attackers killed four officers.",
])
def test_the_attackers_a_source_tied_to_a_group_are_no_certain_deed(extractor, text):
    rec = record(extractor, text, published=PUBLISHED)
    assert not any(row.predicate == "perpetrated" and row.modality == "asserted" and
                   row.source is None and row.polarity == "affirmed" for row in rows(rec))
