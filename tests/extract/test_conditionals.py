"""Conditional consequences are hypothetical however the condition is written: "if",
"unless", or an inverted "Should / Were / Had …" clause."""

from __future__ import annotations

import pytest
from claimrows import TTP, claims

CONDITIONS = [
    "If the talks fail, the TTP might expand into Punjab.",
    "Unless the talks succeed, the TTP might expand into Punjab.",
    "Should the talks fail, the TTP might expand into Punjab.",
    "Were the talks to fail, the TTP might expand into Punjab.",
]


@pytest.mark.parametrize("text", CONDITIONS, ids=[t.split(",")[0] for t in CONDITIONS])
def test_a_consequence_is_hypothetical(extractor, text):
    rows = claims(extractor, text)
    assert [(r.triple, r.modality) for r in rows] == \
        [((TTP, "operates_in", "Punjab"), "hypothetical")]


def test_a_plain_statement_with_should_is_no_condition(extractor):
    rows = claims(extractor, "The TTP should not expand into Punjab, officials said.")
    assert all(r.modality != "hypothetical" for r in rows)


def test_a_preference_is_no_fact(extractor):
    rows = claims(extractor, "Pakistan prefers dialogue and cooperation with Afghanistan.")
    assert rows and all(r.modality == "hypothetical" for r in rows)


def test_states_acting_jointly_or_groups_returning_together_do_not_cooperate(extractor):
    rows = claims(extractor, "India and the United States jointly proposed that the TTP be "
                             "listed.")
    assert not [r for r in rows if r.predicate == "cooperates_with"]
