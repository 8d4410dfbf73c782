"""`threatnet serve`: the web app and JSON API over the store, with uvicorn.

Binds 127.0.0.1 unless told otherwise; binding another address without
THREATNET_TOKEN leaves the app read-only for other hosts, and the command says so.
A port already in use is one `error:` line, found before uvicorn starts.
"""

from __future__ import annotations

import errno
import os
import socket
from typing import Annotated

import typer

from threatnet.cli import common
from threatnet.cli.common import DbOption
from threatnet.errors import ThreatnetError

app = typer.Typer()
LOCAL = ("127.0.0.1", "localhost", "::1")


@app.command()
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

    with common.one_line_errors():
        check_port(host, port)
        settings = Settings.from_env(db)
        if max_upload is not None:
            settings = dataclasses.replace(settings, max_upload=max_upload)
        web = create_app(settings, warm=True)
    if host not in LOCAL and not settings.token:
        common.warn(f"listening on {host} without THREATNET_TOKEN: other hosts can read but "
                    "not add reports")
    common.err.print(f"threatnet serving {web.state.resources.store.url} on "
                     f"http://{host}:{port}/ (API docs at /docs)", markup=False,
                     highlight=False)
    uvicorn.run(web, host=host, port=port, log_level=os.environ.get("THREATNET_LOG", "warning"))


def check_port(host: str, port: int) -> None:
    """Refuse, in one line, an address this machine cannot listen on (in use, not ours)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise ThreatnetError(f"--host {host}: not an address of this machine ({exc.strerror})"
                             ) from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
        try:
            probe.bind(address)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise ThreatnetError(f"port {port} on {host} is in use (another server?): "
                                     "stop it or choose another with --port") from None
            raise ThreatnetError(f"cannot listen on {host}:{port}: {exc.strerror}") from None
