"""The knowledge base: one store of documents, entities and claims, by SQLAlchemy URL.

Each document is written in one transaction (all its mentions and claims, or
nothing); a document already stored by the same extractor version is left
alone, and one stored by another version has its claims replaced. Analysts'
corrections (merge, split, alias, rename) are kept as decisions and live on
the entity rows, which re-extraction never deletes. Analysts' reviews of claims
and mentions (`review.py`) are re-attached to the new rows in the same
transaction (`reattach.py`), and the facts summary of the claims' triples
recomputed (`summary.py`). Each new document is compared with the stored ones it may
copy or be copied by, and its claims given their origin (`copies.py`), so that copies
of one story count as one source. A document's incidents keep its account of them and join
the same incident told by other documents (`incidents.py`).
"""

from __future__ import annotations

from typing import Any, Literal

from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from threatnet.errors import InvalidInput, StoreError, UnknownActor
from threatnet.model import ExtractionRecord
from threatnet.resolve.linker import Linker, canonical, norm_name
from threatnet.store import incidents, migrate, queries, summary
from threatnet.store.engine import WRITE_OPTION, default_url, make_engine, no_store, transient
from threatnet.store.keeper import keeper
from threatnet.store.reattach import Reattachment, reattach
from threatnet.store.schema import (
    AliasRow,
    ClaimRow,
    DecisionRow,
    DocumentRow,
    EntityRow,
    MentionRow,
    SameAsRow,
)

Outcome = Literal["new", "unchanged", "reextracted"]
RETRIES = 5


class Store:
    """A threatnet knowledge base; created at the newest schema when it is new (with
    `create=False`, where there is none, StoreError says how to create one)."""

    def __init__(self, url: str | None = None, create: bool = True,
                 copies: bool = True) -> None:
        self.url = url or default_url()
        self.copies = copies  # near-duplicate detection at save (`copies.py`); off: a bench
        self.engine = make_engine(self.url, create=create)
        try:
            if not create and not migrate.is_store(self.engine):
                raise no_store(self.url)  # an empty file or database: not a store
            migrate.upgrade(self.engine)
        except StoreError:
            self.engine.dispose()
            raise

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def session(self, write: bool = False) -> Session:
        bind = self.engine.execution_options(**{WRITE_OPTION: True}) if write else self.engine
        return Session(bind, expire_on_commit=False)

    # -- documents ---------------------------------------------------------------

    def status(self, document_id: str, extractor_version: str) -> Literal["new", "unchanged",
                                                                          "outdated"]:
        with self.session() as s:
            version = s.scalar(select(DocumentRow.extractor_version)
                               .where(DocumentRow.id == document_id))
        if version is None:
            return "new"
        return "unchanged" if version == extractor_version else "outdated"

    def save(self, record: ExtractionRecord, outlet: str | None = None) -> Outcome:
        """Store one extraction record in one transaction (`outlet` overrides the document's)."""
        return self.save_reviewed(record, outlet)[0]

    def save_reviewed(self, record: ExtractionRecord, outlet: str | None = None
                      ) -> tuple[Outcome, Reattachment | None]:
        """`save`, and what became of the analysts' decisions when the document was
        re-extracted (None when it was new or unchanged)."""
        return self.save_all([(record, outlet)])[0]

    def save_all(self, records: list[tuple[ExtractionRecord, str | None]]
                 ) -> list[tuple[Outcome, Reattachment | None]]:
        """Store several (record, outlet) pairs in one transaction: all of them or none
        (an import of many documents from one file); each with what became of the
        analysts' decisions on it (`save_reviewed`)."""
        record = records[0][0] if records else None
        for attempt in range(RETRIES):
            try:
                with self.session(write=True) as s, s.begin():
                    out = []
                    changed: set[tuple[int, str, int]] = set()
                    for r, outlet in records:
                        before = summary.document_triples(s, r.document.id)
                        outcome = self._save(s, r, outlet)
                        kept = reattach(s, r.document.id) if outcome == "reextracted" else None
                        if outcome != "unchanged":  # the facts of its old and new claims
                            triples = before | summary.document_triples(s, r.document.id)
                            if self.copies:  # and of later copies whose origin it became
                                from threatnet.store import copies  # (reads the ingest's
                                # sentences: not loaded by the query commands)

                                doc = r.document
                                new = (doc.text, doc.published, outlet or doc.outlet
                                       or doc.source) if outcome == "new" else None
                                triples |= copies.index(s, doc.id, new)
                            summary.refresh(s, triples, grades=False)
                            changed |= triples
                        out.append((outcome, kept))
                    _regrade_facts(s, changed)  # once for all the records
                    return out
            except (IntegrityError, OperationalError) as exc:
                # another ingester stored the same document or entity first, or PostgreSQL
                # broke a deadlock between two of them by rolling this one back: look again
                if isinstance(exc, OperationalError) and not transient(exc):
                    raise StoreError(f"{self.engine.url!r}: "
                                     f"{str(exc.orig).splitlines()[0]}") from None
                if attempt == RETRIES - 1:
                    where = record.document.source if record else "records"
                    raise StoreError(f"{where}: could not be stored after "
                                     f"{RETRIES} attempts (concurrent writers)") from None
        raise AssertionError("unreachable")

    def _save(self, s: Session, record: ExtractionRecord, outlet: str | None) -> Outcome:
        doc = record.document
        _check_text(doc.source, doc.text, doc.title, doc.outlet, outlet)
        row = s.get(DocumentRow, doc.id)
        if row is not None and row.extractor_version == record.extractor_version:
            return "unchanged"
        outcome: Outcome = "new"
        before: list[incidents.Previous] = []
        if row is not None:
            outcome = "reextracted"
            before = incidents.previous(s, doc.id)
            incidents.clear(s, doc.id)
            # an analyst's own claims stay: no extractor wrote them
            s.execute(delete(ClaimRow).where(ClaimRow.document_id == doc.id,
                                             ClaimRow.written_by != "analyst"))
            s.execute(delete(MentionRow).where(MentionRow.document_id == doc.id))
            row.extractor_version = record.extractor_version
            row.published = doc.published
        else:
            s.add(DocumentRow(id=doc.id, text=doc.text, source=doc.source, title=doc.title,
                              published=doc.published, language=doc.language,
                              outlet=outlet or doc.outlet, meta=doc.meta or None,
                              extractor_version=record.extractor_version))
            s.flush()
        linker = Linker(s)
        links = {e.id: linker.link(e) for e in record.entities if e.incident is None}
        ids = {k: link.entity_id for k, link in links.items()}
        if len(links) < len(record.entities):  # incidents last: matched by their places
            matcher = incidents.IncidentLinker(s, linker, record, ids, before, _pack())
            for e in record.entities:
                if e.incident is not None:
                    links[e.id] = matcher.link(e)
                    ids[e.id] = links[e.id].entity_id
        # one multi-row INSERT each for mentions and claims, without fetching their ids
        # back (bench: see README "Running on a cluster")
        mentions = [dict(document_id=doc.id, entity_id=ids[e.id], start=m.start, end=m.end,
                         text=m.text) for e in record.entities for m in e.mentions]
        claims = [dict(
            document_id=doc.id, local_id=c.id, subject_id=ids[c.subject],
            predicate=c.predicate, object_id=ids[c.object], polarity=str(c.polarity),
            modality=str(c.modality), source=c.source.text if c.source else None,
            source_entity_id=ids.get(c.source.entity) if c.source and c.source.entity
            else None,
            qualifiers={**c.qualifiers, **({"source_chain": c.source.chain}
                                           if c.source and c.source.chain else {})},
            time_start=c.time.get("start"), time_end=c.time.get("end"),
            evidence_start=c.evidence.start, evidence_end=c.evidence.end,
            evidence_text=c.evidence.text, confidence=c.confidence) for c in record.claims]
        if mentions:
            s.execute(insert(MentionRow.__table__), mentions)
        if claims:
            s.execute(insert(ClaimRow.__table__), claims)
        incidents.save_accounts(s, record, ids)
        # an entity the pack now lists may sit elsewhere in the capability taxonomy
        _regrade(s, sorted({link.entity_id for link in links.values() if link.adopted}))
        return outcome

    def known_sources(self, sources: list[str]) -> set[str]:
        """Which of these sources (paths, URLs, feed items) a stored document came from."""
        with self.session() as s:
            return set(s.scalars(select(DocumentRow.source)
                                 .where(DocumentRow.source.in_(sources))))

    # -- analysts' corrections -----------------------------------------------------

    def entity(self, name_or_id: str | int) -> EntityRow:
        """The stored entity a name, alias or id stands for (after merges)."""
        with self.session() as s:
            return self._entity(s, name_or_id)

    def _entity(self, s: Session, name_or_id: str | int) -> EntityRow:
        row = None
        if isinstance(name_or_id, int) or str(name_or_id).isdigit():
            row = s.get(EntityRow, int(name_or_id))
        else:
            norm = norm_name(str(name_or_id))
            row = s.scalar(select(EntityRow).where(EntityRow.norm == norm,
                                                   EntityRow.merged_into.is_(None)).limit(1))
            if row is None:
                entity_id = s.scalar(select(AliasRow.entity_id).where(AliasRow.norm == norm)
                                     .order_by(AliasRow.origin == "text").limit(1))
                row = s.get(EntityRow, entity_id) if entity_id is not None else None
        if row is None:
            close = _similar_names(s, str(name_or_id))
            hint = (f"did you mean {' or '.join(repr(n) for n in close)}?" if close
                    else "see `threatnet entities --search`")
            raise UnknownActor(f"{name_or_id!r} is not an entity of this store ({hint})")
        return s.get(EntityRow, canonical(s, row.id)) or row

    def merge(self, keep: str | int, other: str | int, author: str | None = None) -> EntityRow:
        """`other` becomes part of `keep`; undone by `split`."""
        with self.session(write=True) as s, s.begin():
            a, b = self._entity(s, keep), self._entity(s, other)
            if a.id == b.id:
                raise StoreError(f"{a.name!r} and {b.name!r} are already one entity")
            # only b points at a: what was merged into b stays under b, so splitting b off
            # a later takes its own parts with it
            s.execute(update(EntityRow).where(EntityRow.id == b.id).values(merged_into=a.id))
            s.execute(update(SameAsRow).where(SameAsRow.entity_a == min(a.id, b.id),
                                              SameAsRow.entity_b == max(a.id, b.id))
                      .values(status="confirmed"))
            s.add(DecisionRow(kind="merge", author=author,
                              payload={"keep": a.id, "other": b.id, "names": [a.name, b.name]}))
            _regrade(s, [a.id, b.id])
            return a

    def split(self, entity: str | int, part: str | int, author: str | None = None) -> None:
        """Undo a merge: `part` is its own entity again."""
        with self.session(write=True) as s, s.begin():
            whole = self._entity(s, entity)
            row = self._part(s, whole, part)
            row.merged_into = None
            s.add(DecisionRow(kind="split", author=author,
                              payload={"entity": whole.id, "part": row.id}))
            _regrade(s, [whole.id, row.id])

    def _part(self, s: Session, whole: EntityRow, part: str | int) -> EntityRow:
        candidates = s.scalars(select(EntityRow).where(EntityRow.merged_into == whole.id)).all()
        wanted = norm_name(str(part))
        for row in candidates:
            if str(row.id) == str(part) or row.norm == wanted:
                return row
        names = ", ".join(f"{r.name} ({r.id})" for r in candidates) or "none"
        raise StoreError(f"{part!r} was not merged into {whole.name!r}; merged parts: {names}")

    def add_alias(self, entity: str | int, alias: str, author: str | None = None) -> None:
        with self.session(write=True) as s, s.begin():
            row = self._entity(s, entity)
            norm = norm_name(alias)
            if s.scalar(select(AliasRow.id).where(AliasRow.entity_id == row.id,
                                                  AliasRow.norm == norm)) is None:
                s.add(AliasRow(entity_id=row.id, alias=alias, norm=norm, origin="analyst"))
            else:
                s.execute(update(AliasRow).where(AliasRow.entity_id == row.id,
                                                 AliasRow.norm == norm)
                          .values(origin="analyst"))
            s.add(DecisionRow(kind="alias", author=author,
                              payload={"entity": row.id, "alias": alias}))

    def rename(self, entity: str | int, name: str, author: str | None = None) -> None:
        with self.session(write=True) as s, s.begin():
            row = self._entity(s, entity)
            old = row.name
            row.name = name
            for alias in (old, name):  # both names keep finding it
                if s.scalar(select(AliasRow.id).where(AliasRow.entity_id == row.id,
                                                      AliasRow.norm == norm_name(alias))) is None:
                    s.add(AliasRow(entity_id=row.id, alias=alias, norm=norm_name(alias),
                                   origin="analyst"))
            s.add(DecisionRow(kind="rename", author=author,
                              payload={"entity": row.id, "from": old, "to": name}))

    # -- reading -------------------------------------------------------------------

    def documents(self) -> list[dict[str, Any]]:
        with self.session() as s:
            return queries.documents(s)

    def entities(self, type: str | None = None, search: str | None = None) -> list[dict]:
        with self.session() as s:
            return queries.entities(s, type, search)

    def claims(self, **filters: Any) -> list[dict[str, Any]]:
        with self.session() as s:
            return queries.claims(s, resolve=lambda n: self._entity(s, n).id, **filters)

    def facts(self, actor: str | int) -> list[dict[str, Any]]:
        with self.session() as s:
            return queries.facts(s, self._entity(s, actor).id)

    def same_as(self) -> list[dict[str, Any]]:
        with self.session() as s:
            return queries.same_as(s)

    def counts(self) -> dict[str, int]:
        with self.session() as s:
            return queries.counts(s)


def _check_text(source: str, *texts: str | None) -> None:
    """Refuse NUL in a document on both backends alike (PostgreSQL cannot store it; the
    readers of `threatnet.ingest` drop it before offsets are counted, so dropping it here
    would make them untrue)."""
    if any(t and "\x00" in t for t in (source, *texts)):
        raise InvalidInput(source, "holds NUL characters, which a store cannot keep; read it "
                                   "with threatnet.ingest, which drops control characters")


def _regrade_facts(s: Session, triples: set[tuple[int, str, int]]) -> None:
    keeper().refresh(s, triples)  # (the kept layer grades them: `store.keeper`)


def _regrade(s: Session, entity_ids: list[int]) -> None:
    """Grade again the facts around entities just merged, split or adopted by the pack."""
    if entity_ids:
        keeper().refresh_entities(s, entity_ids)


def _pack():
    from threatnet.resolve.pack import load_actor_pack  # (the pack the store grades with)

    return load_actor_pack()


SUGGESTIONS = 3
SUGGEST_SCORE = 75.0  # rapidfuzz WRatio, 0-100, of a name worth proposing


def _similar_names(s: Session, name: str) -> list[str]:
    """The entity names (by their name or an alias) closest to a misspelt `name`."""
    from rapidfuzz import fuzz, process

    names: dict[str, str] = {}  # a name or alias -> the entity name it stands for
    for alias, entity in s.execute(select(AliasRow.alias, EntityRow.name)
                                   .join(EntityRow, EntityRow.id == AliasRow.entity_id)
                                   .where(EntityRow.merged_into.is_(None))):
        names.setdefault(alias, entity)
    for (entity,) in s.execute(select(EntityRow.name).where(EntityRow.merged_into.is_(None))):
        names[entity] = entity
    found = process.extract(name, list(names), scorer=fuzz.WRatio, limit=SUGGESTIONS * 3,
                            score_cutoff=SUGGEST_SCORE, processor=norm_name)
    return list(dict.fromkeys(names[match] for match, _score, _ in found))[:SUGGESTIONS]
