"""Entity families of unseen reporting styles: names the pack lacks recognised by their
shape, transliterations linked to the pack, and capitalised noise that names nothing.
Each family is checked on several phrasings written for these tests."""

from __future__ import annotations

from collections import defaultdict

import pytest
from claimrows import record

from threatnet.extract.aliases import AliasMatcher, is_acronym, word_key
from threatnet.model import EntityType
from threatnet.resolve.pack import database_label, load_actor_pack


def _by_name(rec):
    return {e.name: e for e in rec.entities}


# -- 1. organisations the pack does not know, by the shape of their names ---------

@pytest.mark.parametrize(("text", "name", "etype"), [
    ("Jaish-e-Fursan-e-Muhammad fighters ambushed a convoy near Miranshah.",
     "Jaish-e-Fursan-e-Muhammad", EntityType.ARMED_GROUP),
    ("Police blamed Lashkar-e-Khorasan-e-Islami for the blast in Tank.",
     "Lashkar-e-Khorasan-e-Islami", EntityType.ARMED_GROUP),
    ("Tehreek-e-Azadi Jammu Kashmir said it had carried out the ambush.",
     "Tehreek-e-Azadi Jammu Kashmir", EntityType.ORGANIZATION),
    ("Hizb-ut-Tahrir distributed leaflets outside mosques in Lahore.",
     "Hizb-ut-Tahrir", EntityType.ORGANIZATION),
    ("A statement from Tanzeem-ul-Mujahideen Waziristan threatened the police.",
     "Tanzeem-ul-Mujahideen Waziristan", EntityType.ARMED_GROUP),
])
def test_militant_morphology_makes_an_organisation(extractor, text, name, etype):
    ent = _by_name(record(extractor, text)).get(name)
    assert ent is not None, [e.name for e in record(extractor, text).entities]
    assert ent.type == etype
    assert ent.pack_id is None


@pytest.mark.parametrize(("text", "name"), [
    ("The Kashmir Tigers claimed an ambush on soldiers in Doda.", "Kashmir Tigers"),
    ("Leaders of the Sindhudesh Liberation Army were arrested in Hyderabad.",
     "Sindhudesh Liberation Army"),
    ("The Makran Brigade said its fighters had blown up a gas pipeline.", "Makran Brigade"),
])
def test_armed_name_heads_are_no_persons_or_places(extractor, text, name):
    ent = _by_name(record(extractor, text)).get(name)
    assert ent is not None, [e.name for e in record(extractor, text).entities]
    assert ent.type == EntityType.ARMED_GROUP


@pytest.mark.parametrize(("text", "name"), [
    ("Fighters loyal to the Sajna faction clashed with Mehsud tribesmen.", "Sajna faction"),
    ("The Shehryar Mehsud faction rejected the ceasefire.", "Shehryar Mehsud faction"),
    ("The Kohat chapter of the TTP claimed the attack on a polio team.", "Kohat chapter"),
    ("Commanders of the Mangal Bagh group crossed into Nangarhar.", "Mangal Bagh group"),
])
def test_a_faction_named_after_a_person_or_place(extractor, text, name):
    rec = record(extractor, text)
    ent = _by_name(rec).get(name)
    assert ent is not None, [e.name for e in rec.entities]
    assert ent.type == EntityType.ARMED_GROUP


@pytest.mark.parametrize(("text", "name"), [
    ("The Punjab chapter of the Jamaat-e-Islami elected a new chief.", "Punjab chapter"),
    ("The Jang Group and the Dawn Media Group reported the attack.", "Jang Group"),
    ("The Karachi wing of Tehreek-e-Labbaik Pakistan called a strike.", "Karachi wing"),
])
def test_a_faction_of_a_party_is_no_armed_group(extractor, text, name):
    ent = _by_name(record(extractor, text)).get(name)
    assert ent is not None, [e.name for e in record(extractor, text).entities]
    assert ent.type == EntityType.ORGANIZATION


@pytest.mark.parametrize("text", [
    "The BLA is not the only armed Baloch group in the province.",
    "Police said a Punjabi group had rented the house.",
    "Another Afghan faction rejected the deal.",
])
def test_a_described_group_is_no_name(extractor, text):
    rec = record(extractor, text)
    assert not any(e.name.endswith(("group", "faction")) for e in rec.entities), \
        [e.name for e in rec.entities]


@pytest.mark.parametrize(("text", "name"), [
    ("The Punjabi Taliban moved their fighters into Afghanistan.", "Punjabi Taliban"),
    ("Asmatullah Muawiya, the chief of the Punjabi Taliban, surrendered in 2014.",
     "Punjabi Taliban"),
    ("The Kurram Taliban and the Orakzai Taliban fought each other.", "Kurram Taliban"),
])
def test_a_regional_movement_is_its_own_group(extractor, text, name):
    rec = record(extractor, text)
    ent = _by_name(rec).get(name)
    assert ent is not None and ent.type == EntityType.ARMED_GROUP, \
        [e.name for e in rec.entities]
    assert ent.pack_id is None


@pytest.mark.parametrize(("text", "pack_id"), [
    ("The Pakistani Taliban claimed the attack.", "ttp"),
    ("The Afghan Taliban denied it.", "taliban"),
    ("Pakistan Taliban fighters attacked a post.", "taliban"),
])
def test_a_state_before_a_movement_keeps_the_pack_reading(extractor, text, pack_id):
    rec = record(extractor, text)
    assert any(e.pack_id == pack_id for e in rec.entities)
    assert not any(e.type == EntityType.ARMED_GROUP and e.pack_id is None
                   for e in rec.entities)


@pytest.mark.parametrize("text", [
    "The Khorasan branch of Daesh claimed the bombing.",
    "Surviving members may drift towards the Islamic State's Khorasan branch.",
    "The Khorasan chapter of the Islamic State recruited in Kunar.",
    "The Swat chapter of the TTP claimed the attack on a polio team.",
])
def test_a_pack_groups_branch_links_to_the_pack(extractor, text):
    """The phrase names the pack's branch (a child entry of the group with its words)."""
    rec = record(extractor, text)
    pack = load_actor_pack()
    branch = [e for e in rec.entities if e.pack_id and pack.get(e.pack_id).parent]
    assert branch and branch[0].mentions[0].text.split()[0] in ("Khorasan", "Swat"), \
        [e.name for e in rec.entities]
    assert not any(e.pack_id is None and e.type == EntityType.ARMED_GROUP
                   for e in rec.entities)


# -- 2. transliteration variants link to the pack ----------------------------------

@pytest.mark.parametrize(("text", "pack_id"), [
    ("Hakeemullah Mehsud was killed in a drone strike.", "hakimullah_mehsud"),
    ("Ehsanullah Ehsan, the spokesman, claimed the attack.", "ihsanullah_ihsan"),
    ("Tahreek-e-Taliban Pakistan claimed the attack.", "ttp"),
    ("Hizb-ul-Mujahideen fighters were killed in Sopore.", "hizbul_mujahideen"),
    ("Jamaatul Ahrar claimed the bombing.", "jamaat_ul_ahrar"),
    ("Mullah Mohammad Omar led the movement until his death.", "mullah_omar"),
    ("Al-Qaida in the Indian Subcontinent praised the attack.", "aqis"),
    ("Lashkar-e-Tayyaba was listed in 2001.", "lashkar_e_taiba"),
    ("Jaish-i-Muhammad was listed in 2001.", "jem"),
    ("Sipah-i-Sahaba Pakistan was banned in 2002.", "ssp"),
    ("Tehrik-e-Nafaz-e-Shariat-e-Muhammadi was banned in 2002.", "tnsm"),
])
def test_spelling_variants_link_to_the_pack(extractor, text, pack_id):
    rec = record(extractor, text)
    assert any(e.pack_id == pack_id for e in rec.entities), \
        [(e.name, e.pack_id) for e in rec.entities]


@pytest.mark.parametrize(("text", "written"), [
    ("Al-Qaeda praised the attack.", "Al-Qaeda"),
    ("Fighters of al-Qaida trained there.", "al-Qaida"),
    ("He met al Qaeda envoys.", "al Qaeda"),
])
def test_the_arabic_article_is_part_of_the_mention(extractor, text, written):
    rec = record(extractor, text)
    ent = next(e for e in rec.entities if e.pack_id == "al_qaeda")
    assert [m.text for m in ent.mentions] == [written]


@pytest.mark.parametrize("text", [
    "Abu Omar Khorasani was killed in Kabul.",
    "Abu Umar Khorasani was arrested by the Taliban.",
    "The ISKP chief Abu Omar Khorasani was detained.",
])
def test_a_kunya_makes_another_person(extractor, text):
    rec = record(extractor, text)
    assert not any(e.pack_id == "muhammad_umar_khorasani" for e in rec.entities)


def test_no_two_pack_entries_share_a_lookup_key(extractor):
    """The transliteration keys must never merge two different pack entries."""
    pack = load_actor_pack()
    tokenize = extractor.nlp.tokenizer
    owners: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for entry in pack.entries.values():
        for name in entry.names():
            name = database_label(name) or name
            if is_acronym(name):
                continue
            tokens = [t.text for t in tokenize(name) if t.text.strip()]
            for key in AliasMatcher.keys(tokens, entry.type):
                owners[key].add(entry.id)
    shared = {k: v for k, v in owners.items() if len(v) > 1}
    assert not shared


def test_loose_keys_join_variants_but_not_different_names(extractor):
    tokenize = extractor.nlp.tokenizer

    def keys(name, etype=EntityType.PERSON):
        return set(AliasMatcher.keys([t.text for t in tokenize(name)], etype))

    assert keys("Muhammad Umar") & keys("Mohammed Omar")
    assert keys("Hakimullah") & keys("Hakeemullah")
    assert keys("Quetta Shura") & keys("Quetta Shoora")
    assert not keys("Hafiz Saeed") & keys("Hafiz Sayed Khan")
    assert not keys("Kurram", EntityType.LOCATION) & keys("Karam", EntityType.LOCATION)
    assert word_key("Qaeda") != word_key("Qaida")  # only the loose key joins them


# -- 3. capitalised noise that names nothing ---------------------------------------

@pytest.mark.parametrize(("text", "noise"), [
    ("OPINION | 14 November 2023\nThe Taliban have not kept their promise.", "OPINION"),
    ("FEATURE — 2 March 2024\nThe TTP split again in 2017.", "FEATURE"),
    ("ANALYSIS: Why the BLA is growing\nThe BLA attacked a convoy.", "ANALYSIS"),
    ("EXCLUSIVE-Taliban commanders met Chinese officials in Kabul.", "EXCLUSIVE"),
    ("WEEKLY SECURITY BRIEF: PAKISTAN\nThe TTP attacked a post in Bannu.",
     "WEEKLY SECURITY BRIEF"),
])
def test_kicker_headings_name_nothing(extractor, text, noise):
    rec = record(extractor, text)
    assert not any(noise in m.text for e in rec.entities for m in e.mentions), \
        [e.name for e in rec.entities]


@pytest.mark.parametrize(("text", "place"), [
    ("TURBAT (AFP): Gunmen killed four labourers in Kech district.", "Turbat"),
    ("QUETTA, Pakistan (Reuters) — A bomb exploded near a police van.", "Quetta"),
    ("PESHAWAR, Feb 2 (AP) - Militants attacked a checkpoint.", "Peshawar"),
])
def test_a_datelines_agency_is_no_actor_and_its_city_a_place(extractor, text, place):
    rec = record(extractor, text)
    names = _by_name(rec)
    assert not {"Agence France-Presse", "Reuters", "AP", "Associated Press"} & set(names)
    assert names[place].type == EntityType.LOCATION


def test_an_agency_named_in_the_story_stays(extractor):
    rec = record(extractor, "The Taliban told Reuters that the talks had failed.")
    assert "Reuters" in _by_name(rec)


@pytest.mark.parametrize(("text", "title"), [
    ("The Chargé d'Affaires of Afghanistan was summoned by the Foreign Office.",
     "Chargé d'Affaires"),
    ("The Station House Officer of Daraban was wounded in the attack.",
     "Station House Officer"),
    ("The Deputy Inspector General of Police visited the site in Bannu.",
     "Deputy Inspector General"),
])
def test_job_titles_are_no_entities(extractor, text, title):
    rec = record(extractor, text)
    assert not any(title.split()[0] in e.name for e in rec.entities), \
        [e.name for e in rec.entities]


@pytest.mark.parametrize(("text", "place"), [
    ("Residents of Mir Kalam Kalay said the drone struck a house.", "Mir Kalam Kalay"),
    ("Gunmen stormed a house in Allah Dino Goth on Sunday.", "Allah Dino Goth"),
    ("Troops cordoned off the village of Shah Wali Khel after the attack.",
     "Shah Wali Khel"),
])
def test_unknown_villages_are_places_not_persons(extractor, text, place):
    rec = record(extractor, text)
    assert not any(e.type == EntityType.PERSON and place.split()[-1] in e.name
                   for e in rec.entities), [(e.name, e.type) for e in rec.entities]


@pytest.mark.parametrize("text", [
    "An Afghan Local Police member was killed by the Taliban in Kunduz.",
    "Two Afghan Border Police officers were wounded.",
    "A Pakistani Rangers official said the TTP had carried out the attack.",
])
def test_a_nationality_opening_a_force_names_no_state(extractor, text):
    rec = record(extractor, text)
    assert not any(e.type == EntityType.STATE for e in rec.entities)


# -- 4. a bare "the army" is the army of the report's country -----------------------

@pytest.mark.parametrize(("text", "pack_id"), [
    ("Gunmen attacked a post in Bannu, Khyber Pakhtunkhwa. The army said four attackers "
     "were killed.", "pakistan_army"),
    ("A convoy was ambushed in Kech, Balochistan. According to the military's media wing, "
     "the assault was repulsed.", "pakistan_army"),
    ("The Indian Army said two militants were killed in Kupwara. The army later said a "
     "third had escaped.", "indian_army"),
])
def test_a_bare_army_is_the_reports_countrys(extractor, text, pack_id):
    rec = record(extractor, text)
    ent = next((e for e in rec.entities if e.pack_id == pack_id), None)
    assert ent is not None, [e.name for e in rec.entities]
    assert any(m.text in ("army", "military") for m in ent.mentions)


@pytest.mark.parametrize("text", [
    "The army said four attackers were killed.",  # no country named
    "Talks between Pakistan and Afghanistan stalled; the army was not consulted.",
    "Militants attacked an army camp in Bannu, Pakistan.",  # a modifier, not the army
])
def test_a_bare_army_without_a_clear_country_is_left_out(extractor, text):
    rec = record(extractor, text)
    assert not any(m.text in ("army", "military") for e in rec.entities for m in e.mentions)


# -- 5. a state's body written with the state's name or demonym ---------------------

@pytest.mark.parametrize(("text", "name", "etype"), [
    ("Aslam Farooqi was arrested by Afghan forces in April 2020.", "Afghan forces",
     EntityType.GOVERNMENT_BODY),
    ("A spokesman of the Chinese foreign ministry condemned the killing.",
     "Chinese foreign ministry", EntityType.GOVERNMENT_BODY),
    ("Iranian state media said the strikes destroyed two houses.", "Iranian state media",
     EntityType.ORGANIZATION),
    ("Officials accused Indian intelligence of funding the group.", "Indian intelligence",
     EntityType.GOVERNMENT_BODY),
])
def test_a_states_body_is_its_own_entity(extractor, text, name, etype):
    rec = record(extractor, text)
    ent = _by_name(rec).get(name)
    assert ent is not None, [e.name for e in rec.entities]
    assert ent.type == etype


@pytest.mark.parametrize(("text", "pack_id"), [
    ("The Pakistani military said 14 soldiers were killed.", "pakistan_army"),
    ("Pakistan's interior ministry said the TTP was behind the attack.",
     "pakistan_interior_ministry"),
    ("Afghan forces commander Ali Khan was killed in Kunar.", "afghanistan"),
])
def test_the_pack_and_modifiers_come_first(extractor, text, pack_id):
    rec = record(extractor, text)
    assert any(e.pack_id == pack_id for e in rec.entities), [e.name for e in rec.entities]


# -- 6. a people's name as a surname; designation categories ------------------------

@pytest.mark.parametrize(("text", "person"), [
    ("The target, an aid worker named Zemari Ahmadi, had no link to ISKP.", "Zemari Ahmadi"),
    ("Police arrested a shopkeeper, Naveed Hazara, in Quetta.", "Naveed Hazara"),
    ("The teacher Rashid Mehsud was abducted from his school.", "Rashid Mehsud"),
])
def test_a_peoples_name_ending_a_persons_is_a_surname(extractor, text, person):
    rec = record(extractor, text)
    surname = person.split()[-1]
    assert not any(e.type == EntityType.POPULATION and m.text == surname
                   for e in rec.entities for m in e.mentions), \
        [(e.name, e.type) for e in rec.entities]
    assert _by_name(rec)[person].type == EntityType.PERSON


@pytest.mark.parametrize("text", [
    "The Department of State designated the group as a Foreign Terrorist Organization.",
    "The BLA was listed as a Specially Designated Global Terrorist in 2019.",
    "The Home Office added the group to its list of Proscribed Organisation entries.",
])
def test_designation_categories_are_no_organisations(extractor, text):
    rec = record(extractor, text)
    assert not any(w in e.name for e in rec.entities
                   for w in ("Terrorist", "Proscribed")), [e.name for e in rec.entities]


# -- 7. persons the statistical NER misses, by the shape of their names --------------

@pytest.mark.parametrize(("text", "person"), [
    ("Hizbul Ahrar itself broke away from JuA in 2017 under Mukarram Khan.", "Mukarram Khan"),
    ("Police said Qari Hamdullah Mehsud had planned the attack.", "Hamdullah Mehsud"),
    ("The cell was run by Zarar Afridi from a house in Tirah.", "Zarar Afridi"),
])
def test_a_missed_person_found_by_name_shape(extractor, text, person):
    rec = record(extractor, text)
    assert any(e.type == EntityType.PERSON and person in e.name for e in rec.entities), \
        [(e.name, e.type) for e in rec.entities]


@pytest.mark.parametrize(("text", "name"), [
    ("The attack in Rahim Yar Khan district killed two.", "Rahim Yar Khan"),
    ("Students of Bacha Khan University protested.", "Bacha Khan"),
    ("The group was listed as a Specially Designated Global Terrorist (SDGT) entity.",
     "Specially Designated Global Terrorist"),
])
def test_a_name_shape_is_no_person_before_a_place_or_institution(extractor, text, name):
    rec = record(extractor, text)
    assert not any(e.type == EntityType.PERSON and name in e.name for e in rec.entities)
    assert not any(e.name == name and e.type == EntityType.ORGANIZATION
                   for e in rec.entities)


# -- 8. dateline cities and clerics' titles ------------------------------------------

@pytest.mark.parametrize(("text", "place"), [
    ("SHEWA, Pakistan (AP) — Militants attacked a checkpoint.", "Shewa"),
    ("SPINWAM (AFP): Gunmen killed two soldiers.", "Spinwam"),
    ("DARGAI, Pakistan, March 3 (Reuters) - A bomb exploded near a school.", "Dargai"),
])
def test_a_datelines_unknown_city_is_a_place(extractor, text, place):
    rec = record(extractor, text)
    names = {e.name.casefold(): e for e in rec.entities}
    assert names[place.casefold()].type == EntityType.LOCATION
    assert not any(m.text in ("AP", "AFP", "Reuters") for e in rec.entities
                   for m in e.mentions)


@pytest.mark.parametrize(("text", "person", "written"), [
    ("Maulana Abdul Aziz of the Lal Masjid praised the Taliban.", "Abdul Aziz",
     "Maulana Abdul Aziz"),
    ("Police said Mufti Hamid Ullah Khan had recruited the bombers.", "Hamid Ullah Khan",
     "Mufti Hamid Ullah Khan"),
    ("Qari Saifullah Akhtar was arrested in Dubai.", "Saifullah Akhtar",
     "Qari Saifullah Akhtar"),
])
def test_a_clerics_title_is_no_part_of_a_new_name(extractor, text, person, written):
    rec = record(extractor, text)
    ent = next(e for e in rec.entities if e.type == EntityType.PERSON)
    assert ent.name == person or ent.pack_id is not None, ent.name
    if ent.pack_id is None:
        assert written in ent.aliases


@pytest.mark.parametrize(("text", "pack_id"), [
    ("Fighters of the Islamic State's Pakistan Province claimed an attack in Bajaur.",
     "is_pakistan"),
    ("The Khorasan Province of the Islamic State claimed the bombing.", "iskp"),
    ("The Pakistan Province of Daesh was declared in 2019.", "is_pakistan"),
])
def test_a_province_of_a_pack_group_is_its_branch(extractor, text, pack_id):
    rec = record(extractor, text)
    assert any(e.pack_id == pack_id for e in rec.entities), [e.name for e in rec.entities]


@pytest.mark.parametrize("text", [
    "Militants attacked a checkpoint in Kunar Province.",
    "The Punjab Province government announced a curfew.",
    "Fighters crossed into the Nangarhar Province of Afghanistan.",
])
def test_a_province_is_no_new_group(extractor, text):
    rec = record(extractor, text)
    assert not any(e.type == EntityType.ARMED_GROUP for e in rec.entities), \
        [e.name for e in rec.entities]


@pytest.mark.parametrize(("text", "name"), [
    ("The Pakistan Tehreek-e-Insaf formed a coalition.", "Pakistan Tehreek-e-Insaf"),
    ("Workers of the Muttahida Jamaat-e-Amal protested.", "Muttahida Jamaat-e-Amal"),
    ("The Balochistan Jaish-ul-Mujahideen claimed the attack.",
     "Balochistan Jaish-ul-Mujahideen"),
])
def test_a_name_word_before_a_militant_stem_is_part_of_the_name(extractor, text, name):
    rec = record(extractor, text)
    assert name in _by_name(rec), [e.name for e in rec.entities]


@pytest.mark.parametrize(("text", "pack_id"), [
    ("LASHKAR-E-JHANGVI (LeJ)\nThe group was founded in 1996.", "lej"),
    ("PROFILE: TEHRIK-I-TALIBAN PAKISTAN\nThe group was founded in 2007.", "ttp"),
    ("JAMAAT-UL-AHRAR\nThe faction split in 2014.", "jamaat_ul_ahrar"),
])
def test_a_name_in_capitals_links_to_the_pack(extractor, text, pack_id):
    rec = record(extractor, text)
    assert any(e.pack_id == pack_id for e in rec.entities), [e.name for e in rec.entities]
    assert not any(e.pack_id is None and e.type == EntityType.ARMED_GROUP
                   for e in rec.entities)


@pytest.mark.parametrize("text", [
    "The Khorasan branch of Daesh claimed the attack. Police said the Khorasan branch had "
    "also killed clerics.",
    "Fighters joined the Islamic State's Khorasan branch. The Khorasan branch grew fast.",
    "The Khorasan chapter of the Islamic State recruited in Kunar. Later the Khorasan "
    "chapter lost ground.",
])
def test_a_branch_named_again_without_its_owner_is_the_same_branch(extractor, text):
    rec = record(extractor, text)
    assert not any(e.pack_id is None and e.type in (EntityType.ARMED_GROUP,
                                                    EntityType.ORGANIZATION)
                   for e in rec.entities), [e.name for e in rec.entities]
    ent = next(e for e in rec.entities if e.pack_id == "iskp")
    assert len(ent.mentions) == 2


@pytest.mark.parametrize("text", [
    "The Department amended the Specially Designated Global Terrorist (SDGT) designation. "
    "The SDGT designation stays.",
    "It was named a Foreign Terrorist Organization (FTO) in 2019.",
    "The group is a Foreign Terrorist Organization (FTO); the FTO listing followed.",
])
def test_a_designation_categorys_acronym_is_no_actor(extractor, text):
    rec = record(extractor, text)
    assert not any(m.text in ("SDGT", "FTO") for e in rec.entities for m in e.mentions)
