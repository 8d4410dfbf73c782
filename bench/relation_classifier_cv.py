"""Cross-validation by report of the learned relation classifier against the rules alone.

Every annotated report of the folders (default: corpus/dev and, when it sits beside the
project, the reference corpus; never corpus/heldout) is read once by the rules. The
reports are split into K folds; for each fold a model is trained on the other folds'
reports (its threshold chosen by an inner split of those reports only), and the fold's
reports are extracted again with the model's proposals added and scored with the
project's scorer. The pooled held-out figures of (1) the rules alone and (2) rules +
classifier decide: the classifier is switched on only if (2) has a claim F1 higher by at
least 0.005, claim precision >= 0.65 and no more false certainties.

    .venv/bin/python bench/relation_classifier_cv.py            # K = 5, figures only
    .venv/bin/python bench/relation_classifier_cv.py --write    # and ship the model

Each fold's L2 penalty, choice (predicate directly, or its class first) and threshold are
chosen by a 3-fold split of its training reports only. --write trains on every report,
choosing them the same way inside all reports, and writes
src/threatnet/data/models/relation_classifier*.json with `enabled` set by the
cross-validated decision.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

os.environ["THREATNET_RELATION_CLASSIFIER"] = "off"  # the rules alone unless a fold says

from threatnet.evaluate import reference  # noqa: E402
from threatnet.evaluate.relation_training import (  # noqa: E402
    L2_GRID,
    MIN_ADDED_PRECISION,
    OFF,
    Report,
    collect,
    train_with_threshold,
)
from threatnet.extract.classifier import write_model  # noqa: E402
from threatnet.extract.pipeline import Extractor  # noqa: E402
from threatnet.ingest import read_document  # noqa: E402
from threatnet.model import PREDICATES  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
FOLDERS = [f for f in (REPO / "corpus" / "dev", REPO.parent / "shared" / "corpus" / "dev")
           if f.is_dir()]
DATA = REPO / "src" / "threatnet" / "data"
MIN_PRECISION = 0.65
# an F1 gain smaller than this is within what one report's claims move the pooled F1
MIN_F1_GAIN = 0.005


def _rescore(extractor: Extractor, reports: list[Report]) -> list[tuple[dict, dict]]:
    documents = [read_document(str(r.path)) for r in reports]
    out = []
    for report, record in zip(reports, extractor.extract_many(documents), strict=True):
        out.append(reference.score_pair(report.gold, record.to_dict(), report.text))
    return out


def _line(label: str, t: dict) -> str:
    return (f"{label:<18} P {t['claim_precision']:.3f}  R {t['claim_recall']:.3f}  "
            f"F1 {t['claim_f1']:.3f}  false certainties {t['false_certainties']}")


def _predicate(described: str) -> str:
    """The predicate of a scorer line "subject -predicate-> object [...]"."""
    return described.split(" -", 1)[1].split("-> ", 1)[0] if " -" in described else "?"


def _by_class(rules: list[tuple[dict, dict]], learned: list[tuple[dict, dict]]) -> None:
    """What the classifier changed on the held-out reports, by predicate class: gold
    claims it found that the rules missed, and wrong claims it added."""
    found: Counter[str] = Counter()
    wrong: Counter[str] = Counter()
    for (_, a), (_, b) in zip(rules, learned, strict=True):
        gained = Counter(a["missed"]) - Counter(b["missed"])
        found.update(_predicate(m) for m in gained.elements())
        wrong.update(_predicate(f) for f in (Counter(b["false"]) - Counter(a["false"])).elements())
    groups = sorted({PREDICATES.get(p, ("?",))[0] for p in found | wrong})
    print("  added by predicate class (gold claims found / wrong claims added):")
    for g in groups:
        preds = sorted(p for p in found | wrong if PREDICATES.get(p, ("?",))[0] == g)
        detail = ", ".join(f"{p} {found[p]}/{wrong[p]}" for p in preds)
        print(f"    {g:<12} {sum(found[p] for p in preds)}/{sum(wrong[p] for p in preds)}"
              f"  ({detail})")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folders", nargs="*", type=Path, default=FOLDERS,
                    help="folders of X.txt + X.gold.json (default corpus/dev, shared dev)")
    ap.add_argument("-k", "--folds", type=int, default=5, help="folds by report (default 5)")
    ap.add_argument("--write", action="store_true",
                    help="train on every report and write the shipped model file")
    ap.add_argument("--json", action="store_true", help="print the totals as JSON")
    ap.add_argument("--l2", type=float, action="append",
                    help="an L2 penalty the inner split may choose (repeatable; default "
                         f"{', '.join(map(str, L2_GRID))})")
    ap.add_argument("--min-added-precision", type=float, default=MIN_ADDED_PRECISION,
                    help="the least share of right proposals a threshold may have, judged "
                         f"inside the training folds (default {MIN_ADDED_PRECISION})")
    args = ap.parse_args(argv)
    missing = [str(f) for f in args.folders if not f.is_dir()]
    if missing:
        print(f"error: not a folder: {', '.join(missing)}", file=sys.stderr)
        return 1
    if any(f.resolve().name == "heldout" for f in args.folders):
        print("error: corpus/heldout is never trained or tuned on", file=sys.stderr)
        return 1
    options = {"l2s": tuple(args.l2 or L2_GRID), "min_added": args.min_added_precision}
    began = time.perf_counter()
    extractor = Extractor()
    reports = collect(extractor, args.folders)
    if len(reports) < args.folds or args.folds < 2:
        print(f"error: {len(reports)} reports cannot make {args.folds} folds", file=sys.stderr)
        return 1
    positives = sum(lab != "none" for r in reports for lab in r.labels)
    print(f"{len(reports)} reports, {sum(len(r.candidates) for r in reports)} candidate pairs, "
          f"{positives} labelled with a gold predicate "
          f"({time.perf_counter() - began:.0f} s to read)")

    rules, learned, by_name, spread = [], [], {}, []
    for k in range(args.folds):
        test = [r for n, r in enumerate(reports) if n % args.folds == k]
        train = [r for n, r in enumerate(reports) if n % args.folds != k]
        fold_began = time.perf_counter()
        model, chosen = train_with_threshold(train, **options)
        extractor.classifier = model if model.threshold < OFF else None
        fold_learned = _rescore(extractor, test) if extractor.classifier else \
            [reference.score_pair(r.gold, r.record, r.text) for r in test]
        extractor.classifier = None
        fold_rules = [reference.score_pair(r.gold, r.record, r.text) for r in test]
        rules += fold_rules
        learned += fold_learned
        for r, a, b in zip(test, fold_rules, fold_learned, strict=True):
            by_name[r.name] = (a, b)
        threshold = "off" if model.threshold >= OFF else f"{model.threshold:.2f}"
        a, b = reference.totals(fold_rules), reference.totals(fold_learned)
        spread.append(b["claim_f1"] - a["claim_f1"])
        print(f"fold {k + 1}: {len(test)} reports, chosen inside the other folds: L2 "
              f"{chosen.l2:g}, {'class first' if chosen.by_class else 'predicate'}, "
              f"threshold {threshold} (inner F1 gain {chosen.gain:+.3f}); "
              f"{time.perf_counter() - fold_began:.0f} s")
        print("  " + _line("rules", a))
        print("  " + _line("rules+classifier", b) + f"  (F1 {spread[-1]:+.3f})")

    total_rules, total_learned = reference.totals(rules), reference.totals(learned)
    print("held-out, all folds:")
    print("  " + _line("rules", total_rules))
    print("  " + _line("rules+classifier", total_learned))
    for folder in args.folders:
        names = {g.name[: -len(".gold.json")] for g in folder.glob("*.gold.json")}
        pairs = [v for n, v in by_name.items() if n in names]
        print(f"  {folder.name if folder.name != 'dev' else str(folder)}:")
        print("    " + _line("rules", reference.totals([a for a, _ in pairs])))
        print("    " + _line("rules+classifier", reference.totals([b for _, b in pairs])))
    print(f"  per-fold F1 change: {', '.join(f'{d:+.3f}' for d in spread)} (mean "
          f"{statistics.mean(spread):+.3f}, sd {statistics.pstdev(spread):.3f})")
    _by_class([a for a, _ in by_name.values()], [b for _, b in by_name.values()])
    better = total_learned["claim_f1"] >= total_rules["claim_f1"] + MIN_F1_GAIN and \
        total_learned["claim_precision"] >= MIN_PRECISION and \
        total_learned["false_certainties"] <= total_rules["false_certainties"]
    print(f"decision: classifier {'ON' if better else 'OFF'} "
          f"({'beats' if better else 'does not beat'} the rules on reports it was not "
          f"trained on)")
    if args.write:
        # penalty, choice and threshold chosen the way each fold chose them: inside the
        # reports trained on (here all of them)
        model, chosen = train_with_threshold(reports, **options)
        model.enabled = better and model.threshold < OFF
        header, weights = write_model(model, DATA)
        size = (header.stat().st_size + weights.stat().st_size) // 1024
        print(f"wrote {header.relative_to(REPO)} and {weights.name}: {len(model.weights)} "
              f"features, {len(model.classes) - 1} predicates, threshold "
              f"{model.threshold:.2f}, L2 {chosen.l2:g}, "
              f"{'class first' if chosen.by_class else 'predicate'}, "
              f"enabled {model.enabled}, {size} KiB")
    if args.json:
        print(json.dumps({"rules": total_rules, "rules+classifier": total_learned,
                          "enabled": better}))
    print(f"{time.perf_counter() - began:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
