"""Deeds told from the victim's side or by their planner (extract/incidents.py,
incident_claims.py, incidents.yaml): "X was killed by a roadside bomb" is a bombing of X,
"was fired upon by unknown motorcyclists" a shooting, "he planned both attacks" a part in
each; "the TTP fired its spokesman" is no incident. Sentences of our own."""

from __future__ import annotations

import pytest
from claimrows import claims, record

from threatnet.model import EntityType


@pytest.mark.parametrize("text, kind, victim", [
    ("Omar Khalid Khorasani was killed by a roadside bomb in Paktika in August 2022.",
     "bombing", "Omar Khalid Khorasani"),
    ("A police inspector was fired upon by unknown motorcyclists in Karachi on 24 April "
     "2015.", "shooting", "police inspector"),
    ("Two constables were killed by a landmine near Turbat on 3 May 2019.", "bombing",
     "constables"),
])
def test_a_deed_told_from_its_victims_side_is_an_incident(extractor, text, kind, victim):
    rows = claims(extractor, "Notes\n\n" + text, "2023-01-01")
    struck = [r for r in rows if r.predicate == "targets" and r.object == victim]
    assert struck and all(r.subject.startswith(kind) for r in struck), rows


def test_firing_someone_is_no_incident(extractor):
    found = record(extractor, "Notes\n\nThe TTP fired its spokesman in 2019.", "2023-01-01")
    assert not any(e.type == EntityType.EVENT for e in found.entities), found.entities


def test_a_planner_of_both_attacks_had_a_part_in_each(extractor):
    rows = claims(extractor, "Notes\n\nOn 13 May 2015 gunmen attacked a bus carrying Ismailis "
                  "in Karachi, killing 45 people. On 24 April 2015 Sabeen Mahmud was fired "
                  "upon by unknown motorcyclists in Karachi. Police said Saad Aziz had "
                  "planned both attacks.", "2015-05-21")
    planned = {r.object for r in rows if r.subject == "Saad Aziz" and
               r.predicate in ("perpetrated", "involved_in") and r.polarity == "affirmed"}
    assert len(planned) == 2, rows


def test_an_attack_planned_in_a_state_accuses_the_state(extractor):
    rows = claims(extractor, "Notes\n\nA suicide bomber struck a convoy in Besham on 26 March "
                  "2024. Officials said the bombing had been planned in Afghanistan.",
                  "2024-03-27")
    assert any(r.subject == "Afghanistan" and r.predicate in ("involved_in", "perpetrated")
               for r in rows), rows
