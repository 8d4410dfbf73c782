"""What the shape of a name says when the actor pack does not know it.

Reports name many groups no list has. Their names have shapes: militant morphology
("Jaish-e-Fursan-e-Muhammad", "Tehreek-e-Azadi Jammu Kashmir", "… Liberation Front"),
a faction named after a person or a place ("the Sajna faction", "the Swat chapter"),
a regional movement ("the Punjabi Taliban"). Such names are organisations, never the
persons or places the statistical NER may call them. And some capitalised words name
nothing at all: a kicker heading ("OPINION |", "ANALYSIS:"), the news agency of a
dateline ("TURBAT (AFP):"), a job title ("Chargé d'Affaires"). A name the NER calls a
person whose last word is a settlement word ("Mir Kalam Kalay") is a place. The word
lists are data (`data/name_shapes.yaml`); every pass here is one walk over the tokens.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from threatnet.extract.aliases import is_acronym, is_connector, loose_key
from threatnet.model import EntityType
from threatnet.resources import load_data

_DATA = "name_shapes.yaml"
HYPHENS = frozenset({"-", "‐", "–"})
FACTION_WORDS = 6  # name words before a faction noun, at most
CHAIN_TOKENS = 16  # tokens of a hyphened name, at most ("Tehreek-e-Nafaz-e-Shariat-e-…")
NEARBY = 40  # tokens either side in which an armed group makes a faction armed
KICKER_WORDS = 6  # a kicker heading is a few words: the walk along a line stops there
KICKER_ENDS = frozenset({":", "|", "—", "–", "-", "/"})
DESCRIPTIVE_DETS = frozenset({"a", "an", "another", "any", "each", "every", "no", "one",
                              "some", "other"})
# a capitalised word joined to another by a hyphen, with or without a connector between
_HYPHENED = re.compile(r"\b[A-Z][A-Za-z']+[-‐](?:[a-z]{1,2}[-‐ ])?[A-Za-z]")
# a line that opens with a place in capitals, then capitalised words, numbers and commas
# (country, date), the agency in brackets and a dash or colon (bounded and possessive:
# linear in a line's length)
_DATELINE = re.compile(r"^[ \t]*(?P<city>[A-Z][A-Z'.-]{2,}(?: [A-Z][A-Z'.-]+){0,3}+)"
                       r"(?:[ ,]++[A-Z0-9][\w.'-]*+){0,8}+,?[ \t]*"
                       r"\((?P<agency>[A-Za-z][\w .&'-]{0,40})\)[ \t]*[-‐–—:]", re.MULTILINE)
# a run of capitalised words (maximal: the search takes the longest from the left)
_PROPER_RUN = re.compile(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)+\b")
# "Anwaar-ul-Haq Kakar", "Gulshan-e-Iqbal": capitalised words joined by a Persian or
# Arabic connector, and up to two capitalised words after them
_IZAFAT_NAME = re.compile(r"\b[A-Z][a-z']+(?:[-‐](?:ul|ur|ud|us|ut|un|uz|e|i|al|o)[-‐]"
                          r"[A-Z][a-z']+)+(?: [A-Z][a-z']+){0,2}\b")
PLACE_PREPS = frozenset({"near", "outside", "inside", "around"})
PERSONAL = frozenset({EntityType.PERSON, EntityType.LOCATION, EntityType.POPULATION})


# "Subject: SAJID MIR (also known as Sajid Majeed)": a label, a colon and the rest of the
# line (bounded: linear in the line's length)
_HEADER = re.compile(r"^[ \t]*(?P<label>[A-Za-z][A-Za-z .]{1,24}?)[ \t]*:[ \t]*"
                     r"(?P<body>[^\n]{2,160})$", re.MULTILINE)
_HEADER_NAME = re.compile(r"[A-Za-z][A-Za-z'\- ]*[A-Za-z]")


@dataclass(frozen=True)
class DossierHeader:
    """A dossier header line: the person it names (token range), and other names given
    for that person (token ranges); `person` is None for an alias line ("Other names:")."""

    person: tuple[int, int] | None
    aliases: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class ShapedName:
    """A name found by its shape: tokens [start, end) and the type its shape gives."""

    start: int
    end: int
    type: EntityType
    branch_only: bool = False  # names only a branch the pack knows ("Pakistan Province")


def _token_range(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return (span.start, span.end) if span is not None and len(span) else None


def _capitalised(tok: Token) -> bool:
    return tok.is_alpha and tok.text[:1].isupper()


def _line_break_after(tok: Token) -> bool:
    return "\n" in tok.whitespace_ or (tok.is_space and "\n" in tok.text)


class NameShapes:
    """The name-shape rules, with their word lists read once."""

    def __init__(self) -> None:
        data = load_data(_DATA)
        words = {k: frozenset(w.casefold() for w in v) for k, v in data.items()
                 if isinstance(v, list)}
        self.stems = frozenset(loose_key(w) for w in words["militant_name_stems"])
        self.armed_words = words["armed_name_words"]
        self.name_heads = words["name_heads"]
        self.name_words = words["name_words"]
        self.faction_heads = words["faction_heads"]
        self.armed_faction_heads = words["armed_faction_heads"]
        self.whole_group_heads = words["whole_group_heads"]
        self.branch_heads = words["branch_heads"]
        self.local_branch_heads = frozenset(words["local_branch_heads"])
        self.local_branch_words = frozenset(words["local_branch_words"])
        self.owner_branch_heads = frozenset(words["owner_branch_heads"])
        self._faction_words = re.compile(r"\b(?:" + "|".join(
            sorted(self.faction_heads | self.branch_heads)) + r")\b", re.IGNORECASE)
        self.movements = words["movement_names"]
        self.kunya = words["kunya_particles"]
        self.honorifics = words["honorifics"]
        self.name_titles = words["honorifics"] | words["name_titles"]
        self.surnames = words["person_surnames"]
        self.given_endings = tuple(words["person_name_endings"])
        self.kickers = words["kicker_words"]
        self.place_endings = sorted(words["place_name_endings"], key=len, reverse=True)
        self.job_titles = frozenset(t.replace("’", "'") for t in words["job_titles"]) | \
            words["designation_labels"]
        self.dossier_persons = words["dossier_person_labels"]
        self.dossier_aliases = words["dossier_alias_labels"]
        # "X (alias Y)", "X, also known as Y": the cue and, after it, Y up to a closing
        # bracket, a comma, a semicolon or the end of the sentence
        self.running_alias = re.compile(r"[(,]\s*(?:" + "|".join(
            re.escape(w) for w in sorted(words["running_alias_cues"], key=len, reverse=True))
            + r")\s+(?P<other>[A-Z][^(),;.\n]{1,60}?)\s*(?=[),;.]|\n|$)")
        self.alias_cues = re.compile(r"\(\s*(?:" + "|".join(
            re.escape(w) for w in sorted(words["dossier_alias_cues"], key=len, reverse=True))
            + r")\s+(?P<alias>[^()\n]{2,60})\)", re.IGNORECASE)
        self.dossier_nouns = words["dossier_person_nouns"]
        self.state_bodies = {k: EntityType(v) for k, v in data["state_bodies"].items()}
        self._state_body_words = re.compile(r"\b(?:" + "|".join(
            re.escape(k) for k in sorted(self.state_bodies, key=len, reverse=True)) + r")\b")

    # -- militant morphology ------------------------------------------------------

    def militant_names(self, doc: Doc, text: str) -> list[ShapedName]:
        """Hyphened names that open with a militant stem ("Lashkar-e-…", "Harkat-ul-…")
        or carry an armed word ("…-ul-Mujahideen"), with the capitalised words that go
        on the name ("Tehreek-e-Azadi Jammu Kashmir")."""
        out: list[ShapedName] = []
        for found in _HYPHENED.finditer(text):  # only where the text has such a chain
            first = doc.char_span(found.start(), found.start() + 1, alignment_mode="expand")
            if first is None or (out and first.start < out[-1].end):
                continue
            i = first.start
            if i > 0 and _capitalised(doc[i - 1]) and not doc[i].is_sent_start and \
                    loose_key(doc[i - 1].text) in self.stems:
                i -= 1  # "Jabhat Ansar-ul-…": the stem a space apart
            tok = doc[i]
            end, hyphened = self._chain_end(doc, i)
            words = [t for t in doc[i:end] if t.is_alpha and not is_connector(t.text)]
            lowered = {w.lower_ for w in words}
            if hyphened and len(words) >= 2 and (loose_key(tok.text) in self.stems or
                                                  lowered & self.armed_words):
                if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")" \
                        and _capitalised(doc[end + 1]) and not is_acronym(doc[end + 1].text):
                    end += 3  # "Jamiat Ulema-e-Islam (Sami)": the qualifier is in the name
                out.append(ShapedName(self._name_words_before(doc, i), end,
                                      self.shape_type(words)))
        return out

    @staticmethod
    def _name_words_before(doc: Doc, i: int) -> int:
        """ "the Pakistan Tehreek-e-Insaf", "the Muttahida Jamaat-e-Amal": up to two
        capitalised words between an article (or a sentence's start) and the stem belong
        to the name; after any other word ("in Balochistan Jaish-…") they do not."""
        j = i
        while j > 0 and i - j < 2 and _capitalised(doc[j - 1]) and \
                doc[j - 1].pos_ == "PROPN" and not doc[j].is_sent_start:
            j -= 1
        if j < i and (doc[j].is_sent_start or doc[j - 1].lower_ == "the"):
            return j
        return i

    def _chain_end(self, doc: Doc, start: int) -> tuple[int, bool]:
        """End of the run of capitalised words, hyphens and connectors from `start`, and
        whether a hyphen or connector joins two of its words."""
        j, joined, last_word = start + 1, False, start + 1
        while j < min(len(doc), start + CHAIN_TOKENS) and not _line_break_after(doc[j - 1]):
            tok = doc[j]
            if tok.text in HYPHENS or is_connector(tok.text):
                if tok.whitespace_ and tok.text in HYPHENS:
                    break  # "Jaish - a group": a dash, not a hyphen
                j += 1
                continue
            glued = doc[j - 1].text in HYPHENS or is_connector(doc[j - 1].text)
            if _capitalised(tok) and (glued or tok.pos_ == "PROPN") and not tok.is_sent_start:
                joined = joined or glued
                j += 1
                last_word = j
                continue
            break
        return last_word, joined

    def shape_type(self, words: list[Token] | Span) -> EntityType:
        lowered = {w.lower_ for w in words}
        return EntityType.ARMED_GROUP if lowered & self.armed_words else \
            EntityType.ORGANIZATION

    def org_by_shape(self, span: Span) -> EntityType | None:
        """The type a name's shape gives it ("Baloch Liberation Tigers": an armed group),
        or None when its shape says nothing."""
        words = [t for t in span if t.is_alpha and not is_connector(t.text)]
        if not words or not all(w.text[:1].isupper() for w in words):
            return None
        lowered = {w.lower_ for w in words}
        hyphened = any(t.text in HYPHENS or is_connector(t.text) for t in span)
        if (len(words) >= 2 and words[-1].lower_ in self.name_heads) or \
                lowered & self.name_words or \
                (hyphened and len(words) >= 2 and loose_key(words[0].text) in self.stems):
            return self.shape_type(words)
        return None

    # -- factions and regional movements ------------------------------------------

    def factions(self, doc: Doc, text: str, type_at, is_pack) -> list[ShapedName]:
        """ "the Sajna faction", "the Gul Bahadur group", "the Swat chapter": capitalised
        words (a person, a place, a new name) right before a faction noun that heads them.
        `type_at(i)` is the type of the entity token i already names, `is_pack(i)` whether
        that is the pack's; a name the pack gives an actor ("the TTP faction") is no new
        faction."""
        out = []
        for found in self._faction_words.finditer(text):
            span = doc.char_span(found.start(), found.end())
            if span is None or len(span) != 1:
                continue
            head = span[0]
            if head.i == 0 or type_at(head.i):
                continue
            start = head.i
            while start > max(0, head.i - FACTION_WORDS):
                tok = doc[start - 1]
                if not _capitalised(tok) and not (tok.text in HYPHENS or is_connector(tok.text)):
                    break
                if _capitalised(tok) and tok.pos_ != "PROPN" and tok.ent_type_ not in (
                        "NORP", "PERSON", "GPE", "LOC", "ORG"):
                    break
                if tok.ent_type_ in ("DATE", "CARDINAL", "ORDINAL") or tok.pos_ == "DET":
                    break  # "The Jang Group": the article is no part of the name
                start -= 1
            while start < head.i and not _capitalised(doc[start]):
                start += 1
            if start == head.i or not self._heads(doc[start:head.i], head):
                continue
            before = doc[start - 1] if start else None
            if before is not None and before.is_alpha and before.text.islower() and (
                    before.lower_ in DESCRIPTIVE_DETS or before.pos_ in ("ADJ", "NOUN")):
                continue  # "an armed Baloch group", "a Punjabi group": a description
            kinds = {type_at(i) for i in range(start, head.i)} - {None}
            if head.lower_ in self.branch_heads:
                if kinds <= PERSONAL | {EntityType.STATE}:
                    out.append(ShapedName(start, head.i + 1, EntityType.ARMED_GROUP, True))
                continue
            if any(is_pack(i) for i in range(start, head.i)) and kinds - PERSONAL:
                continue  # "the TTP faction", "the Afghan branch": the pack's actor
            if head.i + 1 < len(doc) and _capitalised(doc[head.i + 1]) and \
                    doc[head.i + 1].pos_ == "PROPN" and not doc[head.i + 1].is_sent_start:
                continue  # "the Sajna Group Commander": part of a longer name
            armed = head.lower_ in self.armed_faction_heads or bool(kinds & PERSONAL) or any(
                doc[i].ent_type_ in ("PERSON", "GPE", "LOC", "NORP") for i in range(start, head.i)
            ) or self._armed_nearby(head, type_at)
            out.append(ShapedName(start, head.i + 1, EntityType.ARMED_GROUP if armed
                                  else EntityType.ORGANIZATION))
        return out

    @staticmethod
    def _heads(run: Span, head: Token) -> bool:
        """The parse hangs the run on the head noun (not "Swat group leaders met …")."""
        return any(t.head.i == head.i for t in run) and \
            all(head.i >= t.head.i >= run.start for t in run)

    @staticmethod
    def _armed_nearby(head: Token, type_at) -> bool:
        """An armed group named in the head's sentence (within a bounded window)."""
        sent = head.sent
        return any(type_at(i) == EntityType.ARMED_GROUP
                   for i in range(max(sent.start, head.i - NEARBY), min(sent.end, head.i + NEARBY)))

    def movement(self, doc: Doc, start: int, end: int, type_at, is_state) -> int | None:
        """ "the Punjabi Taliban": where a capitalised regional or ethnic word before the
        pack's movement name (tokens [start, end)) begins a movement of its own; None when
        it does not (no such word, or a state's name or demonym: "Pakistan Taliban")."""
        if end - start != 1 or doc[start].lower_ not in self.movements or start == 0:
            return None
        mod = doc[start - 1]
        if not _capitalised(mod) or mod.head.i != start or \
                mod.dep_ not in ("compound", "amod", "nmod"):
            return None
        if is_state(start - 1) or type_at(start - 1) not in (None, EntityType.LOCATION,
                                                            EntityType.POPULATION):
            return None
        if mod.pos_ != "PROPN" and mod.ent_type_ not in ("NORP", "GPE", "LOC"):
            return None
        return start - 1

    def state_bodies_of(self, doc: Doc, text: str, type_at) -> list[ShapedName]:
        """ "Afghan forces", "the Chinese foreign ministry", "Pakistan's interior
        ministry": a state's name or demonym right before a body noun (lower case)."""
        out = []
        for found in self._state_body_words.finditer(text):
            span = doc.char_span(found.start(), found.end())
            if span is None or span.start == 0 or any(type_at(i) for i in
                                                      range(span.start, span.end)):
                continue
            start = span.start - 1
            if doc[start].lower_ in ("'s", "’s") and start > 0:
                start -= 1
            if type_at(start) != EntityType.STATE or not doc[start].text[:1].isupper():
                continue
            while start > span.start - 4 and type_at(start - 1) == EntityType.STATE and \
                    doc[start - 1].text[:1].isupper():
                start -= 1  # "United States forces"
            if span[-1].dep_ in ("compound", "amod") and span[-1].head.i > span[-1].i:
                continue  # "Afghan forces commander", "Iranian state media reports"
            out.append(ShapedName(start, span.end, self.state_bodies[found.group()]))
        return out

    def missed_persons(self, doc: Doc, text: str, taken) -> list[ShapedName]:
        """ "under Mukarram Khan": two to four capitalised proper nouns the NER left out,
        ending in a family or tribal name or holding a given name ending in -ullah or
        -uddin (or the NER named only a part: "Mukarram [Khan]"). `taken(i)` says
        whether token i already names an entity."""
        out = []
        for found in _PROPER_RUN.finditer(text):
            span = doc.char_span(found.start(), found.end())
            if span is None:
                continue
            start = span.start
            while start < span.end and doc[start].pos_ != "PROPN":
                start += 1  # "The", "In": a capitalised sentence opening
            span = doc[start:span.end]
            if not 2 <= len(span) <= 4 or any(
                    taken(i) or doc[i].ent_type_ not in ("", "PERSON") or doc[i].pos_ != "PROPN"
                    for i in range(span.start, span.end)):
                continue
            words = [t.lower_ for t in span]
            if words[-1] in self.surnames or any(w.endswith(self.given_endings) and
                                                 len(w) > 6 for w in words):
                out.append(ShapedName(span.start, span.end, EntityType.PERSON))
        return out

    def izafat_names(self, doc: Doc, text: str, free, role_nouns: frozenset[str],
                     place_heads: frozenset[str]) -> list[ShapedName]:
        """ "Anwaar-ul-Haq Kakar", "Gulshan-e-Iqbal": a hyphen-joined name the NER left
        out (`free(i)`: token i names nothing yet). A person when a title or role noun
        stands next to it ("the prime minister, X", "Maulana X"), its last word is a family
        name, its first a given name ending in -ullah, or the NER saw a person in it; a
        place when a place noun follows ("the X area") or a preposition of place comes
        before. Otherwise nothing: no guess."""
        out = []
        for found in _IZAFAT_NAME.finditer(text):
            span = doc.char_span(found.start(), found.end(), alignment_mode="contract")
            if span is None or len(span) < 3 or not all(free(i) for i in range(
                    span.start, span.end)):
                continue
            words = [t.lower_ for t in span if t.is_alpha]
            if loose_key(words[0]) in self.stems or set(words) & self.armed_words:
                continue  # a militant name: militant_names' own
            before = doc[span.start - 1] if span.start else None
            after = doc[span.end] if span.end < len(doc) else None
            if before is not None and before.pos_ == "PROPN" and _capitalised(before) and \
                    before.lower_ not in self.name_titles:
                continue  # the tail of a longer name ("Ansar Ghazwat-ul-Hind")
            role = span.root.dep_ == "appos" and span.root.head.lower_ in role_nouns or \
                any(c.dep_ == "appos" and c.lower_ in role_nouns for c in span.root.children)
            titled = before is not None and before.text[:1].isupper() and \
                before.lower_ in self.name_titles | self.honorifics
            if role or titled or words[-1] in self.surnames or \
                    words[0].endswith(self.given_endings) or \
                    any(t.ent_type_ == "PERSON" for t in span):
                out.append(ShapedName(span.start, span.end, EntityType.PERSON))
            elif (after is not None and after.lower_ in place_heads) or (
                    before is not None and before.lower_ in PLACE_PREPS | {
                        "in", "at", "on", "from", "into", "to", "towards"}):
                out.append(ShapedName(span.start, span.end, EntityType.LOCATION))
        return out

    def dossier_headers(self, doc: Doc, text: str) -> list[DossierHeader]:
        """ "Subject: SAJID MIR (also known as Sajid Majeed)", "INDIVIDUAL: NOOR WALI
        MEHSUD", "Other names: Mufti Noor Wali; Abu Mansoor Asim.": header lines of a
        dossier, in text order."""
        out = []
        for found in _HEADER.finditer(text):
            label = " ".join(found.group("label").casefold().rstrip(".").split())
            body, at = found.group("body"), found.start("body")
            if label in self.dossier_persons:
                head = re.split(r"[(;,]", body, maxsplit=1)[0]
                name = _HEADER_NAME.search(head)
                span = name and _token_range(doc, at + name.start(), at + name.end())
                if not span or len(head.split()) > 5 or len(name.group().split()) < 2 or \
                        not name.group()[:1].isupper():
                    continue  # "Subject: the 2023 attacks on police", "Subject: Re": no name
                aliases = tuple(r for cue in self.alias_cues.finditer(body)
                                for r in [_token_range(doc, at + cue.start("alias"),
                                                       at + cue.end("alias"))] if r)
                out.append(DossierHeader(span, aliases))
            elif label in self.dossier_aliases:
                names = []
                for part in re.finditer(r"[^;,]+", body):
                    name = _HEADER_NAME.search(part.group())
                    if name and len(name.group().split()) <= 5:
                        r = _token_range(doc, at + part.start() + name.start(),
                                         at + part.start() + name.end())
                        if r:
                            names.append(r)
                out.append(DossierHeader(None, tuple(names)))
        return out

    def kunya_before(self, doc: Doc, start: int) -> bool:
        """ "Abu Omar Khorasani": a kunya particle before a name makes another person's
        name of it."""
        return start > 0 and doc[start - 1].lower_ in self.kunya and \
            doc[start - 1].text[:1].isupper()

    # -- what names nothing -----------------------------------------------------------

    def is_kicker(self, span: Span) -> bool:
        """An all-capitals heading at the head of a line: "OPINION |", "FEATURE —",
        "MONTHLY SECURITY DIGEST:"."""
        doc = span.doc
        words = [t for t in span if t.is_alpha]
        if not words or not all(t.text.isupper() for t in words):
            return False
        first = span.start
        while first > max(0, span.start - KICKER_WORDS) and doc[first - 1].is_alpha and \
                doc[first - 1].text.isupper() and not _line_break_after(doc[first - 1]):
            first -= 1
        if first and not _line_break_after(doc[first - 1]):
            return False
        end = span.end
        while end < min(len(doc), span.end + KICKER_WORDS) and doc[end].is_alpha and \
                doc[end].text.isupper() and not _line_break_after(doc[end - 1]):
            end += 1
        line = [t.lower_ for t in doc[first:end]]
        closed = end >= len(doc) or _line_break_after(doc[end - 1]) or \
            doc[end].text in KICKER_ENDS
        return closed and any(w in self.kickers for w in line)

    @staticmethod
    def datelines(doc: Doc, text: str) -> tuple[set[int], list[tuple[int, int]]]:
        """The tokens of the news agency in each dateline ("TURBAT (AFP):", "QUETTA,
        Pakistan, Feb 2 (Reuters) —"), which wrote the story and is no actor of it, and
        the token range of the dateline's city, which is a place."""
        agencies: set[int] = set()
        cities = []
        for found in _DATELINE.finditer(text):
            span = doc.char_span(found.start("agency"), found.end("agency"),
                                 alignment_mode="expand")
            city = doc.char_span(found.start("city"), found.end("city"),
                                 alignment_mode="expand")
            if span is not None:
                agencies.update(range(span.start, span.end))
            if city is not None:
                cities.append((city.start, city.end))
        return agencies, cities

    def is_job_title(self, span: Span) -> bool:
        """A job ("Chargé d'Affaires") or a designation list's category ("Specially
        Designated Global Terrorist"): names of no actor."""
        return span.text.casefold().replace("’", "'") in self.job_titles

    def place_by_ending(self, span: Span) -> bool:
        """ "Mir Kalam Kalay", "Allah Dino Goth": the last word is, or ends in, a
        settlement word."""
        last = span[-1].lower_
        return any(last == e or (last.endswith(e) and len(last) >= len(e) + 3)
                   for e in self.place_endings)

    @staticmethod
    def place_by_context(span: Span, place_heads: frozenset[str]) -> bool:
        """ "the village of Shewa", "a town of Kurram": a name after a place noun and "of";
        "near Shewa", "met in Akora Khattak": a name after a preposition of place that
        hangs on a verb (not "trust in Imran Khan", not "in Ali's house")."""
        doc = span.doc
        if span.start < 1:
            return False
        prep = doc[span.start - 1]
        if span.end < len(doc) and doc[span.end].lower_ in ("'s", "’s"):
            return False
        if prep.lower_ in PLACE_PREPS:
            return True
        if prep.lower_ in ("in", "at") and prep.head.pos_ == "VERB" and \
                span.root.head.i == prep.i:
            return True
        return span.start >= 2 and prep.lower_ == "of" and \
            doc[span.start - 2].lemma_.casefold() in place_heads
