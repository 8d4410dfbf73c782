"""The bundled data files load as written: a word list's "no", "on", "yes" and "off" are
words (YAML 1.2 booleans), and every data file is a mapping with a version."""

from __future__ import annotations

from importlib.resources import files

import pytest

from threatnet.errors import InvalidData
from threatnet.resources import load_data, load_user_yaml, word_set

DATA_FILES = sorted(p.name for p in files("threatnet.data").iterdir()
                    if p.name.endswith(".yaml"))


def test_yes_no_on_off_in_a_word_list_stay_words(tmp_path):
    path = tmp_path / "words.yaml"
    path.write_text("words: [no, on, yes, off, not]\nflag: true\nother: False\n")
    data = load_user_yaml(str(path), "word list")
    assert data["words"] == ["no", "on", "yes", "off", "not"]
    assert data["flag"] is True and data["other"] is False


def test_negation_words_hold_no():
    assert "no" in word_set("cues.yaml", "negation_words")


@pytest.mark.parametrize("name", DATA_FILES)
def test_no_bundled_word_list_holds_a_boolean(name):
    def lists(value):
        if isinstance(value, dict):
            for item in value.values():
                yield from lists(item)
        elif isinstance(value, list):
            yield value
            for item in value:
                yield from lists(item)

    for values in lists(load_data(name)):
        words = [v for v in values if isinstance(v, str)]
        assert not (words and any(isinstance(v, bool) for v in values)), values


def test_a_broken_user_file_is_one_error(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("words: [no\n")
    with pytest.raises(InvalidData, match="not valid YAML"):
        load_user_yaml(str(path), "word list")
