"""Ingest: turn files and streams into Documents whose text every offset points into."""

from threatnet.ingest.text import MAX_BYTES, document_from_text, read_document

__all__ = ["MAX_BYTES", "document_from_text", "read_document"]
