""" "it" in a clause hung on the verb before it ("fired on his car as it slowed") is the
thing that verb acted on when no entity names it, not an actor named earlier
(extract/coref.py). Texts of our own."""

from __future__ import annotations

import pytest

from threatnet.ingest import document_from_text

TEXTS = [
    "The National Assembly passed the budget. Gunmen fired on a bus as it slowed near "
    "Quetta, killing six passengers.",
    "The TTP has been weakened. Militants ambushed a convoy as it passed through Mir Ali, "
    "killing three soldiers.",
    "Lashkar-e-Jhangvi was banned in 2001. A bomb hit the van while it waited outside the "
    "court, killing a judge.",
]


@pytest.mark.parametrize("text", TEXTS)
def test_it_is_the_thing_not_the_actor_named_before(extractor, text):
    record = extractor.extract(document_from_text(text, "note.txt", "2020-01-01"))
    named_before = record.entities[0].id  # the actor of the first sentence
    assert not any(c.subject == named_before and str(c.predicate) in
                   ("attacks", "perpetrated", "targets", "uses") for c in record.claims), \
        [(c.subject, c.predicate, c.object) for c in record.claims]


def test_it_still_means_the_group_as_a_main_clause_subject(extractor):
    text = ("Lashkar-e-Jhangvi was weakened by arrests in 2015. In January 2016 gunmen "
            "attacked a checkpoint in Quetta, and it later claimed the attack.")
    record = extractor.extract(document_from_text(text, "note.txt", "2016-02-01"))
    names = {e.id: e.name for e in record.entities}
    assert any(str(c.predicate) == "perpetrated" and names[c.subject] == "Lashkar-e-Jhangvi"
               for c in record.claims), [(names[c.subject], c.predicate) for c in record.claims]


@pytest.mark.parametrize("text", [
    "The United States designated the IJU in 2005. It is banned in Uzbekistan.",
    "Washington listed Jaish-e-Mohammed in 2001. It was also proscribed in Britain.",
    "Pakistan outlawed Lashkar-e-Jhangvi in 2001; it is banned to this day.",
])
def test_what_is_banned_is_a_group_not_the_state_that_banned_it(extractor, text):
    record = extractor.extract(document_from_text(text, "note.txt", "2020-01-01"))
    states = {e.id for e in record.entities if e.type.value == "state"}
    assert not any(str(c.predicate) == "hostile_to" and c.object in states
                   for c in record.claims), [(c.subject, c.predicate, c.object)
                                             for c in record.claims]


def test_a_date_in_brackets_is_no_other_name(extractor):
    text = "Bombings struck Tashkent and Bukhara (March–April 2004), killing 47 people."
    record = extractor.extract(document_from_text(text, "note.txt", "2020-01-01"))
    assert all("2004" not in m.text for e in record.entities if e.type.value == "location"
               for m in e.mentions)


@pytest.mark.parametrize("text", [
    "Analysts doubt that the TTP has acquired armed drones.",
    "Officials doubt that the BLA possesses anti-aircraft missiles.",
    "Some researchers question whether ISKP has any presence in Kashmir.",
])
def test_what_is_doubted_is_no_fact(extractor, text):
    record = extractor.extract(document_from_text(text, "note.txt", "2020-01-01"))
    assert record.claims and all(c.modality.value != "asserted" for c in record.claims), \
        [(c.subject, c.predicate, c.modality) for c in record.claims]
