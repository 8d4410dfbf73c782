"""Conflict and support, round six (extract/conflict_relations.py, conflict_stances.py and
the `conflict` blocks of data/frames.yaml): opposition to a project or a people,
cooperation idioms ("liaised with", "in league with", "joined forces"), help that names
what the helped one did ("helped the Taliban regroup"), fighting named by a gerund before
"between", joint attacks of conjoined sides, hostility labels in a small clause
("considers the Taliban apostates") and strikes on a group's bases - each family in three
sentences of its own wording, with guards, and each claim's certainty kept as written."""

from __future__ import annotations

import pytest
from claimrows import BLA, BLF, ISKP, JEM, LET, TTP, affirmed, claims, negated

from threatnet.model import is_symmetric

CPEC = "China-Pakistan Economic Corridor"
TALIBAN = "Taliban"
ISI = "Inter-Services Intelligence"
AQ = "Al-Qaeda"
CONFLICT = ("supports", "hostile_to", "fights", "cooperates_with", "negotiates_with",
            "rival_of", "allied_with", "attacks")


def _of(extractor, text: str) -> list:
    """The claims of this area's predicates, their time left out, the sides of a symmetric
    one in name order."""
    return sorted(_ordered(r._replace(start=None, end=None)) for r in claims(extractor, text)
                  if r.predicate in CONFLICT)


def _ordered(row):
    if is_symmetric(row.predicate) and row.object < row.subject:
        return row._replace(subject=row.object, object=row.subject)
    return row


def _check(extractor, text, expected):
    assert _of(extractor, text) == sorted(_ordered(r) for r in expected)


# opposition to a project or a corridor: the infrastructure it names is what is opposed
PROJECTS = [
    ("The BLF remains implacably hostile to the China-Pakistan Economic Corridor.",
     [affirmed(BLF, "hostile_to", CPEC)]),
    ("Like other Baloch groups, the BLA opposes CPEC as a colonial project.",
     [affirmed(BLA, "hostile_to", CPEC)]),
    ("The BLA has long been opposed to the CPEC projects in Gwadar, analysts say.",
     [affirmed(BLA, "hostile_to", CPEC, "reported", source="analysts")]),
    ("The BLA does not oppose CPEC, its spokesman insisted.",
     [negated(BLA, "hostile_to", CPEC, "reported", source="its spokesman")]),
    # a place is no project: nothing opposed
    ("The BLA opposes elections in Balochistan.", []),
]


@pytest.mark.parametrize(("text", "expected"), PROJECTS)
def test_opposition_to_a_project(extractor, text, expected):
    _check(extractor, text, expected)


# hostility "to" someone, named by a noun of feeling
HOSTILITY_TO = [
    ("Lashkar-e-Jhangvi is notorious for its hostility to Shias.",
     [affirmed("Lashkar-e-Jhangvi", "hostile_to", "Shia Muslims")]),
    ("ISKP's enmity to the Taliban dates from 2015.",
     [affirmed(ISKP, "hostile_to", TALIBAN)]),
    ("The TTP's animosity to Pakistan has deepened since 2022, officials say.",
     [affirmed(TTP, "hostile_to", "Pakistan", "reported", source="officials")]),
    ("The BLA's opposition to CPEC hardened after 2015.",
     [affirmed(BLA, "hostile_to", CPEC)]),
]


@pytest.mark.parametrize(("text", "expected"), HOSTILITY_TO)
def test_hostility_to(extractor, text, expected):
    _check(extractor, text, expected)


# cooperation idioms: a verb of liaison, or acting "in league / concert / tandem with"
COOPERATION_IDIOMS = [
    ("The BLF liaised with the BLA on logistics.",
     [affirmed(BLA, "cooperates_with", BLF)]),
    ("The TTP has colluded with al-Qaeda for years, officials say.",
     [affirmed(TTP, "cooperates_with", AQ, "reported", source="officials")]),
    ("The Haqqani network has operated in concert with al-Qaeda.",
     [affirmed("Haqqani network", "cooperates_with", AQ)]),
    ("JeM works in league with LeT, Indian officials say.",
     [affirmed(JEM, "cooperates_with", LET, "reported", source="Indian officials")]),
    ("The TTP may have acted in tandem with ISKP in Bajaur.",
     [affirmed(TTP, "cooperates_with", ISKP, "possible")]),
    ("In 2020 the BLA joined forces with the BLF.",
     [affirmed(BLA, "cooperates_with", BLF)]),
    # a concert hall, a league table: no partner named with "with"
    ("The TTP operated in concert in Swat.", []),
]


@pytest.mark.parametrize(("text", "expected"), COOPERATION_IDIOMS)
def test_cooperation_idioms(extractor, text, expected):
    _check(extractor, text, expected)


# help that names what the one helped did: the helper supports it
HELPED_TO = [
    ("The ISI helped the Taliban regroup after 2001.",
     [affirmed(ISI, "supports", TALIBAN)]),
    ("Al-Qaeda allegedly helped the TTP build its bombs.",
     [affirmed(AQ, "supports", TTP, "alleged")]),
    ("Kabul says Pakistan enabled the Taliban to return.",
     [affirmed("Pakistan", "supports", TALIBAN, "reported", source="Kabul")]),
    ("India never helped the BLA carry out attacks, New Delhi says.",
     [negated("India", "supports", BLA, "reported", source="New Delhi")]),
    # help to someone who is no actor: nothing
    ("The ISI helped the villagers rebuild the school.", []),
]


@pytest.mark.parametrize(("text", "expected"), HELPED_TO)
def test_help_with_a_clause(extractor, text, expected):
    _check(extractor, text, expected)


# fighting named by a gerund before "between": the two sides fight
FIGHTING_BETWEEN = [
    ("Fighting between the Taliban and ISKP killed dozens in Nangarhar.",
     [affirmed(ISKP, "fights", TALIBAN)]),
    ("Skirmishing between the BLA and the BLF was reported in Kech.",
     [affirmed(BLA, "fights", BLF)]),
    ("Fighting between the TTP and the Pakistani army could resume in the spring.",
     [affirmed("Pakistan Army", "fights", TTP, "possible")]),
]


@pytest.mark.parametrize(("text", "expected"), FIGHTING_BETWEEN)
def test_fighting_between(extractor, text, expected):
    _check(extractor, text, expected)


# joint attacks of conjoined sides: they cooperate
JOINT_ATTACKS = [
    ("Jamaat-ul-Ahrar and the TTP carried out joint attacks in Peshawar.",
     [affirmed("Jamaat-ul-Ahrar", "cooperates_with", TTP)]),
    ("The BLA and the BLF staged a joint raid on a camp in Kech.",
     [affirmed(BLA, "cooperates_with", BLF)]),
    ("Lashkar-e-Taiba and Jaish-e-Mohammed are thought to have mounted joint assaults.",
     [affirmed(JEM, "cooperates_with", LET, "believed")]),
]


@pytest.mark.parametrize(("text", "expected"), JOINT_ATTACKS)
def test_joint_attacks(extractor, text, expected):
    found = _of(extractor, text)
    for row in expected:
        assert _ordered(row) in found


# a hostility label in a small clause: "considers the Taliban apostates"
DEEMED_HOSTILE = [
    ("ISKP considers the Taliban apostates.",
     [affirmed(ISKP, "hostile_to", TALIBAN)]),
    ("The TTP deems the Pakistani state an infidel regime.",
     [affirmed(TTP, "hostile_to", "Pakistan")]),
    ("Al-Qaeda does not consider the Taliban apostates.",
     [negated(AQ, "hostile_to", TALIBAN)]),
]


@pytest.mark.parametrize(("text", "expected"), DEEMED_HOSTILE)
def test_hostility_deemed(extractor, text, expected):
    _check(extractor, text, expected)


# strikes on a group's bases (lemmatised "basis" by the small model)
BASES = [
    ("Iranian forces shelled Jaish al-Adl bases near the border.",
     [affirmed("Iranian forces", "attacks", "Jaish al-Adl")]),
    ("Pakistani jets bombed TTP bases, the military said.",
     [affirmed("Pakistan", "attacks", TTP, "reported", source="the military")]),
    ("The army raided BLA bases in Kohlu.",
     [affirmed("Pakistan Army", "attacks", BLA)]),
]


@pytest.mark.parametrize(("text", "expected"), BASES)
def test_strikes_on_bases(extractor, text, expected):
    found = _of(extractor, text)
    for row in expected:
        assert _ordered(row) in found


# support held that its owner gives, or support relied on
SUPPORT_HELD = [
    ("The Haqqani network has the ISI's backing.",
     [affirmed(ISI, "supports", "Haqqani network")]),
    ("The BLA relies on Indian support, Pakistani officials allege.",
     [affirmed("India", "supports", BLA, "alleged", source="Pakistani officials")]),
    ("Pakistan has long accused India of backing the BLA. The BLA counts on India's "
     "patronage, the army says.",
     [affirmed("India", "supports", BLA, "alleged", source="Pakistan"),
      affirmed("India", "supports", BLA, "reported", source="the army")]),
    # the holder's own support is no gift
    ("The TTP retains its support among the Mehsud tribes.", []),
]


@pytest.mark.parametrize(("text", "expected"), SUPPORT_HELD)
def test_support_held_from_its_owner(extractor, text, expected):
    _check(extractor, text, expected)


# sanctions, bans and curbs by a state or a ruling group: hostility
CURBS = [
    ("The United States imposed sanctions on the BLA in 2019.",
     [affirmed("United States", "hostile_to", BLA)]),
    ("Pakistan's ban on Lashkar-e-Taiba has done little to stop it.",
     [affirmed("Pakistan", "hostile_to", LET)]),
    ("The Taliban have reportedly restricted the TIP's movements.",
     [affirmed(TALIBAN, "hostile_to", "Turkistan Islamic Party", "reported")]),
    ("The Taliban could rein in the TTP if Pakistan pays.",
     [affirmed(TALIBAN, "hostile_to", TTP, "hypothetical")]),
    ("The Taliban clamped down on ISKP in Nangarhar.",
     [affirmed(TALIBAN, "hostile_to", ISKP)]),
]


@pytest.mark.parametrize(("text", "expected"), CURBS)
def test_sanctions_and_curbs(extractor, text, expected):
    _check(extractor, text, expected)


# handlers belong to the agency or group that supports the one they handle
HANDLERS = [
    ("David Headley took instructions from his ISI handlers, prosecutors said.",
     [affirmed(ISI, "supports", "David Headley", "reported", source="prosecutors")]),
    ("TRF militants answer to Lashkar-e-Taiba handlers across the border.",
     [affirmed(LET, "supports", "The Resistance Front")]),
    ("The TRF's handlers in the ISI are said to plan its attacks.",
     [affirmed(ISI, "supports", "The Resistance Front", "reported")]),
    # a state named as where the handlers sit is no giver
    ("The TRF took instructions from handlers in Pakistan.", []),
]


@pytest.mark.parametrize(("text", "expected"), HANDLERS)
def test_handlers(extractor, text, expected):
    found = [r for r in _of(extractor, text) if r.predicate == "supports"]
    assert found == sorted(_ordered(r) for r in expected)


def test_a_handler_named_by_the_copula_is_left_to_the_role_readers(extractor):
    text = "Headley testified that Sajid Mir had been his principal handler in Lashkar-e-Taiba."
    assert not [r for r in _of(extractor, text)
                if r.predicate == "supports" and r.subject == LET]


# conjoined sides sharing what fights cooperate
SHARED = [
    ("The BLA and the BLF have shared intelligence and safe houses.",
     [affirmed(BLA, "cooperates_with", BLF)]),
    ("The SSP and LeJ shared members and madrassas, police say.",
     [affirmed("Lashkar-e-Jhangvi", "cooperates_with", "Sipah-e-Sahaba Pakistan", "reported",
               source="police")]),
    ("The TTP and Jamaat-ul-Ahrar may pool their fighters.",
     [affirmed("Jamaat-ul-Ahrar", "cooperates_with", TTP, "possible")]),
    # a border, a history, an ideology: no cooperation
    ("Pakistan and Afghanistan share a long border.", []),
]


@pytest.mark.parametrize(("text", "expected"), SHARED)
def test_shared_assets(extractor, text, expected):
    found = [r for r in _of(extractor, text) if r.predicate == "cooperates_with"]
    assert found == sorted(_ordered(r) for r in expected)


# acting against another, and sympathy as support
STANCES = [
    ("The Taliban have refused to act against the TTP.",
     [negated(TALIBAN, "hostile_to", TTP)]),
    ("Pakistan finally moved against Lashkar-e-Taiba after the Mumbai attacks.",
     [affirmed("Pakistan", "hostile_to", LET)]),
    ("Islamabad took no action against Jaish-e-Mohammed, Indian officials say.",
     [negated("Pakistan", "hostile_to", JEM, "reported", source="Indian officials")]),
    ("Al-Qaeda has always been sympathetic to the TTP.",
     [affirmed(AQ, "supports", TTP)]),
    ("The seminary's chancellor never hid his sympathy for the Taliban.",
     []),
    ("Many JUI-F clerics have sympathies with the Afghan Taliban.",
     []),
]


@pytest.mark.parametrize(("text", "expected"), STANCES)
def test_acting_against_and_sympathy(extractor, text, expected):
    found = [r for r in _of(extractor, text) if r.predicate in ("hostile_to", "supports")]
    assert found == sorted(_ordered(r) for r in expected)


# what one actor asks of another is no stance of the one asked
REQUESTS = [
    ("Pakistan asked the Taliban to act against the TTP.", []),
    ("Washington urged Islamabad to move against the Haqqani network.", []),
    ("China has pressed the Taliban to act against the TIP, diplomats say.", []),
]


@pytest.mark.parametrize(("text", "expected"), REQUESTS)
def test_a_request_is_no_stance_of_the_one_asked(extractor, text, expected):
    found = [r for r in _of(extractor, text) if r.subject in (TALIBAN, "Pakistan")
             and r.predicate == "hostile_to"]
    assert found == expected


# two sides named in the modifiers of one subject fight each other
MODIFIER_SIDES = [
    ("Afghan and Pakistani forces clashed near Chaman.",
     [affirmed("Afghanistan", "fights", "Pakistani security forces")]),
    ("Iranian and Pakistani border guards reportedly exchanged fire in Panjgur.",
     [affirmed("Iran", "fights", "Pakistani border guards", "reported")]),
    ("Indian and Pakistani troops may clash again along the Line of Control.",
     [affirmed("India", "fights", "Pakistani security forces", "possible")]),
    # one side only
    ("Pakistani forces clashed near Chaman.", []),
]


@pytest.mark.parametrize(("text", "expected"), MODIFIER_SIDES)
def test_sides_in_one_subject(extractor, text, expected):
    found = [r for r in _of(extractor, text) if r.predicate == "fights"]
    assert found == sorted(_ordered(r) for r in expected)


# revenge sworn on another is hostility (a vow or a promise is hypothetical, as the claim
# model codes "vowed to fight")
REVENGE = [
    ("The TTP vowed revenge against the Pakistani army.",
     [affirmed(TTP, "hostile_to", "Pakistan Army", "hypothetical")]),
    ("ISKP has promised vengeance on the Taliban, its statement said.",
     [affirmed(ISKP, "hostile_to", TALIBAN, "hypothetical", source="its statement")]),
    ("India's reprisals against Jaish-e-Mohammed began within days.",
     [affirmed("India", "hostile_to", JEM)]),
    # revenge "for" a deed names no enemy
    ("The TTP vowed revenge for the killing of its commander.", []),
]


@pytest.mark.parametrize(("text", "expected"), REVENGE)
def test_revenge_is_hostility(extractor, text, expected):
    found = [r for r in _of(extractor, text) if r.predicate == "hostile_to"]
    assert found == sorted(_ordered(r) for r in expected)


def test_handlers_of_someone_are_theirs_not_their_givers(extractor):
    text = "The ISI's handlers of the Taliban met in Quetta."
    assert not [r for r in _of(extractor, text)
                if r.predicate == "supports" and r.subject == TALIBAN]
