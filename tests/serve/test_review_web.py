"""Analyst review on the web: the JSON API (TestClient) and the document page's buttons
(headless Chromium), on a copy of the web tests' store of their own, so that rejecting
and correcting claims here changes nothing the other web tests see."""

from __future__ import annotations

import threading
import time

import pytest
from webclient import free_port, make_client, store_copy

from threatnet.serve.security import CSRF_COOKIE

DOC_TITLE = "dev-ttp-merger-2020"


@pytest.fixture(scope="module")
def review_store(serve_store_url, tmp_path_factory):
    with store_copy(serve_store_url, tmp_path_factory.mktemp("review-web")) as store:
        yield store


@pytest.fixture(scope="module")
def local(review_store, extractor):
    return make_client(review_store, extractor)


@pytest.fixture(scope="module")
def remote(review_store, extractor):
    return make_client(review_store, extractor, host="203.0.113.7", token="s3cret")


def _claims(client, document: str | None = None, **params) -> list[dict]:
    if document:
        params["document"] = document
    r = client.get("/api/claims", params=params)
    assert r.status_code == 200, r.text
    return r.json()["claims"]


def _doc_id(client, title: str = DOC_TITLE) -> str:
    return next(d["id"] for d in client.get("/api/documents").json() if d["title"] == title)


def _unreviewed(client, document: str) -> dict:
    """A claim nobody has decided on yet (not one reset to unreviewed)."""
    return next(c for c in _claims(client, document, status="unreviewed")
                if c["reviewer"] is None)


def _post(client, claim_id, **body):
    return client.post(f"/api/claims/{claim_id}/review", json=body)


# --- the JSON API ------------------------------------------------------------------------

def test_accept_reject_and_history(local):
    doc = _doc_id(local)
    a, b = [c for c in _claims(local, doc, status="unreviewed") if c["reviewer"] is None][:2]
    r = _post(local, a["id"], action="accept", reviewer="alice",
              expected_version=a["version"], note="seen in the source")
    assert r.status_code == 200, r.text
    data = r.json()
    assert (data["status"], data["version"], data["reviewer"]) == (
        "accepted", a["version"] + 1, "alice")
    assert a["id"] in {c["id"] for c in _claims(local, doc, status="accepted")}
    r = _post(local, b["id"], action="reject", reviewer="alice", expected_version=b["version"])
    assert r.status_code == 200 and r.json()["status"] == "rejected"
    rejected = _claims(local, doc, status="rejected")
    assert b["id"] in {c["id"] for c in rejected} and a["id"] not in {c["id"] for c in rejected}
    history = local.get(f"/api/claims/{a['id']}/history").json()
    assert history["status"] == "accepted"
    assert [(h["action"], h["reviewer"], h["note"]) for h in history["history"]] == [
        ("accept", "alice", "seen in the source")]
    # reset brings the machine's values back; the history keeps both decisions
    r = _post(local, b["id"], action="reset", reviewer="alice")
    assert r.json()["status"] == "unreviewed"
    assert len(local.get(f"/api/claims/{b['id']}/history").json()["history"]) == 2


def test_correct_keeps_the_machine_original(local):
    doc = _doc_id(local)
    c = _unreviewed(local, doc)
    modality = "alleged" if c["modality"] != "alleged" else "possible"
    r = _post(local, c["id"], action="correct", reviewer="bob", expected_version=c["version"],
              changes={"modality": modality, "source": "a CTD official"})
    assert r.status_code == 200, r.text
    data = r.json()
    assert data["status"] == "corrected"
    assert (data["modality"], data["source"]) == (modality, "a CTD official")
    assert data["machine"]["modality"] == c["modality"]
    assert data["correction"]["modality"] == modality
    assert data["predicate"] == c["predicate"]  # what was not corrected stays
    listed = {x["id"]: x for x in _claims(local, doc, status="corrected")}
    assert listed[c["id"]]["modality"] == modality


def test_conflict_is_409_with_the_current_version(local):
    c = _unreviewed(local, _doc_id(local))
    assert _post(local, c["id"], action="accept", reviewer="alice",
                 expected_version=c["version"]).status_code == 200
    stale = _post(local, c["id"], action="reject", reviewer="bob",
                  expected_version=c["version"])
    assert stale.status_code == 409
    body = stale.json()
    assert body["current_version"] == c["version"] + 1
    assert body["current"]["status"] == "accepted" and "alice" in body["error"]
    # without a version, bob may not overrule alice either
    assert _post(local, c["id"], action="reject", reviewer="bob").status_code == 409
    # on the version he has now seen, he may
    r = _post(local, c["id"], action="reject", reviewer="bob",
              expected_version=body["current_version"])
    assert r.status_code == 200 and r.json()["status"] == "rejected"


def test_missing_claim_is_404(local):
    r = _post(local, 987654321, action="accept", reviewer="alice")
    assert r.status_code == 404 and "does not exist" in r.json()["error"]
    assert local.get("/api/claims/987654321/history").status_code == 404
    r = local.post("/api/mentions/987654321/review", json={"action": "accept",
                                                           "reviewer": "alice"})
    assert r.status_code == 404


@pytest.mark.parametrize("body, field", [
    ({"action": "correct", "changes": {"predicate": "<script>owns</script>"}}, "predicate"),
    ({"action": "correct", "changes": {"modality": "certain\nfor sure"}}, "modality"),
    ({"action": "correct", "changes": {"start": "yesterday<b>"}}, "start"),
    ({"action": "correct", "changes": {"start": "2025-02-30"}}, "start"),
    ({"action": "correct", "changes": {"end": "2025-13-45"}}, "end"),
    ({"action": "correct", "changes": {"colour": "<i>red</i>"}}, "correct"),
    ({"action": "correct", "changes": {"subject": "<no such group>"}}, "correction"),
    ({"action": "correct"}, "correct"),
    ({"action": "<approve>"}, "action"),
    ({"action": "accept", "expected_version": "<two>"}, "expected_version"),
])
def test_invalid_input_is_400_without_echo(local, body, field):
    c = _unreviewed(local, _doc_id(local))
    r = _post(local, c["id"], **{"reviewer": "alice", **body})
    assert r.status_code == 400, r.text
    error = r.json()["error"]
    assert field in error and "\n" not in error
    assert "<" not in error  # nothing sent is repeated
    assert local.get(f"/api/claims/{c['id']}/history").json()["history"] == []  # nothing kept
    assert local.get("/api/claims", params={"status": "<done>"}).status_code == 400


def test_a_correction_linking_an_entity_to_itself_is_400(local):
    c = _unreviewed(local, _doc_id(local))
    r = _post(local, c["id"], reviewer="alice", action="correct",
              changes={"object": c["subject"]})
    assert r.status_code == 400 and "same entity" in r.json()["error"], r.text
    assert local.get(f"/api/claims/{c['id']}/history").json()["history"] == []


def test_mention_review(local, review_store):
    from threatnet.store.review_views import list_mentions

    m = list_mentions(review_store, status="unreviewed", document=_doc_id(local))[0]
    r = local.post(f"/api/mentions/{m['id']}/review",
                   json={"action": "reject", "reviewer": "alice",
                         "expected_version": m["version"]})
    assert r.status_code == 200 and r.json()["status"] == "rejected"
    assert r.json()["target"] == "mention"


def test_writes_need_the_token_off_localhost_and_csrf_from_browsers(local, remote,
                                                                    review_store, extractor):
    doc = _doc_id(local)
    c = _unreviewed(local, doc)
    body = {"action": "accept", "reviewer": "carol", "expected_version": c["version"]}
    url = f"/api/claims/{c['id']}/review"
    assert remote.post(url, json=body).status_code == 403
    assert remote.post(url, json=body,
                       headers={"Authorization": "Bearer wrong"}).status_code == 403
    tokenless = make_client(review_store, extractor, host="203.0.113.7")
    r = tokenless.post(url, json=body, headers={"Authorization": "Bearer s3cret"})
    assert r.status_code == 403 and "THREATNET_TOKEN" in r.json()["error"]
    assert remote.get("/api/claims", params={"document": doc}).status_code == 200  # reads open
    # a form post, a cross-site fetch, a browser request without the page's token
    assert local.post(url, data=body).status_code == 403
    assert local.post(url, json=body, headers={"Origin": "https://evil.example"}
                      ).status_code == 403
    page = local.get(f"/documents/{doc}")
    csrf = page.cookies[CSRF_COOKIE]
    assert local.post(url, json=body, headers={"Origin": "http://127.0.0.1"}
                      ).status_code == 403
    r = local.post(url, json=body, headers={"Origin": "http://127.0.0.1",
                                            "X-CSRF-Token": csrf})
    assert r.status_code == 200, r.text
    local.cookies.clear()
    fresh = _unreviewed(local, doc)
    r = remote.post(f"/api/claims/{fresh['id']}/review",
                    json={**body, "expected_version": fresh["version"]},
                    headers={"Authorization": "Bearer s3cret"})
    assert r.status_code == 200 and r.json()["reviewer"] == "carol"


def test_openapi_documents_the_review_endpoints(local):
    spec = local.get("/openapi.json").json()
    for path, method in [("/api/claims/{claim_id}/review", "post"),
                         ("/api/mentions/{mention_id}/review", "post"),
                         ("/api/claims", "get"), ("/api/claims/{claim_id}/history", "get")]:
        assert method in spec["paths"][path], path
    post = spec["paths"]["/api/claims/{claim_id}/review"]["post"]
    schema = post["requestBody"]["content"]["application/json"]["schema"]
    assert {"action", "reviewer", "expected_version", "changes"} <= set(schema["properties"])
    assert {"400", "403", "404", "409"} <= set(post["responses"])


def _edges(client) -> set[tuple]:
    return {(e["source"], e["predicate"], e["target"])
            for e in client.get("/api/network").json()["edges"]}


def test_a_rejected_claim_leaves_the_cached_network(local):
    edges = _edges(local)  # computed and cached
    _, claim, _ = _single_claim_fact(
        local, lambda c: (c["subject_id"], c["predicate"], c["object_id"]) in edges)
    edge = (claim["subject_id"], claim["predicate"], claim["object_id"])
    r = _post(local, claim["id"], action="reject", reviewer="alice",
              expected_version=claim["version"])
    assert r.status_code == 200
    assert edge not in _edges(local)  # the decision invalidated the cache
    _post(local, claim["id"], action="reset", reviewer="alice")
    assert edge in _edges(local)


# --- the document page in headless Chromium ----------------------------------------------

@pytest.fixture(scope="module")
def review_server(review_store, extractor):
    import uvicorn

    from threatnet.serve import Settings, create_app

    app = create_app(Settings(db=review_store.url, local_reviewer="dana"), store=review_store,
                     extractor=extractor)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=free_port(),
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{server.config.port}"
    server.should_exit = True
    thread.join(timeout=10)


def _single_claim_fact(client, wanted=lambda c: True) -> tuple[str, dict, dict]:
    """An unreviewed claim that is the only support of a fact on its subject's profile."""
    for doc in [_doc_id(client)] + [d["id"] for d in client.get("/api/documents").json()]:
        for c in _claims(client, doc, status="unreviewed"):
            if not wanted(c):
                continue
            profile = client.get(f"/api/actors/{c['subject_id']}").json()
            for facts in profile["facts"].values():
                for f in facts:
                    if (f["predicate"] == c["predicate"]
                            and {f["subject_id"], f["object_id"]} == {c["subject_id"],
                                                                      c["object_id"]}
                            and len(f["evidence"]) == 1
                            and f["evidence"][0]["document"] == c["document"]
                            and f["evidence"][0]["start"] == c["evidence"]["start"]):
                        return doc, c, f
    pytest.fail("no fact rests on one claim alone in the test store")


def _fact_rows(driver, fact: dict) -> list[str]:
    from selenium.webdriver.common.by import By

    rows = [r.text for r in driver.find_elements(By.CSS_SELECTOR, "table.facts tr.fact")]
    return [t for t in rows if fact["predicate"] in t.split()
            and fact["subject"] in t and fact["object"] in t]


@pytest.mark.browser
def test_review_buttons_in_the_browser(chromium, review_server, local, artefacts):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait

    doc, claim, fact = _single_claim_fact(local)
    actor = f"{review_server}/actors/{claim['subject_id']}"
    chromium.get(actor)
    assert _fact_rows(chromium, fact), "the fact is on the actor's page before the review"

    # a reviewer's name is shown as text, never run
    hostile = '<img src=x onerror="window.__xss=1">'
    third = _unreviewed(local, doc)
    assert _post(local, third["id"], action="accept", reviewer=hostile,
                 expected_version=third["version"]).status_code == 200
    chromium.get(f"{review_server}/documents/{doc}")
    by = chromium.find_element(By.CSS_SELECTOR, f"#claim-{third['id']} .rv-by").text
    assert hostile in by and chromium.execute_script("return window.__xss === undefined")
    assert not chromium.find_elements(By.CSS_SELECTOR, "main img")
    # no name to type: the page signs with the server's reviewer for this machine
    assert chromium.find_element(By.ID, "reviewer-name").text == "dana"
    assert not chromium.find_elements(By.CSS_SELECTOR, "input#reviewer, input[name=reviewer]")
    li = chromium.find_element(By.ID, f"claim-{claim['id']}")
    chromium.execute_script("arguments[0].scrollIntoView({block: 'center'})", li)
    li.find_element(By.CSS_SELECTOR, "button[data-action=reject]").click()
    WebDriverWait(chromium, 10).until(lambda d: "rv-rejected" in li.get_attribute("class"))
    assert li.find_element(By.CSS_SELECTOR, ".rv-status").text.lower() == "rejected"
    assert "dana" in li.find_element(By.CSS_SELECTOR, ".rv-by").text
    struck = li.find_element(By.CSS_SELECTOR, ".claim-body").value_of_css_property(
        "text-decoration-line")
    assert "line-through" in struck
    assert local.get(f"/api/claims/{claim['id']}/history").json()["status"] == "rejected"

    # Correct another claim's modality with the small form
    other = _unreviewed(local, doc)
    li2 = chromium.find_element(By.ID, f"claim-{other['id']}")
    chromium.execute_script("arguments[0].scrollIntoView({block: 'center'})", li2)
    li2.find_element(By.CSS_SELECTOR, "button[data-action=correct]").click()
    form = li2.find_element(By.ID, "correct-form")
    assert form.is_displayed()
    modality = "alleged" if other["modality"] != "alleged" else "possible"
    Select(form.find_element(By.NAME, "modality")).select_by_value(modality)
    form.find_element(By.CSS_SELECTOR, "button.rv-save").click()
    WebDriverWait(chromium, 10).until(lambda d: "rv-corrected" in li2.get_attribute("class"))
    assert li2.find_element(By.CSS_SELECTOR, ".modality").text == modality
    machine = li2.find_element(By.CSS_SELECTOR, ".rv-machine")
    assert machine.is_displayed() and other["modality"] in machine.text
    assert not chromium.find_element(By.ID, "correct-form").is_displayed()

    # someone else decides meanwhile: the next click is refused with a clear message
    current = _claims(local, doc, status="corrected")
    version = next(c["version"] for c in current if c["id"] == other["id"])
    assert _post(local, other["id"], action="accept", reviewer="erin",
                 expected_version=version).status_code == 200
    li2.find_element(By.CSS_SELECTOR, "button[data-action=reject]").click()
    error = li2.find_element(By.CSS_SELECTOR, ".rv-error")
    WebDriverWait(chromium, 10).until(lambda d: error.is_displayed())
    assert "Not saved" in error.text and "erin" in error.text
    assert "rv-rejected" not in li2.get_attribute("class")
    chromium.execute_script("arguments[0].scrollIntoView({block: 'center'})", li)
    chromium.save_screenshot(str(artefacts / "review-document.png"))
    _maybe_update_docs(artefacts / "review-document.png")
    assert not [e for e in chromium.get_log("browser") if "Content Security Policy"
                in e["message"]]

    # the rejected claim's fact has left the actor's page
    chromium.get(actor)
    assert chromium.find_element(By.ID, "actor-name")
    assert _fact_rows(chromium, fact) == []


def _maybe_update_docs(path) -> None:
    import os
    import shutil
    from pathlib import Path

    if os.environ.get("THREATNET_UPDATE_DOCS") == "1":
        docs = Path(__file__).resolve().parents[2] / "docs"
        docs.mkdir(exist_ok=True)
        shutil.copy(path, docs / "screenshot-review.png")
