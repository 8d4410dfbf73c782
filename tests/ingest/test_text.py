"""Reading reports: what is rejected (and how), and what a Document's text and id are."""

from __future__ import annotations

import hashlib
import io
import sys
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from threatnet.errors import InvalidInput, ThreatnetError
from threatnet.ingest import document_from_text, read_document
from threatnet.ingest.text import normalise_text

REPORT = ("The Tehrik-i-Taliban Pakistan (TTP) claimed the attack in Bannu.\n"
          "Officials said the BLA was not involved.\n"
          "This report was first published on March 20, 2025.\n")


def write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


# -- what is rejected ---------------------------------------------------------------------


def test_missing_file(tmp_path):
    path = tmp_path / "nope.txt"
    with pytest.raises(InvalidInput) as info:
        read_document(str(path))
    assert info.value.where == str(path)
    assert "no such file" in str(info.value)


def test_directory(tmp_path):
    with pytest.raises(InvalidInput) as info:
        read_document(str(tmp_path))
    assert "directory" in str(info.value)
    assert str(tmp_path) in str(info.value)


def test_binary_file(tmp_path):
    path = write(tmp_path, "report.pdf", b"%PDF-1.7\n\x00\x01\x02binary\x00stream")
    with pytest.raises(InvalidInput) as info:
        read_document(str(path))
    assert "binary" in str(info.value)


def test_non_utf8_names_the_offset(tmp_path):
    data = "Caf\u00e9 attack".encode("latin-1")  # é as the single byte 0xE9
    path = write(tmp_path, "latin1.txt", data)
    with pytest.raises(InvalidInput) as info:
        read_document(str(path))
    message = str(info.value)
    assert "not UTF-8" in message
    assert "offset 3" in message
    assert message.startswith(str(path))


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  ", "\ufeff".encode(), b"\r\n\r\n"])
def test_empty_or_blank(tmp_path, data):
    path = write(tmp_path, "empty.txt", data)
    with pytest.raises(InvalidInput) as info:
        read_document(str(path))
    assert "empty" in str(info.value)


def test_over_the_size_limit(tmp_path):
    path = write(tmp_path, "big.txt", b"word " * 100)  # 500 bytes
    with pytest.raises(InvalidInput) as info:
        read_document(str(path), max_bytes=100)
    assert "limit" in str(info.value)
    # at the limit exactly it is read
    assert read_document(str(path), max_bytes=500).text == "word " * 100


def test_stdin_over_the_size_limit(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"x" * 101)))
    with pytest.raises(InvalidInput) as info:
        read_document("-", max_bytes=100)
    assert info.value.where == "<stdin>"
    assert "limit" in str(info.value)


def test_errors_are_threatnet_errors(tmp_path):
    with pytest.raises(ThreatnetError):
        read_document(str(tmp_path / "missing.txt"))


# -- what is read ---------------------------------------------------------------------------


def test_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(REPORT.encode("utf-8"))))
    doc = read_document("-")
    assert doc.text == REPORT
    assert doc.source == "<stdin>"
    assert doc.title is None
    assert doc.published == "2025-03-20"


def test_file_metadata(tmp_path):
    path = write(tmp_path, "bannu-attack.txt", REPORT.encode("utf-8"))
    doc = read_document(str(path))
    assert doc.source == str(path)
    assert doc.title == "bannu-attack"
    assert doc.language == "en"


def test_crlf_normalised_and_offsets_true(tmp_path):
    crlf = write(tmp_path, "crlf.txt", REPORT.replace("\n", "\r\n").encode("utf-8"))
    lf = write(tmp_path, "lf.txt", REPORT.encode("utf-8"))
    doc = read_document(str(crlf))
    assert "\r" not in doc.text
    assert doc.text == read_document(str(lf)).text
    assert doc.id == read_document(str(lf)).id
    # an offset computed on the Document's text points at the same words
    start = doc.text.index("BLA")
    assert doc.text[start:start + 3] == "BLA"
    assert doc.text.splitlines()[1] == "Officials said the BLA was not involved."


def test_bom_and_old_mac_newlines():
    doc = document_from_text("\ufeffline one\rline two\r\n", source="t")
    assert doc.text == "line one\nline two\n"


def test_text_is_nfc(tmp_path):
    decomposed = "Peshawar cafe\u0301 attack"  # e + combining acute
    path = write(tmp_path, "nfd.txt", decomposed.encode("utf-8"))
    doc = read_document(str(path))
    assert doc.text == "Peshawar caf\u00e9 attack"
    assert doc.id == document_from_text("Peshawar caf\u00e9 attack", source="x").id


def test_published_from_the_text(tmp_path):
    path = write(tmp_path, "r.txt", REPORT.encode("utf-8"))
    assert read_document(str(path)).published == "2025-03-20"


def test_published_last_statement_wins():
    text = "Published on 2020-01-02.\nUpdated on 5 May 2021.\n"
    assert document_from_text(text, source="t").published == "2021-05-05"


def test_no_published_date():
    assert document_from_text("The TTP attacked a checkpoint.", source="t").published is None


@pytest.mark.parametrize("given_date", ["2024-06-26", "June 26, 2024", "26 June 2024"])
def test_published_override(tmp_path, given_date):
    path = write(tmp_path, "r.txt", REPORT.encode("utf-8"))
    assert read_document(str(path), published=given_date).published == "2024-06-26"


def test_unreadable_published_override(tmp_path):
    path = write(tmp_path, "r.txt", REPORT.encode("utf-8"))
    with pytest.raises(InvalidInput) as info:
        read_document(str(path), published="not a date")
    assert "publication date" in str(info.value)


def test_document_id_is_sha256_of_normalised_text(tmp_path):
    path = write(tmp_path, "r.txt", REPORT.replace("\n", "\r\n").encode("utf-8"))
    doc = read_document(str(path))
    expected = "sha256:" + hashlib.sha256(REPORT.encode("utf-8")).hexdigest()
    assert doc.id == expected
    # stable: across reads, file names and publication overrides
    other = write(tmp_path, "copy.txt", REPORT.encode("utf-8"))
    assert read_document(str(other), published="2001-01-01").id == expected
    assert read_document(str(path)).id == expected
    assert document_from_text(REPORT + " ", source="x").id != expected


# -- any text -------------------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_document_from_any_text(text):
    try:
        doc = document_from_text(text, source="prop")
    except InvalidInput as exc:
        assert not normalise_text(text).strip()
        assert exc.where == "prop"
        return
    assert doc.text == unicodedata.normalize("NFC", doc.text)
    assert "\r" not in doc.text
    assert doc.id.startswith("sha256:")
    assert doc.id == "sha256:" + hashlib.sha256(doc.text.encode("utf-8")).hexdigest()
    assert doc.published is None or len(doc.published) == 10


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=40))
def test_any_published_override_is_a_date_or_invalid_input(published):
    try:
        doc = document_from_text("The TTP attacked.", source="p", published=published)
    except InvalidInput:
        return
    assert doc.published is not None
    assert doc.published[4] == "-" and doc.published[7] == "-"
