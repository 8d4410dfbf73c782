"""Read plain-text reports from files or stdin into Documents, rejecting what is not text."""

from __future__ import annotations

import hashlib
import sys
import unicodedata
from pathlib import Path

from threatnet.errors import InvalidInput
from threatnet.ingest.dates import find_published, parse_date
from threatnet.model import Document

MAX_BYTES = 10 * 1024 * 1024  # a long think-tank report is ~1 MB of text


def normalise_text(text: str) -> str:
    """The text as stored and shown: NFC, Unix newlines, no byte-order mark."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def document_id(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def document_from_text(text: str, source: str, published: str | None = None,
                       title: str | None = None) -> Document:
    """A Document for text already in memory; `published` overrides the date in the text."""
    text = normalise_text(text)
    if not text.strip():
        raise InvalidInput(source, "the report is empty")
    if published is not None:
        iso = parse_date(published)
        if iso is None:
            raise InvalidInput(source, f"cannot read the publication date {published!r}")
        published = iso
    else:
        published = find_published(text)
    return Document(id=document_id(text), text=text, source=source, title=title,
                    published=published)


def _read_bytes(path: str, max_bytes: int) -> bytes:
    if path == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        p = Path(path)
        if not p.exists():
            raise InvalidInput(path, "no such file")
        if p.is_dir():
            raise InvalidInput(path, "is a directory; give the report files inside it")
        size = p.stat().st_size
        if size > max_bytes:
            raise InvalidInput(path, f"is {size / 1e6:.1f} MB; the limit is "
                                     f"{max_bytes / 1e6:.1f} MB (split the report)")
        try:
            with p.open("rb") as handle:
                data = handle.read(max_bytes + 1)
        except OSError as exc:
            raise InvalidInput(path, f"cannot be read ({exc.strerror})") from None
    if len(data) > max_bytes:
        raise InvalidInput("<stdin>" if path == "-" else path,
                           f"is larger than the limit of {max_bytes / 1e6:.1f} MB")
    return data


def decode(data: bytes, where: str) -> str:
    """UTF-8 text, or an InvalidInput naming the first bad byte."""
    if b"\x00" in data[:8192]:
        raise InvalidInput(where, "looks like a binary file, not a text report")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidInput(where, f"is not UTF-8 text (bad byte at offset {exc.start}); "
                                  "convert it with iconv first") from None


def read_document(path: str, published: str | None = None,
                  max_bytes: int = MAX_BYTES) -> Document:
    """Read one report (`-` for stdin) into a Document."""
    where = "<stdin>" if path == "-" else path
    text = decode(_read_bytes(path, max_bytes), where)
    title = None if path == "-" else Path(path).stem
    return document_from_text(text, source=where, published=published, title=title)
