"""Organisation relations on unseen wording (issue 18, round six): a role held through
"whose"; an alliance formed by, or joined with, its member groups; two coordinated
verbs sharing one object ("split from and later rejoined the TTP"); a group founded
after its founder left another. Three differently worded sentences per family, written
here, with the guards that keep each family from over-reaching."""

from __future__ import annotations

import pytest
from claimrows import BLA, BLF, JEM, LET, TTP, claims

BRAS = "Baloch Raaji Aajoi Sangar"
BRG = "Baloch Republican Guards"
HGB = "Hafiz Gul Bahadur group"
JUA = "Jamaat-ul-Ahrar"
ORG = ("member_of", "leads", "part_of", "affiliated_with", "splinter_of", "merged_into")


def _org(extractor, text: str) -> set[tuple[str, str, str]]:
    return {r.triple for r in claims(extractor, text) if r.predicate in ORG}


# --- "the TTP, whose spokesman X": the relative clause's antecedent owns the role ------
WHOSE_ROLE = [
    ("The TTP, whose spokesman Muhammad Khurasani issued the statement, denied any role.",
     ("Muhammad Khurasani", "member_of", TTP)),
    ("Jaish-e-Mohammed, whose founder Masood Azhar lives in Bahawalpur, was banned in 2002.",
     ("Masood Azhar", "leads", JEM)),
    ("Police raided the offices of Lashkar-e-Taiba, whose chief, Hafiz Saeed, was later "
     "arrested.", ("Hafiz Muhammad Saeed", "leads", LET)),
]


@pytest.mark.parametrize(("text", "triple"), WHOSE_ROLE)
def test_a_role_held_through_whose(extractor, text, triple):
    assert triple in _org(extractor, text)


def test_whose_of_a_person_makes_no_membership_of_that_person(extractor):
    rows = _org(extractor, "Masood Azhar, whose brother Abdul Rauf Asghar runs the "
                           "seminary, was not seen in public.")
    assert not any(o == "Masood Azhar" for _, _, o in rows), rows


# --- an alliance formed by groups, or joined together with another group ---------------
ALLIANCE_FORMED = [
    ("The attack was claimed by the Baloch Raaji Aajoi Sangar, an alliance formed in 2018 "
     "by the Balochistan Liberation Army and the Balochistan Liberation Front.", [BLA, BLF]),
    ("BRAS, a coalition set up by the BLA and the Baloch Republican Guards, claimed the "
     "attack.", [BLA, BRG]),
    ("The Baloch Raaji Aajoi Sangar is an umbrella created by the BLF and the BLA.",
     [BLF, BLA]),
]


@pytest.mark.parametrize(("text", "members"), ALLIANCE_FORMED)
def test_an_alliance_formed_by_groups_has_them_as_members(extractor, text, members):
    rows = _org(extractor, text)
    for m in members:
        assert (m, "member_of", BRAS) in rows, rows
    assert not any(p == "splinter_of" for _, p, _ in rows), rows


def test_a_group_formed_by_another_is_still_its_splinter(extractor):
    rows = _org(extractor, "Hizbul Ahrar, a faction formed by Jamaat-ul-Ahrar defectors "
                           "in 2017, claimed the attack.")
    assert not any(p == "member_of" and o == "Hizbul Ahrar" for _, p, o in rows), rows


JOINED_IN_ALLIANCE = [
    ("The Balochistan Liberation Front joined the Balochistan Liberation Army in a new "
     "alliance, the Baloch Raaji Aajoi Sangar.", BLF, [BLA]),
    ("In 2018 the BLA joined the BLF and the Baloch Republican Guards in a joint platform, "
     "BRAS.", BLA, [BLF, BRG]),
    ("Late last year the BLF joined the BLA in a coalition called BRAS.", BLF, [BLA]),
]


@pytest.mark.parametrize(("text", "joiner", "partners"), JOINED_IN_ALLIANCE)
def test_joining_a_group_in_an_alliance_makes_both_members(extractor, text, joiner,
                                                           partners):
    rows = _org(extractor, text)
    for g in [joiner, *partners]:
        assert (g, "member_of", BRAS) in rows, rows
    for p in partners:
        assert (joiner, "member_of", p) not in rows, rows


def test_joining_a_group_in_an_attack_is_still_joining_it(extractor):
    rows = _org(extractor, "In 2020 Jamaat-ul-Ahrar joined the TTP in a campaign of "
                           "attacks on the police.")
    assert (JUA, "member_of", TTP) in rows, rows


# --- two coordinated verbs share the object of the last one ---------------------------
SHARED_OBJECT = [
    ("The Hafiz Gul Bahadur group split from and later rejoined the TTP.",
     [(HGB, "splinter_of", TTP), (HGB, "merged_into", TTP)]),
    ("Jamaat-ul-Ahrar broke away from, and in 2020 returned to, the TTP.",
     [(JUA, "splinter_of", TTP), (JUA, "merged_into", TTP)]),
    ("Jamaat-ul-Ahrar, a group that has split from and later rejoined the Tehreek-e-Taliban "
     "Pakistan, claimed the bombing.", [(JUA, "splinter_of", TTP)]),
]


@pytest.mark.parametrize(("text", "triples"), SHARED_OBJECT)
def test_a_stranded_preposition_takes_the_shared_object(extractor, text, triples):
    rows = _org(extractor, text)
    for t in triples:
        assert t in rows, rows


def test_a_preposition_with_its_own_object_keeps_it(extractor):
    rows = _org(extractor, "Jamaat-ul-Ahrar split from the TTP and later joined ISKP.")
    assert (JUA, "splinter_of", TTP) in rows, rows
    assert (JUA, "splinter_of", "Islamic State Khorasan Province") not in rows, rows


# --- a group founded after its founder left another is a splinter of it ---------------
FOUNDED_AFTER_LEAVING = [
    ("Mehran Marri set up the United Baloch Army after splitting from the BLA.",
     ("United Baloch Army", "splinter_of", BLA)),
    ("Having quit the TTP, Omar Khalid Khorasani founded Jamaat-ul-Ahrar.",
     (JUA, "splinter_of", TTP)),
    ("Zakir Musa left Hizbul Mujahideen in 2017 and formed Ansar Ghazwat-ul-Hind.",
     ("Ansar Ghazwat-ul-Hind", "splinter_of", "Hizbul Mujahideen")),
]


@pytest.mark.parametrize(("text", "triple"), FOUNDED_AFTER_LEAVING)
def test_a_group_founded_after_leaving_another_is_its_splinter(extractor, text, triple):
    assert triple in _org(extractor, text)


def test_leaving_a_place_before_founding_makes_no_splinter(extractor):
    rows = _org(extractor, "After leaving prison, Masood Azhar founded Jaish-e-Mohammed.")
    assert ("Masood Azhar", "leads", JEM) in rows, rows
    assert not any(p == "splinter_of" for _, p, _ in rows), rows


# --- "the LeT-linked JuD", "the Mangal Bagh-led LeI": a name, a hyphen, a participle ---
HYPHEN_PARTICIPLE = [
    ("The LeT-linked Jamaat-ud-Dawa denied the charges.",
     ("Jamaat-ud-Dawa", "affiliated_with", LET)),
    ("Police arrested two members of the TTP-linked Jamaat-ul-Ahrar in Peshawar.",
     (JUA, "affiliated_with", TTP)),
    ("The Mangal Bagh-led Lashkar-e-Islam controlled Bara for years.",
     ("Mangal Bagh", "leads", "Lashkar-e-Islam")),
]


@pytest.mark.parametrize(("text", "triple"), HYPHEN_PARTICIPLE)
def test_a_name_hyphened_to_a_participle_is_its_argument(extractor, text, triple):
    assert triple in _org(extractor, text)


def test_a_hyphened_participle_before_a_common_noun_makes_no_claim(extractor):
    rows = _org(extractor, "Police arrested three TTP-linked militants in Karachi.")
    assert not any(s == TTP or o == TTP for s, _, o in rows), rows


# --- fighting for, or under, a group is a member's part -------------------------------
FIGHTS_FOR = [
    ("Ahmed Khan fought for the TTP in Swat for five years.",
     ("Ahmed Khan", "member_of", TTP)),
    ("Abdul Basit, who fought for Lashkar-e-Taiba in Kashmir, was arrested.",
     ("Abdul Basit", "member_of", LET)),
    ("Jamaat-ul-Ahrar, which fights under the TTP, claimed the attack.",
     (JUA, "member_of", TTP)),
    ("Since 2022 the Hafiz Gul Bahadur group has operated under the TTP.",
     (HGB, "member_of", TTP)),
]


@pytest.mark.parametrize(("text", "triple"), FIGHTS_FOR)
def test_fighting_for_or_under_a_group_is_membership(extractor, text, triple):
    rows = claims(extractor, text)
    assert triple in {r.triple for r in rows}, rows
    assert (triple[0], "supports", triple[2]) not in {r.triple for r in rows}, rows


def test_a_state_fighting_for_a_group_is_no_member(extractor):
    rows = _org(extractor, "Pakistan fought for the Taliban in the 1990s, critics say.")
    assert not any(p == "member_of" for _, p, _ in rows), rows


# --- recruited, inducted or drafted into a group ---------------------------------------
RECRUITED_INTO = [
    ("Imran Ali was recruited into Lashkar-e-Taiba in 2005.",
     ("Imran Ali", "member_of", LET)),
    ("In 2009 Rahim Dad was inducted into the TTP.", ("Rahim Dad", "member_of", TTP)),
    ("Qasim Khan, who was drafted into the BLA as a teenager, surrendered in 2021.",
     ("Qasim Khan", "member_of", BLA)),
]


@pytest.mark.parametrize(("text", "triple"), RECRUITED_INTO)
def test_recruited_into_a_group_is_a_member(extractor, text, triple):
    assert triple in _org(extractor, text)


def test_recruiting_others_into_a_group_says_nothing_of_the_recruiter(extractor):
    rows = _org(extractor, "Imran Ali recruited dozens of youths into Lashkar-e-Taiba.")
    assert ("Imran Ali", "member_of", LET) not in rows, rows  # (the text does not say)


# --- a sentence's full stop after a mixed-case acronym is its own token ----------------
ACRONYM_AT_THE_END = [
    ("Washington regards Jamaat-ud-Dawa as another name for LeT.",
     ("Jamaat-ud-Dawa", "part_of", LET)),
    ("Indian officials call the outfit a front for JeM. It denies this.",
     None),
    ("The Hizbul Ahrar faction split from JuA.", ("Hizbul Ahrar", "splinter_of", JUA)),
]


@pytest.mark.parametrize(("text", "triple"), ACRONYM_AT_THE_END)
def test_a_mixed_case_acronym_ending_a_sentence_is_read(nlp, extractor, text, triple):
    acronym = next(w for w in text.replace(".", " ").split() if w in ("LeT", "JeM", "JuA"))
    assert acronym in [t.text for t in nlp(text)]
    if triple is not None:
        assert triple in _org(extractor, text)


# --- "a member of JeM, the group Azhar founded": a contact clause after a name --------
CONTACT_CLAUSE_AFTER_NAME = [
    ("Prosecutors described Omar Sheikh as a member of Jaish-e-Mohammed, the group Masood "
     "Azhar founded in 2000.", ("Masood Azhar", "leads", JEM)),
    ("He trained with Lashkar-e-Taiba, the group Hafiz Saeed founded in 1990.",
     ("Hafiz Muhammad Saeed", "leads", LET)),
    ("The bombers belonged to Jamaat-ul-Ahrar, the faction Omar Khalid Khorasani "
     "founded in 2014.", ("Omar Khalid Khorasani", "leads", JUA)),
]


@pytest.mark.parametrize(("text", "triple"), CONTACT_CLAUSE_AFTER_NAME)
def test_a_contact_clause_after_a_name_is_about_that_name(extractor, text, triple):
    rows = _org(extractor, text)
    assert triple in rows, rows
    assert (triple[0], "member_of", triple[2]) not in rows, rows  # (not "as a member")


# --- "absorbed many of Jundallah's fighters": people of a group, not the group --------
def test_a_group_absorbing_fighters_of_another_does_not_absorb_it(extractor):
    for text in ("Jaish al-Adl emerged in 2012, and it absorbed many of Jundallah's "
                 "former fighters.",
                 "ISKP absorbed dozens of TTP commanders in 2015.",
                 "The new alliance includes several former BLA militants."):
        rows = _org(extractor, text)
        assert not any(p == "member_of" for _, p, _ in rows), (text, rows)


def test_a_group_absorbing_another_group_still_takes_it_in(extractor):
    rows = _org(extractor, "In 2020 the TTP absorbed Jamaat-ul-Ahrar.")
    assert (JUA, "member_of", TTP) in rows or (JUA, "merged_into", TTP) in rows, rows


# --- a role that has ended: "former" ends the claim, "no longer" negates it ------------
FORMER_ROLE = [
    ("Mullah Fazlullah, the former chief of the TTP, was killed in 2018.",
     ("Mullah Fazlullah", "leads", TTP), "2018"),
    ("Ehsanullah Ehsan, a former TTP spokesman, surrendered in 2017.",
     ("Ihsanullah Ihsan", "member_of", TTP), "2017"),
    ("Qari Hussain, once a senior TTP commander, was killed in 2010.",
     ("Qari Hussain", "member_of", TTP), "2010"),
    ("Ehsanullah Ehsan, an ex-TTP spokesman, surrendered in 2017.",
     ("Ihsanullah Ihsan", "member_of", TTP), "2017"),
]


@pytest.mark.parametrize(("text", "triple", "end"), FORMER_ROLE)
def test_a_former_role_ends_at_the_clause_date(extractor, text, triple, end):
    rows = [r for r in claims(extractor, text) if r.triple == triple]
    assert rows, claims(extractor, text)
    assert all((r.start, r.end) == (None, end) for r in rows), rows


def test_a_current_role_keeps_the_clause_date_as_its_start(extractor):
    rows = claims(extractor, "Noor Wali Mehsud was named chief of the TTP in 2018.")
    assert ("Noor Wali Mehsud", "leads", TTP, "2018", None) in {
        (*r.triple, r.start, r.end) for r in rows}, rows


NO_LONGER = [
    ("Masood Azhar is no longer the leader of Jaish-e-Mohammed.",
     ("Masood Azhar", "leads", JEM)),
    ("Imran Ali is no longer a member of Lashkar-e-Taiba.", ("Imran Ali", "member_of", LET)),
    ("Hizbul Ahrar is no longer a faction of the TTP.", ("Hizbul Ahrar", "part_of", TTP)),
]


@pytest.mark.parametrize(("text", "triple"), NO_LONGER)
def test_no_longer_holding_a_role_is_negated(extractor, text, triple):
    rows = [r for r in claims(extractor, text) if r.triple == triple]
    assert rows and all(r.polarity == "negated" for r in rows), claims(extractor, text)


# --- a role told in passing has no date of its own ------------------------------------
ROLE_IN_PASSING = [
    ("The TTP was formed in 2007. Its founder, Baitullah Mehsud, was killed in 2009.",
     ("Baitullah Mehsud", "leads", TTP)),
    ("Hafiz Abdul Rehman Makki, a co-founder of Lashkar-e-Taiba, died in 2024.",
     ("Hafiz Abdul Rehman Makki", "leads", LET)),
    ("ISKP's emir, Shahab al-Muhajir, issued a message in May 2023.",
     ("Shahab al-Muhajir", "leads", "Islamic State Khorasan Province")),
]


@pytest.mark.parametrize(("text", "triple"), ROLE_IN_PASSING)
def test_a_role_told_in_passing_takes_no_date_from_the_clause(extractor, text, triple):
    rows = [r for r in claims(extractor, text) if r.triple == triple]
    assert rows and all((r.start, r.end) == (None, None) for r in rows), \
        claims(extractor, text)


# --- going back into a group's fold, or being taken back ------------------------------
BACK_INTO_THE_FOLD = [
    "In 2020 Jamaat-ul-Ahrar returned to the TTP fold.",
    "Jamaat-ul-Ahrar came back into the fold of the TTP in 2020.",
    "The TTP brought Jamaat-ul-Ahrar back into the fold in 2020.",
    "The TTP welcomed Jamaat-ul-Ahrar back in August 2020.",
    "Jamaat-ul-Ahrar was reabsorbed into the TTP in 2020.",
]


@pytest.mark.parametrize("text", BACK_INTO_THE_FOLD)
def test_going_back_into_the_fold_is_a_merger(extractor, text):
    rows = _org(extractor, text)
    assert (JUA, "merged_into", TTP) in rows, rows
    assert (TTP, "merged_into", JUA) not in rows, rows


def test_leaving_the_fold_is_no_merger(extractor):
    rows = _org(extractor, "Jamaat-ul-Ahrar walked out of the TTP fold in 2014.")
    assert not any(p == "merged_into" for _, p, _ in rows), rows


# --- groups forming a named alliance, or an alliance made of groups -------------------
ALLIANCE_OF_GROUPS = [
    ("In 2018 the BLA, the BLF and the Baloch Republican Guards formed an alliance called "
     "the Baloch Raaji Aajoi Sangar.", [BLA, BLF, BRG]),
    ("The BLA and the BLF set up a joint platform, the Baloch Raaji Aajoi Sangar, in 2018.",
     [BLA, BLF]),
    ("In 2018 the BLA launched a new alliance, BRAS, with the BLF.", [BLA, BLF]),
    ("The Baloch Raaji Aajoi Sangar is made up of the BLA and the BLF.", [BLA, BLF]),
    ("BRAS, which consists of the BLF and the Baloch Republican Guards, claimed the attack.",
     [BLF, BRG]),
]


@pytest.mark.parametrize(("text", "members"), ALLIANCE_OF_GROUPS)
def test_groups_forming_or_making_up_an_alliance_are_its_members(extractor, text, members):
    rows = _org(extractor, text)
    assert {(m, "member_of", BRAS) for m in members} <= rows, rows
    assert not any(o in members and s == BRAS for s, _, o in rows), rows


def test_a_group_forming_an_unnamed_alliance_is_no_member_of_anything(extractor):
    rows = _org(extractor, "In 2018 the BLA and the BLF formed an alliance against Pakistan.")
    assert not any(p == "member_of" for _, p, _ in rows), rows


# --- a unit named by where it is ("the Afghan branch of IS"); a pillar of a group ------
UNIT_BY_PLACE = [
    ("ISKP is the Afghan branch of the Islamic State.", ("Islamic State Khorasan Province",
                                                         "part_of", "Islamic State")),
    ("The Haqqani network, now a pillar of the Taliban, controls Khost.",
     ("Haqqani network", "part_of", "Taliban")),
    ("The Haqqani network has become the mainstay of the Taliban.",
     ("Haqqani network", "part_of", "Taliban")),
]


@pytest.mark.parametrize(("text", "triple"), UNIT_BY_PLACE)
def test_a_unit_or_pillar_of_a_group_is_part_of_it(extractor, text, triple):
    rows = _org(extractor, text)
    assert triple in rows, rows
    assert not any(s in ("Afghanistan", "Pakistan") for s, _, _ in rows), rows


# --- "X split from Y and rejoined it": the pronoun is the other group -----------------
REJOINED_IT = [
    "Jamaat-ul-Ahrar split from the TTP in 2014 and rejoined it in 2020.",
    "Jamaat-ul-Ahrar left the TTP in 2014 but returned to it in 2020.",
    "Jamaat-ul-Ahrar broke away from the TTP in 2014 and merged back into it in 2020.",
]


@pytest.mark.parametrize("text", REJOINED_IT)
def test_rejoining_it_after_a_split_is_a_merger_into_the_other_group(extractor, text):
    rows = _org(extractor, text)
    assert (JUA, "merged_into", TTP) in rows, rows
    assert (TTP, "merged_into", JUA) not in rows, rows


# --- a leader's pledge is his group's -------------------------------------------------
LEADER_PLEDGE = [
    ("In August 2015 IMU leader Usman Ghazi pledged allegiance to the Islamic State.",
     ("Islamic Movement of Uzbekistan", "affiliated_with", "Islamic State")),
    ("BLF chief Allah Nazar Baloch has sworn allegiance to the BLA.",
     (BLF, "affiliated_with", BLA)),
    ("Jamaat-ul-Ahrar's emir, Omar Khalid Khorasani, renewed his pledge of allegiance to "
     "the TTP.", (JUA, "affiliated_with", TTP)),
]


@pytest.mark.parametrize(("text", "triple"), LEADER_PLEDGE)
def test_a_leaders_pledge_is_his_groups(extractor, text, triple):
    assert triple in _org(extractor, text)


# --- heading a group's unnamed unit is a member's part --------------------------------
UNIT_HEAD = [
    ("Rahim Dad is said to head the BLA's intelligence wing.", ("Rahim Dad", BLA)),
    ("Abdul Wali commands a cell of ISKP in Peshawar.",
     ("Abdul Wali", "Islamic State Khorasan Province")),
    ("Qasim Khan has run the TTP's media wing since 2019.", ("Qasim Khan", TTP)),
]


@pytest.mark.parametrize(("text", "pair"), UNIT_HEAD)
def test_heading_an_unnamed_unit_of_a_group_is_membership(extractor, text, pair):
    rows = _org(extractor, text)
    assert (pair[0], "member_of", pair[1]) in rows, rows
    assert (pair[0], "leads", pair[1]) not in rows, rows


def test_heading_a_named_unit_or_the_group_is_leading_it(extractor):
    rows = _org(extractor, "Bashir Zeb Baloch heads the Majeed Brigade of the BLA.")
    assert ("Bashir Zeb Baloch", "leads", "Majid Brigade") in rows, rows
    assert ("Bashir Zeb Baloch", "leads", BLA) in _org(extractor, "Bashir Zeb Baloch heads "
                                                                  "the BLA.")


# --- a breakaway founded with no "from": a splinter of the founder's group ------------
BREAKAWAY_FOUNDED = [
    ("The TTP split in 2014. Omar Khalid Khorasani, a commander in Mohmand, announced a "
     "breakaway faction, Jamaat-ul-Ahrar.", (JUA, "splinter_of", TTP)),
    ("Omar Khalid Khorasani, a TTP commander, set up a splinter group, Jamaat-ul-Ahrar.",
     (JUA, "splinter_of", TTP)),
    ("In 2017 Mukarram Khan, a senior JuA commander, formed a breakaway faction called "
     "Hizbul Ahrar.", ("Hizbul Ahrar", "splinter_of", JUA)),
]


@pytest.mark.parametrize(("text", "triple"), BREAKAWAY_FOUNDED)
def test_a_breakaway_founded_is_a_splinter_of_the_founders_group(extractor, text, triple):
    assert triple in _org(extractor, text)


def test_a_new_wing_founded_is_no_splinter(extractor):
    rows = _org(extractor, "Omar Khalid Khorasani, a TTP commander, set up a new media "
                           "wing, Umar Media.")
    assert not any(p == "splinter_of" for _, p, _ in rows), rows


def test_a_breakaway_with_two_candidate_parents_is_left(extractor):
    rows = _org(extractor, "The TTP and ISKP clashed in 2015. Later that year a commander "
                           "announced a breakaway faction, Jamaat-ul-Ahrar.")
    assert not any(p == "splinter_of" for _, p, _ in rows), rows


# --- merging to form a new group: into it, not into each other ------------------------
def test_groups_merging_to_form_a_named_group_merge_into_it(extractor):
    for text, new in (
            ("Hizbul Ahrar merged with Jamaat-ul-Ahrar to create the Tehrik-i-Taliban "
             "Pakistan.", TTP),
            ("In 2013 Lashkar-e-Jhangvi merged with Jundallah to form Jaish al-Adl.",
             "Jaish al-Adl")):
        rows = _org(extractor, text)
        merged = {(s, o) for s, p, o in rows if p == "merged_into"}
        assert all(o == new for _, o in merged) and len(merged) == 2, (text, rows)


def test_groups_merging_to_form_an_unnamed_group_merge_into_neither(extractor):
    rows = _org(extractor, "In 2020 Jamaat-ul-Ahrar merged with Hizbul Ahrar to form a "
                           "single faction.")
    assert not any(p == "merged_into" for _, p, _ in rows), rows
    assert (JUA, "merged_into", TTP) in _org(extractor, "Jamaat-ul-Ahrar merged with the "
                                                        "TTP in 2020.")


# --- leaving or being put out of a group ends the membership then ----------------------
LEFT_THEN = [
    ("Imran Ali quit Lashkar-e-Taiba in 2012.", ("Imran Ali", "member_of", LET), "2012"),
    ("Qari Zahid was expelled from the TTP in 2016.", ("Qari Zahid", "member_of", TTP),
     "2016"),
    ("Qari Zahid defected from the TTP to ISKP in 2015.", ("Qari Zahid", "member_of", TTP),
     "2015"),
]


@pytest.mark.parametrize(("text", "triple", "end"), LEFT_THEN)
def test_leaving_a_group_ends_the_membership_at_the_clause_date(extractor, text, triple,
                                                                end):
    rows = [r for r in claims(extractor, text) if r.triple == triple]
    assert rows and all((r.start, r.end) == (None, end) for r in rows), \
        claims(extractor, text)


def test_defecting_to_a_group_starts_that_membership(extractor):
    rows = claims(extractor, "Qari Zahid defected from the TTP to ISKP in 2015.")
    assert ("Qari Zahid", "member_of", "Islamic State Khorasan Province", "2015", None) in {
        (*r.triple, r.start, r.end) for r in rows}, rows
