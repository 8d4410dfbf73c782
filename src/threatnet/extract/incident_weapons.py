"""The tactics and weapons of an incident, as capability taxonomy nodes.

Capabilities the actor pack knows in the deed's clause ("a suicide bomber", "grenades"),
and in the doers' first deed coordinated with it; weapon words of the deed or its doers
("opened fire", "gunmen": small arms); a vehicle loaded with explosives however worded
("an explosives-laden car", "a truck packed with explosives": VBIED); and the capability
an incident's kind implies where a deed says so ("blew himself up": suicide bombers). A
capability that only restates a bombing ("detonated explosives") adds none. Word lists are
in `data/incidents.yaml`; `WeaponReading` is mixed into `incident_targets.TargetReader`.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token

from threatnet.extract.incident_lexicon import IncidentLexicon
from threatnet.extract.incident_parse import clause_tokens
from threatnet.extract.incident_records import EntityAdder, FoundIncident
from threatnet.model import Entity, EntityType
from threatnet.resolve.pack import ActorPack
from threatnet.resources import load_data

DEED_ARGUMENTS = ("nsubj", "nsubjpass", "dobj")


@lru_cache(maxsize=1)
def selves() -> frozenset[str]:
    """ "blew himself up": the reflexive objects of a suicide bombing
    (`data/target_words.yaml`)."""
    return frozenset(str(w).casefold() for w in load_data("target_words.yaml")["selves"])


@lru_cache(maxsize=1)
def _tactic_data() -> tuple[dict[str, str], str, frozenset[str], frozenset[str]]:
    """`data/capability_tactics.yaml`: the tactic a weapon implies, and the plain bombs
    (node, words, verbs)."""
    d = load_data("capability_tactics.yaml")
    plain = d["plain_bombs"]
    return ({str(k): str(v) for k, v in d["implies"].items()}, str(plain["node"]),
            frozenset(str(w) for w in plain["words"]),
            frozenset(str(w) for w in plain["verbs"]))


def plain_bomb_words() -> frozenset[str]:
    """The words of a plain bomb ("bomb", "device"), `plain_bombs` of the data file."""
    return _tactic_data()[2]


class WeaponReading:
    """What an incident was carried out with (mixed into the target reader, whose
    `entity_of` and `lex` / `pack` it uses)."""

    lex: IncidentLexicon
    pack: ActorPack

    def entity_of(self, adder: EntityAdder, i: int) -> Entity | None:
        raise NotImplementedError

    def _tactics(self, trigger: Token, incident: FoundIncident,
                 adder: EntityAdder) -> list[tuple[Token, str]]:
        scope = clause_tokens(trigger)
        if trigger.dep_ == "relcl":  # "the suicide bomber who killed worshippers"
            scope += [t for t in trigger.head.lefts] + [trigger.head]
        if trigger.dep_ == "conj" and trigger.head.pos_ == "VERB":
            first = trigger.head
            doers = [t for c in first.children if c.dep_ == "nsubj" for t in c.subtree]
            if trigger.pos_ == "VERB" and \
                    not any(c.dep_ in ("nsubj", "nsubjpass") for c in trigger.children):
                # "a suicide bomber walked into the crowd and detonated his explosives": the
                # subject the two verbs share
                scope += doers
            if any(t.lemma_.casefold() in self.lex.anonymous or
                   t.lemma_.casefold() in self.lex.perpetrator_kinds for t in doers):
                # "a suicide bomber rammed an explosives-laden vehicle into the gate, and the
                # others opened fire": the doers' first deed is this incident's too
                scope += [t for t in doers if t not in scope] + \
                    [t for c in first.children if c.dep_ == "dobj" for t in c.subtree]
        if trigger.dep_ == "acl" and trigger.pos_ == "VERB":
            # "a vehicle-borne device and two IEDs detonated at the gate" (parsed as nouns
            # the participle modifies): the nouns are what went off
            nouns = [trigger.head, *trigger.head.conjuncts]
            scope += [t for n in nouns for t in n.subtree
                      if t not in scope and t.i < trigger.i]
            scope += self._loader_above(trigger)
        scope += [c for t in scope if t.pos_ in ("NOUN", "PROPN") and t.dep_ != "conj"
                  for c in t.conjuncts if c not in scope]  # "rifles and grenades"
        # "stormed the campus, firing rifles and throwing grenades": the participles' objects
        # (the parser may hang the second participle from the first one's object)
        scope += [o for t in scope if t.tag_ == "VBG" and t.dep_ in ("advcl", "conj")
                  for v in [t, *t.conjuncts] if v.tag_ == "VBG"
                  for o in v.children if o.dep_ == "dobj" and o not in scope]
        bombing = self.lex.same_family(incident.kind, "bombing") and incident.kind != "attack"
        named = []
        implies = _tactic_data()[0]
        for tok in scope:
            entity = self.entity_of(adder, tok.i)
            if entity is None or entity.type != EntityType.CAPABILITY or \
                    entity.kind in self.lex.restating_capabilities:
                entity = self._vehicle_bomb(tok, adder) or entity
            if entity is None or entity.type != EntityType.CAPABILITY or \
                    (bombing and entity.kind in self.lex.restating_capabilities):
                continue  # "detonated explosives": the bombing itself, no tactic of its own
            implied = implies.get(entity.kind or "")
            if implied is not None:  # "wearing an explosive vest": a suicide bomber
                entity = self._capability(implied, tok, tok, adder) or entity
            if (tok, entity.id) not in named and entity.id not in {n[1] for n in named}:
                named.append((tok, entity.id))
        if bombing:
            named += self._plain_bomb(trigger, adder, named)
        # the weapon words of the deed and its doers: "opened fire", "gunmen"; a word that
        # only restates the kind ("bombed": explosives) is left out
        words = [(trigger, f"{trigger.lemma_.casefold()} {c.lower_}") for c in trigger.children
                 if c.dep_ in ("prt", "dobj")]
        if trigger.pos_ == "VERB" and not named and \
                not any(c.dep_ == "prt" for c in trigger.children):
            # "shot dead X", "fired upon a patrol": the verb alone, where no weapon is named
            # ("fired rockets at …" is the rockets')
            words.append((trigger, trigger.lemma_.casefold()))
        words += [(t, t.lower_) for c in trigger.children if c.dep_ in ("nsubj", "agent")
                  for t in c.subtree]
        out = named
        for tok, word in words:
            node = self.lex.tactics.get(word)
            if node is None:
                continue
            entity = self._capability(node, tok, tok, adder)
            if entity is not None and entity.id not in {o[1] for o in out}:
                out.append((tok, entity.id))
        return out

    def _loader_above(self, trigger: Token) -> list[Token]:
        """ "a water tanker packed with explosives detonated near …", parsed with the deed a
        participle of "explosives": the loaded vehicle the explosives hang from."""
        node = trigger.head
        for _ in range(3):  # explosives <- with <- packed <- tanker
            if node.dep_ not in ("pobj", "prep", "acl") or node.head.i == node.i:
                return []
            node = node.head
            if node.pos_ == "NOUN" and self._loaded(node):
                return [node]
            if node.tag_ == "VBN" and node.dep_ != "acl":  # "tanker packed", a clause
                return [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass") and
                        self._loaded(c)]
        return []

    def _plain_bomb(self, trigger: Token, adder: EntityAdder,
                    named: list[tuple[Token, str]]) -> list[tuple[Token, str]]:
        """ "a bomb went off", "planted a bomb", "a device hidden on a bus exploded": what a
        bombing deed set off, named by no capability of its own, is an IED."""
        _, node, words, verbs = _tactic_data()
        particle = next((c.lower_ for c in trigger.children if c.dep_ == "prt"), None)
        lemma = trigger.lemma_.casefold()
        if named or (lemma not in verbs and f"{lemma} {particle}" not in verbs):
            return []
        for child in trigger.children:
            if child.dep_ in DEED_ARGUMENTS and child.lower_ in words and \
                    self.entity_of(adder, child.i) is None and not self._loaded(child):
                entity = self._capability(node, child, child, adder)
                return [(child, entity.id)] if entity is not None else []
        return []

    def _capability(self, node: str, first: Token, last: Token,
                    adder: EntityAdder) -> Entity | None:
        """The capability entity of a taxonomy node, with a mention at the words."""
        if self.pack.get(node) is None:
            return None
        # the node the text already names ("a suicide bomber … his explosive vest"): one
        # entity for it
        entity = next((e for e in adder.found.entities
                       if e.type == EntityType.CAPABILITY and e.kind == node), None)
        if entity is None:
            entry = self.pack.entries[node]
            entity = adder.entity(f"cap:{entry.name}", entry.name, EntityType.CAPABILITY,
                                  kind=node)
            entity.pack_id = None
        free = all(self.entity_of(adder, i) is None for i in range(first.i, last.i + 1))
        adder.mention(entity, first.i, last.i + 1, take=free)
        return entity

    def _loaded(self, vehicle: Token) -> bool:
        """ "an explosives-laden car", "a car packed with explosives": a vehicle bomb."""
        lex = self.lex
        words = [t.lower_ for t in vehicle.subtree if t.i < vehicle.i]
        if vehicle.lemma_.casefold() in lex.bomb_explosives:  # "a vehicle-borne device"
            return any(w in lex.bomb_vehicles for w in words) and \
                any(w in lex.bomb_loaded for w in words)
        if vehicle.lemma_.casefold() not in lex.bomb_vehicles and \
                vehicle.lower_ not in lex.bomb_vehicles:
            return False
        if any(w in lex.bomb_loaded for w in words) and \
                any(w in lex.bomb_explosives for w in words):
            return True
        return self._load(vehicle) is not None

    def _load(self, vehicle: Token) -> Token | None:
        """The explosives a vehicle is told to be loaded with: "a car [packed with
        explosives]", or with the participle parsed as the clause's verb ("a water-tanker
        packed with explosives detonated …" read as "the tanker [was] packed")."""
        lex = self.lex
        loaders = [c for c in vehicle.children if c.dep_ in ("acl", "amod")]
        if vehicle.dep_ in ("nsubj", "nsubjpass") and vehicle.head.tag_ == "VBN":
            loaders.append(vehicle.head)
        for loader in loaders:
            if loader.lower_ not in lex.bomb_loaded:
                continue
            for prep in (g for g in loader.children if g.dep_ == "prep"):
                for load in prep.children:
                    if load.dep_ == "pobj" and load.lower_ in lex.bomb_explosives:
                        return load
        return None

    def _vehicle_bomb(self, vehicle: Token, adder: EntityAdder) -> Entity | None:
        lex = self.lex
        if not self._loaded(vehicle):
            return None
        # the whole phrase: "explosives-laden car", "car packed with explosives"
        left = [t.i for t in vehicle.subtree if t.i < vehicle.i and
                t.dep_ not in ("det", "nummod", "poss")]
        load = self._load(vehicle)
        start = min([*left, vehicle.i])
        end = load.i if load is not None and load.i > vehicle.i else vehicle.i
        if any(self.entity_of(adder, i) not in (None,) and
               self.entity_of(adder, i).type != EntityType.CAPABILITY
               for i in range(start, end + 1)):
            start = end = vehicle.i
        doc = vehicle.doc
        return self._capability(lex.vehicle_bomb_node, doc[start], doc[end], adder)

    def _kind_tactic(self, incident: FoundIncident, adder: EntityAdder,
                     tactics: list[tuple[Token, str]]) -> list[tuple[Token, str]]:
        """A suicide bombing was carried out by a suicide bomber, named or not."""
        node = self.lex.kind_capabilities.get(incident.kind)
        if node is None:
            return []
        known = {e.id: e.kind for e in adder.found.entities if e.type == EntityType.CAPABILITY}
        if any(known.get(c) == node for _, c in tactics):
            return []
        # the deed that says so: "a suicide attack", "blew himself up"
        trigger = next((t for t in incident.triggers if any(
            self.lex.kind_words.get(c.lemma_.casefold()) == incident.kind or
            c.lower_ in selves() for c in t.children)), None)
        if trigger is None:
            return []
        entity = self._capability(node, trigger, trigger, adder)
        return [(trigger, entity.id)] if entity is not None else []


__all__ = ["WeaponReading", "plain_bomb_words"]
