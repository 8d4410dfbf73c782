"""Denied charges: "Pakistan accused India of backing the BLA, a charge India rejects".

The accusation gives its claim (alleged, the accuser's); the appended denial gives the
same claim again, negated, in the denier's words. The small parser reads these tails in
many ways ("rejects" as a noun, "which" hung on the last noun), so the pattern is found
on the words: a denial verb after "a charge / an allegation / which" and the denier
between them, in a sentence that makes an accusation before.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from threatnet.extract.cue_lexicon import load_cues, word_class
from threatnet.extract.sentences import sentence_of

CHARGE_WORDS = word_class("charge_words")
MAX_DENIER = 6  # words between the charge word and the denial
DENIALS = load_cues().negating_sources
ACCUSING = load_cues().accusing_verbs
REPORTING = frozenset(load_cues().source_verbs) - DENIALS
WEAK_CHARGE_WORDS = word_class("weak_charge_words")


def denier(tok: Token) -> Span | None:
    """For a denial word closing a charge ("… a charge India rejects") or rejecting one
    ("Islamabad denies the charge"), the denier's words ("India", "Islamabad"); else None."""
    if tok.lemma_.casefold() not in DENIALS:
        return None
    if rebutted(tok) is not None:
        subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        return tok.doc[subject.left_edge.i:subject.right_edge.i + 1] if subject else None
    sent = sentence_of(tok)
    for start in range(tok.i - 1, max(sent.start, tok.i - MAX_DENIER - 1) - 1, -1):
        if tok.doc[start].lower_ in CHARGE_WORDS:
            end = tok.i  # "an allegation Tehran has dismissed": the denier is "Tehran"
            while end > start + 1 and tok.doc[end - 1].dep_ in ("aux", "neg", "advmod"):
                end -= 1
            words = tok.doc[start + 1:end]
            if not words or any(t.is_punct and t.text != "-" for t in words):
                return None
            # "X accused Y of …, which Y denies"; with a word that names a charge ("a
            # charge Y rejects"), any report before it: "X says …, a charge Y rejects"
            before = [t.lemma_.casefold() for t in sent if t.i < start]
            accusing = ACCUSING if tok.doc[start].lower_ in WEAK_CHARGE_WORDS else REPORTING
            return words if any(w in accusing for w in before) else None
    return None


def rebutted(tok: Token) -> Span | None:
    """ "Islamabad denies the charge": the accusation it answers, the sentence before it
    in the same paragraph (or its own sentence before it) with an accusing verb; else None."""
    if not any(c.dep_ == "dobj" and (
            (c.lower_ in CHARGE_WORDS and c.lower_ != "which" and
             any(d.lower_ in ("the", "that", "this", "these", "those", "such", "all")
                 for d in c.children)) or
            (c.lower_ in ("this", "that", "it") and not list(c.children)))  # "denies this"
            for c in tok.children):
        return None
    sent = sentence_of(tok)
    own = tok.doc[sent.start:tok.i]
    if any(t.lemma_.casefold() in ACCUSING for t in own):
        return own
    last = tok.doc[sent.start - 1] if sent.start else None
    if last is None or "\n" in last.whitespace_ or (last.is_space and "\n" in last.text):
        return None  # a new paragraph answers nothing
    before = sentence_of(tok.doc[sent.start - 1])
    return before if any(t.lemma_.casefold() in ACCUSING for t in before) else None


def charge_start(tok: Token) -> int:
    """The index of the charge word before a denial `denier` accepted."""
    return next(i for i in range(tok.i - 1, sentence_of(tok).start - 1, -1)
                if tok.doc[i].lower_ in CHARGE_WORDS)
