"""Review test data: a short report, and helpers to find a claim by what it says rather than
by its id (ids change when a document is re-extracted)."""

from __future__ import annotations

import dataclasses

from threatnet.model import ExtractionRecord

QUETTA = ("The Balochistan Liberation Army (BLA) attacked a Pakistani army convoy in Quetta.\n"
          "Officials said the BLA did not cooperate with the TTP.\n"
          "According to Taliban sources, the BLA possesses small drones.\n"
          "This report was first published on March 20, 2025.\n")


def next_version(record: ExtractionRecord, **changes) -> ExtractionRecord:
    """The same document as a newer extractor would give it."""
    return dataclasses.replace(record, extractor_version=record.extractor_version + "+next",
                               **changes)


def find(claims: list[dict], predicate: str, evidence: str) -> dict:
    """The one claim with this predicate (as the machine read it) in the sentence."""
    hits = [c for c in claims if (c["machine"] or c)["predicate"] == predicate
            and evidence in c["evidence"]["text"]]
    assert len(hits) == 1, (predicate, evidence, claims)
    return hits[0]
