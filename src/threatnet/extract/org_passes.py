"""Passes over the organisational claims a document's readers found, that revise them
from what the sentence around says (organisations, round six):

- an alliance founded by groups has them as members, not as its parents; groups that
  join another "in" a named alliance are its members (`alliance_claims`);
- people of a group taken in ("absorbed many of Jundallah's fighters") are not the group
  (`absorbed_people`);
- a role or membership said to be over ends at the clause's date ("the former chief",
  "quit LeT in 2012"), one told in passing takes no date, "no longer" negates
  (`ended_roles`);
- heading an unnamed unit of a group is membership (`unit_heads`);
- groups merging "to form" a new one merge into it (`merged_to_form`);
- a leader's pledge is his group's (`leader_pledge_claims`); a breakaway founded with no
  "from" splits from its founder's group (`breakaway_claims`);
- a person's membership and support from one trigger: the membership says it
  (`membership_over_support`).

Each pass takes the document's argument finder (`relations._Context`) where it needs
one and the claims found so far, and returns the revised list.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.tokens import Token

from threatnet.extract.cue_lexicon import word_class
from threatnet.extract.org_relations import (
    FOUNDING,
    LEAVING,
    PRESENT,
    _alliance_names,
    _claim,
    _lemmas,
    _naming,
    groups_named_before,
)
from threatnet.model import EntityType, Polarity

if TYPE_CHECKING:
    from threatnet.extract.relations import RawClaim, _Context

JOINING = frozenset({"join", "enter"})  # "joined the BLA in an alliance, BRAS"
FORMER = word_class("former_words")  # "the former TTP chief": a role that has ended
PLEDGES = word_class("pledging")  # "pledged allegiance", "swore loyalty", "bay'ah"
EXPELLING = word_class("expelling_verbs")  # "was expelled from the TTP"
ROLE_PREDICATES = frozenset({"leads", "member_of", "part_of", "affiliated_with",
                             "splinter_of"})
MEMBERS = word_class("member_nouns")
PARTITIVES = word_class("partitives")  # "many of its fighters"


def alliance_claims(ctx: _Context, claims: list[RawClaim]) -> list[RawClaim]:
    """An alliance is made of groups, not split from them:
    - "BRAS, an alliance formed by the BLA and the BLF": the founders are its members
      (the founding frame alone reads a group formed by groups as their splinter);
    - "the BLF joined the BLA in a joint platform, BRAS": both are members of the
      alliance, the joiner no member of its partner (when the alliance is unnamed, the
      joiner's membership of the partner is dropped)."""
    alliances = _lemmas(ctx).alliances  # "alliance", "coalition", "platform"
    out: list[RawClaim] = []
    for c in claims:
        t = c.trigger
        lemma = t.lemma_.casefold()
        if c.predicate == "splinter_of" and lemma in FOUNDING:
            themes = [t.head] if t.dep_ == "acl" else [
                x for x in t.children if x.dep_ == "nsubjpass"]
            if any(x.lemma_.casefold() in alliances for x in themes):
                out.append(_claim(c.object, "member_of", c.subject, t))
                continue
        if c.predicate == "member_of" and lemma in JOINING and t.pos_ == "VERB":
            inside = [p for x in t.children if x.dep_ == "prep" and x.lower_ == "in"
                      for p in x.children if p.dep_ == "pobj"
                      and p.lemma_.casefold() in alliances]
            if inside:
                names = _alliance_names(ctx, inside[0])
                for member in (c.subject, c.object):
                    out += [_claim(member, "member_of", a, t) for a in names
                            if a != member and ctx.types[member] in PRESENT]
                continue
        out.append(c)
    return out


def _people_of(ctx: _Context, noun: Token) -> bool:
    """ "many of Jundallah's former fighters", "the TTP's commanders": people of a group,
    not the group."""
    if noun.i in ctx.token_entity:
        return False
    if noun.lower_ in PARTITIVES or noun.lemma_.casefold() in PARTITIVES:
        noun = next((p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                     for p in c.children if p.dep_ == "pobj"), noun)
    return noun.lemma_.casefold() in MEMBERS and noun.i not in ctx.token_entity


def absorbed_people(ctx: _Context, claims: list[RawClaim]) -> list[RawClaim]:
    """ "it absorbed many of Jundallah's former fighters", "the alliance includes TTP
    commanders": a group that takes in people of another does not take in the other
    group (the inverse membership frames read the people's group as the member)."""
    return [c for c in claims if not (
        c.predicate == "member_of" and c.trigger.pos_ == "VERB" and
        any(f.inverse and f.predicate == "member_of"
            for f in ctx.frames.verbs.get(c.trigger.lemma_.casefold(), [])) and
        any(d.dep_ == "dobj" and _people_of(ctx, d) for d in c.trigger.children))]


def ended_roles(ctx: _Context, claims: list[RawClaim]) -> list[RawClaim]:
    """ "Mullah Fazlullah, the former chief of the TTP", "once a senior TTP commander", "X
    quit LeT in 2012", "was expelled from the TTP": a role, unit or membership said to be
    over ends at the clause's date (`former`); "X is no
    longer the leader of Y", "no longer a faction of the TTP" is negated (the copula's
    "no longer" the cue readers see only on a verb)."""
    for c in claims:
        t = c.trigger
        if c.predicate == "member_of" and t.pos_ == "VERB" and \
                t.lemma_.casefold() in LEAVING | EXPELLING:
            if c.object in ctx._left(t):  # (not "defected from X to Y": Y's starts then)
                c.role_time = "former"  # "quit LeT in 2012": a membership that ended then
            continue
        if c.predicate not in ROLE_PREDICATES or t.pos_ not in ("NOUN", "PROPN"):
            continue
        if any(m.dep_ in ("amod", "advmod", "compound") and m.lower_ in FORMER for m in t.children):
            c.role_time = "former"
        if t.dep_ == "attr" and _no_longer(t.head):
            c.polarity = Polarity.NEGATED
    return claims


def _no_longer(tok: Token) -> bool:
    return any(c.lower_ == "longer" and any(d.lower_ == "no" for d in c.children)
               for c in tok.children)


def leader_pledge_claims(ctx: _Context, claims: list[RawClaim]) -> list[RawClaim]:
    """ "IMU leader Usman Ghazi pledged allegiance to the Islamic State", "the BLF's chief,
    X, swore loyalty to Y": a leader's pledge, in the sentence that calls him the leader
    of one armed group, is his group's (a commander's is only his own)."""
    led: dict[tuple[str, int], set[str]] = {}
    for c in claims:
        if c.predicate == "leads" and c.polarity == Polarity.AFFIRMED and \
                ctx.types[c.object] == EntityType.ARMED_GROUP:
            led.setdefault((c.subject, c.trigger.sent.start), set()).add(c.object)
    out: list[RawClaim] = []
    for c in claims:
        groups = led.get((c.subject, c.trigger.sent.start), set())
        if c.predicate == "affiliated_with" and ctx.types[c.subject] == EntityType.PERSON \
                and len(groups) == 1 and c.trigger.lemma_.casefold() in PLEDGES:
            group = next(iter(groups))
            if group != c.object:
                out.append(replace(c, subject=group, qualifiers=dict(c.qualifiers)))
    return claims + out


def unit_heads(ctx: _Context, claims: list[RawClaim]) -> list[RawClaim]:
    """ "X heads the BLA's intelligence wing", "runs the TTP's Swat faction", "commands a
    cell of ISKP": leading an unnamed unit of a group is a member's part, not the group's
    leadership (a named unit, "heads the Majeed Brigade", is led)."""
    for c in claims:
        t = c.trigger
        if c.predicate != "leads" or t.pos_ != "VERB":
            continue
        units = [d for d in t.children if d.dep_ in ("dobj", "nsubjpass") or
                 (d.dep_ == "prep" and d.lower_ == "over")]
        units = [p for d in units for p in ([d] if d.dep_ != "prep" else
                                            [g for g in d.children if g.dep_ == "pobj"])]
        if any(u.i not in ctx.token_entity and
               u.lemma_.casefold() in ctx.frames.part_of_heads and
               c.object not in _unit_names(ctx, u) for u in units):
            c.predicate = "member_of"
    return claims


def breakaway_claims(ctx: _Context, claims: list[RawClaim]) -> list[RawClaim]:
    """ "Omar Khalid Khorasani, a TTP commander, announced a breakaway faction, JuA", "X
    formed a splinter group called Y": a splinter founded with no "of" / "from" is a
    splinter of the group its founder is said, in the sentence, to belong to or lead -
    else of the one armed group the sentence and the one before name."""
    splinters = _lemmas(ctx).splinters
    out: list[RawClaim] = []
    for c in claims:
        t = c.trigger
        if c.predicate != "leads" or c.polarity != Polarity.AFFIRMED or \
                t.lemma_.casefold() not in FOUNDING:
            continue
        nouns = [d for d in t.children if d.dep_ == "dobj" and d.i not in ctx.token_entity
                 and not any(p.dep_ == "prep" and p.lower_ in ("of", "from")
                             for p in d.children)
                 and (d.lemma_.casefold() in splinters or any(
                     m.dep_ in ("compound", "amod") and m.lemma_.casefold() in splinters
                     for m in d.children))]
        if not nouns or c.object not in _unit_names(ctx, nouns[0]):
            continue
        armed = EntityType.ARMED_GROUP
        parents = {o.object for o in claims if o.subject == c.subject and
                   o.predicate in ("member_of", "leads") and o.polarity == Polarity.AFFIRMED
                   and o.trigger.sent.start == t.sent.start and o.object != c.object
                   and ctx.types[o.object] == armed}
        if not parents:
            parents = groups_named_before(ctx, t) - {c.object}
        if len(parents) == 1:  # (the noun, not an announcing verb, is the author's word)
            out.append(_claim(c.object, "splinter_of", parents.pop(), nouns[0]))
    return claims + out


def merged_to_form(ctx: _Context, claims: list[RawClaim]) -> list[RawClaim]:
    """ "HuM merged with HuJI to form Harkat-ul-Ansar", "HuA was formed through the merger
    of HuM and HuJI": groups merging into a new one merge into it, not into each other
    (when the new one is not named, the claim between them is dropped)."""
    out: list[RawClaim] = []
    for c in claims:
        t = c.trigger
        if c.predicate != "merged_into":
            out.append(c)
            continue
        formed: list[str] | None = None
        if t.pos_ == "VERB":
            purposes = [v for v in t.children if v.dep_ in ("advcl", "xcomp")
                        and v.lemma_.casefold() in FOUNDING
                        and any(a.lower_ == "to" for a in v.children if a.dep_ == "aux")]
            if purposes:
                formed = [e for v in purposes for d in v.children if d.dep_ == "dobj"
                          for e in ctx.entities(d)]
        elif t.pos_ == "NOUN":
            merging = set(ctx._prep_objects(t, ("of",)))
            if {c.subject, c.object} <= merging:  # "the merger of HuM and HuJI"
                gov = t.head.head if t.dep_ == "pobj" else None
                formed = [e for d in (gov.children if gov is not None and
                                      gov.lemma_.casefold() in FOUNDING else [])
                          if d.dep_ in ("nsubjpass", "dobj") for e in ctx.entities(d)]
        if formed is None:
            out.append(c)
            continue
        for f in formed:
            if ctx.types[f] in PRESENT:
                out += [_claim(m, "merged_into", f, t) for m in (c.subject, c.object)
                        if m != f]
    return out


def _unit_names(ctx: _Context, unit: Token) -> set[str]:
    """The names a unit noun gives itself: "a new faction, Hizbul Ahrar", "the Lashkar-e-
    Taiba faction", "a cell called X"."""
    return {e for c in unit.children if c.dep_ in ("appos", "compound")
            for e in ctx.entities(c)} | set(_naming(ctx, unit))


def membership_over_support(claims: list[RawClaim]) -> list[RawClaim]:
    """ "X fought for the TTP": where one trigger makes a person both a member of a group
    and its supporter, the membership says it (a supporter is what outsiders are)."""
    members = {(c.subject, c.object, c.trigger.i) for c in claims if c.predicate == "member_of"}
    return [c for c in claims if c.predicate != "supports" or
            (c.subject, c.object, c.trigger.i) not in members]
