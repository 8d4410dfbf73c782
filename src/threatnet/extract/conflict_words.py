"""The word classes and type sets of the round-5 conflict reader (`conflict_relations`,
`conflict_stances`): the `conflict` block of `data/frames.yaml`, loaded once."""

from __future__ import annotations

from threatnet.extract.cue_lexicon import load_cues
from threatnet.extract.frames import Frame
from threatnet.model import EntityType
from threatnet.resources import load_data

STRIKERS = frozenset({EntityType.STATE, EntityType.GOVERNMENT_BODY})
PLACES = frozenset({EntityType.LOCATION, EntityType.STATE})
ACTORS = frozenset({EntityType.ARMED_GROUP, EntityType.ORGANIZATION, EntityType.STATE,
                     EntityType.GOVERNMENT_BODY, EntityType.PERSON})
GROUPS = frozenset({EntityType.ARMED_GROUP, EntityType.ORGANIZATION, EntityType.STATE,
                     EntityType.GOVERNMENT_BODY})
HOSTILE_OBJECTS = GROUPS | {EntityType.PERSON, EntityType.POPULATION}
ATTACK = Frame(predicate="attacks", object=("dobj",))
# "Indian-administered": a nationality word inside a hyphened modifier is no entity
DEMONYMS = {w.casefold(): state for state, words in load_data("demonyms.yaml")["demonyms"].items()
             for w in words}
DENYING = load_cues().negating_sources  # deny, reject, dismiss …
HOSTILE = Frame(predicate="hostile_to", object=("dobj",))
# the predicates of support, rivalry, violence and talks between actors
CONFLICT_PREDICATES = frozenset({"supports", "hostile_to", "fights", "cooperates_with",
                                 "negotiates_with", "rival_of", "allied_with", "meets_with"})
DESIGNATED = frozenset({EntityType.ARMED_GROUP, EntityType.PERSON})
DESIGNATORS = frozenset({EntityType.STATE, EntityType.GOVERNMENT_BODY,
                          EntityType.ORGANIZATION})


JOINED = {"ruling_nouns": ("rule_nouns", "seat_nouns"),
          "forcing_out_verbs": ("expelling_verbs", "dislodging_verbs"),
          "patronage_nouns": ("patron_nouns", "owned_proxy_nouns")}


class ConflictWords:
    """The word classes of the `conflict` block of `data/frames.yaml`."""

    def __init__(self) -> None:
        data = load_data("frames.yaml")["conflict"]
        self.words: dict[str, frozenset[str]] = {
            key: frozenset(str(w).casefold() for w in value) for key, value in data.items()}
        # classes the reader asks for together, joined once
        for joined, parts in JOINED.items():
            self.words[joined] = frozenset().union(*(self.words[p] for p in parts))

    def __getitem__(self, key: str) -> frozenset[str]:
        return self.words[key]
