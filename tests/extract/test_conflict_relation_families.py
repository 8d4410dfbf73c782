"""Violence between actors (round 5, extract/conflict_relations.py): cross-border strikes
attack the place struck, another state's rule fought or ended, fighting side by side, a
declared enemy - each family in differently worded sentences, with its guards and the
certainty of each claim kept as written."""

from __future__ import annotations

import pytest
from claimrows import ISKP, JEM, LET, TTP, affirmed, claims, negated

IMU = "Islamic Movement of Uzbekistan"
LEJ = "Lashkar-e-Jhangvi"


def _of(extractor, text: str, predicates: tuple[str, ...]) -> list:
    return sorted(r for r in claims(extractor, text) if r.predicate in predicates)


CROSS_BORDER = [
    ("Pakistani jets struck TTP hideouts in Khost and Kunar.",
     [affirmed("Pakistan", "attacks", TTP), affirmed("Pakistan", "attacks", "Khost"),
      affirmed("Pakistan", "attacks", "Kunar")]),
    ("Iranian drones hit targets in Panjgur district.",
     [affirmed("Iran", "attacks", "Panjgur")]),
    ("Pakistani aircraft carried out strikes in Paktika province.",
     [affirmed("Pakistan", "attacks", "Paktika")]),
    ("The United States dropped a large bomb on a cave complex in Nangarhar.",
     [affirmed("United States", "attacks", "Nangarhar")]),
    # a strike at home, and the place where a strike killed someone, attack no place
    ("Pakistani jets struck TTP hideouts in North Waziristan.",
     [affirmed("Pakistan", "attacks", TTP)]),
    ("Hafiz Saeed Khan was killed in a US drone strike in Nangarhar.",
     [affirmed("United States", "attacks", "Hafiz Saeed Khan")]),
    ("A US drone strike in Nangarhar killed two ISKP planners.", []),
]


@pytest.mark.parametrize(("text", "expected"), CROSS_BORDER)
def test_cross_border_strikes(extractor, text, expected):
    assert _of(extractor, text, ("attacks",)) == sorted(expected)


CERTAINTY = [
    ("Pakistan reportedly carried out strikes in Khost.",
     [affirmed("Pakistan", "attacks", "Khost", "reported")]),
    ("Kabul accused Islamabad of carrying out air strikes in Paktika.",
     [affirmed("Pakistan", "attacks", "Paktika", "alleged", source="Kabul")]),
    ("Kabul accused Islamabad of strikes in Khost.",
     [affirmed("Pakistan", "attacks", "Khost", "alleged", source="Kabul")]),
    ("Afghan officials blamed Pakistan for the strikes in Kunar.",
     [affirmed("Pakistan", "attacks", "Kunar", "alleged", source="Afghan officials")]),
    ("Retired generals warn that Pakistan could strike TTP hideouts in Kunar.",
     [affirmed("Pakistan", "attacks", TTP, "hypothetical", source="Retired generals"),
      affirmed("Pakistan", "attacks", "Kunar", "hypothetical",
               source="Retired generals")]),
]


@pytest.mark.parametrize(("text", "expected"), CERTAINTY)
def test_strikes_keep_their_certainty(extractor, text, expected):
    assert _of(extractor, text, ("attacks",)) == sorted(expected)


RULE = [
    ("Both JeM and LeT fight Indian rule in Kashmir.",
     [affirmed(JEM, "fights", "India"), affirmed(LET, "fights", "India")]),
    ("Its stated aim is to end Indian rule in Kashmir, and Jaish-e-Mohammed was founded "
     "in 2000.", []),
    ("Jaish-e-Mohammed was founded in 2000. Its stated aim is to end Indian rule in "
     "Kashmir.", [affirmed(JEM, "hostile_to", "India")]),
    ("The TIP has waged a long struggle to end Chinese rule in Xinjiang.",
     [affirmed("Turkistan Islamic Party", "hostile_to", "China")]),
    ("The TTP has resisted Pakistani control of the tribal districts.",
     [affirmed(TTP, "fights", "Pakistan")]),
]


@pytest.mark.parametrize(("text", "expected"), RULE)
def test_another_states_rule(extractor, text, expected):
    assert _of(extractor, text, ("fights", "hostile_to")) == sorted(expected)


SIDE_BY_SIDE = [
    ("The TTP fought side by side with the Afghan Taliban for years.",
     [affirmed(TTP, "allied_with", "Taliban")]),
    ("The IMU and the TTP fought shoulder to shoulder in Waziristan.",
     [affirmed(IMU, "allied_with", TTP)]),
    ("The TTP has fought beside the Afghan Taliban since 2001.",
     [affirmed(TTP, "allied_with", "Taliban", start="2001")]),
    # fighting with a partner side by side is no fight between them
    ("ISKP fighters fought side by side with IMU militants in Kunar.",
     [affirmed(ISKP, "allied_with", IMU)]),
]


@pytest.mark.parametrize(("text", "expected"), SIDE_BY_SIDE)
def test_side_by_side(extractor, text, expected):
    assert _of(extractor, text, ("allied_with", "fights")) == sorted(expected)


ENEMY = [
    ("The Taliban's main enemy is ISKP.", [affirmed("Taliban", "hostile_to", ISKP)]),
    ("Lashkar-e-Jhangvi, whose declared enemy is the Shia minority, was banned in 2001.",
     [affirmed(LEJ, "hostile_to", "Shia Muslims")]),
    ("ISKP's enemies include the Taliban and the TTP.",
     [affirmed(ISKP, "hostile_to", "Taliban"), affirmed(ISKP, "hostile_to", TTP)]),
]


@pytest.mark.parametrize(("text", "expected"), ENEMY)
def test_declared_enemy(extractor, text, expected):
    assert _of(extractor, text, ("hostile_to",)) == sorted(expected)


DESIGNATIONS = [
    ("The United States designated Noor Wali Mehsud a terrorist in 2019.",
     [affirmed("United States", "hostile_to", "Noor Wali Mehsud", start="2019")]),
    ("Pakistan declared the BLA a terrorist organisation in 2006.",
     [affirmed("Pakistan", "hostile_to", "Balochistan Liberation Army", start="2006")]),
    ("The US designation of the BLA came in 2019.",
     [affirmed("United States", "hostile_to", "Balochistan Liberation Army", start="2019")]),
    ("Washington lifted the designation of the TIP in 2020.",
     [negated("United States", "hostile_to", "Turkistan Islamic Party", start="2020")]),
    # a revoking the parser puts under someone's rejection is left out, not turned round
    ("The TIP is aligned with al-Qaeda. In 2020 the United States revoked the group's "
     "terrorist designation; China rejected that view.", []),
]


@pytest.mark.parametrize(("text", "expected"), DESIGNATIONS)
def test_designations(extractor, text, expected):
    assert _of(extractor, text, ("hostile_to",)) == sorted(expected)


THREATS = [
    ("ISKP poses a serious threat to the Taliban.", [affirmed(ISKP, "hostile_to", "Taliban")]),
    ("The threat the TTP poses to Pakistan has grown.",
     [affirmed(TTP, "hostile_to", "Pakistan")]),
    ("The BLA could become a danger to China.",
     [affirmed("Balochistan Liberation Army", "hostile_to", "China", "possible")]),
]


@pytest.mark.parametrize(("text", "expected"), THREATS)
def test_threats(extractor, text, expected):
    assert _of(extractor, text, ("hostile_to",)) == sorted(expected)


KILLED_IN_STRIKES = [
    ("The TTP called it revenge for the killing of its former chief, Hakimullah Mehsud, "
     "in a US drone strike.", [affirmed("United States", "attacks", "Hakimullah Mehsud")]),
    ("The death of Baitullah Mehsud in a US drone strike weakened the TTP.",
     [affirmed("United States", "attacks", "Baitullah Mehsud")]),
    ("Leadership. The first governor was Hafiz Saeed Khan, a former TTP commander from "
     "Orakzai, who was killed in a US drone strike in July 2016.",
     [affirmed("United States", "attacks", "Hafiz Saeed Khan", start="2016-07")]),
]


@pytest.mark.parametrize(("text", "expected"), KILLED_IN_STRIKES)
def test_killed_in_strikes(extractor, text, expected):
    assert _of(extractor, text, ("attacks",)) == sorted(expected)


HELD_PLACES = [
    ("Pakistani jets carried out retaliatory strikes in Indian-administered Kashmir.",
     [affirmed("Pakistan", "attacks", "Kashmir")]),
    ("Indian aircraft bombed targets in Pakistan-held Kashmir.",
     [affirmed("India", "attacks", "Kashmir")]),
    ("Indian troops raided positions in Indian-administered Kashmir.", []),
]


@pytest.mark.parametrize(("text", "expected"), HELD_PLACES)
def test_places_held_by_a_state(extractor, text, expected):
    found = [r for r in _of(extractor, text, ("attacks",)) if r.object == "Kashmir"]
    assert found == sorted(expected)


FORCED_OUT = [
    ("The army drove the TTP out of Swat in 2009.",
     [affirmed("Pakistan Army", "attacks", TTP, start="2009")]),
    ("Afghan forces flushed ISKP out of Achin.",
     [affirmed("Afghan forces", "attacks", ISKP)]),
    ("The Taliban dislodged ISKP from its strongholds in Nangarhar.",
     [affirmed("Taliban", "attacks", ISKP)]),
    ("Abdul Hasib was killed in a joint US-Afghan raid in April 2017.",
     [affirmed("Afghanistan", "attacks", "Abdul Hasib Logari", start="2017-04"),
      affirmed("United States", "attacks", "Abdul Hasib Logari", start="2017-04")]),
    # moving out is no attack
    ("The TTP pushed out of Swat into Afghanistan.", []),
]


@pytest.mark.parametrize(("text", "expected"), FORCED_OUT)
def test_forced_out_and_joint_raids(extractor, text, expected):
    assert _of(extractor, text, ("attacks",)) == sorted(expected)


NAMED_TARGETS = [
    ("Pakistani aircraft struck what Islamabad called hideouts of the Gul Bahadur group.",
     [affirmed("Pakistan", "attacks", "Hafiz Gul Bahadur group")]),
    ("The Indian Air Force struck what New Delhi described as JeM's largest training camp.",
     [affirmed("Indian Air Force", "attacks", JEM, "reported", source="New Delhi")]),
    ("Iranian drones hit what Tehran termed positions of Jaish al-Adl.",
     [affirmed("Iran", "attacks", "Jaish al-Adl")]),
]


@pytest.mark.parametrize(("text", "expected"), NAMED_TARGETS)
def test_struck_what_someone_called(extractor, text, expected):
    assert _of(extractor, text, ("attacks",)) == sorted(expected)


SEATS = [
    ("The TTP, which is banned in Pakistan, has fought the government in Islamabad since "
     "2007.", [affirmed(TTP, "fights", "Pakistan", start="2007"),
               affirmed("Pakistan", "hostile_to", TTP)]),
    ("The Taliban fought the government in Kabul for twenty years; Afghanistan is now "
     "theirs.", [affirmed("Taliban", "fights", "Afghanistan")]),
    ("The IMU was founded in Uzbekistan to overthrow the regime in Tashkent.",
     [affirmed(IMU, "hostile_to", "Uzbekistan")]),
    # strikes by several states push a group out: each of them attacks it
    ("By 2019, Taliban offensives and US and Afghan strikes pushed ISKP out of Nangarhar.",
     [affirmed("Taliban", "attacks", ISKP, start="2019"),
      affirmed("United States", "attacks", ISKP, start="2019"),
      affirmed("Afghanistan", "attacks", ISKP, start="2019")]),
]


@pytest.mark.parametrize(("text", "expected"), SEATS)
def test_seats_of_government_and_joint_offensives(extractor, text, expected):
    assert _of(extractor, text, ("fights", "hostile_to", "attacks")) == sorted(expected)


NEGOTIATION = [
    ("The Taliban and the Afghan government held peace talks in Doha.",
     [affirmed("Taliban", "negotiates_with", "Afghanistan")]),
    ("Pakistan and the TTP agreed a month-long ceasefire in November 2021.",
     [affirmed("Pakistan", "negotiates_with", TTP, start="2021-11")]),
    ("China mediated between Iran and Pakistan in January 2024.",
     [affirmed("Iran", "negotiates_with", "Pakistan", start="2024-01")]),
    ("Qatar brokered a deal between the Taliban and the United States.",
     [affirmed("Taliban", "negotiates_with", "United States")]),
    # an agreement scrapped is no negotiation now
    ("The Gul Bahadur group scrapped its peace agreement with Pakistan.",
     [negated("Hafiz Gul Bahadur group", "negotiates_with", "Pakistan")]),
    ("Pakistan refused to negotiate with the BLA.",
     [negated("Pakistan", "negotiates_with", "Balochistan Liberation Army")]),
]


@pytest.mark.parametrize(("text", "expected"), NEGOTIATION)
def test_negotiation(extractor, text, expected):
    assert _of(extractor, text, ("negotiates_with",)) == sorted(expected)


CALLED_ENEMIES = [
    ("ISKP in turn calls the Taliban apostates.", [affirmed(ISKP, "hostile_to", "Taliban")]),
    ("The TTP declared the Pakistani state an infidel regime.",
     [affirmed(TTP, "hostile_to", "Pakistan")]),
    ("ISKP denounced the JUI-F as traitors.",
     [affirmed(ISKP, "hostile_to", "Jamiat Ulema-e-Islam (Fazl)")]),
    # a label that is no enmity makes no claim
    ("The Taliban called the TTP their brothers.", []),
]


@pytest.mark.parametrize(("text", "expected"), CALLED_ENEMIES)
def test_called_enemies(extractor, text, expected):
    assert _of(extractor, text, ("hostile_to",)) == sorted(expected)


COURTS = [
    ("Lahore is in Pakistan. An anti-terrorism court in Lahore convicted Sajid Mir of "
     "financing terrorism.", [affirmed("Pakistan", "hostile_to", "Sajid Mir")]),
    ("A Pakistani court sentenced Hafiz Saeed to 31 years in prison.",
     [affirmed("Pakistan", "hostile_to", "Hafiz Muhammad Saeed")]),
    ("Aafia Siddiqui was convicted by a US federal court in 2010.",
     [affirmed("United States", "hostile_to", "Aafia Siddiqui", start="2010")]),
    # no court, no state: police charging someone is no state's verdict here
    ("Police charged Sajid Mir with financing terrorism.", []),
]


@pytest.mark.parametrize(("text", "expected"), COURTS)
def test_courts_of_a_state(extractor, text, expected):
    assert _of(extractor, text, ("hostile_to",)) == sorted(expected)


SOVEREIGNTY_AND_SIDES = [
    ("The Afghan Taliban accused Pakistan of violating Afghan airspace.",
     [affirmed("Pakistan", "attacks", "Afghanistan", "alleged", source="The Afghan Taliban")]),
    ("Indian jets violated Pakistan's airspace in 2019.",
     [affirmed("India", "attacks", "Pakistan", start="2019")]),
    ("Pakistan condemned Iran's violation of Pakistani sovereignty.",
     [affirmed("Iran", "attacks", "Pakistan")]),
]


@pytest.mark.parametrize(("text", "expected"), SOVEREIGNTY_AND_SIDES)
def test_violated_sovereignty(extractor, text, expected):
    assert _of(extractor, text, ("attacks",)) == sorted(expected)


SWORN_AND_BETWEEN = [
    ("ISKP and the Taliban are sworn enemies.",
     [affirmed(ISKP, "hostile_to", "Taliban"), affirmed("Taliban", "hostile_to", ISKP)]),
    ("Clashes between Taliban and ISKP fighters erupted in Nangarhar.",
     [affirmed("Taliban", "fights", ISKP)]),
    ("Talks between TTP and Pakistani officials resumed in Kabul.",
     [affirmed(TTP, "negotiates_with", "Pakistan")]),
]


@pytest.mark.parametrize(("text", "expected"), SWORN_AND_BETWEEN)
def test_sworn_enemies_and_sides_between(extractor, text, expected):
    assert _of(extractor, text, ("hostile_to", "fights", "negotiates_with")) == sorted(expected)


TRUCES = [
    ("The BLA and the BLF signed a non-aggression pact.",
     [affirmed("Balochistan Liberation Army", "negotiates_with",
               "Balochistan Liberation Front")]),
    ("The TTP signed a peace pact with Pakistan in 2008.",
     [affirmed(TTP, "negotiates_with", "Pakistan", start="2008")]),
    # a pact with no word of peace is an alliance
    ("The BLA and the BLF formed a pact in 2018.",
     [affirmed("Balochistan Liberation Army", "allied_with", "Balochistan Liberation Front",
               start="2018")]),
]


@pytest.mark.parametrize(("text", "expected"), TRUCES)
def test_truces_are_no_alliances(extractor, text, expected):
    assert _of(extractor, text, ("negotiates_with", "allied_with")) == sorted(expected)


INSURGENCIES = [
    ("Pakistan's army has been battling the BLA insurgency in Balochistan since 2004.",
     [affirmed("Pakistan Army", "fights", "Balochistan Liberation Army", start="2004")]),
    ("Pakistan fought the TTP insurgency in Swat in 2009.",
     [affirmed("Pakistan", "fights", TTP, start="2009")]),
    ("The TTP insurgency has targeted police in Khyber Pakhtunkhwa.",
     [affirmed(TTP, "targets", "Khyber Pakhtunkhwa Police")]),
]


@pytest.mark.parametrize(("text", "expected"), INSURGENCIES)
def test_a_groups_insurgency_stands_for_the_group(extractor, text, expected):
    assert _of(extractor, text, ("fights", "targets", "attacks")) == sorted(expected)
