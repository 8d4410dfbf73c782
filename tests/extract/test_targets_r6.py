"""Targets and weapons, round six: each family tried in three phrasings of our own — the
weapon a deed's verb or its doers' words name, a vehicle bomb the parser splits, and
what a bomb went off beside."""

from __future__ import annotations

import pytest
from claimrows import record

from threatnet.extract.incident_targets import _number, target_words
from threatnet.model import EntityType, ExtractionRecord


def _facts(rec: ExtractionRecord, predicate: str) -> list[tuple[str, dict]]:
    names = {e.id: e.name for e in rec.entities}
    events = {e.id for e in rec.entities if e.type == EntityType.EVENT}
    return [(names[c.object], c.qualifiers) for c in rec.claims
            if c.predicate == predicate and c.subject in events]


def _targets(rec: ExtractionRecord) -> set[str]:
    return {name.casefold() for name, _ in _facts(rec, "targets")}


def _uses(rec: ExtractionRecord) -> set[str]:
    kinds = {e.name: e.kind for e in rec.entities}
    return {kinds[name] for name, _ in _facts(rec, "uses")}


# -- the word lists live in data/target_words.yaml ------------------------------------

def test_number_words_come_from_the_data_file():
    assert target_words().numbers["dozen"] == 12
    assert _number("twenty-three") == 23
    assert _number("two-dozen") == 24
    assert "himself" in target_words().selves


# -- a shooting is carried out with small arms, however the doers are named ------------

@pytest.mark.parametrize("text", [
    "Militants shot twelve passengers dead near Gwadar on Tuesday.",
    "Two men on a motorbike shot a police constable in Peshawar on Friday.",
    "Unidentified assailants shot dead a tribal elder in North Waziristan on Sunday.",
])
def test_a_shooting_uses_small_arms(extractor, text):
    assert "small_arms" in _uses(record(extractor, text))


def test_a_shot_down_aircraft_is_no_small_arms_fire(extractor):
    rec = record(extractor, "Insurgents shot down an army helicopter with a missile in "
                            "Kech on Monday.")
    assert "small_arms" not in _uses(rec)


# -- the doers' arms: "armed with rifles", "carrying pistols" ---------------------------

@pytest.mark.parametrize("text, node", [
    ("Assailants armed with rifles and grenades stormed a police station in Tank on "
     "Monday.", "small_arms"),
    ("Four attackers carrying pistols raided a checkpoint in Khyber on Sunday.",
     "small_arms"),
    ("Militants with automatic rifles attacked a convoy in Kurram on Thursday.",
     "small_arms"),
])
def test_the_doers_arms_are_the_weapon(extractor, text, node):
    assert node in _uses(record(extractor, text))


# -- a vehicle packed with explosives, however the parser hangs the deed ---------------

@pytest.mark.parametrize("text", [
    "A water tanker packed with explosives detonated near the embassy in Kabul on "
    "Wednesday.",
    "A pickup loaded with explosives exploded near a market in Bannu on Friday.",
    "A minivan rigged with explosives blew up beside a checkpost in Lakki Marwat on "
    "Sunday.",
])
def test_a_loaded_vehicle_is_a_vehicle_bomb(extractor, text):
    assert "vbied" in _uses(record(extractor, text))


# -- what a bomb went off beside: the thing, or the people it carried --------------------

@pytest.mark.parametrize("text, target", [
    ("A bomb went off beside a car carrying Senator Hafiz Hamdullah in Mastung on "
     "Friday.", "hafiz hamdullah"),
    ("A roadside bomb exploded beside a police van in Quetta on Monday.", "police van"),
    ("A suicide bomber blew himself up beside a police vehicle parked outside the shrine "
     "in Lahore on Wednesday.", "police vehicle"),
])
def test_what_a_bomb_went_off_beside_is_struck(extractor, text, target):
    assert target in _targets(record(extractor, text))


def test_a_split_vehicle_bomb_is_named_by_its_own_words(extractor):
    rec = record(extractor, "A water-tanker packed with explosives detonated near Zanbaq "
                            "Square in Kabul on Wednesday, killing 90 people.")
    bomb = next(e for e in rec.entities if e.kind == "vbied")
    assert "water-tanker packed with explosives" in {m.text for m in bomb.mentions}


# -- "people" killed where the text names them no closer: the civilians, as incident
# databases name them, with the text's words kept as its mention ------------------------

@pytest.mark.parametrize("text, count", [
    ("A bomb exploded at a vegetable market in Parachinar on Friday, killing 23 people.", 23),
    ("Officials said at least 40 people died when a car bomb went off outside a bank in "
     "Kandahar.", 40),
    ("A blast ripped through a crowded bus stand in Quetta, killing nine people and "
     "wounding 30.", 9),
])
def test_people_killed_are_named_civilians(extractor, text, count):
    rec = record(extractor, text)
    killed = {name.casefold(): q.get("killed") for name, q in _facts(rec, "targets")
              if q.get("killed")}
    assert killed.get("civilians") == count, killed
    victims = next(e for e in rec.entities if e.name == "civilians")
    assert any("people" in m.text for m in victims.mentions)


def test_a_closer_name_still_wins_over_civilians(extractor):
    rec = record(extractor, "Gunmen opened fire on worshippers at a mosque in Quetta on "
                            "Friday, killing twelve people.")
    assert "worshippers" in _targets(rec)
    assert "civilians" not in _targets(rec)


# -- every coordinated thing a deed struck: "a police station and a checkpoint", "on a
# bus …, and on a police post nearby" ----------------------------------------------------

@pytest.mark.parametrize("text, both", [
    ("Militants attacked a police station and a checkpoint in Bannu on Monday.",
     {"police station", "checkpoint"}),
    ("Gunmen opened fire on a passenger bus, and on a police post nearby, in Anantnag on "
     "Monday.", {"passenger bus", "police post"}),
    ("Insurgents fired rockets at an army camp and at a police station in Kech on Sunday.",
     {"army camp", "police station"}),
    ("A suicide bomber struck a mosque and a market in Quetta on Friday.",
     {"mosque", "market"}),
])
def test_coordinated_targets_are_each_struck(extractor, text, both):
    assert both <= _targets(record(extractor, text))


def test_a_place_coordinated_with_the_place_of_a_target_is_no_target(extractor):
    rec = record(extractor, "Militants attacked a police station in Bannu and Lakki Marwat "
                            "on Monday.")
    assert "lakki marwat" not in _targets(rec)



# -- a bomber who set off his bomb in a place struck the place ----------------------------

@pytest.mark.parametrize("text, target", [
    ("An attacker detonated his explosive vest in a crowded vegetable market in Peshawar "
     "on Wednesday, killing 20 people.", "vegetable market"),
    ("A suicide bomber blew himself up in a mosque in Quetta during Friday prayers.",
     "mosque"),
    ("A teenage bomber set off his explosives in a passenger van in Kurram on Monday.",
     "passenger van"),
])
def test_a_bomb_in_a_place_struck_it(extractor, text, target):
    assert any(t.endswith(target) for t in _targets(record(extractor, text)))


def test_a_bomb_that_exploded_in_a_place_only_says_where(extractor):
    rec = record(extractor, "A water tanker packed with explosives blew up in a crowded "
                            "market in Quetta on Monday.")
    assert not any(t.endswith("market") for t in _targets(rec))


def test_a_bomb_in_a_town_strikes_no_town(extractor):
    rec = record(extractor, "A suicide bomber blew himself up in Peshawar on Monday, "
                            "killing two people.")
    assert "peshawar" not in _targets(rec)


# -- the people counted where a community's place was struck are that community ----------

@pytest.mark.parametrize("text, community, count", [
    ("A suicide bomber struck a Shia mosque in Kunduz on Friday, killing 46 people.",
     "shia", 46),
    ("Gunmen attacked a Sikh temple in Kabul on Saturday, killing 25 people.", "sikh", 25),
    ("A bomb exploded at a Hazara school in Quetta on Monday. At least 30 people were "
     "killed.", "hazara", 30),
])
def test_people_killed_at_a_community_place_are_the_community(extractor, text, community,
                                                               count):
    rec = record(extractor, text)
    killed = {name.casefold(): q.get("killed") for name, q in _facts(rec, "targets")
              if q.get("killed")}
    assert any(name.startswith(community) and n == count for name, n in killed.items()), \
        killed


def test_people_the_sentence_shows_there_win_over_the_community(extractor):
    rec = record(extractor, "Two attackers blew themselves up outside a Christian church in "
                            "Lahore as worshippers left the morning service, killing 20 "
                            "people.")
    killed = {name.casefold(): q.get("killed") for name, q in _facts(rec, "targets")
              if q.get("killed")}
    assert killed.get("worshippers") == 20, killed


# -- "X was the target", "its target was the army": the text naming the target outright ---

@pytest.mark.parametrize("text, target", [
    ("A suicide bomber blew himself up near a police van outside the shrine in Lahore on "
     "Wednesday, killing ten people. The van was the target, officials said.", "van"),
    ("Gunmen attacked a convoy in Kurram on Friday. Police said the provincial minister "
     "Ahmed Ali Khan was the target.", "ahmed ali khan"),
    ("Militants ambushed a convoy in Kech on Monday. The group later said its target was "
     "the army.", "army"),
])
def test_the_target_named_outright(extractor, text, target):
    assert target in _targets(record(extractor, text))


def test_a_target_named_with_no_incident_told_is_no_incident_claim(extractor):
    rec = record(extractor, "For a decade the group's main target has been the police.")
    assert not _targets(rec)


def test_a_target_denied_is_not_struck(extractor):
    rec = record(extractor, "Militants ambushed a convoy in Kech on Monday. The group said "
                            "the army was not its target.")
    assert "army" not in _targets(rec)


def test_a_target_named_by_a_speaker_is_reported(extractor):
    rec = record(extractor, "Gunmen attacked a convoy in Kurram on Friday. Police said the "
                            "provincial minister Ahmed Ali Khan was the target.")
    names = {e.id: e.name for e in rec.entities}
    claim = next(c for c in rec.claims if c.predicate == "targets" and
                 names[c.object] == "Ahmed Ali Khan")
    assert claim.modality.value == "reported"
    assert claim.source is not None and "Police" in claim.source.text


def test_one_of_its_fighters_set_off_the_bomb(extractor):
    rec = record(extractor, "The group said one of its fighters detonated his explosive "
                            "vest in a gathering of party workers in Khar on Sunday.")
    assert any("gathering" in t or "workers" in t for t in _targets(rec))


# -- work crews are people struck at their work ---------------------------------------------

@pytest.mark.parametrize("text, target", [
    ("Insurgents of the Balochistan Liberation Front have often ambushed road crews in "
     "Kech.", "road crews"),
    ("Militants attacked a construction crew on the coastal highway near Pasni on Monday.",
     "construction crew"),
    ("Gunmen ambushed a survey crew of the gas company in Dera Bugti on Friday.",
     "survey crew"),
])
def test_work_crews_are_targets(extractor, text, target):
    rec = record(extractor, text)
    names = {e.id: e.name.casefold() for e in rec.entities}
    objects = {names[c.object] for c in rec.claims if c.predicate in ("targets", "attacks")}
    assert any(o.endswith(target) for o in objects), objects


# -- firing on someone, with no weapon named, is small-arms fire --------------------------

@pytest.mark.parametrize("text", [
    "Unknown motorcyclists fired upon a police patrol in Karachi on Monday.",
    "Assailants fired on a police van escorting a polio team in Bajaur on Tuesday.",
    "Militants fired at a checkpoint in North Waziristan on Sunday, wounding two soldiers.",
])
def test_firing_on_someone_uses_small_arms(extractor, text):
    assert "small_arms" in _uses(record(extractor, text))


def test_firing_rockets_is_no_small_arms_fire(extractor):
    rec = record(extractor, "Insurgents fired rockets at an army camp in Kech on Sunday.")
    assert "small_arms" not in _uses(rec)


def test_what_was_fired_upon_is_struck(extractor):
    rec = record(extractor, "Unknown motorcyclists fired upon a police patrol in Karachi on "
                            "Monday.")
    assert "police patrol" in _targets(rec)
