"""Damaged archives, control characters and over-size reports: each bad input is one line
of its own, the good ones around it are read."""

from __future__ import annotations

import io
import zipfile

import pytest

from threatnet.errors import InvalidInput
from threatnet.ingest import read_document, read_source
from threatnet.ingest.text import decode, document_from_text, size_limit_reason

REPORT = ("{n}: The Balochistan Liberation Army (BLA) attacked a Pakistani army convoy in "
          "Quetta on March 3, 2025, officials said. ")


def damaged_zip(names: list[str], broken: str) -> bytes:
    """A zip of reports whose member `broken` has its deflate stream overwritten, so
    inflating it fails in zlib (not in the CRC check)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            archive.writestr(name, REPORT.format(n=name) * 200)
    data = bytearray(buffer.getvalue())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo(broken)
    start = info.header_offset + 30 + len(broken.encode()) + 20  # inside its data
    data[start:start + 40] = b"\xff" * 40
    return bytes(data)


def test_a_member_that_fails_to_inflate_is_its_own_failure(tmp_path):
    path = tmp_path / "reports.zip"
    path.write_bytes(damaged_zip(["a.txt", "b.txt", "c.txt"], "b.txt"))
    outcomes = dict(read_source(str(path)))
    assert list(outcomes) == [f"{path}!a.txt", f"{path}!b.txt", f"{path}!c.txt"]
    bad = outcomes[f"{path}!b.txt"]
    assert isinstance(bad, InvalidInput) and "cannot be unpacked" in str(bad)
    assert "\n" not in str(bad)
    assert outcomes[f"{path}!a.txt"].text.startswith("a.txt: The Balochistan")
    assert outcomes[f"{path}!c.txt"].text.startswith("c.txt: The Balochistan")


def test_the_sizes_of_an_over_size_report_read_differently():
    assert size_limit_reason(11_010_049, 11_010_048) == \
        "is 11,010,049 bytes; the limit is 11,010,048 bytes"
    assert size_limit_reason(20_000_000, 10_485_760) == "is 20.0 MB; the limit is 10.5 MB"


def test_a_file_one_byte_over_the_limit_says_so(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"word " * 2_200_000)  # 11,000,000 bytes, 10.5 MB like the limit
    with pytest.raises(InvalidInput) as info:
        read_document(str(path), max_bytes=10_999_999)
    assert "is 11,000,000 bytes; the limit is 10,999,999 bytes" in str(info.value)


@pytest.mark.parametrize("at", [10, 8_192, 50_000])
def test_control_characters_are_dropped_wherever_they_are(at):
    text = (REPORT.format(n="r") * 400)[:60_000]
    data = (text[:at] + "\x00\x1b\x7f" + text[at:at + 100] + "\x0c" + text[at + 100:]).encode()
    document = document_from_text(decode(data, "r.txt"), source="r.txt")
    assert "\x00" not in document.text and "\x1b" not in document.text
    assert document.text == text[:at] + text[at:at + 100] + "\n" + text[at + 100:]


def test_offsets_stay_true_after_control_characters(extractor):
    text = "filler line\n" * 900 + REPORT.format(n="x")  # the claim after the first 8 KB
    data = (text[:9_000] + "\x00\x00" + text[9_000:]).encode()
    document = document_from_text(decode(data, "r.txt"), source="r.txt")
    record = extractor.extract(document)
    assert record.claims
    for claim in record.claims:
        ev = claim.evidence
        assert document.text[ev.start:ev.end] == ev.text


@pytest.mark.parametrize("at", [0, 8_192, 40_000])
def test_a_file_mostly_of_control_bytes_is_refused_wherever_they_are(tmp_path, at):
    text = (REPORT.format(n="r") * 400)[:50_000].encode()
    path = tmp_path / "blob.txt"
    path.write_bytes(text[:at] + b"\x00\x01\x02\x03" * 2_000 + text[at:])
    with pytest.raises(InvalidInput, match="binary file"):
        read_document(str(path))


def test_titles_lose_their_control_characters():
    document = document_from_text("A report.", source="s", title="Bad\x00 title\x07")
    assert document.title == "Bad title"
