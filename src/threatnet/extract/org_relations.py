"""Organisational relations that analytic prose states around its frames, not through them.

Think-tank profiles and leadership briefs put structure, leadership and geography in
places a verb or noun frame alone does not reach:

- a place noun as the subject of a copula: "its main base is in Nangarhar", "for years
  its headquarters were in North Waziristan";
- "home" read as an adverb: "North Waziristan is home to the Haqqani network";
- a group's ground held "of" it and named by whoever attacks it: "the army destroyed
  strongholds of the TTP in Khyber";
- acting "from" a group's own ground: "fight India from bases in Pakistan" (based there,
  not only active);
- a role held in a place: "the group's military chief in Afghanistan", "its commander in
  Mohmand, X" (the group, and the holder, operate there);
- taking over with no object: "Noor Wali Mehsud took over", "X took over as emir" (the
  one group the discourse is about).

Each function takes the document's argument finder (`relations._Context`) and returns
`RawClaim`s; the semantics stage reads their modality like any other claim's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Token

from threatnet.extract.arguments import NAMING
from threatnet.extract.cue_lexicon import word_class
from threatnet.model import EntityType, Polarity

if TYPE_CHECKING:
    from threatnet.extract.relations import RawClaim, _Context

HOME_GROUND = word_class("home_ground")
TAKING_OVER = word_class("taking_over")
APPOINTING = word_class("appointing")  # "described X as …", "regards X as …"
MERE = word_class("mere")  # "nothing more than a front"
SUCCEEDING = frozenset({"succeed", "replace"})
COMMANDING = word_class("commanding")
LEAVING = word_class("leaving_verbs")  # "broke away from X": he was a member
NEEDS_PARTICLE = frozenset({"break", "walk", "part"})  # "broke away", "walked out"
GIVING = word_class("giving")  # "gave the TTP shelter": the frames of giving read it
COPULAS = frozenset({"be", "remain", "become", "lie"})
PLACE_PREPS = ("in", "inside", "across", "near", "at", "throughout")
PLACE_TYPES = frozenset({EntityType.LOCATION, EntityType.STATE})
PRESENT = frozenset({EntityType.ARMED_GROUP, EntityType.ORGANIZATION})
_PLACED = ("operates_in", "based_in")
RANK_PREPS = ("in", "through", "within", "among", "into")  # "rose through the ranks of X"
STRUCTURE = frozenset({"part_of", "splinter_of", "affiliated_with", "member_of"})
FOUNDING = word_class("founding_verbs")
HYPHENS = frozenset({"-", "‐", "–"})
FOLDS = word_class("fold_nouns")  # "returned to the TTP fold"
RETURNING = word_class("returning_verbs")
BRINGING = word_class("bringing_verbs")  # "brought JuA back into the fold"
def _claim(subject: str, predicate: str, obj: str, trigger: Token) -> RawClaim:
    from threatnet.extract.relations import RawClaim  # (relations imports this module)

    return RawClaim(subject, predicate, obj, trigger)


def _placed_predicate(ctx: _Context, noun: Token) -> str | None:
    """ "based_in" or "operates_in" when a frame noun says where a group is."""
    frames = ctx.frames.nouns.get(noun.lemma_.casefold(), [])
    words = {c.lower_ for c in noun.children if c.dep_ in ("amod", "compound")}
    modified = [f for f in frames if f.modifier in words and f.predicate in _PLACED
                and not f.inverse]
    plain = [f for f in frames if not f.modifier and f.predicate in _PLACED and not f.inverse]
    chosen = modified or plain
    return chosen[0].predicate if chosen else None


def _places(ctx: _Context, tok: Token) -> list[str]:
    return [e for e in ctx._prep_objects(tok, PLACE_PREPS) if ctx.types[e] in PLACE_TYPES]


def copula_place_claims(ctx: _Context, noun: Token) -> list[RawClaim]:
    """ "Its main base is in Nangarhar", "Lashkar-e-Islam's headquarters were in Bara": a
    place noun of a group as the copula's subject, the place on the copula."""
    if noun.dep_ != "nsubj" or noun.head.lemma_.casefold() not in COPULAS or \
            noun.i in ctx.token_entity:
        return []
    predicate = _placed_predicate(ctx, noun)
    if predicate is None:
        return []
    owners = [e for c in noun.children if c.dep_ in ("poss", "compound")
              for e in ctx.entities(c)] or ctx._prep_objects(noun, ("of",))
    places = _places(ctx, noun.head)
    out = [_claim(g, predicate, p, noun) for g in owners if ctx.types[g] in PRESENT
           for p in places if p != g]
    if _negated(noun.head):  # "its headquarters is not in Pakistan"
        for c in out:
            c.polarity = Polarity.NEGATED
    return out


def home_to_claims(ctx: _Context, tok: Token) -> list[RawClaim]:
    """ "North Waziristan is home to the Haqqani network", with "home" tagged an adverb
    (the noun frame reads it when tagged a noun): the group is based in the place."""
    if tok.lower_ != "home" or tok.pos_ in ("NOUN", "PROPN") or \
            tok.head.lemma_.casefold() not in COPULAS:
        return []
    places = [e for c in tok.head.children if c.dep_ == "nsubj" for e in ctx.entities(c)
              if ctx.types[e] in PLACE_TYPES]
    groups = [e for e in ctx._prep_objects(tok, ("to",)) if ctx.types[e] in PRESENT]
    out = [_claim(g, "based_in", p, tok) for g in groups for p in places]
    if _negated(tok.head):  # "is no longer home to", "was never home to"
        for c in out:
            c.polarity = Polarity.NEGATED
    return out


def held_ground_claims(ctx: _Context, noun: Token) -> list[RawClaim]:
    """ "the army destroyed strongholds of the TTP in Khyber", "struck hideouts of the Gul
    Bahadur group in Khost": ground "of" a group, in a place, named as someone else's
    object - the owner is there (the frame reads the noun's subject as the owner)."""
    if noun.lemma_.casefold() not in HOME_GROUND or noun.i in ctx.token_entity or \
            noun.dep_ not in ("dobj", "pobj", "nsubjpass", "conj", "appos"):
        return []
    predicate = _placed_predicate(ctx, noun)
    owners = [e for e in ctx._prep_objects(noun, ("of",)) if ctx.types[e] in PRESENT]
    if predicate is None or not owners or _negated(noun.head):
        return []  # ("jets did not strike hideouts of the TTP in Kunar": no word on them)
    places = _places(ctx, noun)
    if not places:  # "hideouts of the TTP in Khost": the place may hang on the owner
        tail = [t for p in noun.children if p.dep_ == "prep" and p.lower_ == "of"
                for t in p.subtree if t.dep_ in ("pobj", "conj")]
        places = [e for t in tail for e in _places(ctx, t)]
    return [_claim(g, predicate, p, noun) for g in owners for p in places if p != g]


def from_ground(claims: list[RawClaim]) -> list[RawClaim]:
    """ "fight India from bases in Pakistan": presence read off a group's own ground that
    it acts from is where it is based. Presence read off "ground" that the group is said
    to control ("took ground in Nangarhar") is left to the `controls` claim."""
    controlled = {(c.subject, c.object, c.trigger.sent.start) for c in claims
                  if c.predicate == "controls"}
    out = []
    for c in claims:
        t = c.trigger
        if c.predicate == "operates_in" and t.lemma_.casefold() in HOME_GROUND and \
                t.dep_ == "pobj" and t.head.lower_ == "from":
            c.predicate = "based_in"
        if c.predicate == "operates_in" and t.lower_ == "ground" and \
                (c.subject, c.object, t.sent.start) in controlled:
            continue
        if c.predicate == "member_of" and t.lemma_.casefold() in LEAVING and _negated(t):
            continue  # "he did not break away from X" denies no membership
        out.append(c)
    return out


def acting_from_claims(ctx: _Context, noun: Token) -> list[RawClaim]:
    """ "ISKP plots attacks from sanctuaries in Nangarhar": the "from" phrase of a group's
    own ground hung on the verb's object - the verb's subject is based in the place."""
    if noun.lemma_.casefold() not in HOME_GROUND or noun.dep_ != "pobj" or \
            noun.head.lower_ != "from" or noun.head.head.pos_ not in ("NOUN", "PROPN"):
        return []  # (hung on the verb, the frame and `from_ground` read it)
    verb = noun.head.head.head
    if verb.pos_ != "VERB" or noun.head.head.dep_ != "dobj" or \
            any(c.dep_ == "poss" for c in noun.children):
        return []  # ("from the army's bases": another's ground)
    actors = [e for e in ctx.subjects(verb) if ctx.types[e] in PRESENT]
    return [_claim(a, "based_in", p, noun) for a in actors for p in _places(ctx, noun)]


def role_place_claims(ctx: _Context, noun: Token) -> list[RawClaim]:
    """ "the group's military chief in Afghanistan", "its commander in Mohmand, X",
    "served as the TTP's head in Peshawar": a group's role held in a place - the group
    operates there, and so does the person named as holding it."""
    if ctx.frames.roles.get(noun.lemma_.casefold()) is None or noun.i in ctx.token_entity:
        return []
    holders = [noun, *[p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                       for p in c.children if p.dep_ == "pobj" and
                       p.i not in ctx.token_entity]]  # "its chief of operations in X"
    places = [e for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "in"
              for p in c.children if p.dep_ == "pobj" for e in ctx.entities(p)
              if ctx.types[e] in PLACE_TYPES]
    if not places:
        return []
    armed = (EntityType.ARMED_GROUP,)  # ("the UN envoy in Kabul" says where he serves)
    groups = [e for c in noun.children if c.dep_ in ("poss", "compound")
              for e in ctx.entities(c) if ctx.types[e] in armed]
    groups += [e for e in ctx._prep_objects(noun, ("of",)) if ctx.types[e] in armed]
    if not groups:
        return []
    people = [e for c in noun.children if c.dep_ == "appos" for e in ctx.entities(c)
              if ctx.types[e] == EntityType.PERSON]
    if noun.dep_ == "appos" and noun.head.i in ctx.token_entity:
        people += [e for e in [ctx.token_entity[noun.head.i]]
                   if ctx.types[e] == EntityType.PERSON]
    if noun.dep_ == "pobj" and noun.head.lower_ == "as":  # "served as its head in X"
        people += [e for e in ctx.subjects(noun.head.head) if ctx.types[e] == EntityType.PERSON]
    return [_claim(a, "operates_in", p, noun) for a in [*groups, *people] for p in places
            if a != p]


def took_over_claims(ctx: _Context, verb: Token) -> list[RawClaim]:
    """ "Fazlullah was killed in 2018; Noor Wali Mehsud took over", "X took over as
    emir": the person now leads the one armed group the sentence and the one before it
    name (none when they name several or none)."""
    particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
    if particle is None or f"{verb.lemma_.casefold()} {particle}" not in TAKING_OVER or \
            any(c.dep_ in ("dobj", "nsubjpass") for c in verb.children):
        return []
    roles = [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"
             for p in c.children if p.dep_ == "pobj"]
    if roles and (ctx.frames.roles.get(roles[0].lemma_.casefold()) != "leads" or
                  any(c.dep_ in ("prep", "poss", "compound") for c in roles[0].children)):
        return []  # "took over as its spokesman", "as chief of X": other readings
    people = [e for e in ctx.subjects(verb) if ctx.types[e] == EntityType.PERSON]
    group = _discourse_group(ctx, verb)
    return [_claim(p, "leads", group, verb) for p in people] if group else []


def _window_start(ctx: _Context, tok: Token) -> int:
    """The first token of `tok`'s sentence, or of the sentence before it when that one is
    in the same paragraph."""
    start = tok.sent.start
    if start > 0:
        before = ctx.doc[start - 1].sent
        if ctx.coref.paragraph_of[before.start] == ctx.coref.paragraph_of[tok.i]:
            start = before.start
    return start


def groups_named_before(ctx: _Context, tok: Token,
                        kinds: frozenset[EntityType] = frozenset({EntityType.ARMED_GROUP})
                        ) -> set[str]:
    """The armed groups (or actors of `kinds`) named in `tok`'s sentence up to it and in
    the sentence before, within its paragraph."""
    start = _window_start(ctx, tok)
    return {ctx.token_entity[i] for i in range(start, tok.i) if i in ctx.token_entity
            and ctx.types[ctx.token_entity[i]] in kinds}


def _discourse_group(ctx: _Context, tok: Token) -> str | None:
    """The one armed group named in `tok`'s sentence up to it and in the sentence
    before, within its paragraph; None when there are several or none."""
    found = groups_named_before(ctx, tok)
    return found.pop() if len(found) == 1 else None


def than_claims(ctx: _Context, noun: Token) -> list[RawClaim]:
    """ "TRF is nothing more than a front for LeT", "the outfit is little more than a
    wing of the TTP": the noun after "than" is what the copula says its subject is."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "than" or noun.i in ctx.token_entity:
        return []
    comparative = noun.head.head  # "more", "other", "less"
    holder = comparative.head if comparative.dep_ in ("amod", "advmod") else comparative
    if comparative.lower_ not in ("more", "other") or holder.dep_ != "attr" or \
            holder.lower_ not in MERE or holder.head.lemma_.casefold() not in COPULAS:
        return []
    subjects = [e for c in holder.head.children if c.dep_ == "nsubj" for e in ctx.entities(c)]
    out: list[RawClaim] = []
    for frame in ctx.frames.nouns.get(noun.lemma_.casefold(), []):
        if frame.modifier or frame.under or frame.pair:
            continue
        objects = ctx._prep_objects(noun, frame.object)
        out += ctx._typed(subjects, objects, frame, noun)
    return out


def described_as_claims(ctx: _Context, verb: Token) -> list[RawClaim]:
    """ "US officials have described LeI as affiliated with the TTP", "Pakistan portrays
    the BLA as backed by India": a participle after "as" says what the described one is;
    its subject is the describing verb's object, not the describer."""
    head = verb.head
    if verb.tag_ != "VBN" or verb.dep_ != "advcl" or head.lemma_.casefold() not in APPOINTING \
            or not any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        return []
    described = [e for c in head.children if c.dep_ in ("dobj", "nsubjpass")
                 for e in ctx.entities(c)]
    out: list[RawClaim] = []
    for frame in ctx.frames.verbs.get(verb.lemma_.casefold(), []):
        if frame.particle or frame.via or frame.requires or frame.subject:
            continue
        if frame.passive_theme:  # "as affiliated with the TTP", "as based in Kunar"
            objects = [e for p in frame.object if p not in ("dobj", "npadvmod", "attr")
                       for e in ctx._prep_objects(verb, (p,))]
            out += ctx._typed(described, objects, frame, verb)
        elif "dobj" in frame.object:  # "as backed by India": the agent acts on it
            agents = ctx._prep_objects(verb, ("by",))
            out += ctx._typed(agents, described, frame, verb)
    return out


def contact_clause_claims(ctx: _Context, verb: Token) -> list[RawClaim]:
    """ "Jaish-e-Mohammed, the group Masood Azhar founded in 2000": a relative clause
    without "that", which the parser reads as the name in apposition to the noun and the
    verb as a subjectless modifier. The name is the verb's subject, the noun its object."""
    if verb.dep_ != "acl" or verb.tag_ not in ("VBD", "VBN") or any(
            c.dep_ in ("nsubj", "nsubjpass", "dobj", "auxpass", "agent") for c in verb.children):
        # (a participle after the name is the clause's verb mis-tagged, unless "by" follows)
        return []
    noun = verb.head
    names = [c for c in noun.children if c.dep_ == "appos" and c.i < verb.i and
             c.i in ctx.token_entity and c.right_edge.i == verb.i - 1]
    if noun.i in ctx.token_entity and noun.dep_ == "appos" and noun.head.pos_ == "NOUN":
        names, noun = [noun], noun.head  # (the verb hung on the name: "the group Azhar founded")
    if not names or noun.i in ctx.token_entity:
        return []
    subjects = ctx.entities(names[0])
    before = noun.left_edge.i - 2  # "a member of JeM, [the group Azhar founded]" parsed
    if noun.dep_ == "appos" and noun.head.i in ctx.token_entity:  # as a second object
        objects = [ctx.apposed_to(noun)]  # "JeM, the group Azhar founded"
    elif before >= 0 and ctx.doc[before + 1].text == "," and before in ctx.token_entity:
        objects = [ctx.token_entity[before]]
    else:  # "the group Azhar founded": the group the discourse is about
        resolved = ctx.coref.resolve(noun)
        objects = [resolved] if resolved else []
    out: list[RawClaim] = []
    for frame in ctx.frames.verbs.get(verb.lemma_.casefold(), []):
        if "dobj" in frame.object and not (frame.particle or frame.via or frame.requires
                                           or frame.subject):
            out += ctx._typed(subjects, objects, frame, verb)
    return out


def where_ground_claims(ctx: _Context, noun: Token) -> list[RawClaim]:
    """ "Nangarhar, where it is believed to keep its main base", "Kunar, where the TTP
    has its headquarters": a group's ground named in a "where" clause is in the place
    the clause describes."""
    if noun.dep_ not in ("dobj", "nsubj", "nsubjpass") or noun.i in ctx.token_entity:
        return []  # ("where it keeps its base", "where its headquarters were located")
    predicate = _placed_predicate(ctx, noun)
    if predicate is None:
        return []
    clause = noun.head
    for _ in range(3):  # "is believed to keep": up through the raising verbs
        if clause.dep_ == "relcl" or clause.head.i == clause.i:
            break
        clause = clause.head
    if clause.dep_ != "relcl" or not any(c.lower_ == "where" for c in clause.children):
        return []
    places = [e for e in ctx.entities(clause.head) if ctx.types[e] in PLACE_TYPES]
    owners = [e for c in noun.children if c.dep_ in ("poss", "compound")
              for e in ctx.entities(c)]
    if not owners and noun.dep_ == "dobj":
        owners = ctx.subjects(noun.head)
    return [_claim(g, predicate, p, noun) for g in owners if ctx.types[g] in PRESENT
            for p in places]


def moving_between_claims(ctx: _Context, noun: Token) -> list[RawClaim]:
    """ "He is believed to move between hideouts in eastern Afghanistan", "shuttled
    among safe houses in Nangarhar": whoever moves between such ground is based there."""
    if noun.dep_ != "pobj" or noun.head.lower_ not in ("between", "among") or \
            noun.lemma_.casefold() not in HOME_GROUND | {"house"} or \
            noun.head.head.pos_ != "VERB":
        return []
    movers = [e for e in ctx.subjects(noun.head.head)
              if ctx.types[e] in PRESENT | {EntityType.PERSON}]
    return [_claim(m, "based_in", p, noun) for p in _places(ctx, noun) for m in movers]


def successor_claims(ctx: _Context, verb: Token) -> list[RawClaim]:
    """ "Noor Wali Mehsud, who succeeded Fazlullah in 2018": succeeding a person, with no
    role named, is taking over the group the report says that person leads (resolved
    with the other roles held relative to a person, `relative_role_claims`)."""
    if verb.lemma_.casefold() not in SUCCEEDING or any(
            c.dep_ == "prep" and c.lower_ == "as" for c in verb.children):
        return []  # ("succeeded X as chief of Y": the role frames read it)
    bosses = [e for c in verb.children if c.dep_ == "dobj" for e in ctx.entities(c)
              if ctx.types[e] == EntityType.PERSON]
    people = [e for e in ctx.subjects(verb) if ctx.types[e] == EntityType.PERSON]
    ctx.relative_roles += [(people, b, "leads", verb) for b in bosses if people]
    return []


def let_shelter_claims(ctx: _Context, verb: Token) -> list[RawClaim]:
    """ "accuse the Taliban of letting the group shelter on Afghan soil", parsed as one
    phrase ("[the group shelter]"): the name joined to the permitted noun is the one
    allowed, and the place it shelters in is where it is based."""
    frames = [f for f in ctx.frames.verbs.get(verb.lemma_.casefold(), [])
              if f.as_object == "xcomp" and f.via]
    held = [c for c in verb.children if c.dep_ == "dobj" and c.pos_ == "NOUN"
            and c.i not in ctx.token_entity]
    if not frames or not held:
        return []
    giving = verb.lemma_.casefold() in GIVING
    out: list[RawClaim] = []
    for frame in frames:
        for noun in held:
            if noun.lemma_.casefold() not in frame.via:
                continue
            joined = [c for c in noun.children if c.dep_ in ("compound", "nmod")]
            # (a name joined to what is given is the giving frames': "gave the TTP shelter")
            allowed = [] if giving else [e for c in joined for e in ctx.entities(c)]
            permitters = ctx.subjects(verb)
            if not allowed and any(c.pos_ == "NOUN" for c in joined) and \
                    any(d.lower_ == "the" for d in noun.children if d.dep_ == "det"):
                # "[the group shelter]": the latest other group the discourse names
                recent = _recent_group(ctx, noun, set(permitters))
                allowed = [recent] if recent else []
            out += ctx._typed(permitters, allowed, frame, noun)
            places = [e for p in ("on", "in", "inside") for e in ctx._prep_objects(noun, (p,))
                      if ctx.types[e] in PLACE_TYPES]
            out += [_claim(a, "based_in", p, noun) for a in allowed
                    if ctx.types[a] in PRESENT | {EntityType.PERSON} for p in places]
    return out


def commanding_in_claims(ctx: _Context, verb: Token) -> list[RawClaim]:
    """ "Sajna, who had commanded Mehsud fighters in South Waziristan", "he led the TTP in
    Swat": a person in command in a place operates there."""
    if verb.lemma_.casefold() not in COMMANDING or \
            any(c.dep_ == "neg" or c.lower_ == "never" for c in verb.children):
        return []
    holders = [verb, *[c for c in verb.children if c.dep_ == "dobj"]]
    places = [e for h in holders for e in _places(ctx, h)
              if ctx.types[e] == EntityType.LOCATION]
    if not places:
        return []
    people = [e for e in ctx.subjects(verb) if ctx.types[e] == EntityType.PERSON]
    return [_claim(p, "operates_in", place, verb) for p in people for place in places]


def named_structure_claims(ctx: _Context, noun: Token) -> list[RawClaim]:
    """ "the regional branch of the Islamic State, known as ISKP", "a splinter of the TTP,
    called Jamaat-ul-Ahrar": a structural noun whose name a participle of naming gives
    is what the noun's frame says of that name (the arguments finder reads the name)."""
    if noun.i in ctx.token_entity:
        return []
    frames = [f for f in ctx.frames.nouns.get(noun.lemma_.casefold(), [])
              if f.predicate in STRUCTURE and not (f.inverse or f.under or f.pair or f.modifier)]
    tails = [p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
             for p in c.children if p.dep_ == "pobj" and p.i in ctx.token_entity]
    # (the parser may hang the naming on the noun's "of" object: "a splinter of the TTP,
    # known as JuA" - a name other than the object's own then names the noun)
    named = [e for h in [noun, *tails] for e in _naming(ctx, h)
             if ctx.types[e] == EntityType.ARMED_GROUP]
    out: list[RawClaim] = []
    for frame in frames if named else []:
        objects = [e for e in ctx._prep_objects(noun, frame.object) if e not in named]
        out += ctx._typed(named, objects, frame, noun)
    return out


def _naming(ctx: _Context, tok: Token) -> list[str]:
    """The entities a participle of naming on `tok` gives: "known as X", "called X"."""
    acls = [c for c in tok.children if c.dep_ == "acl" and c.lemma_.casefold() in NAMING]
    return [e for a in acls for c in a.children
            for t in ([c] if c.dep_ in ("oprd", "attr", "xcomp") else
                      [p for p in c.children if p.dep_ == "pobj"]
                      if c.dep_ == "prep" and c.lower_ == "as" else [])
            for e in ctx.entities(t)]


def ranks_claims(ctx: _Context, noun: Token) -> list[RawClaim]:
    """ "rose through the ranks of the TTP", "fought in the ranks of LeT", "served in the
    BLA's ranks": whoever acts within a group's ranks is its member (not whoever acts on
    others there: "the army killed dozens in the ranks of the TTP")."""
    if noun.tag_ != "NNS" or noun.dep_ != "pobj" or noun.head.lower_ not in RANK_PREPS:
        return []
    verb = noun.head.head
    if verb.pos_ not in ("VERB", "AUX") or any(c.dep_ == "dobj" for c in verb.children):
        return []
    owners = [e for c in noun.children if c.dep_ == "poss" for e in ctx.entities(c)]
    owners += ctx._prep_objects(noun, ("of",))
    owners = [e for e in owners if ctx.types[e] == EntityType.ARMED_GROUP]
    themes = [c for c in verb.children if c.dep_ == "nsubjpass"]
    members = ctx.entities(themes[0]) if themes else ctx.subjects(verb)
    return [_claim(m, "member_of", g, noun) for m in members
            if ctx.types[m] in (EntityType.PERSON, EntityType.ARMED_GROUP)
            for g in owners if g != m]


def split_unit_claims(ctx: _Context, verb: Token) -> list[RawClaim]:
    """ "Hizbul Ahrar is a faction of JuA that broke away in 2017", "JuA, a faction of the
    TTP that split off in 2014": a unit of a group that left, with no "from", left the
    group it was a unit of - a splinter of it (the unit's own frame says `part_of`)."""
    if verb.dep_ != "relcl" or verb.lemma_.casefold() not in LEAVING:
        return []
    if verb.lemma_.casefold() in NEEDS_PARTICLE and not any(
            c.dep_ in ("prt", "advmod") and c.lower_ in ("away", "off", "out", "ways")
            for c in verb.children):
        return []  # ("a faction that broke its truce")
    if any(c.dep_ in ("dobj", "neg") or (c.dep_ == "prep" and c.lower_ in ("from", "with", "of"))
           or c.lower_ == "never" for c in verb.children):
        return []  # ("that split from the TTP": the verb's frame reads it)
    unit = verb.head
    if unit.i in ctx.token_entity or unit.lemma_.casefold() not in ctx.frames.part_of_heads:
        return []
    owners = [e for e in ctx._prep_objects(unit, ("of",)) if ctx.types[e] == EntityType.ARMED_GROUP]
    parts = [e for e in ctx.entities(unit) or ctx.noun_subjects(unit)
             if ctx.types[e] == EntityType.ARMED_GROUP]
    return [_claim(p, "splinter_of", o, verb) for p in parts for o in owners if p != o]


def _alliance_names(ctx: _Context, noun: Token) -> list[str]:
    """The groups an alliance noun names: itself resolved, its apposition ("a joint
    platform, BRAS"), a participle of naming ("a coalition called BRAS"), or a name the
    parser hung on the verb right after it ("in a new alliance, the BRAS")."""
    named = ctx.entities(noun) or [e for c in noun.children if c.dep_ == "appos"
                                   for e in ctx.entities(c)] or _naming(ctx, noun)
    if not named and (noun.head.dep_ == "prep" or noun.dep_ == "dobj"):
        verb = noun.head.head if noun.head.dep_ == "prep" else noun.head
        named = [e for c in verb.children if c.dep_ in ("npadvmod", "appos", "dobj")
                 and c.i > noun.i and ctx.doc[noun.right_edge.i + 1].text == ","
                 for e in ctx.entities(c)]
    return [e for e in named if ctx.types[e] in PRESENT]


def formed_alliance_claims(ctx: _Context, verb: Token) -> list[RawClaim]:
    """ "the BLA, the BLF and the BRG formed an alliance called BRAS", "set up a joint
    platform, BRAS, with the BLF": the groups forming a named alliance are its members."""
    nouns = [c for c in verb.children if c.dep_ == "dobj"
             and c.lemma_.casefold() in _lemmas(ctx).alliances and c.i not in ctx.token_entity]
    if not nouns or _negated(verb):
        return []
    names = _alliance_names(ctx, nouns[0])
    founders = [*ctx.subjects(verb), *ctx._prep_objects(verb, ("with",)),
                *ctx._prep_objects(nouns[0], ("with",))]
    return [_claim(f, "member_of", a, verb) for f in dict.fromkeys(founders)
            if ctx.types[f] in PRESENT for a in names if a != f]


def founded_after_leaving_claims(ctx: _Context, verb: Token) -> list[RawClaim]:
    """ "X set up the UBA after splitting from the BLA", "having quit the TTP, X founded
    JuA": a group founded by one who had left another group is a splinter of it (the
    founded name may be typed an organisation when no pack knows it)."""
    leaving = [c for c in verb.children if c.dep_ == "advcl"] + [
        p for c in verb.children if c.dep_ == "prep" and c.lower_ in ("after", "upon", "on")
        for p in c.children if p.dep_ == "pcomp"]
    leaving = [v for v in leaving if v.lemma_.casefold() in LEAVING and not _negated(v)
               and (v.lemma_.casefold() not in NEEDS_PARTICLE or any(
                   c.dep_ in ("prt", "advmod") and c.lower_ in ("away", "off", "out", "ways")
                   for c in v.children))]
    if not leaving:
        return []
    founded = [e for c in verb.children if c.dep_ == "dobj" for e in ctx.entities(c)
               if ctx.types[e] in PRESENT]
    left = [e for v in leaving for e in ctx._left(v) if ctx.types[e] == EntityType.ARMED_GROUP]
    return [_claim(n, "splinter_of", o, verb) for n in founded for o in left if n != o]


def fold_claims(ctx: _Context, noun: Token) -> list[RawClaim]:
    """ "JuA returned to the TTP fold", "came back into the fold of the TTP", "the TTP
    brought JuA back into the fold": going back into a group's fold is merging into it."""
    if noun.dep_ != "pobj" or noun.head.lower_ not in ("to", "into", "in") or \
            noun.i in ctx.token_entity:
        return []
    verb = noun.head.head
    if verb.lower_ == "back" and verb.dep_ in ("advmod", "prt"):
        verb = verb.head  # "came back into the fold of the TTP"
    lemma = verb.lemma_.casefold()
    if verb.pos_ != "VERB" or lemma not in RETURNING | BRINGING:
        return []
    owners = [e for c in noun.children if c.dep_ in ("compound", "poss", "nmod")
              for e in ctx.entities(c)] + ctx._prep_objects(noun, ("of",))
    brought = [e for c in verb.children if c.dep_ == "dobj" for e in ctx.entities(c)] \
        if lemma in BRINGING else []
    if brought:
        returners = brought
        owners = owners or ctx.subjects(verb)
    else:
        themes = [c for c in verb.children if c.dep_ == "nsubjpass"]
        returners = ctx.entities(themes[0]) if themes else ctx.subjects(verb)
    armed = EntityType.ARMED_GROUP
    return [_claim(r, "merged_into", o, noun) for r in returners for o in owners
            if r != o and ctx.types[r] == armed and ctx.types[o] == armed]


def taken_back_claims(ctx: _Context, verb: Token) -> list[RawClaim]:
    """ "The TTP welcomed Jamaat-ul-Ahrar back", "took the faction back": a group taken
    back by another merges into it ("back" on the verb or, as parsed, on the object)."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if not any(c.lower_ == "back" and c.dep_ in ("advmod", "prt")
               for h in [verb, *objects] for c in h.children) or _negated(verb):
        return []
    armed = EntityType.ARMED_GROUP
    taken = [e for c in objects for e in ctx.entities(c) if ctx.types[e] == armed]
    return [_claim(t, "merged_into", s, verb) for s in ctx.subjects(verb)
            if ctx.types[s] == armed for t in taken if t != s]


def hyphen_participle_claims(ctx: _Context, verb: Token) -> list[RawClaim]:
    """ "the LeT-linked JuD", "the Mangal Bagh-led Lashkar-e-Islam", "the ISI-backed
    Hizbul Mujahideen": a name joined by a hyphen to a participle that modifies another
    name. The participle's frame says the claim: a theme frame ("linked to", "based in")
    makes the modified name its subject, an agent frame ("led", "backed") the hyphened
    name (read here by position, as the parser often makes the pair a clause)."""
    i = verb.i
    if i < 2 or verb.tag_ != "VBN" or ctx.doc[i - 1].text not in HYPHENS or \
            ctx.doc[i - 2].whitespace_ or ctx.doc[i - 1].whitespace_ or \
            (i - 2) not in ctx.token_entity:
        return []
    named = ctx.token_entity[i - 2]
    modified = ctx.token_entity.get(verb.head.i) if verb.dep_ == "amod" else None
    modified = modified or ctx.token_entity.get(i + 1)
    if modified is None or modified == named:
        return []
    out: list[RawClaim] = []
    for frame in ctx.frames.verbs.get(verb.lemma_.casefold(), []):
        if frame.particle or frame.via or frame.requires or frame.subject or frame.inverse:
            continue
        if frame.passive_theme and any(r != "dobj" for r in frame.object):
            out += ctx._typed([modified], [named], frame, verb)
        elif not frame.passive_theme and "dobj" in frame.object:
            out += ctx._typed([named], [modified], frame, verb)
    return out


def token_claims(ctx: _Context, tok: Token) -> list[RawClaim]:
    """The claims of this module that start at `tok` (visited by `RelationFinder.find`),
    each reader tried only where the token's lemma and place in the parse can start it."""
    lemma = tok.lemma_.casefold()
    if tok.i in ctx.token_entity and tok.dep_ in ("nsubj", "dobj") and \
            tok.head.lemma_.casefold() in SUCCEEDING and tok.i == min(
                c.i for c in tok.head.children if c.dep_ in ("nsubj", "dobj")
                and c.i in ctx.token_entity):
        successor_claims(ctx, tok.head)  # (visited at the first named argument)
    out: list[RawClaim] = []
    if tok.pos_ in ("NOUN", "PROPN"):
        if lemma in _lemmas(ctx).placed:
            out += [*copula_place_claims(ctx, tok), *where_ground_claims(ctx, tok)]
        if lemma in HOME_GROUND or lemma == "house":
            out += [*held_ground_claims(ctx, tok), *acting_from_claims(ctx, tok),
                    *moving_between_claims(ctx, tok)]
        if lemma in ctx.frames.roles:
            out += role_place_claims(ctx, tok)
        if tok.dep_ == "pobj" and tok.head.lower_ == "than":
            out += than_claims(ctx, tok)
        if lemma in ctx.frames.nouns:
            out += named_structure_claims(ctx, tok)
        if lemma == "rank":
            out += ranks_claims(ctx, tok)
        if lemma in FOLDS:
            out += fold_claims(ctx, tok)
    elif tok.pos_ == "VERB":
        if tok.dep_ == "advcl":
            out += described_as_claims(ctx, tok)
        elif tok.dep_ == "acl":
            out += contact_clause_claims(ctx, tok)
        elif tok.dep_ == "relcl" and lemma in LEAVING:
            out += split_unit_claims(ctx, tok)
        if lemma in _lemmas(ctx).taking:
            out += took_over_claims(ctx, tok)
        if lemma in _lemmas(ctx).permitting:
            out += let_shelter_claims(ctx, tok)
        if lemma in COMMANDING:
            out += commanding_in_claims(ctx, tok)
        if lemma in FOUNDING and not _negated(tok):
            out += founded_after_leaving_claims(ctx, tok)
            out += formed_alliance_claims(ctx, tok)
        if lemma in BRINGING:
            out += taken_back_claims(ctx, tok)
    if tok.tag_ == "VBN" and lemma in ctx.frames.verbs:
        out += hyphen_participle_claims(ctx, tok)
    elif lemma == "home":
        out += home_to_claims(ctx, tok)
    return out


@dataclass(frozen=True)
class _Lemmas:
    placed: frozenset[str]      # nouns of a place-frame ("base", "headquarters")
    taking: frozenset[str]      # verbs of `taking_over` ("take")
    permitting: frozenset[str]  # verbs whose frame permits what a noun names ("let")
    alliances: frozenset[str]   # nouns whose "of" groups are its members ("coalition")
    splinters: frozenset[str]   # nouns of a split ("offshoot", "breakaway", "splinter")


_LEMMAS: dict[int, _Lemmas] = {}


def _lemmas(ctx: _Context) -> _Lemmas:
    """The trigger lemmas of the frames in use, computed once per frames table."""
    found = _LEMMAS.get(id(ctx.frames))
    if found is None:
        frames = ctx.frames
        found = _Lemmas(
            placed=frozenset(w for w, fs in frames.nouns.items()
                             if any(f.predicate in _PLACED and not f.inverse for f in fs)),
            taking=frozenset(w.partition(" ")[0] for w in TAKING_OVER),
            permitting=frozenset(w for w, fs in frames.verbs.items()
                                 if any(f.as_object == "xcomp" and f.via for f in fs)),
            alliances=frozenset(w for w, fs in frames.nouns.items() if " " not in w and any(
                f.predicate == "member_of" and f.inverse and not f.under for f in fs)),
            splinters=frozenset(w for w, fs in frames.nouns.items() if " " not in w and any(
                f.predicate == "splinter_of" for f in fs)))
        _LEMMAS[id(frames)] = found
    return found


def _recent_group(ctx: _Context, tok: Token, exclude: set[str]) -> str | None:
    """The armed group named last before `tok`, in its sentence or the one before within
    its paragraph, other than `exclude` (the permitter of "letting the group shelter")."""
    start = _window_start(ctx, tok)
    for i in range(tok.i - 1, start - 1, -1):
        e = ctx.token_entity.get(i)
        if e is not None and e not in exclude and ctx.types[e] == EntityType.ARMED_GROUP:
            return e
    return None


def _negated(tok: Token) -> bool:
    """ "not", "never", "no longer" on a verb or copula."""
    return any(c.dep_ == "neg" or c.lower_ == "never" or (
        c.lower_ == "longer" and any(d.lower_ == "no" for d in c.children))
        for c in tok.children)
