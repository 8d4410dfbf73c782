"""RSS and Atom feeds to their items: each item's full content when the feed carries it,
else the page the item links to, fetched; the feed's title is the items' outlet."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from threatnet.errors import InvalidInput
from threatnet.ingest.html import fragment_text
from threatnet.ingest.text import Extracted


@dataclass
class FeedItem:
    """One item: where it is (its link, or the feed and its id) and what the feed says."""

    key: str
    link: str | None
    title: str | None
    published: str | None
    outlet: str | None
    author: str | None
    content: str | None  # full text from the feed (content:encoded, Atom content), or None
    summary: str | None


def feed_items(data: bytes, where: str) -> list[FeedItem]:
    import feedparser

    parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=True)
    if parsed.bozo and not parsed.entries:
        raise InvalidInput(where, f"is not a readable feed ({parsed.get('bozo_exception')})")
    outlet = parsed.feed.get("title") or None
    items = []
    for number, entry in enumerate(parsed.entries, start=1):
        link = entry.get("link") or None
        if link and not link.startswith(("http://", "https://")):
            link = None  # feedparser offers an Atom id ("urn:…") as the link
        content = "\n\n".join(c.get("value", "") for c in entry.get("content", [])).strip()
        items.append(FeedItem(
            key=link or f"{where}#{entry.get('id') or number}", link=link,
            title=entry.get("title") or None, published=_date(entry), outlet=outlet,
            author=entry.get("author") or None, content=content or None,
            summary=(entry.get("summary") or "").strip() or None))
    return items


def item_documents(items: list[FeedItem], seen: Callable[[str], bool],
                   read_url: Callable[[str], Extracted]) -> Iterator[tuple[str, Extracted |
                                                                           InvalidInput]]:
    """(key, what was read) for each item not yet `seen`; an item's failure is its own."""
    for item in items:
        if seen(item.key):
            continue
        try:
            yield item.key, _read(item, read_url)
        except InvalidInput as exc:
            yield item.key, exc


def _read(item: FeedItem, read_url: Callable[[str], Extracted]) -> Extracted:
    if item.content:
        found = Extracted(text=fragment_text(item.content))
        if item.title and not found.text.startswith(item.title):
            found.text = f"{item.title}\n\n{found.text}"
    elif item.link:
        found = read_url(item.link)  # only a summary in the feed: read the article itself
    elif item.summary:
        found = Extracted(text=fragment_text(item.summary))
    else:
        raise InvalidInput(item.key, "is a feed item with no content and no link")
    if not found.text.endswith("\n"):
        found.text += "\n"
    # the feed's own metadata first, then what the page said
    found.title = item.title or found.title
    found.published = item.published or found.published
    found.outlet = item.outlet or found.outlet
    found.meta = {**found.meta, "feed_item": True,
                  **({"url": item.link} if item.link else {}),
                  **({"author": item.author} if item.author else {})}
    return found


def _date(entry) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    return dt.datetime.fromtimestamp(calendar.timegm(parsed), dt.UTC).date().isoformat()
