"""Whether a name the text gives is the pack's place, or a title, or a place of its own.

A pack place is linked only where the text agrees: not when the name is the tail of a
longer name ("Sheikh Kot" is not the pack's Kot), and not when the text puts it inside
another province or district than the pack's ("Kot, in Kurram district", when the
pack's Kot lies in Nangarhar). A people's name that ends a person's ("Zemari Ahmadi",
"Jeeyand Baloch") is a surname, not the people. A demonym that opens an organisation's
name ("an Afghan Local Police member") names no state. Names the statistical NER
proposes are checked too: one followed by a place noun is a place ("Mamund village"),
one followed by a job title is a title ("the District Police Officer").
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.attrs import LOWER
from spacy.tokens import Doc, Span, Token

from threatnet.extract.aliases import AliasMatch
from threatnet.extract.conflict_words import DEMONYMS
from threatnet.extract.sentences import sentence_of, span_text, tokens_whose
from threatnet.model import EntityType
from threatnet.resolve.pack import ActorPack
from threatnet.resources import load_data, word_set

_LEX = "lexicon.yaml"
_PLACES = "places.yaml"
CONTAINERS = word_set(_PLACES, "address_links")  # "Kot, in Kurram district"
CONTAINER_NOUNS = word_set(_PLACES, "container_nouns")
SEAT_BODIES = word_set(_PLACES, "seat_bodies")  # "the Kurram police"
LOOK_AHEAD = 6  # tokens after a place name in which its containing place is named


class PlaceCheck:
    """Decides, for one document's alias matches, which pack places the text names."""

    def __init__(self, pack: ActorPack) -> None:
        self.pack = pack
        self.place_heads = word_set(_LEX, "place_heads")
        self.features = word_set(_LEX, "place_features") - word_set(_PLACES, "not_features") \
            | word_set(_PLACES, "extra_features")
        self.title_heads = word_set(_LEX, "title_heads")
        self.org_words = frozenset(w for words in load_data(_LEX)["org_type_words"].values()
                                   for w in words)
        self.demonyms = frozenset(DEMONYMS)

    def unlinked(self, doc: Doc, matches: list[AliasMatch]) -> dict[int, str]:
        """Match start -> why that pack match is not the pack's entry ("name", "demonym",
        "person", "elsewhere"); matches not listed are linked."""
        places = {m.start: m for m in matches if self._is_place(m.entry_id)}
        person_tails = {i for e in doc.ents if e.label_ == "PERSON"
                        for i in range(e.start + 1, e.end)}
        out: dict[int, str] = {}
        for m in matches:
            entry = self.pack.get(m.entry_id)
            if entry is None:
                continue
            if span_text(doc[m.start:m.end]).casefold() in self.demonyms and \
                    self._opens_org_name(doc, m.end):
                out[m.start] = "demonym"
            elif entry.type == EntityType.POPULATION and m.end - m.start == 1 and \
                    m.start in person_tails and doc[m.start - 1].pos_ == "PROPN" and \
                    doc[m.start - 1].text[:1].isupper():
                out[m.start] = "person"  # "Zemari Ahmadi", "Jeeyand Baloch": a surname
            elif entry.type == EntityType.LOCATION and self._longer_name(doc, m):
                out[m.start] = "name"
            elif entry.type == EntityType.LOCATION and (
                    self._elsewhere(doc, m, places) or self._set_elsewhere(doc, m, places)):
                out[m.start] = "elsewhere"
        return out

    @staticmethod
    def _address(doc: Doc, m: AliasMatch, found: AliasMatch,
                 places: dict[int, AliasMatch]) -> bool:
        """ "killed in Kot, Lakki Marwat, on Monday": a place, a comma and its district, in
        no list (no place before, no place or "and" after)."""
        before = doc[m.start - 1] if m.start else None
        if before is not None and (before.lower_ in ("and", "or") or (
                before.text == "," and m.start >= 2 and
                any(j in places for j in range(max(0, m.start - 4), m.start - 1)))):
            return False
        after = [t for t in doc[found.end:found.end + 2]]
        if not after or after[0].text not in (",", ".", ")", ";"):
            return False
        nxt = after[1] if len(after) > 1 else None
        return nxt is None or (nxt.i not in places and nxt.lower_ not in ("and", "or"))

    def _set_elsewhere(self, doc: Doc, m: AliasMatch, places: dict[int, AliasMatch]) -> bool:
        """ "In Kurram district, militants attacked a checkpost at Kot": a small pack place
        (inside a district or province of the pack) in a sentence that names a district or
        province of the pack, neither its own nor one around it, nor any place it shares a
        province with: the text's Kot is Kurram's, not Nangarhar's."""
        entry = self.pack.get(m.entry_id)
        parent = self.pack.get(entry.parent) if entry and entry.parent else None
        if parent is None or parent.type != EntityType.LOCATION:
            return False
        mine = {m.entry_id, *self.pack.ancestors(m.entry_id)}
        sent = sentence_of(doc[m.start])
        others = [places[i] for i in range(sent.start, sent.end)
                  if i in places and i != m.start]
        containers = []
        for other in others:
            around = {other.entry_id, *self.pack.ancestors(other.entry_id)}
            if other.entry_id in mine or m.entry_id in around or \
                    (mine - {m.entry_id}) & (around - self._states(around)):
                return False  # its own province or a place of it: the pack's place
            if self._called_container(doc, other) and \
                    _verb_of(doc[other.start]) == _verb_of(doc[m.start]):
                containers.append(other)  # in the same clause: not "…, where … Swat"
        return bool(containers)

    @staticmethod
    def _called_container(doc: Doc, m: AliasMatch) -> bool:
        """ "Kurram district", "in X province", "the Kurram police": a place the text calls
        a district or province, or names as the seat of a body."""
        after = doc[m.end] if m.end < len(doc) else None
        if doc[m.end - 1].lower_ in CONTAINER_NOUNS or (
                after is not None and after.lower_ in CONTAINER_NOUNS):
            return True  # ("Kurram district" may be the pack's own alias)
        head = doc[m.end - 1]
        return head.dep_ in ("compound", "poss") and head.head.i >= m.end and \
            head.head.lower_ in SEAT_BODIES

    def _states(self, ids: set[str]) -> set[str]:
        return {i for i in ids if (e := self.pack.get(i)) and e.type == EntityType.STATE}

    def _is_place(self, entry_id: str) -> bool:
        entry = self.pack.get(entry_id)
        return entry is not None and entry.type in (EntityType.LOCATION, EntityType.STATE)

    def _opens_org_name(self, doc: Doc, end: int) -> bool:
        """ "Afghan Local Police": capitalised words after the demonym ending in an
        organisation word."""
        n = end
        while n < len(doc) and doc[n].pos_ == "PROPN" and doc[n].text[:1].isupper():
            n += 1
        return n > end and doc[n - 1].lower_ in self.org_words

    def _longer_name(self, doc: Doc, m: AliasMatch) -> bool:
        """ "Sheikh Kot": a capitalised word of the same name before the pack name; a
        nationality there is no part of it ("Pakistani Balochistan", "Afghan Kunar")."""
        if m.start == 0:
            return False
        prev = doc[m.start - 1]
        return prev.pos_ == "PROPN" and prev.text[:1].isupper() and \
            prev.dep_ in ("compound", "nmod") and m.start <= prev.head.i < m.end and \
            prev.lower_ not in self.demonyms

    def _elsewhere(self, doc: Doc, m: AliasMatch, places: dict[int, AliasMatch]) -> bool:
        """The text puts the place inside another place than the pack does: "Kot, in
        Kurram district", "Kot of Kurram". A list ("Achin, Kot, Nazyan") is no containment:
        after a bare comma the place must be called a district or province, and places
        that share the pack's parent are siblings."""
        entry = self.pack.get(m.entry_id)
        if entry is None or not entry.parent:
            return False
        mine = {m.entry_id, *self.pack.ancestors(m.entry_id)}
        sent_end = sentence_of(doc[m.end - 1]).end
        preposition = False
        for i in range(m.end, min(m.end + LOOK_AHEAD, sent_end)):
            tok = doc[i]
            if i in places:
                found = places[i]
                container = self.pack.get(found.entry_id)
                if container is None or container.parent == entry.parent:
                    return False
                named = found.end < len(doc) and doc[found.end].lower_ in CONTAINER_NOUNS
                if not (preposition or named or self._address(doc, m, found, places)):
                    return False
                inside = {found.entry_id, *self.pack.ancestors(found.entry_id)}
                return found.entry_id not in mine and m.entry_id not in inside
            if tok.lower_ in ("in", "of"):
                preposition = True
            elif tok.lower_ not in CONTAINERS and not tok.is_punct and tok.dep_ != "det" \
                    and tok.lower_ not in self.place_heads:  # "Kot, a village in Kurram"
                return False
        return False

    def named_places(self, doc: Doc, taken: set[int]) -> list[Span]:
        """Names the NER missed that a place noun marks: "in Mamund village"."""
        out = []
        for tok in (doc[i] for i in tokens_whose(doc, LOWER, self.place_heads)):
            names = [c for c in tok.lefts if c.dep_ in ("compound", "nmod") and
                     c.pos_ == "PROPN" and c.text[:1].isupper() and c.i not in taken]
            if names and names[-1].i == tok.i - 1 and not doc[names[0].i].is_sent_start:
                out.append(doc[names[0].i:tok.i])
        return out

    def featured_places(self, doc: Doc, taken: set[int]) -> list[Span]:
        """Names the NER missed that a lower-case natural feature's noun follows: "the Amu
        Darya basin", "the Shawal valley", "the Khunjerab pass" (the span holds the noun:
        it is part of the feature's name)."""
        out = []
        for tok in (doc[i] for i in tokens_whose(doc, LOWER, self.features)):
            if not tok.text.islower() or tok.i in taken:
                continue
            start = tok.i
            while start > 0 and doc[start - 1].pos_ == "PROPN" and \
                    doc[start - 1].text[:1].isupper() and start - 1 not in taken and \
                    start - 1 <= doc[start - 1].head.i <= tok.i and start > tok.i - 4:
                start -= 1  # the name's words hang on the noun or on each other
            if start < tok.i and not doc[start].is_sent_start:
                out.append(doc[start:tok.i + 1])
        return out

    def feature_after(self, span: Span) -> str | None:
        """ "Mamand valley": the name with the lower-case feature noun right after it."""
        doc = span.doc
        if span.end < len(doc) and doc[span.end].text.islower() and \
                doc[span.end].lower_ in self.features:
            return f"{span.text} {doc[span.end].text}"
        return None

    def ner_kind(self, span: Span) -> str | None:
        """ "place" for a name followed by a place noun ("Mamund village") or ending in one
        ("Moti Bazaar"), "title" for one followed by a job title ("District Police
        Officer"), else None."""
        doc = span.doc
        last = span[-1]
        if len(span) > 1 and last.text[:1].isupper() and last.lower_ != "agency" and \
                last.lower_ in self.place_heads:
            return "place"  # "Moti Bazaar", "Sadar Town": a name ending in its place noun
        if span.end >= len(doc):
            return None
        nxt = doc[span.end]
        if nxt.lemma_.casefold() in self.place_heads or nxt.lower_ in self.place_heads:
            return "place"
        if nxt.lower_ in self.title_heads and nxt.text[:1].isupper():
            return "title"
        if span[-1].lower_ in self.title_heads and len(span) > 1:
            return "title"
        return None


def fronted_places(verb: Token, token_entity: dict[int, str],
                   entities: Callable[[Token], list[str]]) -> dict[str, list[str]] | None:
    """ "In Khyber Pakhtunkhwa, the TTP, and in Balochistan, the BLA, have targeted …":
    where subjects joined with places of their own act, each subject -> the entities of
    the "in" phrase put last before it. None when no subject has an "in" of its own (the
    clause's places are then every subject's: "In Kech, the BLA and the BLF …")."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    joined: list[Token] = []
    while subjects:
        tok = subjects.pop()
        joined.append(tok)
        subjects += [c for c in tok.children if c.dep_ == "conj" and c.pos_ != "ADP"]
    if not joined:
        return None
    first = min(s.i for s in joined)
    fronted = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "in" and
               c.i < first]
    # an "in" joined to a subject, or a fronted one after "and" ("…, and in Balochistan,")
    own = [c for s in joined for c in s.children
           if c.dep_ == "conj" and c.lower_ == "in" and c.pos_ == "ADP"] + \
        [c for c in fronted if c.i > 0 and c.doc[c.i - 1].lower_ == "and"]
    if not own:
        return None
    ins = sorted({*own, *fronted}, key=lambda t: t.i)
    out: dict[str, list[str]] = {}
    for subject in sorted(joined, key=lambda t: t.i):
        before = [p for p in ins if p.i < subject.i]
        owner = token_entity.get(subject.i)
        if before and owner is not None:
            out.setdefault(owner, []).extend(
                e for o in before[-1].children if o.dep_ == "pobj" for e in entities(o))
    return out


def _verb_of(tok: Token) -> int:
    """The index of the nearest verb a token hangs on (-1: none)."""
    while tok.head.i != tok.i:
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            return tok.i
    return -1
