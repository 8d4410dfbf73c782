"""Sentence starts the parser should see, set once on the loaded pipeline: a line break
ends a sentence, so a heading ("Capabilities") is not the subject of the paragraph under it.

(Keeping hyphenated group names such as "Jamaat-ul-Ahrar" as one token was tried and
measured: it moved as many claims out as in, the frames being written against the split
tokens; see docs/extraction.md.)
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_suffix_regex

from threatnet.extract.incident_entries import placed_text_starts
from threatnet.extract.incident_fields import field_starts

LINE_BREAKS = "threatnet_line_breaks"


@Language.component(LINE_BREAKS)
def line_breaks(doc: Doc) -> Doc:
    """Mark the first word after a line break as a sentence start (before the parser)."""
    for tok in doc[:-1]:
        if "\n" in tok.whitespace_ or (tok.is_space and "\n" in tok.text):
            doc[tok.i + 1].is_sent_start = True
    # a record's field label and its value start sentences ("Responsibility: The TTP
    # claimed …"): the label is no subject of its value (extract/incident_fields.py)
    text = doc.text
    # "Kabul, 12 June 2016: A suicide attacker …": an entry's place and date likewise
    for offset in [*field_starts(text), *placed_text_starts(text)]:
        span = doc.char_span(offset, offset + 1, alignment_mode="expand")
        if span is not None and len(span) and span[0].i > 0:
            span[0].is_sent_start = True
    return doc


# a sentence's full stop after a mixed-case acronym ("a front for LeT.", "JeM.") is its own
# token, as it is after "TTP." (spaCy's suffixes split it only after two capitals)
ACRONYM_STOP = r"(?<=[a-z][A-Z])\."


def prepare(nlp: Language) -> Language:
    """The pipeline with threatnet's sentence rule and acronym full stops (idempotent)."""
    if LINE_BREAKS not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe(LINE_BREAKS, before="parser")
    search = nlp.tokenizer.suffix_search
    if search is not None and ACRONYM_STOP not in search.__self__.pattern:
        suffixes = [*(nlp.Defaults.suffixes or []), ACRONYM_STOP]
        nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    return nlp
