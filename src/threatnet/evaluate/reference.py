"""The reference scorer of threatnet's evaluation, kept line for line as published.

Vendored so that `threatnet eval` scores with exactly the definitions other
reports are scored with (entity and claim F1, modality and source accuracy,
evidence validity, false certainties, unnamed gold entities linked by their
verbatim `mentions`); docs/evaluation.md describes the gold format and the
measures, and tests/evaluate/test_scorer.py checks that the code from
`SYMMETRIC` on is the published scorer's when a copy of it is checked out
beside the project. Standard library only; also runs as a script:
`python -m threatnet.evaluate.reference --gold-dir DIR --pred-dir PREDS`.
"""
# ruff: noqa
import argparse
import json
import re
import sys
import unicodedata
from pathlib import Path

SYMMETRIC = {"allied_with", "cooperates_with", "affiliated_with", "negotiates_with",
             "meets_with", "rival_of", "fights"}
UNCERTAIN = {"possible", "hypothetical"}


def norm(text):
    if isinstance(text, (list, tuple)):  # a malformed record is scored, not crashed on
        text = " ".join(map(str, text))
    elif not isinstance(text, str):
        text = "" if text is None else str(text)
    text = unicodedata.normalize("NFKC", text).casefold()
    text = text.replace("’", "'").replace("‘", "'")
    text = re.sub(r"^(the|a|an)\s+", "", text.strip())
    text = re.sub(r"[\s\-‐–—_./,;:()\"“”]+", " ", text)
    return text.strip()


def as_list(value):
    return value if isinstance(value, list) else [value]


def gold_index(gold):
    """name -> (set of normalised names, entity)"""
    return {e["name"]: ({norm(a) for a in [e["name"], *e.get("aliases", [])]}, e)
            for e in gold["entities"]}


def snippet_spans(snippets, text):
    """Every [start, end) where one of the verbatim snippets occurs in the text."""
    spans = []
    for snip in snippets:
        start = text.find(snip) if snip else -1
        while start >= 0:
            spans.append((start, start + len(snip)))
            start = text.find(snip, start + 1)
    return spans


def link_entities(gold, pred, text=None):
    """Map each predicted entity id to the gold entity it names, one-to-one where it can.

    By name first; a gold entity with no name of its own to match (an unnamed incident,
    "the attack on a police post in Bannu") may list verbatim `mentions`, and a predicted
    entity one of whose mention spans overlaps one of them names it.
    """
    index = gold_index(gold)
    by_span = [(e["name"], snippet_spans(e.get("mentions", []), text))
               for e in gold["entities"] if text and e.get("mentions")]
    links = {}
    for ent in pred.get("entities", []):
        forms = {norm(ent.get("name", ""))}
        forms |= {norm(a) for a in ent.get("aliases", []) or []}
        forms |= {norm(m.get("text", "")) for m in ent.get("mentions", []) or []}
        forms.discard("")
        best, best_hits = None, 0
        for name, (aliases, _) in index.items():
            hits = len(forms & aliases)
            if hits > best_hits:
                best, best_hits = name, hits
        if best is None and by_span:
            spans = [(m.get("start"), m.get("end")) for m in ent.get("mentions", []) or []
                     if isinstance(m.get("start"), int) and isinstance(m.get("end"), int)]
            best = next((name for name, gold_spans in by_span
                         if any(overlaps(p, g) for p in spans for g in gold_spans)), None)
        if best:
            links[ent["id"]] = best
    return links


def score_entities(gold, pred, links):
    index = gold_index(gold)
    types = {e["id"]: e.get("type") for e in pred.get("entities", [])}
    found, typed = set(), set()
    false_hits = []
    for ent in pred.get("entities", []):
        name = links.get(ent["id"])
        if name is None:
            false_hits.append(ent.get("name"))
            continue
        found.add(name)
        if types[ent["id"]] in index[name][1].get("types", []):
            typed.add(name)
    required = {n for n, (_, e) in index.items() if e.get("required", True)}
    # two predicted entities naming one gold entity: the second counts against precision
    return {
        "tp": len(found & required), "required": len(required),
        "precision_hits": len(found), "predicted": len(pred.get("entities", [])),
        "typed": len(typed & found), "found": len(found),
        "missed": sorted(required - found), "false": sorted(false_hits),
    }


def resolves(pred_entity_id, wanted, links):
    return links.get(pred_entity_id) in as_list(wanted)


def triple_match(claim, gc, links):
    if claim.get("predicate") not in gc["predicate"]:
        return False
    straight = resolves(claim.get("subject"), gc["subject"], links) and \
        resolves(claim.get("object"), gc["object"], links)
    if straight:
        return True
    if claim.get("predicate") in SYMMETRIC:
        return resolves(claim.get("object"), gc["subject"], links) and \
            resolves(claim.get("subject"), gc["object"], links)
    return False


def source_ok(claim, gold_source, index, links):
    """The predicted source names the gold source: the same words (one inside the
    other), or both name the same gold entity (by its aliases, or by the claim's
    `source_entity` id)."""
    pred_source = claim.get("source")
    if gold_source is None:
        return not pred_source and not claim.get("source_entity")
    if not pred_source and not claim.get("source_entity"):
        return False
    a = norm(pred_source or "")
    pred_names = {links.get(claim.get("source_entity"))} - {None}
    pred_names |= {n for n, (aliases, _) in index.items() if a and a in aliases}
    for gs in as_list(gold_source):
        b = norm(gs)
        if same_words(a, b):
            return True
        if pred_names & {n for n, (aliases, _) in index.items() if b in aliases}:
            return True
    return False


def same_words(a, b):
    """One wording's words all stand in the other's ("the monitors" / "UN monitors")."""
    wa, wb = set(a.split()) - {"the", "a", "an"}, set(b.split()) - {"the", "a", "an"}
    if not wa or not wb or max(len(w) for w in wa | wb) < 3:
        return False
    return wa <= wb or wb <= wa


def gold_span(gc, text):
    """Character span of the gold claim's evidence snippet in the document, or None."""
    snippet = gc.get("evidence")
    if not text or not snippet:
        return None
    at = text.find(snippet)
    return None if at < 0 else (at, at + len(snippet))


def pred_span(claim, text=None):
    """The claim's evidence span, or None where it has none or it is not true to the text."""
    ev = claim.get("evidence") or {}
    start, end = ev.get("start"), ev.get("end")
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end):
        return None
    if text is not None:
        if end > len(text) or (ev.get("text") and norm(ev["text"]) != norm(text[start:end])):
            return None
    return (start, end)


def overlaps(a, b):
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def is_certain_fact(claim):
    return claim.get("polarity") == "affirmed" and claim.get("modality") not in UNCERTAIN


def max_matching(golds, edges, start):
    """Maximum one-to-one matching of gold claims to predicted ones (augmenting paths),
    grown from the matching `start`; edges[g] lists the predictions gold g accepts."""
    match = dict(start)                       # gold -> prediction
    owner = {i: g for g, i in match.items()}  # prediction -> gold

    def augment(g, seen):
        for i in edges[g]:
            if i in seen:
                continue
            seen.add(i)
            if i not in owner or augment(owner[i], seen):
                match[g], owner[i] = i, g
                return True
        return False

    for g in golds:
        if g not in match:
            augment(g, set())
    return match


def score_claims(gold, pred, links, text=None):
    """Recall: each required gold claim is matched to its own predicted claim (one
    to one; a prediction whose evidence overlaps the gold sentence is preferred).
    Precision: a predicted claim is right when it matches some required gold claim,
    neither way when it matches only optional ones. A false certainty is a negated,
    possible or hypothetical gold claim extracted, from its own sentence, as an
    affirmed claim of a certain modality; without evidence offsets to tell the
    sentence, a certain claim that matches no gold claim of its own counts."""
    claims = pred.get("claims", [])
    gclaims = gold["claims"]
    index = gold_index(gold)
    spans = [gold_span(gc, text) for gc in gclaims]

    def accepts(gc, c):
        if not triple_match(c, gc, links) or c.get("polarity") != gc["polarity"]:
            return False
        # a speculation found as a fact is not found
        return not set(gc["modality"]) <= UNCERTAIN or c.get("modality") in UNCERTAIN

    fits = [[i for i, c in enumerate(claims) if accepts(gc, c)] for gc in gclaims]
    pspans = [pred_span(c, text) for c in claims]
    near = [[i for i in fits[g] if overlaps(pspans[i], spans[g])] for g in range(len(gclaims))]
    wanted = [g for g, gc in enumerate(gclaims) if gc.get("required", True)]
    assigned = max_matching(wanted, near, {})           # predictions from the gold sentence first,
    assigned = max_matching(wanted, fits, assigned)     # then any others, keeping the count maximal

    wrong, false_certainties = set(), []
    for g, gc in enumerate(gclaims):
        if not (gc["polarity"] == "negated" or set(gc["modality"]) <= UNCERTAIN):
            continue
        culprits = []
        for i, c in enumerate(claims):
            if not (triple_match(c, gc, links) and is_certain_fact(c)):
                continue
            ps = pspans[i]
            if ps is not None and spans[g] is not None:
                # one sentence may state the triple both ways ("X allege ..., a charge Y
                # denies"): a claim that rightly matches another gold claim of it is no culprit
                both_ways = any(i in fits[h] and overlaps(ps, spans[h])
                                for h in range(len(gclaims)) if h != g)
                if overlaps(ps, spans[g]) and not both_ways:
                    culprits.append(i)
            elif not any(i in fits[h] for h in range(len(gclaims)) if h != g):
                culprits.append(i)
        if culprits:
            false_certainties.append(describe(gc))
            wrong.update(culprits)

    good = {i for g, gc in enumerate(gclaims) if gc.get("required", True) for i in fits[g]} - wrong
    ignored = {i for g, gc in enumerate(gclaims) if not gc.get("required", True) for i in fits[g]}
    ignored -= good | wrong
    # precision counts distinct facts: the same claim from five sentences is one right answer
    facts = {}
    for i, c in enumerate(claims):
        key = (links.get(c.get("subject"), c.get("subject")), c.get("predicate"),
               links.get(c.get("object"), c.get("object")), c.get("polarity"),
               c.get("modality") in UNCERTAIN)
        facts.setdefault(key, []).append(i)
    fact_wrong = sum(1 for ids in facts.values() if wrong & set(ids))
    fact_good = sum(1 for ids in facts.values() if not wrong & set(ids) and good & set(ids))
    fact_ignored = sum(1 for ids in facts.values() if not (wrong | good) & set(ids) and ignored & set(ids))
    tp = required = modality_ok = modality_n = source_hits = source_n = 0
    missed = []
    for g, gc in enumerate(gclaims):
        if not gc.get("required", True):
            continue
        required += 1
        if g not in assigned:
            missed.append(describe(gc))
            continue
        c = claims[assigned[g]]
        tp += 1
        modality_n += 1
        modality_ok += c.get("modality") in gc["modality"]
        if "source" in gc:
            source_n += 1
            source_hits += source_ok(c, gc["source"], index, links)
    unmatched = [i for i in range(len(claims)) if i not in good | ignored | wrong]
    return {
        "tp": tp, "required": required, "precision_hits": fact_good,
        "predicted": len(facts) - fact_ignored,
        "evidence_ok": sum(p is not None for p in pspans), "evidence_n": len(claims),
        "modality_ok": modality_ok, "modality_n": modality_n,
        "source_ok": source_hits, "source_n": source_n,
        "false_certainties": false_certainties, "missed": missed,
        "false": [describe_pred(claims[i], pred, links) for i in unmatched],
    }


def describe(gc):
    return f"{as_list(gc['subject'])[0]} -{gc['predicate'][0]}-> {as_list(gc['object'])[0]} " \
           f"[{gc['polarity']}, {'/'.join(gc['modality'])}]"


def describe_pred(c, pred, links):
    names = {e["id"]: e.get("name") for e in pred.get("entities", [])}
    return f"{names.get(c.get('subject'))} -{c.get('predicate')}-> {names.get(c.get('object'))} " \
           f"[{c.get('polarity')}, {c.get('modality')}]"


def f1(p, r):
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def ratio(a, b):
    return a / b if b else 0.0


def _text(value):
    return value if isinstance(value, str) else None


def sanitize(pred):
    """Keep what is well-formed in a prediction, so a malformed record is scored, not crashed on."""
    pred = pred if isinstance(pred, dict) else {}
    entities = []
    for n, e in enumerate(x for x in (pred.get("entities") or []) if isinstance(x, dict)):
        aliases = e.get("aliases") if isinstance(e.get("aliases"), list) else []
        mentions = e.get("mentions") if isinstance(e.get("mentions"), list) else []
        entities.append({**e, "id": _text(e.get("id")) or f"_E{n}", "name": _text(e.get("name")) or "",
                         "aliases": [a for a in aliases if isinstance(a, str)],
                         "mentions": [m for m in mentions if isinstance(m, dict) and isinstance(m.get("text"), str)]})
    claims = []
    for c in (x for x in (pred.get("claims") or []) if isinstance(x, dict)):
        clean = {**c}
        for key in ("subject", "predicate", "object", "polarity", "modality", "source_entity"):
            clean[key] = _text(c.get(key))
        source = c.get("source")
        if isinstance(source, list):  # one source is a string; take the first of a list
            source = next((x for x in source if isinstance(x, str)), None)
        clean["source"] = _text(source)
        clean["evidence"] = c.get("evidence") if isinstance(c.get("evidence"), dict) else {}
        claims.append(clean)
    return {**pred, "entities": entities, "claims": claims}


def score_pair(gold, pred, text=None):
    pred = sanitize(pred)
    links = link_entities(gold, pred, text)
    return score_entities(gold, pred, links), score_claims(gold, pred, links, text)


def totals(results):
    t = {k: 0 for k in ("e_tp", "e_req", "e_hits", "e_pred", "e_typed", "e_found",
                        "c_tp", "c_req", "c_hits", "c_pred", "m_ok", "m_n", "s_ok", "s_n",
                        "ev_ok", "ev_n", "false_certainties")}
    for ents, claims in results:
        t["e_tp"] += ents["tp"]; t["e_req"] += ents["required"]
        t["e_hits"] += ents["precision_hits"]; t["e_pred"] += ents["predicted"]
        t["e_typed"] += ents["typed"]; t["e_found"] += ents["found"]
        t["c_tp"] += claims["tp"]; t["c_req"] += claims["required"]
        t["c_hits"] += claims["precision_hits"]; t["c_pred"] += claims["predicted"]
        t["m_ok"] += claims["modality_ok"]; t["m_n"] += claims["modality_n"]
        t["s_ok"] += claims["source_ok"]; t["s_n"] += claims["source_n"]
        t["ev_ok"] += claims["evidence_ok"]; t["ev_n"] += claims["evidence_n"]
        t["false_certainties"] += len(claims["false_certainties"])
    ep, er = ratio(t["e_hits"], t["e_pred"]), ratio(t["e_tp"], t["e_req"])
    cp, cr = ratio(t["c_hits"], t["c_pred"]), ratio(t["c_tp"], t["c_req"])
    return {
        "entity_precision": round(ep, 3), "entity_recall": round(er, 3),
        "entity_f1": round(f1(ep, er), 3), "entity_type_accuracy": round(ratio(t["e_typed"], t["e_found"]), 3),
        "claim_precision": round(cp, 3), "claim_recall": round(cr, 3), "claim_f1": round(f1(cp, cr), 3),
        "modality_accuracy": round(ratio(t["m_ok"], t["m_n"]), 3),
        "source_accuracy": round(ratio(t["s_ok"], t["s_n"]), 3),
        "evidence_valid": round(ratio(t["ev_ok"], t["ev_n"]), 3),
        "false_certainties": t["false_certainties"],
    }


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold", nargs="?")
    ap.add_argument("pred", nargs="?")
    ap.add_argument("--gold-dir")
    ap.add_argument("--pred-dir")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--explain", action="store_true")
    args = ap.parse_args(argv)
    pairs = []
    if args.gold_dir:
        for g in sorted(Path(args.gold_dir).glob("*.gold.json")):
            p = Path(args.pred_dir) / (g.name[: -len(".gold.json")] + ".json")
            pairs.append((g, p))
    elif args.gold and args.pred:
        pairs.append((Path(args.gold), Path(args.pred)))
    else:
        ap.error("give GOLD PRED, or --gold-dir and --pred-dir")
    results = []
    for g, p in pairs:
        gold = json.loads(g.read_text(encoding="utf-8"))
        try:
            pred = json.loads(p.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            print(f"{p}: unreadable prediction ({exc}); scored as empty", file=sys.stderr)
            pred = {"entities": [], "claims": []}
        doc = g.with_name(gold.get("document") or g.name[: -len(".gold.json")] + ".txt")
        text = doc.read_text(encoding="utf-8") if doc.is_file() else None
        ents, claims = score_pair(gold, pred, text)
        results.append((ents, claims))
        if args.explain:
            print(f"== {g.name}")
            for label, items in (("missed entity", ents["missed"]), ("unmatched entity", ents["false"]),
                                 ("missed claim", claims["missed"]), ("unmatched claim", claims["false"]),
                                 ("FALSE CERTAINTY", claims["false_certainties"])):
                for item in items:
                    print(f"  {label}: {item}")
    summary = totals(results)
    summary["documents"] = len(results)
    if args.json:
        print(json.dumps(summary))
    else:
        for k, v in summary.items():
            print(f"{k:22} {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
