"""Bad input, each asserted: one line saying why, the batch goes on, nothing half-stored."""

from __future__ import annotations

import io
import sqlite3
import zipfile
from pathlib import Path

import pytest
from pdfs import encrypted_pdf, scanned_pdf, un_report_pdf
from typer.testing import CliRunner

from threatnet import cli
from threatnet.errors import InvalidInput
from threatnet.ingest import read_document, read_source

GOOD = ("The Balochistan Liberation Army (BLA) attacked a Pakistani army convoy in Quetta.\n"
        "This report was first published on March 20, 2025.\n")
NO_ARTICLE = ("<html><head><title>Home</title></head><body><nav><a href='/'>Home</a> "
              "<a href='/world'>World</a></nav><footer>(c) 2024</footer></body></html>")
MB = 1024 * 1024


def sparse(path: Path, size: int, head: bytes = b"") -> Path:
    """A file of `size` bytes that takes no disk space (nothing committed, nothing written)."""
    with path.open("wb") as handle:
        handle.write(head)
        handle.truncate(size)
    return path


def bomb(path: Path, members: int, size: int) -> Path:
    """A zip of members of zeros: each ~1000:1, streamed so the test never holds them."""
    zero = bytes(MB)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for n in range(members):
            with archive.open(f"report{n}.txt", "w", force_zip64=True) as member:
                for _ in range(size // MB):
                    member.write(zero)
    return path


def reason(path) -> str:
    with pytest.raises(InvalidInput) as info:
        read_document(str(path))
    message = str(info.value)
    assert "\n" not in message and message.startswith(str(path))
    return message


def test_truncated_pdf(tmp_path):
    data = un_report_pdf()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: len(data) // 2])
    assert "truncated or damaged PDF" in reason(path)


def test_damaged_pdf_with_an_end_marker(tmp_path):
    path = tmp_path / "junk.pdf"
    path.write_bytes(b"%PDF-1.7\n" + b"\x00garbage\xff" * 50 + b"\n%%EOF\n")
    assert "PDF" in reason(path)


def test_encrypted_pdf(tmp_path):
    path = tmp_path / "locked.pdf"
    path.write_bytes(encrypted_pdf())
    assert "encrypted PDF" in reason(path)


def test_pdf_encrypted_without_a_user_password_is_read(tmp_path):
    path = tmp_path / "permissions-only.pdf"
    path.write_bytes(encrypted_pdf(user_password=""))
    assert "checkpoint in Bannu" in read_document(str(path)).text


def test_image_only_pdf_needs_ocr(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(scanned_pdf())
    message = reason(path)
    assert "needs OCR" in message and "does not do" in message


def test_html_with_no_article(tmp_path):
    path = tmp_path / "home.html"
    path.write_text(NO_ARTICLE)
    assert "no article text" in reason(path)


@pytest.mark.parametrize("head,limit", [(b"", "10.5 MB"), (b"%PDF-1.7\n", "64.0 MB")])
def test_a_200_mb_file_is_refused_before_it_is_read(tmp_path, monkeypatch, head, limit):
    path = sparse(tmp_path / "huge.bin", 200 * MB, head)
    read = []
    real_open = Path.open

    def counting_open(self, *args, **kwargs):
        handle = real_open(self, *args, **kwargs)
        if self == path:
            original = handle.read
            handle.read = lambda n=-1: read.append(n) or original(n)
        return handle

    monkeypatch.setattr(Path, "open", counting_open)
    message = reason(path)
    assert "is 209.7 MB; the limit is " + limit in message
    assert sum(read) <= 8192  # only the head was read to tell the format


def test_zip_bomb_by_ratio(tmp_path):
    path = bomb(tmp_path / "bomb.zip", members=1, size=20 * MB)
    [(where, outcome)] = list(read_source(str(path)))
    assert where == str(path) and isinstance(outcome, InvalidInput)
    assert "zip bomb" in str(outcome) and ":1" in str(outcome)


def test_zip_bomb_by_total_size(tmp_path):
    path = bomb(tmp_path / "big.zip", members=3, size=70 * MB)
    [(_, outcome)] = list(read_source(str(path)))
    assert "unpacks to 220 MB" in str(outcome) and "refused" in str(outcome)


def test_zip_in_a_zip(tmp_path):
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as archive:
        archive.writestr("a.txt", GOOD)
    outer = tmp_path / "outer.zip"
    with zipfile.ZipFile(outer, "w") as archive:
        archive.writestr("inner.zip", inner.getvalue())
        archive.writestr("b.txt", GOOD)
    outcomes = dict(read_source(str(outer)))
    assert "zip inside a zip" in str(outcomes[f"{outer}!inner.zip"])
    assert outcomes[f"{outer}!b.txt"].text == GOOD


def test_a_batch_of_bad_input_goes_on_and_stores_only_the_good(tmp_path, site, cli_extractor):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD)
    data = un_report_pdf()
    (folder / "cut.pdf").write_bytes(data[: len(data) // 2])
    (folder / "locked.pdf").write_bytes(encrypted_pdf())
    (folder / "scan.pdf").write_bytes(scanned_pdf())
    (folder / "home.html").write_text(NO_ARTICLE)
    sparse(folder / "huge.txt", 200 * MB)
    bomb(folder / "bomb.zip", members=1, size=20 * MB)
    slow = site.add("/slow.xml", "<rss></rss>", "application/rss+xml", delay=3)
    db = tmp_path / "kb.db"
    result = CliRunner().invoke(cli.app, ["ingest", str(folder), slow, "--timeout", "0.5",
                                          "--db", f"sqlite:///{db}"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()  # (the progress bar leaves a blank line)
    expected = {"cut.pdf": "truncated", "locked.pdf": "encrypted", "scan.pdf": "needs OCR",
                "home.html": "no article text", "huge.txt": "209.7 MB",
                "bomb.zip": "zip bomb", slow: "timed out"}
    assert len(lines) == len(expected), lines
    for name, why in expected.items():
        [line] = [x for x in lines if name in x]
        assert line.startswith("error: ") and why in line, line
    assert "1 new, 0 unchanged, 0 re-extracted, 7 failed" in result.stdout
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT source FROM documents").fetchall() == \
            [(str(folder / "good.txt"),)]
        assert conn.execute("SELECT count(*) FROM claims c JOIN documents d ON "
                            "d.id = c.document_id WHERE d.source != ?",
                            (str(folder / "good.txt"),)).fetchone() == (0,)

