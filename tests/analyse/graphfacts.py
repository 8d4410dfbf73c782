"""Claim views written by hand for the graph tests (no store, no extractor)."""

from __future__ import annotations

import itertools

from threatnet.analyse.claims import ClaimView
from threatnet.analyse.graph import Fact, facts_from_claims
from threatnet.model import PREDICATES

_ids = itertools.count(1)
_entities: dict[str, int] = {}


def eid(name: str) -> int:
    return _entities.setdefault(name, len(_entities) + 1)


def claim(subject: str, predicate: str, obj: str, *, source: str | None = None,
          polarity: str = "affirmed", modality: str = "asserted", confidence: float = 0.9,
          published: str = "2024-01-01", item: str | None = None,
          outlet: str = "report.txt") -> ClaimView:
    return ClaimView(
        id=next(_ids), subject_id=eid(subject), subject=subject, predicate=predicate,
        predicate_class=PREDICATES[predicate][0], object_id=eid(obj), object=obj,
        polarity=polarity, modality=modality, source=source,
        source_key=f"said:{source}" if source else f"outlet:{outlet}",
        document_id="sha256:test", published=published, time_start=None, time_end=None,
        evidence_text=f"{subject} {predicate} {obj}.", evidence_start=0, evidence_end=1,
        confidence=confidence, qualifiers={"item": item} if item else {})


def facts(*claims: ClaimView) -> list[Fact]:
    return facts_from_claims(claims)


def types(**by_name: str) -> dict[int, str]:
    return {eid(name): type_ for name, type_ in by_name.items()}
