"""Who speaks in a who-did-it sentence, and of which incident: the base of the incident
claim readers.

A claim of who did an incident is only as good as its voice (docs/incidents.md, "claim
coding"): the group's own claim of responsibility, the officials' attribution, the
author's deed. This module holds what every reader of such sentences needs: the
claimants of a claim or a denial (the subject, the group a spokesman or a statement
speaks for), the speaker put first among a claim's sources, whether a verb is negated
("no group claimed"), and which incident a sentence speaks of (the one it names, the one
just told, the ones it counts: "both attacks"). The function words these tests use are
data (`data/attribution_words.yaml`).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from threatnet.extract.arguments import (
    NEGATIVE_DETERMINERS,
    NEGATIVE_SUBJECTS,
    RELATIVE_PRONOUNS,
    Arguments,
)
from threatnet.extract.coref import Coreference
from threatnet.extract.frames import load_frames
from threatnet.extract.incident_doers import DoerReader
from threatnet.extract.incident_fields import RecordEntry
from threatnet.extract.incident_lexicon import IncidentLexicon
from threatnet.extract.incident_records import DocIncidents, FoundIncident
from threatnet.extract.incident_targets import IncidentFacts, TargetReader
from threatnet.extract.relations import RawClaim
from threatnet.extract.semantics import Reading, SemanticsReader, load_cues
from threatnet.extract.sentences import paragraph_numbers, sentence_number
from threatnet.model import Entity, EntityType, Modality, Source
from threatnet.resources import load_data, word_set

_WORDS = "attribution_words.yaml"
PERPETRATORS = {EntityType.ARMED_GROUP, EntityType.ORGANIZATION, EntityType.PERSON}
ACCUSED = PERPETRATORS | {EntityType.STATE, EntityType.GOVERNMENT_BODY}
SCOPE_SENTENCES = 3  # an attribution with no incident named speaks of one this close
# words that stand for the incident just told: "claimed it", "was behind it"
INCIDENT_PRONOUNS = word_set(_WORDS, "incident_pronouns")
# what a denial disowns when it names no incident: "disowned it", "distanced itself from this"
DISOWNED_PRONOUNS = word_set(_WORDS, "legal_pronouns")
# "the two attacks", "the twin bombings"
COUNT_WORDS = {str(k).casefold(): int(v) for k, v in load_data(_WORDS)["count_words"].items()}
# a group referred to by the words of its own spokesman: "the group was behind the attack"
SELF_REFERENCES = word_set(_WORDS, "self_references")
# "one of its fighters", "two of our men": a group's own people, counted
COUNTED = word_set(_WORDS, "counted")
COUNTED_OWN = word_set(_WORDS, "counted_own")  # "one of its members"
# a claim of no incident in particular: "has often claimed responsibility in the past"
HABITUAL = word_set(_WORDS, "habitual")
# "a faction of X" is not X: an accusation of an unnamed part credits no group
PART_NOUNS = word_set(_WORDS, "accused_parts")
# "X was among the attackers": one of the doers; "terrorist" names no deed's doer
AMONG = word_set(_WORDS, "among")
BROAD_DOERS = word_set(_WORDS, "broad_doers")
# attribution verbs that accuse with no incident named: "police blamed X", "suspected X"
BARE_ACCUSERS = word_set(_WORDS, "bare_accusers")
# "officials pointed (the finger) at X": the verb, what is pointed, and at whom
POINTING = {k: frozenset(str(w).casefold() for w in v)
            for k, v in load_data(_WORDS)["pointing"].items()}
# "X rejected the charge": words that name an accusation (never "the claim": X's own)
CHARGES = word_set(_WORDS, "charges")
# "LeT's most notorious operation was the Mumbai attacks": a group's own deed, besides
# the incident nouns of incidents.yaml
OWNED_DEED_NOUNS = word_set(_WORDS, "owned_deed_nouns")
# "the deadliest since a bombing in January", "weeks after a bombing at a mosque": an
# incident recalled in passing, not the one a report tells
RECALLING = word_set(_WORDS, "recalling")
RECALLING_WORDS = word_set(_WORDS, "recalling_words")  # "resembled a raid last year"
# "the attackers were from X": the doers, X's men
MEMBERSHIP_PREPS = word_set(_WORDS, "membership_preps")
# "carried out with the help of X", "planned with support from X": X's part in it
HELP_NOUNS = word_set(_WORDS, "help_nouns")
# "officials named / identified X as responsible for the blast": an attribution
NAMING_VERBS = word_set(_WORDS, "naming_verbs")
# attribution verbs whose "with" phrase names the incident: "credited X with the bombing"
CREDITING = word_set(_WORDS, "crediting")
# a group's own voice in a quote: '"We claim the attack," the TTP said'
FIRST_PERSON = word_set(_WORDS, "first_person")
# "police did not rule out the involvement of X": possible; "ruled out X's hand": denied
RULING_OUT = word_set(_WORDS, "ruling_out")
# relative pronouns that may stand for an incident: "which X claimed", "for which"
RELATIVE_OBJECTS = word_set(_WORDS, "relative_objects")


@dataclass
class IncidentClaim:
    """A claim about an incident, with its reading when the attribution cue decides it."""

    raw: RawClaim
    reading: Reading | None = None


class IncidentVoices:
    """The claimants, speakers and incidents of one document's who-did-it sentences."""

    def __init__(self, doc: Doc, incidents: DocIncidents, facts: dict[str, IncidentFacts],
                 entities: list[Entity], token_entity: dict[int, str], coref: Coreference,
                 reader: SemanticsReader, lex: IncidentLexicon, targets: TargetReader) -> None:
        self.doc, self.incidents, self.facts = doc, incidents, facts
        self.entities = {e.id: e for e in entities}
        self.types = {e.id: e.type for e in entities}
        self.token_entity = token_entity
        self.args = Arguments(doc, token_entity, self.types, load_frames(), coref)
        self.reader, self.lex, self.targets = reader, lex, targets
        self.hedges = load_cues().adjectives
        self.doer_reader = DoerReader(lex, token_entity, self.types.get, coref.resolve)
        # a reference whose words another entity keeps ("the suicide bombing": a tactic)
        self.mentioned = {t.i: f for f in incidents.incidents for t in f.mentions}
        lex = self.lex
        self.cue_lemmas = lex.responsibility_nouns | lex.responsibility_verbs | \
            frozenset(lex.attribution_verbs) | lex.denial_verbs | lex.behind | \
            lex.planned_verbs | lex.membership_verbs | lex.involvement_words | \
            lex.hallmarks | frozenset(w.split()[0] for w in lex.deed_verbs) | \
            lex.suspicion_nouns | lex.doer_ties | {"be", "have"}

    def incident_at(self, tok: Token) -> FoundIncident | None:
        entity = self.token_entity.get(tok.i)
        found = self.incidents.of_entity(entity) if entity else None
        clause = tok.head
        if found is None and clause.dep_ in ("ccomp", "xcomp") and \
                clause.head.dep_ == "relcl":
            clause = clause.head  # "the bombing, which the group said it had carried out"
        if found is None and tok.dep_ == "pobj" and tok.lower_ in RELATIVE_OBJECTS:
            # "an incident for which police held X responsible", "the attack, for which
            # X claimed responsibility": the clause the preposition opens
            clause = next((n for n in (tok.head.head, tok.head.head.head)
                           if n.dep_ == "relcl"), clause)
        if found is None and tok.dep_ in ("dobj", "nsubjpass", "pobj") and \
                tok.lower_ in RELATIVE_OBJECTS and clause.dep_ == "relcl":
            # "the attack … the previous month, which India blamed on X": the noun the
            # relative clause hangs from, or the phrase that noun is part of
            node = clause.head
            for _ in range(3):
                if node.i in self.mentioned or node.i in self.token_entity:
                    return self.incident_at(node)
                node = node.head
            return None
        return found or self.mentioned.get(tok.i)

    def _read(self, verb: Token) -> Reading:
        """The cues of an attribution verb's clause. A clause after a semicolon stands on
        its own: "Officials suspect X; the group has not commented" — the parser may hang
        the first clause under the second, whose "not" is no part of it."""
        head = verb.head
        if verb.dep_ == "relcl" and any(c.dep_ == "nsubj" and c.lower_ in RELATIVE_PRONOUNS
                                        for c in verb.children):
            return Reading()  # "blamed the Taliban, who denied involvement": the author's
        if head.i != verb.i and verb.dep_ in ("ccomp", "conj", "parataxis") and any(
                t.text == ";" for t in verb.doc[min(verb.i, head.i):max(verb.i, head.i)]):
            return Reading()
        return self.reader.read(verb)

    def _perpetrated(self, doer: str, incident: FoundIncident, tok: Token, reading: Reading,
                     how: str) -> IncidentClaim:
        # a state accused of an attack is accused of a part in it, not of carrying it out
        predicate = "involved_in" if self.types[doer] in (EntityType.STATE,
                                                          EntityType.GOVERNMENT_BODY) \
            else "perpetrated"
        raw = RawClaim(doer, predicate, incident.entity.id, tok,
                       qualifiers={"attribution": how})
        return IncidentClaim(raw, reading)

    def _speaking_groups(self, verb: Token) -> list[str]:
        """The groups whose spokesman, commander or statement says the clause of `verb`
        ("A TTP spokesman said …", "In a statement, the BLA said …")."""
        node = self._speech_verb(verb)
        if node is None:
            return []
        return [e for e in self._claimants(node)
                if self.types[e] in (EntityType.ARMED_GROUP, EntityType.ORGANIZATION)]

    def _speech_verb(self, verb: Token) -> Token | None:
        """The verb of saying whose content clause holds `verb` (up to three clauses up)."""
        node = verb
        for _ in range(3):
            if node.dep_ not in ("ccomp", "conj") or node.head.i == node.i:
                break
            node = node.head
            if node.pos_ == "VERB" and node.lemma_.casefold() in self.lex.speech_verbs:
                return node
        return None

    def _claimants(self, verb: Token) -> list[str]:
        """Who claims or denies: the verb's subjects, and the group a spokesman or a
        commander speaks for ("the TTP's spokesman, X" is the TTP; "X, a TTP commander"
        is X and the TTP)."""
        found = [e for e in self.args.subjects(verb) if self.types[e] in ACCUSED] or \
            [e for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass")
             and c.i < verb.i for e in [self.token_entity.get(c.i)]
             if e and self.types[e] in ACCUSED]  # "IS-K claimed": "IS" read as an auxiliary
        owner = self._whose_speaker(verb)
        if owner is not None and owner not in found:
            found.append(owner)  # "officials blamed X, whose spokesman denied any role"
        if not found and any(c.dep_ == "nsubj" and c.lower_ in FIRST_PERSON
                             for c in verb.children):
            # '"We claim responsibility for the attack," the TTP said': the group speaking
            found = self._speaking_groups(verb)
        carrier = self._carrier_of(verb)
        if carrier is not None:
            # "X issued a statement claiming the attack", "a video from X denying it"
            found += [e for e in self.args.subjects(carrier.head) if self.types[e] in ACCUSED
                      and e not in found] if carrier.head.pos_ == "VERB" else []
            found += [e for t in carrier.subtree if t.i < verb.i
                      for e in [self.token_entity.get(t.i)] if e and self.types.get(e) in
                      (EntityType.ARMED_GROUP, EntityType.ORGANIZATION) and e not in found]
        # "a message in the name of X claimed", "a statement from X": the group's claim
        carried = [e for c in verb.children if c.dep_ == "nsubj" and
                   c.lemma_.casefold() in self.lex.claim_carriers
                   for t in c.subtree for e in [self.token_entity.get(t.i)]
                   if e and self.types.get(e) in (EntityType.ARMED_GROUP,
                                                  EntityType.ORGANIZATION)]
        if any(self.types[e] == EntityType.ARMED_GROUP for e in carried):
            # "the Islamic State's Amaq news agency claimed": the group, not its outlet
            found = [e for e in found if self.types[e] != EntityType.ORGANIZATION]
            carried = [e for e in carried if self.types[e] == EntityType.ARMED_GROUP]
        found += [e for e in carried if e not in found]
        # "a little-known group, X, claimed": the group the subject's apposition names
        found += [e for c in verb.children if c.dep_ == "nsubj" and self.token_entity.get(c.i)
                  is None for a in c.children if a.dep_ == "appos"
                  for e in self.args.entities(a)
                  if self.types.get(e) in (EntityType.ARMED_GROUP, EntityType.ORGANIZATION)
                  and e not in found]
        # "a man describing himself as a spokesman of X", "a caller claiming to speak for
        # X": the group the claimant says he speaks for (the words up to the verb: the
        # parser may hang the name on the verb)
        found += [e for c in verb.children if c.dep_ == "nsubj" and
                  self.token_entity.get(c.i) is None and
                  c.lemma_.casefold() in self.lex.self_described_nouns
                  for m in c.children if m.dep_ in ("acl", "relcl") and
                  m.lemma_.casefold() in self.lex.self_described_verbs
                  for t in self.doc[m.i:max(m.right_edge.i + 1, verb.i)]
                  for e in [self.token_entity.get(t.i)]
                  if e and self.types.get(e) in (EntityType.ARMED_GROUP,
                                                 EntityType.ORGANIZATION) and e not in found]
        roles = load_frames().roles
        for subject in (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")):
            # "TTP spokesman Muhammad Khurasani": the role noun as a modifier of the name
            speaking = self.lex.speaking_roles
            nouns = [subject, *[c for c in subject.children if c.dep_ == "appos" or
                                (c.dep_ == "compound" and c.lemma_.casefold() in
                                 roles.keys() | speaking)]]
            # "BLF spokesperson X": the group's name read as an adjective of the role
            owners = [c for noun in nouns if noun.lemma_.casefold() in roles.keys() | speaking
                      for c in noun.children if c.dep_ in ("poss", "compound", "nmod") or
                      (c.dep_ == "amod" and c.i in self.token_entity)]
            owners += [p for noun in nouns if noun.lemma_.casefold() in roles
                       for c in noun.children if c.dep_ == "prep" and c.lower_ in ("of", "for")
                       for p in c.children if p.dep_ == "pobj"]  # "a spokesman for the TTP"
            groups = [e for c in owners for e in self.args.entities(c)
                      if self.types.get(e) in (EntityType.ARMED_GROUP, EntityType.ORGANIZATION)]
            phrase = self.doc[subject.left_edge.i:subject.i + 1]
            if not groups and any(t.lemma_.casefold() in speaking for t in phrase):
                # "BLF 'spokesperson' X", the quoted role misparsed: the group the words
                # before the name hold
                groups = [e for t in phrase for e in [self.token_entity.get(t.i)]
                          if e and self.types.get(e) in (EntityType.ARMED_GROUP,
                                                         EntityType.ORGANIZATION)]
                nouns = [*nouns, *phrase]
            if groups and (subject.lemma_.casefold() in roles or any(
                    n.lemma_.casefold() in self.lex.speaking_roles for n in nouns)):
                # "the TTP's spokesman, X", "TTP spokesman X": the group claims, not the
                # man who speaks for it ("X, a TTP commander" may have led it: both)
                found = [e for e in found if self.types[e] != EntityType.PERSON]
            found += [g for g in groups if g not in found]  # "X, a TTP commander": both
        return found

    def _whose_speaker(self, verb: Token) -> str | None:
        """ "X, whose spokesman denied any role": the group the relative clause hangs from,
        when the clause's subject is one who speaks for it."""
        if verb.dep_ != "relcl":
            return None
        speaks = any(c.dep_ == "nsubj" and
                     c.lemma_.casefold() in self.lex.speaking_roles | self.lex.claim_carriers
                     and any(p.dep_ == "poss" and p.lower_ == "whose" for p in c.children)
                     for c in verb.children)
        owner = self.token_entity.get(verb.head.i) if speaks else None
        return owner if owner and self.types.get(owner) in (
            EntityType.ARMED_GROUP, EntityType.ORGANIZATION) else None

    def _negated(self, verb: Token) -> bool:
        """ "no group claimed", "has not claimed", "did not deny it, nor did it claim it":
        no claim, and none against any group."""
        if verb.dep_ == "conj" and any(c.dep_ in ("cc", "preconj") and
                                       c.lower_ in ("nor", "neither")
                                       for c in [*verb.head.children, *verb.children]):
            return True
        for child in verb.children:
            if child.dep_ == "neg" or (child.dep_ == "preconj" and child.lower_ == "neither"):
                return True
            if child.dep_ in ("nsubj", "nsubjpass") and (
                    child.lower_ in NEGATIVE_SUBJECTS or
                    any(d.lower_ in NEGATIVE_DETERMINERS for d in child.children)):
                return True
        return False

    def _incident_near(self, tok: Token, words: list[Token],
                       reach: int = SCOPE_SENTENCES) -> FoundIncident | None:
        """The incident named among `words`, else the latest one a few sentences back."""
        for word in words:
            for t in word.subtree:
                found = self.incident_at(t)
                if found is not None:
                    return found
        latest = self.incidents.latest_in_entry(tok)  # never another entry's incident
        if latest is None:
            return None
        # "The attack came weeks after a bombing at a mosque … The TTP claimed
        # responsibility": an incident recalled only in passing is not the one told
        told = self._told_before(tok, latest) if self._recalled(latest, tok) else None
        latest = told or latest
        last = max(t.i for t in latest.mentions if t.i < tok.i)
        close = sentence_number(tok) - sentence_number(self.doc[last])  # sentences between
        # round 5 hook: a field record is one incident, however far its fields run
        in_record = isinstance(self.incidents.entries.at(tok.idx), RecordEntry)
        return latest if close <= reach or in_record else None

    def _recalled(self, incident: FoundIncident, tok: Token) -> bool:
        """Every mention of the incident before `tok` recalls it in passing: inside a
        clause or phrase opened by "after", "since", "before" ("the deadliest since a
        bombing in January killed 12", "weeks after a bombing at a mosque")."""
        before = [t for t in incident.mentions if t.i < tok.i]
        return bool(before) and all(self._in_passing(t) for t in before)

    def _in_passing(self, mention: Token) -> bool:
        node = mention
        for _ in range(6):
            if node.dep_ in ("pobj", "pcomp") and node.head.lower_ in RECALLING:
                return True
            if node.dep_ in ("dobj", "pobj") and (
                    node.head.lemma_.casefold() in RECALLING_WORDS or  # "resembled a raid"
                    node.head.head.lemma_.casefold() in RECALLING_WORDS):  # "similar to"
                return True
            if node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in RECALLING
                                            for c in node.children):
                return True
            if node.head.i == node.i:
                return False
            node = node.head
        return False

    def _told_before(self, tok: Token, recalled: FoundIncident) -> FoundIncident | None:
        """The latest incident before `tok` in its entry that is not only recalled."""
        told = [f for f in self.incidents.incidents if f is not recalled and
                any(t.i < tok.i for t in f.mentions) and not self._recalled(f, tok)]
        latest = max(told, key=lambda f: max(t.i for t in f.mentions if t.i < tok.i),
                     default=None)
        if latest is None:
            return None
        last = max(t for t in latest.mentions if t.i < tok.i)
        return latest if self.incidents.entries.same(last.idx, tok.idx) else None

    def _carrier_of(self, verb: Token) -> Token | None:
        """ "a statement claiming the attack": the statement, video or message a claim
        verb's participle hangs from."""
        if verb.dep_ == "acl" and verb.tag_ == "VBG" and \
                verb.head.lemma_.casefold() in self.lex.claim_carriers:
            return verb.head
        return None

    def _only_incident(self, tok: Token) -> FoundIncident | None:
        """ "… shot dead fourteen passengers. [a paragraph of how] Responsibility was
        accepted by X": where the report has told one incident so far, a claim that names
        none is of that one, however far back (never across entries)."""
        latest = self.incidents.latest_in_entry(tok)
        if latest is not None and self._recalled(latest, tok):
            latest = self._told_before(tok, latest)
        if latest is None or any(f is not latest and any(t.i < tok.i for t in f.mentions)
                                 and not self._recalled(f, tok)
                                 for f in self.incidents.incidents):
            return None
        years = {t.text for t in tok.subtree if t.like_num and len(t.text) == 4}
        if years and latest.date and not any(latest.date.startswith(y) for y in years):
            return None  # "X claimed responsibility in 2019": another year's
        return latest

    def _same_paragraph(self, incident: FoundIncident, tok: Token) -> bool:
        """No paragraph break between the incident's last mention before `tok` and it."""
        last = max(t.i for t in incident.mentions if t.i < tok.i)
        paragraph = paragraph_numbers(self.doc)
        return paragraph[last] == paragraph[tok.i]

    def _speaker(self, verb: Token, reading: Reading) -> None:
        """Put the verb's own subject (or agent) first among the claim's sources."""
        speaker = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        carrier = self._carrier_of(verb)
        if speaker is None and carrier is not None and carrier.head.pos_ == "VERB":
            # "X issued a statement claiming it": X speaks
            speaker = next((c for c in carrier.head.children if c.dep_ == "nsubj"), None)
        if speaker is None and verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
            # "X condemned the attack and denied involvement": the first verb's subject
            speaker = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
        if speaker is None:  # "IS claimed": the name read as an auxiliary
            speaker = next((c for c in verb.children if c.dep_ in ("aux", "auxpass") and
                            c.i < verb.i and c.i in self.token_entity), None)
        if speaker is None:
            agent = next((c for c in verb.children if c.dep_ == "agent"), None)
            speaker = next((p for p in agent.children if p.dep_ == "pobj"), None) \
                if agent is not None else None
        if speaker is None:
            return
        if (speaker.lower_ in RELATIVE_PRONOUNS or self._whose_speaker(verb)) and \
                verb.dep_ == "relcl":
            # "the TTP, which denied it": the antecedent speaks
            antecedent = verb.head
            start = min([antecedent.i, *[c.i for c in antecedent.lefts]])
            text = self.doc[start:antecedent.i + 1].text
            if not any(s.text == text for s in reading.sources):
                reading.sources.insert(0, Source(text, self.token_entity.get(antecedent.i)))
            return
        source = self.reader.source_of(speaker)
        if source is not None and not any(s.text == source.text for s in reading.sources):
            reading.sources.insert(0, source)

    def _counted(self, noun: Token) -> list[FoundIncident]:
        """ "both attacks", "the two bombings", "all three attacks": that many incidents,
        the latest told before in the same entry."""
        if noun.tag_ not in ("NNS", "NNPS") or noun.lemma_.casefold() not in self.lex.anaphors:
            return []
        words = [c.lower_ for c in noun.children if c.dep_ in ("det", "predet", "nummod") or
                 (c.dep_ in ("amod", "compound") and c.lower_ in ("twin", "double"))]
        count = 2 if "both" in words else next(
            (COUNT_WORDS[w] for w in words if w in COUNT_WORDS), 0)
        if not count:
            return []
        found: list[FoundIncident] = []
        for incident in sorted(self.incidents.incidents, key=lambda f: -max(
                (t.i for t in f.mentions if t.i < noun.i), default=-1)):
            before = [t for t in incident.mentions if t.i < noun.i]
            if not before or not self.incidents.entries.same(before[-1].idx, noun.idx):
                continue
            found.append(incident)
            if len(found) == count:
                return found
        return []  # fewer told than counted: which ones is not clear


def self_reference(tok: Token) -> bool:
    """A subject by which a speaking group means itself: "it", "the group", "its
    fighters", "one of its fighters"."""
    if tok.lower_ in SELF_REFERENCES or tok.lemma_.casefold() in SELF_REFERENCES:
        return True
    return tok.lower_ in COUNTED and any(
        p.lower_ in SELF_REFERENCES or p.lemma_.casefold() in SELF_REFERENCES | COUNTED_OWN
        for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
        for p in c.children if p.dep_ == "pobj")


def how_attributed(reading: Reading) -> str:
    """How a deed is attributed: in the author's voice a deed; "officials said X attacked"
    theirs; "X allegedly attacked", "is believed to be behind" a suspicion."""
    if reading.modality == Modality.ASSERTED and reading.source is None:
        return "deed"
    return "attributed" if reading.modality in (Modality.ASSERTED, Modality.REPORTED) \
        else "suspected"


def comments_on_claim(clause: Token) -> bool:
    """ "The BLA claimed, saying the post was used by informers": a participle after a
    comma comments on the claim; it is not what was claimed."""
    return clause.dep_ == "advcl" and clause.tag_ == "VBG" and clause.i > 0 and \
        clause.doc[clause.i - 1].text == "," and \
        not any(c.dep_ == "mark" for c in clause.children)


def doubted(tok: Token) -> bool:
    """Something above the clause negates or doubts it ("no evidence that the bomber was
    directed from X", "did not say that …"): an inference from it is not made."""
    for node in tok.ancestors:
        if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ in NEGATIVE_DETERMINERS)
               for c in node.children):
            return True
    return False


def copied(reading: Reading) -> Reading:
    return Reading(reading.polarity, reading.modality, list(reading.sources))
