"""The README and docs/ cite only what the project has: every relative link resolves to a
file or folder of the repository (and an anchor to a heading of the linked page), and no
page names a file outside the repository."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PAGES = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
# [text](target) and ![alt](target), not inside `code`; <https://…> autolinks are absolute
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
FENCE = re.compile(r"^(```|~~~)")


def _links(page: Path) -> list[tuple[int, str]]:
    out, fenced = [], False
    for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
        if FENCE.match(line.strip()):
            fenced = not fenced
            continue
        if fenced:
            continue
        line = re.sub(r"`[^`]*`", "", line)  # code spans are not links
        out += [(number, m.group(1)) for m in LINK.finditer(line)]
    return out


def _anchors(page: Path) -> set[str]:
    """GitHub's heading anchors: lower case, punctuation dropped, spaces as hyphens."""
    anchors = set()
    for line in page.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            title = line.lstrip("#").strip().lower()
            anchors.add(re.sub(r"\s", "-", re.sub(r"[^\w\s-]", "", title)))
    return anchors


def _relative(target: str) -> bool:
    return not re.match(r"^[a-z][a-z0-9+.-]*:", target) and not target.startswith("//")


def test_there_are_pages_and_links():
    assert REPO.joinpath("docs").is_dir() and len(PAGES) > 5
    assert sum(len(_links(p)) for p in PAGES) > 50


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_relative_link_resolves(page):
    broken = []
    for number, target in _links(page):
        if not _relative(target):
            continue
        path, _, anchor = target.partition("#")
        resolved = (page.parent / path).resolve() if path else page
        if not resolved.exists():
            broken.append(f"{page.name}:{number}: {target} (no such file)")
        elif REPO not in resolved.parents and resolved != REPO:
            broken.append(f"{page.name}:{number}: {target} (outside the repository)")
        elif anchor and resolved.suffix == ".md" and anchor not in _anchors(resolved):
            broken.append(f"{page.name}:{number}: {target} (no heading #{anchor})")
    assert not broken, "\n".join(broken)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_no_page_names_a_file_the_project_does_not_have(page):
    text = page.read_text(encoding="utf-8")
    for outside in ("../shared", "DESIGN.md", "eval/README.md", "../../eval"):
        assert outside not in text, f"{page.name} cites {outside}"


def test_link_checker_sees_broken_links(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("[ok](page.md) [gone](missing.md) `[code](x.md)`\n```\n[fenced](y.md)\n```\n"
                    "[web](https://example.org/) [anchor](#nowhere)\n# A heading\n",
                    encoding="utf-8")
    assert [t for _, t in _links(page)] == ["page.md", "missing.md", "https://example.org/",
                                            "#nowhere"]
    assert _anchors(page) == {"a-heading"}
