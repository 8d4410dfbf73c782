"""Claims from titles: "Prime Minister Imran Khan" leads Pakistan, when the pack says so.

A title before (or inside) a known person's name is evidence of a role; the
actor pack says which organisation that person held it in and when. A claim is
made only when the title's kind matches the role, the role's years cover the
report's date (or no date is known), and the organisation is named in the
same report.
"""

from __future__ import annotations

from spacy.tokens import Doc

from threatnet.extract.relations import RawClaim
from threatnet.model import EntityType
from threatnet.resolve.pack import ActorPack, Role

LEADS = {"leader", "head", "chief", "founder"}
TITLE_KINDS = {
    "president": LEADS, "prime": LEADS, "premier": LEADS, "emir": LEADS, "amir": LEADS,
    "chief": LEADS, "leader": LEADS, "head": LEADS, "founder": LEADS, "chairman": LEADS,
    "minister": {"minister", "member", "official", "head"},
    "spokesman": {"spokesman", "member", "official"},
    "spokesperson": {"spokesman", "member", "official"},
    "commander": {"commander", "member", "leader", "chief"},
    "deputy": {"deputy", "member"},
    "general": {"chief", "head", "commander", "official"},
    "secretary": {"minister", "official", "member"},
}


def _active(role: Role, year: int | None) -> bool:
    if year is None:
        return True
    return (role.start is None or role.start <= year) and (role.end is None or year <= role.end)


def title_claims(doc: Doc, token_entity: dict[int, str], pack_ids: dict[str, str],
                 types: dict[str, EntityType], pack: ActorPack,
                 published: str | None) -> list[RawClaim]:
    year = int(published[:4]) if published else None
    by_pack = {pid: eid for eid, pid in pack_ids.items()}
    out = []
    for i, entity in token_entity.items():
        if types[entity] != EntityType.PERSON or token_entity.get(i - 1) == entity:
            continue
        entry = pack.get(pack_ids.get(entity, ""))
        if entry is None or not entry.roles:
            continue
        end = i
        while token_entity.get(end + 1) == entity:
            end += 1
        head = doc[end]
        window = [t for t in doc[i:end + 1]] + [t for t in head.lefts if t.i < i]
        window += [g for t in list(window) for g in t.lefts if g.i < i]
        kinds = set().union(*(TITLE_KINDS.get(t.lower_, set()) for t in window))
        for role in entry.roles:
            if role.role not in kinds or not _active(role, year):
                continue
            # the organisation itself, and the larger bodies it belongs to ("the Afghan
            # defence ministry" is part of the Taliban government), when the report names them
            for n, org_id in enumerate([role.org, *pack.ancestors(role.org)]):
                org = by_pack.get(org_id)
                if org:
                    predicate = "leads" if role.role in LEADS and n == 0 else "member_of"
                    out.append(RawClaim(entity, predicate, org, head))
    return out
