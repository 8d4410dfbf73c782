"""The grades the store keeps, kept up to date: the layer that writes `fact_grades` and
`fact_links` as the store's claims change.

The store says which facts changed (`store.keeper`: a save, a review decision, a merge)
and this layer grades their partitions again with the analysis (`analyse.graded`,
which also reads the rows back for a profile). It sits above both: the store never
imports the analysis, and the analysis only reads what is kept here.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from threatnet.analyse import graded as analysis
from threatnet.analyse.claims import Canon
from threatnet.analyse.graph import ACTOR_TYPES
from threatnet.model import PREDICATES, is_symmetric
from threatnet.resolve.pack import ActorPack
from threatnet.store.schema import FactGradeRow, FactLinkRow, FactSummaryRow


class GradeKeeper:
    """What the store calls when facts change (`store.keeper.Keeper`)."""

    def refresh(self, session: Session, triples: Iterable[tuple[int, str, int]]) -> None:
        refresh(session, triples)

    def refresh_entities(self, session: Session, entity_ids: list[int]) -> None:
        """Grade again the facts around entities just merged, split or adopted by the
        pack: those of their rows kept as they were, and as they are now."""
        if entity_ids:
            session.flush()
            pack = analysis.store_pack()
            refresh_parts(session, analysis.parts_touching(session, entity_ids, pack), pack)

    def rebuild(self, session: Session) -> int:
        return rebuild(session)


def refresh(session: Session, triples: Iterable[tuple[int, str, int]],
            pack: ActorPack | None = None) -> None:
    """Grade again the partitions of these stored triples (raw ids), in `session`'s
    transaction (after their facts summary rows were refreshed)."""
    triples = set(triples)
    if not triples:
        return
    pack = pack or analysis.store_pack()
    canon = Canon(session)
    canon.load({i for s, _, o in triples for i in (s, o)})
    parts = {analysis.part_of(analysis.canonical_key(s, p, o, canon), canon.views, pack)
             for s, p, o in triples}
    refresh_parts(session, parts, pack, canon)


def refresh_parts(session: Session, parts: set[str], pack: ActorPack | None,
                  canon: Canon | None = None) -> None:
    """Grade these partitions again and replace their rows (and their actors' links)."""
    canon = canon or Canon(session)
    session.flush()
    if session.get_bind().dialect.name == "postgresql":
        # two writers adding the first facts of one partition would each grade it without
        # the other's (their rows' keys need not collide): one partition, one writer at a
        # time, in a fixed order (SQLite writers already take the database lock at BEGIN)
        for part in sorted(parts):
            digest = hashlib.blake2b(part.encode(), digest_size=8).digest()
            session.execute(select(func.pg_advisory_xact_lock(
                int.from_bytes(digest, "big", signed=True))))
    graded = analysis.compute(session, parts, canon, pack)
    pairs: set[tuple[int, int]] = set()
    for chunk in analysis.chunks(sorted(parts)):
        where = FactGradeRow.part.in_(chunk)
        pairs |= {(min(s, o), max(s, o)) for s, o in session.execute(
            select(FactGradeRow.subject_id, FactGradeRow.object_id).where(where))}
        session.execute(delete(FactGradeRow).where(where))
    _insert(session, graded, canon, pack)
    pairs |= {(min(a, b), max(a, b)) for a, _, b in graded}
    _refresh_links(session, pairs, canon)


def _insert(session: Session, graded: dict[analysis.Key, analysis.Graded], canon: Canon,
            pack: ActorPack | None) -> None:
    mark = analysis.hierarchy(pack)
    rows = [{"subject_id": a, "predicate": p, "object_id": b,
             "part": analysis.part_of((a, p, b), canon.views, pack), "hierarchy": mark,
             "score": g.fact["judgement"][1], "affirmed": g.fact["judgement"][0] == "affirmed",
             "edge": g.edge[0], "edge_sources": g.edge[1],
             "claims": g.fact["claims_for"] + g.fact["claims_against"],
             **dict(zip(analysis.COUNTERS, g.conflicts, strict=True)), "why": g.why,
             "data": g.fact}
            for (a, p, b), g in graded.items()]
    for start in range(0, len(rows), 1000):
        session.execute(insert(FactGradeRow), rows[start:start + 1000])


def rebuild(session: Session, pack: ActorPack | None = None) -> int:
    """Grade every fact of the facts summary again; returns the number of facts."""
    pack = pack or analysis.store_pack()
    session.flush()
    session.execute(delete(FactGradeRow))
    session.execute(delete(FactLinkRow))
    canon = Canon(session)
    triples = [tuple(r) for r in session.execute(select(
        FactSummaryRow.subject_id, FactSummaryRow.predicate, FactSummaryRow.object_id))]
    canon.load({i for s, _, o in triples for i in (s, o)})
    parts = sorted({analysis.part_of(analysis.canonical_key(s, p, o, canon), canon.views, pack)
                    for s, p, o in triples})
    count = 0
    for start in range(0, len(parts), 500):  # a batch of partitions at a time
        graded = analysis.compute(session, set(parts[start:start + 500]), canon, pack)
        _insert(session, graded, canon, pack)
        count += len(graded)
    _refresh_links(session, None, canon)
    return count


def _refresh_links(session: Session, pairs: set[tuple[int, int]] | None,
                   canon: Canon) -> None:
    """Recompute the links between the actors of these pairs (every pair when None)."""
    columns = [FactGradeRow.subject_id, FactGradeRow.predicate, FactGradeRow.object_id,
               FactGradeRow.edge, FactGradeRow.edge_sources]
    query = select(*columns).where(FactGradeRow.edge.is_not(None))
    if pairs is not None:  # every pair among their ends (a plain statement, planned once)
        ends = sorted({i for pair in pairs for i in pair})
        if not ends:
            return
        session.execute(delete(FactLinkRow).where(FactLinkRow.subject_id.in_(ends),
                                                  FactLinkRow.object_id.in_(ends)))
        query = query.where(FactGradeRow.subject_id.in_(ends),
                            FactGradeRow.object_id.in_(ends))
    best: dict[tuple[int, int], tuple] = {}
    rows = session.execute(query).all()
    views = canon.load({i for r in rows for i in (r[0], r[2])})
    for s, p, o, confidence, sources in rows:
        if p not in PREDICATES or views[s].type not in ACTOR_TYPES \
                or views[o].type not in ACTOR_TYPES:
            continue
        rank = (-confidence, -sources, p)
        for u, v in ((s, o), (o, s)) if is_symmetric(p) else ((s, o),):
            if (u, v) not in best or rank < best[(u, v)]:
                best[(u, v)] = rank
    out = [{"subject_id": u, "object_id": v, "predicate": p, "confidence": -c,
            "sources_for": -n} for (u, v), (c, n, p) in best.items()]
    for start in range(0, len(out), 1000):
        session.execute(insert(FactLinkRow), out[start:start + 1000])


