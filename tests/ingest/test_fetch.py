"""Reports fetched over HTTP from a local server: source kept, limits, robots.txt, redirects,
content types, timeouts; and feeds, read by `ingest` and polled by `watch --once`."""

from __future__ import annotations

import sqlite3

import pytest
from pdfs import un_report_pdf
from test_formats import ARTICLE, HTML
from typer.testing import CliRunner

from threatnet import cli
from threatnet.errors import InvalidInput
from threatnet.ingest import read_document, read_source
from threatnet.ingest.fetch import USER_AGENT, Fetcher
from threatnet.ingest.watch import parse_every


def feed(site, items: list[dict], title: str = "Frontier Post - Pakistan") -> str:
    entries = []
    for item in items:
        body = (f"<content:encoded><![CDATA[{item['content']}]]></content:encoded>"
                if "content" in item else "")
        entries.append(f"<item><title>{item['title']}</title><link>{item['link']}</link>"
                       f"<guid>{item['link']}</guid><pubDate>{item['date']}</pubDate>"
                       f"<description>{item.get('summary', '')}</description>{body}</item>")
    return ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
            f"<title>{title}</title><link>{site.base}/</link><description>news</description>"
            + "".join(entries) + "</channel></rss>")


@pytest.fixture
def news(site):
    """A feed of two items: one with its full text, one with only a summary and a link."""
    site.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain")
    site.add("/news/bannu", HTML)
    items = [
        {"title": "TIP and BLA", "link": f"{site.base}/news/tip-bla",
         "date": "Tue, 02 Jul 2024 08:00:00 GMT",
         "content": "<p>It is believed that the Turkistan Islamic Party (TIP) supports the "
                    "Balochistan Liberation Army (BLA) in Balochistan.</p>"},
        {"title": "TTP attack in Bannu", "link": f"{site.base}/news/bannu",
         "date": "Wed, 26 Jun 2024 10:00:00 GMT", "summary": "An attack in Bannu."},
    ]
    site.add("/feed.xml", feed(site, items), "application/rss+xml")
    return site


def test_a_page_by_url(site):
    url = site.add("/news/bannu", HTML)
    doc = read_document(url)
    assert doc.source == url  # the document keeps its URL
    assert doc.meta["url"] == "https://frontier.example/news/ttp-bannu"  # canonical
    assert doc.outlet == "Frontier Post" and doc.published == "2024-06-26"
    assert ARTICLE[1] in doc.text
    assert site.hits[-1] == ("/news/bannu", USER_AGENT)
    assert USER_AGENT.startswith("threatnet/")


def test_a_pdf_by_url_is_read_like_a_file(site):
    url = site.add("/docs/report", un_report_pdf(), "application/pdf")
    assert "considerable freedom" in read_document(url).text


def test_robots_txt_is_respected(site):
    site.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain")
    url = site.add("/private/leak", HTML)
    with pytest.raises(InvalidInput, match="robots.txt .* disallows"):
        read_document(url)
    assert site.asked("/private/leak") == 0


def test_redirects_followed_and_bounded(site):
    site.add("/news/bannu", HTML)
    site.add("/old", b"", status=301, headers={"Location": "/news/bannu"})
    assert ARTICLE[0] in read_document(site.base + "/old").text
    site.add("/loop", b"", status=302, headers={"Location": "/loop"})
    with pytest.raises(InvalidInput, match="redirects more than 5 times"):
        read_document(site.base + "/loop")
    site.add("/to-private", b"", status=302, headers={"Location": "/private/x"})
    site.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain")
    with pytest.raises(InvalidInput, match="disallows"):  # robots.txt checked on each hop
        read_document(site.base + "/to-private")


def test_content_type_checked(site):
    url = site.add("/photo.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 100, "image/jpeg")
    with pytest.raises(InvalidInput, match="is image/jpeg, not a report"):
        read_document(url)


def test_size_limit_stops_the_download(site):
    # the server does not say how long: the limit is enforced on what arrives
    big = site.add("/big", b"word " * 50_000, "text/plain", length=False)
    with pytest.raises(InvalidInput, match="larger than the limit"):
        read_document(big, fetcher=Fetcher(max_bytes=10_000))
    declared = site.add("/declared", b"word " * 50_000, "text/plain")
    with pytest.raises(InvalidInput, match="the limit is"):
        read_document(declared, fetcher=Fetcher(max_bytes=10_000))


def test_a_server_that_times_out(site):
    url = site.add("/slow.xml", "<rss></rss>", "application/rss+xml", delay=3)
    with pytest.raises(InvalidInput, match="timed out after 0.5 s"):
        read_document(url, fetcher=Fetcher(timeout=0.5))


def test_an_unreachable_server():
    with pytest.raises(InvalidInput, match="cannot be fetched"):
        read_document("http://127.0.0.1:9/report", fetcher=Fetcher(timeout=2))


def test_feed_items_content_or_fetched(news):
    outcomes = dict(read_source(news.base + "/feed.xml"))
    tip, bannu = outcomes[news.base + "/news/tip-bla"], outcomes[news.base + "/news/bannu"]
    # item with content: the feed's text, title, date and outlet
    assert tip.text.startswith("TIP and BLA\n\nIt is believed that the Turkistan")
    assert (tip.published, tip.outlet) == ("2024-07-02", "Frontier Post - Pakistan")
    assert tip.source == tip.meta["url"] == news.base + "/news/tip-bla"
    assert news.asked("/news/tip-bla") == 0  # not fetched: the feed carried it
    # item with a summary only: the linked page was fetched and its article read
    assert news.asked("/news/bannu") == 1
    assert ARTICLE[2] in bannu.text and "An attack in Bannu." not in bannu.text
    assert (bannu.published, bannu.outlet) == ("2024-06-26", "Frontier Post - Pakistan")


def test_ingest_and_watch_once_remember_items(news, cli_extractor, tmp_path):
    db = f"sqlite:///{tmp_path / 'kb.db'}"
    runner = CliRunner()
    feed_url = news.base + "/feed.xml"
    first = runner.invoke(cli.app, ["watch", feed_url, "--once", "--db", db])
    assert first.exit_code == 0, first.output
    assert ": 2 new, 0 unchanged, 0 failed" in first.stdout
    with sqlite3.connect(tmp_path / "kb.db") as conn:
        stored = dict(conn.execute("SELECT source, outlet FROM documents"))
        claims = conn.execute("SELECT d.text, c.evidence_start, c.evidence_end, "
                              "c.evidence_text FROM claims c JOIN documents d "
                              "ON d.id = c.document_id").fetchall()
    assert stored == {news.base + "/news/tip-bla": "Frontier Post - Pakistan",
                      news.base + "/news/bannu": "Frontier Post - Pakistan"}
    assert claims and all(text[s:e] == ev for text, s, e, ev in claims)
    # the next poll reads nothing it has seen: no page fetched again, nothing new
    second = runner.invoke(cli.app, ["watch", feed_url, "--once", "--db", db])
    assert ": 0 new, 0 unchanged, 0 failed" in second.stdout, second.output
    assert news.asked("/news/bannu") == 1
    # `ingest URL` of the same page: deduplicated by its text
    again = runner.invoke(cli.app, ["ingest", news.base + "/news/bannu", "--db", db])
    assert "0 new, 1 unchanged" in again.stdout, again.output


def test_watch_a_feed_that_times_out(site, cli_extractor, tmp_path):
    site.add("/slow.xml", "<rss></rss>", "application/rss+xml", delay=3)
    result = CliRunner().invoke(cli.app, ["watch", site.base + "/slow.xml", "--once",
                                          "--timeout", "0.5",
                                          "--db", f"sqlite:///{tmp_path / 'kb.db'}"])
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert line.startswith("error: ") and "timed out after 0.5 s" in line


@pytest.mark.parametrize("every,seconds", [("30m", 1800), ("1h", 3600), ("1d", 86400),
                                           ("90s", 90)])
def test_every(every, seconds):
    assert parse_every(every) == seconds


@pytest.mark.parametrize("every", ["10s", "often", "1w", ""])
def test_every_refused(every, cli_extractor, tmp_path):
    result = CliRunner().invoke(cli.app, ["watch", "http://127.0.0.1:9/f", "--once",
                                          "--every", every,
                                          "--db", f"sqlite:///{tmp_path / 'kb.db'}"])
    assert result.exit_code == 1 and result.stderr.startswith("error: --every")


def test_robots_txt_rules_for_threatnet_by_name(site):
    site.add("/robots.txt", "User-agent: threatnet\nDisallow: /\n\nUser-agent: *\nAllow: /\n",
             "text/plain")
    url = site.add("/news/bannu", HTML)
    with pytest.raises(InvalidInput, match="disallows"):
        read_document(url)


def test_atom_feed_from_a_file(tmp_path):
    atom = ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            "<title>Khorasan Diary</title><id>urn:kd</id><updated>2024-05-02T00:00:00Z</updated>"
            "<entry><title>ISKP in Nangarhar</title><id>urn:kd:1</id>"
            "<updated>2024-05-01T09:00:00Z</updated>"
            '<content type="html">&lt;p&gt;The Islamic State Khorasan Province (ISKP) '
            "attacked a Taliban checkpoint in Nangarhar.&lt;/p&gt;</content></entry></feed>")
    path = tmp_path / "feed.atom"
    path.write_text(atom)
    [(where, doc)] = list(read_source(str(path)))
    assert where == f"{path}#urn:kd:1" == doc.source  # no link: the feed and the item's id
    assert doc.text == ("ISKP in Nangarhar\n\nThe Islamic State Khorasan Province (ISKP) "
                        "attacked a Taliban checkpoint in Nangarhar.\n")
    assert (doc.published, doc.outlet, doc.title) == ("2024-05-01", "Khorasan Diary",
                                                      "ISKP in Nangarhar")
