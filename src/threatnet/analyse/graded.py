"""Every fact graded, and kept ready in the store (`fact_grades`): what `actor` reads.

A profile grades each of an actor's facts against the claims that contradict
it and counts the contradictions it takes part in (`grading`, `contradictions`):
at a million claims that is seconds for a busy actor. So the store keeps, for
every canonical fact, what of that does not depend on the source table — its
support, its judgement (`grading.Judgement`), its claims per month and the
contradictions it takes part in — and `profile` only rates the sources (`finish`).

A fact is graded against the claims of its *partition*, the facts it can
contradict: for holding a capability (possesses, uses), the holder's holdings
under the same root of the capability taxonomy; for hostile and aligned
relations, the relations between the same two actors; otherwise the fact alone.
This module computes the grades (`compute`, `grade_claims`) and reads the rows back
(`read`); the kept layer (`threatnet.kept.grades`) writes them as the store changes:
whatever refreshes the facts summary (a save, a review decision) refreshes the
partitions of the facts it touched; merges, splits and entities the pack adopts
refresh the partitions around those entities (`parts_touching`); a rebuild grades
everything (migration 0008, `threatnet db refresh-facts`). A row records the pack
hierarchy it was graded with; read with another pack, the actor's partitions are
graded again instead (`read`).

The same rows give `fact_links`, the best relation between two actors, which a
path search without filters walks (`graph.load_edges`).
"""

from __future__ import annotations

import heapq
import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from typing import Any, NamedTuple

from sqlalchemy import (
    Text,
    and_,
    case,
    func,
    literal,
    or_,
    select,
    type_coerce,
)
from sqlalchemy.orm import Session

from threatnet.analyse import contradictions
from threatnet.analyse.claims import (
    Canon,
    ClaimView,
    EntityView,
    GroupView,
    load_claims,
    source_key,
)
from threatnet.analyse.grading import Judgement, SourceTable, by_source, judge, rate
from threatnet.analyse.graph import EXCLUDED_MODALITIES, noisy_or
from threatnet.model import PREDICATES, Modality, is_symmetric
from threatnet.resolve.pack import ActorPack
from threatnet.store.schema import FactGradeRow, FactSummaryRow

Key = tuple[int, str, int]
HOLDING = contradictions.HOLDING
RELATIONS = contradictions.HOSTILE | contradictions.ALIGNED
CHUNK = 200  # ids or triples per statement
FEW_ENDS = 100  # actors of a few facts, read together (see `_rows_of_parts`)
COUNTERS = ("conflicts", "changes", "object_conflicts", "object_changes")  # see below
EVERY = "*"  # the group of facts a limited profile reads whatever their rank (`read`)
_RANK = {m.value: i for i, m in enumerate(Modality)}


class Graded(NamedTuple):
    """One graded fact: its parts (`fact_parts`), claims per month, contradictions."""

    fact: dict[str, Any]
    months: dict[str, int]
    conflicts: list[int]  # see `conflict_counts`
    why: str | None = None  # why the credibility (`grading.Judgement.why`)
    edge: tuple[float | None, int] = (None, 0)  # as a relation: confidence, sources (`edge`)


def conflict_counts(graded: Iterable[Graded], actor_id: int) -> tuple[int, int]:
    """How many contradictions and changes the facts of one actor take part in.

    Each conflict is counted by its first side's fact (`conflicts[0]`, `[1]`: as the
    first side, contradictions and changes); a conflict whose second side's object is
    not an end of its first side's fact (another holder's broader capability denied, in
    a capability's profile) also by the second's (`[2]`, `[3]`), for that object only.
    """
    contradictions = changes = 0
    for g in graded:
        own, own_changes, foreign, foreign_changes = g.conflicts
        contradictions += own
        changes += own_changes
        if g.fact["object_id"] == actor_id and g.fact["subject_id"] != actor_id:
            contradictions += foreign
            changes += foreign_changes
    return contradictions, changes


def hierarchy(pack: ActorPack | None) -> str:
    return pack.hierarchy if pack is not None else "none"


# -- one fact -------------------------------------------------------------------------


def _count(claims: list[ClaimView]) -> int:
    return sum(c.claims if isinstance(c, GroupView) else 1 for c in claims)


def _dates(c: ClaimView) -> tuple[str | None, ...]:
    return (c.first_seen, c.last_seen) if isinstance(c, GroupView) else (c.published,)


def _strongest(claims: list[ClaimView]) -> str | None:
    return min((c.modality for c in claims), key=_RANK.__getitem__, default=None)


def fact_parts(claims: list[ClaimView], opposing: list[ClaimView]
               ) -> tuple[dict[str, Any], str | None]:
    """One fact (claims of one subject, predicate and object) with its support and
    judgement: everything of the profile's fact but names and the sources' ratings; and
    why its credibility (`Judgement.why`), kept apart."""
    j = judge(claims, opposing)
    first = claims[0]
    yes = [c for c in claims if c.affirmed]
    no = [c for c in claims if not c.affirmed]
    dates = sorted(d for c in claims for d in _dates(c) if d)
    subject_id, _, object_id = first.key()  # a symmetric fact's ends in order
    return {
        "subject_id": subject_id, "predicate": first.predicate,
        "object_id": object_id, "class": first.predicate_class,
        "claims_for": _count(yes), "claims_against": _count(no),
        "independent_sources": len(by_source(claims)),
        "sources_for": sorted({c.source or "(author)" for c in yes}),
        "sources_against": sorted({c.source or "(author)" for c in no}),
        "strongest_for": _strongest(yes), "strongest_against": _strongest(no),
        "first_seen": dates[0] if dates else None, "last_seen": dates[-1] if dates else None,
        "judgement": j.to_list()}, j.why


def finish(parts: dict[str, Any], names: dict[int, str], table: SourceTable,
           why: str | None = None, evidence: list[ClaimView] | None = None) -> dict[str, Any]:
    """The profile's fact: `fact_parts` with names, the grade (explained when `why` is
    given) and the evidence (when given)."""
    g = rate(Judgement.from_list(parts["judgement"], why), table)
    out: dict[str, Any] = {
        "subject": names[parts["subject_id"]], "predicate": parts["predicate"],
        "object": names[parts["object_id"]], "subject_id": parts["subject_id"],
        "object_id": parts["object_id"], "class": parts["class"], "stance": g.stance,
        **{k: parts[k] for k in ("claims_for", "claims_against", "independent_sources",
                                 "sources_for", "sources_against", "strongest_for",
                                 "strongest_against", "first_seen", "last_seen")},
        "score": round(g.score, 3), "grade": g.to_dict()}
    if evidence is not None:
        out["evidence"] = [{"text": c.evidence_text, "polarity": c.polarity,
                            "modality": c.modality, "source": c.source or "(author)",
                            "published": c.published, "document": c.document_id,
                            "start": c.evidence_start, "end": c.evidence_end}
                           for c in evidence]
    return out


def grade_claims(claims: list[ClaimView], ents: dict[int, EntityView],
                 pack: ActorPack | None, months: dict[Key, Counter] | None = None
                 ) -> dict[Key, Graded]:
    """Every fact of these claims graded against the others (whole partitions given).

    `months` (claims per month of each fact) is counted from the claims when not given.
    """
    report = contradictions.find(claims, ents, pack)
    against = contradictions.opposing(report)
    conflicts: dict[Key, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for conflict in [*report.contradictions, *report.changes]:
        x, y = conflict.a.claims[0], conflict.b.claims[0]
        conflicts[x.key()][int(conflict.change)] += 1
        if y.object_id not in (x.subject_id, x.object_id):
            conflicts[y.key()][2 + int(conflict.change)] += 1
    groups: dict[Key, list[ClaimView]] = defaultdict(list)
    for c in claims:
        groups[c.key()].append(c)
    if months is None:
        months = defaultdict(Counter)
        for key, group in groups.items():
            months[key].update((c.published or "unknown")[:7] for c in group)
    out = {}
    for key, group in groups.items():
        parts, why = fact_parts(group, against.get(key, []))
        out[key] = Graded(parts, dict(sorted(months[key].items())),
                          conflicts.get(key, [0, 0, 0, 0]), why, edge(group))
    return out


def edge(claims: list[ClaimView]) -> tuple[float | None, int]:
    """A fact's confidence and number of sources as a relation (`graph.Fact`)."""
    yes: dict[str, float] = {}
    no: dict[str, float] = {}
    for c in claims:
        if c.modality in EXCLUDED_MODALITIES or c.subject_id == c.object_id:
            continue
        side = yes if c.affirmed else no
        side[c.source_key] = max(side.get(c.source_key, 0.0), max(c.confidence, 0.0))
    if not yes:
        return None, 0
    return round(noisy_or(yes.values()) * (1 - noisy_or(no.values())), 3), len(yes)


# -- partitions ---------------------------------------------------------------------------


def _root(view: EntityView, pack: ActorPack | None) -> str:
    node = contradictions.capability_node(view)
    chain = pack.ancestors(node) if pack else []
    return chain[-1] if chain else node


def part_of(key: Key, views: dict[int, EntityView], pack: ActorPack | None) -> str:
    """The partition of a fact (canonical key): the facts it is graded against."""
    a, p, b = key
    if p in HOLDING:
        return f"holder:{a}:{_root(views[b], pack)}"
    if p in RELATIONS and a != b:
        return f"pair:{min(a, b)}:{max(a, b)}"
    return f"fact:{a}:{p}:{b}"


def canonical_key(s: int, p: str, o: int, canon: Canon) -> Key:
    a, b = canon(s), canon(o)
    return (b, p, a) if b < a and is_symmetric(p) else (a, p, b)


_ROW = [FactSummaryRow.subject_id, FactSummaryRow.predicate, FactSummaryRow.object_id,
        type_coerce(FactSummaryRow.support, Text), type_coerce(FactSummaryRow.months, Text),
        FactSummaryRow.timed]


def _rows_of_parts(session: Session, parts: set[str], canon: Canon, pack: ActorPack | None
                   ) -> list[tuple]:
    """The summary rows (raw ids) of the facts of these partitions."""
    holders: set[int] = set()
    pairs: set[int] = set()
    facts: set[tuple[int, str, int]] = set()
    for part in parts:
        kind, _, rest = part.partition(":")
        if kind == "holder":
            holders.add(int(rest.split(":")[0]))
        elif kind == "pair":
            pairs.update(int(i) for i in rest.split(":"))
        else:
            a, p, b = rest.split(":")
            facts.add((int(a), p, int(b)))
    queries = []
    for chunk in chunks(canon.members(holders)):
        queries.append(select(*_ROW).where(FactSummaryRow.subject_id.in_(chunk),
                                           FactSummaryRow.predicate.in_(sorted(HOLDING))))
    members = canon.members(pairs)
    for chunk in chunks(members):
        queries.append(select(*_ROW).where(FactSummaryRow.subject_id.in_(chunk),
                                           FactSummaryRow.object_id.in_(members),
                                           FactSummaryRow.predicate.in_(sorted(RELATIONS))))
    ends = canon.members({i for a, _, b in facts for i in (a, b)})
    if facts and len(ends) <= FEW_ENDS:  # a document's: the rows among their ends (a
        # superset, kept by partition below) in one plain statement, planned once
        queries.append(select(*_ROW).where(
            FactSummaryRow.subject_id.in_(ends), FactSummaryRow.object_id.in_(ends),
            FactSummaryRow.predicate.in_(sorted({p for _, p, _ in facts}))))
    elif facts:  # many (a rebuild): each stored triple by its key
        triples = [(s, p, o) for a, p, b in facts for s in canon.members([a])
                   for o in canon.members([b])]
        triples += [(o, p, s) for s, p, o in triples if is_symmetric(p)]
        for chunk in chunks(sorted(set(triples))):
            queries.append(select(*_ROW).where(or_(*(and_(
                FactSummaryRow.subject_id == s, FactSummaryRow.predicate == p,
                FactSummaryRow.object_id == o) for s, p, o in chunk))))
    rows: dict[tuple, tuple] = {}
    for query in queries:
        for row in session.connection().execute(query):
            rows[tuple(row[:3])] = tuple(row)
    canon.load({i for s, _, o in rows for i in (s, o)})
    views = canon.views
    return [row for key, row in rows.items()
            if part_of(canonical_key(*key, canon), views, pack) in parts]


def _json(value: Any) -> Any:
    """A JSON column read as text (SQLite) or already parsed (psycopg parses json)."""
    return json.loads(value) if isinstance(value, str) else value


def chunks(items: Iterable[Any]) -> Iterable[list[Any]]:
    items = list(items)
    for start in range(0, len(items), CHUNK):
        yield items[start:start + CHUNK]


def compute(session: Session, parts: set[str], canon: Canon, pack: ActorPack | None
            ) -> dict[Key, Graded]:
    """Every fact of these partitions graded, from the facts summary."""
    rows = _rows_of_parts(session, parts, canon, pack)
    claims = summary_views(session, rows, canon.views, canon)
    months: dict[Key, Counter] = defaultdict(Counter)
    for s, p, o, _support, raw_months, _timed in rows:
        months[canonical_key(s, p, o, canon)].update(_json(raw_months))
    return grade_claims(claims, canon.views, pack, months)


def summary_views(session: Session, rows: list[tuple], ents: dict[int, EntityView],
                  canonical: Callable[[int], int]) -> list[ClaimView]:
    """Claims of summary rows, as `GroupView`s (a group of claims of one fact, polarity,
    modality and source stands for them all: what grading and contradictions read of a
    source is its best claim); those that could be paired with a claim with a time of
    its own (the same fact, the holder's holdings, the same two actors) claim by claim,
    since such a pair may be a change rather than a contradiction."""
    tainted: set[tuple] = set()
    for s, p, o, _support, _months, timed in rows:
        if timed:
            tainted |= set(_partners(ents[s].id, p, ents[o].id))
    one_by_one = [(s, p, o) for s, p, o, *_ in rows
                  if tainted.intersection(_partners(ents[s].id, p, ents[o].id))]
    claims = load_claims(session, None, triples=one_by_one, evidence=False,
                         qualifiers=False, canon=canonical if isinstance(canonical, Canon)
                         else None) if one_by_one else []
    skip = set(one_by_one)
    classes = {p: cls for p, (cls, _) in PREDICATES.items()}
    for s, p, o, support, _months, _timed in rows:
        if (s, p, o) in skip:
            continue
        subject, obj = ents[s], ents[o]
        for (affirmed, modality, source, source_entity, outlet, n, best, first, last, _lo,
             _hi, published, claim_id, *carried) in _json(support):
            entity = canonical(source_entity) if source_entity is not None else None
            claims.append(GroupView(
                id=claim_id, subject_id=subject.id, subject=subject.name, predicate=p,
                predicate_class=classes.get(p, "other"), object_id=obj.id, object=obj.name,
                polarity="affirmed" if affirmed else "negated", modality=modality,
                source=source, source_key=source_key(source, entity, outlet),
                document_id="", published=published, time_start=None, time_end=None,
                evidence_text="", evidence_start=0, evidence_end=0, confidence=best,
                claims=n, first_seen=first, last_seen=last,
                carriers=tuple(carried[0]) if carried else (),
                reports=carried[1] if len(carried) > 1 else 0))
    claims.sort(key=lambda c: (c.published is None, c.published or "", c.id))
    return claims


def _partners(subject: int, predicate: str, obj: int) -> list[tuple]:
    """What a claim can be paired with by `contradictions.find`: its own fact, the
    holder's capabilities, the relations between its two actors."""
    key = (min(subject, obj), predicate, max(subject, obj)) \
        if PREDICATES.get(predicate, ("", False))[1] else (subject, predicate, obj)
    out: list[tuple] = [("fact", key)]
    if predicate in HOLDING:
        out.append(("holder", subject))
    if predicate in RELATIONS:
        out.append(("pair", frozenset((subject, obj))))
    return out


# -- kept in the store ------------------------------------------------------------------


def store_pack() -> ActorPack:
    """The pack the store grades with as it changes: the user's (`load_actor_pack`)."""
    from threatnet.resolve.pack import load_actor_pack

    return load_actor_pack()


def parts_touching(session: Session, entity_ids: Iterable[int], pack: ActorPack | None
                   ) -> set[str]:
    """The partitions of the facts touching these entities (any of their stored ids),
    under the merges as they are now, and those of the rows kept for them."""
    canon = Canon(session)
    wanted = {canon(i) for i in entity_ids}
    ids = canon.members(wanted)
    triples: set[tuple] = set()
    parts: set[str] = set()
    for chunk in chunks(ids):
        triples |= {tuple(r) for r in session.execute(
            select(FactSummaryRow.subject_id, FactSummaryRow.predicate,
                   FactSummaryRow.object_id).where(or_(FactSummaryRow.subject_id.in_(chunk),
                                                       FactSummaryRow.object_id.in_(chunk))))}
        parts |= set(session.scalars(select(FactGradeRow.part).where(or_(
            FactGradeRow.subject_id.in_(chunk), FactGradeRow.object_id.in_(chunk)))))
    canon.load({i for s, _, o in triples for i in (s, o)})
    return parts | {part_of(canonical_key(s, p, o, canon), canon.views, pack)
                    for s, p, o in triples}


class Kept(NamedTuple):
    """What a profile reads of one actor's graded facts (`read`)."""

    graded: list[Graded]  # the facts read (all, or those a limited profile shows)
    totals: dict[str, int]  # the actor's facts per predicate class
    claims: int
    conflicts: int  # contradictions and changes its facts take part in
    changes: int


def kept(graded: list[Graded], actor_id: int) -> Kept:
    """`Kept` of every graded fact of an actor."""
    totals = Counter(PREDICATES.get(g.fact["predicate"], ("other",))[0] for g in graded)
    conflicts, changes = conflict_counts(graded, actor_id)
    return Kept(graded, dict(totals), sum(g.fact["claims_for"] + g.fact["claims_against"]
                                          for g in graded), conflicts, changes)


def order(score: float, predicate: str, subject: str, obj: str, subject_id: int,
          object_id: int) -> tuple:
    """The order of an actor's facts in its profile: best score first, then by words."""
    return (-score, predicate, obj, subject, subject_id, object_id)


def read(session: Session, actor_id: int, canon: Canon, pack: ActorPack | None,
         explain: bool = False, limit: int | None = None,
         groups: Callable[[tuple], Iterable[str]] | None = None) -> Kept:
    """The graded facts of one (canonical) actor as the store keeps them (with why, when
    `explain`): every one, or with `limit` the `limit` first (`order`) of each class and
    of each other group `groups` puts a fact in (given its row: id, subject_id,
    predicate, object_id, score, affirmed; `canon` has their views), and every fact it
    puts in `EVERY`.

    Read with a pack of another hierarchy than they were graded with, the actor's
    partitions are graded again instead (every fact)."""
    mine = or_(FactGradeRow.subject_id == actor_id, FactGradeRow.object_id == actor_id)
    if session.scalar(select(func.count()).where(mine, FactGradeRow.hierarchy
                                                 != hierarchy(pack))):
        graded = compute(session, parts_touching(session, [actor_id], pack), canon, pack)
        return kept([g for (a, _, b), g in graded.items() if actor_id in (a, b)], actor_id)
    classes = {p: cls for p, (cls, _) in PREDICATES.items()}
    totals: Counter = Counter()
    for predicate, n in session.execute(select(FactGradeRow.predicate, func.count())
                                        .where(mine).group_by(FactGradeRow.predicate)):
        totals[classes.get(predicate, "other")] += n
    as_object = and_(FactGradeRow.object_id == actor_id, FactGradeRow.subject_id != actor_id)
    claims, conflicts, changes = session.execute(select(
        func.sum(FactGradeRow.claims),
        func.sum(FactGradeRow.conflicts + case((as_object, FactGradeRow.object_conflicts),
                                               else_=0)),
        func.sum(FactGradeRow.changes + case((as_object, FactGradeRow.object_changes),
                                             else_=0))).where(mine)).one()
    why = FactGradeRow.why if explain else literal(None)
    query = select(type_coerce(FactGradeRow.data, Text), why)
    if limit:
        head = [tuple(r) for r in session.connection().execute(select(
            FactGradeRow.id, FactGradeRow.subject_id, FactGradeRow.predicate,
            FactGradeRow.object_id, FactGradeRow.score, FactGradeRow.affirmed).where(mine))]
        wanted = sorted(_best(head, classes, canon, limit, groups))
        rows = [r for chunk in chunks(wanted) for r in session.connection().execute(
            query.where(FactGradeRow.id.in_(chunk)))]
    else:
        rows = list(session.connection().execute(query.where(mine)))
    texts = [data if isinstance(data, str) else json.dumps(data) for data, _ in rows]
    graded = [Graded(fact, {}, [], reason) for fact, (_, reason)
              in zip(json.loads(f"[{','.join(texts)}]"), rows, strict=True)]
    return Kept(graded, dict(totals), claims or 0, conflicts or 0, changes or 0)


def _best(head: list[tuple], classes: dict[str, str], canon: Canon, limit: int,
          groups: Callable[[tuple], Iterable[str]] | None) -> set[int]:
    """The ids of the `limit` first facts (`order`) of each class and of each group of
    `groups`, and of those it puts in `EVERY`."""
    views = canon.load({i for r in head for i in (r[1], r[3])})
    names = {i: v.name for i, v in views.items()}
    ranked: dict[str, list[tuple]] = defaultdict(list)
    out: set[int] = set()
    for row in head:
        row_id, s, p, o, score, _ = row
        item = (order(score, p, names[s], names[o], s, o), row_id)
        for group in [classes.get(p, "other"), *(groups(row) if groups else ())]:
            if group == EVERY:
                out.add(row_id)
            else:
                ranked[group].append(item)
    for items in ranked.values():
        out |= {row_id for _, row_id in heapq.nsmallest(limit, items)}
    return out
