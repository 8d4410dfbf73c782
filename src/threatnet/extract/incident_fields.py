"""Labelled-field incident records: the format of incident databases and police/NGO logs.

    Record 2015-0529-PK-BL
    Date: 29 May 2015. Location: Mastung district, Balochistan, Pakistan.
    Summary: Armed men … shot them dead in the hills nearby.
    Responsibility: The United Baloch Army (UBA) claimed responsibility.

A **record** is a run of lines holding labelled fields (the labels, by kind, are data in
`data/incident_fields.yaml`), one per line or several on a line ("Date: … Location: …"),
with or without a header line naming it ("Record …", "Incident 2009…"). A record is one
incident: its date field is the incident's date, its place fields its place (finest
first), and everything it tells — its summary, its responsibility field, its toll — is
about that incident and no other record's. This module finds the records in the text
(`find_records`), makes each an entry of the incident finder (`with_records`: what is
told in one entry never reaches another's incident), marks where each field starts so
the parser does not run a label into its value (`field_starts`), gives each record its
one incident (`fill_records`) and reads the fields that are not sentences
(`FieldClaimReader`: "Perpetrator: TTP (suspected)", "Target: police checkpoint",
"Weapon: IED", "Killed: 3").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Span, Token

from threatnet.extract.incident_entries import Entries, Entry, find_entries
from threatnet.extract.incident_records import EntityAdder, FoundIncident
from threatnet.extract.name_shapes import NameShapes
from threatnet.extract.relations import RawClaim
from threatnet.extract.semantics import Reading
from threatnet.extract.sentences import sentence_of
from threatnet.model import Entity, EntityType, Modality, Polarity, Source
from threatnet.resources import load_data

PERPETRATORS = {EntityType.ARMED_GROUP, EntityType.ORGANIZATION, EntityType.PERSON}
PLACES = {EntityType.LOCATION}
# fields that say a record is an incident's whatever its summary's words
TELLING = ("perpetrator", "claimed", "suspected", "attributed", "responsibility", "target",
           "target_type", "weapon", "attack_type", "killed", "wounded", "casualties")


@dataclass(frozen=True)
class FieldLabels:
    """The field labels and value words of `data/incident_fields.yaml`."""

    kind_of: dict[str, str]          # label (casefolded, single-spaced) -> field kind
    place_rank: dict[str, int]       # place label -> rank, finest first
    headers: frozenset[str]
    incident_kinds: frozenset[str]
    no_one: frozenset[str]
    value_cues: dict[str, frozenset[str]]
    field_modality: dict[str, tuple[Modality, str]]
    place_suffixes: frozenset[str]
    label_re: re.Pattern[str]
    header_re: re.Pattern[str]


@lru_cache(maxsize=1)
def load_field_labels() -> FieldLabels:
    data: dict[str, Any] = load_data("incident_fields.yaml")
    kind_of = {" ".join(str(label).casefold().split()): kind
               for kind, labels in data["fields"].items() for label in labels}
    alternatives = sorted(kind_of, key=len, reverse=True)
    pattern = "|".join(r"\s+".join(re.escape(w) for w in label.split())
                       for label in alternatives)
    # a label starts a line, or follows a sentence end, a semicolon or a bar on it
    label_re = re.compile(rf"(?:^[ \t\-*#>\u2022]*|(?<=[.;|!?])[ \t]+[*_]*|"
                          rf"[ \t]{{2,}}|\t)(?P<label>{pattern})[*_]*[ \t]*:(?!//)[ \t]*",
                          re.IGNORECASE)
    headers = "|".join(re.escape(w) for w in data["header_words"])
    header_re = re.compile(rf"^[ \t]*(?:{headers})(?:[ \t]+(?:no\.?|id|number|#))?[ \t]*[:#]?"
                           rf"[ \t]*(?=[\w\-/#.]*\d)[\w\-/#.]+[ \t]*$", re.IGNORECASE)
    return FieldLabels(
        kind_of=kind_of,
        place_rank={" ".join(w.split()): n for n, w in enumerate(data["place_order"])},
        headers=frozenset(data["header_words"]),
        incident_kinds=frozenset(data["incident_kinds"]),
        no_one=frozenset(str(w).casefold() for w in data["no_one"]),
        value_cues={k: frozenset(v) for k, v in data["value_cues"].items()},
        field_modality={k: (Modality(v[0]), v[1]) for k, v in data["field_modality"].items()},
        place_suffixes=frozenset(data["place_suffixes"]),
        label_re=label_re,
        header_re=header_re,
    )


@dataclass(frozen=True)
class Field:
    """One labelled field: its kind, its label as written and character offsets."""

    kind: str
    label: str
    start: int        # the label's first character
    value_start: int
    value_end: int


@dataclass(frozen=True)
class RecordEntry(Entry):
    """An entry that is a labelled-field record: one incident, its fields."""

    fields: tuple[Field, ...] = ()

    def of(self, *kinds: str) -> list[Field]:
        return [f for f in self.fields if f.kind in kinds]


def _line_fields(line: str, offset: int, labels: FieldLabels) -> list[Field]:
    """The fields of one line, the first at its start (else none)."""
    found = [m for m in labels.label_re.finditer(line) if m.group("label")[0].isupper()]
    if not found or line[:found[0].start("label")].strip(" \t-*#>\u2022"):
        return []  # a label opens the line (after a bullet or markup at most)
    out = []
    for n, match in enumerate(found):
        end = found[n + 1].start("label") if n + 1 < len(found) else len(line)
        value = line[match.end():end]
        lead = len(value) - len(value.lstrip("*_ \t"))  # "**Date:** 3 May": the markup
        stripped = value.rstrip(" \t|;*_")
        label = " ".join(match.group("label").casefold().split())
        out.append(Field(labels.kind_of[label], label, offset + match.start("label"),
                         offset + match.end() + lead, offset + match.end() + len(stripped)))
    return out


def find_records(text: str) -> list[tuple[int, int, int, list[Field]]]:
    """The records of `text`: (start, end, header end, fields), in text order. A record
    needs a date or place field and a field that tells of an incident."""
    from threatnet.extract.incident_tables import with_table_rows  # noqa: PLC0415
    # round 5 hook: the rows of an incident table are records too (incident_tables)
    return with_table_rows(_records(text) if ":" in text else [], text)


@lru_cache(maxsize=4)  # the parser's sentence rule and the incident finder read one text
def _records(text: str) -> list[tuple[int, int, int, list[Field]]]:
    labels = load_field_labels()
    out: list[tuple[int, int, int, list[Field]]] = []
    current: list[Any] | None = None  # [start, end, header_end, fields]
    gap = False

    def close() -> None:
        nonlocal current
        if current is not None:
            kinds = {f.kind for f in current[3]}
            if kinds & {"date", "place"} and kinds & labels.incident_kinds:
                out.append((current[0], current[1], current[2], current[3]))
        current = None

    offset = 0
    for line in text.split("\n"):
        start, offset = offset, offset + len(line) + 1
        end = start + len(line)
        if not any(c.isalnum() for c in line):  # a blank line, a rule ("---", "* * *")
            gap = True
            continue
        if len(line) < 80 and labels.header_re.match(line):
            close()
            current = [start, end, end, []]
            gap = False
            continue
        fields = _line_fields(line, start, labels) if ":" in line else []
        if fields:
            kinds = {f.kind for f in fields}
            seen = {f.kind for f in current[3]} if current is not None else set()
            if current is None or kinds & seen - {"notes", "source", "place"} or \
                    (kinds & seen and gap):
                close()
                current = [fields[0].start, end, fields[0].start, []]
            current[3].extend(fields)
            current[1] = end
        elif current is not None and not gap and current[3]:
            last = current[3][-1]  # a value running on to the next line
            current[3][-1] = Field(last.kind, last.label, last.start, last.value_start,
                                   start + len(line.rstrip()))
            current[1] = end
        else:
            close()
        gap = False
    close()
    return out


def with_records(entries: Entries, text: str, published: str | None) -> Entries:
    """The entries of a text with each record an entry of its own, in place of the
    dated lines inside it."""
    records = find_records(text)
    if not records:
        return entries
    made: list[Entry] = []
    for start, end, header_end, fields in records:
        dates = [f for f in fields if f.kind == "date"]
        when = _field_date(text[dates[0].value_start:dates[0].value_end], published) \
            if dates else None
        prefix = header_end
        if dates and dates[0] is fields[0]:
            prefix = dates[0].value_end  # the date's own words date no clause
        made.append(RecordEntry(start, end, prefix, when, fields=tuple(fields)))
    kept = [e for e in entries.entries
            if not any(r.start <= e.start < r.end or e.start <= r.start < e.end for r in made)]
    return Entries(sorted([*kept, *made], key=lambda e: e.start))


def _field_date(value: str, published: str | None) -> str | None:
    value = value.strip().rstrip(".,;")
    found = find_entries(value, published).entries
    return found[0].date if found else None


def field_starts(text: str) -> list[int]:
    """Where each field's label and value start: sentence starts for the parser."""
    out = []
    for _, _, _, fields in find_records(text):
        for field in fields:
            out += [field.start, field.value_start]
    return out


# -- one incident per record ---------------------------------------------------------


def fill_records(run: Any) -> None:
    """Give each record of the incident finder's run (`extract.incidents._Run`) exactly
    one incident: the one its text tells (the others it tells with no date of their own
    are the same one), or one made from its summary when the parse found none; its date
    and place are the record's fields."""
    for entry in run.entries.entries:
        if not isinstance(entry, RecordEntry):
            continue
        inside = [f for f in run.out.incidents if f.mentions and
                  entry.start <= f.mentions[0].idx < entry.end]
        incident = inside[0] if inside else _made(run, entry)
        if incident is None:
            continue
        for other in inside[1:]:
            if other.entity.pack_id is None and other.date in (None, entry.date, incident.date):
                run.absorb(incident, other)
        if entry.date:
            incident.date = entry.date
        places = _record_places(run, entry)
        if places:
            incident.places = places
        _refer_back(run, entry, incident)


def _refer_back(run: Any, entry: RecordEntry, incident: FoundIncident) -> None:
    """ "Police later said the killing had been planned by LeT": a definite incident noun
    of the record that no incident took (the record's own was made after it was read) is
    a reference to the record's incident."""
    span = run.doc.char_span(entry.start, entry.end, alignment_mode="expand")
    taken = {t.i for f in run.out.incidents for t in f.mentions}
    for tok in span if span is not None else []:
        if tok.tag_ == "NN" and tok.lemma_.casefold() in run.lex.anaphors and \
                tok.i not in taken and run.found.token_entity.get(tok.i) is None and \
                any(c.dep_ == "det" and c.lower_ in ("the", "this", "that")
                    for c in tok.children):
            run._mention(incident, tok, definite=True)


def _made(run: Any, entry: RecordEntry) -> FoundIncident | None:
    """An incident for a record whose text the parse read no deed in: triggered by the
    main verb of its summary's first sentence (else of its first field's sentence)."""
    doc: Doc = run.doc
    told = entry.of("summary") or entry.of("notes") or \
        entry.of("attack_type", "target", "weapon") or list(entry.fields[:1])
    if not told:
        return None
    span = doc.char_span(told[0].value_start, max(told[0].value_end, told[0].value_start + 1),
                         alignment_mode="expand")
    if span is None or not len(span):
        return None
    sent = sentence_of(span[0])
    words = [t for t in sent if t.idx >= told[0].value_start and not t.is_space]
    if not words:
        return None
    # the sentence's main verb (a capitalised word taken for one is a name) and its first
    # deed verb or incident noun; else its first verb
    root = sent.root if sent.root.pos_ == "VERB" and sent.root.idx >= told[0].value_start \
        and (sent.root.is_lower or sent.root is words[0]) else None
    deed = next((t for t in words if run.f.verb_kind(t) or (
        t.pos_ == "NOUN" and run.f.noun_kind(t))), None)
    if deed is None and not entry.of(*TELLING) and not any(
            t.lemma_.casefold() in run.lex.casualties or t.lemma_.casefold() in run.lex.weapons
            or t.lower_ in run.lex.weapons for t in words):
        return None  # "Date: … Location: … Summary: This report examines …": no incident
    triggers = [t for t in dict.fromkeys([root, deed]) if t is not None] or \
        [next((t for t in words if t.pos_ == "VERB"), words[0])]
    incident: FoundIncident = run._new(triggers[0], _kind(run, entry, sent), [], entry.date)
    for tok in triggers[1:]:
        run._join(incident, tok)
    return incident


def _kind(run: Any, entry: RecordEntry, sent: Span) -> str:
    """The record's kind: its attack-type field's words, else the summary's first deed
    verb or incident noun, else "attack"."""
    lex = run.lex
    text = run.doc.user_data.get("threatnet.text") or run.doc.text
    for field in entry.of("attack_type"):
        for word in re.findall(r"[a-z]+", text[field.value_start:field.value_end].casefold()):
            kind = lex.nouns.get(word) or lex.nouns.get(word.rstrip("s")) or \
                lex.kind_words.get(word)
            if kind:
                return kind
    for tok in sent:
        kind = run.f.verb_kind(tok) or (run.f.noun_kind(tok) if tok.pos_ == "NOUN" else None)
        if kind:
            return kind
    return "attack"


def _record_places(run: Any, entry: RecordEntry) -> list[str]:
    """The places of a record's place fields, finest first: in each field, the parts
    between commas left to right ("Badaber, Peshawar district, Khyber Pakhtunkhwa"); of
    several fields, the finer label first ("Village: …" before "District: …")."""
    labels = load_field_labels()
    text = run.doc.user_data.get("threatnet.text") or run.doc.text
    fields = sorted(entry.of("place"), key=lambda f: labels.place_rank.get(f.label, 99))
    out: list[str] = []
    for field in fields:
        at = field.value_start
        for part in re.split(r"[,;(/)]", text[field.value_start:field.value_end]):
            start = at + len(part) - len(part.lstrip())
            at += len(part) + 1
            name = part.strip().rstrip(".")
            if not name:
                continue
            found = _place(run, start, start + len(name), name, labels)
            if found is not None and found not in out:
                out.append(found)
    return out


def _place(run: Any, start: int, end: int, name: str, labels: FieldLabels) -> str | None:
    """The location a part of a place field names: the entity the finder found there,
    else one made from its words (a site or village no gazetteer knows; a word the
    statistical tagger took for a person's name is a place here)."""
    span = run.doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    for tok in span:
        entity = run.entity_of(tok.i)
        if entity is not None and entity.type in PLACES:
            return entity.id
        if entity is not None and entity.type == EntityType.STATE:
            return None  # the country: no finer place than those before it
    words = [t for t in span if not t.is_punct]
    while words and words[-1].lower_ in labels.place_suffixes:
        words.pop()
    while words and words[0].is_lower:  # "near Shewa village": Shewa
        words.pop(0)
    if not words or not all(t.is_title or t.is_upper or t.like_num or t.is_stop
                            for t in words) or not words[0].is_title:
        return None
    first, last = words[0].i, words[-1].i + 1
    adder: EntityAdder = run.adder
    entity = adder.entity("place:" + run.doc[first:last].text.casefold(),
                          run.doc[first:last].text, EntityType.LOCATION)
    adder.mention(entity, first, last)
    return entity.id


# -- claims the fields make ----------------------------------------------------------


class FieldClaimReader:
    """Claims from the record fields that are no sentence: "Perpetrator: TTP",
    "Claimed by: ISKP", "Suspected perpetrator: BLA", "Target: police checkpoint",
    "Weapon: IED", "Killed: 3". A field whose value is a sentence ("Responsibility: The
    TTP claimed responsibility.") is read by the incident claim maker like any sentence."""

    def __init__(self, doc: Doc, incidents: Any, entities: list[Entity],
                 token_entity: dict[int, str], adder: EntityAdder, targets: Any) -> None:
        self.doc, self.incidents = doc, incidents
        self.entities = {e.id: e for e in entities}
        self.token_entity = token_entity
        self.adder, self.targets = adder, targets
        self.labels = load_field_labels()
        self.text = doc.user_data.get("threatnet.text") or doc.text

    def claims(self) -> list[tuple[RawClaim, Reading]]:
        out: list[tuple[RawClaim, Reading]] = []
        for entry in self.incidents.entries.entries:
            if not isinstance(entry, RecordEntry):
                continue
            incident = next((f for f in self.incidents.incidents if f.mentions and
                             entry.start <= f.mentions[0].idx < entry.end), None)
            if incident is None:
                continue
            for field in entry.fields:
                if field.kind in self.labels.field_modality:
                    for clause in self._clauses(field):
                        out += self._perpetrators(clause, incident)
            out += self._struck(entry, incident)
        return out

    def _clauses(self, field: Field) -> list[Field]:
        """A value's parts between semicolons: "LeJ, by police; the group denied it"."""
        out, at = [], field.value_start
        for part in self.text[field.value_start:field.value_end].split(";"):
            lead = len(part) - len(part.lstrip())
            if part.strip():
                out.append(Field(field.kind, field.label, field.start, at + lead,
                                 at + len(part.rstrip())))
            at += len(part) + 1
        return out

    def _words(self, field: Field) -> list[Token]:
        span = self.doc.char_span(field.value_start, max(field.value_end,
                                                         field.value_start + 1),
                                  alignment_mode="expand")
        return [t for t in span if not t.is_space] if span is not None else []

    def _entity(self, tok: Token) -> Entity | None:
        owner = self.token_entity.get(tok.i)
        if owner is not None and owner not in self.entities:
            self.entities = {e.id: e for e in self.adder.found.entities}
        return self.entities.get(owner) if owner else None

    def _perpetrators(self, field: Field, incident: FoundIncident) -> list[tuple[RawClaim,
                                                                                  Reading]]:
        words = self._words(field)
        value = " ".join(self.text[field.value_start:field.value_end].casefold().split())
        if not words or value.rstrip(".") in self.labels.no_one or \
                any(t.pos_ in ("VERB", "AUX") and t.tag_ in ("VBD", "VBZ", "VBP", "MD")
                    for t in words):
            return []  # nobody named, or a sentence (read as one)
        if any(value.startswith(w) for w in self.labels.no_one if len(w) > 3):
            return []
        modality, how = self.labels.field_modality[field.kind]
        polarity = Polarity.AFFIRMED
        lemmas = {t.lower_ for t in words} | {t.lemma_.casefold() for t in words}
        cue = next((k for k in ("denied", "claimed", "suspected", "alleged", "attributed",
                                "unconfirmed")
                    if lemmas & self.labels.value_cues[k] or any(
                        " " in w and w in value for w in self.labels.value_cues[k])), None)
        if cue == "denied":
            polarity, modality, how = Polarity.NEGATED, Modality.REPORTED, "denied"
        elif cue == "claimed":
            modality, how = Modality.ALLEGED, "claimed"
        elif cue in ("suspected", "unconfirmed"):
            modality, how = Modality.BELIEVED, "suspected"
        elif cue == "alleged":
            modality, how = Modality.ALLEGED, "suspected"
        elif cue == "attributed" and modality in (Modality.ASSERTED, Modality.ALLEGED):
            modality, how = Modality.REPORTED, "attributed"
        doers: list[tuple[Entity, Token]] = []
        sayers: list[tuple[Entity, Token]] = []
        for tok in words:
            entity = self._entity(tok)
            if entity is None or any(e.id == entity.id for e, _ in doers + sayers):
                continue
            if entity.type in PERPETRATORS:
                doers.append((entity, tok))
            elif entity.type in (EntityType.GOVERNMENT_BODY, EntityType.STATE):
                sayers.append((entity, tok))  # "attributed by police": who says so
        if not doers and not sayers:
            doers = self._shaped(words)
        out = []
        for doer, tok in doers:
            sources: list[Source] = []
            if how in ("claimed", "denied"):
                sources = [Source(self._mention_text(doer, words), doer.id)]
            elif sayers and modality != Modality.ASSERTED:
                sayer = sayers[0][0]
                sources = [Source(self._mention_text(sayer, words), sayer.id)]
            elif modality != Modality.ASSERTED:
                # "attributed by police", "TTP, per police", "according to officials"
                by = re.search(r"\b(?:by|per|according to)\s+([^,;.()]+)", value)
                sources = [Source(by.group(1).strip())] if by else []
            reading = Reading(polarity, modality, sources)
            predicate = "perpetrated"
            raw = RawClaim(doer.id, predicate, incident.entity.id, tok,
                           qualifiers={"attribution": how})
            out.append((raw, reading))
        return out

    def _shaped(self, words: list[Token]) -> list[tuple[Entity, Token]]:
        """A perpetrator the actor pack does not know, named in the field with the shape
        of a group's name ("Perpetrator: Jaish-e-Fursan-e-Muhammad", "… Liberation
        Tigers"); a name whose shape says nothing (a person? a place?) is left alone."""
        name = []
        for tok in words:
            if tok.text in ("(", ",", ";") or (tok.is_punct and tok.text not in "-'"):
                break
            name.append(tok)
        if not name or self.token_entity.keys() & {t.i for t in name}:
            return []
        span = self.doc[name[0].i:name[-1].i + 1]
        etype = _name_shapes().org_by_shape(span)
        if etype is None:
            return []
        entity = self.adder.entity("perpetrator:" + span.text.casefold(), span.text, etype)
        self.adder.mention(entity, span.start, span.end)
        self.entities[entity.id] = entity
        return [(entity, span[0])]

    def _mention_text(self, entity: Entity, words: list[Token]) -> str:
        start, end = words[0].idx, words[-1].idx + len(words[-1])
        inside = [m.text for m in entity.mentions if start <= m.start < end]
        return inside[0] if inside else entity.name

    def _struck(self, entry: RecordEntry, incident: FoundIncident) -> list[tuple[RawClaim,
                                                                                  Reading]]:
        """Target, target-type, weapon and toll fields."""
        out: list[tuple[RawClaim, Reading]] = []
        typed = None
        for field in entry.of("target_type"):
            words = self._words(field)
            found = self.targets.target_words([t.lemma_.casefold() for t in words]) \
                if words else None
            typed = found[0] if found else typed
        counts: dict[str, int] = {}
        for field in entry.of("killed", "wounded", "casualties"):
            counts.update(_tolls(field.kind, self.text[field.value_start:field.value_end]))
        for field in entry.of("target"):
            words = self._words(field)
            heads = [t for t in words if t.dep_ in ("ROOT", "conj", "appos")
                     and t.pos_ in ("NOUN", "PROPN")] or [w for w in words if w.pos_ in
                                                          ("NOUN", "PROPN")][-1:]
            for head in heads:
                target = self.targets.target(head, self.adder)
                if target is None:
                    continue
                entity = self.adder.found.entities
                kind = typed or self.targets.target_type(
                    next(e for e in entity if e.id == target))
                qualifiers: dict[str, Any] = {"target_type": kind} if kind else {}
                qualifiers.update(counts)
                counts = {}
                out.append((RawClaim(incident.entity.id, "targets", target, head,
                                     qualifiers=qualifiers), Reading()))
        for field in entry.of("weapon", "attack_type"):
            for tok in self._words(field):
                entity = self._entity(tok)
                if entity is not None and entity.type == EntityType.CAPABILITY and \
                        not any(r.object == entity.id for r, _ in out):
                    out.append((RawClaim(incident.entity.id, "uses", entity.id, tok),
                                Reading()))
        return out


@lru_cache(maxsize=1)
def _name_shapes() -> NameShapes:
    return NameShapes()


_NUMBER = r"(\d{1,5})"


def _tolls(kind: str, value: str) -> dict[str, int]:
    """ "Killed: 3", "Casualties: 3 killed, 5 wounded", "Fatalities: 12 (incl. 2 attackers)"."""
    value = value.casefold()
    if kind in ("killed", "wounded"):
        found = re.match(rf"\s*(?:at least|about|around|some|over)?\s*{_NUMBER}\b", value)
        return {kind: int(found.group(1))} if found else {}
    out = {}
    for number, word in re.findall(rf"{_NUMBER}\s+(?:people\s+|persons\s+)?"
                                   r"(killed|dead|died|wounded|injured)", value):
        out["killed" if word in ("killed", "dead", "died") else "wounded"] = int(number)
    return out


__all__ = ["Field", "FieldClaimReader", "FieldLabels", "RecordEntry", "field_starts",
           "fill_records", "find_records", "load_field_labels", "with_records"]
