"""Where a report's dates are, found by bisection instead of a scan of every date.

A report's date spans (`timex.date_spans`: sorted, not overlapping) are indexed once
per report: the dates of a sentence, the last year-bearing date before a token, the
last line break before a token. Each lookup costs the logarithm of the report's
length, so the passes that ask for them for every claim or incident stay linear in
the report's size (docs/extraction.md, "Windows and indexes").
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator

from spacy.tokens import Doc, Span

_KEY = "threatnet.date_index"
_NEWLINES = "threatnet.newline_tokens"


class DateIndex:
    """The dates of one report, by token position."""

    def __init__(self, dates: list[Span]) -> None:
        self.dates = dates
        self.starts = [d.start for d in dates]
        self.ends = [d.end for d in dates]
        self._anchors: dict[Callable[[Span], bool], tuple[list[Span], list[int]]] = {}
        self._last: dict[tuple[Callable[[Span], bool], Callable[[Span], bool]],
                         list[Span | None]] = {}

    def overlapping(self, start: int, end: int) -> Iterator[Span]:
        """The dates that share a token with doc[start:end], in text order."""
        first = bisect_left(self.starts, start)
        while first > 0 and self.dates[first - 1].end > start:
            first -= 1  # a date that opens before `start` and runs into it
        for span in self.dates[first:]:
            if span.start >= end:
                break
            yield span

    def before(self, token: int) -> Iterator[Span]:
        """The dates that end at or before `token`, nearest first (stop early to stay cheap)."""
        for at in range(bisect_right(self.ends, token) - 1, -1, -1):
            yield self.dates[at]

    def anchors(self, keep: Callable[[Span], bool]) -> tuple[list[Span], list[int]]:
        """The dates `keep` accepts, and their end tokens (sorted), computed once per test."""
        if keep not in self._anchors:
            kept = [d for d in self.dates if keep(d)]
            self._anchors[keep] = (kept, [d.end for d in kept])
        return self._anchors[keep]

    def count_before(self, keep: Callable[[Span], bool], token: int) -> int:
        """How many of the dates `keep` accepts end at or before `token`."""
        return bisect_right(self.anchors(keep)[1], token)

    def last_of(self, keep: Callable[[Span], bool], also: Callable[[Span], bool],
                count: int) -> Span | None:
        """The last of the first `count` dates `keep` accepts that `also` accepts too."""
        key = (keep, also)
        if key not in self._last:
            kept, last, out = self.anchors(keep)[0], None, []
            for span in kept:  # out[k]: the last accepted among kept[:k]
                out.append(last)
                last = span if also(span) else last
            out.append(last)
            self._last[key] = out
        return self._last[key][count]


def date_index(dates: list[Span]) -> DateIndex:
    """The index of a report's date spans, built once per list (kept on its Doc)."""
    if not dates:
        return DateIndex(dates)
    user_data = dates[0].doc.user_data
    cached = user_data.get(_KEY)
    if cached is None or cached.dates is not dates:
        cached = user_data[_KEY] = DateIndex(dates)
    return cached


def last_newline(doc: Doc, token: int) -> int:
    """The last token before `token` that holds a line break, or -1."""
    found = doc.user_data.get(_NEWLINES)
    if found is None:
        found = doc.user_data[_NEWLINES] = [t.i for t in doc if "\n" in t.text]
    at = bisect_left(found, token)
    return found[at - 1] if at else -1
