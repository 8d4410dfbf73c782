"""The confidence of a fact, and its Admiralty grade, from the claims for and against it.

A *fact* is every claim with one (subject, predicate, object): some affirm it,
some negate it. Its *stance* is the side with the larger support (affirmed on
a tie); everything below is computed for that stance, so a fact only ever
denied ("the BLA possesses no weaponized drones") is graded as a denial.

**Score** (a number in [0, 1]). Claims from one independent source count once,
with that source's most confident claim (`ClaimView.source_key`: the source's
entity, else its normalised words, else the outlet for the author's own voice).

    support    = 1 − Π_s (1 − c_s)   over the sources s of the stance (noisy-OR)
    opposition = 1 − Π_s (1 − c_s)   over the sources of the other side, and of
                                      claims that contradict the fact across the
                                      capability taxonomy or the relation classes
    score      = support × (1 − opposition)

`c_s` is the extractor's confidence of the claim, which already carries its
modality (asserted > reported > alleged > believed > possible > hypothetical).

**Admiralty grade** = source reliability (letter) + information credibility (digit).

Reliability A–F: the best reliability among the stance's sources, each looked
up in the source table (`threatnet/data/sources.yaml`, extended or replaced by
the file named in $THREATNET_SOURCES): first matching pattern of the source's
words, else of the name the source-name table gives them (`source_names`:
"پولیس" is rated as "police"); the author's own voice and unmatched sources have
their own entries. Sources are counted once per name of that table too.

Independent sources count origins, not documents: a claim in the author's own voice
counts as its story's origin (the earlier report it copies, or the wire it credits:
`store.copies`), so a story three outlets carry is one source, and the explanation
says so ("3 reports, 1 independent: Dawn, Geo News and The Express Tribune carry the
same AFP story").

Credibility 1–6, first rule that holds:

    5 improbable       the opposition is stronger than the support
    6 cannot be judged  every supporting claim is hypothetical
    1 confirmed        ≥ 3 independent sources state it firmly (asserted/reported)
    2 probably true    ≥ 2 independent sources, at least one firmly
    3 possibly true    1 source states it firmly
    4 doubtful         only hedged claims (alleged, believed, possible)

and a fact that is contradicted (opposition > 0) but not by a stronger side
is at best 3. `explanation` says which rule applied and why, in words.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from threatnet.analyse.claims import ClaimView
from threatnet.errors import InvalidData
from threatnet.model import Modality
from threatnet.resources import load_data, load_user_yaml
from threatnet.source_names import source_names

RELIABILITY = {"A": "completely reliable", "B": "usually reliable", "C": "fairly reliable",
               "D": "not usually reliable", "E": "unreliable",
               "F": "reliability cannot be judged"}
CREDIBILITY = {1: "confirmed", 2: "probably true", 3: "possibly true", 4: "doubtful",
               5: "improbable", 6: "truth cannot be judged"}
FIRM = {"asserted", "reported"}


@dataclass(frozen=True)
class Rule:
    pattern: re.Pattern[str]
    reliability: str
    label: str


@dataclass(frozen=True, eq=False)  # hashed by identity: `_rate` memoises per table
class SourceTable:
    rules: tuple[Rule, ...]
    author: str = "C"
    default: str = "F"

    def rate(self, source: str | None) -> tuple[str, str]:
        """(reliability letter, why) of a source as written; None is the author."""
        return _rate(self, source)


def _rate(table: SourceTable, source: str | None) -> tuple[str, str]:
    """`SourceTable.rate`: the words as written first, then the name the source-name
    table gives them ("پولیس" is rated as "police")."""
    if not source:
        return table.author, "the report's own voice"
    return _rate_words(table, source, source_names().canonical(source))


@lru_cache(maxsize=8192)  # a profile rates the same few sources for every fact
def _rate_words(table: SourceTable, source: str, name: str | None) -> tuple[str, str]:
    for words, via in ((source, ""), (name, f" (as {name!r})")):
        if words:
            for rule in table.rules:
                if rule.pattern.search(words):
                    return rule.reliability, rule.label + via
    return table.default, "no rule of the source table matches"


def _rules(data: Any, where: str) -> list[Rule]:
    raw = data.get("rules") or []
    if not isinstance(raw, list):
        raise InvalidData(where, "'rules' must be a list")
    out = []
    for i, item in enumerate(raw):
        if not isinstance(item, dict) or "pattern" not in item or "reliability" not in item:
            raise InvalidData(where, "a rule needs 'pattern' and 'reliability'", f"#{i}")
        letter = str(item["reliability"]).upper()
        if letter not in RELIABILITY:
            raise InvalidData(where, f"reliability {letter!r} is not one of A-F", f"#{i}")
        try:
            pattern = re.compile(str(item["pattern"]), re.IGNORECASE)
        except re.error as exc:
            raise InvalidData(where, f"pattern is not a regular expression ({exc})",
                              f"#{i}") from None
        out.append(Rule(pattern, letter, str(item.get("label") or item["pattern"])))
    return out


def _letter(data: dict, key: str, fallback: str, where: str) -> str:
    value = str(data.get(key) or fallback).upper()
    if value not in RELIABILITY:
        raise InvalidData(where, f"{key} {value!r} is not one of A-F")
    return value


def source_table(path: str | None = None) -> SourceTable:
    """The bundled table, with the user's file (`path` or $THREATNET_SOURCES) on top."""
    return _source_table(path or os.environ.get("THREATNET_SOURCES") or None)


@cache
def _source_table(path: str | None) -> SourceTable:
    bundled = load_data("sources.yaml")
    rules = _rules(bundled, "sources.yaml")
    author = _letter(bundled, "author", "C", "sources.yaml")
    default = _letter(bundled, "default", "F", "sources.yaml")
    if path:
        user = load_user_yaml(path, "source table (with 'rules')")
        rules = _rules(user, path) + ([] if user.get("replace") else rules)
        author = _letter(user, "author", author, path)
        default = _letter(user, "default", default, path)
    return SourceTable(tuple(rules), author, default)


@dataclass
class Grade:
    stance: str  # affirmed | negated
    score: float
    support: float
    opposition: float
    reliability: str
    credibility: int
    explanation: str | None  # None: not asked for (see `rate`)
    best_source: str | None = None
    sources_for: list[str] = field(default_factory=list)
    sources_against: list[str] = field(default_factory=list)

    @property
    def code(self) -> str:
        return f"{self.reliability}{self.credibility}"

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "stance": self.stance, "score": round(self.score, 3),
                "support": round(self.support, 3), "opposition": round(self.opposition, 3),
                "reliability": self.reliability, "credibility": self.credibility,
                "best_source": self.best_source,
                **({"explanation": self.explanation} if self.explanation is not None else {})}


def by_source(claims: Iterable[ClaimView]) -> dict[str, ClaimView]:
    """Each independent source's most confident claim."""
    best: dict[str, ClaimView] = {}
    for c in claims:
        if c.source_key not in best or c.confidence > best[c.source_key].confidence:
            best[c.source_key] = c
    return best


def noisy_or(claims: Iterable[ClaimView]) -> float:
    return _noisy_or(by_source(claims))


def _noisy_or(best: dict[str, ClaimView]) -> float:
    p = 1.0
    for c in best.values():
        p *= 1.0 - max(0.0, min(1.0, c.confidence))
    return 1.0 - p


def _name(c: ClaimView) -> str:
    return c.source or "the author"


@dataclass(frozen=True)
class Judgement:
    """What a fact's claims say of it before their sources are rated (`rate`): all of a
    grade but the reliability letter, which depends on the source table (kept per fact
    by `graded`, rated when read)."""

    stance: str
    score: float
    support: float
    opposition: float
    credibility: int
    pro: tuple[str | None, ...]  # the stance's sources as written, once each (None: author)
    con: tuple[str, ...]  # the names of the sources against it, sorted, once each
    why: str | None = None  # the credibility rule that applied, and why (None: not kept)

    def to_list(self) -> list[Any]:
        """All but `why`, which is kept apart (read only to explain)."""
        return [self.stance, self.score, self.support, self.opposition, self.credibility,
                list(self.pro), list(self.con)]

    @classmethod
    def from_list(cls, data: list[Any], why: str | None = None) -> Judgement:
        *head, pro, con = data
        return cls(*head, tuple(pro), tuple(con), why)


def grade(claims: list[ClaimView], opposing: Iterable[ClaimView] = (),
          table: SourceTable | None = None) -> Grade:
    """Grade a fact from its own claims, plus claims contradicting it from elsewhere."""
    return rate(judge(claims, opposing), table)


def _names(claims: Iterable[ClaimView]) -> str:
    """Source names, sorted, once each: "the author ×3" for the author of three outlets."""
    counts = Counter(_name(c) for c in claims)
    return ", ".join(name if n == 1 else f"{name} ×{n}" for name, n in sorted(counts.items()))


def _reports(claims: list[ClaimView], independent: int) -> str:
    """"3 reports, 2 independent: Dawn and The Express Tribune carry the same AFP story"
    when there are more reports than independent origins (copies of one story, by
    `ClaimView.source_key`: `store.copies`), else ""."""
    carriers: dict[str, set[str]] = {}
    documents: set[str] = set()
    reports = 0
    for c in claims:
        carriers.setdefault(c.source_key, set()).update(c.carriers)
        if hasattr(c, "claims"):  # a summary group (`GroupView`): its documents
            reports += c.reports or c.claims  # type: ignore[attr-defined]
        elif c.document_id not in documents:
            documents.add(c.document_id)
            reports += 1
    if reports <= independent:
        return ""
    stories = []
    for key, outlets in sorted(carriers.items()):
        if len(outlets) > 1 and key.startswith("outlet:"):
            *most, last = sorted(outlets)
            stories.append(f"{', '.join(most)} and {last} carry the same "
                           f"{key.removeprefix('outlet:')} story")
    return (f"{reports} reports, {independent} independent"
            + (f": {'; '.join(stories)}" if stories else ""))


def judge(claims: list[ClaimView], opposing: Iterable[ClaimView] = ()) -> Judgement:
    """Everything of `grade` but the sources' reliability."""
    affirmed = [c for c in claims if c.polarity == "affirmed"]
    negated = [c for c in claims if c.polarity != "affirmed"]
    best_yes, best_no = by_source(affirmed), by_source(negated)
    stance = "affirmed" if _noisy_or(best_yes) >= _noisy_or(best_no) else "negated"
    pro, con = (affirmed, negated) if stance == "affirmed" else (negated, affirmed)
    pro_sources, con_sources = (best_yes, best_no) if stance == "affirmed" \
        else (best_no, best_yes)
    if stance == "affirmed":  # cross-fact contradictions oppose the affirmation only
        seen = {c.id for c in con}
        con = con + [c for c in opposing if c.id not in seen]
        con_sources = by_source(con)
    support, opposition = _noisy_or(pro_sources), _noisy_or(con_sources)
    score = round(support * (1.0 - opposition), 3)
    against_names = _names(con_sources.values())

    firm = [c for c in pro_sources.values() if c.modality in FIRM]
    n = len(pro_sources)
    reports = _reports(pro, n)
    names = _names(pro_sources.values())
    verb, verbs = ("affirm", "affirms") if stance == "affirmed" else ("deny", "denies")
    if con and opposition > support:
        credibility = 5
        why_c = (f"contradicted by a stronger side ({opposition:.2f} against "
                 f"{support:.2f}): {against_names}")
    elif pro and all(c.modality == Modality.HYPOTHETICAL for c in pro):
        credibility, why_c = 6, "only hypothetical claims (conditional or feared futures)"
    elif len(firm) >= 3:
        credibility, why_c = 1, f"{len(firm)} independent sources {verb} it firmly: {names}"
    elif n >= 2 and firm:
        credibility, why_c = 2, f"{n} independent sources {verb} it: {names}"
    elif firm:
        credibility, why_c = 3, f"one source {verbs} it firmly: {names}"
    elif pro:
        credibility, why_c = 4, (f"only hedged claims ("
                                 f"{', '.join(sorted({c.modality for c in pro}))}): {names}")
    else:
        credibility, why_c = 6, "no claim"
    if reports:
        why_c = f"{reports}; {why_c}"
    if con and credibility != 5:
        if credibility < 3:
            credibility = 3
            why_c += f"; but contradicted by {against_names}, so at best possibly true"
        else:
            why_c += f"; contradicted by a weaker side: {against_names}"
    return Judgement(stance, score, support, opposition, credibility,
                     tuple(dict.fromkeys(c.source or None for c in pro_sources.values())),
                     tuple(sorted({_name(c) for c in con_sources.values()})), why_c)


def rate(judgement: Judgement, table: SourceTable | None = None) -> Grade:
    """The grade of a judged fact: its best source's reliability (`table`), and its
    explanation when the judgement kept why (`Judgement.why`)."""
    table = table or source_table()
    j = judgement
    rated = sorted(((table.rate(source), source) for source in j.pro), key=lambda rs: rs[0][0])
    (letter, why), best = rated[0] if rated else ((table.default, "no source"), None)
    best_name = (best or "the author") if rated else None
    explanation = None
    if j.why is not None:
        explanation = (f"{letter}{j.credibility}: reliability {letter} ({RELIABILITY[letter]}):"
                       f" best source {best_name or 'none'!r} is rated as {why}; credibility "
                       f"{j.credibility} ({CREDIBILITY[j.credibility]}): {j.why}. Score "
                       f"{j.score:.2f} = support {j.support:.2f} × (1 − opposition "
                       f"{j.opposition:.2f}).")
    return Grade(stance=j.stance, score=j.score, support=j.support, opposition=j.opposition,
                 reliability=letter, credibility=j.credibility, explanation=explanation,
                 best_source=best_name, sources_for=sorted(s or "the author" for s in j.pro),
                 sources_against=list(j.con))
