"""Claims from simple Urdu sentences, read by pattern over the words around a cue.

spaCy's English parser cannot parse Urdu, so this reader uses Urdu's
postpositions instead of a parse: a cue of `data/urdu_cues.yaml` names the
predicate ("حمایت" supports, "حملہ" attacks); its object is the entity just
before the postposition the cue takes ("بی ایل اے کی حمایت", "چینی شہریوں پر
حملہ"), with its conjuncts ("بی ایل اے اور ٹی ٹی پی"); its subject is the entity
marked by نے, else by a genitive ("ترکستان اسلامک پارٹی کا ..."), else the
clause's first actor. A source ("X نے کہا کہ", "X کے مطابق") gives the source
and its modality; a denial negates; hedges weaken. A claim in the author's
own Urdu voice is `reported` at most: this is a reading of patterns, not a
parse, and its modality says so.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from threatnet.extract.language import Paragraph, paragraphs
from threatnet.extract.urdu_cues import Phrase, PredicateCue, UrduCues, load_urdu_cues
from threatnet.extract.urdu_names import NameMatch, UrduNames
from threatnet.extract.urdu_text import Sentence, has_arabic_script, sentences
from threatnet.model import Entity, EntityType, Modality, Polarity, Source
from threatnet.resolve.pack import ActorPack

URDU = "ur"
QUESTION_MARKS = ("؟", "?")


@dataclass(frozen=True)
class UrduReading:
    """The Arabic-script part of one document: paragraphs, sentences, pack names."""

    paragraphs: list[Paragraph]
    sentences: list[tuple[Sentence, str]]  # each with its paragraph's language
    matches: list[NameMatch]

    def covers(self, offset: int) -> bool:
        """The offset lies in a paragraph read here (not in an English one)."""
        return any(p.start <= offset < p.end for p in self.paragraphs)

    def language(self, text_length: int) -> str:
        """The language of most of the text: "en" unless one of these paragraphs' is."""
        sizes: dict[str, int] = {}
        for p in self.paragraphs:
            sizes[p.language] = sizes.get(p.language, 0) + p.end - p.start
        best = max(sizes, key=lambda k: sizes[k])
        return best if sizes[best] * 2 > text_length else "en"


@dataclass(frozen=True)
class UrduClaim:
    """One claim of one Urdu sentence, before it is numbered and scored."""

    subject: str
    predicate: str
    object: str
    polarity: Polarity
    modality: Modality
    source: Source | None
    sentence: Sentence


@dataclass(frozen=True)
class _Span:
    start: int  # word index
    end: int
    entity: str
    type: EntityType


class UrduReader:
    """Reads the Urdu paragraphs of documents against one actor pack."""

    def __init__(self, pack: ActorPack) -> None:
        self.names = UrduNames(pack)
        self.cues = load_urdu_cues()

    def read(self, text: str) -> UrduReading | None:
        """The Arabic-script paragraphs of the text, or None when it has none."""
        if not has_arabic_script(text):
            return None
        found = [p for p in paragraphs(text) if p.language != "en"]
        if not found:
            return None
        sents = [(s, p.language) for p in found for s in sentences(text, p.start, p.end)]
        matches = [m for s, _ in sents for m in self.names.find(s.words)]
        return UrduReading(found, sents, matches)

    def claims(self, reading: UrduReading, entities: list[Entity]) -> list[UrduClaim]:
        """The claims of the Urdu sentences; `entities` hold every mention of the record."""
        mentions = sorted((m.start, m.end, e.id, e.type)
                          for e in entities for m in e.mentions)
        out = []
        for sent, language in reading.sentences:
            if language != URDU:
                continue  # Persian, Arabic: names only
            if sent.text.endswith(QUESTION_MARKS):
                continue  # a question asserts nothing
            spans = _spans(sent, mentions)
            if len(spans) >= 2:
                out.extend(_SentenceReader(self.cues, sent, spans).claims())
        return out


def _spans(sent: Sentence, mentions: list[tuple[int, int, str, EntityType]]) -> list[_Span]:
    out = []
    first = bisect_left(mentions, (sent.start,))
    # the words (sorted, apart) inside a mention run from the first starting in it to the
    # last ending in it: two bisections, not a scan of the sentence per mention
    starts = [w.start for w in sent.words]
    ends = [w.end for w in sent.words]
    for start, end, entity, etype in mentions[first:]:
        if start >= sent.end:
            break
        if end > sent.end:
            continue
        lo, hi = bisect_left(starts, start), bisect_right(ends, end)
        if lo < hi:
            out.append(_Span(lo, hi, entity, etype))
    return out


class _SentenceReader:
    """The patterns of one sentence."""

    def __init__(self, cues: UrduCues, sent: Sentence, spans: list[_Span]) -> None:
        self.cues = cues
        self.sent = sent
        self.keys = [w.key for w in sent.words]
        self.spans = spans
        self.ending_at = {s.end: s for s in spans}

    def claims(self) -> list[UrduClaim]:
        cues = self.cues
        modality, source, negated, content = cues.default_modality, None, False, 0
        according = self._find(cues.according_to)
        said = self._find(tuple(cues.sources))
        denied = self._find(cues.denials)
        if according:
            start, end, _ = according[0]
            source, content = self._words_before(start), end
        elif said or denied:
            start, end, cue = (said or denied)[0]
            negated = not said
            if said:
                modality = cues.sources[cue]
            source = self._speaker(start)
            after = [i for i in range(end, len(self.keys)) if self.keys[i] in cues.complementiser]
            content = after[0] + 1 if after else 0
        if source is None and modality.rank < Modality.REPORTED.rank:
            modality = Modality.REPORTED  # a confirmation with no one confirming
        for _, _, hedge in self._find(tuple(cues.hedges)):
            if cues.hedges[hedge].rank > modality.rank:
                modality = cues.hedges[hedge]
        out = []
        for frame in cues.predicates:
            for start, _, _ in self._find(frame.cues, content):
                polarity = Polarity.NEGATED if negated != self._negated(start) \
                    else Polarity.AFFIRMED
                received = self._received(frame, content, start)
                objects = received[1] if received else self._objects(frame, start)
                subjects = received[0] if received else \
                    self._subjects(frame, content, start, objects, source)
                for s in subjects:
                    for o in objects:
                        if s.entity != o.entity:
                            out.append(UrduClaim(s.entity, frame.predicate, o.entity, polarity,
                                                 modality, source, self.sent))
        return out

    # -- phrases ------------------------------------------------------------------

    def _find(self, phrases: tuple[Phrase, ...], lo: int = 0) -> list[tuple[int, int, Phrase]]:
        """Where the phrases occur at or after word `lo`, in text order."""
        out = []
        for i in range(lo, len(self.keys)):
            for p in phrases:
                if tuple(self.keys[i:i + len(p)]) == p:
                    out.append((i, i + len(p), p))
        return out

    def _negated(self, cue: int) -> bool:
        return any(start >= cue for start, _, _ in self._find(self.cues.negation, cue))

    # -- arguments ----------------------------------------------------------------

    def _objects(self, frame: PredicateCue, cue: int) -> list[_Span]:
        """The entity before the cue's postposition, and the entities listed with it."""
        for marker in frame.object_markers:
            for gap in range(self.cues.max_gap + 1):
                at = cue - gap - len(marker)
                if at < 1 or tuple(self.keys[at:at + len(marker)]) != marker:
                    continue
                span = self.ending_at.get(at)
                if span is not None and span.type in frame.object_types:
                    return [s for s in self._conjuncts(span) if s.type in frame.object_types]
        return []

    def _conjuncts(self, last: _Span) -> list[_Span]:
        """ "A، B اور C": the entities listed before `last`, and `last`."""
        found = [last]
        at = last.start
        while at > 0:
            if self.keys[at - 1] in self.cues.conjunction and at - 1 in self.ending_at:
                span = self.ending_at[at - 1]
            elif at in self.ending_at and self._comma_before(at):
                span = self.ending_at[at]
            else:
                break
            found.insert(0, span)
            at = span.start
        return found

    def _comma_before(self, i: int) -> bool:
        """A comma stands between word i - 1 and word i."""
        words = self.sent.words
        return any(c in "،," for c in _slice(self.sent, words[i - 1].end, words[i].start))

    def _subjects(self, frame: PredicateCue, lo: int, cue: int, objects: list[_Span],
                  source: Source | None) -> list[_Span]:
        """Marked by نے, else by a genitive, else the clause's first actor (before the cue)."""
        taken = {id(o) for o in objects}
        before = [s for s in self.spans if lo <= s.start and s.end <= cue and id(s) not in taken
                  and s.type in frame.subject_types]
        for markers in (self.cues.agent, self.cues.genitive):
            marked = [s for s in before if s.end < len(self.keys) and self.keys[s.end] in markers]
            if marked:
                return [s for s in self._conjuncts(marked[0]) if id(s) not in taken]
        bare = [s for s in before
                if s.end >= len(self.keys) or self.keys[s.end] not in self.cues.postpositions]
        if bare:
            return [bare[0]]
        if source is not None and source.entity is not None and lo == 0:
            # "X نے حملے کی ذمہ داری قبول کی": the source speaks of itself
            return [s for s in self.spans if s.entity == source.entity][:1]
        return []

    def _received(self, frame: PredicateCue, lo: int,
                  cue: int) -> tuple[list[_Span], list[_Span]] | None:
        """ "X کو Y کی حمایت حاصل ہے": Y (before the genitive) gives, X (before کو) receives."""
        after = self.keys[cue + 1:cue + 1 + self.cues.max_gap]
        if not any(k in self.cues.receiving for k in after) or cue < 2 or \
                self.keys[cue - 1] not in self.cues.genitive:
            return None
        giver = self.ending_at.get(cue - 1)
        receiver = next((s for s in self.spans if lo <= s.start and s.end < cue
                         and self.keys[s.end] in self.cues.recipient), None)
        if giver is None or receiver is None:
            return None
        subjects = [s for s in self._conjuncts(giver) if s.type in frame.subject_types]
        objects = [s for s in self._conjuncts(receiver) if s.type in frame.object_types]
        return subjects, objects

    # -- sources ------------------------------------------------------------------

    def _speaker(self, cue: int) -> Source | None:
        """The source of a source cue: the words before its نے, or before the genitive
        just in front of it ("ترجمان کا کہنا ہے")."""
        agents = [i for i in range(cue) if self.keys[i] in self.cues.agent]
        if agents:
            return self._words_before(agents[-1])
        if cue > 0 and self.keys[cue - 1] in self.cues.genitive:
            return self._words_before(cue - 1)
        return None

    def _words_before(self, marker: int) -> Source | None:
        """The entity ending at the marker, or up to three words before it."""
        if marker == 0:
            return None
        span = self.ending_at.get(marker)
        start = span.start if span else max(0, marker - 3)
        words = self.sent.words
        text = _slice(self.sent, words[start].start, words[marker - 1].end)
        return Source(text, span.entity if span else None)


def _slice(sent: Sentence, start: int, end: int) -> str:
    """Text of the sentence between two document offsets (words keep the document's)."""
    return sent.text[start - sent.start:end - sent.start]
