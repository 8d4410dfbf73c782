"""Review that completes the record: an analyst adds a claim the machine missed, from the
document page (headless Chromium) or the API; it is stored with its evidence offsets,
counted in `threatnet facts`, kept through re-extraction and exported as gold. Reviewers
are identified by their accounts' tokens, not by a name they type."""

from __future__ import annotations

import dataclasses
import json

import pytest
from typer.testing import CliRunner
from webclient import live, make_client, store_copy

from threatnet.cli import app as cli
from threatnet.serve.security import CSRF_COOKIE

ACCOUNTS = (("erin", "erin-token-0123456789"), ("farid", "farid-token-0123456789"))
CANDIDATES = ("rival_of", "cooperates_with", "supports", "allied_with", "splinter_of")


@pytest.fixture(scope="module")
def claim_store(serve_store_url, tmp_path_factory):
    """A copy of the web tests' store: claims added here change nothing elsewhere."""
    with store_copy(serve_store_url, tmp_path_factory.mktemp("add-claim")) as store:
        yield store


@pytest.fixture(scope="module")
def local(claim_store, extractor):
    return make_client(claim_store, extractor, local_reviewer="gul")


def _post(client, url: str, body: dict, **headers: str):
    """A JSON write as the page's script sends it: with the CSRF token once a page set it."""
    if CSRF_COOKIE in client.cookies:
        headers["X-CSRF-Token"] = client.cookies[CSRF_COOKIE]
    return client.post(url, json=body, headers=headers)


def _facts(store, actor: int | str) -> list[dict]:
    result = CliRunner().invoke(cli, ["facts", str(actor), "--db", store.url, "-f", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def _missing_fact(client, store, skip: set = frozenset()) -> tuple[dict, dict, str, dict]:
    """A document, a sentence of it (a machine claim's evidence) naming two actors, and a
    predicate no fact of theirs has yet: the claim an analyst would add."""
    for doc in client.get("/api/documents").json():
        data = client.get(f"/api/documents/{doc['id']}").json()
        for c in data["claims"]:
            pair = (c["subject_id"], c["object_id"])
            if pair in skip or c["subject_id"] == c["object_id"]:
                continue
            known = {f["predicate"] for f in _facts(store, c["subject_id"])
                     if {f["subject"], f["object"]} == {c["subject"], c["object"]}}
            free = [p for p in CANDIDATES if p not in known]
            if free:
                return data["document"], c, free[0], data
    pytest.fail("no pair of entities without a fact to add")


def _fact_of(store, claim: dict, predicate: str) -> dict | None:
    """The fact of `threatnet facts` between the claim's subject and object."""
    return next((f for f in _facts(store, claim["subject_id"]) if f["predicate"] == predicate
                 and {f["subject"], f["object"]} == {claim["subject"], claim["object"]}),
                None)


def test_an_added_claim_counts_survives_reextraction_and_exports(local, claim_store,
                                                                 extractor, tmp_path):
    doc, seen, predicate, data = _missing_fact(local, claim_store)
    assert _fact_of(claim_store, seen, predicate) is None
    ev = seen["evidence"]
    r = local.post(f"/api/documents/{doc['id']}/claims", json={
        "subject": str(seen["subject_id"]), "predicate": predicate,
        "object": seen["object"], "modality": "reported", "source": "police",
        "evidence_start": ev["start"], "evidence_end": ev["end"], "note": "missed"})
    assert r.status_code == 201, r.text
    claim = r.json()
    assert claim["written_by"] == "analyst" and claim["status"] == "accepted"
    assert claim["reviewer"] == "gul"  # this machine's reviewer: no name was sent
    assert claim["evidence"] == {"start": ev["start"], "end": ev["end"],
                                 "text": doc["text"][ev["start"]:ev["end"]]}
    assert [h["action"] for h in claim["history"]] == ["add"]
    fact = _fact_of(claim_store, seen, predicate)
    assert fact is not None and fact["claims"] == [claim["id"]]

    # re-extraction replaces the machine's claims, never the analyst's
    from threatnet.ingest.text import document_from_text

    record = extractor.extract(document_from_text(doc["text"], source=doc["source"],
                                                  published=doc["published"]))
    assert record.document.id == doc["id"]
    again = dataclasses.replace(record, extractor_version=record.extractor_version + "+test")
    outcome, kept = claim_store.save_reviewed(again)
    assert outcome == "reextracted" and kept is not None
    after = local.get(f"/api/claims/{claim['id']}/history").json()
    assert after["status"] == "accepted" and after["history"][0]["attached"]
    assert _fact_of(claim_store, seen, predicate) is not None
    page = local.get(f"/documents/{doc['id']}").text
    assert f'id="claim-{claim["id"]}"' in page and "added by an analyst" in page

    # gold export takes the document, the claim required
    from threatnet.evaluate.gold import export_gold

    written = export_gold(claim_store, tmp_path, doc["id"])
    gold = json.loads(written[0][1].read_text(encoding="utf-8"))
    mine = [g for g in gold["claims"] if g["predicate"] == [predicate]
            and g["evidence"] == ev["text"] and g["source"] == "police"]
    assert mine and "required" not in mine[0]

    # a rejection by a colleague takes it out of the facts again
    r = _post(local, f"/api/claims/{claim['id']}/review",
              {"action": "reject", "reviewer": "hana", "expected_version": after["version"]})
    assert r.status_code == 200, r.text
    assert _fact_of(claim_store, seen, predicate) is None


@pytest.mark.parametrize(("change", "status", "words"), [
    ({"evidence_start": 10, "evidence_end": 5}, 400, "offsets"),
    ({"evidence_end": 10**9}, 400, "offsets"),
    ({"object": "__self__"}, 400, "same entity"),
    ({"object": "No Such Group Anywhere"}, 400, "names no entity"),
    ({"predicate": "likes"}, 400, "predicate"),
    ({"modality": "certain"}, 400, "modality"),
    ({"start": "2020-99-99"}, 400, "start"),
    ({"start": "2021", "end": "2020"}, 400, "later than"),
    ({"evidence_start": 2**64}, 400, "evidence_start"),
])
def test_bad_claims_are_refused_with_one_line(local, change, status, words):
    doc = local.get("/api/documents").json()[0]
    data = local.get(f"/api/documents/{doc['id']}").json()
    c = next(c for c in data["claims"] if c["subject_id"] != c["object_id"])
    body = {"subject": c["subject"], "predicate": "rival_of", "object": c["object"],
            "evidence_start": c["evidence"]["start"], "evidence_end": c["evidence"]["end"],
            **change}
    if body["object"] == "__self__":
        body["object"] = c["subject"]
    r = _post(local, f"/api/documents/{doc['id']}/claims", body)
    assert r.status_code == status and words in r.json()["error"], r.text
    assert "\n" not in r.json()["error"]


def test_an_unknown_document_is_404(local):
    r = _post(local, "/api/documents/sha256:nothing/claims", {
        "subject": "x", "predicate": "rival_of", "object": "y", "evidence_start": 0,
        "evidence_end": 1})
    assert r.status_code == 404


def test_reviewers_are_their_accounts(claim_store, extractor):
    remote = make_client(claim_store, extractor, host="203.0.113.9", accounts=ACCOUNTS)
    here = make_client(claim_store, extractor, accounts=ACCOUNTS)
    claims = here.get("/api/claims", params={"status": "unreviewed", "limit": 5}).json()
    claim = claims["claims"][0]
    url = f"/api/claims/{claim['id']}/review"
    body = {"action": "accept", "expected_version": claim["version"]}
    # with accounts, even this machine needs one: nobody signs as somebody else
    r = here.post(url, json=body)
    assert r.status_code == 403 and "token" in r.json()["error"]
    r = remote.post(url, json=body, headers={"Authorization": "Bearer wrong-token-000000"})
    assert r.status_code == 403
    r = remote.post(url, json={**body, "reviewer": "farid"},
                    headers={"Authorization": f"Bearer {ACCOUNTS[0][1]}"})
    assert r.status_code == 403 and "account" in r.json()["error"]
    r = remote.post(url, json=body, headers={"Authorization": f"Bearer {ACCOUNTS[0][1]}"})
    assert r.status_code == 200 and r.json()["reviewer"] == "erin", r.text
    # the page shows who is signed in, and offers no name box
    page = remote.get(f"/documents/{claim['document']}",
                      headers={"Authorization": f"Bearer {ACCOUNTS[1][1]}"}).text
    assert '<strong id="reviewer-name">farid</strong>' in page
    assert 'name="reviewer"' not in page
    anonymous = remote.get(f"/documents/{claim['document']}").text
    assert 'id="reviewer-signin"' in anonymous


def test_accounts_file_is_checked(tmp_path):
    from threatnet.errors import ThreatnetError
    from threatnet.serve.config import load_accounts

    good = tmp_path / "reviewers.yaml"
    good.write_text("erin: erin-token-0123456789\nfarid: farid-token-0123456789\n")
    assert load_accounts(str(good)) == ACCOUNTS
    for text, words in [("erin: short\n", "at least"), ("- erin\n", "name: token"),
                        ("a: same-token-0123456789\nb: same-token-0123456789\n", "share")]:
        bad = tmp_path / "bad.yaml"
        bad.write_text(text)
        with pytest.raises(ThreatnetError, match=words):
            load_accounts(str(bad))


@pytest.mark.browser
def test_add_a_claim_in_the_browser(chromium, claim_store, local, extractor, artefacts):
    """Select the sentence, pick subject, predicate, object and modality, add: the claim
    is then a fact of `threatnet facts`."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait

    from threatnet.serve import Settings, create_app

    used = {(c["subject_id"], c["object_id"]) for c in local.get(
        "/api/claims", params={"status": "accepted"}).json()["claims"]}
    doc, seen, predicate, data = _missing_fact(local, claim_store, skip=used)
    ev = seen["evidence"]
    app = create_app(Settings(db=claim_store.url, local_reviewer="gul"), store=claim_store,
                     extractor=extractor)
    with live(app) as url:
        chromium.get(f"{url}/documents/{doc['id']}")
        # select the sentence: a range over the text, as a mouse drag makes one
        chromium.execute_script("""
            const text = document.getElementById('doc-text');
            const [start, end] = [arguments[0], arguments[1]];
            function point(offset) {
              const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
              let at = 0;
              for (let n = walker.nextNode(); n; n = walker.nextNode()) {
                if (at + n.textContent.length >= offset) return [n, offset - at];
                at += n.textContent.length;
              }
            }
            const range = document.createRange();
            range.setStart(...point(start));
            range.setEnd(...point(end));
            const sel = window.getSelection();
            sel.removeAllRanges();
            sel.addRange(range);
            text.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
        """, ev["start"], ev["end"])
        chromium.find_element(By.ID, "add-claim-open").click()
        form = chromium.find_element(By.ID, "add-claim-form")
        assert form.is_displayed()
        shown = chromium.find_element(By.ID, "add-claim-evidence").text
        assert shown == ev["text"].strip().replace("\n", " ") or shown in ev["text"]
        form.find_element(By.NAME, "subject").send_keys(seen["subject"])
        Select(form.find_element(By.NAME, "predicate")).select_by_value(predicate)
        form.find_element(By.NAME, "object").send_keys(seen["object"])
        Select(form.find_element(By.NAME, "modality")).select_by_value("believed")
        chromium.find_element(By.ID, "add-claim-save").click()
        done = chromium.find_element(By.ID, "add-claim-done")
        WebDriverWait(chromium, 15).until(lambda d: done.is_displayed() or chromium
                                          .find_element(By.ID, "add-claim-error").is_displayed())
        assert done.is_displayed(), chromium.find_element(By.ID, "add-claim-error").text
        claim_id = int(done.get_attribute("data-claim-id"))
        card = chromium.find_element(By.ID, f"claim-{claim_id}")
        assert ev["text"].split()[0] in card.find_element(By.CSS_SELECTOR,
                                                          ".claim-sentence").text
        chromium.save_screenshot(str(artefacts / "add-claim.png"))
    stored = local.get(f"/api/claims/{claim_id}/history").json()
    assert stored["status"] == "accepted" and stored["history"][0]["reviewer"] == "gul"
    fact = _fact_of(claim_store, seen, predicate)
    assert fact is not None and claim_id in fact["claims"]
