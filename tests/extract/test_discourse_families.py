"""Discourse references that carry claims, in the phrasings analysts use: group nouns,
possessives, the two sides of a dyad paragraph, people named by their role, and the
guards that keep a reference unresolved rather than wrong.

Each case is a short paragraph; it lists the triples the reference must give and the
triples a wrong resolution would give (which must not come out).
"""

from __future__ import annotations

import pytest
from claimrows import BLA, BLF, ISKP, JEM, LET, TTP, check_triples

JUA = "Jamaat-ul-Ahrar"
LEJ = "Lashkar-e-Jhangvi"
SSP = "Sipah-e-Sahaba Pakistan"





GROUP_NOUNS = [
    # "the group" and its synonyms: the paragraph's group, across sentences
    ("Jaish-e-Mohammed was founded by Masood Azhar in 2000. The banned outfit is based in "
     "Bahawalpur.", [(JEM, "based_in", "Bahawalpur")], []),
    ("Lashkar-e-Taiba has been banned in Pakistan since 2002. The proscribed group still "
     "operates in Kashmir.", [(LET, "operates_in", "Kashmir")], []),
    ("The Tehrik-i-Taliban Pakistan was formed in 2007. The movement is allied with "
     "al-Qaeda.", [(TTP, "allied_with", "Al-Qaeda")], []),
    ("The Balochistan Liberation Army was designated in 2019. The organisation is based in "
     "Afghanistan, officials say.", [(BLA, "based_in", "Afghanistan")], []),
    ("Lashkar-e-Jhangvi has killed hundreds of Hazaras. The militant group is based in "
     "Quetta.", [(LEJ, "based_in", "Quetta")], []),
    # the topic of a profile: the group named in its title, in a paragraph naming no group
    ("Lashkar-e-Jhangvi (LeJ)\n\nSnapshot\nA Sunni sectarian militant organisation.\n\n"
     "Roots\nThe group took shape in 1996 and is based in Punjab.",
     [(LEJ, "based_in", "Punjab")], []),
    ("Islamic State Khorasan Province\n\nISKP emerged in 2015 in Nangarhar.\n\nLeadership\n"
     "Since 2020 the group has been based in Kunar.", [(ISKP, "based_in", "Kunar")], []),
    ("Jaish-e-Mohammed (JeM)\n\nJeM was founded in 2000. JeM is led by Masood Azhar.\n\n"
     "Aims\nIts fighters operate in Kashmir.", [(JEM, "operates_in", "Kashmir")], []),
    # ... but an "its" further into such a paragraph may be anything's
    ("The TTP claimed the attack. The TTP is based in Afghanistan.\n\nThe blast hit a "
     "hospital in Peshawar. Doctors said its staff were based in Lahore.", [],
     [(TTP, "based_in", "Lahore")]),
    # a subject the tagger calls plural ("LeJ") is still an "its" antecedent
    ("LeJ has never had a stable chain of command. Malik Ishaq, who was widely seen as its "
     "most influential leader, died in 2015.", [("Malik Ishaq", "leads", LEJ)], []),
    # "the party": the group the text called a party, whatever its type
    ("Lashkar-e-Jhangvi broke away from the anti-Shia party Sipah-e-Sahaba Pakistan in 1996. "
     "Investigators regard LeJ as the armed wing of the party.", [(LEJ, "part_of", SSP)], []),
]

POSSESSIVES = [
    ("ISKP emerged in 2015. Its fighters are based in Nangarhar.",
     [(ISKP, "based_in", "Nangarhar")], []),
    ("Jaish-e-Mohammed was founded in 2000. The group's fighters operate in Kashmir.",
     [(JEM, "operates_in", "Kashmir")], []),
    # a possessive in a clause belongs to that clause's subject
    ("The TTP regrouped in 2021. The Islamic State named Hafiz Saeed Khan the governor of "
     "its new province.", [], [("Hafiz Saeed Khan", "leads", TTP)]),
    ("The TTP is active in Bajaur. Daesh considers the JUI-F its rival.",
     [], [(TTP, "rival_of", "Jamiat Ulema-e-Islam (Fazl)")]),
    ("The Taliban have fought ISKP since 2015. Their fighters are based in Kunar.",
     [("Taliban", "based_in", "Kunar")], [(ISKP, "based_in", "Kunar")]),
    ("ISKP was formed in 2015. The outfit's fighters operate in Kunar.",
     [(ISKP, "operates_in", "Kunar")], []),
    # a possessive of a subject the text did not name belongs to no actor
    ("Masood Azhar founded Jaish-e-Mohammed. A suicide bomber detonated his explosives at a "
     "police post in Pulwama.", [], [("Masood Azhar", "uses", "explosives")]),
    ("The BLA attacked a convoy in Gwadar. Three gunmen forced their way into the port.",
     [], [(BLA, "attacks", "port")]),
]

SALIENCE = [
    # a group named only inside a reported clause is not the topic
    ("The TTP said that the BLA had attacked a convoy. The group is based in Afghanistan.",
     [(TTP, "based_in", "Afghanistan")], [(BLA, "based_in", "Afghanistan")]),
    ("The TTP denied reports that ISKP had bombed the mosque. The group is based in "
     "Afghanistan.", [(TTP, "based_in", "Afghanistan")], [(ISKP, "based_in", "Afghanistan")]),
    # words inside quotation marks are not the topic outside them
    ('The TTP said in a statement: "The BLA is our brother." The group is based in '
     "Afghanistan.", [(TTP, "based_in", "Afghanistan")], [(BLA, "based_in", "Afghanistan")]),
    ('The BLA issued a statement. "ISKP has no place in Balochistan," it said. The outfit is '
     "based in Afghanistan.", [(BLA, "based_in", "Afghanistan")],
     [(ISKP, "based_in", "Afghanistan")]),
    ("\u201cWe will fight the TTP,\u201d ISKP said in a statement. The group is based in Kunar.",
     [(ISKP, "based_in", "Kunar")], [(TTP, "based_in", "Kunar")]),
    # a name in quotation marks is no one's words
    ('The Islamic State announced a new "Khorasan Province" in 2015. The group is based in '
     "Syria.", [("Islamic State", "based_in", "Syria")], []),
    # a group noun set beside a name is that name
    ("Officials say TRF is a front for Lashkar-e-Taiba, the Pakistan-based group behind the "
     "Mumbai attacks.", [(LET, "based_in", "Pakistan")],
     [("The Resistance Front", "based_in", "Pakistan")]),
    ("ISKP recruits from the TTP, the Afghanistan-based movement.",
     [(TTP, "based_in", "Afghanistan")], [(ISKP, "based_in", "Afghanistan")]),
    ("The BLA works with the BLF, the Iran-based outfit.",
     [(BLF, "based_in", "Iran")], [(BLA, "based_in", "Iran")]),
    # "it" is not a subject its verb makes plural
    ("ISKP was formed in 2015. The Taliban say it is based in Kunar.",
     [(ISKP, "based_in", "Kunar")], [("Taliban", "based_in", "Kunar")]),
    ("ISKP grew in 2021. If the Taliban fail to contain the group, it will be based in Kunar.",
     [], [("Taliban", "based_in", "Kunar")]),
    ("ISKP was formed in 2015. The Taliban have fought it since, and it is based in Kunar.",
     [(ISKP, "based_in", "Kunar")], [("Taliban", "based_in", "Kunar")]),
    # two groups equally salient: no guess
    ("The TTP and the BLA stepped up attacks in 2023. The group is based in Afghanistan.",
     [], [(TTP, "based_in", "Afghanistan"), (BLA, "based_in", "Afghanistan")]),
    ("Lashkar-e-Taiba and Jaish-e-Mohammed were banned in 2002. The outfit is based in "
     "Punjab.", [], [(LET, "based_in", "Punjab"), (JEM, "based_in", "Punjab")]),
    ("Both the BLA and the BLF claimed attacks in Turbat. The organisation is based in Iran.",
     [], [(BLA, "based_in", "Iran"), (BLF, "based_in", "Iran")]),
    # never a country or a place
    ("Iran accused Jaish al-Adl of the bombing. The group is based in Pakistan.",
     [("Jaish al-Adl", "based_in", "Pakistan")], [("Iran", "based_in", "Pakistan")]),
    ("The TTP fled to Kunar in 2014. The movement is allied with al-Qaeda.",
     [(TTP, "allied_with", "Al-Qaeda")], [("Kunar", "allied_with", "Al-Qaeda")]),
    ("Pakistan banned the TTP in 2008. The group is based in Afghanistan.",
     [(TTP, "based_in", "Afghanistan")], [("Pakistan", "based_in", "Afghanistan")]),
    # the speaker's group, not the one spoken to
    ("A LeJ spokesman told Reuters the group had bombed the market in Quetta.",
     [], [("Reuters", "attacks", "market")]),
    ("A TTP commander told the BBC the group was based in Kunar.",
     [(TTP, "based_in", "Kunar")], [("BBC", "based_in", "Kunar")]),
    ("An ISKP spokesman told Al Jazeera that the group operates in Kunar.",
     [(ISKP, "operates_in", "Kunar")], [("Al Jazeera", "operates_in", "Kunar")]),
]

DYADS = [
    ("The TTP and ISKP both recruit in Bajaur. Both are based in Afghanistan.",
     [(TTP, "based_in", "Afghanistan"), (ISKP, "based_in", "Afghanistan")], []),
    ("Jamaat-ul-Ahrar split from the TTP in 2014. The two groups are based in Afghanistan.",
     [(JUA, "based_in", "Afghanistan"), (TTP, "based_in", "Afghanistan")], []),
    ("The BLA and the BLF were rivals until 2018. Both groups are based in Afghanistan.",
     [(BLA, "based_in", "Afghanistan"), (BLF, "based_in", "Afghanistan")], []),
    # the former, the latter
    ("Lashkar-e-Taiba and Jaish-e-Mohammed are the main Kashmir-focused groups. The former is "
     "based in Muridke; the latter is based in Bahawalpur.",
     [(LET, "based_in", "Muridke"), (JEM, "based_in", "Bahawalpur")],
     [(JEM, "based_in", "Muridke"), (LET, "based_in", "Bahawalpur")]),
    ("The BLA and the BLF share a goal. The latter operates in Makran, while the former "
     "operates in Bolan.", [(BLF, "operates_in", "Makran"), (BLA, "operates_in", "Bolan")],
     [(BLA, "operates_in", "Makran"), (BLF, "operates_in", "Bolan")]),
    ("ISKP recruited from the TTP in 2015. The latter is based in Afghanistan.",
     [(TTP, "based_in", "Afghanistan")], [(ISKP, "based_in", "Afghanistan")]),
    # each other: both directions
    ("The Taliban and ISKP have fought each other in Nangarhar since 2015.",
     [("Taliban", "fights", ISKP)], []),
    ("The BLA and the BLF have cooperated with each other since 2018.",
     [(BLA, "cooperates_with", BLF)], []),
    ("Lashkar-e-Taiba and Jaish-e-Mohammed regard each other as rivals.",
     [(LET, "rival_of", JEM)], []),
    # parent and offshoot
    ("Jamaat-ul-Ahrar broke away from the TTP in 2014. In 2020 it rejoined its parent group.",
     [(JUA, "merged_into", TTP)], [(JUA, "merged_into", JUA)]),
    ("Jamaat-ul-Ahrar is an offshoot of the TTP. The parent group is based in Afghanistan.",
     [(TTP, "based_in", "Afghanistan")], [(JUA, "based_in", "Afghanistan")]),
    ("Jamaat-ul-Ahrar split from the TTP in 2014. The splinter is based in Mohmand.",
     [(JUA, "based_in", "Mohmand")], [(TTP, "based_in", "Mohmand")]),
    # an offshoot named where it is mentioned is that one
    ("Jamaat-ul-Ahrar split from the TTP in 2014. Its offshoot Hizbul Ahrar is based in "
     "Mohmand.", [], [(TTP, "based_in", "Mohmand"), (JUA, "based_in", "Mohmand")]),
]

ROLES = [
    # the person the paragraph named in that role
    ("Since 2020 ISKP has been under the leadership of Sanaullah Ghafari. The group's chief "
     "is believed to be based in Kunar.", [("Shahab al-Muhajir", "based_in", "Kunar")],
     [(ISKP, "based_in", "Kunar")]),
    ("Noor Wali Mehsud is the leader of the TTP. Its leader is based in Afghanistan, officials "
     "say.", [("Noor Wali Mehsud", "based_in", "Afghanistan")], []),
    ("Usman Saifullah Kurd was the commander of LeJ in Balochistan. The commander was based "
     "in Quetta.", [("Usman Saifullah Kurd", "based_in", "Quetta")], []),
    # no person named in the role: nothing
    ("ISKP was formed in 2015. Hafiz Saeed Khan and Abdul Rauf Khadim were among its "
     "commanders. The commander is believed to be based in Kunar.", [],
     [("Hafiz Saeed Khan", "based_in", "Kunar"), ("Abdul Rauf Khadim", "based_in", "Kunar")]),
    # he / his: the last person subject
    ("Masood Azhar founded Jaish-e-Mohammed in 2000. He is believed to be based in "
     "Bahawalpur.", [("Masood Azhar", "based_in", "Bahawalpur")], []),
    ("Hafiz Saeed founded Lashkar-e-Taiba. Officials say he is based in Lahore.",
     [("Hafiz Muhammad Saeed", "based_in", "Lahore")], []),
    ("Noor Wali Mehsud took over the TTP in 2018. His fighters are based in Afghanistan.",
     [], [(TTP, "based_in", "Lahore")]),
    # a new paragraph's "he" reaches back only from its opening sentence
    ("Masood Azhar founded Jaish-e-Mohammed in 2000.\n\nHe is believed to be based in "
     "Bahawalpur.", [("Masood Azhar", "based_in", "Bahawalpur")], []),
    ("Ajmal Kasab was hanged in 2012.\n\nA court in Chicago indicted the subject in 2011. "
     "According to the indictment, he is based in Lahore.", [],
     [("Ajmal Kasab", "based_in", "Lahore")]),
    ("Masood Azhar founded Jaish-e-Mohammed in 2000.\n\nPolice arrested a suspect in Lahore. "
     "Officials said he was based in Bahawalpur.", [],
     [("Masood Azhar", "based_in", "Bahawalpur")]),
]


@pytest.mark.parametrize(("text", "wanted", "unwanted"), GROUP_NOUNS + POSSESSIVES)
def test_group_references(extractor, text, wanted, unwanted):
    check_triples(extractor, text, wanted, unwanted)


@pytest.mark.parametrize(("text", "wanted", "unwanted"), SALIENCE)
def test_salience_guards(extractor, text, wanted, unwanted):
    check_triples(extractor, text, wanted, unwanted)


@pytest.mark.parametrize(("text", "wanted", "unwanted"), DYADS)
def test_dyads(extractor, text, wanted, unwanted):
    check_triples(extractor, text, wanted, unwanted)


@pytest.mark.parametrize(("text", "wanted", "unwanted"), ROLES)
def test_roles(extractor, text, wanted, unwanted):
    check_triples(extractor, text, wanted, unwanted)


@pytest.mark.parametrize("text", [
    "ISKP and the TTP compete in Bajaur. Both recruit in the same districts.",
    "The TTP fought ISKP in Bajaur. Both recruit from madrassas.",
    "ISKP was founded by TTP commanders. Both recruit in Khyber Pakhtunkhwa.",
])
def test_a_both_parsed_as_the_verbs_determiner_is_the_pair(extractor, text):
    """The hook `Coreference.dyad_subjects` gives the argument finder the pair."""
    from threatnet.extract.coref import Coreference

    doc = extractor.nlp(text)
    found = extractor.entities.find(doc)
    types = {e.id: e.type for e in found.entities}
    names = {e.id: e.name for e in found.entities}
    coref = Coreference(doc, found.token_entity, types, names)
    verbs = [t for t in doc if t.lower_ == "recruit"]
    pair = coref.dyad_subjects(verbs[0])
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in verbs[0].children):
        pair = coref.plural(next(c for c in verbs[0].children if c.lower_ == "both"))
    assert sorted(names[e] for e in pair) == sorted([ISKP, TTP])
