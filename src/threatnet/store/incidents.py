"""One incident across reports: link a document's incidents to the store's, reversibly.

Run by `Store.save` inside the document's transaction. Each incident of a document
(an event entity with `model.Incident`) gets an event row of its own; when another
document already told of the same attack — dates at most `max_days` apart, the same
place or one inside the other (the actor pack's hierarchy), kinds of one family
(`data/incident_matching.yaml`) — the new row is merged into that incident, and the
merge is recorded as a decision like an analyst's (`threatnet entity split` undoes it).
What just misses (dates up to twice the window apart in related places, or close dates
where one report names no place) is proposed as possibly the same, for an analyst.
A re-extracted document takes back its own rows (matched by mentions, name or
kind, date and place), so merges and splits survive re-extraction. An incident the
actor pack lists keeps the pack's one row, as any pack entity does.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import and_, delete, func, or_, select, update
from sqlalchemy.orm import Session

from threatnet.model import Entity, ExtractionRecord
from threatnet.resolve.linker import Link, Linker, canonical, norm_name
from threatnet.resolve.pack import ActorPack
from threatnet.resources import load_data
from threatnet.store.schema import (
    NOT_REJECTED,
    ClaimRow,
    DecisionRow,
    EntityRow,
    IncidentRow,
    MentionRow,
    SameAsRow,
)

MATCHER = "threatnet (incident matching)"  # the author of the merges made here


@dataclass
class Previous:
    """An incident the document had before it was re-extracted."""

    entity_id: int
    name: str  # normalised
    kind: str
    date: str | None
    place_id: int | None
    spans: set[tuple[int, int]] = field(default_factory=set)


def previous(s: Session, document_id: str) -> list[Previous]:
    """The document's stored incidents with their mentions (read before they are replaced)."""
    rows = list(s.scalars(select(IncidentRow).where(IncidentRow.document_id == document_id)))
    spans: dict[int, set[tuple[int, int]]] = {}
    if rows:
        for entity_id, start, end in s.execute(
                select(MentionRow.entity_id, MentionRow.start, MentionRow.end)
                .where(MentionRow.document_id == document_id,
                       MentionRow.entity_id.in_([r.entity_id for r in rows]))):
            spans.setdefault(entity_id, set()).add((start, end))
    return [Previous(r.entity_id, norm_name(r.name), r.kind, r.date, r.place_id,
                     spans.get(r.entity_id, set())) for r in rows]


def clear(s: Session, document_id: str) -> None:
    s.execute(delete(IncidentRow).where(IncidentRow.document_id == document_id))


def kinds_compatible(a: str, b: str) -> bool:
    """Could a report's `a` and another's `b` be the same incident (`incident_matching.yaml`)?"""
    data = load_data("incident_matching.yaml")
    a, b = a.casefold().strip(), b.casefold().strip()
    generic = {k.casefold() for k in data["generic"]}
    if a == b or a in generic or b in generic:
        return True
    return any(a in family and b in family for family in
               ({k.casefold() for k in kinds} for kinds in data["families"].values()))


def parse_date(value: str | None) -> date | None:
    """A full ISO date, or None (a year or a month is too coarse to match incidents by)."""
    try:
        return date.fromisoformat(value) if value and len(value) == 10 else None
    except ValueError:
        return None


class IncidentLinker:
    """Links the incidents of one document, after its other entities are linked."""

    def __init__(self, s: Session, linker: Linker, record: ExtractionRecord,
                 ids: dict[str, int], before: list[Previous], pack: ActorPack | None) -> None:
        self.s, self.linker, self.record, self.ids = s, linker, record, ids
        self.before, self.pack = before, pack
        self.taken: set[int] = set()  # incidents (canonical) of this document already
        self.reused: set[int] = set()  # rows taken back from before the re-extraction
        self.max_days = int(load_data("incident_matching.yaml")["max_days"])
        # an analyst split one of this document's incidents off another: keep them apart
        parts = {p.entity_id for p in before}  # none for a new document: no query
        self.apart = {(d.payload.get("part"), d.payload.get("entity")) for d in s.scalars(
            select(DecisionRow).where(DecisionRow.kind == "split"))
            if d.payload.get("part") in parts} if parts else set()
        self._lock()

    def _lock(self) -> None:
        """On PostgreSQL, two writers storing two reports of one attack at once would each
        miss the other's: one writer at a time per day of the window (and per name of a
        named incident), taken in a fixed order, so the second sees the first's rows."""
        if self.s.get_bind().dialect.name != "postgresql":
            return  # SQLite writers already take the database lock at BEGIN
        keys: set[str] = set()
        for e in self.record.entities:
            if e.incident is None or e.pack_id:
                continue
            when = parse_date(e.incident.date)
            if when is not None:
                keys |= {f"incident-day:{when + timedelta(days=d)}"
                         for d in range(-self.max_days, self.max_days + 1)}
            if not e.incident.generated:
                keys.add(f"incident-name:{norm_name(e.name)}")
        for key in sorted(keys):
            digest = hashlib.blake2b(key.encode(), digest_size=8).digest()
            self.s.execute(select(func.pg_advisory_xact_lock(
                int.from_bytes(digest, "big", signed=True))))

    def link(self, entity: Entity) -> Link:
        assert entity.incident is not None
        if entity.pack_id:  # the pack's incident: one row for every report, as any pack entity
            return self.linker.link(entity)
        mine = self._previous(entity)
        if mine is not None:
            self.linker._add_aliases(mine, [entity.name, *entity.aliases], "text")
            self.reused.add(mine)
            self.taken.add(canonical(self.s, mine))
            return Link(mine, "this document's incident before re-extraction")
        row_id = self._create(entity)
        target, why = self._match(entity, row_id)
        if target is not None:
            row = self.s.get(EntityRow, target)
            self.s.execute(update(EntityRow).where(EntityRow.id == row_id)
                           .values(merged_into=target))
            self.s.add(DecisionRow(kind="merge", author=MATCHER, payload={
                "keep": target, "other": row_id, "names": [row.name if row else "",
                                                           entity.name], "evidence": why}))
            self.s.flush()
            self.taken.add(target)
            return Link(row_id, f"same incident as {target}: {why}")
        self.taken.add(row_id)
        return Link(row_id, "new incident")

    # -- re-extraction -----------------------------------------------------------------

    def _previous(self, entity: Entity) -> int | None:
        """The row this document's incident had before (same mentions, name, or account)."""
        spans = {(m.start, m.end) for m in entity.mentions}
        inc = entity.incident
        place = self.ids.get(inc.place) if inc and inc.place else None
        tests = [lambda p: bool(p.spans & spans),
                 lambda p: any(a < e and s < b for a, b in p.spans for s, e in spans),
                 lambda p: p.name == norm_name(entity.name),
                 lambda p: (p.kind, p.date, p.place_id) == (inc.kind, inc.date, place)]
        for test in tests:  # (two of them an analyst merged stay two rows, merged)
            for p in self.before:
                if p.entity_id not in self.reused and test(p):
                    return p.entity_id
        return None

    def _create(self, entity: Entity) -> int:
        # the document's own key beside the name: the same generated name in two reports
        # makes two rows, whichever report comes first (concurrent ingests agree)
        base = f"{norm_name(entity.name)[:200]} {self.record.document.id.split(':')[-1][:12]}"
        norm, n = f"{base} {entity.id.casefold()}", 1
        while self.s.scalar(select(EntityRow.id).where(EntityRow.type == "event",
                                                       EntityRow.norm == norm)) is not None:
            n += 1
            norm = f"{base} {entity.id.casefold()} {n}"
        row = EntityRow(name=entity.name, norm=norm, type="event", kind=entity.kind)
        self.s.add(row)
        self.s.flush()
        self.linker._add_aliases(row.id, [entity.name, *entity.aliases], "text")
        return row.id

    # -- matching across documents ---------------------------------------------------

    def _places(self, entity: Entity) -> set[int]:
        inc = entity.incident
        local = {inc.place} if inc and inc.place else set()
        local |= {c.object for c in self.record.claims
                  if c.subject == entity.id and c.predicate == "occurred_in"
                  and c.polarity == "affirmed"}
        return {canonical(self.s, self.ids[i]) for i in local if i in self.ids}

    def _match(self, entity: Entity, row_id: int) -> tuple[int | None, str]:
        inc = entity.incident
        when = parse_date(inc.date)
        places = self._places(entity)
        named = not inc.generated
        if when is None and not named:
            return None, ""
        query = select(IncidentRow).where(IncidentRow.document_id != self.record.document.id)
        wanted = [IncidentRow.generated.is_(False)] if named else []
        if when is not None:  # twice the window: what lies just outside it is proposed
            low, high = (when + timedelta(days=d * 2 * self.max_days) for d in (-1, 1))
            wanted.append(and_(IncidentRow.date >= low.isoformat(),
                               IncidentRow.date <= high.isoformat()))
        query = query.where(or_(*wanted))
        by_incident: dict[int, list[IncidentRow]] = {}
        for r in self.s.scalars(query):
            by_incident.setdefault(canonical(self.s, r.entity_id), []).append(r)
        best: tuple[Any, ...] | None = None
        near: tuple[Any, ...] | None = None
        for target, accounts in by_incident.items():
            if target in self.taken or target == row_id or any(
                    canonical(self.s, whole) == target for _, whole in self.apart if whole):
                continue
            if not any(kinds_compatible(inc.kind, a.kind) for a in accounts):
                continue
            same_name = named and any(not a.generated and norm_name(a.name) ==
                                      norm_name(entity.name) for a in accounts)
            gap = min((abs((d - when).days) for a in accounts
                       if (d := parse_date(a.date)) and when), default=None)
            theirs = self._stored_places(target, accounts)
            how = self._place_relation(places, theirs)
            kinds = f"{inc.kind} / {accounts[0].kind}"
            if (same_name and (gap is None or gap <= self.max_days)) or (
                    gap is not None and gap <= self.max_days and how is not None):
                score = (not same_name, gap or 0, how != "same place", target)
                why = "the same name" if same_name else f"{gap} day(s) apart, {how}, {kinds}"
                if best is None or score < best[0]:
                    best = (score, target, why)
            elif gap is not None and (how is not None or not places or not theirs):
                where = how or "a place not named by one of them"
                if near is None or (gap, target) < near[0]:
                    near = ((gap, target), target, f"possibly the same incident: {gap} "
                                                   f"day(s) apart, {where}, {kinds}")
        if best is None and near is not None:
            self._propose(row_id, near[1], near[2], near[0][0])
        return (best[1], best[2]) if best else (None, "")

    def _propose(self, row_id: int, target: int, why: str, gap: int) -> None:
        """A near miss: for an analyst to merge (`threatnet entity same-as`)."""
        a, b = sorted((row_id, target))
        if self.s.scalar(select(SameAsRow.id).where(SameAsRow.entity_a == a,
                                                    SameAsRow.entity_b == b)) is None:
            score = max(0.5, 0.8 - 0.05 * gap)
            self.s.add(SameAsRow(entity_a=a, entity_b=b, score=score, evidence=why))
            self.s.flush()

    def _stored_places(self, target: int, accounts: list[IncidentRow]) -> set[int]:
        members = [target, *self.s.scalars(select(EntityRow.id)
                                           .where(EntityRow.merged_into == target))]
        places = {a.place_id for a in accounts if a.place_id is not None}
        places |= set(self.s.scalars(select(ClaimRow.object_id).where(
            ClaimRow.subject_id.in_(members), ClaimRow.predicate == "occurred_in",
            ClaimRow.polarity == "affirmed", NOT_REJECTED)))
        return {canonical(self.s, p) for p in places}

    def _place_relation(self, mine: set[int], theirs: set[int]) -> str | None:
        """"same place", "one place inside the other", or None (unrelated or unknown)."""
        if mine & theirs:
            return "same place"
        if self.pack is None:
            return None
        packs = dict(self.s.execute(select(EntityRow.id, EntityRow.pack_id)
                                    .where(EntityRow.id.in_(mine | theirs))).all())
        for a in mine:
            for b in theirs:
                pa, pb = packs.get(a), packs.get(b)
                if pa and pb and (pa in self.pack.ancestors(pb) or pb in self.pack.ancestors(pa)):
                    return "one place inside the other"
        return None


def save_accounts(s: Session, record: ExtractionRecord, ids: dict[str, int]) -> None:
    """One row per incident of the document: what it says the incident was."""
    rows = [dict(document_id=record.document.id, entity_id=ids[e.id], local_id=e.id,
                 name=e.name, kind=e.incident.kind[:64], date=(e.incident.date or None),
                 place_id=ids.get(e.incident.place) if e.incident.place else None,
                 generated=e.incident.generated)
            for e in record.entities if e.incident is not None and e.id in ids]
    for row in rows:
        s.add(IncidentRow(**row))
    s.flush()
