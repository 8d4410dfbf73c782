"""PDF reports to text in reading order, with the page (and numbered paragraph) of each
paragraph kept so evidence can cite "p. 12, para 45".

Running headers, footers and page numbers are dropped, words hyphenated at a line
end are joined, and footnote markers (small raised digits) are kept out of the
sentences. Encrypted, damaged and image-only (scanned) PDFs are refused with the
reason: threatnet does no OCR and does not pretend to.
"""

from __future__ import annotations

import io
import logging
import re
import statistics
from collections import Counter
from dataclasses import dataclass

from threatnet.errors import InvalidInput
from threatnet.ingest.text import Extracted, Paragraph, join_paragraphs

_PAGE_NUMBER = re.compile(r"^\W*(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?\W*$", re.I)
_NUMBERED = re.compile(r"^(\d{1,4})\.\s+\S")  # a numbered paragraph, as in UN reports
_SENTENCE_END = re.compile(r"[.!?:;\"”’)]$")
_EDGE = 0.12  # running headers and footers sit in the top or bottom 12% of a page


@dataclass
class _Line:
    text: str
    y: float
    size: float


def pdf_text(data: bytes, where: str) -> Extracted:
    """The text of a PDF, or an InvalidInput saying why there is none."""
    from pypdf import PdfReader

    if b"%%EOF" not in data[-2048:]:
        raise InvalidInput(where, "is a truncated or damaged PDF (no end-of-file marker)")
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings are not the user's
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not _decrypts(reader):
            raise InvalidInput(where, "is an encrypted PDF; save a copy without a password")
        pages = [(_lines(page), float(page.mediabox.height), _has_images(page))
                 for page in reader.pages]
    except InvalidInput:
        raise
    except Exception as exc:  # noqa: BLE001 - a damaged PDF makes pypdf raise anything
        reason = str(exc).splitlines()[0][:80] if str(exc) else type(exc).__name__
        raise InvalidInput(where, f"is a damaged PDF ({reason})") from None
    if not any(lines for lines, _, _ in pages):
        if any(images for _, _, images in pages):
            raise InvalidInput(where, "is a scanned PDF (images, no text layer): it needs "
                                      "OCR first, which threatnet does not do")
        raise InvalidInput(where, "is a PDF with no text")
    paragraphs = _paragraphs(_drop_running_lines(pages))
    text, spans = join_paragraphs(paragraphs)
    info = reader.metadata or {}
    title = str(info.get("/Title") or "").strip() or None
    author = str(info.get("/Author") or "").strip() or None
    meta = {"format": "pdf", "pages": len(pages), "paragraphs": spans}
    if author:
        meta["author"] = author
    return Extracted(text=text + "\n", title=title, meta=meta)


def _decrypts(reader) -> bool:
    """An encrypted PDF that opens without a password (permissions only) is read."""
    try:
        return bool(reader.decrypt(""))
    except Exception:  # noqa: BLE001 - pypdf raises DependencyError, NotImplementedError, …
        return False


def _has_images(page) -> bool:
    try:
        return bool(page.images)
    except Exception:  # noqa: BLE001 - an image pypdf cannot decode is still an image
        return True


def _lines(page) -> list[_Line]:
    """The page's text lines top to bottom, footnote markers left out."""
    chunks: list[tuple[float, float, float, str]] = []  # (y, x, size, text)

    def visit(text, cm, tm, _font, size) -> None:
        if not text.strip():
            return
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        scale = (abs(tm[3] * cm[3]) or 1.0)
        for i, piece in enumerate(text.split("\n")):
            if piece.strip():
                chunks.append((y - i * size * scale, x, size * scale, piece))

    page.extract_text(visitor_text=visit)
    if not chunks:
        return []
    body = statistics.median(c[2] for c in chunks)
    lines: list[list[tuple[float, float, float, str]]] = []
    for chunk in sorted(chunks, key=lambda c: (-c[0], c[1])):
        if lines and abs(lines[-1][0][0] - chunk[0]) <= 0.6 * max(body, 1.0):
            lines[-1].append(chunk)
        else:
            lines.append([chunk])
    out = []
    for parts in lines:
        main = max(p[2] for p in parts)
        words = [p[3] for p in sorted(parts, key=lambda p: p[1])
                 if not (p[3].strip().isdigit() and p[2] < 0.8 * main and len(parts) > 1)]
        text = "".join(words).strip()
        if text:
            out.append(_Line(" ".join(text.split()), parts[0][0], main))
    return out


def _drop_running_lines(pages: list[tuple[list[_Line], float, bool]]) -> list[list[_Line]]:
    """Each page's lines without page numbers and headers/footers repeated across pages."""
    def key(line: _Line) -> str:
        return re.sub(r"\d+", "#", line.text.lower())

    def at_edge(line: _Line, height: float) -> bool:
        return line.y > height * (1 - _EDGE) or line.y < height * _EDGE

    repeated = Counter(key(line) for lines, height, _ in pages
                       for line in {key(x): x for x in lines if at_edge(x, height)}.values())
    threshold = max(2, len(pages) // 2) if len(pages) > 1 else None
    kept = []
    for lines, height, _ in pages:
        kept.append([line for line in lines if not (
            at_edge(line, height) and (_PAGE_NUMBER.match(line.text)
                                       or (threshold and repeated[key(line)] >= threshold)))])
    return kept


def _paragraphs(pages: list[list[_Line]]) -> list[Paragraph]:
    out: list[Paragraph] = []
    para: str | None = None
    for number, lines in enumerate(pages, start=1):
        gaps = [a.y - b.y for a, b in zip(lines, lines[1:], strict=False) if a.y > b.y]
        step = statistics.median(gaps) if gaps else 0.0
        current: list[str] = []
        first_on_page = True
        for i, line in enumerate(lines):
            numbered = _NUMBERED.match(line.text)
            new = (i == 0 or numbered is not None or abs(line.size - lines[i - 1].size) > 0.5
                   or (step and lines[i - 1].y - line.y > 1.45 * step))
            if new and current:
                out.append(_paragraph(current, number, para, out, first_on_page))
                first_on_page = False
                current = []
            if numbered:
                para = numbered.group(1)
            current.append(line.text)
        if current:
            out.append(_paragraph(current, number, para, out, first_on_page))
    return out


def _paragraph(lines: list[str], page: int, para: str | None, before: list[Paragraph],
               first_on_page: bool) -> Paragraph:
    text = lines[0]
    for line in lines[1:]:
        text = _join_line(text, line)
    # the first paragraph of a page continues the last one when that stopped mid-sentence
    joined = bool(first_on_page and before and not _SENTENCE_END.search(before[-1].text)
                  and text[:1].islower())
    return Paragraph(text=text, page=page, para=para, joined=joined)


def _join_line(text: str, line: str) -> str:
    """Join a line to its paragraph; a word hyphenated at the line end is made whole."""
    if re.search(r"[a-z]-$", text) and line[:1].islower():
        word = re.search(r"(\S+)-$", text).group(1)
        if not word[:1].isupper():  # "Tehrik-" + "i-Taliban" keeps its hyphen
            return text[:-1] + line
    return f"{text} {line}"
