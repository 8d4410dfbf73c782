"""A group's branch named only by where it is ("the Islamic State's local affiliate") is the
one branch the actor pack places in the report's country (extract/entities.py); a plural
pronoun keeps to its own paragraph's actors (extract/coref.py). Reports of our own."""

from __future__ import annotations

import pytest

from threatnet.ingest import document_from_text

AFGHAN = ("Afghanistan\n\nA bomb tore through a mosque in Kunduz, Afghanistan, on Friday. "
          "{branch} said it had carried out the attack. Officials in Kabul and Jalalabad "
          "said security in Afghanistan's cities would be tightened.")


def _entity_of(record, text: str):
    return next((e for e in record.entities for m in e.mentions if text in m.text), None)


@pytest.mark.parametrize("branch, mention", [
    ("The Islamic State's local affiliate", "affiliate"),
    ("The regional branch of the Islamic State", "branch"),
    ("The Islamic State affiliate", "affiliate"),
])
def test_a_local_branch_is_the_packs_branch_in_the_reports_country(extractor, branch,
                                                                   mention):
    record = extractor.extract(document_from_text(AFGHAN.format(branch=branch), "r.txt",
                                                  "2021-10-10"))
    entity = _entity_of(record, mention)
    assert entity is not None and entity.pack_id == "iskp", \
        [(e.name, [m.text for m in e.mentions]) for e in record.entities]


def test_no_branch_where_the_report_is_about_no_country_of_one(extractor):
    text = ("Note\n\nThe Islamic State's local affiliate claimed an attack in Mosul, Iraq, "
            "and another in Raqqa, Syria.")
    record = extractor.extract(document_from_text(text, "r.txt", "2017-01-10"))
    entity = _entity_of(record, "affiliate")
    assert entity is None or entity.pack_id != "iskp"


def test_their_keeps_to_its_own_paragraph(extractor):
    text = ("Kabul\n\nGunmen stormed Kabul University on Monday, killing 22 people.\n\n"
            "The Islamic State's Khorasan branch claimed the attack. It said two of its "
            "fighters had taken part.\n\nThe Taliban denied any role. Their spokesman, "
            "Zabihullah Mujahid, accused the government of staging the attack.\n")
    record = extractor.extract(document_from_text(text, "r.txt", "2020-11-03"))
    names = {e.id: e.name for e in record.entities}
    members = {names[c.object] for c in record.claims if str(c.predicate) == "member_of"
               and names[c.subject] == "Zabihullah Mujahid"}
    assert members == {"Taliban"}, members


def _body_of(extractor, text: str, words: str):
    record = extractor.extract(document_from_text(text, "r.txt", "2019-08-18"))
    return _entity_of(record, words)


def test_a_bare_ministry_of_another_country_is_not_the_packs(extractor):
    text = ("KABUL, Aug 18\n\nA blast in Kabul killed 63 people at a wedding hall in western "
            "Kabul, Afghanistan. Interior ministry spokesman Nasrat Rahimi said the toll "
            "had risen. Hospitals in Kabul and Jalalabad were full.")
    body = _body_of(extractor, text, "Interior ministry")
    assert body is not None and body.pack_id is None


def test_a_bare_ministry_of_the_reports_country_is_the_packs(extractor):
    text = ("ISLAMABAD\n\nThe Interior Ministry said on Monday that security had been raised "
            "in Peshawar, Quetta and Lahore after threats against Pakistan's police.")
    body = _body_of(extractor, text, "Interior Ministry")
    assert body is not None and body.pack_id == "pakistan_interior_ministry"


def test_a_distinctive_body_stays_the_packs_anywhere(extractor):
    text = ("KABUL\n\nOfficials in Kabul, Kandahar and Herat said the Frontier Corps had "
            "closed the crossing into Afghanistan.")
    body = _body_of(extractor, text, "Frontier Corps")
    assert body is not None and body.pack_id is not None


@pytest.mark.parametrize("text, part, whole", [
    ("The Khorasan branch of the Islamic State claimed the attack in Kabul.",
     "Islamic State Khorasan Province", "Islamic State"),
    ("The Majeed Brigade of the Balochistan Liberation Army struck a convoy in Gwadar.",
     "Majid Brigade", "Balochistan Liberation Army"),
])
def test_a_unit_of_a_group_is_part_of_it(extractor, text, part, whole):
    record = extractor.extract(document_from_text(text, "r.txt", "2021-10-10"))
    names = {e.id: e.name for e in record.entities}
    assert any(str(c.predicate) == "part_of" and names[c.subject] == part and
               names[c.object] == whole for c in record.claims), \
        [(names[c.subject], c.predicate, names[c.object]) for c in record.claims]
