"""Each format read from files the test makes, told by content, with evidence offsets that
point at the same words in the stored text as in the source."""

from __future__ import annotations

import io
import re
import sqlite3
import zipfile

import pytest
from pdfs import UN_PAGES, un_report_pdf

from threatnet.batch import ingest
from threatnet.ingest import locate, read_document, read_source
from threatnet.ingest.formats import sniff
from threatnet.store import Store

ARTICLE = [
    "The Tehrik-i-Taliban Pakistan (TTP) claimed responsibility for an attack on a police "
    "checkpoint in Bannu, officials said.",
    "According to a Counter Terrorism Department official, the TTP receives weapons from "
    "the Afghan Taliban.",
    "The Balochistan Liberation Army (BLA) attacked a Pakistani army convoy in Turbat.",
]

HTML = f"""<!DOCTYPE html><html><head><title>TTP attack in Bannu | Frontier Post</title>
<meta property="og:site_name" content="Frontier Post">
<meta name="author" content="Zia Khan">
<meta property="article:published_time" content="2024-06-26T10:00:00+05:00">
<link rel="canonical" href="https://frontier.example/news/ttp-bannu"></head>
<body><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/sport">Sport</a></li></ul></nav>
<article><h1>TTP attack in Bannu</h1>
{''.join(f'<p>{p}</p>' for p in ARTICLE)}
</article>
<section class="comments"><h3>Comments</h3><p>Subscribe to our newsletter today for more!</p>
</section><footer><p>Copyright Frontier Post 2024. All rights reserved.</p></footer>
</body></html>"""


def words(text: str) -> str:
    return " ".join(text.split())


HEADLINE = "TTP attack in Bannu"  # a headline is read too: it can carry a claim of its own


def assert_evidence_true(extractor, document, source_text: str) -> int:
    """Every claim's evidence: its offsets give its text, and those words are in the source."""
    [record] = extractor.extract_many([document])
    assert record.claims, "the report yields claims"
    for claim in record.claims:
        ev = claim.evidence
        assert document.text[ev.start:ev.end] == ev.text
        assert words(ev.text) in words(source_text), ev.text
    return len(record.claims)


def test_html_article_metadata_and_boilerplate(tmp_path, extractor):
    path = tmp_path / "bannu.html"
    path.write_text(HTML, encoding="utf-8")
    doc = read_document(str(path))
    assert doc.title == "TTP attack in Bannu"
    assert doc.published == "2024-06-26"
    assert doc.outlet == "Frontier Post"
    assert doc.meta["url"] == "https://frontier.example/news/ttp-bannu"
    assert doc.meta["author"] == "Zia Khan"
    assert doc.source == str(path)
    for paragraph in ARTICLE:
        assert paragraph in doc.text
    for boilerplate in ("Home", "Sport", "Subscribe", "Copyright", "<p>"):
        assert boilerplate not in doc.text
    assert_evidence_true(extractor, doc, " ".join([HEADLINE, *ARTICLE]))


def test_html_told_by_content_not_name(tmp_path):
    path = tmp_path / "download.txt"  # a saved page with the wrong name
    path.write_text(HTML, encoding="utf-8")
    doc = read_document(str(path))
    assert "<article>" not in doc.text and ARTICLE[0] in doc.text


def test_pdf_pages_paragraphs_headers_hyphens_footnotes(tmp_path, extractor):
    path = tmp_path / "un-report.bin"  # no .pdf: told by its first bytes
    path.write_bytes(un_report_pdf())
    doc = read_document(str(path))
    assert doc.title == "Monitoring Team report"
    text = doc.text
    assert "S/2024/556" not in text  # the running header
    assert not re.search(r"^\s*[12]\s*$", text, re.MULTILINE)  # page numbers
    assert "considerable freedom" in text and "consider-" not in text
    assert "convoy in Quetta in March 2024" in text  # the footnote marker is out
    assert "Quetta12" not in text
    para_48 = text.index("48. The TTP has not used")
    assert locate(doc, para_48 + 10) == "p. 2, para 48"
    [record] = extractor.extract_many([doc])
    cited = {c["evidence"]["text"].strip(): c["evidence"].get("location")
             for c in record.to_dict()["claims"]}
    assert cited["The TTP has not used armed drones, according to another Member State."] \
        == "p. 2, para 48"  # the claim's evidence cites its page and paragraph
    assert locate(doc, text.index("considerable")) == "p. 1, para 45"
    # offsets: the sentence a claim cites is in the PDF's own lines (hyphen joined)
    source = " ".join(" ".join(p) for page in
                      UN_PAGES for p in page).replace("consider- able",
                                                                             "considerable")
    assert_evidence_true(extractor, doc, source)


def test_pdf_paragraph_across_a_page_break_is_one_sentence(tmp_path):
    pages = [[("12. The Islamic State Khorasan Province (ISKP) recruits fighters in",)],
             [("northern Afghanistan and the TTP does not cooperate with it.",)]]
    doc = read_document(_write(tmp_path, "r.pdf", un_report_pdf(pages)))
    assert ("recruits fighters in northern Afghanistan and the TTP does not cooperate"
            in doc.text)
    start = doc.text.index("northern")
    assert locate(doc, start) == "p. 2, para 12"


def test_markdown_markup_dropped(tmp_path, extractor):
    md = ("# TTP attack in Bannu\n\n"
          f"**{ARTICLE[0][:20]}**{ARTICLE[0][20:]}\n\n"
          f"- {ARTICLE[1]}\n\n"
          f"{ARTICLE[2].replace('Turbat', '[Turbat](https://en.wikipedia.org/wiki/Turbat)')}\n")
    doc = read_document(_write(tmp_path, "note.md", md.encode()))
    assert doc.text.startswith("TTP attack in Bannu\n\n")
    for marker in ("#", "**", "](", "- According"):
        assert marker not in doc.text
    assert_evidence_true(extractor, doc, " ".join([HEADLINE, *ARTICLE]))


def test_docx(tmp_path, extractor):
    import docx

    document = docx.Document()
    document.core_properties.title = "Bannu brief"
    document.core_properties.author = "Desk"
    document.add_heading("TTP attack in Bannu", level=1)
    for paragraph in ARTICLE:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    doc = read_document(_write(tmp_path, "brief.docx", buffer.getvalue()))
    assert doc.title == "Bannu brief" and doc.meta["author"] == "Desk"
    assert doc.text.split("\n\n")[1:] == [*ARTICLE[:2], ARTICLE[2] + "\n"]
    assert_evidence_true(extractor, doc, " ".join([HEADLINE, *ARTICLE]))


def test_zip_of_formats_and_folder(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("news/bannu.html", HTML)
        archive.writestr("un.pdf", un_report_pdf())
        archive.writestr("notes.txt", ARTICLE[2] + "\n")
        archive.writestr("gold.json", "{}")  # not a report
        archive.writestr("__MACOSX/._notes.txt", "junk")
    path = _write(tmp_path, "reports.zip", buffer.getvalue())
    outcomes = dict(read_source(str(path)))
    assert sorted(outcomes) == [f"{path}!news/bannu.html", f"{path}!notes.txt",
                                f"{path}!un.pdf"]
    assert outcomes[f"{path}!un.pdf"].meta["format"] == "pdf"
    assert outcomes[f"{path}!news/bannu.html"].outlet == "Frontier Post"
    assert outcomes[f"{path}!notes.txt"].title == "notes"


def test_sniff():
    assert sniff(b"%PDF-1.7\n...", "x.txt") == "pdf"
    assert sniff(b"<?xml version='1.0'?><rss version='2.0'><channel>", "x.html") == "feed"
    assert sniff(b'<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom">', "") \
        == "feed"
    assert sniff(b"\xef\xbb\xbf<!doctype html><html>", "") == "html"
    assert sniff(b"PK\x03\x04...", "a.docx", ["word/document.xml"]) == "docx"
    assert sniff(b"PK\x03\x04...", "a.docx", ["a.txt"]) == "zip"
    assert sniff(b"The TTP attacked <b>.", "a.md") == "markdown"
    assert sniff(b"The TTP attacked.", "a.html") == "text"


def test_stored_text_is_the_extracted_text(tmp_path, extractor):
    """In the store, each claim's evidence offsets cut its evidence out of the document."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "bannu.html").write_text(HTML, encoding="utf-8")
    (tmp_path / "in" / "un.pdf").write_bytes(un_report_pdf())
    db = tmp_path / "kb.db"
    with Store(f"sqlite:///{db}") as store:
        summary = ingest(store, [str(tmp_path / "in")], extractor)
        claims = store.claims()
    assert (summary.new, summary.failed) == (2, [])
    # the PDF's claims cite page and paragraph; the page's have no pages to cite
    located = {c["evidence"].get("location") for c in claims
               if c["document_source"].endswith("un.pdf")}
    assert "p. 2, para 48" in located and None not in located
    assert all("location" not in c["evidence"] for c in claims
               if c["document_source"].endswith(".html"))
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT d.text, c.evidence_start, c.evidence_end, c.evidence_text "
                            "FROM claims c JOIN documents d ON d.id = c.document_id").fetchall()
        outlets = dict(conn.execute("SELECT source, outlet FROM documents"))
    assert len(rows) >= 4
    for text, start, end, evidence in rows:
        assert text[start:end] == evidence
    assert outlets[str(tmp_path / "in" / "bannu.html")] == "Frontier Post"


def _write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


@pytest.fixture(autouse=True)
def _no_network(monkeypatch):
    """Reading files never touches the network (trafilatura is given no URL to fetch)."""
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError("a file reader opened a network connection")

    monkeypatch.setattr(socket, "create_connection", refuse)


def test_folder_walk_takes_reports_not_notes(tmp_path):
    from threatnet.ingest.sources import expand

    for name in ("README.md", "a.gold.json", "b.md", "c.html", "sub/d.pdf", ".e.txt",
                 "f.txt", "LICENSE.txt", "g.png"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("x")
    assert [p.removeprefix(f"{tmp_path}/") for p in expand([str(tmp_path)])] == \
        ["b.md", "c.html", "f.txt", "sub/d.pdf"]
    assert list(expand(["https://example.org/feed?x=1"])) == ["https://example.org/feed?x=1"]


def test_extract_one_report_refuses_a_zip(tmp_path):
    from threatnet.errors import InvalidInput

    path = tmp_path / "two.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("a.txt", ARTICLE[0])
        archive.writestr("b.txt", ARTICLE[1])
    with pytest.raises(InvalidInput, match="is a zip of several reports; use `threatnet ingest`"):
        read_document(str(path))
