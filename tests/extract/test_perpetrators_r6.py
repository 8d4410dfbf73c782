"""Who did it, round six: families of who-did-it sentences the readers missed, each tried
in at least three phrasings of our own (none taken from the corpus), with the coding kept
exact: an accuser's word reported or alleged with the accuser as source, a group's own
claim alleged, a denial negated in the denier's words."""

from __future__ import annotations

import pytest
from claimrows import BLA, BLF, TTP, record

from threatnet.model import EntityType, ExtractionRecord

LEJ = "Lashkar-e-Jhangvi"
WHO = ("perpetrated", "involved_in")


def _who(rec: ExtractionRecord) -> set[tuple[str, str, str, str | None]]:
    """(doer, polarity, modality, source) of every claim of who did an incident."""
    names = {e.id: e.name for e in rec.entities}
    events = {e.id for e in rec.entities if e.type == EntityType.EVENT}
    return {(names[c.subject], str(c.polarity), str(c.modality),
             c.source.text if c.source else None)
            for c in rec.claims if c.predicate in WHO and c.object in events}


def _doers(rec: ExtractionRecord) -> set[str]:
    return {who for who, *_ in _who(rec)}


# -- "an incident for which X was held responsible": the relative names the incident ----

@pytest.mark.parametrize("text, expected", [
    ("A bomb exploded at a market in Quetta on Friday, killing six people, an incident "
     "for which police held the Balochistan Liberation Army responsible.",
     (BLA, "affirmed", "reported", "police")),
    ("Gunmen shot dead two teachers in Turbat on Sunday, a killing for which officials "
     "blamed the Balochistan Liberation Front.",
     (BLF, "affirmed", "alleged", "officials")),
    ("Militants stormed a checkpost in Bannu on Monday night, an assault for which the "
     "Tehrik-i-Taliban Pakistan was later held responsible.",
     (TTP, "affirmed", "reported", None)),
])
def test_a_relative_for_which_names_the_incident_attributed(extractor, text, expected):
    rec = record(extractor, text, published="2024-06-01")
    assert expected in _who(rec)
    # the accusers did nothing: "police held X responsible" makes no doer of the police
    assert _doers(rec) == {expected[0]}


# -- "X was among the attackers", "the mastermind of the attack" ----------------------

@pytest.mark.parametrize("text, person, source", [
    ("Gunmen killed four soldiers in Kech district on Sunday. Police said a Lashkar-e-Taiba "
     "commander, Abu Qasim, was among the attackers.", "Abu Qasim", "Police"),
    ("Militants stormed a bank in Turbat on Monday. Officials said Abdul Hakim was one of "
     "the gunmen.", "Abdul Hakim", "Officials"),
    ("A suicide bomber struck a bus in Quetta on Tuesday. Investigators named Rashid "
     "Khan as the mastermind of the bombing.", "Rashid Khan", "Investigators"),
    ("Gunmen abducted three engineers near Gwadar on Friday. Police identified Tariq "
     "Mehmood as the organiser of the kidnapping.", "Tariq Mehmood", "Police"),
])
def test_a_person_named_among_the_doers_took_part(extractor, text, person, source):
    rec = record(extractor, text, published="2024-06-01")
    assert (person, "affirmed", "reported", source) in _who(rec)


@pytest.mark.parametrize("text, person", [
    ("Security forces raided a hideout in Kech on Sunday. Abu Qasim was among the militants "
     "killed in the operation.", "Abu Qasim"),
    ("A bomb exploded at a police station in Quetta on Monday. The station chief, Imran "
     "Ali, was among those killed in the attack.", "Imran Ali"),
    ("Gunmen attacked a bus in Turbat on Friday. Rashid Khan was one of the passengers.",
     "Rashid Khan"),
])
def test_the_dead_and_the_victims_are_no_doers(extractor, text, person):
    rec = record(extractor, text, published="2024-06-01")
    assert person not in _doers(rec)


# -- a spokesman's "his group", "whose spokesman denied" -------------------------------

@pytest.mark.parametrize("text, group", [
    ("A car bomb exploded in Peshawar on Monday, killing 20 people. A spokesman for the "
     "Tehrik-i-Taliban Pakistan said his group had nothing to do with the bombing.", TTP),
    ("Gunmen attacked a shrine in Quetta on Friday. A Lashkar-e-Jhangvi spokesman said the "
     "organisation had nothing to do with it.", LEJ),
    ("A bomb hit a market in Turbat on Sunday. The BLF spokesman said his movement had no "
     "role in the attack.", BLF),
])
def test_a_spokesman_denying_for_his_group(extractor, text, group):
    rec = record(extractor, text, published="2024-06-01")
    who = _who(rec)
    assert any(g == group and pol == "negated" for g, pol, _, _ in who), who
    assert not any(g == group and pol == "affirmed" for g, pol, _, _ in who), who


@pytest.mark.parametrize("text, group, accusers", [
    ("A bomb tore through a market in Parachinar on Friday. Officials blamed the "
     "Lashkar-e-Jhangvi, whose spokesman denied any role.", LEJ, "Officials"),
    ("Gunmen ambushed a convoy in Kech on Sunday. The army blamed the Balochistan "
     "Liberation Front, whose spokesman denied involvement in the attack.", BLF, "The army"),
    ("A suicide bomber struck a checkpoint in Bannu on Monday. Police blamed the "
     "Tehrik-i-Taliban Pakistan, whose spokesman rejected any involvement.", TTP, "Police"),
])
def test_whose_spokesman_denied_is_the_groups_denial(extractor, text, group, accusers):
    rec = record(extractor, text, published="2024-06-01")
    who = _who(rec)
    assert (group, "affirmed", "alleged", accusers) in who
    assert any(g == group and pol == "negated" for g, pol, _, _ in who), who


# -- "a charge X rejected": the accused's denial of an attribution ---------------------

@pytest.mark.parametrize("text, group", [
    ("A bomb exploded at a bazaar in Lahore on Wednesday. Officials blamed the "
     "Tehrik-i-Taliban Pakistan for the bombing, a charge the group rejected.", TTP),
    ("Gunmen shot dead three traders in Turbat on Monday. Police accused the Balochistan "
     "Liberation Front of carrying out the attack. The BLF denied the allegation.", BLF),
    ("A suicide bomber attacked a shrine in Lahore on Wednesday. Officials pointed at the "
     "Lashkar-e-Jhangvi, which rejected the charge.", LEJ),
])
def test_a_rejected_charge_is_the_accuseds_denial(extractor, text, group):
    rec = record(extractor, text, published="2024-06-01")
    who = _who(rec)
    assert any(g == group and pol == "affirmed" and mod != "asserted"
               for g, pol, mod, _ in who), who
    assert any(g == group and pol == "negated" for g, pol, _, _ in who), who


def test_a_charge_rejected_by_no_one_accused_adds_no_denial(extractor):
    rec = record(extractor, "A bomb exploded at a bazaar in Lahore on Wednesday. Officials "
                 "blamed the Tehrik-i-Taliban Pakistan for the bombing, a charge that "
                 "analysts questioned.", published="2024-06-01")
    assert not any(pol == "negated" for _, pol, _, _ in _who(rec))


# -- "pointed at X", "pointed the finger at X": an accusation ---------------------------

@pytest.mark.parametrize("text, group, source", [
    ("A suicide bomber attacked a shrine in Lahore on Wednesday. Officials pointed the "
     "finger at the Tehrik-i-Taliban Pakistan.", TTP, "Officials"),
    ("Gunmen killed five labourers in Kech on Monday. The provincial government pointed at "
     "the Balochistan Liberation Front.", BLF, "The provincial government"),
    ("A bomb went off near a mosque in Quetta on Friday. Investigators pointed to the "
     "Lashkar-e-Jhangvi.", LEJ, "Investigators"),
])
def test_pointing_at_a_group_is_an_accusation(extractor, text, group, source):
    rec = record(extractor, text, published="2024-06-01")
    assert (group, "affirmed", "alleged", source) in _who(rec)


def test_pointing_to_no_group_accuses_no_one(extractor):
    rec = record(extractor, "A bomb went off near a mosque in Quetta on Friday. "
                 "Investigators pointed to a security lapse.", published="2024-06-01")
    assert not _who(rec)


def test_a_denier_no_one_accused_of_the_incident_denies_nothing_of_it(extractor):
    rec = record(extractor, "Gunmen attacked a train in Bolan on Tuesday. A spokesman said the "
                 "attack had been directed from Afghanistan and repeated the charge that "
                 "India sponsors terrorism. India rejected the allegations as baseless.",
                 published="2024-06-01")
    assert "India" not in _doers(rec)


def test_one_of_the_doers_in_apposition(extractor):
    rec = record(extractor, "Two suicide bombers struck a church in Peshawar on Sunday. "
                 "Police said Rashid Khan, one of the bombers, had trained in Kunar.",
                 published="2024-06-01")
    assert ("Rashid Khan", "affirmed", "reported", "Police") in _who(rec)


# -- a state backing anonymous doers: a part in the deed (involved_in) ------------------

@pytest.mark.parametrize("text, state, modality, source", [
    ("Gunmen attacked a checkpoint in Kech on Monday, killing four soldiers. Officials "
     "blamed India-backed militants for the attack.", "India", "alleged", "Officials"),
    ("India-sponsored terrorists attacked a security forces post in North Waziristan on "
     "Monday, the military said.", "India", "reported", "the military"),
    ("A bomb exploded in a market in Quetta on Friday. The interior minister blamed "
     "Afghanistan-based militants.", "Afghanistan", "alleged", "The interior minister"),
    ("Militants backed by India attacked a police post in Turbat on Monday, officials said.",
     "India", "reported", "officials"),
])
def test_a_state_backing_the_doers_had_a_part(extractor, text, state, modality, source):
    rec = record(extractor, text, published="2024-06-01")
    names = {e.id: e.name for e in rec.entities}
    parts = {(names[c.subject], c.predicate, str(c.modality), c.source.text if c.source else None)
             for c in rec.claims if c.predicate in WHO}
    assert (state, "involved_in", modality, source) in parts


@pytest.mark.parametrize("text", [
    "Militants attacked a post near the Afghanistan border in Zhob on Monday.",
    "Gunmen attacked a police station in Chaman on Monday. They fled towards Afghanistan.",
    "Militants attacked a bank in Quetta on Monday. India condemned the attack.",
])
def test_a_state_only_near_the_doers_had_no_part(extractor, text):
    rec = record(extractor, text, published="2024-06-01")
    assert not {"Afghanistan", "India"} & _doers(rec)


# -- a group's own unit credited: the group too ---------------------------------------

@pytest.mark.parametrize("text, unit, group, modality", [
    ("On 4 May, the BLA's Fateh Squad attacked a Frontier Corps convoy near Mastung, killing "
     "seven soldiers.", "Fateh Squad", BLA, "asserted"),
    ("Gunmen stormed the port authority complex in Gwadar on Wednesday. The Balochistan "
     "Liberation Army's Majeed Brigade claimed the raid.", "Majid Brigade", BLA, "alleged"),
    ("Gunmen stormed a checkpoint in Bannu on Monday. The Tehrik-i-Taliban Pakistan's "
     "Jamaat-ul-Ahrar faction claimed the attack.", "Jamaat-ul-Ahrar", TTP, "alleged"),
    ("Gunmen stormed a hotel in Gwadar on Saturday. The Majeed Brigade of the Balochistan "
     "Liberation Army claimed the assault.", "Majid Brigade", BLA, "alleged"),
])
def test_a_groups_own_unit_credits_the_group(extractor, text, unit, group, modality):
    who = _who(record(extractor, text, published="2024-06-01"))
    assert {(unit, modality), (group, modality)} <= {(g, m) for g, pol, m, _ in who
                                                      if pol == "affirmed"}


# -- "X's deadliest attack was Y": a group's own deed, named ---------------------------

@pytest.mark.parametrize("text, group, count", [
    ("The Tehrik-i-Taliban Pakistan's deadliest attack, the December 2014 assault on the "
     "Army Public School in Peshawar, killed 149 people.", TTP, 1),
    ("Lashkar-e-Taiba's most notorious operation was the Mumbai attacks of November 2008.",
     "Lashkar-e-Taiba", 1),
    ("The Balochistan Liberation Army's bloodiest attacks were the 2018 assault on the "
     "Chinese consulate in Karachi and the 2019 raid on a hotel in Gwadar.", BLA, 2),
])
def test_a_groups_own_deed_named(extractor, text, group, count):
    rec = record(extractor, text, published="2024-06-01")
    names = {e.id: e.name for e in rec.entities}
    done = {c.object for c in rec.claims if c.predicate == "perpetrated"
            and names[c.subject] == group and str(c.modality) == "asserted"}
    assert len(done) == count


def test_a_place_owning_a_deed_did_nothing(extractor):
    rec = record(extractor, "Pakistan's deadliest attack, the December 2014 assault on the "
                 "Army Public School in Peshawar, killed 149 people.", published="2024-06-01")
    assert "Pakistan" not in _doers(rec)


# -- an incident recalled in passing is not the one a bare claim speaks of --------------

@pytest.mark.parametrize("text", [
    "Gunmen attacked a police post in Bannu on Monday, killing three officers. The attack "
    "came weeks after a bombing at a mosque in the district killed 12 worshippers. The "
    "Tehrik-i-Taliban Pakistan claimed responsibility.",
    "Gunmen attacked a police post in Bannu on Monday, killing three officers. It was the "
    "deadliest attack in the district since a suicide bombing at a mosque in January. The "
    "Tehrik-i-Taliban Pakistan claimed it.",
    "Gunmen attacked a police post in Bannu on Monday, killing three officers, in the worst "
    "violence there since a raid on a checkpoint in March. Officials blamed the "
    "Tehrik-i-Taliban Pakistan.",
])
def test_a_bare_claim_is_of_the_incident_told_not_one_recalled(extractor, text):
    rec = record(extractor, text, published="2024-06-01")
    names = {e.id: e.name for e in rec.entities}
    claimed = {names[c.object] for c in rec.claims if c.predicate == "perpetrated"
               and names[c.subject] == TTP}
    assert claimed and all("police post" in n for n in claimed), claimed


# -- the doers were a group's men: relative clauses, "from X", "identified as a member" --

@pytest.mark.parametrize("text, group, modality, source", [
    ("Gunmen killed five labourers near Turbat on Monday. The attackers, who belonged to "
     "the Balochistan Liberation Front, fled on motorcycles.", BLF, "asserted", None),
    ("Militants stormed a checkpoint in Bannu on Monday. Officials said the attackers, who "
     "were linked to the Hafiz Gul Bahadur group, had crossed from Afghanistan.",
     "Hafiz Gul Bahadur group", "reported", "Officials"),
    ("Gunmen killed five labourers near Turbat on Monday. Police said the attackers were "
     "from the Balochistan Liberation Front.", BLF, "reported", "Police"),
    ("A suicide bomber killed 12 people at a rally in Bajaur on Sunday. Police identified "
     "the bomber as a member of the Islamic State Khorasan Province.",
     "Islamic State Khorasan Province", "reported", "Police"),
])
def test_the_doers_were_a_groups_men(extractor, text, group, modality, source):
    assert (group, "affirmed", modality, source) in _who(record(extractor, text,
                                                                 published="2024-06-01"))


@pytest.mark.parametrize("text", [
    "Gunmen killed five labourers near Turbat on Monday. The attackers were from the same "
    "village as the victims.",
    "A suicide bomber killed 12 people at a rally in Bajaur on Sunday. Police identified the "
    "bomber as a resident of Bajaur.",
    "Gunmen killed five labourers near Turbat on Monday. The victims, who belonged to the "
    "Balochistan Liberation Front, were buried on Tuesday.",
])
def test_doers_tied_to_no_group_name_none(extractor, text):
    assert not _doers(record(extractor, text, published="2024-06-01"))


def test_a_doer_named_for_another_deed_did_not_do_this_one(extractor):
    rec = record(extractor, "A reporter was abducted in Karachi on 23 January while "
                 "researching links between militant groups and the so-called shoe bomber, "
                 "Richard Reid.", published="2002-02-01")
    assert "Richard Reid" not in _doers(rec)


# -- a group's own words in a quote: its claim, said by whom said it --------------------

@pytest.mark.parametrize("text, source", [
    ("Gunmen attacked a police post in Bannu on Monday, killing three officers. \"We carried "
     "out the attack,\" TTP spokesman Mohammad Khurasani told Reuters by telephone.",
     "TTP spokesman Mohammad Khurasani"),
    ("Gunmen attacked a police post in Bannu on Monday, killing three officers. \"This attack "
     "was carried out by our mujahideen,\" the Tehrik-i-Taliban Pakistan said in a statement.",
     "the Tehrik-i-Taliban Pakistan"),
    ("A bomb hit a checkpoint in Bannu on Monday. \"Our fighters carried out the bombing,\" "
     "a Tehrik-i-Taliban Pakistan spokesman told AFP.",
     "a Tehrik-i-Taliban Pakistan spokesman"),
])
def test_a_quoted_claim_is_the_groups_in_its_speakers_words(extractor, text, source):
    assert (TTP, "affirmed", "alleged", source) in _who(record(extractor, text,
                                                               published="2024-06-01"))


def test_a_quoted_passive_naming_others_is_no_claim(extractor):
    rec = record(extractor, "Gunmen attacked a police post in Bannu on Monday. The attack was "
                 "carried out by our enemies, a Tehrik-i-Taliban Pakistan spokesman said.",
                 published="2024-06-01")
    assert not any(pol == "affirmed" for _, pol, _, _ in _who(rec))


# -- "with the help of X": a helper's part in the deed ----------------------------------

@pytest.mark.parametrize("text, helper, source", [
    ("A suicide bomber hit a bus near Dasu on Wednesday. Officials said the attack had been "
     "planned in Afghanistan with help from the Tehrik-i-Taliban Pakistan.", TTP, "Officials"),
    ("A bomb exploded at a market in Quetta on Friday. The bombing was carried out with the "
     "help of the Lashkar-e-Jhangvi, police said.", LEJ, "police"),
    ("Gunmen stormed a police station in Bannu on Monday. Investigators said the Hafiz Gul "
     "Bahadur group carried out the attack with support from the Tehrik-i-Taliban Pakistan.",
     TTP, "Investigators"),
])
def test_a_helper_had_a_part(extractor, text, helper, source):
    rec = record(extractor, text, published="2024-06-01")
    names = {e.id: e.name for e in rec.entities}
    parts = {(names[c.subject], c.predicate, str(c.modality), c.source.text if c.source else None)
             for c in rec.claims if c.predicate in WHO}
    assert (helper, "involved_in", "reported", source) in parts
    assert (helper, "perpetrated", "reported", source) not in parts


# -- "named X as responsible", "credited X with the bombing" ----------------------------

@pytest.mark.parametrize("text, group, source", [
    ("A bomb went off at a market in Parachinar on Friday. Officials named the "
     "Lashkar-e-Jhangvi as responsible for the blast.", LEJ, "Officials"),
    ("A bomb went off at a market in Parachinar on Friday. Security officials credited the "
     "Lashkar-e-Jhangvi with the blast.", LEJ, "Security officials"),
    ("Gunmen killed two customs officials in Kech on Sunday. Police identified the "
     "Balochistan Liberation Front as responsible.", BLF, "Police"),
])
def test_naming_or_crediting_a_group_is_an_attribution(extractor, text, group, source):
    assert (group, "affirmed", "reported", source) in _who(record(extractor, text,
                                                                  published="2024-06-01"))


def test_naming_a_chief_attributes_nothing(extractor):
    rec = record(extractor, "Gunmen attacked a police post in Bannu on Monday. The council "
                 "named Noor Wali Mehsud as its new chief.", published="2024-06-01")
    assert not _who(rec)


# -- "we" in a group's quoted words; "X, which they blamed for the attack" ---------------

@pytest.mark.parametrize("text, polarity", [
    ("Gunmen attacked a police post in Bannu on Monday. \"We claim responsibility for the "
     "attack on the police post,\" the Tehrik-i-Taliban Pakistan said in a statement.",
     "affirmed"),
    ("Gunmen attacked a police post in Bannu on Monday. \"We take responsibility for this "
     "operation,\" said a spokesman for the Tehrik-i-Taliban Pakistan.", "affirmed"),
    ("Gunmen attacked a police post in Bannu on Monday. \"We condemn this attack and we are "
     "not responsible,\" said a spokesman for the Tehrik-i-Taliban Pakistan.", "negated"),
])
def test_we_in_a_groups_quote_is_the_group(extractor, text, polarity):
    who = _who(record(extractor, text, published="2024-06-01"))
    assert {(g, pol) for g, pol, _, _ in who} == {(TTP, polarity)}


def test_a_group_blamed_in_a_relative_clause(extractor):
    rec = record(extractor, "Gunmen attacked a police post in Bannu on Monday. Police "
                 "arrested two members of the Tehrik-i-Taliban Pakistan, which they blamed "
                 "for the attack.", published="2024-06-01")
    who = _who(rec)
    assert any(g == TTP and pol == "affirmed" and mod == "alleged" for g, pol, mod, _ in who)
    assert not any(src and "Taliban" in src for *_, src in who)  # no group blames itself


# -- "did not rule out X's involvement": possible; "ruled out X's involvement": denied ---

@pytest.mark.parametrize("text, expected", [
    ("Gunmen attacked a police post in Bannu on Monday. Police did not rule out the "
     "involvement of the Tehrik-i-Taliban Pakistan.", (TTP, "affirmed", "possible", "Police")),
    ("A bomb exploded at a market in Quetta on Friday. Investigators are not ruling out the "
     "Lashkar-e-Jhangvi's hand in the blast.",
     (LEJ, "affirmed", "possible", "Investigators")),
    ("A bomb exploded at a market in Quetta on Friday. Investigators have ruled out the "
     "involvement of the Balochistan Liberation Army.",
     (BLA, "negated", "reported", "Investigators")),
])
def test_ruling_out_a_groups_part(extractor, text, expected):
    assert _who(record(extractor, text, published="2024-06-01")) == {expected}


def test_ruling_out_no_group_says_nothing_of_anyone(extractor):
    rec = record(extractor, "A bomb exploded at a market in Quetta on Friday. Officials "
                 "could not rule out a gas leak. The Taliban rule Afghanistan.",
                 published="2024-06-01")
    assert not _who(rec)


@pytest.mark.parametrize("text", [
    "A roadside bomb killed four soldiers in Kurram on Tuesday. Suspicion is likely to fall "
    "on the Tehrik-i-Taliban Pakistan.",
    "A roadside bomb killed four soldiers in Kurram on Tuesday. Suspicion is expected to fall "
    "on the Tehrik-i-Taliban Pakistan, which has attacked troops there before.",
    "A roadside bomb killed four soldiers in Kurram on Tuesday. Suspicion fell on the "
    "Tehrik-i-Taliban Pakistan.",
])
def test_suspicion_about_to_fall_is_a_suspicion(extractor, text):
    assert (TTP, "affirmed", "believed", None) in _who(record(extractor, text,
                                                              published="2024-06-01"))


# -- a commander claiming a deed for himself claims it for his group -------------------

@pytest.mark.parametrize("text, person, group", [
    ("Gunmen stormed a police station in Bannu on Monday. A Tehrik-i-Taliban Pakistan "
     "commander, Qari Zubair, told reporters he had led the attack.", "Qari Zubair", TTP),
    ("Gunmen stormed a police station in Bannu on Monday. Qari Zubair, a commander of the "
     "Hafiz Gul Bahadur group, said he had planned the assault.", "Qari Zubair",
     "Hafiz Gul Bahadur group"),
    ("A bomb hit a market in Turbat on Friday. Aslam Baloch, a Balochistan Liberation "
     "Front commander, said he had carried out the bombing.", "Aslam Baloch", BLF),
])
def test_a_commanders_own_claim_is_his_groups(extractor, text, person, group):
    who = {(g, pol, mod) for g, pol, mod, _ in _who(record(extractor, text,
                                                            published="2024-06-01"))}
    assert {(person, "affirmed", "alleged"), (group, "affirmed", "alleged")} <= who


def test_a_commanders_denial_is_his_alone(extractor):
    rec = record(extractor, "Gunmen stormed a police station in Bannu on Monday. A "
                 "Tehrik-i-Taliban Pakistan commander, Qari Zubair, said he had not led the "
                 "attack.", published="2024-06-01")
    assert TTP not in _doers(rec)


# -- "in an attack blamed on X": the participle's noun is the incident ------------------

@pytest.mark.parametrize("text, expected", [
    ("A bomb exploded at a market in Quetta on Friday, in an attack blamed on the "
     "Lashkar-e-Jhangvi.", (LEJ, "affirmed", "alleged", None)),
    ("Gunmen killed four soldiers in Kech on Sunday in an ambush attributed to the "
     "Balochistan Liberation Front.", (BLF, "affirmed", "reported", None)),
    ("Gunmen killed four soldiers in Kech on Sunday in an ambush widely blamed on the "
     "Balochistan Liberation Front.", (BLF, "affirmed", "alleged", None)),
])
def test_an_incident_blamed_in_a_participle(extractor, text, expected):
    assert _who(record(extractor, text, published="2024-06-01")) == {expected}
