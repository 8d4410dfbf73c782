"""Long reports: parsed in chunks, one at a time, cut where a paragraph or sentence ends."""

from __future__ import annotations

import re

import pytest
from spacy.tokens import Doc

from threatnet.extract import pipeline
from threatnet.extract.pipeline import chunks
from threatnet.ingest import document_from_text


def _long_text(dev_reports, copies: int = 2) -> str:
    return "\n\n".join(p.read_text(encoding="utf-8").strip()
                       for _ in range(copies) for p in dev_reports[:3])


def test_chunks_end_at_line_breaks(dev_reports):
    text = _long_text(dev_reports)
    pieces = chunks(text, 2_000)
    assert len(pieces) > 3
    assert "".join(pieces) == text
    assert all(len(p) <= 2_000 for p in pieces)
    assert all(p.endswith("\n") for p in pieces[:-1])


def test_a_single_long_line_is_cut_after_sentence_ends(dev_reports):
    text = " ".join(_long_text(dev_reports).split())  # no line break at all
    pieces = chunks(text, 2_000)
    assert len(pieces) > 3
    assert "".join(pieces) == text
    assert all(len(p) <= 2_000 for p in pieces)
    for piece in pieces[:-1]:
        assert re.search(r"[.!?][\"'’”)\]]*\s+$", piece), piece[-40:]


def test_text_without_sentences_is_cut_at_spaces_else_at_the_limit():
    words = " ".join(["militants"] * 1_000)
    assert all(p.endswith(" ") for p in chunks(words, 500)[:-1])
    assert [len(p) for p in chunks("x" * 1_200, 500)] == [500, 500, 200]


@pytest.fixture
def small_chunks(monkeypatch):
    monkeypatch.setattr(pipeline, "CHUNK_CHARS", 2_000)


def test_multi_chunk_record_is_the_batched_parse_record(small_chunks, extractor, dev_reports):
    """Parsing the chunks one at a time (bounded memory) gives the record the batched
    `nlp.pipe` parse gave."""
    text = _long_text(dev_reports)
    document = document_from_text(text, source="long")
    assert len(chunks(document.text, pipeline.CHUNK_CHARS)) > 3
    ours = extractor.extract(document).to_dict()
    batched = Doc.from_docs(list(extractor.nlp.pipe(chunks(document.text,
                                                           pipeline.CHUNK_CHARS))),
                            ensure_whitespace=False)
    before = extractor._record(document_from_text(text, source="long"), batched).to_dict()
    assert ours["claims"] and ours == before


def test_one_line_multi_chunk_record_is_consistent(small_chunks, extractor, dev_reports,
                                                   check_record):
    text = " ".join(_long_text(dev_reports, copies=1).split())
    document = document_from_text(text, source="one line")
    record = extractor.extract(document).to_dict()
    assert record["claims"]
    check_record(record, document.text)


def test_extract_many_batches_by_size_and_gives_each_documents_record(
        small_chunks, extractor, dev_reports, monkeypatch):
    paragraphs = [p for path in dev_reports for p in
                  path.read_text(encoding="utf-8").splitlines() if 200 < len(p) < 1_000]
    texts = paragraphs[:8]
    texts.append(_long_text(dev_reports))  # longer than CHUNK_CHARS: parsed in chunks
    assert len(texts) == 9
    documents = [document_from_text(t, source=f"r{n}") for n, t in enumerate(texts)]
    batches: list[int] = []
    pipe = extractor.nlp.pipe

    def counting_pipe(texts, **kwargs):
        texts = list(texts)
        batches.append(sum(len(t) for t in texts))
        return pipe(texts, **kwargs)

    monkeypatch.setattr(extractor.nlp, "pipe", counting_pipe)
    many = [r.to_dict() for r in extractor.extract_many(documents, batch_size=8)]
    monkeypatch.undo()
    # no batch holds more text than one chunk (the long report's chunks are parsed alone)
    assert len(batches) >= 3 and all(size <= pipeline.CHUNK_CHARS for size in batches)
    one = [extractor.extract(document_from_text(t, source=f"r{n}")).to_dict()
           for n, t in enumerate(texts)]
    assert many == one
