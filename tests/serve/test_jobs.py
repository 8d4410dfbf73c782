"""Uploads as jobs: a posted report is extracted in the background with its progress to
follow, a long report does not hold up a short one posted after it, and the document
page shows the outlet and date the text gives (not an ingest path)."""

from __future__ import annotations

import re
import threading
import time
from pathlib import Path

import pytest
from webclient import make_client, store_copy

from threatnet.serve.reports import describe_source, opening_date, outlet_in_text
from threatnet.serve.security import CSRF_FIELD

CORPUS = Path(__file__).resolve().parents[2] / "corpus" / "dev"
SHORT = ("On 3 May 2025 militants of the Balochistan Liberation Army attacked a police post "
         "in Quetta. Police said the group had links with Tehrik-i-Taliban Pakistan. "
         "Officials blamed the Balochistan Liberation Army for the attack.\n")
BIG_CHARS = 40_000  # a long report (the property holds at 1 MB too; this keeps the test short)


@pytest.fixture(scope="module")
def jobs_store(serve_store_url, tmp_path_factory):
    """A copy of the web tests' store: the reports added here change nothing elsewhere."""
    with store_copy(serve_store_url, tmp_path_factory.mktemp("jobs")) as store:
        yield store


@pytest.fixture(scope="module")
def jobs_client(jobs_store, extractor):
    return make_client(jobs_store, extractor)


def _big_report() -> str:
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    text = ""
    n = 0
    while len(text) < BIG_CHARS:  # a paragraph number keeps each copy a distinct report
        text += f"\n\nPart {n}.\n\n" + texts[n % len(texts)]
        n += 1
    return text[:BIG_CHARS].rsplit(".", 1)[0] + ".\n"


def _wait(client, url: str, timeout: float = 300) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        data = client.get(url).json()
        if data["state"] in ("done", "failed") or time.monotonic() > deadline:
            return data
        time.sleep(0.05)


@pytest.mark.parametrize(("text", "date"), [
    ("On 3 May 2025 militants attacked a police post.", "2025-05-03"),
    ("PESHAWAR: Police said on Monday, June 2, 2025, that …", "2025-06-02"),
    ("Militants attacked a police post. " * 20 + "On 3 May 2025 …", None),  # not the opening
    ("No date here at all.", None),
])
def test_the_opening_date(text, date):
    assert opening_date(text) == date


@pytest.mark.parametrize(("text", "outlet"), [
    ("Source: Dawn\n\nMilitants attacked a police post.", "Dawn"),
    ("QUETTA (Reuters) - Militants attacked a police post.", "Reuters"),
    ("Militants attacked a police post in Quetta (Balochistan).", None),
])
def test_the_outlet_named_in_the_opening(text, outlet):
    assert outlet_in_text(text) == outlet


def test_sources_are_described_not_shown_as_paths():
    assert describe_source("/home/analyst/reports/bla-2025.txt") == "file bla-2025.txt"
    assert describe_source("web:paste") == "pasted in the web form"
    assert describe_source("upload:x.txt") == "uploaded file x.txt"
    assert describe_source("https://example.org/a") == "https://example.org/a"


def test_a_pasted_report_gets_its_date_and_outlet_on_the_page(jobs_client):
    client = jobs_client
    page = client.get("/reports/new")
    token = re.search(rf'name="{CSRF_FIELD}" value="([^"]+)"', page.text).group(1)
    text = "Source: Dawn\n\n" + SHORT.replace("Quetta", "Quetta city")
    r = client.post("/reports", data={CSRF_FIELD: token, "text": text, "title": "pasted"})
    assert r.status_code == 303 and "/documents/" in r.headers["location"], r.text
    html = client.get(r.headers["location"]).text
    assert '<span id="doc-published">2025-05-03</span>' in html
    assert "(the first date of the text)" in html
    assert '<span id="doc-outlet">Dawn</span>' in html
    assert "pasted in the web form" in html and "web:paste" not in html
    doc = client.get("/api/documents").json()
    stored = next(d for d in doc if d["title"] == "pasted")
    assert stored["published"] == "2025-05-03" and stored["outlet"] == "Dawn"


def test_a_given_date_wins_over_the_opening_one(jobs_client):
    r = jobs_client.post("/api/reports", json={"text": SHORT + " Given date.\n",
                                               "published": "2025-05-10"})
    assert r.status_code == 201 and r.json()["published"] == "2025-05-10"


def test_a_background_job_reports_its_progress(jobs_client):
    r = jobs_client.post("/api/reports?background=true",
                         json={"text": SHORT + " In the background.\n", "title": "bg"})
    assert r.status_code == 202, r.text
    job = r.json()
    assert job["state"] in ("queued", "extracting", "saving", "done")
    assert 0.0 <= job["progress"] <= 1.0 and job["url"] == f"/api/jobs/{job['job']}"
    done = _wait(jobs_client, job["url"])
    assert done["state"] == "done" and done["progress"] == 1.0
    assert not done["worker_process"]  # a short report: a thread of the server
    assert done["result"]["outcome"] == "new" and done["result"]["claims"] >= 1
    assert jobs_client.get("/api/jobs/nosuchjob").status_code == 404
    # bad input is refused when posted, before any job
    r = jobs_client.post("/api/reports?background=true", json={"text": "  "})
    assert r.status_code == 400


def test_a_long_report_does_not_hold_up_a_short_one(jobs_store, extractor):
    """The short report posted while the long one is extracted is stored after about its
    own time, not after the long one: the long one is extracted in the worker process,
    the short one in a thread here, and the write lock is held for saves only."""
    client = make_client(jobs_store, extractor, long_report=2000)
    warm = client.post("/api/reports?background=true",  # starts the worker (spaCy loads)
                       json={"text": _big_report()[:3000] + "\n", "title": "warm-up"}).json()
    assert _wait(client, warm["url"])["worker_process"]

    def post_short(words: str) -> float:
        start = time.perf_counter()
        r = client.post("/api/reports", json={"text": SHORT + f" {words}.\n"})
        assert r.status_code == 201 and r.json()["outcome"] == "new"
        return time.perf_counter() - start

    alone = min(post_short(f"Alone {n}") for n in range(3))  # its own time, request and all
    big = client.post("/api/reports?background=true",
                      json={"text": _big_report(), "title": "long"}).json()
    deadline = time.monotonic() + 60
    while client.get(big["url"]).json()["state"] != "extracting":
        assert time.monotonic() < deadline
        time.sleep(0.02)
    time.sleep(0.5)  # well into the long one
    page = client.get(f"/jobs/{big['job']}")
    assert page.status_code == 200 and 'id="job-progress"' in page.text
    meanwhile = post_short("Posted meanwhile")
    long_job = client.get(big["url"]).json()
    assert long_job["state"] == "extracting", "the long report should still be extracting"
    assert long_job["worker_process"]  # apart: neither this process's GIL nor its core
    assert 0 < long_job["progress"] < 1
    # the delay is at most the short one's own time (with slack for a shared machine)
    assert meanwhile - alone <= alone + 0.25, (meanwhile, alone)
    done = _wait(client, big["url"])
    assert done["state"] == "done", done
    client.app.state.resources.close()


def test_the_form_follows_a_long_report_on_its_progress_page(jobs_client, monkeypatch):
    from threatnet.serve.routes import pages_docs

    monkeypatch.setattr(pages_docs, "FORM_WAIT", 0.0)
    page = jobs_client.get("/reports/new")
    token = re.search(rf'name="{CSRF_FIELD}" value="([^"]+)"', page.text).group(1)
    r = jobs_client.post("/reports", data={CSRF_FIELD: token,
                                           "text": SHORT + " Followed.\n" * 3})
    assert r.status_code == 303
    location = r.headers["location"]
    if location.startswith("/jobs/"):
        job_id = location.removeprefix("/jobs/")
        assert _wait(jobs_client, f"/api/jobs/{job_id}")["state"] == "done"
        r = jobs_client.get(location)  # a finished job's page opens its document
        assert r.status_code == 303
    assert r.headers["location"].startswith("/documents/sha256:")


def test_concurrent_posts_of_one_report_store_it_once(jobs_client, jobs_store):
    store = jobs_store
    text = SHORT + " Twice at once.\n"
    before = store.counts()["documents"]
    answers = []

    def post() -> None:
        answers.append(jobs_client.post("/api/reports", json={"text": text}).json())

    threads = [threading.Thread(target=post) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(a["outcome"] for a in answers) == ["new", "unchanged"]
    assert store.counts()["documents"] == before + 1
