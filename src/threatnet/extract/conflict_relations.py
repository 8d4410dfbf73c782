"""Violence between actors (round 5): who strikes, fights or opposes whom, beyond what the
frames of `relations.py` read.

`ConflictReader` finds, over the dependency parse and from its trigger words only, the
families below; their words are data (the `conflict` block of `data/frames.yaml`,
`conflict_words.py`). The pipeline adds these claims to the frames' claims, and their
modality, polarity and source are read from the trigger like any other claim's. This
module reads the strikes; `conflict_stances.py` the stances (another state's rule, side
by side, enemies and threats, designations and courts, negotiation):

- **cross-border strikes**: a state's or its forces' strike on a place in another
  country attacks that place as well as its target ("Pakistani jets struck TTP hideouts
  in Khost" -> Pakistan attacks Khost; "strikes in Indian-administered Kashmir");
- **strikes that name their striker**: "the killing of its chief, X, in a US drone
  strike", "killed in a joint US-Afghan raid", "struck what New Delhi described as JeM's
  camp", "US and Afghan strikes pushed ISKP out" (`attacks`);
- **sovereignty**: "violated Afghan airspace" (`attacks` Afghanistan).

`ConflictReader.amend` corrects the frames' claims of this area: support held or lost
with its giver after "of" ("has the backing of X", "under the protection of X"), talks
refused, broken off or scrapped (negated), a rival "to" someone else, "neither … nor",
a relation set aside ("rather than allies"), a delegation hosted (no shelter), and a
relation noun whose phrase runs over a glued full stop.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from spacy.attrs import LEMMA
from spacy.tokens import Doc, Token

from threatnet.extract.arguments import Arguments
from threatnet.extract.conflict_idioms import IdiomReading
from threatnet.extract.conflict_stances import StanceReading
from threatnet.extract.conflict_words import (
    ACTORS,
    ATTACK,
    CONFLICT_PREDICATES,
    DEMONYMS,
    HOSTILE_OBJECTS,
    PLACES,
    STRIKERS,
    ConflictWords,
)
from threatnet.extract.coref import Coreference
from threatnet.extract.frames import Frames
from threatnet.extract.relations import RawClaim
from threatnet.extract.sentences import tokens_whose
from threatnet.model import EntityType, Polarity
from threatnet.resolve.pack import ActorPack


class ConflictReader:
    """Claims of the conflict families (this module's and `conflict_stances`), one
    document at a time."""

    def __init__(self, frames: Frames, pack: ActorPack) -> None:
        self.frames = frames
        self.pack = pack
        self.w = ConflictWords()
        # nouns whose frames name both sides with "between": "clashes between X and Y"
        self._paired = frozenset(n for n, fs in frames.nouns.items()
                                 if any("between" in f.pair for f in fs))
        # nouns that relate the subject of "X is an ally of Y" to Y, by this area's frames
        self._relational = frozenset(n for n, fs in frames.nouns.items() if " " not in n
                                     and any(f.predicate in CONFLICT_PREDICATES and
                                             not f.inverse and not f.under for f in fs))
        # nouns of what one actor gives another, its giver after "from": "funding", "aid"
        self._support_nouns = frozenset(n for n, fs in frames.nouns.items() if " " not in n
                                        and any(f.predicate == "supports" and "from" in
                                                f.subject for f in fs))
        # round six (conflict_idioms.py): the words its families start from
        self.idiom_words = frozenset(self.w["concert_nouns"] | self.w["helping_verbs"] |
                                     self.w["fighting_gerunds"] | self.w["joint_deeds"] |
                                     self.w["regarding_verbs"] | self.w["handler_nouns"] |
                                     self.w["sharing_verbs"] | self.w["exchanging_verbs"])
        self.fighting_verbs = frozenset(self.w["fighting_gerunds"] | self.w["exchanging_verbs"])
        self._triggers = frozenset(self.w["strike_verbs"] | self.w["strike_nouns"] |
                                   self.w["ruling_nouns"] |
                                   self.w["together_nouns"] |
                                   self.w["enemy_nouns"] | self.w["designating_verbs"] |
                                   self.w["designation_nouns"] | self.w["threat_nouns"] |
                                   self.w["harm_nouns"] | self.w["expelling_verbs"] |
                                   self.w["dislodging_verbs"] | self.w["talk_nouns"] |
                                   self.w["mediating_verbs"] | self.w["calling_verbs"] |
                                   self.w["legal_verbs"] | self.w["violating_words"] |
                                   self._paired | {"out"} | self.w["deeming_verbs"] |
                                   {w.split()[0] for w in self.w["falling_verbs"]} |
                                   self._support_nouns | self.w["patron_nouns"] |
                                   self.w["owned_proxy_nouns"] |
                                   self.w["exchanging_verbs"] | self.w["recruit_grounds"] |
                                   self._relational | self.w["aligned_words"] |
                                   self.w["meeting_verbs"] | self.w["negotiating_verbs"] |
                                   self.w["hosting_verbs"] |
                                   self.idiom_words)

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
        """The frames' claims without `fights` read from "fought side by side with X", "a
        non-aggression pact" read as negotiation rather than alliance, and a scrapped
        agreement's negotiation negated ("scrapped its peace agreement with X")."""
        out = []
        for c in claims:
            if c.predicate == "fights" and self._side_by_side(c.trigger) is not None:
                continue
            if c.predicate == "supports" and self._held(c.trigger):
                # "the TTP has the backing of the Taliban": the "of" phrase supports
                c = replace(c, subject=c.object, object=c.subject)
            elif c.predicate == "supports" and self._held(c.trigger, self.w["losing_verbs"]):
                # "the TTP lost the backing of the Taliban": support ended
                c = replace(c, subject=c.object, object=c.subject, polarity=Polarity.NEGATED)
            if c.predicate == "rival_of" and self._rival_of_another(c.trigger):
                continue
            if c.predicate in CONFLICT_PREDICATES and self._set_aside(c.trigger):
                # "competitors rather than allies": the relation set aside is denied
                c = replace(c, polarity=Polarity.NEGATED)
            elif c.predicate in CONFLICT_PREDICATES and self._not_mine(c.trigger):
                # "rivals, not allies": the "not" denies the apposition, not the rivalry (a
                # lexical negation the trigger's own "not" then undoes)
                c = replace(c, polarity=Polarity.NEGATED)
            if c.predicate in CONFLICT_PREDICATES and c.polarity == Polarity.AFFIRMED and \
                    self._neither(c.trigger):
                c = replace(c, polarity=Polarity.NEGATED)  # "backs neither X nor Y"
            if c.predicate == "supports" and self.visiting(c.trigger):
                continue  # "hosted a Taliban delegation": a meeting (`_hosted`), no shelter
            if c.trigger.pos_ == "NOUN" and c.predicate in CONFLICT_PREDICATES and \
                    self._runs_over_a_stop(c.trigger):
                continue
            if c.predicate in CONFLICT_PREDICATES and c.trigger.dep_ == "xcomp" and \
                    c.trigger.head.lemma_.casefold() in self.w["requesting_verbs"]:
                continue  # round six: "asked Kabul to act against him" is a request, no stance
            if c.predicate == "supports" and c.trigger.pos_ == "NOUN" and \
                    c.trigger.lower_ in self.w["weapon_plurals"] and "aspect" not in c.qualifiers:
                continue  # "US arms meant for the Afghan army" is no "arm of" a state
            if c.predicate == "negotiates_with" and c.trigger.dep_ == "dobj" and \
                    self._refusing(c.trigger.head):
                if any(n.dep_ == "neg" for n in c.trigger.head.children):
                    continue  # "has not ruled out talks": neither held nor refused
                c = replace(c, polarity=Polarity.NEGATED)
            if c.predicate == "allied_with" and self._truce(c.trigger):
                # "signed a non-aggression pact", "a peace pact with X": negotiation
                c = replace(c, predicate="negotiates_with")
            if c.predicate == "negotiates_with":
                verb = self._abandoning(c.trigger)
                if verb is not None:
                    if any(n.dep_ == "neg" for n in verb.children):
                        continue  # "did not break off talks": neither held nor ended
                    c = replace(c, polarity=Polarity.NEGATED)
            out.append(c)
        return out

    def _held(self, noun: Token, verbs: frozenset[str] | None = None) -> bool:
        """A support noun held or received with its giver after "of": "has the backing
        of X", "retains the patronage of X", "with the support of X, …" (not "Pakistan's
        support of X", whose owner gives, nor one that names its giver with "from")."""
        if noun.pos_ != "NOUN" or not any(
                c.dep_ == "prep" and c.lower_ == "of" for c in noun.children) or any(
                c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in ("from", "by"))
                for c in noun.children):
            return False
        if noun.dep_ == "dobj":
            return noun.head.lemma_.casefold() in (verbs or self.w["holding_verbs"])
        return verbs is None and noun.dep_ == "pobj" and \
            noun.head.lower_ in self.w["holding_preps"] and \
            noun.head.dep_ in ("prep", "advcl", "advmod")  # ("with", opening a clause)

    def _abandoning(self, noun: Token) -> Token | None:
        """The verb that scraps or leaves the agreement or talks `noun` names ("scrapped
        its peace agreement", "broke off talks", "walked away from its ceasefire",
        "pulled out of the talks", "reneged on the deal"), or None."""
        if noun.dep_ in ("dobj", "nsubjpass"):
            verb = noun.head
            words = [verb.lemma_.casefold()] + [f"{verb.lemma_.casefold()} {c.lower_}"
                                                for c in verb.children if c.dep_ == "prt"]
        elif noun.dep_ == "pobj" and noun.head.lower_ in ("from", "of", "on"):
            up = noun.head.head
            if up.pos_ in ("ADV", "ADP") and up.dep_ in ("advmod", "prt", "prep"):
                verb = up.head  # "walked [away [from its ceasefire]]"
                words = [f"{verb.lemma_.casefold()} {up.lower_}"]
            else:
                verb = up  # "pulled out of the talks", "withdrew from the talks"
                words = [verb.lemma_.casefold()] + [
                    f"{verb.lemma_.casefold()} {c.lower_}" for c in verb.children
                    if c.dep_ in ("prt", "advmod")]
        else:
            return None
        if verb.pos_ != "VERB" or not any(w in self.w["abandoning_verbs"] for w in words):
            return None
        return verb

    def _set_aside(self, noun: Token) -> bool:
        """A relation noun set aside for another: "competitors rather than allies",
        "rivals instead of partners"."""
        if noun.pos_ != "NOUN" or noun.dep_ != "pobj":
            return False
        prep = noun.head
        return prep.lower_ in ("than", "of") and any(
            t.lower_ in self.w["aside_words"] for t in [*prep.children, prep.head])

    def _not_mine(self, noun: Token) -> bool:
        """A relation noun whose "not" stands before an apposition it denies: "rivals, not
        allies"."""
        negs = [c for c in noun.children if c.dep_ == "neg" and c.i > noun.i]
        return noun.pos_ == "NOUN" and bool(negs) and any(
            c.dep_ == "appos" and c.i > negs[0].i for c in noun.children)

    def _neither(self, verb: Token) -> bool:
        """Whether the verb's object is one of "neither … nor …": "Pakistan supports
        neither the TTP nor the BLA" (a "neither" subject is the semantics reader's: its
        negation is read once, there)."""
        if verb.pos_ not in ("VERB", "AUX"):
            return False
        sides = [c for c in verb.children if c.dep_ == "dobj"]
        sides += [p for c in verb.children if c.dep_ == "prep" for p in c.children
                  if p.dep_ == "pobj"]
        return any(m.lower_ == "neither" and m.dep_ in ("preconj", "det", "cc")
                   for s in sides for m in s.children)

    def visiting(self, verb: Token) -> bool:
        """A hosting verb whose object is a delegation or an envoy ("hosted a Taliban
        delegation", "received a Pakistani delegation")."""
        return verb.pos_ == "VERB" and verb.lemma_.casefold() in self.w["hosting_verbs"] and \
            any(c.dep_ == "dobj" and c.lemma_.casefold() in self.w["visitor_nouns"]
                for c in verb.children)

    def _runs_over_a_stop(self, noun: Token) -> bool:
        """Whether the phrase after a relation noun runs over a word glued to a full stop
        ("a front for LeT. Pakistani officials …"): two sentences the parser joined."""
        return any(t.i > noun.i and len(t.text) > 2 and t.text.endswith(".") and
                   t.text.count(".") == 1 and t.text[:-1].isalpha() and
                   t.text[:-1].casefold() not in self.w["stop_abbreviations"]
                   for t in noun.subtree)

    def _rival_of_another(self, verb: Token) -> bool:
        """ "saw the Taliban as a rival to India's friends": the rival noun names its own
        other side, so the one who sees is no side of that rivalry."""
        nouns = [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"
                 for p in c.children if p.dep_ == "pobj"]
        nouns += [c for c in verb.children if c.dep_ in ("oprd", "attr")]
        return any(n.lemma_.casefold() in self.w["rival_nouns"] and any(
            c.dep_ == "prep" and c.lower_ in ("of", "to", "with") for c in n.children)
            for n in nouns)

    def _refusing(self, verb: Token) -> bool:
        """A verb (with its particle) that refuses what it takes: "ruled out", "spurned"."""
        lemma = verb.lemma_.casefold()
        particles = [c.lower_ for c in verb.children if c.dep_ == "prt"]
        return any(w == lemma or w in (f"{lemma} {p}" for p in particles)
                   for w in self.w["refusing_verbs"])

    def _truce(self, noun: Token) -> bool:
        """A pact or deal whose modifiers say it only ends or pauses fighting."""
        return noun.lemma_.casefold() in self.w["talk_nouns"] and any(
            c.dep_ in ("amod", "compound", "nmod") and
            c.lemma_.casefold() in self.w["truce_words"] for c in noun.children)

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


class _Reading(StanceReading, IdiomReading):
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
        if tok.pos_ == "NOUN" and lemma in self.w["ruling_nouns"]:
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
        if tok.pos_ == "VERB" and lemma in self.w["forcing_out_verbs"]:
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
            out += self._between_members(tok) + self._hyphened(tok)
        if lemma == "out" and tok.pos_ == "NOUN":
            out += self._falling_out(tok)
        if tok.pos_ == "VERB" and lemma in self.w["deeming_verbs"]:
            out += self._deemed(tok)
        if tok.pos_ == "VERB" and any(c.dep_ == "prt" and f"{lemma} {c.lower_}" in
                                      self.w["falling_verbs"] for c in tok.children):
            out += self._fell_out(tok)
        if tok.pos_ == "VERB" and lemma in self.w["meeting_verbs"]:
            out += self._fell_out(tok, "meets_with", ACTORS)
        if tok.pos_ == "VERB" and lemma in self.w["negotiating_verbs"]:
            out += self._fell_out(tok, "negotiates_with", ACTORS)
        if tok.pos_ == "VERB" and lemma in self.w["hosting_verbs"]:
            out += self._hosted(tok)
        if tok.pos_ == "NOUN" and lemma in self.r._support_nouns:
            out += self._support_coming(tok) + self._support_modified(tok)
        if tok.pos_ == "NOUN" and lemma in self.w["patronage_nouns"]:
            out += self._patron(tok)
        if tok.pos_ == "VERB" and lemma in self.w["exchanging_verbs"]:
            out += self._exchanged(tok)
        if tok.pos_ == "NOUN" and lemma in self.w["recruit_grounds"]:
            out += self._recruiting_ground(tok)
        if tok.pos_ == "NOUN" and tok.dep_ == "conj" and lemma in self.r._relational:
            out += self._conjoined_attr(tok)
        if tok.pos_ in ("VERB", "ADJ") and lemma in self.w["aligned_words"]:
            out += self._aligned(tok)
        if tok.pos_ == "NOUN" and tok.dep_ == "appos" and lemma in self.r._paired and \
                self.r._not_mine(tok.head):
            out += self._denied_apposition(tok)
        return out + self.idioms(tok)

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
            home = self.country(s) if self.types[s] in STRIKERS else None
            for p, held in places:
                there = held or (self.country(p) if self.types[p] in PLACES else None)
                if home and there and home != there and p != s:
                    yield RawClaim(s, "attacks", p, trigger)

    def _places_in(self, tok: Token) -> list[tuple[str, str | None]]:
        """Places named by the place prepositions of `tok` ("in Khost and Kunar"), each
        with the state that holds it when the words say so ("Indian-administered
        Kashmir": India), else None."""
        return [(e, self._holder(p)) for c in tok.children
                if c.dep_ == "prep" and c.lower_ in self.w["place_preps"]
                for p in c.children if p.dep_ == "pobj" for e in self.args.entities(p)
                if self.types[e] in PLACES]

    def _holder(self, place: Token) -> str | None:
        """The pack id of the state a "X-administered" / "X-held" modifier names."""
        for m in place.children:
            if m.dep_ in ("amod", "compound") and m.lemma_.casefold() in self.w["holding_words"]:
                states = [self.country(e) for t in m.subtree if t.i < m.i
                          for e in self.args.entities(t) if self.types[e] == EntityType.STATE]
                states += [DEMONYMS.get(t.lower_) for t in m.subtree if t.i < m.i]
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
        strikers = [s for s in self.args.subjects(verb, ATTACK) if self.types[s] in STRIKERS]
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
                    if self.types[e] in HOSTILE_OBJECTS for s in strikers if s != e]
        return out

    def _noun_strike(self, noun: Token) -> list[RawClaim]:
        """ "Pakistani aircraft carried out strikes in Paktika", "Iran's strikes on targets
        in Panjgur": a strike named as the deed of its owner or of its verb's subject. Not
        a strike that killed someone ("killed in a US drone strike in Nangarhar"): the place
        of a killing is where it happened, not what was struck."""
        gov = noun.head
        owned = [e for c in noun.children if c.dep_ in ("poss", "amod", "compound")
                 for e in self.args.entities(c) if self.types[e] in STRIKERS]
        if noun.dep_ == "dobj" and gov.lemma_.casefold() in self.w["strike_light_verbs"]:
            strikers = owned or [s for s in self.args.subjects(gov) if self.types[s] in STRIKERS]
            holders = [noun, gov]
        elif noun.dep_ == "pobj" and noun.head.lower_ in ("of", "for") and \
                noun.head.head.lemma_.casefold() in self.w["accusing_verbs"]:
            # "Kabul accused Islamabad of strikes in Khost": the accused struck
            strikers = owned or [e for c in noun.head.head.children if c.dep_ == "dobj"
                                 for e in self.args.entities(c) if self.types[e] in STRIKERS]
            holders = [noun]
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
        strikers = [e for e in self._strikers_of(noun) if self.types[e] in STRIKERS]
        victims = [e for c in verb.children if c.dep_ == "nsubjpass"
                   for e in self.args.entities(c) if self.types[e] in HOSTILE_OBJECTS]
        return [RawClaim(s, "attacks", v, verb) for s in strikers for v in victims if s != v]

    def _strikers_of(self, noun: Token) -> list[str]:
        """Every state, force or group a strike noun's modifiers name, its conjuncts' too:
        "US and Afghan strikes", "a joint US-Afghan raid", "Taliban offensives"."""
        found = [self.args.token_entity[t.i] for n in self.args._conjuncts(noun)
                 if n.lemma_.casefold() in self.w["strike_nouns"]
                 for m in n.children if m.dep_ in ("amod", "compound", "nmod", "poss")
                 for t in m.subtree if t.i in self.args.token_entity]
        return [e for e in dict.fromkeys(found)
                if self.types[e] in STRIKERS | {EntityType.ARMED_GROUP}]

    def _expelled(self, verb: Token) -> list[RawClaim]:
        """ "the army drove the TTP out of Swat", "flushed ISKP out", "dislodged the TTP
        from its bases": forcing an enemy out is attacking it."""
        lemma = verb.lemma_.casefold()
        if lemma in self.w["expelling_verbs"] and not any(
                c.lower_ == "out" and c.dep_ in ("prt", "prep", "advmod")
                for c in verb.children):
            return []
        frame = ATTACK
        enemies = [e for e in self.args.objects(verb, frame)
                   if self.types[e] in (EntityType.ARMED_GROUP, EntityType.PERSON)]
        forces = [e for e in self.args.subjects(verb, frame)
                  if self.types[e] in STRIKERS | {EntityType.ARMED_GROUP}]
        forces += [e for c in verb.children if c.dep_ == "nsubj"
                   for e in self._strikers_of(c) if e not in forces]
        return [RawClaim(f, "attacks", e, verb) for f in forces for e in enemies if f != e]

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
                if v != s and self.types[v] in STRIKERS | {EntityType.ARMED_GROUP}]

    def _demonym_states(self, noun: Token) -> list[str]:
        """The document's states a nationality word before `noun` names ("Afghan
        airspace"), when the entity finder left the word alone."""
        return [e for c in noun.children if c.dep_ in ("amod", "compound")
                and c.i not in self.args.token_entity
                for e in [self._state_entity(DEMONYMS.get(c.lower_))] if e]

    # -- killings named by their strike ----------------------------------------------

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
                    for e in self.args.entities(c) if self.types[e] in STRIKERS]
        if not strikers:
            return []
        killed = [e for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                  for p in c.children if p.dep_ == "pobj" for e in self.args.entities(p)]
        killed += [e for c in noun.children if c.dep_ == "poss" for e in self.args.entities(c)]
        return [RawClaim(s, "attacks", k, noun) for s in strikers for k in killed
                if s != k and self.types[k] in HOSTILE_OBJECTS]


__all__ = ["ConflictReader"]
