"""GET /api/fact: one fact of the graph with its evidence, for the network's edge panel.

The fact (subject, predicate, object, as the network's edges give them) is graded as
the actor profile grades it — against the claims that could contradict it (its
partition, see `analyse.graded`) — and returned with its grade and the grade's
explanation, and every claim for and against it: sentence, source, modality,
polarity, document and the sentence's offsets (the document page's `#at-START`).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from sqlalchemy import select
from sqlalchemy.orm import Session

from threatnet import validate
from threatnet.analyse import graded
from threatnet.analyse.claims import Canon, ClaimView, entities, load_claims
from threatnet.analyse.grading import source_table
from threatnet.errors import InvalidInput
from threatnet.model import PREDICATES, is_symmetric
from threatnet.resolve.pack import ActorPack
from threatnet.serve.deps import ResourcesDep, SessionDep
from threatnet.serve.validate import AsOf, check_date
from threatnet.serve.views import NotFound
from threatnet.store.schema import DocumentRow

router = APIRouter(prefix="/api", tags=["api"])
EntityId = Annotated[int, Query(ge=1, le=validate.MAX_ID)]


def _related(c: ClaimView, key: tuple[int, str, int]) -> bool:
    """Whether claim `c` is in the partition the fact `key` is graded against."""
    a, p, b = key
    if c.key() == key:
        return True
    if p in graded.HOLDING:
        return c.predicate in graded.HOLDING and c.subject_id == a
    if p in graded.RELATIONS:
        return c.predicate in graded.RELATIONS and {c.subject_id, c.object_id} == {a, b}
    return False


def _claim(c: ClaimView, titles: dict[str, str | None]) -> dict[str, Any]:
    return {"claim": c.id, "text": c.evidence_text, "polarity": c.polarity,
            "modality": c.modality, "source": c.source or "(author)",
            "published": c.published, "document": c.document_id,
            "title": titles.get(c.document_id),
            "start": c.evidence_start, "end": c.evidence_end}


def fact_detail(session: Session, pack: ActorPack | None, subject: int, predicate: str, obj: int,
                as_of: str | None = None) -> dict[str, Any]:
    """The graded fact with its explanation and its claims for and against."""
    canon = Canon(session)
    a, b = canon(subject), canon(obj)
    key = (b, predicate, a) if b < a and is_symmetric(predicate) else (a, predicate, b)
    claims = [c for c in load_claims(session, as_of, entity_ids=[key[0]], qualifiers=False)
              if _related(c, key)]
    own = [c for c in claims if c.key() == key]
    if not own:
        raise NotFound(f"no claim that {subject} {predicate} {obj} in this store")
    result = graded.grade_claims(claims, entities(session), pack)[key]
    names = {i: v.name for i, v in canon.load([key[0], key[2]]).items()}
    out = graded.finish(result.fact, names, source_table(), result.why or "")
    out["confidence"], _ = result.edge
    titles = dict(session.execute(select(DocumentRow.id, DocumentRow.title).where(
        DocumentRow.id.in_({c.document_id for c in own}))).all())
    out["claims"] = {"for": [_claim(c, titles) for c in own if c.affirmed],
                     "against": [_claim(c, titles) for c in own if not c.affirmed]}
    out["symmetric"] = is_symmetric(predicate)
    return out


@router.get("/fact")
def get_fact(session: SessionDep, res: ResourcesDep, subject: EntityId, object: EntityId,
             predicate: Annotated[str, Query(max_length=64)], as_of: AsOf = None
             ) -> dict[str, Any]:
    """One fact (`subject`, `predicate`, `object` entity ids, as /api/network's edges
    give them): its grade with the explanation, and each claim for and against it with
    its sentence, source, modality, document and offsets."""
    check_date(as_of)
    if predicate not in PREDICATES:
        raise InvalidInput("predicate", f"no predicate {predicate!r}")
    return fact_detail(session, res.pack, subject, predicate, object, as_of)
