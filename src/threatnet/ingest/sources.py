"""Expand what a user names on the command line — files, folders, globs, URLs, `-` — into
report paths (a URL passes through as it is)."""

from __future__ import annotations

import glob
from collections.abc import Iterator
from pathlib import Path

# what a folder (or a zip) is searched for; a file named directly is read whatever its name
REPORT_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml", ".pdf",
                   ".docx", ".rss", ".atom", ".zip")
# a folder's own notes (corpus/dev/README.md) describe the reports; they are not reports
NOT_REPORTS = ("readme", "license", "licence", "changelog", "contributing")


def is_report_name(name: str) -> bool:
    """Whether a file met in a folder or a zip is taken as a report, by its name."""
    path = Path(name)
    return (path.suffix.lower() in REPORT_SUFFIXES and not path.name.startswith(".")
            and path.stem.lower() not in NOT_REPORTS)


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
            found = (sorted(p for p in path.rglob("*") if p.is_file() and is_report_name(p.name))
                     if path.is_dir() else [path])
            for p in found:
                if str(p) not in seen:
                    seen.add(str(p))
                    yield str(p)
