"""Support and rivalry, round five (extract/conflict_relations.py, conflict_stances.py and
the `conflict` block of data/frames.yaml): support held or received ("has the backing of
X"), rivalry and falling out, relations named inside a noun phrase ("the X-Y alliance"),
standing with an actor, using one as a proxy, making peace and ruling out talks - each
family in three differently worded sentences, with its guards and each claim's certainty
kept as written."""

from __future__ import annotations

import pytest
from claimrows import BLA, ISKP, LET, TTP, affirmed, claims, negated, record

from threatnet.model import is_symmetric

LEJ = "Lashkar-e-Jhangvi"
TALIBAN = "Taliban"
ISI = "Inter-Services Intelligence"
HAQQANI = "Haqqani network"
CONFLICT = ("supports", "hostile_to", "fights", "cooperates_with", "negotiates_with",
            "rival_of", "allied_with", "meets_with")


def _of(extractor, text: str) -> list:
    """The claims of this area's predicates, their time left out (dated elsewhere), the
    sides of a symmetric one in name order."""
    return sorted(_ordered(r._replace(start=None, end=None)) for r in claims(extractor, text)
                  if r.predicate in CONFLICT)


def _ordered(row):
    if is_symmetric(row.predicate) and row.object < row.subject:
        return row._replace(subject=row.object, object=row.subject)
    return row


# "X has the backing of Y", "with the support of Y, X …": Y is the supporter
HELD_SUPPORT = [
    ("The TTP has the backing of the Afghan Taliban.",
     [affirmed(TALIBAN, "supports", TTP)]),
    ("The BLA has the support of India, Pakistani officials claim.",
     [affirmed("India", "supports", BLA, "alleged", source="Pakistani officials")]),
    ("With the backing of the ISI, the Taliban seized Kabul in 1996.",
     [affirmed(ISI, "supports", TALIBAN)]),
    ("Lashkar-e-Taiba retains the patronage of the ISI.",
     [affirmed(ISI, "supports", LET)]),
    ("The TTP lost the backing of the Afghan Taliban in 2023.",
     [negated(TALIBAN, "supports", TTP)]),
    ("The TTP needs the support of the Taliban to survive.", []),
    # the owner's support of another keeps its direction
    ("Pakistan's support of the Taliban was an open secret.",
     [affirmed("Pakistan", "supports", TALIBAN)]),
]


@pytest.mark.parametrize(("text", "expected"), HELD_SUPPORT)
def test_support_held_comes_from_the_of_phrase(extractor, text, expected):
    assert _of(extractor, text) == sorted(_ordered(r) for r in expected)


# falling out, feuding, quarrelling: a rivalry (with a partner named, or between the
# conjoined subjects)
FALLING_OUT = [
    ("Lashkar-e-Jhangvi fell out with the TTP over strategy.",
     [affirmed(LEJ, "rival_of", TTP)]),
    ("The Haqqani network later fell out with ISKP, a senior official said.",
     [affirmed(HAQQANI, "rival_of", ISKP, "reported", source="a senior official")]),
    ("The TTP and ISKP feuded for years over recruits in Bajaur.",
     [affirmed(TTP, "rival_of", ISKP)]),
    ("ISKP quarrelled with the Taliban over the control of Achin.",
     [affirmed(ISKP, "rival_of", TALIBAN)]),
]


@pytest.mark.parametrize(("text", "expected"), FALLING_OUT)
def test_falling_out_is_rivalry(extractor, text, expected):
    assert _of(extractor, text) == sorted(_ordered(r) for r in expected)


# rift nouns name a rivalry between the two sides
RIFTS = [
    ("A rift between the TTP and ISKP opened in 2015.",
     [affirmed(TTP, "rival_of", ISKP)]),
    ("Analysts point to a deepening schism between LeJ and the TTP.",
     [affirmed(LEJ, "rival_of", TTP, "reported", source="Analysts")]),
    ("The falling-out between the Taliban and ISKP turned violent.",
     [affirmed(TALIBAN, "rival_of", ISKP)]),
]


@pytest.mark.parametrize(("text", "expected"), RIFTS)
def test_rift_nouns(extractor, text, expected):
    assert _of(extractor, text) == sorted(_ordered(r) for r in expected)


# a relation noun whose two sides are named in one hyphened modifier
HYPHENED_PAIRS = [
    ("The TTP-ISKP rivalry has cost hundreds of lives.",
     [affirmed(TTP, "rival_of", ISKP)]),
    ("The LeT-ISKP nexus in Kunar has grown since 2020.",
     [affirmed(LET, "cooperates_with", ISKP)]),
    ("The Taliban-TTP alliance has survived every Pakistani protest.",
     [affirmed(TALIBAN, "allied_with", TTP)]),
    ("The US-Taliban talks in Doha ended in an agreement.",
     [affirmed("United States", "negotiates_with", TALIBAN)]),
    ("The India-Pakistan conflict over Kashmir has lasted decades.",
     [affirmed("India", "fights", "Pakistan")]),
    # a single name before the noun is no pair
    ("The TTP rivalry with ISKP has cost hundreds of lives.",
     [affirmed(TTP, "rival_of", ISKP)]),
]


@pytest.mark.parametrize(("text", "expected"), HYPHENED_PAIRS)
def test_hyphened_pairs(extractor, text, expected):
    assert _of(extractor, text) == sorted(_ordered(r) for r in expected)


# seeing another actor as a rival, an ally or a proxy
SEEN_AS = [
    ("ISKP considers the Taliban its main rival.",
     [affirmed(ISKP, "rival_of", TALIBAN)]),
    ("The TTP regards ISKP as a competitor for recruits.",
     [affirmed(TTP, "rival_of", ISKP)]),
    ("Pakistan saw the Taliban as a rival to India's friends in Kabul, analysts say.",
     []),
    ("Iran has used Jaish al-Adl as a proxy against Pakistan, Pakistani officials allege.",
     [affirmed("Iran", "supports", "Jaish al-Adl", "alleged", source="Pakistani officials")]),
    ("The ISI long treated the Haqqani network as a strategic asset.",
     [affirmed(ISI, "supports", HAQQANI)]),
    ("India uses the BLA as a tool to destabilise Balochistan, Islamabad says.",
     [affirmed("India", "supports", BLA, "reported", source="Islamabad")]),
]


@pytest.mark.parametrize(("text", "expected"), SEEN_AS)
def test_seen_as_rival_or_proxy(extractor, text, expected):
    assert _of(extractor, text) == sorted(_ordered(r) for r in expected)


# standing with, behind, throwing one's weight behind an actor: support
STANDING_WITH = [
    ("The JUI-F stands with the Taliban government in Afghanistan.",
     [affirmed("Jamiat Ulema-e-Islam (Fazl)", "supports", TALIBAN)]),
    ("Pakistan threw its weight behind the Taliban in 1995.",
     [affirmed("Pakistan", "supports", TALIBAN)]),
    ("Al-Qaeda has stood behind the TTP since its founding.",
     [affirmed("Al-Qaeda", "supports", TTP)]),
]


@pytest.mark.parametrize(("text", "expected"), STANDING_WITH)
def test_standing_with(extractor, text, expected):
    assert _of(extractor, text) == sorted(_ordered(r) for r in expected)


# making peace, agreeing to a truce; talks ruled out are negated
PEACE = [
    ("Hizb-i-Islami made peace with the Afghan government in 2016.",
     [affirmed("Hizb-e-Islami Gulbuddin", "negotiates_with", "Afghanistan")]),
    ("The TTP and Pakistan agreed to a ceasefire in 2022.",
     [affirmed(TTP, "negotiates_with", "Pakistan")]),
    ("Pakistan and the BLA have never signed up to a truce.",
     [negated("Pakistan", "negotiates_with", BLA)]),
    ("Islamabad ruled out talks with the TTP.",
     [negated("Pakistan", "negotiates_with", TTP)]),
    ("Pakistan refused to negotiate with the BLA.",
     [negated("Pakistan", "negotiates_with", BLA)]),
    ("The Taliban declined any dialogue with ISKP.",
     [negated(TALIBAN, "negotiates_with", ISKP)]),
]


@pytest.mark.parametrize(("text", "expected"), PEACE)
def test_peace_and_talks_refused(extractor, text, expected):
    assert _of(extractor, text) == sorted(_ordered(r) for r in expected)


# a turf war is rivalry whichever preposition names the other side
TURF = [
    ("ISKP waged a turf war against the Taliban in Nangarhar.",
     [affirmed(ISKP, "rival_of", TALIBAN)]),
    ("The TTP is locked in a turf war with ISKP in Bajaur.",
     [affirmed(TTP, "rival_of", ISKP)]),
    ("A turf war between LeJ and the TTP left dozens dead.",
     [affirmed(LEJ, "rival_of", TTP)]),
]


@pytest.mark.parametrize(("text", "expected"), TURF)
def test_turf_war(extractor, text, expected):
    assert _of(extractor, text) == sorted(_ordered(r) for r in expected)


# a rival deemed in a small clause; conjoined subjects falling out; support that "comes
# from" its giver
MORE = [
    ("Security sources say ISKP considers the JUI-F its rival because of its ties to Kabul.",
     [affirmed(ISKP, "rival_of", "Jamiat Ulema-e-Islam (Fazl)", "reported",
               source="Security sources")]),
    ("The Taliban count the Haqqani network their closest ally.",
     [affirmed(TALIBAN, "allied_with", HAQQANI)]),
    ("The TTP and Jamaat-ul-Ahrar fell out in 2014.",
     [affirmed(TTP, "rival_of", "Jamaat-ul-Ahrar")]),
    ("LeJ and the TTP fell out over the sectarian campaign.",
     [affirmed(LEJ, "rival_of", TTP)]),
    ("Funding for the BLA comes from India, Pakistani officials allege.",
     [affirmed("India", "supports", BLA, "alleged", source="Pakistani officials")]),
    ("Much of the support for the Taliban flowed from the ISI in the 1990s.",
     [affirmed(ISI, "supports", TALIBAN)]),
    ("The TTP's money comes from extortion in Karachi.", []),
]


@pytest.mark.parametrize(("text", "expected"), MORE)
def test_deemed_fell_out_and_support_coming(extractor, text, expected):
    assert _of(extractor, text) == sorted(_ordered(r) for r in expected)


# talks or truces broken off, walked away from, pulled out of: negated negotiation
ENDED_TALKS = [
    ("The TTP broke off talks with Pakistan in November.",
     [negated(TTP, "negotiates_with", "Pakistan")]),
    ("The TTP walked away from its ceasefire with Pakistan in 2022.",
     [negated(TTP, "negotiates_with", "Pakistan")]),
    ("The TTP reneged on its truce with Pakistan, a spokesman said.",
     [negated(TTP, "negotiates_with", "Pakistan", "reported", source="a spokesman")]),
    ("The BLA suspended its dialogue with Pakistan in May.",
     [negated(BLA, "negotiates_with", "Pakistan")]),
    ("The TTP did not break off talks with Pakistan.", []),
]


@pytest.mark.parametrize(("text", "expected"), ENDED_TALKS)
def test_talks_ended(extractor, text, expected):
    assert _of(extractor, text) == sorted(_ordered(r) for r in expected)


# a support role owned by the one supported; trading fire; cracking down
ROLES_AND_FIRE = [
    ("Pakistan's Inter-Services Intelligence is the Taliban's main patron.",
     [affirmed(ISI, "supports", TALIBAN)]),
    ("Iran, the group's chief backer, denied the report. The group is Jaish al-Adl.", []),
    ("The Taliban's main patron, the ISI, denied the report.",
     [affirmed(ISI, "supports", TALIBAN)]),
    ("The ISI is widely seen as the Haqqani network's patron.",
     [affirmed(ISI, "supports", HAQQANI, "believed")]),
    ("Analysts describe Iran as the group's backer. The group, Jaish al-Adl, denies it.", []),
    ("India, the BLA's paymaster according to Islamabad, denies any role.",
     [affirmed("India", "supports", BLA, "reported", source="Islamabad")]),
    ("The TTP and Pakistan exchanged fire along the border.",
     [affirmed(TTP, "fights", "Pakistan")]),
    ("Pakistani troops traded fire with the TTP in Bajaur.",
     [affirmed("Pakistani security forces", "fights", TTP)]),
    ("The Taliban have cracked down on ISKP in Nangarhar.",
     [affirmed(TALIBAN, "hostile_to", ISKP)]),
    ("Pakistan clamped down on Lashkar-e-Taiba after 2008.",
     [affirmed("Pakistan", "hostile_to", LET)]),
]


@pytest.mark.parametrize(("text", "expected"), ROLES_AND_FIRE)
def test_patrons_fire_and_crackdowns(extractor, text, expected):
    assert _of(extractor, text) == sorted(_ordered(r) for r in expected)


# support held "under" its giver's protection; a recruiting ground; a second relation
# noun joined to the first
UNDER_AND_JOINED = [
    ("The Haqqani network operates under the protection of the ISI.",
     [affirmed(ISI, "supports", HAQQANI)]),
    ("Jaish al-Adl operated for years under the patronage of Pakistan, Tehran alleges.",
     [affirmed("Pakistan", "supports", "Jaish al-Adl", "alleged", source="Tehran")]),
    ("The TTP is an ally of al-Qaeda but a rival of ISKP.",
     [affirmed(TTP, "allied_with", "Al-Qaeda"), affirmed(TTP, "rival_of", ISKP)]),
    ("LeJ was a partner of the TTP and a bitter enemy of ISKP.",
     [affirmed(LEJ, "cooperates_with", TTP), affirmed(LEJ, "hostile_to", ISKP)]),
    ("ISKP is a rival of the Taliban and of the TTP.",
     [affirmed(ISKP, "rival_of", TALIBAN), affirmed(ISKP, "rival_of", TTP)]),
]


@pytest.mark.parametrize(("text", "expected"), UNDER_AND_JOINED)
def test_under_protection_and_joined_nouns(extractor, text, expected):
    assert _of(extractor, text) == sorted(_ordered(r) for r in expected)


RECRUITING_GROUNDS = [
    ("The TTP has served as a recruiting ground for ISKP.",
     [(TTP, ISKP, "asserted")]),
    ("Sipah-e-Sahaba Pakistan was a recruitment pool for Lashkar-e-Jhangvi.",
     [("Sipah-e-Sahaba Pakistan", LEJ, "asserted")]),
    ("An analyst says LeJ may now act as a feeder for ISKP in Balochistan.",
     [(LEJ, ISKP, "possible")]),
    ("The Hazara are a recruitment pool for nobody.", []),
]


@pytest.mark.parametrize(("text", "expected"), RECRUITING_GROUNDS)
def test_recruiting_grounds_supply_recruits(extractor, text, expected):
    rec = record(extractor, text)
    names = {e.id: e.name for e in rec.entities}
    found = sorted((names[c.subject], names[c.object], str(c.modality)) for c in rec.claims
                   if c.predicate == "supports" and c.qualifiers.get("aspect") == "recruitment")
    assert found == sorted(expected)


# sharing the means of fighting; a truce kept by two sides
SHARING = [
    ("BRAS members shared intelligence and safe houses with the BLA.",
     [affirmed("Baloch Raaji Aajoi Sangar", "cooperates_with", BLA)]),
    ("The BLA and the BLF have shared fighters since 2018.",
     [affirmed(BLA, "cooperates_with", "Balochistan Liberation Front")]),
    ("ISKP has pooled resources with the TTP in Bajaur, officials believe.",
     [affirmed(ISKP, "cooperates_with", TTP, "believed", source="officials")]),
    ("The TTP shares an ideology with al-Qaeda.", []),
    ("The TTP and the Taliban have an uneasy truce.",
     [affirmed(TTP, "negotiates_with", TALIBAN)]),
    ("Pakistan and the TTP maintained a ceasefire for six months.",
     [affirmed(TTP, "negotiates_with", "Pakistan")]),
]


@pytest.mark.parametrize(("text", "expected"), SHARING)
def test_sharing_and_truces_kept(extractor, text, expected):
    assert _of(extractor, text) == sorted(_ordered(r) for r in expected)


# an outfit the recogniser types an organisation is still a side of a fight
FOUGHT_OUTFITS = [
    ("Years of fighting between LeI and Ansar-ul-Islam followed.",
     [affirmed("Ansar-ul-Islam", "fights", "Lashkar-e-Islam")]),
    ("A feud set off clashes between the TTP and Ansar-ul-Islam in Tirah.",
     [affirmed("Ansar-ul-Islam", "fights", TTP)]),
    ("The TTP clashed with Ansar-ul-Islam in the Tirah valley.",
     [affirmed("Ansar-ul-Islam", "fights", TTP)]),
]


@pytest.mark.parametrize(("text", "expected"), FOUGHT_OUTFITS)
def test_fought_outfits(extractor, text, expected):
    assert _of(extractor, text) == sorted(_ordered(r) for r in expected)


# conjoined subjects aligned or close, no partner named
ALIGNED = [
    ("The TTP and the Afghan Taliban are ideologically aligned.",
     [affirmed(TTP, "allied_with", TALIBAN)]),
    ("Lashkar-e-Jhangvi and the TTP have long been close.",
     [affirmed(LEJ, "allied_with", TTP)]),
    ("The TTP and ISKP are not aligned, a UN report says.",
     [negated(TTP, "allied_with", ISKP, "reported", source="a UN report")]),
    ("The TTP is close to the border.", []),
    ("Iran and Pakistan are geographically close.", []),
]


@pytest.mark.parametrize(("text", "expected"), ALIGNED)
def test_aligned_sides(extractor, text, expected):
    assert _of(extractor, text) == sorted(_ordered(r) for r in expected)


# a group that is a state's proxy, arm or front is supported by the state
STATE_PROXIES = [
    ("Jaish al-Adl is a proxy of Saudi Arabia, Iranian officials claim.",
     [affirmed("Saudi Arabia", "supports", "Jaish al-Adl", "alleged",
               source="Iranian officials")]),
    ("The Haqqani network is a veritable arm of the ISI.",
     [affirmed(ISI, "supports", HAQQANI)]),
    ("Islamabad describes the BLA as a front for India.",
     [affirmed("India", "supports", BLA, "reported", source="Islamabad")]),
    ("The Haqqani network is often described as the ISI's most trusted proxy.",
     [affirmed(ISI, "supports", HAQQANI, "reported")]),
    ("Jaish al-Adl, Saudi Arabia's proxy on the border, has attacked Iranian guards.",
     [affirmed("Saudi Arabia", "supports", "Jaish al-Adl")]),
    ("The TRF is Lashkar-e-Taiba's proxy in Kashmir.", []),
    # a group's proxy of another group is no support by a state
    ("The TRF is a proxy of Lashkar-e-Taiba.", []),
    ("The Taliban seized US arms meant for the Afghan army.", []),
    # a name glued to its full stop joins two sentences in one parse
    ("Washington called the TRF a front for LeT. Pakistani officials deny it.", []),
]


@pytest.mark.parametrize(("text", "expected"), STATE_PROXIES)
def test_state_proxies(extractor, text, expected):
    assert _of(extractor, text) == sorted(_ordered(r) for r in expected)


# meetings: conjoined subjects that met, a delegation hosted or received (no shelter)
MEETINGS = [
    ("Sirajuddin Haqqani and Noor Wali Mehsud met in Kabul in 2022.",
     [affirmed("Sirajuddin Haqqani", "meets_with", "Noor Wali Mehsud")]),
    ("Chinese envoys hosted a Taliban delegation in Beijing.",
     [affirmed("China", "meets_with", TALIBAN)]),
    ("Mullah Baradar received a Pakistani delegation in Kabul.",
     [affirmed("Abdul Ghani Baradar", "meets_with", "Pakistan")]),
    ("Pakistan and the TTP negotiated for months in Kabul.",
     [affirmed(TTP, "negotiates_with", "Pakistan")]),
    # hosting a group, not its delegation, is still shelter
    ("Iran has hosted Jaish al-Adl commanders for years, Pakistani officials say.",
     [affirmed("Iran", "supports", "Jaish al-Adl", "reported", source="Pakistani officials")]),
]


@pytest.mark.parametrize(("text", "expected"), MEETINGS)
def test_meetings_and_delegations(extractor, text, expected):
    assert _of(extractor, text) == sorted(_ordered(r) for r in expected)


# "neither … nor" sides are negated; dependence is support by the one depended on
NEITHER_AND_DEPENDENCE = [
    ("Pakistan supports neither the TTP nor the BLA.",
     [negated("Pakistan", "supports", TTP), negated("Pakistan", "supports", BLA)]),
    ("Neither Iran nor Pakistan backs the BLA.",
     [negated("Iran", "supports", BLA), negated("Pakistan", "supports", BLA)]),
    ("The Taliban have fought neither the TTP nor ISKP in Kunar.",
     [negated(TALIBAN, "fights", TTP), negated(TALIBAN, "fights", ISKP)]),
    ("The TTP is heavily dependent on the Afghan Taliban.",
     [affirmed(TALIBAN, "supports", TTP)]),
    ("ISKP has become reliant on funding from the Islamic State, a UN report says.",
     [affirmed("Islamic State", "supports", ISKP, "reported", source="a UN report")]),
]


@pytest.mark.parametrize(("text", "expected"), NEITHER_AND_DEPENDENCE)
def test_neither_nor_and_dependence(extractor, text, expected):
    assert _of(extractor, text) == sorted(_ordered(r) for r in expected)


# support named by the giver's nationality word (the report names the state)
NATIONAL_SUPPORT = [
    ("Pakistan accuses India of meddling. It says the BLA receives Indian support.",
     [affirmed("India", "supports", BLA, "alleged", source="Pakistan")]),
    ("Iran and Pakistan share a border. With Pakistani backing, Jaish al-Adl has attacked "
     "Iranian guards, Tehran alleges.",
     [affirmed("Pakistan", "supports", "Jaish al-Adl", "alleged", source="Tehran")]),
    ("The TTP receives Indian funding, Pakistani officials claim.",
     [affirmed("India", "supports", TTP, "alleged", source="Pakistani officials")]),
    # a nationality before a sanctuary names where it is, not who gives it
    ("Pakistan and the TTP are at war. The TTP enjoys Afghan sanctuary.", []),
]


@pytest.mark.parametrize(("text", "expected"), NATIONAL_SUPPORT)
def test_support_named_by_nationality(extractor, text, expected):
    found = [r for r in _of(extractor, text) if r.predicate == "supports"]
    assert found == sorted(_ordered(r) for r in expected)


# a relation set aside for another, or denied in apposition, is negated; the other holds
SET_ASIDE = [
    ("The TTP and ISKP are competitors rather than allies.",
     [affirmed(TTP, "rival_of", ISKP), negated(TTP, "allied_with", ISKP)]),
    ("Analysts describe the TTP and ISKP as competitors rather than partners.",
     [affirmed(TTP, "rival_of", ISKP, "reported", source="Analysts"),
      negated(TTP, "cooperates_with", ISKP, "reported", source="Analysts")]),
    ("The TTP and ISKP are rivals, not allies.",
     [affirmed(TTP, "rival_of", ISKP), negated(TTP, "allied_with", ISKP)]),
    ("The BLA and the BLF are partners, not rivals, a Baloch commander says.",
     [affirmed(BLA, "cooperates_with", "Balochistan Liberation Front", "reported",
               source="a Baloch commander"),
      negated(BLA, "rival_of", "Balochistan Liberation Front", "reported",
              source="a Baloch commander")]),
    ("LeJ and the TTP were allies instead of rivals in Karachi.",
     [affirmed(LEJ, "allied_with", TTP), negated(LEJ, "rival_of", TTP)]),
]


@pytest.mark.parametrize(("text", "expected"), SET_ASIDE)
def test_relations_set_aside(extractor, text, expected):
    assert _of(extractor, text) == sorted(_ordered(r) for r in expected)
