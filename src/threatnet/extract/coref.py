"""Point "the group", "they", "it", "he" back at the most recent suitable actor of the paragraph.

A deliberately small resolver: candidates are entity mentions earlier in the
same paragraph, at most three sentences back; grammatical subjects are
preferred; a candidate must fit the anaphor (a person for "he", a group for
"the group"). Anything else is left unresolved rather than guessed.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Token

from threatnet.extract.cue_lexicon import load_cues
from threatnet.extract.frames import load_frames
from threatnet.extract.sentences import (
    paragraph_numbers,
    sentence_numbers,
    sentences,
    tokens_whose,
)
from threatnet.model import EntityType
from threatnet.resources import load_data

GROUPS = {EntityType.ARMED_GROUP, EntityType.ORGANIZATION, EntityType.GOVERNMENT_BODY}
ACTORS = GROUPS | {EntityType.STATE, EntityType.PERSON}
MAX_SENTENCES_BACK = 3
PERMITTING = frozenset({"allow", "let", "permit", "enable", "help", "force", "push", "urge",
                        "ask", "order", "tell", "encourage", "persuade", "compel"})


@dataclass(frozen=True)
class _Candidate:
    token: int
    entity: str
    type: EntityType
    subject: bool
    main: bool          # subject of its sentence's main clause
    coordinated: bool   # one of "X and Y": not the antecedent of "it" or "he"
    sentence: int
    paragraph: int
    plural: bool = False  # a plural common noun ("UN monitors"): not the antecedent of "it"
    weak: bool = False    # only naming a person's group ("a former TTP commander")
    noun: str = ""        # the common noun the mention modifies ("the JuA faction": faction)


@lru_cache(maxsize=1)
def _word_classes() -> dict[str, frozenset[str]]:
    """The anaphor word classes of the lexicon, speech verbs and role nouns, and the verbs
    of the hostile frames: read once per process, not per report."""
    anaphors = load_data("lexicon.yaml")["anaphors"]
    words = {name: frozenset(anaphors[name]) for name in (
        "armed", "party", "group", "person", "plural", "neuter", "event", "operation",
        "capability", "state", "forces")}
    words["group"] |= words["armed"] | words["party"]
    words["pronouns"] = words["person"] | words["plural"] | words["neuter"]
    words["event_words"] = words["event"] | words["operation"]
    words["actor_nouns"] = words["group"] | words["state"] | words["forces"]
    words["anaphor_nouns"] = words["capability"] | words["event_words"] | words["actor_nouns"]
    frames = load_frames()
    words["speech_verbs"] = frozenset(load_cues().source_verbs)
    words["role_nouns"] = frozenset(frames.roles)
    words["hostile_verbs"] = frozenset(
        lemma for lemma, found in frames.verbs.items()
        if any(f.predicate in ("attacks", "targets", "fights", "hostile_to") for f in found))
    return words


class Coreference:
    """Resolves anaphors of one document against its entity mentions."""

    def __init__(self, doc: Doc, token_entity: dict[int, str],
                 types: dict[str, EntityType], names: dict[str, str] | None = None) -> None:
        words = _word_classes()
        self.armed_nouns, self.party_nouns = words["armed"], words["party"]
        self.group_nouns = words["group"]
        self.person_words, self.plural_words = words["person"], words["plural"]
        self.neuter_words = words["neuter"]
        self.event_nouns, self.operation_nouns = words["event"], words["operation"]
        self.names = names or {}
        self.capability_nouns, self.state_nouns = words["capability"], words["state"]
        self.force_nouns = words["forces"]
        self._pronouns, self._event_words = words["pronouns"], words["event_words"]
        self._actor_nouns, self._anaphor_nouns = words["actor_nouns"], words["anaphor_nouns"]
        self.speech_verbs = words["speech_verbs"]
        self.role_nouns = words["role_nouns"]
        self.hostile_verbs = words["hostile_verbs"]
        self._state_like = self.state_nouns | self.force_nouns | {"side", "neighbour",
                                                                  "neighbor", "capital"}
        self.doc = doc
        # token -> sentence and paragraph number, from the document's kept indexes (no
        # pass over its tokens here)
        self.sent_of = dict(enumerate(sentence_numbers(doc)))
        self._sent_starts: list[int] = [sent.start for sent in sentences(doc)]
        self.paragraph_of = dict(enumerate(paragraph_numbers(doc)))
        self.candidates: list[_Candidate] = []
        self._types = types
        self.mentioned = frozenset(token_entity)
        self.mention_of = token_entity
        last = None
        for i in sorted(token_entity):
            entity = token_entity[i]
            if last and last[1] == entity and last[0] == i - 1:
                last = (i, entity)
                continue  # one candidate per mention, at its first token
            last = (i, entity)
            tok = doc[i]
            head = tok
            while head.head.i != head.i and (
                    head.dep_ in ("compound", "amod", "flat") or
                    (head.dep_ in ("nmod", "appos") and token_entity.get(head.head.i) == entity)):
                head = head.head  # "Tehrik-i-Taliban Pakistan (TTP)": one mention
            top = head
            while top.dep_ == "conj" and top.head.i != top.i:
                top = top.head  # "X and Y were returning": Y is a subject too
            subject = top.dep_ in ("nsubj", "nsubjpass")
            end = i
            while token_entity.get(end + 1) == entity:
                end += 1
            # "X and Y"; a conj inside the mention's own words ("Jaish-e-Mohammed") is none
            coordinated = head.dep_ == "conj" or any(
                c.dep_ == "conj" and not i <= c.i <= end for c in head.children)
            self.candidates.append(_Candidate(
                i, entity, types[entity], subject, subject and head.head.dep_ == "ROOT",
                coordinated, self.sent_of[i], self.paragraph_of[i],
                head.tag_ == "NNS" and i <= head.i <= end,
                not i <= head.i <= end and head.tag_ == "NN" and
                head.lemma_.casefold() in self.role_nouns,
                head.lemma_.casefold() if not i <= head.i <= end else ""))
        self._tokens = [c.token for c in self.candidates]  # sorted: bisect, not scan
        # indexes, so that no lookup scans every earlier mention (docs/extraction.md)
        self._kinds: dict[str, str] = {}  # event entity -> its kind (attack, operation)
        self._events: dict[str, tuple[list[int], list[str]]] = {}  # kind -> tokens, entities
        self._event_counts: dict[str, dict[str, list[int]]] = {}  # kind -> entity -> n, first
        for c in self.candidates:
            if c.type == EntityType.EVENT:
                self._index_event(c)
        self._group_anaphors: list[int] = []  # resolved "the group"s, in text order
        self._frozen: _Index | None = None  # built once every anaphor is resolved
        self.resolved: dict[int, str | None] = {}
        # resolve in text order, so "the group" can antecede "it"; only the tokens whose
        # word or lemma could make an anaphor are asked (found from spaCy's arrays)
        maybe = sorted({*tokens_whose(doc, LOWER, self._pronouns),
                        *tokens_whose(doc, LEMMA, self._anaphor_nouns, casefold=True)})
        for i in maybe:
            tok = doc[i]
            if self.is_anaphor(tok):
                entity = self._resolve(tok)
                self.resolved[tok.i] = entity
                if tok.pos_ != "PRON" and tok.lemma_.casefold() in self.group_nouns:
                    self._group_anaphors.append(tok.i)
                if entity is not None and tok.dep_ in ("nsubj", "nsubjpass"):
                    self._add(tok, entity, types[entity])

    def _add(self, tok: Token, entity: str, etype: EntityType) -> None:
        candidate = _Candidate(tok.i, entity, etype, True, tok.head.dep_ == "ROOT", False,
                               self.sent_of[tok.i], self.paragraph_of[tok.i])
        at = bisect_right(self._tokens, tok.i)
        self.candidates.insert(at, candidate)
        self._tokens.insert(at, tok.i)
        if etype == EntityType.EVENT:
            self._index_event(candidate)

    def _index_event(self, c: _Candidate) -> None:
        kind = self._kinds.get(c.entity)
        if kind is None:
            kind = self._kinds[c.entity] = self._event_kind(
                self.names.get(c.entity, "").split())
        tokens, entities = self._events.setdefault(kind, ([], []))
        at = bisect_right(tokens, c.token)
        tokens.insert(at, c.token)
        entities.insert(at, c.entity)
        count = self._event_counts.setdefault(kind, {}).setdefault(c.entity, [0, c.token])
        count[0] += 1
        count[1] = min(count[1], c.token)

    def is_anaphor(self, tok: Token) -> bool:
        lower = tok.lower_
        if tok.pos_ == "PRON":
            return lower in self._pronouns
        lemma = tok.lemma_.casefold()
        if lemma not in self._anaphor_nouns:
            return False
        if lemma in self.capability_nouns:
            return any(c.lower_ in ("such", "this", "these", "those", "the") for c in tok.lefts)
        if lemma in self._event_words:
            # "the attack" points back; "the June 2014 attack on the airport" is a new one
            return (any(c.lower_ in ("the", "this", "that") for c in tok.lefts) and
                    not any(c.dep_ in ("nummod", "poss") or c.ent_type_ or c.pos_ == "PROPN"
                            for c in tok.lefts) and
                    not any(c.dep_ == "prep" and c.lower_ in ("on", "against", "in", "at")
                            for c in tok.rights))
        return (lemma in self._actor_nouns and
                any(c.lower_ in ("the", "this", "that") for c in tok.lefts) and
                not any(c.dep_ in ("amod", "compound", "poss") and c.i in self.mentioned and
                        c.pos_ != "ADJ"  # "the Pakistani group" still points back
                        for c in tok.lefts))

    def resolve(self, tok: Token) -> str | None:
        """The entity id an anaphor refers to, or None."""
        if tok.i in self.resolved:
            return self.resolved[tok.i]
        return self._resolve(tok) if self.is_anaphor(tok) else None

    def implied_group(self, tok: Token) -> str | None:
        """The armed group a bare role noun belongs to ("the previous leader, X"): the one
        "the group" would be at its place, or None."""
        return self._resolve(tok, {EntityType.ARMED_GROUP})

    def _resolve(self, tok: Token, only: set[EntityType] | None = None) -> str | None:
        lower = tok.lower_
        if only is not None:
            allowed = only
        elif lower in self.person_words:
            allowed = {EntityType.PERSON}
        elif tok.pos_ == "PRON" and lower in self.neuter_words:
            allowed = GROUPS | {EntityType.STATE}
        elif tok.pos_ == "PRON":
            allowed = GROUPS | {EntityType.STATE}
            if _objective(tok):  # "has made them its target"
                allowed = allowed | {EntityType.POPULATION}
        elif tok.lemma_.casefold() in self._event_words:  # event | operation nouns
            return self._event(tok)
        elif tok.lemma_.casefold() in self.capability_nouns:
            allowed = {EntityType.CAPABILITY}
        elif tok.lemma_.casefold() in self.state_nouns:
            allowed = {EntityType.STATE}  # "an organised presence in the country"
        elif tok.lemma_.casefold() in self.force_nouns:
            allowed = {EntityType.GOVERNMENT_BODY}  # "the military", "the army"
        elif tok.lemma_.casefold() in self.armed_nouns:
            allowed = {EntityType.ARMED_GROUP}  # "the outfit", "the militants"
        elif tok.lemma_.casefold() in self.party_nouns:
            allowed = {EntityType.ORGANIZATION}  # "the party"
        else:
            allowed = {EntityType.ARMED_GROUP, EntityType.ORGANIZATION}
        sentence, paragraph = self.sent_of[tok.i], self.paragraph_of[tok.i]
        if lower == "it" and is_expletive(tok):
            return None
        owner = self._relative_owner(tok, allowed)
        if owner is not None:
            return owner
        singular = lower in self.person_words or lower in self.neuter_words or \
            tok.pos_ != "PRON"
        # a pronoun object is never its own clause's subject ("Pakistan banned it")
        governor = tok.head if tok.dep_ != "nsubj" else tok.head.head  # small clauses
        own_subject = {self.mention_of.get(c.i) for c in governor.children
                       if c.dep_ in ("nsubj", "nsubjpass") and c.i != tok.i} \
            if _objective(tok) else self._attacker(tok) | self._permitter(tok)
        # the candidates before `tok` in its sentence and the MAX_SENTENCES_BACK before
        first = self._sent_starts[max(0, sentence - MAX_SENTENCES_BACK)]
        window = self.candidates[bisect_left(self._tokens, first):
                                 bisect_left(self._tokens, tok.i)]
        pool = [c for c in window
                if c.type in allowed and not c.weak
                and c.entity not in own_subject
                and not (singular and c.coordinated and c.subject)
                and not (tok.pos_ == "PRON" and singular and c.plural)]
        # the paragraph's own actors; an anaphor opening a paragraph looks back one
        pool = [c for c in pool if c.paragraph == paragraph] or \
            [c for c in pool if c.paragraph == paragraph - 1]
        if not pool:
            return None
        if tok.pos_ != "PRON" and EntityType.ARMED_GROUP in allowed and \
                EntityType.ORGANIZATION in allowed and \
                any(c.type == EntityType.ARMED_GROUP for c in pool):
            # "the group" in a report about armed groups is one of them, not a UN team
            pool = [c for c in pool if c.type != EntityType.ORGANIZATION]
        same_sentence = [c for c in pool if c.sentence == sentence]
        named_so = [c for c in pool if c.noun and c.noun == tok.lemma_.casefold()]
        if tok.pos_ != "PRON" and named_so:  # "the Jamaat-ul-Ahrar faction … the faction"
            return named_so[-1].entity
        topic = self._topic(tok, pool)
        if topic is not None:  # "the group" goes on meaning the group it meant just before
            return topic
        if _objective(tok) and same_sentence:
            # an object pronoun: first an actor inside its own clause ("a crackdown on
            # TIP could push them"), then one in the same role in a parallel clause
            # ("banned LeT, and … listed it"), then another clause's subject
            clause = {t.i for t in tok.head.subtree}
            roles = {c.token: self.doc[c.token].dep_ for c in same_sentence}
            for group in ([c for c in same_sentence if c.token in clause],
                          [c for c in same_sentence if roles[c.token] == tok.dep_],
                          [c for c in same_sentence if c.subject]):
                if group:
                    return group[-1].entity
        speaker = self._speaker(tok)
        if speaker is not None:  # "a faction of the TTP said it had worked with LeJ"
            spoken = [c for c in same_sentence if c.token in speaker]
            if spoken:
                return spoken[0].entity
        # a subject of this sentence, else the main subject of an earlier one, else any
        # earlier subject, else the nearest mention
        earlier = [c for c in pool if c.sentence < sentence]
        tiers = [[c for c in same_sentence if c.subject], [c for c in earlier if c.main],
                 [c for c in pool if c.subject], pool]
        if tok.pos_ != "PRON" and not (tok.dep_ in ("nsubj", "nsubjpass") and
                                       tok.head.dep_ == "conj"):
            # "the group": a group named earlier in the same sentence (but "…, and the new
            # outfit is …" as a subject continues the topic of the sentences before)
            tiers.insert(1, same_sentence)
        for group in tiers:
            if group:
                return group[-1].entity
        return None

    def _topic(self, tok: Token, pool: list[_Candidate]) -> str | None:
        """What the last "the group" of this or the previous paragraph meant, when that
        is still among the candidates and no other actor has been a main subject since."""
        if tok.pos_ == "PRON" or tok.lemma_.casefold() not in self.group_nouns:
            return None
        paragraph = self.paragraph_of[tok.i]
        at = bisect_left(self._group_anaphors, tok.i)  # the last one before `tok`
        if not at or paragraph - self.paragraph_of[self._group_anaphors[at - 1]] > 1:
            return None
        i = self._group_anaphors[at - 1]
        entity = self.resolved[i]
        if any(c.main and c.token > i and c.entity != entity for c in pool):
            return None  # "The Hafiz Gul Bahadur group … has stayed outside"
        return entity if any(c.entity == entity for c in pool) else None

    def _relative_owner(self, tok: Token, allowed: set[EntityType]) -> str | None:
        """ "Jundallah, a group that collapsed after Iran executed its leader": a possessive
        inside a relative clause belongs to the clause's antecedent."""
        if tok.dep_ != "poss" or tok.pos_ != "PRON":
            return None
        node = tok.head
        while node.head.i != node.i and node.dep_ != "relcl":
            node = node.head
        if node.dep_ != "relcl":
            return None
        antecedent = node.head
        for t in (antecedent, antecedent.head if antecedent.dep_ == "appos" else None):
            entity = self.mention_of.get(t.i) if t is not None else None
            if entity is not None and self._type(entity) in allowed:
                return entity
        return None

    def _permitter(self, tok: Token) -> set[str | None]:
        """ "they … allow it to use Afghan soil": the one allowed is not the one allowing."""
        if tok.dep_ != "nsubj" or tok.head.dep_ not in ("ccomp", "xcomp"):
            return set()
        verb = tok.head.head
        if verb.lemma_.casefold() not in PERMITTING:
            return set()
        while not any(c.dep_ == "nsubj" for c in verb.children) and verb.dep_ == "conj":
            verb = verb.head  # "they control the TTP or allow it …"
        return {self.mention_of.get(c.i) or self.resolved.get(c.i)
                for c in verb.children if c.dep_ == "nsubj"}

    def _attacker(self, tok: Token) -> set[str | None]:
        """ "the Taliban crushed its remaining fighters": the owner of what a hostile
        verb strikes is not the one striking."""
        if tok.dep_ != "poss":
            return set()
        node = tok.head
        while node.dep_ in ("dobj", "pobj", "prep", "conj", "compound") and node.head.i != node.i:
            node = node.head
            if node.pos_ == "VERB":
                break
        if node.pos_ != "VERB" or node.lemma_.casefold() not in self.hostile_verbs:
            return set()
        return {self.mention_of.get(c.i) for c in node.children if c.dep_ == "nsubj"}

    def _speaker(self, tok: Token) -> set[int] | None:
        """The tokens of the speaker whose reported clause `tok` is the subject of:
        "X said it had …" (a subject pronoun of a speech verb's complement is its speaker)."""
        if tok.dep_ not in ("nsubj", "nsubjpass") or tok.head.dep_ != "ccomp":
            return None
        verb = tok.head.head
        if verb.lemma_.casefold() not in self.speech_verbs:
            return None
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if not subjects:
            return None
        plural = subjects[0].tag_ in ("NNS", "NNPS") or \
            any(c.dep_ == "conj" for c in subjects[0].children)
        if plural != (tok.lower_ in self.plural_words):
            return None  # "UN monitors say it receives …": "it" is not the monitors
        return {t.i for t in subjects[0].subtree}

    def _type(self, entity: str) -> EntityType | None:
        return self._types.get(entity)

    def _index(self) -> _Index:
        """The indexes of the lookups made once every anaphor is resolved (the candidates
        no longer change)."""
        if self._frozen is None:
            self._frozen = _Index(self.candidates)
        return self._frozen

    def _event_kind(self, words: list[str]) -> str:
        lowered = {w.casefold() for w in words} | {w.casefold()[:-1] for w in words
                                                     if w.endswith("s")}
        if lowered & self.operation_nouns:
            return "operation"
        return "attack" if lowered & self.event_nouns else "other"

    def _event(self, tok: Token) -> str | None:
        """ "the attack": the latest named event of its kind before it, or the report's main one."""
        kind = self._event_kind([tok.lemma_])
        # "the operation" may be a militant attack; "the attack" is never a state's operation
        kinds = ("operation", "attack") if kind == "operation" else (kind,)
        before = []  # the last of each kind before `tok`: (token, entity)
        for k in kinds:
            tokens, entities = self._events.get(k, ([], []))
            at = bisect_left(tokens, tok.i)
            if at:
                before.append((tokens[at - 1], entities[at - 1]))
        if before:
            return max(before)[1]
        # none named yet: the report's main event, the one it names most often (the first
        # named of those named as often)
        counts = [(n, -first, entity) for k in kinds
                  for entity, (n, first) in self._event_counts.get(k, {}).items()]
        return max(counts)[2] if counts else None


    def latest_event(self, tok: Token) -> str | None:
        """The event named last before `tok` in its paragraph or the one before."""
        index = self._index()
        at = bisect_left(index.event_tokens, tok.i)
        if not at:
            return None
        last = index.events[at - 1]  # the latest: no earlier one is nearer
        return last.entity if self.paragraph_of[tok.i] - last.paragraph <= 1 else None

    def plural(self, tok: Token) -> list[str]:
        """ "both groups", "the two groups": the last two groups named before; "they"
        after "X and Y …": both of them."""
        if tok.pos_ == "PRON" and tok.lower_ in self.plural_words:
            return self._conjoined(self.resolve(tok), tok)
        bare = tok.lower_ in ("both", "two") and tok.dep_ in ("nsubj", "nsubjpass")
        lemma = tok.lemma_.casefold()
        states = lemma in self._state_like
        if not bare and ((lemma not in self.group_nouns and not states) or
                         tok.tag_ not in ("NNS", "NNPS") or
                         not any(c.lower_ in ("both", "two") for c in tok.lefts)):
            return []  # only "both groups", "the two movements", or "the two" as a subject
        # "the two governments", "both sides": the last two states; else the last two groups
        wanted = EntityType.STATE if states else EntityType.ARMED_GROUP
        if states:  # only a pair the text named together ("Iran and Pakistan … the two")
            paragraph = self.paragraph_of[tok.i]
            for n in range(bisect_left(self._tokens, tok.i) - 1, -1, -1):
                c = self.candidates[n]
                if paragraph - c.paragraph > 1:
                    break  # the candidates before are further back still
                if c.type == wanted and c.coordinated:
                    pair = self._conjoined(c.entity, tok)
                    return pair if len(pair) == 2 else []
            return []
        index = self._index()  # the last group named before, and the last other one
        at = bisect_left(index.group_tokens, tok.i)
        if not at:
            return []
        other = index.other_group[at - 1]
        if other is None:
            return []
        return [index.groups[other].entity, index.groups[at - 1].entity]

    def _conjoined(self, entity: str | None, tok: Token) -> list[str]:
        mention = None
        if entity is not None:
            index = self._index()
            tokens = index.entity_tokens.get(entity, [])
            at = bisect_left(tokens, tok.i)
            mention = index.entity_candidates[entity][at - 1] if at else None
        if mention is None or not mention.coordinated:
            return []
        head = self.doc[mention.token]
        while head.dep_ in ("compound", "amod", "flat") and head.head.i != head.i:
            head = head.head
        while head.dep_ == "conj":
            head = head.head
        group = [head, *[t for t in head.subtree if t.dep_ == "conj" and t.head.i in
                         {head.i, *[c.i for c in head.subtree]}]]
        found = [self.mention_of[t.i] for t in group if t.i in self.mention_of]
        found = list(dict.fromkeys(found))
        return found if len(found) > 1 else []

class _Index:
    """The candidates of a document by entity, and its events and armed groups in order."""

    def __init__(self, candidates: list[_Candidate]) -> None:
        self.entity_candidates: dict[str, list[_Candidate]] = {}
        for c in candidates:
            self.entity_candidates.setdefault(c.entity, []).append(c)
        self.entity_tokens = {e: [c.token for c in found]
                              for e, found in self.entity_candidates.items()}
        self.events = [c for c in candidates if c.type == EntityType.EVENT]
        self.event_tokens = [c.token for c in self.events]
        self.groups = [c for c in candidates if c.type == EntityType.ARMED_GROUP]
        self.group_tokens = [c.token for c in self.groups]
        # other_group[k]: the last group mention before groups[k] naming another group
        self.other_group: list[int | None] = []
        for k, c in enumerate(self.groups):
            if k == 0:
                self.other_group.append(None)
            elif self.groups[k - 1].entity != c.entity:
                self.other_group.append(k - 1)
            else:
                self.other_group.append(self.other_group[k - 1])


def is_expletive(tok: Token) -> bool:
    """ "It is believed that …", "it seems …": an "it" that refers to nothing."""
    if tok.dep_ == "expl":
        return True
    if tok.dep_ == "nsubj" and tok.head.lemma_ == "be" and any(
            t.dep_ in ("xcomp", "acl", "relcl", "ccomp") and
            any(a.dep_ == "aux" and a.lower_ == "to" for a in t.children)
            for c in tok.head.children if c.dep_ in ("attr", "acomp", "xcomp", "ccomp")
            for t in [c, *c.children]):
        return True  # "It is a crime to provide support to …"
    return any(c.dep_ in ("ccomp", "xcomp", "csubj") and
               any(m.dep_ == "mark" and m.lower_ in ("that", "whether") for m in c.children)
               for c in tok.head.children) and tok.dep_ in ("nsubj", "nsubjpass")


def _objective(tok: Token) -> bool:
    """An object pronoun, by its role or by its form ("them" in "made them its target")."""
    return tok.dep_ in ("dobj", "pobj", "dative") or tok.lower_ in ("them", "him")
