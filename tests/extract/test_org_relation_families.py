"""Organisational relations as analytic prose states them (round 5): where a group is
based or active told through a copula, "home to", ground held of it or acted from, a role
held in a place; leadership taken over without an object, founded groups, seats on a
council, deputies to a leader; members who leave or defect; splits told with particle
verbs; patrons "in" a body. Three differently worded sentences per family, the claim
model's polarity and modality included where the sentence hedges or negates."""

from __future__ import annotations

import pytest
from claimrows import BLA, ISKP, LET, TTP, affirmed, check_triples, claims, negated

HQN = "Haqqani network"
JUA = "Jamaat-ul-Ahrar"

COPULA_PLACES = [
    ("Lashkar-e-Islam's main base is in Nangarhar.",
     [("Lashkar-e-Islam", "based_in", "Nangarhar")]),
    ("The Haqqani network is a Taliban faction. Its main base is in North Waziristan.",
     [(HQN, "based_in", "North Waziristan")]),
    ("The Haqqani network grew. For years its headquarters were in North Waziristan.",
     [(HQN, "based_in", "North Waziristan")]),
]

HOME_TO = [
    ("North Waziristan is home to the Haqqani network.", [(HQN, "based_in", "North Waziristan")]),
    ("Kunar is now home to the TTP.", [(TTP, "based_in", "Kunar")]),
    ("Nangarhar remains home to ISKP.", [(ISKP, "based_in", "Nangarhar")]),
]

HELD_GROUND = [
    ("The army destroyed strongholds of the TTP in North Waziristan and Khyber.",
     [(TTP, "operates_in", "North Waziristan"), (TTP, "operates_in", "Khyber")]),
    ("Jets struck hideouts of the Gul Bahadur group in Khost.",
     [("Hafiz Gul Bahadur group", "operates_in", "Khost")]),
    ("Troops overran camps of the BLA in Kohlu.", [(BLA, "operates_in", "Kohlu")]),
]

FROM_GROUND = [
    ("Lashkar-e-Taiba fights India from bases in Pakistan.", [(LET, "based_in", "Pakistan")]),
    ("The TTP directed the raid from hideouts in Kunar.", [(TTP, "based_in", "Kunar")]),
    ("ISKP has planned several attacks from sanctuaries in Nangarhar.",
     [(ISKP, "based_in", "Nangarhar")]),
    ("The BLA launched raids from camps in Afghanistan.", [(BLA, "based_in", "Afghanistan")]),
]

ROLE_IN_PLACE = [
    ("Qari Zahid, the ISKP chief in Afghanistan, was arrested.",
     [(ISKP, "operates_in", "Afghanistan"), ("Qari Zahid", "member_of", ISKP)]),
    ("ISKP recruited widely. Aslam Farooqi served as the group's military head in Peshawar.",
     [(ISKP, "operates_in", "Peshawar"), ("Aslam Farooqi", "operates_in", "Peshawar")]),
    ("Faqir Mohammed, the TTP's commander in Bajaur, surrendered.",
     [(TTP, "operates_in", "Bajaur"), ("Faqir Mohammed", "member_of", TTP)]),
]

TOOK_OVER = [
    ("The TTP lost Fazlullah in 2018. Noor Wali Mehsud took over.",
     [("Noor Wali Mehsud", "leads", TTP)]),
    ("The BLA suffered a blow when Aslam Baloch died. Bashir Zeb took over as chief.",
     [("Bashir Zeb Baloch", "leads", BLA)]),
    ("Lashkar-e-Islam lost its founder in 2006, and Mangal Bagh took over.",
     [("Mangal Bagh", "leads", "Lashkar-e-Islam")]),
]

FOUNDED = [
    ("The Haqqani network was built by Jalaluddin Haqqani in the 1980s.",
     [("Jalaluddin Haqqani", "leads", HQN)]),
    ("Lashkar-e-Islam weakened. It was later revived by Mangal Bagh.",
     [("Mangal Bagh", "leads", "Lashkar-e-Islam")]),
    ("Masood Azhar organised Jaish-e-Mohammed in 2000.",
     [("Masood Azhar", "leads", "Jaish-e-Mohammed")]),
]

COUNCIL_AND_DEPUTY = [
    ("Sirajuddin Haqqani sits on the Taliban's leadership shura.",
     [("Sirajuddin Haqqani", "member_of", "Taliban")]),
    ("Abdul Haq had sat on al-Qaeda's shura council.", [("Abdul Haq", "member_of", "Al-Qaeda")]),
    ("Qari Amjad served as deputy to Noor Wali Mehsud, who leads the TTP.",
     [("Qari Amjad", "member_of", TTP)]),
    ("Noor Wali Mehsud heads the TTP. Mufti Hazrat, deputy to Noor Wali Mehsud, was killed.",
     [("Mufti Hazrat", "member_of", TTP)]),
]

LEAVING_MEMBERS = [
    ("Zakir Musa broke away from Hizbul Mujahideen.",
     [("Zakir Musa", "member_of", "Hizbul Mujahideen")]),
    ("Omar Khalid Khorasani quit the TTP in 2014.", [("Omar Khalid Khorasani", "member_of", TTP)]),
    ("Hafiz Saeed Khan defected to the Islamic State Khorasan Province.",
     [("Hafiz Saeed Khan", "member_of", ISKP)]),
]

PARTICLE_SPLITS = [
    ("Jamaat-ul-Ahrar pulled out of the TTP in 2014.", [(JUA, "splinter_of", TTP)]),
    ("Hizbul Ahrar walked out of Jamaat-ul-Ahrar in 2017.", [("Hizbul Ahrar", "splinter_of", JUA)]),
    ("In 2014 Jamaat-ul-Ahrar broke off from the TTP.", [(JUA, "splinter_of", TTP)]),
]

PATRONS = [
    ("Lashkar-e-Taiba has patrons in the Inter-Services Intelligence.",
     [("Inter-Services Intelligence", "supports", LET)]),
    ("Jaish al-Adl found backers among Saudi donors.",
     [("Saudi Arabia", "supports", "Jaish al-Adl")]),
    ("The TTP still has protectors within the Taliban.", [("Taliban", "supports", TTP)]),
]

# a group's role over a place is a member's role, the holder perhaps hung on the place
REGIONAL_ROLES = [
    ("Gunmen killed the Taliban governor of Balkh, Mohammad Dawood Muzammil, in March.",
     [("Mohammad Dawood Muzammil", "member_of", "Taliban")]),
    ("The TTP chief of Swat, Mullah Fazlullah, fled to Afghanistan.",
     [("Mullah Fazlullah", "member_of", TTP)]),
    ("The BLA's commander in Kohlu, Aslam Baloch, was wounded.",
     [("Aslam Baloch", "member_of", BLA)]),
]

# "nothing more than a front": the noun after "than" is what the subject is
MERE = [
    ("Officials say TRF is nothing more than a front for Lashkar-e-Taiba.",
     [("The Resistance Front", "part_of", LET)]),
    ("Analysts say Jamaat-ul-Ahrar is nothing more than a faction of the TTP.",
     [(JUA, "part_of", TTP)]),
    ("Jundallah is nothing more than a wing of the TTP.", [("Jundallah", "part_of", TTP)]),
]

# "described X as affiliated with Y": the participle's subject is the one described
DESCRIBED_AS = [
    ("US officials have described Lashkar-e-Islam as affiliated with the TTP.",
     [("Lashkar-e-Islam", "affiliated_with", TTP)]),
    ("Pakistan portrays the BLA as backed by India.", [("India", "supports", BLA)]),
    ("Analysts regard Jundallah as linked to the TTP.", [("Jundallah", "affiliated_with", TTP)]),
]

# a relative clause without "that" ("the group Azhar founded"), parsed as an apposition
CONTACT_CLAUSES = [
    ("Lashkar-e-Islam, the outfit Mangal Bagh led for years, weakened.",
     [("Mangal Bagh", "leads", "Lashkar-e-Islam")]),
    ("He was close to Jamaat-ul-Ahrar, the faction Omar Khalid Khorasani formed in 2014.",
     [("Omar Khalid Khorasani", "leads", JUA)]),
    ("Jaish-e-Mohammed, the group Masood Azhar founded in 2000, attacked Pathankot.",
     [("Masood Azhar", "leads", "Jaish-e-Mohammed")]),
]

# a group's ground in a "where" clause is in the place the clause describes
WHERE_GROUND = [
    ("The Haqqani network regrouped in Khost, where it keeps its main base.",
     [(HQN, "based_in", "Khost")]),
    ("North Waziristan, where the Haqqani network had its headquarters, was cleared in 2014.",
     [(HQN, "based_in", "North Waziristan")]),
    ("Kunar, where the TTP has its headquarters, borders Pakistan.", [(TTP, "based_in", "Kunar")]),
]

# ground held, a group's movement or organisation named by its name, a constituent
GROUND_AND_NAMES = [
    ("The TTP has regained ground in Khyber.", [(TTP, "operates_in", "Khyber")]),
    ("BLA fighters hold ground across Kohlu.", [(BLA, "operates_in", "Kohlu")]),
    ("Jalaluddin Haqqani joined the Taliban movement in 1995.",
     [("Jalaluddin Haqqani", "member_of", "Taliban")]),
    ("Masood Azhar joined the Harkat-ul-Mujahideen organisation.",
     [("Masood Azhar", "member_of", "Harkat-ul-Mujahideen")]),
    ("Hizbul Mujahideen is a member of the United Jihad Council.",
     [("Hizbul Mujahideen", "member_of", "United Jihad Council")]),
]

# moving between hideouts in a place is being based there
MOVING_BETWEEN = [
    ("Sanaullah Ghafari leads ISKP. He moves between hideouts in eastern Afghanistan.",
     [("Shahab al-Muhajir", "based_in", "Afghanistan")]),
    ("Mangal Bagh shuttled between safe houses in Nangarhar.",
     [("Mangal Bagh", "based_in", "Nangarhar")]),
    ("Noor Wali Mehsud moves among hideouts in Kunar.",
     [("Noor Wali Mehsud", "based_in", "Kunar")]),
]

# throwing in one's lot with a group: the junior group is its affiliate
LOT = [
    ("Jamaat-ul-Ahrar threw in its lot with the Islamic State.",
     [(JUA, "affiliated_with", "Islamic State")]),
    ("The IMU cast its lot with ISKP in 2015.",
     [("Islamic Movement of Uzbekistan", "affiliated_with", ISKP)]),
    ("In 2014 Jundallah threw its lot in with the Islamic State.",
     [("Jundallah", "affiliated_with", "Islamic State")]),
]

# succeeding a leader with no role named takes over the group the report says he leads
SUCCESSION = [
    ("Fazlullah led the TTP. Noor Wali Mehsud, who succeeded Fazlullah in 2018, united "
     "the factions.", [("Noor Wali Mehsud", "leads", TTP)]),
    ("Fazlullah led the TTP until 2018, when Noor Wali Mehsud replaced him.",
     [("Noor Wali Mehsud", "leads", TTP)]),
    ("Baitullah Mehsud founded the TTP. Hakimullah Mehsud succeeded him in 2009.",
     [("Hakimullah Mehsud", "leads", TTP)]),
]

# a plural apposition after a coordination describes every conjunct
PLURAL_APPOSITIONS = [
    ("The BLA and the BLF, both members of BRAS, have stepped up attacks.",
     [(BLA, "member_of", "Baloch Raaji Aajoi Sangar"),
      ("Balochistan Liberation Front", "member_of", "Baloch Raaji Aajoi Sangar")]),
    ("Analysts track Hizbul Ahrar and Jamaat-ul-Ahrar, both offshoots of the TTP.",
     [(JUA, "splinter_of", TTP), ("Hizbul Ahrar", "splinter_of", TTP)]),
    ("Lashkar-e-Taiba and Jaish-e-Mohammed, both members of the United Jihad Council, "
     "fight in Kashmir.", [(LET, "member_of", "United Jihad Council"),
                           ("Jaish-e-Mohammed", "member_of", "United Jihad Council")]),
]


@pytest.mark.parametrize(
    ("text", "wanted"),
    SUCCESSION + PLURAL_APPOSITIONS + REGIONAL_ROLES + MERE + DESCRIBED_AS + CONTACT_CLAUSES +
    WHERE_GROUND + GROUND_AND_NAMES + MOVING_BETWEEN + LOT)
def test_described_family(extractor, text: str, wanted: list[tuple]) -> None:
    check_triples(extractor, text, wanted, [])


def test_the_describer_is_the_source_not_the_subject(extractor) -> None:
    rows = claims(extractor, "US officials have described Lashkar-e-Islam as affiliated "
                             "with the TTP.")
    assert affirmed("Lashkar-e-Islam", "affiliated_with", TTP, "reported", "US officials") \
        in rows, rows
    rows = claims(extractor, "Analysts regard Jundallah as linked to the TTP.")
    assert affirmed("Jundallah", "affiliated_with", TTP, "believed", "Analysts") in rows, rows


def test_a_regional_role_is_no_leadership(extractor) -> None:
    check_triples(extractor, "Gunmen killed the Taliban governor of Balkh, Mohammad Dawood "
                  "Muzammil, in March.", [], [("Mohammad Dawood Muzammil", "leads", "Taliban"),
                                              ("Mohammad Dawood Muzammil", "leads", "Balkh")])


@pytest.mark.parametrize(
    ("text", "wanted"),
    COPULA_PLACES + HOME_TO + HELD_GROUND + FROM_GROUND + ROLE_IN_PLACE + TOOK_OVER +
    FOUNDED + COUNCIL_AND_DEPUTY + LEAVING_MEMBERS + PARTICLE_SPLITS + PATRONS)
def test_family(extractor, text: str, wanted: list[tuple]) -> None:
    check_triples(extractor, text, wanted, [])


def test_a_role_in_a_place_is_no_leadership_of_the_state(extractor) -> None:
    check_triples(extractor, "Qari Zahid, the ISKP chief in Afghanistan, was arrested.", [],
                  [("Qari Zahid", "leads", "Afghanistan")])


def test_acting_from_bases_is_no_mere_presence(extractor) -> None:
    check_triples(extractor, "Lashkar-e-Taiba fights India from bases in Pakistan.", [],
                  [(LET, "operates_in", "Pakistan")])


@pytest.mark.parametrize("text", [
    "Jaish-e-Mohammed weakened. Masood Azhar took over as spokesman.",  # no leading role
    "The TTP and ISKP clashed in Kunar. Noor Wali Mehsud took over.",  # which group?
    "Noor Wali Mehsud took over.",  # no group at all
])
def test_taking_over_needs_a_leading_role_and_one_group(extractor, text: str) -> None:
    assert not [r for r in claims(extractor, text) if r.predicate == "leads"]


def test_a_negated_copula_negates_the_place(extractor) -> None:
    assert negated(TTP, "based_in", "Pakistan") in \
        claims(extractor, "The TTP's headquarters is not in Pakistan.")


def test_hedged_copula_place_keeps_the_hedge(extractor) -> None:
    rows = claims(extractor, "Lashkar-e-Islam is weak. Its main base may be in Nangarhar.")
    placed = [r for r in rows if r.triple == ("Lashkar-e-Islam", "based_in", "Nangarhar")]
    assert placed and all(r.modality == "possible" for r in placed), rows


def test_a_reported_defection_is_reported(extractor) -> None:
    rows = claims(extractor, "Officials said Hafiz Saeed Khan had defected to ISKP.")
    assert affirmed("Hafiz Saeed Khan", "member_of", ISKP, "reported", "Officials") in rows, rows


def test_a_person_leaving_a_place_is_no_member(extractor) -> None:
    rows = claims(extractor, "Omar Khalid Khorasani left Pakistan in 2014.")
    assert not [r for r in rows if r.predicate == "member_of"], rows


def test_a_hedged_lot_stays_possible(extractor) -> None:
    rows = claims(extractor, "Jundallah may throw in its lot with al-Qaeda.")
    assert affirmed("Jundallah", "affiliated_with", "Al-Qaeda", "possible") in rows, rows


def test_a_believed_move_stays_believed(extractor) -> None:
    rows = claims(extractor, "Sanaullah Ghafari leads ISKP. He is believed to move between "
                             "hideouts in eastern Afghanistan.")
    assert affirmed("Shahab al-Muhajir", "based_in", "Afghanistan", "believed") in rows, rows


def test_succeeding_someone_who_leads_no_group_gives_nothing(extractor) -> None:
    rows = claims(extractor, "Noor Wali Mehsud succeeded Fazlullah.")
    assert not [r for r in rows if r.predicate == "leads"], rows


def test_a_singular_apposition_describes_the_last_conjunct(extractor) -> None:
    check_triples(extractor, "The TTP and Lashkar-e-Islam, a Khyber-based group, clashed.",
                  [("Lashkar-e-Islam", "based_in", "Khyber")],
                  [(TTP, "based_in", "Khyber")])


@pytest.mark.parametrize(("text", "triple"), [
    ("It is unclear whether Noor Wali Mehsud still leads the TTP.",
     ("Noor Wali Mehsud", "leads", TTP)),
    ("Analysts debate whether the BLA receives funding from India.", ("India", "supports", BLA)),
    ("It is not known whether the TTP's headquarters is in Kunar.", (TTP, "based_in", "Kunar")),
])
def test_an_open_question_is_possible_and_not_negated(extractor, text: str,
                                                      triple: tuple) -> None:
    rows = [r for r in claims(extractor, text) if r.triple == triple]
    assert rows and all(r.modality == "possible" and r.polarity == "affirmed"
                        for r in rows), rows


def test_a_diplomat_posted_in_a_place_says_nothing_of_presence(extractor) -> None:
    rows = claims(extractor, "The UN envoy in Kabul, Roza Otunbayeva, met Taliban officials.")
    assert not [r for r in rows if r.predicate == "operates_in"], rows


# "letting [the group shelter] on Afghan soil", parsed as one phrase
LET_SHELTER = [
    ("Pakistani officials accuse the Taliban of letting the TTP shelter on Afghan soil.",
     [("Taliban", "supports", TTP), (TTP, "based_in", "Afghanistan")]),
    ("The TTP has stepped up attacks on police. Officials accuse the Taliban government in "
     "Kabul of letting the group shelter on Afghan soil.",
     [("Taliban", "supports", TTP), (TTP, "based_in", "Afghanistan")]),
    ("Iran allowed the BLA shelter in Sistan.", [("Iran", "supports", BLA)]),
    ("The TTP grew. UN monitors report that the Taliban give the Pakistani group shelter.",
     [("Taliban", "supports", TTP)]),
]


@pytest.mark.parametrize(("text", "wanted"), LET_SHELTER)
def test_let_shelter(extractor, text: str, wanted: list[tuple]) -> None:
    check_triples(extractor, text, wanted, [("Taliban", "based_in", "Afghanistan")])


def test_an_accusation_of_letting_shelter_is_alleged(extractor) -> None:
    rows = claims(extractor, "Pakistani officials accuse the Taliban of letting the TTP "
                             "shelter on Afghan soil.")
    assert affirmed("Taliban", "supports", TTP, "alleged", "Pakistani officials") in rows, rows


# a person in command in a place operates there; announcing a new group founds it
COMMAND_AND_ANNOUNCE = [
    ("Khan Said Sajna, who had commanded Mehsud fighters in South Waziristan, left the TTP.",
     [("Khan Said Sajna", "operates_in", "South Waziristan")]),
    ("Mullah Fazlullah led the TTP in Swat before 2009.",
     [("Mullah Fazlullah", "operates_in", "Swat")]),
    ("Noor Wali Mehsud ran the group's operations in Bajaur.",
     [("Noor Wali Mehsud", "operates_in", "Bajaur")]),
    ("Omar Khalid Khorasani announced a breakaway group, Jamaat-ul-Ahrar, in 2014.",
     [("Omar Khalid Khorasani", "leads", JUA)]),
    ("In 2015 Hafiz Saeed Khan unveiled a new outfit, ISKP.",
     [("Hafiz Saeed Khan", "leads", ISKP)]),
    ("Mukarram Khan announced a new faction, Hizbul Ahrar, in 2017.",
     [("Mukarram Khan", "leads", "Hizbul Ahrar")]),
]


@pytest.mark.parametrize(("text", "wanted"), COMMAND_AND_ANNOUNCE)
def test_command_and_announce(extractor, text: str, wanted: list[tuple]) -> None:
    check_triples(extractor, text, wanted, [])


def test_never_commanding_somewhere_is_no_presence(extractor) -> None:
    rows = claims(extractor, "Mangal Bagh never commanded fighters in Kurram.")
    assert not [r for r in rows if r.predicate == "operates_in"], rows


def test_a_closing_denial_answers_only_its_own_clause(extractor) -> None:
    rows = claims(extractor, "Much of the group's leadership lives in Azad Kashmir, and Indian "
                             "officials say Hizbul Mujahideen receives funding from Pakistan, a "
                             "charge Islamabad rejects.")
    assert negated("Pakistan", "supports", "Hizbul Mujahideen", "reported", "Islamabad") \
        in rows, rows
    rows = claims(extractor, "Hizbul Mujahideen's leadership lives in Azad Kashmir, and Indian "
                             "officials say it receives funding from Pakistan, a charge "
                             "Islamabad rejects.")
    assert not [r for r in rows if r.predicate == "based_in" and r.polarity == "negated"], rows


# the ground's noun as the subject of a "where" clause; members among a partitive
WHERE_SUBJECTS_AND_PARTITIVES = [
    ("ISKP moved to Kabul from Nangarhar, where its first headquarters were located.",
     [(ISKP, "based_in", "Nangarhar")]),
    ("ISKP left Nangarhar, where its main base was.", [(ISKP, "based_in", "Nangarhar")]),
    ("Kunar, where the TTP's headquarters are, borders Nangarhar.", [(TTP, "based_in", "Kunar")]),
    ("ISKP grew. Several of its senior figures, including Qari Fateh, were killed.",
     [("Qari Fateh", "member_of", ISKP)]),
    ("Some of the TTP's commanders, including Qari Amjad, surrendered.",
     [("Qari Amjad", "member_of", TTP)]),
    ("Many of the BLA's commanders, including Aslam Baloch, were captured.",
     [("Aslam Baloch", "member_of", BLA)]),
]


@pytest.mark.parametrize(("text", "wanted"), WHERE_SUBJECTS_AND_PARTITIVES)
def test_where_subjects_and_partitives(extractor, text: str, wanted: list[tuple]) -> None:
    check_triples(extractor, text, wanted, [])


def test_a_set_off_where_clause_is_the_authors(extractor) -> None:
    rows = claims(extractor, "Jaish-e-Mohammed is a Deobandi group. Masood Azhar is believed "
                             "to live in Bahawalpur, where the group's headquarters has stood "
                             "for two decades.")
    assert affirmed("Jaish-e-Mohammed", "based_in", "Bahawalpur") in rows, rows
    assert affirmed("Masood Azhar", "based_in", "Bahawalpur", "believed") in rows, rows


def test_giving_a_named_group_shelter_places_no_giver(extractor) -> None:
    check_triples(extractor, "The Taliban gave the TTP shelter in Kunar.",
                  [("Taliban", "supports", TTP)], [("Taliban", "operates_in", "Kunar")])


def test_no_longer_home_is_negated(extractor) -> None:
    rows = claims(extractor, "North Waziristan is no longer home to the Haqqani network.")
    assert negated(HQN, "based_in", "North Waziristan") in rows, rows


@pytest.mark.parametrize("text", [
    "Zakir Musa did not break away from Hizbul Mujahideen.",  # still a member: no denial
    "Jets did not strike hideouts of the TTP in Kunar.",  # says nothing of the hideouts
])
def test_a_negated_deed_denies_no_structure(extractor, text: str) -> None:
    rows = claims(extractor, text)
    assert not [r for r in rows if r.polarity == "negated" and
                r.predicate in ("member_of", "operates_in")], rows


@pytest.mark.parametrize(("text", "row"), [
    ("If the talks fail, Noor Wali Mehsud could defect to ISKP.",
     affirmed("Noor Wali Mehsud", "member_of", ISKP, "hypothetical")),
    ("The TTP lost Fazlullah in 2018. Noor Wali Mehsud reportedly took over.",
     affirmed("Noor Wali Mehsud", "leads", TTP, "reported")),
    ("Officials claim Jamaat-ul-Ahrar is nothing more than a front for the TTP.",
     affirmed(JUA, "part_of", TTP, "alleged", "Officials")),
])
def test_modality_of_the_families_is_kept(extractor, text: str, row) -> None:
    assert row in claims(extractor, text)
