"""Capability claims and the modality of what is said (issues 17 and 18, round five).

Each family is tested on sentences written for it, in several wordings: a group's
arsenal however said, an incident's weapon and the tactic it implies, conditional
consequences, and cues that must stay in their own clause (a semicolon, a wire
dateline, a role noun beside a name)."""

from __future__ import annotations

import pytest
from claimrows import claims

BLA = "Balochistan Liberation Army"
TTP = "Tehrik-i-Taliban Pakistan"
ISKP = "Islamic State Khorasan Province"
JUA = "Jamaat-ul-Ahrar"


def _uses(rows, predicate="uses"):
    return {(r.subject, r.object, r.polarity) for r in rows if r.predicate == predicate}


# -- a group's capability, however worded -----------------------------------------------

GROUP_CAPABILITY = [
    ("The Hafiz Gul Bahadur group is armed with heavy machine guns.",
     ("Hafiz Gul Bahadur group", "possesses", "heavy machine guns")),
    ("Lashkar-e-Jhangvi acquired rocket-propelled grenades from smugglers last year.",
     ("Lashkar-e-Jhangvi", "possesses", "rocket-propelled grenades")),
    ("The BLA has access to night-vision goggles.", (BLA, "possesses", "night-vision goggles")),
    ("The TTP expanded its operations in 2022. Its fighters used quadcopters against army "
     "posts.", (TTP, "uses", "quadcopters")),
]


@pytest.mark.parametrize("text,triple", GROUP_CAPABILITY, ids=[t[:30] for t, _ in GROUP_CAPABILITY])
def test_a_group_capability_in_any_wording(extractor, text, triple):
    rows = claims(extractor, text)
    assert any(r.triple == triple and r.polarity == "affirmed" for r in rows), rows


NOT_YET = [
    ("The Turkistan Islamic Party has not yet used drones in Afghanistan.",
     ("Turkistan Islamic Party", "uses", "drones")),
    ("The BLA has never deployed armed drones.", (BLA, "uses", "armed drones")),
    ("Lashkar-e-Islam lacks heavy weapons.", ("Lashkar-e-Islam", "possesses", "heavy weapons")),
]


@pytest.mark.parametrize("text,triple", NOT_YET, ids=[t[:30] for t, _ in NOT_YET])
def test_a_capability_not_had_is_negated(extractor, text, triple):
    rows = [r for r in claims(extractor, text) if r.triple == triple]
    assert rows and all(r.polarity == "negated" for r in rows)


# -- the weapon of an incident, and the tactic it implies --------------------------------

VESTS = [
    "A teenager wearing an explosive vest blew himself up at a funeral in Jalalabad on Monday.",
    "An attacker detonated a suicide vest outside a mosque in Quetta on Friday.",
    "A man in a suicide jacket walked into a wedding hall in Kabul and detonated it on "
    "Saturday.",
]


@pytest.mark.parametrize("text", VESTS, ids=[t[:25] for t in VESTS])
def test_a_worn_vest_is_a_suicide_bomber(extractor, text):
    objects = {o for _, o, _ in _uses(claims(extractor, text, "2024-06-26"))}
    assert "suicide bombers" in objects and not objects & {"suicide vests", "explosive vest",
                                                            "suicide vest", "suicide jacket"}


VEHICLE_BOMBS = [
    "A motorcycle bomb exploded near a police van in Quetta on Sunday.",
    "A car bomb tore through a crowded market in Peshawar on Tuesday.",
    "On 27 January an ambulance packed with explosives was detonated at a checkpoint in "
    "Kabul.",
]


@pytest.mark.parametrize("text", VEHICLE_BOMBS, ids=[t[:25] for t in VEHICLE_BOMBS])
def test_a_vehicle_bomb_is_a_vbied(extractor, text):
    rec_rows = claims(extractor, text, "2024-06-26")
    uses = [r for r in rec_rows if r.predicate == "uses"]
    assert uses, rec_rows
    # every wording resolves to the one taxonomy node
    from threatnet.resolve.pack import load_actor_pack
    pack = load_actor_pack()
    names = {a.name.casefold() for a in pack.entries["vbied"].aliases} | \
        {pack.entries["vbied"].name.casefold()}
    assert any(r.object.casefold() in names for r in uses), uses


PLAIN_BOMBS = [
    "A bomb went off beside a car carrying a senior politician in Mastung on Friday.",
    "Seven bombs exploded on commuter trains in Mumbai on 11 July 2006.",
    "A bomb hidden on a bus exploded in Peshawar on Friday, killing 17 government employees.",
]


@pytest.mark.parametrize("text", PLAIN_BOMBS, ids=[t[:25] for t in PLAIN_BOMBS])
def test_a_plain_bomb_that_went_off_is_an_ied(extractor, text):
    objects = {o for _, o, _ in _uses(claims(extractor, text, "2024-06-26"))}
    assert objects == {"improvised explosive devices"}


def test_a_bomb_that_struck_says_nothing_of_its_kind(extractor):
    rows = claims(extractor, "In January 2013 two bombs tore through a snooker hall on "
                             "Alamdar Road in Quetta, killing more than 80 people.")
    assert not _uses(rows)


ROCKETS = [
    "Gunmen fired rockets at an army camp in Zhob on Monday.",
    "Militants fired rockets and grenades at the miners' quarters in Duki on 11 October.",
    "Insurgents attacked a police post in Tank with rockets on Sunday.",
]


@pytest.mark.parametrize("text", ROCKETS, ids=[t[:25] for t in ROCKETS])
def test_rockets_are_a_node_of_their_own(extractor, text):
    objects = {o for _, o, _ in _uses(claims(extractor, text, "2024-06-26"))}
    assert "rockets" in objects


# -- conditional consequences and speculation --------------------------------------------

CONDITIONALS = [
    "If the Taliban lose control of the border, ISKP could acquire armed drones.",
    "ISKP could acquire armed drones if the Taliban lose control of the border.",
    "Should the border stay open, ISKP might obtain armed drones.",
    "Unless the Taliban tighten their grip, ISKP may soon get armed drones.",
]


@pytest.mark.parametrize("text", CONDITIONALS, ids=[t[:25] for t in CONDITIONALS])
def test_a_conditional_acquisition_is_hypothetical_in_every_wording(extractor, text):
    rows = [r for r in claims(extractor, text) if r.triple == (ISKP, "possesses", "armed drones")]
    assert rows and all(r.modality == "hypothetical" for r in rows)


# -- a cue stays in its own clause -------------------------------------------------------

SEMICOLONS = [
    ("Jamaat-ul-Ahrar split from the TTP in 2014; the group later claimed the Easter "
     "bombing in Lahore.", (JUA, "splinter_of", TTP)),
    ("The BLA is based in Balochistan; officials claimed that it receives money from India.",
     (BLA, "based_in", "Balochistan")),
    ("The TTP operates in Khyber; Pakistan has accused Afghanistan of sheltering it.",
     (TTP, "operates_in", "Khyber")),
]


@pytest.mark.parametrize("text,triple", SEMICOLONS, ids=[t[:25] for t, _ in SEMICOLONS])
def test_a_claim_verb_after_a_semicolon_leaves_the_first_clause_alone(extractor, text, triple):
    rows = [r for r in claims(extractor, text) if r.triple == triple]
    assert rows and all((r.modality, r.source) == ("asserted", None) for r in rows), rows


def test_the_claim_of_the_second_clause_keeps_its_cue(extractor):
    rows = claims(extractor, "The BLA is based in Balochistan; officials claimed that it "
                             "receives money from India.")
    assert [(r.modality, r.source) for r in rows if r.predicate == "supports"] == \
        [("alleged", "officials")]


def test_a_bomber_named_by_a_group_that_claimed_it_in_the_next_clause(extractor):
    rows = claims(extractor, "On 6 October a suicide bomber struck a convoy carrying Chinese "
                             "engineers near Karachi's airport; the BLA claimed the bombing.",
                  "2024-11-01")
    uses = [r for r in rows if r.predicate == "uses"]
    assert uses and all((r.modality, r.source) == ("asserted", None) for r in uses)
    assert any(r.subject == BLA and r.predicate == "perpetrated" and r.modality == "alleged"
               for r in rows)


DATELINES = [
    ("QUETTA, Pakistan, March 3, 2024 (Reuters) - Police in Balochistan said on Sunday that "
     "the BLA operates in Kech district.", "Police in Balochistan"),
    ("KABUL, Nov 3, 2020 (AFP) - Afghanistan's first vice-president on Tuesday accused the "
     "Taliban of sheltering al-Qaeda.", "Afghanistan's first vice-president"),
    ("ISLAMABAD (AP) \u2014 A senior security official said the TTP receives weapons from "
     "Afghanistan.", "A senior security official"),
]


@pytest.mark.parametrize("text,source", DATELINES, ids=[t[:10] for t, _ in DATELINES])
def test_a_wire_dateline_is_no_part_of_the_source(extractor, text, source):
    rows = claims(extractor, text)
    assert rows and {r.source for r in rows} == {source}


ROLES = [
    ("Pakistani officials believe that the TTP's leader, Noor Wali Mehsud, lives in Kabul.",
     ("Noor Wali Mehsud", "leads", TTP)),
    ("Police said the BLA spokesman Jeeyand Baloch had issued a statement.",
     ("Jeeyand Baloch", "member_of", BLA)),
    ("Analysts fear that the TTP chief, Noor Wali Mehsud, could move to Kunar.",
     ("Noor Wali Mehsud", "leads", TTP)),
]


@pytest.mark.parametrize("text,triple", ROLES, ids=[t[:25] for t, _ in ROLES])
def test_a_role_beside_a_name_is_the_authors_description(extractor, text, triple):
    rows = [r for r in claims(extractor, text) if r.triple == triple]
    assert rows and all((r.modality, r.source) == ("asserted", None) for r in rows), rows


def test_a_role_stated_in_reported_speech_stays_reported(extractor):
    rows = claims(extractor, "Officials said Noor Wali Mehsud is the leader of the TTP.")
    assert [(r.modality, r.source) for r in rows if r.predicate == "leads"] == \
        [("reported", "Officials")]


TRAILING_SPEAKERS = [
    "Hafiz Saeed Khan was killed in a US drone strike in Achin, the Pentagon confirmed the "
    "following month.",
    "The TTP operates in Kunar, Pakistani officials said on Monday.",
    "The BLA operates in Kech, the police chief said last week.",
]


@pytest.mark.parametrize("text", TRAILING_SPEAKERS, ids=[t[:20] for t in TRAILING_SPEAKERS])
def test_a_speaker_after_the_clause_still_speaks_for_it(extractor, text):
    rows = claims(extractor, text)
    assert rows and all(r.source is not None for r in rows), rows


OWNED = [
    ("ISKP has grown since 2021. In October 2021 its suicide bombers struck Shia mosques in "
     "Kunduz.", (ISKP, "uses", "suicide bombers")),
    ("Jaish-e-Mohammed's suicide bombers struck an army camp in Uri.",
     ("Jaish-e-Mohammed", "uses", "suicide bombers")),
    ("The Pakistan Army's helicopter gunships pounded hideouts in Tirah.",
     ("Pakistan Army", "uses", "helicopter gunships")),
]


@pytest.mark.parametrize("text,triple", OWNED, ids=[t[:25] for t, _ in OWNED])
def test_a_capability_its_owner_sends_into_a_deed_is_used(extractor, text, triple):
    rows = claims(extractor, text)
    assert any(r.triple == triple and r.polarity == "affirmed" for r in rows), rows


BRANCHES = [
    ("The Turkistan Islamic Party has not yet used drones in Afghanistan, although its "
     "branch in Syria is reported to have used drones.",
     ("Turkistan Islamic Party", "uses", "drones"), "reported"),
    ("The TTP has grown. Its branch in Punjab acquired heavy weapons last year.",
     (TTP, "possesses", "heavy weapons"), "asserted"),
    ("The BLA expanded in 2023. Its branch in Kech deployed quadcopters.",
     (BLA, "uses", "quadcopters"), "asserted"),
]


@pytest.mark.parametrize("text,triple,modality", BRANCHES, ids=[t[:25] for t, _, _ in BRANCHES])
def test_a_groups_branch_acts_for_it(extractor, text, triple, modality):
    rows = claims(extractor, text)
    assert any(r.triple == triple and r.polarity == "affirmed" and r.modality == modality
               for r in rows), rows


ASIDES = [
    ("Others may fear that a crackdown would push cadres towards ISKP, which has been the "
     "Taliban's bitterest enemy.", (ISKP, "hostile_to", "Taliban")),
    ("Analysts warn that the Haqqani network, which has long cooperated with al-Qaeda, "
     "could shelter the TTP.", ("Haqqani network", "cooperates_with", "Al-Qaeda")),
    ("If the TTP, which is based in Afghanistan, attacks Bannu, the army may respond.",
     (TTP, "based_in", "Afghanistan")),
]


@pytest.mark.parametrize("text,triple", ASIDES, ids=[t[:25] for t, _ in ASIDES])
def test_a_relative_clause_set_off_is_the_authors_aside(extractor, text, triple):
    rows = [r for r in claims(extractor, text) if r.triple == triple]
    assert rows and all((r.modality, r.source) == ("asserted", None) for r in rows), rows


def test_the_speculation_around_an_aside_stays_speculation(extractor):
    rows = claims(extractor, "Analysts warn that the Haqqani network, which has long "
                             "cooperated with al-Qaeda, could shelter the TTP.")
    assert [(r.modality, r.source) for r in rows if r.predicate == "supports"] == \
        [("hypothetical", "Analysts")]


APPOINTMENTS = [
    "Noor Wali Mehsud was named leader of the TTP in June 2018.",
    "The shura named Mullah Fazlullah emir of the TTP in 2013.",
    "In 2018 the TTP's council named Noor Wali Mehsud its new chief.",
]


@pytest.mark.parametrize("text", APPOINTMENTS, ids=[t[:25] for t in APPOINTMENTS])
def test_naming_someone_to_a_post_is_no_report(extractor, text):
    rows = [r for r in claims(extractor, text) if r.predicate == "leads"]
    assert rows and all(r.modality == "asserted" for r in rows), rows


WARNINGS = [
    ("A crackdown, she cautioned, might drive TTP fighters into Afghanistan.",
     (TTP, "operates_in", "Afghanistan")),
    ("Continued TTP attacks, the analyst warned, could push Pakistan toward strikes on "
     "Afghanistan.", ("Pakistan", "attacks", "Afghanistan")),
    ("Officials fear that sustained pressure could push the BLA toward an alliance with the "
     "TTP.", (BLA, "allied_with", TTP)),
]


@pytest.mark.parametrize("text,triple", WARNINGS, ids=[t[:25] for t, _ in WARNINGS])
def test_a_warned_consequence_is_never_asserted(extractor, text, triple):
    rows = [r for r in claims(extractor, text) if r.triple == triple]
    assert rows and all(r.modality in ("possible", "hypothetical") for r in rows), rows


NOMINAL_USE = [
    ("The TTP is known for its use of suicide bombers.", (TTP, "uses", "suicide bombers")),
    ("ISKP's reliance on suicide attacks has grown since 2021.",
     (ISKP, "uses", "suicide attacks")),
    ("The BLA's deployment of quadcopters worried the army.", (BLA, "uses", "quadcopters")),
    ("ISKP's weapons include heavy machine guns and mortars.",
     (ISKP, "possesses", "heavy machine guns")),
    ("The TTP's weaponry now includes night-vision goggles.",
     (TTP, "possesses", "night-vision goggles")),
]


@pytest.mark.parametrize("text,triple", NOMINAL_USE, ids=[t[:25] for t, _ in NOMINAL_USE])
def test_a_groups_use_or_weapons_named_as_a_noun(extractor, text, triple):
    rows = claims(extractor, text)
    assert any(r.triple == triple and r.polarity == "affirmed" for r in rows), rows


def test_weapons_seized_from_a_group_are_no_arsenal_claim(extractor):
    rows = claims(extractor, "The army seized weapons from a TTP hideout in Bannu.")
    assert not [r for r in rows if r.predicate in ("uses", "possesses")]


CLAIMED_WEAPONS = [
    "The banned organisation Daesh has claimed responsibility for Sunday's suicide attack on "
    "a convention of the JUI-F in Bajaur.",
    "The TTP claimed the suicide bombing of a police station in Bannu on Monday.",
    "Officials blamed the BLA for Friday's suicide attack on a bus in Quetta.",
]


@pytest.mark.parametrize("text", CLAIMED_WEAPONS, ids=[t[:25] for t in CLAIMED_WEAPONS])
def test_the_weapon_of_a_claimed_attack_is_the_authors(extractor, text):
    rows = claims(extractor, text, "2024-06-26")
    uses = [r for r in rows if r.predicate == "uses"]
    assert uses and all((r.modality, r.source) == ("asserted", None) for r in uses), rows
    assert any(r.predicate == "perpetrated" and r.modality == "alleged" for r in rows)


INFERRED_DOERS = [
    "The Islamic State claimed the assault. Three gunmen stormed Kabul University on Monday, "
    "firing automatic rifles and throwing grenades at students.",
    "The TTP claimed the raid. Unidentified attackers stormed a police post in Tank on "
    "Sunday, firing rockets at the guards.",
    "The BLA said it carried out the attack. Gunmen opened fire on a bus in Kech on Friday "
    "and hurled grenades at its passengers.",
]


@pytest.mark.parametrize("text", INFERRED_DOERS, ids=[t[:25] for t in INFERRED_DOERS])
def test_anonymous_doers_weapons_are_the_incidents(extractor, text):
    rows = claims(extractor, text, "2024-06-26")
    uses = [r for r in rows if r.predicate == "uses"]
    assert uses and all(r.subject not in ("Islamic State", TTP, BLA) for r in uses), uses


def test_named_doers_weapons_are_their_groups(extractor):
    rows = claims(extractor, "On 3 May TTP militants stormed a police post in Tank, firing "
                             "rockets.", "2024-06-26")
    assert any(r.triple == (TTP, "uses", "rockets") for r in rows), rows


QUESTIONS = [
    ("QUESTION: Was India's role in the Karachi attack raised with the Afghan side?",
     ("India", "involved_in", "Karachi attack")),
    ("Does the TTP operate from Afghanistan?", (TTP, "based_in", "Afghanistan")),
    ("Is the BLA allied with the TTP?", (BLA, "allied_with", TTP)),
]


@pytest.mark.parametrize("text,triple", QUESTIONS, ids=[t[:25] for t, _ in QUESTIONS])
def test_a_question_asserts_nothing(extractor, text, triple):
    rows = [r for r in claims(extractor, text) if r.triple == triple]
    assert rows and all(r.modality == "possible" for r in rows), rows


EMPTY_ACCORDING = [
    ("According to details, on Sunday afternoon a suicide bomber blew himself up near the "
     "stage at a JUI-F convention in Bajaur.", "uses"),
    ("According to the details, the TTP operates in Bajaur.", "operates_in"),
    ("According to details, the BLA has set up camps in Kech.", "operates_in"),
]


@pytest.mark.parametrize("text,predicate", EMPTY_ACCORDING,
                         ids=[t[:30] for t, _ in EMPTY_ACCORDING])
def test_according_to_details_is_the_reports_own_narration(extractor, text, predicate):
    rows = [r for r in claims(extractor, text, "2024-06-26") if r.predicate == predicate]
    assert rows and all((r.modality, r.source) == ("asserted", None) for r in rows), rows


def test_according_to_a_source_still_reports(extractor):
    rows = claims(extractor, "According to police, the BLA operates in Kech.")
    assert [(r.modality, r.source) for r in rows] == [("reported", "police")]


KNOWN_FOR = [
    ("Harkat-ul-Mujahideen is known for fidayeen assaults on military bases.",
     ("Harkat-ul-Mujahideen", "uses", "fidayeen")),
    ("The BLA is notorious for suicide attacks on Chinese nationals.",
     (BLA, "uses", "suicide attacks")),
    ("Lashkar-e-Jhangvi specialises in targeted killings of Shia professionals.",
     ("Lashkar-e-Jhangvi", "uses", "targeted killings")),
]


@pytest.mark.parametrize("text,triple", KNOWN_FOR, ids=[t[:25] for t, _ in KNOWN_FOR])
def test_what_a_group_is_known_for_is_what_it_uses(extractor, text, triple):
    rows = claims(extractor, text)
    assert any(r.triple == triple and r.polarity == "affirmed" for r in rows), rows


def test_known_for_a_stance_is_no_capability(extractor):
    rows = claims(extractor, "The TTP is known for its hostility to Pakistan.")
    assert not [r for r in rows if r.predicate == "uses"]


CARRIED_OUT = [
    ("Harkat-ul-Mujahideen carries out its suicide operations from camps in Kunar.",
     ("Harkat-ul-Mujahideen", "uses", "suicide operations")),
    ("The TTP conducted suicide attacks on police stations in 2023.",
     (TTP, "uses", "suicide attacks")),
    ("ISKP has mounted martyrdom operations against Shia mosques.",
     (ISKP, "uses", "martyrdom operations")),
]


@pytest.mark.parametrize("text,triple", CARRIED_OUT, ids=[t[:25] for t, _ in CARRIED_OUT])
def test_a_tactic_a_group_carries_out_is_used(extractor, text, triple):
    rows = claims(extractor, text)
    assert any(r.triple == triple and r.polarity == "affirmed" for r in rows), rows
    assert not [r for r in rows if r.predicate == "possesses"]


ONE_NODE = [
    "On Friday a suicide bomber detonated an explosive vest outside a mosque in Quetta.",
    "A suicide bomber wearing a suicide jacket blew himself up at a rally in Bajaur on Sunday.",
    "A suicide attacker set off his explosive vest at a checkpoint in Bannu on Monday.",
]


@pytest.mark.parametrize("text", ONE_NODE, ids=[t[:25] for t in ONE_NODE])
def test_a_bomber_and_his_vest_are_one_tactic(extractor, text):
    from claimrows import record
    rec = record(extractor, text, "2024-06-26")
    used = {c.object for c in rec.claims if c.predicate == "uses"}
    kinds = {e.kind for e in rec.entities if e.id in used}
    assert len(used) == 1 and kinds == {"suicide_bombing"}, used
