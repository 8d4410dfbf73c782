"""Where an incident's words sit in the dependency parse: its clause, what it struck, and
whether a word is under a place preposition. Used by `extract.incidents` and
`extract.incident_targets`.
"""

from __future__ import annotations

from spacy.tokens import Token

CLAUSE_CUTS = ("conj", "ccomp", "relcl", "parataxis")
TARGET_PREPS = ("on", "at", "against", "targeting")
NEAR_PREPS = ("near", "outside", "inside")


def clause_tokens(tok: Token) -> list[Token]:
    """The tokens of a trigger's own clause: a verb's subtree without coordinated or
    embedded clauses; a noun's, with the prepositions and dates of the verb it serves."""
    head = tok
    if tok.pos_ in ("NOUN", "PROPN"):
        head = tok.head
        while head.dep_ in ("prep", "pobj", "dobj", "nsubj", "nsubjpass") and \
                head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
            head = head.head
        if head.pos_ not in ("VERB", "AUX"):
            head = tok
    out, stack = [], [head]
    while stack:
        node = stack.pop()
        out.append(node)
        for child in node.children:
            if child.dep_ in CLAUSE_CUTS and child.i != tok.i and \
                    not (child.i <= tok.i and tok.i in {t.i for t in child.subtree}) and \
                    not _shared_deed(node, child, tok) and not _place_list(node, child):
                continue
            stack.append(child)
    return sorted(out, key=lambda t: t.i)


def _place_list(node: Token, child: Token) -> bool:
    """ "in Bamyan city, Bamyan province, Afghanistan": a noun the parser coordinated after
    a comma, with no "and" / "or", is the same place told more widely, not a second one."""
    return child.dep_ == "conj" and node.pos_ in ("NOUN", "PROPN") and \
        child.pos_ in ("NOUN", "PROPN") and child.left_edge.i > 0 and \
        child.doc[child.left_edge.i - 1].text == "," and \
        not any(c.dep_ == "cc" for c in node.children)


def _shared_deed(node: Token, child: Token, tok: Token) -> bool:
    """ "gunmen shot and killed a polio worker in X village": a verb coordinated with the
    deed's own verb and sharing its subject tells the same deed."""
    return node.i == tok.i and tok.pos_ == "VERB" and child.dep_ == "conj" and \
        child.pos_ == "VERB" and child.i > tok.i and \
        not any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children)


def under_place_prep(tok: Token, trigger: Token, preps: frozenset[str]) -> bool:
    node = tok
    for _ in range(6):
        if node.i == trigger.i or node.head.i == node.i:
            return False
        if node.dep_ == "pobj" and node.head.lower_ in preps:
            return True
        if node.dep_ not in ("compound", "appos", "conj", "pobj", "prep", "npadvmod", "nmod",
                             "amod", "poss"):
            return False
        node = node.head
    return False


def target_heads(tok: Token) -> list[Token]:
    """The heads of the noun phrases a trigger struck: its object, the noun after "on"
    / "at", the subject of a passive; for a bombing also what it went off near."""
    out: list[Token] = []
    for child in tok.children:
        if child.dep_ == "dobj" and child.lower_ not in ("himself", "herself", "themselves",
                                                          "fire"):
            out.append(child)
        elif child.dep_ == "nsubjpass":
            out.append(child)
        elif child.dep_ == "prep" and child.lower_ in (*TARGET_PREPS, *NEAR_PREPS):
            out += [p for p in child.children if p.dep_ == "pobj"]
    if tok.dep_ == "acl" and tok.tag_ == "VBN":  # "a convoy attacked near Mir Ali"
        out.append(tok.head)
    return out


__all__ = ["clause_tokens", "target_heads", "under_place_prep"]
