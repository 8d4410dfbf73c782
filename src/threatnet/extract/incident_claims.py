"""Claims about incidents: where, what it struck, with what, how many, and who did it.

Each claim keeps how the text attributes it (docs/incidents.md, "claim coding"):
a deed in the author's voice is asserted; "X claimed responsibility" is X's own
claim (alleged, source X); "officials attributed the attack to X" is reported with
the officials as source; "suspected" is believed and "blamed" / "accused" alleged;
"X denied any involvement" is a negated claim with X as source; "no group claimed
responsibility" gives no claim at all. `qualifiers.attribution` names the case.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from threatnet.extract.arguments import NEGATIVE_SUBJECTS, RELATIVE_PRONOUNS, Arguments
from threatnet.extract.coref import Coreference
from threatnet.extract.frames import load_frames
from threatnet.extract.incident_doers import DoerReader
from threatnet.extract.incident_fields import RecordEntry
from threatnet.extract.incident_lexicon import IncidentLexicon, load_incident_lexicon
from threatnet.extract.incident_records import DocIncidents, FoundIncident
from threatnet.extract.incident_targets import Harm, IncidentFacts, TargetReader
from threatnet.extract.relations import RawClaim
from threatnet.extract.semantics import Reading, SemanticsReader, load_cues
from threatnet.extract.sentences import paragraph_numbers, sentence_of
from threatnet.model import Entity, EntityType, Modality, Polarity, Source

PERPETRATORS = {EntityType.ARMED_GROUP, EntityType.ORGANIZATION, EntityType.PERSON}
ACCUSED = PERPETRATORS | {EntityType.STATE, EntityType.GOVERNMENT_BODY}
SCOPE_SENTENCES = 3  # an attribution with no incident named speaks of one this close
# words that stand for the incident just told: "claimed it", "was behind it"
INCIDENT_PRONOUNS = frozenset({"it", "this", "both"})
# "the two attacks", "the twin bombings"
COUNT_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "twin": 2, "double": 2}
# a group referred to by the words of its own spokesman: "the group was behind the attack"
SELF_REFERENCES = frozenset({"group", "outfit", "organisation", "organization", "movement",
                             "we", "it", "they", "fighter", "fighters", "men", "militant",
                             "militants", "mujahideen", "cadre", "cadres"})
# "one of its fighters", "two of our men": a group's own people, counted
COUNTED = frozenset({"one", "two", "three", "four", "five", "some", "several", "many"})
COUNTED_OWN = frozenset({"member", "soldier", "commando"})  # "one of its members"


def _self_reference(tok: Token) -> bool:
    """A subject by which a speaking group means itself: "it", "the group", "its
    fighters", "one of its fighters"."""
    if tok.lower_ in SELF_REFERENCES or tok.lemma_.casefold() in SELF_REFERENCES:
        return True
    return tok.lower_ in COUNTED and any(
        p.lower_ in SELF_REFERENCES or p.lemma_.casefold() in SELF_REFERENCES | COUNTED_OWN
        for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
        for p in c.children if p.dep_ == "pobj")


# a claim of no incident in particular: "has often claimed responsibility in the past"
HABITUAL = frozenset({"often", "frequently", "usually", "repeatedly", "previously", "past",
                      "regularly", "routinely", "sometimes", "typically", "generally"})

# "a faction of X" is not X: an accusation of an unnamed part credits no group
PART_NOUNS = frozenset({"faction", "splinter", "wing", "offshoot", "cell", "member",
                        "members", "affiliate"})


@dataclass
class IncidentClaim:
    """A claim about an incident, with its reading when the attribution cue decides it."""

    raw: RawClaim
    reading: Reading | None = None


class IncidentClaimMaker:
    """Builds the incident claims of one document."""

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

    def claims(self) -> list[IncidentClaim]:
        out: list[IncidentClaim] = []
        for incident in self.incidents.incidents:
            out += self._deeds(incident)
            out += self._facts(incident)
            for mention in incident.mentions:
                out += self._in_series(mention, incident)
                out += self._responsible(mention, incident)
        for i in self.incidents.cue_tokens:
            out += self._attribution(self.doc[i])
            out += self._identified(self.doc[i])
        return out

    def incident_at(self, tok: Token) -> FoundIncident | None:
        entity = self.token_entity.get(tok.i)
        found = self.incidents.of_entity(entity) if entity else None
        clause = tok.head
        if found is None and clause.dep_ in ("ccomp", "xcomp") and \
                clause.head.dep_ == "relcl":
            clause = clause.head  # "the bombing, which the group said it had carried out"
        if found is None and tok.dep_ in ("dobj", "nsubjpass") and \
                tok.lower_ in ("which", "that") and clause.dep_ == "relcl":
            # "the attack … the previous month, which India blamed on X": the noun the
            # relative clause hangs from, or the phrase that noun is part of
            node = clause.head
            for _ in range(3):
                if node.i in self.mentioned or node.i in self.token_entity:
                    return self.incident_at(node)
                node = node.head
            return None
        return found or self.mentioned.get(tok.i)

    # -- what happened ----------------------------------------------------------

    def _facts(self, incident: FoundIncident) -> list[IncidentClaim]:
        inc = incident.entity.id
        facts = self.facts.get(inc)
        out = []
        if incident.places and incident.triggers:
            # the finest place; where that is a site or village only the text names
            # ("Kaaj education centre"), the known place it lies in as well
            first = self.entities[incident.places[0]]
            known = [p for p in incident.places[1:] if p in self.entities and
                     self.entities[p].pack_id] \
                if not first.pack_id or first.type == EntityType.INFRASTRUCTURE else []
            for place in [incident.places[0], *known[:1]]:
                out.append(IncidentClaim(RawClaim(inc, "occurred_in", place,
                                                  incident.triggers[0]),
                                         self._presupposed(incident.triggers[0])))
        if facts is None:
            return out
        for harm in facts.harms:  # first: a target counted is one claim, with its counts
            qualifiers = {**self._typed(harm.victim), **harm.counts}
            out.append(IncidentClaim(RawClaim(inc, "targets", harm.victim, harm.verb,
                                              qualifiers=qualifiers),
                                     self._tally(harm) or self._told_of(harm, incident)))
        for trigger, target in facts.targets:
            doers = self._doers(trigger)
            qualifiers = self._typed(target)
            deed = self._deed_reading(trigger, doers) if doers else None
            if deed is not None and deed.source is not None and (
                    deed.source.entity in doers or
                    any(d in doers for d in self._speaking_groups(trigger))):
                # "the group said its men had targeted …": the group's own claim
                deed.hedge(self.lex.responsibility_modality)
            for doer in doers:  # as certain as who did it: "suspected X militants attacked"
                out.append(IncidentClaim(RawClaim(doer, "attacks", target, trigger,
                                                  qualifiers=dict(qualifiers)),
                                         _copy(deed) if deed is not None else None))
            if deed is None or deed.modality != Modality.ASSERTED or deed.source:
                # "suspected militants of X ambushed a convoy": that the incident struck the
                # convoy is the author's fact, whoever did it
                out.append(IncidentClaim(RawClaim(inc, "targets", target, trigger,
                                                  qualifiers=dict(qualifiers)),
                                         self._presupposed(trigger)))
        for tok, capability in facts.tactics:
            out.append(IncidentClaim(RawClaim(inc, "uses", capability, tok),
                                     self._presupposed(tok)))
        return out

    def _told_of(self, harm: Harm, incident: FoundIncident) -> Reading | None:
        """ "X claimed the bombing … which killed seven employees of the CIA": the dead are
        what the incident did (the author's), as what it struck is."""
        verb = harm.verb
        if verb is None or verb.dep_ not in ("relcl", "acl") or \
                verb.head not in incident.mentions:
            return None
        return self._presupposed(verb.head)

    def _tally(self, harm: Harm) -> Reading | None:
        """ "Security officials later put the toll at 27": the officials' count."""
        verb = harm.verb
        if verb is None or verb.lemma_.casefold() not in self.lex.toll_verbs:
            return None
        # "officials / one early count put the toll at 27"; never "the toll rose to 62"
        teller = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if teller is None or not any(c.dep_ == "dobj" for c in verb.children):
            return None
        reading = self._read(verb)
        self._speaker(verb, reading)
        reading.hedge(Modality.REPORTED)
        return reading

    def _deed_reading(self, trigger: Token, doers: list[str]) -> Reading:
        """How certain who did a deed is ("suspected X militants attacked": believed;
        "officials said X attacked": reported, theirs)."""
        reading = self.reader.read(trigger.sent.root, clause=True) \
            if any(self._named_apart(trigger, d) for d in doers) else self.reader.read(trigger)
        self._subject_hedges(trigger, reading)
        return reading

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

    def _presupposed(self, trigger: Token) -> Reading | None:
        """ "X claimed the March attack on the Gwadar complex", "blamed X for the bombing
        near the airport": who did it is X's claim or the accusers'; that the attack
        happened there, with what, against whom, is taken as known (the author's)."""
        node = trigger
        while node.dep_ in ("compound", "amod", "nmod") and node.head.pos_ == "NOUN":
            node = node.head  # "Sunday's suicide attack": the weapon word of the deed noun
        if node.pos_ != "NOUN" and not (node.tag_ == "VBG" and node.dep_ == "pcomp"):
            return None  # a noun, or a gerund: "claimed responsibility for killing …"
        for _ in range(4):
            if node.dep_ not in ("dobj", "pobj", "pcomp", "prep", "nsubjpass", "conj") or \
                    node.head.i == node.i:
                return None
            node = node.head
            lemma = node.lemma_.casefold()
            if node.pos_ == "VERB" and (lemma in self.lex.responsibility_verbs or
                                        lemma in self.lex.attribution_verbs or
                                        lemma in self.lex.denial_verbs):
                return Reading()
        return None

    def _typed(self, entity: str) -> dict[str, str]:
        kind = self.targets.target_type(self.entities[entity])
        return {"target_type": kind} if kind else {}

    # -- who did it ---------------------------------------------------------------

    def _doers(self, trigger: Token) -> list[str]:
        """Who the deed names as its doer: a verb's subject; a noun's possessor, modifier
        or "by" phrase ("a TTP attack", "an attack by X"), never the subject of the verb
        that governs it ("X praised the attack")."""
        if trigger.pos_ == "VERB":
            found = self.args.subjects(trigger)
            if not any(self.types[e] in PERPETRATORS for e in found):
                # "Militants of the Lashkar-e-Jhangvi opened fire", misparsed
                found += self.doer_reader.groups(trigger)
        else:
            found = [e for c in trigger.children if c.dep_ in ("poss", "compound")
                     for e in self.args.entities(c)]
            found += [e for c in trigger.children if c.dep_ == "prep" and c.lower_ == "by"
                      for p in c.children if p.dep_ == "pobj"
                      for e in self.args.entities(p)]  # "an attack by X"
        return [e for e in found if self.types[e] in PERPETRATORS and
                not self._only_in_dateline(e, trigger)]

    def _only_in_dateline(self, entity: str, trigger: Token) -> bool:
        """ "PESHAWAR, June 25 (Reuters) - Gunmen attacked": the agency is no doer."""
        if self.incidents.dateline is None:
            return False
        start, end = self.incidents.dateline
        sent = sentence_of(trigger)
        inside = [m for m in self.entities[entity].mentions
                  if sent.start_char <= m.start < sent.end_char]
        return bool(inside) and all(start <= m.start < end for m in inside)

    def _deeds(self, incident: FoundIncident) -> list[IncidentClaim]:
        out = []
        for trigger in incident.triggers:
            if trigger.i in self.token_entity and incident.entity.pack_id and \
                    trigger.pos_ != "VERB":
                continue  # a named event's own name says nothing of who did it
            for doer in self._doers(trigger):
                reading = self.reader.read(trigger.sent.root, clause=True) \
                    if self._named_apart(trigger, doer) else self.reader.read(trigger)
                self._subject_hedges(trigger, reading)
                how = "deed"
                if reading.source is not None and (
                        reading.source.entity == doer or
                        doer in self._speaking_groups(trigger)):
                    # "the group said it had targeted …", "'We attacked …,' its
                    # spokesman said": the group's own claim
                    reading.hedge(self.lex.responsibility_modality)
                    how = "claimed"
                else:
                    how = _how(reading)
                out.append(self._perpetrated(doer, incident, trigger, reading, how))
        return out

    def _named_apart(self, trigger: Token, doer: str) -> bool:
        """ "two bombers blew themselves up …; a faction calling itself X said it was
        responsible": a doer named only in another clause of the sentence."""
        sent = trigger.sent
        if trigger.pos_ != "VERB" or trigger.dep_ != "ccomp" or sent.root == trigger:
            return False
        inside = [i for i in range(sent.start, sent.end) if self.token_entity.get(i) == doer]
        return bool(inside) and not any(trigger.left_edge.i <= i <= trigger.right_edge.i
                                        for i in inside)

    def _subject_hedges(self, verb: Token, reading: Reading) -> None:
        """ "suspected TTP militants attacked": the hedge on the subject is the claim's."""
        if verb.pos_ == "VERB":
            hedge = self.doer_reader.hedge(verb)
            if hedge is not None:
                reading.hedge(hedge)
                return
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                for tok in child.subtree:
                    if tok.dep_ == "amod" and tok.lemma_.casefold() in self.hedges:
                        reading.hedge(self.hedges[tok.lemma_.casefold()])

    def _perpetrated(self, doer: str, incident: FoundIncident, tok: Token, reading: Reading,
                     how: str) -> IncidentClaim:
        # a state accused of an attack is accused of a part in it, not of carrying it out
        predicate = "involved_in" if self.types[doer] in (EntityType.STATE,
                                                          EntityType.GOVERNMENT_BODY) \
            else "perpetrated"
        raw = RawClaim(doer, predicate, incident.entity.id, tok,
                       qualifiers={"attribution": how})
        return IncidentClaim(raw, reading)

    def _attribution(self, tok: Token) -> list[IncidentClaim]:
        lemma = tok.lemma_.casefold()
        if tok.pos_ == "VERB" and tok.i not in self.mentioned and \
                (lemma in self.lex.verbs or lemma in self.lex.doer_deeds or
                 lemma in self.lex.sending_verbs):
            return self._own_deed(tok)
        if lemma not in self.cue_lemmas and tok.lower_ not in self.lex.involvement_words:
            return []
        if tok.pos_ == "NOUN" and lemma in self.lex.responsibility_nouns:
            verb = self._taking(tok)
            if verb is None:
                return []
            # "claimed responsibility for the two bombings": each of them
            counted = [(p, incident) for c in tok.children
                       if c.dep_ == "prep" and c.lower_ == "for"
                       for p in c.children if p.dep_ == "pobj"
                       for incident in self._counted(p)]
            if counted:
                return [c for p, incident in counted
                        for c in self._responsibility(verb, p, incident)]
            return self._responsibility(verb, tok)
        if tok.lower_ in self.lex.involvement_words:
            return self._involved(tok)
        if tok.lemma_.casefold() in self.lex.hallmarks or tok.lower_ in self.lex.hallmarks:
            return self._hallmarks(tok)
        if tok.pos_ == "VERB" and self._deed_verb(tok) and not (
                lemma in self.lex.planned_verbs and
                any(c.dep_ == "nsubjpass" for c in tok.children)):
            return self._carried_out(tok)  # ("had been planned in X": `_planned`)
        if (tok.pos_ == "NOUN" or (tok.pos_ == "PROPN" and tok.i not in self.token_entity)) \
                and (lemma in self.lex.suspicion_nouns or tok.lower_ in self.lex.suspicion_nouns):
            return self._suspect_noun(tok)  # "Suspicion fell on X" ("Suspicion" as a name)
        if tok.pos_ != "VERB" and not (tok.pos_ == "ADP" and lemma in self.lex.behind) and \
                not (tok.pos_ == "AUX" and lemma == "be" and tok.dep_ != "aux"):
            return []  # the copula is a verb of its own: "the bomber was part of X"
        if lemma in self.lex.responsibility_verbs:
            objects = [c for c in tok.children if c.dep_ == "dobj"]
            if any(c.dep_ == "agent" for c in tok.children):  # "… was claimed by X"
                objects += [c for c in tok.children if c.dep_ == "nsubjpass"]
            objects += [c for o in objects for c in o.conjuncts]  # "claimed X and Y"
            claimed = [o for o in objects if self.incident_at(o) or
                       (o.lower_ in INCIDENT_PRONOUNS and o.pos_ in ("PRON", "DET"))]
            if not objects and self._bare_claim(tok):
                return self._responsibility(tok, None)  # "The BLF claimed."
            out = [c for o in dict.fromkeys(claimed) for c in self._responsibility(tok, o)]
            for obj in objects:  # "LeJ claimed both attacks"
                for incident in self._counted(obj):
                    out += self._responsibility(tok, obj, incident)
            return out
        if lemma in self.lex.doer_ties and any(c.dep_ == "nsubjpass" and (
                c.lemma_.casefold() in self.lex.anonymous or
                c.lemma_.casefold() in self.lex.perpetrator_kinds) for c in tok.children):
            return self._membership(tok)  # "the attackers were linked to X"
        if lemma in self.lex.attribution_verbs:
            return self._attributed(tok, self.lex.attribution_verbs[lemma])
        if lemma in self.lex.denial_verbs:
            return self._denied(tok)
        if lemma in self.lex.planned_verbs:
            return self._planned(tok)
        if lemma == "be" and any(c.dep_ == "attr" and c.lemma_.casefold() in
                                 self.lex.work_nouns for c in tok.children):
            return self._work_of(tok)
        if lemma in self.lex.membership_verbs or lemma == "be":
            return self._membership(tok)
        if lemma == "have" and any(c.dep_ == "dobj" and c.lower_ == "nothing" and any(
                d.lemma_ == "do" for d in c.children) for c in tok.children):
            return self._nothing_to_do(tok)
        if lemma == "have":
            return self._no_part(tok)
        if lemma in self.lex.behind:
            objects = [p for p in tok.children if p.dep_ == "pobj"]
            incident = next((self.incident_at(p) for p in objects if self.incident_at(p)),
                            None)
            if incident is None and any(p.lower_ in INCIDENT_PRONOUNS for p in objects):
                incident = self._incident_near(tok, [], reach=2)  # "was behind it"
            if incident is None or tok.head.pos_ not in ("AUX", "VERB"):
                return []
            return self._behind(tok.head, tok, incident)
        return []

    def _taking(self, noun: Token) -> Token | None:
        """The verb that takes a responsibility noun: "claimed responsibility", "took
        responsibility"; where the parser made the verb a modifier of the noun ("The BLF
        owned responsibility for …" read as an adjective), that modifier with its subject."""
        verbs = self.lex.responsibility_verbs | self.lex.responsibility_noun_verbs
        if noun.head.i != noun.i and noun.head.lemma_.casefold() in verbs:
            return noun.head
        taking = next((c for c in noun.children if c.dep_ == "amod" and
                       c.tag_ in ("VBD", "VBG") and c.lemma_.casefold() in verbs), None)
        if taking is None or any(d.dep_ == "nsubj" for d in taking.children):
            return taking
        # "X released a video claiming responsibility for …", the participle read as an
        # adjective: the verb that issued it, with its subject
        head = noun.head
        return head if taking.tag_ == "VBG" and noun.dep_ == "dobj" and \
            head.pos_ == "VERB" and any(d.dep_ == "nsubj" for d in head.children) else None

    def _behind(self, verb: Token, tok: Token, incident: FoundIncident,
                negated: bool = False) -> list[IncidentClaim]:
        """ "Officials said X was behind the attack"; "the TTP's spokesman said the group
        was behind it" (the group's own claim); "X was not involved" (a denial)."""
        doers = [e for e in self.args.subjects(verb) if self.types[e] in ACCUSED] or \
            [e for e in self.doer_reader.groups(verb) if self.types[e] in ACCUSED] or \
            [e for c in verb.children if c.dep_ == "nsubjpass" and
             verb.lower_ in self.lex.involvement_words  # "whether X was involved"
             for e in self.args.entities(c) if self.types[e] in ACCUSED]
        speakers = self._speaking_groups(verb)
        if speakers and any(c.dep_ in ("nsubj", "nsubjpass") and
                            _self_reference(c) for c in verb.children):
            # "its spokesman said the group was behind it", "the BLA's Majeed Brigade said
            # it had carried out the bombing": a group speaking of itself
            doers = speakers
        # "the BLA said its Majeed Brigade had carried it out": the speaker's own unit
        own_unit = bool(speakers) and any(
            c.dep_ in ("nsubj", "nsubjpass") and any(
                p.dep_ == "poss" and p.lower_ in ("its", "our", "their") for p in c.children)
            for c in verb.children)
        reading = self._read(verb)
        negated = negated or reading.polarity == Polarity.NEGATED  # "was not behind it"
        if negated:
            reading.polarity = Polarity.NEGATED
            reading.hedge(Modality.REPORTED)
        out = []
        for doer in dict.fromkeys(doers):
            own = _copy(reading)
            how = "denied" if negated else _how(own)
            if (doer in speakers or own_unit) and not negated:
                own.hedge(self.lex.responsibility_modality)  # the group's own word
                how = "claimed"
            out.append(self._perpetrated(doer, incident, tok, own, how))
        return out

    def _speaking_groups(self, verb: Token) -> list[str]:
        """The groups whose spokesman, commander or statement says the clause of `verb`
        ("A TTP spokesman said …", "In a statement, the BLA said …")."""
        node = verb
        for _ in range(3):
            if node.dep_ not in ("ccomp", "conj") or node.head.i == node.i:
                break
            node = node.head
            if node.pos_ == "VERB" and node.lemma_.casefold() in self.lex.speech_verbs:
                return [e for e in self._claimants(node)
                        if self.types[e] in (EntityType.ARMED_GROUP, EntityType.ORGANIZATION)]
        return []

    def _involved(self, tok: Token) -> list[IncidentClaim]:
        """ "X was involved in the attack" (read as "behind"), "the group was not
        involved" (a denial). An "in" phrase that names no incident ("involved in attacks on
        police") is a record, no incident's."""
        verb = tok.head if tok.dep_ in ("acomp", "attr", "oprd") else tok
        if verb.pos_ not in ("AUX", "VERB") or not any(
                c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            return []
        places = [p for c in tok.children if c.dep_ == "prep" and c.lower_ in ("in", "for")
                  for p in c.children if p.dep_ in ("pobj", "pcomp")]
        incident = next((self.incident_at(p) for p in places if self.incident_at(p)), None)
        if incident is None and (places and not any(p.lower_ in INCIDENT_PRONOUNS
                                                    for p in places)):
            return []
        incident = incident or self._incident_near(tok, [], reach=2)
        if incident is None or _doubted(verb):
            return []
        negated = any(c.dep_ == "neg" for c in [*verb.children, *tok.children])
        out = self._behind(verb, tok, incident, negated=negated)
        if tok.pos_ == "VERB" and any(c.dep_ == "nsubjpass" for c in tok.children):
            for claim in out:  # "X was involved in the attack": a part in it, as written
                claim.raw.predicate = "involved_in"
        return out

    def _deed_verb(self, verb: Token) -> bool:
        lemma = verb.lemma_.casefold()
        return lemma in self.lex.deed_verbs or any(
            c.dep_ == "prt" and f"{lemma} {c.lower_}" in self.lex.deed_verbs
            for c in verb.children)

    def _carried_out(self, verb: Token) -> list[IncidentClaim]:
        """ "The Majeed Brigade said it had carried out the bombing", "X conducted the
        attack": the subject did the incident its object names; a group's spokesman or
        statement speaking of "it", "its fighters", "the group" is the group's own claim.
        (A passive "was carried out by X" is the frames' reading.)"""
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        antecedent = None
        if not objects and verb.dep_ == "ccomp" and verb.head.dep_ == "relcl" and any(
                c.dep_ in ("dobj", "mark") and c.lower_ in ("which", "that")
                for c in verb.head.children):
            # "an attack which police said X had carried out", the relative pronoun read
            # as the object of "said" or as a conjunction: the incident it hangs from
            antecedent = self.incident_at(verb.head.head)
        # "said it had carried out both attacks": each of them
        incidents = [f for o in objects for f in self._counted(o)]
        incident = antecedent or next((self.incident_at(o) for o in objects
                                       if self.incident_at(o)), None)
        if incident is None and any(o.lower_ in INCIDENT_PRONOUNS for o in objects):
            incident = self._incident_near(verb, [], reach=2)
        incidents = incidents or ([incident] if incident is not None else [])
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if not incidents or _doubted(verb) or not subjects or any(
                c.lower_ in NEGATIVE_SUBJECTS or any(d.lower_ in ("no", "neither")
                                                     for d in c.children) for c in subjects):
            return []  # "no group carried out …" names no one
        negated = any(c.dep_ == "neg" for c in verb.children)  # "had not carried out": denied
        return [c for f in incidents for c in self._behind(verb, verb, f, negated=negated)]

    def _own_deed(self, verb: Token) -> list[IncidentClaim]:
        """ "Gunmen shot dead a police officer … The TTP said it had killed the officer":
        a group speaking of itself retells the deed just told, of the ones it struck
        ("the officer", "the two soldiers"): its own claim of that incident."""
        if verb.dep_ not in ("ccomp", "conj") or _doubted(verb):
            return []
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if not subjects or not all(_self_reference(s) for s in subjects) or \
                not self._speaking_groups(verb):
            return []
        incident = self._incident_near(verb, [], reach=1)
        if incident is None:
            return []
        told = {t.lemma_.casefold() for trigger in incident.triggers
                for t in sentence_of(trigger) if t.pos_ == "NOUN"}
        objects = [o for o in verb.children if o.dep_ == "dobj"]
        if verb.lemma_.casefold() in self.lex.sending_verbs:
            # "the TTP said it had sent him / the bomber": the doer the deed's sentence told
            kinds = self.lex.anonymous | frozenset(self.lex.perpetrator_kinds)
            if not told & kinds or not any(
                    o.lower_ in ("him", "her", "them") or
                    (o.lemma_.casefold() in kinds and any(d.lower_ in ("the", "these", "those")
                                                          for d in o.children))
                    for o in objects):
                return []
        elif not any(o.lemma_.casefold() in told and any(
                d.lower_ in ("the", "these", "those", "both") for d in o.children)
                for o in objects):
            return []
        # "said it had not killed the officer": a denial
        return self._behind(verb, verb, incident, negated=self._negated(verb))

    def _work_of(self, verb: Token) -> list[IncidentClaim]:
        """ "The attack was the work of X", "it was the TTP's handiwork": X did the
        incident the subject names, in the voice of the clause ("officials said": theirs)."""
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if not subjects and verb.dep_ == "xcomp":  # "the attack is thought to be the work of"
            subjects = [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        incident = next((self.incident_at(s) for s in subjects if self.incident_at(s)), None)
        if incident is None and any(s.lower_ in INCIDENT_PRONOUNS for s in subjects):
            incident = self._incident_near(verb, [], reach=2)
        if incident is None:
            return []
        works = [c for c in verb.children if c.dep_ == "attr" and
                 c.lemma_.casefold() in self.lex.work_nouns]
        owners = [p for w in works for c in w.children if c.dep_ == "prep" and
                  c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
        owners += [c for w in works for c in w.children if c.dep_ == "poss"]
        doers = [e for o in owners for e in self.args.entities(o) if self.types[e] in ACCUSED]
        reading = self._read(verb)
        negated = reading.polarity == Polarity.NEGATED
        return [self._perpetrated(d, incident, verb, _copy(reading),
                                  "denied" if negated else _how(reading))
                for d in dict.fromkeys(doers)]

    def _hallmarks(self, noun: Token) -> list[IncidentClaim]:
        """ "the attack bore the hallmarks of the TTP", "officials said it had the TTP's
        hallmarks": a suspicion of X."""
        verb = noun.head
        if noun.dep_ != "dobj" or verb.pos_ not in ("VERB", "AUX") or self._negated(verb):
            return []
        owners = [p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                  for p in c.children if p.dep_ == "pobj"]
        owners += [c for c in noun.children if c.dep_ in ("poss", "compound")]
        doers = [e for o in owners for e in self.args.entities(o) if self.types[e] in ACCUSED]
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        incident = next((self.incident_at(s) for s in subjects if self.incident_at(s)), None)
        if incident is None and any(s.lower_ in INCIDENT_PRONOUNS for s in subjects):
            incident = self._incident_near(verb, [], reach=2)
        if incident is None or not doers:
            return []
        reading = self._read(verb)
        reading.hedge(Modality.BELIEVED)
        return [self._perpetrated(d, incident, noun, _copy(reading), "suspected")
                for d in dict.fromkeys(doers)]

    def _bare_claim(self, verb: Token) -> bool:
        """ "The BLF claimed.", "The TTP later claimed responsibility" without an object
        or a content clause: a claim of the incident just told (never "as X claimed")."""
        return verb.dep_ in ("ROOT", "conj") and not any(
            (c.dep_ in ("ccomp", "xcomp", "advcl", "mark", "prep", "attr", "oprd") and
             not _comment(c)) for c in verb.children) and \
            any(c.dep_ == "nsubj" for c in verb.children)

    def _responsible(self, mention: Token, incident: FoundIncident) -> list[IncidentClaim]:
        """ "X was responsible for the attack", "LeT, the group responsible for the November
        2008 assault on Mumbai": X carried it out, in the voice of the clause ("held X
        responsible" is an attribution, read as one)."""
        prep = mention.head
        if mention.dep_ != "pobj" or prep.lower_ != "for" or \
                prep.head.lemma_.casefold() != "responsible":
            return []
        word = prep.head
        if word.dep_ in ("amod", "acl", "appos") and word.head.pos_ in ("NOUN", "PROPN"):
            holder = word.head
            doers = self.args.entities(holder) or \
                (self.args.entities(holder.head) if holder.dep_ == "appos" else [])
            verb = holder.head
            if holder.dep_ == "dobj" and verb.lemma_.casefold() in self.lex.attribution_verbs:
                return []  # "officials held X responsible for it": their attribution
        elif word.dep_ == "acomp" and word.head.lemma_.casefold() not in \
                self.lex.attribution_verbs:
            verb = word.head
            doers = self.args.subjects(verb)
        else:
            return []
        doers = [d for d in doers if self.types.get(d) in PERPETRATORS]
        if not doers or self._negated(verb) or _doubted(word):
            return []
        reading = self.reader.read(verb)
        return [self._perpetrated(d, incident, mention, _copy(reading), _how(reading))
                for d in dict.fromkeys(doers)]

    def _in_series(self, mention: Token, incident: FoundIncident) -> list[IncidentClaim]:
        """ "the group carried out a series of attacks that included an August 2018
        bombing, the November 2018 assault …": each one listed is the group's deed (its
        claim, when the verb claims)."""
        node = mention
        for _ in range(8):  # up the list: "A against a bus in X, the November assault …"
            if node.dep_ in ("dobj", "pobj") and \
                    node.head.lemma_.casefold() in self.lex.series_members:
                break
            if node.dep_ not in ("conj", "appos", "pobj", "prep", "acl", "dobj") or \
                    node.head.i == node.i:
                return []
            node = node.head
        member = node.head
        if node.dep_ not in ("dobj", "pobj") or \
                member.lemma_.casefold() not in self.lex.series_members:
            return []
        group = member.head if member.dep_ in ("relcl", "prep", "acl") else None
        if group is not None and group.dep_ == "pobj" and group.head.lower_ == "of":
            group = group.head.head  # "a series of attacks that included …"
        if group is None or group.dep_ != "dobj" or not (
                group.lemma_.casefold() in self.lex.series_nouns or
                (group.tag_ == "NNS" and group.lemma_.casefold() in self.lex.nouns)):
            return []
        verb = group.head
        if verb.pos_ != "VERB" or self._negated(verb) or _doubted(verb):
            return []
        claims = verb.lemma_.casefold() in self.lex.responsibility_verbs
        doers = [e for e in (self._claimants(verb) if claims else self.args.subjects(verb))
                 if self.types.get(e) in PERPETRATORS]
        if not doers:
            return []
        reading = self.reader.read(verb)
        if claims:
            self._speaker(verb, reading)
            reading.hedge(self.lex.responsibility_modality)
        return [self._perpetrated(d, incident, mention, _copy(reading),
                                  "claimed" if claims else _how(reading)) for d in doers]

    def _identified(self, noun: Token) -> list[IncidentClaim]:
        """ "The bomber was X", "the bomber, X", "X, the only attacker captured alive",
        "officials named the bomber as X": the person named carried out the incident the
        doer took part in."""
        if noun.pos_ != "NOUN" or not ({noun.lemma_.casefold(), noun.lower_} &
                                       set(self.lex.perpetrator_kinds)):
            return []
        people = [a for a in noun.children if a.dep_ == "appos"]
        verb = None
        if noun.dep_ == "appos":
            people.append(noun.head)
        elif noun.dep_ == "nsubj" and noun.head.lemma_ == "be":
            verb = noun.head
            people += [c for c in verb.children if c.dep_ == "attr"]
        elif noun.dep_ == "dobj" and noun.head.lemma_.casefold() in \
                self.lex.identification_verbs:
            verb = noun.head
            people += [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"
                       for p in c.children if p.dep_ == "pobj"]
        if noun.dep_ != "appos" and not any(c.lower_ in ("the", "this", "that", "one")
                                            for c in noun.lefts):
            return []  # "a bomber, X": which incident's is not said ("one attacker, X" is)
        named = [e for p in people for e in self.args.entities(p)
                 if self.types.get(e) == EntityType.PERSON]
        if not named and verb is None:  # a misparsed apposition: by the commas around it
            named = self._person_beside(noun)
        if not named or (verb is not None and (self._negated(verb) or _doubted(verb))):
            return []
        incident = self._incident_near(noun, [], reach=2)
        if incident is None:
            return []
        reading = self.reader.read(verb if verb is not None else noun.head)
        if verb is not None and verb.lemma_ != "be":
            # "ISKP claimed the attack and named the bomber as X": the namer's word
            speaking = verb
            while speaking.dep_ == "conj" and not any(c.dep_ == "nsubj"
                                                      for c in speaking.children):
                speaking = speaking.head
            self._speaker(speaking, reading)
            if reading.sources:
                reading.hedge(Modality.REPORTED)
        return [self._perpetrated(p, incident, noun, _copy(reading), _how(reading))
                for p in dict.fromkeys(named)]

    def _person_beside(self, noun: Token) -> list[str]:
        """ "the bomber, Adil Ahmad Dar," / "Ajmal Kasab, the only attacker": the person
        named right after the doer's comma, or right before the comma that opens it."""
        doc = self.doc
        after, before = noun.i + 1, noun.left_edge.i - 1
        found: list[str] = []
        if after + 1 < len(doc) and doc[after].text == ",":
            for i in range(after + 1, min(after + 4, len(doc))):
                owner = self.token_entity.get(i)
                if owner and self.types.get(owner) == EntityType.PERSON:
                    found.append(owner)
                    break
                if doc[i].pos_ != "PROPN":
                    break
        if not found and before > 0 and doc[before].text == ",":
            owner = self.token_entity.get(before - 1)
            if owner and self.types.get(owner) == EntityType.PERSON:
                found.append(owner)
        return found

    def _claimants(self, verb: Token) -> list[str]:
        """Who claims or denies: the verb's subjects, and the group a spokesman or a
        commander speaks for ("the TTP's spokesman, X" is the TTP; "X, a TTP commander"
        is X and the TTP)."""
        found = [e for e in self.args.subjects(verb) if self.types[e] in ACCUSED] or \
            [e for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass")
             and c.i < verb.i for e in [self.token_entity.get(c.i)]
             if e and self.types[e] in ACCUSED]  # "IS-K claimed": "IS" read as an auxiliary
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
                    any(d.lower_ in ("no", "neither") for d in child.children)):
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
        last = max(t.i for t in latest.mentions if t.i < tok.i)
        close = len({sentence_of(t).start for t in self.doc[last:tok.i + 1]}) - 1
        # round 5 hook: a field record is one incident, however far its fields run
        in_record = isinstance(self.incidents.entries.at(tok.idx), RecordEntry)
        return latest if close <= reach or in_record else None

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
        if latest is None or any(f is not latest and any(t.i < tok.i for t in f.mentions)
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
        if speaker.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
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

    def _responsibility(self, verb: Token, claimed: Token | None,
                        incident: FoundIncident | None = None) -> list[IncidentClaim]:
        if self._negated(verb):
            return []
        bare = claimed is None or claimed.lower_ in INCIDENT_PRONOUNS
        incident = incident or self._incident_near(verb, [] if bare else [claimed],
                                                   reach=2 if bare else SCOPE_SENTENCES)
        if incident is None and bare:
            # "… 57 killed, incl. the guard; 194 injured. IS-K claimed.": a claim closing
            # the paragraph that tells the incident, however its tallies are cut
            incident = self._incident_near(verb, [], reach=SCOPE_SENTENCES)
            if incident is not None and not self._same_paragraph(incident, verb):
                incident = None
        if incident is None and verb.dep_ in ("ROOT", "conj") and \
                not any(t.lower_ in HABITUAL for t in verb.subtree) and \
                (bare or not any(c.dep_ == "prep" and c.lower_ in ("for", "of")
                                 for c in claimed.children)):
            incident = self._only_incident(verb)
        if incident is None:
            return []
        reading = self._read(verb)
        self._speaker(verb, reading)
        reading.hedge(self.lex.responsibility_modality)
        doers = [e for e in self._claimants(verb) if self.types[e] in PERPETRATORS]
        return [self._perpetrated(d, incident, claimed if claimed is not None else verb,
                                  _copy(reading), "claimed")
                for d in doers]

    def _attributed(self, verb: Token, modality: Modality) -> list[IncidentClaim]:
        if self._negated(verb):
            return []
        children = list(verb.children)
        preps = {c.lower_: [p for p in c.children if p.dep_ in ("pobj", "pcomp")]
                 for c in children if c.dep_ == "prep"}
        objects = [c for c in children if c.dep_ in ("dobj", "nsubjpass")]
        incident_words = [o for o in objects if self.incident_at(o)]
        group_words = [o for o in objects if not self.incident_at(o)]
        if not objects and verb.dep_ == "relcl" and self.incident_at(verb.head):
            # "in an attack police attributed to X": the noun the clause hangs from
            incident_words = [verb.head]
        for word in incident_words:  # "blamed the attack on X", "on" read as the noun's
            for c in word.children:
                if c.dep_ == "prep" and c.lower_ in ("to", "on") and c.lower_ not in preps:
                    preps[c.lower_] = [p for p in c.children if p.dep_ == "pobj"]
        for prep in ("to", "on"):  # "attributed the attack to X", "blamed it on X"
            if incident_words and prep in preps:
                group_words = preps[prep]
        complements = [w for prep in ("for", "of", "in") for w in preps.get(prep, [])]
        # "held X responsible (for the attack)": the incident hangs on "responsible"
        responsible = [t for c in children if c.dep_ != "prep"
                       for t in [c, *c.children] if t.lower_ == "responsible"]
        complements += [p for r in responsible for c in r.children
                        if c.dep_ == "prep" and c.lower_ == "for"
                        for p in c.children if p.dep_ in ("pobj", "pcomp")]
        # "held X responsible" read as a small clause: X is the subject of "responsible"
        group_words += [c for r in responsible if not group_words
                        for c in r.children if c.dep_ == "nsubj"]
        incident_words += complements  # "blamed X for the attack", "accused X of …"
        if not incident_words and not responsible and \
                verb.lemma_.casefold() not in ("suspect", "blame", "accuse"):
            return []
        if complements and not any(self.incident_at(t) for w in complements
                                   for t in w.subtree):
            return []  # "accused India of backing the group": not of the attack
        group_words = [w for w in group_words if self.token_entity.get(w.i) or
                       w.lemma_.casefold() not in PART_NOUNS]  # "a faction of the TTP"
        # "police suspect the involvement of the BLA", "suspected the BLA's hand"
        group_words = [g for w in group_words for g in (
            [p for c in w.children if c.dep_ == "prep" and c.lower_ == "of"
             for p in c.children if p.dep_ == "pobj"] +
            [c for c in w.children if c.dep_ == "poss"]
            if w.lemma_.casefold() in self.lex.denial_nouns and
            self.token_entity.get(w.i) is None else [w])]
        incident = self._incident_near(verb, incident_words)
        doers = [e for w in group_words for e in self.args.entities(w) or
                 self.doer_reader.of_noun(w)  # "X militants were blamed for it"
                 if self.types.get(e) in ACCUSED]
        if incident is None or not doers:
            return []
        reading = self._read(verb)
        if any(c.dep_ == "nsubj" for c in children) or any(c.dep_ == "agent" for c in children):
            self._speaker(verb, reading)
        reading.hedge(modality)
        how = {Modality.BELIEVED: "suspected", Modality.ALLEGED: "suspected"}.get(
            modality, "attributed")
        return [self._perpetrated(d, incident, verb, _copy(reading), how) for d in doers]

    def _denied(self, verb: Token) -> list[IncidentClaim]:
        if self._negated(verb):
            return []  # "the group has not denied it" is no denial
        children = list(verb.children)
        denied = [c for c in children if c.dep_ == "dobj" and
                  (c.lemma_.casefold() in self.lex.denial_nouns or self.incident_at(c) or
                   c.lower_ in ("it", "this"))]  # "disowned it"
        # "distanced itself from the attack", "dissociated itself from it"
        denied += [p for c in children if c.dep_ == "prep" and c.lower_ == "from"
                   for p in c.children if p.dep_ == "pobj" and
                   (self.incident_at(p) or p.lower_ in ("it", "this"))]
        clauses = [c for c in children if c.dep_ in ("ccomp", "xcomp")]
        if not denied and not clauses:
            return []
        incident = self._incident_near(verb, denied + clauses, reach=1)
        doers = self._claimants(verb)
        if incident is None or not doers:
            return []
        reading = self._read(verb)
        self._speaker(verb, reading)
        reading.polarity = Polarity.NEGATED
        reading.hedge(Modality.REPORTED)
        return [self._perpetrated(d, incident, verb, _copy(reading), "denied") for d in doers]


    def _nothing_to_do(self, verb: Token) -> list[IncidentClaim]:
        """ "the group had nothing to do with it": a denial, the group's own."""
        nothing = next(c for c in verb.children if c.dep_ == "dobj" and c.lower_ == "nothing")
        incident = self._incident_near(verb, [nothing], reach=1)
        doers = [e for e in self.args.subjects(verb) if self.types[e] in ACCUSED]
        if incident is None or not doers:
            return []
        reading = self.reader.read(verb)
        reading.polarity = Polarity.NEGATED
        reading.hedge(Modality.REPORTED)
        return [self._perpetrated(d, incident, verb, _copy(reading), "denied") for d in doers]

    def _suspect_noun(self, noun: Token) -> list[IncidentClaim]:
        """ "Suspicion fell on X", "X is the prime suspect", "police named X as the main
        suspect": a suspicion of X (believed), the namer's where the text names one."""
        head = noun.head
        if noun.dep_ == "nsubj":  # "suspicion fell on X"
            verb = head
            accused = [p for c in verb.children if c.dep_ == "prep" and
                       c.lower_ in ("on", "upon", "at", "to") for p in c.children
                       if p.dep_ == "pobj"]
        elif noun.dep_ == "attr" and head.lemma_ == "be":  # "X is the prime suspect"
            verb = head
            accused = [c for c in verb.children if c.dep_ == "nsubj"]
        elif noun.dep_ == "pobj" and head.lower_ == "as" and head.head.pos_ == "VERB":
            verb = head.head  # "police named X as the main suspect"
            accused = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
        else:
            return []
        if self._negated(verb) or _doubted(verb):
            return []
        doers = [e for a in accused for e in self.args.entities(a) or
                 self.doer_reader.of_noun(a) if self.types.get(e) in PERPETRATORS]
        about = [p for c in noun.children if c.dep_ == "prep" and c.lower_ in ("in", "for")
                 for p in c.children if p.dep_ == "pobj"]
        if about and not any(self.incident_at(t) for p in about for t in p.subtree):
            return []  # "the main suspect in a land dispute"
        incident = self._incident_near(noun, about, reach=2)
        if incident is None or not doers:
            return []
        reading = self._read(verb)
        if noun.dep_ == "pobj":
            self._speaker(verb, reading)
        reading.hedge(Modality.BELIEVED)
        return [self._perpetrated(d, incident, noun, _copy(reading), "suspected")
                for d in dict.fromkeys(doers)]

    def _no_part(self, verb: Token) -> list[IncidentClaim]:
        """ "X said it had no link to the attack", "the group has no role in it": a
        denial, the group's own (or what others say of it)."""
        parts = [c for c in verb.children if c.dep_ == "dobj" and
                 c.lemma_.casefold() in self.lex.no_part_nouns and
                 any(d.dep_ == "det" and d.lower_ == "no" for d in c.children)]
        if not parts or _doubted(verb):
            return []
        about = [p for c in parts for prep in c.children if prep.dep_ == "prep" and
                 prep.lower_ in ("in", "to", "with", "behind") for p in prep.children
                 if p.dep_ == "pobj"]
        incident = next((self.incident_at(p) for p in about if self.incident_at(p)), None)
        if incident is None and (not about or any(p.lower_ in INCIDENT_PRONOUNS
                                                  for p in about)):
            incident = self._incident_near(verb, [], reach=1)
        if incident is None:
            return []
        return self._behind(verb, verb, incident, negated=True)

    def _planned(self, verb: Token) -> list[IncidentClaim]:
        """ "the attack had been planned in Afghanistan", "the gunmen had been guided from
        Afghanistan": the state named is accused of a part in the incident."""
        if self._negated(verb) or _doubted(verb):
            return []
        states = [e for c in verb.children if c.dep_ == "prep" and
                  c.lower_ in self.lex.planned_preps for p in c.children if p.dep_ == "pobj"
                  for t in [p, *p.children] for e in [self.token_entity.get(t.i)]
                  if e and self.types[e] == EntityType.STATE]
        themes = [c for c in verb.children if c.dep_ in ("nsubjpass", "dobj")]
        about = [self.incident_at(t) for t in themes if self.incident_at(t)]
        doers = [t for t in themes if t.lemma_.casefold() in self.lex.anonymous |
                 set(self.lex.perpetrator_kinds)]
        incident = about[0] if about else \
            (self._incident_near(verb, [], reach=2) if doers else None)
        if incident is None or not states:
            return []
        reading = self.reader.read(verb)
        reading.hedge(Modality.REPORTED)
        return [self._perpetrated(s, incident, verb, _copy(reading), "attributed")
                for s in dict.fromkeys(states)]

    def _membership(self, verb: Token) -> list[IncidentClaim]:
        """ "the bomber was part of a network of X", "the attackers belonged to X": X
        carried out the incident those attackers carried out."""
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None and verb.lemma_.casefold() in self.lex.doer_ties:
            # "the attackers were linked to X", "the bomber was affiliated with X"
            subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        if subject is None or self._negated(verb) or _doubted(verb) or \
                subject.lemma_.casefold() not in self.lex.anonymous | \
                set(self.lex.perpetrator_kinds) or \
                not any(c.lower_ in ("the", "this", "these") for c in subject.lefts):
            return []
        held = [c for c in verb.children if c.dep_ in ("attr", "prep")]
        if verb.lemma_ == "be" and not any(c.lemma_.casefold() in self.lex.membership_nouns
                                           for c in held):
            return []
        # "a network of X, a group that split from Y": X, not what the relative says of X
        told = {t.i for c in held for t in c.subtree if t.dep_ in ("relcl", "acl")
                for t in t.subtree}
        groups = [e for c in held for t in c.subtree for e in [self.token_entity.get(t.i)]
                  if e and self.types[e] == EntityType.ARMED_GROUP and t.i not in told]
        incident = self._incident_near(verb, [], reach=SCOPE_SENTENCES)
        if incident is None or not groups:
            return []
        reading = self.reader.read(verb)
        return [self._perpetrated(g, incident, verb, _copy(reading), _how(reading))
                for g in dict.fromkeys(groups)]


def _how(reading: Reading) -> str:
    """How a deed is attributed: in the author's voice a deed; "officials said X attacked"
    theirs; "X allegedly attacked", "is believed to be behind" a suspicion."""
    if reading.modality == Modality.ASSERTED and reading.source is None:
        return "deed"
    return "attributed" if reading.modality in (Modality.ASSERTED, Modality.REPORTED) \
        else "suspected"


def _comment(clause: Token) -> bool:
    """ "The BLA claimed, saying the post was used by informers": a participle after a
    comma comments on the claim; it is not what was claimed."""
    return clause.dep_ == "advcl" and clause.tag_ == "VBG" and clause.i > 0 and \
        clause.doc[clause.i - 1].text == "," and \
        not any(c.dep_ == "mark" for c in clause.children)


def _doubted(tok: Token) -> bool:
    """Something above the clause negates or doubts it ("no evidence that the bomber was
    directed from X", "did not say that …"): an inference from it is not made."""
    for node in tok.ancestors:
        if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ in ("no", "neither"))
               for c in node.children):
            return True
    return False


def _copy(reading: Reading) -> Reading:
    return Reading(reading.polarity, reading.modality, list(reading.sources))


def overrides(own: list[IncidentClaim], others: list[RawClaim]) -> list[RawClaim]:
    """The other extractors' claims, less those an attribution cue has coded anew: who
    did an incident, in a sentence where a claim of our own says who did it; and a
    weapon an incident's anonymous doers used, which is the incident's (its `uses`
    claim), not a stated capability of the group the doers were taken for.

    What another extractor says the same doer attacked in that sentence is as certain as
    our claim of who did it ("the attack on a police post was claimed by X": X's word,
    never the author's): its reading, a copy of ours, is appended to `own`."""
    perpetrated = [c for c in own if c.raw.predicate in ("perpetrated", "involved_in")]
    decided = {(c.raw.object, sentence_of(c.raw.trigger).start) for c in perpetrated}
    told = {(c.raw.subject, sentence_of(c.raw.trigger).start): c.reading
            for c in perpetrated if c.reading is not None and
            c.raw.qualifiers.get("attribution") != "deed"}
    for c in perpetrated:  # a deed the author tells in the same sentence stands
        if c.raw.qualifiers.get("attribution") == "deed":
            told.pop((c.raw.subject, sentence_of(c.raw.trigger).start), None)
    armed = {sentence_of(c.raw.trigger).start for c in own if c.raw.predicate == "uses"}
    kept = []
    for c in others:
        if c.predicate in ("perpetrated", "involved_in") and \
                (c.object, sentence_of(c.trigger).start) in decided:
            continue
        if c.predicate == "uses" and sentence_of(c.trigger).start in armed and \
                _anonymous_doer(c.trigger):
            continue
        reading = told.get((c.subject, sentence_of(c.trigger).start)) \
            if c.predicate == "attacks" else None
        if reading is not None:
            own.append(IncidentClaim(c, _copy(reading)))
        kept.append(c)
    return kept


def _anonymous_doer(verb: Token) -> bool:
    """ "Three gunmen stormed the campus, throwing grenades": the doers of the deed are
    named by no group word of their own (a group reached through them is inferred)."""
    lex = load_incident_lexicon()
    for _ in range(3):
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            words = list(subject.subtree)
            return subject.lemma_.casefold() in lex.anonymous and not any(
                t.dep_ in ("poss", "compound", "nmod", "amod", "prep") and t.pos_ in
                ("PROPN", "PRON", "ADP") for t in words)
        if verb.dep_ not in ("advcl", "conj", "xcomp") or verb.head.i == verb.i:
            return False
        verb = verb.head
    return False


__all__ = ["IncidentClaim", "IncidentClaimMaker", "overrides"]
