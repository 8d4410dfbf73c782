"""A MISP event per incident (`export.misp` adds them to the events of the reports).

The event is dated on the incident's date and tagged `threatnet:incident`; each
perpetrator claim is a `threat-actor` attribute whose tags keep how it is known
(`estimative-language:likelihood-probability` from its polarity and modality, and
`threatnet:modality` / `threatnet:polarity`; a denial is tagged negated, never
dropped), its comment the attribution ("alleged (The TTP)"); place, targets (with
their type), tactic and weapon are `text` attributes; each account's casualty
figures `counter` attributes commented with their source, so differing tallies
stay apart; the reports are `link` / `text` attributes. Ids are UUIDv5.
"""

from __future__ import annotations

import uuid
from typing import Any

from pymisp import MISPEvent

from threatnet.export.common import EPOCH, ExportData, namespace
from threatnet.model import TALLIES
from threatnet.resolve.linker import norm_name
from threatnet.resources import load_data


def incident_uuid(incident: dict[str, Any]) -> str:
    return str(uuid.uuid5(namespace(), f"misp-incident:{norm_name(incident['name'])}:"
                                       f"{incident['date'] or ''}"))


def incident_event(data: ExportData, incident: dict[str, Any]) -> MISPEvent:
    event = MISPEvent()
    event.uuid = incident_uuid(incident)
    event.info = incident["name"]
    event.set_date(incident["date"] or incident["first_published"] or EPOCH)
    event.distribution, event.threat_level_id, event.analysis = 0, 2, 2
    event.add_tag("threatnet:incident")
    event.add_tag(f'threatnet:incident-kind="{incident["kind"]}"')
    likelihood = load_data("interop.yaml")["misp"]["modality_likelihood"]
    n = 0

    def add(kind: str, value: Any, category: str, comment: str, tags: list[str] = ()) -> None:
        nonlocal n
        attribute = event.add_attribute(kind, value, category=category, comment=comment)
        attribute.uuid = str(uuid.uuid5(namespace(), f"misp-incident-attribute:{event.uuid}:"
                                                     f"{n}"))
        n += 1
        for tag in tags:
            attribute.add_tag(tag)

    seen = set()
    for p in incident["perpetrators"]:
        if (p["actor"], p["attribution"]) in seen:
            continue
        seen.add((p["actor"], p["attribution"]))
        add("threat-actor", p["actor"], "Attribution", f"{p['predicate']}: {p['attribution']}",
            [f'estimative-language:likelihood-probability='
             f'"{likelihood[p["polarity"]][p["modality"]]}"',
             f'threatnet:polarity="{p["polarity"]}"', f'threatnet:modality="{p["modality"]}"'])
    if incident["place"]:
        add("text", incident["place"], "Other", "place")
    for t in {(t["target"], t["target_type"] or "") for t in incident["targets"]}:
        add("text", t[0], "Other", f"target ({t[1]})" if t[1] else "target")
    for key in ("tactic", "weapon"):
        if incident[key]:
            add("text", incident[key], "Other", key)
    for tally in incident["tallies"]:
        for key in TALLIES:
            if key in tally:
                add("counter", tally[key], "Other",
                    f"{key}, according to {tally['source'] or 'the author'} "
                    f"({data.documents.get(tally['document'], {}).get('title') or 'report'})")
    for document in incident["documents"]:
        doc = data.documents.get(document, {})
        source = str(doc.get("source") or document)
        add("link" if source.startswith(("http://", "https://")) else "text", source,
            "External analysis", f"report: {doc.get('title') or document}")
    return event
