"""Relation extraction over the dependency parse: frame triggers and their arguments.

For every verb or noun that a frame names, find its subject and object entities
through the parse (conjunctions, appositions, passives, relative and
participial clauses, prepositional chains, "groups like X", "X operatives",
anaphors), check their types against the frame, and emit a `RawClaim` with its
trigger token. Claim semantics (source, modality, polarity, time) are added
afterwards by `semantics.py`, from the trigger's place in the parse.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from threatnet.extract.coref import Coreference
from threatnet.extract.frames import Frame, Frames
from threatnet.extract.sentences import sentence_of
from threatnet.model import EntityType, Polarity, is_symmetric

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
INHERIT_DEPS = ("conj", "xcomp", "advcl", "pcomp", "acl", "relcl", "ccomp", "prep", "acomp")
OBJECT_CONTROL = frozenset({"accuse", "suspect", "charge", "blame", "push", "force", "drive",
                            "lead", "help", "urge", "allow", "enable", "encourage", "compel",
                            "designate", "sanction", "ban", "blacklist", "list", "punish",
                            "arrest", "detain", "convict", "condemn", "praise", "credit",
                            "name", "identify", "describe", "call", "consider", "label"})
RELATIVE_PRONOUNS = frozenset({"which", "that", "who", "whom", "whose"})
EXPANDERS = frozenset({"like", "including", "include", "as"})  # "groups like the BLA"
LOCATIVES = ("in", "from", "inside", "across", "throughout")
NEGATIVE_SUBJECTS = frozenset({"none", "neither", "nobody", "no one"})


@dataclass
class RawClaim:
    """A triple found in one sentence, before its semantics are read."""

    subject: str
    predicate: str
    object: str
    trigger: Token
    polarity: Polarity = Polarity.AFFIRMED
    negated_subject: bool = False
    qualifiers: dict[str, str] = field(default_factory=dict)


class RelationFinder:
    def __init__(self, frames: Frames) -> None:
        self.frames = frames

    def find(self, doc: Doc, token_entity: dict[int, str], types: dict[str, EntityType],
             coref: Coreference) -> list[RawClaim]:
        ctx = _Context(doc, token_entity, types, self.frames, coref)
        claims: list[RawClaim] = []
        for tok in doc:
            lemma = tok.lemma_.casefold()
            verbal = tok.pos_ in ("VERB", "AUX", "ADJ") or (
                tok.dep_ == "ROOT" and any(c.dep_ == "nsubj" for c in tok.children))
            if verbal and lemma in self.frames.verbs:  # "LeT targets India" tagged NOUN
                for frame in self.frames.verbs[lemma]:
                    claims += ctx.verb_claims(tok, frame)
            if tok.pos_ in ("NOUN", "PROPN") and lemma in self.frames.nouns:
                for frame in self.frames.nouns[lemma]:
                    claims += ctx.noun_claims(tok, frame)
            if tok.pos_ in ("NOUN", "PROPN"):
                claims += ctx.role_claims(tok)
                claims += ctx.part_of_claims(tok)
        claims += [loc for c in claims for loc in ctx.locative_claims(c)]
        return claims


def dedupe(claims: list[RawClaim]) -> list[RawClaim]:
    """One claim per triple and sentence; no claim of an entity about itself."""
    seen, out = set(), []
    for c in claims:
        a, b = c.subject, c.object
        if is_symmetric(c.predicate) and b < a:
            a, b = b, a
        key = (a, c.predicate, b, sentence_of(c.trigger).start)
        if a != b and key not in seen:
            seen.add(key)
            out.append(c)
    return out


class _Context:
    """Argument finding for one document."""

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
                out.append(child)
        return out

    def _entities_of_one(self, tok: Token, depth: int) -> list[str]:
        if tok.i in self.token_entity:
            return [self.token_entity[tok.i]]
        if depth > 3:
            return []
        both = self.coref.plural(tok)
        if both:
            return both
        ref = self.coref.resolve(tok)
        if ref:
            return [ref]
        if tok.lower_ in RELATIVE_PRONOUNS and tok.head.dep_ == "relcl":
            return self.entities(tok.head.head, depth + 1)
        found = self._expansions(tok, depth)
        if found:
            return found
        named = [self.token_entity[c.i] for c in tok.children
                 if c.dep_ == "compound" and c.i in self.token_entity]
        if named and tok.lemma_.casefold() in self.frames.place_proxies:
            return named  # "the Makran region"
        for acl in tok.children:  # "a faction calling itself LeJ al-Alami", "known as X"
            if acl.dep_ == "acl" and acl.lemma_.casefold() in ("call", "name", "know", "dub"):
                named = [e for c in acl.children if c.dep_ in ("oprd", "attr", "xcomp")
                         for e in self.entities(c, depth + 1)]
                named += [e for c in acl.children if c.dep_ == "prep" and c.lower_ == "as"
                          for p in c.children for e in self.entities(p, depth + 1)]
                if named:
                    return named
        if tok.dep_ == "appos" and tok.head.i in self.token_entity:
            return [self.token_entity[tok.head.i]]  # "JuA, a faction that split from …"
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
            for child in tok.children:
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
            if found or "dobj" in frame.subject:
                return found
        for child in verb.children:
            if passive and not (frame and frame.passive_theme):
                if child.dep_ == "agent":
                    return [e for p in child.children if p.dep_ == "pobj"
                            for e in self._wielders(self.entities(p), p)]
                continue
            if child.dep_ in SUBJECT_DEPS:
                found = self._wielders(self.entities(child), child)
                if found or child.lower_ not in RELATIVE_PRONOUNS:
                    return found
        if passive and frame and frame.predicate == "hostile_to":
            # "banned in Pakistan": the state whose law it is
            found = [e for e in self._prep_objects(verb, ("in",))
                     if self.types[e] == EntityType.STATE]
            if found:
                return found
        if passive and not (frame and frame.passive_theme):
            # no agent: "killed in a US drone strike" names the actor through the attack
            return [e for p in verb.children if p.dep_ == "prep" and p.lower_ in ("in", "by")
                    for n in p.children if n.dep_ == "pobj"
                    and n.lemma_.casefold() in self.frames.nouns
                    for m in n.children if m.dep_ in ("compound", "poss", "amod")
                    for e in self.entities(m)]
        if verb.dep_ in ("relcl", "acl", "amod") and not passive:
            return self.entities(verb.head)
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
            if gov.lemma_.casefold() in OBJECT_CONTROL:
                objs = [e for c in gov.children if c.dep_ == "dobj" for e in self.entities(c)]
                if objs:
                    return objs
        return self._governing_subjects(verb, depth)

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
                                  "advcl", "xcomp"):
                head = head.head
            if head.pos_ not in ("VERB", "AUX"):
                return []
            themes = [c for c in head.children if c.dep_ == "nsubjpass"]
            if themes:  # "they were sent to Syria to fight": the one sent fights
                return self.entities(themes[0])
            found = self.subjects(head, None, depth + 1)
            if found:
                return found
            tok, depth = head, depth + 1
        return []

    def _prep_objects(self, tok: Token, preps: tuple[str, ...]) -> list[str]:
        found: list[str] = []
        for child in tok.children:
            if child.dep_ in ("prep", "agent", "dative") and child.lower_ in preps:
                for pobj in child.children:
                    if pobj.dep_ in ("pobj", "pcomp"):
                        found += self.entities(pobj)
            elif child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in preps
                                               for m in child.children):
                # "work with X to safeguard": parsed as an absolute clause "with X to …"
                found += [e for s in child.children if s.dep_ == "nsubj"
                          for e in self.entities(s)]
        return found

    def objects(self, tok: Token, frame: Frame) -> list[str]:
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children)
        found: list[str] = []
        for route in frame.object:
            if route == "dobj":
                if _passive_participle(tok) and not frame.passive_theme:
                    found += self.entities(tok.head)  # "JuA, led by Khorasani"
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
                for prt in tok.children:  # "work closely with", "pledged allegiance to"
                    if prt.dep_ in ("advmod", "prt", "dobj"):
                        found += self._prep_objects(prt, (route,))
                if route in ("in", "at") and tok.dep_ == "relcl" and \
                        any(c.lower_ == "where" for c in tok.children):
                    found += self.entities(tok.head)  # "Kunar, where he has sheltered"
        return found

    # -- claims ---------------------------------------------------------------

    def _typed(self, subjects: list[str], objects: list[str], frame: Frame, trigger: Token,
               negated_subject: bool = False) -> Iterator[RawClaim]:
        for s in subjects:
            for o in objects:
                st, ot = self.types[s], self.types[o]
                if frame.swap and st == EntityType.EVENT and ot != EntityType.EVENT:
                    s, o, st, ot = o, s, ot, st
                if st in frame.subject_types and ot in frame.object_types and s != o:
                    yield RawClaim(s, frame.predicate, o, trigger, frame.polarity,
                                   negated_subject)

    def verb_claims(self, verb: Token, frame: Frame) -> list[RawClaim]:
        if frame.particle and not any(c.dep_ == "prt" and c.lower_ == frame.particle
                                      for c in verb.children):
            return []
        if frame.via:
            held = [p for c in verb.children if c.dep_ == "prep" and c.lower_ == frame.as_object
                    for p in c.children if p.dep_ == "pobj"]
            if frame.as_object == "oprd":  # "made them its principal target"
                held = [c for c in verb.children if c.dep_ in ("oprd", "ccomp", "xcomp", "attr")]
            if not any(p.lemma_.casefold() in frame.via for p in held):
                return []
        if frame.predicate == "supplies" and any(
                c.dep_ == "dobj" and c.lemma_.casefold() in self.frames.nouns
                for c in verb.children):
            return []  # "provide support to X": the noun's frame says what is given
        if frame.requires and not any(c.dep_ == "prep" and c.lower_ == frame.requires
                                      for c in verb.children):
            return []
        objects = self.objects(verb, frame)
        if not objects and frame.as_object == "oprd":  # "made them its target" as a clause
            objects = [e for c in verb.children if c.dep_ in ("ccomp", "xcomp")
                       for g in c.children if g.dep_ == "nsubj" for e in self.entities(g)]
        subjects = self.subjects(verb, frame)
        if _reciprocal(verb, frame):  # "the two movements have fought each other"
            objects = subjects
        if not objects:
            return []
        negated = any(c.dep_ in SUBJECT_DEPS and c.lower_ in NEGATIVE_SUBJECTS
                      for c in verb.children)
        claims = list(self._typed(subjects, objects, frame, verb, negated))
        if frame.predicate == "supplies":  # what was given: "supplied heavy weapons to X"
            given = [c for c in verb.children if c.dep_ == "dobj"] or [
                p for c in verb.children if c.dep_ == "prep" and c.lower_ == "with"
                for p in c.children if p.dep_ == "pobj"]
            for claim in claims:
                if given and not self.entities(given[0]) == [claim.object]:
                    claim.qualifiers["item"] = _phrase(given[0])
        return claims

    def noun_claims(self, noun: Token, frame: Frame) -> list[RawClaim]:
        out: list[RawClaim] = []
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ in frame.pair:
                sides = [e for p in prep.children if p.dep_ == "pobj" for e in self.entities(p)]
                for i, a in enumerate(sides):
                    for b in sides[i + 1:]:
                        out += self._typed([a], [b], frame, noun)
        if frame.pair and noun.dep_ == "attr":  # "the Taliban and ISKP are bitter enemies"
            sides = [e for c in noun.head.children if c.dep_ == "nsubj" for e in self.entities(c)]
            for i, a in enumerate(sides):
                for b in sides[i + 1:]:
                    out += [*self._typed([a], [b], frame, noun),
                            *self._typed([b], [a], frame, noun)]
        if out:
            return out
        objects = self._prep_objects(noun, frame.object)
        if not objects and frame.predicate == "involved_in":
            # "denied any role": the event in question is the one just named
            event = self.coref.latest_event(noun)
            objects = [event] if event else []
        gov = noun.head.head if noun.dep_ == "pobj" else noun.head
        if not objects and noun.dep_ in ("dobj", "pobj", "attr", "nsubjpass") and \
                gov.pos_ in ("VERB", "AUX"):
            # "denied any role in the attack": the parser hangs the noun's
            # preposition on the verb
            objects = self._prep_objects(gov, frame.object) or [
                e for c in gov.children if c.dep_ == "dative" and c.pos_ != "ADP"
                for e in self.entities(c)]  # "provides them protection"
        if "including" in frame.object:
            objects += [e for c in noun.children if c.dep_ == "prep" and c.lower_ == "including"
                        for p in c.children for e in self.entities(p)]
        if not objects:
            return []
        return list(self._typed(self.noun_subjects(noun), objects, frame, noun))

    def noun_subjects(self, noun: Token) -> list[str]:
        """Whose action a trigger noun names: its possessor, or the subject of its verb."""
        if noun.dep_ == "appos" and noun.head.i in self.token_entity:
            return [self.token_entity[noun.head.i]]  # "Hizbul Ahrar, an offshoot of JuA"
        for child in noun.children:
            if child.dep_ in ("poss", "compound") or (child.dep_ == "amod" and
                                                      child.i in self.token_entity):
                found = self.entities(child)
                if found:
                    return found
        head = noun.head
        if noun.dep_ == "oprd" and head.pos_ in ("VERB", "AUX"):
            # "calling it a front for LeT": the complement describes the object
            described = [c for c in head.children if c.dep_ == "dobj"]
            if described:
                return self.entities(described[0])
        if noun.dep_ in ("dobj", "attr", "nsubjpass", "oprd") and head.pos_ in ("VERB", "AUX"):
            return self.subjects(head)
        if noun.dep_ == "pobj" and head.dep_ in ("prep", "agent"):
            gov = head.head
            if gov.pos_ in ("VERB", "AUX", "ADJ") and _is_passive(gov):
                # "X may be involved in attacks on Y": the one involved attacks
                themes = [c for c in gov.children if c.dep_ == "nsubjpass"]
                if themes:
                    return self.entities(themes[0])
                if gov.dep_ == "conj":
                    return self.subjects(gov.head)
            if gov.pos_ in ("VERB", "AUX", "ADJ"):
                if gov.lemma_.casefold() in OBJECT_CONTROL:
                    objs = [e for c in gov.children if c.dep_ == "dobj" for e in self.entities(c)]
                    if objs:
                        return objs
                return self.subjects(gov)
            if gov.pos_ in ("NOUN", "PROPN") and gov.lemma_.casefold() in ("presence",):
                return self.entities(gov)
            if gov.pos_ == "NOUN" and gov.i not in self.token_entity:
                return self.noun_subjects(gov)  # "a long record of attacks on …"
        if noun.dep_ == "nsubj":
            return []
        return []

    def role_claims(self, noun: Token) -> list[RawClaim]:
        """ "X's commander Y", "Defense Minister Y" (of X), "Y, a senior X figure"."""
        predicate = self.frames.roles.get(noun.lower_) or self.frames.roles.get(
            noun.lemma_.casefold())
        if predicate is None:
            return []
        if any(c.lower_ in ("prime", "chief", "supreme") for c in noun.lefts) or \
                "in-chief" in noun.doc[noun.i:noun.i + 5].text.replace(" ", "").lower():
            predicate = "leads"  # "prime minister", "commander-in-chief"
        people: list[str] = []
        orgs: list[str] = []
        if noun.i in self.token_entity:
            return []
        for child in noun.children:
            if child.dep_ == "appos":
                people += [e for e in self.entities(child)
                           if self.types[e] == EntityType.PERSON]
            if child.dep_ in ("poss", "compound", "amod", "nmod"):
                # "Afghan Defense Minister": the organisation may sit deeper in the modifiers
                for t in child.subtree:
                    e = self.token_entity.get(t.i) or (self.coref.resolve(t)
                                                       if t.dep_ == "poss" else None)
                    if e and self.types[e] != EntityType.PERSON and e not in orgs:
                        orgs.append(e)
            if child.dep_ == "prep" and child.lower_ in ("of", "in"):
                orgs += [e for p in child.children if p.dep_ == "pobj"
                         for e in self.entities(p) if self.types[e] != EntityType.PERSON]
        top = noun
        while top.dep_ == "conj" and top.head.i != top.i:
            top = top.head  # "Azhar's brother and a senior JeM figure"
        if top is not noun and top.dep_ == "appos" and top.head.i in self.token_entity:
            people += [e for e in [self.token_entity[top.head.i]]
                       if self.types[e] == EntityType.PERSON]
        if noun.dep_ in ("compound", "appos") and noun.head.i in self.token_entity:
            head_entity = self.token_entity[noun.head.i]
            if self.types[head_entity] == EntityType.PERSON:
                people.append(head_entity)
        if noun.dep_ == "attr":
            people += [e for c in noun.head.children if c.dep_ == "nsubj"
                       for e in self.entities(c) if self.types[e] == EntityType.PERSON]
        frame = Frame(predicate=predicate, object=(),
                      subject_types=frozenset({EntityType.PERSON}),
                      object_types=frozenset({EntityType.ARMED_GROUP, EntityType.STATE,
                                              EntityType.GOVERNMENT_BODY,
                                              EntityType.ORGANIZATION}))
        return list(self._typed(people, orgs, frame, noun))

    def locative_claims(self, claim: RawClaim) -> list[RawClaim]:
        """An armed group acting "in X" / "from X" operates in X."""
        verb = claim.trigger
        if verb.pos_ != "VERB" or self.types[claim.subject] != EntityType.ARMED_GROUP or \
                claim.predicate in ("operates_in", "based_in", "controls"):
            return []
        places = [e for e in self._prep_objects(verb, LOCATIVES)
                  if self.types[e] == EntityType.LOCATION]
        return [RawClaim(claim.subject, "operates_in", p, verb, claim.polarity,
                         claim.negated_subject) for p in places]

    def part_of_claims(self, tok: Token) -> list[RawClaim]:
        """ "the group's Majid Brigade": an armed group possessed by another is part of it."""
        if tok.i not in self.token_entity or tok.lemma_.casefold() not in \
                self.frames.part_of_heads:
            return []
        owners = [e for c in tok.children if c.dep_ == "poss" for e in self.entities(c)]
        part = self.token_entity[tok.i]
        return [RawClaim(part, "part_of", o, tok) for o in owners
                if o != part and self.types[o] == EntityType.ARMED_GROUP
                and self.types[part] == EntityType.ARMED_GROUP]


def _passive_participle(tok: Token) -> bool:
    """A past participle modifying a noun: "JuA, led by X", "groups based in Y"."""
    return tok.dep_ == "acl" and tok.tag_ == "VBN"


def _is_passive(tok: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children)


def _phrase(tok: Token) -> str:
    """A noun phrase's words without its determiner: "heavy weapons"."""
    words = [t for t in tok.subtree if t.i <= tok.i and t.dep_ not in ("det", "poss", "case")]
    return " ".join(t.text for t in words)


def _reciprocal(verb: Token, frame: Frame) -> bool:
    """ "each other" / "one another" as the object: the subjects act on one another."""
    return any(t.lower_ in ("other", "another") and
               any(d.lower_ in ("each", "one") for d in t.lefts)
               for c in verb.children
               if (c.dep_ == "dobj" and "dobj" in frame.object) or
               (c.dep_ == "prep" and c.lower_ in frame.object)
               for t in ([c] if c.dep_ == "dobj" else list(c.children)))
