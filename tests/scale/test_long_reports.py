"""Long reports: read section by section (linear cost), and a per-document budget that
turns a runaway into that document's one failure line while the batch goes on."""

from __future__ import annotations

import time

import pytest

from threatnet.batch import ingest_documents
from threatnet.errors import InvalidInput
from threatnet.extract.budget import Budget, OverBudget
from threatnet.extract.pipeline import chunks
from threatnet.extract.sections import SECTION_SETTING, section_chars
from threatnet.ingest import document_from_text
from threatnet.store import Store

FIRST = ("Tehrik-i-Taliban Pakistan (TTP) militants attacked a police checkpoint in Bannu "
         "district on Monday, killing three officers, police said. The group later claimed "
         "responsibility for the attack. Pakistan has accused Afghanistan of sheltering "
         "the TTP.\n")
SECOND = ("The Balochistan Liberation Army (BLA) said it had carried out a bombing in Quetta "
          "on March 3, 2025. Officials said the group had received weapons from abroad. "
          "The BLA denied any involvement in an earlier shooting.\n")


def _section_text(paragraph: str, size: int) -> str:
    """`paragraph` repeated up to just under `size` characters (one section)."""
    return paragraph * (size // len(paragraph))


def _facts(record, offset: int = 0) -> list[tuple]:
    names = {e.id: (e.pack_id or e.name) for e in record.entities}
    return [(names[c.subject], c.predicate, names[c.object], str(c.polarity),
             str(c.modality), c.evidence.start + offset, c.evidence.end + offset)
            for c in record.claims]


def test_a_report_longer_than_a_section_is_the_join_of_its_sections(extractor, monkeypatch,
                                                                      check_record):
    monkeypatch.setenv(SECTION_SETTING, "10000")
    text = _section_text(FIRST, 9_000) + _section_text(SECOND, 9_000)
    pieces = chunks(text, 10_000)
    assert len(pieces) == 2 and all(p.endswith("\n") for p in pieces)  # cut at a line break
    alone = [extractor.extract(document_from_text(p, source="part.txt", published="2025-03-05"))
             for p in pieces]
    record = extractor.extract(document_from_text(text, source="long.txt",
                                                  published="2025-03-05"))
    check_record(record.to_dict(), text)
    assert _facts(record) == _facts(alone[0]) + _facts(alone[1], offset=len(pieces[0]))
    packed = [e.pack_id for e in record.entities if e.pack_id]
    assert len(packed) == len(set(packed)), "one entity per pack entry across sections"
    incidents = [e for e in record.entities if e.incident is not None]
    assert len(incidents) == sum(1 for r in alone for e in r.entities if e.incident)
    ids = {e.id for e in record.entities}
    assert all(e.incident.place in ids for e in incidents if e.incident.place)


def test_a_report_within_one_section_is_read_whole(extractor, monkeypatch):
    text = _section_text(FIRST, 12_000)
    whole = extractor.extract(document_from_text(text, source="a.txt"))
    monkeypatch.setenv(SECTION_SETTING, "10000")
    cut = extractor.extract(document_from_text(text, source="a.txt"))
    assert section_chars() == 10_000
    # the cut falls at a line break, so the same claims come out, but "the group" of the
    # section's first sentence has nothing to point back to
    assert len(cut.claims) <= len(whole.claims)
    assert {c.evidence.text for c in cut.claims} <= {c.evidence.text for c in whole.claims}


@pytest.mark.parametrize("raw", ["500", "many", "-1"])
def test_a_bad_section_setting_is_one_line(monkeypatch, raw):
    monkeypatch.setenv(SECTION_SETTING, raw)
    with pytest.raises(InvalidInput) as info:
        section_chars()
    assert SECTION_SETTING in str(info.value) and "\n" not in str(info.value)


def test_the_time_budget_stops_a_runaway_and_spares_the_rest():
    budget = Budget(seconds=0.5, megabytes=None)
    started = time.monotonic()
    with pytest.raises(OverBudget) as info:
        with budget.watch("runaway.txt"):
            while True:
                sum(range(100))
    assert time.monotonic() - started < 120  # CPU seconds are counted: a busy machine waits
    assert str(info.value).startswith("runaway.txt: extraction stopped after 0.5 s")
    with budget.watch("quick.txt"):
        time.sleep(0.1)
    time.sleep(0.6)  # no stop arrives late


def test_the_memory_budget_stops_a_document_that_grows_without_end():
    held: list[bytearray] = []
    with pytest.raises(OverBudget) as info:
        with Budget(seconds=30, megabytes=80).watch("big.txt"):
            while True:
                held.append(bytearray(b"x" * 8_000_000))
                time.sleep(0.01)
    held.clear()
    assert "per-document budget of 80 MB" in str(info.value)


@pytest.mark.parametrize("raw", ["ten", "-5"])
def test_a_bad_budget_setting_is_one_line(monkeypatch, raw):
    monkeypatch.setenv("THREATNET_DOCUMENT_SECONDS", raw)
    with pytest.raises(InvalidInput) as info:
        Budget.from_settings()
    assert "THREATNET_DOCUMENT_SECONDS" in str(info.value)


def test_zero_switches_a_budget_off(monkeypatch):
    monkeypatch.setenv("THREATNET_DOCUMENT_SECONDS", "0")
    monkeypatch.setenv("THREATNET_DOCUMENT_MB", "0")
    assert Budget.from_settings().unlimited


def test_a_runaway_in_a_batch_fails_alone(extractor, monkeypatch, tmp_path):
    real = extractor._record

    def runaway(document, doc):  # stands for a pass whose cost has no end
        while document.source == "runaway.txt":
            sum(range(100))
        return real(document, doc)

    monkeypatch.setattr(extractor, "_record", runaway)
    monkeypatch.setattr(extractor, "budget", Budget(seconds=2, megabytes=None))
    documents = [document_from_text(text, source=name) for name, text in (
        ("good-1.txt", FIRST), ("runaway.txt", SECOND + FIRST), ("good-2.txt", SECOND))]
    with Store(f"sqlite:///{tmp_path / 'kb.sqlite'}") as store:
        summary = ingest_documents(store, documents, extractor)
        assert summary.new == 2
        assert [where for where, _ in summary.failed] == ["runaway.txt"]
        why = summary.failed[0][1]
        assert why.startswith("runaway.txt: extraction stopped after 2 s") and "\n" not in why
        assert {d["source"] for d in store.documents()} == {"good-1.txt", "good-2.txt"}
