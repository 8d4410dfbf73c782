"""Incident summaries in styles the project's reports are not written in: database
records, dated timeline lines, wire copy. Each family is tried in at least three
phrasings of our own: who did it (kept exactly as attributed), its date and its place."""

from __future__ import annotations

import pytest
from claimrows import BLA, BLF, TTP, record

from threatnet.model import EntityType, ExtractionRecord

LEJ = "Lashkar-e-Jhangvi"
HGB = "Hafiz Gul Bahadur group"
DEEDS = ("perpetrated", "involved_in", "attacks", "targets")


def _incidents(rec: ExtractionRecord) -> list:
    return sorted((e for e in rec.entities if e.type == EntityType.EVENT and e.incident),
                  key=lambda e: e.mentions[0].start)


def _names(rec: ExtractionRecord) -> dict[str, str]:
    return {e.id: e.name for e in rec.entities}


def _who(rec: ExtractionRecord) -> set[tuple[str, int, str, str, str | None]]:
    """(group, incident number in text order, polarity, modality, source) of every claim
    of who did an incident."""
    names = _names(rec)
    order = {e.id: n for n, e in enumerate(_incidents(rec))}
    return {(names[c.subject], order[c.object], str(c.polarity), str(c.modality),
             c.source.text if c.source else None)
            for c in rec.claims if c.predicate in ("perpetrated", "involved_in")
            and c.object in order}


def _dates_places(rec: ExtractionRecord) -> list[tuple[str | None, str | None]]:
    names = _names(rec)
    return [(e.incident.date, names.get(e.incident.place)) for e in _incidents(rec)]


# -- the doer phrase: an anonymous doer tied to a group ------------------------------

@pytest.mark.parametrize("text, group", [
    ("Militants of the Lashkar-e-Jhangvi opened fire on a van carrying vegetable vendors "
     "in Quetta on Thursday, killing two.", LEJ),
    ("Gunmen linked to the Balochistan Liberation Front shot dead four labourers in Turbat "
     "on Saturday.", BLF),
    ("BLA-affiliated gunmen attacked a passenger bus near Turbat on Saturday, killing six.",
     BLA),
    ("Fighters belonging to the Hafiz Gul Bahadur group ambushed an army convoy in Mir Ali "
     "on Monday.", HGB),
    ("A police post in Bannu was attacked by militants of the Tehrik-i-Taliban Pakistan on "
     "Monday night.", TTP),
])
def test_a_group_tied_to_anonymous_doers_carried_out_the_deed(extractor, text, group):
    rec = record(extractor, text, published="2023-08-20")
    assert (group, 0, "affirmed", "asserted", None) in _who(rec)


@pytest.mark.parametrize("text, group", [
    ("Suspected TTP militants attacked a police station in Lakki Marwat on Monday, killing "
     "two constables.", TTP),
    ("Suspected militants of the BLA opened fire on a checkpost in Kech district on "
     "Monday.", BLA),
    ("On 14 May 2023, suspected BLA militants opened fire on a passenger bus near Turbat, "
     "killing four passengers.", BLA),
])
def test_suspected_doers_are_a_belief_never_the_authors_certainty(extractor, text, group):
    rec = record(extractor, text, published="2023-08-20")
    who = _who(rec)
    assert (group, 0, "affirmed", "believed", None) in who
    assert not any(w[3] == "asserted" for w in who)


# -- entries: each dated line or record is its own incident --------------------------

def test_timeline_lines_date_their_incidents_and_keep_their_claims(extractor):
    text = ("March 4: Three policemen were killed and two injured when unidentified militants "
            "attacked a police checkpost in the Domel area of Bannu District. The TTP claimed "
            "responsibility for the attack.\n"
            "March 6: Two soldiers were killed when militants ambushed a patrol in the Datta "
            "Khel area of North Waziristan. Security officials suspected the Hafiz Gul "
            "Bahadur group.\n"
            "March 9: Gunmen shot dead a polio worker near Shewa village in Lakki Marwat "
            "District. The BLA denied any involvement.\n")
    rec = record(extractor, text, published="2023-03-12")
    assert _dates_places(rec) == [("2023-03-04", "Domel"), ("2023-03-06", "Datta Khel"),
                                  ("2023-03-09", "Shewa")]
    who = {w[:4] for w in _who(rec)}
    assert who == {(TTP, 0, "affirmed", "alleged"), (HGB, 1, "affirmed", "believed"),
                   (BLA, 2, "negated", "reported")}


def test_dash_entries_with_full_dates(extractor):
    text = ("4 March 2023 — Gunmen stormed a checkpost in Tank District, killing two Levies "
            "personnel. The attack was claimed by the TTP.\n"
            "7 March 2023 — An IED exploded near a vehicle carrying Frontier Corps personnel "
            "in Kech district, Balochistan, wounding five.\n")
    rec = record(extractor, text, published="2023-03-15")
    assert [d for d, _ in _dates_places(rec)] == ["2023-03-04", "2023-03-07"]
    assert {w[:2] for w in _who(rec)} == {(TTP, 0)}


def test_a_weekday_before_an_entrys_date_is_the_same_day(extractor):
    text = ("Thursday, 10 August 2023: gunmen opened fire on a van carrying vegetable vendors "
            "in Quetta, killing two. Police said the LeJ was suspected.\n"
            "Sunday, 13 August 2023: Unidentified gunmen killed a cleric in Karachi. No group "
            "claimed responsibility.\n")
    rec = record(extractor, text, published="2023-08-20")
    assert _dates_places(rec) == [("2023-08-10", "Quetta"), ("2023-08-13", "Karachi")]
    assert {w[:2] for w in _who(rec)} == {(LEJ, 0)}


def test_numeric_record_dates(extractor):
    text = ("25/03/2023: Assailants attacked a police checkpoint in Domel area, Bannu "
            "district, Khyber Pakhtunkhwa province, Pakistan. Three police officers were "
            "killed. Tehrik-i-Taliban Pakistan (TTP) claimed responsibility for the incident."
            "\n\n"
            "02/04/2023: A suicide bomber detonated an explosives-laden vehicle near a "
            "military convoy in Mir Ali, North Waziristan district. Four soldiers were "
            "killed. No group claimed responsibility for the incident; however, sources "
            "attributed the attack to the Hafiz Gul Bahadur group.\n")
    rec = record(extractor, text, published="2023-04-10")
    assert _dates_places(rec) == [("2023-03-25", "Domel"), ("2023-04-02", "Mir Ali")]
    assert {w[:5] for w in _who(rec)} == {
        (TTP, 0, "affirmed", "alleged", "Tehrik-i-Taliban Pakistan (TTP)"),
        (HGB, 1, "affirmed", "reported", "sources")}


# -- wire copy -------------------------------------------------------------------------

def test_a_wire_dateline_with_a_country_is_no_subject(extractor):
    text = ("PESHAWAR, Pakistan (AP) — Militants stormed a police post in northwest Pakistan "
            "on Monday, killing three officers, police said. The Pakistani Taliban claimed "
            "responsibility in a statement.")
    rec = record(extractor, text, published="2023-07-19")
    assert _dates_places(rec)[0][0] == "2023-07-17"
    assert {w[:4] for w in _who(rec)} == {(TTP, 0, "affirmed", "alleged")}


# -- the responsibility sentence: the incident of its entry ----------------------------

DEED = "Gunmen killed two customs officials in Dera Ismail Khan on Friday"


@pytest.mark.parametrize("text, modality, source", [
    (f"{DEED}. The TTP claimed.", "alleged", "The TTP"),
    (f"{DEED}. The TTP later claimed responsibility in a statement.", "alleged", "The TTP"),
    (f"{DEED}. The killing was claimed by the TTP.", "alleged", "the TTP"),
    (f"{DEED}, an attack for which the TTP claimed responsibility.", "alleged", "the TTP"),
    (f"{DEED}. The TTP, which claimed the attack, said the officials had harassed its men.",
     "alleged", "The TTP"),
    (f"{DEED}. In a statement, the TTP said its fighters carried out the attack.", "alleged",
     "the TTP"),
    (f"{DEED}. A TTP spokesman said the group was behind the attack.", "alleged",
     "A TTP spokesman"),
    (f"{DEED}. Police said the TTP was behind it.", "reported", "Police"),
    (f"{DEED}. Police accused the TTP of carrying out the attack.", "alleged", "Police"),
    (f"{DEED}. Authorities suspect the TTP.", "believed", "Authorities"),
])
def test_a_responsibility_sentence_names_who_did_the_deed_before_it(extractor, text,
                                                                     modality, source):
    rec = record(extractor, text, published="2023-08-20")
    assert (TTP, 0, "affirmed", modality, source) in _who(rec)
    assert not any(w[3] == "asserted" and w[4] is None for w in _who(rec))


@pytest.mark.parametrize("text, source", [
    (f"{DEED}. The TTP denied involvement.", "The TTP"),
    (f"{DEED}. A TTP spokesman said the group was not involved.", "A TTP spokesman"),
    (f"{DEED}. The TTP said it was not involved in the attack.", "The TTP"),
    (f"{DEED}. Officials blamed the TTP, which denied it.", "the TTP"),
])
def test_a_denial_is_negated_in_the_deniers_words(extractor, text, source):
    rec = record(extractor, text, published="2023-08-20")
    assert (TTP, 0, "negated", "reported", source) in _who(rec)


@pytest.mark.parametrize("text", [
    f"{DEED}. No one has claimed responsibility for the attack so far.",
    f"{DEED}. No group claimed it.",
    f"{DEED}. Nearly 200 soldiers died in clashes last year, as the TTP claimed.",
    f"The TTP has been involved in attacks on police in the province. {DEED}.",
])
def test_no_claim_no_group(extractor, text):
    rec = record(extractor, text, published="2023-08-20")
    assert _who(rec) == set()


def test_a_claim_in_a_later_entry_never_reaches_an_earlier_entrys_incident(extractor):
    text = ("12 May 2023 — Gunmen shot dead a trader in Turbat. No group claimed "
            "responsibility.\n"
            "14 May 2023 — A roadside bomb went off in Quetta, wounding three people. The "
            "BLF claimed.\n")
    rec = record(extractor, text, published="2023-05-20")
    assert {(w[0], w[1]) for w in _who(rec)} <= {(BLF, 1)}
    assert not any(w[1] == 0 for w in _who(rec))


# -- a weapon as the doer: "a grenade was hurled", "an IED went off" ---------------------

@pytest.mark.parametrize("text, place", [
    ("A grenade was hurled at a shop in Panjgur on Friday, injuring three people.", "Panjgur"),
    ("An IED planted on a motorcycle went off near a police mobile in Peshawar on Friday.",
     "Peshawar"),
    ("A roadside bomb killed two soldiers in North Waziristan on Friday.", "North Waziristan"),
    ("Two rockets landed in the Bannu cantonment on Friday, wounding a soldier.",
     "Bannu cantonment"),
])
def test_a_weapon_that_went_off_is_an_incident(extractor, text, place):
    rec = record(extractor, text, published="2023-08-20")
    assert _dates_places(rec) == [("2023-08-18", place)]


def test_a_defused_bomb_is_no_incident(extractor):
    rec = record(extractor, "Police defused a bomb planted near a school in Quetta on Friday.",
                 published="2023-08-20")
    assert _incidents(rec) == []


# -- several incidents in one paragraph --------------------------------------------------

def test_each_claim_of_a_paragraph_goes_to_its_own_incident(extractor):
    text = ("Gunmen affiliated with the Balochistan Liberation Army killed five labourers at a "
            "construction site in Gwadar district on Saturday. In a statement, the BLA said "
            "its fighters carried out the attack. A day later, a grenade was hurled at a shop "
            "in Panjgur, injuring three people, for which the Balochistan Liberation Front "
            "claimed responsibility.")
    rec = record(extractor, text, published="2023-05-15")
    assert [p for _, p in _dates_places(rec)] == ["Gwadar", "Panjgur"]
    who = {w[:4] for w in _who(rec)}
    assert (BLA, 0, "affirmed", "asserted") in who
    assert (BLA, 0, "affirmed", "alleged") in who
    assert (BLF, 1, "affirmed", "alleged") in who
    assert not any(w[1] == 1 and w[0] == BLA for w in who)


def test_a_charge_and_the_accused_groups_denial_in_one_sentence(extractor):
    text = ("Militants abducted four Chinese engineers near Dasu in Upper Kohistan district on "
            "Monday. Police attributed the kidnapping to the TTP, which denied it.")
    rec = record(extractor, text, published="2023-10-05")
    assert {w[2:] for w in _who(rec) if w[0] == TTP} == {
        ("affirmed", "reported", "Police"), ("negated", "reported", "the TTP")}


# -- places: the finest the entry names ------------------------------------------------

@pytest.mark.parametrize("text, place", [
    ("On 6 March 2023, unidentified gunmen shot and killed a polio worker in Gandi "
     "Khankhel village (Lakki Marwat, Khyber Pakhtunkhwa).", "Gandi Khankhel"),
    ("Gunmen on motorcycles opened fire on a car near Sheikh Maltoon town in Mardan on "
     "Saturday, killing a local leader.", "Sheikh Maltoon"),
    ("Militants attacked a police station in the Mamond tehsil of Bajaur district late on "
     "Tuesday. Two constables were killed.", "Mamond"),
    ("Unknown assailants on Wednesday night attacked a check post in the Sui area of Dera "
     "Bugti district, Balochistan, leaving two soldiers dead.", "Sui"),
])
def test_a_village_or_area_is_kept_by_name_before_its_district(extractor, text, place):
    rec = record(extractor, text, published="2023-03-12")
    assert [p for _, p in _dates_places(rec)] == [place]


@pytest.mark.parametrize("text", [
    "Officials suspect the Tehrik-i-Taliban Pakistan; the group has not commented.",
    "Police blamed the Tehrik-i-Taliban Pakistan; the group did not respond.",
    "Officials attributed the attack to the Tehrik-i-Taliban Pakistan; the group has not "
    "denied it.",
])
def test_a_negation_after_a_semicolon_stays_in_its_own_clause(extractor, text):
    rec = record(extractor, "An explosion ripped through a passenger van near Darra Adam Khel "
                            f"on Monday, killing six. {text}", published="2023-06-07")
    assert {(w[0], w[2]) for w in _who(rec)} == {(TTP, "affirmed")}


# -- deeds named by their toll: "Militants killed two soldiers" --------------------------

@pytest.mark.parametrize("text, who", [
    ("Militants killed two customs officials in Dera Ismail Khan on Friday. The TTP claimed "
     "responsibility.", (TTP, 0, "affirmed", "alleged")),
    ("The TTP killed two customs officials in Dera Ismail Khan on Friday.",
     (TTP, 0, "affirmed", "asserted")),
    ("Insurgents abducted five engineers near Dasu on Friday. Police blamed the TTP.",
     (TTP, 0, "affirmed", "alleged")),
    ("The TTP claimed responsibility for killing two customs officials in Dera Ismail Khan "
     "on Friday.", (TTP, 0, "affirmed", "alleged")),
])
def test_a_toll_verb_with_an_armed_doer_is_an_incident(extractor, text, who):
    rec = record(extractor, text, published="2023-08-20")
    assert len(_incidents(rec)) == 1
    assert _dates_places(rec)[0][0] == "2023-08-18"
    assert who in {w[:4] for w in _who(rec)}


def test_a_claimed_deed_happened_where_the_author_says(extractor):
    rec = record(extractor, "The TTP claimed responsibility for killing two customs officials "
                            "in Dera Ismail Khan on Friday.", published="2023-08-20")
    names = _names(rec)
    [where] = [c for c in rec.claims if c.predicate == "occurred_in"]
    assert (names[where.object], str(where.modality), where.source) == \
        ("Dera Ismail Khan", "asserted", None)


@pytest.mark.parametrize("text", [
    "Two years after the Taliban seized Kabul in August 2021, talks stalled.",
    "After seizing Kabul, the Taliban reportedly executed a former ISKP leader held in "
    "Pul-e-Charkhi prison.",
    "Security forces killed four militants in North Waziristan on Friday.",
])
def test_a_rulers_or_a_states_deed_is_no_incident(extractor, text):
    rec = record(extractor, text, published="2023-08-20")
    assert _who(rec) == set()


# -- who speaks for the group ----------------------------------------------------------

@pytest.mark.parametrize("text, source", [
    (f"{DEED}. The Islamic State's Amaq news agency claimed the attack.",
     "The Islamic State's Amaq news agency"),
    (f"{DEED}. Tehrik-i-Taliban Pakistan spokesman Muhammad Khurasani claimed responsibility.",
     "Tehrik-i-Taliban Pakistan spokesman Muhammad Khurasani"),
    (f"{DEED}. Authorities suspected that the TTP was responsible.", "Authorities"),
])
def test_the_group_behind_its_outlet_or_spokesman(extractor, text, source):
    rec = record(extractor, text, published="2023-08-20")
    groups = {w[0] for w in _who(rec)}
    assert groups & {TTP, "Islamic State"}
    assert "Amaq News Agency" not in groups
    assert all(w[4] == source for w in _who(rec) if w[0] in (TTP, "Islamic State"))


# -- more ways of telling the deed and the claim ---------------------------------------

@pytest.mark.parametrize("text, place", [
    ("Two customs officials were killed and one injured in Dera Ismail Khan on Friday when "
     "their vehicle came under fire. The TTP claimed responsibility.", "Dera Ismail Khan"),
    ("Two soldiers were killed in Bannu on Friday when militants ambushed a patrol. The TTP "
     "claimed responsibility.", "Bannu"),
    ("A police van came under attack in Dera Ismail Khan on Friday, leaving two officers dead. "
     "The TTP took responsibility.", "Dera Ismail Khan"),
    ("Gunmen killed two customs officials in Dera Ismail Khan on Friday. The TTP said in a "
     "statement that its fighters had targeted the officials.", "Dera Ismail Khan"),
])
def test_a_when_clause_or_a_fire_taken_is_the_deed_of_the_toll(extractor, text, place):
    rec = record(extractor, text, published="2023-08-20")
    assert _dates_places(rec) == [("2023-08-18", place)]
    assert {w[:4] for w in _who(rec)} == {(TTP, 0, "affirmed", "alleged")}


def test_a_denial_in_a_relative_clause_after_a_charge_is_the_deniers_own(extractor):
    text = ("A bombing outside a school in Kabul killed more than 80 people in May 2021. No "
            "group claimed that attack; the then government blamed the Taliban, who denied "
            "involvement.")
    rec = record(extractor, text, published="2022-02-15")
    assert {w[2:] for w in _who(rec)} == {("affirmed", "alleged", "the then government"),
                                          ("negated", "reported", "the Taliban")}


# -- a toll with no doer, told with its day and place ------------------------------------

@pytest.mark.parametrize("text", [
    "Two customs officials were killed in Dera Ismail Khan on Friday. The TTP claimed "
    "responsibility for the killings.",
    "Three policemen were killed in Bannu on Friday. The TTP claimed responsibility.",
    "Five engineers were abducted near Dasu on Friday. The TTP claimed.",
])
def test_a_toll_with_a_day_and_a_place_is_the_incident_the_claim_is_about(extractor, text):
    rec = record(extractor, text, published="2023-08-20")
    assert len(_incidents(rec)) == 1
    assert {w[:4] for w in _who(rec)} == {(TTP, 0, "affirmed", "alleged")}


@pytest.mark.parametrize("text", [
    "Four militants were killed in North Waziristan on Friday.",
    "Two soldiers were killed in an exchange of fire in North Waziristan on Friday.",
    "Three people were killed in Bannu when a roof collapsed on Friday.",
    "Two soldiers were killed in North Waziristan last year.",
])
def test_a_toll_of_the_armed_or_of_an_operation_or_undated_is_none(extractor, text):
    rec = record(extractor, text, published="2023-08-20")
    assert _incidents(rec) == []


# -- conflict-event notes and field records ----------------------------------------------

def test_conflict_event_notes(extractor):
    text = ("On 4 March 2023, militants (presumably TTP) attacked a police checkpost in Domel "
            "(Bannu, Khyber Pakhtunkhwa), killing 3 police officers.\n"
            "Around 7 March 2023 (month of), unidentified armed men abducted a teacher in Tump "
            "(Kech, Balochistan).\n"
            "12 February 2023 — Tehreek-e-Taliban Pakistan (TTP) militants attacked a police "
            "post in North Waziristan; two policemen were killed.\n")
    rec = record(extractor, text, published="2023-03-12")
    assert _dates_places(rec) == [("2023-03-04", "Domel"), ("2023-03-07", "Tump"),
                                  ("2023-02-12", "North Waziristan")]
    assert {w[:4] for w in _who(rec)} == {(TTP, 0, "affirmed", "believed"),
                                          (TTP, 2, "affirmed", "asserted")}


def test_a_record_with_date_and_location_fields(extractor):
    text = ("Date: 2023-02-17\nLocation: Karachi, Sindh\nDescription: Militants stormed a "
            "police compound, killing four people. The TTP claimed responsibility.\n\n"
            "Date: 2023-03-02\nLocation: Quetta, Balochistan\nDescription: A bomb went off "
            "near a police van, wounding five. Police suspect the involvement of the BLA.\n")
    rec = record(extractor, text, published="2023-04-01")
    assert _dates_places(rec) == [("2023-02-17", "Karachi"), ("2023-03-02", "Quetta")]
    assert {w[:4] for w in _who(rec)} == {(TTP, 0, "affirmed", "alleged"),
                                          (BLA, 1, "affirmed", "believed")}


@pytest.mark.parametrize("text, group", [
    (f"{DEED}. Police suspect the involvement of the TTP.", TTP),
    (f"{DEED}. Officials suspected the TTP's hand in the attack.", TTP),
    (f"{DEED}. Officials blamed the TTP's involvement.", TTP),
])
def test_the_involvement_of_a_group_suspected(extractor, text, group):
    rec = record(extractor, text, published="2023-08-20")
    assert group in {w[0] for w in _who(rec) if w[2] == "affirmed" and w[3] != "asserted"}


# -- a claim of several incidents counted ------------------------------------------------

@pytest.mark.parametrize("claim", ["The TTP claimed both attacks.",
                                   "The TTP claimed the two attacks.",
                                   "The TTP later claimed both bombings."])
def test_a_claim_of_both_attacks_is_a_claim_of_each(extractor, claim):
    text = ("A bomb tore through a market in Bannu on Monday, killing four people. A day later "
            f"a roadside bomb killed a soldier in Lakki Marwat. {claim}")
    rec = record(extractor, text, published="2023-08-20")
    assert _dates_places(rec) == [("2023-08-14", "Bannu"), ("2023-08-15", "Lakki Marwat")]
    assert {w[:4] for w in _who(rec)} == {(TTP, 0, "affirmed", "alleged"),
                                          (TTP, 1, "affirmed", "alleged")}


def test_a_month_later(extractor):
    text = ("In January 2013 two bombs tore through a snooker hall on Alamdar Road in Quetta; a "
            "month later a bomb in a market in Hazara Town killed at least as many.")
    rec = record(extractor, text, published="2024-02-20")
    assert [d for d, _ in _dates_places(rec)] == ["2013-01", "2013-02"]


# -- a group speaking of its own deed; a signature; "later" of the speaker ----------------

MAJEED = "Majid Brigade"


@pytest.mark.parametrize("claim, group", [
    ("The Balochistan Liberation Army's Majeed Brigade said in a message to journalists that "
     "it had carried out the bombing.", MAJEED),
    ("In a statement, the Majeed Brigade said its fighters had conducted the attack.", MAJEED),
    ("A spokesman for the TTP said the group had carried out the attack.", TTP),
])
def test_a_group_speaking_of_itself_claims_the_deed(extractor, claim, group):
    text = ("A suicide bomber blew himself up outside a clinic in Karachi on Wednesday, killing "
            f"two people, police said. {claim}")
    rec = record(extractor, text, published="2023-08-03")
    assert (group, 0, "affirmed", "alleged") in {w[:4] for w in _who(rec)}
    assert not any(w[3] in ("asserted", "reported") for w in _who(rec))


@pytest.mark.parametrize("text", [
    f"{DEED}. Officials said it bore the hallmarks of the TTP.",
    f"{DEED}. The attack bore the hallmarks of the TTP, officials said.",
    f"{DEED}. No group has claimed the attack, but it carried the hallmarks of the TTP.",
])
def test_the_hallmarks_of_a_group_are_a_suspicion(extractor, text):
    rec = record(extractor, text, published="2023-08-20")
    assert {w[:4] for w in _who(rec)} == {(TTP, 0, "affirmed", "believed")}


def test_a_later_statement_is_no_later_incident(extractor):
    text = ("Unidentified gunmen stormed a Levies post in Mangochar, Kalat district, killing four "
            "personnel. The BLF later said its fighters had raided the post.")
    rec = record(extractor, text, published="2023-08-03")
    assert len(_incidents(rec)) == 1
    assert {w[:4] for w in _who(rec)} == {(BLF, 0, "affirmed", "alleged")}


@pytest.mark.parametrize("text", [
    "Pakistan: Gunmen kill six in attack on bus in Kohistan\nGunmen opened fire on a bus "
    "carrying pilgrims in Kohistan district on Friday, killing six passengers, police said.",
    "Suicide attack on rally\nA suicide bomber detonated his vest at a rally in Khar on Sunday, "
    "killing 63 people.",
    "16 Mar 2024 · Mir Ali, North Waziristan · Suicide VBIED and armed assault\nA suicide "
    "bomber rammed an explosives-laden vehicle into a security forces post in Mir Ali.",
])
def test_a_headline_or_heading_and_its_story_are_one_incident(extractor, text):
    rec = record(extractor, text, published="2024-03-18")
    assert len(_incidents(rec)) == 1


@pytest.mark.parametrize("text, place", [
    ("October 14: Two policemen were shot dead by unidentified assailants in the Gomal area "
     "of Tank District. The outfit Tehreek-e-Taliban Pakistan (TTP) claimed responsibility.",
     "Gomal"),
    ("October 15: A soldier was killed in an IED blast in the Spinwam area of North Waziristan "
     "District. No outfit claimed responsibility.", "Spinwam"),
    ("October 16: Militants attacked a check post in the Afghan border area of Bajaur. Two "
     "soldiers were killed.", "Bajaur"),
])
def test_timeline_places_of_the_area_of_a_district(extractor, text, place):
    rec = record(extractor, text, published="2023-10-20")
    assert [p for _, p in _dates_places(rec)] == [place]


@pytest.mark.parametrize("denial", [
    "Tehrik-i-Taliban Pakistan spokesman Mohammad Khurasani said the group was not behind the "
    "bombing.",
    "A TTP spokesman said the group had not carried out the attack.",
    "The TTP said it was not behind the attack.",
])
def test_a_spokesman_saying_the_group_was_not_behind_it_is_a_denial(extractor, denial):
    text = ("A suicide bomber rammed an explosives-laden car into a police checkpoint in Bannu "
            f"on Monday, killing five officers, police said. {denial}")
    rec = record(extractor, text, published="2023-06-01")
    assert {w[:4] for w in _who(rec)} == {(TTP, 0, "negated", "reported")}
