"""Claim semantics: the source, modality and polarity of a claim, read from the parse.

From the claim's trigger word we climb the dependency tree to the root. On the
way, cues of `data/cues.yaml` apply when the trigger lies in their scope:
negation and modals of the trigger's own clause (a conjunct with cues of its
own keeps them to itself), hedge adverbs and adjectives, governing verbs
("it is believed that", "fears that"), conditionals ("if relations sour"),
and source frames ("X said", "according to X"). The nearest source is the
claim's source; outer ones form its source chain, outermost first.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from threatnet.extract.coref import Coreference
from threatnet.extract.cue_lexicon import load_cues, word_class
from threatnet.extract.denials import denier
from threatnet.extract.frames import load_frames
from threatnet.extract.incident_lexicon import load_incident_lexicon
from threatnet.extract.sentences import sentence_of
from threatnet.model import EntityType, Modality, Polarity, Source

SUBJECTS = ("nsubj", "nsubjpass")
# edges past which the trigger's own clause ends: cues above them are not the claim's
CLAUSE_EDGES = ("relcl", "acl", "appos", "parataxis")
EXPLETIVES = frozenset({"it", "there", "this", "that"})
DASHES = frozenset({"-", "--", "\u2013", "\u2014"})
HELD_NOUNS = word_class("held_nouns")
LOSING_VERBS = word_class("losing_verbs")
GOAL_WORDS = word_class("goal_words")
OPEN_QUESTIONS = word_class("open_question_marks")  # "it is unclear whether X leads Y"
SOURCE_PREFERENCE = [EntityType.PERSON, EntityType.GOVERNMENT_BODY, EntityType.ORGANIZATION,
                     EntityType.ARMED_GROUP, EntityType.STATE]


@dataclass
class Reading:
    """What the cues around one trigger say about its claim."""

    polarity: Polarity = Polarity.AFFIRMED
    modality: Modality = Modality.ASSERTED
    sources: list[Source] = field(default_factory=list)  # nearest first

    def hedge(self, modality: Modality) -> None:
        if modality.rank > self.modality.rank:
            self.modality = modality

    def negate(self) -> None:
        self.polarity = (Polarity.NEGATED if self.polarity == Polarity.AFFIRMED
                         else Polarity.AFFIRMED)

    @property
    def source(self) -> Source | None:
        if not self.sources:
            return None
        nearest = self.sources[0]
        chain = [s.text for s in reversed(self.sources[1:])]
        return Source(nearest.text, nearest.entity, chain)


class SemanticsReader:
    """Reads source, modality and polarity for triggers of one document."""

    def __init__(self, token_entity: dict[int, str], types: dict[str, EntityType],
                 names: dict[str, str], coref: Coreference) -> None:
        self.cues = load_cues()
        self.token_entity = token_entity
        self.types = types
        self.names = names
        self.coref = coref
        # trigger (and clause flag) -> its reading: several claims share a trigger
        self._read: dict[tuple[int, bool], Reading] = {}

    def read(self, trigger: Token, clause: bool = False) -> Reading:
        """The reading of a claim's trigger; with `clause`, of a whole clause, whose own
        source verb ("Another source indicated …") makes its subject the source. Each
        call gets its own Reading, to hedge or negate as its claim needs."""
        key = (trigger.i, clause)
        reading = self._read.get(key)
        if reading is None:
            reading = self._read[key] = self._reading(trigger, clause)
        return Reading(reading.polarity, reading.modality, list(reading.sources))

    def _reading(self, trigger: Token, clause: bool) -> Reading:
        reading = Reading()
        words = denier(trigger)
        if words is not None:  # "…, a charge India rejects": India's word, negated
            reading.negate()
            reading.hedge(self.cues.source_verbs[trigger.lemma_.casefold()])
            entity = next((self.token_entity[t.i] for t in words if t.i in self.token_entity),
                          None)
            reading.sources.append(Source(words.text, entity))
            return reading
        self._own_cues(trigger, reading)
        self._according(trigger, reading, True)
        if _described(trigger):
            return reading  # "officials believe the TTP's leader, X, lives in Kabul"
        lemma = trigger.lemma_.casefold()
        speaks = lemma in self.cues.claimant_verbs or (
            clause and lemma in self.cues.source_verbs and
            lemma not in self.cues.negating_sources)
        if speaks and \
                reading.polarity == Polarity.AFFIRMED:
            # "the BLA claimed the attack": the claimant is the claim's own source (but
            # "has not claimed it" is the author's statement that no claim was made)
            self._add_source(trigger, reading, True)
        in_clause, in_content = True, True
        prev, node = trigger, trigger.head
        while node.i != prev.i:
            edge = prev.dep_
            if edge == "ccomp" and _juxtaposed(prev, node):
                in_content = False  # "X split from Y; it claimed Z": a clause of its own
                break
            if edge in CLAUSE_EDGES and not _noun_complement(prev):
                in_clause = False
            if _set_off_relative(prev):
                # "…, ISKP, which has been the Taliban's bitterest enemy": the author's aside,
                # out of reach of the speaker, hedge or condition of the clause it hangs on
                in_content = False
                break
            if in_clause and in_content:
                self._inherited_cues(node, prev, reading)
            if self._is_source_verb(node, prev):
                self._add_source(node, reading, in_content)
                in_content = False
            elif self._takes_responsibility(node, prev):
                if in_content:
                    reading.hedge(Modality.ALLEGED)
                self._add_source(node, reading, False)
                in_content = False
            elif in_content and node.lemma_.casefold() in self.cues.governing \
                    and edge not in (*SUBJECTS, "conj", "cc", "advcl"):
                reading.hedge(self.cues.governing[node.lemma_.casefold()])
            self._according(node, reading, in_content)
            if node.dep_ == "advcl" and self._conditional(node):
                reading.hedge(Modality.HYPOTHETICAL)
            prev, node = node, node.head
        if in_content:
            self._inserted_source(node, reading)
        if _asked(trigger):
            reading.hedge(Modality.POSSIBLE)  # "Was India's role in the attack raised?"
        return reading

    def _inserted_source(self, root: Token, reading: Reading) -> None:
        """ "…, he warns, it could push …": a source verb inserted in its content's
        clause (parsed as parataxis of it) speaks for the whole sentence."""
        for child in root.children:
            if child.dep_ == "parataxis" and child.tag_ in ("VBZ", "VBD", "VBP") and \
                    child.lemma_.casefold() in self.cues.source_verbs \
                    and not any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in child.children) \
                    and any(c.dep_ == "nsubj" for c in child.children):
                self._add_source(child, reading, True)
                return

    # -- cues ----------------------------------------------------------------

    def _own_cues(self, tok: Token, reading: Reading) -> None:
        """Negation, modals and hedges attached to the trigger itself."""
        cues = self.cues
        for child in tok.children:
            lower, lemma = child.lower_, child.lemma_.casefold()
            if child.dep_ == "neg" or (child.dep_ == "det" and lower in ("no", "neither")):
                reading.negate()
            elif child.dep_ in ("nsubj", "nsubjpass") and any(
                    c.dep_ in ("preconj", "det") and c.lower_ == "neither"
                    for c in child.children):
                reading.negate()  # "Neither it nor its parent faction has returned to X"
            elif child.dep_ in ("aux", "auxpass") and lower in cues.modals:
                reading.hedge(cues.modals[lower])
            elif child.dep_ == "advmod" and lower in cues.adverbs:
                reading.hedge(cues.adverbs[lower])
            elif child.dep_ == "advmod" and lower in cues.negating_adverbs:
                marker = cues.negating_adverbs[lower]
                if any(c.lower_ == marker for c in child.children) or \
                        any(c.lower_ == marker for c in tok.children):
                    reading.negate()
            elif child.dep_ == "amod" and lemma in cues.adjectives:
                reading.hedge(cues.adjectives[lemma])
            elif child.dep_ in ("dobj", "attr") and any(
                    g.dep_ == "det" and g.lower_ == "no" for g in child.children):
                reading.negate()
            elif child.dep_ == "advcl" and self._conditional(child):
                reading.hedge(Modality.HYPOTHETICAL)
            elif child.dep_ == "mark" and lower in cues.conditionals:
                reading.hedge(Modality.HYPOTHETICAL)
            elif child.dep_ == "mark" and lower in OPEN_QUESTIONS:
                reading.hedge(Modality.POSSIBLE)  # an open question asserts neither way
        if tok.dep_ == "advcl" and self._conditional(tok):
            reading.hedge(Modality.HYPOTHETICAL)

    def _inherited_cues(self, node: Token, prev: Token, reading: Reading) -> None:
        """Cues of a governing word that reach down to the trigger's clause."""
        cues = self.cues
        lemma = node.lemma_.casefold()
        own_aux = any(c.dep_ in ("aux", "neg") for c in prev.children)
        own_subject = any(c.dep_ in SUBJECTS for c in prev.children)
        if prev.dep_ == "conj" and (own_aux or own_subject):
            # "may also be involved" keeps its own cues; "X may have absorbed Y, and Z is
            # based in W" is a clause of its own, which the first one's modal does not
            # reach (but an "if" clause still makes both consequences hypothetical)
            if own_subject and any(c.dep_ == "advcl" and self._conditional(c)
                                   for c in node.children):
                reading.hedge(Modality.HYPOTHETICAL)
            return
        for child in node.children:
            if child.i == prev.i:
                continue
            lower = child.lower_
            if child.dep_ in ("aux", "auxpass") and lower in cues.modals:
                reading.hedge(cues.modals[lower])
            elif child.dep_ == "advmod" and lower in cues.adverbs:
                reading.hedge(cues.adverbs[lower])
            elif child.dep_ == "amod" and child.lemma_.casefold() in cues.adjectives:
                reading.hedge(cues.adjectives[child.lemma_.casefold()])
            elif prev.dep_ != "conj" and child.dep_ == "neg" and \
                    prev.dep_ in ("xcomp", "dobj", "pobj", "prep", "pcomp", "attr", "ccomp") \
                    and not any(c.dep_ == "mark" and c.lower_ in OPEN_QUESTIONS
                                for c in prev.children):  # "not known whether": open
                reading.negate()
            elif child.dep_ == "mark" and lower in OPEN_QUESTIONS:
                reading.hedge(Modality.POSSIBLE)  # "whether the group is based in X"
            elif child.dep_ == "advmod" and lower in cues.negating_adverbs and \
                    prev.dep_ == "xcomp":
                reading.negate()  # "they have yet to deploy"
            elif child.dep_ == "det" and lower == "no" and node.pos_ == "NOUN" and \
                    prev.dep_ in ("acl", "ccomp") and node.lemma_.casefold() in cues.evidence_nouns:
                reading.negate()  # "there is no evidence that they have run …"
        if any(c.dep_ == "advcl" and c.i != prev.i and self._conditional(c)
               for c in node.children):
            reading.hedge(Modality.HYPOTHETICAL)  # the consequence of "if …" is hypothetical
        if prev.lemma_.casefold() in HELD_NOUNS:
            if lemma in LOSING_VERBS and prev.dep_ == "dobj":
                reading.negate()  # "the TTP lost control over Khyber"
            elif node.lower_ == "for" and prev.dep_ == "pobj" and \
                    node.head.lemma_.casefold() in GOAL_WORDS:
                reading.hedge(Modality.HYPOTHETICAL)  # "fought for control of Khyber"
        if lemma in cues.negating_verbs and (prev.dep_ in ("xcomp", "dobj") or (
                prev.dep_ == "prep" and prev.lower_ == "from")) and \
                lemma not in cues.negating_sources:
            reading.negate()  # "failed to", "refused to"

    def _conditional(self, clause: Token) -> bool:
        """ "if / unless …", or an inverted one: "Should the talks fail", "Were Beijing
        to demand it", "Had the army acted"."""
        if any(c.dep_ == "mark" and c.lower_ in self.cues.conditionals
               for c in clause.children):
            return True
        first = clause.left_edge
        subject = next((c for c in clause.children if c.dep_ in SUBJECTS), None)
        if first.lower_ not in self.cues.inverted_conditionals or subject is None or \
                subject.i < first.i:
            return False
        return first.i == clause.i or first.dep_ in ("aux", "auxpass")

    # -- sources -------------------------------------------------------------

    def _is_source_verb(self, node: Token, prev: Token) -> bool:
        verbal = node.pos_ in ("VERB", "AUX") or node.dep_ == "ROOT" or any(
            c.dep_ == "nsubj" for c in node.children)  # "Journalists … confirm" tagged NOUN
        # "…, a charge Iran rejects" closing the sentence is read as its root by the
        # parser; the charge it answers is still the accuser's (the denial gives its own
        # negated claims, `relations._denied`)
        edge = "xcomp" if _raised_infinitive(node, prev) else \
            "ccomp" if _as_participle(prev) else prev.dep_
        return (verbal and node.lemma_.casefold() in self.cues.source_verbs
                and edge not in (*SUBJECTS, "agent", "conj", "cc", "advcl")
                and denier(node) is None
                and not (node.lemma_.casefold() in self.cues.appointing and
                         any(c.dep_ == "oprd" for c in node.children))
                and not (prev.dep_ == "prep" and prev.lower_ in self.cues.circumstance_preps)
                and (node.lemma_.casefold() not in self.cues.clausal_sources
                     or edge in ("ccomp", "xcomp", "parataxis")
                     or self._viewed_as(node, prev)))

    def _takes_responsibility(self, node: Token, prev: Token) -> bool:
        """ "X accepted responsibility for [the attack on Y]", "Responsibility for [the
        attack on Y] was accepted by X": the claim inside is X's (the responsibility cues
        of the incident lexicon, `data/incidents.yaml`)."""
        lex = load_incident_lexicon()
        return node.lemma_.casefold() in lex.responsibility_verbs | \
            lex.responsibility_noun_verbs and prev.dep_ in ("dobj", "nsubjpass") and \
            prev.lemma_.casefold() in lex.responsibility_nouns

    def _viewed_as(self, node: Token, prev: Token) -> bool:
        """ "is widely seen as a front for X": a view verb of a clause-only kind reports
        what its "as" phrase says ("has seen a rise in attacks" reports nothing)."""
        return prev.dep_ in ("prep", "oprd") and prev.lower_ == "as" and \
            self.cues.source_verbs[node.lemma_.casefold()] == Modality.BELIEVED

    def _add_source(self, verb: Token, reading: Reading, in_content: bool) -> None:
        lemma = verb.lemma_.casefold()
        if in_content:
            reading.hedge(self.cues.source_verbs[lemma])
            if lemma in self.cues.negating_sources:
                reading.negate()
            if any(c.dep_ == "advmod" and c.lower_ in self.cues.adverbs for c in verb.children):
                reading.hedge(max((self.cues.adverbs[c.lower_] for c in verb.children
                                   if c.dep_ == "advmod" and c.lower_ in self.cues.adverbs),
                                  key=lambda m: m.rank))
        # a wire dateline the parser made a second subject ("QUETTA (Reuters) - Police
        # said …"): the subject next to the verb speaks
        speaker = max((c for c in verb.children if c.dep_ == "nsubj"), default=None,
                      key=lambda c: (c.i < verb.i, c.i if c.i < verb.i else -c.i))
        if speaker is None:
            agent = next((c for c in verb.children if c.dep_ == "agent"), None)
            speaker = next((p for p in agent.children if p.dep_ == "pobj"), None) \
                if agent is not None else None
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
        if speaker is None and verb.dep_ in ("conj", "xcomp", "advcl") and not passive:
            # "X pledged allegiance …, and its fighters are believed to …" has no speaker
            speaker = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
        if speaker is None or speaker.lower_ in EXPLETIVES:
            return
        source = self.source_of(speaker)
        if source:
            reading.sources.append(source)

    def _according(self, node: Token, reading: Reading, in_content: bool) -> None:
        for prep in node.children:
            if prep.dep_ == "prep" and prep.lower_ == "according":
                for to in prep.children:
                    for pobj in to.children:
                        if pobj.dep_ == "pobj" and \
                                pobj.lemma_.casefold() not in self.cues.empty_according:
                            if in_content:
                                reading.hedge(self.cues.according)
                            source = self.source_of(pobj)
                            if source:
                                reading.sources.append(source)

    def _whole_names(self, span: Span) -> Span:
        """A source span never cut inside a name the parser split: "Jamaat-ul-Ahrar
        announced …" parsed as three subjects is still "Jamaat-ul-Ahrar"."""
        doc, start, end = span.doc, span.start, span.end
        first, last = self.token_entity.get(start), self.token_entity.get(end - 1)
        while first is not None and start > 0 and self.token_entity.get(start - 1) == first:
            start -= 1
        while last is not None and end < len(doc) and self.token_entity.get(end) == last:
            end += 1
        return span if (start, end) == (span.start, span.end) else doc[start:end]

    def source_of(self, head: Token) -> Source | None:
        """The source a noun phrase names: its words as written and its entity if known."""
        ref = self.coref.resolve(head) if head.pos_ == "PRON" else None
        if ref:
            return Source(self.names[ref], ref)
        if head.pos_ == "PRON":
            return None
        span = self._whole_names(_trim(head))
        entity = None
        candidates = [head, *[c for c in head.children
                              if c.dep_ in ("compound", "poss", "amod", "appos", "flat")]]
        found = [self.token_entity[t.i] for t in candidates if t.i in self.token_entity]
        found = [e for e in found if self.types[e] in SOURCE_PREFERENCE]
        if found:
            entity = min(found, key=lambda e: SOURCE_PREFERENCE.index(self.types[e]))
        return Source(span.text, entity)


def _asked(tok: Token) -> bool:
    """A question states nothing: its sentence ends with a question mark."""
    doc = tok.doc
    end = sentence_of(tok).end - 1
    while end > tok.i and doc[end].is_space:
        end -= 1
    return doc[end].text == "?"


def _described(noun: Token) -> bool:
    """ "the TTP's leader, Noor Wali Mehsud", "Abu Bakr al-Baghdadi, then the leader of
    the Islamic State", "the BLA spokesman Jeeyand Baloch": a role noun set beside a name
    describes who the name is; the clause around it neither reports nor hedges that."""
    if noun.pos_ != "NOUN" or noun.lemma_.casefold() not in load_frames().roles:
        return False  # a role, not a relation set beside a name ("India, the BLA's paymaster")
    if noun.dep_ == "appos" or any(c.dep_ == "appos" and c.pos_ == "PROPN"
                                   for c in noun.children):
        return True
    return noun.dep_ == "compound" and noun.head.pos_ == "PROPN" and noun.head.i > noun.i


def _juxtaposed(clause: Token, verb: Token) -> bool:
    """ "X split from the TTP in 2014; it claimed the Easter bombing", "a bomber struck a
    convoy, the BLA claimed the bombing": a clause before a verb, which the parser hangs
    under it as its complement, is no content of it when a semicolon stands between them
    or the verb has content of its own after it."""
    if clause.i > verb.i:
        return False
    doc = verb.doc
    if any(doc[i].text == ";" for i in range(clause.right_edge.i + 1, verb.i)):
        return True
    # ("…, the Pentagon confirmed the following month": a time is no content)
    return any(c.dep_ in ("dobj", "ccomp") and c.i > verb.i and
               c.ent_type_ not in ("DATE", "TIME") for c in verb.children)


def _raised_infinitive(verb: Token, clause: Token) -> bool:
    """ "X was reported in 2016 to have joined Y": a subjectless "to" clause of a passive
    verb is its complement, even where a phrase between them made the parser hang it
    on as an adverbial clause."""
    return clause.dep_ == "advcl" and \
        any(c.dep_ == "auxpass" for c in verb.children) and \
        any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children) and \
        not any(c.dep_ in SUBJECTS for c in clause.children)


def _set_off_relative(clause: Token) -> bool:
    """ "…, where the group's headquarters has stood": a relative clause set off by a
    comma adds the author's own statement, out of reach of the hedge of the clause it
    hangs on ("Azhar is believed to live in Bahawalpur, where …")."""
    if clause.dep_ != "relcl":
        return False
    # "…, a Sunni Baloch group that has fought Iran": the clause of an apposition set off
    for start in (clause.left_edge, clause.head.left_edge if clause.head.dep_ == "appos"
                  else None):
        if start is not None and start.i > 0 and clause.doc[start.i - 1].text == ",":
            return True
    return False


def _as_participle(clause: Token) -> bool:
    """ "described LeI as affiliated with the TTP": a subjectless participle after "as"
    is what the describing verb reports (not "as the army advanced")."""
    return clause.dep_ == "advcl" and clause.tag_ == "VBN" and \
        any(c.dep_ == "mark" and c.lower_ == "as" for c in clause.children) and \
        not any(c.dep_ in SUBJECTS for c in clause.children)


def _noun_complement(clause: Token) -> bool:
    """ "no evidence that X has …", "fears that X could …": a noun's "that" clause is its
    content (its cues reach it), unlike a relative clause ("a group that split …")."""
    return clause.dep_ == "acl" and clause.head.pos_ == "NOUN" and any(
        c.dep_ == "mark" and c.lower_ in ("that", "whether") for c in clause.children)


def _trim(head: Token) -> Span:
    """The subtree of a source's head, without a trailing comma clause or punctuation."""
    start, end = _first_of_subtree(head).i, _last_of_subtree(head).i + 1
    doc = head.doc
    while end > head.i + 1 and (doc[end - 1].is_punct or doc[end - 1].dep_ in ("cc",)):
        end -= 1
    while start < head.i and (doc[start].is_punct or doc[start].dep_ == "cc"):
        start += 1
    # "KABUL, Nov 3 (AFP) - Afghanistan's first vice-president": the dateline is no part
    # (the parser may make the speaker an apposition of the dateline's place)
    dashes = [i for i in range(start, end - 1) if doc[i].text in DASHES and
              doc[i].whitespace_ and i > 0 and doc[i - 1].whitespace_]
    if dashes:
        start = dashes[-1] + 1
    return _balanced(doc[start:end])


def _first_of_subtree(tok: Token) -> Token:
    """The first token `tok.subtree` yields (its first left child's first, down the
    tree), without walking the rest of the subtree."""
    while (first := next(tok.lefts, None)) is not None:
        tok = first
    return tok


def _last_of_subtree(tok: Token) -> Token:
    """The last token `tok.subtree` yields (its last right child's last, down the tree)."""
    while rights := list(tok.rights):
        tok = rights[-1]
    return tok


def _balanced(span: Span) -> Span:
    """A source span never cut inside brackets: "The Islamic Movement of Uzbekistan (IMU"
    takes its closing ")" when the text has one next, else ends before the "("."""
    doc = span.doc
    depth = 0
    for t in span:
        depth += (t.text == "(") - (t.text == ")")
    if depth <= 0:
        return span
    if span.end < len(doc) and doc[span.end].text == ")":
        return doc[span.start:span.end + 1]
    opening = max(t.i for t in span if t.text == "(")
    end = opening
    while end > span.start + 1 and doc[end - 1].is_space:
        end -= 1
    return doc[span.start:end] if end > span.start else span
