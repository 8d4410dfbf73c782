"""Source names across spellings and scripts: "police", "Police", "a police spokesman" and
"پولیس حکام" are one source — counted once where facts count independent sources, and
graded alike — from the bundled table and the user's ($THREATNET_SOURCE_NAMES)."""

from __future__ import annotations

import pytest

from threatnet.analyse import profile
from threatnet.analyse.claims import load_claims, source_key
from threatnet.analyse.grading import source_table
from threatnet.analyse.source_names import ENV, source_names
from threatnet.errors import InvalidData
from threatnet.ingest.text import document_from_text
from threatnet.resolve.pack import load_actor_pack
from threatnet.store import Store


@pytest.fixture(autouse=True)
def bundled_tables(monkeypatch):
    monkeypatch.delenv(ENV, raising=False)
    monkeypatch.delenv("THREATNET_SOURCES", raising=False)


@pytest.mark.parametrize("written", ["police", "Police", "POLICE", "a police spokesman",
                                     "Police officials", "پولیس", "پولیس حکام",
                                     "پولیس کے ترجمان", "پُولیس"])
def test_wordings_of_the_police_are_one_name(written):
    assert source_names().canonical(written) == "police"
    assert source_key(written, None, "a.txt") == source_key("police", None, "b.txt")


@pytest.mark.parametrize("written, name", [
    ("CTD", "Counter Terrorism Department"),
    ("سی ٹی ڈی حکام", "Counter Terrorism Department"),
    ("ISPR", "Inter-Services Public Relations"),
    ("آئی ایس پی آر", "Inter-Services Public Relations"),
    ("طالبان ذرائع", "Taliban sources"),
    ("وزارت داخلہ", "interior ministry"),
])
def test_urdu_and_english_twins(written, name):
    assert source_names().canonical(written) == name


def test_a_whole_name_only():
    names = source_names()
    # a narrower or another source is not folded into a listed one
    assert names.canonical("Karachi police") is None
    assert names.canonical("police in Quetta") is None
    assert source_key("Karachi police", None, None) != source_key("police", None, None)
    assert names.canonical(None) is None and names.canonical("") is None


@pytest.mark.parametrize("english, urdu", [
    ("police", "پولیس"), ("Police officials", "پولیس حکام"), ("CTD", "سی ٹی ڈی"),
    ("ISPR", "آئی ایس پی آر"), ("Taliban sources", "طالبان ذرائع"),
    ("the interior ministry", "وزارت داخلہ"),
])
def test_urdu_sources_are_graded_like_their_english_twins(english, urdu):
    table = source_table()
    letter, why = table.rate(urdu)
    assert letter == table.rate(english)[0] != table.default
    assert "(as " in why  # the explanation says which name it was rated as


def test_words_as_written_come_first():
    # an anonymous police officer is anonymous, whatever the name table folds
    table = source_table()
    assert table.rate("a police officer who declined to be named")[0] == "D"


def test_user_names_extend_and_replace(tmp_path, monkeypatch):
    mine = tmp_path / "names.yaml"
    mine.write_text("sources:\n"
                    "  - {name: Dawn, names: [Dawn newspaper, ڈان]}\n"
                    "  - {name: police, names: [the constabulary]}\n", encoding="utf-8")
    monkeypatch.setenv(ENV, str(mine))
    names = source_names()
    assert names.canonical("ڈان") == names.canonical("dawn newspaper") == "Dawn"
    assert names.canonical("The Constabulary") == "police"
    assert names.canonical("پولیس") == "police"  # the bundled names still apply
    assert source_key("ڈان", None, None) == source_key("Dawn", None, None)
    only = tmp_path / "only.yaml"
    only.write_text("replace: true\nsources:\n  - {name: Dawn, names: [ڈان]}\n",
                    encoding="utf-8")
    replaced = source_names(str(only))
    assert replaced.canonical("ڈان") == "Dawn" and replaced.canonical("پولیس") is None


@pytest.mark.parametrize("text, reason", [
    ("sources:\n  - {names: [x]}\n", "needs a 'name'"),
    ("sources:\n  - {name: x, names: y}\n", "list of strings"),
    ("sources: {name: x}\n", "must be a list"),
    ("- just a list\n", "mapping"),
    ("sources: [\n", "not valid YAML"),
])
def test_bad_user_names(tmp_path, text, reason):
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidData, match=reason):
        source_names(str(path))
    with pytest.raises(InvalidData, match="cannot read"):
        source_names(str(tmp_path / "missing.yaml"))


REPORTS = {  # one fact, from the police in two languages and an analyst
    "english.txt": "Police officials said the TTP targeted the Pakistan Army.\n"
                   "Published on May 1, 2024.\n",
    "urdu.txt": "پولیس حکام نے کہا کہ ٹی ٹی پی نے پاک فوج کو نشانہ بنایا۔\n",
    "analyst.txt": "Security analyst Haq Nawaz said the TTP targeted the Pakistan Army.\n"
                   "Published on May 2, 2024.\n",
}


def test_english_and_urdu_police_count_once_in_the_store(tmp_path, extractor):
    with Store(f"sqlite:///{tmp_path / 'kb.db'}") as store:
        for name, text in REPORTS.items():
            store.save(extractor.extract(document_from_text(text, source=name)))
        ttp = store.entity("TTP")
        fact = next(f for f in store.facts(ttp.id) if f["predicate"] == "targets")
        assert fact["claims_for"] == 3
        assert fact["independent_sources"] == 2  # the police (twice) and the analyst
        with store.session() as s:
            claims = [c for c in load_claims(s, entity_ids=[ttp.id])
                      if c.predicate == "targets"]
            assert len({c.source_key for c in claims}) == 2
            graded = profile.build(s, ttp.id, load_actor_pack())
    facts = [f for fs in graded["facts"].values() for f in fs if f["predicate"] == "targets"]
    [fact] = facts
    assert fact["independent_sources"] == 2
    assert "پولیس حکام" in fact["sources_for"]  # shown as written
    # two independent sources, both firm: probably true (three would be "confirmed")
    assert fact["grade"]["code"] == "B2"
