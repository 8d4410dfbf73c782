"""The Urdu cue lexicon (`data/urdu_cues.yaml`) as folded word sequences, checked on load.

Every phrase becomes a tuple of word keys (`urdu_text.key`), so the spelling
variants the text may use meet the one spelling the lexicon gives. Read by
`threatnet.extract.urdu`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from threatnet.errors import InvalidData
from threatnet.extract.urdu_text import words
from threatnet.model import PREDICATES, EntityType, Modality
from threatnet.resources import load_data

_FILE = "urdu_cues.yaml"
Phrase = tuple[str, ...]


@dataclass(frozen=True)
class PredicateCue:
    predicate: str
    cues: tuple[Phrase, ...]
    object_markers: tuple[Phrase, ...]
    subject_types: frozenset[EntityType]
    object_types: frozenset[EntityType]


@dataclass(frozen=True)
class UrduCues:
    agent: frozenset[str]
    genitive: frozenset[str]
    conjunction: frozenset[str]
    complementiser: frozenset[str]
    according_to: tuple[Phrase, ...]
    postpositions: frozenset[str]
    receiving: frozenset[str]
    recipient: frozenset[str]
    max_gap: int
    predicates: tuple[PredicateCue, ...]
    sources: dict[Phrase, Modality]
    denials: tuple[Phrase, ...]
    hedges: dict[Phrase, Modality]
    negation: tuple[Phrase, ...]
    default_modality: Modality


def phrase(text: str) -> Phrase:
    return tuple(w.key for w in words(str(text)))


def _phrases(values: Any, where: str) -> tuple[Phrase, ...]:
    if not isinstance(values, list) or not values:
        raise InvalidData(_FILE, f"'{where}' must be a non-empty list of phrases")
    return tuple(p for p in (phrase(v) for v in values) if p)


def _words(values: Any, where: str) -> frozenset[str]:
    return frozenset(p[0] for p in _phrases(values, where) if len(p) == 1)


def _types(value: Any, named: dict[str, list[str]], where: str) -> frozenset[EntityType]:
    names = named.get(value, [value]) if isinstance(value, str) else value
    try:
        return frozenset(EntityType(n) for n in names)
    except (ValueError, TypeError):
        raise InvalidData(_FILE, f"{where}: {value!r} is not an entity type or a type "
                                 "group of frames.yaml") from None


def _predicate(item: Any, named: dict[str, list[str]]) -> PredicateCue:
    if not isinstance(item, dict) or item.get("predicate") not in PREDICATES:
        raise InvalidData(_FILE, f"predicate entry {item!r} needs a known 'predicate'")
    name = item["predicate"]
    return PredicateCue(name, _phrases(item.get("cues"), f"{name}.cues"),
                        _phrases(item.get("object_markers"), f"{name}.object_markers"),
                        _types(item.get("subject_types"), named, f"{name}.subject_types"),
                        _types(item.get("object_types"), named, f"{name}.object_types"))


def _modality(value: Any, where: str) -> Modality:
    try:
        return Modality(value)
    except ValueError:
        raise InvalidData(_FILE, f"{where}: {value!r} is not a modality") from None


@cache
def load_urdu_cues() -> UrduCues:
    data = load_data(_FILE)
    named = load_data("frames.yaml").get("types", {})
    try:
        markers = data["markers"]
        hedges = {phrase(p): _modality(m, f"hedges.{m}")
                  for m, items in data["hedges"].items() for p in items}
        sources = {phrase(p): _modality(m, f"sources.{p}") for p, m in data["sources"].items()}
        return UrduCues(
            agent=_words(markers["agent"], "markers.agent"),
            genitive=_words(markers["genitive"], "markers.genitive"),
            conjunction=_words(markers["conjunction"], "markers.conjunction"),
            complementiser=_words(markers["complementiser"], "markers.complementiser"),
            according_to=_phrases(markers["according_to"], "markers.according_to"),
            postpositions=_words(markers["postpositions"], "markers.postpositions"),
            receiving=_words(markers["receiving"], "markers.receiving"),
            recipient=_words(markers["recipient"], "markers.recipient"),
            max_gap=int(data["max_gap"]),
            predicates=tuple(_predicate(p, named) for p in data["predicates"]),
            sources=sources, denials=_phrases(data["denials"], "denials"), hedges=hedges,
            negation=_phrases(data["negation"], "negation"),
            default_modality=_modality(data["default_modality"], "default_modality"))
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        raise InvalidData(_FILE, f"is missing or misshapes {exc}") from None
