"""Point "the group", "they", "it", "he" back at the most recent suitable actor of the paragraph.

A deliberately small resolver: candidates are entity mentions earlier in the
same paragraph, at most three sentences back; grammatical subjects are
preferred; a candidate must fit the anaphor (a person for "he", a group for
"the group"). Anything else is left unresolved rather than guessed.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from threatnet.extract.sentences import sentences
from threatnet.model import EntityType
from threatnet.resources import load_data

GROUPS = {EntityType.ARMED_GROUP, EntityType.ORGANIZATION, EntityType.GOVERNMENT_BODY}
ACTORS = GROUPS | {EntityType.STATE, EntityType.PERSON}
MAX_SENTENCES_BACK = 3


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


class Coreference:
    """Resolves anaphors of one document against its entity mentions."""

    def __init__(self, doc: Doc, token_entity: dict[int, str],
                 types: dict[str, EntityType], names: dict[str, str] | None = None) -> None:
        anaphors = load_data("lexicon.yaml")["anaphors"]
        self.group_nouns = frozenset(anaphors["group"])
        self.person_words = frozenset(anaphors["person"])
        self.plural_words = frozenset(anaphors["plural"])
        self.neuter_words = frozenset(anaphors["neuter"])
        self.event_nouns = frozenset(anaphors["event"])
        self.operation_nouns = frozenset(anaphors["operation"])
        self.names = names or {}
        self.capability_nouns = frozenset(anaphors["capability"])
        self.state_nouns = frozenset(anaphors["state"])
        self.force_nouns = frozenset(anaphors["forces"])
        self.doc = doc
        self.sent_of = {}
        self._sent_starts: list[int] = []  # first token of each sentence
        for n, sent in enumerate(sentences(doc)):
            self._sent_starts.append(sent.start)
            for tok in sent:
                self.sent_of[tok.i] = n
        self.paragraph_of = self._paragraphs(doc)
        self.candidates: list[_Candidate] = []
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
            while head.dep_ in ("compound", "amod", "flat") and head.head.i != head.i:
                head = head.head
            subject = head.dep_ in ("nsubj", "nsubjpass")
            coordinated = head.dep_ == "conj" or any(c.dep_ == "conj" for c in head.children)
            self.candidates.append(_Candidate(
                i, entity, types[entity], subject, subject and head.head.dep_ == "ROOT",
                coordinated, self.sent_of[i], self.paragraph_of[i]))
        self._tokens = [c.token for c in self.candidates]  # sorted: bisect, not scan
        self.resolved: dict[int, str | None] = {}
        for tok in doc:  # resolve in text order, so "the group" can antecede "it"
            if self.is_anaphor(tok):
                entity = self._resolve(tok)
                self.resolved[tok.i] = entity
                if entity is not None and tok.dep_ in ("nsubj", "nsubjpass"):
                    self._add(tok, entity, types[entity])

    @staticmethod
    def _paragraphs(doc: Doc) -> dict[int, int]:
        out, paragraph = {}, 0
        for tok in doc:
            out[tok.i] = paragraph
            if "\n" in tok.whitespace_ or (tok.is_space and "\n" in tok.text):
                paragraph += 1
        return out

    def _add(self, tok: Token, entity: str, etype: EntityType) -> None:
        candidate = _Candidate(tok.i, entity, etype, True, tok.head.dep_ == "ROOT", False,
                               self.sent_of[tok.i], self.paragraph_of[tok.i])
        at = bisect_right(self._tokens, tok.i)
        self.candidates.insert(at, candidate)
        self._tokens.insert(at, tok.i)

    def is_anaphor(self, tok: Token) -> bool:
        lower = tok.lower_
        if tok.pos_ == "PRON":
            return lower in self.person_words | self.plural_words | self.neuter_words
        lemma = tok.lemma_.casefold()
        if lemma in self.capability_nouns:
            return any(c.lower_ in ("such", "this", "these", "those", "the") for c in tok.lefts)
        if lemma in self.event_nouns | self.operation_nouns:
            # "the attack" points back; "the June 2014 attack on the airport" is a new one
            return (any(c.lower_ in ("the", "this", "that") for c in tok.lefts) and
                    not any(c.dep_ in ("nummod", "poss") or c.ent_type_ or c.pos_ == "PROPN"
                            for c in tok.lefts) and
                    not any(c.dep_ == "prep" and c.lower_ in ("on", "against", "in", "at")
                            for c in tok.rights))
        return (lemma in self.group_nouns | self.state_nouns | self.force_nouns and
                any(c.lower_ in ("the", "this", "that") for c in tok.lefts) and
                not any(c.dep_ in ("amod", "compound", "poss") and c.i in self.mentioned
                        for c in tok.lefts))

    def resolve(self, tok: Token) -> str | None:
        """The entity id an anaphor refers to, or None."""
        if tok.i in self.resolved:
            return self.resolved[tok.i]
        return self._resolve(tok) if self.is_anaphor(tok) else None

    def _resolve(self, tok: Token) -> str | None:
        lower = tok.lower_
        if lower in self.person_words:
            allowed = {EntityType.PERSON}
        elif tok.pos_ == "PRON" and lower in self.neuter_words:
            allowed = GROUPS | {EntityType.STATE}
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
        else:
            allowed = {EntityType.ARMED_GROUP, EntityType.ORGANIZATION}
        sentence, paragraph = self.sent_of[tok.i], self.paragraph_of[tok.i]
        if lower == "it" and is_expletive(tok):
            return None
        singular = lower in self.person_words or lower in self.neuter_words or \
            tok.pos_ != "PRON"
        # a pronoun object is never its own clause's subject ("Pakistan banned it")
        governor = tok.head if tok.dep_ != "nsubj" else tok.head.head  # small clauses
        own_subject = {self.mention_of.get(c.i) for c in governor.children
                       if c.dep_ in ("nsubj", "nsubjpass") and c.i != tok.i} \
            if _objective(tok) else set()
        # the candidates before `tok` in its sentence and the MAX_SENTENCES_BACK before
        first = self._sent_starts[max(0, sentence - MAX_SENTENCES_BACK)]
        window = self.candidates[bisect_left(self._tokens, first):
                                 bisect_left(self._tokens, tok.i)]
        pool = [c for c in window
                if c.type in allowed
                and c.entity not in own_subject
                and not (singular and c.coordinated and c.subject)]
        # the paragraph's own actors; an anaphor opening a paragraph looks back one
        pool = [c for c in pool if c.paragraph == paragraph] or \
            [c for c in pool if c.paragraph == paragraph - 1]
        if not pool:
            return None
        same_sentence = [c for c in pool if c.sentence == sentence]
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
        # a subject of this sentence, else the main subject of an earlier one, else any
        # earlier subject, else the nearest mention
        earlier = [c for c in pool if c.sentence < sentence]
        tiers = [[c for c in same_sentence if c.subject], [c for c in earlier if c.main],
                 [c for c in pool if c.subject], pool]
        if tok.pos_ != "PRON":  # "the group": a group named earlier in the same sentence
            tiers.insert(1, same_sentence)
        for group in tiers:
            if group:
                return group[-1].entity
        return None

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
        kinds = {"operation", "attack"} if kind == "operation" else {kind}
        events = [c for c in self.candidates if c.type == EntityType.EVENT and
                  self._event_kind(self.names.get(c.entity, "").split()) in kinds]
        before = [c for c in events if c.token < tok.i]
        if before:
            return before[-1].entity
        counts: dict[str, int] = {}
        for c in events:
            counts[c.entity] = counts.get(c.entity, 0) + 1
        # none named yet: the report's main event, the one it names most often
        return max(counts, key=lambda e: counts[e]) if counts else None


    def latest_event(self, tok: Token) -> str | None:
        """The event named last before `tok` in its paragraph or the one before."""
        paragraph = self.paragraph_of[tok.i]
        events = [c for c in self.candidates if c.type == EntityType.EVENT and c.token < tok.i
                  and paragraph - c.paragraph <= 1]
        return events[-1].entity if events else None

    def plural(self, tok: Token) -> list[str]:
        """ "both groups", "the two groups": the last two groups named before; "they"
        after "X and Y …": both of them."""
        if tok.pos_ == "PRON" and tok.lower_ in self.plural_words:
            return self._conjoined(self.resolve(tok), tok)
        bare = tok.lower_ in ("both", "two") and tok.dep_ in ("nsubj", "nsubjpass")
        if not bare and (tok.lemma_.casefold() not in self.group_nouns or
                         tok.tag_ not in ("NNS", "NNPS") or
                         not any(c.lower_ in ("both", "two") for c in tok.lefts)):
            return []  # only "both groups", "the two movements", or "the two" as a subject
        seen: list[str] = []
        for c in reversed(self.candidates):
            if c.token < tok.i and c.type == EntityType.ARMED_GROUP and c.entity not in seen:
                seen.append(c.entity)
            if len(seen) == 2:
                return seen[::-1]
        return []

    def _conjoined(self, entity: str | None, tok: Token) -> list[str]:
        mention = next((c for c in reversed(self.candidates)
                        if c.entity == entity and c.token < tok.i), None)
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

def is_expletive(tok: Token) -> bool:
    """ "It is believed that …", "it seems …": an "it" that refers to nothing."""
    if tok.dep_ == "expl":
        return True
    return any(c.dep_ in ("ccomp", "xcomp", "csubj") and
               any(m.dep_ == "mark" and m.lower_ in ("that", "whether") for m in c.children)
               for c in tok.head.children) and tok.dep_ in ("nsubj", "nsubjpass")


def _objective(tok: Token) -> bool:
    """An object pronoun, by its role or by its form ("them" in "made them its target")."""
    return tok.dep_ in ("dobj", "pobj", "dative") or tok.lower_ in ("them", "him")
