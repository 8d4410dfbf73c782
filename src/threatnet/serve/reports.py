"""Add a report from the web: text pasted or uploaded, extracted and saved like `ingest`.

The same path as the CLI (`document_from_text` → `Extractor.extract` →
`Store.save`), one report at a time under the app's lock; the size limit is
checked on the encoded text before anything is parsed.
"""

from __future__ import annotations

from typing import Any

from threatnet.errors import InvalidInput
from threatnet.ingest.text import decode, document_from_text
from threatnet.serve.deps import Resources
from threatnet.serve.security import TooLarge


def text_from_upload(data: bytes, filename: str, limit: int) -> str:
    """The text of an uploaded file: UTF-8, not binary, within the limit."""
    if len(data) > limit:
        raise TooLarge(f"{filename}: {len(data) / 1e6:.1f} MB is over the limit of "
                       f"{limit / 1e6:.1f} MB (split the report)")
    return decode(data, filename)


def ingest_report(res: Resources, text: str, source: str, title: str | None = None,
                  published: str | None = None) -> dict[str, Any]:
    """Extract and store one report; what was stored, as a dict for the page or the API."""
    limit = res.settings.max_upload
    size = len(text.encode("utf-8"))
    if size > limit:
        raise TooLarge(f"{source}: {size / 1e6:.1f} MB is over the limit of "
                       f"{limit / 1e6:.1f} MB (split the report)")
    if "\x00" in text:
        raise InvalidInput(source, "looks like a binary file, not a text report")
    document = document_from_text(text, source=source, published=published or None,
                                  title=(title or "").strip() or None)
    with res.lock:
        record = res.extractor().extract(document)
        outcome = res.store.save(record)
    return {"outcome": outcome, "document": document.id, "title": document.title,
            "published": document.published, "entities": len(record.entities),
            "claims": len(record.claims)}
