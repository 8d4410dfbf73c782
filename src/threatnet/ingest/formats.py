"""Tell a report's format from its first bytes (magic numbers, markup), not its name.

The name only breaks ties the content leaves open: Markdown looks like plain text.
"""

from __future__ import annotations

import re

PDF, ZIP, DOCX, HTML, FEED, MARKDOWN, TEXT = ("pdf", "zip", "docx", "html", "feed",
                                              "markdown", "text")
BINARY_FORMATS = (PDF, ZIP, DOCX)
HEAD = 8192  # bytes read to decide

_FEED = re.compile(rb"<(rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_HTML = re.compile(rb"<(!doctype\s+html|html[\s>]|head[\s>]|body[\s>]|article[\s>])",
                   re.IGNORECASE)
_MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown")
_MARKDOWN = re.compile(r"^(#{1,6} \S|\[[^\]]+\]\([^)]+\)|[*-] \S)", re.MULTILINE)


def sniff(head: bytes, name: str = "", zip_names: list[str] | None = None) -> str:
    """The format of a report from its first bytes; `zip_names` are a zip's members."""
    if head[:1024].lstrip().startswith(b"%PDF-") or head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return DOCX if zip_names and "word/document.xml" in zip_names else ZIP
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if start.startswith(b"<"):
        if _FEED.search(start[:4096]) and not _HTML.search(start[:512]):
            return FEED
        if _HTML.search(start):
            return HTML
    lower = name.lower().split("?")[0]
    if lower.endswith(_MARKDOWN_SUFFIXES):
        return MARKDOWN
    if lower.endswith((".html", ".htm", ".xhtml")) and b"<" in start[:2048]:
        return HTML
    return TEXT


def looks_like_markdown(text: str) -> bool:
    """Markdown read from stdin or a URL without a telling name: headings, links or lists."""
    return len(_MARKDOWN.findall(text[:4096])) >= 2
