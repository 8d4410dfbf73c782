"""`threatnet serve`: the web app and JSON API over the store, with uvicorn.

Registered on `threatnet.cli.app`. Binds 127.0.0.1 unless told otherwise;
binding another address without THREATNET_TOKEN leaves the app read-only for
other hosts, and the command says so.
"""

from __future__ import annotations

import os
from typing import Annotated

import typer

from threatnet import cli
from threatnet.cli_store import DbOption
from threatnet.errors import ThreatnetError


@cli.app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on (127.0.0.1: this "
                                           "machine only).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="TCP port.")] = 8000,
    max_upload: Annotated[int | None, typer.Option(
        "--max-upload", min=1, help="Largest report accepted, in bytes "
                                    "(default 2 MB, or THREATNET_MAX_UPLOAD).")] = None,
) -> None:
    """The web app: network, actors, documents with highlighted claims, contradictions,
    search, add a report; JSON API documented at /docs."""
    import dataclasses

    import uvicorn

    from threatnet.serve import Settings, create_app

    try:
        settings = Settings.from_env(db)
        if max_upload is not None:
            settings = dataclasses.replace(settings, max_upload=max_upload)
        app = create_app(settings, warm=True)
    except ThreatnetError as exc:
        cli._fail(exc)
        return
    if host not in ("127.0.0.1", "localhost", "::1") and not settings.token:
        cli.err.print(f"[yellow]note[/yellow]: listening on {host} without THREATNET_TOKEN: "
                      "other hosts can read but not add reports", highlight=False)
    cli.err.print(f"threatnet serving {app.state.resources.store.url} on "
                  f"http://{host}:{port}/ (API docs at /docs)", markup=False, highlight=False)
    uvicorn.run(app, host=host, port=port, log_level=os.environ.get("THREATNET_LOG", "warning"))
