"""Publication date and outlet: metadata first (HTML meta, feed), else the text ("first
published on …", a dateline); the user's --published overrides both."""

from __future__ import annotations

import pytest
from test_formats import HTML

from threatnet.ingest import document_from_text, read_document
from threatnet.ingest.dates import find_published

PAGE = """<html><head><title>Drone strike</title></head><body><article>
<h1>Drone strike in North Waziristan</h1>
<p>{dateline}The Tehrik-i-Taliban Pakistan said a quadcopter had struck a security post,
a claim the army did not confirm. Officials said the group had not used armed drones
before this year.</p></article></body></html>"""


@pytest.mark.parametrize("text,expected", [
    ("Drone strike\nPESHAWAR, June 26, 2024 — The TTP said", "2024-06-26"),
    ("QUETTA (Reuters) - 3 May 2023 - The BLA", None),  # agency before the date: not a dateline
    ("QUETTA, 3 May 2023 (Reuters) - The BLA said", "2023-05-03"),
    ("PESHAWAR, Pakistan, Feb 2, 2023 (Reuters) - Police said", "2023-02-02"),  # with country
    ("KABUL, Afghanistan: The TTP met on June 26, 2024.", None),  # a country, then no date
    ("ISLAMABAD: 2024-01-05: The interior ministry", "2024-01-05"),
    ("The TTP met in Kabul on June 26, 2024, officials said.", None),  # a date, no dateline
    ("PESHAWAR, June 26, 2024 — x\nThis report was first published on July 1, 2024.",
     "2024-07-01"),  # the publication statement wins over the dateline
])
def test_dateline_and_statement(text, expected):
    assert find_published(text) == expected


def test_dateline_only_near_the_start():
    late = "x " * 400 + "\nPESHAWAR, June 26, 2024 — The TTP said"
    assert find_published(late) is None


def test_html_metadata_wins_over_the_text(tmp_path):
    page = HTML.replace("</article>", "<p>This report was first published on March 20, "
                                      "2025.</p></article>")
    path = tmp_path / "p.html"
    path.write_text(page)
    assert read_document(str(path)).published == "2024-06-26"
    assert read_document(str(path), published="2023-01-02").published == "2023-01-02"


def test_html_without_metadata_date_uses_the_dateline(tmp_path):
    path = tmp_path / "p.html"
    path.write_text(PAGE.format(dateline="MIRANSHAH, February 3, 2025 — "))
    doc = read_document(str(path))
    assert doc.published == "2025-02-03"
    assert doc.outlet is None  # no site name, no URL: nothing to name the outlet by


def test_outlet_from_the_url_when_the_page_has_no_site_name(site):
    url = site.add("/story", PAGE.format(dateline=""))
    doc = read_document(url)
    assert doc.outlet == "127.0.0.1" and doc.source == url
    assert doc.published is None


def test_plain_text_has_no_outlet():
    doc = document_from_text("The TTP attacked a post.\n", source="r.txt")
    assert doc.outlet is None and doc.meta == {}
    assert "outlet" not in doc.to_dict()
