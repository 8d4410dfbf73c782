"""An interview's answers are the interviewee's account, and a question asserts nothing
(extract/interviews.py, extract/pipeline.py). Transcripts of our own."""

from __future__ import annotations

from claimrows import claims

from threatnet.extract.interviews import answer_turns

QA = """Talking to an expert
Interview by our correspondent with Dr Farah Jatoi, who studies militancy in Sindh

Q: Who runs the Sindhudesh Revolutionary Army today?

A: Syed Asghar Shah leads the Sindhudesh Revolutionary Army, as far as anyone knows. It is small.

Q: And its allies?

A: It coordinates with the Balochistan Liberation Army in Karachi, I'm told.
"""

NAMED = """Transcript: a conversation with Maulana Abdul Aziz
Correspondent: Did the TTP ever recruit at your seminary?
Aziz: Never. The Lashkar-e-Jhangvi recruited in other seminaries of the city.
Correspondent: What about the students who left for Waziristan?
Aziz: Some joined the TTP there, that is true.
"""

RECORD = """Incident log
Date: 3 May 2021
Location: Quetta
Summary: Gunmen attacked a checkpoint.
Date: 9 May 2021
Location: Turbat
Summary: A blast hit a convoy.
"""


def test_answers_are_found_and_named_from_the_opening_lines():
    turns = answer_turns(QA)
    assert [t.speaker for t in turns] == ["Farah Jatoi", "Farah Jatoi"]
    assert [QA[t.start:t.start + 2] for t in turns] == ["A:", "A:"]


def test_a_named_speaker_answers_and_the_asker_does_not():
    turns = answer_turns(NAMED)
    assert [NAMED[t.start:t.end].split(":")[0] for t in turns] == ["Aziz", "Aziz"]
    assert {t.speaker for t in turns} == {"Abdul Aziz"}


def test_a_record_of_labelled_fields_is_no_interview():
    assert answer_turns(RECORD) == []
    assert answer_turns("Notes\n\nThe TTP attacked a post. Police said: no one was hurt.") == []


def test_the_interviewee_is_the_source_of_the_answers(extractor):
    rows = claims(extractor, QA, "2023-05-01")
    leads = [r for r in rows if r.triple == ("Syed Asghar Shah", "leads",
                                             "Sindhudesh Revolutionary Army")]
    assert leads and all(r.source == "Farah Jatoi" and r.modality == "reported"
                         for r in leads), rows


def test_a_question_asserts_nothing(extractor):
    rows = claims(extractor, "Notes\n\nDoes the Balochistan Liberation Front coordinate with "
                  "the Balochistan Liberation Army? Few analysts agree.", "2023-05-01")
    assert rows and all(r.modality == "possible" for r in rows), rows
