"""The cue lexicon (`data/cues.yaml`) and the argument word classes
(`data/argument_words.yaml`), loaded once and shared by every extractor module."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from threatnet.model import Modality
from threatnet.resources import load_data


@dataclass(frozen=True)
class Cues:
    source_verbs: dict[str, Modality]
    negating_sources: frozenset[str]
    evidence_nouns: frozenset[str]
    claimant_verbs: frozenset[str]
    adverbs: dict[str, Modality]
    adjectives: dict[str, Modality]
    modals: dict[str, Modality]
    governing: dict[str, Modality]
    conditionals: frozenset[str]
    negation_words: frozenset[str]
    negating_verbs: frozenset[str]
    negating_adverbs: dict[str, str]
    according: Modality
    confidence: dict[str, dict[str, float]]
    circumstance_preps: frozenset[str] = frozenset()
    clausal_sources: frozenset[str] = frozenset()
    inverted_conditionals: frozenset[str] = frozenset()
    appointing: frozenset[str] = frozenset()
    empty_according: frozenset[str] = frozenset()

    @property
    def accusing_verbs(self) -> frozenset[str]:
        """Source verbs that make their content an allegation ("accuse", "blame")."""
        return frozenset(v for v, m in self.source_verbs.items() if m == Modality.ALLEGED)


@lru_cache(maxsize=1)
def load_cues() -> Cues:
    d = load_data("cues.yaml")

    def modal_map(key: str) -> dict[str, Modality]:
        return {str(k): Modality(v) for k, v in d[key].items()}

    return Cues(
        source_verbs=modal_map("source_verbs"),
        negating_sources=frozenset(d["negating_source_verbs"]),
        evidence_nouns=frozenset(d["evidence_nouns"]),
        claimant_verbs=frozenset(d["claimant_verbs"]),
        adverbs=modal_map("adverbs"), adjectives=modal_map("adjectives"),
        modals=modal_map("modals"), governing=modal_map("governing"),
        conditionals=frozenset(d["conditionals"]),
        negation_words=frozenset(d["negation_words"]),
        negating_verbs=frozenset(d["negating_verbs"]),
        negating_adverbs=dict(d["negating_adverbs"]),
        according=Modality(d["according"]),
        confidence=d["confidence"],
        circumstance_preps=frozenset(d.get("circumstance_preps", [])),
        clausal_sources=frozenset(d.get("clausal_source_verbs", [])),
        inverted_conditionals=frozenset(d.get("inverted_conditionals", [])),
        appointing=frozenset(d.get("appointing_source_verbs", [])),
        empty_according=frozenset(d.get("empty_according", [])),
    )


def word_class(name: str) -> frozenset[str]:
    """One closed word class of `data/argument_words.yaml` ("object_control", ...)."""
    return frozenset(str(w) for w in load_data("argument_words.yaml")[name])
