"""Find actor-pack names in Urdu, Pashto, Persian or Arabic script, and add them to a record.

Every pack alias with Arabic-script letters becomes a key of its folded words
joined without spaces, so "بی ایل اے", "بی‌ایل‌اے" (zero-width non-joiners)
and Arabic-keyboard spellings (ي, ك, ه) meet; a name's last word may carry an
oblique or plural ending ("چینی شہریوں" for چینی شہری; the endings are in
`data/urdu_cues.yaml`). Matches are longest first, in text order, at word
boundaries. Used by the extractor on the Arabic-script paragraphs only.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from threatnet.extract.aliases import TYPE_PRIORITY
from threatnet.extract.urdu_text import Word, has_arabic_script, key, words
from threatnet.model import Entity, EntityType, Mention
from threatnet.resolve.pack import ActorPack
from threatnet.resources import load_data


@dataclass(frozen=True)
class NameMatch:
    """A pack name found in the text: character offsets and the entry."""

    start: int
    end: int
    entry_id: str


class UrduNames:
    """The Arabic-script aliases of one actor pack, keyed for matching."""

    def __init__(self, pack: ActorPack) -> None:
        self.pack = pack
        self._names: dict[str, list[tuple[EntityType, str]]] = {}
        self._max_words = 1
        for entry in pack.entries.values():
            for name in entry.names():
                if has_arabic_script(name):
                    self._add(name, entry.id, entry.type)
        for targets in self._names.values():
            targets.sort(key=lambda t: TYPE_PRIORITY.index(t[0]))
        endings = load_data("urdu_cues.yaml").get("noun_endings", {})
        self._endings = [(key(str(end)), [key(str(b)) if b else "" for b in bases])
                         for end, bases in endings.items()]

    def _add(self, name: str, entry_id: str, entry_type: EntityType) -> None:
        parts = [w.key for w in words(name)]
        if not parts:
            return
        targets = self._names.setdefault("".join(parts), [])
        if all(t[1] != entry_id for t in targets):
            targets.append((entry_type, entry_id))
        self._max_words = max(self._max_words, len(parts))

    def find(self, found: Sequence[Word]) -> list[NameMatch]:
        """Longest matches over a run of words (one sentence), left to right."""
        out = []
        i = 0
        while i < len(found):
            for length in range(min(self._max_words, len(found) - i), 0, -1):
                entry_id = self._lookup([w.key for w in found[i:i + length]])
                if entry_id is not None:
                    out.append(NameMatch(found[i].start, found[i + length - 1].end, entry_id))
                    i += length
                    break
            else:
                i += 1
        return out

    def _lookup(self, keys: list[str]) -> str | None:
        if not has_arabic_script(keys[0]):
            return None  # Latin words are the English matcher's
        joined = "".join(keys)
        targets = self._names.get(joined)
        if targets is None:
            for ending, bases in self._endings:
                if joined.endswith(ending) and len(keys[-1]) > len(ending) + 1:
                    stem = joined[:-len(ending)]
                    targets = next((self._names[stem + b] for b in bases
                                    if stem + b in self._names), None)
                    if targets:
                        break
        return targets[0][1] if targets else None


def add_mentions(entities: list[Entity], matches: list[NameMatch], text: str,
                 pack: ActorPack) -> None:
    """Add the matches to the record's entities (one entity per pack entry).

    A mention of the English path that overlaps a match of another entity gives way:
    in an Urdu paragraph the folded Urdu reading is the better one.
    """
    by_pack = {e.pack_id: e for e in entities if e.pack_id}
    taken = sorted((m.start, m.end, m.entry_id) for m in matches)
    starts = [t[0] for t in taken]
    for entity in entities:  # English-path mentions overlapping a match of another entry
        entity.mentions = [x for x in entity.mentions
                           if not _overlaps(x, taken, starts, entity.pack_id)]
    next_id = max((int(e.id[1:]) for e in entities), default=0) + 1
    for m in matches:
        entity = by_pack.get(m.entry_id)
        if entity is None:
            entry = pack.entries[m.entry_id]
            entity = Entity(id=f"E{next_id}", name=entry.name, type=entry.type,
                            pack_id=entry.id,
                            kind=entry.id if entry.type == EntityType.CAPABILITY else None)
            for alias in entry.names():
                entity.add_alias(alias)
            next_id += 1
            entities.append(entity)
            by_pack[m.entry_id] = entity
        surface = text[m.start:m.end]
        if not any(x.start == m.start and x.end == m.end for x in entity.mentions):
            entity.mentions = [x for x in entity.mentions if x.end <= m.start or x.start >= m.end]
            entity.mentions.append(Mention(m.start, m.end, surface))
            entity.mentions.sort(key=lambda x: x.start)
        entity.add_alias(surface)


def _overlaps(mention: Mention, taken: list[tuple[int, int, str]], starts: list[int],
              own: str | None) -> bool:
    """The mention overlaps a match of an entry other than `own`."""
    i = bisect_right(starts, mention.start)
    for start, end, entry_id in taken[max(0, i - 1):]:
        if start >= mention.end:
            break
        if end > mention.start and entry_id != own:
            return True
    return False
