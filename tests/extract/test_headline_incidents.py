"""A headline's incident is the story's, whatever dateline opens the story under it, and the
story's day replaces the one the headline's present tense guessed (extract/incidents.py).
Stories of our own."""

from __future__ import annotations

import pytest

from threatnet.ingest import document_from_text

STORIES = [
    ("Blast in Quetta\nQuetta, 5 May 2021\n\nA bomb exploded near a police van in Quetta on "
     "Tuesday, killing four officers.", "2021-05-05", "2021-05-04"),
    ("Convoy attacked near Turbat\nQuetta, 4 May 2021\n\nThe Balochistan Liberation Army "
     "ambushed a Frontier Corps convoy near Turbat on Monday.", "2021-05-04", "2021-05-03"),
    ("Gunmen attack checkpoint in Bannu\nBANNU, 9 March 2023\n\nGunmen attacked a police "
     "checkpoint in Bannu on Wednesday night, killing two constables.", "2023-03-09",
     "2023-03-08"),
]


@pytest.mark.parametrize("text, published, day", STORIES)
def test_a_headline_and_its_story_are_one_incident(extractor, text, published, day):
    record = extractor.extract(document_from_text(text, "story.txt", published))
    incidents = [e for e in record.entities if e.incident is not None]
    assert [e.incident.date for e in incidents] == [day], [e.name for e in incidents]


WIRE = [
    "UPDATE 2-Bomb kills 12 at Quetta market\nBy staff reporters. QUETTA, May 3, 2021\n\n"
    "(Adds toll, police comment)\n\nA bomb hidden in a motorcycle exploded in a crowded "
    "market in Quetta on Monday, killing 12 people, police said.",
    "Blast hits Peshawar mosque\nBy our correspondent\nPESHAWAR, 4 March 2022\n\n"
    "A suicide bomber blew himself up inside a mosque in Peshawar during Friday prayers, "
    "killing 57 worshippers.",
]


@pytest.mark.parametrize("text", WIRE)
def test_a_headline_joins_its_story_across_byline_and_note_lines(extractor, text):
    record = extractor.extract(document_from_text(text, "wire.txt", None))
    incidents = [e for e in record.entities if e.incident is not None]
    assert len(incidents) == 1, [e.name for e in incidents]
