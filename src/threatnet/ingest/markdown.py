"""Markdown to the plain text that is stored: markup dropped, the words kept.

Headings, emphasis, links, images, code fences and list bullets are reduced to
their text so that sentences read as a reader of the rendered page reads them.
"""

from __future__ import annotations

import re

_RULES = [
    (re.compile(r"^```.*?$", re.MULTILINE), ""),           # code fences (the code is kept)
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),         # images: their alt text
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),          # links: their text
    (re.compile(r"^[ ]{0,3}#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*$", re.MULTILINE), r"\1"),  # headings
    (re.compile(r"^[ ]{0,3}>[ ]?", re.MULTILINE), ""),        # block quotes
    (re.compile(r"^[ \t]*(?:[-*+]|\d+[.)])[ \t]+(?=\S)", re.MULTILINE), ""),  # list bullets
    (re.compile(r"^[ \t]*(?:-{3,}|\*{3,}|_{3,})[ \t]*$", re.MULTILINE), ""),  # rules
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # strong
    (re.compile(r"(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])"), r"\2"),  # emphasis
    (re.compile(r"`([^`]+)`"), r"\1"),                      # inline code
    (re.compile(r"\n{3,}"), "\n\n"),
]


def markdown_text(source: str) -> str:
    """The readable text of a Markdown document."""
    text = source
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    return text.strip() + "\n"
