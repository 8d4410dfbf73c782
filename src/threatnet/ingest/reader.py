"""Read whatever a user names — a file of any supported format, a URL, a feed, a zip,
stdin — into Documents, each failure a one-line InvalidInput of its own.

The format is told by content (`formats.sniff`); the size limit is checked
before a file is read whole. Used by `threatnet ingest`, `extract` and `watch`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path, PurePosixPath

from threatnet.errors import InvalidInput
from threatnet.ingest import formats
from threatnet.ingest.archive import zip_members, zip_names
from threatnet.ingest.docx import docx_text
from threatnet.ingest.feeds import feed_items, item_documents
from threatnet.ingest.fetch import Fetcher, is_url
from threatnet.ingest.html import html_text
from threatnet.ingest.markdown import markdown_text
from threatnet.ingest.pdf import pdf_text
from threatnet.ingest.sources import expand, is_report_name
from threatnet.ingest.text import (
    MAX_BYTES,
    Extracted,
    decode,
    document_from_text,
    size_limit_reason,
)
from threatnet.model import Document

MAX_BINARY_BYTES = 64_000_000  # PDFs and Word files carry images besides their text

Outcome = tuple[str, Document | InvalidInput]  # (where, the document or why there is none)


def read_all(names: list[str], published: str | None = None, *,
             fetcher: Fetcher | None = None,
             seen: Callable[[str], bool] | None = None) -> Iterator[Outcome]:
    """Every report that files, folders, globs, URLs and `-` name, in order."""
    own = fetcher is None
    fetcher = fetcher or Fetcher()
    try:
        for name in expand(names):
            yield from read_source(name, published, fetcher=fetcher, seen=seen)
    finally:
        if own:
            fetcher.close()


def read_document(path: str, published: str | None = None, max_bytes: int = MAX_BYTES,
                  fetcher: Fetcher | None = None) -> Document:
    """Read one report (`-` for stdin, a file or a URL) into a Document."""
    own = fetcher is None
    fetcher = fetcher or Fetcher()
    reader = _Reader(published, max_bytes, fetcher, lambda _key: False)
    try:
        data, kind, url = reader.load(path)
        if kind in (formats.FEED, formats.ZIP):  # told before any item is fetched or unpacked
            raise InvalidInput(_where(path), f"is a {kind} of several reports; use "
                                             "`threatnet ingest`")
        return reader.document(_where(path), data, kind, url, _title(path))
    finally:
        if own:
            fetcher.close()


def read_source(name: str, published: str | None = None, *, max_bytes: int = MAX_BYTES,
                fetcher: Fetcher | None = None,
                seen: Callable[[str], bool] | None = None) -> Iterator[Outcome]:
    """Every report one name holds: one for a file or page, several for a feed or a zip.

    `seen` says which feed items (by link) to skip.
    """
    own = fetcher is None
    fetcher = fetcher or Fetcher()
    reader = _Reader(published, max_bytes, fetcher, seen or (lambda _key: False))
    where = _where(name)
    try:
        data, kind, url = reader.load(name)
        yield from reader.documents(where, data, kind, url=url, title=_title(name))
    except InvalidInput as exc:
        yield where, exc
    finally:
        if own:
            fetcher.close()


class _Reader:
    def __init__(self, published: str | None, max_bytes: int, fetcher: Fetcher,
                 seen: Callable[[str], bool]) -> None:
        self.published = published
        self.max_bytes = max_bytes
        self.fetcher = fetcher
        self.seen = seen

    def limit(self, kind: str) -> int:
        return max(self.max_bytes, MAX_BINARY_BYTES) if kind in formats.BINARY_FORMATS \
            else self.max_bytes

    def load(self, name: str) -> tuple[bytes, str, str | None]:
        """The bytes of a file, stdin or URL, its format, and the URL it came from."""
        if is_url(name):
            fetched = self.fetcher.fetch(name)
            kind = self.kind(fetched.data, fetched.final_url, fetched.content_type)
            self.check_size(name, len(fetched.data), kind)
            return fetched.data, kind, fetched.final_url
        if name == "-":
            data = sys.stdin.buffer.read(self.limit(formats.PDF) + 1)
            kind = self.kind(data, "")
            self.check_size("<stdin>", len(data), kind)
            return data, kind, None
        path = Path(name)
        if not path.exists():
            raise InvalidInput(name, "no such file")
        if path.is_dir():
            raise InvalidInput(name, "is a directory; give the report files inside it")
        try:
            with path.open("rb") as handle:
                head = handle.read(formats.HEAD)
                kind = formats.sniff(head, name)
                limit = self.limit(kind)
                self.check_size(name, path.stat().st_size, kind)  # before reading it all
                data = head + handle.read(limit + 1 - len(head))
        except OSError as exc:
            raise InvalidInput(name, f"cannot be read ({exc.strerror})") from None
        self.check_size(name, len(data), kind)  # it may have grown since
        return data, self.kind(data, name), None

    def kind(self, data: bytes, name: str, content_type: str = "") -> str:
        kind = formats.sniff(data[:formats.HEAD], name)
        if kind == formats.ZIP:
            kind = formats.sniff(data[:formats.HEAD], name, zip_names(data))
        if kind == formats.TEXT and "markdown" in content_type:
            kind = formats.MARKDOWN
        return kind

    def check_size(self, where: str, size: int, kind: str) -> None:
        limit = self.limit(kind)
        if size > limit:
            raise InvalidInput(where, f"{size_limit_reason(size, limit)} (split the report)")

    def documents(self, where: str, data: bytes, kind: str, url: str | None,
                  title: str | None, nested: bool = False) -> Iterator[Outcome]:
        if kind == formats.ZIP:
            yield from self.archive(where, data, nested)
        elif kind == formats.FEED:
            yield from self.feed(where, data)
        else:
            try:
                yield where, self.document(where, data, kind, url, title)
            except InvalidInput as exc:
                yield where, exc
            except Exception as exc:  # noqa: BLE001 - a parser's own failure on odd bytes
                yield where, unreadable(where, exc)

    def document(self, where: str, data: bytes, kind: str, url: str | None,
                 title: str | None) -> Document:
        found = extract(where, data, kind, url)
        if url and "url" not in found.meta:
            found.meta["url"] = url
        return document_from_text(found.text, source=where, published=self.published,
                                  title=title, found=found)

    def archive(self, where: str, data: bytes, nested: bool) -> Iterator[Outcome]:
        if nested:
            yield where, InvalidInput(where, "is a zip inside a zip; unpack the outer one")
            return
        try:
            for name, content in zip_members(data, where, is_report_name,
                                             self.limit(formats.PDF)):
                if isinstance(content, InvalidInput):
                    yield name, content
                    continue
                kind = self.kind(content, name)
                try:
                    self.check_size(name, len(content), kind)
                except InvalidInput as exc:
                    yield name, exc
                    continue
                yield from self.documents(name, content, kind, None,
                                          PurePosixPath(name.split("!")[-1]).stem, nested=True)
        except InvalidInput as exc:  # the archive as a whole: refused before any member
            yield where, exc

    def feed(self, where: str, data: bytes) -> Iterator[Outcome]:
        try:
            items = feed_items(data, where)
        except InvalidInput as exc:
            yield where, exc
            return
        for key, found in item_documents(items, self.seen, self.read_url):
            if isinstance(found, InvalidInput):
                yield key, found
                continue
            try:
                yield key, document_from_text(found.text, source=key, published=self.published,
                                              found=found)
            except InvalidInput as exc:
                yield key, exc

    def read_url(self, url: str) -> Extracted:
        """A feed item's page: fetched and read like any other (not a feed or zip)."""
        fetched = self.fetcher.fetch(url)
        kind = self.kind(fetched.data, fetched.final_url, fetched.content_type)
        self.check_size(url, len(fetched.data), kind)
        if kind in (formats.FEED, formats.ZIP):
            raise InvalidInput(url, f"a feed item links to a {kind}, not to a report")
        found = extract(url, fetched.data, kind, fetched.final_url)
        found.meta.setdefault("url", fetched.final_url)
        return found


def extract(where: str, data: bytes, kind: str, url: str | None = None) -> Extracted:
    """The text and metadata of one report in a single-document format."""
    if kind == formats.PDF:
        return pdf_text(data, where)
    if kind == formats.DOCX:
        return docx_text(data, where)
    text = decode(data, where)
    if kind == formats.HTML:
        return html_text(text, where, url)
    if kind == formats.MARKDOWN or (kind == formats.TEXT and not Path(where).suffix
                                    and formats.looks_like_markdown(text)):
        return Extracted(text=markdown_text(text), meta={"format": "markdown"})
    return Extracted(text=text)


def unreadable(where: str, exc: Exception) -> InvalidInput:
    """A parser's unexpected exception as the one-line failure of the input it was reading."""
    first = (str(exc).splitlines() or [""])[0]
    return InvalidInput(where, f"cannot be read ({type(exc).__name__}: {first})"
                        if first else f"cannot be read ({type(exc).__name__})")


def _where(name: str) -> str:
    return "<stdin>" if name == "-" else name


def _title(name: str) -> str | None:
    if name == "-" or is_url(name):
        return None
    return Path(name).stem
