"""Fetch reports over HTTP(S) politely and within bounds.

A clear User-Agent, timeouts, a size limit enforced while streaming, redirects
followed by hand (at most MAX_REDIRECTS, each hop checked against robots.txt),
and the content type checked before the body is read. Every failure is an
InvalidInput naming the URL, so a batch reports it in one line and goes on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from threatnet import __version__
from threatnet.errors import InvalidInput
from threatnet.ingest.text import size_limit_reason

USER_AGENT = f"threatnet/{__version__} (report reader; respects robots.txt)"
MAX_REDIRECTS = 5
TIMEOUT = 20.0  # seconds to connect, and between two reads
MAX_FETCH_BYTES = 64_000_000
ROBOTS_BYTES = 512 * 1024
# what a report can be served as; application/octet-stream is sniffed like a file
ACCEPTED_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "text/markdown",
                  "text/x-markdown", "application/pdf", "application/rss+xml",
                  "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml",
                  "application/zip", "application/x-zip-compressed",
                  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                  "application/octet-stream", "")


def is_url(name: str) -> bool:
    return name.startswith(("http://", "https://"))


@dataclass
class Fetched:
    url: str  # as asked for: the document's source
    final_url: str  # after redirects
    content_type: str
    data: bytes


@dataclass
class Fetcher:
    """An HTTP client for one batch: robots.txt read once per site."""

    timeout: float = TIMEOUT
    max_bytes: int = MAX_FETCH_BYTES
    _robots: dict[str, RobotFileParser | None] = field(default_factory=dict)
    _client: httpx.Client | None = None

    def client(self) -> httpx.Client:
        if self._client is None:
            self._client = httpx.Client(headers={"User-Agent": USER_AGENT},
                                        timeout=httpx.Timeout(self.timeout),
                                        follow_redirects=False)
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def fetch(self, url: str) -> Fetched:
        """The body of `url`, or an InvalidInput saying why not."""
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            self._check_robots(url, current)
            try:
                with self.client().stream("GET", current) as response:
                    if response.is_redirect:
                        current = urljoin(current, response.headers.get("location", ""))
                        continue
                    return self._read(url, current, response)
            except httpx.TimeoutException:
                raise InvalidInput(url, f"timed out after {self.timeout:g} s") from None
            except httpx.HTTPError as exc:
                raise InvalidInput(url, f"cannot be fetched ({type(exc).__name__}: "
                                        f"{str(exc).splitlines()[0] if str(exc) else ''})") \
                    from None
        raise InvalidInput(url, f"redirects more than {MAX_REDIRECTS} times")

    def _read(self, url: str, current: str, response: httpx.Response) -> Fetched:
        if response.status_code >= 400:
            raise InvalidInput(url, f"answered HTTP {response.status_code}")
        content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type not in ACCEPTED_TYPES:
            raise InvalidInput(url, f"is {content_type}, not a report (HTML, PDF, text, "
                                    "feed, Word or zip)")
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise InvalidInput(url, size_limit_reason(int(declared), self.max_bytes))
        body = bytearray()
        for chunk in response.iter_bytes():
            body += chunk
            if len(body) > self.max_bytes:  # a server may send more than it declared
                raise InvalidInput(url, f"is larger than the limit of "
                                        f"{self.max_bytes / 1e6:.1f} MB; stopped reading")
        return Fetched(url=url, final_url=current, content_type=content_type, data=bytes(body))

    def _check_robots(self, url: str, current: str) -> None:
        parts = urlsplit(current)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise InvalidInput(url, f"{current!r} is not an http(s) URL")
        site = f"{parts.scheme}://{parts.netloc}"
        if site not in self._robots:
            self._robots[site] = self._load_robots(site)
        robots = self._robots[site]
        if robots is not None and not robots.can_fetch(USER_AGENT, current):
            raise InvalidInput(url, f"robots.txt of {parts.netloc} disallows fetching it")

    def _load_robots(self, site: str) -> RobotFileParser | None:
        """The site's rules; None (everything allowed) when it has no robots.txt."""
        try:
            with self.client().stream("GET", site + "/robots.txt") as response:
                if response.status_code in (401, 403):
                    rules = RobotFileParser()
                    rules.disallow_all = True  # as urllib.robotparser reads such an answer
                    return rules
                if response.status_code >= 400:
                    return None
                body = b""
                for chunk in response.iter_bytes():
                    body += chunk
                    if len(body) > ROBOTS_BYTES:
                        break
        except httpx.HTTPError:
            return None  # the page fetch that follows reports the site's failure itself
        rules = RobotFileParser()
        rules.parse(body.decode("utf-8", "replace").splitlines())
        return rules
