"""The knowledge base's tables (SQLAlchemy 2 declarative), shared by SQLite and PostgreSQL.

Documents are keyed by the hash of their text; entities persist across
documents and are merged reversibly (`merged_into`); claims belong to one
document and are replaced as a whole when it is re-extracted. Facts are not
stored: they are computed from claims (`queries.py`).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def _now() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, list[str]: JSON, list[Any]: JSON}


class DocumentRow(Base):
    __tablename__ = "documents"

    id: Mapped[str] = mapped_column(String(80), primary_key=True)  # "sha256:…"
    text: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(String(10), index=True)
    language: Mapped[str] = mapped_column(String(8), default="en")
    outlet: Mapped[str | None] = mapped_column(Text)
    meta: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # url, author, pages (0003)
    extractor_version: Mapped[str] = mapped_column(String(40))
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class EntityRow(Base):
    __tablename__ = "entities"
    __table_args__ = (UniqueConstraint("type", "norm", name="uq_entity_type_norm"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(Text)
    norm: Mapped[str] = mapped_column(String(255))
    type: Mapped[str] = mapped_column(String(32), index=True)
    pack_id: Mapped[str | None] = mapped_column(String(120), unique=True)
    kind: Mapped[str | None] = mapped_column(String(120))
    merged_into: Mapped[int | None] = mapped_column(ForeignKey("entities.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class AliasRow(Base):
    __tablename__ = "aliases"
    __table_args__ = (UniqueConstraint("entity_id", "norm", name="uq_alias_entity_norm"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"))
    alias: Mapped[str] = mapped_column(Text)
    norm: Mapped[str] = mapped_column(String(255), index=True)
    origin: Mapped[str] = mapped_column(String(16))  # pack | text | analyst


class MentionRow(Base):
    __tablename__ = "mentions"
    __table_args__ = {"sqlite_autoincrement": True}  # ids never reused (migration 0004)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"),
                                             index=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    # an analyst's review (store/review.py): the row holds the reviewed values
    review_status: Mapped[str] = mapped_column(String(16), default="unreviewed",
                                               server_default="unreviewed")
    review_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class ClaimRow(Base):
    __tablename__ = "claims"
    __table_args__ = (Index("ix_claim_triple", "subject_id", "predicate", "object_id"),
                      # the path search reads the claims of a few predicates
                      Index("ix_claims_predicate", "predicate"),
                      {"sqlite_autoincrement": True})  # ids never reused (migration 0004)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"),
                                             index=True)
    local_id: Mapped[str] = mapped_column(String(16))
    subject_id: Mapped[int] = mapped_column(ForeignKey("entities.id"), index=True)
    predicate: Mapped[str] = mapped_column(String(32))
    object_id: Mapped[int] = mapped_column(ForeignKey("entities.id"), index=True)
    polarity: Mapped[str] = mapped_column(String(16))
    modality: Mapped[str] = mapped_column(String(16))
    source: Mapped[str | None] = mapped_column(Text)
    source_entity_id: Mapped[int | None] = mapped_column(ForeignKey("entities.id"))
    qualifiers: Mapped[dict[str, Any]] = mapped_column(default=dict)
    time_start: Mapped[str | None] = mapped_column(String(10))
    time_end: Mapped[str | None] = mapped_column(String(10))
    evidence_start: Mapped[int] = mapped_column(Integer)
    evidence_end: Mapped[int] = mapped_column(Integer)
    evidence_text: Mapped[str] = mapped_column(Text)
    confidence: Mapped[float] = mapped_column(Float)
    # an analyst's review (store/review.py): unreviewed | accepted | rejected | corrected;
    # a correction is applied to the fields above, the machine's values kept in `reviews`
    review_status: Mapped[str] = mapped_column(String(16), default="unreviewed",
                                               server_default="unreviewed", index=True)
    review_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # machine: written by the extractor, replaced when the document is re-extracted;
    # analyst: a claim an analyst added (store/analyst_claims.py), kept through re-extraction
    written_by: Mapped[str] = mapped_column(String(16), default="machine",
                                            server_default="machine")
    # where what it says first came from, when not this document's outlet (0009,
    # `store.copies`): the earlier report that carries its sentence, else the wire or
    # outlet the text credits; the author's voice counts as that origin's
    origin: Mapped[str | None] = mapped_column(Text)


class NearKeyRow(Base):
    """The near-duplicate index (0009, `ingest.near_duplicates`): a document's MinHash
    band keys and long sentences' keys. Two documents sharing a key are compared."""

    __tablename__ = "near_keys"
    __table_args__ = (Index("ix_near_keys_key", "key"),)

    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"),
                                             primary_key=True)
    key: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)


class CopyRow(Base):
    """A later document (`document_id`) that carries sentences of an earlier one
    (`original_id`): how many of its sentences, of how many compared, and whether that
    makes it a copy of it (most of them, `near_duplicates.is_copy`). 0009."""

    __tablename__ = "document_copies"

    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"),
                                             primary_key=True)
    original_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"),
                                             primary_key=True, index=True)
    shared: Mapped[int] = mapped_column(Integer)
    compared: Mapped[int] = mapped_column(Integer)
    copy: Mapped[bool] = mapped_column(Boolean)


class SharedSentenceRow(Base):
    """One sentence of a later document (span `start`-`end`) carried by an earlier one
    (`original_id`, span `original_start`-`original_end`). 0009."""

    __tablename__ = "shared_sentences"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"),
                                             index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    original_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"),
                                             index=True)
    original_start: Mapped[int] = mapped_column(Integer)
    original_end: Mapped[int] = mapped_column(Integer)
    similarity: Mapped[float] = mapped_column(Float)


class IncidentRow(Base):
    """What one document says an incident was (`model.Incident`): its kind, date and place.

    One row per incident of a document, replaced with the document's claims when it is
    re-extracted (0007). `entity_id` is the document's own event row: the same attack
    in several reports is several rows merged into one (`store.incidents`), so an
    analyst can split them apart again like any merged entity; `place_id` the stored
    place the document names for it.
    """

    __tablename__ = "incidents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"),
                                             index=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id"), index=True)
    local_id: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(64))
    date: Mapped[str | None] = mapped_column(String(10), index=True)
    place_id: Mapped[int | None] = mapped_column(ForeignKey("entities.id"))
    generated: Mapped[bool] = mapped_column(Boolean, default=True)


# Facts, analysis and exports read claims through this: a claim an analyst rejected stays
# listed (`claims --status rejected`) but no longer supports anything.
NOT_REJECTED = ClaimRow.review_status != "rejected"


class FactSummaryRow(Base):
    """The claims (not rejected) of one stored (subject, predicate, object), aggregated.

    Raw entity ids: merges and splits leave it alone, readers apply canonical ids.
    `support` holds one group per (polarity, modality, source text, source entity,
    origin of the author's own voice): [affirmed, modality, source, source_entity_id,
    origin, claims, best confidence, first published, last published, lowest and
    highest claim id, published and id of the first claim with the best confidence,
    the outlets carrying its claims and the number of its documents (0009)];
    `items` the items supplied, [item, published, claim id] of each one's first claim
    (oldest document first); `months` the claims per month; `timed` how many claims
    have a time of their own. Maintained by `summary.refresh`; rebuilt by
    `summary.rebuild` (0005). What the analysis computes from them per fact is kept in
    `fact_grades` (0006 dropped the fact's own confidence and sources kept here before).
    """

    __tablename__ = "fact_summary"
    __table_args__ = (Index("ix_fact_summary_object", "object_id"),
                      Index("ix_fact_summary_predicate", "predicate"))

    subject_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    predicate: Mapped[str] = mapped_column(String(32), primary_key=True)
    object_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    claims: Mapped[int] = mapped_column(Integer)
    support: Mapped[list[Any]] = mapped_column(JSON)
    items: Mapped[list[Any] | None] = mapped_column(JSON)
    months: Mapped[dict[str, Any]] = mapped_column(JSON)  # claims per published month
    timed: Mapped[int] = mapped_column(Integer)  # claims with a time of their own


class FactGradeRow(Base):
    """One fact (canonical subject, predicate, object; symmetric ones sorted) graded
    against every claim that could contradict it: what `threatnet actor` reads.

    `part` is the partition of facts that grade each other (`analyse.graded`),
    `hierarchy` the actor pack's hierarchy it was graded with (`ActorPack.hierarchy`),
    `data` the fact's support and judgement (see `graded.compute`), `why` why its
    credibility; `edge` / `edge_sources` its confidence
    and number of sources as a relation (`analyse.graph.Fact`), NULL when nothing
    affirms it. Maintained with the
    facts summary, by canonical ids: merges and splits refresh the rows they change.
    """

    __tablename__ = "fact_grades"
    __table_args__ = (UniqueConstraint("subject_id", "predicate", "object_id",
                                       name="uq_fact_grades_fact"),
                      Index("ix_fact_grades_object", "object_id", "subject_id"),
                      Index("ix_fact_grades_part", "part"),
                      Index("ix_fact_grades_predicate", "predicate"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    subject_id: Mapped[int] = mapped_column(Integer)
    predicate: Mapped[str] = mapped_column(String(32))
    object_id: Mapped[int] = mapped_column(Integer)
    part: Mapped[str] = mapped_column(String(200))
    hierarchy: Mapped[str] = mapped_column(String(16))
    score: Mapped[float] = mapped_column(Float)
    affirmed: Mapped[bool] = mapped_column(Boolean)  # its stance
    edge: Mapped[float | None] = mapped_column(Float)
    edge_sources: Mapped[int] = mapped_column(Integer)
    claims: Mapped[int] = mapped_column(Integer)  # for and against
    # the contradictions and changes counted by this fact (`graded.conflict_counts`): as
    # the first side, and for its object only
    conflicts: Mapped[int] = mapped_column(Integer)
    changes: Mapped[int] = mapped_column(Integer)
    object_conflicts: Mapped[int] = mapped_column(Integer)
    object_changes: Mapped[int] = mapped_column(Integer)
    why: Mapped[str | None] = mapped_column(Text)  # read only to explain a grade
    data: Mapped[dict[str, Any]] = mapped_column(JSON)


class EntityMonthRow(Base):
    """How many claims (not rejected) each stored entity is subject or object of, per
    month of their documents: an actor's timeline without reading its claims. Kept with
    the facts summary (`summary.refresh`), by stored ids (a claim whose two ends are one
    entity counts once)."""

    __tablename__ = "entity_months"

    entity_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    month: Mapped[str] = mapped_column(String(8), primary_key=True)  # YYYY-MM or "unknown"
    claims: Mapped[int] = mapped_column(Integer)


class FactLinkRow(Base):
    """The best-supported relation from one actor to another (either way for symmetric
    predicates), over every predicate: what a path search without filters walks
    (`analyse.graph.load_edges`). Kept with `fact_grades`."""

    __tablename__ = "fact_links"

    subject_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    object_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    predicate: Mapped[str] = mapped_column(String(32))
    confidence: Mapped[float] = mapped_column(Float)
    sources_for: Mapped[int] = mapped_column(Integer)


class SameAsRow(Base):
    """A possible identity the resolver was not sure enough to merge: for an analyst."""

    __tablename__ = "same_as"
    __table_args__ = (UniqueConstraint("entity_a", "entity_b", name="uq_same_as_pair"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entity_a: Mapped[int] = mapped_column(ForeignKey("entities.id"))
    entity_b: Mapped[int] = mapped_column(ForeignKey("entities.id"))
    score: Mapped[float] = mapped_column(Float)
    evidence: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="proposed")


class DecisionRow(Base):
    """An analyst's correction (merge, split, alias, rename), kept as data."""

    __tablename__ = "decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(16))
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    author: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class ReviewRow(Base):
    """One analyst decision on a claim or a mention: who, when, the machine's values, the
    correction. Keyed by document, span and the machine's triple (or entity), so it is
    re-attached to the new row when the document is re-extracted (`target_id` then points
    at that row; `attached` is false while no row matches)."""

    __tablename__ = "reviews"
    __table_args__ = (Index("ix_review_target", "target", "target_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    target: Mapped[str] = mapped_column(String(8))  # claim | mention
    target_id: Mapped[int | None] = mapped_column(Integer)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"),
                                             index=True)
    span_start: Mapped[int] = mapped_column(Integer)
    span_end: Mapped[int] = mapped_column(Integer)
    subject_id: Mapped[int] = mapped_column(Integer)  # a mention's entity
    predicate: Mapped[str | None] = mapped_column(String(32))
    object_id: Mapped[int | None] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(16))  # accept | reject | correct | reset | add
    status: Mapped[str] = mapped_column(String(16))
    version: Mapped[int] = mapped_column(Integer)
    machine: Mapped[dict[str, Any]] = mapped_column(default=dict)
    correction: Mapped[dict[str, Any]] = mapped_column(default=dict)
    note: Mapped[str | None] = mapped_column(Text)
    reviewer: Mapped[str] = mapped_column(Text)
    attached: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
