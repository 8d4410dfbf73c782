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
# The text policy, the same for every format and both backends: control characters other
# than tab and newline are dropped (form feed and vertical tab become a newline, so the
# words they separate stay apart); a file where they are more than BINARY_SHARE of the
# bytes is not text at all and is refused. PostgreSQL cannot store NUL in text.
BINARY_SHARE = 0.01
_TEXT_CONTROLS = b"\t\n\r\f\v"
_CONTROL_BYTES = bytes(b for b in range(32) if bytes([b]) not in _TEXT_CONTROLS) + b"\x7f"
_CONTROLS = {c: None for c in [*range(32), 0x7F, *range(0x80, 0xA0)]
             if chr(c) not in "\t\n\r\f\v"} | {ord("\f"): "\n", ord("\v"): "\n"}


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
    """The text as stored and shown: NFC, Unix newlines, no byte-order mark, no control
    characters but tab and newline (see BINARY_SHARE)."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text.translate(_CONTROLS))


def clean_field(value: str | None) -> str | None:
    """A title, outlet or other short text stored beside a report: no control characters."""
    return None if value is None else value.translate(_CONTROLS)


def size_limit_reason(size: int, limit: int) -> str:
    """"is 10.6 MB; the limit is 10.5 MB": in bytes when the megabytes would read alike."""
    if f"{size / 1e6:.1f}" == f"{limit / 1e6:.1f}":
        return f"is {size:,} bytes; the limit is {limit:,} bytes"
    return f"is {size / 1e6:.1f} MB; the limit is {limit / 1e6:.1f} MB"


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
                    title=clean_field(found.title if found and found.title else title),
                    published=published, outlet=clean_field(found.outlet if found else None),
                    meta=dict(found.meta) if found else {})


def decode(data: bytes, where: str) -> str:
    """UTF-8 text, or an InvalidInput naming the first bad byte (or saying the bytes are
    not text: control characters over BINARY_SHARE of the whole file)."""
    controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    if controls > BINARY_SHARE * len(data):
        raise InvalidInput(where, "looks like a binary file, not a text report "
                                  f"({controls:,} control bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidInput(where, f"is not UTF-8 text (bad byte at offset {exc.start}); "
                                  "convert it with iconv first") from None


def locate(document: Document, offset: int) -> str | None:
    """Where in a paged document an offset falls, as a citation: "p. 12, para 45"."""
    return document.locate(offset)
