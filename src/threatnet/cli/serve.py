"""`threatnet serve`: the web app and JSON API over the store, with uvicorn.

Binds 127.0.0.1 unless told otherwise; binding another address without
THREATNET_TOKEN leaves the app read-only for other hosts, and the command says so.
The app answers only to loopback Host names and those given with --allowed-host
(an address it is bound to counts as given); forwarded headers are believed only
from --trusted-proxy (uvicorn's own proxy handling is off: the app does it).
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
    allowed_host: Annotated[list[str] | None, typer.Option(
        "--allowed-host", help="A Host name the server answers to besides localhost "
                               "(repeat; or THREATNET_ALLOWED_HOSTS).")] = None,
    trusted_proxy: Annotated[list[str] | None, typer.Option(
        "--trusted-proxy", help="Address (or network) of a reverse proxy whose "
                                "X-Forwarded-For/-Proto are believed (repeat; or "
                                "THREATNET_TRUSTED_PROXIES).")] = None,
    reviewers: Annotated[str | None, typer.Option(
        "--reviewers", help="YAML file of reviewer accounts, `name: token` (or "
                            "THREATNET_REVIEWERS); decisions are signed by the token's "
                            "account.")] = None,
    max_upload: Annotated[int | None, typer.Option(
        "--max-upload", min=1, help="Largest report accepted, in bytes "
                                    "(default 2 MB, or THREATNET_MAX_UPLOAD).")] = None,
) -> None:
    """The web app: network, actors, documents with highlighted claims, contradictions,
    search, add a report; JSON API documented at /docs."""
    import dataclasses

    import uvicorn

    from threatnet.serve import Settings, create_app
    from threatnet.serve.config import load_accounts

    with common.one_line_errors():
        check_port(host, port)
        settings = Settings.from_env(db)
        if max_upload is not None:
            settings = dataclasses.replace(settings, max_upload=max_upload)
        hosts = [*settings.allowed_hosts, *(allowed_host or [])]
        if host not in LOCAL and host not in ("0.0.0.0", "::"):
            hosts.append(host)  # the address it listens on is a name it answers to
        settings = dataclasses.replace(
            settings, allowed_hosts=tuple(hosts),
            trusted_proxies=(*settings.trusted_proxies, *(trusted_proxy or [])),
            accounts=load_accounts(reviewers) if reviewers else settings.accounts)
        check_proxies(settings.trusted_proxies)
        web = create_app(settings, warm=True)
    if host not in LOCAL and not (settings.token or settings.accounts):
        common.warn(f"listening on {host} without THREATNET_TOKEN: other hosts can read but "
                    "not add reports")
    if host in ("0.0.0.0", "::") and not settings.allowed_hosts:
        common.warn(f"listening on {host} but answering only to localhost: name the server "
                    "with --allowed-host NAME for other hosts to reach it")
    if host not in LOCAL and not settings.read_token:
        common.warn("no THREATNET_READ_TOKEN: anyone who reaches the server can read the "
                    "store")
    common.err.print(f"threatnet serving {web.state.resources.store.url} on "
                     f"http://{host}:{port}/ (API docs at /docs)", markup=False,
                     highlight=False)
    uvicorn.run(web, host=host, port=port, proxy_headers=False, server_header=False,
                log_level=os.environ.get("THREATNET_LOG", "warning"))


def check_proxies(proxies: tuple[str, ...]) -> None:
    """Each --trusted-proxy is an address or a network."""
    import ipaddress

    for proxy in proxies:
        try:
            ipaddress.ip_network(proxy, strict=False)
        except ValueError:
            raise ThreatnetError(f"--trusted-proxy {proxy}: give an IP address or network "
                                 "(10.0.0.2, 10.0.0.0/24)") from None


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
