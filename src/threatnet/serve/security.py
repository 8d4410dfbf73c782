"""The app's defences for untrusted report text, for writes and for a team's server.

* Every response — pages, API answers, errors, 400s and 413s alike — carries a
  Content-Security-Policy allowing scripts from this app only (no inline script,
  nothing from another origin), so even a slip in escaping cannot run a report's
  `<script>`; behind HTTPS, Strict-Transport-Security too.
* The `Host` header must name this server (loopback names, and those configured
  with --allowed-host): a page whose DNS name was rebound to 127.0.0.1 gets 400
  on every route, so it can neither read the store nor fetch a CSRF token.
* Forwarded headers (X-Forwarded-For, -Proto) are believed only from the
  configured reverse proxies; from this machine without one configured they are
  refused, since a local proxy would otherwise make every visitor look local.
* With a read token (THREATNET_READ_TOKEN), other hosts need a token to read
  anything: `Authorization: Bearer …` or the cookie the /signin page sets.
* Writes from any host but this machine need the token of THREATNET_TOKEN or a
  reviewer's account token; with none configured, other hosts cannot write.
* The form is protected against cross-site requests by a double-submit token
  (a SameSite=Strict cookie repeated in a hidden field) and an Origin check.
* Request bodies larger than the upload limit are refused with 413 before
  they are read, or as soon as they pass the limit when sent without a length.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
from urllib.parse import quote, urlsplit

from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from threatnet.errors import ThreatnetError
from threatnet.serve.config import Settings, normal_host

CSRF_COOKIE = "tn_csrf"
CSRF_FIELD = "csrf_token"
AUTH_COOKIE = "tn_auth"  # a read, write or account token, set by /signin
BODY_SLACK = 64 * 1024  # multipart boundaries and the form's other fields
# what a visitor without the read token may still fetch: the sign-in page and its look
OPEN_PATHS = ("/signin", "/static/app.css", "/static/favicon.svg")
FORWARDED = (b"x-forwarded-for", b"x-forwarded-proto", b"x-forwarded-host", b"forwarded")
# Cytoscape.js injects one fixed stylesheet of its own: allowed by its hash (vendored 3.34.4)
CYTOSCAPE_STYLE = "'sha256-pgvDUBa4IjFA2yuSJ2cqcyxmNYJMborsd0ORcRv9vw8='"
CSP = (f"default-src 'self'; script-src 'self'; style-src 'self' {CYTOSCAPE_STYLE}; "
       "img-src 'self' data:; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
       "form-action 'self'")
# the OpenAPI page's vendored Swagger UI sets element styles inline
CSP_DOCS = CSP.replace(f"style-src 'self' {CYTOSCAPE_STYLE}", "style-src 'self' 'unsafe-inline'")
HSTS = b"max-age=31536000"


class Forbidden(ThreatnetError):
    """A write the request is not allowed to make (token or CSRF check failed)."""


class TooLarge(ThreatnetError):
    """A report or request body over the upload limit."""


def is_local(request: Request) -> bool:
    """The request comes from this machine (loopback address; behind a trusted proxy, the
    address the proxy forwarded)."""
    return _loopback(request.client.host if request.client else "")


def _loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def offered_token(request: Request, given: str | None = None) -> str:
    """The token a request carries: a form field, `Authorization: Bearer`, or the
    sign-in cookie."""
    header = request.headers.get("authorization", "")
    bearer = header[7:].strip() if header.lower().startswith("bearer ") else ""
    return given or bearer or request.cookies.get(AUTH_COOKIE, "")


def _same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())


def account_of(settings: Settings, token: str) -> str | None:
    """The reviewer whose account token this is, or None."""
    found = None
    for name, secret in settings.accounts:  # every account compared: no timing hint
        if token and _same(token, secret):
            found = name
    return found


def check_write(request: Request, settings: Settings, given: str | None = None) -> None:
    """Allow a write from this machine, or from elsewhere with the configured write token
    or a reviewer's account token."""
    if is_local(request):
        return
    if settings.token is None and not settings.accounts:
        raise Forbidden("writes from other hosts are disabled: start the server with "
                        "THREATNET_TOKEN set and send that token")
    offered = offered_token(request, given)
    if not offered or not ((settings.token and _same(offered, settings.token))
                           or account_of(settings, offered)):
        raise Forbidden("this write needs the server's THREATNET_TOKEN or a reviewer's "
                        "token (Authorization: Bearer TOKEN)")


def can_read(request: Request, settings: Settings) -> bool:
    """Reads are open, or come from this machine, or carry a token the server knows."""
    if settings.read_token is None or is_local(request):
        return True
    return known_token(settings, offered_token(request))


def known_token(settings: Settings, token: str) -> bool:
    """The token is the read token, the write token or a reviewer's."""
    if not token:
        return False
    known = [t for t in (settings.read_token, settings.token) if t]
    return any(_same(token, t) for t in known) or account_of(settings, token) is not None


def reviewer_of(request: Request, settings: Settings, named: str | None) -> str:
    """Who signs a decision. With accounts configured, the account of the token sent
    (a name in the request must be that account's); without, the name given, else
    the local reviewer (this machine's user) or, from another host, the write token's
    holder at that address."""
    if settings.accounts:
        who = account_of(settings, offered_token(request))
        if who is None:
            raise Forbidden("reviewing needs your reviewer token (sign in at /signin, or "
                            "send Authorization: Bearer TOKEN)")
        if named and named.strip() != who:
            raise Forbidden("a decision is signed by the account of its token, not by the "
                            "name sent")
        return who
    if named and named.strip():
        return named.strip()
    if is_local(request):
        return settings.reviewer()
    return f"the write token's holder at {request.client.host if request.client else '?'}"


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


def set_cookie(request: Request, response: Response, name: str, value: str) -> None:
    """A cookie only this site sends back, only over HTTPS when the page came that way."""
    response.set_cookie(name, value, httponly=True, samesite="strict", path="/",
                        secure=request.url.scheme == "https")


def check_csrf(request: Request, field: str | None) -> None:
    check_origin(request)
    cookie = request.cookies.get(CSRF_COOKIE)
    if not cookie or not field or not hmac.compare_digest(cookie.encode(), field.encode()):
        raise Forbidden("the form has expired or came from another site: reload the page "
                        "and submit it again")


def host_name(value: str) -> str:
    """The name of a Host header without its port (`[::1]:8000` -> `::1`)."""
    value = value.strip()
    if value.startswith("["):
        return normal_host(value[1:value.find("]")] if "]" in value else value)
    name, _, port = value.rpartition(":")
    return normal_host(name if name and port.isdigit() else value)


def _trusted(peer: str, proxies: tuple[str, ...]) -> bool:
    try:
        address = ipaddress.ip_address(peer)
    except ValueError:
        return False
    for proxy in proxies:
        try:
            if address in ipaddress.ip_network(proxy, strict=False):
                return True
        except ValueError:
            continue
    return False


def _forwarded(scope: Scope, headers: dict[bytes, bytes], proxies: tuple[str, ...]
               ) -> str | None:
    """Believe a trusted proxy's X-Forwarded-For/-Proto (rewriting the client and the
    scheme); a reason to refuse the request otherwise, or None."""
    peer = scope["client"][0] if scope.get("client") else ""
    sent = [h for h in FORWARDED if h in headers]
    if not sent:
        return None
    if not _trusted(peer, proxies):
        if _loopback(peer):
            return ("forwarded headers from a proxy that is not trusted: start the server "
                    "with --trusted-proxy ADDRESS (docs/web-security.md)")
        return None  # a client's own X-Forwarded-For is ignored
    chain = [a.strip() for a in headers.get(b"x-forwarded-for", b"").decode("latin-1")
             .split(",") if a.strip()]
    if chain:  # the proxy appends the address it saw: the last one is the one it vouches for
        scope["client"] = (chain[-1], 0)
    proto = headers.get(b"x-forwarded-proto", b"").decode("latin-1").split(",")[-1].strip()
    if proto in ("http", "https"):
        scope["scheme"] = proto
    return None


class SecurityMiddleware:
    """Forwarded headers, the Host allowlist, the read token, the request body limit, and
    security headers on every response."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings
        self.hosts = settings.hosts()
        self.max_body = settings.max_upload + BODY_SLACK

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        refused = _forwarded(scope, headers, self.settings.trusted_proxies)
        csp = CSP_DOCS if scope["path"] == "/docs" else CSP
        https = scope.get("scheme") == "https"
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
                if https:
                    extra.append((b"strict-transport-security", HSTS))
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        host = headers.get(b"host", b"").decode("latin-1")
        if refused is None and host_name(host) not in self.hosts:
            refused = ("this server does not answer to the Host name sent (DNS rebinding?); "
                       "a name of its own is added with --allowed-host")
        if refused is not None:
            await _refusal(scope, 400, refused)(scope, receive, send_with_headers)
            return
        request = Request(scope)
        if not scope["path"].startswith(OPEN_PATHS) and not can_read(request, self.settings):
            await _unauthorised(scope)(scope, receive, send_with_headers)
            return
        length = headers.get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            await _too_large(scope, self.max_body)(scope, receive, send_with_headers)
            return
        try:
            await self.app(scope, counted, send_with_headers)
        except _BodyOverLimit:
            if not started:
                await _too_large(scope, self.max_body)(scope, receive, send_with_headers)
        except Exception:
            if not started:  # the server's own 500 would go out without the headers
                await _refusal(scope, 500, "internal error: see the server's log")(
                    scope, receive, send_with_headers)
            raise


class _BodyOverLimit(Exception):
    pass


def _refusal(scope: Scope, status: int, message: str) -> Response:
    """One line: JSON under /api, plain text elsewhere."""
    if scope["path"].startswith("/api/"):
        return JSONResponse({"error": message}, status_code=status)
    return PlainTextResponse(message, status_code=status)


def _unauthorised(scope: Scope) -> Response:
    if scope["path"].startswith("/api/") or scope["method"] != "GET":
        return _refusal(scope, 401, "this server needs a token to read: send "
                                    "Authorization: Bearer TOKEN, or sign in at /signin")
    target = scope["path"] + ("?" + scope["query_string"].decode("latin-1")
                              if scope.get("query_string") else "")
    return RedirectResponse("/signin?next=" + quote(target, safe=""), status_code=303)


def _too_large(scope: Scope, limit: int) -> Response:
    return _refusal(scope, 413, f"request too large: the limit is {limit / 1e6:.1f} MB")
