"""Signing in: a token typed once, kept in an HttpOnly cookie for the pages and reviews.

The token is the read token, the write token or a reviewer's account token
(docs/web-security.md); the cookie is SameSite=Strict, and Secure behind HTTPS.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from threatnet.serve.deps import ResourcesDep
from threatnet.serve.security import (
    AUTH_COOKIE,
    CSRF_COOKIE,
    CSRF_FIELD,
    account_of,
    check_csrf,
    csrf_token,
    known_token,
    offered_token,
    set_cookie,
)
from threatnet.serve.templating import templates

router = APIRouter(include_in_schema=False)
MAX_TOKEN = 500


def _next(value: str | None) -> str:
    """Where to go after signing in: a path of this site only."""
    value = value or "/"
    return value if value.startswith("/") and not value.startswith("//") else "/"


def signed_in_as(request: Request, settings) -> str | None:
    """The reviewer account of the request's token, if any."""
    return account_of(settings, offered_token(request))


@router.get("/signin", response_class=HTMLResponse)
def signin_page(request: Request, res: ResourcesDep, next: str | None = None,
                error: str | None = None, status: int = 200) -> Response:
    token = csrf_token(request)
    response = templates.TemplateResponse(request, "signin.html", {
        "csrf": token, "csrf_field": CSRF_FIELD, "next": _next(next), "error": error,
        "account": signed_in_as(request, res.settings), "page": "signin"},
        status_code=status)
    set_cookie(request, response, CSRF_COOKIE, token)
    return response


@router.post("/signin")
async def signin(request: Request, res: ResourcesDep) -> Response:
    form = await request.form(max_files=0, max_fields=5)
    field = form.get(CSRF_FIELD)
    check_csrf(request, field if isinstance(field, str) else None)
    given = form.get("token")
    token = given.strip() if isinstance(given, str) else ""
    target = form.get("next")
    if len(token) > MAX_TOKEN or not known_token(res.settings, token):
        return signin_page(request, res, target if isinstance(target, str) else None,
                           "That token is not one this server knows.", 403)
    response = RedirectResponse(_next(target if isinstance(target, str) else None),
                                status_code=303)
    set_cookie(request, response, AUTH_COOKIE, token)
    return response


@router.post("/signout")
async def signout(request: Request) -> Response:
    form = await request.form(max_files=0, max_fields=5)
    field = form.get(CSRF_FIELD)
    check_csrf(request, field if isinstance(field, str) else None)
    response = RedirectResponse("/signin", status_code=303)
    response.delete_cookie(AUTH_COOKIE, path="/")
    return response
