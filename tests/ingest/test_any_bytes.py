"""Any bytes, behind any format's magic, give a Document or one InvalidInput line: never a
traceback (hypothesis)."""

from __future__ import annotations

import io
import zipfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pdfs import un_report_pdf

from threatnet.errors import InvalidInput
from threatnet.ingest import read_source
from threatnet.model import Document

PDF = un_report_pdf()


def _docx_like(body: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", body)
        archive.writestr("[Content_Types].xml", body[:20])
    return buffer.getvalue()


PREFIXES = {
    "pdf": lambda b: b"%PDF-1.4\n" + b + b"\n%%EOF\n",
    "pdf-cut": lambda b: PDF[: len(b) * 37 % len(PDF)] + b,
    "pdf-flipped": lambda b: bytes(x ^ (b[i % len(b)] if b else 0) if i % 97 == 0 else x
                                   for i, x in enumerate(PDF)),
    "zip": lambda b: b"PK\x03\x04" + b,
    "docx": _docx_like,
    "html": lambda b: b"<!doctype html><html><body><p>" + b + b"</p></body></html>",
    "feed": lambda b: b"<?xml version='1.0'?><rss><channel><item><description>" + b
                      + b"</description></item></channel></rss>",
    "text": lambda b: b,
}


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.function_scoped_fixture])
@given(kind=st.sampled_from(sorted(PREFIXES)), body=st.binary(max_size=400),
       suffix=st.sampled_from([".txt", ".pdf", ".html", ".docx", ".zip", ".md", ".rss"]))
def test_any_bytes(tmp_path, kind, body, suffix):
    path = tmp_path / f"input{suffix}"
    path.write_bytes(PREFIXES[kind](body))
    outcomes = list(read_source(str(path)))
    assert outcomes
    for where, outcome in outcomes:
        assert isinstance(outcome, Document | InvalidInput), outcome
        if isinstance(outcome, InvalidInput):
            assert "\n" not in str(outcome) and where in str(outcome)
        else:
            assert outcome.text.strip()
