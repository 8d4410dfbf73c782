"""`extract.tagging` sets every token's POS, TAG, DEP, LEMMA and MORPH exactly as the
pipeline's own attribute ruler and lemmatizer do, and the records do not change."""

from __future__ import annotations

import pytest
import spacy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, ORTH, POS, TAG

from threatnet.extract.tagging import LEMMATIZER, RULER, fast_tagging
from threatnet.ingest import document_from_text

ATTRS = [ORTH, POS, TAG, DEP, HEAD, LEMMA, MORPH, ENT_IOB, ENT_TYPE]

# sentences for the ruler's rarer rules: two-token patterns ("there is", "gonna",
# "ain't", "y'all", "let's", "c'mon"), pronoun case by dependency, "but" as an adverb,
# auxiliaries, determiners used as pronouns, and whitespace tokens of every kind
RARE = [
    "There is a camp near the border, and there were two more. There's no doubt.",
    "We're gonna see whether they ain't leaving; y'all know it. Let's go, c'mon!",
    "I saw you and it. It saw me. You told it to them. They gave it to you and me.",
    "He has done it, but he did not say why. Did they have weapons? Which was it?",
    "That is what those who attacked it wanted; all but one left.",
    "  \n\nA heading\n\n\tIndented line with\ttabs  and  double spaces.\n \n",
    "The group's leaders had been planning attacks; they got funds and gets more.",
]


def _same(nlp, texts: list[str]) -> None:
    tagging = fast_tagging(nlp)
    assert tagging is not None
    stock = list(nlp.pipe(texts))
    fast = [tagging(doc) for doc in nlp.pipe(texts, disable=[RULER, LEMMATIZER])]
    for text, a, b in zip(texts, stock, fast, strict=True):
        assert (a.to_array(ATTRS) == b.to_array(ATTRS)).all(), text[:60]
        assert [str(t.morph) for t in a] == [str(t.morph) for t in b], text[:60]
        assert [t.lemma_ for t in a] == [t.lemma_ for t in b], text[:60]


def test_rare_rules_give_what_the_stock_components_give(nlp):
    _same(nlp, RARE + ["", " ", "\n"])


def test_the_dev_reports_get_what_the_stock_components_give(nlp, dev_reports):
    _same(nlp, [p.read_text(encoding="utf-8") for p in dev_reports[::3]])


def test_memos_start_over_past_their_bound_and_give_the_same(nlp, monkeypatch):
    from threatnet.extract import tagging

    monkeypatch.setattr(tagging, "MEMO", 5)
    _same(nlp, RARE * 2)
    fast = fast_tagging(nlp)
    for text in RARE:
        fast(next(nlp.pipe([text], disable=[RULER, LEMMATIZER])))
        assert len(fast.lemmas) <= 5 + len(text.split()) * 2


def test_without_the_fast_path_the_annotations_differ(nlp):
    """The check above can fail: skipping the two components leaves other values."""
    doc = next(nlp.pipe(RARE[:1], disable=[RULER, LEMMATIZER]))
    stock = nlp(RARE[0])
    assert not (doc.to_array([POS, LEMMA]) == stock.to_array([POS, LEMMA])).all()


def test_records_are_the_same_with_the_stock_components(extractor, dev_reports,
                                                        monkeypatch):
    assert extractor.tagging is not None and extractor.skipped == [RULER, LEMMATIZER]
    documents = [document_from_text(p.read_text(encoding="utf-8"), source=p.name)
                 for p in dev_reports[:6]]
    fast = [r.to_dict() for r in extractor.extract_many(documents)]
    monkeypatch.setattr(extractor, "tagging", None)
    monkeypatch.setattr(extractor, "skipped", [])
    stock = [r.to_dict() for r in extractor.extract_many(documents)]
    assert fast == stock and any(r["claims"] for r in fast)


@pytest.mark.parametrize("pattern", [
    [{"TAG": "NN", "OP": "+"}],  # a quantifier
    [{"ORTH": "Mr"}],  # an attribute the module does not read
    [{"LOWER": {"FUZZY": "attack"}}],  # a predicate it does not reproduce
    [{"LOWER": "a"}, {"LOWER": "b"}, {"LOWER": "c"}],  # three tokens
])
def test_a_pattern_of_another_kind_leaves_the_pipeline_as_it_is(pattern):
    nlp = spacy.blank("en")
    nlp.add_pipe("attribute_ruler").add([pattern], {"POS": "NOUN"})
    nlp.add_pipe("lemmatizer", config={"mode": "rule"})
    assert fast_tagging(nlp) is None


def test_another_lemmatizer_or_order_leaves_the_pipeline_as_it_is():
    nlp = spacy.blank("en")
    nlp.add_pipe("attribute_ruler").add([[{"TAG": "NN"}]], {"POS": "NOUN"})
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    assert fast_tagging(nlp) is None
    nlp = spacy.blank("en")
    nlp.add_pipe("attribute_ruler").add([[{"TAG": "NN"}]], {"POS": "NOUN"})
    nlp.add_pipe("lemmatizer", config={"mode": "rule"})
    assert fast_tagging(nlp) is not None
    nlp.add_pipe("sentencizer")  # a component after them might read what they set
    assert fast_tagging(nlp) is None
