"""Point "the group", "they", "it", "he" back at the most recent suitable actor of the paragraph.

A deliberately small resolver: candidates are entity mentions earlier in the
same paragraph, at most three sentences back; grammatical subjects are
preferred; a candidate must fit the anaphor (a person for "he", a group for
"the group"). Anything else is left unresolved rather than guessed.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

import numpy
from spacy.attrs import IDX, LEMMA, LOWER, POS
from spacy.parts_of_speech import AUX, VERB
from spacy.strings import hash_string
from spacy.tokens import Doc, Token

from threatnet.extract.conflict_words import DEMONYMS
from threatnet.extract.cue_lexicon import load_cues
from threatnet.extract.frames import load_frames
from threatnet.extract.incident_dateline import find_dateline
from threatnet.extract.sentences import sentences
from threatnet.model import Entity, EntityType, Mention
from threatnet.resources import load_data

_LINE_BREAK = re.compile("\n")
_QUOTE_MARK = re.compile("[\u201c\u201d\"]|``|''")
TEXT_KEY = "threatnet.text"  # Doc.user_data: the text it was parsed from (extract.incidents)
GROUPS = {EntityType.ARMED_GROUP, EntityType.ORGANIZATION, EntityType.GOVERNMENT_BODY}
ACTORS = GROUPS | {EntityType.STATE, EntityType.PERSON}
MAX_SENTENCES_BACK = 3
PAIR_WORDS = frozenset({"both", "two"})
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
    quote: int = 0        # the quotation it stands in (0: none)
    demonym: bool = False  # a state as a modifier ("Afghan strikes", "US raids"): not "it"


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
    words["split_verbs"] = frozenset(
        lemma for lemma, found in frames.verbs.items()
        if any(f.predicate == "splinter_of" and f.object != ("dobj",) for f in found)
        and lemma not in ("found", "form", "create", "establish", "set", "start", "launch",
                          "build", "emerge"))
    data = load_data("coref.yaml")
    for name in ("parent_words", "offshoot_words", "leading_verbs", "partitive_heads",
                 "unnamed_people", "generic_nouns", "name_heads", "member_nouns",
                 "banned_verbs"):
        words[name] = frozenset(data[name])
    return words


@lru_cache(maxsize=4)
def _word_hashes(words: frozenset[str]) -> numpy.ndarray:
    """The hashes spaCy gives these words' forms and lemmas (lower case and capitalised)."""
    forms = {f for w in words for f in (w, w.capitalize(), w.upper())}
    return numpy.array(sorted(hash_string(f) for f in forms), dtype=numpy.uint64)


def _member(values: numpy.ndarray, sorted_words: numpy.ndarray) -> numpy.ndarray:
    """Which of `values` are in `sorted_words` (a binary search each, in numpy)."""
    at = numpy.minimum(numpy.searchsorted(sorted_words, values), len(sorted_words) - 1)
    return sorted_words[at] == values


@lru_cache(maxsize=1)
def _discourse_data() -> tuple[dict[str, str], dict[str, int]]:
    """Role noun -> its class, and "former"/"latter" -> position in the pair."""
    data = load_data("coref.yaml")
    roles = {word: name for name, found in data["role_classes"].items() for word in found}
    return roles, dict(data["pair_positions"])


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
        self.split_verbs = words["split_verbs"]
        self.parent_words, self.offshoot_words = words["parent_words"], words["offshoot_words"]
        self.leading_verbs = words["leading_verbs"]
        self.partitive_heads, self.unnamed_people = words["partitive_heads"], \
            words["unnamed_people"]
        self.generic_nouns = words["generic_nouns"]
        self.member_nouns = words["member_nouns"]
        self.banned_verbs = words["banned_verbs"]
        self.name_heads = words["name_heads"]
        self.role_class, self.pair_positions = _discourse_data()
        self._discourse_words = frozenset(self.role_class) | frozenset(self.pair_positions) | \
            self.group_nouns | self.offshoot_words | {"parent"}
        self.doc = doc
        self.sent_of: list[int] = [0] * len(doc)  # token -> its sentence's number
        self._sent_starts: list[int] = []  # first token of each sentence
        for n, sent in enumerate(sentences(doc)):
            self._sent_starts.append(sent.start)
            self.sent_of[sent.start:sent.end] = [n] * (sent.end - sent.start)
        self.paragraph_of = self._paragraphs(doc)
        self.quote_of = _quotes(doc, self.paragraph_of)
        self.candidates: list[_Candidate] = []
        text = doc.user_data.get(TEXT_KEY) or doc.text
        dateline = find_dateline(text, None) if len(doc) else None
        # the agency of a dateline ("(Reuters) -") is no one's antecedent
        self._dateline_end = dateline.end if dateline else -1
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
            words = [head] if end == i == head.i else [head, *(doc[k] for k in range(i, end + 1))]
            # "X and Y"; a conj inside the mention's own words ("Jaish-e-Mohammed") is none
            # (the parser may hang the "and" on any word of a hyphened name)
            coordinated = head.dep_ == "conj" or any(
                c.dep_ == "conj" and not i <= c.i <= end
                for t in words for c in t.children) or any(
                t.dep_ == "conj" and not i <= t.head.i <= end for t in words)
            inside = i <= head.i <= end
            noun = head.lemma_.casefold() if not inside else ""
            # what the text calls it besides ("the anti-Shia party SSP", "SSP, the party
            # founded by …"), when that word tells it apart (a "group" does not)
            if not noun:
                called = [head.head] if head.dep_ == "appos" else []
                called += [c for t in words for c in t.children
                           if (c.dep_ == "compound" and not i <= c.i <= end) or
                           (c.dep_ == "appos" and t.i == head.i)]
                noun = next((c.lemma_.casefold() for c in called if c.pos_ == "NOUN" and
                             c.lemma_.casefold() not in self.generic_nouns), "")
            verb = top.head
            self.candidates.append(_Candidate(
                i, entity, types[entity], subject, subject and head.head.dep_ == "ROOT",
                coordinated, self.sent_of[i], self.paragraph_of[i],
                # "UN monitors", not an acronym the tagger calls plural ("LeJ"); a subject
                # its verb makes plural ("the Taliban fail to …") is not "it" either
                (head.tag_ == "NNS" and inside and head.text[-1:] == "s" and
                 not head.text.isupper()) or
                (subject and not coordinated and (verb.tag_ == "VBP" or any(
                    c.dep_ in ("aux", "auxpass") and c.lower_ in ("are", "were", "have")
                    for c in verb.children) or verb.lower_ in ("are", "were"))),
                (not inside and head.tag_ == "NN" and
                 head.lemma_.casefold() in self.role_nouns) or tok.idx < self._dateline_end,
                noun, self.quote_of.get(i, 0),
                types[entity] == EntityType.STATE and end == i and (
                    tok.ent_type_ == "NORP" or (tok.dep_ in ("amod", "compound", "nmod") and
                                                tok.head.pos_ == "NOUN"))))
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
        # running discourse state, updated as the walk passes each mention (linear):
        # how often each group was named (the report's topic), the actors named last
        # ("the former"), the splits told ("its parent group") and the people named in a
        # role ("the group's chief")
        first_of = {c.token: c for c in self.candidates}
        counts: dict[str, int] = {}
        self._leader: str | None = None  # the group named most so far
        self._second = 0  # how often the next one was named
        self._topic_tokens: list[int] = []
        self._topics: list[str | None] = []
        self._recent: dict[str, list[tuple[int, str]]] = {}  # class -> [(token, entity)]
        self._splits: list[tuple[int, str | None, str | None]] = []  # token, offshoot, parent
        self._roles: list[tuple[int, str, str, str | None]] = []  # token, class, person, owner
        self._called: dict[str, set[str]] = {}  # "party" -> the entities the text called so
        self._groups_seen: list[tuple[int, str]] = []  # armed groups named, a new one each
        self._pairs: dict[int, tuple[str, str]] = {}  # "Both", "both groups", "they": a pair
        self._chosen: dict[int, int] = {}  # anaphor -> the candidate token it was given
        self._topic_paragraphs: dict[int, str] = {}  # paragraph -> the topic it pointed at
        # only the words that can matter are visited (picked out in numpy, not one by one)
        for i in self._visited(doc, first_of):  # in text order: "the group" antecedes "it"
            tok = doc[i]
            c = first_of.get(i)
            if c is not None:
                self._note(c, counts)
            pair = self._walk_pair(tok)
            if pair is not None:  # "Both fight …, but they …": a pair to point back at
                self._pairs[tok.i] = pair
                if tok.i not in self.resolved:
                    self._add(tok, pair[1], types[pair[1]], pair=True)
            if self.is_anaphor(tok):
                entity = self._resolve(tok)
                self.resolved[tok.i] = entity
                chosen = self._chosen.get(tok.i)
                if entity is not None and tok.lower_ in self.plural_words and \
                        chosen in self._pairs:
                    self._pairs[tok.i] = self._pairs[chosen]  # "they" -> "their"
                if tok.pos_ != "PRON" and tok.lemma_.casefold() in self.group_nouns:
                    self._group_anaphors.append(tok.i)
                if entity is not None and (tok.dep_ in ("nsubj", "nsubjpass") or (
                        tok.dep_ == "poss" and tok.head.dep_ in ("nsubj", "nsubjpass"))):
                    # "The group's attacks have struck …. It claimed …": the subject's
                    # owner is as salient as the subject
                    self._add(tok, entity, types[entity], pair=tok.i in self._pairs)
            lemma = tok.lemma_.casefold()
            if lemma in self.split_verbs or lemma in self.offshoot_words:
                self._note_split(tok)
            if lemma in self.role_class or lemma in self.leading_verbs:
                self._note_role(tok)

    def _visited(self, doc: Doc, first_of: dict[int, _Candidate]) -> list[int]:
        """The tokens the walk must see: mentions, and words whose form or lemma is one
        of the discourse words."""
        words = _word_hashes(self._pronouns | self._anaphor_nouns | self._discourse_words |
                             self.split_verbs | self.leading_verbs | self.offshoot_words |
                             PAIR_WORDS | self.name_heads)
        if not len(doc):
            return []
        forms = doc.to_array([LOWER, LEMMA])
        hits = numpy.nonzero(_member(forms[:, 0], words) | _member(forms[:, 1], words))
        return sorted({*hits[0].tolist(), *first_of})

    @staticmethod
    def _paragraphs(doc: Doc) -> list[int]:
        """Token -> its paragraph: how many tokens before it hold or end in a line break
        (found from the text's line breaks, not by visiting every token). A question and
        its answer are one paragraph."""
        text = doc.user_data.get(TEXT_KEY) or doc.text
        if "\n" not in text:
            return [0] * len(doc)
        starts = doc.to_array([IDX]).astype(numpy.int64)
        # an answer goes on with the question it answers ("Q: … Allah Nazar? A: … He led
        # the BLF"): a break after a question mark opens no new paragraph
        kept, last, seen = [], "", 0
        for m in _LINE_BREAK.finditer(text):  # (one pass: the text since the last break)
            since = text[seen:m.start()].rstrip()
            last, seen = since[-1:] or last, m.start()
            if last != "?":
                kept.append(m.start())
        breaks = numpy.array(kept, dtype=numpy.int64)
        if not len(breaks):
            return [0] * len(doc)
        owners = numpy.searchsorted(starts, breaks, side="right") - 1  # sorted
        owners = owners[numpy.concatenate(([True], owners[1:] != owners[:-1]))]
        return numpy.searchsorted(owners, numpy.arange(len(doc)), side="left").tolist()

    def _add(self, tok: Token, entity: str, etype: EntityType, pair: bool = False) -> None:
        clause = tok.head.head if tok.dep_ == "poss" else tok.head
        subject = tok.dep_ in ("nsubj", "nsubjpass", "poss") or self._verb_determiner(tok)
        candidate = _Candidate(tok.i, entity, etype, subject,
                               subject and clause.dep_ == "ROOT", pair,
                               self.sent_of[tok.i], self.paragraph_of[tok.i], plural=pair,
                               quote=self.quote_of.get(tok.i, 0))
        at = bisect_right(self._tokens, tok.i)
        self.candidates.insert(at, candidate)
        self._tokens.insert(at, tok.i)
        if etype == EntityType.EVENT:
            self._index_event(candidate)

    # -- the running discourse state ------------------------------------------------

    def _note(self, c: _Candidate, counts: dict[str, int]) -> None:
        """Pass one mention: the report's topic and the actors named last."""
        if c.weak or c.quote:
            return
        if c.noun:
            self._called.setdefault(c.noun, set()).add(c.entity)
        head = self.names.get(c.entity, "").rsplit(" ", 1)[-1].casefold()
        if head in self.name_heads and c.type in GROUPS:  # "the Haqqani Network"
            self._called.setdefault(f"name:{head}", set()).add(c.entity)
        kind = _actor_class(c.type)
        if kind is None:
            return
        recent = self._recent.setdefault(kind, [])
        if recent and recent[-1][1] == c.entity:
            recent[-1] = (c.token, c.entity)
        else:
            recent.append((c.token, c.entity))
            del recent[:-3]
        if kind != "group":
            return
        if c.type == EntityType.ARMED_GROUP and (
                not self._groups_seen or self._groups_seen[-1][1] != c.entity):
            self._groups_seen.append((c.token, c.entity))
        # the most named group and how often the runner-up was named, kept as the counts
        # grow by one (no ranking of every group at every mention)
        n = counts[c.entity] = counts.get(c.entity, 0) + 1
        leader = self._leader
        if leader is None or c.entity == leader:
            self._leader = c.entity
        elif n > counts[leader]:
            self._leader, self._second = c.entity, counts[leader]
        else:
            self._second = max(self._second, n)
        top = self._leader
        topic = top if counts[top] >= 2 and counts[top] >= 2 * self._second else None
        if not self._topics or self._topics[-1] != topic:
            self._topic_tokens.append(c.token)
            self._topics.append(topic)

    def _walk_pair(self, tok: Token) -> tuple[str, str] | None:
        """ "Both fight …", "banned both", "both groups", "the two groups": the last two
        armed groups named near, as the walk passes them (a pair "they" may point back at)."""
        lower = tok.lower_
        if lower in ("both", "two"):
            if not (tok.dep_ in ("nsubj", "nsubjpass") or self._verb_determiner(tok) or
                    (lower == "both" and tok.dep_ in ("dobj", "pobj") and
                     not any(True for _ in tok.children))):
                return None
        elif not (tok.pos_ == "NOUN" and tok.tag_ == "NNS" and
                  tok.lemma_.casefold() in self.group_nouns and
                  any(c.lower_ in ("both", "two") for c in tok.lefts)):
            return None
        seen = [(i, e) for i, e in self._groups_seen[-2:] if i < tok.i]
        if len(seen) < 2 or not all(self._near(i, tok) for i, _ in seen):
            return None
        return seen[0][1], seen[1][1]

    def _topic_at(self, i: int) -> str | None:
        """The group the report is about so far: named at least twice, and at least twice
        as often as any other (a profile's subject, an incident report's perpetrator)."""
        at = bisect_left(self._topic_tokens, i)
        return self._topics[at - 1] if at else None

    def _entity_at(self, t: Token) -> str | None:
        """The entity a noun phrase's head names: a mention, a resolved anaphor, or the
        name set beside it ("its offshoot Jamaat-ul-Ahrar")."""
        found = self.mention_of.get(t.i) or self.resolved.get(t.i)
        if found is None:
            found = next((self.mention_of[c.i] for c in t.children
                          if c.dep_ in ("compound", "appos", "flat") and c.i in self.mention_of),
                         None)
        return found

    def _note_split(self, tok: Token) -> None:
        """ "JuA split from the TTP", "JuA, an offshoot of the TTP": which side broke away."""
        holders = [tok, *[c for c in tok.children if c.dep_ in ("prt", "advmod")]]
        parent = next((self._entity_at(p) for holder in holders for prep in holder.children
                       if prep.dep_ == "prep" and prep.lower_ in ("from", "of", "with")
                       for p in prep.children if p.dep_ == "pobj"), None)
        if parent is None:
            return
        named = [e for c in tok.children if c.dep_ in ("compound", "nmod")
                 for e in [self._entity_at(c)] if e is not None]
        if tok.pos_ == "NOUN" and named:
            offshoot = named[-1]  # "JuA split from the TTP", parsed as a noun
        elif tok.pos_ in ("VERB", "AUX"):
            verb = tok
            while not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children) and \
                    verb.dep_ in ("conj", "xcomp") and verb.head.i != verb.i:
                verb = verb.head
            offshoot = next((self._entity_at(c) for c in verb.children
                             if c.dep_ in ("nsubj", "nsubjpass")), None)
        elif tok.dep_ == "appos":
            offshoot = self._entity_at(tok.head)
        elif tok.dep_ == "attr":
            offshoot = next((self._entity_at(c) for c in tok.head.children
                             if c.dep_ == "nsubj"), None)
        else:
            return
        if offshoot is not None and offshoot != parent and \
                self._type(offshoot) in GROUPS and self._type(parent) in GROUPS:
            self._splits.append((tok.i, offshoot, parent))

    def _note_role(self, tok: Token) -> None:
        """A person named in a role: "X, the group's chief", "the leader of the TTP, X",
        "X is the commander of LeJ", "under the leadership of X", "led by X"."""
        lemma = tok.lemma_.casefold()
        if lemma in self.leading_verbs:  # "ISKP, led by X" / "ISKP is headed by X"
            people = [p for a in tok.children if a.dep_ == "agent"
                      for p in a.children if p.dep_ == "pobj"]
            owner_tok = tok.head if tok.dep_ == "acl" else next(
                (c for c in tok.children if c.dep_ == "nsubjpass"), None)
            kind = "leader"
        else:
            kind = self.role_class[lemma]
            people = [c for c in tok.children if c.dep_ in ("appos", "compound", "flat")]
            if tok.dep_ in ("appos", "compound"):
                people.append(tok.head)
            if tok.dep_ == "attr":
                people += [c for c in tok.head.children if c.dep_ == "nsubj"]
            if tok.dep_ == "nsubj":
                people += [c for c in tok.head.children if c.dep_ == "attr"]
            people += [p for prep in tok.children if prep.dep_ == "prep" and
                       prep.lower_ == "of" and lemma == "leadership"
                       for p in prep.children if p.dep_ == "pobj"]
            owner_tok = None
            if lemma == "leadership":  # "ISKP has been under the leadership of X"
                verb = tok.head.head if tok.dep_ == "pobj" else tok.head
                owner_tok = next((c for c in verb.children
                                  if c.dep_ in ("nsubj", "nsubjpass")), None)
        persons = [e for p in people for e in [self._entity_at(p)]
                   if e is not None and self._type(e) == EntityType.PERSON]
        if not persons:
            return
        owner = self._entity_at(owner_tok) if owner_tok is not None else None
        if owner is None and lemma != "leadership" and lemma not in self.leading_verbs:
            owner = next((e for c in tok.children if c.dep_ in ("poss", "compound", "nmod")
                          for e in [self._entity_at(c)]
                          if e is not None and self._type(e) in GROUPS), None) or next(
                (e for prep in tok.children if prep.dep_ == "prep" and prep.lower_ == "of"
                 for p in prep.children if p.dep_ == "pobj"
                 for e in [self._entity_at(p)] if e is not None and self._type(e) in GROUPS),
                None)
        if owner is not None and self._type(owner) not in GROUPS:
            owner = None
        self._roles.append((tok.i, kind, persons[0], owner))

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
        if tok.i in self.mentioned:
            return False
        lemma = tok.lemma_.casefold()
        if lemma in self._discourse_words and self._discourse_kind(tok) is not None:
            return True
        if self._name_head(tok) is not None:
            return True
        if lemma not in self._anaphor_nouns:
            return False
        if tok.tag_ == "NNS" and lemma in self.group_nouns and lemma not in self.armed_nouns:
            return False  # "the main Kashmir-focused groups" are several (see `plural`)
        if lemma in self.group_nouns and any(
                c.dep_ == "prep" and c.lower_ == "of" and
                any(p.dep_ == "pobj" and p.i in self.mentioned for p in c.children)
                for c in tok.rights):
            return False  # "the armed wing of the MDI" describes, it does not point back
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

    def _discourse_kind(self, tok: Token) -> str | None:
        """ "pair" ("the former"), "parent" ("its parent group"), "offshoot" ("the
        splinter"), "role" ("the group's chief"), or None for any other word."""
        if tok.pos_ not in ("NOUN", "ADJ", "PROPN") or tok.dep_ in ("amod", "compound"):
            return None
        lemma = tok.lemma_.casefold()
        lefts = list(tok.lefts)
        determined = any(c.lower_ in ("the", "this", "that") or c.dep_ == "poss" for c in lefts)
        if not determined:
            return None
        named = any(c.dep_ in ("appos", "flat") or (c.dep_ == "compound" and
                                                    c.pos_ == "PROPN") for c in tok.children)
        if tok.lower_ in self.pair_positions and tok.dep_ not in ("appos",) and \
                not any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.rights):
            return "pair"
        if named:
            return None
        modifiers = {c.lower_ for c in lefts if c.dep_ in ("amod", "compound")}
        if lemma == "parent" or (lemma in self.group_nouns and modifiers & self.parent_words):
            return "parent"
        splitting = lemma in self.offshoot_words or (lemma in self.group_nouns and
                                                      modifiers & self.offshoot_words)
        if splitting and not any(c.dep_ == "prep" and c.lower_ in ("of", "from")
                                 for c in tok.rights):  # "an offshoot of X" is the frame
            return "offshoot"
        if lemma in self.role_class and lemma != "leadership" and tok.pos_ == "NOUN" and \
                tok.tag_ == "NN" and tok.dep_ not in ("appos", "attr") and \
                not any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.rights):
            return "role"
        return None

    def _name_head(self, tok: Token) -> str | None:
        """ "the network" after "the Haqqani Network": the one group of the paragraph
        whose name ends in the noun, or None."""
        lemma = tok.lemma_.casefold()
        if lemma not in self.name_heads or tok.tag_ != "NN" or \
                not any(c.lower_ in ("the", "this", "that") for c in tok.lefts) or \
                any(c.dep_ in ("amod", "compound", "poss") for c in tok.lefts) or \
                any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.rights):
            return None
        called = self._called.get(f"name:{lemma}", set())
        if not called:
            return None
        paragraph = self.paragraph_of[tok.i]
        first = self._sent_starts[max(0, self.sent_of[tok.i] - MAX_SENTENCES_BACK)]
        near = {c.entity for c in self.candidates[bisect_left(self._tokens, first):
                                                  bisect_left(self._tokens, tok.i)]
                if c.entity in called and c.paragraph == paragraph and not c.quote}
        return near.pop() if len(near) == 1 else None

    def _resolve(self, tok: Token, only: set[EntityType] | None = None) -> str | None:
        lower = tok.lower_
        if only is None and tok.pos_ != "PRON":
            named = self._name_head(tok)
            if named is not None:
                return named
        kind = self._discourse_kind(tok) if only is None else None
        if kind == "pair":
            return self._pair_member(tok)
        if kind in ("parent", "offshoot"):
            return self._split_side(tok, kind)
        if kind == "role":
            return self._role_person(tok)
        if only is not None:
            allowed = only
        elif lower in self.person_words:
            allowed = {EntityType.PERSON}
        elif tok.pos_ == "PRON" and lower in self.neuter_words:
            allowed = GROUPS | {EntityType.STATE}
            if tok.dep_ == "poss" and tok.head.lemma_.casefold() in self.member_nouns:
                allowed = GROUPS  # "its commander", "its fighters": no state's
            elif tok.dep_ == "nsubjpass" and tok.head.lemma_.casefold() in self.banned_verbs:
                allowed = GROUPS  # "It is banned in Uzbekistan": no state is banned
        elif tok.pos_ == "PRON":
            allowed = GROUPS | {EntityType.STATE}
            if _objective(tok):  # "has made them its target"
                allowed = allowed | {EntityType.POPULATION}
        elif tok.lemma_.casefold() in self.event_nouns | self.operation_nouns:
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
        if lower == "it" and (is_expletive(tok) or self._thing_before(tok)):
            return None
        owner = self._relative_owner(tok, allowed)
        if owner is not None:
            return owner
        if self._partitive(tok):
            return None
        if lower in self.plural_words and self._unnamed_plural_subject(tok):
            return None
        if tok.pos_ != "PRON" and tok.dep_ == "appos" and \
                self._type(self.mention_of.get(tok.head.i, "")) in allowed:
            return self.mention_of[tok.head.i]  # "LeT, the Pakistan-based group behind …"
        bound = self._bound_owner(tok, allowed)
        if bound is False:
            return None
        if bound:
            return bound  # "Daesh considers the JUI-F its rival"
        singular = lower in self.person_words or lower in self.neuter_words or \
            tok.pos_ != "PRON"
        # a pronoun object is never its own clause's subject ("Pakistan banned it")
        governor = tok.head if tok.dep_ != "nsubj" else tok.head.head  # small clauses
        if tok.dep_ == "pobj" and governor.head.pos_ in ("VERB", "AUX"):
            governor = governor.head  # "returned to it": the verb's subject
        while governor.dep_ == "conj" and not any(  # "split from X and rejoined it": the
                c.dep_ in ("nsubj", "nsubjpass") for c in governor.children):  # shared
            governor = governor.head  # subject of coordinated verbs
        # (nor the state of its subject's people: "Afghan forces fought them")
        own_subject = {self.mention_of.get(t.i) for c in governor.children
                       if c.dep_ in ("nsubj", "nsubjpass") and c.i != tok.i
                       for t in [c, *(m for m in c.children
                                      if m.dep_ in ("amod", "compound", "poss"))]} \
            if _objective(tok) else self._attacker(tok) | self._permitter(tok)
        if tok.pos_ != "PRON" and tok.dep_ in ("dobj", "pobj") and tok.head.lower_ != "as":
            # nor is "the group" ("the new outfit is a splinter of that group")
            subject = self._clause_subject(tok)
            if subject is not None:
                own_subject = own_subject | {self._entity_at(subject)}
        quote = self.quote_of.get(tok.i, 0)
        # the candidates before `tok` in its sentence and the MAX_SENTENCES_BACK before
        first = self._sent_starts[max(0, sentence - MAX_SENTENCES_BACK)]
        window = [c for c in self.candidates[bisect_left(self._tokens, first):
                                             bisect_left(self._tokens, tok.i)]
                  if c.quote in (0, quote)]  # words in quotation marks stay inside them
        listener = self._listener(tok)
        if tok.pos_ != "PRON" and tok.dep_ in ("nsubj", "nsubjpass"):
            speaker = self._speaker(tok, noun=True)
            spoken = [c for c in window if speaker and c.token in speaker and
                      c.type in allowed]
            if spoken:  # "A LeJ spokesman told CNN the group had carried it out"
                return spoken[0].entity
        stems = self._modifier_stems(tok)
        pool = [c for c in window
                if c.type in allowed and not c.weak and self._agrees(c.entity, stems)
                and c.entity not in own_subject and c.token not in listener
                and not (singular and c.coordinated and c.subject)
                and not (singular and c.token in self._pairs)
                and not (tok.pos_ == "PRON" and singular and c.plural)
                and not (c.demonym and lower in self.neuter_words)]
        if tok.pos_ == "PRON" and lower in self.plural_words:
            # "they": never one country ("Pakistan banned both. They …" is the pair), and a
            # plural antecedent (a pair, "X and Y", "the Taliban say") before a singular one
            pool = [c for c in pool if c.type != EntityType.STATE or c.coordinated or
                    self._people_of(c)]
            plural = [c for c in pool if c.coordinated or c.plural or c.token in self._pairs]
            here = [c for c in plural if c.paragraph == paragraph]
            if here or not any(c.paragraph == paragraph for c in pool):
                pool = here or plural or pool  # a plural of another paragraph never
                # outranks this paragraph's own actor ("The Taliban denied … Their …")
            people = self._unnamed_people_before(tok)
            if people is not None and not any(c.sentence > self.sent_of[people] for c in pool):
                return None  # "Three gunmen stormed the campus. Forces fought them"
        # the paragraph's own actors; an anaphor opening a paragraph looks back one
        # (a person pronoun further into a paragraph that named no one is someone the
        # text does not name: "indicted the subject … According to the indictment, he")
        pool = [c for c in pool if c.paragraph == paragraph] or \
            [c for c in pool if c.paragraph == paragraph - 1 and (
                lower not in self.person_words or self._opens_paragraph(tok))]
        if tok.pos_ != "PRON":  # "the party": the group the text called a party
            lemma = tok.lemma_.casefold()
            called = set() if lemma in self.generic_nouns else self._called.get(lemma, set())
            named = [c for c in window if (c.noun == lemma or c.entity in called) and
                     c.type in GROUPS and c.paragraph == paragraph and not c.weak and
                     c.entity not in own_subject]
            if named and tok.lemma_.casefold() in self.party_nouns | self.group_nouns:
                return named[-1].entity
        if not pool:
            # a profile's paragraph that names no group: the group the report is about
            topic = self._topic_at(tok.i)
            # a pronoun: "its" opening the paragraph, or "it" / "its" once the paragraph
            # has pointed at the topic ("After an operation routed its fighters, the
            # leadership moved to Nangarhar, where it keeps its main base")
            pronoun = tok.lower_ in self.neuter_words and (
                (tok.lower_ == "its" and self._opens_paragraph(tok)) or
                (topic is not None and self._topic_paragraphs.get(paragraph) == topic))
            if topic is not None and self._type(topic) in allowed and \
                    self._agrees(topic, stems) and \
                    (tok.pos_ != "PRON" or pronoun) and \
                    tok.lemma_.casefold() not in self.state_nouns | self.force_nouns and \
                    topic not in own_subject and not any(
                        c.paragraph == paragraph and c.type in allowed & GROUPS and
                        not c.weak for c in window):
                self._topic_paragraphs[paragraph] = topic
                return topic
            return None
        if singular and self._tied(tok, window, allowed, sentence):
            return None  # "The TTP and the BLA … The group …": a wrong actor is worse
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
                self._chosen[tok.i] = group[-1].token
                return group[-1].entity
        return None

    def _thing_before(self, tok: Token) -> bool:
        """ "gunmen fired on his car as it slowed": "it" subject of a clause hung on the verb
        just before it, whose object is a thing (no actor), is that thing."""
        clause = tok.head
        if tok.dep_ != "nsubj" or clause.dep_ != "advcl" or clause.head.i > tok.i or \
                not any(c.dep_ == "mark" for c in clause.children):
            return False
        governor = clause.head
        objects = [c for c in governor.children if c.dep_ == "dobj"] + \
            [g for c in governor.children if c.dep_ == "prep" for g in c.children
             if g.dep_ == "pobj"]
        return any(o.pos_ == "NOUN" and o.i < tok.i and
                   self._type(self.mention_of.get(o.i, "")) not in ACTORS for o in objects)

    def _modifier_stems(self, tok: Token) -> tuple[str, ...]:
        """The stems of the proper modifiers of a group noun that are no state's adjective
        ("the Baloch rebels": "baloc"), which its antecedent's name must contain."""
        if tok.pos_ == "PRON":
            return ()
        first = self._sent_starts[self.sent_of[tok.i]]
        return tuple(c.lower_[:5] for c in tok.lefts
                     if c.dep_ in ("amod", "compound") and c.text[:1].isupper() and
                     self._type(self.mention_of.get(c.i, "")) != EntityType.STATE and
                     c.lower_ not in DEMONYMS and
                     c.i != first and len(c.text) > 3 and c.text.isalpha())

    def _agreeing_groups(self, tok: Token, stems: tuple[str, ...]) -> list[str]:
        """The armed groups of the last few sentences of the paragraph whose names agree
        with a plural's modifiers, in the order they were named."""
        first = self._sent_starts[max(0, self.sent_of[tok.i] - MAX_SENTENCES_BACK)]
        paragraph = self.paragraph_of[tok.i]
        found: list[str] = []
        for c in self.candidates[bisect_left(self._tokens, first):
                                 bisect_left(self._tokens, tok.i)]:
            if c.type == EntityType.ARMED_GROUP and c.paragraph == paragraph and \
                    not c.weak and c.entity not in found and self._agrees(c.entity, stems):
                found.append(c.entity)
        return found

    def _agrees(self, entity: str, stems: tuple[str, ...]) -> bool:
        """"the Baloch rebels" are a group whose name says Baloch, never the TTP just named."""
        name = self.names.get(entity, "").casefold()
        return all(stem in name for stem in stems)

    def _people_of(self, c: _Candidate) -> bool:
        """A state named as the people it stands for ("Afghan officials … their
        government")."""
        t = self.doc[c.token]
        return t.dep_ in ("amod", "compound", "poss") and t.head.tag_ == "NNS"

    def _unnamed_plural_subject(self, tok: Token) -> bool:
        """ "Police said …, and they blamed …": a "they" continuing a clause whose subject
        is a plural the text does not name is that plural, no actor."""
        if tok.dep_ not in ("nsubj", "nsubjpass") or tok.head.dep_ != "conj":
            return False
        subject = next((c for c in tok.head.head.children
                        if c.dep_ in ("nsubj", "nsubjpass")), None)
        return subject is not None and subject.i not in self.mentioned and \
            subject.i not in self.resolved and subject.pos_ == "NOUN" and \
            (subject.tag_ == "NNS" or subject.lemma_.casefold() in self.force_nouns)

    def _unnamed_people_before(self, tok: Token) -> int | None:
        """The main subject of the sentence before `tok`'s, when it is a plural of people
        the text does not name ("Three gunmen stormed …"): its token, else None."""
        n = self.sent_of[tok.i]
        if n == 0 or self.paragraph_of[self._sent_starts[n - 1]] != self.paragraph_of[tok.i]:
            return None
        root = self.doc[self._sent_starts[n - 1]].sent.root
        subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        named = self.mention_of.get(subject.i) if subject is not None else None
        if subject is None or (named is not None and self._type(named) in ACTORS) or \
                subject.tag_ != "NNS" or \
                subject.lemma_.casefold() not in self.unnamed_people:
            return None
        return subject.i

    def _listener(self, tok: Token) -> set[int]:
        """The tokens of whom a speaker speaks to, when `tok` is in what was said:
        "A LeJ spokesman told CNN the group had …" is never about CNN."""
        node = tok
        while node.dep_ not in ("ccomp", "ROOT") and node.head.i != node.i:
            node = node.head
        if node.dep_ != "ccomp" or node.head.lemma_.casefold() not in self.speech_verbs:
            return set()
        return {t.i for c in node.head.children if c.dep_ in ("dobj", "dative")
                for t in c.subtree}

    def _tied(self, tok: Token, window: list[_Candidate], allowed: set[EntityType],
              sentence: int) -> bool:
        """The last main subject before `tok`'s sentence is "X and Y", both fitting, and
        nothing in `tok`'s own sentence or since decides between them."""
        if any(c.sentence == sentence and c.type in allowed for c in window):
            return False
        main = [c for c in window if c.main and c.type in allowed and not c.weak]
        if not main or not main[-1].coordinated:
            return False
        last = main[-1]
        if last.token in self._pairs:
            return True  # "Both recruit in Bajaur. The group …"
        head = self.doc[last.token]
        while head.dep_ in ("compound", "amod", "flat") and head.head.i != head.i:
            head = head.head
        if self.mention_of.get(head.i) != last.entity:
            return False  # "Taliban offensives and US strikes": names modifying nouns
        while head.dep_ == "conj":
            head = head.head
        partners = {self.mention_of.get(t.i) for t in [head, *head.subtree]
                    if t.i == head.i or t.dep_ == "conj"}
        partners = {e for e in partners if e is not None and self._type(e) in allowed}
        return len(partners) > 1 and not any(
            c.token > last.token and c.sentence > last.sentence and c.entity in partners
            for c in window)

    def _near(self, i: int, tok: Token) -> bool:
        """Token `i` lies in `tok`'s paragraph (or the one before, for an anaphor opening
        a paragraph) and at most MAX_SENTENCES_BACK sentences before it."""
        paragraph = self.paragraph_of[tok.i]
        return self.sent_of[tok.i] - self.sent_of[i] <= MAX_SENTENCES_BACK and \
            paragraph - self.paragraph_of[i] <= (1 if self._opens_paragraph(tok) else 0)

    def _opens_paragraph(self, tok: Token) -> bool:
        first = self._sent_starts[self.sent_of[tok.i]]
        return first == 0 or self.paragraph_of[first - 1] != self.paragraph_of[tok.i]

    def _pair_member(self, tok: Token) -> str | None:
        """ "the former" / "the latter": of the two actors of one kind named last, near."""
        position = self.pair_positions[tok.lower_]
        best: list[tuple[int, str]] | None = None
        for recent in self._recent.values():
            pair = [(i, e) for i, e in recent[-2:] if i < tok.i]
            if len(pair) == 2 and all(self._near(i, tok) for i, _ in pair) and \
                    (best is None or pair[1][0] > best[1][0]):
                best = pair
        return best[position][1] if best else None

    def _split_side(self, tok: Token, kind: str) -> str | None:
        """ "its parent group" / "the splinter": a side of the last split told near."""
        for i, offshoot, parent in reversed(self._splits):
            if i >= tok.i:
                continue
            if not self._near(i, tok):
                return None
            return parent if kind == "parent" else offshoot
        return None

    def _role_person(self, tok: Token) -> str | None:
        """ "the group's chief", "its leader", "the commander": the one person the
        paragraph named in that role (for that group, when the words name one)."""
        kind = self.role_class[tok.lemma_.casefold()]
        owner = next((e for c in tok.children if c.dep_ in ("poss", "compound")
                      for e in [self._entity_at(c)] if e is not None), None)
        people = set()
        for i, role, person, of in reversed(self._roles):
            if i >= tok.i:
                continue
            if not self._near(i, tok):
                break
            if role == kind and (owner is None or of is None or of == owner):
                people.add(person)
        return people.pop() if len(people) == 1 else None

    def _partitive(self, tok: Token) -> bool:
        """ "most of them", "23 of them", "among them": people just counted."""
        if tok.lower_ not in ("them", "they") or tok.dep_ != "pobj":
            return False
        prep = tok.head
        return prep.lower_ == "among" or (prep.lower_ == "of" and (
            prep.head.lower_ in self.partitive_heads or prep.head.like_num or
            prep.head.pos_ == "NUM"))

    def _clause_subject(self, tok: Token) -> Token | None:
        """The subject of the clause a possessive stands in, when the possessive is not
        inside that subject: "X named Y the governor of its province" (X)."""
        node = tok.head
        while node.head.i != node.i:
            if node.pos_ in ("VERB", "AUX"):
                subjects = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")]
                if subjects:
                    subject = subjects[0]
                    if subject.left_edge.i <= tok.i <= subject.right_edge.i:
                        return None
                    return subject
                if node.dep_ == "acl" and node.tag_ == "VBD":
                    return node.head  # "the group Azhar founded …", parsed as a modifier
                if node.dep_ not in ("conj", "xcomp", "advcl", "pcomp", "prep", "acl"):
                    return None
            elif node.dep_ in ("relcl", "appos"):
                return None
            node = node.head
        if node.pos_ in ("VERB", "AUX"):
            subject = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None and not subject.left_edge.i <= tok.i <= subject.right_edge.i:
                return subject
        return None

    def _bound_owner(self, tok: Token, allowed: set[EntityType]) -> str | None | bool:
        """A possessive pronoun belongs to its clause's subject: the entity (or False,
        when that subject is someone the text does not name: "a suicide bomber detonated
        his explosives", "fifty people lost their lives"), or None to decide otherwise."""
        if tok.dep_ != "poss" or tok.pos_ != "PRON":
            return None
        subject = self._clause_subject(tok)
        if subject is None:
            return None
        verb = subject.head
        if verb.lemma_.casefold() in self.hostile_verbs:
            return None  # "the Taliban crushed its remaining fighters"
        if any(c.dep_ == "mark" and c.lower_ in ("with", "for") for c in verb.children):
            return None  # "work with the police to safeguard its investments": no subject
        if subject.lower_ in ("who", "which", "that") and subject.head.dep_ == "relcl":
            subject = subject.head.head
        entity = self._entity_at(subject)
        plural = tok.lower_ in self.plural_words
        if entity is not None:
            coordinated = any(c.dep_ == "conj" for c in subject.children)
            if self._type(entity) in allowed and not coordinated and not plural:
                return entity
            return None
        owners = [e for c in subject.children if c.dep_ in ("compound", "poss", "amod")
                  for e in [self._entity_at(c)] if e is not None]
        if owners:
            return owners[0] if plural and self._type(owners[0]) in allowed else None
        if subject.pos_ != "NOUN":
            return None
        if tok.lower_ in ("his", "her") and subject.tag_ == "NN" and \
                subject.lemma_.casefold() in self.unnamed_people:
            return False
        if plural and subject.tag_ == "NNS":
            return False
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

    def _speaker(self, tok: Token, noun: bool = False) -> set[int] | None:
        """The tokens of the speaker whose reported clause `tok` is the subject of:
        "X said it had …" (a subject pronoun of a speech verb's complement is its speaker;
        with `noun`, the group a speaker speaks for: "a LeJ spokesman said the group …")."""
        if tok.dep_ not in ("nsubj", "nsubjpass") or tok.head.dep_ != "ccomp":
            return None
        verb = tok.head.head
        if verb.lemma_.casefold() not in self.speech_verbs:
            return None
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if not subjects:
            return None
        if noun:  # a person speaking for a group, not the group itself
            return None if subjects[0].i in self.mentioned else \
                {t.i for t in subjects[0].subtree}
        plural = subjects[0].tag_ in ("NNS", "NNPS") or verb.tag_ == "VBP" or \
            any(c.dep_ == "conj" for c in subjects[0].children)  # "the Taliban say it …"
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
            entity = self.resolve(tok)
            if tok.i in self._pairs and entity is not None:
                return list(self._pairs[tok.i])
            return self._conjoined(entity, tok)
        if tok.lower_ == "other" and tok.i and self.doc[tok.i - 1].lower_ == "each":
            return self._reciprocal(tok)
        if tok.lower_ == "both" and tok.i in self._pairs:
            return list(self._pairs[tok.i])  # "Pakistan banned both a month later"
        bare = tok.lower_ in ("both", "two") and (
            tok.dep_ in ("nsubj", "nsubjpass") or self._verb_determiner(tok))
        lemma = tok.lemma_.casefold()
        if tok.tag_ in ("NNS", "NNPS") and lemma in self.group_nouns | self.armed_nouns and \
                any(c.lower_ in ("the", "these", "those") for c in tok.lefts):
            stems = self._modifier_stems(tok)
            if stems:  # "the Sindhi groups": every group just named whose name says Sindh
                return self._agreeing_groups(tok, stems)
        states = lemma in self.state_nouns | self.force_nouns | {"side", "neighbour", "neighbor",
                                                                 "capital"}
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

    @staticmethod
    def _verb_determiner(tok: Token) -> bool:
        """ "Both recruit in Bajaur": the parser makes a subject "both" the verb's
        determiner (or "recruit" a noun, the sentence's root)."""
        verb = tok.head
        return tok.dep_ == "det" and tok.i < verb.i and tok.i == verb.left_edge.i and \
            (verb.pos_ == "VERB" or (verb.pos_ == "NOUN" and verb.dep_ == "ROOT")) and \
            not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)

    def dyad_subjects(self, verb: Token) -> list[str]:
        """Hook for the argument finder: the two groups a "Both" the parser hung on the
        verb as a determiner stands for ("Both recruit in the same districts"), or []."""
        for c in verb.children:
            if c.lower_ == "both" and self._verb_determiner(c):
                return self.plural(c)
        return []

    def _reciprocal(self, tok: Token) -> list[str]:
        """ "X and Y fought each other", "the two groups regard each other as rivals":
        the subjects of the verb "each other" is the object of."""
        verb = tok.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        for subject in verb.children:
            if subject.dep_ not in ("nsubj", "nsubjpass"):
                continue
            found = self.plural(subject)
            if not found and subject.i in self.mention_of:
                found = self._conjoined(self.mention_of[subject.i], tok)
            if len(found) > 1:
                return found
        return []

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


def _actor_class(etype: EntityType) -> str | None:
    if etype in (EntityType.ARMED_GROUP, EntityType.ORGANIZATION):
        return "group"
    if etype == EntityType.STATE:
        return "state"
    if etype == EntityType.PERSON:
        return "person"
    return None


def _quotes(doc: Doc, paragraph_of: list[int]) -> dict[int, int]:
    """The tokens inside quotation marks that hold someone's words (a verb: not a name
    such as "Khorasan Province" set in quotation marks), each with its quotation's number;
    a paragraph break closes an unbalanced quotation. Found from the text's quotation
    marks, not by visiting every token."""
    text = doc.user_data.get(TEXT_KEY) or doc.text
    marks = [m.start() for m in _QUOTE_MARK.finditer(text)]
    if not marks:
        return {}
    starts = doc.to_array([IDX]).astype(numpy.int64)
    at = numpy.searchsorted(starts, numpy.array(marks, dtype=numpy.int64), side="right") - 1
    pos = doc.to_array([POS])
    verbs = (pos == VERB) | (pos == AUX)
    out: dict[int, int] = {}
    opened: int | None = None
    n = 0
    for i in dict.fromkeys(at.tolist()):  # a mark token once, in order
        mark = doc[i].text
        closing = mark in ("\u201d", "''") or (mark == '"' and opened is not None)
        if opened is not None and paragraph_of[opened] != paragraph_of[i]:
            opened, closing = None, mark in ("\u201d", "''")  # left open at a line break
        if not closing:
            opened = i
            continue
        if opened is None:
            continue
        inside = range(opened + 1, i)
        n += 1
        if verbs[opened + 1:i].any():
            out.update(dict.fromkeys(inside, n))
        opened = None
    return out


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


# -- generic state-force nouns ---------------------------------------------------------

_PLACE_PREPS = frozenset({"in", "inside", "across", "throughout", "within"})
REPORT_SHARE = 0.75  # the report is set in a country that holds this share of its places


@lru_cache(maxsize=1)
def _state_data() -> tuple[dict[str, str], dict[str, dict[str, list[dict]]]]:
    data = load_data("coref.yaml")
    bodies = {region: {kind: ([{"id": v}] if isinstance(v, str) else list(v))
                       for kind, v in kinds.items()}
              for region, kinds in data["state_bodies"].items()}
    return dict(data["state_nouns"]), bodies


@lru_cache(maxsize=1)
def _body_kinds() -> dict[str, str]:
    """pack id of a state body -> its kind (army, police, …), from the `state_bodies` table."""
    return {option["id"]: kind for region in _state_data()[1].values()
            for kind, options in region.items() for option in options}


def _in_force(options: list[dict], published: str | None) -> str | None:
    for option in options:
        since, until = option.get("since"), option.get("until")
        if since is None and until is None:
            return option["id"]
        if published and (since is None or published >= since) and \
                (until is None or published < until):
            return option["id"]
    return None


def add_state_bodies(doc: Doc, found, pack, published: str | None = None) -> None:  # noqa: ANN001
    """Hook for the pipeline, right after the entity finder: "the army", "the military",
    "security forces", "the police", "the government" become mentions of the body of the
    country (or province) the sentence is set in (its places in the pack), else the body of
    that kind the report last named ("the Indian Army … the army"), else the one of the
    country the report is set in (at least REPORT_SHARE of its places); otherwise they stay
    no one's.
    `found` is the finder's DocEntities, changed in place."""
    nouns, bodies = _state_data()
    if not len(doc):
        return
    lemmas = doc.to_array([LEMMA])
    heads = _word_hashes(frozenset(w.split()[-1] for w in nouns) | {"force"})
    picked = numpy.nonzero(_member(lemmas, heads))[0].tolist()
    if not picked:
        return
    by_id = {e.id: e for e in found.entities}
    chains: dict[str, list[str]] = {}  # entity -> [its pack id, ancestors …]
    for e in found.entities:
        if e.pack_id and e.type in (EntityType.LOCATION, EntityType.STATE):
            chains[e.id] = [e.pack_id, *pack.ancestors(e.pack_id)]
    sentence_places: dict[int, list[list[str]]] = {}
    countries: dict[str, int] = {}
    starts = [s.start for s in sentences(doc)]
    last = None
    for i in sorted(found.token_entity):
        entity = found.token_entity[i]
        chain = chains.get(entity)
        if chain is None or (last == (i - 1, entity)):
            last = (i, entity)
            continue
        last = (i, entity)
        tok = doc[i]
        if by_id[entity].type == EntityType.STATE and not (
                tok.dep_ == "pobj" and tok.head.lower_ in _PLACE_PREPS):
            continue  # "Pakistan banned …" is an actor, not where the sentence is set
        country = next((p for p in chain if (pack.get(p) and pack.get(p).type ==
                                             EntityType.STATE)), None)
        if country is None:
            continue
        sentence_places.setdefault(bisect_right(starts, i) - 1, []).append(chain)
        countries[country] = countries.get(country, 0) + 1
    total = sum(countries.values())
    report = next((c for c, n in countries.items()
                   if n >= 2 and n >= REPORT_SHARE * total), None)
    next_id = max((int(e.id[1:]) for e in found.entities if e.id[1:].isdigit()), default=0) + 1
    by_pack = {e.pack_id: e for e in found.entities if e.pack_id}
    kinds = _body_kinds()
    named = sorted((i, kinds[by_id[e].pack_id]) for i, e in found.token_entity.items()
                   if by_id[e].pack_id in kinds)  # bodies the report names ("the Indian Army")
    named_at = [i for i, _ in named]
    for i in picked:
        span = _state_noun(doc[i], nouns, found.token_entity)
        if span is None:
            continue
        kind, start, end = span
        places = sentence_places.get(bisect_right(starts, i) - 1)
        last = next((found.token_entity[j] for j, k in
                     reversed(named[:bisect_right(named_at, i)]) if k == kind), None)
        if places:
            if len({next((p for p in chain if pack.get(p) and
                          pack.get(p).type == EntityType.STATE), None)
                    for chain in places}) != 1:
                continue  # places of two countries: no guess
            regions = [r for r in places[0] if all(r in chain for chain in places)]
        elif last is not None:  # "The Indian Army said … The army later said": that army
            entity = by_id[last]
            _mention(doc, found, entity, start, end)
            continue
        elif report is not None:
            regions = [report]
        else:
            continue
        body = next((b for r in regions for b in [_in_force(
            bodies.get(r, {}).get(kind, []), published)] if b is not None), None)
        if body is None and places and last is not None:
            # "the army might strike hideouts inside Afghanistan" (2023): the sentence's
            # country has no such body then; the one the report named last
            _mention(doc, found, by_id[last], start, end)
            continue
        if body is None and places and report is not None:
            body = _in_force(bodies.get(report, {}).get(kind, []), published)
        entry = pack.get(body) if body else None
        if entry is None:
            continue
        entity = by_pack.get(entry.id)
        if entity is None:
            entity = Entity(id=f"E{next_id}", name=entry.name, type=entry.type,
                            pack_id=entry.id)
            next_id += 1
            for alias in entry.names():
                entity.add_alias(alias)
            found.entities.append(entity)
            by_pack[entry.id] = entity
        _mention(doc, found, entity, start, end)


def _mention(doc: Doc, found, entity: Entity, start: int, end: int) -> None:  # noqa: ANN001
    text = doc[start:end]
    entity.mentions.append(Mention(text.start_char, text.end_char, text.text))
    entity.mentions.sort(key=lambda m: m.start)
    for k in range(start, end):
        found.token_entity[k] = entity.id


def _state_noun(tok: Token, nouns: dict[str, str],
                taken: dict[int, str]) -> tuple[str, int, int] | None:
    """ "the army", "the military's media wing", "security forces", "Police said": the
    noun's kind and its tokens, or None for a noun that names its own owner ("Iran's
    army", "the provincial government", "the government in Tashkent") or modifies another
    ("army chief", "police station")."""
    if tok.i in taken or tok.pos_ != "NOUN" or tok.dep_ in ("compound", "amod", "nmod"):
        return None
    start = tok.i
    lemma = tok.lemma_.casefold()
    if lemma == "force":  # "security forces", "the armed forces"
        kind = [c for c in tok.lefts if c.i == tok.i - 1 and (c.lower_, c.dep_) in (
            ("security", "compound"), ("armed", "amod"), ("armed", "compound"))]
        if tok.tag_ != "NNS" or not kind or kind[0].i in taken:
            return None
        start, lemma = kind[0].i, f"{kind[0].lower_} forces"
    kind = nouns.get(lemma)
    if kind is None:
        return None
    lefts = [c for c in tok.lefts if c.i < start]
    if any(c.dep_ not in ("det", "punct") for c in lefts):
        return None
    dets = [c.lower_ for c in lefts if c.dep_ == "det"]
    bare = tok.tag_ == "NNS" or lemma == "police"
    if dets != ["the"] and not (bare and not dets):
        return None
    if any(c.dep_ == "prep" and c.lower_ in ("of", "in", "for") and not (
            c.lower_ == "in" and lemma.endswith("forces") and
            any(o.i in taken for o in c.children if o.dep_ == "pobj"))
           for c in tok.rights):
        return None  # "the government of Iran" names its owner; "forces in Bannu" do not
    return kind, start, tok.i + 1

