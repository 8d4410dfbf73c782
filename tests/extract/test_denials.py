"""Charges and their denials: the charge stays its accuser's, the denial is the
denier's negated claim, however the parser hangs the closing "a charge X rejects"."""

from __future__ import annotations

from claimrows import BLA, claims


def test_a_report_closed_by_a_denied_charge_keeps_both_sides(extractor):
    rows = claims(extractor, "Pakistan, in turn, says BLA commanders operate from ungoverned "
                             "spaces inside Iran, a charge Iran rejects.")
    sides = {(r.polarity, r.source) for r in rows if r.triple == (BLA, "based_in", "Iran")}
    assert sides == {("affirmed", "Pakistan"), ("negated", "Iran")}


def test_which_after_a_report_closes_a_denied_charge(extractor):
    rows = claims(extractor, "Pakistan has long said the TTP operates from Afghan territory, "
                             "which the Taliban-led government denies.")
    sides = {(r.polarity, r.source) for r in rows
             if r.triple == ("Tehrik-i-Taliban Pakistan", "based_in", "Afghanistan")}
    assert sides == {("affirmed", "Pakistan"), ("negated", "the Taliban-led government")}


def test_the_denier_is_named_without_its_auxiliary(extractor):
    rows = claims(extractor, "Islamabad accused India of backing the BLA, an allegation New "
                             "Delhi has dismissed.")
    assert {r.source for r in rows if r.polarity == "negated"} == {"New Delhi"}


def test_denies_this_answers_the_allegation_before_it(extractor):
    rows = claims(extractor, "Indian officials allege that the ISI trains Lashkar-e-Taiba. "
                             "Pakistan denies this.")
    sides = {(r.polarity, r.modality, r.source) for r in rows
             if r.triple == ("Inter-Services Intelligence", "supports", "Lashkar-e-Taiba")}
    assert sides == {("affirmed", "alleged", "Indian officials"),
                     ("negated", "reported", "Pakistan")}


def test_the_accused_rulers_are_the_group_they_are_named_for(extractor):
    rows = claims(extractor, "Pakistan has repeatedly accused Afghanistan's Taliban rulers of "
                             "harbouring TTP militants, an accusation the Taliban deny.")
    assert {(r.triple, r.polarity) for r in rows} == {
        (("Taliban", "supports", "Tehrik-i-Taliban Pakistan"), "affirmed"),
        (("Taliban", "supports", "Tehrik-i-Taliban Pakistan"), "negated")}
