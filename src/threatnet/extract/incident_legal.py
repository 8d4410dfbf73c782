"""Legal and investigative attributions: charges, pleas, verdicts and the prosecution's case.

Charge-sheets, court summaries and indictments say who did an incident in the voice of
a court, a prosecutor or an accused, never the author's (docs/incidents.md, "Field
records and legal attributions (round 5)"):

- "the court convicted X", "found X guilty", "upheld X's conviction": X perpetrated
  INC, affirmed, reported, source the court;
- "X was acquitted", "the court acquitted X", "overturned X's conviction", "found X not
  guilty": negated, reported, source the court;
- "X was charged with / indicted for the killing": affirmed, alleged, source who
  charged (or none);
- "X pleaded not guilty", "X denied the charges": negated, reported, source X;
  "X pleaded guilty to the bombing": affirmed, asserted;
- "the plot had been hatched by X", "X had directed it", "the prosecution alleged X
  planned the kidnapping": X perpetrated INC in the clause's voice; in a sentence that
  gives the prosecution's or the investigators' case, at most alleged.

Each is bound to the incident its clause names, else to the incident the document tells
first (the case's occurrence). Counted accused ("all twelve", "the three co-accused")
name no one and give nothing. The words are data (`data/incident_fields.yaml`, `legal`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.attrs import LEMMA
from spacy.tokens import Doc, Token

from threatnet.extract.incident_records import DocIncidents, FoundIncident
from threatnet.extract.relations import RawClaim
from threatnet.extract.semantics import Reading, SemanticsReader
from threatnet.extract.sentences import sentence_number, sentence_of, tokens_whose
from threatnet.model import Entity, EntityType, Modality, Polarity, Source
from threatnet.resources import load_data, word_set

ACCUSED = {EntityType.PERSON, EntityType.ARMED_GROUP, EntityType.ORGANIZATION}
STATE_SIDE = {EntityType.STATE, EntityType.GOVERNMENT_BODY}
PRONOUNS = word_set("attribution_words.yaml", "legal_pronouns")
# "upheld the conviction" is a verdict; "overturned the ban" none
REVIEW_VERBS = word_set("attribution_words.yaml", "verdict_review_verbs")
HEADING_CHARS = 160  # a title or a heading line, not a paragraph
CARRY_SENTENCES = 2  # a verdict naming no one speaks of the accused named this close


@dataclass(frozen=True)
class LegalWords:
    convict: frozenset[str]
    acquit: frozenset[str]
    finding: frozenset[str]
    guilty: frozenset[str]
    innocent: frozenset[str]
    charge: frozenset[str]
    plea: frozenset[str]
    charge_nouns: frozenset[str]
    verdict_nouns: frozenset[str]
    plot: frozenset[str]
    plot_nouns: frozenset[str]
    case_words: frozenset[str]
    weapon_verbs: frozenset[str]
    weapon_objects: frozenset[str]
    legal_titles: frozenset[str]

    @property
    def cues(self) -> frozenset[str]:
        return self.convict | self.acquit | self.finding | self.charge | self.plea | \
            self.plot | self.weapon_verbs | frozenset({"deny"})


@lru_cache(maxsize=1)
def load_legal_words() -> LegalWords:
    data: dict[str, Any] = load_data("incident_fields.yaml")["legal"]
    words = {k: frozenset(v) for k, v in data.items()}
    return LegalWords(
        convict=words["convict_verbs"], acquit=words["acquit_verbs"],
        finding=words["finding_verbs"], guilty=words["guilty_words"],
        innocent=words["innocent_words"], charge=words["charge_verbs"],
        plea=words["plea_verbs"], charge_nouns=words["charge_nouns"],
        verdict_nouns=words["verdict_nouns"], plot=words["plot_verbs"],
        plot_nouns=words["plot_nouns"], case_words=words["case_words"],
        weapon_verbs=words["weapon_verbs"], weapon_objects=words["weapon_objects"],
        legal_titles=words["legal_titles"])


class LegalReader:
    """The legal attributions of one document, as incident claims with their readings."""

    def __init__(self, doc: Doc, incidents: DocIncidents, entities: list[Entity],
                 token_entity: dict[int, str], reader: SemanticsReader) -> None:
        self.doc, self.incidents = doc, incidents
        self.types = {e.id: e.type for e in entities}
        self.token_entity = token_entity
        self.reader = reader
        self.words = load_legal_words()
        self.mentioned = {t.i: f for f in incidents.incidents for t in f.mentions}
        self.last_accused: tuple[int, list[str]] = (-99, [])  # sentence, accused named
        text = doc.user_data.get("threatnet.text") or doc.text
        opening = set(" ".join(line for line in text.split("\n", 3)[:3]
                               if len(line) <= HEADING_CHARS).casefold().split())
        # the incident a verdict or charge naming none is about: the case's, in a legal
        # document; elsewhere only a report's only incident
        self.case = incidents.incidents[0] if incidents.incidents and (
            len(incidents.incidents) == 1 or opening & self.words.legal_titles) else None

    def claims(self) -> list[tuple[RawClaim, Reading]]:
        if not self.incidents.incidents:
            return []
        out: list[tuple[RawClaim, Reading]] = []
        for i in tokens_whose(self.doc, LEMMA, self.words.cues):
            tok = self.doc[i]
            if tok.pos_ != "VERB" or any(c.dep_ == "neg" for c in tok.children) and \
                    tok.lemma_ != "plead":
                continue
            auxes = [c for c in tok.children if c.dep_ == "aux"]
            if any(c.tag_ == "MD" for c in auxes) or (
                    any(c.lower_ == "to" for c in auxes) and
                    not any(c.lemma_ == "have" for c in auxes)):
                continue  # "was prepared to prosecute him", "could be charged": not done
                # ("were said to have carried bombs" was done)
            out += self._read(tok)
        return out

    # -- the verbs ----------------------------------------------------------------

    def _read(self, verb: Token) -> list[tuple[RawClaim, Reading]]:
        lemma, w = verb.lemma_.casefold(), self.words
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        if lemma in w.finding:
            return self._finding(verb)
        if lemma in w.convict | w.acquit:
            return self._verdict(verb, lemma in w.acquit, passive)
        if lemma in w.charge:
            accused = self._named(verb, "nsubjpass" if passive else "dobj")
            return self._bind(verb, accused, Polarity.AFFIRMED, Modality.ALLEGED,
                              None if passive else self._subject_source(verb))
        if lemma == "plead":
            return self._plea(verb)
        if lemma == "deny":
            objects = [c for c in verb.children if c.dep_ == "dobj"]
            if not any(o.lemma_.casefold() in w.charge_nouns for o in objects):
                return []  # a denial of an incident is the incident claim maker's
            accused = self._named(verb, "nsubj")
            return self._bind(verb, accused, Polarity.NEGATED, Modality.REPORTED,
                              self._subject_source(verb))
        if lemma in w.plot:
            return self._plot(verb, passive)
        if lemma in w.weapon_verbs and not passive:
            return self._weapons(verb)
        return []

    def _weapons(self, verb: Token) -> list[tuple[RawClaim, Reading]]:
        """ "the ATS alleged X planted the bombs", "X, Y and Z were said to have carried
        bombs on to the trains": a hand in the incident the weapons made. Told in the
        author's voice it binds only to an incident its clause names, or to the only
        incident of the document."""
        if not any(c.dep_ == "dobj" and c.lemma_.casefold() in self.words.weapon_objects
                   for c in verb.children):
            return []
        node, doers = verb, []
        for _ in range(3):  # "were said to have carried", "helped assemble and plant"
            doers = self._named(node, "nsubj") or self._named(node, "nsubjpass")
            if doers or node.dep_ not in ("xcomp", "conj", "ccomp") or node.head.i == node.i:
                break
            node = node.head
        incident = self._incident_in(verb)
        reading = self.reader.read(verb)
        if reading.modality == Modality.ASSERTED and self._case(verb):
            reading.hedge(Modality.ALLEGED)
        if incident is None and (len(self.incidents.incidents) == 1 or
                                 reading.modality != Modality.ASSERTED or reading.source):
            incident = self.case
        if incident is None or reading.polarity == Polarity.NEGATED:
            return []
        return [self._claim(d, incident, verb, Reading(reading.polarity, reading.modality,
                                                        list(reading.sources)))
                for d in dict.fromkeys(doers) if self.types.get(d) in ACCUSED]

    def _verdict(self, verb: Token, acquits: bool,
                 passive: bool) -> list[tuple[RawClaim, Reading]]:
        """ "convicted X", "X was acquitted", "overturned X's conviction"."""
        objects = [c for c in verb.children if c.dep_ == ("nsubjpass" if passive else "dobj")]
        nouns = [o for o in objects if o.lemma_.casefold() in self.words.verdict_nouns]
        if verb.lemma_.casefold() in REVIEW_VERBS and not nouns:
            return []  # "overturned the ban": no verdict
        accused = [e for o in nouns for c in o.children if c.dep_ == "poss"
                   for e in self._entities(c)] if nouns else \
            self._named(verb, "nsubjpass" if passive else "dobj")
        here = sentence_number(verb)
        if accused:
            self.last_accused = (here, accused)
        elif nouns and 0 <= here - self.last_accused[0] <= CARRY_SENTENCES and \
                len(self.last_accused[1]) == 1 and \
                not any(c.dep_ == "poss" for o in nouns for c in o.children):
            # "overturned Sheikh's murder conviction … It upheld only a kidnapping
            # conviction": the one accused the verdict just before speaks of
            accused = self.last_accused[1]
        return self._bind(verb, accused, Polarity.NEGATED if acquits else Polarity.AFFIRMED,
                          Modality.REPORTED, self._court(verb, passive))

    def _finding(self, verb: Token) -> list[tuple[RawClaim, Reading]]:
        """ "the court found all four guilty", "found him not guilty"."""
        words = [c for c in verb.children if c.dep_ in ("oprd", "ccomp", "xcomp", "acomp")]
        guilty = [c for c in words if c.lemma_.casefold() in self.words.guilty]
        innocent = [c for c in words if c.lemma_.casefold() in self.words.innocent]
        if not guilty and not innocent:
            return []
        negated = bool(innocent) or any(d.dep_ == "neg" for c in guilty for d in c.children)
        accused = self._named(verb, "dobj") + [e for c in guilty + innocent for s in c.children
                                               if s.dep_ == "nsubj"
                                               for e in self._entities(s)]
        return self._bind(verb, accused, Polarity.NEGATED if negated else Polarity.AFFIRMED,
                          Modality.REPORTED, self._court(verb, False))

    def _plea(self, verb: Token) -> list[tuple[RawClaim, Reading]]:
        """ "pleaded not guilty" (a denial); "pleaded guilty to the bombing" (an admission)."""
        pleas = [c for c in verb.children if c.lemma_.casefold() in self.words.guilty]
        if not pleas:
            return []
        negated = any(c.dep_ == "neg" for c in [*verb.children, *pleas[0].children])
        accused = self._named(verb, "nsubj")
        if negated:
            return self._bind(verb, accused, Polarity.NEGATED, Modality.REPORTED,
                              self._subject_source(verb))
        named = self._incident_in(verb)
        if named is None:
            return []  # "pleaded guilty to scouting targets": not the incident itself
        return self._bind(verb, accused, Polarity.AFFIRMED, Modality.ASSERTED, None, named)

    def _plot(self, verb: Token, passive: bool) -> list[tuple[RawClaim, Reading]]:
        """ "the plot had been hatched by X", "X had directed it", "X planned the kidnapping"."""
        if passive:
            themes = [c for c in verb.children if c.dep_ == "nsubjpass"]
            doers = [e for c in verb.children if c.dep_ == "agent" for p in c.children
                     if p.dep_ == "pobj" for e in self._entities(p)]
        else:
            themes = [c for c in verb.children if c.dep_ == "dobj"]
            doers = self._named(verb, "nsubj")
        incident = next((self.incidents.of_entity(self.token_entity[t.i])
                         for o in themes for t in o.subtree if t.i in self.token_entity
                         and self.incidents.of_entity(self.token_entity[t.i])), None) or \
            next((self.mentioned[t.i] for o in themes for t in o.subtree
                  if t.i in self.mentioned), None)
        if incident is None and any(o.lower_ in PRONOUNS or (
                o.lemma_.casefold() in self.words.plot_nouns or
                o.lower_ in self.words.plot_nouns) and any(
                d.lower_ in ("the", "this", "that") for d in o.children) for o in themes):
            incident = self.case  # "the plot", "it": the case's incident
        if incident is None or not doers:
            return []
        reading = self.reader.read(verb)
        if reading.modality == Modality.ASSERTED and self._case(verb):
            reading.hedge(Modality.ALLEGED)  # "Its case was that the plot was hatched by X"
            owner = self._case_owner(verb)
            if owner is not None and reading.source is None:
                reading.sources.insert(0, owner)
        if reading.modality == Modality.ASSERTED and reading.source is None:
            return []  # the author's own word on who planned it: the relation finder's
        return [self._claim(d, incident, verb, Reading(reading.polarity, reading.modality,
                                                        list(reading.sources)))
                for d in dict.fromkeys(doers)]

    # -- parts ------------------------------------------------------------------------

    def _bind(self, verb: Token, accused: list[str], polarity: Polarity, modality: Modality,
              source: Source | None,
              incident: FoundIncident | None = None) -> list[tuple[RawClaim, Reading]]:
        accused = [a for a in dict.fromkeys(accused) if self.types.get(a) in ACCUSED]
        if not accused:
            return []
        incident = incident or self._incident_in(verb) or self.case
        if incident is None:
            return []
        if modality == Modality.REPORTED and source is None:
            modality = Modality.ASSERTED if polarity == Polarity.AFFIRMED else modality
        reading = Reading(polarity, modality, [source] if source is not None else [])
        return [self._claim(a, incident, verb, Reading(reading.polarity, reading.modality,
                                                        list(reading.sources)))
                for a in accused]

    def _claim(self, doer: str, incident: FoundIncident, verb: Token,
               reading: Reading) -> tuple[RawClaim, Reading]:
        predicate = "involved_in" if self.types.get(doer) in STATE_SIDE else "perpetrated"
        how = "denied" if reading.polarity == Polarity.NEGATED else (
            "attributed" if reading.modality in (Modality.ASSERTED, Modality.REPORTED)
            else "suspected")
        return (RawClaim(doer, predicate, incident.entity.id, verb,
                         qualifiers={"attribution": how}), reading)

    def _incident_in(self, verb: Token) -> FoundIncident | None:
        """The incident a verb's own phrases name ("charged with the murder of Pearl")."""
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass", "dobj"):
                continue
            for tok in child.subtree:
                if tok.i in self.mentioned:
                    return self.mentioned[tok.i]
                owner = self.token_entity.get(tok.i)
                found = self.incidents.of_entity(owner) if owner else None
                if found is not None:
                    return found
        return None

    def _named(self, verb: Token, dep: str) -> list[str]:
        return [e for c in verb.children if c.dep_ == dep for e in self._entities(c)]

    def _entities(self, head: Token) -> list[str]:
        """The accused a phrase names: its head's entity, its appositions' and
        coordinations' ("the thirteenth, Abdul Wahid Shaikh"; "X, Y and Z")."""
        out = []
        for tok in [head, *head.children, *head.conjuncts]:
            if tok is not head and tok.dep_ not in ("appos", "conj", "compound", "poss") \
                    and tok not in head.conjuncts:
                continue
            entity = self.token_entity.get(tok.i)
            if entity is None and tok.pos_ == "PRON":
                entity = self.reader.coref.resolve(tok)  # "an Indian court convicted him"
            if entity and self.types.get(entity) in ACCUSED and entity not in out:
                out.append(entity)
        return out

    def _subject_source(self, verb: Token) -> Source | None:
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        return self.reader.source_of(subject) if subject is not None else None

    def _court(self, verb: Token, passive: bool) -> Source | None:
        if passive:
            agent = next((p for c in verb.children if c.dep_ == "agent"
                          for p in c.children if p.dep_ == "pobj"), None)
            if agent is not None:
                return self.reader.source_of(agent)
            # "the court convicted twelve; the thirteenth, X, was acquitted": the court
            # of the verdict this one is coordinated with
            node = verb
            while node.dep_ in ("conj", "parataxis", "ccomp") and node.head.i != node.i:
                node = node.head
                if node.lemma_.casefold() in self.words.convict | self.words.acquit:
                    return self._subject_source(node)
            return None
        return self._subject_source(verb)

    def _case_owner(self, verb: Token) -> Source | None:
        """Whose case a sentence gives: "Its case was that …" (the pronoun resolved),
        "The prosecution's case was …"."""
        for tok in sentence_of(verb):
            if tok.lemma_.casefold() == "case" and tok.i < verb.i:
                owner = next((c for c in tok.children if c.dep_ == "poss"), None)
                found = self.reader.source_of(owner) if owner is not None else None
                if found is not None:  # "The prosecution's case": the prosecution
                    text = re.sub(r"\s*['\u2019]s$", "", found.text)
                    return Source(text, found.entity)
        return None

    def _case(self, verb: Token) -> bool:
        """A sentence that gives the prosecution's or the investigators' case."""
        return any(t.lemma_.casefold() in self.words.case_words or
                   t.lower_ in self.words.case_words for t in sentence_of(verb))


def superseded(legal: list[RawClaim], others: list[RawClaim]) -> list[RawClaim]:
    """The other extractors' claims, less those that say who did an incident where a
    legal reading says it of the same actor in the same sentence (the prosecution's case
    is not the author's word)."""
    decided = {(c.subject, c.object, sentence_of(c.trigger).start) for c in legal}
    return [c for c in others if not (
        c.predicate in ("perpetrated", "involved_in") and
        (c.subject, c.object, sentence_of(c.trigger).start) in decided)]


__all__ = ["LegalReader", "LegalWords", "load_legal_words", "superseded"]
