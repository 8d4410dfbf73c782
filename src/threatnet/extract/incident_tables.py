"""Tabular incident logs: a header declares the columns, then one incident per line.

    One line per incident. Fields: date | place (district, province) | target |
    perpetrator (claimed / suspected / unknown) | killed | injured.

    06 Oct | near Jinnah Airport, Karachi, Sindh | convoy, VBIED | BLA, claimed | 2 | n/r

The header is a column list written in prose after a cue word ("Fields:", "Columns:"),
or a header row of a pipe-, tab- or semicolon-separated or Markdown table. Each column
label is mapped to a field kind with the labels of `data/incident_fields.yaml` (and the
few of `data/incident_tables.yaml`); a parenthesised gloss ("(claimed / suspected /
unknown)") is no part of the label. Each following line with as many cells is a **row**:
a record of `incident_fields.Field` spans over its cells, so the record machinery of
`incident_fields` gives each row its one incident, its place (finest first), its
perpetrator with the attribution its cell says, its target, weapon and tolls.

After the incident finder has run, `fill_table_rows` dates each row (a day and month
without a year take the year written above the table: "Security Log, October 2024"),
gives each row's incident a mention at the row's start, and binds the incidents a
paragraph after the table refers back to ("the BLA's Karachi bombing", "the Dera Ismail
Khan attack") to the one row whose place or perpetrator they name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from typing import Any

from spacy.tokens import Token

from threatnet.extract.incident_fields import Field, RecordEntry, load_field_labels
from threatnet.extract.sentences import text_of
from threatnet.model import EntityType
from threatnet.resources import load_data

Record = tuple[int, int, int, list[Field]]
_MONTHS = {m: n for n, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}
_MONTH = r"(?P<month>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DAY_MONTH = re.compile(rf"^\s*(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:\s*[/\-\u2013&]\s*\d{{1,2}}"
                        rf"(?:st|nd|rd|th)?)?\s+{_MONTH}(?:,?\s+(?P<year>\d{{4}}))?\s*$",
                        re.IGNORECASE)
_MONTH_DAY = re.compile(rf"^\s*{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
                        rf"(?:\s*[/\-\u2013&]\s*\d{{1,2}})?(?:,?\s+(?P<year>\d{{4}}))?\s*$",
                        re.IGNORECASE)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_RULE = re.compile(r"^[\s|:\-+=]+$")  # a Markdown or ASCII rule row
REFER_WINDOW = 6  # tokens around an incident noun that may name its row ("the BLA's …")


@dataclass(frozen=True)
class TableWords:
    """The words of `data/incident_tables.yaml` with the field labels."""

    kind_of: dict[str, str]
    cue_re: re.Pattern[str]
    separators: tuple[str, ...]
    weapon_in: frozenset[str]
    attributions: dict[str, frozenset[str]]  # field kind -> the words that name it
    negations: frozenset[str]
    min_columns: int
    min_known: int


@lru_cache(maxsize=1)
def load_table_words() -> TableWords:
    data: dict[str, Any] = load_data("incident_tables.yaml")
    kind_of = dict(load_field_labels().kind_of)
    for kind, labels in data["extra_labels"].items():
        for label in labels:
            kind_of.setdefault(" ".join(str(label).casefold().split()), kind)
    cues = "|".join(re.escape(w) for w in data["column_cues"])
    return TableWords(
        kind_of=kind_of,
        # "Fields:", "Columns (left to right):"
        cue_re=re.compile(rf"\b(?:{cues})(?:\s*\([^)]*\))?\s*:\s*", re.IGNORECASE),
        separators=tuple(data["separators"]),
        weapon_in=frozenset(data["weapon_in"]),
        attributions={k: frozenset(v) for k, v in data["attribution_words"].items()},
        negations=frozenset(data["negations"]),
        min_columns=int(data["min_columns"]),
        min_known=int(data["min_known"]),
    )


@dataclass(frozen=True)
class Table:
    """One table: where its header is, its rows' records and the year written above it."""

    header_start: int
    end: int
    rows: tuple[Record, ...]
    year: str | None


def split_cells(line: str, sep: str) -> list[tuple[int, int]]:
    """The (start, end) of each cell of `line`, stripped, split at `sep` outside
    brackets; a Markdown row's outer bars open and close no cell."""
    out, depth, start = [], 0, 0
    for i, ch in enumerate(line):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif ch == sep and depth == 0:
            out.append((start, i))
            start = i + 1
    out.append((start, len(line)))
    cells = []
    for a, b in out:
        while a < b and line[a] in " \t*_":
            a += 1
        while b > a and line[b - 1] in " \t*_":
            b -= 1
        cells.append((a, b))
    if sep == "|" and line.strip().startswith("|") and cells and cells[0][0] == cells[0][1]:
        cells = cells[1:]
    if sep == "|" and line.strip().endswith("|") and cells and cells[-1][0] == cells[-1][1]:
        cells = cells[:-1]
    return cells


def column_kind(label: str, words: TableWords) -> str | None:
    """The field kind a column label names: the label without its parenthesised gloss,
    else its longest leading run of words that is a label ("killed (officials)")."""
    bare = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", label.casefold())
    bare = " ".join(bare.strip(" .:*_#").split())
    if bare in words.kind_of:
        return words.kind_of[bare]
    parts = bare.split()
    for n in range(len(parts) - 1, 0, -1):
        if " ".join(parts[:n]) in words.kind_of:
            return words.kind_of[" ".join(parts[:n])]
    return None


def _header(line: str, words: TableWords) -> tuple[int, str, list[str | None]] | None:
    """A header on `line`: the offset its column list starts at, the separator and each
    column's kind (None for a column no label names)."""
    cue = words.cue_re.search(line)
    at = cue.end() if cue else 0
    body = line[at:]
    for sep in words.separators:
        if sep not in body:
            continue
        cells = split_cells(body, sep)
        if cue and cells:  # the list ends with its sentence: "… | injured. Figures are …"
            a, b = cells[-1]
            stop = re.search(r"[.;](?:\s|$)", body[a:b])
            cells[-1] = (a, a + stop.start()) if stop else (a, b)
        if len(cells) < words.min_columns or (not cue and any(
                b - a > 48 for a, b in cells)):
            continue
        kinds = [column_kind(body[a:b], words) for a, b in cells]
        known = [k for k in kinds if k]
        if len(known) >= min(words.min_known, len(cells)) and \
                {"date", "place"} & set(known) and len(set(known)) > 1:
            return at, sep, kinds
    return None


def find_tables(text: str) -> list[Table]:
    """The tables of `text`, in text order."""
    if "|" not in text and "\t" not in text and ";" not in text:
        return []
    return _tables(text)


@lru_cache(maxsize=4)  # read by the sentence rule, the record finder and the fill
def _tables(text: str) -> list[Table]:
    words = load_table_words()
    labels = load_field_labels()
    lines: list[tuple[int, str]] = []
    offset = 0
    for line in text.split("\n"):
        lines.append((offset, line))
        offset += len(line) + 1
    out: list[Table] = []
    n = 0
    while n < len(lines):
        start, line = lines[n]
        found = _header(line, words) if len(line) < 600 else None
        if found is None:
            n += 1
            continue
        _, sep, kinds = found
        rows: list[Record] = []
        m, blanks = n + 1, 0
        while m < len(lines):
            row_start, row = lines[m]
            if not row.strip() or _RULE.match(row):
                blanks += not row.strip()
                if blanks > 1 and rows:
                    break
                m += 1
                continue
            cells = split_cells(row, sep)
            if len(cells) != len(kinds) or sep not in row:
                break
            blanks = 0
            fields = _row_fields(row, row_start, cells, kinds, words)
            got = {f.kind for f in fields}
            if got & {"date", "place"} and got & labels.incident_kinds:
                rows.append((row_start, row_start + len(row.rstrip()), row_start, fields))
            m += 1
        if rows:
            out.append(Table(start, rows[-1][1], tuple(rows), _year_above(text, start)))
            n = m
        else:
            n += 1
    return out


def _row_fields(row: str, row_start: int, cells: list[tuple[int, int]],
                kinds: list[str | None], words: TableWords) -> list[Field]:
    out, victims = [], []
    for (a, b), kind in zip(cells, kinds, strict=True):
        if kind is None or a == b:
            continue
        if kind == "perpetrator":
            kind, b = _attributed(row[a:b], words, kind, a, b)
        out.append(Field(kind, kind, row_start + a, row_start + a, row_start + b))
        if kind in words.weapon_in:  # "convoy, vehicle-borne IED": the weapon is told here
            out.append(Field("weapon", "weapon", row_start + a, row_start + a, row_start + b))
        if kind in ("killed", "wounded"):
            found = _victims(row[a:b])
            if found is not None:
                victims.append(Field("target", "target", row_start + a + found[0],
                                     row_start + a + found[0], row_start + a + found[1]))
    # who the toll counts ("20 miners", "7 (six workers, one doctor)") is the target the
    # toll belongs to: read before the target column
    at = next((n for n, f in enumerate(out) if f.kind == "target"), len(out))
    return [*out[:at], *victims, *out[at:]]


_TOLL_WORDS = re.compile(r"^\s*(?:at least|about|around|some|over)?\s*(\d{1,5})\s*(.*)$",
                         re.IGNORECASE | re.DOTALL)


def _victims(cell: str) -> tuple[int, int] | None:
    """Where a toll cell names who was hurt: "2 Chinese nationals", "4 (two soldiers, two
    army porters)"; nothing for a bare number, a zero, or those in square brackets (the
    attackers a log counts apart: "0 [3 attackers]")."""
    found = _TOLL_WORDS.match(cell)
    if found is None or int(found.group(1)) == 0:
        return None
    start, rest = found.start(2), found.group(2)
    if rest.startswith("("):
        close = rest.find(")")
        rest = rest[1:close] if close > 0 else rest[1:]
        start += 1
    cut = re.search(r"[\[;]", rest)
    rest = rest[:cut.start()] if cut else rest
    if not re.search(r"[A-Za-z]{3}", rest):
        return None
    lead = len(rest) - len(rest.lstrip())
    return start + lead, start + len(rest.rstrip(" ,.;"))


def _attributed(cell: str, words: TableWords, kind: str, a: int, b: int) -> tuple[str, int]:
    """ "Balochistan Liberation Army (BLA), claimed", "LeJ (suspected)": a perpetrator
    cell whose last part is one attribution word is a field of that attribution over
    the name before it ("Claimed by: …"); a part that negates ("no claim") is not."""
    tail = re.search(r"(?:,|\(|\s[-\u2013]\s)\s*([a-z][a-z /-]*)\)?\s*$", cell, re.IGNORECASE)
    if tail is None:
        return kind, b
    said = set(tail.group(1).casefold().replace("/", " ").split())
    if said & words.negations:
        return kind, b
    found = next((k for k, cues in words.attributions.items() if said & cues), None)
    if found is None or len(said) > 3:
        return kind, b
    end = tail.start()
    while end > 0 and cell[end - 1] in " \t,":
        end -= 1
    return (found, a + end) if end > 0 else (kind, b)


def _year_above(text: str, start: int) -> str | None:
    """The year written above a table: the last its header's line writes, else the
    first the text before it writes (its title: "Security Log, October 2024")."""
    line_start = text.rfind("\n", 0, start + 1) + 1
    line_end = text.find("\n", start)
    own = _YEAR.findall(text[line_start:line_end if line_end >= 0 else len(text)])
    above = _YEAR.findall(text[:start])
    return own[-1] if own else (above[0] if above else None)


def table_records(text: str) -> list[Record]:
    """Every row of every table of `text`, as a field record."""
    return [row for table in find_tables(text) for row in table.rows]


def with_table_rows(records: list[Record], text: str) -> list[Record]:
    """The labelled-field records of a text with its table rows (a row inside a
    labelled record is that record's)."""
    rows = table_records(text)
    if not rows:
        return records
    kept = [r for r in rows if not any(s <= r[0] < e for s, e, _, _ in records)]
    return sorted([*records, *kept], key=lambda r: r[0])


# -- after the incident finder -------------------------------------------------------


def row_date(value: str, year: str | None, published: str | None) -> str | None:
    """A row's date cell with no year of its own ("06 Oct", "24/25 Oct": the first
    day), in `year`, else the publication's, never after the publication date."""
    found = _DAY_MONTH.match(value) or _MONTH_DAY.match(value)
    if found is None:
        return None
    year = found.group("year") or year or (published[:4] if published else None)
    if year is None:
        return None
    try:
        day = date(int(year), _MONTHS[found.group("month")[:3].casefold()],
                   int(found.group("day")))
    except ValueError:
        return None
    if published and not found.group("year") and day.isoformat() > published:
        day = day.replace(year=day.year - 1)
    return day.isoformat()


def fill_table_rows(run: Any) -> None:
    """Date each row's incident, mention it at the row's start, and bind the incidents
    told after a table that name one row's place or perpetrator to that row's."""
    text = text_of(run.doc)
    tables = find_tables(text)
    if not tables:
        return
    entries = run.entries.entries
    by_start = {e.start: k for k, e in enumerate(entries) if isinstance(e, RecordEntry)}
    for table in tables:
        rows = []
        for row in table.rows:
            k = by_start.get(row[0])
            if k is None:
                continue
            entry = entries[k]
            incident = next((f for f in run.out.incidents if f.mentions and
                             entry.start <= f.mentions[0].idx < entry.end), None)
            if incident is None:
                continue
            dates = entry.of("date")
            when = entry.date or (row_date(text[dates[0].value_start:dates[0].value_end],
                                           table.year, run.published) if dates else None)
            if when and when != entry.date:
                entries[k] = replace(entry, date=when)
                entry = entries[k]
            if when:
                incident.date = when
            incident.places = _finer_than_region(run, entry, text, incident.places)
            first = run.doc.char_span(entry.fields[0].value_start, entry.fields[0].value_end,
                                      alignment_mode="expand")
            if first is not None and len(first):
                _row_mention(incident, entry, first.start_char, first.end_char)
                _release(run, incident, run.doc.char_span(entry.start, entry.end,
                                                          alignment_mode="expand"))
                run.adder.mention(incident.entity, first.start, first.end, take=False)
                if first[0] not in incident.mentions:
                    incident.mentions.insert(0, first[0])
            rows.append((entry, incident))
        _bind_references(run, table, rows, text)


def _row_mention(incident: Any, entry: RecordEntry, start: int, end: int) -> None:
    """A row refers to its incident as a whole: the words the finder took for its
    trigger inside the row ("shot", "army", a bar) are no names of it, and the row's
    date cell is its one mention in the row (the trigger tokens stay its triggers)."""
    entity = incident.entity
    inside = [m for m in entity.mentions if entry.start <= m.start < entry.end
              and not (m.start == start and m.end == end)]
    if not inside:
        return
    entity.mentions = [m for m in entity.mentions if m not in inside]
    texts = {m.text for m in entity.mentions}
    entity.aliases = [a for a in entity.aliases
                      if a in texts or all(a != m.text for m in inside)]


def _finer_than_region(run: Any, entry: RecordEntry, text: str,
                       places: list[str]) -> list[str]:
    """A log's place column reads "place, district, province[, country]": its last part
    before the country is the region the place lies in, no place of the incident's own,
    so it is dropped when a finer part names one ("Duki, Balochistan": Duki; "Taftan,
    Sistan-Baluchestan, Iran": Taftan)."""
    coarse: set[str] = set()
    for field in entry.of("place"):
        parts, at = [], field.value_start
        for part in text[field.value_start:field.value_end].split(","):
            span = run.doc.char_span(at, at + len(part), alignment_mode="contract")
            at += len(part) + 1
            owners = {e.id: e for e in (run.entity_of(t.i) for t in span or []) if e}
            parts.append(owners)
        while parts and parts[-1] and all(e.type == EntityType.STATE
                                          for e in parts[-1].values()):
            parts.pop()  # the country
        if len(parts) > 1:
            coarse |= set(parts[-1])
    kept = [p for p in places if p not in coarse]
    return kept if kept else places


def _release(run: Any, incident: Any, row: Any) -> None:
    """The row's words its incident owned (its trigger: "shopkeepers", "convoy") are
    free again, for the target and weapon readers of the row's fields."""
    owned = run.found.token_entity
    for i in [t.i for t in row or [] if owned.get(t.i) == incident.entity.id]:
        del owned[i]


def _row_keys(run: Any, entry: RecordEntry, text: str) -> set[str]:
    """What names a row: its place and perpetrator entities, and its place cells' words."""
    keys: set[str] = set()
    for field in entry.of("place", "perpetrator", "claimed", "suspected", "attributed",
                          "responsibility"):
        span = run.doc.char_span(field.value_start, field.value_end, alignment_mode="expand")
        for tok in span if span is not None else []:
            entity = run.entity_of(tok.i)
            if entity is not None and entity.type != EntityType.STATE:
                keys.add(entity.id)
        if field.kind == "place":
            for part in re.split(r"[,;(/)]", text[field.value_start:field.value_end]):
                name = " ".join(w for w in part.split() if w[:1].isupper())
                if name:
                    keys.add(name.casefold())
    return keys


def _bind_references(run: Any, table: Table, rows: list[tuple[RecordEntry, Any]],
                     text: str) -> None:
    """An incident told after the table with no deed and no date of its own, whose
    noun phrase names what names exactly one row, is that row's incident."""
    if not rows:
        return
    keys = [(incident, _row_keys(run, entry, text)) for entry, incident in rows]
    own = {id(incident) for _, incident in rows}
    for incident in list(run.out.incidents):
        if id(incident) in own or not incident.mentions or \
                incident.mentions[0].idx < table.end or incident.entity.pack_id:
            continue
        if any(t.pos_ == "VERB" for t in incident.triggers):
            continue  # a deed told in prose is an incident of its own
        named = _named_near(run, incident.mentions)
        fits = [row for row, row_keys in keys if named & row_keys]
        if len(fits) == 1 and (incident.date in (None, fits[0].date) or not any(
                t.ent_type_ == "DATE" for t in incident.mentions[0].sent)):
            run.absorb(fits[0], incident)
    # a definite noun that the finder bound to the latest row ("The Dera Ismail Khan
    # attack") moves to the row its words name
    for row, row_keys in keys:
        for tok in list(row.mentions):
            if tok.idx < table.end or tok.pos_ != "NOUN":
                continue
            named = _named_near(run, [tok])
            fits = [other for other, other_keys in keys if named & other_keys]
            if len(fits) == 1 and fits[0] is not row and not named & row_keys:
                _move_mention(run, row, fits[0], tok)


def _named_near(run: Any, mentions: list[Token]) -> set[str]:
    """The entities and capitalised names in the noun phrase of each mention."""
    out: set[str] = set()
    for tok in mentions:
        words = [t for t in tok.subtree if abs(t.i - tok.i) <= REFER_WINDOW] + \
            [t for t in tok.lefts]
        for word in words:
            entity = run.entity_of(word.i)
            if entity is not None and entity.type != EntityType.EVENT:
                out.add(entity.id)
        names = [t for t in words if t.pos_ == "PROPN" and t.i != tok.i]
        if names:
            out.add(" ".join(t.text for t in sorted(names, key=lambda t: t.i)).casefold())
            out.update(t.text.casefold() for t in names)
    return out


def _move_mention(run: Any, source: Any, into: Any, tok: Token) -> None:
    source.mentions.remove(tok)
    if tok in source.triggers:
        source.triggers.remove(tok)
    source.entity.mentions = [m for m in source.entity.mentions
                              if not m.start <= tok.idx < m.end]
    start = min([tok.i, *[c.i for c in tok.lefts if c.dep_ in ("det", "compound", "amod",
                                                               "poss", "nmod")]])
    run.adder.mention(into.entity, start, tok.i + 1)
    into.mentions = sorted({*into.mentions, tok}, key=lambda t: t.i)


__all__ = ["Table", "TableWords", "column_kind", "fill_table_rows", "find_tables",
           "load_table_words", "row_date", "split_cells", "table_records",
           "with_table_rows"]
