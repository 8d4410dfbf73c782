"""Where an incident happened: the finest place its clause names.

Under a place preposition ("in", "at", "near", …) of the deed's clause, in this order:

- a named facility: a facility noun with a name before it ("Quetta railway station",
  "the Kaaj education centre", "Gulshan-e-Iqbal Park"), or an entity the entity finder
  named whose last word is one ("Bacha Khan University", "Civil Hospital");
- an unknown village or town, kept by name: a name the pack does not know followed by a
  place noun ("Mamund village"), or put inside a known place ("at Kolpur in the Bolan
  area", "at Bela in Lasbela district");
- the known places, the finest first (a district before its province).

A name the statistical NER took for a person is a place when it is the object of the
place preposition itself ("in Shewa"), never when it only modifies another word.

An unknown village comes with the known district its address names ("in Shergarh
village, Kurram district"). A clause that names no place but "the city" or "the town"
("on the outskirts of the city") is placed in the last place the paragraph named before.

Also (round six): the place an incident is named after ("the Quetta bombing"); a country
where the deed's verb names nothing finer ("killed by a roadside bomb in Afghanistan");
never the place a statement came from ("in a statement from Kabul"); a road named after a
known place is not in it ("the Makran Coastal Highway"), and a highway or a road between
two towns comes after the town named with it ("on the Quetta-Sibi road near Mach").
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Doc, Token

from threatnet.extract.aliases import word_key
from threatnet.extract.incident_lexicon import IncidentLexicon
from threatnet.extract.incident_parse import target_heads, under_place_prep
from threatnet.extract.incident_records import EntityAdder
from threatnet.model import Entity, EntityType
from threatnet.resolve.pack import ActorPack
from threatnet.resources import word_set

NAME_DEPS = ("compound", "poss", "nmod", "amod")
CONTAINED_WITHIN = 4  # tokens after a name in which "in <known place>" puts it inside
_PLACES = "places.yaml"
TOWN_NOUNS = word_set(_PLACES, "town_nouns")  # "the outskirts of the city": the town before
TOWN_LOOK_BACK = 150  # tokens before "the city" in which its name is looked for
CONTAINER_WORDS = word_set(_PLACES, "container_words")
ADDRESS_OPENERS = word_set(_PLACES, "address_openers")  # "Shergarh village, Kurram district"
INSIDE_OPENERS = word_set(_PLACES, "inside_openers")  # "at Kolpur in the Bolan area"
SAID_NOUNS = word_set(_PLACES, "said_nouns")  # "in a statement from Kabul"
LONG_ROADS = word_set(_PLACES, "long_roads")  # "the Makran Coastal Highway"
NAME_NOUNS = word_set(_PLACES, "name_nouns")  # "Satellite Town": the noun ends the name
STRUCK_PREPS = word_set(_PLACES, "struck_preps")  # "the attack on a press conference"
NOT_PLACE_NER = frozenset(w.upper() for w in word_set(_PLACES, "not_place_ner"))
FACILITY_TYPES = (EntityType.INFRASTRUCTURE, EntityType.ORGANIZATION, EntityType.LOCATION)
SITE_TYPES = (EntityType.INFRASTRUCTURE, EntityType.ORGANIZATION, EntityType.GOVERNMENT_BODY)
ACTOR_TYPES = (EntityType.STATE, EntityType.GOVERNMENT_BODY, EntityType.ARMED_GROUP,
               EntityType.ORGANIZATION, EntityType.PERSON)


class PlaceReader:
    """Reads the places of one document's incident clauses."""

    def __init__(self, doc: Doc, lex: IncidentLexicon, pack: ActorPack, adder: EntityAdder,
                 entity_of: Callable[[int], Entity | None],
                 pack_of: Callable[[str], str | None]) -> None:
        self.doc, self.lex, self.pack, self.adder = doc, lex, pack, adder
        self.entity_of, self.pack_of = entity_of, pack_of
        self.in_road_names: set[str] = set()  # known places that open a road's name
        self.long_roads: set[str] = set()  # unknown highways and roads between towns

    def places(self, trigger: Token, scope: list[Token]) -> list[str]:
        """The places of the trigger's clause, finest first."""
        facilities: list[str] = []
        named: list[str] = []
        roads: list[str] = []
        covered: set[int] = set()
        towns: list[str] = []  # "the city", read only where no place is named
        for tok in scope:  # named facilities first: their names may hold other entities
            if tok.dep_ == "pobj" and self.entity_of(tok.i) is None and \
                    self._facility_word(tok) and self._placed(tok, trigger):
                span = self._facility_span(tok)
                if span is not None:
                    facilities.append(self._facility(span).id)
                    covered |= set(range(*span))
        states: list[str] = []  # "in Afghanistan": the place only where none finer is named
        noun = self._deed_noun(trigger)
        for tok in scope:
            entity = self.entity_of(tok.i)
            if noun is not None and tok.head.i == noun.i and self._names_the_deed(tok, noun):
                # "the Quetta bombing", "Peshawar's twin blasts": the place the incident is
                # named after, also when its name became the incident's ("Bajaur bombing")
                if entity is not None and entity.type == EntityType.EVENT:
                    entity = self._pack_place_named(tok)
                if entity is not None and entity.type in (EntityType.LOCATION,
                                                          EntityType.STATE):
                    if entity.id not in named:
                        named.append(entity.id)
                    continue
            if (tok.i in covered and not (entity is not None and
                                          entity.type == EntityType.LOCATION)) or \
                    not self._placed(tok, trigger):
                continue  # a known place inside a facility's name still places it
            if entity is not None and entity.type == EntityType.STATE:
                if entity.id not in states and self._place_of_deed(tok, trigger):
                    states.append(entity.id)
                continue
            if entity is not None and entity.type == EntityType.PERSON and \
                    entity.pack_id is None and (
                        (tok.dep_ == "pobj" and tok.head.lower_ in self.lex.place_preps) or
                        (tok.dep_ == "compound" and
                         tok.head.lemma_.casefold() in self.lex.place_nouns)):
                # "in Shewa", "in the Datta Khel area": NER took the village for a man
                entity.type = EntityType.LOCATION
            if entity is not None and entity.type in (EntityType.ORGANIZATION,
                                                      EntityType.INFRASTRUCTURE) and \
                    entity.pack_id is None and tok.dep_ == "pobj" and \
                    tok.head.lower_ in self.lex.place_preps and \
                    not self._facility_name(entity) and self._inside_known_place(tok):
                # "at Wacha Bibi near Datakhel": NER took the village for an organisation
                entity.type = EntityType.LOCATION
            if entity is not None and entity.type in FACILITY_TYPES and \
                    entity.type != EntityType.LOCATION and (
                        self._facility_name(entity) or self._street_name(entity)):
                if entity.type == EntityType.ORGANIZATION:
                    entity.type = EntityType.INFRASTRUCTURE  # a building the deed struck in
                if self._street_name(entity) and (
                        entity.pack_id is not None or
                        entity.name.split()[-1].casefold() in LONG_ROADS):
                    if entity.id not in roads:  # "on the Karakoram Highway near Besham"
                        roads.append(entity.id)
                elif entity.id not in facilities:
                    facilities.append(entity.id)
                continue
            if entity is not None and entity.type == EntityType.LOCATION:
                if entity.id not in named:
                    named.append(entity.id)
                    if self.pack_of(entity.id) is None:
                        self._add_container(named, self._end_of(tok.i, entity))
                continue
            if entity is None:
                place = self._unknown_place(tok)
                if place is not None and place.id not in named:
                    named.append(place.id)
                    self._add_container(named, tok.i + 1)
                elif place is None and not towns:
                    towns += self._town_before(tok)
        if self.in_road_names:  # "along the Makran Coastal Highway": not in Makran
            named = [p for p in named if p not in self.in_road_names] if any(
                p not in self.in_road_names for p in named) else named
        roads += [p for p in named if p in self.long_roads and p not in roads]
        named = [p for p in named if p not in self.long_roads]
        if not facilities and not named and not roads:
            return towns or states[:1]
        # a known road runs through many places: a town named with it is finer
        return facilities + self.finest(named) + [r for r in roads if r not in facilities]

    def _deed_noun(self, trigger: Token) -> Token | None:
        """The incident noun of a trigger: the noun itself, or the last word of a named
        incident whose first word the trigger is ("Bajaur" of "the Bajaur bombing")."""
        named = self.entity_of(trigger.i)
        if named is not None and named.type == EntityType.EVENT:
            end = trigger.i
            while end + 1 < len(self.doc) and self.entity_of(end + 1) is named:
                end += 1
            trigger = self.doc[end]
        return trigger if trigger.pos_ == "NOUN" else None

    def _names_the_deed(self, tok: Token, noun: Token) -> bool:
        """A known place that names the incident noun itself: "the Quetta bombing", "the
        July 2023 Bajaur blast", "Peshawar's twin blasts" (not a word of a facility's name
        before it, nor of what it struck: "the attack on the Quetta office" is left to the
        prepositions)."""
        # on the noun itself: "Kabul" in "the Kabul University attack" names the university
        return tok.head.i == noun.i and tok.i < noun.i and \
            tok.dep_ in ("compound", "nmod", "poss") and tok.text[:1].isupper() and \
            not any(t.is_punct and t.tag_ != "POS" for t in self.doc[tok.i:noun.i])

    def _pack_place_named(self, tok: Token) -> Entity | None:
        """The pack place the name words of a named incident around `tok` stand for
        ("Bajaur" in "the Bajaur bombing", "North Waziristan" in "the North Waziristan
        ambush"): the document's entity of it, or one made for it."""
        start, end = tok.i, tok.i + 1
        while start > 0 and self._name_word(self.doc[start - 1]) and \
                self.doc[start - 1].dep_ in ("compound", "nmod"):
            start -= 1
        while end < len(self.doc) and self._name_word(self.doc[end]) and \
                self.doc[end].dep_ in ("compound", "nmod", "poss"):
            end += 1
        names = _pack_place_names(self.pack)
        entry_id = names.get(self.doc[start:end].text.casefold()) or \
            names.get(tok.text.casefold())
        entry = self.pack.get(entry_id) if entry_id else None
        if entry is None:
            return None
        entity = next((e for e in self.adder.found.entities if e.pack_id == entry.id), None)
        if entity is None:
            entity = self.adder.entity(f"pack:{entry.id}", entry.name, entry.type)
            entity.pack_id = entry.id
        self.adder.mention(entity, tok.i, tok.i + 1, take=False)
        return entity

    @staticmethod
    def _place_of_deed(tok: Token, trigger: Token) -> bool:
        """A country a deed's verb puts it in: "was killed by a roadside bomb in
        Afghanistan", "shot dead a trader in Iran" (the object of "in" on the verb or on
        its object or agent's noun); not a noun's ("strikes in Afghanistan" may be feared
        or planned), nor one naming who struck ("in a US drone strike")."""
        while tok.dep_ == "conj":
            tok = tok.head
        if trigger.pos_ != "VERB" or tok.dep_ != "pobj" or tok.head.lower_ != "in":
            return False
        holder = tok.head.head
        if holder.i == trigger.i:
            return True
        if holder.dep_ == "pobj" and holder.head.dep_ == "agent":
            holder = holder.head
        return holder.head.i == trigger.i and holder.dep_ in ("dobj", "agent", "nsubjpass")

    # -- an address, and the town named before ----------------------------------------

    def _end_of(self, i: int, entity: Entity) -> int:
        """The index after the last word of the entity's name that holds word i."""
        end = i + 1
        while end < len(self.doc) and self.entity_of(end) is entity:
            end += 1
        return end

    def _add_container(self, named: list[str], end: int) -> None:
        """ "Shergarh village, Kurram district", "Shinkai village of Kohat district": the
        known place an unknown village's address puts it in, after the village's name
        (and its place noun), a comma or "of", and at most a determiner."""
        if end < len(self.doc) and self.doc[end].lemma_.casefold() in self.lex.place_nouns:
            end += 1
        if end >= len(self.doc) or self.doc[end].lower_ not in ADDRESS_OPENERS:
            return
        for t in self.doc[end + 1:min(len(self.doc), end + 1 + CONTAINED_WITHIN)]:
            owner = self.entity_of(t.i)
            if owner is not None and owner.type == EntityType.LOCATION and \
                    self.pack_of(owner.id) is not None:
                after = self._end_of(t.i, owner)
                if owner.id not in named and (
                        self.doc[end].lower_ != "," or self._called_container(after)):
                    named.append(owner.id)  # after a bare comma, only a called district
                return
            if t.dep_ != "det":
                return

    def _town_before(self, tok: Token) -> list[str]:
        """ "on the outskirts of the city", "in the town": a bare "the city" under the
        clause's place preposition is the last place the paragraph named before it, if
        the text does not call that place a district or province."""
        if tok.lower_ not in TOWN_NOUNS or tok.dep_ != "pobj" or any(
                c.dep_ != "det" and not (c.pos_ == "ADJ" and c.text.islower())
                for c in tok.lefts) or \
                not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.lefts):
            return []
        for k in range(tok.i - 1, max(-1, tok.i - 1 - TOWN_LOOK_BACK), -1):
            t = self.doc[k]
            if "\n" in t.text or "\n" in t.whitespace_:
                return []  # the paragraph's start
            owner = self.entity_of(k)
            if owner is None or owner.type != EntityType.LOCATION:
                continue
            return [] if self._called_container(self._end_of(k, owner)) else [owner.id]
        return []

    def _called_container(self, end: int) -> bool:
        """A place name ending at `end` that the text calls a district or a province
        ("Kurram district", in the pack's alias or after it)."""
        return self.doc[end - 1].lower_ in CONTAINER_WORDS or (
            end < len(self.doc) and self.doc[end].lower_ in CONTAINER_WORDS)

    def target_site(self, trigger: Token) -> str | None:
        """The named site a deed struck ("stormed the Gwadar Port Authority complex",
        "attacked the old terminal of Jinnah International Airport"), or the one it broke
        into or went off at when the text singles it out ("forced their way into the naval
        air station at Turbat", "detonated explosives outside the Indian embassy", "on the
        second floor of the governor's office")."""
        heads = self._site_heads(trigger)
        for head in heads:  # a name first: "the old terminal of Jinnah International Airport"
            for tok in [head, *(p for c in head.children if c.dep_ == "prep" and
                                c.lower_ == "of" for p in c.children if p.dep_ == "pobj")]:
                entity = self.entity_of(tok.i)
                if entity is not None and entity.type in SITE_TYPES \
                        and entity.name[:1].isupper() and \
                        self._facility_name(entity, placed=tok is head):
                    return entity.id
                if entity is None and self._facility_word(tok):
                    span = self._facility_span(tok)
                    if span is not None:
                        return self._facility(span).id
        for head in heads:
            for tok in [head, *(p for c in head.children if c.dep_ == "prep" and
                                c.lower_ == "of" for p in c.children if p.dep_ == "pobj")]:
                if self.entity_of(tok.i) is None and self._facility_word(tok):
                    span = self._singled_out(tok)
                    if span is not None:
                        return self._facility(span).id
        return None

    def _site_heads(self, trigger: Token) -> list[Token]:
        """What a deed struck, and the nouns under the place prepositions of its own verb
        (through "tried to force their way into …")."""
        heads = target_heads(trigger)
        verbs = [trigger, *(c for c in trigger.children if c.dep_ == "xcomp")]
        preps = self.lex.place_preps | self.lex.place_entry_preps
        return heads + [p for v in verbs for c in v.children if c.dep_ == "prep" and
                        c.lower_ in preps for p in c.children if p.dep_ == "pobj"
                        and p not in heads]

    def _singled_out(self, head: Token) -> tuple[int, int] | None:
        """A facility the text singles out by a definite article or an owner and a word
        of its own ("the naval air station", "the governor's office", "the Indian
        embassy"), not one of a kind ("a police station", "the station")."""
        lefts = list(head.lefts)
        owners = [c for c in lefts if c.dep_ == "poss" and c.pos_ in ("NOUN", "PROPN")]
        # "the governor's office", not "a girls' school"
        definite = any(c.dep_ == "det" and c.lower_ == "the"
                       for t in [head, *owners] for c in t.lefts)
        mods = [c for c in lefts if c.dep_ in NAME_DEPS and c.pos_ in ("ADJ", "NOUN", "PROPN")
                and not c.like_num and c.ent_type_ not in ("ORDINAL", "CARDINAL", "DATE",
                                                           "TIME")]
        if not definite or not mods:
            return None
        start = min(t.i for m in mods for t in m.subtree if t.dep_ not in ("det", "punct"))
        for t in self.doc[start:head.i]:
            owner = self.entity_of(t.i)
            if owner is not None and owner.type in ACTOR_TYPES and not (
                    owner.type == EntityType.STATE and t.dep_ == "amod") and \
                    not self._nameless(t.i):
                return None  # "the Frontier Corps camp": the Corps' camp
        return start, head.i + 1

    def target_town(self, trigger: Token) -> list[str]:
        """ "attacked a Kabul hotel": the known place that names what the deed struck."""
        return list(dict.fromkeys(
            e.id for head in target_heads(trigger) for c in head.lefts
            if c.dep_ in ("compound", "poss", "nmod") for e in [self.entity_of(c.i)]
            if e is not None and e.type == EntityType.LOCATION))

    def _placed(self, tok: Token, trigger: Token) -> bool:
        """Under a place preposition of the clause, or one of entry after the deed's verb;
        not the place a statement came from."""
        if under_place_prep(tok, trigger, self.lex.place_preps):
            return not self._said_from(tok, trigger)
        if not under_place_prep(tok, trigger, self.lex.place_entry_preps) or \
                self._said_from(tok, trigger):
            return False
        node = tok
        while not (node.dep_ == "pobj" and node.head.lower_ in self.lex.place_entry_preps) \
                and node.head.i != node.i:
            node = node.head
        verb = node.head.head
        return verb.pos_ == "VERB" and verb.i in (trigger.i, trigger.head.i)

    def _said_from(self, tok: Token, trigger: Token) -> bool:
        """ "claimed the attack in a statement from Kabul", "in a video posted from
        Kunar": a place under a noun of what was said, which the deed does not govern
        (unlike "the attack on a press conference in Quetta")."""
        node = tok
        for _ in range(6):
            if node.head.i == node.i or node.i == trigger.i:
                return False
            node = node.head
            if node.pos_ == "NOUN" and node.lemma_.casefold() in SAID_NOUNS:
                struck = (node.dep_ == "pobj" and node.head.lower_ in STRUCK_PREPS) or \
                    (node.dep_ in ("dobj", "nsubjpass") and node.head.i == trigger.i)
                return not struck
            if node.pos_ in ("VERB", "AUX"):
                return False
        return False

    # -- facilities -------------------------------------------------------------

    def _facility_word(self, tok: Token) -> bool:
        return tok.lower_ in self.lex.facility_nouns or \
            tok.lemma_.casefold() in self.lex.facility_nouns

    def _facility_name(self, entity: Entity, placed: bool = False) -> bool:
        """A name ending in a facility noun; with `placed`, also one whose head comes
        before the place it is put in ("Police Training School at Manawan")."""
        name = re.split(r"\s(?:at|in)\s", entity.name, maxsplit=1)[0] if placed \
            else entity.name
        last = name.split()[-1].casefold() if name.split() else ""
        return last in self.lex.facility_nouns or last.rstrip("s") in self.lex.facility_nouns

    def _street_name(self, entity: Entity) -> bool:
        """ "on Mall Road", "at Liberty Chowk", "on the Karakoram Highway": a name the
        entity finder typed as a facility (or, unknown to the pack, an organisation) whose
        last word is a place noun, under the preposition."""
        words = entity.name.split()
        return len(words) > 1 and words[0][:1].isupper() and \
            words[-1].casefold() in self.lex.street_nouns and (
                entity.pack_id is None or entity.type == EntityType.INFRASTRUCTURE)

    def _facility_span(self, head: Token) -> tuple[int, int] | None:
        """The name of a facility whose head noun is `head`: the words before it in its
        phrase, back to a determiner or a lower-case adjective ("the crowded"), if one of
        them is a name (a capitalised proper noun) and none an actor ("Frontier Corps
        camp" is the Corps' camp, not a place)."""
        if any(c.dep_ == "det" and c.lower_ in ("a", "an", "another") for c in head.lefts):
            return None  # "a Kabul hotel": some hotel in Kabul, not a named place
        start = head.i
        for k in range(head.i - 1, head.left_edge.i - 1, -1):
            tok = self.doc[k]
            if tok.dep_ == "det" or (tok.pos_ == "ADJ" and not tok.text[:1].isupper()):
                break
            start = k
        while start < head.i and (self.doc[start].is_punct or self.doc[start].tag_ == "POS"):
            start += 1
        words = self.doc[start:head.i]
        if not any(t.pos_ == "PROPN" and t.text[:1].isupper() for t in words):
            return None
        for t in words:
            owner = self.entity_of(t.i)
            if (owner is not None and owner.type in ACTOR_TYPES and not self._nameless(t.i)) \
                    or t.ent_type_ in ("NORP", "DATE", "TIME"):
                return None  # "the Jani Khel police station": a name the NER took for a man
        return start, head.i + 1

    def _facility(self, span: tuple[int, int]) -> Entity:
        start, end = span
        words = self.doc[start:end]
        text = words.text
        entity = self.adder.entity(f"facility:{word_key(text)}", text, EntityType.INFRASTRUCTURE)
        self.adder.mention(entity, start, end, take=False)
        # a known place inside the name ("Quetta railway station") keeps its own words
        placed = [i for i in range(start, end) if (e := self.entity_of(i)) is not None and
                  e.type in (EntityType.LOCATION, EntityType.STATE)]
        self.adder.own(entity, max(placed, default=start - 1) + 1, end)
        return entity

    # -- villages and towns ------------------------------------------------------

    def _unknown_place(self, tok: Token) -> Entity | None:
        """A name the pack does not know: one a place noun follows ("Mamund village"), or
        one put inside a known place ("at Kolpur in the Bolan area")."""
        if tok.lemma_.casefold() in self.lex.place_nouns:
            start = tok.i
            while start > 0 and self._nameless(start - 1) and (
                    self._name_word(self.doc[start - 1]) or
                    (self.doc[start - 1].text in "-‐" and start - 1 > 0) or
                    self._name_particle(start - 1)):
                start -= 1
            street = tok.lemma_.casefold() in self.lex.street_nouns
            if street and (tok.text[:1].isupper() or self._linking_road(start, tok)):
                # "the Makran Coastal Highway", "the Quetta-Sibi road": a known place
                while start > 0 and (self._road_name_place(start - 1, tok) or (
                        self.doc[start - 1].text in "-‐–" and start > 1 and
                        self._road_name_place(start - 2, tok))):  # opens the road's
                    start -= 1  # name, which is no place of the deed
                self.in_road_names |= {e.id for i in range(start, tok.i)
                                       for e in [self.entity_of(i)] if e is not None}
            if start < tok.i and self.doc[start].text[:1].isupper() and \
                    self._name_word(self.doc[tok.i - 1]):
                # "Mall Road"; "Satellite Town", "Orangi Town": a capitalised place noun
                # ends the name (not "Shewa village")
                whole = street or (tok.text[:1].isupper() and not tok.is_sent_start and
                                   tok.lower_ in NAME_NOUNS)
                long_road = street and (tok.lemma_.casefold() in LONG_ROADS or
                                        self._linking_road(start, tok))
                place = self._place(start, tok.i + 1 if whole else tok.i)
                if long_road:
                    self.long_roads.add(place.id)  # a town named with it is finer
                return place
            return None
        if tok.dep_ != "pobj" or tok.pos_ != "PROPN" or not tok.text[:1].isupper() or \
                tok.ent_type_ in NOT_PLACE_NER or not self._inside_known_place(tok):
            return None
        start = min([tok.i, *[c.i for c in tok.lefts if c.dep_ == "compound" and
                              c.pos_ == "PROPN" and self.entity_of(c.i) is None]])
        return self._place(start, tok.i + 1)

    def _linking_road(self, start: int, road: Token) -> bool:
        """ "the Quetta-Sibi road", "the Peshawar-Torkham highway": a road named by the two
        places it links, whatever its case."""
        words = self.doc[max(0, start - 3):road.i]
        return any(t.text in "-‐–" and 0 < t.i < road.i and self._road_name_place(t.i - 1, road)
                   for t in words)

    def _road_name_place(self, i: int, road: Token) -> bool:
        """A word of a known place that is a capitalised compound inside a road's name."""
        tok = self.doc[i]
        owner = self.entity_of(i)
        return owner is not None and owner.type == EntityType.LOCATION and \
            owner.pack_id is not None and tok.dep_ == "compound" and tok.pos_ == "PROPN" and \
            tok.text[:1].isupper() and i < tok.head.i <= road.i

    def _name_word(self, tok: Token) -> bool:
        """A word of a place's name: a proper noun, or a capitalised word the tagger took
        for an adjective or a noun ("the Gomal area"), not a nationality ("the Afghan border
        area") nor a sentence's first word."""
        if tok.pos_ == "PROPN":
            return True
        return tok.pos_ in ("ADJ", "NOUN") and tok.text[:1].isupper() and \
            not tok.is_sent_start and tok.ent_type_ not in ("NORP", "DATE", "TIME") and \
            not tok.is_stop

    def _name_particle(self, i: int) -> bool:
        """ "e" in "Dasht-e-Barchi", "ul" in "Kot-ul-Amir": a short particle between
        hyphens, inside a name."""
        tok = self.doc[i]
        return 0 < i < len(self.doc) - 1 and len(tok.text) <= 3 and tok.text.isalpha() and \
            tok.text.islower() and self.doc[i - 1].text in "-‐" and \
            self.doc[i + 1].text in "-‐"

    def _nameless(self, i: int) -> bool:
        """A word no entity of the pack holds: free, or part of a name the statistical NER
        took for a person or an organisation ("Gandi Khankhel village", "Sheikh Maltoon
        town"), which the place noun after it shows to be a place."""
        entity = self.entity_of(i)
        return entity is None or (entity.pack_id is None and entity.type in
                                  (EntityType.PERSON, EntityType.ORGANIZATION,
                                   EntityType.LOCATION))

    def _inside_known_place(self, tok: Token) -> bool:
        """ "Kolpur in the Bolan area", "Bela, Lasbela district", "Wacha Bibi near Datakhel":
        a known place right after the name, behind "in", "near" or a comma."""
        end = min(len(self.doc), tok.i + 1 + CONTAINED_WITHIN)
        tokens = self.doc[tok.i + 1:end]
        # "Tump (Kech, …)"; "at Wacha Bibi near Datakhel": a village by the known town
        if not tokens or tokens[0].lower_ not in INSIDE_OPENERS:
            return False
        for t in tokens[1:]:
            owner = self.entity_of(t.i)
            if owner is not None and (owner.type == EntityType.LOCATION or (
                    owner.type == EntityType.STATE and tokens[0].text == ",")):
                return True  # (a country after a comma: "in Pishin, Iran")
            if t.dep_ not in ("det", "compound", "amod") and not t.is_punct:
                return False
        return False

    def _place(self, start: int, end: int) -> Entity:
        span = self.doc[start:end]
        place = self.adder.entity(f"place:{word_key(span.text)}", span.text,
                                  EntityType.LOCATION)
        self.adder.mention(place, span.start, span.end)
        return place

    # -- order ---------------------------------------------------------------------

    def finest(self, places: list[str]) -> list[str]:
        """Unknown places first, then the known ones whose children are not named too."""
        packs = {p: self.pack_of(p) for p in places}
        ancestors = {a for p in places if packs[p] for a in self.pack.ancestors(packs[p])}
        kept = [p for p in places if packs[p] is None or packs[p] not in ancestors]
        # "Daraban, District Dera Ismail Khan": a name holding a known place's container
        # is that container, not a place inside
        around = {entry.name.casefold() for a in ancestors
                  for entry in [self.pack.get(a)] if entry is not None}
        unknown = [p for p in kept if packs[p] is None and not any(
            name in self.adder.name_of(p).casefold() for name in around)]
        return unknown + [p for p in kept if p not in unknown]


_PACK_PLACES: dict[int, tuple[ActorPack, dict[str, str]]] = {}


def _pack_place_names(pack: ActorPack) -> dict[str, str]:
    """Every name of the pack's places and states, case-folded -> entry id (built once per
    pack; a name two places share names neither)."""
    if id(pack) not in _PACK_PLACES or _PACK_PLACES[id(pack)][0] is not pack:
        names: dict[str, str] = {}
        shared: set[str] = set()
        for entry in pack.of_type(EntityType.LOCATION, EntityType.STATE):
            for name in entry.names():
                key = name.casefold()
                if names.get(key, entry.id) != entry.id:
                    shared.add(key)
                names[key] = entry.id
        _PACK_PLACES[id(pack)] = (pack, {k: v for k, v in names.items() if k not in shared})
    return _PACK_PLACES[id(pack)][1]


__all__ = ["PlaceReader"]
