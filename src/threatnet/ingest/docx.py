"""Word (.docx) reports to text: the body's paragraphs in order, with title and author."""

from __future__ import annotations

import io

from threatnet.errors import InvalidInput
from threatnet.ingest.text import Extracted, Paragraph, join_paragraphs


def docx_text(data: bytes, where: str) -> Extracted:
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - a damaged file makes python-docx/lxml raise anything
        reason = str(exc).splitlines()[0][:80] if str(exc) else type(exc).__name__
        raise InvalidInput(where, f"is a damaged Word file ({reason})") from None
    paragraphs = [Paragraph(p.text) for p in document.paragraphs if p.text.strip()]
    text, _ = join_paragraphs(paragraphs)
    if not text:
        raise InvalidInput(where, "is a Word file with no text")
    props = document.core_properties
    meta = {"format": "docx", **({"author": props.author} if props.author else {})}
    published = props.created.date().isoformat() if props.created else None
    return Extracted(text=text + "\n", title=props.title or None, published=published,
                     meta=meta)
