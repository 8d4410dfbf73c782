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
  the Shia minority" (`hostile_to`);
- **designations**: "the United States designated him a terrorist", "the US designation
  of the BLA" (`hostile_to`), "revoked the group's terrorist designation" (negated);
- **threats**: "ISKP poses a threat to the Taliban" (`hostile_to`);
- **a killing named by its strike**: "the killing of its chief, X, in a US drone strike"
  (the United States `attacks` X).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from spacy.attrs import LEMMA
from spacy.tokens import Doc, Token

from threatnet.extract.arguments import Arguments
from threatnet.extract.coref import Coreference
from threatnet.extract.cue_lexicon import load_cues
from threatnet.extract.frames import Frame, Frames
from threatnet.extract.relations import RawClaim
from threatnet.extract.sentences import tokens_whose
from threatnet.model import EntityType, Polarity
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
# "Indian-administered": a nationality word inside a hyphened modifier is no entity
_DEMONYMS = {w.casefold(): state for state, words in load_data("demonyms.yaml")["demonyms"].items()
             for w in words}
_DENYING = load_cues().negating_sources  # deny, reject, dismiss …
_HOSTILE = Frame(predicate="hostile_to", object=("dobj",))
_DESIGNATED = frozenset({EntityType.ARMED_GROUP, EntityType.PERSON})
_DESIGNATORS = frozenset({EntityType.STATE, EntityType.GOVERNMENT_BODY,
                          EntityType.ORGANIZATION})


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
        # nouns whose frames name both sides with "between": "clashes between X and Y"
        self._paired = frozenset(n for n, fs in frames.nouns.items()
                                 if any("between" in f.pair for f in fs))
        self._triggers = frozenset(self.w["strike_verbs"] | self.w["strike_nouns"] |
                                   self.w["rule_nouns"] | self.w["seat_nouns"] |
                                   self.w["together_nouns"] |
                                   self.w["enemy_nouns"] | self.w["designating_verbs"] |
                                   self.w["designation_nouns"] | self.w["threat_nouns"] |
                                   self.w["harm_nouns"] | self.w["expelling_verbs"] |
                                   self.w["dislodging_verbs"] | self.w["talk_nouns"] |
                                   self.w["mediating_verbs"] | self.w["calling_verbs"] |
                                   self.w["legal_verbs"] | self.w["violating_words"] |
                                   self._paired)

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
        """The frames' claims without `fights` read from "fought side by side with X", and
        with a scrapped agreement's negotiation negated ("scrapped its peace agreement
        with the government")."""
        out = []
        for c in claims:
            if c.predicate == "fights" and self._side_by_side(c.trigger) is not None:
                continue
            if c.predicate == "negotiates_with" and c.trigger.dep_ in ("dobj", "nsubjpass") \
                    and c.trigger.head.lemma_.casefold() in self.w["abandoning_verbs"]:
                c = replace(c, polarity=Polarity.NEGATED)
            out.append(c)
        return out

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
        if tok.pos_ == "NOUN" and lemma in self.w["rule_nouns"] | self.w["seat_nouns"]:
            out += self._rule(tok)
        if lemma in self.w["together_nouns"]:
            out += self._together(tok)
        if tok.pos_ == "NOUN" and lemma in self.w["enemy_nouns"]:
            out += self._enemy(tok)
        if tok.pos_ == "VERB" and lemma in self.w["designating_verbs"]:
            out += self._designated(tok)
        if tok.pos_ == "VERB" and lemma in self.w["calling_verbs"]:
            out += self._designated(tok, hostile=True)
        if tok.pos_ == "NOUN" and lemma in self.w["designation_nouns"]:
            out += self._designation(tok)
        if tok.pos_ == "NOUN" and lemma in self.w["threat_nouns"]:
            out += self._threat(tok)
        if tok.pos_ == "NOUN" and lemma in self.w["harm_nouns"]:
            out += self._killed_in_strike(tok)
        if tok.pos_ == "NOUN" and lemma in self.w["strike_nouns"]:
            out += self._passive_strike(tok)
        if tok.pos_ == "VERB" and lemma in self.w["expelling_verbs"] | self.w["dislodging_verbs"]:
            out += self._expelled(tok)
        if tok.pos_ == "NOUN" and lemma in self.w["talk_nouns"]:
            out += self._talks_held(tok)
        if tok.pos_ == "VERB" and lemma in self.w["mediating_verbs"]:
            out += self._mediated(tok)
        if tok.pos_ == "VERB" and lemma in self.w["legal_verbs"]:
            out += self._judged(tok)
        if lemma in self.w["violating_words"]:
            out += self._violated(tok)
        if tok.pos_ == "NOUN" and lemma in self.r._paired:
            out += self._between_members(tok)
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

    def _across(self, strikers: list[str], places: list[tuple[str, str | None]],
                trigger: Token) -> Iterator[RawClaim]:
        for s in strikers:
            home = self.country(s) if self.types[s] in _STRIKERS else None
            for p, held in places:
                there = held or (self.country(p) if self.types[p] in _PLACES else None)
                if home and there and home != there and p != s:
                    yield RawClaim(s, "attacks", p, trigger)

    def _places_in(self, tok: Token) -> list[tuple[str, str | None]]:
        """Places named by the place prepositions of `tok` ("in Khost and Kunar"), each
        with the state that holds it when the words say so ("Indian-administered
        Kashmir": India), else None."""
        return [(e, self._holder(p)) for c in tok.children
                if c.dep_ == "prep" and c.lower_ in self.w["place_preps"]
                for p in c.children if p.dep_ == "pobj" for e in self.args.entities(p)
                if self.types[e] in _PLACES]

    def _holder(self, place: Token) -> str | None:
        """The pack id of the state a "X-administered" / "X-held" modifier names."""
        for m in place.children:
            if m.dep_ in ("amod", "compound") and m.lemma_.casefold() in self.w["holding_words"]:
                states = [self.country(e) for t in m.subtree if t.i < m.i
                          for e in self.args.entities(t) if self.types[e] == EntityType.STATE]
                states += [_DEMONYMS.get(t.lower_) for t in m.subtree if t.i < m.i]
                states = [s for s in states if s]
                if states:
                    return states[0]
        return None

    def _struck_places(self, noun: Token) -> list[tuple[str, str | None]]:
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
        return [*self._across(strikers, places, verb), *self._named_struck(verb, strikers)]

    def _named_struck(self, verb: Token, strikers: list[str]) -> list[RawClaim]:
        """ "struck what Islamabad called hideouts of the Gul Bahadur group", "struck what
        New Delhi described as JeM's largest training camp": the actor a free relative's
        naming verb names is attacked, in the namer's words (the named noun is the
        trigger, so the naming verb above it gives the claim's source)."""
        out = []
        for clause in verb.children:
            if clause.dep_ not in ("ccomp", "dobj") or \
                    clause.lemma_.casefold() not in self.w["naming_verbs"] or \
                    not any(c.lower_ == "what" for c in clause.children):
                continue
            named = [c for c in clause.children if c.dep_ in ("oprd", "attr", "xcomp") or
                     (c.dep_ == "dobj" and c.lower_ != "what")] + [
                p for c in clause.children if c.dep_ == "prep" and c.lower_ == "as"
                for p in c.children if p.dep_ == "pobj"]
            out += [RawClaim(s, "attacks", e, n) for n in named for e in self.args.entities(n)
                    if self.types[e] in _HOSTILE_OBJECTS for s in strikers if s != e]
        return out

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

    def _passive_strike(self, noun: Token) -> list[RawClaim]:
        """ "Abdul Hasib was killed in a joint US-Afghan raid": every state the strike's
        modifiers name (the parser joins "US-Afghan" as one modifier) attacks the one
        killed."""
        verb = noun.head.head
        if noun.dep_ != "pobj" or noun.head.lower_ not in ("in", "by") or \
                verb.lemma_.casefold() not in self.w["harm_verbs"] or \
                not any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
            return []
        strikers = [e for e in self._strikers_of(noun) if self.types[e] in _STRIKERS]
        victims = [e for c in verb.children if c.dep_ == "nsubjpass"
                   for e in self.args.entities(c) if self.types[e] in _HOSTILE_OBJECTS]
        return [RawClaim(s, "attacks", v, verb) for s in strikers for v in victims if s != v]

    def _strikers_of(self, noun: Token) -> list[str]:
        """Every state, force or group a strike noun's modifiers name, its conjuncts' too:
        "US and Afghan strikes", "a joint US-Afghan raid", "Taliban offensives"."""
        found = [self.args.token_entity[t.i] for n in self.args._conjuncts(noun)
                 if n.lemma_.casefold() in self.w["strike_nouns"]
                 for m in n.children if m.dep_ in ("amod", "compound", "nmod", "poss")
                 for t in m.subtree if t.i in self.args.token_entity]
        return [e for e in dict.fromkeys(found)
                if self.types[e] in _STRIKERS | {EntityType.ARMED_GROUP}]

    def _expelled(self, verb: Token) -> list[RawClaim]:
        """ "the army drove the TTP out of Swat", "flushed ISKP out", "dislodged the TTP
        from its bases": forcing an enemy out is attacking it."""
        lemma = verb.lemma_.casefold()
        if lemma in self.w["expelling_verbs"] and not any(
                c.lower_ == "out" and c.dep_ in ("prt", "prep", "advmod")
                for c in verb.children):
            return []
        frame = Frame(predicate="attacks", object=("dobj",))
        enemies = [e for e in self.args.objects(verb, frame)
                   if self.types[e] in (EntityType.ARMED_GROUP, EntityType.PERSON)]
        forces = [e for e in self.args.subjects(verb, frame)
                  if self.types[e] in _STRIKERS | {EntityType.ARMED_GROUP}]
        forces += [e for c in verb.children if c.dep_ == "nsubj"
                   for e in self._strikers_of(c) if e not in forces]
        return [RawClaim(f, "attacks", e, verb) for f in forces for e in enemies if f != e]

    def _judged(self, verb: Token) -> list[RawClaim]:
        """ "An anti-terrorism court in Lahore convicted Sajid Mir", "a Pakistani court
        sentenced Hafiz Saeed", "was indicted by a US grand jury": the state whose court
        it is is hostile to the one judged."""
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
        if passive:
            courts = [p for c in verb.children if c.dep_ == "agent"
                      for p in c.children if p.dep_ == "pobj"]
            judged = [c for c in verb.children if c.dep_ == "nsubjpass"]
        else:
            courts = [c for c in verb.children if c.dep_ == "nsubj"]
            judged = [c for c in verb.children if c.dep_ == "dobj"]
        named = self.args.token_entity
        states = []
        for court in courts:
            if court.lemma_.casefold() not in self.w["court_nouns"] or court.i in named:
                continue
            seats = [named[m.i] for m in court.children  # "a Pakistani court", "US court"
                     if m.dep_ in ("amod", "compound", "nmod") and m.i in named]
            seats += [p for p, _ in self._places_in(court)]  # "a court in Lahore"
            states += [self._state_entity(self.country(e)) for e in seats
                       if self.types[e] in _STRIKERS | _PLACES]
        states = [s for s in dict.fromkeys(states) if s]
        parties = [e for j in judged for e in self.args.entities(j)
                   if self.types[e] in _DESIGNATED | {EntityType.ORGANIZATION}]
        return [RawClaim(s, "hostile_to", p, verb) for s in states for p in parties if s != p]

    def _violated(self, tok: Token) -> list[RawClaim]:
        """ "accused Pakistan of violating Afghan airspace", "Iran's violation of Pakistan's
        sovereignty": entering another state's airspace or territory attacks that state."""
        if tok.pos_ == "VERB":
            held = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
            violators = self.args.subjects(tok)
        elif tok.pos_ == "NOUN":
            held = [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                    for p in c.children if p.dep_ == "pobj"]
            violators = [e for c in tok.children if c.dep_ in ("poss", "amod", "compound")
                         for e in self.args.entities(c)] or self.args.noun_subjects(tok)
        else:
            return []
        states = [e for n in held if n.lemma_.casefold() in self.w["sovereign_nouns"]
                  for c in n.children if c.dep_ in ("poss", "amod", "compound", "nmod")
                  for e in self.args.entities(c) if self.types[e] == EntityType.STATE]
        states += [_e for n in held if n.lemma_.casefold() in self.w["sovereign_nouns"]
                   for _e in self._demonym_states(n)]
        return [RawClaim(v, "attacks", s, tok) for v in violators for s in dict.fromkeys(states)
                if v != s and self.types[v] in _STRIKERS | {EntityType.ARMED_GROUP}]

    def _demonym_states(self, noun: Token) -> list[str]:
        """The document's states a nationality word before `noun` names ("Afghan
        airspace"), when the entity finder left the word alone."""
        return [e for c in noun.children if c.dep_ in ("amod", "compound")
                and c.i not in self.args.token_entity
                for e in [self._state_entity(_DEMONYMS.get(c.lower_))] if e]

    def _between_members(self, noun: Token) -> list[RawClaim]:
        """ "Clashes between Taliban and ISKP fighters": the sides the parser hangs on
        "fighters" as its modifiers are the two sides of the noun's frame."""
        sides = [e for c in noun.children if c.dep_ == "prep" and c.lower_ == "between"
                 for p in c.children if p.dep_ == "pobj" and p.i not in self.args.token_entity
                 and p.lemma_.casefold() in self.r.frames.proxies
                 for m in p.children if m.dep_ in ("nmod", "compound") and m.i in
                 self.args.token_entity for e in self.args.entities(m)]
        sides = list(dict.fromkeys(sides))
        if len(sides) < 2:
            return []
        words = {c.lemma_.casefold() for c in noun.children if c.dep_ in ("amod", "compound")}
        frames = [f for f in self.r.frames.nouns[noun.lemma_.casefold()] if "between" in f.pair]
        frames = [f for f in frames if f.modifier in words] or \
            [f for f in frames if not f.modifier]
        return [RawClaim(a, f.predicate, b, noun) for f in frames
                for i, a in enumerate(sides) for b in sides[i + 1:]
                if self.types[a] in f.subject_types and self.types[b] in f.object_types]

    # -- negotiation ---------------------------------------------------------------------

    def _talks_held(self, noun: Token) -> list[RawClaim]:
        """ "The Taliban and the Afghan government held peace talks in Doha", "Pakistan and
        the TTP agreed a month-long ceasefire": two named sides of one verb negotiate."""
        verb = noun.head
        if noun.dep_ != "dobj" or verb.lemma_.casefold() not in self.w["talk_verbs"] or \
                any(c.dep_ == "prep" and c.lower_ in ("with", "between")
                    for h in (noun, verb) for c in h.children):
            return []  # ("held talks with X": the frames read it)
        sides = [e for e in self.args.subjects(verb) if self.types[e] in _GROUPS]
        return [RawClaim(a, "negotiates_with", b, noun)
                for i, a in enumerate(sides) for b in sides[i + 1:]]

    def _mediated(self, verb: Token) -> list[RawClaim]:
        """ "China mediated between Iran and Pakistan", "Qatar brokered a deal between the
        Taliban and the United States": the two sides negotiate."""
        holders = [verb, *[c for c in verb.children if c.dep_ == "dobj"]]
        sides = [e for h in holders for c in h.children
                 if c.dep_ == "prep" and c.lower_ in ("between", "among")
                 for p in c.children if p.dep_ == "pobj" for e in self.args.entities(p)
                 if self.types[e] in _GROUPS]
        return [RawClaim(a, "negotiates_with", b, verb)
                for i, a in enumerate(sides) for b in sides[i + 1:] if a != b]

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
        if noun.lemma_.casefold() in self.w["seat_nouns"]:  # "the government in Tashkent"
            seats = [c for c in [*noun.children, *noun.head.children] if c.dep_ == "prep"
                     and (c.head.i == noun.i or c.i == noun.i + 1) and c.lower_ in ("in", "of")]
            rulers += [e for e in dict.fromkeys(
                self.country(e) and self._state_entity(self.country(e))
                for c in seats for p in c.children if p.dep_ == "pobj"
                for e in self.args.entities(p) if self.types[e] in _PLACES) if e]
        if not rulers:
            return []
        actors = self._intending(verb) or self.args.subjects(verb)
        return [RawClaim(a, predicate, r, verb) for a in actors for r in rulers
                if a != r and self.types[a] in _ACTORS]

    def _state_entity(self, pack_id: str | None) -> str | None:
        """The document's entity for a state of the pack, when the report names it."""
        return next((e for e, p in self.pack_ids.items() if p == pack_id), None)

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
        minority", "its enemies include the Taliban"; "ISKP and the Taliban are sworn
        enemies" (which the parser reads as a passive "are sworn")."""
        verb = noun.head
        if noun.dep_ == "dobj" and verb.tag_ == "VBN" and \
                any(c.dep_ == "auxpass" for c in verb.children):
            sides = [e for c in verb.children if c.dep_ == "nsubjpass"
                     for e in self.args.entities(c) if self.types[e] in _ACTORS]
            return [RawClaim(a, "hostile_to", b, noun) for a in sides for b in sides
                    if a != b]
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

    # -- designations, threats, killings named by their strike -------------------------

    def _designated(self, verb: Token, hostile: bool = False) -> list[RawClaim]:
        """ "The United States designated him a terrorist in 2019", "declared the BLA a
        terrorist organisation": the verb's second object says what the first is called
        (a state, body or organisation designates). With `hostile`, an actor calling
        another an enemy of its faith: "ISKP calls the Taliban apostates"."""
        words = self.w["hostility_labels"] if hostile else self.w["designation_labels"]
        labels = [c for c in verb.children if c.dep_ in ("dobj", "oprd", "attr", "ccomp",
                                                         "xcomp")
                  and c.lemma_.casefold() in words]
        named = [c for c in verb.children if c.dep_ == "dative" or
                 (c.dep_ == "dobj" and labels and c.i != labels[0].i)]
        # "declared [the BLA a terrorist organisation]", parsed as a small clause
        named += [s for c in labels if c.dep_ in ("ccomp", "xcomp")
                  for s in c.children if s.dep_ == "nsubj"]
        if not named:  # "calls [the Taliban apostates]", parsed as one noun phrase
            named = [m for c in labels for m in c.children
                     if m.dep_ in ("compound", "nmod") and m.i in self.args.token_entity]
        if not labels or not named:
            return []
        designated = [e for c in named for e in self.args.entities(c)
                      if self.types[e] in _DESIGNATED]
        designators = [e for e in self.args.subjects(verb, _HOSTILE)
                       if self.types[e] in (_ACTORS if hostile else _DESIGNATORS)]
        if hostile:
            designated = [e for c in named for e in self.args.entities(c)
                          if self.types[e] in _HOSTILE_OBJECTS]
        return [RawClaim(a, "hostile_to", b, verb) for a in designators for b in designated
                if a != b]

    def _designation(self, noun: Token) -> list[RawClaim]:
        """ "the US designation of the BLA", "the group's terrorist designation by the UN",
        "Washington revoked the group's designation" (negated)."""
        owned = [e for c in noun.children if c.dep_ in ("poss", "amod", "compound", "nmod")
                 for e in self.args.entities(c)]
        designated = [e for e in owned if self.types[e] in _DESIGNATED] + [
            e for c in noun.children if c.dep_ == "prep" and c.lower_ in ("of", "on")
            for p in c.children if p.dep_ == "pobj" for e in self.args.entities(p)
            if self.types[e] in _DESIGNATED]
        designators = [e for e in owned if self.types[e] in _DESIGNATORS] + [
            e for c in noun.children if c.dep_ in ("prep", "agent") and c.lower_ == "by"
            for p in c.children if p.dep_ == "pobj" for e in self.args.entities(p)
            if self.types[e] in _DESIGNATORS]
        verb = noun.head
        revoked = noun.dep_ in ("dobj", "nsubjpass") and \
            verb.lemma_.casefold() in self.w["revoking_verbs"]
        if not designators and noun.dep_ in ("dobj", "nsubjpass") and verb.pos_ == "VERB":
            designators = [e for e in self.args.subjects(verb) if self.types[e] in _DESIGNATORS]
        if revoked and any(a.lemma_.casefold() in _DENYING for a in verb.ancestors):
            return []  # "X revoked the designation; China rejected that view", parsed as
            # China's denial of the revoking: a negation the reader would undo
        polarity = Polarity.NEGATED if revoked else Polarity.AFFIRMED
        return [RawClaim(a, "hostile_to", b, noun, polarity) for a in designators
                for b in designated if a != b]

    def _threat(self, noun: Token) -> list[RawClaim]:
        """ "ISKP poses a serious threat to the Taliban", "the threat the TTP poses to
        Pakistan", "regards ISKP as a threat to the state" (the one regarded threatens)."""
        holders = [noun, *[c for c in noun.children if c.dep_ == "relcl"]]
        if noun.dep_ == "dobj" and noun.head.pos_ in ("VERB", "AUX"):
            holders.append(noun.head)  # "poses a threat to X" with "to" on the verb
        threatened = [e for h in holders for c in h.children
                      if c.dep_ == "prep" and c.lower_ in ("to", "against", "for")
                      for p in c.children if p.dep_ == "pobj" for e in self.args.entities(p)
                      if self.types[e] in _HOSTILE_OBJECTS]
        if not threatened:
            return []
        relcl = [c for c in noun.children if c.dep_ == "relcl"]
        if noun.dep_ == "pobj" and noun.head.lower_ == "as":  # "regards X as a threat"
            threats = [e for c in noun.head.head.children if c.dep_ in ("dobj", "nsubjpass")
                       for e in self.args.entities(c)]
        elif relcl:
            threats = [e for v in relcl for c in v.children if c.dep_ == "nsubj"
                       for e in self.args.entities(c)]
        else:
            threats = self.args.noun_subjects(noun)
        return [RawClaim(t, "hostile_to", o, noun) for t in threats for o in threatened
                if t != o and self.types[t] in _ACTORS]

    def _killed_in_strike(self, noun: Token) -> list[RawClaim]:
        """ "the killing of its former chief, Hakimullah Mehsud, in a US drone strike":
        the striker the strike names attacks the one killed."""
        holders = [noun, *[c for c in noun.children if c.dep_ == "appos"]]
        up = noun
        for _ in range(4):  # "revenge for the killing of X, in a US drone strike": the
            if up.head.i == up.i:  # parser may hang the strike on a word above the noun
                break  # (only a strike after the noun, naming a state, will do)
            up = up.head
            holders.append(up)
        strikes = [p for h in holders for c in h.children
                   if c.dep_ == "prep" and c.lower_ in ("in", "by") and c.i > noun.i
                   for p in c.children if p.dep_ == "pobj"
                   and p.lemma_.casefold() in self.w["strike_nouns"]]
        strikers = [e for s in strikes for c in s.children
                    if c.dep_ in ("amod", "compound", "poss", "nmod")
                    for e in self.args.entities(c) if self.types[e] in _STRIKERS]
        if not strikers:
            return []
        killed = [e for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                  for p in c.children if p.dep_ == "pobj" for e in self.args.entities(p)]
        killed += [e for c in noun.children if c.dep_ == "poss" for e in self.args.entities(c)]
        return [RawClaim(s, "attacks", k, noun) for s in strikers for k in killed
                if s != k and self.types[k] in _HOSTILE_OBJECTS]


__all__ = ["ConflictReader"]
