"""Violence between actors (round 5): who strikes, fights or opposes whom, beyond what the
frames of `relations.py` read.

Four families over the dependency parse, their words kept as data (the `conflict` block
of `data/frames.yaml`); the pipeline adds these claims to the frames' claims, and their
modality, polarity and source are read from the trigger like any other claim's:

- **cross-border strikes**: a state's or its forces' strike on a place in another
  country attacks that place as well as its target ("Pakistani jets struck TTP hideouts
  in Khost" -> Pakistan attacks Khost; "carried out strikes in Paktika");
- **another state's rule**: "fight Indian rule in Kashmir" (`fights` India), "its aim is
  to end Indian rule" (`hostile_to` India);
- **side by side**: "fought side by side with the Afghan Taliban", "shoulder to shoulder
  with X" is an alliance (`allied_with`), never fighting the partner (`amend` drops a
  `fights` claim the frames read there);
- **a declared enemy**: "the Taliban's main enemy is ISKP", "LeJ, whose declared enemy is
  the Shia minority" (`hostile_to`).
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.attrs import LEMMA
from spacy.tokens import Doc, Token

from threatnet.extract.arguments import Arguments
from threatnet.extract.coref import Coreference
from threatnet.extract.frames import Frame, Frames
from threatnet.extract.relations import RawClaim
from threatnet.extract.sentences import tokens_whose
from threatnet.model import EntityType
from threatnet.resolve.pack import ActorPack
from threatnet.resources import load_data

_STRIKERS = frozenset({EntityType.STATE, EntityType.GOVERNMENT_BODY})
_PLACES = frozenset({EntityType.LOCATION, EntityType.STATE})
_ACTORS = frozenset({EntityType.ARMED_GROUP, EntityType.ORGANIZATION, EntityType.STATE,
                     EntityType.GOVERNMENT_BODY, EntityType.PERSON})
_GROUPS = frozenset({EntityType.ARMED_GROUP, EntityType.ORGANIZATION, EntityType.STATE,
                     EntityType.GOVERNMENT_BODY})
_HOSTILE_OBJECTS = _GROUPS | {EntityType.PERSON, EntityType.POPULATION}
_ATTACK = Frame(predicate="attacks", object=("dobj",))


class ConflictWords:
    """The word classes of the `conflict` block of `data/frames.yaml`."""

    def __init__(self) -> None:
        data = load_data("frames.yaml")["conflict"]
        self.words: dict[str, frozenset[str]] = {
            key: frozenset(str(w).casefold() for w in value) for key, value in data.items()}

    def __getitem__(self, key: str) -> frozenset[str]:
        return self.words[key]


class ConflictReader:
    """Claims of the four families above, for one document at a time."""

    def __init__(self, frames: Frames, pack: ActorPack) -> None:
        self.frames = frames
        self.pack = pack
        self.w = ConflictWords()
        self._triggers = frozenset(self.w["strike_verbs"] | self.w["strike_nouns"] |
                                   self.w["rule_nouns"] | self.w["together_nouns"] |
                                   self.w["enemy_nouns"])

    def find(self, doc: Doc, token_entity: dict[int, str], types: dict[str, EntityType],
             coref: Coreference, pack_ids: dict[str, str]) -> list[RawClaim]:
        """The claims of the families, found from their trigger words only."""
        args = Arguments(doc, token_entity, types, self.frames, coref)
        read = _Reading(self, args, pack_ids)
        claims: list[RawClaim] = []
        for i in tokens_whose(doc, LEMMA, self._triggers, casefold=True):
            claims += read.claims(doc[i])
        return claims

    def amend(self, claims: list[RawClaim]) -> list[RawClaim]:
        """The frames' claims without `fights` read from "fought side by side with X"."""
        return [c for c in claims if not (c.predicate == "fights" and
                                         self._side_by_side(c.trigger) is not None)]

    def _side_by_side(self, verb: Token) -> Token | None:
        """The first "side" / "shoulder" of "side by side" / "shoulder to shoulder" under a
        fighting word (the parser hangs the second on the verb's "by" or on the first),
        or None."""
        if verb.lemma_.casefold() not in self.w["fighting_words"]:
            return None
        together = self.w["together_nouns"]
        sides = [c for c in verb.children if c.lemma_.casefold() in together]
        pairs = [p for h in [verb, *sides] for c in h.children
                 if c.dep_ == "prep" and c.lower_ in ("by", "to")
                 for p in c.children if p.dep_ == "pobj" and p.lemma_.casefold() in together]
        return sides[0] if sides and pairs else None

    def sides(self, verb: Token) -> list[Token]:
        """Every token of the "side by side" phrase under `verb` that may hold "with X"."""
        first = self._side_by_side(verb)
        if first is None:
            return []
        return [first, *[p for h in (verb, first) for c in h.children
                         if c.dep_ == "prep" and c.lower_ in ("by", "to")
                         for p in c.children if p.dep_ == "pobj"]]


class _Reading:
    """One document's pass: the arguments finder and the places' countries."""

    def __init__(self, reader: ConflictReader, args: Arguments, pack_ids: dict[str, str]):
        self.r = reader
        self.w = reader.w
        self.args = args
        self.types = args.types
        self.pack_ids = pack_ids
        self._countries: dict[str, str | None] = {}

    def claims(self, tok: Token) -> list[RawClaim]:
        lemma = tok.lemma_.casefold()
        out: list[RawClaim] = []
        if tok.pos_ == "VERB" and lemma in self.w["strike_verbs"]:
            out += self._verb_strike(tok)
        if tok.pos_ == "NOUN" and lemma in self.w["strike_nouns"]:
            out += self._noun_strike(tok)
        if tok.pos_ == "NOUN" and lemma in self.w["rule_nouns"]:
            out += self._rule(tok)
        if lemma in self.w["together_nouns"]:
            out += self._together(tok)
        if tok.pos_ == "NOUN" and lemma in self.w["enemy_nouns"]:
            out += self._enemy(tok)
        return out

    # -- cross-border strikes ------------------------------------------------------

    def country(self, entity: str) -> str | None:
        """The pack id of the state an entity is or lies in (None when not known)."""
        if entity not in self._countries:
            pid = self.pack_ids.get(entity)
            found = None
            for p in [pid, *self.r.pack.ancestors(pid)] if pid else []:
                entry = self.r.pack.get(p)
                if entry is not None and entry.type == EntityType.STATE:
                    found = p
                    break
            self._countries[entity] = found
        return self._countries[entity]

    def _across(self, strikers: list[str], places: list[str], trigger: Token
                ) -> Iterator[RawClaim]:
        for s in strikers:
            home = self.country(s) if self.types[s] in _STRIKERS else None
            for p in places:
                there = self.country(p) if self.types[p] in _PLACES else None
                if home and there and home != there and p != s:
                    yield RawClaim(s, "attacks", p, trigger)

    def _places_in(self, tok: Token) -> list[str]:
        """Places named by the place prepositions of `tok` ("in Khost and Kunar")."""
        return [e for c in tok.children if c.dep_ == "prep" and c.lower_ in self.w["place_preps"]
                for p in c.children if p.dep_ == "pobj" for e in self.args.entities(p)
                if self.types[e] in _PLACES]

    def _struck_places(self, noun: Token) -> list[str]:
        """ "targets in Panjgur", "TTP hideouts in Khost": the place a struck noun lies in."""
        if noun.lemma_.casefold() not in self.w["struck_places"] or \
                noun.i in self.args.token_entity:
            return []
        return self._places_in(noun)

    def _verb_strike(self, verb: Token) -> list[RawClaim]:
        """ "Pakistani jets struck TTP hideouts in Khost", "fired missiles at targets in
        Panjgur", "bombed sites in Pakistan"."""
        strikers = [s for s in self.args.subjects(verb, _ATTACK) if self.types[s] in _STRIKERS]
        if not strikers:
            return []
        struck = [c for c in verb.children if c.dep_ == "dobj"] + [
            p for c in verb.children if c.dep_ == "prep" and c.lower_ in ("on", "at", "against")
            for p in c.children if p.dep_ == "pobj"]
        places = [e for n in struck for t in self.args._conjuncts(n)
                  for e in self._struck_places(t)]
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        if all(o.lemma_.casefold() in self.w["struck_places"] and o.i not in self.args.token_entity
               for o in objects):  # "struck inside Afghanistan", "hit targets in Kunar"
            places += self._places_in(verb)
        return list(self._across(strikers, places, verb))

    def _noun_strike(self, noun: Token) -> list[RawClaim]:
        """ "Pakistani aircraft carried out strikes in Paktika", "Iran's strikes on targets
        in Panjgur": a strike named as the deed of its owner or of its verb's subject. Not
        a strike that killed someone ("killed in a US drone strike in Nangarhar"): the place
        of a killing is where it happened, not what was struck."""
        gov = noun.head
        owned = [e for c in noun.children if c.dep_ in ("poss", "amod", "compound")
                 for e in self.args.entities(c) if self.types[e] in _STRIKERS]
        if noun.dep_ == "dobj" and gov.lemma_.casefold() in self.w["strike_light_verbs"]:
            strikers = owned or [s for s in self.args.subjects(gov) if self.types[s] in _STRIKERS]
            holders = [noun, gov]
        elif noun.dep_ in ("nsubj", "nsubjpass", "pobj", "npadvmod"):
            return []  # the strike killed, hit or was told of: its place is where it was
        else:
            strikers, holders = owned, [noun]
        if not strikers:
            return []
        places = [e for h in holders for e in self._places_in(h)]
        places += [e for c in noun.children if c.dep_ == "prep" and
                   c.lower_ in ("on", "against", "at")
                   for p in c.children if p.dep_ == "pobj" for t in self.args._conjuncts(p)
                   for e in self._struck_places(t)]
        return list(self._across(strikers, places, noun))

    # -- another state's rule --------------------------------------------------------

    def _rule(self, noun: Token) -> list[RawClaim]:
        """ "Both fight Indian rule in Kashmir", "to end Indian rule", "a struggle against
        Chinese rule in Xinjiang"."""
        verb = noun.head
        if noun.dep_ == "pobj" and verb.lower_ == "against":
            verb = verb.head
        elif noun.dep_ != "dobj":
            return []
        lemma = verb.lemma_.casefold()
        if lemma in self.w["rule_fights"]:
            predicate = "fights"
        elif lemma in self.w["rule_hostile"]:
            predicate = "hostile_to"
        else:
            return []
        rulers = [e for c in noun.children if c.dep_ in ("amod", "compound", "poss", "nmod")
                  for e in self.args.entities(c) if self.types[e] in _STRIKERS]
        rulers += [e for c in noun.children if c.dep_ == "prep" and c.lower_ == "by"
                   for p in c.children if p.dep_ == "pobj" for e in self.args.entities(p)
                   if self.types[e] in _STRIKERS]
        if not rulers:
            return []
        actors = self._intending(verb) or self.args.subjects(verb)
        return [RawClaim(a, predicate, r, verb) for a in actors for r in rulers
                if a != r and self.types[a] in _ACTORS]

    def _intending(self, verb: Token) -> list[str]:
        """ "Its stated aim is to end …": the owner of the aim the clause completes; "waged
        a long struggle to end …": whose struggle it is."""
        if verb.dep_ == "acl" and verb.head.pos_ == "NOUN":
            return self.args.noun_subjects(verb.head)
        if verb.dep_ not in ("xcomp", "attr", "ccomp"):
            return []
        aims = [c for c in verb.head.children if c.dep_ == "nsubj"
                and c.lemma_.casefold() in self.w["intent_nouns"]]
        return [e for a in aims for c in a.children if c.dep_ == "poss"
                for e in self.args.entities(c)]

    # -- side by side ------------------------------------------------------------------

    def _together(self, side: Token) -> list[RawClaim]:
        """ "fought side by side with the Afghan Taliban", "shoulder to shoulder with X"."""
        fighting = side.head
        first = self.r._side_by_side(fighting)
        if first is None or first.i != side.i:
            return []
        partners = [e for h in (fighting, *self.r.sides(fighting)) for c in h.children
                    if c.dep_ == "prep" and c.lower_ == "with"
                    for p in c.children if p.dep_ == "pobj" for e in self.args.entities(p)]
        if fighting.pos_ in ("NOUN", "PROPN"):
            fighters = self.args.noun_subjects(fighting)
        else:
            fighters = self.args.subjects(fighting)
        if not partners and len(fighters) > 1:  # "X and Y fought side by side"
            return [RawClaim(a, "allied_with", b, fighting)
                    for i, a in enumerate(fighters) for b in fighters[i + 1:]
                    if self.types[a] in _GROUPS and self.types[b] in _GROUPS]
        return [RawClaim(a, "allied_with", b, fighting) for a in fighters for b in partners
                if a != b and self.types[a] in _GROUPS and self.types[b] in _GROUPS]

    # -- a declared enemy ------------------------------------------------------------

    def _enemy(self, noun: Token) -> list[RawClaim]:
        """ "the Taliban's main enemy is ISKP", "whose declared enemy is Pakistan's Shia
        minority", "its enemies include the Taliban"."""
        verb = noun.head
        if noun.dep_ != "nsubj" or verb.lemma_.casefold() not in self.w["copulas"]:
            return []
        enemies = [e for c in verb.children if c.dep_ in ("attr", "dobj")
                   for e in self.args.entities(c) if self.types[e] in _HOSTILE_OBJECTS]
        owners: list[str] = []
        for c in noun.children:
            if c.dep_ != "poss":
                continue
            if c.lower_ == "whose" and verb.dep_ == "relcl":
                owners += self.args.entities(verb.head)
            else:
                owners += self.args.entities(c)
        return [RawClaim(o, "hostile_to", e, noun) for o in owners for e in enemies
                if o != e and self.types[o] in _ACTORS]


__all__ = ["ConflictReader"]
