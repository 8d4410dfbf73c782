"""Argument finding over the dependency parse: who and what a trigger word is about.

`Arguments` follows subjects and objects through conjunctions, appositions,
passives, relative and participial clauses, control verbs, prepositional
chains, "groups like X", "X operatives" and anaphora, and returns entity ids.
`relations.py` builds claims on top of it.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from threatnet.extract.coref import Coreference
from threatnet.extract.cue_lexicon import word_class
from threatnet.extract.frames import Frame, Frames
from threatnet.extract.sentences import sentence_of
from threatnet.model import EntityType

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
PLACES = frozenset({EntityType.STATE, EntityType.LOCATION})
INHERIT_DEPS = ("conj", "xcomp", "advcl", "pcomp", "acl", "relcl", "ccomp", "prep", "acomp")
OBJECT_CONTROL = word_class("object_control")  # "prevent X from operating": X operates
RELATIVE_PRONOUNS = word_class("relative_pronouns")
EXPANDERS = word_class("expanders")  # "groups like the BLA"
NEGATIVE_SUBJECTS = word_class("negative_subjects")
NEGATIVE_DETERMINERS = word_class("negative_determiners")  # "no group claimed it"
# Nouns whose agent is not the agent of what they are about: "revenge for the killing of X"
REACTIONS = word_class("reactions")
BELONGING = word_class("belonging")  # "militants belonging to X"
NAMING = word_class("naming")  # "a faction calling itself X", "known as X"
LISTS = word_class("lists")  # "placed on the UN sanctions list": the UN lists


class Arguments:
    """Finds the entities a trigger's arguments name, in one document."""

    def __init__(self, doc: Doc, token_entity: dict[int, str], types: dict[str, EntityType],
                 frames: Frames, coref: Coreference) -> None:
        self.doc = doc
        self.token_entity = token_entity
        self.types = types
        self.frames = frames
        self.coref = coref

    # -- arguments ----------------------------------------------------------

    def entities(self, tok: Token, depth: int = 0) -> list[str]:
        """The entities a noun phrase headed by `tok` names, its conjuncts included."""
        out: list[str] = []
        for t in self._conjuncts(tok):
            if t.i not in self.token_entity and any(
                    c.dep_ == "appos" and c.i in self.token_entity for c in t.children):
                continue  # "its leader, X": the apposition names the referent, not "its"
            for e in self._entities_of_one(t, depth):
                if e not in out:
                    out.append(e)
            if t.i in self.token_entity and depth < 3:  # "heavy weaponry, including X"
                for e in self._expansions(t, depth):
                    if e not in out:
                        out.append(e)
        return out

    def _expansions(self, tok: Token, depth: int) -> list[str]:
        return [e for child in tok.children
                if child.dep_ == "prep" and child.lower_ in EXPANDERS
                for pobj in child.children if pobj.dep_ == "pobj"
                for e in self.entities(pobj, depth + 1)]

    def _conjuncts(self, tok: Token) -> list[Token]:
        out = [tok]
        for child in tok.children:
            if child.dep_ == "conj":
                out += self._conjuncts(child)
            elif child.dep_ == "appos":
                # "three groups, namely the TTP, the BLA and ISKP": a named apposition's
                # conjuncts are named by it too
                out += self._conjuncts(child) if child.i in self.token_entity else [child]
        return out

    def _entities_of_one(self, tok: Token, depth: int) -> list[str]:
        if tok.i in self.token_entity:
            own = [self.token_entity[tok.i]]
            if tok.tag_ == "NNS" and tok.lemma_.casefold() in self.frames.place_proxies:
                # "Kunar and Nangarhar provinces": the last name's mention holds the noun
                own += [e for c in tok.children if c.dep_ in ("compound", "nmod") and
                        c.i in self.token_entity for e in self.entities(c, depth + 1)
                        if e not in own]
            return own
        if depth > 3:
            return []
        both = self.coref.plural(tok)
        if both:
            return both
        ref = self.coref.resolve(tok)
        if ref:
            return [ref]
        if tok.lower_ in RELATIVE_PRONOUNS and tok.head.dep_ == "relcl":
            person = self._who(tok)  # (round 5, conflict relations)
            return [person] if person else self.entities(tok.head.head, depth + 1)
        if tok.lower_ in RELATIVE_PRONOUNS and tok.dep_ == "pobj" and \
                tok.head.head.dep_ == "relcl":  # "al-Qaeda, with which the TIP is aligned"
            return self.entities(tok.head.head.head, depth + 1)
        found = self._expansions(tok, depth)
        if found:
            return found
        named = [e for c in tok.children if c.dep_ in ("compound", "nmod", "amod")
                 and c.i in self.token_entity for e in self.entities(c, depth + 1)
                 if c.dep_ != "amod" or self.types[e] in (EntityType.STATE,
                                                          EntityType.LOCATION)]
        if named and tok.lemma_.casefold() in self.frames.place_proxies:
            return named  # "the Makran region"
        for acl in tok.children:  # "a faction calling itself LeJ al-Alami", "known as X"
            if acl.dep_ == "acl" and acl.lemma_.casefold() in NAMING:
                named = [e for c in acl.children if c.dep_ in ("oprd", "attr", "xcomp")
                         for e in self.entities(c, depth + 1)]
                named += [e for c in acl.children if c.dep_ == "prep" and c.lower_ == "as"
                          for p in c.children for e in self.entities(p, depth + 1)]
                if named:
                    return named
        if tok.dep_ == "appos" and tok.head.i in self.token_entity:
            return [self.apposed_to(tok)]  # "JuA, a faction that split from …"
        if tok.dep_ == "pobj" and tok.head.lower_ == "as" and depth < 3 and \
                tok.head.head.lemma_.casefold() in OBJECT_CONTROL and \
                any(c.dep_ == "relcl" for c in tok.children):
            # "described the Trust as a front that raised money": the one described
            return [e for c in tok.head.head.children if c.dep_ in ("dobj", "nsubjpass")
                    for e in self.entities(c, depth + 1)]
        if tok.dep_ == "attr" and tok.head.lemma_ in ("be", "remain", "become") and \
                any(c.dep_ in ("relcl", "acl") for c in tok.children) and depth < 3:
            # "The BLA is an armed group that targets …", "BRAS is an umbrella group
            # comprising …": the group is the subject
            return [e for c in tok.head.children if c.dep_ == "nsubj"
                    for e in self.entities(c, depth + 1)]
        lemma = tok.lemma_.casefold()
        if lemma in self.frames.place_proxies:
            holder = tok if any(c.dep_ == "prep" for c in tok.children) or \
                tok.dep_ != "dobj" else tok.head  # "held villages in X": the verb's "in"
            found = [e for c in holder.children if c.dep_ == "prep" and
                     c.lower_ in ("in", "of", "near", "along", "inside")
                     for p in c.children if p.dep_ == "pobj" for e in self.entities(p, depth + 1)]
            if found:
                return found
        if tok.lower_ in NEGATIVE_SUBJECTS and not any(c.dep_ == "prep" for c in tok.children):
            # "while groups like the BLA possess …, none operate …": the groups just named
            return [e for t in sentence_of(tok) if t.i < tok.i and t.dep_ in ("nsubj", "nsubjpass")
                    and t.lower_ not in NEGATIVE_SUBJECTS for e in self.entities(t, depth + 1)]
        if lemma in self.frames.modifier_proxies:
            return [self.token_entity[c.i] for c in tok.children
                    if c.dep_ in ("compound", "amod") and c.i in self.token_entity]
        if lemma in self.frames.proxies or tok.lower_ in NEGATIVE_SUBJECTS:
            belonging = [e for a in tok.children if a.dep_ == "acl" and
                         a.lemma_.casefold() in BELONGING for p in a.children
                         if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj"
                         for e in self.entities(o, depth + 1)]
            if belonging:  # "militants belonging to the banned LeJ"
                return belonging
            # the nearest name first: "Afghanistan's Taliban rulers" are the Taliban
            order = {"compound": 0, "poss": 1, "amod": 2}
            owned = any(c.dep_ == "poss" for c in tok.children)
            for child in sorted(tok.children, key=lambda c: (order.get(c.dep_, 3), -c.i)):
                if owned and child.dep_ != "poss" and child.i in self.token_entity and \
                        self.types[self.token_entity[child.i]] == EntityType.LOCATION:
                    continue  # "the TTP's Orakzai faction" is the TTP's, not Orakzai's
                if child.dep_ in ("compound", "poss", "amod") and child.i in self.token_entity:
                    return [self.token_entity[child.i]]
                if child.dep_ == "poss":
                    ref = self.coref.resolve(child)
                    if ref:
                        return [ref]
                if child.dep_ == "prep" and child.lower_ in ("of", "from"):
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            found += self.entities(pobj, depth + 1)
        return found

    def subjects(self, verb: Token, frame: Frame | None = None, depth: int = 0) -> list[str]:
        """The subject entities of a verb, inherited through its clause chain when implicit."""
        if depth > 4:
            return []
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children) or \
            _passive_participle(verb)
        if frame and frame.subject:
            found = self._prep_objects(verb, frame.subject) + [
                e for c in verb.children if c.dep_ == "dobj" and "dobj" in frame.subject
                for e in self.entities(c)]  # "pushed its fighters into Afghanistan"
            if found or "dobj" in frame.subject or "by" in frame.subject:
                return found  # "by": only a passive's agent will do
        # "The Department is today designating X": the parser may hang the subject on
        # the auxiliary instead of the verb
        held = [g for c in verb.children if c.dep_ in ("aux", "auxpass")
                for g in c.children if g.dep_ in SUBJECT_DEPS]
        for child in [*verb.children, *held]:
            if passive and not (frame and frame.passive_theme):
                if child.dep_ == "agent":
                    return [e for p in child.children if p.dep_ == "pobj"
                            for e in self._wielders(self.entities(p), p)]
                continue
            if child.dep_ in SUBJECT_DEPS:
                found = self._wielders(self.entities(child), child)
                if found or child.lower_ not in RELATIVE_PRONOUNS:
                    return found
        if not passive and verb.pos_ == "VERB" and depth == 0 and frame is not None:
            # "The TTP competes with ISKP" parsed with the name as the trigger's compound
            named = [self.token_entity[c.i] for c in verb.lefts
                     if c.dep_ in ("compound", "nmod") and c.i in self.token_entity]
            if named:
                return named
        if passive and frame and frame.predicate == "hostile_to":
            # "banned in Pakistan": the state whose law it is
            found = [e for e in self._prep_objects(verb, ("in",))
                     if self.types[e] == EntityType.STATE]
            # "is listed as a terrorist organisation by the UK": an agent the parser
            # hangs on the complement; "placed on the UN sanctions list": the list's owner
            found += [e for c in verb.children if c.dep_ == "prep" and c.lower_ in ("as", "on")
                      for n in c.children if n.dep_ == "pobj"
                      for e in (self._prep_objects(n, ("by",)) or [
                          e for m in n.children if m.dep_ in ("compound", "poss", "nmod")
                          and n.lemma_.casefold() in LISTS for e in self.entities(m)])]
            if found:
                return found
        if passive and not (frame and frame.passive_theme):
            # no agent: "killed in a US drone strike" names the actor through the attack
            return [e for p in verb.children if p.dep_ == "prep" and p.lower_ in ("in", "by")
                    for n in p.children if n.dep_ == "pobj"
                    and n.lemma_.casefold() in self.frames.nouns
                    for m in n.children if m.dep_ in ("compound", "poss", "amod")
                    for e in self.entities(m)]
        if verb.dep_ in ("relcl", "acl", "amod") and (
                not passive or (frame is not None and frame.passive_theme
                                and _passive_participle(verb))):
            return self.entities(verb.head)  # "the group, based in North Waziristan"
        if verb.dep_ in ("xcomp", "pcomp", "prep") or verb.head.dep_ == "prep":
            gov = verb.head if verb.dep_ != "pcomp" else verb.head.head
            raised = [c for c in gov.children if c.dep_ == "nsubjpass"]
            if verb.dep_ == "xcomp" and raised:  # "X is believed to retain ties"
                return self.entities(raised[0])
            controller = [c for c in gov.children if c.dep_ == "dobj"]
            if verb.dep_ == "xcomp" and controller:  # "asked Ghani to act"
                return self.entities(controller[0])
            if verb.dep_ == "xcomp" and gov.dep_ == "relcl" and \
                    any(c.dep_ == "nsubj" for c in gov.children):
                return self.entities(gov.head)  # "the men he named to lead it"
            if verb.dep_ == "pcomp" and gov.dep_ == "dobj" and \
                    gov.head.lemma_.casefold() in OBJECT_CONTROL:
                return self.entities(gov)  # "accuses [the outfit of receiving]"
            controlled = [c for c in gov.children if c.dep_ == "dobj"]
            if gov.lemma_.casefold() in OBJECT_CONTROL and controlled:
                # "accuses the outfit of receiving": the outfit, even when it names no
                # entity of ours (never the accuser)
                return [e for c in controlled for e in self.entities(c)]
        return self._governing_subjects(verb, depth)

    def _who(self, who: Token) -> str | None:
        """ "Hafiz Saeed Khan, a former TTP commander from Orakzai, who was killed …": "who"
        is a person, never the place the parser hung the clause on; the person is found
        up the phrase (through "from", the apposition). None when the clause's antecedent
        is no place."""
        tok = who.head.head
        if who.lower_ != "who" or tok.i not in self.token_entity or \
                self.types[self.token_entity[tok.i]] != EntityType.LOCATION:
            return None
        for _ in range(5):
            if tok.dep_ not in ("pobj", "prep", "appos", "compound") or tok.head.i == tok.i:
                return None
            tok = tok.head
            entity = self.token_entity.get(tok.i)
            if entity is not None and self.types[entity] == EntityType.PERSON:
                return entity
        return None

    def apposed_to(self, appos: Token) -> str:
        """The entity an apposition describes: its head's, or, after a coordination, the
        last conjunct's ("the TTP and Lashkar-e-Islam, a Khyber-based group": LeI)."""
        head = appos.head
        last = max((c for c in head.children if c.dep_ == "conj" and c.i < appos.i
                    and c.i in self.token_entity), key=lambda c: c.i, default=head)
        return self.token_entity[last.i]

    def _wielders(self, found: list[str], tok: Token) -> list[str]:
        """ "killed by a US drone": the actor behind a weapon that acts."""
        if found and all(self.types[e] == EntityType.CAPABILITY for e in found):
            actors = [self.token_entity[t.i] for t in tok.subtree
                      if t.i in self.token_entity and t.i < tok.i
                      and self.types[self.token_entity[t.i]] != EntityType.CAPABILITY]
            return actors or found
        return found

    def _governing_subjects(self, tok: Token, depth: int) -> list[str]:
        """The subjects of the nearest verb above `tok` that has any (bounded climb)."""
        while depth < 4 and tok.dep_ in INHERIT_DEPS + ("dobj", "pobj") and \
                tok.head.i != tok.i:
            head = tok.head
            while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i and \
                    head.dep_ in ("prep", "pobj", "dobj", "pcomp", "acl", "relcl", "conj",
                                  "advcl", "xcomp", "agent"):  # "suspected by X of being"
                head = head.head
            if head.pos_ not in ("VERB", "AUX"):
                # "JuA split from the TTP and rejoined it": the first verb tagged a noun
                # with the name as its compound
                misread = head.dep_ == "ROOT" and tok.dep_ == "conj" and \
                    head.lemma_.casefold() in self.frames.verbs
                return [self.token_entity[c.i] for c in head.lefts if misread and
                        c.dep_ in ("compound", "nmod") and c.i in self.token_entity]
            themes = [c for c in head.children if c.dep_ == "nsubjpass"]
            if themes:  # "they were sent to Syria to fight": the one sent fights
                return self.entities(themes[0])
            found = self.subjects(head, None, depth + 1)
            if found:
                return found
            tok, depth = head, depth + 1
        return []

    def _containers(self, tok: Token) -> list[str]:
        """Places of a second "in" phrase set off by a comma after a first one: the
        province the first place lies in."""
        preps = [c for c in tok.children if c.dep_ == "prep" and c.lower_ == "in"]
        if preps and any(self.types.get(e) == EntityType.STATE for o in preps[0].children
                         if o.dep_ == "pobj" for e in self.entities(o)):
            return []  # "in Afghanistan, in Kunar and Khost provinces": finer, not a container
        return [e for p in preps[1:] if p.i > 0 and self.doc[p.i - 1].text == ","
                for o in p.children if o.dep_ == "pobj" for e in self.entities(o)]

    def _prep_objects(self, tok: Token, preps: tuple[str, ...]) -> list[str]:
        found: list[str] = []
        for child in tok.children:
            if child.dep_ in ("prep", "agent", "dative") and child.lower_ in preps:
                # "ties with the Taliban and with al-Qaeda": the conjoined preposition too
                for prep in [child, *[c for c in child.children
                                      if c.dep_ == "conj" and c.lower_ == child.lower_]]:
                    objects = [p for p in prep.children if p.dep_ in ("pobj", "pcomp")]
                    for pobj in objects:
                        found += self.entities(pobj)
                    if not objects:  # "split from and later rejoined the TTP"
                        found += self._shared_object(prep)
            elif child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in preps
                                               for m in child.children):
                # "work with X to safeguard": parsed as an absolute clause "with X to …"
                found += [e for s in child.children if s.dep_ == "nsubj"
                          for e in self.entities(s)]
        return found

    def _shared_object(self, prep: Token) -> list[str]:
        """The object a stranded preposition shares with the verb coordinated after its
        own: "broke away from and later rejoined the TTP", "split from, and in 2020
        returned to, the TTP" - the later verb's direct object, else its last
        prepositional object."""
        verb = prep.head.head if prep.head.dep_ in ("advmod", "prt") else prep.head
        for later in verb.children:
            if later.dep_ != "conj" or later.i < prep.i or later.pos_ not in ("VERB", "AUX"):
                continue
            direct = [e for c in later.children if c.dep_ == "dobj" for e in self.entities(c)]
            if direct:
                return direct
            last = [c for c in later.children if c.dep_ == "prep" and c.i > later.i]
            if last:
                return [e for p in last[-1].children if p.dep_ == "pobj"
                        for e in self.entities(p)]
        return []

    def objects(self, tok: Token, frame: Frame) -> list[str]:
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children)
        found: list[str] = []
        for route in frame.object:
            if route == "dobj":
                if _passive_participle(tok) and not frame.passive_theme:
                    # "JuA, led by Khorasani"; "Banned by Pakistan, the TTP moved …"
                    found += self.entities(tok.head) if tok.dep_ == "acl" else [
                        e for c in tok.head.children if c.dep_ in SUBJECT_DEPS
                        for e in self.entities(c)]
                    continue
                deps = ("nsubjpass",) if passive and not frame.passive_theme else ("dobj",)
                for child in tok.children:
                    if child.dep_ in deps:
                        found += self.entities(child)
                    elif child.dep_ in ("acomp", "oprd") and child.pos_ == "VERB":
                        # "operate weaponized large drones" parsed as a participle's object
                        found += [e for g in child.children if g.dep_ == "dobj"
                                  for e in self.entities(g)]
                if passive and not found and tok.dep_ == "conj":
                    # "is headquartered in X and has been banned": the shared subject
                    found += [e for c in tok.head.children if c.dep_ in SUBJECT_DEPS
                              for e in self.entities(c)]
                if passive and not found and tok.dep_ == "xcomp":
                    # "Mansoor is reported to have been killed"
                    found += [e for c in tok.head.children if c.dep_ == "nsubjpass"
                              for e in self.entities(c)]
                if not found and tok.dep_ in ("relcl", "acl") and passive is False and \
                        not any(c.dep_ == "dobj" for c in tok.children) and \
                        any(c.dep_ == "nsubj" for c in tok.children):
                    found += self.entities(tok.head)  # "settlers, whom they view as ..."
            elif route in ("npadvmod", "attr", "oprd", "nsubj"):  # "the Pakistan-based group"
                for child in tok.children:
                    if child.dep_ == route:
                        found += self.entities(child)
            elif route == "dative":
                for child in tok.children:
                    if child.dep_ == "dative" and child.pos_ != "ADP":
                        found += self.entities(child)
            else:
                found += self._prep_objects(tok, (route,))
                if route == "in":  # "in Bahawalpur, in Pakistan's Punjab province": the
                    found = [e for e in found if e not in self._containers(tok)]  # container
                if tok.dep_ == "acomp":  # "is active in X": the copula holds the "in"
                    found += self._prep_objects(tok.head, (route,))
                for prt in tok.children:  # "work closely with", "pledged allegiance to"
                    if prt.dep_ in ("advmod", "prt", "dobj") or (  # "operates out of"
                            prt.dep_ == "prep" and prt.lower_ == "out" and route == "of"):
                        found += self._prep_objects(prt, (route,))
                if route in ("in", "at") and tok.dep_ == "relcl" and \
                        any(c.lower_ == "where" for c in tok.children):
                    found += self.entities(tok.head)  # "Kunar, where he has sheltered"
        return found

    def apposed_all(self, appos: Token) -> list[str]:
        """The entities a plural apposition describes: "the BLA and the BLF, both members
        of BRAS" (every conjunct before it); a singular one describes the last."""
        head = appos.head
        if appos.tag_ not in ("NNS", "NNPS"):
            return [self.apposed_to(appos)]
        own = self.token_entity[head.i]
        start, end = head.i, head.i  # the words of the head's name (the parser may hang
        while start > 0 and self.token_entity.get(start - 1) == own:  # the conjunct on any)
            start -= 1
        while end + 1 < appos.i and self.token_entity.get(end + 1) == own:
            end += 1
        found = [own]
        todo = [c for t in self.doc[start:end + 1] for c in t.children
                if c.dep_ == "conj" and c.i < appos.i]
        while todo:
            c = todo.pop(0)
            if c.i in self.token_entity:
                found.append(self.token_entity[c.i])
            todo += [g for g in c.children if g.dep_ == "conj" and g.i < appos.i]
        return list(dict.fromkeys(found))

    def noun_subjects(self, noun: Token) -> list[str]:
        """Whose action a trigger noun names: its possessor, or the subject of its verb."""
        if noun.dep_ == "appos" and noun.head.i in self.token_entity:
            return self.apposed_all(noun)  # "Hizbul Ahrar, an offshoot of JuA"
        own = self.token_entity.get(noun.i)
        unit = noun.lemma_.casefold() in self.frames.part_of_heads
        for child in noun.children:
            if child.dep_ in ("poss", "compound") or (child.dep_ == "amod" and
                                                      child.i in self.token_entity):
                found = [e for e in self.entities(child) if e != own]
                if unit and child.dep_ == "amod" and all(
                        self.types[e] in PLACES for e in found):
                    continue  # "the Afghan branch of IS": where the unit is, not whose
                if found:  # (not the noun's own name: "the suicide squad of the BLA")
                    return found
        if any(c.dep_ == "poss" and c.pos_ == "PROPN" and c.ent_type_ not in ("DATE", "TIME")
               for c in noun.children):
            return []  # "Jamaat-e-Islami's network": an owner we do not know, not the verb's
            # subject (but "Sunday's attack" is the subject's)
        head = noun.head
        if noun.dep_ == "oprd" and head.pos_ in ("VERB", "AUX"):
            # "calling it a front for LeT": the complement describes the object
            described = [c for c in head.children if c.dep_ in ("dobj", "nsubjpass")]
            if described:  # (passive: "TRF is considered a front for LeT")
                return self.entities(described[0])
        if noun.dep_ in ("dobj", "attr", "nsubjpass", "oprd") and head.pos_ in ("VERB", "AUX"):
            return self.subjects(head)
        if noun.dep_ == "pobj" and head.dep_ in ("prep", "agent"):
            gov = head.head
            if gov.pos_ in ("VERB", "AUX", "ADJ") and is_passive(gov):
                # "X may be involved in attacks on Y": the one involved attacks
                themes = [c for c in gov.children if c.dep_ == "nsubjpass"]
                if themes:
                    return self.entities(themes[0])
                if gov.dep_ == "conj":
                    return self.subjects(gov.head)
            if gov.pos_ in ("VERB", "AUX", "ADJ"):
                if gov.lemma_.casefold() in OBJECT_CONTROL:
                    controlled = [c for c in gov.children if c.dep_ == "dobj"]
                    if controlled:  # "push the military toward strikes": the military's
                        return [e for c in controlled for e in self.entities(c)]
                return self.subjects(gov)
            if gov.pos_ in ("NOUN", "PROPN") and gov.lemma_.casefold() in ("presence",):
                return self.entities(gov)
            if gov.pos_ == "NOUN" and gov.i not in self.token_entity and \
                    gov.lemma_.casefold() not in REACTIONS:
                return self.noun_subjects(gov)  # "a long record of attacks on …"
        if noun.dep_ == "nsubj":
            return []
        return []


def _passive_participle(tok: Token) -> bool:
    """A past participle modifying a noun: "JuA, led by X", "groups based in Y"."""
    # not "evidence that X has …"; a fronted one is: "Banned by Pakistan in 2008, the TTP …"
    # (but "It fought …, then regrouped in X" is a second verb the parser misread)
    return tok.tag_ == "VBN" and (tok.dep_ == "acl" or (
        tok.dep_ == "advcl" and tok.i < tok.head.i)) and \
        not any(c.dep_ in ("nsubj", "aux", "mark") for c in tok.children)


def is_passive(tok: Token) -> bool:
    """A verb in the passive voice: "was listed", "has been banned"."""
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children)
