"""Who a deed's doer phrase names: the group behind "militants of the X", "X-affiliated
gunmen", "gunmen linked to X", "suspected X militants", and how sure the text is of it.

Incident summaries name the doers by an anonymous noun the group modifies rather than by
the group ("TTP militants", "fighters belonging to the Hafiz Gul Bahadur group"). The
parse finds most of them (`Arguments.subjects`); where the small parser breaks the phrase
(hyphened names: "Militants of the Lashkar-e-Jhangvi opened fire"; a participle taken for
the main verb: "Gunmen affiliated with the BLA killed …"), the doer phrase is read from
the surface: the words just before the deed verb, back to the clause's edge (a
punctuation mark, a subordinator, another finite verb). It names a group only when it
holds an anonymous doer noun (`anonymous_perpetrators`, `perpetrator_kinds`) and the
group is tied to it by a modifier, "of"/"from", or a participle of belonging
(`doer_ties`: linked to, affiliated with, belonging to). A hedge in the phrase
("suspected", "alleged", `doer_hedges`) is the claim's modality.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from threatnet.extract.incident_lexicon import IncidentLexicon
from threatnet.model import EntityType, Modality
from threatnet.resources import load_data

GROUPS = (EntityType.ARMED_GROUP, EntityType.ORGANIZATION)
MAX_PHRASE = 14  # tokens: a doer phrase is short
_PHRASE = load_data("attribution_words.yaml")["doer_phrase"]
CLAUSE_EDGES = frozenset(str(w).casefold() for w in _PHRASE["clause_edges"])
FIRST_PERSON = frozenset(str(w).casefold() for w in _PHRASE["first_person"])  # "we", in a quote
# what may stand between a doer noun and its group: "militants of the banned X"
JOINS = frozenset(str(w).casefold() for w in _PHRASE["joins"])
# "India-backed militants", "terrorists sponsored by X": a state's part in the doers' deed
STATE_TIES = frozenset(str(w).casefold() for w in _PHRASE["state_ties"])


class DoerReader:
    """Reads doer phrases of one document."""

    def __init__(self, lex: IncidentLexicon, token_entity: dict[int, str],
                 type_of: Callable[[str], EntityType | None],
                 resolve: Callable[[Token], str | None] | None = None) -> None:
        self.lex = lex
        self.token_entity = token_entity
        self.type_of = type_of
        # discourse: "a suicide bomber sent by the group" is the group's (coref.resolve)
        self.resolve = resolve or (lambda tok: None)
        self.doer_nouns = lex.anonymous | frozenset(lex.perpetrator_kinds)

    def phrase(self, verb: Token) -> list[Token]:
        """The words naming the doer: the passive's agent phrase, else the words right
        before the verb back to the clause's edge."""
        for child in verb.children:
            if child.dep_ == "agent":
                return [t for p in child.children if p.dep_ == "pobj" for t in p.subtree]
        out: list[Token] = []
        sent_start = verb.sent.start
        for k in range(verb.i - 1, max(sent_start, verb.i - MAX_PHRASE) - 1, -1):
            tok = verb.doc[k]
            if tok.lower_ in CLAUSE_EDGES:
                break
            if tok.pos_ in ("VERB", "AUX") and tok.lemma_.casefold() not in \
                    self.lex.doer_ties | frozenset(self.lex.doer_hedges) and \
                    tok.i not in self.token_entity:
                if tok.tag_ in ("VBD", "VBZ", "VBP", "MD") or tok.dep_ in ("aux", "auxpass"):
                    break
            out.insert(0, tok)
        return out

    def groups(self, verb: Token) -> list[str]:
        """The groups a doer phrase ties to its anonymous doers, in order."""
        words = self.phrase(verb)
        if any(t.lower_ in FIRST_PERSON for t in words):
            return self._speaking(verb)
        if not any(self._doer_noun(t) for t in words):
            return []
        if words[0].lower_ == "the" and len(words) == 2:
            return self._named_before(verb)
        if words[0].lower_ == "whose" and verb.dep_ == "relcl":
            # "the TTP, whose fighters stormed a police station": the clause's antecedent
            owner = self.token_entity.get(verb.head.i)
            return [owner] if owner and self.type_of(owner) in GROUPS else []
        found: list[str] = []
        for tok in words:
            owner = self.token_entity.get(tok.i) or self._referred(tok)
            if owner and self.type_of(owner) in GROUPS and owner not in found and \
                    self._tied(tok, words):
                found.append(owner)
        return found

    def of_noun(self, noun: Token) -> list[str]:
        """The groups tied to an anonymous doer noun in its own phrase, wherever the noun
        stands ("X militants were blamed for the attack", "blamed gunmen linked to X"):
        the words before it back to the clause's edge, and its own subtree after it."""
        if not self._doer_noun(noun) or noun.i in self.token_entity:
            return []
        words = [t for t in noun.subtree if t.i >= noun.i]
        for k in range(noun.i - 1, max(noun.sent.start, noun.i - MAX_PHRASE) - 1, -1):
            tok = noun.doc[k]
            if tok.lower_ in CLAUSE_EDGES or tok.pos_ in ("VERB", "AUX", "ADP") and \
                    tok.i not in self.token_entity and tok.lower_ not in JOINS:
                break
            words.insert(0, tok)
        found: list[str] = []
        for tok in words:
            owner = self.token_entity.get(tok.i)
            if owner and self.type_of(owner) in GROUPS and owner not in found and \
                    self._tied(tok, words):
                found.append(owner)
        return found

    def backers(self, words: list[Token]) -> list[str]:
        """The states a doer phrase says back, sponsor or harbour its anonymous doers
        ("India-backed militants", "terrorists sponsored by X", "militants based in X"): a
        part in the deed, never the deed (`involved_in`)."""
        if not any(self._doer_noun(t) for t in words):
            return []
        found: list[str] = []
        for tok in words:
            owner = self.token_entity.get(tok.i)
            if owner and self.type_of(owner) == EntityType.STATE and owner not in found and \
                    self._backed(tok, words):
                found.append(owner)
        return found

    def backers_of(self, noun: Token) -> list[str]:
        """The states backing an anonymous doer noun wherever it stands ("officials blamed
        India-backed militants")."""
        if not self._doer_noun(noun) or noun.i in self.token_entity:
            return []
        return self.backers(self.noun_phrase(noun))

    def noun_phrase(self, noun: Token) -> list[Token]:
        """A doer noun's words: its subtree after it, and the words before it back to the
        clause's edge, a backing participle included ("India-backed militants")."""
        words = [t for t in noun.subtree if t.i >= noun.i]
        for k in range(noun.i - 1, max(noun.sent.start, noun.i - MAX_PHRASE) - 1, -1):
            tok = noun.doc[k]
            if tok.lower_ in CLAUSE_EDGES or tok.pos_ in ("VERB", "AUX", "ADP") and \
                    tok.i not in self.token_entity and tok.lower_ not in JOINS and \
                    tok.lower_ not in STATE_TIES:
                break
            words.insert(0, tok)
        return words

    def _backed(self, tok: Token, words: list[Token]) -> bool:
        """A state word is tied to the doer noun by a backing word between them, with only
        name words, joins and prepositions beside it."""
        doers = [t.i for t in words if self._doer_noun(t)]
        near = min(doers, key=lambda i: abs(i - tok.i))
        low, high = min(near, tok.i), max(near, tok.i)
        between = [t for t in words if low < t.i < high and self.token_entity.get(t.i) !=
                   self.token_entity.get(tok.i)]
        return any(t.lower_ in STATE_TIES or t.lemma_.casefold() in STATE_TIES
                   for t in between) and \
            all(t.lower_ in JOINS or t.lower_ in STATE_TIES or t.lemma_.casefold() in
                STATE_TIES or t.pos_ in ("ADJ", "ADP", "DET") or t.is_punct
                for t in between)

    def _referred(self, tok: Token) -> str | None:
        """The group a group noun after a tie refers to ("sent by the group", "militants
        of the outfit"), never the doer noun itself."""
        if self._doer_noun(tok) or tok.pos_ != "NOUN" or tok.dep_ != "pobj":
            return None
        return self.resolve(tok)

    def _named_before(self, verb: Token) -> list[str]:
        """ "On 11 March, fighters of the BLA stopped the train … The attackers blew up the
        track": the group the doers of the sentence before were tied to."""
        start = verb.sent.start
        if start == 0:
            return []
        for tok in verb.doc[start - 1].sent:
            if tok.dep_ not in ("nsubj", "pobj") or not self._doer_noun(tok) or \
                    not self._told_by_author(tok):
                continue  # "On 3 May gunmen belonging to X stopped …": parsed under "On"
            for word in tok.subtree:
                owner = self.token_entity.get(word.i)
                if owner and self.type_of(owner) in GROUPS:
                    return [owner]
        return []

    def _told_by_author(self, doer: Token) -> bool:
        """The doer is the subject of its sentence's main verb, in the author's voice: not
        "police suspected that fighters of X had …", nor "officials said fighters of X …"
        (what a source says of them is a claim of the source's, not the author's)."""
        node = doer.head
        while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
            node = node.head
        while node.dep_ == "conj" and node.head.i != node.i:
            node = node.head
        return node.dep_ == "ROOT" and node.lemma_.casefold() not in self.lex.speech_verbs \
            and not any(c.dep_ == "neg" for c in node.children)

    def _speaking(self, verb: Token) -> list[str]:
        """ "'Our fighters attacked the van,' TTP spokesman X said": the group whose
        spokesman speaks the first-person deed."""
        for tok in verb.sent:
            if tok.pos_ != "VERB" or tok.i == verb.i or \
                    tok.lemma_.casefold() not in self.lex.speech_verbs:
                continue
            for child in tok.children:
                if child.dep_ != "nsubj":
                    continue
                for word in child.subtree:
                    owner = self.token_entity.get(word.i)
                    if owner and self.type_of(owner) in GROUPS:
                        return [owner]
        return []

    def _doer_noun(self, tok: Token) -> bool:
        """An anonymous doer noun, in any form ("Fighters" opening a sentence keeps its
        plural as its lemma)."""
        return tok.lemma_.casefold() in self.doer_nouns or tok.lower_ in self.doer_nouns or \
            (tok.lower_.endswith("s") and tok.lower_[:-1] in self.doer_nouns)

    def _tied(self, tok: Token, words: list[Token]) -> bool:
        """A group word is tied to the doer noun when only name words, joins and ties
        stand between them ("militants of the banned X", "X-affiliated gunmen"); words
        before or after the pair ("On Tuesday militants from X") do not count."""
        doers = [t.i for t in words if self._doer_noun(t)]
        if not doers:
            return False
        near = min(doers, key=lambda i: abs(i - tok.i))
        low, high = min(near, tok.i), max(near, tok.i)
        between = [t for t in words if low < t.i < high and self.token_entity.get(t.i) !=
                   self.token_entity.get(tok.i)]
        return all(t.lower_ in JOINS or self._doer_noun(t) or
                   t.lemma_.casefold() in self.lex.doer_ties or
                   t.lemma_.casefold() in self.lex.doer_hedges or t.lower_ in
                   self.lex.doer_hedges or t.pos_ in ("ADJ", "NUM", "DET") or t.is_punct
                   for t in between)

    def hedge(self, verb: Token) -> Modality | None:
        """ "suspected BLA militants", "alleged members of X": how sure the text is."""
        words = [t for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")
                 for t in c.subtree] or self.phrase(verb)
        for tok in words:
            for word in (tok.lower_, tok.lemma_.casefold()):
                if word in self.lex.doer_hedges:
                    return self.lex.doer_hedges[word]
        return None


__all__ = ["DoerReader"]
