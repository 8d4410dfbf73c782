"""Web pages to their article: main text, title, author, date, canonical URL and site name.

trafilatura drops navigation, boilerplate and comments; a page with no article
text left is refused rather than stored as an empty or menu-only report.
"""

from __future__ import annotations

import re
import warnings
from urllib.parse import urlsplit

from threatnet.errors import InvalidInput
from threatnet.ingest.text import Extracted

MIN_ARTICLE_CHARS = 40  # a headline alone is not a report


def html_text(html: str, where: str, url: str | None = None) -> Extracted:
    """The article of an HTML page; `url` is where it was fetched from, if it was."""
    import trafilatura

    with warnings.catch_warnings():  # lxml's FutureWarnings inside trafilatura
        warnings.simplefilter("ignore")
        found = trafilatura.bare_extraction(html, url=url, with_metadata=True,
                                            include_comments=False, include_tables=True)
    text = (found.text or "").strip() if found is not None else ""
    if len(text) < MIN_ARTICLE_CHARS:
        raise InvalidInput(where, "is a web page with no article text (navigation or "
                                  "boilerplate only)")
    canonical = found.url or url
    outlet = found.sitename
    if outlet and " " not in outlet and re.search(r"[.:]", outlet):  # a host, not a name
        outlet = _host(f"http://{outlet}")
    outlet = outlet or (_host(canonical) if canonical else None)
    meta = {"format": "html", "url": canonical, "author": found.author}
    title = found.title
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"  # the headline is part of the report (and may name actors)
    return Extracted(text=text + "\n", title=title, published=found.date, outlet=outlet,
                     meta={k: v for k, v in meta.items() if v})


def fragment_text(html: str) -> str:
    """The text of an HTML fragment (a feed item's content), paragraphs kept apart."""
    import lxml.html

    if "<" not in html:
        return html.strip()
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except Exception:  # noqa: BLE001 - lxml raises several types on junk; plain text it is
        return html.strip()
    for block in root.iter("p", "div", "br", "li", "h1", "h2", "h3", "h4", "blockquote"):
        block.tail = "\n\n" + (block.tail or "") if block.tag != "br" else "\n" + (block.tail
                                                                                  or "")
    lines = [" ".join(line.split()) for line in root.text_content().split("\n")]
    text = "\n".join(lines)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip()


def _host(url: str) -> str | None:
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None
