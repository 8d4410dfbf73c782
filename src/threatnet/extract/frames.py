"""Load the relation frames (`data/frames.yaml`) into lookup tables keyed by trigger lemma."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from threatnet.errors import InvalidData
from threatnet.model import PREDICATES, EntityType, Polarity
from threatnet.resources import load_data

_FILE = "frames.yaml"


@dataclass(frozen=True)
class Frame:
    """How one trigger word expresses one predicate, and where its arguments are."""

    predicate: str
    object: tuple[str, ...]
    subject: tuple[str, ...] = ()
    subject_types: frozenset[EntityType] = frozenset(EntityType)
    object_types: frozenset[EntityType] = frozenset(EntityType)
    polarity: Polarity = Polarity.AFFIRMED
    passive_theme: bool = False
    swap: bool = False
    pair: tuple[str, ...] = ()
    via: frozenset[str] = frozenset()
    as_object: str | None = None
    particle: str | None = None
    requires: str | None = None  # a preposition the trigger must have ("supply X with Y")
    aspect: str | None = None     # qualifiers.aspect of the claim ("safe_haven")
    inverse: bool = False         # the trigger's subject is the claim's object ("umbrella of")
    modifier: str | None = None   # nouns: a word that must modify the trigger ("turf war")
    under: bool = False           # nouns: "under the leadership of X" - X acts on the holder
    objectless: bool = False      # verbs: only without a direct object ("X is linked to Y")


@dataclass(frozen=True)
class Frames:
    verbs: dict[str, list[Frame]]
    nouns: dict[str, list[Frame]]
    roles: dict[str, str]          # role noun -> predicate
    proxies: frozenset[str]
    place_proxies: frozenset[str]
    modifier_proxies: frozenset[str]
    part_of_heads: frozenset[str]
    state_roles: frozenset[str] = frozenset()
    interim_titles: frozenset[str] = frozenset()   # "caretaker" prime minister: still leads
    object_as_verbs: frozenset[str] = frozenset()  # "arrested X as an operative of Y"


def _types(value: object, named: dict[str, list[str]], entry: str) -> frozenset[EntityType]:
    names = named[value] if isinstance(value, str) and value in named else value
    if not isinstance(names, list):
        raise InvalidData(_FILE, f"types {value!r} must be a list or a name of `types`", entry)
    try:
        return frozenset(EntityType(n) for n in names)
    except ValueError as exc:
        raise InvalidData(_FILE, str(exc), entry) from None


def _frame(raw: dict, named: dict[str, list[str]], particle: str | None,
           modifier: str | None = None) -> Frame:
    entry = "/".join(raw.get("lemma", ["?"]))
    predicate = raw.get("predicate")
    if predicate not in PREDICATES:
        raise InvalidData(_FILE, f"unknown predicate {predicate!r}", entry)
    everything = list(EntityType)
    return Frame(
        predicate=predicate,
        object=tuple(raw.get("object", [])),
        subject=tuple(raw.get("subject", [])),
        subject_types=_types(raw.get("subject_types", [t.value for t in everything]), named,
                             entry),
        object_types=_types(raw.get("object_types", [t.value for t in everything]), named,
                            entry),
        polarity=Polarity(raw.get("polarity", "affirmed")),
        passive_theme=raw.get("passive") == "theme",
        swap=bool(raw.get("swap")),
        pair=tuple(raw.get("pair", [])),
        via=frozenset(raw.get("via", [])),
        as_object=raw.get("as_object"),
        particle=particle,
        requires=raw.get("requires"),
        aspect=raw.get("aspect"),
        inverse=bool(raw.get("inverse")),
        modifier=modifier,
        under=bool(raw.get("under")),
        objectless=bool(raw.get("objectless")),
    )


def _table(raws: list, named: dict[str, list[str]], nouns: bool = False
           ) -> dict[str, list[Frame]]:
    """Frames by trigger lemma. A verb written "break away" is "break" with the particle
    "away"; a noun written "turf war" is "war" modified by "turf"."""
    table: dict[str, list[Frame]] = {}
    for raw in raws:
        if not isinstance(raw, dict) or not isinstance(raw.get("lemma"), list):
            raise InvalidData(_FILE, f"frame {raw!r} needs a list of lemmas")
        for lemma in raw["lemma"]:
            if nouns:
                modifier, _, head = str(lemma).rpartition(" ")
                table.setdefault(head, []).append(_frame(raw, named, None, modifier or None))
                continue
            head, _, particle = str(lemma).partition(" ")
            table.setdefault(head, []).append(_frame(raw, named, particle or None))
    return table


@lru_cache(maxsize=1)
def load_frames() -> Frames:
    data = load_data(_FILE)
    named = data.get("types", {})
    roles = {word: predicate for predicate, words in data.get("roles", {}).items()
             for word in words}
    return Frames(verbs=_table(data.get("verbs", []), named),
                  nouns=_table(data.get("nouns", []), named, nouns=True),
                  roles=roles,
                  proxies=frozenset(data.get("proxies", [])),
                  place_proxies=frozenset(data.get("place_proxies", [])),
                  modifier_proxies=frozenset(data.get("modifier_proxies", [])),
                  part_of_heads=frozenset(data.get("part_of_heads", [])),
                  state_roles=frozenset(data.get("state_roles", [])),
                  interim_titles=frozenset(data.get("interim_titles", [])),
                  object_as_verbs=frozenset(data.get("object_as_verbs", [])))
