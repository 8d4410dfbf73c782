"""An incident's date and finest place, and the deed claims joined to the right incident."""

from __future__ import annotations

from claimrows import incident_place, incidents_in_order, record

from threatnet.extract.incident_dateline import find_dateline
from threatnet.model import EntityType, ExtractionRecord

PUBLISHED = "2024-06-26"  # a Wednesday


def _names(rec: ExtractionRecord) -> dict[str, str]:
    return {e.id: e.name for e in rec.entities}


def _doers(rec: ExtractionRecord) -> set[tuple[str, str]]:
    """(group, incident place) for every claim of who did an incident."""
    names = _names(rec)
    places = {e.id: incident_place(rec, e) for e in incidents_in_order(rec)}
    return {(names[c.subject], places.get(c.object)) for c in rec.claims
            if c.predicate in ("perpetrated", "involved_in")}


# -- place ----------------------------------------------------------------------------

def test_a_named_facility_is_the_finest_place_and_its_city_stays_an_entity(extractor):
    rec = record(extractor, "On Saturday a suicide bomber blew himself up on a crowded "
                            "platform of Quetta railway station, killing 26 people.",
                 published=PUBLISHED)
    [incident] = incidents_in_order(rec)
    assert incident_place(rec, incident) == "Quetta railway station"
    assert any(e.name == "Quetta" and e.type == EntityType.LOCATION for e in rec.entities)
    places = {_names(rec)[c.object] for c in rec.claims
              if c.predicate == "occurred_in" and c.subject == incident.id}
    assert places == {"Quetta railway station", "Quetta"}


def test_an_indefinite_facility_is_no_name_and_the_city_is_the_place(extractor):
    rec = record(extractor, "Gunmen attacked a Kabul hotel on Monday, killing three guests.",
                 published=PUBLISHED)
    [incident] = incidents_in_order(rec)
    assert incident_place(rec, incident) == "Kabul"


def test_a_village_put_inside_a_known_place_is_kept_by_name(extractor):
    rec = record(extractor, "On Monday fighters attacked a paramilitary camp at Bela in "
                            "Lasbela district, killing four soldiers.", published=PUBLISHED)
    [incident] = incidents_in_order(rec)
    place = next(e for e in rec.entities if e.id == incident.incident.place)
    assert (place.name, place.type) == ("Bela", EntityType.LOCATION)


def test_an_attack_on_a_named_site_is_placed_there(extractor):
    # "on" is a place preposition ("attack on the … complex"), not YAML's true
    rec = record(extractor, "The Majeed Brigade claimed the March 2024 attack on the Gwadar "
                            "Port Authority complex and the October 2024 suicide bombing "
                            "near Jinnah International Airport in Karachi.")
    found = {(i.incident.date, incident_place(rec, i)) for i in incidents_in_order(rec)}
    assert ("2024-03", "Gwadar Port Authority complex") in found
    assert ("2024-10", "Jinnah International Airport") in found


# -- date -----------------------------------------------------------------------------

def test_a_deed_without_a_date_is_dated_by_the_sentence_before_it(extractor):
    text = ("The deadliest day came on 26 August, when the group launched coordinated "
            "attacks across the province. Elsewhere, a railway bridge at Kolpur in the Bolan "
            "area was blown up.")
    rec = record(extractor, text, published="2025-01-06")
    bridge = next(i for i in incidents_in_order(rec) if incident_place(rec, i) == "Kolpur")
    assert bridge.incident.date == "2024-08-26"


def test_a_tried_deed_is_dated_by_the_verb_it_depends_on(extractor):
    rec = record(extractor, "On the night of 25 March, militants tried to force their way "
                            "into the naval air station at Turbat in Kech district.",
                 published="2025-01-06")
    [incident] = incidents_in_order(rec)
    assert incident.incident.date == "2024-03-25"


def test_a_record_field_is_no_heading(extractor):
    text = ("Date of listing: 29 July 2011.\n"
            "Reasons for listing. The group trained Faisal Shahzad, who tried to set off a "
            "car bomb in Times Square, New York, in May 2010.")
    rec = record(extractor, text, published="2020-08-03")
    assert [i.incident.date for i in incidents_in_order(rec)] == ["2010-05"]


def test_the_dateline_dates_the_weekday_and_names_no_doer(extractor):
    text = ("PESHAWAR, June 25 (Reuters) - Gunmen attacked a polio vaccination team in Lakki "
            "Marwat district on Monday, killing a policeman guarding the team, officials "
            "said. Police suspected the Pakistani Taliban.")
    rec = record(extractor, text, published="2024-06-27")
    [incident] = incidents_in_order(rec)
    assert incident.incident.date == "2024-06-24"  # the Monday before the 25th
    assert {g for g, _ in _doers(rec)} == {"Tehrik-i-Taliban Pakistan"}


def test_a_dateline_is_found_only_where_a_story_opens():
    line = find_dateline("UN says bombing killed 53\nKABUL, Oct 3, 2022 (AFP) - A suicide "
                         "bombing …", None)
    assert line is not None and (line.place, line.date) == ("KABUL", "2022-10-03")
    assert find_dateline("Status. Pakistan banned the group in 2002.", None) is None


# -- deed claims ----------------------------------------------------------------------

def test_an_attack_by_a_group_is_its_deed(extractor):
    rec = record(extractor, "An attack by the Balochistan Liberation Army on a convoy near "
                            "Turbat killed two soldiers on Sunday.", published=PUBLISHED)
    assert _doers(rec) == {("Balochistan Liberation Army", "Turbat")}


def test_claimed_attacks_joined_by_and_are_each_claimed(extractor):
    rec = record(extractor, "The Majeed Brigade claimed the March 2024 attack on the Gwadar "
                            "Port Authority complex and the October 2024 suicide bombing "
                            "near Jinnah International Airport in Karachi.")
    assert {p for g, p in _doers(rec) if g == "Majid Brigade"} == \
        {"Gwadar Port Authority complex", "Jinnah International Airport"}


def test_an_attribution_in_a_relative_clause_reaches_the_attack(extractor):
    rec = record(extractor, "Pakistan banned the group in January 2002, after the attack on "
                            "the Indian Parliament in New Delhi the previous month, which India "
                            "blamed on Jaish-e-Mohammed.")
    assert "Jaish-e-Mohammed" in {g for g, _ in _doers(rec)}


def test_the_ambush_is_the_ambush_not_the_later_attack(extractor):
    text = ("Militants ambushed a military convoy in the Datta Khel area of North Waziristan "
            "on Wednesday, killing four soldiers. Two days later, a separate attack on a "
            "checkpost in Bannu killed a policeman. The Hafiz Gul Bahadur group claimed the "
            "ambush.")
    rec = record(extractor, text, published="2024-06-28")
    assert _doers(rec) == {("Hafiz Gul Bahadur group", "Datta Khel")}


def _perpetrators(rec: ExtractionRecord) -> set[tuple[str, str, str | None]]:
    names = _names(rec)
    return {(names[c.subject], str(c.modality), c.source.text if c.source else None)
            for c in rec.claims if c.predicate in ("perpetrated", "involved_in")}


def test_the_bomber_named_is_a_doer_in_the_namers_word(extractor):
    text = ("A suicide bomber struck a crowd outside the airport in Kabul on Thursday. "
            "The Islamic State Khorasan Province claimed the attack and named the bomber as "
            "Abdul Rahman al-Logari.")
    rec = record(extractor, text, published=PUBLISHED)
    named = {(m, s) for g, m, s in _perpetrators(rec) if g == "Abdul Rahman al-Logari"}
    assert named and all(m != "asserted" and s for m, s in named)


def test_the_bomber_was_a_person_is_the_authors_deed(extractor):
    text = ("A suicide bomber killed seven officers at a base in Khost on Monday. The bomber "
            "was Humam Khalil al-Balawi, a Jordanian doctor.")
    rec = record(extractor, text, published=PUBLISHED)
    assert ("Humam Khalil al-Balawi", "asserted", None) in _perpetrators(rec)


def test_a_message_in_a_groups_name_is_its_own_claim(extractor):
    text = ("Gunmen attacked tourists in Pahalgam on Tuesday. A message in the name of The "
            "Resistance Front claimed the attack.")
    rec = record(extractor, text, published=PUBLISHED)
    [(group, modality, _)] = [p for p in _perpetrators(rec)]
    assert (group, modality) == ("The Resistance Front", "alleged")


def test_each_attack_a_series_included_is_the_groups(extractor):
    text = ("The Balochistan Liberation Army carried out a series of attacks that included "
            "an August 2018 suicide bombing against a bus in Dalbandin and the November 2018 "
            "assault on the Chinese consulate in Karachi.")
    rec = record(extractor, text)
    dates = {i.id: i.incident.date for i in incidents_in_order(rec)}
    found = {(_names(rec)[c.subject], dates.get(c.object)) for c in rec.claims
             if c.predicate == "perpetrated"}
    assert {("Balochistan Liberation Army", "2018-08"),
            ("Balochistan Liberation Army", "2018-11")} <= found


def test_the_named_site_a_deed_struck_is_its_place(extractor):
    rec = record(extractor, "Ten gunmen attacked the old terminal of Jinnah International "
                            "Airport in Karachi on Monday, killing 26 people.",
                 published=PUBLISHED)
    [incident] = incidents_in_order(rec)
    assert incident_place(rec, incident) == "Jinnah International Airport"


def test_a_district_named_with_its_container_is_no_finer_place(extractor):
    rec = record(extractor, "Six terrorists attacked a security forces post in Daraban, "
                            "District Dera Ismail Khan, on Tuesday, killing 23 soldiers.",
                 published=PUBLISHED)
    [incident] = incidents_in_order(rec)
    assert incident_place(rec, incident) == "Daraban"


def test_an_urdu_claim_is_placed_in_the_finest_known_place(extractor):
    rec = record(extractor, "داعش نے باجوڑ کی تحصیل خار میں ورکرز کنونشن پر خودکش حملے کی "
                            "ذمہ داری قبول کر لی۔")
    [incident] = incidents_in_order(rec)
    assert incident_place(rec, incident) == "Khar"  # the pack's Khar, in Bajaur
    assert {(g, m) for g, m, _ in _perpetrators(rec)} == {("Islamic State", "alleged")}


def test_where_a_claimed_attack_happened_is_the_authors_not_the_claim(extractor):
    rec = record(extractor, "The Majeed Brigade claimed the March 2024 attack on the Gwadar "
                            "Port Authority complex.")
    [place] = [c for c in rec.claims if c.predicate == "occurred_in"]
    assert (str(place.modality), place.source) == ("asserted", None)
    assert {m for _, m, _ in _perpetrators(rec)} == {"alleged"}


def test_a_date_counted_from_the_one_before(extractor):
    text = ("Militants ambushed a military convoy in North Waziristan on 3 March, killing "
            "four soldiers. Two days later, a separate attack on a checkpost in Bannu killed "
            "a policeman.")
    rec = record(extractor, text, published="2024-03-10")
    assert {(i.incident.date, incident_place(rec, i)) for i in incidents_in_order(rec)} == \
        {("2024-03-03", "North Waziristan"), ("2024-03-05", "Bannu")}


def test_the_group_responsible_for_an_attack_carried_it_out(extractor):
    text = ("Ten gunmen attacked hotels and a railway station in Mumbai in November 2008, "
            "killing 166 people. The planner was a senior member of Lashkar-e-Taiba (LeT), "
            "the Pakistan-based group responsible for the assault.")
    rec = record(extractor, text)
    assert ("Lashkar-e-Taiba", "asserted", None) in _perpetrators(rec)


def test_a_digest_item_opening_with_a_day_takes_the_digests_year(extractor):
    text = ("MONTHLY SECURITY DIGEST: PAKISTAN, SEPTEMBER 2023\n\n"
            "(1) 6 September. Chitral district, Khyber Pakhtunkhwa. Cross-border raid.\n"
            "A large group of fighters attacked army posts near the Afghan border in Chitral, "
            "killing four soldiers.\n")
    rec = record(extractor, text)
    [incident] = incidents_in_order(rec)
    assert (incident.incident.date, incident_place(rec, incident)) == ("2023-09-06", "Chitral")
