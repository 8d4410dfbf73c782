"""Stances between actors (round 5): another state's rule fought or ended, fighting side
by side, declared enemies and threats, designations and court verdicts, negotiation and
mediation, and sides named after "between". Round five of support and rivalry adds the
families of analytic prose (docs/extraction.md, "Support and rivalry, round five"): sides
joined in a hyphened modifier ("the TTP-ISKP rivalry"), rivals or allies deemed in a small
clause, conjoined subjects that fell out, met, negotiated or are aligned, patrons and a
state's proxies named with their owner, support that comes from its giver or is named
by a nationality word, recruiting grounds, trading fire, delegations hosted, and a
relation denied beside another ("rivals, not allies"). A mixin of the conflict reader
(`conflict_relations._Reading`), which supplies the arguments finder (`args`), the word
classes (`w`), the entity types (`types`), the reader (`r`), and the places and
countries (`country`, `_places_in`)."""

from __future__ import annotations

from spacy.tokens import Token

from threatnet.extract.arguments import Arguments
from threatnet.extract.conflict_words import (
    ACTORS,
    CONFLICT_PREDICATES,
    DEMONYMS,
    DENYING,
    DESIGNATED,
    DESIGNATORS,
    GROUPS,
    HOSTILE,
    HOSTILE_OBJECTS,
    PLACES,
    STRIKERS,
    ConflictWords,
)
from threatnet.extract.frames import Frame
from threatnet.extract.relations import RECEIVING, RawClaim
from threatnet.model import EntityType, Polarity


class StanceReading:
    """The stance families of one document's pass (see the module docstring)."""

    args: Arguments
    w: ConflictWords
    types: dict[str, EntityType]
    pack_ids: dict[str, str]

    def country(self, entity: str) -> str | None:  # pragma: no cover - the reader's
        raise NotImplementedError

    def _places_in(self, tok: Token) -> list[tuple[str, str | None]]:  # pragma: no cover
        raise NotImplementedError

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
                  for e in self.args.entities(c) if self.types[e] in STRIKERS]
        rulers += [e for c in noun.children if c.dep_ == "prep" and c.lower_ == "by"
                   for p in c.children if p.dep_ == "pobj" for e in self.args.entities(p)
                   if self.types[e] in STRIKERS]
        if noun.lemma_.casefold() in self.w["seat_nouns"]:  # "the government in Tashkent"
            seats = [c for c in [*noun.children, *noun.head.children] if c.dep_ == "prep"
                     and (c.head.i == noun.i or c.i == noun.i + 1) and c.lower_ in ("in", "of")]
            rulers += [e for e in dict.fromkeys(
                self.country(e) and self._state_entity(self.country(e))
                for c in seats for p in c.children if p.dep_ == "pobj"
                for e in self.args.entities(p) if self.types[e] in PLACES) if e]
        if not rulers:
            return []
        actors = self._intending(verb) or self.args.subjects(verb)
        return [RawClaim(a, predicate, r, verb) for a in actors for r in rulers
                if a != r and self.types[a] in ACTORS]

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
                    if self.types[a] in GROUPS and self.types[b] in GROUPS]
        return [RawClaim(a, "allied_with", b, fighting) for a in fighters for b in partners
                if a != b and self.types[a] in GROUPS and self.types[b] in GROUPS]

    def _enemy(self, noun: Token) -> list[RawClaim]:
        """ "the Taliban's main enemy is ISKP", "whose declared enemy is Pakistan's Shia
        minority", "its enemies include the Taliban"; "ISKP and the Taliban are sworn
        enemies" (which the parser reads as a passive "are sworn")."""
        verb = noun.head
        if noun.dep_ == "dobj" and verb.tag_ == "VBN" and \
                any(c.dep_ == "auxpass" for c in verb.children):
            sides = [e for c in verb.children if c.dep_ == "nsubjpass"
                     for e in self.args.entities(c) if self.types[e] in ACTORS]
            return [RawClaim(a, "hostile_to", b, noun) for a in sides for b in sides
                    if a != b]
        if noun.dep_ != "nsubj" or verb.lemma_.casefold() not in self.w["copulas"]:
            return []
        enemies = [e for c in verb.children if c.dep_ in ("attr", "dobj")
                   for e in self.args.entities(c) if self.types[e] in HOSTILE_OBJECTS]
        owners: list[str] = []
        for c in noun.children:
            if c.dep_ != "poss":
                continue
            if c.lower_ == "whose" and verb.dep_ == "relcl":
                owners += self.args.entities(verb.head)
            else:
                owners += self.args.entities(c)
        return [RawClaim(o, "hostile_to", e, noun) for o in owners for e in enemies
                if o != e and self.types[o] in ACTORS]

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
        # round six: "deems [the Pakistani state] an infidel regime", the one named parsed
        # as the label's subject
        named += [s for c in labels if c.dep_ == "dobj" for s in c.children if s.dep_ == "nsubj"]
        if not named:  # "calls [the Taliban apostates]", parsed as one noun phrase
            named = [m for c in labels for m in c.children
                     if m.dep_ in ("compound", "nmod") and m.i in self.args.token_entity]
        if not labels or not named:
            return []
        designated = [e for c in named for e in self.args.entities(c)
                      if self.types[e] in DESIGNATED]
        designators = [e for e in self.args.subjects(verb, HOSTILE)
                       if self.types[e] in (ACTORS if hostile else DESIGNATORS)]
        if hostile:
            designated = [e for c in named for e in self.args.entities(c)
                          if self.types[e] in HOSTILE_OBJECTS]
        return [RawClaim(a, "hostile_to", b, verb) for a in designators for b in designated
                if a != b]

    def _designation(self, noun: Token) -> list[RawClaim]:
        """ "the US designation of the BLA", "the group's terrorist designation by the UN",
        "Washington revoked the group's designation" (negated)."""
        owned = [e for c in noun.children if c.dep_ in ("poss", "amod", "compound", "nmod")
                 for e in self.args.entities(c)]
        designated = [e for e in owned if self.types[e] in DESIGNATED] + [
            e for c in noun.children if c.dep_ == "prep" and c.lower_ in ("of", "on")
            for p in c.children if p.dep_ == "pobj" for e in self.args.entities(p)
            if self.types[e] in DESIGNATED]
        designators = [e for e in owned if self.types[e] in DESIGNATORS] + [
            e for c in noun.children if c.dep_ in ("prep", "agent") and c.lower_ == "by"
            for p in c.children if p.dep_ == "pobj" for e in self.args.entities(p)
            if self.types[e] in DESIGNATORS]
        verb = noun.head
        revoked = noun.dep_ in ("dobj", "nsubjpass") and \
            verb.lemma_.casefold() in self.w["revoking_verbs"]
        if not designators and noun.dep_ in ("dobj", "nsubjpass") and verb.pos_ == "VERB":
            designators = [e for e in self.args.subjects(verb) if self.types[e] in DESIGNATORS]
        if revoked and any(a.lemma_.casefold() in DENYING for a in verb.ancestors):
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
                      if self.types[e] in HOSTILE_OBJECTS]
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
                if t != o and self.types[t] in ACTORS]

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
                       if self.types[e] in STRIKERS | PLACES]
        states = [s for s in dict.fromkeys(states) if s]
        parties = [e for j in judged for e in self.args.entities(j)
                   if self.types[e] in DESIGNATED | {EntityType.ORGANIZATION}]
        return [RawClaim(s, "hostile_to", p, verb) for s in states for p in parties if s != p]

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
        frames = self._between_frames(noun)
        return [RawClaim(a, f.predicate, b, noun) for f in frames
                for i, a in enumerate(sides) for b in sides[i + 1:]
                if self.types[a] in f.subject_types and self.types[b] in f.object_types]

    def _talks_held(self, noun: Token) -> list[RawClaim]:
        """ "The Taliban and the Afghan government held peace talks in Doha", "Pakistan and
        the TTP agreed a month-long ceasefire", "agreed to a truce": two named sides of one
        verb negotiate."""
        verb = noun.head
        if noun.dep_ == "pobj" and verb.lower_ in self.w["talk_preps"]:
            verb = verb.head  # "agreed to a ceasefire", "signed up to a truce"
        elif noun.dep_ != "dobj":
            return []
        if verb.lemma_.casefold() not in self.w["talk_verbs"] or \
                any(c.dep_ == "prep" and c.lower_ in ("with", "between")
                    for h in (noun, verb) for c in h.children):
            return []  # ("held talks with X": the frames read it)
        sides = [e for e in self.args.subjects(verb) if self.types[e] in GROUPS]
        return [RawClaim(a, "negotiates_with", b, noun)
                for i, a in enumerate(sides) for b in sides[i + 1:]]

    def _hyphened(self, noun: Token) -> list[RawClaim]:
        """ "the TTP-ISKP rivalry", "the LeT-ISKP nexus", "the Taliban-TTP alliance": two
        sides named in the noun's modifiers, joined by a hyphen or slash and nothing else,
        are the two sides of the noun's "between" frame."""
        mods = [t for c in noun.children if c.dep_ in ("compound", "amod", "nmod")
                and c.i < noun.i for t in c.subtree]
        if len(mods) < 3:
            return []
        named = self.args.token_entity
        joined: list[str] = []
        prev = ""  # what the last token was: an entity (E), a joining mark (J), other
        for t in sorted(mods, key=lambda t: t.i):
            e = named.get(t.i)
            if e is not None:
                if prev == "J" or (prev == "E" and joined and joined[-1] == e):
                    if e not in joined:
                        joined.append(e)
                elif len(joined) < 2:
                    joined = [e]
                prev = "E"
            elif t.text in self.w["joining_marks"] and prev == "E":
                prev = "J"
            else:
                prev = ""
        if len(joined) < 2:
            return []
        frames = self._between_frames(noun)
        return [RawClaim(a, f.predicate, b, noun) for f in frames[:1]
                for i, a in enumerate(joined) for b in joined[i + 1:]
                if self.types[a] in f.subject_types and self.types[b] in f.object_types]

    def _falling_out(self, out: Token) -> list[RawClaim]:
        """ "the falling-out between the Taliban and ISKP" (parsed as "out" modified by
        "falling"): a rivalry between the two sides."""
        if not any(c.dep_ == "amod" and c.lemma_.casefold() in self.w["falling_out"]
                   for c in out.children):
            return []
        sides = [e for c in out.children if c.dep_ == "prep" and c.lower_ == "between"
                 for p in c.children if p.dep_ == "pobj" for e in self.args.entities(p)
                 if self.types[e] in GROUPS]
        sides = list(dict.fromkeys(sides))
        return [RawClaim(a, "rival_of", b, out) for i, a in enumerate(sides)
                for b in sides[i + 1:]]

    def _deemed(self, verb: Token) -> list[RawClaim]:
        """ "Daesh considers the JUI-F its rival", parsed as a small clause (the rival noun
        the verb's object, the one named its subject): rivalry, or an alliance for "ally"."""
        out = []
        for noun in verb.children:
            lemma = noun.lemma_.casefold()
            if noun.dep_ != "dobj" or noun.i in self.args.token_entity:
                continue
            if lemma in self.w["rival_nouns"]:
                predicate = "rival_of"
            elif lemma in self.w["ally_nouns"]:
                predicate = "allied_with"
            else:
                continue
            if any(c.dep_ == "prep" and c.lower_ in ("of", "to", "with") for c in noun.children):
                continue  # "a rival of X": the rivalry is X's, not the one who deems
            named = [e for c in noun.children if c.dep_ == "nsubj"
                     for e in self.args.entities(c) if self.types[e] in GROUPS]
            out += [RawClaim(s, predicate, n, verb) for s in self.args.subjects(verb)
                    if self.types[s] in GROUPS for n in named if n != s]
        return out

    def _fell_out(self, verb: Token, predicate: str = "rival_of",
                  types: frozenset[EntityType] = GROUPS) -> list[RawClaim]:
        """ "The TTP and Jamaat-ul-Ahrar fell out in 2014" (rivals), "Sirajuddin Haqqani
        and Noor Wali Mehsud met in Kabul" (`meets_with`), "Pakistan and the TTP negotiated
        for months": the conjoined subjects of a verb with no partner named act with each
        other."""
        if any((c.dep_ == "prep" and c.lower_ in ("with", "between")) or c.dep_ == "dobj"
               for c in verb.children):
            return []  # ("fell out with X", "met X": the frames read it)
        sides = list(dict.fromkeys(e for e in self.args.subjects(verb) if self.types[e] in types))
        return [RawClaim(a, predicate, b, verb) for i, a in enumerate(sides)
                for b in sides[i + 1:]]

    def _hosted(self, verb: Token) -> list[RawClaim]:
        """ "Chinese envoys hosted a Taliban delegation in Beijing", "Baradar received a
        Pakistani delegation": the host meets those the delegation comes from."""
        if not self.r.visiting(verb):
            return []
        guests = [e for c in verb.children if c.dep_ == "dobj"
                  and c.lemma_.casefold() in self.w["visitor_nouns"]
                  for m in c.children if m.dep_ in ("amod", "compound", "nmod", "poss")
                  for t in m.subtree for e in [self.args.token_entity.get(t.i)] if e]
        guests += [e for c in verb.children if c.dep_ == "dobj"
                   for p in c.children if p.dep_ == "prep" and p.lower_ == "from"
                   for q in p.children if q.dep_ == "pobj" for e in self.args.entities(q)]
        hosts = [e for e in self.args.subjects(verb) if self.types[e] in ACTORS]
        hosts += [e for c in verb.children if c.dep_ == "nsubj"
                  for m in c.children if m.dep_ in ("amod", "compound", "poss")
                  for e in [self.args.token_entity.get(m.i)] if e and e not in hosts]
        return [RawClaim(h, "meets_with", g, verb) for h in hosts
                for g in dict.fromkeys(guests) if h != g and self.types[g] in ACTORS]

    def _support_modified(self, noun: Token) -> list[RawClaim]:
        """ "the BLA receives Indian support", "with Pakistani backing, Jaish al-Adl has
        attacked …": the state a modifier names (a nationality word, when the report names
        the state) gives the support the verb's subject gets."""
        if noun.dep_ == "dobj" and noun.head.lemma_.casefold() in RECEIVING | \
                self.w["holding_verbs"]:
            receivers = self.args.subjects(noun.head)
        elif noun.dep_ == "pobj" and noun.head.lower_ in self.w["holding_preps"] and \
                noun.head.head.pos_ in ("VERB", "AUX"):
            receivers = self.args.subjects(noun.head.head)
        elif noun.dep_ == "pobj" and noun.head.lower_ in ("on", "upon") and \
                noun.head.head.lemma_.casefold() in self.w["relying_verbs"]:
            receivers = self.args.subjects(noun.head.head)  # round six: "relies on X's aid"
        else:
            return []
        if any(c.dep_ == "prep" for c in noun.children):
            return []  # ("support from X", "support of X": the frames read them)
        # round six: support held that its owner gives: "has the ISI's backing", "counts on
        # the Taliban's patronage" (not the holder's own: "retains its support")
        givers = [e for c in noun.children if c.dep_ == "poss" for e in self.args.entities(c)
                  if self.types[e] in ACTORS]
        for c in noun.children:
            if c.dep_ not in ("amod", "compound"):
                continue
            e = self.args.token_entity.get(c.i) or self._state_entity(DEMONYMS.get(c.lower_))
            if e and self.types[e] in STRIKERS:
                givers.append(e)
        frames = self._support_frames(noun)
        if any(f.aspect == "safe_haven" for f in frames):
            return []  # "Afghan sanctuary" is sanctuary in Afghanistan, not its gift
        aspect = {"aspect": frames[0].aspect} if frames and frames[0].aspect else {}
        return [RawClaim(g, "supports", r, noun, qualifiers=dict(aspect))
                for g in dict.fromkeys(givers) for r in receivers
                if g != r and self.types[r] in ACTORS]

    def _between_frames(self, noun: Token) -> list[Frame]:
        """The noun's frames of two sides ("a rift between X and Y"), those of its modifier
        first ("turf war")."""
        words = {c.lemma_.casefold() for c in noun.children if c.dep_ in ("amod", "compound")}
        frames = [f for f in self.r.frames.nouns.get(noun.lemma_.casefold(), [])
                  if "between" in f.pair]
        return [f for f in frames if f.modifier in words] or \
            [f for f in frames if not f.modifier]

    def _support_frames(self, noun: Token) -> list[Frame]:
        """The noun's frames of support given "from" someone ("funding from India")."""
        return [f for f in self.r.frames.nouns.get(noun.lemma_.casefold(), [])
                if f.predicate == "supports" and "from" in f.subject]

    def _support_coming(self, noun: Token) -> list[RawClaim]:
        """ "Funding for the BLA comes from India", "support for the Taliban flowed from
        the ISI": the support noun's verb names the giver after "from", the noun the one
        it is for."""
        subject = noun
        if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.dep_ == "nsubj":
            subject = noun.head.head  # "much of the support for X came from Y"
        verb = subject.head
        if subject.dep_ != "nsubj" or verb.lemma_.casefold() not in self.w["coming_verbs"]:
            return []
        givers = [e for c in verb.children if c.dep_ == "prep" and c.lower_ == "from"
                  for p in c.children if p.dep_ == "pobj" for e in self.args.entities(p)
                  if self.types[e] in ACTORS]
        takers = [e for c in noun.children if c.dep_ == "prep" and c.lower_ in ("for", "to")
                  for p in c.children if p.dep_ == "pobj" for e in self.args.entities(p)
                  if self.types[e] in ACTORS]
        takers += [e for c in noun.children if c.dep_ == "poss" for e in self.args.entities(c)
                   if self.types[e] in ACTORS]
        frames = self._support_frames(noun)
        aspect = {"aspect": frames[0].aspect} if frames and frames[0].aspect else {}
        return [RawClaim(g, "supports", t, noun, qualifiers=dict(aspect))
                for g in givers for t in takers if g != t]

    def _patron(self, noun: Token) -> list[RawClaim]:
        """ "Pakistan's ISI is the Taliban's main patron", "Iran, the group's chief backer":
        the one the role noun describes supports the noun's owner. A state's proxy the
        other way: "the Haqqani network is described as the ISI's most trusted proxy"."""
        if any(c.dep_ == "prep" and c.lower_ in ("of", "to", "for") for c in noun.children):
            return []  # ("the main patron of X": the frames read it)
        owners = [e for c in noun.children if c.dep_ == "poss" for e in self.args.entities(c)
                  if self.types[e] in ACTORS]
        if not owners:
            return []
        described = self._described(noun)
        if noun.lemma_.casefold() in self.w["patron_nouns"]:
            return [RawClaim(g, "supports", o, noun) for g in described for o in owners
                    if g != o and self.types[g] in ACTORS]
        return [RawClaim(o, "supports", d, noun) for o in owners for d in described
                if o != d and self.types[o] in STRIKERS
                and self.types[d] in (EntityType.ARMED_GROUP, EntityType.ORGANIZATION)]

    def _described(self, noun: Token) -> list[str]:
        """Whom a role noun describes: its apposition ("the Taliban's patron, the ISI"),
        the subject of its copula, the noun it stands beside, or the one seen "as" it."""
        named = [e for c in noun.children if c.dep_ == "appos" for e in self.args.entities(c)]
        if named:
            return named
        if noun.dep_ == "attr" and noun.head.lemma_.casefold() in self.w["copulas"]:
            return self.args.subjects(noun.head)
        if noun.dep_ == "appos":
            return self.args.entities(noun.head)
        if noun.dep_ == "pobj" and noun.head.lower_ == "as" and noun.head.head.pos_ == "VERB":
            # "the ISI is seen as the Taliban's patron", "describe Iran as the group's backer"
            seer = noun.head.head
            return [e for c in seer.children if c.dep_ in ("dobj", "nsubjpass")
                    for e in self.args.entities(c)]
        return []

    def _exchanged(self, verb: Token) -> list[RawClaim]:
        """ "The TTP and Pakistan exchanged fire along the border": conjoined sides trading
        fire with no partner after "with" fight each other."""
        if not any(c.dep_ == "dobj" and c.lemma_.casefold() in self.w["fire_nouns"]
                   for c in verb.children) or any(
                c.dep_ == "prep" and c.lower_ == "with" for c in verb.children):
            return []
        sides = [e for e in self.args.subjects(verb)
                 if self.types[e] in STRIKERS | {EntityType.ARMED_GROUP}]
        return [RawClaim(a, "fights", b, verb) for i, a in enumerate(sides)
                for b in sides[i + 1:]]

    def _recruiting_ground(self, noun: Token) -> list[RawClaim]:
        """ "The TTP has served as a recruiting ground for ISKP", "LeJ may now function as
        a recruiting pool for ISKP" (a group described, not a place): the one described
        supports the one after "for" with recruits (`supports`, aspect recruitment)."""
        if noun.lemma_.casefold() != "feeder" and not any(
                c.dep_ in ("compound", "amod") and c.lower_ in self.w["recruit_modifiers"]
                for c in noun.children):
            return []
        if noun.dep_ == "attr" and noun.head.lemma_.casefold() in self.w["copulas"]:
            described = self.args.subjects(noun.head)
        elif noun.dep_ == "pobj" and noun.head.lower_ == "as" and \
                noun.head.head.lemma_.casefold() in self.w["serving_verbs"]:
            described = self.args.subjects(noun.head.head)
        else:
            return []
        recruiters = [e for c in noun.children if c.dep_ == "prep" and c.lower_ in ("for", "of")
                      for p in c.children if p.dep_ == "pobj" for e in self.args.entities(p)
                      if self.types[e] in GROUPS]
        return [RawClaim(d, "supports", r, noun, qualifiers={"aspect": "recruitment"})
                for r in recruiters for d in described
                if r != d and self.types[d] in (EntityType.ARMED_GROUP, EntityType.ORGANIZATION)]

    def _conjoined_attr(self, noun: Token) -> list[RawClaim]:
        """ "The TTP is an ally of al-Qaeda but a rival of ISKP": a relation noun joined to
        the copula's complement describes the copula's subject too."""
        first = noun
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head
        if first.dep_ != "attr" or first.head.lemma_.casefold() not in self.w["copulas"] \
                or noun.i in self.args.token_entity:
            return []
        subjects = self.args.subjects(first.head)
        out = []
        for f in self.r.frames.nouns[noun.lemma_.casefold()]:
            if f.predicate not in CONFLICT_PREDICATES or f.inverse or f.under or f.modifier:
                continue
            objects = [e for c in noun.children if c.dep_ == "prep" and c.lower_ in f.object
                       for p in c.children if p.dep_ == "pobj" for e in self.args.entities(p)]
            out += [RawClaim(s, f.predicate, o, noun) for s in subjects for o in objects
                    if s != o and self.types[s] in f.subject_types
                    and self.types[o] in f.object_types]
            if out:
                break
        return out

    def _aligned(self, word: Token) -> list[RawClaim]:
        """ "The TTP and the Afghan Taliban are ideologically aligned", "the two are close":
        conjoined subjects aligned or close, with no partner named, are allied."""
        if any(c.dep_ == "prep" or c.lower_ in self.w["nearness_adverbs"]
               for c in word.children):
            return []  # ("aligned with X", "close to X": the frames read it)
        if word.pos_ == "ADJ" and word.dep_ == "acomp" and \
                word.head.lemma_.casefold() in self.w["copulas"]:
            holders = [c for c in word.head.children if c.dep_ == "nsubj"]
        elif word.pos_ == "VERB" and any(c.dep_ == "auxpass" for c in word.children):
            holders = [c for c in word.children if c.dep_ == "nsubjpass"]
        else:
            return []
        sides = [e for h in holders for e in self.args.entities(h) if self.types[e] in GROUPS]
        sides = list(dict.fromkeys(sides))
        return [RawClaim(a, "allied_with", b, word) for i, a in enumerate(sides)
                for b in sides[i + 1:]]

    def _denied_apposition(self, noun: Token) -> list[RawClaim]:
        """ "The TTP and ISKP are rivals, not allies": the conjoined subjects of the first
        noun's copula are denied the apposition's relation."""
        first = noun.head
        if first.dep_ != "attr" or first.head.lemma_.casefold() not in self.w["copulas"]:
            return []
        sides = list(dict.fromkeys(self.args.subjects(first.head)))
        frames = [f for f in self.r.frames.nouns[noun.lemma_.casefold()]
                  if "between" in f.pair and f.predicate in CONFLICT_PREDICATES
                  and not f.modifier]
        return [RawClaim(a, f.predicate, b, noun, Polarity.NEGATED) for f in frames[:1]
                for i, a in enumerate(sides) for b in sides[i + 1:]
                if self.types[a] in f.subject_types and self.types[b] in f.object_types]

    def _mediated(self, verb: Token) -> list[RawClaim]:
        """ "China mediated between Iran and Pakistan", "Qatar brokered a deal between the
        Taliban and the United States": the two sides negotiate."""
        holders = [verb, *[c for c in verb.children if c.dep_ == "dobj"]]
        sides = [e for h in holders for c in h.children
                 if c.dep_ == "prep" and c.lower_ in ("between", "among")
                 for p in c.children if p.dep_ == "pobj" for e in self.args.entities(p)
                 if self.types[e] in GROUPS]
        return [RawClaim(a, "negotiates_with", b, verb)
                for i, a in enumerate(sides) for b in sides[i + 1:] if a != b]
