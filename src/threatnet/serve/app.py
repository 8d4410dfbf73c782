"""The FastAPI app of `threatnet serve`: JSON API, server-rendered pages, static assets.

`create_app(settings)` opens the store once; routes read it through
`deps.SessionDep`. Errors are ThreatnetErrors turned into one message: JSON
under /api, an HTML page elsewhere, with a status from the error's kind.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from threatnet import __version__
from threatnet.errors import InvalidInput, ThreatnetError, UnknownActor
from threatnet.serve import views
from threatnet.serve.config import Settings
from threatnet.serve.deps import Resources
from threatnet.serve.routes import api, facts, incidents, pages_docs, pages_graph, review, signin
from threatnet.serve.security import Forbidden, SecurityMiddleware, TooLarge
from threatnet.serve.templating import templates
from threatnet.serve.views import NotFound
from threatnet.store import Store

STATIC = Path(__file__).parent / "static"
STATUS = [(UnknownActor, 404), (NotFound, 404), (Forbidden, 403), (TooLarge, 413),
          (InvalidInput, 400)]


def create_app(settings: Settings | None = None, store: Store | None = None,
               extractor=None, warm: bool = False) -> FastAPI:
    """The app over `settings.db` (or an open `store`); `extractor` skips loading spaCy.

    With `warm`, the default network is computed in the background at once (seconds
    on a big store), so the first visit to the network page finds it cached.
    """
    settings = settings or Settings.from_env()
    app = FastAPI(title="threatnet", version=__version__, docs_url=None, redoc_url=None,
                  description="A sourced, time-aware knowledge graph of militant networks: "
                              "the same store and analysis as the `threatnet` CLI.")
    app.state.resources = Resources(settings, store or Store(settings.db), extractor)
    app.router.add_event_handler("shutdown", app.state.resources.close)
    if warm:
        views.warm(app.state.resources.store)
    app.add_middleware(SecurityMiddleware, settings=settings)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(api.router)
    app.include_router(facts.router)
    app.include_router(incidents.api)
    app.include_router(incidents.pages)
    app.include_router(review.router)
    app.include_router(pages_graph.router)
    app.include_router(pages_docs.router)
    app.include_router(signin.router)
    app.add_exception_handler(ThreatnetError, _threatnet_error)
    app.add_exception_handler(RequestValidationError, _validation_error)

    @app.get("/docs", include_in_schema=False)
    def docs(request: Request) -> Response:
        return templates.TemplateResponse(request, "docs.html", {})

    return app


def status_of(exc: ThreatnetError) -> int:
    return next((code for kind, code in STATUS if isinstance(exc, kind)), 400)


def _threatnet_error(request: Request, exc: Exception) -> Response:
    return _error(request, status_of(exc), str(exc))  # type: ignore[arg-type]


def _validation_error(request: Request, exc: Exception) -> Response:
    if request.url.path.startswith("/api/"):  # without the input: it may be any bytes
        detail = [{k: e[k] for k in ("loc", "msg", "type") if k in e}
                  for e in exc.errors()]  # type: ignore[attr-defined]
        return JSONResponse({"error": _one_line(exc), "detail": detail}, status_code=422)
    return _error(request, 422, _one_line(exc))


def _one_line(exc: Exception) -> str:
    """`field: what is wrong; …`, never the value sent."""
    return "; ".join(f"{'.'.join(map(str, e['loc'][1:])) or 'body'}: {e['msg']}"
                     for e in exc.errors())  # type: ignore[attr-defined]


def _error(request: Request, status: int, message: str) -> Response:
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": message}, status_code=status)
    return templates.TemplateResponse(request, "error.html",
                                      {"status": status, "message": message},
                                      status_code=status)
