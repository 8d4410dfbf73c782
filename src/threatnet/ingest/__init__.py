"""Ingest: turn files, pages, feeds and archives into Documents whose text every offset
points into."""

from threatnet.ingest.reader import read_document, read_source
from threatnet.ingest.text import MAX_BYTES, document_from_text, locate

__all__ = ["MAX_BYTES", "document_from_text", "locate", "read_document", "read_source"]
