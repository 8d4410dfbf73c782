"""What an incident struck, whom it hurt, and with what: entities for targets, victims and
tactics, found before relation extraction so that frames see them too.

A target is the object of the deed ("attacked a police checkpoint"), what a noun names
after "on" ("an attack on a convoy") or what a bomb went off near; it becomes a
population (people) or infrastructure (places, things) entity named with the text's
words and typed by `data/incidents.yaml` (police, military, religious ...). Victims are
the people a casualty verb counts ("Three officers were killed and two were wounded").
Tactics and weapons are read by `extract.incident_weapons`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Doc, Token

from threatnet.extract.aliases import word_key
from threatnet.extract.incident_lexicon import IncidentLexicon
from threatnet.extract.incident_parse import target_heads
from threatnet.extract.incident_records import DocIncidents, EntityAdder, FoundIncident
from threatnet.extract.incident_weapons import WeaponReading, plain_bomb_words, selves
from threatnet.extract.sentences import sentence_of, sentences
from threatnet.model import Entity, EntityType
from threatnet.resolve.pack import ActorPack
from threatnet.resources import load_data

KINDS_KEPT = 20000  # phrases whose target type a reader remembers
FOLLOWING = 3  # sentences after an incident's last mention that may count its dead
NOT_TARGETS = {EntityType.LOCATION, EntityType.CAPABILITY, EntityType.EVENT}
# a modifier that names the target: "a Frontier Corps convoy", "an ISKP hideout" (but
# "American soldiers" are not the United States)
MODIFIER_TARGETS = {EntityType.POPULATION, EntityType.INFRASTRUCTURE, EntityType.ARMED_GROUP,
                    EntityType.GOVERNMENT_BODY, EntityType.ORGANIZATION}
# what a deed struck that "people" killed in it may mean (and a party or body whose
# gathering it struck: "a convention of the JUI-F")
PEOPLE_TARGETS = {EntityType.POPULATION}
NAME_DEPS = ("compound", "amod", "nmod", "poss")


@dataclass(frozen=True)
class TargetWords:
    """The word lists of `data/target_words.yaml`."""

    numbers: dict[str, int]             # "twenty" -> 20, "dozen" -> 12
    one_words: frozenset[str]           # "a policeman": one
    intransitive: frozenset[str]        # "three soldiers died": the subject is the victim
    generic_victims: frozenset[str]     # "people": look for a closer name
    counted_states: frozenset[str]      # "22 dead, most of them students"
    plain_people: frozenset[str]        # victims kept by their own name
    name_prepositions: dict[str, str]   # "attack on", "clash with"
    selves: frozenset[str]              # "blew himself up"
    unnamed_people: frozenset[str]      # "killing 23 people": named as below
    unnamed_name: str                   # "civilians"
    bomb_verbs: frozenset[str]          # "exploded in a market": the market struck
    bomb_preps: frozenset[str]
    target_nouns: frozenset[str]        # "the van was the target"


@cache
def target_words() -> TargetWords:
    d = load_data("target_words.yaml")

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).casefold() for w in d[key])

    return TargetWords(
        numbers={str(k).casefold(): int(v) for k, v in d["numbers"].items()},
        one_words=words("one_words"), intransitive=words("intransitive"),
        generic_victims=words("generic_victims"), counted_states=words("counted_states"),
        plain_people=words("plain_people"),
        name_prepositions={str(k): str(v) for k, v in d["name_prepositions"].items()},
        selves=selves(),
        unnamed_people=frozenset(str(w).casefold() for w in d["unnamed_people"]["words"]),
        unnamed_name=str(d["unnamed_people"]["name"]),
        bomb_verbs=frozenset(str(w).casefold() for w in d["bombed_inside"]["verbs"]),
        bomb_preps=frozenset(str(w).casefold() for w in d["bombed_inside"]["preps"]),
        target_nouns=words("target_nouns"))


def _victim_entity(adder: EntityAdder, key: str, name: str, etype: EntityType,
                   lemmas: list[str], incident: str | None) -> Entity:
    """The entity of a target phrase; "people" and nothing closer is the civilians, one
    entity per incident (the people one bombing killed are not those of another)."""
    words = target_words()
    if etype == EntityType.POPULATION and lemmas and \
            all(w in words.unnamed_people for w in lemmas):
        name = words.unnamed_name
        key = "target:" + word_key(name) + (f"@{incident}" if incident else "")
    return adder.entity(key, name, etype)


@dataclass
class Harm:
    """People an incident hurt, as one sentence counts them."""

    victim: str
    counts: dict[str, int] = field(default_factory=dict)  # killed / wounded / hostages
    verb: Token | None = None


@dataclass
class IncidentFacts:
    """The entities one incident is linked to, with the tokens that say so."""

    targets: list[tuple[Token, str]] = field(default_factory=list)
    harms: list[Harm] = field(default_factory=list)
    tactics: list[tuple[Token, str]] = field(default_factory=list)


class TargetReader(WeaponReading):
    """Targets, victims and tactics of the incidents of one document."""

    def __init__(self, lex: IncidentLexicon, pack: ActorPack) -> None:
        self.lex = lex
        self.pack = pack
        self._by_id: dict[str, Entity] = {}  # entity_of's table, for one document's adder
        self._by_id_of: EntityAdder | None = None
        self._held: set[str] = set()  # entities struck through those they held (_carried)
        self._kinds: dict[tuple[str, ...], tuple[str, bool] | None] = {}  # target_words
        self._reading: str | None = None  # the incident whose targets are being read
        self._community: dict[str, str] = {}  # a community's place -> the community
        self._target_nouns: list[int] = []  # the document's "target" nouns

    def read(self, doc: Doc, incidents: DocIncidents,
             adder: EntityAdder) -> dict[str, IncidentFacts]:
        out: dict[str, IncidentFacts] = {}
        self._held = set()
        self._community = {}
        nouns = target_words().target_nouns  # "the van was the target": looked for once
        self._target_nouns = [t.i for t in doc if t.pos_ == "NOUN" and
                              t.lemma_.casefold() in nouns]
        for incident in incidents.incidents:
            self._reading = incident.entity.id
            facts = out.setdefault(incident.entity.id, IncidentFacts())
            for trigger in incident.triggers:
                for head in self._target_heads(trigger):
                    # "a police station and a checkpoint": each one struck
                    for one in (head, *head.conjuncts, *self._users(head)):
                        entity = self.target(one, adder)
                        if entity is not None and (trigger, entity) not in facts.targets:
                            facts.targets.append((trigger, entity))
                facts.tactics += [t for t in self._tactics(trigger, incident, adder)
                                  if t[1] not in {x[1] for x in facts.tactics}]
            facts.harms = self._harms(doc, incident, incidents, adder, facts)
            facts.tactics += self._kind_tactic(incident, adder, facts.tactics)
        self._reading = None
        self._record_targets(doc, incidents, adder)
        return out

    def _record_targets(self, doc: Doc, incidents: DocIncidents, adder: EntityAdder) -> None:
        """What a group's record of deeds struck, where no one incident is told: "has
        repeatedly attacked security posts and schools", "known for assaults on military
        bases". The targets become entities (no incident claims) so that the relation
        frames can say who attacks them."""
        told = {t.i for f in incidents.incidents for t in (*f.triggers, *f.mentions)}
        where = _present_victims()
        for i in incidents.cue_tokens:
            deed = doc[i]
            if i in told:
                continue
            lemma = deed.lemma_.casefold()
            if not (deed.pos_ == "VERB" and lemma in self.lex.verbs or
                    deed.pos_ == "NOUN" and deed.tag_ == "NNS" and lemma in self.lex.nouns):
                continue
            governors = [deed.head, deed.head.head]
            if any(g.lemma_.casefold() in self.lex.unreal or
                   g.lemma_.casefold() in where["refrained"] for g in governors):
                continue  # "told fighters to avoid attacks on markets": none made
            for head in self._target_heads(deed):
                for one in (head, *head.conjuncts):
                    if self.entity_of(adder, one.i) is None and \
                            one.lemma_.casefold() not in where["vague"]:
                        self.target(one, adder)

    def _target_heads(self, trigger: Token) -> list[Token]:
        """The heads of what a deed struck: `target_heads`, and the lexicon's further links
        ("blew himself up among worshippers", "forced their way into the air station", "the
        assassination of X")."""
        heads = target_heads(trigger)
        lemma = trigger.lemma_.casefold()
        if trigger.pos_ == "VERB":
            holders = [trigger, *[c for c in trigger.children if c.dep_ == "dobj"]]
            preps = self.lex.target_preps
        elif trigger.pos_ == "NOUN" and lemma in self.lex.target_of_nouns:
            holders, preps = [trigger], frozenset({"of"})
        else:
            return heads
        for holder in holders:
            for prep in holder.children:
                if prep.dep_ == "prep" and prep.lower_ in preps:
                    heads += [p for p in prep.children if p.dep_ == "pobj" and p not in heads]
        # "on a bus …, and on a police post nearby": the objects of prepositions coordinated
        # with a target's own
        # (or hung from the deed as a conjunct of its own: the same preposition again)
        struck_preps = {h.head for h in heads if h.dep_ == "pobj" and h.head.dep_ == "prep"}
        again = [c for c in trigger.children if c.dep_ == "conj" and c.pos_ == "ADP" and
                 c.lower_ in {p.lower_ for p in struck_preps}]
        heads += [p for prep in [*again, *[c for s in struck_preps for c in s.conjuncts
                                           if c.dep_ == "conj"]]
                  for p in prep.children if p.dep_ == "pobj" and p not in heads]
        if trigger.pos_ == "VERB" and self._bombed_inside(trigger):
            # "a bomb exploded in a crowded market": the place it went off in (a town is no
            # target: `target` types only what the target words name)
            heads += [p for prep in trigger.children if prep.dep_ == "prep" and
                      prep.lower_ in target_words().bomb_preps
                      for p in prep.children if p.dep_ == "pobj" and p.pos_ == "NOUN" and
                      p not in heads]
        if trigger.pos_ == "VERB":  # "blew himself up in the lobby of the passport office"
            heads += [p for prep in trigger.children if prep.dep_ == "prep" and
                      prep.lower_ in _present_victims()["inside"]
                      for p in prep.children if p.dep_ == "pobj" and self._part(p) and
                      p not in heads]
        return heads

    def _bombed_inside(self, verb: Token) -> bool:
        """Whether a bomber set off a bomb in a place he went to: "blew himself up in a
        mosque", "the attacker detonated his vest in a gathering" (a bomb or a vehicle that
        "exploded in" a place says where, not what it was aimed at)."""
        lemma = verb.lemma_.casefold()
        particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
        verbs = target_words().bomb_verbs
        if (f"{lemma} {particle}" not in verbs) if particle else (lemma not in verbs):
            return False
        lex = self.lex
        return any(c.dep_ == "nsubj" and (c.pos_ in ("NOUN", "PROPN", "NUM") or
                                          c.lower_ in ("he", "she", "they")) and
                   c.lemma_.casefold() not in lex.bomb_vehicles and
                   c.lemma_.casefold() not in lex.bomb_explosives and
                   c.lemma_.casefold() not in plain_bomb_words()
                   for c in verb.children)

    def _users(self, site: Token) -> list[Token]:
        """The people a struck place is told to be full of or used by: "a hotel popular
        with Chinese business visitors", "a restaurant frequented by diplomats", "a
        market crowded with shoppers" (the parser may hang the words from its town)."""
        where = _present_victims()
        out: list[Token] = []
        for word in site.subtree:
            if word.i <= site.i or word.dep_ not in ("amod", "acl", "relcl") or \
                    word.lemma_.casefold() not in where["users"]:
                continue
            after = [site.doc[word.i + 1]] if word.i + 1 < len(site.doc) else []
            for prep in (*word.children, *after):  # "popular [with X]" hung from the verb
                if prep.dep_ in ("prep", "agent") and prep.lower_ in where["user_preps"]:
                    out += [p for p in prep.children if p.dep_ == "pobj" and p not in out]
        return out

    def _part(self, tok: Token) -> bool:
        """Whether a noun is a part of a place told with its whole: "the gate of the
        school", "the parking area of the hotel"."""
        return any(t.lemma_.casefold() in self.lex.part_nouns
                   for t in (tok, *[c for c in tok.children if c.dep_ == "compound"])) and \
            any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children)

    # -- targets ----------------------------------------------------------------

    def entity_of(self, adder: EntityAdder, i: int) -> Entity | None:
        owner = adder.found.token_entity.get(i)
        return self._entity(adder, owner) if owner else None

    def _entity(self, adder: EntityAdder, entity_id: str) -> Entity | None:
        # entity ids are never reused, so a table rebuilt when an id is missing stays right
        found = self._by_id.get(entity_id) if self._by_id_of is adder else None
        if found is None:
            self._by_id = {e.id: e for e in adder.found.entities}
            self._by_id_of = adder
            found = self._by_id.get(entity_id)
        return found

    def target(self, head: Token, adder: EntityAdder) -> str | None:
        """The entity a target phrase names: the head's, or a modifier's that names who
        was struck (MODIFIER_TARGETS); else one made from its words, never taking a word
        of another entity."""
        if head.pos_ == "PRON" or head.like_num or self._loaded(head):
            return None  # "rammed a car packed with explosives into …": the weapon
        if head.lemma_.casefold() in self.lex.carrier_nouns:
            carried = self._carried(head, adder)
            if carried is not None:
                return carried
        if self._part(head):  # "the gate of the school"
            whole = next((p for c in head.children if c.dep_ == "prep" and c.lower_ == "of"
                          for p in c.children if p.dep_ == "pobj"), None)
            if whole is not None:
                return self.target(whole, adder)
        person = self._named_person(head, adder)  # before "the Taliban governor"'s Taliban
        if person is not None:
            return person.id
        head_kind = self.target_words([head.lemma_.casefold()])
        place = head_kind is not None and not head_kind[1]  # "mosque", "school"
        community: str | None = None
        for tok in [head, *[t for t in head.subtree if t.i < head.i and t.dep_ in NAME_DEPS]]:
            known = self.entity_of(adder, tok.i)
            if known is not None and tok is not head and place and \
                    known.type == EntityType.POPULATION:
                community = known.id  # "a Shia mosque", "a Sikh temple": the place, named
                continue  # with them (whose people are the ones counted there)
            if known is not None and tok is head and known.type == EntityType.STATE and \
                    head.tag_ in ("NNS", "NNPS"):
                return self._nationals(head, adder)  # "four Pakistanis": people, not a state
            if known is not None and tok is not head and tok.is_lower and \
                    (self.target_words([head.lemma_.casefold()]) or ("", False))[1]:
                continue  # "a police guard": people, not the police force the word stands for
            if known is not None and (tok is head or known.type in MODIFIER_TARGETS):
                return known.id if known.type not in NOT_TARGETS else None
        words = [head]  # the name: the modifiers just before the head, no count or article
        left = [t for t in head.subtree if t.i < head.i]  # "police training college"
        for tok in reversed(left):
            if tok.i != words[0].i - 1 or tok.dep_ not in NAME_DEPS + ("punct", "case") or \
                    tok.pos_ in ("PRON", "DET", "NUM") or tok.like_num or \
                    tok.tag_ in ("VBN", "VBG", "JJS", "JJR"):
                break  # "a heavily guarded police compound": the compound
            other = self.entity_of(adder, tok.i)
            if other is not None and not (other.type in (EntityType.STATE,
                                                         *([EntityType.POPULATION]
                                                           if place else [])) and
                                          tok.dep_ in ("amod", "compound")) and \
                    other.type != EntityType.EVENT and not tok.is_lower:
                break  # "American service members" keeps its demonym; no other name
            words.insert(0, tok)  # (a named incident's words name what it struck too)
        while words and words[0].is_punct:
            words.pop(0)
        if not words:
            return None  # a head the parser made of punctuation names nothing
        found = self.target_words([t.lemma_.casefold() for t in words])
        if found is None:
            return None
        people = head_kind[1] if head_kind else found[1]
        start, end = min(t.i for t in words), head.i + 1
        whole = self._whole(head, adder)
        if whole is not None:  # "members of staff": the phrase names them, not "members"
            end = whole.i + 1
        span = head.doc[start:end]
        etype = EntityType.POPULATION if people else EntityType.INFRASTRUCTURE
        key = "target:" + " ".join(word_key(t.lemma_) for t in span if not t.is_punct)
        entity = _victim_entity(adder, key, span.text, etype,
                                [t.lemma_.casefold() for t in span if not t.is_punct],
                                self._reading)
        shared = any(self.entity_of(adder, i) is not None for i in range(start, end))
        adder.mention(entity, start, end, take=not shared)
        if community is not None:
            self._community[entity.id] = community
        return entity.id

    def _whole(self, head: Token, adder: EntityAdder) -> Token | None:
        """ "members of staff", "employees of a phone company": the "of" noun that says
        whom a part-of-a-group noun is part of, when no entity names it (an entity owner
        is the target itself: `_carried`)."""
        if head.lemma_.casefold() not in _present_victims()["partitives"]:
            return None
        for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"):
            for whole in (p for p in prep.children if p.dep_ == "pobj"):
                span = range(whole.left_edge.i, whole.i + 1)
                if whole.pos_ == "NOUN" and len(span) <= 4 and \
                        all(self.entity_of(adder, i) is None for i in span):
                    return whole
        return None

    def _nationals(self, head: Token, adder: EntityAdder) -> str:
        """ "three Afghans", "four Pakistanis": a state's nationals, a population."""
        entity = adder.entity("target:" + word_key(head.text), head.text,
                              EntityType.POPULATION)
        adder.mention(entity, head.i, head.i + 1, take=False)
        return entity.id

    def _named_person(self, head: Token, adder: EntityAdder) -> Entity | None:
        """ "the governor of Balkh, Mohammad Dawood Muzammil", "a judge, X": the person
        the phrase names in apposition (the parser may hang it from the "of" noun)."""
        holders = [head, *[p for c in head.children if c.dep_ == "prep" and c.lower_ == "of"
                           for p in c.children if p.dep_ == "pobj"]]
        for appos in (c for h in holders for c in h.children if c.dep_ == "appos"):
            known = self.entity_of(adder, appos.i)
            if known is not None and known.type == EntityType.PERSON:
                return known
        return None

    def _name(self, tok: Token, adder: EntityAdder) -> bool:
        """Whether a token is a name standing for one person or body, set off by a comma
        ("…, Nawaz Gishkori"), not a place."""
        known = self.entity_of(adder, tok.i)
        return tok.pos_ == "PROPN" and tok.left_edge.i > 0 and \
            tok.doc[tok.left_edge.i - 1].text == "," and \
            (known is None or known.type not in (EntityType.LOCATION, EntityType.STATE,
                                                 EntityType.EVENT))

    def _person(self, head: Token, adder: EntityAdder) -> bool:
        """Whether a victim phrase is a person the text names ("Colonel X", "X")."""
        return any(known is not None and known.type == EntityType.PERSON
                   for tok in (head, *[c for c in head.children if c.dep_ == "compound"])
                   for known in [self.entity_of(adder, tok.i)])

    def _carried(self, carrier: Token, adder: EntityAdder) -> str | None:
        """ "a convoy of the Frontier Corps", "a bus carrying Chinese engineers": the ones
        the convoy or the gathering holds."""
        for child in carrier.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for owner in (p for p in child.children if p.dep_ == "pobj"):
                    known = self.entity_of(adder, owner.i)
                    if known is not None and known.type in MODIFIER_TARGETS:
                        self._held.add(known.id)  # its people: "a convention of the JUI-F"
                        return known.id
            if child.dep_ == "acl" and child.lemma_.casefold() in self.lex.carrier_verbs:
                for load in (c for c in child.children if c.dep_ == "dobj"):
                    found = self.target(load, adder)
                    if found is not None:
                        return found
        return None

    def target_words(self, lemmas: list[str]) -> tuple[str, bool] | None:
        """The target type of a phrase's words, and whether they name people. A phrase of
        the lexicon ("naval air station") decides before a single word ("station")."""
        key = tuple(lemmas)
        if key not in self._kinds:  # the same few words come back in every report
            if len(self._kinds) > KINDS_KEPT:
                self._kinds.clear()
            self._kinds[key] = self._target_words(lemmas)
        return self._kinds[key]

    def _target_words(self, lemmas: list[str]) -> tuple[str, bool] | None:
        phrases = (f" {' '.join(lemmas)} ",  # and the words without a plural "s"
                   f" {' '.join(w[:-1] if w.endswith('s') else w for w in lemmas)} ")
        for target in self.lex.targets:
            if any(" " in w and any(f" {w} " in p for p in phrases) for w in target.people):
                return target.type, True
            if any(" " in w and any(f" {w} " in p for p in phrases) for w in target.places):
                return target.type, False
        for target in self.lex.targets:
            if any(w in lemmas for w in target.people):
                return target.type, True
            if any(w in lemmas for w in target.places):
                return target.type, False
        return None

    def target_type(self, entity: Entity) -> str | None:
        if entity.pack_id and entity.pack_id in self.lex.pack_target_types:
            return self.lex.pack_target_types[entity.pack_id]
        words = [w.casefold().rstrip(",") for w in entity.name.split()]
        lemmas = words + [w[:-1] for w in words if w.endswith("s")]
        if entity.type in (EntityType.GOVERNMENT_BODY, EntityType.POPULATION,
                           EntityType.INFRASTRUCTURE, EntityType.ORGANIZATION):
            found = self.target_words(lemmas)
            if found is not None:
                return found[0]
        if entity.type == EntityType.GOVERNMENT_BODY:
            return "government"
        return self.lex.entity_target_types.get(str(entity.type))

    # -- casualties ---------------------------------------------------------------

    def _harms(self, doc: Doc, incident: FoundIncident, incidents: DocIncidents,
               adder: EntityAdder, facts: IncidentFacts) -> list[Harm]:
        harms: list[Harm] = []
        struck = self._struck_people(facts, adder)
        community = self._struck_community(facts)
        for sent in self._scope(doc, incident, incidents):
            last: Harm | None = None
            if sent.start not in incident.sentences and \
                    incidents.latest_before(sent[0]) is not incident:
                continue  # a sentence after two incidents counts the dead of the last
            self._named_target(sent, adder, facts)
            harms += self._listed(sent, incident, incidents, adder, harms)
            harms += self._tolls(sent, incident, incidents, adder, harms, struck or community)
            harms += self._deaths(sent, incident, incidents, adder, harms, struck or community)
            for tok in (doc[i] for i in incidents.cue_tokens if sent.start <= i < sent.end):
                quality = self._casualty(tok)
                if quality is None or _owner(tok, sent, incidents) not in (None, incident):
                    continue
                if any(c.dep_ == "nsubj" and c.lemma_.casefold() in self.lex.nouns and
                       c not in incident.mentions for c in tok.children):
                    continue  # "the strikes killed eight": the dead of another deed
                if self._other_deed(tok, incident):
                    continue  # "was killed in a US drone strike"
                if self._own_doer(tok, adder, sent.start in incident.sentences):
                    continue  # a later "the Taliban executed X": a deed of its own
                for head in self._victims(tok):
                    count = _count(head)
                    if count is None and (self._named_person(head, adder) is not None or
                                          self._person(head, adder)):
                        count = 1  # "killing the governor of Balkh, X", "X was shot dead"
                    if count is None:
                        continue
                    head, count = _of_them(head, count)
                    if head.like_num and last is not None:  # "and two were wounded"
                        last.counts.setdefault(quality, count)
                        continue
                    if head.like_num and head.i and head.doc[head.i - 1].lower_ == "all":
                        continue  # "until all three were killed": a set told before, the
                        # attackers as often as not
                    if head.like_num:  # "4 killed, incl. 1 police officer; 12 injured"
                        victim = struck or self._first_included(head, adder) or \
                            self._of_them_before(head, adder) or community
                    elif head.lemma_.casefold() in self.lex.anonymous:
                        continue
                    elif head.lower_ in self.lex.generic_victims and self._with_doers(head):
                        continue  # "24 people, including all ten attackers": no count
                        # of victims
                    elif head.lower_ in self.lex.generic_victims and not struck:
                        there = self._present(head, incidents)
                        victim = (self.target(there, adder) if there is not None else None) \
                            or community or self._people(head, adder)
                    else:
                        victim = struck if struck and \
                            head.lower_ in self.lex.generic_victims else \
                            self.target(head, adder) or self._people(head, adder)
                    if victim is None:
                        continue
                    last = next((h for h in harms if h.victim == victim and h.verb is not None
                                 and sentence_of(h.verb).start == sent.start), None)
                    if last is None:
                        last = Harm(victim, {}, tok)
                        harms.append(last)
                    last.counts.setdefault(quality, count)
                    self._counted_mention(head, victim, adder)
                    harms += self._included(head, quality, tok, adder, harms)
        return harms

    def _named_target(self, sent, adder: EntityAdder, facts: IncidentFacts) -> None:
        """ "The van was the target", "police said the cleric X was the target", "its
        target was the army": in a sentence about the incident, the one the copula makes
        its target (not "was not its target")."""
        doc = sent.doc
        for noun in (doc[i] for i in self._target_nouns if sent.start <= i < sent.end):
            if noun.dep_ not in ("attr", "nsubj"):
                continue
            be = noun.head
            if be.lemma_.casefold() != "be" or any(c.dep_ == "neg" for c in be.children):
                continue
            other = ("nsubj",) if noun.dep_ == "attr" else ("attr",)
            for named in (c for c in be.children if c.dep_ in other):
                person = next((e for t in named.subtree for e in [self.entity_of(adder, t.i)]
                               if e is not None and e.type == EntityType.PERSON), None)
                entity = person.id if person is not None else self.target(named, adder)
                if entity is not None and all(t != entity for _, t in facts.targets):
                    facts.targets.append((noun, entity))

    def _counted_mention(self, head: Token, victim: str, adder: EntityAdder) -> None:
        """The victims as the text counts them ("1 woman", "23 soldiers"), a mention of
        their entity when the head is its own mention; the number's words without its
        hedge ("more than 150 people": "150 people", the hedge qualifies the count)."""
        entity = self._entity(adder, victim)
        numbers = [t for c in head.children if c.dep_ == "nummod" for t in c.subtree
                   if t.like_num or t.lower_ in target_words().numbers or t.is_punct]
        if entity is None or not numbers or self.entity_of(adder, head.i) is not entity:
            return
        adder.mention(entity, min(t.i for t in numbers), head.i + 1, take=False)

    def _present(self, head: Token, incidents: DocIncidents) -> Token | None:
        """Who the "people" counted were, where the sentence shows them there: a plural
        people noun of the target words, not counted on its own and not a doer, after
        "on / among / at" or "crowded with / frequented by", or the subject of a clause
        that sets the scene ("where soldiers were waiting", "as worshippers left")."""
        where = _present_victims()
        cues = set(incidents.cue_tokens)
        found: list[Token] = []
        for tok in sentence_of(head):
            if tok.pos_ != "NOUN" or tok.tag_ != "NNS" or tok is head:
                continue
            lemma = tok.lemma_.casefold()
            if lemma in self.lex.generic_victims or lemma in self.lex.anonymous or \
                    tok.lower_ in self.lex.anonymous:
                continue
            kind = self.target_words([lemma])
            if kind is None or not kind[1] or kind[0] == "militants":
                continue
            if any(c.dep_ == "nummod" for c in tok.children) or \
                    self._casualty(tok.head) is not None:
                continue  # "seven policemen were killed": counted on their own
            up = tok.head
            if tok.dep_ == "pobj" and up.dep_ in ("prep", "agent"):
                there = up.lower_ in where["preps"] or (
                    up.lower_ in where["user_preps"] and
                    up.head.lemma_.casefold() in where["users"])
            elif tok.dep_ == "nsubj":
                there = up.dep_ in where["scene_clauses"] and up.i not in cues and \
                    up.lemma_.casefold() not in self.lex.verbs
            else:
                there = False
            if there:
                found.append(tok)
        before = [t for t in found if t.i < head.i]
        return before[-1] if before else (found[0] if found else None)

    def _own_doer(self, verb: Token, adder: EntityAdder, told: bool) -> bool:
        """Whether an active casualty verb names who killed, in a deed of its own: the
        state's forces ("troops shot dead three of them", "the army killed X"), or, in a
        sentence that does not tell the incident, an actor the text names ("the Taliban
        executed X")."""
        if not any(v.dep_ == "dobj" for v in self._victims(verb)):
            return False  # "1 Chinese national lightly injured": the subject is the victim
        holder = verb.head if verb.pos_ == "ADJ" and \
            verb.dep_ in ("acomp", "oprd", "xcomp") else verb  # "troops shot dead X"
        for subject in (c for c in holder.children if c.dep_ == "nsubj"):
            if subject.lemma_.casefold() in self.lex.state_forces:
                return True
            if told:
                continue
            for tok in (subject, *[t for t in subject.children if t.dep_ in NAME_DEPS]):
                known = self.entity_of(adder, tok.i)
                if known is not None and known.type not in NOT_TARGETS:
                    return True
        return False

    def _other_deed(self, verb: Token, incident: FoundIncident) -> bool:
        """ "killed in a drone strike", "died in an operation": a deed named beside the
        casualty verb that is not this incident's."""
        lex = self.lex
        for prep in verb.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("in", "by", "during"):
                continue
            for noun in (p for p in prep.children if p.dep_ == "pobj"):
                lemma = noun.lemma_.casefold()
                if (lemma in lex.operation_nouns or lemma in lex.nouns) and \
                        noun not in incident.mentions:
                    return True
        return False

    def _tolls(self, sent, incident: FoundIncident, incidents: DocIncidents,
               adder: EntityAdder, harms: list[Harm], struck: str | None) -> list[Harm]:
        """ "Officials later put the toll at 27", "the death toll rose to 62", "one count put
        the dead at 16 soldiers": a tally of its own, of the people it names, else of
        those the incident was last said to have killed (or the population it struck)."""
        lex = self.lex
        out: list[Harm] = []
        for verb in sent:
            if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.casefold() not in lex.toll_verbs \
                    or any(c.dep_ == "neg" for c in verb.children) or \
                    _owner(verb, sent, incidents) not in (None, incident):
                continue
            nouns = sorted((c for c in verb.children if c.dep_ in ("dobj", "nsubj", "nsubjpass")
                            and c.lemma_.casefold() in lex.toll_nouns),
                           key=lambda c: c.dep_ != "dobj")  # "a count put the dead at 16"
            quality = next((q for noun in nouns for q in [self._toll_quality(noun)] if q), None)
            if quality is None:
                continue
            amounts = [p for c in verb.children if c.dep_ == "prep" and c.lower_ in lex.toll_preps
                       for p in c.children if p.dep_ == "pobj"]
            amounts += [c for c in verb.children if c.dep_ in ("dobj", "attr", "npadvmod")
                        and c.like_num]  # "reached 54"
            # "the number of policemen killed at five" (the parser may hang "at" lower down)
            amounts += [p for n in nouns for t in n.subtree if t.dep_ == "prep" and
                        t.lower_ in lex.toll_preps for p in t.children
                        if p.dep_ == "pobj" and p.like_num]
            counted = [p for n in nouns for c in n.children if c.dep_ == "prep" and
                       c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
            if any(t.lemma_.casefold() in lex.anonymous or t.lower_ in lex.anonymous
                   for t in counted + amounts):
                continue  # "the number of militants killed": the attackers, no victims
            for amount in amounts:
                count = _count(amount)
                if count is None:
                    continue
                named, count = _of_them(amount, count)  # "at 22 dead, most of them students"
                victim = None if named.like_num else self.target(named, adder)
                if victim is None and counted:
                    victim = self.target(counted[0], adder)
                if victim is None:  # those the latest count began with
                    earlier = [h for h in harms + out if quality in h.counts and h.verb]
                    latest = [h for h in earlier if sentence_of(h.verb).start ==
                              sentence_of(earlier[-1].verb).start] if earlier else []
                    victim = latest[0].victim if latest else struck
                if victim is None:
                    continue
                out.append(Harm(victim, {quality: count}, verb))
                break
        return out

    def _deaths(self, sent, incident: FoundIncident, incidents: DocIncidents,
                adder: EntityAdder, harms: list[Harm], struck: str | None) -> list[Harm]:
        """ "Officials reported more than 50 deaths, including a police inspector, X",
        "confirmed 18 fatalities, among them a cleric": the dead counted by a noun, of
        the population the deed struck, and the ones named among them."""
        out: list[Harm] = []
        nouns = _present_victims()["deaths"]
        for noun in sent:
            if noun.pos_ != "NOUN" or noun.lemma_.casefold() not in nouns or \
                    _owner(noun, sent, incidents) not in (None, incident):
                continue
            count = _count(noun)
            if count is None:
                continue
            if struck is not None and not any(h.victim == struck for h in harms + out):
                out.append(Harm(struck, {"killed": count}, noun))
            for holder in (noun, noun.head):  # "including" may hang from the verb
                out += self._included(holder, "killed", noun, adder, harms + out)
        return out

    def _with_doers(self, head: Token) -> bool:
        """Whether a count of people names the attackers among them ("more than two dozen
        people, including all ten attackers, were killed")."""
        return any(named.lemma_.casefold() in self.lex.anonymous
                   for prep in head.children if prep.lower_ in self.lex.including
                   for obj in prep.children if obj.dep_ in ("pobj", "dobj")
                   for named in (obj, *obj.conjuncts))

    def _of_them_before(self, head: Token, adder: EntityAdder) -> str | None:
        """ "checked the papers of the passengers and shot dead nine of them": the people
        "them" stands for, the nearest people noun before it in the sentence."""
        if not any(c.dep_ == "prep" and c.lower_ == "of" and
                   any(p.lower_ == "them" for p in c.children) for c in head.children):
            return None
        for tok in reversed(head.doc[sentence_of(head).start:head.i]):
            if tok.pos_ != "NOUN" or tok.tag_ != "NNS":
                continue
            lemma = tok.lemma_.casefold()
            if lemma in self.lex.anonymous or lemma in self.lex.generic_victims:
                return None  # "the attackers … three of them": not victims
            if tok.dep_ in ("nsubj", "nsubjpass"):
                continue  # "troops shot dead three of them": who did it
            kind = self.target_words([lemma])
            if kind is not None and kind[1]:
                return self.target(tok, adder)
        return None

    def _first_included(self, head: Token, adder: EntityAdder) -> str | None:
        """ "4 killed, incl. 1 police officer": a bare number's victims by the one named."""
        for prep in head.children:
            if prep.lower_ in self.lex.including:
                for named in (c for c in prep.children if c.dep_ in ("pobj", "dobj")):
                    found = self.target(named, adder)
                    if found is not None:
                        return found
        return None

    def _toll_quality(self, noun: Token) -> str | None:
        """What a toll noun counts: its own ("toll": killed) or its words' ("the number of
        hostages killed", "the number of injured")."""
        lex = self.lex
        return lex.toll_nouns[noun.lemma_.casefold()] or next(
            (q for t in noun.subtree for q in [lex.victim_lists.get(t.lower_),
                                               lex.casualties.get(t.lemma_.casefold())]
             if q and t is not noun), None)

    def _included(self, head: Token, quality: str, verb: Token, adder: EntityAdder,
                  harms: list[Harm]) -> list[Harm]:
        """ "17 people, including two police officers", "five people, among them a judge,
        X": the ones named among those counted, each with its own count."""
        out: list[Harm] = []
        for prep in head.children:
            if prep.lower_ not in self.lex.including or prep.dep_ not in ("prep", "acl"):
                continue
            for named in (c for c in prep.children if c.dep_ in ("pobj", "dobj")):
                ones = [named, *named.conjuncts]
                if len(ones) == 2 and named.tag_ == "NN" and self._name(ones[1], adder) \
                        and not any(c.dep_ == "cc" for c in named.children):
                    ones = ones[1:]  # "a deputy superintendent, X" parsed as two: X
                for one in ones:
                    victim = self.target(one, adder)
                    count = _count(one)
                    if count is None and (one.pos_ == "PROPN" or
                                          self._named_person(one, adder) is not None):
                        count = 1
                    if victim is None or count is None or \
                            any(h.victim == victim for h in harms + out):
                        continue
                    out.append(Harm(victim, {quality: count}, verb))
        return out

    def _struck_people(self, facts: IncidentFacts, adder: EntityAdder) -> str | None:
        """The population a deed struck ("opened fire on worshippers"): whom the text
        means when it then counts "people" killed."""
        for _, target in facts.targets:
            entity = self._entity(adder, target)
            if entity is not None and (entity.type in PEOPLE_TARGETS or target in self._held):
                return target
        return None

    def _struck_community(self, facts: IncidentFacts) -> str | None:
        """ "struck a Shia mosque, killing 46 people": the community whose place it was."""
        return next((self._community[t] for _, t in facts.targets if t in self._community),
                    None)

    def _listed(self, sent, incident: FoundIncident, incidents: DocIncidents,
                adder: EntityAdder, harms: list[Harm]) -> list[Harm]:
        """ "Among the dead were two policemen", "Huang Guiping is among the dead", "a
        brigadier was among the soldiers killed": the people listed are victims."""
        out = []
        for among in sent:
            if among.lower_ != "among" or among.dep_ != "prep" or \
                    _owner(among, sent, incidents) not in (None, incident):
                continue
            for group in (c for c in among.children if c.dep_ == "pobj"):
                quality = self.lex.victim_lists.get(group.lower_)
                listed: list[Token] = []
                if quality is not None or group.lower_ == "those":
                    # "among the dead", "among those killed": the subject is listed
                    quality = quality or next(
                        (self.lex.casualties.get(c.lemma_.casefold()) for c in group.children
                         if c.dep_ in ("acl", "relcl", "amod")), None)
                    verb = among.head
                    listed = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
                    listed += [c for v in listed for c in v.conjuncts]
                else:  # "among the soldiers killed": the soldiers
                    quality = next((self.lex.casualties.get(c.lemma_.casefold())
                                    for c in group.children if c.dep_ in ("acl", "amod")
                                    and c.lemma_.casefold() in self.lex.casualties), None)
                    listed = [group]
                if quality is None:
                    continue
                for head in listed:
                    victim = self.target(head, adder) if head.pos_ != "PRON" else None
                    if victim is None or any(h.victim == victim for h in harms + out):
                        continue
                    count = _count(head) if head is not group else None
                    if count is None and head.pos_ == "PROPN":
                        count = 1  # a person named
                    out.append(Harm(victim, {quality: count} if count else {}, among))
        return out

    def _scope(self, doc: Doc, incident: FoundIncident, incidents: DocIncidents) -> list:
        """The sentences that speak of an incident: those that mention it and those that
        follow, up to the next one that mentions another incident (at most two on)."""
        out = []
        others = {sentence_of(t).start for f in incidents.incidents if f is not incident
                  for t in f.mentions}
        own = incident.sentences
        following = 0
        for sent in sentences(doc):
            if sent.start in own:
                out.append(sent)
                following = FOLLOWING
            elif following and sent.start not in others:
                out.append(sent)
                if sum(t.is_alpha for t in sent) > 2:  # "2." numbering a paragraph: no
                    following -= 1
            else:
                following = 0
        return out

    def _casualty(self, tok: Token) -> str | None:
        lemma = tok.lemma_.casefold()
        phrases = [f"{lemma} {c.lower_}" for c in tok.children if c.dep_ in ("dobj", "prt")]
        lemma = next((p for p in phrases if p in self.lex.casualties), lemma)  # "embraced
        if tok.pos_ not in ("VERB", "ADJ") or lemma not in self.lex.casualties:  # shahadat"
            return None
        if any(c.dep_ == "neg" for c in tok.children):
            return None
        return self.lex.casualties[lemma]

    def _victims(self, verb: Token) -> list[Token]:
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children) or (
            verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "dobj") for c in verb.children)
            and any(c.dep_ == "nsubj" and (c.like_num or any(n.dep_ == "nummod"
                                                           for n in c.children))
                    for c in verb.children))  # "4 killed", "9 soldiers killed": a headline's

        deps = ("nsubjpass", "nsubj") if passive or verb.lemma_ in target_words().intransitive or \
            any(c.dep_ == "dobj" and f"{verb.lemma_} {c.lower_}" in self.lex.casualties
                for c in verb.children) \
            else ("dobj",)
        heads = [c for c in verb.children if c.dep_ in deps]
        if not heads and verb.dep_ == "acl":  # "ten people killed in the blast"
            heads = [verb.head]
        if not heads and verb.dep_ == "amod":  # "three dead"
            heads = [verb.head]
        if not heads and verb.dep_ in ("acomp", "oprd", "xcomp") and verb.pos_ == "ADJ":
            # "shot dead 23 of them", "gunmen shot dead X": the object of the shooting;
            # "X was shot dead", "were pulled off the bus and shot dead": its subject
            holder = verb.head
            heads = [c for c in holder.children if c.dep_ == "dobj"] or \
                [c for c in holder.children if c.dep_ == "nsubjpass"]
            if not heads and holder.dep_ == "conj" and \
                    not any(c.dep_ == "nsubj" for c in holder.children):
                heads = [c for c in holder.head.children if c.dep_ == "nsubjpass"]
        if not heads and verb.pos_ == "ADJ" and verb.dep_ == "prep":
            heads = [c for c in verb.children if c.dep_ == "pobj"]  # parsed "dead [a guard]"
        if not heads and verb.dep_ in ("xcomp", "oprd", "acomp") and \
                verb.head.pos_ in ("VERB", "AUX") and \
                verb.head.lemma_.casefold() in _present_victims()["reporting"]:
            # "eleven soldiers were reported killed", "four were confirmed killed"
            heads = [c for c in verb.head.children if c.dep_ in ("nsubjpass", "nsubj")]
        out = []
        for head in heads:
            out += [head, *[c for c in head.children if c.dep_ == "conj"]]
        return out

    def _people(self, head: Token, adder: EntityAdder) -> str | None:
        """Victims the target lexicon does not type: "people", "persons", kept by name."""
        if head.pos_ != "NOUN" or head.tag_ not in ("NNS", "NN"):
            return None
        if head.lemma_.casefold() not in target_words().plain_people:
            return None
        entity = _victim_entity(adder, "target:" + word_key(head.lemma_), head.text,
                                EntityType.POPULATION, [head.lemma_.casefold()],
                                self._reading)
        adder.mention(entity, head.i, head.i + 1)
        return entity.id

def _owner(tok: Token, sent, incidents: DocIncidents) -> FoundIncident | None:
    """Of the incidents told in a sentence, the one a casualty verb belongs to: the one
    whose deed governs it ("blew herself up …, killing three"), else the nearest before."""
    told = [(t, f) for f in incidents.incidents for t in f.triggers
            if sent.start <= t.i < sent.end]
    if len({id(f) for _, f in told}) < 2:
        return None
    by_trigger = {t.i: f for t, f in told}
    for ancestor in tok.ancestors:  # the nearest deed above it
        if ancestor.i in by_trigger:
            return by_trigger[ancestor.i]
    before = [(t, f) for t, f in told if t.i < tok.i]
    return max(before, key=lambda x: x[0].i)[1] if before else None


@cache
def _present_victims() -> dict[str, frozenset[str]]:
    """Where a sentence shows who was there, and the other word lists of the targets
    (`present_victims` in data/incidents.yaml)."""
    raw = load_data("incidents.yaml")["present_victims"]
    return {k: frozenset(str(w).casefold() for w in raw[k])
            for k in ("preps", "users", "user_preps", "scene_clauses", "partitives", "reporting",
                      "refrained", "vague", "deaths", "inside")}


def _of_them(head: Token, count: int) -> tuple[Token, int]:
    """ "13 people, nine of them Chinese nationals", "20 people, most of them students":
    the victims the text names more closely, and their number when it gives it."""
    words = target_words()
    if head.lower_ not in words.generic_victims and not head.like_num and \
            head.lower_ not in words.counted_states:  # "22 dead, most of them"
        return head, count
    doc = head.doc
    sent_end = sentence_of(head).end
    for them in doc[head.i + 1:min(head.i + 12, sent_end)]:
        if them.lower_ != "them" or them.head.lower_ != "of":
            continue
        named = next((t for t in doc[them.i + 1:min(them.i + 5, sent_end)]
                      if t.pos_ in ("NOUN", "PROPN") and t.tag_ in ("NNS", "NNPS")), None)
        if named is None:
            return head, count
        quantity = doc[them.head.i - 1] if them.head.i else None
        number = _number(quantity.text) if quantity is not None and quantity.like_num else None
        return named, number or count
    return head, count


def _count(head: Token) -> int | None:
    """How many a victim phrase counts: "three officers", "26 soldiers", "a policeman"."""
    if head.like_num:
        return _number(head.text)
    for child in head.children:
        if child.dep_ == "nummod":  # "Twenty-three", "at least 20": the number's words
            words = [t.text for t in child.subtree if t.like_num or t.pos_ == "NUM" or
                     t.lower_ in target_words().numbers]
            return _number("-".join(words))
    if head.tag_ == "NN" and any(c.lower_ in target_words().one_words for c in head.lefts):
        return 1
    return None


def _number(text: str) -> int | None:
    clean = text.replace(",", "").casefold()
    if clean.isdigit():
        return int(clean)
    if "-" in clean:  # "twenty-three", "two-dozen", "two-hundred"
        parts = [target_words().numbers.get(p) for p in clean.split("-")]
        if not all(p is not None for p in parts):
            return None
        total = 0
        for part in parts:
            total = max(total, 1) * part if part in (12, 100) and total < part else \
                total + part
        return total
    return target_words().numbers.get(clean)


__all__ = ["Harm", "IncidentFacts", "TargetReader"]


def name_incidents(incidents: DocIncidents, facts: dict[str, IncidentFacts],
                   entities: list[Entity]) -> None:
    """A readable name for each unnamed incident: "suicide bombing of military convoy,
    Mir Ali, 2024-06-24" from its kind, first target, place and date."""
    names = {e.id: e.name for e in entities}
    for incident in incidents.incidents:
        entity = incident.entity
        if entity.pack_id or entity.incident is None or not entity.incident.generated:
            continue
        found = facts.get(entity.id)
        struck = [t for _, t in found.targets] + [h.victim for h in found.harms] \
            if found else []
        name = incident.kind
        if struck:
            preposition = target_words().name_prepositions.get(incident.kind, "of")
            name += f" {preposition} {names[struck[0]]}"
        _alias_incident(incident, [names[t] for t in struck[:2]],
                        names[incident.places[0]] if incident.places else None)
        place = names[incident.places[0]] if incident.places else None
        parts = [name, *([place] if place and not (struck and place == names[struck[0]])
                         else []),
                 *([incident.date] if incident.date else [])]
        entity.name = ", ".join(parts)
    _drop_shared_aliases([i.entity for i in incidents.incidents])


def _drop_shared_aliases(events: list[Entity]) -> None:
    """An alias two incidents of one report share ("Mastung bombing" for two bombings
    in Mastung) names neither: keep it off both, so it cannot join the wrong one."""
    seen: dict[str, int] = {}
    for entity in events:
        for form in {a.casefold() for a in [entity.name, *entity.aliases]}:
            seen[form] = seen.get(form, 0) + 1
    for entity in events:
        entity.aliases = [a for a in entity.aliases
                          if a == entity.name or seen[a.casefold()] < 2]


def _alias_incident(incident: FoundIncident, struck: list[str], place: str | None) -> None:
    """The names an analyst would give it: "Quetta bombing", "police station attack",
    "Bannu police station attack", from its place, targets and the nouns it goes by."""
    nouns = [incident.kind] + [t.lemma_.casefold() for t in incident.mentions
                               if t.pos_ == "NOUN" and t.lemma_.casefold() != "incident"]
    for noun in list(dict.fromkeys(nouns))[:3]:
        for target in struck:
            incident.entity.add_alias(f"{target} {noun}")
            if place:
                incident.entity.add_alias(f"{place} {target} {noun}")
        if place:
            incident.entity.add_alias(f"{place} {noun}")
