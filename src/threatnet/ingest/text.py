"""Turn text already extracted from a report into a Document whose offsets stay true.

Every reader (plain text, Markdown, HTML, PDF, DOCX, feed items) ends here: the
text is normalised once, and the Document keeps exactly that text, so evidence
offsets computed on it point at the same words a reader of the stored text sees.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from threatnet.errors import InvalidInput
from threatnet.ingest.dates import find_published, parse_date
from threatnet.model import Document

MAX_BYTES = 10 * 1024 * 1024  # a long think-tank report is ~1 MB of text


@dataclass
class Extracted:
    """What a format reader found: the report's text and what it learnt beside it."""

    text: str
    title: str | None = None
    published: str | None = None  # from metadata (HTML meta, feed); the text is searched later
    outlet: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass
class Paragraph:
    """A paragraph of a paged document: its text, page and numbered-paragraph label."""

    text: str
    page: int | None = None
    para: str | None = None
    joined: bool = False  # continues the previous paragraph (split by a page break)


def normalise_text(text: str) -> str:
    """The text as stored and shown: NFC, Unix newlines, no byte-order mark."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def join_paragraphs(paragraphs: list[Paragraph]) -> tuple[str, list[list[Any]]]:
    """One text from paragraphs, and [start, end, page, para] for each of them.

    A paragraph continued across a page break joins with a space (its sentences are
    not cut), the others with a blank line. Each paragraph is normalised before the
    offsets are counted, so they point into the stored text.
    """
    parts: list[str] = []
    spans: list[list[Any]] = []
    at = 0
    for p in paragraphs:
        text = normalise_text(p.text).strip()
        if not text:
            continue
        if parts:
            sep = " " if p.joined else "\n\n"
            parts.append(sep)
            at += len(sep)
        spans.append([at, at + len(text), p.page, p.para])
        parts.append(text)
        at += len(text)
    return "".join(parts), spans


def document_id(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def document_from_text(text: str, source: str, published: str | None = None,
                       title: str | None = None, found: Extracted | None = None) -> Document:
    """A Document for text already in memory.

    The publication date is `published` (the user's override) if given, else the
    metadata date of `found`, else the one stated in the text.
    """
    text = normalise_text(text)
    if not text.strip():
        raise InvalidInput(source, "the report is empty")
    if published is not None:
        iso = parse_date(published)
        if iso is None:
            raise InvalidInput(source, f"cannot read the publication date {published!r}")
        published = iso
    else:
        published = (parse_date(found.published) if found and found.published else None) \
            or find_published(text)
    return Document(id=document_id(text), text=text, source=source,
                    title=(found.title if found and found.title else title),
                    published=published, outlet=found.outlet if found else None,
                    meta=dict(found.meta) if found else {})


def decode(data: bytes, where: str) -> str:
    """UTF-8 text, or an InvalidInput naming the first bad byte."""
    if b"\x00" in data[:8192]:
        raise InvalidInput(where, "looks like a binary file, not a text report")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidInput(where, f"is not UTF-8 text (bad byte at offset {exc.start}); "
                                  "convert it with iconv first") from None


def locate(document: Document, offset: int) -> str | None:
    """Where in a paged document an offset falls, as a citation: "p. 12, para 45"."""
    return document.locate(offset)
