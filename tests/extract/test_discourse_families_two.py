"""Discourse references of the second round: "they" / "them" / "their" for a pair or a
plural group, with the guards that keep it from a country, from people the text does not
name and from a dateline's agency.

Each case is a short paragraph; it lists the triples the reference must give and the
triples a wrong resolution would give (which must not come out).
"""

from __future__ import annotations

import pytest
from claimrows import BLA, BLF, ISKP, JEM, LET, TTP, check_triples, claims

PLURAL_PRONOUNS = [
    # a pair named by "Both" / "both groups": "they" is the pair, never the country
    ("Lashkar-e-Taiba and Jaish-e-Mohammed. Both operate in Kashmir from bases in Pakistan, "
     "but they are based in Punjab.",
     [(LET, "based_in", "Punjab"), (JEM, "based_in", "Punjab")],
     [("Pakistan", "based_in", "Punjab")]),
    ("The BLA and the BLF were formed in Balochistan. Pakistan banned both groups in 2006. "
     "They are based in Afghanistan.",
     [(BLA, "based_in", "Afghanistan"), (BLF, "based_in", "Afghanistan")],
     [("Pakistan", "based_in", "Afghanistan")]),
    ("The TTP and ISKP recruit in Bajaur. Pakistan has fought both groups since 2015, and "
     "they are based in Afghanistan.",
     [(TTP, "based_in", "Afghanistan"), (ISKP, "based_in", "Afghanistan")],
     [("Pakistan", "based_in", "Afghanistan")]),
    # one group a country acted on: "they" is the group
    ("Pakistan banned the TTP in 2008. They are based in Afghanistan.",
     [(TTP, "based_in", "Afghanistan")], [("Pakistan", "based_in", "Afghanistan")]),
    ("India designated Lashkar-e-Taiba in 2001. They are based in Muridke.",
     [(LET, "based_in", "Muridke")], [("India", "based_in", "Muridke")]),
    ("Iran accused Jaish al-Adl of the attack. They are based in Pakistan.",
     [("Jaish al-Adl", "based_in", "Pakistan")], [("Iran", "based_in", "Pakistan")]),
    # a state named as its people ("Afghan officials … their government") is still theirs
    ("Afghan officials denied that their government supported the TTP.",
     [], [(TTP, "supports", TTP)]),
]

PLURAL_GUARDS = [
    # "them" after people the text does not name: those people, no actor
    ("ISKP is active in Kabul. Three gunmen stormed a school in Kabul. Afghan forces fought "
     "them for hours.", ISKP),
    ("The TTP is active in Bannu. Five attackers stormed a police post. Soldiers killed "
     "them after a gunfight.", TTP),
    ("The BLA operates in Turbat. Several militants attacked a convoy. Police arrested "
     "them a day later.", BLA),
]


@pytest.mark.parametrize(("text", "wanted", "unwanted"), PLURAL_PRONOUNS)
def test_plural_pronouns(extractor, text, wanted, unwanted):
    check_triples(extractor, text, wanted, unwanted)


@pytest.mark.parametrize(("text", "group"), PLURAL_GUARDS)
def test_them_after_unnamed_people_is_no_actor(extractor, text, group):
    found = claims(extractor, text)
    assert not [r for r in found if r.object == group and r.predicate in
                ("fights", "attacks", "targets", "hostile_to")], found


@pytest.mark.parametrize("text", [
    "PESHAWAR, Pakistan, Feb 2, 2023 (Reuters) - Police said on Thursday that the bomber "
    "wore a uniform, and they blamed the TTP for the attack.",
    "KABUL, Oct 3, 2022 (AFP) - Officials said the blast killed 53, and they blamed ISKP.",
    "QUETTA, March 4 (Reuters) - Officials said ten people died, and they blamed the BLA.",
])
def test_a_datelines_agency_is_no_antecedent(extractor, text):
    found = claims(extractor, text)
    assert not [r for r in found if r.source in ("Reuters", "AFP") or
                r.subject in ("Reuters", "Agence France-Presse")], found


def _bodies(extractor, text: str, published: str | None = None) -> dict[str, str]:
    """The words the hook `add_state_bodies` gave a state body: {word: body name}."""
    from threatnet.extract.coref import add_state_bodies

    doc = extractor.nlp(text)
    found = extractor.entities.find(doc)
    before = set(found.token_entity)
    add_state_bodies(doc, found, extractor.pack, published)
    names = {e.id: e.name for e in found.entities}
    return {doc[i].lower_: names[e] for i, e in found.token_entity.items() if i not in before}


STATE_BODIES = [
    # the country of the sentence's places
    ("The military launched an offensive in North Waziristan.", {"military": "Pakistan Army"}),
    ("Security forces killed five militants in Quetta.",
     {"security": "Pakistani security forces", "forces": "Pakistani security forces"}),
    ("Police arrested two men in Peshawar.", {"police": "Khyber Pakhtunkhwa Police"}),
    ("Police arrested the suspects in Quetta on Monday.", {"police": "Balochistan Police"}),
    # else the country the report is set in (most of its places)
    ("Militants attacked a checkpoint in Bannu. The army said it killed five of them. "
     "Two men were arrested in Peshawar.", {"army": "Pakistan Army"}),
    ("A bomb exploded in Quetta. Another hit Turbat. The military's media wing said two "
     "soldiers died.", {"military": "Pakistan Army"}),
    # a date-bounded body: the one in force at the report's date
    ("The army said it had cleared Kunduz and Helmand.", {"army": "Afghan National Army"}),
]

NO_STATE_BODY = [
    ("The army said it had killed five militants.", None),  # no country at all
    ("The army shelled positions in Kunar and Bajaur.", None),  # places of two countries
    ("Militants attacked a post in Bannu. The Afghan army denied any role in Peshawar.", None),
    ("Gunmen attacked Bannu. The army chief visited a police station in Peshawar.", None),
    ("The army said it had cleared Kunduz and Helmand.", "2023-05-01"),  # no ANA by then
]


@pytest.mark.parametrize(("text", "wanted"), STATE_BODIES)
def test_generic_state_forces_are_the_countrys_body(extractor, text, wanted):
    assert _bodies(extractor, text, "2020-06-01") == wanted


@pytest.mark.parametrize(("text", "published"), NO_STATE_BODY)
def test_generic_state_forces_without_a_clear_country_stay_no_ones(extractor, text, published):
    assert _bodies(extractor, text, published) == {}


NAME_HEADS = [
    # the last word of a group's name, alone: that group, even beside another group
    ("The Haqqani Network and the Taliban. The network is based in North Waziristan.",
     [("Haqqani network", "based_in", "North Waziristan")],
     [("Taliban", "based_in", "North Waziristan")]),
    ("Sirajuddin Haqqani met Taliban leaders in Kabul with the Haqqani Network. The network "
     "is based in Khost.", [("Haqqani network", "based_in", "Khost")],
     [("Taliban", "based_in", "Khost")]),
    ("The BLA and the Balochistan Liberation Front are allies. The front operates in "
     "Makran.", [(BLF, "operates_in", "Makran")], [(BLA, "operates_in", "Makran")]),
    # two groups of the paragraph so named: no guess
    ("The Resistance Front and the Balochistan Liberation Front grew in 2019. The front is "
     "based in Kunar.", [], [(BLF, "based_in", "Kunar"),
                            ("The Resistance Front", "based_in", "Kunar")]),
]


@pytest.mark.parametrize(("text", "wanted", "unwanted"), NAME_HEADS)
def test_a_groups_name_head_alone_is_that_group(extractor, text, wanted, unwanted):
    check_triples(extractor, text, wanted, unwanted)


_LEI = "Lashkar-e-Islam (LeI)\n\nLeI was founded in 2004 in Bara. LeI is banned in Pakistan.\n\n"

TOPIC_PRONOUNS = [
    # "it" once the paragraph has pointed at the report's group
    (_LEI + "Bases\nIts fighters fled to Nangarhar in 2008, and it is now based in Kunar.",
     [("Lashkar-e-Islam", "based_in", "Kunar")], []),
    (_LEI + "Bases\nIts leaders left Khyber in 2008; today it is based in Nangarhar.",
     [("Lashkar-e-Islam", "based_in", "Nangarhar")], []),
    # a government body named in the paragraph is no rival for "the group"
    (_LEI + "Finances\nThe US State Department said the group is based in Nangarhar.",
     [("Lashkar-e-Islam", "based_in", "Nangarhar")], []),
    (_LEI + "Finances\nThe Interior Ministry says the group operates in Tirah.",
     [("Lashkar-e-Islam", "operates_in", "Tirah")], []),
    # a paragraph that never pointed at the group: its "it" is something else
    (_LEI + "Outlook\nA convoy was hit in 2010, and it is now based in Kunar.",
     [], [("Lashkar-e-Islam", "based_in", "Kunar")]),
]


@pytest.mark.parametrize(("text", "wanted", "unwanted"), TOPIC_PRONOUNS)
def test_the_reports_group_in_a_paragraph_naming_none(extractor, text, wanted, unwanted):
    check_triples(extractor, text, wanted, unwanted)
