"""A server safe for a team: the Host allowlist, the read token and sign-in, forwarded
headers behind a TLS proxy, API input checked before it reaches the store, and the
security headers on every response (errors, 400s and 413s included)."""

from __future__ import annotations

import re

import pytest
from starlette.routing import Route
from webclient import make_client

from threatnet.serve.security import AUTH_COOKIE, CSRF_COOKIE, CSRF_FIELD

REBOUND = {"Host": "rebind.attacker.example"}
HEADERS = ("content-security-policy", "x-content-type-options", "x-frame-options",
           "referrer-policy")
READ = "team-read-token-0123456789"


def _routes(app) -> list[tuple[str, str]]:
    """(method, path) of every route of the app, path parameters filled in."""
    out = [("GET", "/static/app.css")]

    def walk(routes, prefix: str) -> None:
        for route in routes:
            inner = getattr(route, "original_router", None)  # an included router
            if inner is not None:
                walk(inner.routes, prefix + getattr(inner, "prefix", ""))
            elif isinstance(route, Route) and route.methods:
                path = re.sub(r"\{[^}]+\}", "1", route.path)
                if not path.startswith(prefix):
                    path = prefix + path
                out.extend((method, path) for method in sorted(route.methods))

    walk(app.routes, "")
    return out


def _secured(response) -> None:
    missing = [h for h in HEADERS if h not in response.headers]
    assert not missing, (response.status_code, missing)


def test_a_rebound_host_gets_400_on_every_route(client):
    routes = _routes(client.app)
    assert len(routes) > 20 and ("POST", "/api/reports") in routes
    for method, path in routes:
        r = client.request(method, path, headers=REBOUND, json={})
        assert r.status_code == 400, (method, path, r.status_code)
        assert method == "HEAD" or ("Host" in r.text and "\n" not in r.text.strip())
        _secured(r)
    # a request without a Host header (HTTP/1.0) names no host of this server either
    assert client.get("/api/network", headers={"Host": ""}).status_code == 400


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.1:8000", "localhost:8000",
                                  "LOCALHOST.", "[::1]:8000"])
def test_loopback_names_are_answered(client, host):
    assert client.get("/api/documents", headers={"Host": host}).status_code == 200


def test_configured_names_are_answered_and_others_not(store, extractor):
    team = make_client(store, extractor, allowed_hosts=("intel.example.org",))
    assert team.get("/api/documents", headers={"Host": "intel.example.org"}).status_code == 200
    assert team.get("/api/documents", headers={"Host": "Intel.Example.org:443"}
                    ).status_code == 200
    assert team.get("/api/documents", headers={"Host": "evil.example.org"}).status_code == 400
    assert team.get("/api/documents").status_code == 200  # loopback names stay


@pytest.fixture(scope="module")
def team(store, extractor):
    """A team's server seen from another host: reads need the read token."""
    return make_client(store, extractor, host="203.0.113.7", read_token=READ)


def test_the_read_token_guards_every_read_from_other_hosts(team, client):
    r = team.get("/api/network")
    assert r.status_code == 401 and "token" in r.json()["error"]
    _secured(r)
    page = team.get("/documents?x=1")
    assert page.status_code == 303 and page.headers["location"] == \
        "/signin?next=%2Fdocuments%3Fx%3D1"
    assert team.get("/static/network.js").status_code == 303
    assert team.get("/signin").status_code == 200  # the way in stays open
    r = team.get("/api/network", headers={"Authorization": f"Bearer {READ}"})
    assert r.status_code == 200
    r = team.get("/api/network", headers={"Authorization": "Bearer wrong"})
    assert r.status_code == 401
    # this machine reads without a token, and a server without one is open to all
    assert client.get("/api/network").status_code == 200


def test_signing_in_sets_a_cookie_that_reads(store, extractor):
    browser = make_client(store, extractor, host="203.0.113.8", read_token=READ)
    form = browser.get("/signin?next=/documents")
    csrf = re.search(rf'name="{CSRF_FIELD}" value="([^"]+)"', form.text).group(1)
    bad = browser.post("/signin", data={CSRF_FIELD: csrf, "token": "nope", "next": "/"})
    assert bad.status_code == 403 and "not one this server knows" in bad.text
    r = browser.post("/signin", data={CSRF_FIELD: csrf, "token": READ,
                                      "next": "https://evil.example/"})
    assert r.status_code == 303 and r.headers["location"] == "/"  # no open redirect
    cookie = r.headers["set-cookie"]
    assert AUTH_COOKIE in cookie and "HttpOnly" in cookie and "SameSite=strict" in cookie
    assert browser.get("/documents").status_code == 200
    # without the form's CSRF token, no sign-in (a page cannot sign a visitor in)
    assert browser.post("/signin", data={"token": READ}).status_code == 403


def test_forwarded_headers_only_from_the_trusted_proxy(store, extractor):
    # the proxy runs on 10.0.0.2 and terminates TLS; the visitor is 198.51.100.4
    proxied = make_client(store, extractor, host="10.0.0.2", trusted_proxies=("10.0.0.2",),
                          allowed_hosts=("intel.example.org",), read_token=READ)
    via = {"Host": "intel.example.org", "X-Forwarded-For": "198.51.100.4",
           "X-Forwarded-Proto": "https"}
    assert proxied.get("/api/network", headers=via).status_code == 401  # a remote visitor
    r = proxied.get("/signin", headers=via)
    assert r.status_code == 200
    assert r.headers["strict-transport-security"].startswith("max-age=")
    assert "Secure" in r.headers["set-cookie"]  # the cookie stays on HTTPS
    # a visitor on the proxy's machine is local
    local = {**via, "X-Forwarded-For": "127.0.0.1"}
    assert proxied.get("/api/network", headers=local).status_code == 200
    # the visitor's own X-Forwarded-For is followed by the proxy's: the proxy's entry counts
    spoofed = {**via, "X-Forwarded-For": "127.0.0.1, 198.51.100.4"}
    assert proxied.get("/api/network", headers=spoofed).status_code == 401
    assert proxied.post("/api/reports", json={"text": "x"}, headers=spoofed
                        ).status_code in (401, 403)


def test_a_remote_client_cannot_claim_to_be_local(store, extractor):
    remote = make_client(store, extractor, host="203.0.113.7")
    r = remote.post("/api/reports", json={"text": "Jaish-e-Mohammed attacks India.\n"},
                    headers={"X-Forwarded-For": "127.0.0.1"})
    assert r.status_code == 403 and "THREATNET_TOKEN" in r.json()["error"]


def test_an_untrusted_local_proxy_is_refused(client):
    """A proxy on this machine the server was not told about would make every visitor
    look local (and so allowed to write): its requests are refused, saying what to set."""
    r = client.get("/api/network", headers={"X-Forwarded-For": "198.51.100.4"})
    assert r.status_code == 400 and "--trusted-proxy" in r.json()["error"]
    _secured(r)


def _doc(client) -> str:
    return client.get("/api/documents").json()[0]["id"]


BAD_INPUTS = [
    ("GET", "/api/network?as_of=2020-13-45", "as_of"),
    ("GET", "/api/network?as_of=yesterday", "as_of"),
    ("GET", "/api/actors/BLA?as_of=2020-02-30", "as_of"),
    ("GET", "/api/contradictions?as_of=2020-99-99", "as_of"),
    ("GET", f"/api/actors/{2**64}", "actor"),
    ("GET", f"/api/claims?actor={2**70}", "actor"),
    ("GET", f"/api/claims/{2**64}/history", "claim_id"),
    ("POST", f"/api/claims/{2**64}/review", "claim_id"),
    ("POST", f"/api/mentions/{10**30}/review", "mention_id"),
    ("GET", "/api/claims/0/history", "claim_id"),
    ("GET", "/api/claims?status=great", "status"),
    ("GET", "/api/network?min_confidence=2", "min_confidence"),
]


@pytest.mark.parametrize(("method", "path", "field"), BAD_INPUTS)
def test_bad_api_input_is_a_4xx_with_one_line(client, method, path, field):
    r = client.request(method, path, json={"action": "accept"})
    assert 400 <= r.status_code < 500, (path, r.status_code)
    error = r.json()["error"]
    assert field in error and "\n" not in error
    _secured(r)


def test_bad_review_values_are_refused(store, extractor):
    client = make_client(store, extractor)  # no CSRF cookie from an earlier test's page
    claims = client.get("/api/claims", params={"document": _doc(client)}).json()["claims"]
    claim = next(c for c in claims if c["subject_id"] != c["object_id"])
    url = f"/api/claims/{claim['id']}/review"
    for changes, field in [({"start": "2020-99-99"}, "start"), ({"end": "2020-13"}, "end"),
                           ({"object": str(claim["subject_id"])}, "same entity"),
                           ({"predicate": "likes"}, "predicate")]:
        r = client.post(url, json={"action": "correct", "reviewer": "alice",
                                   "changes": changes})
        assert r.status_code == 400 and field in r.json()["error"], (changes, r.text)
    after = client.get(f"/api/claims/{claim['id']}/history").json()
    assert after["history"] == [] or after["status"] == claim["status"]


def test_like_wildcards_match_only_themselves(client):
    assert client.get("/api/claims", params={"document": "%"}).status_code == 404
    assert client.get("/api/claims", params={"document": "_"}).status_code == 404
    doc = _doc(client)
    r = client.get("/api/claims", params={"document": doc[:14]})
    assert r.status_code == 200 and r.json()["total"] >= 1


def test_the_413_carries_the_security_headers(store, extractor):
    small = make_client(store, extractor, max_upload=1000)
    r = small.post("/api/reports", content=b"x" * 200_000,
                   headers={"content-type": "application/json"})
    assert r.status_code == 413
    _secured(r)


def test_a_server_error_carries_the_security_headers(store, extractor):
    from fastapi.testclient import TestClient

    from threatnet.serve import Settings, create_app

    app = create_app(Settings(db=store.url), store=store, extractor=extractor)

    @app.get("/api/boom")
    def boom() -> None:
        raise RuntimeError("boom")

    r = TestClient(app, base_url="http://127.0.0.1", raise_server_exceptions=False
                   ).get("/api/boom")
    assert r.status_code == 500 and "boom" not in r.text
    _secured(r)


def test_cookies_stay_strict(client):
    r = client.get("/reports/new")
    cookie = r.headers["set-cookie"]
    assert CSRF_COOKIE in cookie and "SameSite=strict" in cookie and "Secure" not in cookie


def test_serve_behind_a_tls_proxy(serve_store_url):
    """`threatnet serve` as docs/web-security.md starts it behind a proxy on this machine:
    the proxy's X-Forwarded-For decides who is local, X-Forwarded-Proto turns on HSTS,
    the public name is answered and a rebound one is not."""
    import http.client
    import os
    import subprocess
    import sys
    import time
    from pathlib import Path

    from webclient import free_port

    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src"),
           "THREATNET_TOKEN": "", "THREATNET_READ_TOKEN": READ}
    process = subprocess.Popen([sys.executable, "-m", "threatnet", "serve", "--db",
                                serve_store_url, "--port", str(port), "--allowed-host",
                                "intel.example.org", "--trusted-proxy", "127.0.0.1"],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env)

    def get(headers: dict) -> http.client.HTTPResponse:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("GET", "/api/documents", headers=headers)
        response = connection.getresponse()
        response.read()
        connection.close()
        return response

    via = {"Host": "intel.example.org", "X-Forwarded-Proto": "https"}
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, process.stdout.read().decode()
            try:
                get({"Host": "127.0.0.1"})
                break
            except OSError:
                assert time.monotonic() < deadline, "threatnet serve did not answer"
                time.sleep(0.2)
        assert get({**via, "X-Forwarded-For": "198.51.100.4"}).status == 401
        remote = get({**via, "X-Forwarded-For": "198.51.100.4",
                      "Authorization": f"Bearer {READ}"})
        assert remote.status == 200 and remote.getheader("strict-transport-security")
        assert get({**via, "X-Forwarded-For": "127.0.0.1"}).status == 200
        assert get({"Host": "rebind.attacker.example"}).status == 400
        assert get({"Host": "127.0.0.1"}).getheader("server") is None
    finally:
        process.terminate()
        process.communicate(timeout=10)


def test_serve_options_are_one_line_errors(tmp_path):
    from typer.testing import CliRunner

    from threatnet.cli import app

    db = f"sqlite:///{tmp_path}/kb.db"
    for args, words in [(["--trusted-proxy", "the-proxy"], "--trusted-proxy"),
                        (["--reviewers", str(tmp_path / "none.yaml")], "reviewers file")]:
        result = CliRunner().invoke(app, ["serve", "--db", db, "--port", "0", *args])
        assert result.exit_code == 1, result.output
        assert result.output.count("\n") == 1 and words in result.output
