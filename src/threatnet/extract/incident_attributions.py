"""Responsibility sentences: who claimed, was blamed for, is suspected of or denied an
incident told elsewhere.

Incident reports name the group in a sentence of its own, after an anonymous deed
("Gunmen attacked a checkpoint … The TTP claimed responsibility"). Each reader here takes
one family of such sentences from a cue word (`data/incidents.yaml`, `attribution`) and
joins the group it names to the incident the sentence speaks of, coded by its voice: a
claim of responsibility (alleged, the group's word), an attribution (reported, the
officials'), a suspicion or blame (believed / alleged), a denial (negated, the denier's);
"X was behind it", "the work of X", "bore the hallmarks of X", "X said it had carried out
the attack", "with the help of X", "did not rule out X's involvement". Who the doers were
("the bomber was X", "the attackers belonged to X") is read by
`extract.incident_identities`, on which these readers build.
"""

from __future__ import annotations

from spacy.tokens import Token

from threatnet.extract.arguments import NEGATIVE_DETERMINERS, NEGATIVE_SUBJECTS, RELATIVE_PRONOUNS
from threatnet.extract.denials import denier
from threatnet.extract.incident_identities import DoerIdentities
from threatnet.extract.incident_records import FoundIncident
from threatnet.extract.incident_voices import (
    ACCUSED,
    BARE_ACCUSERS,
    CHARGES,
    CREDITING,
    DISOWNED_PRONOUNS,
    HABITUAL,
    HELP_NOUNS,
    INCIDENT_PRONOUNS,
    NAMING_VERBS,
    PART_NOUNS,
    PERPETRATORS,
    POINTING,
    RULING_OUT,
    SCOPE_SENTENCES,
    IncidentClaim,
    comments_on_claim,
    copied,
    doubted,
    how_attributed,
    self_reference,
)
from threatnet.extract.sentences import paragraph_numbers, sentence_of
from threatnet.model import EntityType, Modality, Polarity, Source


class AttributionReader(DoerIdentities):
    """Reads the responsibility sentences of one document, one cue token at a time."""

    def _attribution(self, tok: Token) -> list[IncidentClaim]:
        """The claims a cue token gives: its family's, and the helpers its deed names."""
        out = self._cue(tok)
        if tok.pos_ == "VERB" and (tok.lemma_.casefold() in self.lex.planned_verbs or
                                   self._deed_verb(tok)):
            out += self._helped(tok)
        return out

    def _helped(self, verb: Token) -> list[IncidentClaim]:
        """ "The attack had been planned in Afghanistan with help from Indian
        intelligence", "was carried out with the support of X", "with X's backing": the
        helper had a part in the incident (involved_in), in the voice of the clause."""
        holders = [verb, *[c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")],
                   *[p for c in verb.children if c.dep_ == "prep"
                     for p in c.children if p.dep_ == "pobj"]]
        helps = [p for h in holders for c in h.children
                 if c.dep_ == "prep" and c.lower_ == "with"
                 for p in c.children if p.dep_ == "pobj" and
                 p.lemma_.casefold() in HELP_NOUNS]
        if not helps or self._negated(verb) or doubted(verb):
            return []
        helpers = [e for h in helps
                   for t in [*[c for c in h.children if c.dep_ == "poss"],
                             *[p for c in h.children if c.dep_ == "prep" and
                               c.lower_ in ("of", "from") for p in c.children
                               if p.dep_ == "pobj"]]
                   for e in self.args.entities(t) if self.types.get(e) in ACCUSED]
        themes = [c for c in verb.children if c.dep_ in ("nsubjpass", "dobj")]
        incident = next((self.incident_at(t) for t in themes if self.incident_at(t)), None)
        if incident is None and any(t.lower_ in INCIDENT_PRONOUNS for t in themes):
            incident = self._incident_near(verb, [], reach=2)
        if incident is None or not helpers:
            return []
        reading = self._read(verb)
        out = [self._perpetrated(h, incident, verb, copied(reading), how_attributed(reading))
               for h in dict.fromkeys(helpers)]
        for claim in out:
            claim.raw.predicate = "involved_in"  # a helper's part, never the deed
        return out

    def _cue(self, tok: Token) -> list[IncidentClaim]:
        lemma = tok.lemma_.casefold()
        if tok.pos_ == "VERB" and tok.i not in self.mentioned and \
                (lemma in self.lex.verbs or lemma in self.lex.doer_deeds or
                 lemma in self.lex.sending_verbs):
            return self._own_deed(tok)
        if lemma not in self.cue_lemmas and tok.lower_ not in self.lex.involvement_words:
            return []
        if lemma in RULING_OUT:
            return self._ruled_out(tok) if tok.pos_ == "VERB" else []
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
        doers = [tok.head if c.lower_ in RELATIVE_PRONOUNS and tok.dep_ == "relcl" else c
                 for c in tok.children if c.dep_ == "nsubjpass"]  # "who were linked to X"
        if lemma in self.lex.doer_ties and any(
                d.lemma_.casefold() in self.lex.anonymous or
                d.lemma_.casefold() in self.lex.perpetrator_kinds for d in doers):
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

    def _ruled_out(self, verb: Token) -> list[IncidentClaim]:
        """ "Police did not rule out the involvement of X" / "are not ruling out X's hand":
        a possibility, the police's; "investigators ruled out X's involvement": a denial in
        their words (negated, reported)."""
        if not any(c.dep_ == "prt" and c.lower_ == "out" for c in verb.children) or \
                doubted(verb):
            return []
        words = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
        # "the involvement of X", "X's hand": the one whose part is ruled in or out
        accused = [g for w in words for g in (
            [p for c in w.children if c.dep_ == "prep" and c.lower_ == "of"
             for p in c.children if p.dep_ == "pobj"] +
            [c for c in w.children if c.dep_ == "poss"]
            if w.lemma_.casefold() in self.lex.denial_nouns else [w])]
        doers = [e for a in accused for e in self.args.entities(a) or self.doer_reader.of_noun(a)
                 if self.types.get(e) in ACCUSED]
        about = [p for w in words for c in w.children if c.dep_ == "prep" and
                 c.lower_ in ("in", "behind") for p in c.children if p.dep_ == "pobj"]
        if about and not any(self.incident_at(t) for p in about for t in p.subtree):
            return []  # "ruled out X's involvement in politics"
        incident = self._incident_near(verb, about, reach=2)
        if incident is None or not doers:
            return []
        reading = self._read(verb)
        self._speaker(verb, reading)
        if any(c.dep_ == "neg" for c in verb.children):
            reading.polarity = Polarity.AFFIRMED  # not ruled out: possible
            reading.hedge(Modality.POSSIBLE)
            how = "suspected"
        else:
            reading.polarity = Polarity.NEGATED
            reading.hedge(Modality.REPORTED)
            how = "denied"
        return [self._perpetrated(d, incident, verb, copied(reading), how)
                for d in dict.fromkeys(doers)]

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
        agents = [p for c in verb.children if c.dep_ == "agent"
                  for p in c.children if p.dep_ == "pobj"]  # "was carried out by our men"
        if speakers and any(c.dep_ in ("nsubj", "nsubjpass") and self_reference(c)
                            for c in [*verb.children, *agents]):
            # "its spokesman said the group was behind it", "the BLA's Majeed Brigade said
            # it had carried out the bombing": a group speaking of itself
            doers = speakers
        speech = self._speech_verb(verb) if speakers else None
        if speech is not None and not negated and any(
                self.types[d] == EntityType.PERSON and d in self.args.subjects(speech)
                for d in doers):
            # "A TTP commander, X, told reporters he had led the attack": his group's deed
            # in his own claim, as his
            doers = [*doers, *[g for g in speakers if g not in doers]]
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
            own = copied(reading)
            how = "denied" if negated else how_attributed(own)
            if (doer in speakers or own_unit) and not negated:
                own.hedge(self.lex.responsibility_modality)  # the group's own word
                how = "claimed"
            if doer in speakers and not own.sources:
                # '"We carried out the attack," TTP spokesman X told Reuters': who said it
                self._speaker(self._speech_verb(verb), own)
            out.append(self._perpetrated(doer, incident, tok, own, how))
        return out

    def _involved(self, tok: Token) -> list[IncidentClaim]:
        """ "X was involved in the attack" (read as "behind"), "the group was not
        involved" (a denial). An "in" phrase that names no incident ("involved in attacks on
        police") is a record, no incident's."""
        verb = tok.head if tok.dep_ in ("acomp", "attr", "oprd") else tok
        if verb.lemma_.casefold() in self.lex.attribution_verbs:
            return []  # "police held X responsible": the accusers' word (`_attributed`)
        if tok.head.lower_ == "as" and tok.head.head.lemma_.casefold() in NAMING_VERBS:
            # "officials named X as responsible for the blast": their attribution
            return self._attributed(tok.head.head, Modality.REPORTED)
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
        if incident is None or doubted(verb):
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
        if not objects and verb.dep_ == "ccomp" and verb.head.dep_ == "relcl" and (any(
                c.dep_ in ("dobj", "mark") and c.lower_ in ("which", "that")
                for c in verb.head.children) or not any(
                c.dep_ in ("dobj", "mark") for c in verb.head.children)):
            # "an attack which police said X had carried out", the relative pronoun read
            # as the object of "said" or as a conjunction, or left out ("a raid the TTP
            # said it had carried out"): the incident it hangs from
            antecedent = self.incident_at(verb.head.head)
        elif not objects and verb.dep_ == "ccomp":
            # "in an attack the group said it had carried out": the contact clause the
            # parser reads as "said" with the incident's phrase hung on it, before its subject
            subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
            antecedent = next((self.incident_at(o) for p in verb.head.children
                               if p.dep_ == "prep" and subject is not None and p.i < subject.i
                               for o in p.children if o.dep_ == "pobj" and
                               self.incident_at(o)), None)
        # "said it had carried out both attacks": each of them
        incidents = [f for o in objects for f in self._counted(o)]
        incident = antecedent or next((self.incident_at(o) for o in objects
                                       if self.incident_at(o)), None)
        if incident is None and any(o.lower_ in INCIDENT_PRONOUNS for o in objects):
            incident = self._incident_near(verb, [], reach=2)
        incidents = incidents or ([incident] if incident is not None else [])
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if not objects and not subjects:
            # '"This attack was carried out by our mujahideen," the TTP said': the passive
            # of a group speaking of itself (a named agent is the frames' reading)
            incidents = [f for c in verb.children if c.dep_ == "nsubjpass"
                         for f in [self.incident_at(c)] if f is not None]
            subjects = [p for c in verb.children if c.dep_ == "agent" for p in c.children
                        if p.dep_ == "pobj" and p.i not in self.token_entity and
                        self_reference(p)]
        if not incidents or doubted(verb) or not subjects or any(
                c.lower_ in NEGATIVE_SUBJECTS or any(d.lower_ in NEGATIVE_DETERMINERS
                                                     for d in c.children) for c in subjects):
            return []  # "no group carried out …" names no one
        negated = any(c.dep_ == "neg" for c in verb.children)  # "had not carried out": denied
        return [c for f in incidents for c in self._behind(verb, verb, f, negated=negated)]

    def _own_deed(self, verb: Token) -> list[IncidentClaim]:
        """ "Gunmen shot dead a police officer … The TTP said it had killed the officer":
        a group speaking of itself retells the deed just told, of the ones it struck
        ("the officer", "the two soldiers"): its own claim of that incident."""
        if verb.dep_ not in ("ccomp", "conj") or doubted(verb):
            return []
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if not subjects or not all(self_reference(s) for s in subjects) or \
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
        return [self._perpetrated(d, incident, verb, copied(reading),
                                  "denied" if negated else how_attributed(reading))
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
        return [self._perpetrated(d, incident, noun, copied(reading), "suspected")
                for d in dict.fromkeys(doers)]

    def _bare_claim(self, verb: Token) -> bool:
        """ "The BLF claimed.", "The TTP later claimed responsibility" without an object
        or a content clause: a claim of the incident just told (never "as X claimed")."""
        return verb.dep_ in ("ROOT", "conj") and not any(
            (c.dep_ in ("ccomp", "xcomp", "advcl", "mark", "prep", "attr", "oprd") and
             not comments_on_claim(c)) for c in verb.children) and \
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
        if not doers or self._negated(verb) or doubted(word):
            return []
        reading = self.reader.read(verb)
        return [self._perpetrated(d, incident, mention, copied(reading), how_attributed(reading))
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
        if verb.pos_ != "VERB" or self._negated(verb) or doubted(verb):
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
        return [self._perpetrated(d, incident, mention, copied(reading),
                                  "claimed" if claims else how_attributed(reading)) for d in doers]





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
                                  copied(reading), "claimed")
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
        if not objects and verb.dep_ in ("relcl", "acl") and self.incident_at(verb.head):
            # "in an attack police attributed to X", "an attack blamed on X": the noun the
            # clause or the participle hangs from
            incident_words = [verb.head]
        for word in incident_words:  # "blamed the attack on X", "on" read as the noun's
            for c in word.children:
                if c.dep_ == "prep" and c.lower_ in ("to", "on") and c.lower_ not in preps:
                    preps[c.lower_] = [p for p in c.children if p.dep_ == "pobj"]
        for prep in ("to", "on"):  # "attributed the attack to X", "blamed it on X"
            if incident_words and prep in preps:
                group_words = preps[prep]
        lemma = verb.lemma_.casefold()
        if lemma in POINTING["verbs"]:
            # "officials pointed (the finger) at X": who is pointed at, never the finger
            if any(c.dep_ == "prt" for c in children):
                return []  # "pointed out that …"
            held = [verb, *[o for o in objects if o.lemma_.casefold() in POINTING["objects"]]]
            group_words = [p for h in held for c in h.children
                           if c.dep_ == "prep" and c.lower_ in POINTING["preps"]
                           for p in c.children if p.dep_ == "pobj"]
        complements = [w for prep in ("for", "of", "in") for w in preps.get(prep, [])]
        if lemma in CREDITING:  # "officials credited X with the bombing"
            complements += preps.get("with", [])
        # "held X responsible (for the attack)", "named X as responsible": the incident
        # hangs on "responsible"
        responsible = [t for c in children if c.dep_ != "prep" or c.lower_ == "as"
                       for t in [c, *c.children] if t.lower_ == "responsible"]
        complements += [p for r in responsible for c in r.children
                        if c.dep_ == "prep" and c.lower_ == "for"
                        for p in c.children if p.dep_ in ("pobj", "pcomp")]
        # "held X responsible" read as a small clause: X is the subject of "responsible"
        group_words += [c for r in responsible if not group_words
                        for c in r.children if c.dep_ == "nsubj"]
        incident_words += complements  # "blamed X for the attack", "accused X of …"
        if not incident_words and not responsible and lemma not in BARE_ACCUSERS:
            return []
        if complements and not any(self.incident_at(t) for w in complements
                                   for t in w.subtree):
            return []  # "accused India of backing the group": not of the attack
        group_words = [w.head if w.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl" and
                       w.head is verb else w  # "X, which officials blamed for the attack"
                       for w in group_words]
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
                 self.doer_reader.of_noun(w) or  # "X militants were blamed for it"
                 self.doer_reader.backers_of(w)  # "blamed India-backed militants"
                 if self.types.get(e) in ACCUSED]
        if incident is None or not doers:
            return []
        reading = self._read(verb)
        if any(c.dep_ == "nsubj" for c in children) or any(c.dep_ == "agent" for c in children):
            self._speaker(verb, reading)
            # no one blames himself: a speaker resolved to the accused is a misread pronoun
            reading.sources = [s for s in reading.sources if s.entity not in doers]
        reading.hedge(modality)
        how = {Modality.BELIEVED: "suspected", Modality.ALLEGED: "suspected"}.get(
            modality, "attributed")
        return [self._perpetrated(d, incident, verb, copied(reading), how) for d in doers]

    def _denied(self, verb: Token) -> list[IncidentClaim]:
        if self._negated(verb):
            return []  # "the group has not denied it" is no denial
        children = list(verb.children)
        denied = [c for c in children if c.dep_ == "dobj" and
                  (c.lemma_.casefold() in self.lex.disowned_nouns or
                   self.incident_at(c) or
                   c.lower_ in DISOWNED_PRONOUNS)]  # "disowned it"
        # "distanced itself from the attack", "dissociated itself from it"
        denied += [p for c in children if c.dep_ == "prep" and c.lower_ == "from"
                   for p in c.children if p.dep_ == "pobj" and
                   (self.incident_at(p) or p.lower_ in DISOWNED_PRONOUNS)]
        clauses = [c for c in children if c.dep_ in ("ccomp", "xcomp")]
        if not denied and not clauses:
            return self._charge_rejected(verb)
        incident = self._incident_near(verb, denied + clauses, reach=1)
        doers = self._claimants(verb)
        if incident is None or not doers:
            return []
        if not denied and not any(self._own_part(c, doers) for c in clauses):
            return []  # "border officials denied that any rockets had landed": not a part
        reading = self._read(verb)
        self._speaker(verb, reading)
        reading.polarity = Polarity.NEGATED
        reading.hedge(Modality.REPORTED)
        return [self._perpetrated(d, incident, verb, copied(reading), "denied") for d in doers]

    def _own_part(self, clause: Token, doers: list[str]) -> bool:
        """A denied clause about the denier's own part: its subject is the denier (by name
        or pronoun: "denied that they had any role") or it names a part in a deed
        ("denied any involvement", "denied that it was behind the attack")."""
        subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
        if any(c.pos_ == "PRON" or set(self.args.entities(c)) & set(doers) or
               any(p.dep_ == "poss" and p.pos_ == "PRON" for p in c.children)
               for c in subjects):
            return True  # "denied that they / his group had any role"
        words = self.lex.own_part_words
        return any(t.lemma_.casefold() in words or t.lower_ in words or any(
            p.dep_ == "prt" and f"{t.lemma_.casefold()} {p.lower_}" in words
            for p in t.children) for t in clause.subtree)  # "denied carrying out the attack"

    def _charge_rejected(self, verb: Token) -> list[IncidentClaim]:
        """ "Officials blamed X for the bombing, a charge the group rejected", "… pointed at
        X, which rejected the charge", "X denied the allegation": the denier's denial of
        the incident an accusation just before it (its own sentence, or the one before in
        the paragraph) attributed. No accusation of an incident, no denial."""
        words = denier(verb)  # "a charge X rejected", "X rejects the charge"
        if words is not None:
            deniers = [e for t in words if t.head.i == t.i or
                       not words.start <= t.head.i < words.end
                       for e in self.args.entities(t) if self.types.get(e) in ACCUSED]
        elif any(c.dep_ == "dobj" and c.lower_ in CHARGES and
                 any(d.dep_ in ("det", "poss") for d in c.children) for c in verb.children):
            deniers = [e for e in self._claimants(verb) if self.types.get(e) in ACCUSED]
        else:
            return []
        # the denier answers a charge against itself: "X rejected the allegations" after
        # "officials said the attack was directed from Y" is no denial of the attack
        accused = [c for c in self._accusations(verb) if c.raw.subject in deniers]
        deniers = [d for d in deniers if any(c.raw.subject == d for c in accused)]
        incident = self.incidents.of_entity(accused[-1].raw.object) if accused else None
        if incident is None:
            return []
        reading = self._read(verb)
        if words is not None:
            reading.sources.insert(0, Source(words.text, deniers[0]))
        else:
            self._speaker(verb, reading)
        reading.polarity = Polarity.NEGATED
        reading.hedge(Modality.REPORTED)
        out = [self._perpetrated(d, incident, verb, copied(reading), "denied")
               for d in dict.fromkeys(deniers)]
        for claim in out:  # the denial denies what the charge said: a part, or the deed
            claim.raw.predicate = next(c.raw.predicate for c in accused
                                       if c.raw.subject == claim.raw.subject)
        return out

    def _accusations(self, verb: Token) -> list[IncidentClaim]:
        """The attributions of an incident a denial at `verb` answers: those of its own
        sentence before it, else of the sentence before in the same paragraph."""
        sent = sentence_of(verb)
        spans = [self.doc[sent.start:verb.i]]
        if sent.start > 0:
            paragraph = paragraph_numbers(self.doc)
            if paragraph[sent.start - 1] == paragraph[verb.i]:
                spans.append(sentence_of(self.doc[sent.start - 1]))
        for span in spans:
            found: list[IncidentClaim] = []
            for tok in span:
                lemma = tok.lemma_.casefold()
                if tok.pos_ != "VERB":
                    continue
                if lemma in self.lex.attribution_verbs:
                    found += self._attributed(tok, self.lex.attribution_verbs[lemma])
                elif lemma in self.lex.planned_verbs:
                    found += self._planned(tok)
            if found:
                return found
        return []

    def _nothing_to_do(self, verb: Token) -> list[IncidentClaim]:
        """ "the group had nothing to do with it", "a TTP spokesman said his group had
        nothing to do with the bombing": a denial, the group's own."""
        nothing = next(c for c in verb.children if c.dep_ == "dobj" and c.lower_ == "nothing")
        incident = self._incident_near(verb, [nothing], reach=1)
        if incident is None:
            return []
        return self._behind(verb, verb, incident, negated=True)

    def _suspect_noun(self, noun: Token) -> list[IncidentClaim]:
        """ "Suspicion fell on X", "X is the prime suspect", "police named X as the main
        suspect": a suspicion of X (believed), the namer's where the text names one."""
        head = noun.head
        if noun.dep_ in ("nsubj", "nsubjpass"):  # "suspicion fell on X"
            verb = head
            # "suspicion is likely to fall on X": the preposition hangs on the infinitive
            falls = [verb, *[c for c in verb.children if c.dep_ == "xcomp"],
                     *[x for c in verb.children if c.dep_ == "acomp"
                       for x in c.children if x.dep_ == "xcomp"]]
            accused = [p for f in falls for c in f.children if c.dep_ == "prep" and
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
        if self._negated(verb) or doubted(verb):
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
        return [self._perpetrated(d, incident, noun, copied(reading), "suspected")
                for d in dict.fromkeys(doers)]

    def _no_part(self, verb: Token) -> list[IncidentClaim]:
        """ "X said it had no link to the attack", "the group has no role in it": a
        denial, the group's own (or what others say of it)."""
        parts = [c for c in verb.children if c.dep_ == "dobj" and
                 c.lemma_.casefold() in self.lex.no_part_nouns and
                 any(d.dep_ == "det" and d.lower_ == "no" for d in c.children)]
        if not parts or doubted(verb):
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
        if self._negated(verb) or doubted(verb):
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
        return [self._perpetrated(s, incident, verb, copied(reading), "attributed")
                for s in dict.fromkeys(states)]
