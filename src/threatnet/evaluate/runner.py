"""Extract every `X.txt` beside an `X.gold.json` and score it with the reference scorer."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from threatnet.errors import InvalidInput
from threatnet.evaluate import reference
from threatnet.evaluate.dyads import dyad_counts
from threatnet.evaluate.incidents import incident_counts
from threatnet.extract.pipeline import Extractor
from threatnet.ingest import read_document


@dataclass
class FileScore:
    """One report's scores: the scorer's entity and claim details and its totals."""

    name: str
    entities: dict[str, Any]
    claims: dict[str, Any]
    summary: dict[str, Any]
    incidents: dict[str, int]  # see evaluate.incidents: who did each attack, kept as said
    dyads: dict[str, int]  # see evaluate.dyads: pairs of groups whose relation is read


def gold_pairs(gold_dir: str | Path) -> list[tuple[Path, Path]]:
    """(gold file, report text) for every gold annotation of a folder."""
    folder = Path(gold_dir)
    if not folder.is_dir():
        raise InvalidInput(str(folder), "is not a folder of gold annotations")
    pairs = []
    for gold in sorted(folder.glob("*.gold.json")):
        try:
            data = json.loads(gold.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError):
            raise InvalidInput(str(gold), "is not valid JSON") from None
        _check_gold(data, str(gold))
        name = data.get("document")
        text = gold.with_name(name or gold.name[: -len(".gold.json")] + ".txt")
        if not text.is_file():
            raise InvalidInput(str(gold), f"its report {text.name} is missing")
        pairs.append((gold, text))
    if not pairs:
        raise InvalidInput(str(folder), "holds no *.gold.json annotations")
    return pairs


_GOLD_CLAIM_KEYS = ("subject", "predicate", "object", "polarity", "modality")


def _check_gold(data: Any, where: str) -> None:
    """The shape the reference scorer relies on, so a malformed gold file is one error."""
    if not isinstance(data, dict) or not isinstance(data.get("entities"), list) \
            or not isinstance(data.get("claims"), list):
        raise InvalidInput(where, "must be a JSON object with lists 'entities' and 'claims'")
    if not isinstance(data.get("document", ""), str | None):
        raise InvalidInput(where, "'document' must be the report's file name")
    for i, entity in enumerate(data["entities"]):
        if not isinstance(entity, dict) or not isinstance(entity.get("name"), str):
            raise InvalidInput(where, f"entity #{i} needs a 'name'")
    for i, claim in enumerate(data["claims"]):
        missing = [k for k in _GOLD_CLAIM_KEYS if not isinstance(claim, dict) or k not in claim]
        if missing:
            raise InvalidInput(where, f"claim #{i} lacks {', '.join(missing)}")


def evaluate(gold_dir: str | Path, extractor: Extractor) -> tuple[list[FileScore], dict]:
    """Per-file scores and the overall totals, as `score.py --gold-dir` computes them."""
    scores = []
    pairs = gold_pairs(gold_dir)
    documents = [read_document(str(text)) for _, text in pairs]
    for (gold_path, _), record in zip(pairs, extractor.extract_many(documents), strict=True):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        pred = record.to_dict()
        ents, claims = reference.score_pair(gold, pred, record.document.text)
        summary = reference.totals([(ents, claims)])
        scores.append(FileScore(gold_path.name[: -len(".gold.json")], ents, claims, summary,
                                incident_counts(gold, pred, record.document.text),
                                dyad_counts(gold, pred, record.document.text)))
    overall = reference.totals([(s.entities, s.claims) for s in scores])
    overall["documents"] = len(scores)
    return scores, overall


def by_prefix(scores: list[FileScore]) -> dict[str, dict]:
    """Totals per group of reports named alike: the part of the name before its first "-"
    ("inc" for the incident-style reports `inc-…`, "sty" for `sty-…`)."""
    groups: dict[str, list[FileScore]] = {}
    for score in scores:
        groups.setdefault(score.name.split("-", 1)[0], []).append(score)
    totals = {}
    for prefix, members in sorted(groups.items()):
        totals[prefix] = reference.totals([(s.entities, s.claims) for s in members])
        totals[prefix]["documents"] = len(members)
    return totals


def explain(score: FileScore) -> list[tuple[str, str]]:
    """(label, item) for every miss, false hit and false certainty of one report."""
    rows = []
    for label, items in (("missed entity", score.entities["missed"]),
                         ("unmatched entity", score.entities["false"]),
                         ("missed claim", score.claims["missed"]),
                         ("unmatched claim", score.claims["false"]),
                         ("FALSE CERTAINTY", score.claims["false_certainties"])):
        rows += [(label, str(item)) for item in items]
    return rows
