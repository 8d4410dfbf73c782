"""Analysts' review of what was extracted: accept, reject, correct or reset a claim or a mention.

The reviewed values live on the row itself — `review_status` and the corrected
fields — so facts and analysis read them without a join (they leave out
`review_status = 'rejected'`). Every decision is also a row of `reviews`: who,
when, the machine's original values and the correction, keyed by document,
span and the machine's triple so that re-extraction re-attaches it
(`reattach.py`). The CLI (`threatnet review`), the JSON API and the web page
call these functions; each returns the item as a JSON-ready dict.

Two reviewers: a decision names the version of the row its reviewer saw
(`expected_version`); when another decision came in since, it is refused with
ReviewConflict and nothing is written. Without a version, a reviewer may
decide on an unreviewed item or revise their own decision, not overrule
someone else's.
"""

from __future__ import annotations

import hashlib
import random
import time
from typing import TYPE_CHECKING, Any

from sqlalchemy import select, text, update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from threatnet import validate
from threatnet.errors import InvalidInput, ReviewConflict, StoreError
from threatnet.resources import load_data
from threatnet.store import summary
from threatnet.store.engine import transient
from threatnet.store.schema import ClaimRow, EntityRow, MentionRow, ReviewRow

if TYPE_CHECKING:
    from threatnet.store.store import Store

STATUSES = validate.STATUSES
ACTIONS = ("accept", "reject", "correct", "reset")
TARGETS = {"claim": ClaimRow, "mention": MentionRow}
# what a correction may change, and the column each field of a claim is stored in
CLAIM_FIELDS = {"subject": "subject_id", "predicate": "predicate", "object": "object_id",
                "polarity": "polarity", "modality": "modality", "source": "source",
                "start": "time_start", "end": "time_end"}
MENTION_FIELDS = {"entity": "entity_id"}
RETRIES = 5


def accept(store: Store, target_id: int, reviewer: str, **options: Any) -> dict[str, Any]:
    """The item is right as shown (with its correction, if it has one)."""
    return decide(store, target_id, "accept", reviewer, **options)


def reject(store: Store, target_id: int, reviewer: str, **options: Any) -> dict[str, Any]:
    """The item is wrong: it stays visible as rejected and leaves facts and gold."""
    return decide(store, target_id, "reject", reviewer, **options)


def correct(store: Store, target_id: int, reviewer: str, changes: dict[str, Any],
            **options: Any) -> dict[str, Any]:
    """Change fields (CLAIM_FIELDS / MENTION_FIELDS); the machine's values are kept."""
    return decide(store, target_id, "correct", reviewer, changes=changes, **options)


def reset(store: Store, target_id: int, reviewer: str, **options: Any) -> dict[str, Any]:
    """Back to the machine's values, unreviewed (the history keeps every decision)."""
    return decide(store, target_id, "reset", reviewer, **options)


def decide(store: Store, target_id: int, action: str, reviewer: str, *, target: str = "claim",
           changes: dict[str, Any] | None = None, expected_version: int | None = None,
           note: str | None = None) -> dict[str, Any]:
    """Record one decision and apply it to the row, in one transaction."""
    table = _table(target)
    try:  # ids and versions may come as text from the JSON API
        target_id = int(target_id)
        expected_version = None if expected_version is None else int(expected_version)
    except (TypeError, ValueError):
        raise InvalidInput(f"{target} {target_id}", "an id and a version are whole "
                                                    "numbers") from None
    if action not in ACTIONS:
        raise InvalidInput(f"{target} {target_id}", f"action {action!r}: choose "
                                                    f"{', '.join(ACTIONS)}")
    if not reviewer or not reviewer.strip():
        raise InvalidInput(f"{target} {target_id}", "a decision needs a reviewer's name")
    if action == "correct" and not changes:
        raise InvalidInput(f"{target} {target_id}", "a correction needs at least one field")
    changes = {k: _blank(v) for k, v in (changes or {}).items()}
    for field, value in changes.items():  # bad values first, whoever decided before
        check_value(target, field, value, f"{target} {target_id}")
    for attempt in range(RETRIES):
        try:
            _record(store, table, target, target_id, action, reviewer, changes,
                    expected_version, note)
            break
        except (IntegrityError, OperationalError) as exc:
            # another decision on a claim of the same fact wrote its summary row first,
            # or PostgreSQL broke a deadlock between the two: decide again on what is now
            if isinstance(exc, OperationalError) and not transient(exc):
                raise StoreError(f"{store.engine.url!r}: "
                                 f"{str(exc.orig).splitlines()[0]}") from None
            if attempt == RETRIES - 1:
                raise StoreError(f"{target} {target_id}: the decision could not be recorded "
                                 f"after {RETRIES} attempts (concurrent reviewers); "
                                 "decide again") from None
            time.sleep(random.uniform(0, 0.05 * 2 ** attempt))  # let the other one finish
    return item(store, target_id, target)


def _record(store: Store, table: type[ClaimRow] | type[MentionRow], target: str,
            target_id: int, action: str, reviewer: str, changes: dict[str, Any],
            expected_version: int | None, note: str | None) -> None:
    """One attempt at a decision, in one transaction. The row is locked first (on
    PostgreSQL; SQLite's BEGIN IMMEDIATE locks the whole store), so two decisions on one
    row are taken one after the other on both backends, each seeing the one before."""
    with store.session(write=True) as s, s.begin():
        row = s.get(table, target_id, with_for_update=True)
        if row is None:
            listing = "claims --status" if target == "claim" else "review mentions"
            raise StoreError(f"{target} {target_id} does not exist (re-extraction gives "
                             f"{target}s new ids: find it again with `threatnet {listing}`)")
        last = last_decision(s, target, row.id)
        _check_version(target, row, last, reviewer, expected_version)
        machine = dict(last.machine) if last else machine_values(s, target, row)
        correction = dict(last.correction) if last else {}
        if action == "correct":
            correction.update(_resolve(store, s, target, target_id, changes))
            correction = {k: v for k, v in correction.items() if machine.get(k) != v}
            if target == "claim":
                _check_claim(effective(target, machine, correction), f"{target} {target_id}")
        elif action == "reset":
            correction = {}
        status = {"reject": "rejected", "reset": "unreviewed"}.get(
            action, "corrected" if _columns(correction) else "accepted")
        version = row.review_version + 1
        values = effective(target, machine, correction)
        before = summary.claim_triple(s, row.id) if target == "claim" else set()
        if target == "claim":
            _lock_facts(s, before | {(values["subject_id"], values["predicate"],
                                      values["object_id"])})
        done = s.execute(update(table).where(table.id == row.id,
                                             table.review_version == row.review_version)
                         .values(review_status=status, review_version=version, **values))
        if done.rowcount != 1:  # another reviewer's transaction got in between
            raise ReviewConflict(f"{target} {target_id} was changed by another reviewer just "
                                 "now; look again and decide on its new version")
        if target == "claim":  # its fact before and after, in the facts summary
            summary.refresh(s, before | summary.claim_triple(s, row.id))
        key = _key(last, target, machine, row)
        s.add(ReviewRow(target=target, target_id=row.id, document_id=row.document_id, **key,
                        action=action, status=status, version=version, machine=machine,
                        correction=correction, note=note, reviewer=reviewer.strip(),
                        attached=True))


def _lock_facts(s: Session, triples: set[tuple[int, str, int]]) -> None:
    """On PostgreSQL, queue the decisions whose claims share a fact (each rewrites its
    facts-summary row) instead of letting them collide; SQLite already takes one writer
    at a time. The locks go with the transaction, taken in one order to avoid deadlocks."""
    if s.get_bind().dialect.name != "postgresql":
        return
    for key in sorted(_lock_key(t) for t in triples):
        s.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})


def _lock_key(triple: tuple[int, str, int]) -> int:
    digest = hashlib.blake2b(repr(triple).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def _table(target: str) -> type[ClaimRow] | type[MentionRow]:
    if target not in TARGETS:
        raise InvalidInput(target, "review a 'claim' or a 'mention'")
    return TARGETS[target]


def last_decision(s: Session, target: str, target_id: int) -> ReviewRow | None:
    return s.scalar(select(ReviewRow).where(ReviewRow.target == target,
                                            ReviewRow.target_id == target_id)
                    .order_by(ReviewRow.id.desc()).limit(1))


def _check_version(target: str, row: Any, last: ReviewRow | None, reviewer: str,
                   expected: int | None) -> None:
    current = row.review_version
    what = f"{target} {row.id}"
    seen = (f"it was {last.status} by {last.reviewer} at {last.created_at:%Y-%m-%d %H:%M} "
            f"(version {current})") if last else f"it is at version {current}"
    if expected is not None and expected != current:
        raise ReviewConflict(f"{what} changed since you saw version {expected}: {seen}; "
                             f"see `threatnet review history --{target} {row.id}` and decide "
                             f"again on version {current}")
    if expected is None and last is not None and last.reviewer != reviewer.strip():
        raise ReviewConflict(f"{what}: {seen}; to overrule, decide on the version you saw "
                             f"(--expect-version {current}); history: "
                             f"`threatnet review history --{target} {row.id}`")


def machine_values(s: Session, target: str, row: Any,
                   names: dict[int, str] | None = None) -> dict[str, Any]:
    """The row's values as the extractor wrote them (before any decision); `names` saves
    looking the entities up row by row."""
    ids = [row.subject_id, row.object_id] if target == "claim" else [row.entity_id]
    names = names if names is not None and all(i in names for i in ids) else _names(s, ids)
    if target == "mention":
        return {"entity_id": row.entity_id, "entity": names[row.entity_id],
                "start": row.start, "end": row.end, "text": row.text}
    return {"subject_id": row.subject_id, "subject": names[row.subject_id],
            "predicate": row.predicate, "object_id": row.object_id,
            "object": names[row.object_id], "polarity": row.polarity,
            "modality": row.modality, "source": row.source,
            "source_entity_id": row.source_entity_id, "time_start": row.time_start,
            "time_end": row.time_end, "confidence": row.confidence}


def _key(last: ReviewRow | None, target: str, machine: dict[str, Any],
         row: Any) -> dict[str, Any]:
    """Document span and machine triple the decision is re-attached by."""
    if last is not None:
        return {"span_start": last.span_start, "span_end": last.span_end,
                "subject_id": last.subject_id, "predicate": last.predicate,
                "object_id": last.object_id}
    if target == "mention":
        return {"span_start": row.start, "span_end": row.end,
                "subject_id": machine["entity_id"], "predicate": None, "object_id": None}
    return {"span_start": row.evidence_start, "span_end": row.evidence_end,
            "subject_id": machine["subject_id"], "predicate": machine["predicate"],
            "object_id": machine["object_id"]}


def _blank(value: Any) -> str | None:
    """A value as typed; empty, "(author)" or "null" mean none (the author's own voice)."""
    text = None if value is None else str(value).strip()
    return None if text in (None, "", "(author)", "null") else text


def check_value(target: str, field: str, value: str | None, where: str | None = None) -> None:
    """Refuse a field a correction cannot change, or a value outside its vocabulary."""
    fields = CLAIM_FIELDS if target == "claim" else MENTION_FIELDS
    where = where or target
    if field not in fields:
        raise InvalidInput(where, f"cannot correct {field!r}: choose {', '.join(fields)}")
    column = fields[field]
    if column.endswith("_id") and not value:
        raise InvalidInput(where, f"{field} needs an entity name, alias or id")
    try:
        if column == "predicate":
            validate.predicate(value, field)
        elif column in ("modality", "polarity"):
            getattr(validate, column)(value, field)
        elif column.startswith("time_"):
            validate.date(value, field)
    except InvalidInput as exc:
        raise InvalidInput(where, str(exc)) from None


def _check_claim(values: dict[str, Any], where: str) -> None:
    """A corrected claim still links two entities, and does not end before it starts."""
    validate.not_self_loop(values["subject_id"], values["object_id"], where)
    try:
        validate.date_order(values["time_start"], values["time_end"], ("start", "end"))
    except InvalidInput as exc:
        raise InvalidInput(where, str(exc)) from None


def _resolve(store: Store, s: Session, target: str, target_id: int,
             changes: dict[str, Any]) -> dict[str, Any]:
    """Field names and values as typed -> column values (entities by name, alias or id)."""
    fields = CLAIM_FIELDS if target == "claim" else MENTION_FIELDS
    out: dict[str, Any] = {}
    for field, value in changes.items():
        column = fields[field]
        if column.endswith("_id"):
            entity = store._entity(s, value)
            out[column], out[field] = entity.id, entity.name
        else:
            out[column] = value
            if column == "source":
                out["source_entity_id"] = None  # the analyst's wording names no entity
    return out


def _columns(correction: dict[str, Any]) -> dict[str, Any]:
    """The stored columns of a correction (it also keeps entity names, for reading)."""
    known = set(CLAIM_FIELDS.values()) | set(MENTION_FIELDS.values()) | {"source_entity_id"}
    return {k: v for k, v in correction.items() if k in known}


def effective(target: str, machine: dict[str, Any],
              correction: dict[str, Any]) -> dict[str, Any]:
    """Column values of the reviewed row: the machine's, overridden by the correction."""
    if target == "mention":
        return {"entity_id": correction.get("entity_id", machine["entity_id"])}
    values = {column: machine[column] for column in CLAIM_FIELDS.values()}
    values["source_entity_id"] = machine.get("source_entity_id")
    values.update(_columns(correction))
    values["confidence"] = _confidence(machine, values)
    return values


def _confidence(machine: dict[str, Any], values: dict[str, Any]) -> float:
    """The machine's confidence re-weighted for a corrected modality or polarity."""
    weights = load_data("cues.yaml")["confidence"]
    ratio = (weights["modality"][values["modality"]] / weights["modality"][machine["modality"]]
             * weights["polarity"][values["polarity"]] / weights["polarity"][machine["polarity"]])
    return round(min(1.0, machine["confidence"] * ratio), 3)


def _names(s: Session, ids: list[int]) -> dict[int, str]:
    """Entity id -> the name of the entity it stands for now (after merges)."""
    rows: dict[int, tuple[str, int | None]] = {}
    wanted = set(ids)
    while wanted:  # the ids, then what they are merged into, and so on
        batch = sorted(wanted)
        for chunk in range(0, len(batch), 500):
            rows.update({i: (name, into) for i, name, into in s.execute(
                select(EntityRow.id, EntityRow.name, EntityRow.merged_into)
                .where(EntityRow.id.in_(batch[chunk:chunk + 500])))})
        wanted = {into for _, into in rows.values() if into is not None and into not in rows}
        wanted -= set(batch)
    out = {}
    for entity_id in ids:
        current, seen = entity_id, {entity_id}
        while current in rows and rows[current][1] is not None and rows[current][1] not in seen:
            current = rows[current][1]
            seen.add(current)
        out[entity_id] = rows[current][0] if current in rows else f"#{entity_id}"
    return out


def item(store: Store, target_id: int, target: str = "claim") -> dict[str, Any]:
    """One claim or mention as reviewed, with its machine values and history."""
    from threatnet.store.review_views import claim_dicts, history, mention_dicts

    with store.session() as s:
        row = s.get(_table(target), int(target_id))
        if row is None:
            raise StoreError(f"{target} {target_id} does not exist")
        out = (claim_dicts if target == "claim" else mention_dicts)(s, [row])[0]
    out["history"] = history(store, target=target, target_id=int(target_id))
    return out
