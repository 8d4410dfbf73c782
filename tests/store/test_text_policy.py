"""One text policy on SQLite and PostgreSQL: control characters anywhere in a report are
dropped before offsets are counted (so evidence points at the stored words), a file mostly
of them is refused as binary, a damaged zip member fails alone, and a Document handed to
the store with NUL in it is refused alike on both backends."""

from __future__ import annotations

import io
import zipfile

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from threatnet import cli
from threatnet.errors import InvalidInput
from threatnet.ingest import document_from_text
from threatnet.model import Document
from threatnet.store.schema import ClaimRow, DocumentRow

REPORT = ("The Balochistan Liberation Army attacked a Pakistani army convoy in {place} on "
          "March 3, 2025.\n")
FILLER = "Analysts met in Lahore on a Tuesday.\n"


def damaged_zip(path, places: list[str], broken: int) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for n, place in enumerate(places):
            archive.writestr(f"m{n}.txt", REPORT.format(place=place) + FILLER * 300)
    data = bytearray(buffer.getvalue())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo(f"m{broken}.txt")
    start = info.header_offset + 30 + len(info.filename) + 20
    data[start:start + 40] = b"\xff" * 40
    path.write_bytes(bytes(data))


def test_a_batch_with_bad_files_among_good_ones(tmp_path, store_url, cli_extractor):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-good.txt").write_text(REPORT.format(place="Quetta"))
    damaged_zip(folder / "b-archive.zip", ["Turbat", "Gwadar", "Kalat"], broken=1)
    nul = FILLER * 300 + "\x00\x00" + REPORT.format(place="Panjgur") + "\x1b" + FILLER
    assert len(nul.split("\x00")[0]) > 8_192
    (folder / "c-nul.txt").write_text(nul)
    (folder / "d-binary.txt").write_bytes(b"\x00\x01\x02\x03" * 5_000)
    (folder / "e-good.txt").write_text(REPORT.format(place="Mastung"))
    result = CliRunner().invoke(cli.app, ["ingest", str(folder), "--db", store_url])
    assert result.exit_code == 1 and "Traceback" not in result.output
    lines = [x for x in result.stderr.splitlines() if x.strip()]
    assert len(lines) == 2, lines
    [zip_line] = [x for x in lines if "b-archive.zip!m1.txt" in x]
    [binary_line] = [x for x in lines if "d-binary.txt" in x]
    assert zip_line.startswith("error: ") and "cannot be unpacked" in zip_line
    assert binary_line.startswith("error: ") and "binary" in binary_line
    assert "5 new, 0 unchanged, 0 re-extracted, 2 failed" in result.stdout

    from threatnet.store import Store

    with Store(store_url, create=False) as store, store.session() as s:
        texts = {r.source: r.text for r in s.execute(select(DocumentRow.source, DocumentRow.text))}
        assert sorted(texts) == sorted(str(folder / n) for n in [
            "a-good.txt", "b-archive.zip!m0.txt", "b-archive.zip!m2.txt", "c-nul.txt",
            "e-good.txt"])
        stored = texts[str(folder / "c-nul.txt")]
        assert stored == nul.replace("\x00", "").replace("\x1b", "")
        claims = s.execute(select(ClaimRow.document_id, ClaimRow.evidence_start,
                                  ClaimRow.evidence_end, ClaimRow.evidence_text,
                                  DocumentRow.text)
                           .join(DocumentRow, DocumentRow.id == ClaimRow.document_id)).all()
        assert any("Panjgur" in c.evidence_text for c in claims)
        for c in claims:
            assert c.text[c.evidence_start:c.evidence_end] == c.evidence_text


def test_nul_in_a_document_is_refused_alike(store, extractor):
    record = extractor.extract(document_from_text(REPORT.format(place="Quetta"), source="q"))
    bad = Document(id="sha256:nul", text=record.document.text + "\x00", source="nul.txt")
    record.document = bad
    with pytest.raises(InvalidInput, match="NUL"):
        store.save(record)
    assert store.counts()["documents"] == 0
