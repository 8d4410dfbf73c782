"""The extractor on odd input: it never crashes, and every offset it reports is true."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from threatnet.extract.pipeline import CHUNK_CHARS
from threatnet.ingest import document_from_text

VOCABULARY = [
    "TTP", "BLA", "Tehrik-i-Taliban Pakistan", "Balochistan Liberation Army", "ISKP",
    "Jaish-e-Mohammed", "Pakistan", "Afghanistan", "Quetta", "Kabul", "the", "a", "said",
    "attacked", "denied", "did", "not", "may", "allied", "with", "against", "according", "to",
    "officials", "sources", "they", "it", "possesses", "drones", "claimed", "bombing",
    "in", "2024", "March", "supports", "its", "leader", "Noor Wali Mehsud", "is", "believed",
    "ٹی ٹی پی", "بی ایل اے", "پاکستان", "حملہ", "کا", "(", ")", ",", ".", ";", ":", "'", "\"",
    "—", "-", "?", "!", "\n", "\n\n", "  ", "\t", "’s", "[", "]", "…", "é", "\u0301",
]

texts = st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=60).map(
    lambda words: " ".join(words))


def check(record, text: str) -> None:
    """Offsets and references of a record against the Document text."""
    ids = {e.id for e in record.entities}
    assert len(ids) == len(record.entities)
    for entity in record.entities:
        assert entity.name
        for m in entity.mentions:
            assert 0 <= m.start < m.end <= len(text), (entity.id, m)
            assert text[m.start:m.end] == m.text, (entity.id, m)
    for claim in record.claims:
        ev = claim.evidence
        assert 0 <= ev.start <= ev.end <= len(text), (claim.id, ev)
        assert text[ev.start:ev.end] == ev.text, (claim.id, ev)
        assert claim.subject in ids and claim.object in ids, claim.id
        assert 0.0 <= claim.confidence <= 1.0, claim.id


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_random_texts_never_crash(extractor, text):
    if not text.strip():
        return
    document = document_from_text(text, source="hypothesis")
    record = extractor.extract(document)
    check(record, document.text)
    assert record.document is document


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(texts, min_size=1, max_size=4))
def test_extract_many_equals_extract(extractor, batch):
    documents = [document_from_text(t + " TTP.", source=f"doc{i}")
                 for i, t in enumerate(batch)]
    many = list(extractor.extract_many(documents))
    assert [r.document for r in many] == documents
    for document, record in zip(documents, many, strict=True):
        check(record, document.text)
        single = extractor.extract(document)
        assert record.to_dict() == single.to_dict()


def test_known_text_offsets(extractor, dev_reports):
    for path in dev_reports:
        document = document_from_text(path.read_text(encoding="utf-8"), source=str(path))
        record = extractor.extract(document)
        check(record, document.text)
        assert record.entities and record.claims, path.name


def _paragraph_with_claims(extractor, reports) -> str:
    for path in reports:
        for paragraph in path.read_text(encoding="utf-8").split("\n"):
            paragraph += "\n"
            record = extractor.extract(document_from_text(paragraph, source="p"))
            if record.claims and any(e.pack_id for e in record.entities):
                return paragraph
    raise AssertionError("no paragraph of the dev reports yields a claim")


def test_long_text_is_chunked_with_true_offsets(extractor, dev_reports):
    paragraph = _paragraph_with_claims(extractor, dev_reports)
    repeats = CHUNK_CHARS // len(paragraph) + 3
    text = paragraph * repeats
    assert len(text) > CHUNK_CHARS
    document = document_from_text(text, source="long")
    record = extractor.extract(document)
    check(record, document.text)
    # the pack entities are found past the first chunk, at the same place in every copy
    linked = next(e for e in record.entities if e.pack_id)
    starts = [m.start for m in linked.mentions]
    assert max(starts) > CHUNK_CHARS
    per_copy = {s % len(paragraph) for s in starts}
    assert len(starts) == len(per_copy) * repeats
    # the claims of a copy are the claims of any other copy (the first aside: no context)
    def copy_claims(k: int) -> list[tuple]:
        lo, hi = k * len(paragraph), (k + 1) * len(paragraph)
        return [(c.subject, c.predicate, c.object, c.polarity, c.evidence.start - lo)
                for c in record.claims if lo <= c.evidence.start < hi]

    assert copy_claims(1)
    assert copy_claims(repeats - 1) == copy_claims(1)
    assert max(c.evidence.end for c in record.claims) > CHUNK_CHARS


def test_long_text_without_newlines(extractor):
    sentence = "The TTP attacked a police post in Bannu, officials said. "
    text = sentence * (CHUNK_CHARS // len(sentence) + 2)
    document = document_from_text(text, source="long-line")
    record = extractor.extract(document)
    check(record, document.text)
    ttp = next(e for e in record.entities if e.pack_id == "ttp")
    assert max(m.start for m in ttp.mentions) > CHUNK_CHARS
