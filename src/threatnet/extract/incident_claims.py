"""Claims about incidents: where, what it struck, with what, how many, and who did it.

Each claim keeps how the text attributes it (docs/incidents.md, "claim coding"):
a deed in the author's voice is asserted; "X claimed responsibility" is X's own
claim (alleged, source X); "officials attributed the attack to X" is reported with
the officials as source; "suspected" is believed and "blamed" / "accused" alleged;
"X denied any involvement" is a negated claim with X as source; "no group claimed
responsibility" gives no claim at all. `qualifiers.attribution` names the case.

This module makes the claims of the deed sentences themselves ("TTP militants attacked
a police post": the doer, the target, the place, the weapon, the tally) and gathers the
rest: the responsibility sentences are read by `extract.incident_attributions`, on the
voices of `extract.incident_voices`.
"""

from __future__ import annotations

from spacy.tokens import Token

from threatnet.extract.incident_attributions import AttributionReader
from threatnet.extract.incident_lexicon import load_incident_lexicon
from threatnet.extract.incident_records import FoundIncident
from threatnet.extract.incident_targets import Harm
from threatnet.extract.incident_voices import (
    OWNED_DEED_NOUNS,
    PERPETRATORS,
    IncidentClaim,
    copied,
    doubted,
    how_attributed,
)
from threatnet.extract.relations import RawClaim
from threatnet.extract.semantics import Reading
from threatnet.extract.sentences import sentence_of
from threatnet.model import EntityType, Modality


class IncidentClaimMaker(AttributionReader):
    """Builds the incident claims of one document."""

    def claims(self) -> list[IncidentClaim]:
        out: list[IncidentClaim] = []
        for incident in self.incidents.incidents:
            out += self._deeds(incident)
            out += self._facts(incident)
            for mention in incident.mentions:
                out += self._in_series(mention, incident)
                out += self._responsible(mention, incident)
                out += self._owned(mention, incident)
        for i in self.incidents.cue_tokens:
            out += self._attribution(self.doc[i])
            out += self._identified(self.doc[i])
        return out + self._parents(out)

    def _owned(self, mention: Token, incident: FoundIncident) -> list[IncidentClaim]:
        """ "The TTP's deadliest attack, the 2014 assault on the Army Public School, …",
        "LeT's most notorious operation was the Mumbai attacks", "the group's bloodiest
        attacks were A and B": a group's own deed, named; as certain as the clause."""
        node = mention
        listed = node.dep_ == "conj"
        while node.dep_ == "conj" and node.head.i != node.i:
            node = node.head
        # "A on the consulate in Karachi and B": the parser may join B to a word inside A
        for _ in range(4 if listed else 0):
            if node.dep_ in ("appos", "attr") or node.head.i == node.i:
                break
            node = node.head
        if node.dep_ == "appos":
            deed, verb = node.head, node.head.head
        elif node.dep_ == "attr" and node.head.lemma_ == "be":
            verb = node.head
            deed = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        else:
            return []
        if deed is None or self.mentioned.get(deed.i, incident) is not incident or not (
                deed.lemma_.casefold() in self.lex.nouns or
                deed.lemma_.casefold() in OWNED_DEED_NOUNS):
            return []
        doers = [e for c in deed.children if c.dep_ == "poss"
                 for e in self.args.entities(c) if self.types.get(e) in PERPETRATORS]
        if not doers or self._negated(verb) or doubted(verb):
            return []
        reading = self.reader.read(verb)
        return [self._perpetrated(d, incident, mention, copied(reading),
                                  how_attributed(reading)) for d in dict.fromkeys(doers)]

    def _parents(self, claims: list[IncidentClaim]) -> list[IncidentClaim]:
        """ "The BLA's Majeed Brigade claimed the raid", "the group said its Fateh Squad
        had carried it out", "the Majeed Brigade of the BLA": a unit the text gives as a
        group's own credits that group too, as surely as the unit (the same reading, the
        same evidence)."""
        out: list[IncidentClaim] = []
        done = {(c.raw.subject, c.raw.object) for c in claims
                if c.raw.predicate == "perpetrated"}
        for claim in claims:
            raw = claim.raw
            if raw.predicate != "perpetrated" or \
                    self.types.get(raw.subject) != EntityType.ARMED_GROUP:
                continue
            sent = sentence_of(raw.trigger)
            # "the BLA's Majeed Brigade", "the TTP's Jamaat-ul-Ahrar faction"
            units = [t for i in range(sent.start, sent.end)
                     if self.token_entity.get(i) == raw.subject
                     for t in (self.doc[i], self.doc[i].head)
                     if t.i == i or self.doc[i].dep_ == "compound"]
            # … or "the Majeed Brigade of the BLA"
            owners = [e for t in dict.fromkeys(units)
                      for c in [*t.children, *[p for o in t.children if o.dep_ == "prep" and
                                               o.lower_ == "of" for p in o.children
                                               if p.dep_ == "pobj"]]
                      if c.dep_ in ("poss", "pobj")
                      for e in self.args.entities(c)
                      if self.types.get(e) == EntityType.ARMED_GROUP and e != raw.subject]
            for owner in dict.fromkeys(owners):
                if (owner, raw.object) in done:
                    continue
                done.add((owner, raw.object))
                parent = RawClaim(owner, raw.predicate, raw.object, raw.trigger,
                                  qualifiers=dict(raw.qualifiers))
                out.append(IncidentClaim(parent, copied(claim.reading)
                                         if claim.reading is not None else None))
        return out

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
            if harm.victim not in self.entities:
                continue  # a victim entity left with no mention of its own is not in the record
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
                                         copied(deed) if deed is not None else None))
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

    def _doers(self, trigger: Token) -> list[str]:
        """Who the deed names as its doer: a verb's subject; a noun's possessor, modifier
        or "by" phrase ("a TTP attack", "an attack by X"), never the subject of the verb
        that governs it ("X praised the attack")."""
        if trigger.pos_ == "VERB":
            found = self.args.subjects(trigger)
            # "the BLA's suicide bombing at the university killed three teachers": the
            # subject is the deed itself, its possessor the doer
            found += [e for s in trigger.children if s.dep_ == "nsubj" and
                      s.lemma_.casefold() in self.lex.nouns
                      for c in s.children if c.dep_ == "poss" for e in self.args.entities(c)]
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
                    trigger.pos_ != "VERB" and \
                    not any(c.dep_ == "poss" for c in trigger.children):
                continue  # a named event's own name says nothing of who did it (but "the
                # BLA's suicide bombing at Karachi University" names its doer)
            doers = self._doers(trigger)
            if not doers and trigger.pos_ == "VERB":
                # "India-sponsored terrorists attacked a post": the state's part in it
                doers = self.doer_reader.backers(self.doer_reader.phrase(trigger))
            for doer in doers:
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
                    how = how_attributed(reading)
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
            own.append(IncidentClaim(c, copied(reading)))
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
