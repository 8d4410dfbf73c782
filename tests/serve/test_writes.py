"""Adding reports: the API and the form, the token off localhost, CSRF, size limits, escaping."""

from __future__ import annotations

import re

import pytest
from webclient import make_client

from threatnet.serve.security import CSRF_COOKIE, CSRF_FIELD

REPORT = ("Islamabad, 3 March 2025. The Balochistan Liberation Army attacks Pakistan in "
          "Quetta, police said.\n")
PAYLOAD = ('<script>window.__xss = "text"</script> "><img src=x onerror="window.__xss=1"> '
           "According to police, the Balochistan Liberation Army attacks Pakistan.\n")


@pytest.fixture(scope="module")
def remote(store, extractor):
    """Requests from another host, to a server without a token."""
    return make_client(store, extractor, host="203.0.113.7")


@pytest.fixture(scope="module")
def remote_with_token(store, extractor):
    return make_client(store, extractor, host="203.0.113.7", token="s3cret")


def _form(client) -> str:
    """The form's CSRF token; the client keeps the cookie that goes with it."""
    page = client.get("/reports/new")
    token = re.search(rf'name="{CSRF_FIELD}" value="([^"]+)"', page.text).group(1)
    assert page.cookies[CSRF_COOKIE] == token
    return token


def test_api_ingests_a_report_once(client, store):
    before = store.counts()["documents"]
    r = client.post("/api/reports", json={"text": REPORT, "title": "api report",
                                          "published": "2025-03-03"})
    assert r.status_code == 201, r.text
    data = r.json()
    assert data["outcome"] == "new" and data["claims"] >= 1 and data["published"] == "2025-03-03"
    again = client.post("/api/reports", json={"text": REPORT})
    assert again.json()["outcome"] == "unchanged"
    assert store.counts()["documents"] == before + 1
    doc = client.get(f"/api/documents/{data['document']}").json()
    assert doc["document"]["title"] == "api report" and len(doc["claims"]) == data["claims"]


def test_api_writes_from_other_hosts_need_the_token(remote, remote_with_token):
    body = {"text": "Jaish-e-Mohammed attacks India.\n"}
    r = remote.post("/api/reports", json=body)
    assert r.status_code == 403 and "THREATNET_TOKEN" in r.json()["error"]
    assert remote.get("/api/network").status_code == 200  # reading stays open
    r = remote_with_token.post("/api/reports", json=body,
                               headers={"Authorization": "Bearer wrong"})
    assert r.status_code == 403
    r = remote_with_token.post("/api/reports", json=body,
                               headers={"Authorization": "Bearer s3cret"})
    assert r.status_code == 201, r.text


def test_api_refuses_non_json_and_cross_site_posts(client):
    r = client.post("/api/reports", content=b'{"text": "x"}',
                    headers={"content-type": "text/plain"})
    assert r.status_code in (403, 422)
    assert client.get("/api/documents").status_code == 200
    r = client.post("/api/reports", json={"text": REPORT},
                    headers={"origin": "http://evil.example"})
    assert r.status_code == 403 and "cross-site" in r.json()["error"]


def test_api_bad_reports_are_clear_errors(client):
    r = client.post("/api/reports", json={"text": "   "})
    assert r.status_code == 400 and "empty" in r.json()["error"]
    r = client.post("/api/reports", json={"text": REPORT, "published": "soon"})
    assert r.status_code == 400 and "not a date" in r.json()["error"]


def test_size_limits(store, extractor):
    small = make_client(store, extractor, max_upload=1000)
    r = small.post("/api/reports", json={"text": "Quetta. " * 200})
    assert r.status_code == 413 and "limit" in r.json()["error"]
    r = small.post("/api/reports", content=b"x" * 200_000,
                   headers={"content-type": "application/json"})
    assert r.status_code == 413 and "too large" in r.text
    token = _form(small)
    r = small.post("/reports", data={CSRF_FIELD: token},
                   files={"file": ("big.txt", b"Quetta. " * 200, "text/plain")})
    assert r.status_code == 413 and "over the limit" in r.text


def test_form_needs_its_csrf_token(client):
    r = client.post("/reports", data={"text": REPORT})
    assert r.status_code == 403 and "reload the page" in r.text
    token = _form(client)
    r = client.post("/reports", data={"text": REPORT, CSRF_FIELD: "forged"})
    assert r.status_code == 403
    r = client.post("/reports", data={"text": REPORT, CSRF_FIELD: token},
                    headers={"origin": "http://evil.example"})
    assert r.status_code == 403


def test_form_off_localhost_needs_the_token(remote, remote_with_token):
    token = _form(remote)
    assert 'name="token"' in remote.get("/reports/new").text
    r = remote.post("/reports", data={"text": REPORT, CSRF_FIELD: token})
    assert r.status_code == 403
    token = _form(remote_with_token)
    r = remote_with_token.post("/reports", data={"text": "Lashkar-e-Taiba attacks India.\n",
                                                 CSRF_FIELD: token, "token": "s3cret"})
    assert r.status_code == 303, r.text


def test_form_upload_ingests_and_shows_the_document(client):
    token = _form(client)
    text = "Tehrik-i-Taliban Pakistan cooperates with the Balochistan Liberation Army.\n"
    r = client.post("/reports", data={CSRF_FIELD: token, "published": "2025-04-01"},
                    files={"file": ("ttp-bla.txt", text.encode(), "text/plain")})
    assert r.status_code == 303 and r.headers["location"].endswith("?added=new")
    page = client.get(r.headers["location"])
    assert "Report stored as a new document" in page.text and "ttp-bla" in page.text
    assert 'data-claim-id="' in page.text and "cooperates_with" in page.text


def test_form_errors_keep_the_form(client):
    token = _form(client)
    r = client.post("/reports", data={CSRF_FIELD: token, "title": "kept"})
    assert r.status_code == 400 and "paste the report" in r.text and 'value="kept"' in r.text
    r = client.post("/reports", data={CSRF_FIELD: token},
                    files={"file": ("x.bin", b"\x00\x01binary", "application/octet-stream")})
    assert r.status_code == 400 and "binary" in r.text


def test_report_text_is_escaped_in_every_page(client):
    r = client.post("/api/reports", json={"text": PAYLOAD, "title": '"><b onmouseover=x>t'})
    assert r.status_code == 201
    doc_id = r.json()["document"]
    for path in (f"/documents/{doc_id}", "/documents", "/search?q=onerror"):
        html = client.get(path).text
        assert "<script>window" not in html and "<img src=x" not in html, path
        assert "<b onmouseover" not in html, path
    html = client.get(f"/documents/{doc_id}").text
    assert "&lt;script&gt;window.__xss" in html
