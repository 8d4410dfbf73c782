"""Entity families of round 5: bare people nouns as populations, factions owned by a
person, place pairs that write their shared word once, cleric titles kept as aliases,
given names the NER left off, and gazetteer places by their own names. Each family is
checked on several phrasings written for these tests."""

from __future__ import annotations

import pytest
from claimrows import record

from threatnet.model import EntityType


def _entities(extractor, text):
    return {e.name: e for e in record(extractor, text).entities}


# -- 1. a plural people noun that is an argument is a population ----------------------

@pytest.mark.parametrize(("text", "name"), [
    ("Since 2010 the Sipah group has shot at civilians in the bazaars of Kurram.",
     "civilians"),
    ("Lashkar-e-Jhangvi gunmen singled out pilgrims returning from Iran.", "pilgrims"),
    ("The hijackers held the passengers for two days near Mach.", "passengers"),
    ("The outfit has threatened religious minorities across Sindh.",
     "religious minorities"),
    ("Police said the bomb was meant for protesters outside the assembly.", "protesters"),
])
def test_a_bare_people_noun_is_a_population(extractor, text, name):
    found = _entities(extractor, text)
    assert name in found, list(found)
    assert found[name].type == EntityType.POPULATION


@pytest.mark.parametrize(("text", "word"), [
    ("Few communities have suffered as much as the Hazaras of Quetta.", "communities"),
    ("A civilian sat on the commission that reviewed the case in Peshawar.", "civilian"),
    ("Many civilians left Tirah before the offensive.", "civilians"),
])
def test_vague_or_single_people_make_no_population(extractor, text, word):
    found = _entities(extractor, text)
    assert not any(word in n for n in found), list(found)


def test_population_claim_from_a_bare_noun(extractor):
    rec = record(extractor, "The Tehrik-i-Taliban Pakistan has attacked civilians in Swat.")
    names = {e.id: e.name for e in rec.entities}
    assert ("Tehrik-i-Taliban Pakistan", "civilians") in {
        (names[c.subject], names[c.object]) for c in rec.claims
        if c.predicate in ("attacks", "targets")}


# -- 2. a faction owned by a person ------------------------------------------------

@pytest.mark.parametrize(("text", "person", "group"), [
    ("Fighters of Shakeel Khan Wazir's outfit clashed with villagers in Tirah.",
     "Shakeel Khan Wazir", "Shakeel Khan Wazir outfit"),
    ("Commanders loyal to Khan Said Sajna's faction quit the movement in 2014.",
     "Khan Said Sajna", "Khan Said Sajna faction"),
    ("Elders met Qari Shakeel Ahmad's group near Wana last week.", "Shakeel Ahmad",
     "Shakeel Ahmad group"),
])
def test_a_persons_faction_is_a_group_of_its_own(extractor, text, person, group):
    found = _entities(extractor, text)
    assert group in found, list(found)
    assert found[group].type == EntityType.ARMED_GROUP
    assert person in found and found[person].type == EntityType.PERSON


def test_a_persons_faction_the_pack_knows_is_the_packs(extractor):
    found = _entities(extractor, "Hafiz Gul Bahadur's group ambushed a convoy near Mir Ali.")
    group = found.get("Hafiz Gul Bahadur group")
    assert group is not None and group.pack_id is not None, list(found)
    assert found["Hafiz Gul Bahadur"].type == EntityType.PERSON


@pytest.mark.parametrize(("text", "group"), [
    ("Fighters of Mangal Bagh's outfit clashed with villagers in Tirah.", "Lashkar-e-Islam"),
    ("Recruits of Masood Azhar's organisation trained near Bahawalpur.", "Jaish-e-Mohammed"),
    ("Police said Noor Wali Mehsud's group had demanded money from traders.",
     "Tehrik-i-Taliban Pakistan"),
])
def test_a_leaders_group_is_the_one_the_pack_says_they_led(extractor, text, group):
    found = _entities(extractor, text)
    assert group in found and found[group].pack_id, list(found)


def test_a_leaders_faction_is_no_whole_group(extractor):
    found = _entities(extractor, "Fazlullah's faction held the Swat valley until 2009.")
    assert "Mullah Fazlullah faction" in found, list(found)
    assert "Tehrik-i-Taliban Pakistan" not in found


# -- 3. two places that write their shared word once ----------------------------------

@pytest.mark.parametrize(("text", "names"), [
    ("The IMU sheltered in North and South Waziristan for a decade.",
     {"North Waziristan", "South Waziristan"}),
    ("Operations in South or North Waziristan displaced thousands of families.",
     {"North Waziristan", "South Waziristan"}),
    ("The TTP's fighters crossed into Upper and Lower Dir in the spring.",
     {"Upper Dir", "Lower Dir"}),
])
def test_elided_place_pairs_name_both_places(extractor, text, names):
    found = _entities(extractor, text)
    assert names <= set(found), list(found)
    assert all(found[n].type == EntityType.LOCATION and found[n].pack_id for n in names)


# -- 4. a cleric's title before a name ----------------------------------------------

@pytest.mark.parametrize(("text", "titled"), [
    ("Sheikh Abdul Basit Rind and two others were charged in Quetta.",
     "Sheikh Abdul Basit Rind"),
    ("Police said Mufti Abdul Rasheed Khalil had recruited the bombers.",
     "Mufti Abdul Rasheed Khalil"),
    ("Maulvi Faqir Muhammad Shinwari addressed a rally in Bajaur.",
     "Maulvi Faqir Muhammad Shinwari"),
])
def test_a_cleric_title_is_kept_as_an_alias(extractor, text, titled):
    persons = [e for e in record(extractor, text).entities if e.type == EntityType.PERSON]
    assert any(titled in e.aliases for e in persons), [(e.name, e.aliases) for e in persons]


def test_a_job_title_is_no_alias(extractor):
    persons = [e for e in record(extractor, "The raid was ordered by Commander Gul Nawaz "
                                            "Wazir, officials said.").entities
               if e.type == EntityType.PERSON]
    assert persons and not any(a.startswith("Commander") for e in persons for a in e.aliases)


# -- 5. given names the NER left off --------------------------------------------------

@pytest.mark.parametrize(("text", "name", "other"), [
    ("Hafiz Saeed Khan led the province. Later a group of commanders under Mukarram Khan "
     "broke away.", "Mukarram Khan", "Hafiz Saeed Khan"),
    ("Imran Khan spoke in Lahore. Weeks later, fighters loyal to Mehmood Khan seized a "
     "checkpoint.", "Mehmood Khan", "Imran Khan"),
    ("Baitullah Mehsud founded the TTP. Its fighters later answered to Hakimullah Mehsud.",
     "Hakimullah Mehsud", "Baitullah Mehsud"),
])
def test_a_shared_surname_does_not_merge_two_persons(extractor, text, name, other):
    found = _entities(extractor, text)
    assert name in found and other in found, list(found)
    assert found[name].id != found[other].id


# -- 6. gazetteer places by their own names ----------------------------------------

@pytest.mark.parametrize(("text", "name"), [
    ("A suicide bomber struck a tuition centre in the Dasht-e-Barchi area.",
     "Dasht-e-Barchi"),
    ("Gunmen opened fire on a car on Shahrah-e-Faisal on Monday.", "Shahrah-e-Faisal"),
    ("Iranian officials said the militants fled to the hills near Saravan.", "Saravan"),
])
def test_gazetteer_places(extractor, text, name):
    found = _entities(extractor, text)
    assert name in found and found[name].type == EntityType.LOCATION, list(found)


# -- 7. state forces named by a generic noun --------------------------------------

def _mentioned(rec, name):
    return [m.text for e in rec.entities if e.name == name for m in e.mentions]


@pytest.mark.parametrize(("text", "body", "words"), [
    ("Gunmen fired on security forces in Bannu on Monday.", "Pakistani security forces",
     "security forces"),
    ("Officials said security forces in Kech district had killed four militants.",
     "Pakistani security forces", "security forces"),
    ("The armed forces in North Waziristan began a new operation in June.",
     "Pakistan Armed Forces", "armed forces"),
])
def test_forces_in_a_place_are_that_countrys(extractor, text, body, words):
    rec = record(extractor, text, published="2023-06-01")
    assert words in _mentioned(rec, body), [(e.name, [m.text for m in e.mentions])
                                            for e in rec.entities]


@pytest.mark.parametrize("text", [
    "The Pakistan Army said it had killed ten militants in Kurram. Retired generals say "
    "the army may yet strike hideouts inside Afghanistan.",
    "The Pakistan Army buried its dead in Rawalpindi. Some analysts expect the army to "
    "bomb camps in Afghanistan soon.",
    "A Pakistan Army spokesman spoke in Peshawar. Officers hinted that the army could hit "
    "targets across Afghanistan.",
])
def test_the_army_abroad_is_the_one_named_before(extractor, text):
    rec = record(extractor, text, published="2023-06-01")
    assert "army" in _mentioned(rec, "Pakistan Army"), [
        (e.name, [m.text for m in e.mentions]) for e in rec.entities]


# -- 8. hyphen-joined names the NER misses, typed by their neighbours ------------------

@pytest.mark.parametrize(("text", "name", "etype"), [
    ("The country's interior minister, Zia-ul-Rehman Baloch, visited the camp.",
     "Zia-ul-Rehman Baloch", EntityType.PERSON),
    ("Maulana Sami-ul-Haq was stabbed at his home in Rawalpindi.", "Sami-ul-Haq",
     EntityType.PERSON),
    ("The court heard that Ehsan-ul-Haq Afridi had wired the money.",
     "Ehsan-ul-Haq Afridi", EntityType.PERSON),
    ("A grenade went off in the Gulshan-e-Iqbal area late on Sunday.", "Gulshan-e-Iqbal",
     EntityType.LOCATION),
    ("Police raided a house in Mohalla-e-Qasaban before dawn.", "Mohalla-e-Qasaban",
     EntityType.LOCATION),
    ("The wounded were taken from Bagh-e-Naran to a hospital.", "Bagh-e-Naran",
     EntityType.LOCATION),
])
def test_hyphen_joined_names_by_their_neighbours(extractor, text, name, etype):
    found = _entities(extractor, text)
    assert name in found and found[name].type == etype, list(found)


def test_a_militant_name_is_not_cut_to_its_hyphened_tail(extractor):
    found = _entities(extractor, "Ansar Ghazwat-ul-Hind fighters ambushed a patrol in "
                                 "Pulwama.")
    assert not any(n.startswith("Ghazwat") for n in found), list(found)


# -- 9. natural features named with their noun -------------------------------------

@pytest.mark.parametrize(("text", "name"), [
    ("Chinese firms hold oil contracts in the Amu Darya basin.", "Amu Darya basin"),
    ("Smugglers crossed the Khunjerab pass into Xinjiang.", "Khunjerab pass"),
    ("The militants retreated into the Shawal valley after the raid.", "Shawal valley"),
])
def test_a_natural_feature_is_named_with_its_noun(extractor, text, name):
    rec = record(extractor, text)
    places = [e for e in rec.entities if e.type == EntityType.LOCATION]
    assert any(name == e.name or name in e.aliases for e in places), [
        (e.name, e.aliases) for e in places]


# -- 10. the person a dossier is about --------------------------------------------

@pytest.mark.parametrize(("text", "name", "other"), [
    ("Subject: RASHID KHAN MALIK (also known as Rashid Bhai)\n\n"
     "1. The subject is described as a senior member of Lashkar-e-Taiba.", "Rashid Khan Malik",
     "Rashid Bhai"),
    ("INDIVIDUAL: ZAHID HUSSAIN QURESHI\nOther names: Abu Talha; Qari Zahid.\n"
     "Reasons for listing. The designee raised money for Jaish-e-Mohammed.",
     "Zahid Hussain Qureshi", "Abu Talha"),
    ("Accused: Imran Ali Bugti\n\nThe prosecution said the accused had driven the "
     "bomber to Quetta.", "Imran Ali Bugti", "accused"),
])
def test_a_dossier_header_names_its_subject(extractor, text, name, other):
    rec = record(extractor, text)
    person = next((e for e in rec.entities if e.name == name), None)
    assert person is not None and person.type == EntityType.PERSON, [
        e.name for e in rec.entities]
    assert other in [m.text for m in person.mentions]
    texts = [m.text for m in person.mentions]
    assert any(t in ("subject", "designee", "accused") for t in texts), texts
    assert not {"subject", "designee", "accused"} & set(person.aliases)


def test_a_dossier_subject_is_a_claim_argument(extractor):
    rec = record(extractor, "Subject: RASHID KHAN MALIK\n\n1. The subject is a senior "
                            "member of Lashkar-e-Taiba.")
    names = {e.id: e.name for e in rec.entities}
    assert ("Rashid Khan Malik", "member_of", "Lashkar-e-Taiba") in {
        (names[c.subject], c.predicate, names[c.object]) for c in rec.claims}


@pytest.mark.parametrize("text", [
    "Subject: Re: the meeting on Tuesday\n\nThe subject of the talks was the ceasefire.",
    "The subject of the report is the TTP's finances.",
    "Name: Operation Zarb-e-Azb\n\nThe army said the individual had fled.",
])
def test_no_dossier_subject_without_a_named_person(extractor, text):
    rec = record(extractor, text)
    assert not any(m.text in ("subject", "individual") for e in rec.entities
                   for m in e.mentions), [(e.name, [m.text for m in e.mentions])
                                          for e in rec.entities]


# -- 11. "its commander", "it" after a demonym: no state's ---------------------------

def _claims(extractor, text):
    rec = record(extractor, text)
    names = {e.id: e.name for e in rec.entities}
    return {(names[c.subject], c.predicate, names[c.object]) for c in rec.claims}


@pytest.mark.parametrize(("text", "wrong"), [
    ("ISKP recruited in the Orakzai agency of Pakistan. Farooqi served as the group's "
     "military head in Peshawar and as its commander in Achin.",
     ("Aslam Farooqi", "member_of", "Pakistan")),
    ("Lashkar-e-Jhangvi grew strong in the south of Pakistan. Later its chief, Malik Ishaq, "
     "was freed.", ("Malik Ishaq", "leads", "Pakistan")),
    ("The BLA has bases in the hills of Pakistan. Aslam Baloch became its leader in 2017.",
     ("Aslam Baloch", "leads", "Pakistan")),
])
def test_a_groups_member_is_no_states(extractor, text, wrong):
    assert wrong not in _claims(extractor, text)


@pytest.mark.parametrize(("text", "right"), [
    ("Lashkar-e-Jhangvi grew strong in the south of Pakistan. Later its chief, Malik Ishaq, "
     "was freed.", ("Malik Ishaq", "leads", "Lashkar-e-Jhangvi")),
    ("The BLA has bases in the hills of Pakistan. Aslam Baloch became its leader in 2017.",
     ("Aslam Baloch", "leads", "Balochistan Liberation Army")),
    ("The TTP regrouped inside Pakistan last year. Its spokesman, Mohammad Khurasani, "
     "denied the report.", ("Mohammad Khurasani", "member_of", "Tehrik-i-Taliban Pakistan")),
])
def test_a_groups_member_is_the_groups(extractor, text, right):
    found = _claims(extractor, text)
    assert right in found or (right[0], "leads", right[2]) in found, found


def test_its_after_a_demonym_is_no_state(extractor):
    from threatnet.extract import pipeline

    seen = {}
    original = pipeline.Coreference

    class Spy(original):
        def __init__(self, doc, *args, **kwargs):
            super().__init__(doc, *args, **kwargs)
            seen["coref"], seen["doc"] = self, doc

    pipeline.Coreference = Spy
    try:
        for text in ("ISKP fighters hid in Achin. US and Afghan strikes pushed it out.",
                     "The TIP fought in Badakhshan. Chinese pressure forced it to move.",
                     "Jaish al-Adl struck near Saravan. Iranian raids weakened it in 2024."):
            rec = record(extractor, text)
            names = {e.id: e.name for e in rec.entities}
            doc, coref = seen["doc"], seen["coref"]
            it = next(t for t in doc if t.lower_ == "it")
            assert names.get(coref.resolve(it)) not in ("Afghanistan", "United States",
                                                          "China", "Iran"), text
    finally:
        pipeline.Coreference = original


# -- 12. feasts and holy days are dates, not places --------------------------------

@pytest.mark.parametrize(("text", "day"), [
    ("The park was crowded with families on the evening of Easter Sunday.",
     "Easter Sunday"),
    ("Shia mourners marched through Karachi on Ashura.", "Ashura"),
    ("Markets in Quetta closed early before Eid al-Adha.", "Eid al-Adha"),
])
def test_a_holy_day_is_no_entity(extractor, text, day):
    found = _entities(extractor, text)
    assert not any(day in n or n in day for n in found if n), list(found)


# -- 13. a small place the report puts in another district is its own -----------------

def _place_links(extractor, text):
    return {e.name: e.pack_id for e in record(extractor, text).entities
            if e.type == EntityType.LOCATION}


@pytest.mark.parametrize("text", [
    "Militants attacked a checkpost in Kot, a village in Kurram district, on Monday.",
    "In Kurram district, gunmen killed two elders near Kot.",
    "Three policemen were killed in Kot, Lakki Marwat, on Monday.",
    "Kurram police raided a house in Kot before dawn.",
])
def test_a_same_named_place_in_another_district_is_not_the_packs(extractor, text):
    links = _place_links(extractor, text)
    assert "Kot" in links and links["Kot"] is None, links


@pytest.mark.parametrize("text", [
    "ISKP fighters were driven out of Kot and Achin in Nangarhar.",
    "Militants in Kot, Nangarhar, attacked a Taliban post.",
    "The group was strongest in Achin, Kot and Nazyan districts.",
    "Raids hit Quetta, Kot, Lahore and Karachi.",
    "He sheltered in Afghanistan's Kunar province, where he has stayed since the army "
    "drove his fighters out of Swat in 2009.",
])
def test_the_packs_place_stays_linked_in_its_own_setting(extractor, text):
    links = _place_links(extractor, text)
    assert {"Kot", "Swat"} & set(links), links
    assert all(pack_id is not None for name, pack_id in links.items()
               if name in ("Kot", "Swat")), links


# -- 14. a place's lower-case descriptive name from the pack ---------------------------

@pytest.mark.parametrize(("text", "words"), [
    ("The IMU fought alongside the Taliban from the tribal areas of Pakistan.",
     "tribal areas"),
    ("The TTP may now try to return to the tribal districts in larger numbers.",
     "tribal districts"),
    ("Attacks rose sharply in the merged districts last year.", "merged districts"),
])
def test_a_lower_case_place_name_of_the_pack(extractor, text, words):
    rec = record(extractor, text)
    fata = next((e for e in rec.entities if e.pack_id == "fata"), None)
    assert fata is not None and words in [m.text for m in fata.mentions], [
        (e.name, [m.text for m in e.mentions]) for e in rec.entities]


@pytest.mark.parametrize("text", [
    "Pakistan's interim government announced elections for February.",
    "The de facto authorities in Kabul were not consulted, the envoy said.",
    "The interim government in Islamabad raised fuel prices.",
])
def test_lower_case_names_of_actors_stay_unmatched(extractor, text):
    rec = record(extractor, text)
    assert not any(m.text.islower() for e in rec.entities
                   if e.type == EntityType.ARMED_GROUP for m in e.mentions), [
        (e.name, [m.text for m in e.mentions]) for e in rec.entities]
