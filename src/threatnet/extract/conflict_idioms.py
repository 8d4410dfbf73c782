"""Cooperation, support, hostility and fighting named by idioms (conflict and support,
round six): acting "in league / in concert / in tandem with" a partner; conjoined sides
sharing fighters or intelligence; help that names what the one helped did ("helped the
Taliban regroup"); handlers who belong to an agency or group ("took orders from his ISI
handlers"); fighting named by a gerund before "between" ("Fighting between X and Y
killed …"); deeds done jointly by conjoined sides ("X and Y carried out joint attacks");
and a hostility label in a small clause ("considers the Taliban apostates"). The words
are data (the round-six lists of the `conflict` block of `data/frames.yaml`). A mixin of
the conflict reader (`conflict_relations._Reading`), which supplies the arguments finder
(`args`), the word classes (`w`), the entity types (`types`) and the designation reader
(`_designated`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from threatnet.extract.arguments import Arguments
from threatnet.extract.conflict_words import ACTORS, GROUPS, ConflictWords
from threatnet.extract.relations import RawClaim
from threatnet.model import EntityType

if TYPE_CHECKING:
    from threatnet.extract.conflict_relations import ConflictReader

# who runs handlers: an agency or a group (a state named with them is where they sit)
HANDLERS = frozenset({EntityType.GOVERNMENT_BODY, EntityType.ARMED_GROUP,
                      EntityType.ORGANIZATION})
# the places of a noun phrase in its clause, where a gerund stands for a noun
NOMINAL = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "attr", "appos", "conj", "ROOT"})


class IdiomReading:
    """The idiom families of one document's pass (see the module docstring)."""

    args: Arguments
    w: ConflictWords
    types: dict[str, EntityType]
    r: ConflictReader

    def _designated(self, verb: Token, hostile: bool = False) -> list[RawClaim]:
        raise NotImplementedError  # pragma: no cover - the stances reader's

    def idioms(self, tok: Token) -> list[RawClaim]:
        """The claims of the idiom families `tok` triggers."""
        lemma = tok.lemma_.casefold()
        if lemma not in self.r.idiom_words:
            return []
        out: list[RawClaim] = []
        if tok.pos_ == "NOUN" and lemma in self.w["concert_nouns"]:
            out += self._in_concert(tok)
        if tok.pos_ == "VERB" and lemma in self.w["helping_verbs"]:
            out += self._helped_to(tok)
        if tok.tag_ == "VBG" and lemma in self.w["fighting_gerunds"]:
            out += self._fighting_between(tok)
        elif tok.pos_ == "VERB" and lemma in self.r.fighting_verbs:
            out += self._sides_modifying(tok)
        if tok.pos_ == "NOUN" and lemma in self.w["joint_deeds"]:
            out += self._joint_deed(tok)
        if tok.pos_ == "VERB" and lemma in self.w["regarding_verbs"]:
            out += self._designated(tok, hostile=True)
        if tok.pos_ == "NOUN" and lemma in self.w["handler_nouns"]:
            out += self._handlers(tok)
        if tok.pos_ == "VERB" and lemma in self.w["sharing_verbs"]:
            out += self._shared(tok)
        return out

    def _sides(self, tok: Token, types: frozenset[EntityType] = GROUPS) -> list[str]:
        return [e for e in dict.fromkeys(self.args.entities(tok)) if self.types[e] in types]

    def _with(self, *heads: Token) -> list[str]:
        """The actors the "with" phrases of `heads` name."""
        return list(dict.fromkeys(e for h in heads for c in h.children
                                  if c.dep_ == "prep" and c.lower_ == "with"
                                  for p in c.children if p.dep_ == "pobj"
                                  for e in self._sides(p)))

    def _in_concert(self, noun: Token) -> list[RawClaim]:
        """ "The Haqqani network has operated in concert with al-Qaeda", "in conjunction
        with ISKP, the TTP attacked …", "works in league with LeT": the one acting
        cooperates with the partner after "with"."""
        prep = noun.head
        if noun.dep_ != "pobj" or prep.lower_ not in self.w["concert_preps"] or \
                any(c.dep_ in ("det", "poss", "amod") for c in noun.children):
            return []  # ("in the league with …", "in close coordination" keep their frames)
        head = prep.head
        partners = self._with(noun, head)
        if not partners:
            return []
        if head.pos_ in ("VERB", "AUX"):
            if head.dep_ == "ccomp" and not any(c.dep_ in ("nsubj", "nsubjpass")
                                                for c in head.children):
                return []  # a reported clause whose subject the parse lost is not the speaker's
            actors = [e for e in self.args.subjects(head) if self.types[e] in GROUPS]
            trigger = head
        else:  # "the ISI, in league with the Taliban, …": the phrase's own noun
            actors, trigger = self._sides(head), noun
        return [RawClaim(a, "cooperates_with", p, trigger)
                for a in dict.fromkeys(actors) for p in partners if a != p]

    def _helped_to(self, verb: Token) -> list[RawClaim]:
        """ "The ISI helped the Taliban regroup", "enabled the BLA to expand": help whose
        clause names what the one helped did supports the one helped."""
        clauses = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp")]
        if not clauses:
            return []
        # ("helped [the Taliban regroup]" may come parsed with the name a compound)
        helped = [s for c in clauses for s in c.children if s.dep_ in ("nsubj", "compound")]
        helped += [c for c in verb.children if c.dep_ == "dobj"]
        receivers = [e for h in helped for e in self._sides(h, ACTORS)]
        helpers = [e for e in self.args.subjects(verb) if self.types[e] in ACTORS]
        return [RawClaim(g, "supports", r, verb) for g in dict.fromkeys(helpers)
                for r in dict.fromkeys(receivers) if g != r]

    def _fighting_between(self, gerund: Token) -> list[RawClaim]:
        """ "Fighting between the Taliban and ISKP killed dozens": a gerund that stands for
        a noun, with two sides after "between" (the noun "fighting" the frames read)."""
        if gerund.dep_ not in NOMINAL:
            return []
        sides = list(dict.fromkeys(e for c in gerund.children
                                   if c.dep_ == "prep" and c.lower_ == "between"
                                   for p in c.children if p.dep_ == "pobj"
                                   for e in self._sides(p)))
        return [RawClaim(a, "fights", b, gerund) for i, a in enumerate(sides)
                for b in sides[i + 1:]]

    def _joint_deed(self, noun: Token) -> list[RawClaim]:
        """ "Jamaat-ul-Ahrar and the TTP carried out joint attacks", "a joint raid by the BLA
        and the BLF": the conjoined doers of a joint deed cooperate."""
        if not any(c.dep_ in ("amod", "compound") and c.lemma_.casefold() in self.w["joint_words"]
                   for c in noun.children):
            return []
        doers: list[str] = []
        trigger = noun
        if noun.dep_ == "dobj" and noun.head.pos_ == "VERB":
            trigger = noun.head
            doers += self.args.subjects(trigger)
        for c in noun.children:
            if c.dep_ == "poss":  # "the BLA and the BLF's joint raid"
                doers += self.args.entities(c)
            elif c.dep_ in ("prep", "agent") and c.lower_ == "by":
                doers += [e for p in c.children if p.dep_ == "pobj"
                          for e in self.args.entities(p)]
        doers = [e for e in dict.fromkeys(doers) if self.types[e] in GROUPS]
        return [RawClaim(a, "cooperates_with", b, trigger)
                for i, a in enumerate(doers) for b in doers[i + 1:]]

    def _handlers(self, noun: Token) -> list[RawClaim]:
        """ "David Headley took instructions from his ISI handlers", "TRF militants answer to
        Lashkar-e-Taiba handlers", "the TRF's handlers in the ISI": the agency or group the
        handlers belong to supports the one they handle (the owner of "handlers", or the
        subject of the verb whose phrase names them). A state named as where handlers sit
        ("handlers in Pakistan", "Pakistani handlers") is a place, not the giver."""
        if noun.dep_ in ("attr", "appos"):
            return []  # "X had been his handler in the group": X's role, read elsewhere
        givers = [e for c in noun.children if c.dep_ in ("compound", "nmod", "amod")
                  for e in self.args.entities(c)]
        givers += [e for c in noun.children if c.dep_ == "prep" and c.lower_ in
                   self.w["handler_preps"] for p in c.children if p.dep_ == "pobj"
                   for e in self.args.entities(p)]
        givers = [e for e in dict.fromkeys(givers) if self.types[e] in HANDLERS]
        if not givers:
            return []
        handled = [e for c in noun.children if c.dep_ == "poss" for e in self.args.entities(c)]
        trigger = noun
        if noun.dep_ == "pobj" and noun.head.lower_ in self.w["handled_preps"] and \
                noun.head.head.pos_ == "VERB":  # "took orders from …", "answer to …"
            trigger = noun.head.head
            handled += self.args.subjects(trigger)
        elif noun.dep_ in ("nsubj", "nsubjpass"):
            # "the TRF's handlers … are said to plan": what they do, with its certainty
            trigger = next((c for c in noun.head.children if c.dep_ == "xcomp"), noun.head)
        handled = [e for e in dict.fromkeys(handled) if self.types[e] in ACTORS]
        return [RawClaim(g, "supports", h, trigger) for g in givers for h in handled if g != h]

    def _shared(self, verb: Token) -> list[RawClaim]:
        """ "The BLA and the BLF share intelligence and safe houses", "the SSP and LeJ share
        members": conjoined sides sharing what fights cooperate (a partner named after
        "with" the frames read)."""
        if any(c.dep_ == "prep" and c.lower_ == "with" for c in verb.children):
            return []
        assets = [c for c in verb.children if c.dep_ == "dobj"]
        assets += [c for a in assets for c in a.conjuncts]
        if not any(a.lemma_.casefold() in self.w["shared_assets"] or
                   f"{a.head.lemma_.casefold()} {a.lemma_.casefold()}" in self.w["shared_assets"]
                   or any(f"{m.lemma_.casefold()} {a.lemma_.casefold()}" in
                          self.w["shared_assets"] for m in a.children if m.dep_ == "compound")
                   for a in assets):
            return []
        sides = [e for e in dict.fromkeys(self.args.subjects(verb)) if self.types[e] in GROUPS]
        return [RawClaim(a, "cooperates_with", b, verb)
                for i, a in enumerate(sides) for b in sides[i + 1:]]

    def _sides_modifying(self, verb: Token) -> list[RawClaim]:
        """ "Afghan and Pakistani forces clashed near Chaman", "Indian and Pakistani troops
        exchanged fire": two sides named in the modifiers of one subject fight each other
        (conjoined subjects the frames read)."""
        if any((c.dep_ == "dobj" and c.lemma_.casefold() not in self.w["fire_nouns"]) or
               (c.dep_ == "prep" and c.lower_ in ("with", "against")) for c in verb.children):
            return []
        if verb.lemma_.casefold() in self.w["exchanging_verbs"] and not any(
                c.dep_ == "dobj" for c in verb.children):
            return []  # ("traded accusations": no fire)
        sides: list[str] = []
        for subject in (c for c in verb.children if c.dep_ == "nsubj"):
            mods = [m for m in subject.children if m.dep_ in ("amod", "compound", "nmod")]
            mods += [c for m in mods for c in m.conjuncts]
            if not any(m.dep_ == "conj" for m in mods):
                continue  # one side only ("Pakistani forces clashed")
            sides += [e for t in [subject, *mods] for e in self.args.entities(t)]
        sides = [e for e in dict.fromkeys(sides) if self.types[e] in GROUPS]
        return [RawClaim(a, "fights", b, verb) for i, a in enumerate(sides)
                for b in sides[i + 1:]]
