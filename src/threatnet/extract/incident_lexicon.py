"""The incident lexicon (`data/incidents.yaml`) as lookup tables.

Trigger words by incident kind, the nouns that refer back to an incident, target
nouns and their target types, tactic words and their capability taxonomy nodes, and
the attribution cues (claims of responsibility, attributions, suspicions, denials).
Read once per process by `extract.incidents` and `extract.incident_claims`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache

from threatnet.errors import InvalidData
from threatnet.model import Modality
from threatnet.resources import load_data

_FILE = "incidents.yaml"


@dataclass(frozen=True)
class TargetWords:
    """The words of one target type: people (a population) and places or things."""

    type: str
    people: frozenset[str]
    places: frozenset[str]


@dataclass(frozen=True)
class IncidentLexicon:
    verbs: dict[str, str]                 # lemma or "lemma particle" -> kind
    nouns: dict[str, str]                 # head noun lemma (or "modifier head") -> kind
    kind_words: dict[str, str]
    anaphors: dict[str, frozenset[str]]   # noun -> kinds it can refer to ("*": any)
    families: tuple[frozenset[str], ...]
    plural_anaphors: frozenset[str]        # "the killings": one deed that killed several
    anonymous: frozenset[str]
    perpetrator_kinds: dict[str, str]     # doer noun ("suicide bomber") -> kind
    not_deeds: frozenset[str]
    state_forces: frozenset[str]
    casualties: dict[str, str]            # lemma -> killed / wounded / hostages
    targets: tuple[TargetWords, ...]
    pack_target_types: dict[str, str]
    entity_target_types: dict[str, str]
    tactics: dict[str, str]               # word or phrase -> capability node
    reflexive_suicide: frozenset[str]
    target_preps: frozenset[str]          # "among worshippers", "into the air station"
    target_of_nouns: frozenset[str]       # "the assassination of X"
    victim_lists: dict[str, str]          # "among the dead" -> killed
    generic_victims: frozenset[str]       # "people": no one in particular
    carrier_nouns: frozenset[str]         # "a convoy of X", "a bus carrying Y"
    part_nouns: frozenset[str]            # "the gate of the school"
    toll_nouns: dict[str, str | None]     # "toll" -> killed ("number": from its words)
    toll_verbs: frozenset[str]            # "put the toll at", "rose to"
    toll_preps: frozenset[str]
    including: frozenset[str]             # "17 people, including two police officers"
    carrier_verbs: frozenset[str]
    vehicle_bomb_node: str
    bomb_vehicles: frozenset[str]
    bomb_loaded: frozenset[str]
    bomb_explosives: frozenset[str]
    restating_capabilities: frozenset[str]
    kind_capabilities: dict[str, str]     # incident kind -> capability node
    responsibility_verbs: frozenset[str]
    responsibility_nouns: frozenset[str]
    responsibility_noun_verbs: frozenset[str]  # "took responsibility"
    responsibility_modality: Modality
    attribution_verbs: dict[str, Modality]
    denial_verbs: frozenset[str]
    denial_nouns: frozenset[str]
    behind: frozenset[str]
    membership_verbs: frozenset[str]
    membership_nouns: frozenset[str]
    planned_verbs: frozenset[str]
    planned_preps: frozenset[str]
    identification_verbs: frozenset[str]
    claim_carriers: frozenset[str]
    reactions: frozenset[str]             # "blamed … on Tuesday for the assault"
    publication_labels: frozenset[str]    # "Published 10 May 2023"
    street_nouns: frozenset[str]          # "Mall Road": the noun is part of the name
    series_nouns: frozenset[str]
    series_members: frozenset[str]
    place_nouns: frozenset[str]
    facility_nouns: frozenset[str]
    place_preps: frozenset[str]
    record_place_fields: frozenset[str]   # "Location: Karachi, Sindh"
    place_entry_preps: frozenset[str]
    new_markers: frozenset[str]
    doer_ties: frozenset[str]             # "gunmen linked to X", "X-affiliated militants"
    doer_deeds: dict[str, str]            # "Militants killed two soldiers": an attack
    operation_nouns: frozenset[str]       # "killed in an operation": no incident
    doer_hedges: dict[str, Modality]      # "suspected X militants"
    involvement_words: frozenset[str]     # "X was (not) involved in the attack"
    speech_verbs: frozenset[str]          # "its spokesman said the group was behind it"
    deed_verbs: frozenset[str]            # "X said it had carried out the attack"
    hallmarks: frozenset[str]             # "bore the hallmarks of X"
    weapon_verbs: frozenset[str]          # "a grenade was hurled", "an IED went off"
    weapons: dict[str, str]               # weapon noun -> incident kind
    unreal: frozenset[str]
    work_nouns: frozenset[str] = frozenset()  # "the attack was the work of X"
    # "a man describing himself as a spokesman of X", "a caller claiming to speak for X"
    # "X said it had no link to / no role in the attack": a denial
    no_part_nouns: frozenset[str] = frozenset()
    suspicion_nouns: frozenset[str] = frozenset()  # "suspicion fell on X", "the suspect"
    speaking_roles: frozenset[str] = frozenset()  # "TTP spokesman X": X only speaks
    sending_verbs: frozenset[str] = frozenset()   # "X said it had sent the bomber"
    self_described_nouns: frozenset[str] = frozenset()
    self_described_verbs: frozenset[str] = frozenset()
    # round six: verb classes (data/incidents.yaml `verb_classes`)
    intrusion_verbs: frozenset[str] = frozenset()  # "armed men entered the hotel"
    intrusion_kind: str = "raid"
    armed_words: frozenset[str] = frozenset()      # "armed men", "masked men"
    armed_doers: frozenset[str] = frozenset()      # "gunmen", "militants"
    intrusion_places: frozenset[str] = frozenset()
    chain_heads: frozenset[str] = frozenset()      # "stopped a bus … and shot"
    kind_of_nouns: frozenset[str] = frozenset()    # "the kind of attack X carried out"
    one_operation_words: frozenset[str] = frozenset()  # "near-simultaneous attacks"

    @cached_property
    def disowned_nouns(self) -> frozenset[str]:
        """What a denial disowns: "denied any involvement / role / link"."""
        return self.denial_nouns | self.no_part_nouns

    @cached_property
    def own_part_words(self) -> frozenset[str]:
        """Words of a denied clause that make it about the denier's own part ("denied
        that it was behind / involved in / had carried out …")."""
        return self.involvement_words | self.behind | self.deed_verbs | self.disowned_nouns

    def same_family(self, a: str, b: str) -> bool:
        """Two kinds one incident may be described by ("attack" goes with any)."""
        return a == b or "attack" in (a, b) or any(a in f and b in f for f in self.families)

    def anaphor_fits(self, noun: str, kind: str) -> bool:
        kinds = self.anaphors.get(noun, frozenset())
        return "*" in kinds or kind in kinds


def _words(raw: object, key: str) -> frozenset[str]:
    if not isinstance(raw, list):
        raise InvalidData(_FILE, f"'{key}' must be a list of words")
    return frozenset(str(w).casefold() for w in raw)


def _modalities(raw: object, key: str) -> dict[str, Modality]:
    if not isinstance(raw, dict):
        raise InvalidData(_FILE, f"'{key}' must map words to modalities")
    try:
        return {str(k).casefold(): Modality(v) for k, v in raw.items()}
    except ValueError as exc:
        raise InvalidData(_FILE, str(exc), key) from None


def _by_kind(kinds: dict, part: str) -> dict[str, str]:
    table: dict[str, str] = {}
    for kind, words in kinds.items():
        for word in _words(words.get(part, []), f"kinds.{kind}.{part}"):
            table[word] = kind
    return table


@lru_cache(maxsize=1)
def load_incident_lexicon() -> IncidentLexicon:
    d = load_data(_FILE)
    cues = d["attribution"]
    classes = d.get("verb_classes", {})
    intrusion = classes.get("intrusion", {})
    targets = tuple(TargetWords(t, _words(w.get("people", []), f"targets.{t}"),
                                _words(w.get("places", []), f"targets.{t}"))
                    for t, w in d["targets"].items())
    try:
        attribution = {str(k): Modality(v) for k, v in cues["attribution"]["verbs"].items()}
        responsibility_modality = Modality(cues["responsibility"]["modality"])
    except ValueError as exc:
        raise InvalidData(_FILE, str(exc), "attribution") from None
    return IncidentLexicon(
        verbs=_by_kind(d["kinds"], "verbs") | {
            str(w).casefold(): str(c["kind"]) for name, c in classes.items()
            if isinstance(c, dict) and name != "intrusion" for w in c.get("verbs", [])},
        nouns=_by_kind(d["kinds"], "nouns"),
        kind_words={str(k).casefold(): v for k, v in d["kind_words"].items()},
        anaphors={str(k): _words(v, f"anaphors.{k}") for k, v in d["anaphors"].items()},
        plural_anaphors=_words(d["plural_anaphors"], "plural_anaphors"),
        families=tuple(_words(f, "kind_families") for f in d["kind_families"]),
        anonymous=_words(d["anonymous_perpetrators"], "anonymous_perpetrators"),
        perpetrator_kinds={str(k).casefold(): v for k, v in d["perpetrator_kinds"].items()},
        not_deeds=_words(d["not_deeds"], "not_deeds"),
        state_forces=_words(d["state_forces"], "state_forces"),
        casualties={w: q for q, words in d["casualties"].items()
                    for w in _words(words, f"casualties.{q}")},
        targets=targets,
        pack_target_types=dict(d["pack_target_types"]),
        entity_target_types=dict(d["entity_target_types"]),
        tactics={str(k).casefold(): v for k, v in d["tactics"].items()},
        reflexive_suicide=_words(d["reflexive_suicide"], "reflexive_suicide"),
        target_preps=_words(d["target_links"]["preps"], "target_links.preps"),
        target_of_nouns=_words(d["target_links"]["of_nouns"], "target_links.of_nouns"),
        victim_lists={w: q for q, words in d["victim_lists"].items()
                      for w in _words(words, f"victim_lists.{q}")},
        generic_victims=_words(d["generic_victims"], "generic_victims"),
        carrier_nouns=_words(d["carriers"]["nouns"], "carriers.nouns"),
        part_nouns=_words(d["part_nouns"], "part_nouns"),
        toll_nouns={str(k).casefold(): (str(v) if v else None)
                    for k, v in d["tolls"]["nouns"].items()},
        toll_verbs=_words(d["tolls"]["verbs"], "tolls.verbs"),
        toll_preps=_words(d["tolls"]["preps"], "tolls.preps"),
        including=_words(d["including"], "including"),
        carrier_verbs=_words(d["carriers"]["verbs"], "carriers.verbs"),
        vehicle_bomb_node=str(d["vehicle_bombs"]["node"]),
        bomb_vehicles=_words(d["vehicle_bombs"]["vehicles"], "vehicle_bombs.vehicles"),
        bomb_loaded=_words(d["vehicle_bombs"]["loaded"], "vehicle_bombs.loaded"),
        bomb_explosives=_words(d["vehicle_bombs"]["explosives"], "vehicle_bombs.explosives"),
        restating_capabilities=_words(d["restating_capabilities"], "restating_capabilities"),
        kind_capabilities={str(k): str(v) for k, v in d["kind_capabilities"].items()},
        responsibility_verbs=_words(cues["responsibility"]["verbs"], "responsibility"),
        responsibility_nouns=_words(cues["responsibility"]["nouns"], "responsibility"),
        responsibility_noun_verbs=_words(cues["responsibility"]["noun_verbs"],
                                         "responsibility"),
        responsibility_modality=responsibility_modality,
        attribution_verbs=attribution,
        denial_verbs=_words(cues["denial"]["verbs"], "denial"),
        denial_nouns=_words(cues["denial"]["nouns"], "denial"),
        behind=_words(cues["behind"], "behind"),
        work_nouns=_words(cues.get("work", []), "work"),
        no_part_nouns=_words(cues["denial"]["no_part"], "denial.no_part"),
        suspicion_nouns=_words(cues["suspicion_nouns"], "suspicion_nouns"),
        speaking_roles=_words(cues["speaking_roles"], "speaking_roles"),
        sending_verbs=_words(cues["sending"], "sending"),
        self_described_nouns=_words(cues["self_described"]["nouns"], "self_described"),
        self_described_verbs=_words(cues["self_described"]["verbs"], "self_described"),
        membership_verbs=_words(cues["membership"]["verbs"], "membership"),
        membership_nouns=_words(cues["membership"]["nouns"], "membership"),
        planned_verbs=_words(cues["planned"]["verbs"], "planned"),
        planned_preps=_words(cues["planned"]["preps"], "planned"),
        identification_verbs=_words(cues["identification"]["verbs"], "identification"),
        claim_carriers=_words(cues["claim_carriers"], "claim_carriers"),
        series_nouns=_words(cues["series"]["nouns"], "series"),
        series_members=_words(cues["series"]["members"], "series"),
        place_nouns=_words(d["place_nouns"], "place_nouns"),
        facility_nouns=_words(d["facility_nouns"], "facility_nouns"),
        place_preps=_words(d["place_preps"], "place_preps"),
        record_place_fields=_words(d["record_place_fields"], "record_place_fields"),
        place_entry_preps=_words(d["place_entry_preps"], "place_entry_preps"),
        new_markers=_words(d["new_incident_markers"], "new_incident_markers"),
        doer_ties=_words(d["doers"]["ties"], "doers.ties"),
        doer_deeds={str(k).casefold(): str(v) for k, v in d["doers"]["deeds"].items()},
        operation_nouns=_words(d["operation_nouns"], "operation_nouns"),
        doer_hedges=_modalities(d["doers"]["hedges"], "doers.hedges"),
        involvement_words=_words(cues["involvement"], "involvement"),
        speech_verbs=_words(cues["speech"], "speech"),
        deed_verbs=_words(cues["deed_verbs"], "deed_verbs"),
        hallmarks=_words(cues["hallmarks"], "hallmarks"),
        weapon_verbs=_words(d["weapon_deeds"]["verbs"], "weapon_deeds.verbs") |
        _words(classes.get("detonation", []), "verb_classes.detonation"),
        weapons={str(k).casefold(): str(v) for k, v in d["weapon_deeds"]["weapons"].items()},
        unreal=_words(d["unreal_governors"], "unreal_governors"),
        reactions=_words(d["reaction_verbs"], "reaction_verbs"),
        publication_labels=_words(d["publication_labels"], "publication_labels"),
        street_nouns=_words(d["street_nouns"], "street_nouns"),
        intrusion_verbs=_words(intrusion.get("verbs", []), "verb_classes.intrusion"),
        intrusion_kind=str(intrusion.get("kind", "raid")),
        armed_words=_words(intrusion.get("armed_words", []), "verb_classes.intrusion"),
        armed_doers=_words(intrusion.get("armed_doers", []), "verb_classes.intrusion"),
        intrusion_places=_words(intrusion.get("places", []), "verb_classes.intrusion"),
        chain_heads=_words(classes.get("interception", []), "verb_classes.interception"),
        kind_of_nouns=_words(d.get("kind_of_nouns", []), "kind_of_nouns"),
        one_operation_words=_words(d.get("one_operation_words", []), "one_operation_words"),
    )
