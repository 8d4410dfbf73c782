"""Expand what a user names on the command line — files, folders, globs, URLs, `-` — into
report paths (a URL passes through as it is)."""

from __future__ import annotations

import glob
from collections.abc import Iterator
from pathlib import Path

# what a folder (or a zip) is searched for; a file named directly is read whatever its name
REPORT_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml", ".pdf",
                   ".docx", ".rss", ".atom", ".zip")


def expand(paths: list[str]) -> Iterator[str]:
    """Each report path once, in the order given; folders are walked for reports.

    A name that matches nothing is passed through, so reading it reports the error.
    """
    seen: set[str] = set()
    for name in paths:
        if name == "-" or name.startswith(("http://", "https://")):
            yield name
            continue
        matches = sorted(glob.glob(name, recursive=True)) if glob.has_magic(name) else [name]
        for match in matches or [name]:
            path = Path(match)
            found = (sorted(p for p in path.rglob("*") if p.is_file()
                            and p.suffix.lower() in REPORT_SUFFIXES
                            and not p.name.startswith("."))
                     if path.is_dir() else [path])
            for p in found:
                if str(p) not in seen:
                    seen.add(str(p))
                    yield str(p)
