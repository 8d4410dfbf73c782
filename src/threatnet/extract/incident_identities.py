"""Who the doers were: a person or a group named as one of an incident's doers.

Reports name the doers apart from the deed: "the bomber was X", "the bomber, X, …",
"police identified the bomber as X / as a member of Y", "X was among the attackers",
"X, one of the gunmen", "the attackers belonged to Y", "the attackers, who were linked
to Y, …", "the attackers were from Y". The one named carried out the incident those
doers carried out, as surely as the sentence says so (the identifier's word where one
names them). The words are data: `perpetrator_kinds`, `anonymous_perpetrators` and
`attribution.membership` / `identification` of `data/incidents.yaml`, and `among`,
`broad_doers`, `membership_preps` of `data/attribution_words.yaml`.
"""

from __future__ import annotations

from spacy.tokens import Token

from threatnet.extract.arguments import RELATIVE_PRONOUNS
from threatnet.extract.incident_voices import (
    AMONG,
    BROAD_DOERS,
    MEMBERSHIP_PREPS,
    SCOPE_SENTENCES,
    IncidentClaim,
    IncidentVoices,
    copied,
    doubted,
    how_attributed,
)
from threatnet.model import EntityType, Modality


class DoerIdentities(IncidentVoices):
    """Reads who an incident's doers were, in one document."""

    def _identified(self, noun: Token) -> list[IncidentClaim]:
        """ "The bomber was X", "the bomber, X", "X, the only attacker captured alive",
        "officials named the bomber as X": the person named carried out the incident the
        doer took part in."""
        if noun.pos_ != "NOUN" or not ({noun.lemma_.casefold(), noun.lower_} &
                                       set(self.lex.perpetrator_kinds)):
            return []
        if any(c.dep_ == "compound" and f"{c.lower_} {noun.lower_}" not in
               self.lex.perpetrator_kinds for c in noun.children):
            return []  # "the so-called shoe bomber, X": a name for another deed's doer
        people = [a for a in noun.children if a.dep_ == "appos"]
        verb = None
        groups: list[str] = []
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
            # "police identified the bomber as a member of X": X's man
            groups = [e for p in people if p.lemma_.casefold() in self.lex.membership_nouns
                      for t in p.subtree for e in [self.token_entity.get(t.i)]
                      if e and self.types.get(e) == EntityType.ARMED_GROUP]
        elif noun.dep_ == "pobj" and noun.lower_ not in BROAD_DOERS and not any(
                c.dep_ in ("acl", "relcl") for c in noun.children):
            # "X was among the attackers", "X was one of the gunmen", "X, one of the
            # bombers,": one of the doers (never "among the terrorists killed in …")
            verb, among = self._among(noun)
            people += among
        if noun.dep_ != "appos" and not any(c.lower_ in ("the", "this", "that", "one")
                                            for c in noun.lefts):
            return []  # "a bomber, X": which incident's is not said ("one attacker, X" is)
        named = [e for p in people for e in self.args.entities(p)
                 if self.types.get(e) == EntityType.PERSON] + groups
        if not named and verb is None:  # a misparsed apposition: by the commas around it
            named = self._person_beside(noun)
        if not named or (verb is not None and (self._negated(verb) or doubted(verb))):
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
        return [self._perpetrated(p, incident, noun, copied(reading), how_attributed(reading))
                for p in dict.fromkeys(named)]

    def _among(self, noun: Token) -> tuple[Token | None, list[Token]]:
        """The copula and the people of "X was among the attackers" / "X was one of the
        gunmen", or the people of "X, one of the bombers"; else (None, [])."""
        prep = noun.head
        if prep.lower_ in AMONG and prep.head.lemma_ == "be":
            verb = prep.head
        elif prep.lower_ == "of" and prep.head.lower_ == "one" and prep.head.dep_ == "appos":
            return None, [prep.head.head]
        elif prep.lower_ == "of" and prep.head.lower_ == "one" and \
                prep.head.dep_ == "attr" and prep.head.head.lemma_ == "be":
            verb = prep.head.head
        else:
            return None, []
        return verb, [c for c in verb.children if c.dep_ == "nsubj"]

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

    def _membership(self, verb: Token) -> list[IncidentClaim]:
        """ "the bomber was part of a network of X", "the attackers belonged to X": X
        carried out the incident those attackers carried out."""
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None and verb.lemma_.casefold() in self.lex.doer_ties:
            # "the attackers were linked to X", "the bomber was affiliated with X"
            subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        if subject is not None and subject.lower_ in RELATIVE_PRONOUNS and \
                verb.dep_ == "relcl":
            subject = verb.head  # "the attackers, who belonged to X, fled"
        if subject is None or self._negated(verb) or doubted(verb) or \
                subject.lemma_.casefold() not in self.lex.anonymous | \
                set(self.lex.perpetrator_kinds) or \
                not any(c.lower_ in ("the", "this", "these") for c in subject.lefts):
            return []
        held = [c for c in verb.children if c.dep_ in ("attr", "prep")]
        if verb.lemma_ == "be" and not any(c.lemma_.casefold() in self.lex.membership_nouns
                                           or c.lower_ in MEMBERSHIP_PREPS for c in held):
            return []  # ("the attackers were from X": its men)
        # "a network of X, a group that split from Y": X, not what the relative says of X
        told = {t.i for c in held for t in c.subtree if t.dep_ in ("relcl", "acl")
                for t in t.subtree}
        groups = [e for c in held for t in c.subtree for e in [self.token_entity.get(t.i)]
                  if e and self.types[e] == EntityType.ARMED_GROUP and t.i not in told]
        incident = self._incident_near(verb, [], reach=SCOPE_SENTENCES)
        if incident is None or not groups:
            return []
        # "officials said the attackers, who belonged to X, had crossed …": the relative
        # clause is as sure as the clause of the doers it describes
        reading = self.reader.read(subject.head if verb.dep_ == "relcl" and
                                   subject.head.pos_ in ("VERB", "AUX") else verb)
        return [self._perpetrated(g, incident, verb, copied(reading), how_attributed(reading))
                for g in dict.fromkeys(groups)]
