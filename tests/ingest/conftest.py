"""Ingest fixtures: a local HTTP server on 127.0.0.1 whose pages each test sets (no
outside network)."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@dataclass
class Page:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    delay: float = 0.0  # seconds before answering: a server that times out
    headers: dict[str, str] = field(default_factory=dict)
    length: bool = True  # False: no Content-Length, the body ends when the server closes


class Site:
    """What the local server serves, and what it was asked for."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.pages: dict[str, Page] = {}
        self.hits: list[tuple[str, str]] = []  # (path, User-Agent)

    def add(self, path: str, body: bytes | str, content_type: str = "text/html; charset=utf-8",
            **options) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.pages[path] = Page(data, content_type, **options)
        return self.base + path

    def asked(self, path: str) -> int:
        return sum(1 for p, _ in self.hits if p == path)


@pytest.fixture
def site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    server.site = Site(f"http://127.0.0.1:{server.server_address[1]}")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.site
    finally:
        server.shutdown()
        server.server_close()


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - the http.server interface
        site: Site = self.server.site
        site.hits.append((self.path, self.headers.get("User-Agent", "")))
        page = site.pages.get(self.path)
        if page is None:
            self.send_error(404)
            return
        if page.delay:
            time.sleep(page.delay)
        try:
            self.send_response(page.status)
            self.send_header("Content-Type", page.content_type)
            for name, value in page.headers.items():
                self.send_header(name, value)
            if page.length:
                self.send_header("Content-Length", str(len(page.body)))
            self.end_headers()
            self.wfile.write(page.body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a size limit or a timeout): as intended

    def log_message(self, *args) -> None:
        pass
