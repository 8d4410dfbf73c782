"""Relation extraction over the dependency parse: frame triggers and their arguments.

For every verb or noun that a frame names, find its subject and object entities
(`arguments.py`), check their types against the frame, and emit a `RawClaim`
with its trigger token; role nouns, possessed units and locatives add claims
of their own. Claim semantics (source, modality, polarity, time) are added
afterwards by `semantics.py`, from the trigger's place in the parse.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Token

from threatnet.extract.arguments import (
    NAMING,
    NEGATIVE_SUBJECTS,
    SUBJECT_DEPS,
    Arguments,
    is_passive,
)
from threatnet.extract.coref import Coreference
from threatnet.extract.cue_lexicon import load_cues, word_class
from threatnet.extract.denials import DENIALS, charge_start, denier, rebutted
from threatnet.extract.frames import Frame, Frames
from threatnet.extract.org_passes import (
    absorbed_people,
    alliance_claims,
    breakaway_claims,
    ended_roles,
    leader_pledge_claims,
    membership_over_support,
    merged_to_form,
    unit_heads,
)
from threatnet.extract.org_relations import BRINGING, FOLDS, from_ground, groups_named_before
from threatnet.extract.org_relations import token_claims as org_claims
from threatnet.extract.places import fronted_places
from threatnet.extract.sentences import sentence_of, tokens_whose
from threatnet.model import TALLIES, EntityType, Polarity, is_symmetric
from threatnet.resources import load_data

LOCATIVES = tuple(sorted(word_class("locatives")))
SPEECH = frozenset(load_cues().source_verbs)
CIRCUMSTANCE = load_cues().circumstance_preps
MOTION = word_class("motion_verbs")  # "sent to Syria": a destination
HOSTILE_TONE = word_class("hostile_tone")  # "hostile relations": a rivalry
STRAINED_TONE = word_class("strained_tone")  # "tense ties": no cooperation
# "the pro-Taliban TTP", "the anti-Taliban ISKP": a stance prefix and its predicate
STANCES = {**{w: "supports" for w in word_class("pro_prefixes")},
           **{w: "hostile_to" for w in word_class("anti_prefixes")}}
ENDING = word_class("ending_verbs")  # "ended their rivalry": no rivalry now
DESIGNATING = word_class("designating")  # "Banned in Pakistan; designated by the US"
LEAVING = word_class("leaving_verbs")  # "left the TTP to form JuA"
FOUNDING = word_class("founding_verbs")
RECIPROCAL = word_class("reciprocal_verbs")  # "X and Y clashed": with each other
JOINTLY = word_class("jointly")  # "jointly attacked", "together with X"
PARTITIVES = word_class("partitives")  # "some of its commanders"
MEMBERS = word_class("member_nouns")  # "several LeJ commanders"
COOPERATING = frozenset({EntityType.ARMED_GROUP, EntityType.ORGANIZATION, EntityType.STATE,
                         EntityType.GOVERNMENT_BODY})
SUBORDINATE = word_class("subordinate")
# bodies a role "for" them is held in ("a spokesman for the TTP")
SERVED = frozenset({EntityType.ARMED_GROUP, EntityType.ORGANIZATION, EntityType.GOVERNMENT_BODY})
FORCES = frozenset({EntityType.ARMED_GROUP, EntityType.GOVERNMENT_BODY, EntityType.STATE})
SUPREME = word_class("supreme")
GROUP_TYPES = frozenset({EntityType.ARMED_GROUP, EntityType.ORGANIZATION,
                         EntityType.GOVERNMENT_BODY})
_ORG_WORDS = frozenset(w for words in load_data("lexicon.yaml")["org_type_words"].values()
                       for w in words)
GIVING = word_class("giving")  # "offered the TTP safe haven": the named one receives
RECEIVING = word_class("receiving")  # "receives funding from X": the subject gets it
APPOINTING = word_class("appointing")  # "named X as its leader": the object takes the role
# predicates a describing noun carries to the group in its modifiers ("a JuA splinter")
DESCRIBING = frozenset(word_class("describing_predicates"))


@dataclass
class RawClaim:
    """A triple found in one sentence, before its semantics are read."""

    subject: str
    predicate: str
    object: str
    trigger: Token
    polarity: Polarity = Polarity.AFFIRMED
    negated_subject: bool = False
    qualifiers: dict[str, str] = field(default_factory=dict)
    # "former": the clause's date ends the claim ("the former TTP chief, X, was killed in
    # 2018"); "described": a role told in passing has no date of its own ("its founder, X,
    # was killed in 2009" did not found it then)
    role_time: str | None = None


class RelationFinder:
    def __init__(self, frames: Frames) -> None:
        self.frames = frames
        # the words that let a token start a claim in `find` (see `_may_trigger`)
        self._lemmas = frozenset({*frames.verbs, *frames.nouns, *frames.roles,
                                  *frames.part_of_heads, *LEAVING, *FOLDS, *BRINGING})
        self._words = frozenset({*frames.roles, "under", "ranks"})  # ("in the ranks of X")
        self._stances = frozenset(STANCES)

    def find(self, doc: Doc, token_entity: dict[int, str], types: dict[str, EntityType],
             coref: Coreference) -> list[RawClaim]:
        ctx = _Context(doc, token_entity, types, self.frames, coref)
        claims: list[RawClaim] = []
        for i in self._may_trigger(doc, token_entity):
            tok = doc[i]
            lemma = tok.lemma_.casefold()
            verbal = tok.pos_ in ("VERB", "AUX", "ADJ") or (
                tok.dep_ == "ROOT" and any(c.dep_ == "nsubj" for c in tok.children))
            if verbal and lemma in self.frames.verbs:  # "LeT targets India" tagged NOUN
                for frame in self.frames.verbs[lemma]:
                    claims += ctx.verb_claims(tok, frame)
            if tok.pos_ in ("NOUN", "PROPN") and lemma in self.frames.nouns:
                for frame in _noun_frames(tok, self.frames.nouns[lemma]):
                    claims += ctx.noun_claims(tok, frame)
            if tok.dep_ == "prep" and tok.lower_ == "under":
                claims += ctx.under_person_claims(tok)
            if tok.pos_ == "VERB":
                claims += ctx.joint_claims(tok)
                claims += ctx.leave_to_found_claims(tok)
            if tok.pos_ in ("NOUN", "PROPN"):
                claims += ctx.role_claims(tok)
                claims += ctx.part_of_claims(tok)
                claims += ctx.possessor_claims(tok)
                claims += ctx.owned_capability_claims(tok)
            if tok.i >= 2 and tok.i in token_entity and doc[tok.i - 1].text == "-" and \
                    doc[tok.i - 2].lower_ in STANCES:
                claims += ctx.stance_claims(tok)
            claims += org_claims(ctx, tok)  # organisational relations (round 5)
        claims = membership_over_support(alliance_claims(ctx, from_ground(claims)))
        claims = unit_heads(ctx, ended_roles(ctx, absorbed_people(ctx, claims)))
        claims = merged_to_form(ctx, claims)
        claims += ctx.relative_role_claims(claims)
        claims = breakaway_claims(ctx, leader_pledge_claims(ctx, ctx.leaders_to_groups(claims)))
        placed = {c.trigger.i for c in claims if c.predicate in ("operates_in", "based_in")}
        claims += [loc for c in claims if c.trigger.i not in placed
                   for loc in ctx.locative_claims(c)]
        return claims + _denied(doc, claims)

    def _may_trigger(self, doc: Doc, token_entity: dict[int, str]) -> list[int]:
        """The tokens, in text order, at which some claim of the main loop can start: a
        frame, role, unit or leaving word (by lemma or word), "under", a named entity,
        the verb over a "jointly" / "together with", a name after a stance prefix. Found
        from spaCy's arrays; every other token would make no claim and is not visited."""
        found = {*tokens_whose(doc, LEMMA, self._lemmas, casefold=True),
                 *tokens_whose(doc, LOWER, self._words), *token_entity}
        for i in tokens_whose(doc, LOWER, JOINTLY):  # the verb is its head or grandhead
            head = doc[i].head
            found.update((head.i, head.head.i))
        found.update(i + 2 for i in tokens_whose(doc, LOWER, self._stances)
                     if i + 2 < len(doc))
        return sorted(found)


# who can own a capability ("the TTP's drones", "the army's helicopters")
OWNERS = (EntityType.ARMED_GROUP, EntityType.STATE, EntityType.GOVERNMENT_BODY)


def dedupe(claims: list[RawClaim]) -> list[RawClaim]:
    """One claim per triple and sentence; no claim of an entity about itself."""
    seen, out = set(), []
    for c in claims:
        a, b = c.subject, c.object
        if is_symmetric(c.predicate) and b < a:
            a, b = b, a
        key = (a, c.predicate, b, sentence_of(c.trigger).start,  # the charge and its
               denier(c.trigger) is not None or  # denial are two claims
               c.qualifiers.get("attribution") == "denied",
               tuple(c.qualifiers.get(k) for k in TALLIES),  # two tolls: two accounts
               # "has not yet used drones here, although its branch used drones there"
               any(t.dep_ == "neg" for t in c.trigger.children))
        if a != b and key not in seen:
            seen.add(key)
            out.append(c)
    return out


class _Context(Arguments):
    """Claims of one document: frames applied to the arguments `Arguments` finds."""

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        # roles held relative to a person: (holders, person, predicate, role noun)
        self.relative_roles: list[tuple[list[str], str, str, Token]] = []

    def _typed(self, subjects: list[str], objects: list[str], frame: Frame, trigger: Token,
               negated_subject: bool = False) -> Iterator[RawClaim]:
        if frame.inverse:  # "X is an umbrella of Y": the trigger's subject is the object
            subjects, objects = objects, subjects
        qualifiers = {"aspect": frame.aspect} if frame.aspect else {}
        for s in subjects:
            for o in objects:
                st, ot = self.types[s], self.types[o]
                if frame.swap and st == EntityType.EVENT and ot != EntityType.EVENT:
                    s, o, st, ot = o, s, ot, st
                if st in frame.subject_types and ot in frame.object_types and s != o:
                    yield RawClaim(s, frame.predicate, o, trigger, frame.polarity,
                                   negated_subject, dict(qualifiers))

    def verb_claims(self, verb: Token, frame: Frame) -> list[RawClaim]:
        if frame.objectless and any(c.dep_ == "dobj" for c in verb.children):
            return []  # "police linked Imran Ali to the BLA": the linker is not tied to it
        if frame.predicate == "hostile_to" and verb.lemma_.casefold() in DESIGNATING and \
                _fragment(verb):
            # a profile's subjectless line: "Banned in Pakistan since 2001; designated a
            # Foreign Terrorist Organization by the United States in 2003"
            topic = self._heading_group(verb)
            holders = [verb, *[c for c in verb.children if c.dep_ in ("dobj", "oprd")]]
            agents = [e for h in holders for e in self._prep_objects(h, ("by",))] + [
                e for e in self._prep_objects(verb, ("in",)) if self.types[e] == EntityType.STATE]
            return list(self._typed(agents, [topic], frame, verb)) if topic else []
        if frame.particle and not any(  # the parser may make the particle an adverb or a
                c.dep_ in ("prt", "advmod", "prep") and c.lower_ == frame.particle  # preposition
                for c in verb.children):  # ("pulled [out] of the TTP", "broke [away] from")
            return []
        if frame.via:  # (the preposition perhaps hung on the object: "added X to its list")
            held = [p for h in [verb, *[c for c in verb.children if c.dep_ == "dobj"]]
                    for c in h.children if c.dep_ == "prep" and c.lower_ == frame.as_object
                    for p in c.children if p.dep_ == "pobj"]
            if frame.as_object == "oprd":  # "made them its principal target"
                held = [c for c in verb.children if c.dep_ in ("oprd", "ccomp", "xcomp", "attr")]
            if frame.as_object == "dobj":  # "pledged allegiance to X"
                held = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
            if frame.as_object == "xcomp":  # "allowed the group to shelter"
                held = [c for c in verb.children if c.dep_ in ("xcomp", "ccomp") or
                        (c.dep_ == "dobj" and c.pos_ == "VERB")]
            if not any(p.lemma_.casefold() in frame.via for p in held):
                return []
        if verb.dep_ == "amod" and verb.tag_ == "VBN" and not frame.passive_theme and \
                "dobj" in frame.object and not frame.via:
            # "the Iran-backed Fatemiyoun Division": the hyphened name is the agent
            agents = [e for c in verb.children if c.dep_ in ("npadvmod", "compound", "nmod")
                      for e in self.entities(c)]
            if agents:
                return list(self._typed(agents, self.entities(verb.head), frame, verb))
        if frame.predicate == "supplies" and any(
                c.dep_ == "dobj" and c.lemma_.casefold() in self.frames.nouns
                for c in verb.children):
            return []  # "provide support to X": the noun's frame says what is given
        if frame.requires and not any(c.dep_ == "prep" and c.lower_ == frame.requires
                                      for c in verb.children):
            return []
        if frame.subject_types == frozenset({EntityType.PERSON}):
            gapped = self._gapped_claims(verb, frame)
            if gapped is not None:  # "X heading the BLF and Y the BLA"
                return gapped
        objects = self.objects(verb, frame)
        if not objects and frame.as_object == "xcomp":  # "allow it to use …" as a clause
            objects = [e for c in verb.children if c.dep_ in ("xcomp", "ccomp") or
                       (c.dep_ == "dobj" and c.pos_ == "VERB")
                       for s in c.children if s.dep_ == "nsubj" for e in self.entities(s)]
        if not objects and frame.as_object == "oprd":  # "made them its target" as a clause
            objects = [e for c in verb.children if c.dep_ in ("ccomp", "xcomp")
                       for g in c.children if g.dep_ == "nsubj" for e in self.entities(g)]
        subjects = self.subjects(verb, frame)
        partners = [e for c in verb.children if c.dep_ == "prep" and c.lower_ == "with" and
                    any(a.lower_ in JOINTLY for a in c.children if a.dep_ == "advmod")
                    for p in c.children if p.dep_ == "pobj" for e in self.entities(p)]
        if partners and not is_symmetric(frame.predicate):
            # "JuA returned to the TTP, together with LeI": LeI returned too; in the
            # passive the partner shares the theme ("X was listed together with Y by Z")
            # (a partner after the agent is a co-agent: "carried out by its Majid Brigade,
            # together with its Fateh Squad")
            together = min(c.i for c in verb.children if c.dep_ == "prep" and c.lower_ == "with")
            themed = is_passive(verb) and not frame.passive_theme and not any(
                c.dep_ == "agent" and c.i < together for c in verb.children)
            objects = [o for o in objects if o not in partners]
            if themed:
                objects += partners
            else:
                subjects += [p for p in partners if p not in subjects]
        if not subjects and frame.subject == ("by",) and frame.predicate == "splinter_of":
            # "several of its members later founded JeM": founded by the group's men
            people = _members_subject(verb)
            subjects = self.entities(people) if people is not None else []
            if not subjects:  # "formed by commanders who left the TTP"
                subjects = [e for c in verb.children if c.dep_ == "agent"
                            for p in c.children if p.dep_ == "pobj"
                            for e in self._left_groups(p)]
        if _reciprocal(verb, frame) or (
                not objects and len(subjects) > 1 and is_symmetric(frame.predicate) and
                (any(c.lower_ in JOINTLY for c in verb.children) or
                 frame.predicate == "cooperates_with" or
                 verb.lemma_.casefold() in RECIPROCAL)):  # "X and Y clashed"
            # (also "the BLA and the BLF coordinate operations": only with each other)
            objects = subjects  # "the two movements have fought each other", "work together"
        if not objects and frame.predicate == "merged_into" and len(subjects) > 1 and \
                any(c.dep_ == "neg" or c.lower_ == "never" for c in verb.children):
            # "JeM and LeT have never merged": neither into the other (the first named
            # stands for both directions)
            return list(self._typed(subjects[:1], subjects[1:2], frame, verb))
        if not objects:
            return []
        holders = [verb, verb.head] if verb.dep_ in ("xcomp", "conj") else [verb]
        negated = any(c.dep_ in SUBJECT_DEPS and c.lower_ in NEGATIVE_SUBJECTS
                      for h in holders for c in h.children)  # "None … are known to operate"
        claims = list(self._typed(subjects, objects, frame, verb, negated))
        if frame.predicate in ("member_of", "merged_into") and \
                _partial_subject(verb, self.token_entity):
            for claim in claims:  # "some of its commanders joined the TTP"
                claim.predicate = "cooperates_with"
        if frame.predicate == "supplies":  # what was given: "supplied heavy weapons to X"
            given = [c for c in verb.children if c.dep_ == "dobj"] or [
                p for c in verb.children if c.dep_ == "prep" and c.lower_ == "with"
                for p in c.children if p.dep_ == "pobj"]
            for claim in claims:
                if given and not self.entities(given[0]) == [claim.object]:
                    claim.qualifiers["item"] = _phrase(given[0])
        return claims

    def noun_claims(self, noun: Token, frame: Frame) -> list[RawClaim]:
        if frame.under:
            return self._under_claims(noun, frame)
        if frame.predicate == "leads" and noun.dep_ == "pobj" and noun.head.lower_ == "under":
            return []  # "operates under the command of X": the "under" frames read it
        if is_symmetric(frame.predicate) and noun.dep_ in ("dobj", "nsubjpass") and \
                noun.head.lemma_.casefold() in ENDING:
            return []  # "ending their split", "the truce was broken off"
        if frame.predicate == "cooperates_with":
            tone = _tone(noun)
            if tone == "strained":
                return []  # "relations between X and Y have been tense" is no cooperation
            if tone == "hostile":  # "hostile relations between X and Y": a rivalry
                frame = replace(frame, predicate="rival_of")
        if frame.predicate in ("operates_in", "based_in") and noun.dep_ in ("appos", "attr"):
            placed = self._described_place_claims(noun, frame)
            if placed:  # "Miranshah, a TTP stronghold", "Kunar has become a haven for X"
                return placed
        if frame.predicate == "operates_in" and noun.dep_ in ("dobj", "nsubjpass") and \
                any(c.dep_ == "neg" or c.lower_ == "never" for c in noun.head.children):
            return []  # "has not carried out an attack in India" says nothing of presence
        if frame.predicate in ("member_of", "part_of") and noun.dep_ == "pobj" and \
                noun.head.lower_ not in ("as", "like") and noun.head.head.pos_ in ("VERB", "AUX"):
            return []  # "emerged from members of the TTP" makes it no member of the TTP
        out: list[RawClaim] = []
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ in frame.pair:
                sides = [e for p in prep.children if p.dep_ == "pobj" for e in self.entities(p)]
                for i, a in enumerate(sides):
                    for b in sides[i + 1:]:
                        out += self._typed([a], [b], frame, noun)
        described = noun.dep_ == "pobj" and noun.head.lower_ == "as" and \
            noun.head.head.lemma_.casefold() in APPOINTING
        if frame.pair and (noun.dep_ == "attr" or described):
            # "the Taliban and ISKP are bitter enemies", "analysts describe them as rivals"
            holder = noun.head.head if described else noun.head
            role = "dobj" if described else "nsubj"
            sides = [e for c in holder.children if c.dep_ == role for e in self.entities(c)]
            for i, a in enumerate(sides):
                for b in sides[i + 1:]:
                    out += [*self._typed([a], [b], frame, noun),
                            *self._typed([b], [a], frame, noun)]
        if out:
            return out
        given = self._given_by(noun, frame)
        if given is not None:
            return given
        if frame.predicate == "supports" and noun.dep_ == "dobj" and \
                noun.head.lemma_.casefold() in GIVING and \
                not self._prep_objects(noun, frame.object):
            # "offered the TTP safe haven", parsed as one phrase: the name is the receiver
            named = self._joined_receivers(noun)
            if named:
                return list(self._typed(self.subjects(noun.head), named, frame, noun))
        objects = self._prep_objects(noun, frame.object)
        described: list[str] = []
        if not objects and frame.predicate in DESCRIBING:
            described, objects = self._owner_modifiers(noun)  # "Hizbul Ahrar, a JuA splinter"
        if not objects and frame.predicate == "involved_in":
            # "denied any role": the event in question is the one just named
            event = self.coref.latest_event(noun)
            objects = [event] if event else []
        gov = noun.head.head if noun.dep_ == "pobj" else noun.head
        borrowing = ("dobj", "pobj", "attr") if frame.predicate == "operates_in" else \
            ("dobj", "pobj", "attr", "nsubjpass")  # "commanders are based in X": the verb's
        circumstance = noun.dep_ == "pobj" and noun.head.lower_ in CIRCUMSTANCE
        if not objects and noun.dep_ in borrowing and gov.pos_ in ("VERB", "AUX") and \
                not circumstance:  # "cross into Iran after attacks": no attack on Iran
            # "denied any role in the attack": the parser hangs the noun's
            # preposition on the verb
            borrowed = tuple(p for p in frame.object if p not in ("to", "into")) \
                if gov.lemma_.casefold() in MOTION else frame.object
            objects = self._prep_objects(gov, borrowed) or [
                e for c in gov.children if c.dep_ == "dative" and c.pos_ != "ADP"
                for e in self.entities(c)]  # "provides them protection"
        if "including" in frame.object:
            objects += [e for c in noun.children if c.dep_ == "prep" and c.lower_ == "including"
                        for p in c.children for e in self.entities(p)]
        subjects = described or self.noun_subjects(noun)
        if frame.predicate in ("operates_in", "based_in") and noun.dep_ == "dobj" and \
                noun.head.lemma_.casefold() in GIVING:
            # "offered the TTP safe haven in Kunar": the haven is the receiver's
            subjects = [e for c in noun.head.children if c.dep_ == "dative"
                        for e in self.entities(c)] + self._joined_receivers(noun) + \
                self._prep_objects(noun.head, ("to",))
        if frame.predicate in ("operates_in", "based_in") and noun.dep_ != "appos":
            # "the presence of Al-Qaeda, the TTP and the TIP in Afghanistan": the owners
            # named by "of", the place perhaps hung on the last of them
            owners = [c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"]
            if owners and not subjects:
                subjects = self._prep_objects(noun, ("of",))
            else:
                owners = []  # ("the bombing of a park in Lahore" is no presence of the park)
            if owners and not objects:
                tail = [t for p in owners for t in p.subtree if t.dep_ in ("pobj", "conj")]
                objects = [e for t in tail for e in self._prep_objects(t, frame.object)]
        if not objects and frame.pair and len(subjects) > 1 and \
                frame.predicate in ("cooperates_with", "allied_with", "rival_of", "fights") and \
                noun.head.lemma_.casefold() not in SPEECH:  # not "neither acknowledged ties"
            # "they have never run a joint operation": the two act together
            gov = noun.head
            negated = any(c.dep_ in SUBJECT_DEPS and (c.lower_ in NEGATIVE_SUBJECTS or any(
                d.dep_ == "det" and d.lower_ in NEGATIVE_SUBJECTS for d in c.children))
                for c in gov.children)  # "neither has acknowledged cooperation"
            return [c for i, a in enumerate(subjects) for b in subjects[i + 1:]
                    for c in self._typed([a], [b], frame, noun, negated)]
        if not objects:
            return []
        return list(self._typed(subjects, objects, frame, noun))


    def _owner_modifiers(self, noun: Token) -> tuple[list[str], list[str]]:
        """ "Hizbul Ahrar, a JuA splinter", "TJP is a TTP front", "the Majid Brigade, the
        BLA's suicide squad": a noun that describes a group (an apposition or a
        complement) names the other side in its modifiers. Returns (described, others)."""
        named = [e for c in noun.children if c.dep_ == "appos" for e in self.entities(c)
                 if self.types[e] in GROUP_TYPES]
        if named:  # "SSP's armed wing, Lashkar-e-Jhangvi, …"
            described = named
        elif noun.dep_ == "appos":
            described = [self.apposed_to(noun)] if noun.head.i in self.token_entity else \
                self.entities(noun.head)
        elif noun.dep_ == "attr":
            described = self.subjects(noun.head)
        elif noun.dep_ == "oprd" or (noun.dep_ == "pobj" and noun.head.lower_ == "as"):
            verb = noun.head if noun.dep_ == "oprd" else noun.head.head
            described = [e for c in verb.children if c.dep_ in ("dobj", "nsubjpass")
                         for e in self.entities(c)]  # "named it a TTP front", "seen as"
        else:
            return [], []
        own = self.token_entity.get(noun.i)  # "the Balochistan Liberation Front" is a name
        others = [e for c in noun.children if c.dep_ in ("compound", "amod", "nmod", "poss")
                  for e in self.entities(c)
                  if self.types[e] in GROUP_TYPES and e not in described and e != own and
                  (c.i in self.token_entity or self._named_in_paragraph(e, noun))]
        return (described, others) if described and others else ([], [])

    def _described_place_claims(self, noun: Token, frame: Frame) -> list[RawClaim]:
        """A place described as a group's presence noun: "Miranshah, a TTP stronghold",
        "North Waziristan, long a haven for the Haqqani network", "Kunar has become a
        haven for the TTP" - the group operates (is based) there."""
        places = self.entities(noun.head) if noun.dep_ == "appos" else \
            [e for c in noun.head.children if c.dep_ == "nsubj" for e in self.entities(c)]
        places = [p for p in places if self.types[p] in frame.object_types]
        if not places:
            return []
        groups = [e for c in noun.children if c.dep_ in ("compound", "poss", "nmod") or
                  (c.dep_ == "amod" and c.i in self.token_entity) for e in self.entities(c)]
        groups += self._prep_objects(noun, ("for", "of"))
        return [RawClaim(g, frame.predicate, p, noun, frame.polarity) for g in groups
                if self.types[g] in frame.subject_types for p in places if g != p]

    def _gapped_claims(self, verb: Token, frame: Frame) -> list[RawClaim] | None:
        """ "with Allah Nazar heading the BLF and Bashir Zeb the BLA": a gapped second
        clause that the parser folds into the object. The person named inside the object
        phrase holds the object's head; the verb's subject holds what comes before it."""
        for obj in verb.children:
            if obj.dep_ != "dobj" or obj.i not in self.token_entity:
                continue
            before = [t for t in obj.subtree if t.i < obj.i and t.i in self.token_entity]
            people = [t for t in before if self.types[self.token_entity[t.i]] ==
                      EntityType.PERSON]
            if not people:
                return None
            first = [self.token_entity[t.i] for t in before if t.i < people[0].i]
            second = self.token_entity[people[0].i]
            return [*self._typed(self.subjects(verb, frame), list(dict.fromkeys(first)),
                                 frame, verb),
                    *self._typed([second], [self.token_entity[obj.i]], frame, verb)]
        return None

    def _possessor(self, pronoun: Token) -> str | None:
        """Whom "its" means: inside a relative clause, the clause's antecedent ("Jundallah,
        which collapsed after Iran executed its leader"), else what coreference says.
        "whose" is always the clause's antecedent ("the TTP, whose spokesman X")."""
        if pronoun.pos_ == "PRON" or pronoun.tag_ == "WP$":
            tok = pronoun
            for _ in range(6):
                if tok.dep_ == "relcl":  # ("members of Jundallah, which …": Jundallah)
                    owners = self.entities(tok.head)
                    # "Malik Ishaq, who was its leader": "its" is never the person
                    if len(owners) == 1 and not (pronoun.lower_ == "its" and
                                                 self.types[owners[0]] == EntityType.PERSON):
                        return owners[0]
                    break
                if tok.head.i == tok.i:
                    break
                tok = tok.head
        return self.coref.resolve(pronoun)

    def _joined_receivers(self, noun: Token) -> list[str]:
        """The receiver the parser joined to a given noun: "offered [the TTP safe haven]",
        "giving [the group sanctuary]" ("the group" resolved)."""
        return [e for c in noun.children if c.dep_ in ("nmod", "compound")
                for e in self.entities(c)]

    def _heading_group(self, tok: Token) -> str | None:
        """The one armed group named in the two paragraphs before `tok` (a profile's
        heading, "LASHKAR-E-JHANGVI (LeJ)"), or None when they name none or several."""
        paragraph = self.coref.paragraph_of[tok.i]
        found: set[str] = set()
        i = tok.i - 1
        while i >= 0 and paragraph - self.coref.paragraph_of[i] <= 2:
            e = self.token_entity.get(i)
            if e is not None and self.types[e] == EntityType.ARMED_GROUP:
                found.add(e)
            i -= 1
        return found.pop() if len(found) == 1 else None

    def _named_in_paragraph(self, entity: str, tok: Token) -> bool:
        """Whether the paragraph of `tok` names `entity` before it: an owner found by
        resolving "its" / "the party's" must be one the paragraph speaks of."""
        paragraph = self.coref.paragraph_of[tok.i]
        i = tok.i - 1
        while i >= 0 and self.coref.paragraph_of[i] == paragraph:
            if self.token_entity.get(i) == entity:
                return True
            i -= 1
        return False

    def _given_by(self, noun: Token, frame: Frame) -> list[RawClaim] | None:
        """ "receives funding from X", "enjoys the support of X", "sanctuary provided by X":
        the giver is named by a preposition or a participle's agent, the receiver is the
        noun's beneficiary or its verb's subject."""
        if not frame.subject:
            return None
        givers = self._prep_objects(noun, frame.subject) + [
            e for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"
            for a in c.children if a.dep_ == "agent"
            for p in a.children if p.dep_ == "pobj" for e in self.entities(p)]
        gov = noun.head
        received = noun.dep_ == "dobj" and gov.lemma_.casefold() in RECEIVING
        if received:  # "enjoys the support of X", "received Iran's backing"
            givers += self._prep_objects(noun, ("of",)) + self._prep_objects(gov, frame.subject)
            givers += [e for c in noun.children if c.dep_ == "poss" for e in self.entities(c)]
        if not givers and received:
            # "a front that raised money for it": the one who raises it gives it on
            benefiting = [e for e in self._prep_objects(noun, ("for",)) +
                          self._prep_objects(gov, ("for",)) if self.types[e] in GROUP_TYPES
                          and self.types[e] != EntityType.GOVERNMENT_BODY]  # not its donors
            return list(self._typed(self.subjects(gov), benefiting, frame, noun)) \
                if benefiting else []
        if not givers:
            return None
        receivers = self._prep_objects(noun, tuple(p for p in frame.object if p != "of")) \
            or (self.subjects(gov) if received else self.noun_subjects(noun))
        return list(self._typed(givers, receivers, frame, noun))

    def _under_claims(self, noun: Token, frame: Frame) -> list[RawClaim]:
        """ "TTP, under the leadership of X, …": X acts on what the "under" phrase is about."""
        if noun.dep_ != "pobj" or noun.head.lower_ != "under":
            return []
        actors = self._prep_objects(noun, ("of",)) + [
            e for c in noun.children if c.dep_ in ("poss", "compound", "nmod")
            for e in self.entities(c)]  # "the BRAS umbrella"
        holder = noun.head.head
        themes = [c for c in holder.children if c.dep_ == "nsubjpass"]
        held = self.entities(holder) if holder.pos_ in ("NOUN", "PROPN") else \
            self.entities(themes[0]) if themes else self.subjects(holder)  # "was formed under"
        if not held and holder.pos_ == "NOUN" and holder.dep_ == "dobj":
            held = self.subjects(holder.head)  # "ran operations under the BRAS umbrella"
        if frame.predicate == "leads":  # "JuA operates under the command of the TTP"
            return [*self._typed(actors, held, frame, noun),
                    *[RawClaim(h, "part_of", a, noun) for a in actors for h in held
                      if a != h and self.types[a] == EntityType.ARMED_GROUP
                      and self.types[h] == EntityType.ARMED_GROUP]]
        return list(self._typed(actors, held, frame, noun))

    def role_claims(self, noun: Token) -> list[RawClaim]:
        """ "X's commander Y", "Defense Minister Y" (of X), "Y, a senior X figure"."""
        predicate = self.frames.roles.get(noun.lower_) or self.frames.roles.get(
            noun.lemma_.casefold())
        if predicate is None:
            return []
        if any(c.lower_ in SUPREME for c in noun.lefts) or \
                "in-chief" in noun.doc[noun.i:noun.i + 5].text.replace(" ", "").lower():
            predicate = "leads"  # "prime minister", "commander-in-chief"
        if predicate == "leads" and any(
                (c.dep_ == "compound" and c.pos_ == "NOUN" and c.i not in self.token_entity
                 and c.lower_ not in self.frames.interim_titles  # ("caretaker premier")
                 and c.lower_ not in SUPREME)
                or (c.dep_ == "amod" and c.lower_ in SUBORDINATE) for c in noun.lefts):
            predicate = "member_of"  # "the bureau chief of X", "a senior leader of X"
        if predicate == "leads" and _function_of(noun, self.token_entity):
            predicate = "member_of"  # "its chief of operations", "head of intelligence"
        people: list[str] = []
        orgs: list[str] = []
        if noun.i in self.token_entity:
            return []
        for child in noun.children:
            if child.dep_ == "appos":
                people += [e for e in self.entities(child)
                           if self.types[e] == EntityType.PERSON]
            if child.dep_ in ("poss", "compound", "amod", "nmod"):
                # "Afghan Defense Minister": the organisation may sit deeper in the modifiers
                for t in child.subtree:
                    e = self.token_entity.get(t.i) or (self._possessor(t)
                                                       if t.dep_ == "poss" else None)
                    if e and _inside_unknown_name(t, self.token_entity):
                        continue  # "an Afghan Local Police member": no member of Afghanistan
                    if e and self.types[e] == EntityType.STATE and t.dep_ in ("amod", "npadvmod") \
                            and noun.lemma_.casefold() not in self.frames.state_roles:
                        continue  # "a British-born militant" is no member of Britain
                    if e and self.types[e] != EntityType.PERSON and e not in orgs:
                        orgs.append(e)
            if child.dep_ == "prep" and child.lower_ == "for":
                # "a spokesman for the TTP", "a courier for LeT" (not "the envoy for
                # Afghanistan": a state's envoy is sent, not a member)
                served = [p for p in child.children if p.dep_ == "pobj" and any(
                    self.types[e] in SERVED for e in self.entities(p))]
                orgs += [e for p in served for e in self.entities(p) if self.types[e] in SERVED]
                # "the spokesman for the BLA, Jeeyand Baloch": the parser hangs the
                # holder on the group
                people += [e for p in served for a in p.children if a.dep_ == "appos"
                           for e in self.entities(a) if self.types[e] == EntityType.PERSON]
            if child.dep_ == "prep" and child.lower_ in ("of", "in"):
                if predicate == "leads" and any(
                        p.dep_ == "pobj" and p.i not in self.token_entity and
                        p.lemma_.casefold() in self.frames.part_of_heads and
                        not self._names_unit(p) for p in child.children):
                    predicate = "member_of"  # "the head of ISKP's Peshawar cell"
                # ("its chief in Afghanistan" holds a role in a place, not of the state:
                # org_relations reads it)
                orgs += [e for p in child.children if p.dep_ == "pobj"
                         for e in self.entities(p) if self.types[e] != EntityType.PERSON
                         and (child.lower_ == "of" or self.types[e] in GROUP_TYPES)]
                regional = [p for p in child.children if p.dep_ == "pobj" and
                            p.i in self.token_entity and self.types[self.token_entity[p.i]]
                            in (EntityType.LOCATION, EntityType.STATE)]
                # "the Taliban governor of Balkh, X": the parser hangs X on the place; a
                # group's role over a place is a member's, not the group's leader's
                people += [e for p in regional for a in p.children if a.dep_ == "appos"
                           for e in self.entities(a) if self.types[e] == EntityType.PERSON]
                if regional and predicate == "leads" and any(
                        c.dep_ in ("compound", "poss") for c in noun.children):
                    predicate = "member_of"
        top = noun
        while top.dep_ == "conj" and top.head.i != top.i:
            top = top.head  # "Azhar's brother and a senior JeM figure"
        if top is not noun and top.dep_ == "appos" and top.head.i in self.token_entity:
            people += [e for e in [self.token_entity[top.head.i]]
                       if self.types[e] == EntityType.PERSON]
        bearer = _alias_bearer(noun)
        if bearer is not None:  # "X, known as Y, its chief of recruitment": X's role
            people += [e for e in self.entities(bearer) if self.types[e] == EntityType.PERSON]
        elif noun.dep_ in ("compound", "appos") and noun.head.i in self.token_entity:
            head_entity = self.token_entity[noun.head.i]
            if self.types[head_entity] == EntityType.PERSON:
                people.append(head_entity)
        if noun.dep_ == "attr":
            people += [e for c in noun.head.children if c.dep_ == "nsubj"
                       for e in self.entities(c) if self.types[e] == EntityType.PERSON]
            gov = noun.head.head if noun.head.dep_ in ("xcomp", "pcomp") else noun.head
            gov = gov.head if gov.dep_ == "prep" else gov
            if gov is not noun.head and gov.pos_ == "VERB" and \
                    not any(c.dep_ in SUBJECT_DEPS for c in noun.head.children):
                # "X denied being a member of Y", "admitted to being its commander"; a
                # raising passive's theme: "X is believed to be a member of Y"
                themes = [c for c in gov.children if c.dep_ == "nsubjpass"]
                held = self.entities(themes[0]) if themes else self.subjects(gov)
                people += [e for e in held if self.types[e] == EntityType.PERSON]
            # "HuM, in which Azhar had been a senior leader": the copula holds the "in"
            orgs += [e for c in noun.head.children if c.dep_ == "prep" and c.lower_ == "in"
                     for p in c.children if p.dep_ == "pobj"
                     for e in self.entities(p) if self.types[e] in GROUP_TYPES]
        # "three more ISKP leaders were killed, including Abdul Hasib"
        scope = noun.head.subtree if noun.dep_ in SUBJECT_DEPS else noun.children
        if noun.dep_ == "pobj" and noun.head.lower_ == "of" and \
                noun.head.head.lower_ in PARTITIVES | {"one"}:
            # "several of its senior figures, including Qari Fateh, were killed"
            scope = [*noun.children, *noun.head.head.children]
        people += [e for c in scope
                   if c.dep_ == "prep" and c.lower_ == "including" and
                   (c.head.i == noun.i or c.head.pos_ not in ("NOUN", "PROPN"))
                   for p in c.children if p.dep_ == "pobj"
                   for e in self.entities(p) if self.types[e] == EntityType.PERSON]
        if noun.dep_ == "pobj" and noun.head.lower_ == "among" and \
                noun.head.head.lemma_ in ("be", "remain", "become"):
            # "Riaz Basra, Akram Lahori and Malik Ishaq were among the founders"
            people += [e for c in noun.head.head.children if c.dep_ == "nsubj"
                       for e in self.entities(c) if self.types[e] == EntityType.PERSON]
        if noun.dep_ == "nsubj" and noun.head.lemma_ in ("be", "remain", "become"):
            # "The first governor was Hafiz Saeed Khan": the complement holds the role
            people += [e for c in noun.head.children if c.dep_ == "attr"
                       for e in self.entities(c) if self.types[e] == EntityType.PERSON]
        if noun.dep_ == "pobj" and noun.head.lower_ == "of" and \
                noun.head.head.dep_ == "appos" and \
                noun.head.head.lower_ in PARTITIVES | {"one", "among"}:
            # "Qari Hussain, one of the TTP's top commanders"
            people += [e for e in self.entities(noun.head.head.head)
                       if self.types[e] == EntityType.PERSON]
        if not people:
            people += self._set_off_name(noun)
        if noun.dep_ in ("oprd", "xcomp") and noun.head.lemma_.casefold() in APPOINTING:
            people += [e for e in self._as_role_holders(noun.head)  # "was named the leader"
                       if self.types[e] == EntityType.PERSON]
        if noun.dep_ == "pobj" and noun.head.lower_ == "as" and \
                noun.head.head.pos_ in ("VERB", "AUX"):
            people += [e for e in self._as_role_holders(noun.head.head)
                       if self.types[e] == EntityType.PERSON]
        # "X was among the founders", "X was one of the founders": the copula's subject
        # is one of them, of the group only when the discourse names one armed group
        among = noun.dep_ == "pobj" and noun.head.lower_ == "among" and \
            noun.head.head.lemma_ in ("be", "remain", "become")
        one_of = noun.dep_ == "pobj" and noun.head.lower_ == "of" and \
            noun.head.head.dep_ == "attr" and noun.head.head.lower_ in PARTITIVES | {"one"} \
            and noun.head.head.head.lemma_ in ("be", "remain", "become")
        if one_of:
            people += [e for c in noun.head.head.head.children if c.dep_ == "nsubj"
                       for e in self.entities(c) if self.types[e] == EntityType.PERSON]
        if people and not orgs and predicate == "leads" and (
                noun.head.lower_ != "among" or among) and \
                any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children) and \
                not any(c.dep_ in ("prep", "poss", "compound") for c in noun.children):
            implied = self.coref.implied_group(noun)  # "the previous leader, Maulana X"
            if (among or one_of) and not groups_named_before(self, noun) <= {implied}:
                implied = None  # "LeJ walked out of the SSP. X was among the founders"
            later = {self.token_entity.get(t.i) for t in sentence_of(noun) if t.i > noun.i}
            orgs += [implied] if implied and implied not in later else []
            # (not "the governor, X, a former TTP commander": the governor of another group)
        if people and not orgs and predicate == "member_of" and noun.dep_ == "appos" and \
                any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children) and \
                self._placed_role(noun):
            # "The TTP split. Omar Khalid Khorasani, the commander in Mohmand, left": a
            # group's post in a place, of the group the discourse is about and no other
            implied = self.coref.implied_group(noun)
            if implied and groups_named_before(self, noun, FORCES) <= {implied}:
                orgs.append(implied)  # (not with the army named too: whose commander?)
        if people and not orgs:  # "his deputy, X": the group the possessor leads
            bosses = [c for c in noun.children if c.dep_ == "poss"] + [  # "deputy to Y"
                p for c in noun.children if c.dep_ == "prep" and c.lower_ == "to"
                for p in c.children if p.dep_ == "pobj"]
            self.relative_roles += [(people, e, predicate, noun) for c in bosses
                                    for e in self.entities(c)
                                    if self.types[e] == EntityType.PERSON]
        frame = Frame(predicate=predicate, object=(),
                      subject_types=frozenset({EntityType.PERSON}),
                      object_types=frozenset({EntityType.ARMED_GROUP, EntityType.STATE,
                                              EntityType.GOVERNMENT_BODY,
                                              EntityType.ORGANIZATION}))
        found = list(self._typed(people, orgs, frame, noun))
        if _in_passing(noun):
            for c in found:
                c.role_time = "described"
        return found

    def _placed_role(self, noun: Token) -> bool:
        """A role noun whose only complement is the place it is held in ("the commander
        in Mohmand"), with no owner or kind of its own ("the police commander in Swat")."""
        preps = [c for c in noun.children if c.dep_ == "prep"]
        return bool(preps) and all(
            c.lower_ == "in" and any(p.dep_ == "pobj" and p.i in self.token_entity and
                                    self.types[self.token_entity[p.i]] == EntityType.LOCATION
                                    for p in c.children) for c in preps) and \
            not any(c.dep_ in ("poss", "compound", "nmod") for c in noun.children)

    def _names_unit(self, unit: Token) -> bool:
        """ "its new Khorasan province": a group named in the unit noun's compound is the
        unit itself (its head leads it), unlike "ISKP's Peshawar cell"."""
        if any(c.dep_ == "compound" and c.i in self.token_entity and
               self.types[self.token_entity[c.i]] == EntityType.ARMED_GROUP
               for c in unit.children):
            return True
        owners = {e for c in unit.children if c.dep_ == "poss" for e in self.entities(c)}
        found = set(self.entities(unit))  # (the unit read as a group other than its owner)
        return bool(found - owners)

    def leaders_to_groups(self, claims: list[RawClaim]) -> list[RawClaim]:
        """ "swore allegiance to Abu Bakr al-Baghdadi", "its pledge of allegiance to the
        Taliban's supreme leader, Hibatullah Akhundzada": allegiance to a person is to the
        one group the report says he leads; without such a group the claim is dropped."""
        led = self._led_groups(claims)
        out = []
        for c in claims:
            if c.predicate == "affiliated_with" and self.types[c.object] == EntityType.PERSON:
                groups = led.get(c.object, [])
                if len(groups) != 1 or groups[0] == c.subject:
                    continue
                c.object = groups[0]
            out.append(c)
        return out

    def _led_groups(self, claims: list[RawClaim]) -> dict[str, list[str]]:
        """The armed groups each person leads, by the affirmed `leads` claims found."""
        led: dict[str, list[str]] = {}
        for c in claims:
            if c.predicate == "leads" and c.polarity == Polarity.AFFIRMED and \
                    self.types[c.object] == EntityType.ARMED_GROUP and \
                    c.object not in led.setdefault(c.subject, []):
                led[c.subject].append(c.object)
        return led

    def relative_role_claims(self, claims: list[RawClaim]) -> list[RawClaim]:
        """ "Hafiz Saeed Khan led ISKP … his deputy, Abdul Rauf Khadim", "Masood Azhar's
        brother", "his successor, X": a role held relative to a person is held in the
        group the report says that person leads (none when it names no such group)."""
        led = self._led_groups(claims)
        return [RawClaim(p, predicate, group, noun)
                for people, boss, predicate, noun in self.relative_roles
                if len(led.get(boss, [])) == 1 for group in led[boss]
                for p in people if p != boss]

    def _set_off_name(self, noun: Token) -> list[str]:
        """ "SSP's founder, Haq Nawaz Jhangvi, ...": a person named right after a role noun
        and a comma, which the parser did not hang on the noun as its apposition."""
        after = noun.i + 2
        if after >= len(self.doc) or self.doc[noun.i + 1].text != "," or \
                after not in self.token_entity or noun.i + 1 in self.token_entity:
            return []
        named = self.token_entity[after]
        if self.types[named] != EntityType.PERSON or \
                self.doc[after].head.i == noun.i or self.doc[after].dep_ == "nsubj":
            return []  # "its chief, X said": X is the subject of its own clause
        end = after
        while end + 1 < len(self.doc) and self.token_entity.get(end + 1) == named:
            end += 1
        closing = self.doc[end + 1] if end + 1 < len(self.doc) else None
        return [named] if closing is None or closing.text in (",", ".", ";") else []

    def _left_groups(self, people: Token) -> list[str]:
        """The groups people left, as a relative clause says: "commanders who left the
        TTP", "militants who had broken away from JuA"."""
        return [e for v in people.children if v.dep_ in ("relcl", "acl")
                and v.lemma_.casefold() in LEAVING for e in self._left(v)
                if self.types[e] == EntityType.ARMED_GROUP]

    def _left(self, verb: Token) -> list[str]:
        """What a leaving verb leaves: "left the TTP", "broke away from JuA", "walked out
        of the SSP"."""
        holders = [verb, *[c for c in verb.children if c.dep_ in ("advmod", "prt") or
                           (c.dep_ == "prep" and c.lower_ == "out")]]
        return [e for c in verb.children if c.dep_ == "dobj" for e in self.entities(c)] + \
            [e for h in holders for e in self._prep_objects(h, ("from", "of", "with"))]

    def leave_to_found_claims(self, verb: Token) -> list[RawClaim]:
        """ "a group of commanders left the TTP to form Jamaat-ul-Ahrar", "broke away from
        JuA to form Hizbul Ahrar": the group founded is a splinter of the one left."""
        if verb.lemma_.casefold() not in LEAVING:
            return []
        founded = [e for c in verb.children if c.dep_ in ("xcomp", "advcl", "conj")
                   and c.lemma_.casefold() in FOUNDING
                   for d in c.children if d.dep_ == "dobj" for e in self.entities(d)]
        if not founded:
            return []
        left = self._left(verb)
        people = _members_subject(verb) if not left else None
        if people is not None:  # "a group of its commanders broke away to form X"
            left = self.entities(people)
        # (the founded name may be typed an organisation when no pack knows it)
        return [RawClaim(n, "splinter_of", o, verb) for n in founded for o in left
                if n != o and self.types[n] in (EntityType.ARMED_GROUP, EntityType.ORGANIZATION)
                and self.types[o] == EntityType.ARMED_GROUP]

    def joint_claims(self, verb: Token) -> list[RawClaim]:
        """ "carried out the raid together with the TTP", "X and Y jointly attacked":
        actors who do one deed together cooperate."""
        partners = [e for c in verb.children if c.dep_ == "prep" and c.lower_ == "with" and
                    any(a.lower_ in JOINTLY for a in c.children if a.dep_ == "advmod")
                    for p in c.children if p.dep_ == "pobj" for e in self.entities(p)]
        together = any(c.dep_ == "advmod" and c.lower_ in JOINTLY for c in verb.children)
        if (not partners and not together) or not any(c.dep_ == "dobj" for c in verb.children):
            return []  # a deed done together, not "returned together", "jointly proposed that"
        subjects = self.subjects(verb)
        if partners:
            pairs = [(s, o) for s in subjects for o in partners]
        else:
            pairs = [(a, b) for i, a in enumerate(subjects) for b in subjects[i + 1:]]
        frame = Frame(predicate="cooperates_with", object=(), subject_types=COOPERATING,
                      object_types=COOPERATING)
        armed = [(a, b) for a, b in pairs if EntityType.ARMED_GROUP in
                 (self.types[a], self.types[b])]  # states acting jointly is diplomacy
        return [c for a, b in armed for c in self._typed([a], [b], frame, verb)]

    def under_person_claims(self, prep: Token) -> list[RawClaim]:
        """ "broke away from JuA in 2017 under Mukarram Khan": the person leads the group
        the verb is about."""
        people = [e for p in prep.children if p.dep_ == "pobj" and p.i in self.token_entity
                  for e in self.entities(p) if self.types[e] == EntityType.PERSON]
        verb = prep.head
        if not people or verb.pos_ not in ("VERB", "AUX"):
            return []
        themes = [c for c in verb.children if c.dep_ == "nsubjpass"]
        groups = self.entities(themes[0]) if themes else self.subjects(verb)
        frame = Frame(predicate="leads", object=(),
                      subject_types=frozenset({EntityType.PERSON}),
                      object_types=frozenset({EntityType.ARMED_GROUP}))
        return list(self._typed(people, groups, frame, prep))

    def _as_role_holders(self, verb: Token) -> list[str]:
        """Who takes the role in "X succeeded Y as leader", "named X as its chief"."""
        if any(c.dep_ == "nsubjpass" for c in verb.children):
            return [e for c in verb.children if c.dep_ == "nsubjpass" for e in self.entities(c)]
        # "a man arrested as an operative of X", "a cleric named as its emir"
        participle = verb.dep_ == "acl" and verb.tag_ == "VBN"
        if verb.lemma_.casefold() in APPOINTING:  # "described him as a member of X"
            # (the parser may make the person a second complement: "named X the governor";
            # a noun after the "as" phrase is none: "as a member of JeM, the group Azhar
            # founded")
            role = min((c.i for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"),
                       default=len(self.doc))
            named = [e for c in verb.children if (c.dep_ == "dobj" or
                     (c.dep_ == "oprd" and c.i in self.token_entity)) and c.i < role
                     for e in self.entities(c)]
            return named or (self.entities(verb.head) if participle else [])
        if verb.lemma_.casefold() in self.frames.object_as_verbs:
            # "police arrested X as an operative of LeT": the person arrested holds it
            held = [e for c in verb.children if c.dep_ == "dobj" for e in self.entities(c)
                    if self.types[e] == EntityType.PERSON]
            if held or participle:
                return held or self.entities(verb.head)
        return self.subjects(verb)

    def locative_claims(self, claim: RawClaim) -> list[RawClaim]:
        """An armed group acting "in X" / "from X" operates in X."""
        verb = claim.trigger
        if verb.pos_ != "VERB" or self.types[claim.subject] != EntityType.ARMED_GROUP or \
                claim.predicate in ("operates_in", "based_in", "controls") or \
                any(c.dep_ == "neg" or c.lower_ == "never" for c in verb.children):
            return []  # "has not carried out an attack in India" says nothing of presence
        places = [e for e in self._prep_objects(verb, LOCATIVES)
                  if self.types[e] == EntityType.LOCATION]
        own = fronted_places(verb, self.token_entity, self.entities)  # (geo round) "In X,
        if own is not None:  # A, and in Y, B, …": each subject's own place
            places = [e for e in own.get(claim.subject, []) if self.types[e] == EntityType.LOCATION]
        return [RawClaim(claim.subject, "operates_in", p, verb, claim.polarity,
                         claim.negated_subject) for p in places]

    def part_of_claims(self, tok: Token) -> list[RawClaim]:
        """ "the group's Majid Brigade", "the Khorasan branch of the Islamic State": an
        armed group possessed by another, or of it, is part of it."""
        if tok.lemma_.casefold() not in self.frames.part_of_heads:
            return []
        if tok.i not in self.token_entity:
            return self._named_unit_claims(tok)
        owners = [e for c in tok.children if c.dep_ == "poss" for e in self.entities(c)]
        owners += [e for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                   for o in c.children if o.dep_ == "pobj" for e in self.entities(o)]
        part = self.token_entity[tok.i]
        return [RawClaim(part, "part_of", o, tok) for o in owners
                if o != part and self.types[o] == EntityType.ARMED_GROUP
                and self.types[part] == EntityType.ARMED_GROUP]


    def stance_claims(self, named: Token) -> list[RawClaim]:
        """ "the pro-Taliban TTP" (`supports`), "the anti-Taliban ISKP" (`hostile_to`): a
        stance prefix before a name, the name modifying another actor."""
        entity = self.token_entity[named.i]
        head = named
        for _ in range(6):
            if self.token_entity.get(head.i) != entity or head.head.i == head.i:
                break
            head = head.head
        holder = self.token_entity.get(head.i)
        predicate = STANCES[named.doc[named.i - 2].lower_]
        actors = (EntityType.ARMED_GROUP, EntityType.ORGANIZATION, EntityType.STATE,
                  EntityType.GOVERNMENT_BODY, EntityType.PERSON)
        if holder is None or holder == entity or self.types[holder] not in actors or \
                self.types[entity] not in actors:
            return []
        return [RawClaim(holder, predicate, entity, named)]

    def possessor_claims(self, tok: Token) -> list[RawClaim]:
        """ "Mangal Bagh's Lashkar-e-Islam", "Baitullah Mehsud's TTP", "the Hafiz Gul
        Bahadur group": a person named as an armed group's possessor, or as the name of
        a group noun, leads it."""
        group = self.token_entity.get(tok.i)
        if group is None or self.types[group] != EntityType.ARMED_GROUP:
            return []
        return [RawClaim(self.token_entity[c.i], "leads", group, tok) for c in tok.children
                if (c.dep_ == "poss" or (c.dep_ == "compound" and tok.pos_ == "NOUN"))
                and c.i in self.token_entity
                and self.types[self.token_entity[c.i]] == EntityType.PERSON]

    def owned_capability_claims(self, tok: Token) -> list[RawClaim]:
        """ "its suicide bombers struck Shia mosques", "the TTP's drones", "the group's
        suicide squad": a capability a group is said to own is one it has; the one its
        owner sends into a deed is one it uses."""
        capability = self.token_entity.get(tok.i)
        if capability is None or self.types[capability] != EntityType.CAPABILITY or \
                self.token_entity.get(tok.head.i) == capability or \
                tok.dep_ in ("dobj", "pobj"):
            return []  # the phrase's head token, or the verb it is the object of, speaks
        owners = [e for c in tok.children if c.dep_ == "poss" for e in self.entities(c)]
        owners = [o for o in owners if self.types[o] in OWNERS]
        acts = tok.dep_ == "nsubj" and tok.head.pos_ == "VERB"
        return [RawClaim(o, "uses" if acts else "possesses", capability, tok)
                for o in dict.fromkeys(owners)]

    def _named_unit_claims(self, unit: Token) -> list[RawClaim]:
        """ "the TTP's Jamaat-ul-Ahrar faction" (part of the owner), "its Punjab chapter",
        "the Karachi cell of the BLA" (the owner operates there): a unit noun named by a
        compound, owned by a possessive or an "of" phrase."""
        owners = [e for c in unit.children if c.dep_ == "poss" for e in self.entities(c)]
        owners += self._prep_objects(unit, ("of",))
        owners = [o for o in owners if self.types[o] == EntityType.ARMED_GROUP]
        named = {self.token_entity[c.i]: c.dep_ for c in unit.children
                 if c.dep_ in ("compound", "nmod", "amod") and c.i in self.token_entity}
        out = []
        for n, dep in named.items():
            kind = self.types[n]
            for o in owners:
                if kind == EntityType.ARMED_GROUP and n != o:
                    out.append(RawClaim(n, "part_of", o, unit))
                elif kind == EntityType.LOCATION or (kind == EntityType.STATE and
                                                     dep == "compound"):
                    out.append(RawClaim(o, "operates_in", n, unit))
        return out


def _in_passing(noun: Token) -> bool:
    """A role noun that describes a person named beside it ("its founder, X, was killed",
    "X, a co-founder of LeT, died"), not one a verb gives ("was appointed its emir in
    2019", "became the TTP's chief", "the first governor was X")."""
    if noun.dep_ in ("attr", "oprd", "xcomp", "acomp") or (
            noun.dep_ == "pobj" and noun.head.lower_ in ("as", "among", "of")) or (
            noun.dep_ == "nsubj" and noun.head.lemma_ in ("be", "remain", "become")):
        return False
    return noun.dep_ in ("appos", "compound") or any(c.dep_ == "appos" for c in noun.children)


def _fragment(verb: Token) -> bool:
    """A subjectless participle opening a sentence or a ";" part of one, as profiles and
    fact sheets write: "Banned in Pakistan since 2001; designated … in 2003"."""
    if verb.tag_ not in ("VBN", "VBD") or verb.dep_ not in ("ROOT", "advcl", "conj") or \
            any(c.dep_ in (*SUBJECT_DEPS, "aux", "auxpass") for c in verb.children):
        return False
    root = verb if verb.dep_ == "ROOT" else verb.head
    if root.dep_ != "ROOT" or any(c.dep_ in SUBJECT_DEPS for c in root.children):
        return False  # "Arrested in 2019, X was …": a participle of a clause with a subject
    before = verb.doc[verb.i - 1] if verb.i > 0 else None
    return verb.i == sentence_of(verb).start or before is None or \
        before.text in (";", "\n") or before.is_space


def _inside_unknown_name(tok: Token, token_entity: dict[int, str]) -> bool:
    """A word of a longer organisation name that is no entity of ours: "Afghan" in "an
    Afghan Local Police member" (but "Afghan Defense Minister" is Afghanistan's minister)."""
    doc, mine = tok.doc, token_entity.get(tok.i)
    end = tok.i + 1
    while end < len(doc) and token_entity.get(end) == mine:
        end += 1
    name = end
    while name < len(doc) and doc[name].pos_ == "PROPN" and name not in token_entity:
        name += 1
    return name > end and doc[name - 1].lower_ in _ORG_WORDS


def _denied(doc: Doc, claims: list[RawClaim]) -> list[RawClaim]:
    """ "…, a charge India rejects": each claim the charge makes, again, triggered by the
    denial (whose reading negates it in the denier's words)."""
    out = []
    for i in tokens_whose(doc, LEMMA, DENIALS, casefold=True):  # the denial words only
        tok = doc[i]
        if denier(tok) is None:
            continue
        answered = rebutted(tok)
        if answered is not None:  # "Islamabad denies the charge": the sentence before
            start, end = answered.start, answered.end
        else:
            end = charge_start(tok)
            start = _charged_clause_start(doc[end], sentence_of(tok).start)
        out += [RawClaim(c.subject, c.predicate, c.object, tok, c.polarity,
                         qualifiers=dict(c.qualifiers)) for c in claims
                if start <= c.trigger.i < end]
    return out


def _charged_clause_start(charge: Token, sentence_start: int) -> int:
    """Where the charge a closing "a charge X rejects" answers begins: the sentence, or the
    last of its coordinated clauses ("Its leaders live in Kashmir, and officials say it is
    funded by Pakistan, a charge Islamabad rejects": only the funding is denied)."""
    tok = charge
    for _ in range(12):
        if tok.dep_ == "conj" and tok.pos_ in ("VERB", "AUX") and tok.head.dep_ == "ROOT":
            return max(sentence_start, tok.left_edge.i)
        if tok.head.i == tok.i:
            break
        tok = tok.head
    return sentence_start


def _tone(noun: Token) -> str | None:
    """ "hostile" or "strained" when a modifier or a predicate adjective of a relation
    noun says so ("tense ties between X and Y", "relations … have been hostile")."""
    words = {c.lemma_.casefold() for c in noun.children if c.dep_ in ("amod", "compound")}
    if noun.dep_ in SUBJECT_DEPS:
        words |= {c.lemma_.casefold() for c in noun.head.children
                  if c.dep_ in ("acomp", "attr", "oprd")}
        words |= {noun.head.lemma_.casefold()}  # "relations soured"
    if noun.dep_ == "dobj":
        words |= {noun.head.lemma_.casefold()}  # "severed its ties with X"
    if words & HOSTILE_TONE:
        return "hostile"
    return "strained" if words & STRAINED_TONE else None


def _noun_frames(noun: Token, frames: list[Frame]) -> list[Frame]:
    """The frames of a trigger noun: those whose modifier it has ("turf war") win over
    the plain ones ("war")."""
    words = {c.lower_ for c in noun.children if c.dep_ in ("compound", "amod", "nmod")} | \
        {c.lemma_.casefold() for c in noun.children if c.dep_ in ("compound", "amod", "nmod")}
    modified = [f for f in frames if f.modifier and f.modifier in words]
    return modified or [f for f in frames if not f.modifier]


def _members_subject(verb: Token) -> Token | None:
    """The active subject when it names a group's people: "its members", "several of its
    commanders", "TTP defectors"."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return None
    if subject.lemma_.casefold() in MEMBERS:
        return subject
    if subject.lower_ in PARTITIVES and any(
            p.dep_ == "pobj" and p.lemma_.casefold() in MEMBERS
            for c in subject.children if c.dep_ == "prep" and c.lower_ == "of"
            for p in c.children):
        return subject
    return None


def _function_of(noun: Token, token_entity: dict[int, str]) -> bool:
    """ "chief of operations", "head of intelligence", "director of propaganda": a top
    title over a function (a bare noun after "of"), held by a member, not the leader
    (unlike "the head of the group", "chief of its military wing")."""
    return any(p.dep_ == "pobj" and p.pos_ == "NOUN" and p.i not in token_entity and
               not any(d.dep_ in ("det", "poss", "compound", "amod") for d in p.children)
               for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
               for p in c.children)


def _alias_bearer(noun: Token) -> Token | None:
    """ "Saifullah, known as Abu Talha, its chief of recruitment": the role noun set off
    after the alias the parser hangs it on - the named person, the alias's bearer."""
    alias = noun.head
    if noun.dep_ != "appos" or alias.dep_ != "pobj" or alias.head.lower_ != "as":
        return None
    acl = alias.head.head
    named = acl.dep_ == "acl" and acl.lemma_.casefold() in NAMING
    return acl.head if named else None


def _partial_subject(verb: Token, token_entity: dict[int, str]) -> bool:
    """The verb's subject (raised through "are thought to have joined") is part of a
    group: "some of its commanders", "dozens of fighters" (not a group's own name: "the
    Hafiz Gul Bahadur group joined the TTP")."""
    holder = verb
    for _ in range(4):
        subject = next((c for c in holder.children if c.dep_ in SUBJECT_DEPS), None)
        if subject is not None:  # "some of …", "dozens of …", "several commanders"
            return (subject.lower_ in PARTITIVES and subject.i not in token_entity) or (
                subject.lemma_.casefold() in MEMBERS and any(
                    c.dep_ in ("det", "amod", "nummod", "quantmod") and
                    c.lower_ in PARTITIVES for c in subject.children))
        if holder.dep_ not in ("xcomp", "conj", "ccomp") or holder.head.i == holder.i:
            return False
        holder = holder.head
    return False


def _phrase(tok: Token) -> str:
    """A noun phrase's words without its determiner: "heavy weapons"."""
    words = [t for t in tok.subtree if t.i <= tok.i and t.dep_ not in ("det", "poss", "case")]
    return " ".join(t.text for t in words)


def _reciprocal(verb: Token, frame: Frame) -> bool:
    """ "each other" / "one another" as the object: the subjects act on one another."""
    return any(t.lower_ in ("other", "another") and
               any(d.lower_ in ("each", "one") for d in t.lefts)
               for c in verb.children
               if (c.dep_ == "dobj" and "dobj" in frame.object) or
               (c.dep_ == "prep" and c.lower_ in frame.object)
               for t in ([c] if c.dep_ == "dobj" else list(c.children)))
