"""Who did it, round five: the responsibility, attribution and denial families of
incident reporting in other styles, each in three phrasings of our own.

A group's own claim is alleged with the group as source, an official's attribution is
reported (or believed / alleged when hedged) with the officials as source, a denial is
negated, and "no group claimed" gives no perpetrator at all.
"""

from __future__ import annotations

import pytest
from claimrows import BLA, BLF, ISKP, TTP, record

from threatnet.model import EntityType, ExtractionRecord

LEJ = "Lashkar-e-Jhangvi"
PUBLISHED = "2024-05-12"


def _incidents(rec: ExtractionRecord) -> list:
    return sorted((e for e in rec.entities if e.type == EntityType.EVENT and e.incident),
                  key=lambda e: e.mentions[0].start)


def _who(rec: ExtractionRecord) -> set[tuple[str, int, str, str]]:
    """(doer, incident number in text order, polarity, modality) of every claim of who
    did an incident."""
    names = {e.id: e.name for e in rec.entities}
    order = {e.id: n for n, e in enumerate(_incidents(rec))}
    return {(names[c.subject], order[c.object], str(c.polarity), str(c.modality))
            for c in rec.claims if c.predicate in ("perpetrated", "involved_in")
            and c.object in order}


def _sources(rec: ExtractionRecord) -> set[str | None]:
    return {c.source.text if c.source else None for c in rec.claims
            if c.predicate in ("perpetrated", "involved_in")}


def _never_certain(rec: ExtractionRecord) -> None:
    """No attribution comes out as the author's own certainty."""
    assert not any(c.predicate in ("perpetrated", "involved_in", "attacks") and
                   str(c.modality) == "asserted" and c.source is None for c in rec.claims)


# -- a bare claim: the incident is the one just told --------------------------------

@pytest.mark.parametrize(("text", "group"), [
    ("Gunmen attacked a police checkpoint in Bannu on Monday, killing three constables. "
     "Tehrik-i-Taliban Pakistan accepted responsibility.", TTP),
    ("A roadside bomb struck a Frontier Corps convoy near Turbat on Tuesday, wounding four "
     "soldiers. The Balochistan Liberation Front later claimed responsibility.", BLF),
    ("Unidentified men shot dead a polio worker in Bajaur on Sunday. Hours later the "
     "Islamic State Khorasan Province took responsibility.", ISKP),
    ("Militants raided a levies post in Zhob on Friday, killing two guards. The "
     "Balochistan Liberation Army claimed, saying the post had been used by informers.",
     BLA),
    ("A bomb tore through a vegetable market in Quetta on Sunday, killing seven people. "
     "Lashkar-e-Jhangvi claimed, describing the blast as revenge.", LEJ),
])
def test_a_bare_claim_is_of_the_incident_just_told(extractor, text, group):
    rec = record(extractor, text, published=PUBLISHED)
    assert (group, 0, "affirmed", "alleged") in _who(rec)
    _never_certain(rec)


# -- the claimant describes himself as speaking for the group -----------------------

@pytest.mark.parametrize(("text", "group"), [
    ("A suicide bomber struck a mosque in Peshawar on Friday, killing 20 worshippers. A "
     "man describing himself as a spokesman of Lashkar-e-Jhangvi claimed the attack.", LEJ),
    ("Militants ambushed an army convoy in North Waziristan on Monday. A caller claiming "
     "to speak for the Tehrik-i-Taliban Pakistan told reporters the group had carried out "
     "the ambush.", TTP),
    ("Gunmen attacked a bus in Mastung on Thursday, killing nine passengers. A person who "
     "identified himself as a spokesman for the Balochistan Liberation Army claimed the "
     "attack by telephone.", BLA),
    ("A bomb exploded outside a court in Quetta on Monday. Someone calling himself a "
     "commander of the Balochistan Liberation Front claimed responsibility.", BLF),
])
def test_a_self_described_spokesman_claims_for_the_group(extractor, text, group):
    rec = record(extractor, text, published=PUBLISHED)
    assert (group, 0, "affirmed", "alleged") in _who(rec)
    _never_certain(rec)


# -- the group's own statement ------------------------------------------------------

@pytest.mark.parametrize(("text", "group"), [
    ("A bomb exploded near a police van in Quetta on Saturday, killing two officers. In a "
     "statement, the Balochistan Liberation Army said its fighters had planted the bomb.",
     BLA),
    ("Militants stormed a checkpost in Kurram on Sunday. In a message to journalists, the "
     "Tehrik-i-Taliban Pakistan said its men had stormed the post and killed six soldiers.",
     TTP),
    ("Gunmen opened fire on a rally in Karachi on Monday. The Islamic State Khorasan "
     "Province said in a statement that its fighters had targeted the rally.", ISKP),
])
def test_a_groups_statement_about_its_fighters_is_its_claim(extractor, text, group):
    rec = record(extractor, text, published=PUBLISHED)
    assert (group, 0, "affirmed", "alleged") in _who(rec)
    attacks = [c for c in rec.claims if c.predicate == "attacks"]
    assert all(str(c.modality) == "alleged" for c in attacks)
    _never_certain(rec)


@pytest.mark.parametrize(("text", "group"), [
    ("An explosion ripped through a market in Parachinar on Friday, killing 25 people. "
     "Lashkar-e-Jhangvi said it was behind the blast.", LEJ),
    ("Gunmen killed two engineers in Gwadar on Tuesday. The Balochistan Liberation Front "
     "said it was behind the killings.", BLF),
    ("A suicide attack hit a police training centre in Quetta on Monday. The Islamic State "
     "Khorasan Province said it was responsible for the attack.", ISKP),
    ("A bomb exploded near a police station in Dera Ismail Khan on Sunday, killing four "
     "officers. Tehrik-i-Taliban Pakistan owned the attack.", TTP),
    ("Gunmen attacked a Frontier Corps post in Kech on Monday. The Balochistan Liberation "
     "Front owned responsibility for the assault.", BLF),
    ("Militants attacked a checkpost in Lakki Marwat on Friday. The Tehrik-i-Taliban "
     "Pakistan later owned the assault in a statement.", TTP),
])
def test_a_group_saying_it_was_behind_or_owning_it_claims_it(extractor, text, group):
    rec = record(extractor, text, published=PUBLISHED)
    assert (group, 0, "affirmed", "alleged") in _who(rec)
    _never_certain(rec)


# -- several incidents claimed at once, and the one a claim names -------------------

@pytest.mark.parametrize("text", [
    "Gunmen attacked a police station in Bannu on Monday. Hours later a bomb hit a convoy "
    "in Lakki Marwat. Tehrik-i-Taliban Pakistan claimed both attacks.",
    "A suicide bomber struck a mosque in Peshawar on Friday. Another bomber attacked a "
    "shrine in Kohat the same day. Tehrik-i-Taliban Pakistan claimed responsibility for "
    "the two bombings.",
    "Militants ambushed a police van in Tank on Monday. On Tuesday a bomb went off near a "
    "checkpost in Bannu. Tehrik-i-Taliban Pakistan said it had carried out both attacks.",
    "A suicide bomber struck a mosque in Peshawar on Friday. An hour later another bomber "
    "hit a shrine in Kohat. Tehrik-i-Taliban Pakistan claimed responsibility for the twin "
    "attacks.",
])
def test_a_claim_of_several_incidents_is_a_claim_of_each(extractor, text):
    rec = record(extractor, text, published=PUBLISHED)
    assert {(TTP, 0, "affirmed", "alleged"), (TTP, 1, "affirmed", "alleged")} <= _who(rec)
    _never_certain(rec)


@pytest.mark.parametrize(("text", "number"), [
    ("On Monday gunmen attacked a police station in Bannu, killing two officers. On "
     "Tuesday a bomb exploded at a market in Quetta, killing five people. The Balochistan "
     "Liberation Army claimed responsibility for the Quetta bombing.", 1),
    ("Militants ambushed a convoy in Kech on Sunday. In another incident, a grenade was "
     "hurled at a shop in Turbat. The Balochistan Liberation Army claimed responsibility "
     "for the ambush.", 0),
    ("A bomb went off near a bus in Quetta on Monday. On Wednesday gunmen shot dead two "
     "labourers in Kech. The Balochistan Liberation Army claimed the killing of the "
     "labourers.", 1),
])
def test_a_claim_binds_to_the_incident_it_names(extractor, text, number):
    rec = record(extractor, text, published=PUBLISHED)
    assert {w[1] for w in _who(rec) if w[0] == BLA} == {number}


# -- doers named through a part or a member of the group ------------------------------

@pytest.mark.parametrize(("text", "group"), [
    ("Militants of the Tehrik-i-Taliban Pakistan attacked a police post in Tank on Monday, "
     "killing three policemen.", TTP),
    ("The Balochistan Liberation Army's suicide squad attacked a naval base in Turbat on "
     "Monday.", BLA),
    ("A Tehrik-i-Taliban Pakistan commander led an assault on a checkpost in Khyber on "
     "Tuesday, killing four soldiers.", TTP),
    ("Fighters of the Balochistan Liberation Front led the raid on a Frontier Corps camp in "
     "Awaran on Friday.", BLF),
])
def test_a_part_or_member_of_the_group_did_the_deed(extractor, text, group):
    rec = record(extractor, text, published=PUBLISHED)
    assert (group, 0, "affirmed", "asserted") in _who(rec)


# -- passive deeds ----------------------------------------------------------------------

@pytest.mark.parametrize(("text", "group", "modality"), [
    ("A police station in Bannu was attacked on Monday, killing three officers. The attack "
     "was carried out by Tehrik-i-Taliban Pakistan.", TTP, "asserted"),
    ("A bomb exploded in a market in Quetta on Friday, killing six people. The bombing was "
     "blamed on the Balochistan Liberation Army.", BLA, "alleged"),
    ("Gunmen killed four workers in Kech on Sunday. The killings were attributed to the "
     "Balochistan Liberation Front by police.", BLF, "reported"),
    ("A suicide bomber attacked a convoy in Bajaur on Monday. The attack was claimed by the "
     "Islamic State Khorasan Province.", ISKP, "alleged"),
])
def test_a_passive_deed_or_attribution_names_its_doer(extractor, text, group, modality):
    rec = record(extractor, text, published=PUBLISHED)
    assert (group, 0, "affirmed", modality) in _who(rec)


# -- officials and hedges -----------------------------------------------------------------

@pytest.mark.parametrize(("text", "group", "modality", "source"), [
    ("A bomb exploded near a police van in Quetta on Saturday, killing two officers. Police "
     "suspect the Balochistan Liberation Army.", BLA, "believed", "Police"),
    ("Gunmen attacked a checkpoint in Dera Ismail Khan on Monday. Tehrik-i-Taliban Pakistan "
     "is thought to be behind the attack.", TTP, "believed", None),
    ("A blast hit a bus in Kohat on Tuesday. Officials said Lashkar-e-Jhangvi carried out "
     "the bombing.", LEJ, "reported", "Officials"),
    ("A bomb went off at a shrine in Jhal Magsi on Thursday. Security officials believe "
     "the Islamic State Khorasan Province was responsible.", ISKP, "believed",
     "Security officials"),
])
def test_an_officials_attribution_is_theirs_and_hedged_as_written(extractor, text, group,
                                                                   modality, source):
    rec = record(extractor, text, published=PUBLISHED)
    assert (group, 0, "affirmed", modality) in _who(rec)
    assert source in _sources(rec)
    _never_certain(rec)


# -- denials --------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Gunmen attacked a school in Swat on Monday. The Tehrik-i-Taliban Pakistan distanced "
    "itself from the attack.",
    "A bomb exploded at a market in Peshawar on Friday. The Tehrik-i-Taliban Pakistan "
    "dissociated itself from the bombing.",
    "Militants attacked a bus in Kohistan on Sunday. The Tehrik-i-Taliban Pakistan disowned "
    "the attack.",
])
def test_a_group_distancing_itself_denies_it(extractor, text):
    rec = record(extractor, text, published=PUBLISHED)
    assert (TTP, 0, "negated", "reported") in _who(rec)
    assert not any(w[2] == "affirmed" and w[0] == TTP for w in _who(rec))


@pytest.mark.parametrize("text", [
    "A bomb exploded in a market in Quetta on Friday, killing six people. No group claimed "
    "responsibility for the bombing.",
    "Gunmen attacked a police post in Tank on Monday. There was no immediate claim of "
    "responsibility, although the Tehrik-i-Taliban Pakistan is active in the area.",
    "A grenade was hurled at a shop in Turbat on Sunday. The Balochistan Liberation Front "
    "did not distance itself from the attack, nor did it claim it.",
])
def test_no_claim_gives_no_doer(extractor, text):
    rec = record(extractor, text, published=PUBLISHED)
    assert not any(w[2] == "affirmed" for w in _who(rec))


# -- more ways a claim or an attribution is worded ----------------------------------------

@pytest.mark.parametrize(("text", "group"), [
    ("A suicide bomber struck a rally in Bajaur on Sunday. The Islamic State Khorasan "
     "Province issued a statement claiming the attack.", ISKP),
    ("Gunmen shot dead two policemen in Bannu on Monday. Tehrik-i-Taliban Pakistan released "
     "a video claiming responsibility for the killings.", TTP),
    ("A bomb exploded at a bus stand in Quetta on Friday. The Balochistan Liberation Army "
     "sent reporters a message claiming the bombing.", BLA),
])
def test_a_statement_a_group_issues_claiming_it_is_its_claim(extractor, text, group):
    rec = record(extractor, text, published=PUBLISHED)
    assert (group, 0, "affirmed", "alleged") in _who(rec)
    _never_certain(rec)


@pytest.mark.parametrize(("text", "group"), [
    ("Gunmen shot dead a police officer in Karachi on Sunday. The Tehrik-i-Taliban "
     "Pakistan said it had killed the officer.", TTP),
    ("A roadside bomb killed two soldiers in Kech on Monday. The Balochistan Liberation "
     "Front said its fighters had targeted the soldiers.", BLF),
    ("Unidentified men abducted three engineers in Gwadar on Friday. A spokesman for the "
     "Balochistan Liberation Army said the group had kidnapped the engineers.", BLA),
])
def test_a_group_retelling_the_deed_of_itself_claims_it(extractor, text, group):
    rec = record(extractor, text, published=PUBLISHED)
    assert (group, 0, "affirmed", "alleged") in _who(rec)
    _never_certain(rec)


def test_a_group_saying_it_did_not_do_the_deed_denies_it(extractor):
    rec = record(extractor, "Gunmen shot dead a police officer in Karachi on Sunday. The "
                 "Tehrik-i-Taliban Pakistan said it had not killed the officer.",
                 published=PUBLISHED)
    assert (TTP, 0, "negated", "reported") in _who(rec)


@pytest.mark.parametrize(("text", "group"), [
    ("A roadside bomb hit a police van in Bannu on Monday. Officials held Tehrik-i-Taliban "
     "Pakistan responsible.", TTP),
    ("A bomb hit a market in Quetta on Monday. The provincial government held the "
     "Balochistan Liberation Army responsible for the bombing.", BLA),
    ("Gunmen killed four labourers in Kech on Sunday. Police held the Balochistan "
     "Liberation Front responsible for the killings.", BLF),
])
def test_officials_holding_a_group_responsible_is_their_attribution(extractor, text, group):
    rec = record(extractor, text, published=PUBLISHED)
    assert (group, 0, "affirmed", "reported") in _who(rec)
    assert None not in _sources(rec)
    _never_certain(rec)


@pytest.mark.parametrize(("text", "group"), [
    ("Gunmen attacked a checkpost in Zhob on Monday. Tehrik-i-Taliban Pakistan militants "
     "were blamed for the attack.", TTP),
    ("A bomb exploded at a market in Kohat on Friday. Police blamed militants linked to "
     "Lashkar-e-Jhangvi for the blast.", LEJ),
    ("A grenade was hurled at a shop in Turbat on Sunday. Fighters of the Balochistan "
     "Liberation Front were blamed for the attack.", BLF),
])
def test_doers_tied_to_a_group_blamed_is_the_group_blamed(extractor, text, group):
    rec = record(extractor, text, published=PUBLISHED)
    assert (group, 0, "affirmed", "alleged") in _who(rec)
    _never_certain(rec)


@pytest.mark.parametrize(("text", "group"), [
    ("On 3 May 2024, gunmen stormed a levies post in Zhob district. 5 killed, incl. 2 "
     "guards; 3 injured. BLA claimed.", BLA),
    ("On 9 May 2024 a bomb hit a police van in Quetta. 6 killed, incl. 4 officers; 9 hurt. "
     "The TTP claimed responsibility.", TTP),
    ("On 2 May 2024 militants raided a checkpost in Kurram. 4 soldiers killed, incl. a "
     "captain; 2 injured. TTP claimed, calling the post a base for raids.", TTP),
])
def test_a_bare_claim_closing_the_paragraph_after_cut_tallies(extractor, text, group):
    rec = record(extractor, text, published=PUBLISHED)
    assert (group, 0, "affirmed", "alleged") in _who(rec)


def test_a_bare_claim_far_from_two_incidents_names_neither(extractor):
    text = ("On 3 May 2024, gunmen stormed a levies post in Zhob district. On 4 May a bomb "
            "went off near a bus in Quetta. Officials said the post had been rebuilt in "
            "2020.\n\nThe province has seen many raids. Security was tightened. Markets "
            "stayed shut. The BLA claimed.")
    rec = record(extractor, text, published=PUBLISHED)
    assert _who(rec) == set()


@pytest.mark.parametrize("text", [
    "Gunmen pulled fourteen passengers off two buses near Ormara on Thursday and shot them "
    "dead.\n\nThe killers wore uniforms and checked identity cards. They let the women go. "
    "Survivors said the men spoke Balochi. The roads were closed for hours.\n\n"
    "Responsibility was accepted by the Balochistan Liberation Front.",
    "A suicide bomber struck a police convoy in Quetta on Monday, killing eleven officers. "
    "The bomber had waited at a crossing. The convoy was carrying recruits. Doctors said "
    "most of the wounded were in a critical state. Hospitals appealed for blood. Later in "
    "the day the Balochistan Liberation Front claimed responsibility.",
    "Militants attacked a Frontier Corps camp in Kech on Sunday night.\n\nThe fighting "
    "went on for hours. Helicopters were called in. Residents said they heard blasts until "
    "dawn.\n\nThe Balochistan Liberation Front accepted responsibility in an email.",
])
def test_a_claim_naming_no_incident_is_of_the_only_one_told(extractor, text):
    rec = record(extractor, text, published=PUBLISHED)
    assert (BLF, 0, "affirmed", "alleged") in _who(rec)


@pytest.mark.parametrize("text", [
    "A suicide bomber struck a Shia mosque in Peshawar on Friday. IS-K claimed.",
    "Gunmen shot dead a cleric in Kabul on Friday. IS-K claimed the killing.",
    "A bomb hit a market in Jalalabad on Monday, killing nine people. IS-K claimed "
    "responsibility.",
])
def test_a_name_the_parser_reads_as_an_auxiliary_still_claims(extractor, text):
    rec = record(extractor, text, published=PUBLISHED)
    assert (ISKP, 0, "affirmed", "alleged") in _who(rec)


@pytest.mark.parametrize(("text", "group", "modality"), [
    ("On Monday a bomb hit a bus in Quetta, an attack which police said the Balochistan "
     "Liberation Army had carried out.", BLA, "reported"),
    ("Gunmen raided a checkpost in Tank on Friday, a raid that officials said "
     "Tehrik-i-Taliban Pakistan had mounted.", TTP, "reported"),
    ("A suicide bomber struck a convoy in Bajaur on Monday. The bombing, which the Islamic "
     "State Khorasan Province said it had carried out, killed six soldiers.", ISKP,
     "alleged"),
])
def test_a_relative_clause_of_reported_speech_names_the_doer(extractor, text, group,
                                                             modality):
    rec = record(extractor, text, published=PUBLISHED)
    assert (group, 0, "affirmed", modality) in _who(rec)
    _never_certain(rec)


@pytest.mark.parametrize("text", [
    "A bomb exploded near a Chinese convoy in Karachi on Sunday, an attack which the "
    "Balochistan Liberation Army said its Majeed Brigade had carried out.",
    "A suicide bomber struck a convoy in Gwadar on Monday. The Balochistan Liberation Army "
    "said its Majeed Brigade was behind the bombing.",
    "Militants stormed a naval base in Turbat on Monday. In a statement, the Balochistan "
    "Liberation Army said its Majeed Brigade had conducted the raid.",
])
def test_a_group_naming_its_own_unit_is_its_claim(extractor, text):
    rec = record(extractor, text, published=PUBLISHED)
    assert ("Majid Brigade", 0, "affirmed", "alleged") in _who(rec)
    _never_certain(rec)


@pytest.mark.parametrize("text", [
    "Kech massacre: gunmen kill twelve labourers\n\nGunmen shot dead twelve labourers at a "
    "construction site in Kech on Monday. The incident drew wide condemnation. "
    "Responsibility was accepted by the Balochistan Liberation Front.",
    "A massacre of fourteen bus passengers near Ormara on Thursday was claimed by the "
    "Balochistan Liberation Front.",
    "Gunmen carried out a massacre of villagers in Awaran on Sunday, killing nine. The "
    "Balochistan Liberation Front claimed the massacre.",
])
def test_a_massacre_is_an_incident_a_group_can_claim(extractor, text):
    rec = record(extractor, text, published=PUBLISHED)
    assert any(w[0] == BLF and w[2:] == ("affirmed", "alleged") for w in _who(rec))
    _never_certain(rec)


@pytest.mark.parametrize(("text", "group"), [
    ("The attack on a police post in Bannu on Monday was claimed by the Tehrik-i-Taliban "
     "Pakistan.", TTP),
    ("A bombing near a Frontier Corps convoy in Kech on Monday was claimed by the "
     "Balochistan Liberation Front.", BLF),
    ("The ambush on an army convoy in Kurram on Friday was claimed by Tehrik-i-Taliban "
     "Pakistan.", TTP),
])
def test_what_a_passively_claimed_attack_struck_is_the_claimants_word(extractor, text,
                                                                      group):
    rec = record(extractor, text, published=PUBLISHED)
    assert (group, 0, "affirmed", "alleged") in _who(rec)
    _never_certain(rec)


@pytest.mark.parametrize("text", [
    "Gunmen attacked a police post in Bannu on Monday. The TTP did not claim the attack.",
    "A bomb exploded at a market in Quetta on Friday. The Balochistan Liberation Army has "
    "not claimed the bombing.",
    "Militants raided a checkpost in Kurram on Sunday. Neither the TTP nor any other group "
    "claimed the raid.",
])
def test_a_group_that_did_not_claim_is_never_said_to_have_done_it(extractor, text):
    rec = record(extractor, text, published=PUBLISHED)
    assert not any(w[2] == "affirmed" for w in _who(rec))


def test_the_killings_are_the_deed_just_told_not_one_far_back(extractor):
    text = ("In June a bomb tore through a market in Quetta. The city was shut for days.\n\n"
            "In November the group sided with a rebel commander. Officials blamed its "
            "fighters for beheading seven travellers in Zabul. The Balochistan Liberation "
            "Army did not claim the killings. Dozens of its men were among those killed "
            "later that year.")
    rec = record(extractor, text, published=PUBLISHED)
    assert not any(w[0] == BLA and w[2] == "affirmed" for w in _who(rec))
    bombing, beheading = _incidents(rec)
    assert len(bombing.mentions) == 1
    assert "the killings" in [m.text for m in beheading.mentions]


@pytest.mark.parametrize(("text", "group"), [
    ("A bomb exploded at a market in Quetta on Friday. Suspicion immediately fell on the "
     "Balochistan Liberation Army.", BLA),
    ("A bomb exploded at a market in Quetta on Friday. Police named the Balochistan "
     "Liberation Army as the main suspect.", BLA),
    ("Gunmen attacked a checkpoint in Tank on Monday. The Tehrik-i-Taliban Pakistan is the "
     "prime suspect in the attack.", TTP),
    ("Gunmen attacked a checkpoint in Tank on Monday. The attack is suspected to be the work "
     "of the Tehrik-i-Taliban Pakistan.", TTP),
    ("Gunmen shot a cleric in Karachi on Sunday. The killing is thought to be the handiwork "
     "of Lashkar-e-Jhangvi.", LEJ),
])
def test_a_suspicion_worded_as_a_noun_is_a_belief(extractor, text, group):
    rec = record(extractor, text, published=PUBLISHED)
    assert (group, 0, "affirmed", "believed") in _who(rec)
    _never_certain(rec)


@pytest.mark.parametrize("text", [
    "Gunmen attacked a checkpoint in Tank on Monday. Police arrested a suspect in Lahore.",
    "Gunmen attacked a checkpoint in Tank on Monday. The Tehrik-i-Taliban Pakistan is not a "
    "suspect.",
    "Gunmen attacked a checkpoint in Tank on Monday. The Tehrik-i-Taliban Pakistan is the "
    "main suspect in a land dispute in Kohat.",
])
def test_a_suspect_of_nothing_told_is_no_suspicion(extractor, text):
    rec = record(extractor, text, published=PUBLISHED)
    assert not any(w[2] == "affirmed" for w in _who(rec))


@pytest.mark.parametrize(("text", "group", "source"), [
    ("A bomb exploded at a market in Quetta on Friday. The Balochistan Liberation Army said "
     "it had no link to the attack.", BLA, "The Balochistan Liberation Army"),
    ("A bomb exploded at a market in Quetta on Friday. The Balochistan Liberation Army said "
     "it had no role in the bombing.", BLA, "The Balochistan Liberation Army"),
    ("Gunmen attacked a school in Swat on Monday. A spokesman for the Tehrik-i-Taliban "
     "Pakistan said the group had no hand in it.", TTP,
     "A spokesman for the Tehrik-i-Taliban Pakistan"),
])
def test_a_group_saying_it_had_no_part_denies_it(extractor, text, group, source):
    rec = record(extractor, text, published=PUBLISHED)
    assert (group, 0, "negated", "reported") in _who(rec)
    assert source in _sources(rec)
    assert not any(w[2] == "affirmed" for w in _who(rec))


@pytest.mark.parametrize(("text", "group"), [
    ("Gunmen attacked a checkpoint in Tank on Monday. Officials blamed the attack on "
     "militants of the Tehrik-i-Taliban Pakistan.", TTP),
    ("A bomb went off near a bus in Quetta on Friday. Police blamed the blast on fighters "
     "linked to the Balochistan Liberation Army.", BLA),
    ("Gunmen shot dead a cleric in Karachi on Sunday. Officials blamed the killing on "
     "Lashkar-e-Jhangvi militants.", LEJ),
])
def test_an_incident_blamed_on_doers_tied_to_a_group(extractor, text, group):
    rec = record(extractor, text, published=PUBLISHED)
    assert (group, 0, "affirmed", "alleged") in _who(rec)
    assert len(_incidents(rec)) == 1


@pytest.mark.parametrize(("text", "group", "source"), [
    ("A bomb hit a convoy in Kech on Monday. Officials said the attackers were linked to "
     "the Balochistan Liberation Army.", BLA, "Officials"),
    ("A suicide bomber struck a mosque in Peshawar on Friday. Police said the bomber was "
     "affiliated with the Islamic State Khorasan Province.", ISKP, "Police"),
    ("Gunmen shot dead two policemen in Bannu on Monday. The gunmen were associated with "
     "the Tehrik-i-Taliban Pakistan, officials said.", TTP, "officials"),
])
def test_the_doers_tied_to_a_group_by_officials(extractor, text, group, source):
    rec = record(extractor, text, published=PUBLISHED)
    assert (group, 0, "affirmed", "reported") in _who(rec)
    assert source in _sources(rec)
    _never_certain(rec)


@pytest.mark.parametrize("text", [
    "Gunmen attacked a checkpoint in Tank on Monday. The Tehrik-i-Taliban Pakistan "
    "condemned the attack and denied involvement.",
    "A bomb went off at a shrine in Quetta on Friday. The Tehrik-i-Taliban Pakistan mourned "
    "the victims and rejected any role in the blast.",
    "Militants attacked a bus in Kohistan on Sunday. The Tehrik-i-Taliban Pakistan issued a "
    "statement and disowned the attack.",
])
def test_a_denial_in_a_second_verb_is_the_subjects_word(extractor, text):
    rec = record(extractor, text, published=PUBLISHED)
    assert (TTP, 0, "negated", "reported") in _who(rec)
    assert None not in _sources(rec)


@pytest.mark.parametrize("text", [
    "Gunmen attacked a checkpoint in Tank on Monday. The attack came days after the "
    "Tehrik-i-Taliban Pakistan threatened to target police.",
    "Gunmen attacked a checkpoint in Tank on Monday. The Tehrik-i-Taliban Pakistan has "
    "carried out similar attacks in the past.",
    "Gunmen attacked a checkpoint in Tank on Monday. The Tehrik-i-Taliban Pakistan praised "
    "the attack.",
    "Gunmen attacked a checkpoint in Tank on Monday. The Tehrik-i-Taliban Pakistan has "
    "claimed dozens of such attacks this year.",
])
def test_a_group_named_near_an_incident_is_not_its_doer(extractor, text):
    rec = record(extractor, text, published=PUBLISHED)
    assert _who(rec) == set()


@pytest.mark.parametrize(("text", "number"), [
    ("On Monday gunmen attacked a police station in Bannu. On Tuesday a bomb hit a market "
     "in Quetta. Tehrik-i-Taliban Pakistan claimed the first attack.", 0),
    ("Gunmen attacked a police post in Tank on Monday. A bomb went off near a checkpost in "
     "Bannu on Tuesday. Wednesday saw a raid on a Frontier Corps camp in Khyber. "
     "Tehrik-i-Taliban Pakistan claimed the second attack.", 1),
    ("A bomb hit a police van in Kohat on Monday. On Tuesday gunmen attacked a school in "
     "Swat. Tehrik-i-Taliban Pakistan claimed the earlier attack.", 0),
    ("On Monday gunmen attacked a police station in Bannu. On Tuesday a bomb hit a market "
     "in Kohat. Tehrik-i-Taliban Pakistan claimed the attack on the police station.", 0),
])
def test_a_claim_binds_to_the_incident_its_order_or_target_names(extractor, text, number):
    rec = record(extractor, text, published=PUBLISHED)
    assert {w[1] for w in _who(rec) if w[0] == TTP} == {number}


@pytest.mark.parametrize(("text", "group"), [
    ("Militants torched a girls' school in Diamer on Friday night. The Tehrik-i-Taliban "
     "Pakistan claimed responsibility.", TTP),
    ("Militants overran a border post in Chitral on Monday, killing four soldiers. The "
     "Tehrik-i-Taliban Pakistan claimed responsibility.", TTP),
    ("Insurgents set fire to six trucks carrying supplies in Kalat on Sunday. The "
     "Balochistan Liberation Front claimed responsibility.", BLF),
])
def test_arson_and_overrunning_are_deeds_a_group_claims(extractor, text, group):
    rec = record(extractor, text, published=PUBLISHED)
    assert (group, 0, "affirmed", "alleged") in _who(rec)


@pytest.mark.parametrize("text", [
    "Protesters set fire to tyres on the highway in Quetta on Monday.",
    "The army overran militant hideouts in North Waziristan on Monday.",
])
def test_arson_or_overrunning_by_others_is_no_incident(extractor, text):
    rec = record(extractor, text, published=PUBLISHED)
    assert _incidents(rec) == []


@pytest.mark.parametrize("text", [
    "Gunmen attacked a police post in Tank on Monday.\n\nThe area has long been unsettled. "
    "Markets close early. Schools were shut last year. The Tehrik-i-Taliban Pakistan has "
    "claimed responsibility in the past.",
    "A bomb hit a bus in Quetta on Friday.\n\nThe city has seen many blasts. Traders want "
    "more police. The roads are often blocked. The Balochistan Liberation Army often claims "
    "responsibility.",
    "Gunmen attacked a school in Swat on Monday.\n\nParents kept children at home. Teachers "
    "asked for guards. The district was calm by evening. The Tehrik-i-Taliban Pakistan has "
    "repeatedly claimed responsibility for such raids.",
])
def test_a_habitual_claim_far_from_the_incident_is_no_claim_of_it(extractor, text):
    rec = record(extractor, text, published=PUBLISHED)
    assert _who(rec) == set()


@pytest.mark.parametrize(("text", "group", "speaker"), [
    ("March 9: Three FC personnel were injured when unidentified men hurled a hand grenade "
     "at their check post in Turbat. BLF 'spokesperson' Gwahram Baloch claimed "
     "responsibility for the attack.", BLF, "Gwahram Baloch"),
    ("March 12: Militants attacked a police post in Tank. TTP 'spokesman' Muhammad "
     "Khurasani claimed responsibility.", TTP, "Muhammad Khurasani"),
    ("A bomb went off near a bus in Quetta on Monday. BLA spokesman Jeeyand Baloch claimed "
     "the bombing.", BLA, "Jeeyand Baloch"),
])
def test_a_spokesman_named_with_his_group_claims_for_it_not_for_himself(extractor, text,
                                                                         group, speaker):
    rec = record(extractor, text, published=PUBLISHED)
    assert (group, 0, "affirmed", "alleged") in _who(rec)
    assert not any(w[0] == speaker for w in _who(rec))


@pytest.mark.parametrize(("text", "group"), [
    ("In April a suicide bomber struck a party meeting in Peshawar, killing 14 people, and "
     "the TTP said it had sent him.", TTP),
    ("Gunmen stormed a hotel in Gwadar on Saturday, killing five guards. The Balochistan "
     "Liberation Army said it had dispatched the attackers.", BLA),
    ("A suicide bomber blew himself up at a checkpoint in Bannu on Monday. A spokesman for "
     "the Tehrik-i-Taliban Pakistan said the group had sent the bomber to avenge its "
     "commander.", TTP),
])
def test_a_group_saying_it_sent_the_doer_claims_the_deed(extractor, text, group):
    rec = record(extractor, text, published=PUBLISHED)
    assert (group, 0, "affirmed", "alleged") in _who(rec)


def test_a_group_sending_fighters_elsewhere_claims_nothing(extractor):
    rec = record(extractor, "A bomb went off in a market in Quetta on Monday. The "
                 "Balochistan Liberation Army said it had sent fighters to the mountains.",
                 published=PUBLISHED)
    assert _who(rec) == set()


@pytest.mark.parametrize(("text", "polarity", "modality"), [
    ("Gunmen attacked a checkpoint in Tank on Monday. Police are investigating whether the "
     "Tehrik-i-Taliban Pakistan was involved.", "affirmed", "possible"),
    ("Gunmen attacked a checkpoint in Tank on Monday. It is unclear whether the "
     "Tehrik-i-Taliban Pakistan was involved in the attack.", "affirmed", "possible"),
    ("Gunmen attacked a checkpoint in Tank on Monday. The Tehrik-i-Taliban Pakistan was "
     "involved, police said.", "affirmed", "reported"),
])
def test_whether_a_group_was_involved_is_as_sure_as_the_clause(extractor, text, polarity,
                                                               modality):
    rec = record(extractor, text, published=PUBLISHED)
    assert (TTP, 0, polarity, modality) in _who(rec)
    _never_certain(rec)


def test_a_claim_of_another_year_is_no_claim_of_the_only_incident(extractor):
    text = ("Gunmen attacked a police post in Tank on Monday.\n\nThe district has a long "
            "history of violence. Markets were shut. Schools closed early. The "
            "Tehrik-i-Taliban Pakistan claimed responsibility in 2019.")
    rec = record(extractor, text, published=PUBLISHED)
    assert _who(rec) == set()
