"""Fact confidence and Admiralty grades: the noisy-OR score, the credibility rules, and the
user-editable source table (bundled rules, $THREATNET_SOURCES on top)."""

from __future__ import annotations

import itertools

import pytest

from threatnet.analyse.claims import ClaimView
from threatnet.analyse.grading import grade, source_table
from threatnet.errors import InvalidData

_ids = itertools.count(1)


def claim(source: str | None = None, polarity: str = "affirmed", modality: str = "reported",
          confidence: float = 0.7, obj: str = "armed drones", **kw) -> ClaimView:
    base = dict(id=next(_ids), subject_id=1, subject="BLA", predicate="possesses",
                predicate_class="capability", object_id=2, object=obj, polarity=polarity,
                modality=modality, source=source,
                source_key=f"said:{source}" if source else "outlet:r.txt",
                document_id="sha256:x", published="2024-06-26", time_start=None,
                time_end=None, evidence_text="…", evidence_start=0, evidence_end=1,
                confidence=confidence)
    base.update(kw)
    return ClaimView(**base)


@pytest.mark.parametrize("source, letter", [
    ("a Counter Terrorism Department official", "B"),
    ("ISPR", "B"),
    ("the Ministry of Interior", "B"),
    ("Officials speaking on condition of anonymity", "D"),
    ("Taliban sources", "D"),
    ("Another source", "D"),
    ("Reports", "E"),
    ("Security analyst Haq Nawaz", "C"),
    ("Journalists monitoring BLA", "C"),
    (None, "C"),
    ("Bashir Zeb Baloch", "F"),
])
def test_source_table(source, letter):
    assert source_table().rate(source)[0] == letter


def test_noisy_or_counts_each_source_once():
    one = grade([claim("Taliban sources", confidence=0.6), claim("Taliban sources",
                                                                 confidence=0.5)])
    assert one.score == pytest.approx(0.6)
    two = grade([claim("Taliban sources", confidence=0.6), claim("police", confidence=0.5)])
    assert two.score == pytest.approx(1 - 0.4 * 0.5)
    against = grade([claim("police", confidence=0.8), claim("Reports", polarity="negated",
                                                           confidence=0.5)])
    assert against.score == pytest.approx(0.8 * (1 - 0.5))
    assert against.sources_against == ["Reports"]


def test_credibility_rules():
    firm3 = [claim(s) for s in ("police", "Taliban sources", "Security analyst Haq Nawaz")]
    assert grade(firm3).credibility == 1
    assert grade(firm3).reliability == "B"  # the best of the three
    assert grade(firm3[:2]).credibility == 2
    assert grade(firm3[:1]).credibility == 3
    assert grade([claim("Sources", modality="alleged", confidence=0.5)]).credibility == 4
    assert grade([claim("The Taliban", modality="hypothetical", confidence=0.2)]
                 ).credibility == 6
    weak = claim(None, modality="believed", confidence=0.5)
    strong = claim("Taliban sources", modality="asserted", confidence=0.8)
    assert grade([weak], opposing=[strong]).credibility == 5
    # contradicted, but not by a stronger side: at best possibly true
    assert grade(firm3, opposing=[weak]).credibility == 3


def test_a_fact_only_denied_is_graded_as_a_denial():
    g = grade([claim("Taliban sources", polarity="negated")])
    assert g.stance == "negated" and g.code == "D3"
    assert "denies" in g.explanation


def test_explanation_says_why():
    g = grade([claim("a Counter Terrorism Department official"),
               claim("Reports", polarity="negated", confidence=0.5)])
    assert g.code == "B3"
    text = g.explanation
    assert text.startswith("B3:") and "official body" in text
    assert "Reports" in text and "support 0.70" in text and "opposition 0.50" in text
    assert g.to_dict()["explanation"] == text


def test_user_source_table(tmp_path, monkeypatch):
    path = tmp_path / "sources.yaml"
    path.write_text("author: B\nrules:\n  - {pattern: 'haq nawaz', reliability: a, "
                    "label: trusted analyst}\n", encoding="utf-8")
    monkeypatch.setenv("THREATNET_SOURCES", str(path))
    table = source_table()
    assert table.rate("Security analyst Haq Nawaz") == ("A", "trusted analyst")
    assert table.rate(None)[0] == "B"
    assert table.rate("Reports")[0] == "E"  # the bundled rules still apply
    replaced = tmp_path / "only.yaml"
    replaced.write_text("replace: true\ndefault: E\nrules: []\n", encoding="utf-8")
    assert source_table(str(replaced)).rate("a CTD official")[0] == "E"


@pytest.mark.parametrize("text, reason", [
    ("rules:\n  - {pattern: x, reliability: G}\n", "A-F"),
    ("rules:\n  - {pattern: '(', reliability: B}\n", "regular expression"),
    ("rules:\n  - {reliability: B}\n", "needs 'pattern'"),
    ("- just a list\n", "mapping"),
])
def test_bad_user_table(tmp_path, text, reason):
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidData, match=reason):
        source_table(str(path))
    with pytest.raises(InvalidData, match="cannot read"):
        source_table(str(tmp_path / "missing.yaml"))
