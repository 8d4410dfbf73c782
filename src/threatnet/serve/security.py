"""The app's defences for untrusted report text and for writes.

* Every response carries a Content-Security-Policy allowing scripts from this
  app only (no inline script, nothing from another origin), so even a slip in
  escaping cannot run a report's `<script>`.
* Writes (ingesting a report) from any host but this machine need the token of
  THREATNET_TOKEN (`Authorization: Bearer …`, or the form's token field); with
  no token configured, other hosts cannot write at all.
* The form is protected against cross-site requests by a double-submit token
  (a SameSite=Strict cookie repeated in a hidden field) and an Origin check.
* Request bodies larger than the upload limit are refused with 413 before
  they are read, or as soon as they pass the limit when sent without a length.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from threatnet.errors import ThreatnetError

CSRF_COOKIE = "tn_csrf"
CSRF_FIELD = "csrf_token"
BODY_SLACK = 64 * 1024  # multipart boundaries and the form's other fields
# Cytoscape.js injects one fixed stylesheet of its own: allowed by its hash (vendored 3.34.4)
CYTOSCAPE_STYLE = "'sha256-pgvDUBa4IjFA2yuSJ2cqcyxmNYJMborsd0ORcRv9vw8='"
CSP = (f"default-src 'self'; script-src 'self'; style-src 'self' {CYTOSCAPE_STYLE}; "
       "img-src 'self' data:; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
       "form-action 'self'")
# the OpenAPI page's vendored Swagger UI sets element styles inline
CSP_DOCS = CSP.replace(f"style-src 'self' {CYTOSCAPE_STYLE}", "style-src 'self' 'unsafe-inline'")


class Forbidden(ThreatnetError):
    """A write the request is not allowed to make (token or CSRF check failed)."""


class TooLarge(ThreatnetError):
    """A report or request body over the upload limit."""


def is_local(request: Request) -> bool:
    """The request comes from this machine (loopback address)."""
    host = request.client.host if request.client else ""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_write(request: Request, token: str | None, given: str | None = None) -> None:
    """Allow a write from this machine, or from elsewhere with the configured token."""
    if is_local(request):
        return
    if token is None:
        raise Forbidden("writes from other hosts are disabled: start the server with "
                        "THREATNET_TOKEN set and send that token")
    header = request.headers.get("authorization", "")
    offered = given or (header[7:].strip() if header.lower().startswith("bearer ") else "")
    if not offered or not hmac.compare_digest(offered.encode(), token.encode()):
        raise Forbidden("this write needs the server's THREATNET_TOKEN "
                        "(Authorization: Bearer TOKEN)")


def check_origin(request: Request) -> None:
    """A browser's cross-site request names another origin: refuse it."""
    origin = request.headers.get("origin")
    if origin is None:  # not sent by every browser for same-origin posts
        return
    host = request.headers.get("host", "")
    if urlsplit(origin).netloc != host:
        raise Forbidden(f"cross-site request from {origin!r} refused")


def csrf_token(request: Request) -> str:
    """The form's CSRF token: the cookie's value, or a new one to set."""
    return request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(32)


def check_csrf(request: Request, field: str | None) -> None:
    check_origin(request)
    cookie = request.cookies.get(CSRF_COOKIE)
    if not cookie or not field or not hmac.compare_digest(cookie.encode(), field.encode()):
        raise Forbidden("the form has expired or came from another site: reload the page "
                        "and submit it again")


class SecurityMiddleware:
    """Security headers on every response, and the request body limit."""

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app = app
        self.max_body = max_body + BODY_SLACK

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        length = headers.get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            await _too_large(self.max_body)(scope, receive, send)
            return
        csp = CSP_DOCS if scope["path"] == "/docs" else CSP
        started = False
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_body:
                raise _BodyOverLimit
            return message

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                extra = [(b"content-security-policy", csp.encode()),
                         (b"x-content-type-options", b"nosniff"),
                         (b"referrer-policy", b"same-origin"),
                         (b"x-frame-options", b"DENY")]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        try:
            await self.app(scope, counted, send_with_headers)
        except _BodyOverLimit:
            if not started:
                await _too_large(self.max_body)(scope, receive, send)


class _BodyOverLimit(Exception):
    pass


def _too_large(limit: int) -> PlainTextResponse:
    return PlainTextResponse(f"request too large: the limit is {limit / 1e6:.1f} MB",
                             status_code=413)
