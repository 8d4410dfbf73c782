"""Repairs of a misreading the small parser makes in the opening of incident sentences,
set once on the loaded pipeline (after the named-entity recogniser, whose dates it reads;
it reads the tagger's fine tags only, so it may run before the attribute ruler's coarse ones
are set, extract/tagging.py).

"On 5 March 2014 gunmen killed six policemen in Mardan": with no comma after the date the
parser often reads "5 March 2014 gunmen" as one noun phrase, the object of "On", and
leaves "killed" without a subject — so no doer, no deed, no incident. Incident summaries,
timelines and logs open most sentences this way. The repair: when a verb has no subject
and an opening preposition's object is a noun whose phrase runs up to the verb, after a run
of date or time words, the noun is the verb's subject and the date words the
preposition's object ("On [5 March 2014] [gunmen] killed"). Nothing else is touched.
"""

from __future__ import annotations

from spacy.attrs import LOWER
from spacy.language import Language
from spacy.tokens import Doc, Token

from threatnet.extract.sentences import tokens_whose

PARSE_REPAIRS = "threatnet_parse_repairs"
OPENERS = frozenset({"on", "in", "at", "during", "by", "since", "from", "until", "after",
                     "before", "over", "late", "early", "throughout"})
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
TIMES = frozenset({"DATE", "TIME"})
NOUNS = frozenset({"NN", "NNS", "NNP", "NNPS"})  # fine tags: the coarse ones are set later


@Language.component(PARSE_REPAIRS)
def parse_repairs(doc: Doc) -> Doc:
    """Give date-fronted clauses their subject back (see the module docstring)."""
    if not doc.has_annotation("DEP"):
        return doc
    for i in tokens_whose(doc, LOWER, OPENERS):  # the few openers, not every token
        if doc[i].dep_ == "prep":
            _date_fronted_subject(doc, doc[i])
    return doc


def _date_fronted_subject(doc: Doc, prep: Token) -> None:
    verb = prep.head
    if verb.i <= prep.i or verb.tag_ not in ("VBD", "VBZ", "VBP") or \
            any(c.dep_ in SUBJECTS for c in verb.children):
        return
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    if len(objects) != 1:
        return
    noun = objects[0]
    if not prep.i < noun.i < verb.i or noun.tag_ not in NOUNS or noun.ent_type_ in TIMES:
        return
    span = doc[prep.i + 1:verb.i]
    dates = 0
    while dates < len(span) and span[dates].ent_type_ in TIMES:
        dates += 1
    phrase = span[dates:]
    if dates == 0 or not phrase.start <= noun.i < phrase.end or \
            any(t.ent_type_ in TIMES for t in phrase) or \
            any(t.is_punct for t in span) or \
            any(t.head.i != noun.i and not (phrase.start <= t.head.i < phrase.end)
                for t in phrase if t.i != noun.i):
        return
    date_words = span[:dates]
    tops = [t for t in date_words if not (date_words.start <= t.head.i < date_words.end)]
    if not tops or any(t.head.i != noun.i for t in tops):
        return
    date_head = tops[-1]
    for tok in tops[:-1]:
        tok.head = date_head
    date_head.head = prep
    date_head.dep_ = "pobj"
    noun.head = verb
    noun.dep_ = "nsubj"


def add_parse_repairs(nlp: Language) -> Language:
    """The pipeline with the repairs as its last component (idempotent)."""
    if PARSE_REPAIRS not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe(PARSE_REPAIRS, last=True)
    return nlp
