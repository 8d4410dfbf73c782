"""Incidents in Urdu sentences: the attack a sentence names, and who claims or denies it.

Only sentences with a claim of responsibility or a denial, or that point back at an
incident ("اس حملے"), are read: the reach of the Urdu cue lexicon.

Reads the Urdu sentences `extract.urdu` found with the cue words of `data/incidents.yaml`
(`urdu`): an incident noun ("حملہ", "خودکش دھماکہ") is an incident, the one told before
when "اس" (this) points back; "X نے … ذمہ داری قبول کی" is X's own claim (perpetrated,
alleged, source X), "X نے … تردید کی" X's denial (negated, source X); a place before
"میں" is where it occurred. No claim is made where the cue is negated ("کسی گروپ نے
ذمہ داری قبول نہیں کی": no group claimed it).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from threatnet.extract.incident_lexicon import load_incident_lexicon
from threatnet.extract.urdu import URDU, UrduClaim, UrduReading
from threatnet.extract.urdu_cues import Phrase, UrduCues, load_urdu_cues, phrase
from threatnet.extract.urdu_text import Sentence
from threatnet.model import Entity, EntityType, Incident, Mention, Modality, Polarity, Source
from threatnet.resources import load_data

ACTORS = {EntityType.ARMED_GROUP, EntityType.ORGANIZATION, EntityType.PERSON,
          EntityType.STATE, EntityType.GOVERNMENT_BODY}


@dataclass(frozen=True)
class UrduIncidentCues:
    kinds: tuple[tuple[Phrase, str], ...]  # longest phrase first
    this: frozenset[str]
    responsibility: tuple[Phrase, ...]
    denial: tuple[Phrase, ...]
    inside: frozenset[str]


@lru_cache(maxsize=1)
def load_urdu_incident_cues() -> UrduIncidentCues:
    d = load_data("incidents.yaml")["urdu"]
    kinds = sorted(((phrase(p), kind) for kind, ps in d["kinds"].items() for p in ps),
                   key=lambda k: -len(k[0]))
    return UrduIncidentCues(
        kinds=tuple(k for k in kinds if k[0]),
        this=frozenset(phrase(w)[0] for w in d["this"]),
        responsibility=tuple(sorted((phrase(p) for p in d["responsibility"]), key=len,
                                    reverse=True)),
        denial=tuple(phrase(p) for p in d["denial"]),
        inside=frozenset(phrase(w)[0] for w in d["in"]))


class UrduIncidents:
    """The incidents and the claims about them of one document's Urdu sentences."""

    def __init__(self, entities: list[Entity]) -> None:
        self.entities = entities
        self.cues = load_urdu_incident_cues()
        self.markers: UrduCues = load_urdu_cues()
        self.next = max((int(e.id[1:]) for e in entities), default=0) + 1
        self.latest: Entity | None = None

    def claims(self, reading: UrduReading) -> list[UrduClaim]:
        mentions = sorted(((m.start, m.end, e) for e in self.entities for m in e.mentions),
                          key=lambda x: (x[0], x[1]))
        out: list[UrduClaim] = []
        for sent, language in reading.sentences:
            if language == URDU:
                out += self._sentence(sent, [(s, e, x) for s, e, x in mentions
                                             if sent.start <= s and e <= sent.end])
        return out

    def _sentence(self, sent: Sentence, mentions: list) -> list[UrduClaim]:
        keys = [w.key for w in sent.words]
        if _find(keys, self.cues.responsibility + self.cues.denial) is None and not (
                self.latest is not None and any(k in self.cues.this for k in keys)):
            return []  # only where the attribution cues reach (docs/incidents.md)
        incident = self._incident(sent, keys)
        if incident is None:
            return []
        spans = [(self._word_at(sent, s), self._word_at(sent, e - 1) + 1, x)
                 for s, e, x in mentions]
        out = []
        place = next((x for s, e, x in spans if x.type == EntityType.LOCATION
                      and e < len(keys) and keys[e] in self.cues.inside), None)
        if place is not None and incident.incident and incident.incident.place is None:
            incident.incident.place = place.id
            incident.name = f"{incident.incident.kind}, {place.name}"
            out.append(UrduClaim(incident.id, "occurred_in", place.id, Polarity.AFFIRMED,
                                 Modality.REPORTED, None, sent))
        for cues, polarity, modality in ((self.cues.responsibility, Polarity.AFFIRMED,
                                          Modality.ALLEGED),
                                         (self.cues.denial, Polarity.NEGATED,
                                          Modality.REPORTED)):
            at = _find(keys, cues)
            if at is None or _find(keys[at:], self.markers.negation) is not None:
                continue
            for s, e, actor in spans:  # "X نے": who claims or denies
                if e <= at and e < len(keys) and keys[e] in self.markers.agent and \
                        actor.type in ACTORS:
                    source = Source(sent.text[sent.words[s].start - sent.start:
                                              sent.words[e - 1].end - sent.start], actor.id)
                    out.append(UrduClaim(actor.id, "perpetrated", incident.id, polarity,
                                         modality, source, sent))
            break
        return out

    def _incident(self, sent: Sentence, keys: list[str]) -> Entity | None:
        """The incident the sentence names: new, or the one told before ("اس حملے")."""
        for i in range(len(keys)):
            for words, kind in self.cues.kinds:
                if tuple(keys[i:i + len(words)]) != words:
                    continue
                first, last = sent.words[i], sent.words[i + len(words) - 1]
                if self.latest is None or not (i and keys[i - 1] in self.cues.this):
                    self.latest = self._told_in_english(kind) or self._new(kind)
                text = sent.text[first.start - sent.start:last.end - sent.start]
                self.latest.mentions.append(Mention(first.start, last.end, text))
                self.latest.add_alias(text)
                return self.latest
        return None

    def _new(self, kind: str) -> Entity:
        entity = Entity(id=f"E{self.next}", name=kind, type=EntityType.EVENT,
                        incident=Incident(kind))
        self.next += 1
        self.entities.append(entity)
        return entity

    def _told_in_english(self, kind: str) -> Entity | None:
        """An Urdu headline over an English report speaks of the report's incident: the
        one of a compatible kind told most often."""
        lex = load_incident_lexicon()
        told = [e for e in self.entities if e.incident and e.type == EntityType.EVENT and
                lex.same_family(kind, e.incident.kind) and
                any(m.text.isascii() for m in e.mentions)]
        return max(told, key=lambda e: len(e.mentions), default=None)

    @staticmethod
    def _word_at(sent: Sentence, offset: int) -> int:
        return next((n for n, w in enumerate(sent.words) if w.start <= offset < w.end or
                     w.start >= offset), len(sent.words) - 1)


def _find(keys: list[str], phrases: tuple[Phrase, ...]) -> int | None:
    for i in range(len(keys)):
        if any(tuple(keys[i:i + len(p)]) == p for p in phrases):
            return i
    return None
