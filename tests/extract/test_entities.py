"""Entities: pack names in every spelling and script, acronyms, demonyms, capabilities,
populations, events and unknown names, each actor one entity with all its mentions."""

from __future__ import annotations

import pytest
from claimrows import (
    ARMY,
    BLA,
    CHINESE,
    FC,
    ISKP,
    TTP,
    affirmed,
    claims,
    entity,
    mention_texts,
    negated,
    record,
    rows,
)

from threatnet.model import EntityType

# -- transliteration variants of pack names -------------------------------------

@pytest.mark.parametrize(("text", "written", "pack_id", "claim"), [
    ("Tehreek-e-Taliban Pakistan attacked Chinese engineers near Dasu.",
     "Tehreek-e-Taliban Pakistan", "ttp", affirmed(TTP, "attacks", CHINESE)),
    ("Tehrik-e-Taliban Pakistan fighters ambushed a Frontier Corps convoy in Kurram.",
     "Tehrik-e-Taliban Pakistan", "ttp", affirmed(TTP, "attacks", FC)),
    ("Tehreek-i-Taliban Pakistan attacked the Frontier Corps.",
     "Tehreek-i-Taliban Pakistan", "ttp", affirmed(TTP, "attacks", FC)),
    ("The Pakistani Taliban attacked the Frontier Corps.",
     "Pakistani Taliban", "ttp", affirmed(TTP, "attacks", FC)),
    ("The Baluchistan Liberation Army attacked the Frontier Corps.",
     "Baluchistan Liberation Army", "bla", affirmed(BLA, "attacks", FC)),
])
def test_transliteration_variants_link_to_the_pack(extractor, text, written, pack_id, claim):
    rec = record(extractor, text)
    ent = entity(rec, claim.subject)
    assert ent.pack_id == pack_id
    assert ent.type == EntityType.ARMED_GROUP
    assert mention_texts(ent) == [written]
    assert claim in rows(rec)


def test_pakistani_taliban_is_not_the_state(extractor):
    rec = record(extractor, "The Pakistani Taliban attacked the Frontier Corps.")
    assert all(e.name != "Pakistan" for e in rec.entities)


# -- acronyms ------------------------------------------------------------------

@pytest.mark.parametrize(("text", "claim"), [
    ("TTP militants attacked the Pakistan Army in Bajaur.", affirmed(TTP, "attacks", ARMY)),
    ("JeM militants attacked the CRPF.",
     affirmed("Jaish-e-Mohammed", "attacks", "Central Reserve Police Force")),
    ("LeT operatives attacked Indian security forces in Kashmir.",
     affirmed("Lashkar-e-Taiba", "attacks", "Indian security forces")),
])
def test_acronyms_match(extractor, text, claim):
    assert claim in claims(extractor, text)


@pytest.mark.parametrize("text", [
    "the ttp attacked the Frontier Corps.",
    "The Ttp attacked the Frontier Corps.",
    "the bla attacked the Frontier Corps.",
    "iskp attacked the Taliban.",
])
def test_acronyms_are_case_sensitive(extractor, text):
    rec = record(extractor, text)
    assert {e.pack_id for e in rec.entities} & {"ttp", "bla", "iskp"} == set()
    assert not any(c.predicate == "attacks" for c in rec.claims)


def test_acronym_defined_in_text_becomes_alias_of_unknown_group(extractor):
    text = ("The Baloch Students Resistance Front (BSRF) emerged in 2021. "
            "The BSRF attacked Punjabi settlers in Kech.")
    rec = record(extractor, text)
    ent = entity(rec, "Baloch Students Resistance Front")
    assert ent.pack_id is None
    assert ent.type == EntityType.ARMED_GROUP
    assert "BSRF" in ent.aliases
    assert mention_texts(ent) == ["Baloch Students Resistance Front", "BSRF", "BSRF"]
    assert [e for e in rec.entities if e.name == "BSRF"] == []
    assert affirmed("Baloch Students Resistance Front", "attacks", "Punjabi settlers") \
        in rows(rec)


# -- possessives and demonyms ---------------------------------------------------

@pytest.mark.parametrize(("text", "claim"), [
    ("The BLA's fighters attacked the Frontier Corps.", affirmed(BLA, "attacks", FC)),
    ("The Taliban's government hosts the TTP.", affirmed("Taliban", "supports", TTP)),
])
def test_possessive_names_the_actor(extractor, text, claim):
    assert claim in claims(extractor, text)


def test_demonym_of_a_source_is_the_state(extractor):
    text = "Pakistani officials accused the TTP of attacking Chinese nationals."
    rec = record(extractor, text)
    pakistan = entity(rec, "Pakistan")
    assert pakistan.type == EntityType.STATE
    assert pakistan.pack_id == "pakistan"
    assert mention_texts(pakistan) == ["Pakistani"]
    assert rows(rec) == [affirmed(TTP, "attacks", CHINESE, "alleged", "Pakistani officials")]
    assert rec.to_dict()["claims"][0]["source_entity"] == pakistan.id


def test_afghan_officials_deny(extractor):
    rec = record(extractor, "Afghan officials denied that the Taliban shelter the TTP.")
    assert mention_texts(entity(rec, "Afghanistan")) == ["Afghan"]
    assert rows(rec) == [negated("Taliban", "supports", TTP, "reported", "Afghan officials")]


# -- capabilities: the text's words, the taxonomy's kind -------------------------

@pytest.mark.parametrize(("text", "name", "kind", "subject", "predicate"), [
    ("The BLA has acquired weaponised quadcopters.", "weaponised quadcopters", "quadcopter",
     BLA, "possesses"),
    ("The TTP possesses weaponized drones.", "weaponized drones", "armed_drone",
     TTP, "possesses"),
    ("The BLA possesses quadcopter drones.", "quadcopter drones", "quadcopter",
     BLA, "possesses"),
    ("The TTP acquired armed UAVs.", "armed UAVs", "armed_drone", TTP, "possesses"),
    ("The TTP acquired kamikaze drones.", "kamikaze drones", "loitering_munition",
     TTP, "possesses"),
    ("The BLA acquired Dushka anti-aircraft guns.", "Dushka anti-aircraft guns",
     "anti_aircraft_gun", BLA, "possesses"),
    ("The TTP has acquired night-vision goggles.", "night-vision goggles", "night_vision",
     TTP, "possesses"),
    ("ISKP uses suicide bombers.", "suicide bombers", "suicide_bombing", ISKP, "uses"),
    ("The BLA used quadcopters against the Frontier Corps.", "quadcopters", "quadcopter",
     BLA, "uses"),
])
def test_capability_keeps_text_words_and_kind(extractor, text, name, kind, subject, predicate):
    rec = record(extractor, text)
    cap = entity(rec, name)
    assert cap.type == EntityType.CAPABILITY
    assert cap.kind == kind
    assert mention_texts(cap) == [name]
    assert affirmed(subject, predicate, name) in rows(rec)


def test_two_capabilities_in_a_conjunction(extractor):
    rec = record(extractor, "The TTP has acquired night-vision goggles and heavy weapons.")
    assert entity(rec, "heavy weapons").kind == "heavy_weapon"
    assert rows(rec) == [affirmed(TTP, "possesses", "night-vision goggles"),
                         affirmed(TTP, "possesses", "heavy weapons")]


def test_demonym_inside_capability_phrase_is_not_part_of_its_name(extractor):
    rec = record(extractor, "The TTP possesses American M4 rifles.")
    assert entity(rec, "M4 rifles").kind == "assault_rifle"
    assert rows(rec) == [affirmed(TTP, "possesses", "M4 rifles")]


# -- populations ------------------------------------------------------------------

@pytest.mark.parametrize(("text", "written", "name", "claim"), [
    ("The BLA targeted Chinese workers in Gwadar.", "Chinese workers", CHINESE,
     affirmed(BLA, "targets", CHINESE)),
    ("Chinese engineers were targeted by the BLA.", "Chinese engineers", CHINESE,
     affirmed(BLA, "targets", CHINESE)),
    ("The BLA killed Punjabi labourers in Kech.", "Punjabi labourers", "Punjabi settlers",
     affirmed(BLA, "attacks", "Punjabi settlers")),
    ("The TTP attacked polio workers in Bajaur.", "polio workers", "polio workers",
     affirmed(TTP, "attacks", "polio workers")),
])
def test_populations(extractor, text, written, name, claim):
    rec = record(extractor, text)
    pop = entity(rec, name)
    assert pop.type == EntityType.POPULATION
    assert mention_texts(pop) == [written]
    assert claim in rows(rec)
    assert all(e.type != EntityType.STATE for e in rec.entities)  # "Chinese" is no state here


# -- other scripts -------------------------------------------------------------------

@pytest.mark.parametrize(("text", "written", "claim"), [
    ("ٹی ٹی پی attacked the Pakistan Army in Bannu.", "ٹی ٹی پی",
     affirmed(TTP, "attacks", ARMY)),
    ("بی ایل اے attacked the Frontier Corps.", "بی ایل اے", affirmed(BLA, "attacks", FC)),
    ("طالبان support the TTP.", "طالبان", affirmed("Taliban", "supports", TTP)),
])
def test_urdu_script_aliases(extractor, text, written, claim):
    rec = record(extractor, text)
    assert mention_texts(entity(rec, claim.subject)) == [written]
    assert claim in rows(rec)


# -- one entity per actor ------------------------------------------------------------

def test_one_entity_per_actor_with_all_mentions(extractor):
    text = ("The TTP attacked the Frontier Corps. The TTP later attacked the Pakistan Army. "
            "Tehreek-e-Taliban Pakistan fighters also attacked the CTD.")
    rec = record(extractor, text)
    ttp = entity(rec, TTP)
    assert mention_texts(ttp) == ["TTP", "TTP", "Tehreek-e-Taliban Pakistan"]
    assert [m.start for m in ttp.mentions] == sorted(m.start for m in ttp.mentions)
    assert all(text[m.start:m.end] == m.text for m in ttp.mentions)
    assert rows(rec) == [affirmed(TTP, "attacks", FC), affirmed(TTP, "attacks", ARMY),
                         affirmed(TTP, "attacks", "Counter Terrorism Department")]


# -- named events -------------------------------------------------------------------

@pytest.mark.parametrize(("text", "event", "pack_id", "claim"), [
    ("The BLA carried out the Quetta bombing.", "Quetta bombing", None,
     affirmed(BLA, "perpetrated", "Quetta bombing")),
    ("The BLA carried out the Turbat attack.", "Turbat attack", None,
     affirmed(BLA, "perpetrated", "Turbat attack")),
    ("Jaish-e-Mohammed perpetrated the Pulwama attack.", "Pulwama attack", "pulwama_attack",
     affirmed("Jaish-e-Mohammed", "perpetrated", "Pulwama attack")),
    ("The BLA claimed responsibility for the Quetta bombing.", "Quetta bombing", None,
     affirmed(BLA, "perpetrated", "Quetta bombing", "alleged", "The BLA")),
])
def test_named_events(extractor, text, event, pack_id, claim):
    rec = record(extractor, text)
    ev = entity(rec, event)
    assert ev.type == EntityType.EVENT
    assert ev.pack_id == pack_id
    # (round six: an event named after its place occurred there)
    assert [r for r in rows(rec) if r.predicate != "occurred_in"] == [claim]
    assert [r.triple for r in rows(rec) if r.predicate == "occurred_in"] == [
        (event, "occurred_in", event.split()[0])]


# -- names the pack does not know ---------------------------------------------------

@pytest.mark.parametrize(("text", "person", "claim"), [
    ("Abdul Wali Marwat, a TTP commander, was killed in Bajaur.", "Abdul Wali Marwat",
     affirmed("Abdul Wali Marwat", "member_of", TTP)),
    ("Zahid Hussain Marwat leads the TTP in Bannu.", "Zahid Hussain Marwat",
     affirmed("Zahid Hussain Marwat", "leads", TTP)),
    ("Security officials said Rahimullah Noorzai met TTP commanders.", "Rahimullah Noorzai",
     affirmed("Rahimullah Noorzai", "meets_with", TTP, "reported", "Security officials")),
])
def test_unknown_person_names(extractor, text, person, claim):
    rec = record(extractor, text)
    ent = entity(rec, person)
    assert ent.type == EntityType.PERSON
    assert ent.pack_id is None
    assert claim in rows(rec)


def test_known_person_links_to_pack(extractor):
    rec = record(extractor, "The JeM chief, Masood Azhar, praised the attack.")
    assert entity(rec, "Masood Azhar").pack_id == "masood_azhar"
    assert rows(rec) == [affirmed("Masood Azhar", "leads", "Jaish-e-Mohammed")]


def test_conjoined_ethnic_adjectives_name_one_population_and_no_state(extractor):
    rec = record(extractor, "ISKP recruits among Tajik and Uzbek communities.")
    kinds = {(e.name, e.type) for e in rec.entities}
    assert ("Tajik and Uzbek communities", EntityType.POPULATION) in kinds
    assert not [n for n, t in kinds if t == EntityType.STATE]


def test_words_spelling_out_an_acronym_are_one_organisation_over_a_place(extractor):
    rows = claims(extractor, "The Tehreek-e-Labbaik Pakistan (TLP) staged protests in Lahore. "
                             "Its chief, Saad Rizvi, was arrested in 2021.")
    assert ("Saad Rizvi", "leads", "Tehreek-e-Labbaik Pakistan") in [r.triple for r in rows]
    assert not [r for r in rows if r.object == "Pakistan"]


def test_an_organisation_named_around_a_known_place_is_one_organisation(extractor):
    rec = record(extractor, "The Pakistan Peoples Party won the election in Sindh.")
    kinds = {(e.name, e.type) for e in rec.entities}
    assert ("Pakistan Peoples Party", EntityType.ORGANIZATION) in kinds
    assert not [n for n, t in kinds if t == EntityType.STATE]
