"""Who speaks in an interview: the answers of a question-and-answer transcript are the
interviewee's account, not the author's.

"Q: Does the BLF coordinate with the BLA? / A: Increasingly. Late last year it joined
…" — the answer is what the person interviewed says, so its claims take that person as
their source (reported), unless a sentence names a source of its own ("The BLF claimed
it"). Turns are found by their labels: "Q:"/"A:" (or "Question:"/"Answer:"), or a
speaker's name before a colon, where the interviewer is the label whose turns ask
questions. The interviewee is named by the label, or, for "A:", by the report's opening
lines ("Interview with Nadia Qambrani, who …"); with no name, nothing is changed.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc

from threatnet.extract.sentences import sentences

_QUESTION = re.compile(r"(?:Q|Question|Interviewer)\s*[:.\u2013\u2014-]\s")
_ANSWER = re.compile(r"(?:A|Answer)\s*[:.\u2013\u2014-]\s")
_LABEL = re.compile(r"([A-Z][\w'\u2019.-]+(?: [A-Z][\w'\u2019.-]+){0,2})\s*:\s")
_TITLE = r"(?:(?:Dr|Mr|Ms|Mrs|Prof|Professor|General|Gen|Maulana|Mufti)\.?[ \t]+)?"
_WITH = re.compile(
    r"\b(?:[Ii]nterview(?:ed)?|[Cc]onversation|[Tt]alks?|[Ss]poke|[Ss]peaking|Q&A)\b"
    r"[^\n.?!]{0,80}?\bwith\s+" + _TITLE +
    r"([A-Z][\w'\u2019-]+(?:[ \t]+[A-Z][\w'\u2019-]+){0,3})")
OPENING_CHARS = 600  # where a transcript names the person it interviews
MIN_TURNS = 2  # fewer labelled answers are a quote, not a transcript


@dataclass(frozen=True)
class Turn:
    start: int  # character offsets of the turn in the text
    end: int
    speaker: str


def answer_turns(text: str) -> list[Turn]:
    """The interviewee's turns of a question-and-answer transcript, or [] for any other
    text."""
    labelled = [(m.start(), label) for m in re.finditer(r"[^\n]+", text)
                for label in [_label(m.group())] if label is not None]
    counts = Counter(label for _, label in labelled)
    # a label used once ("Transcript: …", "Note: …") is no speaker's turn
    labelled = [(start, label) for start, label in labelled if counts[label] >= MIN_TURNS]
    if len(labelled) < 2 * MIN_TURNS:
        return []
    turns = _spans(text, labelled)
    askers = _askers(text, turns) | ({"Q"} & counts.keys())
    interviewee = _interviewee(text, {label for _, label in labelled}, askers)
    if interviewee is None:
        return []
    answers = [Turn(start, end, interviewee) for start, end, label in turns
               if label not in askers]
    return answers if len(answers) >= MIN_TURNS else []


def voiced_sentences(doc: Doc, text: str) -> dict[int, str]:
    """Sentence start token -> the interviewee whose answer the sentence is part of."""
    turns = answer_turns(text)
    if not turns:
        return {}
    voiced: dict[int, str] = {}
    at = 0
    for sent in sentences(doc):
        while at < len(turns) and turns[at].end <= sent.start_char:
            at += 1
        if at < len(turns) and turns[at].start <= sent.start_char:
            voiced[sent.start] = turns[at].speaker
    return voiced


def _label(line: str) -> str | None:
    """ "Q", "A", or the speaker's name a transcript line opens with, else None."""
    for pattern, label in ((_QUESTION, "Q"), (_ANSWER, "A")):
        if pattern.match(line):
            return label
    named = _LABEL.match(line)
    if named is None or len(line) - named.end() < 2:
        return None  # "Analysis:" alone on a line is a heading, not a turn
    return named.group(1)


def _spans(text: str, labelled: list[tuple[int, str]]) -> list[tuple[int, int, str]]:
    """Each labelled turn's start, end (the next turn's start) and label."""
    ends = [start for start, _ in labelled[1:]] + [len(text)]
    return [(start, end, label) for (start, label), end in zip(labelled, ends, strict=True)]


def _askers(text: str, turns: list[tuple[int, int, str]]) -> set[str]:
    """The labels whose turns mostly end in a question mark: the interviewer's ("A" never
    is)."""
    asked: dict[str, list[bool]] = {}
    for start, end, label in turns:
        asked.setdefault(label, []).append(text[start:end].rstrip().endswith("?"))
    return {label for label, marks in asked.items()
            if label != "A" and sum(marks) * 2 > len(marks)}


def _interviewee(text: str, labels: set[str], askers: set[str]) -> str | None:
    """The person the transcript interviews: the one named answering label, else the
    name the opening lines give for "A"."""
    found = _WITH.search(text[:OPENING_CHARS])
    if {"Q", "A"} <= labels:
        return found.group(1) if found else None
    named = labels - {"Q", "A"} - askers
    if len(named) != 1 or len(askers) != 1 or len(labels) != 2:
        return None  # a panel, a record's fields, a script of many voices: no one voice
    label = named.pop()
    if found and found.group(1).split()[-1] == label.split()[-1]:
        return found.group(1)  # "Qambrani:" is the "Nadia Qambrani" of the standfirst
    return label
