"""Targets and victims, round five: each family tried in three phrasings of our own.

"People" killed are the people the sentence shows were there ("where passengers were
waiting", "as worshippers left", "the roof fell on the students"); a person killed in a
strike or shooting is what the incident struck.
"""

from __future__ import annotations

import pytest
from claimrows import claims, record

from threatnet.model import EntityType, ExtractionRecord


def _targets(rec: ExtractionRecord) -> dict[str, dict]:
    """Object name (casefolded) -> merged qualifiers of every `targets` claim of an
    incident."""
    names = {e.id: e.name for e in rec.entities}
    events = {e.id for e in rec.entities if e.type == EntityType.EVENT}
    out: dict[str, dict] = {}
    for c in rec.claims:
        if c.predicate == "targets" and c.subject in events:
            out.setdefault(names[c.object].casefold(), {}).update(c.qualifiers)
    return out


# -- "people" killed are the people the sentence shows were there ----------------------

@pytest.mark.parametrize("text, victim, quality, count", [
    ("A bomb went off on a crowded platform where passengers were waiting for a train in "
     "Quetta on Monday, killing at least 14 people.", "passengers", "killed", 14),
    ("Two attackers blew themselves up outside a church in Lahore as worshippers left the "
     "morning service, killing 31 people.", "worshippers", "killed", 31),
    ("A suicide bomber struck a madrassa in Kohat on Friday. The blast brought the ceiling "
     "down on the students, and at least nine people were killed.", "students", "killed", 9),
    ("A grenade was thrown into a market in Chaman crowded with shoppers on Sunday, "
     "wounding 22 people.", "shoppers", "wounded", 22),
])
def test_people_counted_are_those_the_sentence_shows_there(extractor, text, victim,
                                                           quality, count):
    targets = _targets(record(extractor, text))
    assert targets[victim][quality] == count
    assert "people" not in targets


@pytest.mark.parametrize("text, counted, other", [
    # the policemen have their own count: the 20 wounded are other people
    ("A bomb exploded near a police van in Quetta on Monday. Seven policemen were killed "
     "and 20 people were wounded.", "policemen", {"killed": 7}),
    # the soldiers are the ones who fought, not those who died
    ("Militants attacked a checkpoint in Bannu on Monday. Soldiers returned fire, and "
     "twelve people were killed.", None, {}),
    # the attackers are never the victims
    ("Gunmen stormed a hotel in Kabul on Saturday and held it for hours, killing 18 "
     "people.", None, {}),
])
def test_people_stay_people_when_no_one_else_fits(extractor, text, counted, other):
    targets = _targets(record(extractor, text))
    assert "civilians" in targets  # "people", named as incident databases name them
    if counted:
        assert targets[counted] == {**targets[counted], **other}
        assert "wounded" not in targets[counted]
    assert "soldiers" not in targets and "gunmen" not in targets


# -- a person named as killed is what the incident struck, one of its dead --------------

@pytest.mark.parametrize("text, person", [
    ("Imran Yousaf was killed on Sunday when a bomb exploded outside his house in Khyber.",
     "imran yousaf"),
    ("A roadside bomb killed Colonel Tariq Mehmood and two soldiers in Kurram on Sunday.",
     "tariq mehmood"),
    ("Unidentified gunmen killed Aslam Khan, a local trader, in Peshawar on Tuesday.",
     "aslam khan"),
])
def test_a_person_named_as_killed_is_a_target(extractor, text, person):
    targets = _targets(record(extractor, text))
    assert targets[person]["killed"] == 1


@pytest.mark.parametrize("text, person", [
    ("A suicide bomber struck a market in Kabul on Friday, killing 12 people. Days later "
     "the Taliban executed Qari Nasir, a prisoner held in Kandahar.", "qari nasir"),
    ("Gunmen attacked a checkpoint in Bannu on Monday. The following night security "
     "forces killed Gul Rehman, whom they accused of planning it.", "gul rehman"),
    ("A bomb went off near a school in Quetta on Sunday. Later that week the army killed "
     "Abdul Wali, a commander of the group.", "abdul wali"),
])
def test_a_later_killing_by_a_named_actor_is_not_the_incidents_dead(extractor, text, person):
    assert person not in _targets(record(extractor, text))


# -- "members of staff": a part-of-a-group noun is named with its "of" phrase ------------

@pytest.mark.parametrize("text, victim, count", [
    ("Gunmen stormed a school in Peshawar on Tuesday. Officials said 40 children and six "
     "members of staff were killed.", "members of staff", 6),
    ("A bomb exploded at a hospital in Quetta on Monday, killing three members of the "
     "nursing staff.", "members of the nursing staff", 3),
    ("Militants opened fire on employees of a mobile phone company in Kech on Sunday, "
     "killing four.", "employees of a mobile phone company", 4),
])
def test_a_part_of_a_group_is_named_with_its_group(extractor, text, victim, count):
    targets = _targets(record(extractor, text))
    assert targets[victim]["killed"] == count
    assert "members" not in targets and "employees" not in targets


# -- "were reported killed": the subject of the reporting verb is the one counted --------

@pytest.mark.parametrize("text, victim, count", [
    ("Gunmen attacked a military academy in Kabul on Monday. Eleven soldiers were reported "
     "killed.", "soldiers", 11),
    ("Militants ambushed a police patrol in Kurram on Sunday. Four policemen were confirmed "
     "killed.", "policemen", 4),
    ("A bomb exploded at a bus stand in Quetta on Friday, and six passengers were said to "
     "have been killed.", "passengers", 6),
])
def test_victims_reported_killed_are_counted(extractor, text, victim, count):
    targets = _targets(record(extractor, text))
    assert targets[victim]["killed"] == count


# -- a place named by its community is the place struck: "a Shia mosque" ---------------

@pytest.mark.parametrize("text, place, kind", [
    ("Gunmen attacked a Shia mosque in Kohat on Friday.", "shia mosque", "religious"),
    ("A suicide bomber struck a Christian church in Quetta on Sunday.", "christian church",
     "religious"),
    ("Militants bombed a Sikh temple in Kabul in March.", "sikh temple", "religious"),
    ("Militants attacked the parliament in Kabul in 2015.", "parliament", "government"),
])
def test_a_place_named_by_its_community_is_the_place(extractor, text, place, kind):
    targets = _targets(record(extractor, text))
    assert targets[place]["target_type"] == kind


# -- a group's record of deeds names its targets, not deeds it avoids ------------------

def _group_targets(rec: ExtractionRecord) -> set[tuple[str, str]]:
    names = {e.id: e.name for e in rec.entities}
    return {(names[c.subject], names[c.object].casefold()) for c in rec.claims
            if c.predicate in ("attacks", "targets") and str(c.polarity) == "affirmed"}


@pytest.mark.parametrize("text, group, target", [
    ("The TTP has attacked security posts and girls' schools in Swat.",
     "Tehrik-i-Taliban Pakistan", "girls' schools"),
    ("The TTP has attacked security posts and girls' schools in Swat.",
     "Tehrik-i-Taliban Pakistan", "security posts"),
    ("Over the past decade the BLA has repeatedly attacked railway tracks in Balochistan.",
     "Balochistan Liberation Army", "railway tracks"),
    ("Jaish al-Adl militants have often struck border guards in Sistan-Baluchestan.",
     "Jaish al-Adl", "border guards"),
])
def test_a_groups_record_of_deeds_names_its_targets(extractor, text, group, target):
    assert (group, target) in _group_targets(record(extractor, text))


@pytest.mark.parametrize("text", [
    "The TTP leadership told its fighters to avoid attacks on markets and shrines.",
    "The BLA statement said the group would never target hospitals or schools.",
    "The TTP code forbids attacks on mosques and seminaries.",
])
def test_deeds_a_group_avoids_name_no_targets(extractor, text):
    assert not {t for _, t in _group_targets(record(extractor, text))} & \
        {"markets", "shrines", "hospitals", "schools", "mosques", "seminaries"}


# -- "all three were killed": a set told before, not the incident's victims -------------

@pytest.mark.parametrize("text, victim", [
    ("Three gunmen opened fire on students at a college in Kabul on Monday. Commandos "
     "fought them for hours until all three were killed.", "students"),
    ("Four attackers fired on worshippers at a shrine in Sehwan on Friday; all four were "
     "killed after a two-hour gunfight.", "worshippers"),
    ("Five militants attacked passengers at a bus stand in Kalat on Sunday. Troops "
     "surrounded them, and all five were killed.", "passengers"),
])
def test_all_of_a_number_told_before_are_no_victims(extractor, text, victim):
    targets = _targets(record(extractor, text))
    assert victim in targets
    assert "killed" not in targets[victim]


# -- "reported 50 deaths, including X": the dead counted by a noun ---------------------

@pytest.mark.parametrize("text, expected", [
    ("A suicide bomber struck a procession in Mastung on Friday. Officials reported more "
     "than 40 deaths, including a police inspector, Aslam Khan.", {"aslam khan": 1}),
    ("Gunmen opened fire on pilgrims in Kohistan on Monday; the police recorded nine "
     "deaths, including two soldiers.", {"pilgrims": 9, "soldiers": 2}),
    ("Militants attacked worshippers at a mosque in Kohat on Friday. The hospital reported "
     "12 deaths, including an imam, Maulana Yusuf.", {"worshippers": 12, "maulana yusuf": 1}),
])
def test_deaths_counted_by_a_noun(extractor, text, expected):
    targets = _targets(record(extractor, text))
    assert {v: targets.get(v, {}).get("killed") for v in expected} == expected


# -- "including a deputy superintendent, X": one person, however the parser joins them --

@pytest.mark.parametrize("text, person, role", [
    ("Militants attacked a checkpoint in Bannu on Monday, killing six people, including a "
     "police inspector, Gul Zaman.", "gul zaman", "police inspector"),
    ("A suicide bomber struck a procession in Mastung on Friday. Officials reported more "
     "than 40 deaths, including a deputy superintendent of police, Nawaz Khan.",
     "nawaz khan", "deputy superintendent"),
    ("A bomb exploded at a court in Quetta on Tuesday, killing nine people, including a "
     "senior judge, Abdul Qadir Mengal.", "abdul qadir mengal", "senior judge"),
])
def test_a_role_then_a_name_is_one_victim(extractor, text, person, role):
    targets = _targets(record(extractor, text))
    assert targets[person]["killed"] == 1
    assert role not in targets


# -- "shot dead nine of them": the people "them" stands for; not when troops shoot ------

@pytest.mark.parametrize("text, victim, count", [
    ("Gunmen stopped a bus near Kalat on Monday, checked the papers of the passengers and "
     "shot dead nine of them.", "passengers", 9),
    ("Attackers fired on a crowd of mourners in Bajaur on Friday, wounding twenty of them.",
     "mourners", 20),
    ("Gunmen shot dead Tariq Jamil, a district judge, outside his home in Quetta on Monday.",
     "tariq jamil", 1),
    ("A suicide bomber shot dead a police guard at the gate of a shrine in Sehwan on Friday "
     "and then blew himself up.", "police guard", 1),
])
def test_shot_dead_and_of_them(extractor, text, victim, count):
    targets = _targets(record(extractor, text))
    assert list(targets[victim].values()).count(count) == 1


@pytest.mark.parametrize("text", [
    "Five gunmen attacked a checkpoint in Bannu on Monday, and troops shot dead three of "
    "them.",
    "Militants stormed a police post in Tank on Friday before soldiers killed four of them.",
    "Attackers opened fire on a convoy in Kurram on Sunday; security forces shot dead two "
    "of them.",
])
def test_the_attackers_the_forces_killed_are_no_victims(extractor, text):
    targets = _targets(record(extractor, text))
    assert not any("killed" in q for q in targets.values())


# -- a deed in a part of a place struck the place: "in the lobby of the passport office" --

@pytest.mark.parametrize("text, place, kind", [
    ("A suicide bomber blew himself up in the lobby of the passport office in Kabul on "
     "Monday, killing six people.", "passport office", "government"),
    ("Militants detonated a car bomb in the parking area of a hotel in Quetta on Wednesday, "
     "wounding four people.", "hotel", "business"),
    ("A bomb exploded inside the courtyard of a seminary in Peshawar on Tuesday, killing "
     "seven students.", "seminary", "religious"),
])
def test_a_deed_in_a_part_of_a_place_struck_the_place(extractor, text, place, kind):
    targets = _targets(record(extractor, text))
    assert targets[place]["target_type"] == kind


# -- a count that includes the attackers is no count of victims -------------------------

@pytest.mark.parametrize("text", [
    "Militants stormed a hotel in Kabul on Monday; 20 people, including all five attackers, "
    "were killed.",
    "Gunmen attacked a college in Quetta on Monday night, and by morning 61 people, "
    "including three attackers, had died.",
    "Militants attacked a court in Charsadda on Tuesday, killing at least 30 people, "
    "including the two gunmen.",
])
def test_a_count_with_the_attackers_is_no_victims_count(extractor, text):
    assert "people" not in _targets(record(extractor, text))


# -- "was shot dead", "were pulled off the bus and shot dead": the subject is killed ----

@pytest.mark.parametrize("text, victim, count", [
    ("Tariq Jamil, a district judge, was shot dead outside his home in Quetta on Monday.",
     "tariq jamil", 1),
    ("Gunmen stopped a bus near Ormara on Thursday. Fourteen passengers were pulled off the "
     "bus and shot dead.", "passengers", 14),
    ("Militants ambushed a van in Kurram on Sunday; two teachers were dragged out and shot "
     "dead.", "teachers", 2),
])
def test_the_subject_shot_dead_is_killed(extractor, text, victim, count):
    assert _targets(record(extractor, text))[victim]["killed"] == count


# -- the victims as the text counts them are a mention of their entity -----------------

@pytest.mark.parametrize("text, name, counted", [
    ("Militants attacked a garrison in Zhob on Wednesday; 1 woman caught in the crossfire "
     "was killed.", "woman", "1 woman"),
    ("Gunmen attacked a police station in Daraban on Tuesday, and 23 soldiers were killed.",
     "soldiers", "23 soldiers"),
    ("A bomb exploded outside a school in Kabul on Saturday, killing eleven students.",
     "students", "eleven students"),
])
def test_counted_victims_are_mentioned_with_their_count(extractor, text, name, counted):
    rec = record(extractor, text)
    entity = next(e for e in rec.entities if e.name.casefold() == name)
    assert counted in {m.text for m in entity.mentions}


# -- a place told by the people who use it: they are struck too -------------------------

@pytest.mark.parametrize("text, place, users", [
    ("Gunmen attacked a guesthouse in Kabul popular with foreign aid workers on Monday.",
     "guesthouse", "aid workers"),
    ("A suicide bomber struck a restaurant in Islamabad frequented by diplomats on Friday.",
     "restaurant", "diplomats"),
    ("Militants attacked a hotel in Gwadar often used by Chinese engineers on Saturday.",
     "hotel", "chinese nationals"),
])
def test_the_users_of_a_struck_place_are_struck(extractor, text, place, users):
    targets = _targets(record(extractor, text))
    assert place in targets and users in targets


def test_targets_a_group_urges_are_read_without_error_and_never_as_deeds(extractor):
    # the parser made a comma the head of "parliamentarians, and members of …" (a crash)
    rows = claims(extractor, "Notes\n\nTo achieve this, the group encourages followers in "
                  "Bangladesh to target the country's political leaders, parliamentarians, and "
                  "members of the security forces and law enforcement, as well as "
                  "non-Muslims.", "2020-01-01")
    assert not any(r.predicate in ("attacks", "targets") and r.modality == "asserted"
                   for r in rows), rows
