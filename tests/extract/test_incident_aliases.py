"""An unnamed incident's generated aliases ("Quetta bombing") name it only when no other
incident of the report shares them (extract/incident_targets.py). Texts of our own."""

from __future__ import annotations

import pytest

from threatnet.ingest import document_from_text

REPORTS = [
    ("A bomb exploded near a police van in Quetta on 3 May 2021, killing four officers. "
     "A second bomb exploded outside a market in Quetta on 9 June 2021, killing two "
     "shopkeepers.", "Quetta bombing"),
    ("Gunmen attacked a checkpoint in Bannu on 2 March 2023. Three weeks later gunmen "
     "attacked a school bus in Bannu, wounding six children.", "Bannu attack"),
]


@pytest.mark.parametrize("text, shared", REPORTS)
def test_an_alias_two_incidents_share_names_neither(extractor, text, shared):
    record = extractor.extract(document_from_text(text, "report.txt", "2023-06-30"))
    incidents = [e for e in record.entities if e.incident is not None]
    assert len(incidents) == 2, [e.name for e in incidents]
    assert all(shared.casefold() not in {a.casefold() for a in e.aliases}
               for e in incidents), [e.aliases for e in incidents]


def test_an_alias_only_one_incident_has_is_kept(extractor):
    text = ("A bomb exploded near a police van in Quetta on 3 May 2021, killing four "
            "officers. Gunmen attacked a checkpoint in Bannu on 9 June 2021.")
    record = extractor.extract(document_from_text(text, "report.txt", "2021-06-30"))
    aliases = {a.casefold() for e in record.entities if e.incident for a in e.aliases}
    assert {"quetta bombing", "bannu shooting"} <= aliases, aliases
