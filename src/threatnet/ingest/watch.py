"""Poll a feed: read the items not seen before (by link), for `threatnet watch`.

An item is seen once a document from it is stored (its link is the document's
source), or once this process has read it; a failed item is tried again on the
next poll.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from threatnet.errors import InvalidInput, ThreatnetError
from threatnet.ingest.fetch import Fetcher, is_url
from threatnet.ingest.reader import Outcome, read_source

_EVERY = re.compile(r"^(\d+(?:\.\d+)?)\s*([smhd])$")
_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
MIN_EVERY = 60.0  # more often than once a minute is not polite to a news site


def parse_every(value: str) -> float:
    """Seconds for an interval written as 90s, 30m, 1h or 1d."""
    match = _EVERY.match(value.strip().lower())
    if not match:
        raise ThreatnetError(f"--every {value!r}: give an interval such as 30m, 1h or 1d")
    seconds = float(match.group(1)) * _SECONDS[match.group(2)]
    if seconds < MIN_EVERY:
        raise ThreatnetError(f"--every {value!r}: poll at most once a minute")
    return seconds


class FeedWatch:
    """One feed, polled again and again; remembers the items it has read."""

    def __init__(self, url: str, fetcher: Fetcher,
                 stored: Callable[[list[str]], set[str]]) -> None:
        if not is_url(url):
            raise InvalidInput(url, "is not an http(s) feed URL")
        self.url = url
        self.fetcher = fetcher
        self.stored = stored  # which of these item links a stored document came from
        self.read: set[str] = set()

    def poll(self) -> Iterator[Outcome]:
        """The items new since the last poll; a feed that cannot be read is one failure."""
        def seen(key: str) -> bool:
            return key in self.read or bool(self.stored([key]))

        for where, outcome in read_source(self.url, fetcher=self.fetcher, seen=seen):
            if not isinstance(outcome, InvalidInput):
                self.read.add(where)
            yield where, outcome
