"""Find the entities of one parsed document: pack names first, then NER, acronyms, noun phrases.

Produces a `DocEntities`: one Entity per actor per document with every mention,
and a token -> entity map that relation extraction reads. Order matters:
actor-pack matches win over NER; acronyms defined in the text ("Central
Reserve Police Force (CRPF)") become aliases; capabilities and populations are
named with the text's own words ("weaponized large drones") and linked to
their taxonomy node.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.attrs import LEMMA, LOWER, ORTH, POS
from spacy.symbols import PROPN
from spacy.tokens import Doc, Span, Token

from threatnet.extract.aliases import AliasMatch, AliasMatcher, is_acronym, word_key
from threatnet.extract.frames import load_frames
from threatnet.extract.name_shapes import NameShapes
from threatnet.extract.places import PlaceCheck
from threatnet.extract.sentences import text_of, tokens_whose
from threatnet.model import Entity, EntityType, Mention
from threatnet.resolve.pack import ActorPack
from threatnet.resources import load_data, word_set

_LEX = "lexicon.yaml"
_OPENING = frozenset({"("})  # an acronym or another script's form is defined in brackets
# pack entries a name of militant shape may swallow: "Tehreek-e-Azadi Jammu Kashmir"
OVERRIDABLE = frozenset({EntityType.LOCATION, EntityType.STATE, EntityType.POPULATION,
                         EntityType.PERSON})
NP_MODIFIERS = {"amod", "compound", "nmod", "hmod", "npadvmod", "nummod", "quantmod"}
# where a bare people noun is one of a clause's arguments ("attacked civilians")
_LEADING_ROLES = frozenset({"leader", "founder", "chief", "head", "emir", "amir",
                            "co-founder"})
_QUANTIFIERS = frozenset({"few", "many", "some", "most", "several", "other", "no", "any",
                          "all", "such"})
_ARGUMENT_DEPS = frozenset({"dobj", "pobj", "nsubj", "nsubjpass", "conj", "appos", "dative"})


@dataclass
class DocEntities:
    """The entities of one document and which tokens mention which entity."""

    entities: list[Entity] = field(default_factory=list)
    token_entity: dict[int, str] = field(default_factory=dict)


class EntityFinder:
    """Builds `DocEntities` for documents parsed by one spaCy pipeline and one actor pack."""

    def __init__(self, pack: ActorPack, matcher: AliasMatcher) -> None:
        self.pack = pack
        self.matcher = matcher
        lex = load_data(_LEX)
        self.population_heads = word_set(_LEX, "population_heads")
        self.named_only_populations = word_set(_LEX, "population_heads_named_only")
        self.event_heads = word_set(_LEX, "event_heads")
        self.np_drop = word_set(_LEX, "np_drop")
        self.person_titles = word_set(_LEX, "person_titles")
        self.title_names = word_set(_LEX, "title_names")
        self.org_heads = word_set(_LEX, "org_heads") | frozenset(
            w for words in lex["org_type_words"].values() for w in words)
        self.ner_stoplist = word_set(_LEX, "ner_stoplist")
        self.calendar_words = word_set(_LEX, "calendar_words")
        self.ner_types = {k: EntityType(v) for k, v in lex["ner_types"].items()}
        self.org_words = {EntityType(k): frozenset(v) for k, v in lex["org_type_words"].items()}
        self._capability_keys = self._taxonomy_keys()
        self._event_keys = sorted(
            ((frozenset(word_key(w) for w in re.split(r"[\s\-']+", name) if w), entry.id)
             for entry in pack.of_type(EntityType.EVENT) for name in entry.names()
             if len(name.split()) >= 2), key=lambda k: -len(k[0]))
        self.verb_lemmas = frozenset(load_frames().verbs)
        self.places = PlaceCheck(pack)
        self.shapes = NameShapes()
        self._owned_heads = self.shapes.faction_heads | self.shapes.whole_group_heads
        self._children: dict[str, list] = {}
        for entry in pack.entries.values():
            if entry.parent and entry.type in (EntityType.ARMED_GROUP,
                                               EntityType.ORGANIZATION):
                self._children.setdefault(entry.parent, []).append(entry)
        self.place_heads = word_set(_LEX, "place_heads")
        self.place_features = word_set(_LEX, "place_features")
        self.role_nouns = word_set(_LEX, "person_role_nouns")
        self.locative_words = word_set(_LEX, "locative_words")
        self.seat_heads = word_set(_LEX, "seat_of_power_heads")
        self.capital_names = frozenset(lex["capital_names"])
        self.generic_body_words = word_set(_LEX, "generic_body_words")
        self._countries: dict[str, str | None] = {}  # pack entry -> its state (_country_of)
        self.place_prefixes = word_set(_LEX, "place_prefixes")
        self.facility_prefixes = word_set(_LEX, "facility_prefixes")
        self._izafat_place_words = self.place_heads | self.place_features
        # a group's names by their words: "Hafiz Gul Bahadur's group" is the pack's
        # "Hafiz Gul Bahadur group"
        self._group_names = {_name_key(name): entry for entry in pack.entries.values()
                             if entry.type in (EntityType.ARMED_GROUP,
                                               EntityType.ORGANIZATION)
                             for name in entry.names()}
        self._person_names = {_name_key(name): entry for entry in pack.of_type(EntityType.PERSON)
                              for name in entry.names()}
        self._place_names = {_name_key(name): entry for entry in pack.of_type(EntityType.LOCATION)
                             for name in entry.names()}

    def _taxonomy_keys(self) -> list[tuple[frozenset[str], str]]:
        """Each capability alias as a bag of word keys, most specific (longest) first."""
        keys = []
        for entry in self.pack.of_type(EntityType.CAPABILITY):
            for name in entry.names():
                words = frozenset(word_key(w) for w in re.split(r"[\s\-]+", name) if w)
                keys.append((words, entry.id))
        return sorted(keys, key=lambda k: -len(k[0]))

    def find(self, doc: Doc) -> DocEntities:
        build = _Builder(doc)
        text = text_of(doc)  # kept on the document (`Doc.text` joins every token anew)
        agencies, cities = self.shapes.datelines(doc, text)
        matches = [m for m in self.matcher.find(doc) if m.start not in agencies]
        unlinked = self.places.unlinked(doc, matches)
        country = self._report_country(matches)
        for m in matches:
            if m.start in unlinked and not (unlinked[m.start] == "name" and
                                            self._prefixed(doc, m.start) == "place"):
                self._add_own_place(build, doc, m, unlinked[m.start])
            else:
                self._add_pack_match(build, doc, m, country)
        self._add_elided_places(build, doc, matches)
        self._add_dossier(build, doc, text)
        for start, end in cities:  # "DASU, Pakistan (AP) —": the city is a place
            if all(i not in build.taken for i in range(start, end)):
                name = doc[start:end].text.title()
                build.mention(f"new:location:{word_key(name)}", name, EntityType.LOCATION,
                              start, end)
        self._add_shaped_names(build, doc, text)
        self._add_populations(build, doc)
        self._add_events(build, doc)
        self._add_izafat_names(build, doc, text)  # before the NER cuts them ("Haq Afridi")
        self._add_prefixed_places(build, doc)  # before the NER makes "Tehsil Bara" a person
        self._add_ner(build, doc, agencies)
        for span in self.places.named_places(doc, set(build.taken)):
            key = f"new:location:{word_key(span.text)}"
            build.mention(key, span.text, EntityType.LOCATION, span.start, span.end)
            featured = self.places.feature_after(span)
            if featured:  # "Mamund valley": the valley's own name too
                build.alias(key, featured)
        for span in self.places.featured_places(doc, set(build.taken)):
            build.mention(f"new:location:{word_key(span.text)}", span.text,
                          EntityType.LOCATION, span.start, span.end)
        self._add_acronyms(build, doc, agencies)
        self._add_missed_persons(build, doc, text)
        self._add_running_aliases(build, doc, text)
        self._add_surnames(build, doc)
        if "'s" in text or "’s" in text:
            self._add_possessive_factions(build, doc)
        self._add_local_branches(build, doc, country)
        return build.finish()

    # -- pack names ---------------------------------------------------------

    def _add_pack_match(self, build: _Builder, doc: Doc, m: AliasMatch,
                        country: str | None = None) -> None:
        entry = self.pack.entries[m.entry_id]
        if entry.type == EntityType.GOVERNMENT_BODY and \
                self._foreign_body(doc[m.start:m.end], entry, country):
            span = doc[m.start:m.end]  # "the interior ministry" of an Afghan story
            build.mention(f"new:{EntityType.GOVERNMENT_BODY}:{word_key(span.text)}",
                          span.text, EntityType.GOVERNMENT_BODY, m.start, m.end)
            return
        if entry.type == EntityType.CAPABILITY:
            self._add_capability(build, doc, m)
            return
        if entry.type == EntityType.ARMED_GROUP:
            start = self.shapes.movement(doc, m.start, m.end, build.type_at,
                                         lambda i: build.type_at(i) == EntityType.STATE)
            if start is not None:  # "the Punjabi Taliban": a movement of its own
                self._add_shaped(build, doc, start, m.end, EntityType.ARMED_GROUP)
                return
        if entry.type == EntityType.PERSON and self.shapes.kunya_before(doc, m.start):
            return  # "Abu Omar Khorasani" is not the pack's Umar Khorasani
        if entry.type == EntityType.STATE and self._capital_as_place(doc, m):
            name = doc[m.start:m.end].text
            build.mention(f"new:location:{word_key(name)}", name, EntityType.LOCATION,
                          m.start, m.end)
            return
        key = f"pack:{entry.id}"
        build.mention(key, entry.name, entry.type, m.start, m.end, pack_id=entry.id,
                      aliases=entry.names())

    def _capital_as_place(self, doc: Doc, m: AliasMatch) -> bool:
        """ "a blast in Islamabad", "the outskirts of Tehran": a state's capital written as a
        place is the city, while "Islamabad says" and "the government in Islamabad" stay
        the state."""
        if doc[m.start:m.end].text not in self.capital_names:
            return False
        head = doc[m.start:m.end].root
        prep = head.head
        if head.dep_ in ("compound", "poss"):
            return prep.lemma_.casefold() in self._izafat_place_words
        if head.dep_ != "pobj":
            return False
        word = prep.lower_
        if word == "of" and {prep.head.lemma_.casefold(), prep.head.lower_} & self.locative_words:
            return True
        # the noun the preposition follows, whatever the parser hung it on ("overthrow the
        # government in Tashkent" attaches "in" to the verb)
        before = doc[prep.i - 1] if prep.i > 0 else prep
        if word not in self.locative_words or \
                {prep.head.lemma_.casefold(), prep.head.lower_, before.lemma_.casefold(),
                 before.lower_} & self.seat_heads:
            return False
        return True

    def _add_elided_places(self, build: _Builder, doc: Doc, matches: list[AliasMatch]) -> None:
        """ "North and South Waziristan", "Upper or Lower Dir": the first word of a pair
        whose shared words are written once names the pack place it makes with them."""
        for m in matches:
            entry = self.pack.entries[m.entry_id]
            if entry.type != EntityType.LOCATION or m.end - m.start < 2 or m.start < 2 or \
                    doc[m.start - 1].lower_ not in ("and", "or", "&"):
                continue
            first = doc[m.start - 2]
            if first.i in build.taken or not first.is_alpha or not first.text[:1].isupper():
                continue
            name = " ".join([first.text, *(t.text for t in doc[m.start + 1:m.end])])
            other = self._place_names.get(_name_key(name))
            if other is None or other.id == entry.id:
                continue
            build.mention(f"pack:{other.id}", other.name, other.type, first.i, first.i + 1,
                          pack_id=other.id, aliases=other.names())

    # -- the person a dossier is about ---------------------------------------------

    def _add_dossier(self, build: _Builder, doc: Doc, text: str) -> None:
        """ "Subject: SAJID MIR (also known as Sajid Majeed)" … "the subject testified":
        the person a dossier header names, the other names it gives them, and, after it,
        "the subject", "the designee", "the accused" as mentions of that person."""
        headers = self.shapes.dossier_headers(doc, text)
        subjects: list[tuple[int, str | None]] = []  # header start -> its person's key
        current = None
        for header in headers:
            if header.person is not None:
                current = self._dossier_person(build, doc, *header.person)
                subjects.append((header.person[0], current))
            if current is None:
                continue
            for start, end in header.aliases:
                if any(not build.is_guess(i) and build.entity_at(i) != current
                       for i in range(start, end)):
                    continue  # a pack name of someone else
                build.release(start, end)
                build.mention(current, "", EntityType.PERSON, start, end)
        if not subjects:
            return
        starts = [i for i, _ in subjects]
        for i in tokens_whose(doc, LOWER, self.shapes.dossier_nouns):
            tok = doc[i]
            if i in build.taken or i < starts[0] or tok.tag_ in ("NNS", "NNP", "NNPS") or \
                    tok.dep_ not in _ARGUMENT_DEPS:
                continue  # ("the accused" may be parsed as a participle)
            lefts = list(tok.lefts)
            if [c.lower_ for c in lefts if c.dep_ == "det"] != ["the"] or \
                    any(c.dep_ not in ("det", "amod") for c in lefts) or \
                    any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.rights):
                continue  # "the subject of the talks", "a co-accused", "the accused men"
            key = subjects[bisect_right(starts, i) - 1][1]
            if key is not None:
                build.mention(key, "", EntityType.PERSON, i, i + 1, is_name=False)

    def _dossier_person(self, build: _Builder, doc: Doc, start: int, end: int) -> str | None:
        """The person entity of a header's name ("SAJID MIR" is Sajid Mir): the pack's when
        it knows the name; None when the name is the pack's name of something else."""
        keys = {build.entity_at(i) for i in range(start, end)}
        if len(keys) == 1 and None not in keys and not build.is_guess(start):
            key = keys.pop()
            return key if build.types.get(key) == EntityType.PERSON else None
        if any(not build.is_guess(i) for i in range(start, end)):
            return None
        span = doc[start:end]
        name = span.text.title() if span.text.isupper() else span.text
        entry = self._person_names.get(_name_key(name))
        build.release(start, end)
        if entry is not None:
            key = f"pack:{entry.id}"
            build.mention(key, entry.name, entry.type, start, end, pack_id=entry.id,
                          aliases=entry.names())
            return key
        key = f"new:person:{word_key(name)}"
        build.mention(key, name, EntityType.PERSON, start, end)
        return key

    # -- names the pack does not know, by their shape -----------------------------

    def _add_shaped_names(self, build: _Builder, doc: Doc, text: str) -> None:
        """Militant names ("Jaish-e-Fursan-e-Muhammad") and factions named after a person
        or a place ("the Sajna faction"); the pack's own actors stay first."""
        for shaped in self.shapes.militant_names(doc, text):
            if all(build.is_guess(i) or build.type_at(i) in OVERRIDABLE
                   for i in range(shaped.start, shaped.end)):
                self._add_shaped(build, doc, shaped.start, shaped.end, shaped.type)
        for shaped in self.shapes.state_bodies_of(doc, text, build.type_at):
            self._add_shaped(build, doc, shaped.start, shaped.end, shaped.type)

        def pack(i: int) -> bool:
            return not build.is_guess(i)

        for shaped in self.shapes.factions(doc, text, build.type_at, pack):
            branch = self._known_branch(build, doc, shaped.start, shaped.end)
            if branch is not None:  # "the Islamic State's Khorasan branch": the pack's ISKP
                build.release(shaped.start, shaped.end)
                build.mention(f"pack:{branch.id}", branch.name, branch.type, shaped.start,
                              shaped.end, pack_id=branch.id, aliases=branch.names())
                continue
            if shaped.branch_only:
                continue
            earlier = self._named_branch(build, doc, shaped.start, shaped.end)
            if earlier is not None:  # "the Khorasan branch" again, its owner unnamed now
                build.release(shaped.start, shaped.end)
                build.mention(f"pack:{earlier.id}", earlier.name, earlier.type, shaped.start,
                              shaped.end, pack_id=earlier.id, aliases=earlier.names())
                continue
            etype = shaped.type
            owners = {build.type_at(i) for i in self._owner_tokens(doc, shaped.start,
                                                                   shaped.end)}
            if EntityType.ARMED_GROUP in owners:
                etype = EntityType.ARMED_GROUP
            elif owners & {EntityType.ORGANIZATION, EntityType.GOVERNMENT_BODY}:
                etype = EntityType.ORGANIZATION  # "the Punjab chapter of the party"
            named = {build.entity_at(i) for i in range(shaped.start, shaped.end - 1)}
            if etype == EntityType.ARMED_GROUP and len(named) == 1 and \
                    build.type_at(shaped.start) == EntityType.PERSON:
                # "the Hafiz Gul Bahadur group": the person keeps their name and the group
                # is mentioned by its noun, as in "Hafiz Gul Bahadur's group"
                name = doc[shaped.start:shaped.end].text
                build.mention(f"new:{etype}:{word_key(name)}", name, etype, shaped.end - 1,
                              shaped.end)
                continue
            self._add_shaped(build, doc, shaped.start, shaped.end, etype)

    def _add_possessive_factions(self, build: _Builder, doc: Doc) -> None:
        """ "Hafiz Gul Bahadur's group", "Fazlullah's faction": a faction noun owned by a
        person is the group named after them (the pack's, when it knows "<name> group", or
        the one group the pack says they led: "Mangal Bagh's outfit"), mentioned by the
        noun; the person keeps their own mention."""
        for i in tokens_whose(doc, LOWER, self._owned_heads):
            head = doc[i]
            if i in build.taken or i < 2 or doc[i - 1].lower_ not in ("'s", "’s") or \
                    head.pos_ != "NOUN":
                continue
            owner = build.entity_at(i - 2)
            if owner is None or build.types.get(owner) != EntityType.PERSON:
                continue
            person = build.by_key[owner]
            names = [person.name, *person.aliases]
            entry = next((self._group_names[k] for n in names
                          for k in [_name_key(f"{n} {head.lower_}")] if k in self._group_names),
                         None) or self._led_group(person.pack_id, head)
            if entry is not None:
                build.mention(f"pack:{entry.id}", entry.name, entry.type, i, i + 1,
                              pack_id=entry.id, aliases=entry.names())
                continue
            if head.lower_ not in self.shapes.faction_heads:
                continue  # "Imran Khan's movement": no faction of a known shape
            name = f"{person.name} {head.lower_}"
            build.mention(f"new:{EntityType.ARMED_GROUP}:{_name_key(name)}", name,
                          EntityType.ARMED_GROUP, i, i + 1)

    def _add_local_branches(self, build: _Builder, doc: Doc, country: str | None) -> None:
        """ "the Islamic State's local affiliate", "the regional branch of the Islamic
        State", "the Islamic State affiliate": the owner's one branch the pack places (by
        its region) in the country the report is mostly about; nothing when there is no
        such one branch."""
        for i in tokens_whose(doc, LOWER, self.shapes.local_branch_heads):
            head = doc[i]
            if i in build.taken or head.pos_ != "NOUN":
                continue
            local_words = [c for c in head.lefts if c.dep_ == "amod" and
                           c.lower_ in self.shapes.local_branch_words]
            local = bool(local_words)
            owners = [build.entity_at(t) for t in self._owner_tokens(doc, i, i + 1)] + \
                [build.entity_at(c.i) for c in head.lefts if c.dep_ == "poss"]
            if not local:  # "the Islamic State affiliate": the owner as the modifier
                owners = [build.entity_at(c.i) for c in head.lefts if c.dep_ == "compound"]
                if not owners or head.lower_ not in self.shapes.owner_branch_heads:
                    continue
            groups = {o for o in owners if o and build.types.get(o) == EntityType.ARMED_GROUP
                      and build.by_key[o].pack_id in self._children}
            if len(groups) != 1:
                continue
            owner = build.by_key[groups.pop()].pack_id
            branches = [c for c in self._children[owner]
                        if country and self._country_of(c) == country]
            if len(branches) == 1:
                branch = branches[0]
                start = min([c.i for c in local_words] + [i])
                build.mention(f"pack:{branch.id}", branch.name, branch.type, start, i + 1,
                              pack_id=branch.id, aliases=branch.names())

    def _country_of(self, entry) -> str | None:
        """The state a pack entry's place (or its region) lies in (worked out once per
        entry)."""
        if entry.id in self._countries:
            return self._countries[entry.id]
        place = self._place_names.get(_name_key(entry.region)) if entry.region else entry
        found = None
        for pid in [place.id, *self.pack.ancestors(place.id)] if place is not None else []:
            found = self.pack.get(pid)
            if found is not None and found.type == EntityType.STATE:
                break
            found = None
        self._countries[entry.id] = found.id if found is not None else None
        return self._countries[entry.id]

    def _report_country(self, matches: list[AliasMatch]) -> str | None:
        """The state most of the report's pack places and states are in (more than half
        of their names)."""
        counts: dict[str, int] = {}
        for m in matches:
            entry = self.pack.entries[m.entry_id]
            if entry.type in (EntityType.STATE, EntityType.LOCATION):
                state = self._country_of(entry)
                if state is not None:
                    counts[state] = counts.get(state, 0) + 1
        best = max(counts, key=counts.get, default=None)
        return best if best is not None and counts[best] * 2 > sum(counts.values()) else None

    def _foreign_body(self, span: Span, entry, country: str | None) -> bool:
        """A state body the text names only with words every state's bodies have ("the
        interior ministry") in a report about another country: not the pack's body of that
        state, which the pack gives the bare name ("the Frontier Corps" stays Pakistan's)."""
        state = self._country_of(entry)
        return country is not None and state is not None and state != country and \
            all(t.lower_ in self.generic_body_words for t in span if t.is_alpha)

    def _led_group(self, person_id: str | None, head: Token):
        """The one group the pack says a person led or founded, for a noun that names a
        whole group ("Mangal Bagh's outfit"), not a part ("Fazlullah's faction")."""
        person = self.pack.get(person_id) if person_id else None
        if person is None or head.lower_ not in self.shapes.whole_group_heads:
            return None
        led = {r.org for r in person.roles if r.role in _LEADING_ROLES}
        groups = [g for g in (self.pack.get(o) for o in led) if g is not None and
                  g.type in (EntityType.ARMED_GROUP, EntityType.ORGANIZATION)]
        return groups[0] if len(groups) == 1 else None

    def _named_branch(self, build: _Builder, doc: Doc, start: int, end: int):
        """The one pack group of this report a phrase's words are part of a name of: "the
        Khorasan branch" after "the Khorasan branch of Daesh" or "the Khorasan Chapter of
        the Islamic State"."""
        words = {word_key(t.text) for t in doc[start:end] if t.is_alpha}
        found = set()
        for key in build.pack_groups():
            entity = build.by_key[key]
            if not entity.mentions:
                continue
            for name in [entity.name, *entity.aliases]:
                if words <= {word_key(w) for w in re.split(r"[\s\-']+", name) if w}:
                    found.add(entity.pack_id)
                    break
        return self.pack.get(found.pop()) if len(found) == 1 else None

    @staticmethod
    def _owner_tokens(doc: Doc, start: int, end: int) -> list[int]:
        """Where a faction phrase's owner is written: "X's Khorasan branch", "the Khorasan
        branch of X"."""
        out = []
        if start >= 2 and doc[start - 1].lower_ in ("'s", "’s"):
            out.append(start - 2)
        for prep in doc[end - 1].rights:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                out += [c.i for c in prep.children if c.dep_ == "pobj"]
        return out

    def _known_branch(self, build: _Builder, doc: Doc, start: int, end: int):
        """The pack's branch a faction phrase names: a pack group's child whose name holds
        the phrase's name words, the group written as the phrase's owner ("the Islamic
        State's Khorasan branch") or after "of" ("the Khorasan branch of Daesh")."""
        owners = [build.entity_at(i) for i in self._owner_tokens(doc, start, end)]
        words = {word_key(t.text) for t in doc[start:end - 1] if t.is_alpha}
        for owner in owners:
            entity = build.by_key.get(owner) if owner else None
            if entity is None or entity.pack_id is None:
                continue
            for child in self._children.get(entity.pack_id, ()):
                if any(words <= {word_key(w) for w in re.split(r"[\s\-']+", name) if w}
                       for name in child.names()):
                    return child
        return None

    @staticmethod
    def _add_shaped(build: _Builder, doc: Doc, start: int, end: int,
                    etype: EntityType) -> None:
        span = doc[start:end]
        build.release(start, end)
        build.mention(f"new:{etype}:{word_key(span.text)}", span.text, etype, start, end)

    @staticmethod
    def _add_own_place(build: _Builder, doc: Doc, m: AliasMatch, why: str) -> None:
        """A pack name the text uses for another place (or, a demonym, for none)."""
        if why in ("demonym", "person"):
            return  # the NER names the person
        start = m.start
        while why == "name" and start > 0 and doc[start - 1].pos_ == "PROPN" and \
                doc[start - 1].dep_ in ("compound", "nmod") and start - 1 not in build.taken:
            start -= 1  # "Sheikh Kot"
        if any(e.label_ == "PERSON" and e.start <= start and e.end >= m.end for e in doc.ents):
            return  # "Sarbakaf Mohmand": a person, named by the NER later
        span = doc[start:m.end]
        build.mention(f"new:location:{word_key(span.text)}", span.text, EntityType.LOCATION,
                      span.start, span.end)

    def _add_capability(self, build: _Builder, doc: Doc, m: AliasMatch) -> None:
        head = doc[m.end - 1]
        if head.dep_ == "compound" and head.head.pos_ in ("NOUN", "PROPN") and \
                head.head.i >= m.end:
            if head.head.lower_ in self.event_heads:
                return  # "a drone strike" names an attack, not something possessed
            head = head.head  # "drone parts", "UAV technology"
        start = self._np_start(head, floor=min(m.start, head.i))
        while start < m.start and start in build.taken:
            start += 1  # "US drone": the state is not part of the capability
        gov = head.head
        if gov.i == start - 1 and gov.dep_ in ("acomp", "amod") and gov.tag_ == "VBN" and \
                gov.lemma_.casefold() not in self.verb_lemmas:
            start = gov.i  # "weaponized large drones" parsed as a participle and its object
        span = doc[start:head.i + 1]
        words = frozenset(word_key(t.text) for t in span if not t.is_punct)
        kind = next((eid for keys, eid in self._capability_keys if keys <= words), m.entry_id)
        bare = len(span) == 1  # "drones", "Dushka": the capability named just before
        earlier = build.latest_capability(kind, self.pack) if bare else None
        if earlier is not None:
            build.mention(earlier, "", EntityType.CAPABILITY, span.start, span.end)
            return
        name = span.text
        key = "cap:" + " ".join(word_key(t.text) for t in span if not t.is_punct)
        build.mention(key, name, EntityType.CAPABILITY, span.start, span.end, kind=kind)

    def _np_start(self, head: Token, floor: int) -> int:
        """First token of the modifiers to the left of `head` that belong in its name."""
        start = head.i
        for tok in reversed(list(head.lefts)):
            if tok.i != start - 1 and not (tok.i < start and
                                           all(t.is_punct for t in head.doc[tok.i + 1:start])):
                break
            if tok.dep_ not in NP_MODIFIERS and not (tok.dep_ == "punct" and tok.text in "-‐"):
                break
            if tok.lower_ in self.np_drop or tok.like_num:
                break
            start = min(t.i for t in tok.subtree) if tok.dep_ in ("amod", "compound") else tok.i
            if head.doc[start].lower_ in self.np_drop:
                start = tok.i
        return min(start, floor)

    # -- populations by pattern -----------------------------------------------

    def _add_populations(self, build: _Builder, doc: Doc) -> None:
        """A people noun with a national or ethnic modifier: "Chinese engineers"."""
        for i in tokens_whose(doc, LEMMA, self.population_heads, casefold=True):
            tok = doc[i]
            if tok.i in build.taken:
                continue
            mods = [c for c in tok.lefts if c.dep_ in ("amod", "compound", "nmod")
                    and (c.ent_type_ == "NORP" or c.i in build.taken) and c.text[:1].isupper()]
            # "Tajik and Uzbek communities": the conjoined adjective too
            mods += [g for c in mods for g in c.children if g.dep_ == "conj" and
                     (g.ent_type_ == "NORP" or g.i in build.taken) and g.text[:1].isupper()]
            if not mods:
                self._add_bare_population(build, tok)
                continue
            start = min(c.i for c in mods)
            span = doc[start:tok.i + 1]
            kinds = {build.type_at(i) for i in range(span.start, span.end)} - {None}
            if kinds - {EntityType.STATE, EntityType.POPULATION}:
                continue
            known = [build.entity_at(c.i) for c in mods
                     if build.type_at(c.i) == EntityType.POPULATION]
            build.release(span.start, span.end)
            if known:  # "Hazara pilgrims": the pack's Hazaras, named more closely
                build.mention(known[0], "", EntityType.POPULATION, span.start, span.end)
                continue
            key = "pop:" + " ".join(word_key(t.text) for t in span)
            build.mention(key, span.text, EntityType.POPULATION, span.start, span.end)

    def _add_bare_population(self, build: _Builder, tok: Token) -> None:
        """ "civilians", "religious minorities", "the passengers": a plural people noun that
        is a clause's argument names the people a report speaks of, with its lower-case
        modifiers ("migrant workers"); a modifier that names an entity, a count or a
        singular ("a civilian") makes no population."""
        if tok.tag_ != "NNS" or tok.dep_ not in _ARGUMENT_DEPS or not tok.text.islower() or \
                tok.lemma_.casefold() in self.named_only_populations:
            return
        if any(c.dep_ in ("det", "amod") and c.lower_ in _QUANTIFIERS for c in tok.lefts):
            return  # "few communities", "many civilians": a generality, no one in particular
        start = tok.i
        for mod in reversed(list(tok.lefts)):
            if mod.i != start - 1 or mod.dep_ not in ("amod", "compound") or \
                    not mod.is_alpha or not mod.text.islower() or \
                    mod.lower_ in self.np_drop or mod.i in build.taken:
                break
            start = mod.i
        span = tok.doc[start:tok.i + 1]
        key = "pop:" + " ".join(word_key(t.lemma_) for t in span)
        build.mention(key, span.text, EntityType.POPULATION, span.start, span.end)

    # -- named attacks by pattern ------------------------------------------------

    def _add_events(self, build: _Builder, doc: Doc) -> None:
        """An attack noun with a proper-name modifier: "the Bisham attack"; or a known
        attack described in other words: "the 2014 attack on Karachi's airport"."""
        for i in tokens_whose(doc, LOWER, self.event_heads):
            tok = doc[i]
            if tok.i in build.taken:
                continue
            if self._add_known_event(build, tok):
                continue
            mods = [c for c in tok.lefts if c.dep_ in ("compound", "amod", "nmod")
                    and c.pos_ == "PROPN" and c.text[:1].isupper() and c.ent_type_ != "DATE"]
            mods = [c for c in mods if build.type_at(c.i) in (None, EntityType.LOCATION)]
            if not mods:
                continue
            start = min(c.i for c in mods)
            span = doc[start:tok.i + 1]
            build.release(span.start, span.end)
            key = "event:" + " ".join(word_key(t.text) for t in span)
            build.mention(key, span.text, EntityType.EVENT, span.start, span.end)

    def _add_known_event(self, build: _Builder, head: Token) -> bool:
        parts = [t for t in head.lefts if t.dep_ in ("compound", "amod", "nmod", "nummod")]
        parts += [p for c in head.rights if c.dep_ == "prep" and c.lower_ in ("on", "in", "at")
                  for p in c.subtree]
        words = {word_key(t.text) for t in [head, *parts] if not t.is_punct}
        entry = next((eid for keys, eid in self._event_keys if keys <= words), None)
        if entry is None:
            return False
        span_tokens = [head, *parts]
        start, end = min(t.i for t in span_tokens), max(t.i for t in span_tokens) + 1
        if any(not build.is_guess(i) and build.type_at(i) == EntityType.EVENT
               for i in range(start, end)):
            return False
        event = self.pack.entries[entry]
        build.mention(f"pack:{entry}", event.name, EntityType.EVENT, head.i, head.i + 1,
                      pack_id=entry, aliases=event.names())
        return True

    # -- statistical NER for names the pack does not know ---------------------

    def _add_ner(self, build: _Builder, doc: Doc, agencies: set[int]) -> None:
        for ent in doc.ents:
            etype = self.ner_types.get(ent.label_)
            if agencies.intersection(range(ent.start, ent.end)):
                continue  # "TURBAT (AFP):": the agency is no actor of the story
            if etype == EntityType.ORGANIZATION and self._add_org_over_place(build, ent):
                continue
            if etype is None or any(i in build.taken for i in range(ent.start, ent.end)):
                continue
            span = self._clean_span(ent)
            if span is None or span.text.casefold() in self.ner_stoplist:
                continue
            if self._add_prefixed(build, span):
                continue
            if all(t.lower_ in self.calendar_words for t in span if t.is_alpha):
                continue  # "Easter Sunday", "Ashura": a day, not a place
            if _whole_line(span) or self.shapes.is_kicker(span):
                continue  # a heading ("Background", "OPINION |") names nothing
            if self.shapes.is_job_title(span):
                continue  # "Chargé d'Affaires"
            kind = self.places.ner_kind(span)
            if kind == "title" and etype != EntityType.PERSON:
                continue  # "the District Police Officer" is a job, not "District Police"
            shaped = self.shapes.org_by_shape(span)
            if shaped is not None and etype != EntityType.ORGANIZATION:
                etype = shaped  # "Baloch Liberation Tigers" is no person or place
            elif etype in (EntityType.PERSON, EntityType.ORGANIZATION) and (
                    kind == "place" or self.shapes.place_by_ending(span) or
                    self.shapes.place_by_context(span, self.place_heads)):
                etype = EntityType.LOCATION  # "Mamund village", "Mir Kalam Kalay"
                span = self._with_name_words(build, span)
            if etype == EntityType.PERSON:
                # "under Mukarram [Khan]": the given names the NER left off, not a title
                span = self._with_name_words(build, span, stop=self.person_titles)
                self._add_person(build, span, ent)
                continue
            if etype == EntityType.ORGANIZATION:
                etype = shaped or self._org_type(span)
                if len(span) == 1 and not is_acronym(span.text):
                    continue  # "Army", "Defense": a common noun tagged ORG
            if not span.text[:1].isupper():
                continue
            if span.root.dep_ in ("compound", "amod") and span.root.head.pos_ == "NOUN" and \
                    span.root.head.i >= span.end:
                continue  # adjectival use: "Baloch separatist groups"
            key = f"new:{etype}:{word_key(span.text)}"
            build.mention(key, span.text, etype, span.start, span.end)
            featured = self.places.feature_after(span) if etype == EntityType.LOCATION \
                else None
            if featured:  # "the Mamund valley": the valley's own name too
                build.alias(key, featured)

    def _prefixed(self, doc: Doc, start: int) -> str | None:
        """ "place" or "facility" when the unit word before token `start` ("Distt",
        "tehsil", "PS", "Police Station") says what the name after it is."""
        for words, kind in ((2, "facility"), (1, "facility"), (1, "place")):
            if start >= words:
                unit = " ".join(t.lower_ for t in doc[start - words:start])
                if unit in (self.facility_prefixes if kind == "facility"
                            else self.place_prefixes):
                    return kind
        return None

    def _add_prefixed(self, build: _Builder, span: Span) -> bool:
        """A name the NER took with its facility word: "PS Burgai" is a police station.
        False when the span opens with no such word."""
        doc = span.doc
        for cut in (2, 1):
            if len(span) <= cut or not span[cut].text[:1].isupper():
                continue
            kind = self._prefixed(doc, span.start + cut)
            if kind == "facility":
                key = f"new:{EntityType.INFRASTRUCTURE}:{word_key(span.text)}"
                build.mention(key, span.text, EntityType.INFRASTRUCTURE, span.start, span.end)
                return True
        return False

    def _add_prefixed_places(self, build: _Builder, doc: Doc) -> None:
        """ "District Lakki Marwat", "tehsil Khar", "village Shakai": the capitalised name
        after a unit word is a place (the pack's, when it knows the name), the unit word
        no part of it."""
        for i in tokens_whose(doc, LOWER, self.place_prefixes):
            start = end = i + 1
            while end < len(doc) and end - start < 4 and end not in build.taken and \
                    doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper():
                end += 1
            if end == start or (end < len(doc) and doc[end].lower_ in self.place_heads):
                continue  # nothing named, or "District Police Officer"-like titles
            name = doc[start:end]
            if self.shapes.is_job_title(name):
                continue
            entry = self._place_names.get(_name_key(name.text))
            if entry is not None:
                build.mention(f"pack:{entry.id}", entry.name, entry.type, start, end,
                              pack_id=entry.id, aliases=entry.names())
            else:
                build.mention(f"new:location:{word_key(name.text)}", name.text,
                              EntityType.LOCATION, start, end)

    @staticmethod
    def _with_name_words(build: _Builder, span: Span,
                         stop: frozenset[str] = frozenset()) -> Span:
        """A name with the capitalised words before it that the NER left off ("Mir" of
        "Mir Kalam Kalay"), up to a word of `stop`."""
        doc, start = span.doc, span.start
        while start > 0 and doc[start - 1].pos_ == "PROPN" and \
                doc[start - 1].lower_ not in stop and \
                doc[start - 1].text[:1].isupper() and build.is_guess(start - 1) and \
                doc[start - 1].i not in build.taken and not doc[start].is_sent_start and \
                span.start <= doc[start - 1].head.i < span.end:
            start -= 1
        return doc[start:span.end]

    def _add_org_over_place(self, build: _Builder, ent: Span) -> bool:
        """ "the Balochistan Bar Association", "the Pakistan Peoples Party": an organisation
        the NER names over a place the pack knows at its edge, when its own words say it is
        an organisation (a word of `org_heads` or `org_type_words`)."""
        span = self._clean_span(ent)
        if span is None or len(span) < 2:
            return False
        inside = [t.i for t in span if build.entity_at(t.i) is not None]
        taken = {build.entity_at(i) for i in inside}
        if len(taken) != 1 or build.is_guess(inside[0]):
            return False
        if build.types.get(taken.pop()) not in (EntityType.STATE, EntityType.LOCATION):
            return False
        at_edge = inside[0] == span.start or inside[-1] == span.end - 1
        own = [t for t in span if build.entity_at(t.i) is None and t.is_alpha]
        shaped = self.shapes.org_by_shape(span)  # "the Kashmir Tigers"
        if not at_edge or not own or not (shaped or any(t.lower_ in self.org_heads
                                                        for t in own)):
            return False
        etype = shaped or self._org_type(span)
        build.release(span.start, span.end)
        build.mention(f"new:{etype}:{word_key(span.text)}", span.text, etype, span.start,
                      span.end)
        return True

    def _clean_span(self, ent: Span) -> Span | None:
        doc, start, end = ent.doc, ent.start, ent.end
        while start < end and (doc[start].lower_ in self.np_drop or doc[start].is_punct):
            start += 1
        bracket = next((i for i in range(start, end) if doc[i].text in "([{"), None)
        if bracket is not None:
            end = bracket  # "Zarghun Liberation Front (ZLF": the acronym is an alias, later
        while end > start and (doc[end - 1].dep_ == "case" or doc[end - 1].is_punct):
            end -= 1
        span = doc[start:end]
        if not span or not any(c.isalpha() for c in span.text) or span.text.islower():
            return None
        if not span.text.isascii() and not span.text[:1].isascii():
            return None  # Urdu script is matched through the pack, not English NER
        return span

    def _org_type(self, span: Span) -> EntityType:
        words = {t.lower_ for t in span}
        for etype in (EntityType.GOVERNMENT_BODY, EntityType.ARMED_GROUP):
            if words & self.org_words[etype]:
                return etype
        return EntityType.ORGANIZATION

    def _add_person(self, build: _Builder, span: Span, ent: Span) -> None:
        start = span.start
        while start < span.end - 1 and span.doc[start].lower_ in self.person_titles:
            start += 1
        if start == span.end - 1 and start > span.start and \
                span.doc[start - 1].lower_ in self.title_names:
            start -= 1  # "Amir Rana": the given name, not the title
        while span.doc[start].lower_ in self.shapes.honorifics and (
                len(span.doc[start + 1:span.end].text.split()) >= 2 or
                len(span.doc[start + 1:span.end]) >= 5):  # "Sami-ul-Haq" is a whole name
            start += 1  # "Maulana Abdul Aziz": the name without the cleric's title
        name_span = span.doc[start:span.end]
        titled = self._titled(name_span)
        words = name_span.text.split()
        known = build.surname_owner(words[0], before=name_span.start) if len(words) == 1 \
            else build.person_with_words(words)
        if known is not None:
            build.mention(known, "", EntityType.PERSON, name_span.start, name_span.end)
        elif len(words) >= 2 or len(name_span) >= 5:  # "Sami-ul-Haq" is a whole name
            known = f"new:person:{word_key(name_span.text)}"
            build.mention(known, name_span.text, EntityType.PERSON, name_span.start,
                          name_span.end, aliases=[ent.text])
        if known is not None and titled:
            build.alias(known, titled)  # "Sheikh Muhammad Adil", "Mufti Noor Wali Mehsud"

    def _titled(self, name: Span) -> str | None:
        """The name with the cleric's or scholar's title written right before it ("Qari",
        "Mufti", "Sheikh"), as one more way the report writes it; a job title ("Commander",
        "General") is no part of any name."""
        doc = name.doc
        at = name.start - 1
        if at < 0 or not doc[at].text[:1].isupper() or \
                doc[at].lower_ not in self.shapes.name_titles:
            return None
        return f"{doc[at].text} {name.text}"

    def _add_missed_persons(self, build: _Builder, doc: Doc, text: str) -> None:
        """Persons the NER left out, by the shape of their names ("under Mukarram Khan");
        not before a place noun or a job title ("Rahim Yar Khan district")."""
        for shaped in self.shapes.missed_persons(doc, text, lambda i: i in build.taken):
            span = doc[shaped.start:shaped.end]
            if _whole_line(span) or self.places.ner_kind(span) is not None or \
                    self.shapes.place_by_context(span, self.place_heads):
                continue
            self._add_person(build, span, span)

    def _add_running_aliases(self, build: _Builder, doc: Doc, text: str) -> None:
        """ "Najmiddin Jalolov (alias Abu Yahya Muhammad Fatih)", "Qari Hussain Mehsud, also
        known as Ustad-e-Fidayeen": one person under both names, the first written the
        name; whatever the other name was taken for (a second person, "Fidayeen" as a
        tactic) gives way."""
        for found in self.shapes.running_alias.finditer(text):
            other = doc.char_span(found.start("other"), found.end("other"),
                                  alignment_mode="expand")
            opener = doc.char_span(found.start(), found.start() + 1, alignment_mode="expand")
            if other is None or opener is None or opener.start == 0:
                continue
            key = build.entity_at(opener.start - 1)
            if key is None:
                key = self._unnamed_person_before(build, doc, opener.start)
            if key is None or build.types.get(key) != EntityType.PERSON:
                continue
            for taken in {build.entity_at(i) for i in range(other.start, other.end)} - {None}:
                if taken != key and build.types[taken] == EntityType.PERSON and \
                        build.by_key[taken].pack_id is None:
                    build.merge(key, taken)  # the alias was taken for a second person
            build.release(other.start, other.end)
            build.mention(key, "", EntityType.PERSON, other.start, other.end)

    def _unnamed_person_before(self, build: _Builder, doc: Doc, end: int) -> str | None:
        """The capitalised name no one took right before an alias cue ("Najmiddin Jalolov
        (alias …)"): a person of its own."""
        start = end
        while start > 0 and doc[start - 1].text[:1].isupper() and \
                doc[start - 1].i not in build.taken and doc[start - 1].is_alpha:
            start -= 1
        if end - start < 2 or any(t.lower_ in self.org_heads for t in doc[start:end]):
            return None
        span = doc[start:end]
        key = f"new:person:{word_key(span.text)}"
        build.mention(key, span.text, EntityType.PERSON, span.start, span.end)
        return key

    def _add_izafat_names(self, build: _Builder, doc: Doc, text: str) -> None:
        """ "Anwaar-ul-Haq Kakar", "Gulshan-e-Iqbal": hyphen-joined names the NER missed,
        typed by what stands next to them (`NameShapes.izafat_names`)."""
        for shaped in self.shapes.izafat_names(doc, text, lambda i: i not in build.taken,
                                               self.role_nouns,
                                               self._izafat_place_words):
            span = doc[shaped.start:shaped.end]
            if shaped.type == EntityType.PERSON:
                self._add_person(build, span, span)
            else:
                build.mention(f"new:location:{word_key(span.text)}", span.text,
                              EntityType.LOCATION, span.start, span.end)

    def _add_surnames(self, build: _Builder, doc: Doc) -> None:
        """ "Saeed", "Mansoor": a proper noun that is part of a person named earlier."""
        index = None  # the persons' name words, built once: this pass adds no person
        # the proper nouns, read from the tag array: no Token for the other words
        proper = (doc.to_array(POS).reshape(-1) == PROPN).tolist() if len(doc) else []
        for i, is_proper in enumerate(proper):
            if not is_proper or i in build.taken:
                continue
            tok = doc[i]
            if len(tok.text) < 4 or not tok.text[:1].isupper() or \
                    tok.lower_ in self.person_titles:
                continue
            if i + 1 < len(doc) and proper[i + 1]:
                continue  # part of a longer name the NER did not tag
            index = build.surname_index() if index is None else index
            known = build.surname_owner(tok.text, before=tok.i, index=index)
            if known is not None:
                build.mention(known, "", EntityType.PERSON, tok.i, tok.i + 1)
                # the word is now one of the person's names on its own: a name ending in it
                word = tok.text.casefold()
                index[word] = [(key, ends or key == known, first)
                               for key, ends, first in index[word]]

    # -- acronyms and other-script names defined in parentheses ---------------

    def _add_acronyms(self, build: _Builder, doc: Doc, agencies: set[int]) -> None:
        """ "Long Form (LF)" and "Name (نام)": the parenthesised form is an alias (not a
        dateline's agency: "DASU, Pakistan (AP) —")."""
        for i in tokens_whose(doc, ORTH, _OPENING):
            tok = doc[i]
            if tok.i + 2 >= len(doc) or tok.i + 1 in agencies:
                continue
            close = next((t.i for t in doc[tok.i + 1:tok.i + 8] if t.text == ")"), None)
            if close is None or close == tok.i + 1:
                continue
            inner = doc[tok.i + 1:close]
            if self._add_spelled_out(build, doc, tok.i, inner):
                continue
            before = build.entity_at(tok.i - 1) if tok.i > 0 else None
            if before is None or any(not build.is_guess(i) for i in range(inner.start, inner.end)):
                continue
            text = inner.text
            if any(t.ent_type_ in ("DATE", "TIME") or t.like_num for t in inner):
                continue  # "Bukhara (March–April 2004)": a date, whatever its dashes
            if is_acronym(text) or any(c.isalpha() and not c.isascii() for c in text):
                build.release(inner.start, inner.end)
                build.alias(before, text)
                build.mention(before, "", EntityType.ORGANIZATION, inner.start, inner.end)
                if is_acronym(text):  # later uses, even where the NER guessed otherwise
                    for other in doc[close + 1:]:
                        if other.text == text and build.is_guess(other.i):
                            build.release(other.i, other.i + 1)
                            build.mention(before, "", EntityType.ORGANIZATION, other.i,
                                          other.i + 1)

    def _add_spelled_out(self, build: _Builder, doc: Doc, bracket: int, inner: Span) -> bool:
        """ "Tehreek-e-Labbaik Pakistan (TLP)": capitalised words whose initials spell the
        acronym name one organisation, even over a place the pack knows inside it."""
        text = inner.text
        if not is_acronym(text) or any(not build.is_guess(i) for i in range(inner.start,
                                                                              inner.end)):
            return False
        letters = [c.casefold() for c in text if c.isupper()]
        for start in range(bracket - 1, max(-1, bracket - 12), -1):
            if not (doc[start].is_alpha or doc[start].text == "-"):
                return False
            words = [t for t in doc[start:bracket] if t.is_alpha and t.text[:1].isupper()]
            if len(words) > len(letters):
                return False
            if not doc[start].text[:1].isupper() or \
                    [w.text[0].casefold() for w in words] != letters or len(words) < 2:
                continue
            span = doc[start:bracket]
            if self.shapes.is_job_title(span):  # "Specially Designated Global Terrorist
                for other in doc[inner.start:]:  # (SDGT)": no actor, nor its acronym
                    if other.text == text and build.is_guess(other.i):
                        build.release(other.i, other.i + 1)
                return False
            keys = {build.entity_at(i) for i in range(span.start, span.end)}
            if len(keys) == 1 and None not in keys:
                return False  # one name already: the acronym is its alias (below)
            etype = self._org_type(span)
            key = f"new:{etype}:{word_key(span.text)}"
            build.release(span.start, inner.end)
            build.mention(key, span.text, etype, span.start, span.end)
            build.mention(key, "", etype, inner.start, inner.end)
            for other in doc[inner.end:]:
                if other.text == text and build.is_guess(other.i):
                    build.release(other.i, other.i + 1)
                    build.mention(key, "", etype, other.i, other.i + 1)
            return True
        return False


def _name_key(name: str) -> str:
    return " ".join(word_key(w) for w in re.split(r"[\s\-']+", name) if w)


def _whole_line(span: Span) -> bool:
    """A span that is a line of its own, or a run-in heading ("Background. Daniel …")."""
    doc = span.doc
    before = doc[span.start - 1] if span.start else None
    after = doc[span.end] if span.end < len(doc) else None
    starts = before is None or "\n" in before.whitespace_ or (before.is_space and
                                                              "\n" in before.text)
    ends = "\n" in span[-1].whitespace_ or after is None or (after.is_space and
                                                             "\n" in after.text)
    run_in = len(span) == 1 and after is not None and after.text == "."  # "Background. …"
    return starts and (ends or run_in)


class _Builder:
    """Accumulates mentions into entities keyed by identity (pack id or normalised name)."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.by_key: dict[str, Entity] = {}
        self.types: dict[str, EntityType] = {}
        self.kinds: dict[str, str | None] = {}
        self.taken: dict[int, str] = {}  # token index -> entity key
        self.order: list[str] = []
        self._pack_groups: list[str] = []

    def mention(self, key: str, name: str, etype: EntityType, start: int, end: int,
                pack_id: str | None = None, kind: str | None = None,
                aliases: list[str] | None = None, is_name: bool = True) -> None:
        """One mention of the entity `key` (made on first sight); its text becomes an alias
        unless `is_name` is false ("the subject" names no one by itself)."""
        entity = self.by_key.get(key)
        if entity is None:
            entity = Entity(id=key, name=name, type=etype, pack_id=pack_id, kind=kind)
            self.by_key[key] = entity
            self.types[key] = etype
            self.kinds[key] = kind
            self.order.append(key)
            if pack_id is not None and etype == EntityType.ARMED_GROUP:
                self._pack_groups.append(key)
            for alias in aliases or []:
                entity.add_alias(alias)
        span = self.doc[start:end]
        entity.mentions.append(Mention(span.start_char, span.end_char, span.text))
        if is_name:
            entity.add_alias(span.text)
        for i in range(start, end):
            self.taken[i] = key

    def alias(self, key: str, text: str) -> None:
        self.by_key[key].add_alias(text)

    def merge(self, key: str, other: str) -> None:
        """The entity `other` is `key` under another name: its mentions and names join it."""
        entity, gone = self.by_key[key], self.by_key[other]
        entity.mentions.extend(gone.mentions)
        for alias in [gone.name, *gone.aliases]:
            entity.add_alias(alias)
        gone.mentions = []
        for i, taken in list(self.taken.items()):
            if taken == other:
                self.taken[i] = key

    def release(self, start: int, end: int) -> None:
        """Give tokens back (a demonym inside a population name is not the state)."""
        for i in range(start, end):
            key = self.taken.pop(i, None)
            if key is None:
                continue
            tok = self.doc[i]
            entity = self.by_key[key]
            entity.mentions = [m for m in entity.mentions
                               if not m.start <= tok.idx < m.end]

    def is_guess(self, i: int) -> bool:
        """The token is free, or only the statistical NER's guess at an unknown name."""
        key = self.taken.get(i)
        return key is None or key.startswith("new:")

    def entity_at(self, i: int) -> str | None:
        return self.taken.get(i)

    def type_at(self, i: int) -> EntityType | None:
        key = self.taken.get(i)
        return self.types.get(key) if key else None

    def person_with_words(self, words: list[str], before: int | None = None) -> str | None:
        """An earlier person whose name contains all these words ("Azhar" in "Masood Azhar")."""
        wanted = {w.casefold() for w in words}
        for key in reversed(self.order):
            if self.types[key] != EntityType.PERSON:
                continue
            if before is not None and not any(
                    m.start < self.doc[before].idx for m in self.by_key[key].mentions):
                continue
            names = [self.by_key[key].name, *self.by_key[key].aliases]
            if any(wanted <= {w.casefold() for w in n.split()} for n in names):
                return key
        return None

    def surname_index(self) -> dict[str, list[tuple[str, bool, int]]]:
        """name word -> (person key, whether a name of theirs ends in it, where they are
        first named), persons in the order they were found."""
        index: dict[str, list[tuple[str, bool, int]]] = {}
        for key in self.order:
            if self.types[key] != EntityType.PERSON or not self.by_key[key].mentions:
                continue
            first = min(m.start for m in self.by_key[key].mentions)
            names = [self.by_key[key].name, *self.by_key[key].aliases]
            words = [[w.casefold() for w in n.split()] for n in names]
            for word in dict.fromkeys(w for ws in words for w in ws):
                index.setdefault(word, []).append(
                    (key, any(ws and ws[-1] == word for ws in words), first))
        return index

    def surname_owner(self, word: str, before: int,
                      index: dict[str, list[tuple[str, bool, int]]] | None = None) -> str | None:
        """The one earlier person a bare name word stands for: the one whose name ends in it
        ("Sheikh" is Ahmed Omar Saeed Sheikh, not Khalid Sheikh Mohammed), else the only
        one containing it; None when that is ambiguous. `index` is `surname_index()`."""
        at = self.doc[before].idx
        index = self.surname_index() if index is None else index
        found = [(key, ends) for key, ends, first in index.get(word.casefold(), ())
                 if first < at]
        last = [k for k, ends in found if ends]
        if len(last) == 1:
            return last[0]
        return found[0][0] if len(found) == 1 else None

    def pack_groups(self) -> list[str]:
        """Keys of the pack's armed groups named so far (kept as they are added)."""
        return self._pack_groups

    def latest_capability(self, kind: str, pack: ActorPack) -> str | None:
        """The most recent capability entity of this taxonomy node or a narrower one."""
        for key in reversed(self.order):
            k = self.kinds.get(key)
            if self.types[key] == EntityType.CAPABILITY and k and \
                    (k == kind or kind in pack.ancestors(k)):
                return key
        return None

    def finish(self) -> DocEntities:
        out = DocEntities()
        ids: dict[str, str] = {}
        for key in self.order:
            entity = self.by_key[key]
            if not entity.mentions:
                continue
            ids[key] = f"E{len(ids) + 1}"
            entity.id = ids[key]
            entity.mentions.sort(key=lambda m: m.start)
            out.entities.append(entity)
        for i, key in self.taken.items():
            if key in ids:
                out.token_entity[i] = ids[key]
        return out
