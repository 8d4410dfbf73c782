"""Leadership, membership and structure on unseen wording (issue 18, round five): a
named "... group" that joins another is no partitive; a role given "as" to the object of
an arrest, a conviction or a capture; caretaker, interim and acting holders of a top
post lead; denied membership; staying outside a group; a structural noun whose name is
given by "known as" / "called". Three differently worded sentences per family, written
here, with the guards that keep each family from over-reaching."""

from __future__ import annotations

import pytest
from claimrows import BLA, ISKP, JEM, LET, TTP, affirmed, claims, negated

HGB = "Hafiz Gul Bahadur group"
ORG = ("member_of", "leads", "part_of", "affiliated_with", "splinter_of", "merged_into")


def _org_rows(extractor, text: str) -> set:
    return {r for r in claims(extractor, text) if r.predicate in ORG}


# --- a named "... group" is an actor, not "a group of" people --------------------------
NAMED_GROUP_JOINS = [
    ("The Hafiz Gul Bahadur group joined the TTP in 2021.",
     affirmed(HGB, "member_of", TTP)),
    ("The Hafiz Gul Bahadur group has never joined the TTP.",
     negated(HGB, "member_of", TTP)),
    ("Last year the Tariq Gidar group joined ISKP.",
     affirmed("Tariq Gidar group", "member_of", ISKP)),
]


@pytest.mark.parametrize(("text", "row"), NAMED_GROUP_JOINS)
def test_a_named_group_that_joins_is_a_member(extractor, text, row):
    rows = claims(extractor, text)
    assert (row.triple, row.polarity) in {(r.triple, r.polarity) for r in rows}, rows
    assert not any(r.predicate == "cooperates_with" for r in rows), rows


def test_a_group_of_commanders_that_joins_is_only_part_of_its_group(extractor):
    rows = claims(extractor, "A group of TTP commanders joined ISKP in 2015.")
    assert (TTP, "member_of", ISKP) not in {r.triple for r in rows}, rows


# --- "arrested X as an operative of Y": the object holds the role ---------------------
AS_ROLE_OF_OBJECT = [
    ("Police arrested Imran Ali in 2019 as an operative of Lashkar-e-Taiba.",
     ("Imran Ali", "member_of", LET)),
    ("An anti-terrorism court convicted Qasim Khan as a financier of the BLA.",
     ("Qasim Khan", "member_of", BLA)),
    ("Security forces captured Rahim Dad near Turbat as a commander of Jaish-e-Mohammed.",
     ("Rahim Dad", "member_of", JEM)),
    ("Qasim Khan, who was convicted as a member of Jaish-e-Mohammed, was released in 2020.",
     ("Qasim Khan", "member_of", JEM)),
]


@pytest.mark.parametrize(("text", "triple"), AS_ROLE_OF_OBJECT)
def test_the_object_of_an_arrest_holds_the_role_given_as(extractor, text, triple):
    rows = _org_rows(extractor, text)
    assert triple in {r.triple for r in rows}, rows
    assert all(r.subject in (triple[0],) for r in rows), rows  # never the arresting police


def test_succeeding_someone_as_chief_gives_the_role_to_the_subject(extractor):
    rows = _org_rows(extractor,
                     "Noor Wali Mehsud replaced Mullah Fazlullah as chief of the TTP in 2018.")
    triples = {r.triple for r in rows}
    assert ("Noor Wali Mehsud", "leads", TTP) in triples, rows
    assert ("Mullah Fazlullah", "leads", TTP) not in triples, rows


# --- a caretaker, interim or acting holder of the top post leads ---------------------
CARETAKER = [
    ("Pakistan's caretaker prime minister, Anwaar-ul-Haq Kakar, visited Quetta.",
     affirmed("Anwaar-ul-Haq Kakar", "leads", "Pakistan")),
    ("The BLA's interim chief, Bashir Zeb Baloch, issued a statement on Monday.",
     affirmed("Bashir Zeb Baloch", "leads", BLA)),
    ("ISKP's stopgap emir, Shahab al-Muhajir, has kept a low profile.",
     affirmed("Shahab al-Muhajir", "leads", ISKP)),
]


@pytest.mark.parametrize(("text", "row"), CARETAKER)
def test_a_caretaker_holder_of_a_top_post_leads(extractor, text, row):
    rows = _org_rows(extractor, text)
    assert row in rows, rows
    assert (row.subject, "member_of", row.object) not in {r.triple for r in rows}, rows


def test_a_bureau_chief_is_still_only_a_member(extractor):
    rows = _org_rows(extractor, "Ahmed Rashid, the TTP's media bureau chief, was arrested.")
    assert ("Ahmed Rashid", "leads", TTP) not in {r.triple for r in rows}, rows


# --- denying membership is a negated claim in the denier's voice -----------------------
DENIED_MEMBERSHIP = [
    ("Imran Ali denied being a member of Lashkar-e-Taiba.", ("Imran Ali", "member_of", LET)),
    ("In court, Qasim Khan denied ever being an operative of the BLA.",
     ("Qasim Khan", "member_of", BLA)),
    ("Rahim Dad has repeatedly denied being a commander of Jaish-e-Mohammed.",
     ("Rahim Dad", "member_of", JEM)),
]


@pytest.mark.parametrize(("text", "triple"), DENIED_MEMBERSHIP)
def test_denied_membership_is_negated(extractor, text, triple):
    rows = [r for r in _org_rows(extractor, text) if r.triple == triple]
    assert rows, _org_rows(extractor, text)
    assert all(r.polarity == "negated" for r in rows), rows
    assert all(r.source == triple[0] or r.source is None for r in rows), rows


# --- staying outside a group is not being in it ------------------------------------
STAYED_OUTSIDE = [
    ("The Hafiz Gul Bahadur group has remained outside the TTP.",
     negated(HGB, "member_of", TTP)),
    ("For years Lashkar-e-Jhangvi stayed outside the TTP.",
     negated("Lashkar-e-Jhangvi", "member_of", TTP)),
    ("The BLF has kept outside the Baloch Raaji Aajoi Sangar since 2020.",
     negated("Balochistan Liberation Front", "member_of", "Baloch Raaji Aajoi Sangar")),
]


@pytest.mark.parametrize(("text", "row"), STAYED_OUTSIDE)
def test_staying_outside_a_group_is_no_membership(extractor, text, row):
    rows = _org_rows(extractor, text)
    assert (row.triple, row.polarity) in {(r.triple, r.polarity) for r in rows}, rows
    assert row.triple not in {r.triple for r in rows if r.polarity == "affirmed"}, rows


def test_a_group_outside_a_place_is_no_structure(extractor):
    rows = _org_rows(extractor, "The BLA has remained active outside Balochistan.")
    assert not rows, rows


# --- a structural noun named by "known as" / "called" ---------------------------------
KNOWN_AS = [
    ("The regional branch of the Islamic State, known as ISKP, claimed the attack.",
     (ISKP, "part_of", "Islamic State")),
    ("A splinter of the TTP, known as Jamaat-ul-Ahrar, emerged in 2014.",
     ("Jamaat-ul-Ahrar", "splinter_of", TTP)),
    ("A wing of the BLA, known as the Fateh Squad, has claimed the ambush.",
     ("Fateh Squad", "part_of", BLA)),
]


@pytest.mark.parametrize(("text", "triple"), KNOWN_AS)
def test_a_structural_noun_named_by_known_as(extractor, text, triple):
    rows = _org_rows(extractor, text)
    assert triple in {r.triple for r in rows}, rows
    # (a "claimed" in the clause is the group's claim of the ambush, not of its structure)
    assert all(r.modality == "asserted" for r in rows if r.triple == triple), rows


def test_a_group_known_by_another_of_its_names_is_no_part_of_itself(extractor):
    rows = _org_rows(extractor, "A faction of the Islamic State, known as Daesh, "
                                "declared a caliphate in 2014.")
    assert not any(r.predicate == "part_of" and r.object == "Islamic State"
                   and r.subject == "Islamic State" for r in rows), rows


def test_admitting_to_being_a_member(extractor):
    rows = _org_rows(extractor, "Imran Ali admitted to being a member of Lashkar-e-Taiba.")
    assert ("Imran Ali", "member_of", LET) in {r.triple for r in rows}, rows


# --- "X, known as Y, its Z": the role set off after an alias is the person's ----------
ALIAS_THEN_ROLE = [
    ("Gul Zaman, known as Abu Hamza, a senior commander of the BLA, was killed.",
     ("Gul Zaman", "member_of", BLA)),
    ("Rashid Khan, better known as Ustad Farooq, the emir of Lashkar-e-Islam, surrendered.",
     ("Rashid Khan", "leads", "Lashkar-e-Islam")),
    ("Abdul Basit, also known as Qari Imran, the chief of Jaish-e-Mohammed's Karachi cell, "
     "was killed.", ("Abdul Basit", "member_of", JEM)),
]


@pytest.mark.parametrize(("text", "triple"), ALIAS_THEN_ROLE)
def test_a_role_after_an_alias_is_the_persons(extractor, text, triple):
    rows = _org_rows(extractor, text)
    assert triple in {r.triple for r in rows}, rows


# --- the chief of a function is a member, not the leader -------------------------------
FUNCTION_CHIEF = [
    ("Bashir Zeb Baloch, the BLA's chief of operations, issued the order.",
     ("Bashir Zeb Baloch", "member_of", BLA)),
    ("Abdul Wali, the TTP's head of intelligence, was killed in Kunar.",
     ("Abdul Wali", "member_of", TTP)),
    ("ISKP's director of propaganda, Sultan Aziz Azam, released a new video.",
     ("Sultan Aziz Azam", "member_of", ISKP)),
]


@pytest.mark.parametrize(("text", "triple"), FUNCTION_CHIEF)
def test_the_chief_of_a_function_is_a_member(extractor, text, triple):
    rows = _org_rows(extractor, text)
    triples = {r.triple for r in rows}
    assert triple in triples, rows
    assert (triple[0], "leads", triple[2]) not in triples, rows


@pytest.mark.parametrize("text", [
    "Noor Wali Mehsud, the chief of the TTP, issued a statement.",
    "The TTP is a large movement. The head of the group, Noor Wali Mehsud, issued a statement.",
])
def test_the_chief_of_a_group_still_leads_it(extractor, text):
    rows = _org_rows(extractor, text)
    assert ("Noor Wali Mehsud", "leads", TTP) in {r.triple for r in rows}, rows


# --- "a man arrested as an operative of X": the participle's noun holds the role -------
ARRESTED_PARTICIPLE = [
    ("Sadiq Ali, a man arrested in 2008 as an operative of the BLA, later testified.",
     ("Sadiq Ali", "member_of", BLA)),
    ("Imran Ali, detained in 2019 as a financier of Lashkar-e-Taiba, was freed on bail.",
     ("Imran Ali", "member_of", LET)),
    ("The court heard Rahim Dad, a youth captured in Kunar as a fighter of the TTP.",
     ("Rahim Dad", "member_of", TTP)),
]


@pytest.mark.parametrize(("text", "triple"), ARRESTED_PARTICIPLE)
def test_the_noun_of_an_arrest_participle_holds_the_role(extractor, text, triple):
    rows = _org_rows(extractor, text)
    assert triple in {r.triple for r in rows}, rows


# --- a role in a unit of a group: a member of the group ------------------------------
UNIT_ROLE = [
    ("Mahmood Khan, the head of the TTP's media wing, surrendered to the army.",
     ("Mahmood Khan", "member_of", TTP)),
    ("Hamid Gul, the head of ISKP's Peshawar cell, was arrested on Monday.",
     ("Hamid Gul", "member_of", ISKP)),
    ("Karim Baloch, a trainer in the BLA's urban wing, was killed in Quetta.",
     ("Karim Baloch", "member_of", BLA)),
]


@pytest.mark.parametrize(("text", "triple"), UNIT_ROLE)
def test_a_role_in_a_unit_of_a_group_is_membership(extractor, text, triple):
    rows = _org_rows(extractor, text)
    triples = {r.triple for r in rows}
    assert triple in triples, rows
    assert (triple[0], "leads", triple[2]) not in triples, rows


def test_the_head_of_a_unit_named_as_the_group_leads_it(extractor):
    rows = _org_rows(extractor, "In 2015 the Islamic State named Hafiz Saeed Khan the "
                                "governor of its Khorasan province.")
    assert ("Hafiz Saeed Khan", "leads", ISKP) in {r.triple for r in rows}, rows


# --- a role through a raising passive keeps its hedge ---------------------------------
HEDGED_ROLE = [
    ("Imran Ali is believed to be a member of Lashkar-e-Taiba.",
     affirmed("Imran Ali", "member_of", LET, "believed")),
    ("Qasim Khan is thought to be a senior commander of the BLA.",
     affirmed("Qasim Khan", "member_of", BLA, "believed")),
    ("Rahim Dad is said to be a financier of the TTP.",
     affirmed("Rahim Dad", "member_of", TTP, "reported")),
]


@pytest.mark.parametrize(("text", "row"), HEDGED_ROLE)
def test_a_role_held_through_a_raising_passive_is_hedged(extractor, text, row):
    rows = _org_rows(extractor, text)
    assert row in rows, rows


# --- a person tied to a group is affiliated with it -----------------------------------
PERSON_TIED = [
    ("Police said Imran Ali, who is linked to Lashkar-e-Taiba, had fled.",
     ("Imran Ali", "affiliated_with", LET)),
    ("Imran Ali was closely associated with the BLA for a decade.",
     ("Imran Ali", "affiliated_with", BLA)),
    ("Imran Ali, a preacher long tied to the TTP, was arrested.",
     ("Imran Ali", "affiliated_with", TTP)),
]


@pytest.mark.parametrize(("text", "triple"), PERSON_TIED)
def test_a_person_tied_to_a_group_is_affiliated(extractor, text, triple):
    rows = _org_rows(extractor, text)
    assert triple in {r.triple for r in rows}, rows


@pytest.mark.parametrize("text", [
    "Imran Ali linked the bombing to the TTP.",
    "Interior minister Imran Ali tied the attacks to the BLA.",
    "Imran Ali connected the militants with the TTP.",
])
def test_whoever_links_something_to_a_group_is_not_tied_to_it(extractor, text):
    rows = _org_rows(extractor, text)
    assert not any(r.subject == "Imran Ali" for r in rows), rows


# --- a role "for" a group -----------------------------------------------------------
ROLE_FOR = [
    ("Muhammad Khurasani, a spokesman for the TTP, denied the report.",
     ("Muhammad Khurasani", "member_of", TTP)),
    ("Police arrested Qasim Khan, a courier for Lashkar-e-Taiba, in Lahore.",
     ("Qasim Khan", "member_of", LET)),
    ("The spokesman for the BLA, Jeeyand Baloch, said the fighters had withdrawn.",
     ("Jeeyand Baloch", "member_of", BLA)),
]


@pytest.mark.parametrize(("text", "triple"), ROLE_FOR)
def test_a_role_for_a_group_is_membership(extractor, text, triple):
    rows = _org_rows(extractor, text)
    assert triple in {r.triple for r in rows}, rows


def test_an_envoy_for_a_state_is_no_member_of_it(extractor):
    rows = _org_rows(extractor, "Zalmay Khalilzad, the US special envoy for Afghanistan, "
                                "met Taliban leaders in Doha.")
    assert not any(r.object == "Afghanistan" for r in rows), rows


# --- more of a group's or a party's people by their part in it ------------------------
MORE_ROLES = [
    ("The Awami National Party's candidate, Haroon Khan, was killed in the blast.",
     ("Haroon Khan", "member_of", "Awami National Party")),
    ("Rahim Dad, a TTP facilitator, was arrested in Swat.", ("Rahim Dad", "member_of", TTP)),
    ("Asad Khan, a lawmaker of the Awami National Party, was shot.",
     ("Asad Khan", "member_of", "Awami National Party")),
]


@pytest.mark.parametrize(("text", "triple"), MORE_ROLES)
def test_more_role_nouns(extractor, text, triple):
    rows = _org_rows(extractor, text)
    assert triple in {r.triple for r in rows}, rows


@pytest.mark.parametrize("text", [
    "An Afghan Local Police member was killed in the attack.",
    "Imran Ali, a British-born jihadist, was killed in Syria.",
])
def test_a_nationality_is_no_membership(extractor, text):
    rows = _org_rows(extractor, text)
    assert not any(r.predicate == "member_of" and r.object in (
        "Afghanistan", "United Kingdom") for r in rows), rows


# --- acting within a group's ranks; speaking for a group -----------------------------
IN_THE_RANKS = [
    ("Imran Ali rose through the ranks of the TTP.", ("Imran Ali", "member_of", TTP)),
    ("Imran Ali fought in the ranks of Lashkar-e-Taiba for a decade.",
     ("Imran Ali", "member_of", LET)),
    ("Imran Ali served in the BLA's ranks until 2019.", ("Imran Ali", "member_of", BLA)),
]


@pytest.mark.parametrize(("text", "triple"), IN_THE_RANKS)
def test_acting_within_a_groups_ranks_is_membership(extractor, text, triple):
    rows = _org_rows(extractor, text)
    assert triple in {r.triple for r in rows}, rows


@pytest.mark.parametrize("text", [
    "Pakistan Army troops killed dozens in the ranks of the TTP.",
    "Desertions thinned the ranks of the TTP.",
])
def test_acting_on_a_groups_ranks_is_no_membership(extractor, text):
    rows = _org_rows(extractor, text)
    assert not any(r.predicate == "member_of" and r.object == TTP for r in rows), rows


SPEAKS_FOR = [
    ("Muhammad Khurasani, who speaks for the TTP, denied the report.",
     ("Muhammad Khurasani", "member_of", TTP)),
    ("Jeeyand Baloch, the man who speaks for the BLA, rejected the claim.",
     ("Jeeyand Baloch", "member_of", BLA)),
    ("Sultan Aziz Azam has spoken for ISKP since 2016.",
     ("Sultan Aziz Azam", "member_of", ISKP)),
]


@pytest.mark.parametrize(("text", "triple"), SPEAKS_FOR)
def test_speaking_for_a_group_is_membership(extractor, text, triple):
    rows = _org_rows(extractor, text)
    assert triple in {r.triple for r in rows}, rows


def test_speaking_for_a_state_is_no_membership(extractor):
    rows = _org_rows(extractor, "Imran Ali spoke for Pakistan at the United Nations.")
    assert not rows, rows


# --- "X was among / one of the founders": the group the discourse is about ------------
AMONG_FOUNDERS = [
    ("Lashkar-e-Islam grew out of a radio station in Bara. Mangal Bagh was among the "
     "founders.", ("Mangal Bagh", "leads", "Lashkar-e-Islam")),
    ("The BLA re-emerged in 2000. Balach Marri was one of the founders.",
     ("Balach Marri", "leads", BLA)),
    ("Jamaat-ul-Ahrar emerged in 2014. Omar Khalid Khorasani and Ehsanullah Ehsan were "
     "among the founders.", ("Omar Khalid Khorasani", "leads", "Jamaat-ul-Ahrar")),
]


@pytest.mark.parametrize(("text", "triple"), AMONG_FOUNDERS)
def test_among_the_founders_of_the_group_in_question(extractor, text, triple):
    rows = _org_rows(extractor, text)
    assert triple in {r.triple for r in rows}, rows


# --- "X and Y have never merged" -----------------------------------------------------
NEVER_MERGED = [
    ("Jaish-e-Mohammed and Lashkar-e-Taiba have never merged.", (JEM, LET)),
    ("The BLA and the BLF cooperate closely. The BLA and the BLF have not merged, however.",
     (BLA, "Balochistan Liberation Front")),
    ("Jamaat-ul-Ahrar and Hizbul Ahrar never formally merged.",
     ("Jamaat-ul-Ahrar", "Hizbul Ahrar")),
]


@pytest.mark.parametrize(("text", "pair"), NEVER_MERGED)
def test_two_groups_that_never_merged(extractor, text, pair):
    rows = [r for r in _org_rows(extractor, text) if r.predicate == "merged_into"]
    assert any({r.subject, r.object} == set(pair) for r in rows), rows
    assert all(r.polarity == "negated" for r in rows), rows


def test_two_groups_that_merged_get_no_guessed_direction(extractor):
    rows = _org_rows(extractor, "The BLA and the BLF merged in 2018.")
    assert not any(r.predicate == "merged_into" for r in rows), rows


# --- drifting towards a group ---------------------------------------------------------
DRIFTING = [
    ("Many Hizb-i-Islami commanders drifted towards ISKP after 2015.",
     ("Hizb-e-Islami Gulbuddin", "affiliated_with", ISKP), "asserted"),
    ("Some analysts warn that the TTP could drift towards the Islamic State.",
     (TTP, "affiliated_with", "Islamic State"), "hypothetical"),
    ("Some LeJ members are thought to have gravitated towards ISKP.",
     ("Lashkar-e-Jhangvi", "affiliated_with", ISKP), "believed"),
]


@pytest.mark.parametrize(("text", "triple", "modality"), DRIFTING)
def test_drifting_towards_a_group_is_siding_with_it(extractor, text, triple, modality):
    rows = [r for r in _org_rows(extractor, text) if r.triple == triple]
    assert rows, _org_rows(extractor, text)
    assert rows[0].modality == modality, rows


def test_moving_towards_a_groups_positions_is_no_affiliation(extractor):
    rows = _org_rows(extractor, "TTP fighters moved towards ISKP positions in Kunar.")
    assert not any(r.predicate == "affiliated_with" for r in rows), rows


# --- a unit of a group that left it ----------------------------------------------------
UNIT_THAT_LEFT = [
    ("Hizbul Ahrar is a faction of Jamaat-ul-Ahrar that broke away in 2017.",
     ("Hizbul Ahrar", "splinter_of", "Jamaat-ul-Ahrar")),
    ("Jamaat-ul-Ahrar, a faction of the TTP that split off in 2014, claimed the bombing.",
     ("Jamaat-ul-Ahrar", "splinter_of", TTP)),
    ("Lashkar-e-Jhangvi, a wing of the SSP that walked out in 1996, turned to violence.",
     ("Lashkar-e-Jhangvi", "splinter_of", "Sipah-e-Sahaba Pakistan")),
]


@pytest.mark.parametrize(("text", "triple"), UNIT_THAT_LEFT)
def test_a_unit_of_a_group_that_left_is_its_splinter(extractor, text, triple):
    rows = _org_rows(extractor, text)
    assert triple in {r.triple for r in rows}, rows


@pytest.mark.parametrize("text", [
    "Hizbul Ahrar is a faction of Jamaat-ul-Ahrar that broke its truce in 2017.",
    "Hizbul Ahrar is a faction of Jamaat-ul-Ahrar that never broke away.",
])
def test_a_unit_that_did_not_leave_is_no_splinter(extractor, text):
    rows = _org_rows(extractor, text)
    assert not any(r.predicate == "splinter_of" and r.polarity == "affirmed" for r in rows), rows


# --- "X, the commander in Mohmand": the post of the group in question ------------------
PLACED_POST = [
    ("The TTP split in 2014. Omar Khalid Khorasani, the commander in Mohmand, left with "
     "his men.", ("Omar Khalid Khorasani", "member_of", TTP)),
    ("The BLA regrouped in 2018. Aslam Baloch, the commander in Kohlu, was killed in "
     "Kandahar.", ("Aslam Baloch", "member_of", BLA)),
    ("ISKP lost ground in 2019. Its fighters fled. Qari Hikmat, the commander in Jowzjan, "
     "was killed.", ("Qari Hikmat", "member_of", ISKP)),
]


@pytest.mark.parametrize(("text", "triple"), PLACED_POST)
def test_a_post_in_a_place_is_the_groups_in_question(extractor, text, triple):
    rows = _org_rows(extractor, text)
    assert triple in {r.triple for r in rows}, rows


@pytest.mark.parametrize("text", [
    "The army pressed the TTP in Swat. Sanaullah Niazi, the commander in Swat, was killed.",
    "The army and the TTP fought in Swat. Sanaullah Niazi, the commander in Swat, was killed.",
])
def test_a_post_in_a_place_with_two_forces_named_is_no_guess(extractor, text):
    rows = _org_rows(extractor, text)
    assert not any(r.subject == "Sanaullah Niazi" for r in rows), rows
