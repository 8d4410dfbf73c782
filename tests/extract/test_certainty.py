"""Certainty and attribution in other reporting styles: conditional consequences,
inserted speakers, claim cues that must not spill, and who a clause is about.
"""

from __future__ import annotations

from claimrows import BLA, ISKP, TTP, claims, record


def test_the_consequence_of_an_if_clause_is_hypothetical(extractor):
    for text in ("If the Taliban lose Kunduz, ISKP could acquire armed drones.",
                 "ISKP could acquire armed drones if the Taliban lose Kunduz."):
        rows = [r for r in claims(extractor, text) if r.predicate == "possesses"]
        assert [(r.subject, r.modality) for r in rows] == [(ISKP, "hypothetical")], text


def test_an_inserted_speaker_speaks_for_the_sentence(extractor):
    text = ("Amina Siddiqui is a security analyst in Quetta. If the talks fail, she warns, "
            "the BLA could acquire armed drones.")
    rows = [r for r in claims(extractor, text) if r.predicate == "possesses"]
    assert [(r.subject, r.modality, r.source) for r in rows] == \
        [(BLA, "hypothetical", "Amina Siddiqui")]


def test_a_pushed_actor_is_the_one_that_acts(extractor):
    # "push the military toward strikes": the military would strike, not "it"
    text = ("The Taliban shelter the TTP. If the raids go on, he warns, it could push the "
            "military toward cross-border strikes in Afghanistan.")
    assert not [r for r in claims(extractor, text)
                if r.predicate == "attacks" and r.subject == "Taliban"]


def test_a_leader_living_abroad_says_nothing_of_the_group(extractor):
    text = ("The BLA was founded in 2000. Its leader, Bashir Zeb Baloch, is believed to live "
            "outside Pakistan.")
    got = {(r.subject, r.predicate, r.object) for r in claims(extractor, text)}
    assert (BLA, "based_in", "Pakistan") not in got
    assert ("Bashir Zeb Baloch", "leads", BLA) in got


def test_a_claim_cue_stays_in_its_clause(extractor):
    text = ("The BLA claimed the Turbat attack, and Jamaat-ul-Ahrar, which split from the TTP "
            "in 2014, was blamed for the Wagah bombing.")
    splits = [r for r in claims(extractor, text) if r.predicate == "splinter_of"]
    assert [(r.subject, r.object, r.modality, r.source) for r in splits] == \
        [("Jamaat-ul-Ahrar", TTP, "asserted", None)]


def test_a_group_saying_it_did_something_is_the_subject(extractor):
    text = ("ISKP claimed the bombing, and a faction of the TTP said it had worked with "
            "Lashkar-e-Jhangvi on the attack.")
    coop = [r for r in claims(extractor, text) if r.predicate == "cooperates_with"]
    assert [(r.subject, r.object) for r in coop] == [(TTP, "Lashkar-e-Jhangvi")]


def test_a_source_is_never_cut_inside_brackets(extractor):
    text = ("The Islamic Movement of Uzbekistan (IMU) said the Taliban had supplied it with "
            "rockets.")
    sources = {c.source.text for c in record(extractor, text).claims if c.source}
    assert sources and all(s.count("(") == s.count(")") for s in sources)


def test_evidence_ends_without_blank_lines(extractor):
    text = "The TTP attacked a police post in Bannu.\n\n\nThe BLA claimed the Turbat attack.\n\n"
    rec = record(extractor, text)
    assert rec.claims
    for c in rec.claims:
        assert c.evidence.text == c.evidence.text.strip()
        assert text[c.evidence.start:c.evidence.end] == c.evidence.text


def test_an_extraposed_it_is_nobody(extractor):
    text = ("The United States designated the BLA in 2019. It is a crime to provide material "
            "support to the group.")
    assert not [r for r in claims(extractor, text) if r.predicate == "supports"]


def test_a_group_described_by_a_relative_clause_is_its_subject(extractor):
    rows = claims(extractor, "The BLA is an armed separatist group that targets Chinese "
                             "nationals.")
    assert [(r.subject, r.predicate, r.object) for r in rows] == \
        [(BLA, "targets", "Chinese nationals")]


def test_a_described_member_is_the_one_described(extractor):
    text = ("Omar Sheikh was arrested in 2002. Prosecutors described him as a member of "
            "Jaish-e-Mohammed.")
    rows = [r for r in claims(extractor, text) if r.predicate == "member_of"]
    assert [(r.subject, r.object, r.modality, r.source) for r in rows] == \
        [("Omar Sheikh", "Jaish-e-Mohammed", "reported", "Prosecutors")]


def test_a_nationality_is_no_membership_but_a_state_office_is(extractor):
    rows = claims(extractor, "Rashid Khan, a British-born militant, was jailed in India.")
    assert not [r for r in rows if r.predicate == "member_of"]
    rows = claims(extractor, "Afghan Defense Minister Mullah Mohammad Yaqoob visited Doha.")
    assert ("Mullah Mohammad Yaqoob", "member_of", "Afghanistan") in \
        [(r.subject, r.predicate, r.object) for r in rows]


def test_the_chief_of_a_bureau_is_a_member_not_the_leader(extractor):
    rows = claims(extractor, "Sara Malik, the Kabul bureau chief of the BBC, was detained.")
    assert [(r.subject, r.predicate) for r in rows if r.object == "BBC"] in \
        ([("Sara Malik", "member_of")], [])
    assert not [r for r in rows if r.predicate == "leads"]


def test_the_faction_is_the_group_called_a_faction(extractor):
    text = ("Gul Wazir, a commander of the Jamaat-ul-Ahrar faction of the Pakistani Taliban, "
            "praised the killing of the faction's former chief, Omar Khalid Khorasani.")
    rows = [r for r in claims(extractor, text) if r.predicate == "leads"]
    assert [(r.subject, r.object) for r in rows] == \
        [("Omar Khalid Khorasani", "Jamaat-ul-Ahrar")]


def test_a_heading_line_is_its_own_sentence(extractor):
    text = "Capabilities\nThe TTP fields armed drones. It has not yet used them in Bannu.\n"
    rec = record(extractor, text)
    names = {e.id: e.name for e in rec.entities}
    assert (TTP, "possesses", "armed drones") in \
        [(names[c.subject], c.predicate, names[c.object]) for c in rec.claims]
    assert all(not c.evidence.text.startswith("Capabilities") for c in rec.claims)


def test_a_denied_charge_is_the_claim_again_negated_in_the_deniers_words(extractor):
    rows = claims(extractor, "Kabul has long accused Islamabad of backing ISKP, a charge "
                             "Pakistan rejects.")
    got = {(r.subject, r.predicate, r.object, r.polarity, r.modality, r.source) for r in rows}
    assert ("Pakistan", "supports", ISKP, "affirmed", "alleged", "Kabul") in got
    assert ("Pakistan", "supports", ISKP, "negated", "reported", "Pakistan") in got


def test_revenge_for_a_killing_is_not_the_killing(extractor):
    text = ("The TTP claimed the bombing and called it revenge for the killing of its former "
            "chief, Hakimullah Mehsud.")
    assert not [r for r in claims(extractor, text)
                if r.predicate == "attacks" and r.object == "Hakimullah Mehsud"]


def test_a_charge_denied_in_the_next_sentence(extractor):
    rows = claims(extractor, "Kabul accuses Pakistan of sheltering ISKP. Islamabad denies the "
                             "charge.")
    got = {(r.subject, r.predicate, r.object, r.polarity, r.source) for r in rows}
    assert ("Pakistan", "supports", ISKP, "negated", "Islamabad") in got
    # a new paragraph answers nothing
    rows = claims(extractor, "Kabul accuses Pakistan of sheltering ISKP.\nIslamabad denies the "
                             "charge.")
    assert not [r for r in rows if r.polarity == "negated"]


def test_none_of_its_cells_negates_what_they_are_known_to_do(extractor):
    text = ("The TIP keeps fighters in Badakhshan. None of its Afghan cells are known to operate "
            "inside China.")
    rows = [r for r in claims(extractor, text) if r.object == "China"]
    assert rows and all(r.polarity == "negated" for r in rows)
