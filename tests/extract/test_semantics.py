"""Claim semantics: sources and their chains, carry-over, modality, negation, time and
confidence, sentence by sentence; and two properties over template sentences."""

from __future__ import annotations

import pytest
from claimrows import (
    ARMY,
    BLA,
    BLF,
    CHINESE,
    FC,
    ISKP,
    TTP,
    affirmed,
    claims,
    negated,
    record,
    rows,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from threatnet.model import Modality

# -- attribution ------------------------------------------------------------------

ATTRIBUTION = [
    ("According to Pakistani officials, the TTP attacked the Frontier Corps.",
     [affirmed(TTP, "attacks", FC, "reported", "Pakistani officials")]),
    ("The TTP does not have armed drones, according to Taliban sources.",
     [negated(TTP, "possesses", "armed drones", "reported", "Taliban sources")]),
    ("The CTD said the BLA attacked Chinese nationals in Karachi.",  # an incident too
     [affirmed(BLA, "perpetrated", "attack on Chinese nationals, Karachi", "reported",
               "The CTD"),
      affirmed("attack on Chinese nationals, Karachi", "occurred_in", "Karachi", "reported",
               "The CTD"),
      affirmed(BLA, "attacks", CHINESE, "reported", "The CTD"),
      affirmed("attack on Chinese nationals, Karachi", "targets", CHINESE, "reported",
               "The CTD"),
      affirmed(BLA, "operates_in", "Karachi", "reported", "The CTD")]),
    ("Reuters reported that the BLA attacked Chinese nationals.",
     [affirmed(BLA, "attacks", CHINESE, "reported", "Reuters")]),
    ("Reports indicate that the BLA has acquired heavy weapons.",
     [affirmed(BLA, "possesses", "heavy weapons", "reported", "Reports")]),
    ("A CTD official claimed that the BLA possesses armed drones.",
     [affirmed(BLA, "possesses", "armed drones", "alleged", "A CTD official")]),
    ("Sources claim that ISKP possesses armed drones.",
     [affirmed(ISKP, "possesses", "armed drones", "alleged", "Sources")]),
    ("Pakistani officials accused the TTP of attacking Chinese nationals.",
     [affirmed(TTP, "attacks", CHINESE, "alleged", "Pakistani officials")]),
    ("The ISPR confirmed that the TTP attacked the Pakistan Army.",
     [affirmed(TTP, "attacks", ARMY, "asserted", "The ISPR")]),
    ("Zabihullah Mujahid told reporters that the Taliban do not support the TTP.",
     [negated("Taliban", "supports", TTP, "reported", "Zabihullah Mujahid")]),
    ("The Taliban denied that they support the TTP.",
     [negated("Taliban", "supports", TTP, "reported", "The Taliban")]),
    ("The Taliban denied supporting the TTP.",
     [negated("Taliban", "supports", TTP, "reported", "The Taliban")]),
    ("Pakistan denied that it supports the BLA.",
     [negated("Pakistan", "supports", BLA, "reported", "Pakistan")]),
    ("Officials said BLA commanders are based in Afghanistan.",
     [affirmed(BLA, "based_in", "Afghanistan", "reported", "Officials")]),
]


@pytest.mark.parametrize(("text", "expected"), ATTRIBUTION, ids=[c[0][:50] for c in ATTRIBUTION])
def test_attribution(extractor, text, expected):
    assert claims(extractor, text) == expected


def test_pronoun_source_resolves_to_its_speaker(extractor):
    text = ("Zabihullah Mujahid said the Taliban support the TTP. "
            "He denied that they support ISKP.")
    rec = record(extractor, text)
    assert rows(rec) == [
        affirmed("Taliban", "supports", TTP, "reported", "Zabihullah Mujahid"),
        negated("Taliban", "supports", ISKP, "reported", "Zabihullah Mujahid"),
    ]
    speaker = next(e.id for e in rec.entities if e.name == "Zabihullah Mujahid")
    assert [c["source_entity"] for c in rec.to_dict()["claims"]] == [speaker, speaker]


# -- nested sources --------------------------------------------------------------------

NESTED = [
    ("Police said the BLA claimed responsibility for the Jaffar Express hijacking.",
     affirmed(BLA, "perpetrated", "Jaffar Express hijacking", "alleged", "the BLA"),
     ["Police"]),
    ("Analysts said the CTD claimed that the TTP possesses armed drones.",
     affirmed(TTP, "possesses", "armed drones", "alleged", "the CTD"), ["Analysts"]),
    ("Officials said the Taliban claimed that the TTP does not operate in Afghanistan.",
     negated(TTP, "operates_in", "Afghanistan", "alleged", "the Taliban"), ["Officials"]),
    ("According to the BBC, Pakistani officials said the TTP possesses armed drones.",
     affirmed(TTP, "possesses", "armed drones", "reported", "Pakistani officials"),
     ["the BBC"]),
]


@pytest.mark.parametrize(("text", "claim", "chain"), NESTED, ids=[c[0][:50] for c in NESTED])
def test_nested_sources_keep_the_chain(extractor, text, claim, chain):
    rec = record(extractor, text)
    assert rows(rec) == [claim]
    as_json = rec.to_dict()["claims"][0]
    assert as_json["source"] == claim.source
    assert as_json["qualifiers"]["source_chain"] == chain


def test_single_source_has_no_chain(extractor):
    rec = record(extractor, "The CTD said the BLA attacked Chinese nationals.")
    assert rows(rec) == [affirmed(BLA, "attacks", CHINESE, "reported", "The CTD")]
    assert "source_chain" not in rec.to_dict()["claims"][0]["qualifiers"]


# -- carry-over of attribution -------------------------------------------------------

CARRY = [
    ("A journalist said the BLA had acquired armed drones. They also possess heavy weapons.",
     [affirmed(BLA, "possesses", "armed drones", "reported", "A journalist"),
      affirmed(BLA, "possesses", "heavy weapons", "reported", "A journalist")]),
    ("A journalist said the BLA had acquired armed drones. "
     "They have also attacked the Frontier Corps.",
     [affirmed(BLA, "possesses", "armed drones", "reported", "A journalist"),
      affirmed(BLA, "attacks", FC, "reported", "A journalist")]),
    ("A CTD official said Noor Wali Mehsud had moved to Kabul. "
     "He now leads the TTP from Afghanistan.",
     [affirmed("Noor Wali Mehsud", "based_in", "Kabul", "reported", "A CTD official"),
      affirmed("Noor Wali Mehsud", "leads", TTP, "reported", "A CTD official")]),
    ("A journalist said the BLA had acquired armed drones. Such drones have been used by the TTP.",
     [affirmed(BLA, "possesses", "armed drones", "reported", "A journalist"),
      affirmed(TTP, "uses", "armed drones", "reported", "A journalist")]),
    # the author's own voice is not carried over
    ("A CTD official said the BLA had acquired armed drones. "
     "The BLA also possesses heavy weapons.",
     [affirmed(BLA, "possesses", "armed drones", "reported", "A CTD official"),
      affirmed(BLA, "possesses", "heavy weapons")]),
    ("A journalist said the BLA had acquired armed drones. ISKP attacked the Taliban.",
     [affirmed(BLA, "possesses", "armed drones", "reported", "A journalist"),
      affirmed(ISKP, "attacks", "Taliban")]),
    ("A CTD official said the BLA possesses armed drones. The TTP operates in Bajaur.",
     [affirmed(BLA, "possesses", "armed drones", "reported", "A CTD official"),
      affirmed(TTP, "operates_in", "Bajaur")]),
    # the source carries over; the modal of its first sentence does not
    ("A journalist said the TTP may possess armed drones. They also use quadcopters.",
     [affirmed(TTP, "possesses", "armed drones", "possible", "A journalist"),
      affirmed(TTP, "uses", "quadcopters", "reported", "A journalist")]),
]


@pytest.mark.parametrize(("text", "expected"), CARRY, ids=[c[0][:60] for c in CARRY])
def test_attribution_carry_over(extractor, text, expected):
    assert claims(extractor, text) == expected


# -- modality cues ------------------------------------------------------------------------

MODALITY = [
    ("The TTP reportedly possesses armed drones.",
     [affirmed(TTP, "possesses", "armed drones", "reported")]),
    ("Reportedly, the TTP attacked the Frontier Corps.",
     [affirmed(TTP, "attacks", FC, "reported")]),
    ("The BLA allegedly attacked Chinese nationals.",
     [affirmed(BLA, "attacks", CHINESE, "alleged")]),
    ("The Taliban allegedly support the TTP.",
     [affirmed("Taliban", "supports", TTP, "alleged")]),
    ("It is believed that the TTP possesses armed drones.",
     [affirmed(TTP, "possesses", "armed drones", "believed")]),
    ("It is believed that ISKP attacked the Taliban.",
     [affirmed(ISKP, "attacks", "Taliban", "believed")]),
    ("The TTP is thought to possess armed drones.",
     [affirmed(TTP, "possesses", "armed drones", "believed")]),
    ("The TTP is believed to have armed drones.",
     [affirmed(TTP, "possesses", "armed drones", "believed")]),
    ("The BLA apparently possesses armed drones.",
     [affirmed(BLA, "possesses", "armed drones", "believed")]),
    ("The TTP may possess armed drones.",
     [affirmed(TTP, "possesses", "armed drones", "possible")]),
    ("The TTP might attack Chinese nationals.",
     [affirmed(TTP, "attacks", CHINESE, "possible")]),
    ("ISKP could target the Taliban.", [affirmed(ISKP, "targets", "Taliban", "possible")]),
    ("The TTP possibly possesses armed drones.",
     [affirmed(TTP, "possesses", "armed drones", "possible")]),
    ("According to Taliban sources, the TTP may possess armed drones.",
     [affirmed(TTP, "possesses", "armed drones", "possible", "Taliban sources")]),
    ("If relations sour, the Taliban could support the BLA.",
     [affirmed("Taliban", "supports", BLA, "hypothetical")]),
    ("The TTP will attack the Pakistan Army if the talks fail.",
     [affirmed(TTP, "attacks", ARMY, "hypothetical")]),
    ("If the Taliban support the TTP, Pakistan could attack Afghanistan.",
     [affirmed("Taliban", "supports", TTP, "hypothetical"),
      affirmed("Pakistan", "attacks", "Afghanistan", "hypothetical")]),
    ("Officials fear that the TTP will target Chinese nationals.",
     [affirmed(TTP, "targets", CHINESE, "hypothetical", "Officials")]),
    ("Officials fear the TTP could acquire armed drones.",
     [affirmed(TTP, "possesses", "armed drones", "hypothetical", "Officials")]),
    ("Analysts warned that ISKP could attack the Taliban.",
     [affirmed(ISKP, "attacks", "Taliban", "hypothetical", "Analysts")]),
    ("Officials warned that the BLA might target Chinese nationals.",
     [affirmed(BLA, "targets", CHINESE, "hypothetical", "Officials")]),
    ("Noor Wali Mehsud said the TTP would attack the Pakistan Army.",
     [affirmed(TTP, "attacks", ARMY, "hypothetical", "Noor Wali Mehsud")]),
    # "may also" stays on its own conjunct
    ("The TTP attacked the Frontier Corps and may also possess armed drones.",
     [affirmed(TTP, "attacks", FC), affirmed(TTP, "possesses", "armed drones", "possible")]),
    ("The BLA attacked the Frontier Corps and may also target Chinese nationals.",
     [affirmed(BLA, "attacks", FC), affirmed(BLA, "targets", CHINESE, "possible")]),
    ("The TTP attacked the Pakistan Army and might also target Chinese nationals.",
     [affirmed(TTP, "attacks", ARMY), affirmed(TTP, "targets", CHINESE, "possible")]),
    ("The BLA has not attacked the Frontier Corps and may also target Chinese nationals.",
     [negated(BLA, "attacks", FC), affirmed(BLA, "targets", CHINESE, "possible")]),
]


@pytest.mark.parametrize(("text", "expected"), MODALITY, ids=[c[0][:50] for c in MODALITY])
def test_modality(extractor, text, expected):
    assert claims(extractor, text) == expected


# -- negation --------------------------------------------------------------------------

NEGATION = [
    ("The TTP does not possess armed drones.",
     [negated(TTP, "possesses", "armed drones")]),
    ("The TTP did not attack the Frontier Corps.", [negated(TTP, "attacks", FC)]),
    ("The TTP does not support ISKP.", [negated(TTP, "supports", ISKP)]),
    # no attack in Gwadar says nothing of whether the BLA is present there
    ("The BLA has never attacked Chinese nationals in Gwadar.",
     [negated(BLA, "attacks", CHINESE)]),
    ("The Taliban have never supported ISKP.", [negated("Taliban", "supports", ISKP)]),
    ("The TTP never had armed drones.", [negated(TTP, "possesses", "armed drones")]),
    ("The TTP no longer operates in Swat.", [negated(TTP, "operates_in", "Swat")]),
    ("The BLA no longer cooperates with the BLF.", [negated(BLA, "cooperates_with", BLF)]),
    ("The BLA has yet to use armed drones.", [negated(BLA, "uses", "armed drones")]),
    ("ISKP has yet to attack Chinese nationals.", [negated(ISKP, "attacks", CHINESE)]),
    ("The TTP has not yet used armed drones.", [negated(TTP, "uses", "armed drones")]),
    ("None of the BLA factions possess armed drones.",
     [negated(BLA, "possesses", "armed drones")]),
    ("The BLA has had no armed drones.", [negated(BLA, "possesses", "armed drones")]),
    ("The ISPR said that the TTP had no armed drones.",
     [negated(TTP, "possesses", "armed drones", "reported", "The ISPR")]),
    # (the attack named after Turbat happened there, whoever carried it out)
    ("The BLA has not claimed the Turbat attack.",
     [affirmed("Turbat attack", "occurred_in", "Turbat"),
      negated(BLA, "perpetrated", "Turbat attack")]),
    # negated and possible together
    ("The TTP may not possess armed drones.",
     [negated(TTP, "possesses", "armed drones", "possible")]),
    ("The BLA might not have armed drones.",
     [negated(BLA, "possesses", "armed drones", "possible")]),
]


@pytest.mark.parametrize(("text", "expected"), NEGATION, ids=[c[0][:50] for c in NEGATION])
def test_negation(extractor, text, expected):
    assert claims(extractor, text) == expected


# -- time ----------------------------------------------------------------------------------

TIME = [
    ("The TTP has operated in Afghanistan since 2018.", None,
     [affirmed(TTP, "operates_in", "Afghanistan", start="2018")]),
    ("Jaish al-Adl has targeted Iran since 2012.", None,
     [affirmed("Jaish al-Adl", "targets", "Iran", start="2012")]),
    ("The BLA has not used armed drones since 2020.", None,
     [negated(BLA, "uses", "armed drones", start="2020")]),
    ("Baitullah Mehsud led the TTP from 2007 to 2009.", None,
     [affirmed("Baitullah Mehsud", "leads", TTP, start="2007", end="2009")]),
    ("The TTP operated in Swat from 2005 to 2009.", None,
     [affirmed(TTP, "operates_in", "Swat", start="2005", end="2009")]),
    ("The BLA attacked Chinese nationals in March 2023.", None,
     [affirmed(BLA, "attacks", CHINESE, start="2023-03")]),
    ("The TTP attacked the Frontier Corps in January 2024.", "2024-06-26",
     [affirmed(TTP, "attacks", FC, start="2024-01")]),
    ("The BLA attacked Chinese nationals on 26 March 2024.", "2024-06-26",  # an incident
     [affirmed(BLA, "perpetrated", "attack on Chinese nationals, 2024-03-26",
               start="2024-03-26"),
      affirmed(BLA, "attacks", CHINESE, start="2024-03-26")]),
    ("The BLA acquired armed drones last year.", "2024-06-26",
     [affirmed(BLA, "possesses", "armed drones", start="2023")]),
    ("The TTP attacked the Frontier Corps last month.", "2024-06-26",
     [affirmed(TTP, "attacks", FC, start="2024-05")]),
    ("The TTP has attacked the Pakistan Army since last year.", "2024-06-26",
     [affirmed(TTP, "attacks", ARMY, start="2023")]),
]


@pytest.mark.parametrize(("text", "published", "expected"), TIME,
                         ids=[c[0][:50] for c in TIME])
def test_time(extractor, text, published, expected):
    assert claims(extractor, text, published) == expected


def test_publication_date_is_kept_on_each_claim(extractor):
    rec = record(extractor, "The BLA acquired armed drones last year.", "2024-06-26")
    assert [c["time"] for c in rec.to_dict()["claims"]] == [
        {"start": "2023", "end": None, "reported": "2024-06-26"}]


# -- confidence -----------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "The TTP possesses armed drones. The TTP reportedly possesses armed drones. "
    "The TTP may possess armed drones.",
    "The TTP attacked the Frontier Corps. The TTP reportedly attacked the Frontier Corps. "
    "The TTP might attack the Frontier Corps.",
])
def test_confidence_follows_modality(extractor, text):
    rec = record(extractor, text)
    got = rows(rec)
    assert [r.modality for r in got] == ["asserted", "reported", "possible"]
    assert len({r.triple for r in got}) == 1
    assert all(r.polarity == "affirmed" and r.source is None for r in got)
    confidence = [c.confidence for c in rec.claims]
    assert all(0.0 < c <= 1.0 for c in confidence)
    assert confidence[0] > confidence[1] > confidence[2]


def test_negation_lowers_confidence_but_keeps_it(extractor):
    rec = record(extractor, "The TTP possesses armed drones. The TTP does not possess armed "
                            "drones.")
    assert rows(rec) == [affirmed(TTP, "possesses", "armed drones"),
                         negated(TTP, "possesses", "armed drones")]
    affirmed_c, negated_c = (c.confidence for c in rec.claims)
    assert 0.0 < negated_c < affirmed_c


# -- properties over template sentences --------------------------------------------------------

SUBJECTS = ["The TTP", "The BLA", "ISKP", "Lashkar-e-Taiba"]
# (past tense, base form, object): "S attacked O" / "S reportedly attacked O" / "S did not attack O"
PREDICATIONS = [
    ("attacked", "attack", "the Frontier Corps"),
    ("targeted", "target", "Chinese nationals"),
    ("supported", "support", "the Haqqani network"),
    ("acquired", "acquire", "armed drones"),
    ("used", "use", "suicide bombers"),
    ("attacked", "attack", "the Pakistan Army"),
    ("operated in", "operate in", "Balochistan"),
    ("cooperated with", "cooperate with", "the Taliban"),
    ("met", "meet", "Taliban officials"),
    ("fought", "fight", "the Taliban"),
    ("possessed", "possess", "heavy weapons"),
    ("targeted", "target", "the China-Pakistan Economic Corridor"),
]
TEMPLATES = st.tuples(st.sampled_from(SUBJECTS), st.sampled_from(PREDICATIONS))


def _rank(row) -> int:
    return Modality(row.modality).rank


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEMPLATES)
def test_reportedly_never_makes_a_claim_more_certain(extractor, template):
    subject, (past, _base, obj) = template
    plain = claims(extractor, f"{subject} {past} {obj}.")
    hedged = claims(extractor, f"{subject} reportedly {past} {obj}.")
    assert plain, "the template sentence should yield a claim"
    for row in hedged:
        before = [_rank(p) for p in plain if p.triple == row.triple and
                  p.polarity == row.polarity]
        if before:
            assert _rank(row) >= min(before), (row, plain)
    main = {p.triple for p in plain}
    assert any(h.triple in main for h in hedged), (plain, hedged)
    assert all(h.modality != "asserted" for h in hedged if h.triple in main), hedged


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEMPLATES)
def test_not_never_leaves_the_triple_affirmed(extractor, template):
    subject, (past, base, obj) = template
    plain = claims(extractor, f"{subject} {past} {obj}.")
    denied = claims(extractor, f"{subject} did not {base} {obj}.")
    assert plain, "the template sentence should yield a claim"
    affirmed_triples = {p.triple for p in plain if p.polarity == "affirmed"}
    for row in denied:
        if row.triple in affirmed_triples:
            assert row.polarity == "negated", (row, denied)
