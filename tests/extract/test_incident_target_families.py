"""Targets, victims and weapons of incidents (round 5): each family tried in three
phrasings of our own — what a deed struck, whom it killed, and with what."""

from __future__ import annotations

import pytest
from claimrows import record

from threatnet.extract.incident_targets import _number
from threatnet.model import EntityType, ExtractionRecord


def _facts(rec: ExtractionRecord, predicate: str) -> list[tuple[str, dict]]:
    """(object name, qualifiers) of every claim of an incident with this predicate."""
    names = {e.id: e.name for e in rec.entities}
    events = {e.id for e in rec.entities if e.type == EntityType.EVENT}
    return [(names[c.object], c.qualifiers) for c in rec.claims
            if c.predicate == predicate and c.subject in events]


def _targets(rec: ExtractionRecord) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for name, qualifiers in _facts(rec, "targets"):
        out.setdefault(name.casefold(), {}).update(qualifiers)
    return out


def _uses(rec: ExtractionRecord) -> set[str]:
    kinds = {e.name: e.kind for e in rec.entities}
    return {kinds[name] for name, _ in _facts(rec, "uses")}


# -- what a deed struck, beyond its object: "among", "into", "the assassination of" ----

@pytest.mark.parametrize("text, target, kind", [
    ("A suicide bomber blew himself up among worshippers in Peshawar on Friday.",
     "worshippers", "religious"),
    ("Militants tried to force their way into the naval air station at Turbat on Tuesday.",
     "naval air station", "military"),
    ("The group claimed the 2007 assassination of former prime minister Benazir Bhutto.",
     "benazir bhutto", None),
    ("A bomber detonated his vest among students queueing outside the hall in Kabul.",
     "students", "education"),
])
def test_what_a_deed_struck_beyond_its_object(extractor, text, target, kind):
    targets = _targets(record(extractor, text))
    assert target in targets
    assert targets[target].get("target_type") == kind


# -- a modifier the named incident holds still names the target: "police training
# college", typed by the phrase before the single word ("naval air station") ----------

@pytest.mark.parametrize("text, target, kind", [
    ("Gunmen stormed a police training college in Quetta in October 2016.",
     "police training college", "police"),
    ("Militants attacked a naval air station near Turbat on Monday.",
     "naval air station", "military"),
    ("Insurgents attacked a heavily guarded army camp in Uri on Sunday.",
     "army camp", "military"),
])
def test_the_target_phrase_keeps_its_words_and_type(extractor, text, target, kind):
    targets = _targets(record(extractor, text))
    assert target in targets
    assert targets[target]["target_type"] == kind


# -- "people" killed are the population the deed struck --------------------------------

@pytest.mark.parametrize("text, victim, count", [
    ("Gunmen opened fire on worshippers at a mosque in Quetta on Friday, killing twelve "
     "people.", "worshippers", 12),
    ("Militants attacked passengers at a bus stop in Kalat, killing nine people.",
     "passengers", 9),
    ("Militants attacked mourners at a funeral in Bajaur on Monday. At least 30 people "
     "were killed.", "mourners", 30),
])
def test_people_killed_are_the_population_struck(extractor, text, victim, count):
    targets = _targets(record(extractor, text))
    assert targets[victim]["killed"] == count
    assert "people" not in targets


def test_people_killed_stay_people_where_no_population_was_struck(extractor):
    rec = record(extractor, "A bomb exploded at a market in Parachinar, killing 14 people.")
    assert _targets(rec)["civilians"]["killed"] == 14  # "people", as databases name them


# -- "most of them lawyers": the closer name, now typed -----------------------------------

@pytest.mark.parametrize("text, victim, kind", [
    ("A suicide bomber walked into the crowd and detonated his explosives, killing more "
     "than 70 people, most of them lawyers.", "lawyers", "civilians"),
    ("Gunmen attacked a school in Peshawar on Tuesday, killing 140 people, most of them "
     "schoolchildren.", "schoolchildren", "education"),
    ("A bomb went off at a rally in Mastung, killing 20 people, most of them party "
     "workers.", "workers", None),
])
def test_the_victims_named_more_closely(extractor, text, victim, kind):
    targets = _targets(record(extractor, text))
    found = [name for name in targets if name.endswith(victim)]
    assert found, targets
    if kind:
        assert targets[found[0]]["target_type"] == kind


# -- "among the dead were X" ------------------------------------------------------------

@pytest.mark.parametrize("text, victim, quality", [
    ("A suicide bomber struck a convoy in Karachi on Tuesday. Among the dead is Huang "
     "Guiping, the director of the institute.", "huang guiping", "killed"),
    ("Militants attacked the army headquarters in Rawalpindi. A brigadier and a colonel "
     "were among the soldiers killed.", "soldiers", None),
    ("A bomb exploded near a police van in Quetta on Monday. Two constables were among "
     "the injured.", "constables", "wounded"),
])
def test_victims_listed_among_the_dead(extractor, text, victim, quality):
    targets = _targets(record(extractor, text))
    assert victim in targets, targets
    if quality:
        assert targets[victim][quality] >= 1


# -- a person named in apposition is the victim -------------------------------------------

@pytest.mark.parametrize("text, person", [
    ("A suicide bomber detonated explosives in the governor's office in Mazar-i-Sharif, "
     "killing the governor of Balkh, Mohammad Dawood Muzammil.", "Mohammad Dawood Muzammil"),
    ("Gunmen shot dead a senior judge, Ahmed Raza Khan, outside the court in Peshawar on "
     "Monday.", "Ahmed Raza Khan"),
    ("Unknown gunmen killed a local cleric, Maulana Abdul Haq, outside his seminary in "
     "Bajaur on Friday.", "Abdul Haq"),
])
def test_a_person_named_in_apposition_is_the_victim(extractor, text, person):
    assert person.casefold() in _targets(record(extractor, text))


# -- what carries or gathers the ones struck: its owner or its passengers ----------------

@pytest.mark.parametrize("text, target", [
    ("A suicide bomber drove an explosives-laden car into a convoy of the Central Reserve "
     "Police Force near Pulwama.", "central reserve police force"),
    ("Militants ambushed a bus carrying Chinese engineers near Dasu on Wednesday.",
     "chinese nationals"),
    ("A suicide attack on a convention of the Jamiat Ulema-e-Islam (Fazl) in Bajaur "
     "killed 54 people.", "jamiat ulema-e-islam (fazl)"),
])
def test_the_owner_or_passengers_of_what_was_struck(extractor, text, target):
    targets = _targets(record(extractor, text))
    assert target in targets, targets
    assert not {"convoy", "bus", "convention"} & set(targets)


# -- how many: "two dozen", "twenty-three" -------------------------------------------------

@pytest.mark.parametrize("words, number", [
    ("two-dozen", 24), ("twenty-three", 23), ("three-hundred", 300), ("dozen", 12),
])
def test_number_words(words, number):
    assert _number(words) == number


def test_two_dozen_people_killed(extractor):
    rec = record(extractor, "Gunmen attacked the airport in Karachi on Sunday; more than two "
                            "dozen soldiers were killed.")
    assert _targets(rec)["soldiers"]["killed"] == 24


# -- vehicle bombs however worded ------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "TTP militants detonated an explosives-laden car in the parking area of a hotel in Quetta.",
    "A suicide bomber rammed a truck packed with explosives into a police post in Bannu.",
    "Militants detonated a motorcycle rigged with explosives near a checkpoint in Lakki "
    "Marwat.",
])
def test_a_vehicle_loaded_with_explosives_is_a_vehicle_bomb(extractor, text):
    uses = _uses(record(extractor, text))
    assert "vbied" in uses
    assert "explosive" not in uses  # the bombing itself, no tactic of its own


# -- a suicide bombing was carried out by a suicide bomber -----------------------------------

@pytest.mark.parametrize("text", [
    "A bomber blew himself up outside a church in Quetta on Sunday.",
    "A man blew himself up in a crowded market in Peshawar.",
    "A suicide bomber walked into the hall and detonated his explosives, killing "
    "eleven people.",
])
def test_a_suicide_bombing_uses_suicide_bombers(extractor, text):
    assert "suicide_bombing" in _uses(record(extractor, text))


def test_a_bombing_without_suicide_uses_no_suicide_bomber(extractor):
    rec = record(extractor, "A bomb exploded outside a church in Quetta on Sunday.")
    assert "suicide_bombing" not in _uses(rec)


# -- weapons listed together, and gunmen with them ------------------------------------------

@pytest.mark.parametrize("text, weapons", [
    ("Gunmen armed with rifles and grenades attacked a bus in Lahore on Tuesday.",
     {"hand_grenade", "small_arms"}),
    ("Ten gunmen armed with rifles, grenades and rocket launchers attacked the airport in "
     "Karachi.", {"hand_grenade", "rocket_launcher", "small_arms"}),
    ("Three gunmen stormed the campus in Kabul, firing rifles and throwing grenades at "
     "students.", {"hand_grenade", "small_arms"}),
])
def test_every_weapon_listed_is_used(extractor, text, weapons):
    assert weapons <= _uses(record(extractor, text))


# -- a toll told apart from the deed: each tally its own claim, from its teller -----------

def _tallies(rec: ExtractionRecord, victim: str) -> list[tuple[int, str, str | None]]:
    names = {e.id: e.name for e in rec.entities}
    events = {e.id for e in rec.entities if e.type == EntityType.EVENT}
    return sorted((c.qualifiers["killed"], str(c.modality), c.source.text if c.source else None)
                  for c in rec.claims if c.subject in events and c.predicate == "targets"
                  and names[c.object].casefold() == victim and "killed" in c.qualifiers)


@pytest.mark.parametrize("text, victim, expected", [
    ("Militants ambushed a military convoy near Datakhel on Sunday. One early count put the "
     "dead at 16 soldiers; security officials later put the toll at 27.", "soldiers",
     [(16, "reported", "One early count"), (27, "reported", "security officials")]),
    ("Gunmen attacked worshippers at a mosque in Quetta on Friday, killing nine people. The "
     "death toll rose to 14 on Saturday.", "worshippers",
     [(9, "asserted", None), (14, "asserted", None)]),
    ("Militants stormed a police station in Bannu, killing three policemen. Officials later "
     "put the number of policemen killed at five.", "policemen",
     [(3, "asserted", None), (5, "reported", "Officials")]),
])
def test_each_toll_is_a_claim_of_its_teller(extractor, text, victim, expected):
    assert _tallies(record(extractor, text), victim) == expected


# -- a part of a place names the place struck -------------------------------------------------

@pytest.mark.parametrize("text, target", [
    ("A bomb exploded at the gate of the girls' school in Kabul on Saturday.", "girls' school"),
    ("Militants attacked the old terminal of Jinnah International Airport in Karachi.",
     "jinnah international airport"),
    ("A suicide bomber blew himself up at the entrance of a shrine in Sehwan.", "shrine"),
])
def test_a_part_names_the_place_struck(extractor, text, target):
    assert target in _targets(record(extractor, text))


# -- "killing 17 people, including two police officers" ----------------------------------------

@pytest.mark.parametrize("text, victim, count", [
    ("A suicide bomber struck outside the embassy in Kabul. At least 17 people, including "
     "two police officers, were killed.", "police officers", 2),
    ("A bomb went off at a procession in Mastung, killing 50 people, including a deputy "
     "superintendent of police, Nawaz Gishkori.", "nawaz gishkori", 1),
    ("Gunmen opened fire on a bus in Kohistan, killing 12 people, including three "
     "soldiers.", "soldiers", 3),
])
def test_the_ones_named_among_the_counted(extractor, text, victim, count):
    assert _targets(record(extractor, text))[victim]["killed"] == count


# -- who struck it, as certain as who did the deed; what it struck, the author's --------------

@pytest.mark.parametrize("text", [
    "Suspected militants of the Hafiz Gul Bahadur group ambushed a military convoy near "
    "Mir Ali on Sunday.",
    "Police said militants of the Tehrik-i-Taliban Pakistan attacked a checkpoint in Bannu.",
    "Militants of the Balochistan Liberation Army allegedly attacked a police station in "
    "Turbat on Monday.",
])
def test_a_hedged_doer_hedges_its_attack_not_the_incident(extractor, text):
    rec = record(extractor, text)
    events = {e.id for e in rec.entities if e.type == EntityType.EVENT}
    attacks = [c for c in rec.claims if c.predicate == "attacks"]
    struck = [c for c in rec.claims if c.predicate == "targets" and c.subject in events]
    assert attacks and all(str(c.modality) != "asserted" or c.source for c in attacks)
    assert struck


# -- the doers' first deed, before the one that names the incident ---------------------------

@pytest.mark.parametrize("text, weapon", [
    ("Militants attacked a police station in Daraban on Tuesday. One of the assailants, a "
     "suicide bomber, rammed an explosives-laden vehicle into the gate, and the others then "
     "opened fire on the policemen inside.", "vbied"),
    ("Gunmen attacked a checkpost in Tank. The attackers hurled grenades at the guards and "
     "then opened fire on the soldiers.", "hand_grenade"),
    ("Insurgents attacked a camp in Zhob. A suicide bomber detonated an explosives-laden "
     "truck at the gate and the other attackers opened fire on the troops.", "vbied"),
])
def test_the_doers_first_deed_arms_the_incident(extractor, text, weapon):
    assert weapon in _uses(record(extractor, text))


# -- headline tallies: "9 soldiers killed", "12 killed; 20 injured" ------------------------

@pytest.mark.parametrize("text, victim, counts", [
    ("On 12 July 2023, militants attacked the garrison in Zhob before dawn. 9 soldiers "
     "killed; all 5 attackers killed.", "soldiers", {"killed": 9}),
    ("Militants opened fire on worshippers at a mosque in Quetta on Friday. 12 killed; 20 "
     "injured.", "worshippers", {"killed": 12, "wounded": 20}),
    ("On 3 May 2022, gunmen attacked a bus carrying pilgrims near Mastung. 7 pilgrims "
     "killed, 11 wounded.", "pilgrims", {"killed": 7}),
])
def test_headline_tallies(extractor, text, victim, counts):
    found = _targets(record(extractor, text))
    assert {k: found[victim].get(k) for k in counts} == counts
    assert "attackers" not in found


# -- a state's nationals are people, and who employed or held the victims -------------------

@pytest.mark.parametrize("text, victim", [
    ("A suicide bomber blew himself up in the lobby of an aid office in Islamabad, killing "
     "five staff members, four Pakistanis and an Iraqi.", "pakistanis"),
    ("Gunmen opened fire on tourists in Bamyan, killing three Spaniards and three Afghans.",
     "afghans"),
    ("A bomb exploded near a bus in Kandahar, killing six Afghans.", "afghans"),
])
def test_a_states_nationals_are_a_population(extractor, text, victim):
    rec = record(extractor, text)
    targets = _targets(rec)
    assert victim in targets
    states = {e.name.casefold() for e in rec.entities if e.type == EntityType.STATE}
    assert not states & set(targets)


@pytest.mark.parametrize("text, target", [
    ("A suicide bomber struck the base in Khost, killing seven employees of the Central "
     "Intelligence Agency.", "central intelligence agency"),
    ("A bomb went off at a rally in Bajaur, killing twelve members of the Awami National "
     "Party.", "awami national party"),
    ("The blast at the airport killed 13 US service members and dozens of Afghans.",
     "us service members"),
])
def test_whom_the_victims_belong_to(extractor, text, target):
    assert target in _targets(record(extractor, text))


# -- what went off, where the parser hangs the verb from the weapons -----------------------

@pytest.mark.parametrize("text, weapons", [
    ("On 8 May 2021, a vehicle-borne explosive device and two improvised explosive devices "
     "detonated at the gate of a girls' school in Kabul.", {"vbied", "ied"}),
    ("On 3 June 2019, two improvised explosive devices planted near a mosque exploded in "
     "Kabul.", {"ied"}),
    ("On 5 May 2020, a car bomb and a roadside bomb exploded near a police post in Bannu.",
     {"vbied", "ied"}),
])
def test_the_weapons_that_went_off(extractor, text, weapons):
    assert weapons <= _uses(record(extractor, text))


# -- "a police guard" is people, not the police force the word "police" resolves to -------

@pytest.mark.parametrize("text, victim", [
    ("Gunmen killed two police constables in Peshawar on Monday.", "police constables"),
    ("Militants shot dead a police guard outside a bank in Quetta.", "police guard"),
    ("A bomb killed three police officers near a checkpoint in Bannu.", "police officers"),
])
def test_police_people_keep_their_name(extractor, text, victim):
    targets = _targets(record(extractor, text))
    assert victim in targets
    assert targets[victim]["target_type"] == "police"


@pytest.mark.parametrize("text", [
    "Militants stormed a police station in Bannu on Monday, killing three policemen. The "
    "army put the number of militants killed at 20.",
    "Gunmen ambushed a convoy in Kurram, killing two soldiers. The toll of the attackers "
    "killed rose to 6.",
    "Insurgents attacked a checkpoint in Tank, killing a constable. Officials put the number "
    "of insurgents killed at nine.",
])
def test_a_toll_of_the_attackers_counts_no_victims(extractor, text):
    counts = [q.get("killed") for q in _targets(record(extractor, text)).values()]
    assert not {20, 6, 9} & set(counts)


# -- "22 dead and 22 wounded, most of them students": the closer name counts --------------

@pytest.mark.parametrize("text, victim, quality, count", [
    ("Three gunmen stormed the university in Kabul on Monday. A spokesman put the toll at "
     "22 dead and 22 wounded, most of them students.", "students", "killed", 22),
    ("Gunmen attacked a school in Peshawar, killing 140, most of them children.",
     "children", "killed", 140),
    ("A bomb exploded at a market in Parachinar. Officials put the toll at 30 dead, most of "
     "them shoppers.", "shoppers", "killed", 30),
])
def test_a_bare_count_named_more_closely(extractor, text, victim, quality, count):
    targets = _targets(record(extractor, text))
    assert targets[victim][quality] == count
    assert not any(k in targets and "killed" in targets[k] for k in ("university", "school",
                                                                     "market"))
