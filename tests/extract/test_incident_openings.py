"""How incident entries open: a date with no comma before the doers ("On 5 March 2014
gunmen killed …"), a place before the entry's date ("Kabul, 12 June 2016: …"), and numbered
blasts told as one attack ("Two blasts ripped through a market"). Passages of our own,
three per family."""

from __future__ import annotations

import pytest
from claimrows import incidents_in_order, record, rows

from threatnet.model import ExtractionRecord

PUBLISHED = "2016-06-30"


def _perpetrators(rec: ExtractionRecord) -> set[tuple[str, str, str]]:
    return {(r.subject, r.object, r.modality) for r in rows(rec) if r.predicate == "perpetrated"}


@pytest.mark.parametrize("text, group, place, day", [
    ("Weekly notes\n\nOn 5 March 2016 gunmen killed six policemen in Mardan. A spokesman "
     "for Jamaat-ul-Ahrar claimed the attack.", "Jamaat-ul-Ahrar", "Mardan", "2016-03-05"),
    ("Weekly notes\n\nOn Tuesday 14 June militants stormed a checkpost in Bannu. The "
     "Tehrik-i-Taliban Pakistan claimed responsibility.", "Tehrik-i-Taliban Pakistan",
     "Bannu", "2016-06-14"),
    ("Weekly notes\n\nIn January 2016 assailants shot dead a judge in Quetta. The United "
     "Baloch Army claimed the killing.", "United Baloch Army", "Quetta", "2016-01"),
])
def test_a_date_before_the_doers_leaves_them_the_subject(extractor, text, group, place, day):
    rec = record(extractor, text, PUBLISHED)
    names = {e.id: e.name for e in rec.entities}
    [incident] = incidents_in_order(rec)
    assert names[incident.incident.place] == place
    assert incident.incident.date == day
    assert (group, incident.name, "alleged") in _perpetrators(rec)


def test_the_repair_leaves_a_date_that_is_the_whole_object_alone(nlp):
    doc = nlp("Weekly notes\n\nOn 5 March 2016 the police arrested two men in Mardan.")
    arrested = next(t for t in doc if t.lower_ == "arrested")
    assert [c.lower_ for c in arrested.children if c.dep_ == "nsubj"] == ["police"]
    on = doc[[t.lower_ for t in doc].index("on")]
    dates = [c for c in on.children if c.dep_ == "pobj"]
    assert dates and all(c.ent_type_ == "DATE" for c in dates)


@pytest.mark.parametrize("opening, place, day", [
    ("Kabul, 12 June 2016: A suicide attacker struck a minibus carrying security guards, "
     "killing 14.", "Kabul", "2016-06-12"),
    ("Jalalabad, Nangarhar, 20 June 2016 — An explosion outside a mosque killed six "
     "worshippers.", "Jalalabad", "2016-06-20"),
    ("- Quetta, 8 June: A remote-controlled bomb hit a patrol, wounding four.", "Quetta",
     "2016-06-08"),
])
def test_a_place_before_the_entry_date_places_and_dates_its_incident(extractor, opening,
                                                                      place, day):
    text = "Incident digest\nCompiled 30 June 2016\n\n" + opening + \
        "\n\nIslamabad, 28 June 2016: Gunmen killed two guards at a bank in Rawalpindi."
    rec = record(extractor, text, PUBLISHED)
    names = {e.id: e.name for e in rec.entities}
    got = {(names.get(e.incident.place), e.incident.date) for e in incidents_in_order(rec)}
    assert (place, day) in got
    assert ("Rawalpindi", "2016-06-28") in got  # a place the entry names wins


def test_a_place_and_date_inside_a_sentence_open_no_entry(extractor):
    text = ("Notes\n\nKabul, 12 June 2016, was calm, officials said. Two days later gunmen "
            "attacked a checkpoint in Herat.")
    rec = record(extractor, text, PUBLISHED)
    names = {e.id: e.name for e in rec.entities}
    assert [names.get(e.incident.place) for e in incidents_in_order(rec)] == ["Herat"]


@pytest.mark.parametrize("sentence", [
    "Two blasts ripped through a crowded market in Parachinar, killing 20 people.",
    "Three explosions struck a shrine in Sehwan within minutes.",
    "Simultaneous bombings hit a police station in Quetta.",
])
def test_numbered_blasts_told_as_a_deed_are_one_attack(extractor, sentence):
    rec = record(extractor, "Notes\n\n" + sentence, PUBLISHED)
    assert len(incidents_in_order(rec)) == 1


def test_a_bare_plural_is_no_attack(extractor):
    rec = record(extractor, "Notes\n\nBombings have risen in Parachinar since 2014.",
                 PUBLISHED)
    assert incidents_in_order(rec) == []


@pytest.mark.parametrize("text, group", [
    ("On 3 March 2016 a suicide bomber sent by Jaish al-Adl blew himself up at a border "
     "post in Saravan, killing four guards.", "Jaish al-Adl"),
    ("On 9 April 2016 two attackers sent by Lashkar-e-Jhangvi killed three Hazara "
     "shopkeepers in Quetta.", "Lashkar-e-Jhangvi"),
    ("On 2 May 2016 militants deployed by the Tehrik-i-Taliban Pakistan attacked a "
     "checkpost in Bannu.", "Tehrik-i-Taliban Pakistan"),
    # the group the discourse means: "sent by the group", "dispatched by the outfit"
    ("Jundallah was founded by Abdolmalek Rigi in 2003. In October 2009 a suicide bomber "
     "sent by the group struck a meeting of tribal elders, killing more than 40 people.",
     "Jundallah"),
    ("The Balochistan Liberation Front has grown bolder. On 4 May 2016 gunmen dispatched by "
     "the outfit killed three labourers near Turbat.", "Balochistan Liberation Front"),
    ("Lashkar-e-Jhangvi has long targeted Hazaras. On 9 April 2016 two attackers sent by "
     "the group killed three shopkeepers in Quetta.", "Lashkar-e-Jhangvi"),
])
def test_doers_sent_by_a_group_are_its_deed(extractor, text, group):
    rec = record(extractor, "Notes\n\n" + text, PUBLISHED)
    [incident] = incidents_in_order(rec)
    assert (group, incident.name, "asserted") in _perpetrators(rec)


@pytest.mark.parametrize("claim, group", [
    ("The Islamic State said one of its fighters carried out the attack.", "Islamic State"),
    ("The Balochistan Liberation Army said two of its members had carried out the bombing.",
     "Balochistan Liberation Army"),
    ("Jaish al-Adl said one of its soldiers had carried out the attack.", "Jaish al-Adl"),
])
def test_a_group_counting_its_own_doers_claims_the_deed(extractor, claim, group):
    rec = record(extractor, "Notes\n\nA suicide bomber killed 12 people at a mosque in "
                 "Peshawar on Friday. " + claim, PUBLISHED)
    [incident] = incidents_in_order(rec)
    assert (group, incident.name, "alleged") in _perpetrators(rec)


def test_others_counting_the_attackers_claim_nothing_for_a_group(extractor):
    rec = record(extractor, "Notes\n\nA suicide bomber killed 12 people at a mosque in "
                 "Peshawar on Friday. The police said one of the attackers carried out "
                 "the attack.", PUBLISHED)
    assert _perpetrators(rec) == set()


@pytest.mark.parametrize("sentence, group, polarity, modality", [
    ("The attack was the work of Lashkar-e-Jhangvi, officials said.", "Lashkar-e-Jhangvi",
     "affirmed", "reported"),
    ("Police believe the blast was the work of the Balochistan Liberation Army.",
     "Balochistan Liberation Army", "affirmed", "believed"),
    ("The bombing was not the handiwork of the Tehrik-i-Taliban Pakistan, its spokesman "
     "said.", "Tehrik-i-Taliban Pakistan", "negated", "reported"),
])
def test_the_work_of_a_group(extractor, sentence, group, polarity, modality):
    rec = record(extractor, "Notes\n\nA bomb killed six people at a market in Parachinar "
                 "on Saturday. " + sentence, PUBLISHED)
    [incident] = incidents_in_order(rec)
    got = {(r.subject, r.polarity, r.modality) for r in rows(rec)
           if r.predicate == "perpetrated" and r.object == incident.name}
    assert got == {(group, polarity, modality)}
