"""Find the incidents a report describes and every reference to each.

An attack, bombing, shooting, abduction, hijacking, raid, ambush or clash becomes an
`event` entity carrying `Entity.incident` (kind, date, place): a named event the
entity finder already found ("the Jaffar Express hijacking"), or an unnamed one
described by a deed ("assailants attacked a police checkpoint in Bannu") or an
indefinite noun ("a bomb blast in Quetta"). Definite nouns ("the attack", "the blast")
refer back to the latest incident of a compatible kind; a deed with a place or date of
its own, or a "separate" / "another" marker, opens a new one. Claims about incidents
are made by `extract.incident_claims`.
"""

from __future__ import annotations

import re

import numpy
from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Span, Token

from threatnet.extract.aliases import word_key
from threatnet.extract.entities import DocEntities
from threatnet.extract.incident_dateline import Dateline, find_dateline
from threatnet.extract.incident_dates import carried_date, date_of, resolve_date, sentence_date
from threatnet.extract.incident_doers import DoerReader
from threatnet.extract.incident_entries import find_entries
from threatnet.extract.incident_fields import RecordEntry, fill_records, with_records
from threatnet.extract.incident_lexicon import IncidentLexicon, load_incident_lexicon
from threatnet.extract.incident_parse import clause_tokens, target_heads
from threatnet.extract.incident_places import PlaceReader
from threatnet.extract.incident_records import DocIncidents, EntityAdder, FoundIncident
from threatnet.extract.incident_tables import fill_table_rows
from threatnet.extract.sentences import sentence_number, sentence_of, text_of
from threatnet.model import Entity, EntityType, Incident
from threatnet.resolve.pack import ActorPack, PackEntry

STATE_SIDE = {EntityType.STATE, EntityType.GOVERNMENT_BODY}
ACTORS = STATE_SIDE | {EntityType.ARMED_GROUP, EntityType.ORGANIZATION, EntityType.PERSON}
DEFINITE = ("the", "this", "that", "these", "those")
INDEFINITE = ("a", "an", "another", "one")
MAX_SENTENCES_APART = 2
MAX_HEADLINE_APART = 5  # sentences from a headline to its story's first: byline, dateline …
EXAMPLE_PREPS = ("including", "like")
TIME_PREPS = ("after", "before", "since", "following")
MAX_HEADING = 160  # characters: a heading is a line, never a paragraph


class IncidentFinder:
    """Finds incidents in documents, with one lexicon and one actor pack."""

    def __init__(self, pack: ActorPack, lexicon: IncidentLexicon | None = None) -> None:
        self.pack = pack
        self.lex = lexicon or load_incident_lexicon()
        self.incident_nouns = frozenset(self.lex.nouns) | frozenset(self.lex.anaphors)
        lex = self.lex
        self.intrusion_heads = frozenset(w.split()[0] for w in lex.intrusion_verbs)
        # every word a cue starts from: triggers, doers (their verb is found through
        # them), casualty verbs, attribution cues; see `cue_tokens`
        self.cue_words = frozenset(w.split()[-1] for w in [
            *lex.verbs, *lex.nouns, *lex.anaphors, *lex.perpetrator_kinds, *lex.casualties,
            *lex.responsibility_nouns, *lex.responsibility_verbs, *lex.attribution_verbs,
            *lex.denial_verbs, *lex.behind, *lex.membership_verbs, *lex.planned_verbs,
            *lex.involvement_words, *lex.weapon_verbs, *lex.deed_verbs, *lex.hallmarks,
            *lex.suspicion_nouns, *lex.doer_ties, *lex.doer_deeds,
            "be", "have", "hostage"]) | self.intrusion_heads | \
            frozenset(w.split()[0] for w in [*lex.verbs, *lex.casualties, *lex.weapon_verbs,
                                             *lex.deed_verbs, *lex.doer_deeds])
        self._hashes: numpy.ndarray | None = None
        self._event_keys: list[tuple[PackEntry, str, list[frozenset[str]]]] | None = None
        self._vocab: object = None
        self.pack_events = pack.of_type(EntityType.EVENT)
        self.doer_phrases = DoerReader(self.lex, {}, lambda e: None)

    def find(self, doc: Doc, found: DocEntities, dates: list[Span],
             published: str | None) -> tuple[DocIncidents, EntityAdder]:
        out = DocIncidents(cue_tokens=self.cue_tokens(doc))
        adder = EntityAdder(doc, found)
        self.doer_phrases = DoerReader(self.lex, found.token_entity, lambda e: None)
        run = _Run(self, doc, found, adder, out, dates, published)
        events = {i for i, e in found.token_entity.items() if run.types.get(e) is not None
                  and run.types[e].type == EntityType.EVENT}
        by_sentence: dict[int, list[int]] = {}
        for i in sorted(events | set(out.cue_tokens)):
            by_sentence.setdefault(sentence_of(doc[i]).start, []).append(i)
        for start in sorted(by_sentence):
            run.sentence(sentence_of(doc[start]), [doc[i] for i in by_sentence[start]])
        fill_records(run)  # round 5 hook: one incident per field record (incident_fields)
        fill_table_rows(run)  # round 5 hook: table rows' dates, back-references (incident_tables)
        for incident in out.incidents:
            for trigger in incident.triggers if incident.date is None else []:
                if run.alone(trigger):  # a date the parse hung on another word
                    incident.date = incident.date or sentence_date(trigger, dates,
                                                                   run.published)
            if incident.date is None and incident.mentions:
                incident.date = carried_date(incident.mentions[0], dates, run.published)
        for incident in out.incidents:
            # the first trigger that names a site; the rest are not read (a site read
            # is an entity made)
            site = next((s for t in incident.triggers if t.pos_ in ("VERB", "NOUN")
                         for s in [run.place_reader.target_site(t)] if s), None)
            if site is not None and site not in incident.places and not any(
                    p in run.adder_ids() for p in incident.places[:1]) and \
                    not run.placed_by_record(incident):
                incident.places = [site, *incident.places]  # the named site it struck
            for trigger in incident.triggers if not incident.places else []:
                incident.places = incident.places or run.place_reader.target_town(trigger)
            town = run.town_in_name(incident.places[:1])
            if town is not None and town not in incident.places[1:2]:
                # "Chinese consulate in Karachi": Karachi next, before any wider place
                incident.places = [incident.places[0], town,
                                   *(p for p in incident.places[1:] if p != town)]
        run.dateline_place()
        run.entry_places()
        for incident in list(out.incidents):
            run.link_pack_event(incident)
        alive = {e.id for e in found.entities}
        for incident in out.incidents:
            incident.places = [p for p in incident.places if p in alive]
            incident.entity.incident = Incident(incident.kind, incident.date,
                                                incident.places[0] if incident.places else None,
                                                generated=incident.entity.pack_id is None
                                                and incident.entity.id in run.adder_ids())
        return out, adder

    def pack_event_keys(self) -> list[tuple[PackEntry, str, list[frozenset[str]]]]:
        """Each pack event with a dated description: its date and the distinctive words of
        each of its names ("Karachi airport attack": karachi, airport)."""
        if self._event_keys is None:
            kind_words = {word_key(w) for w in self.incident_nouns} | {"killings", "massacre"}
            stop = {"the", "of", "on", "at", "in", "and"}
            self._event_keys = []
            for event in self.pack_events:
                when = _described_date(event.description)
                names = [frozenset(word_key(w) for w in re.split(r"[\s\-']+", name) if w)
                         - kind_words - stop for name in event.names()]
                names = [n for n in names if n and not any(w.isdigit() for w in n)]
                if when and names:
                    self._event_keys.append((event, when, names))
        return self._event_keys

    def cue_tokens(self, doc: Doc) -> list[int]:
        """The tokens whose word or lemma any incident cue names, found from the token
        hashes in one array pass (no Token objects: this runs over every report)."""
        strings = doc.vocab.strings
        if self._hashes is None or self._vocab is not doc.vocab:
            self._vocab = doc.vocab
            self._hashes = numpy.array(sorted(strings.add(w) for w in self.cue_words),
                                       dtype="uint64")
        table = doc.to_array([LOWER, LEMMA])
        hit = numpy.isin(table[:, 0], self._hashes) | numpy.isin(table[:, 1], self._hashes)
        return [int(i) for i in numpy.nonzero(hit)[0]]

    # -- what a token is ----------------------------------------------------

    def verb_kind(self, tok: Token) -> str | None:
        if tok.pos_ != "VERB":
            return None
        lemma = tok.lemma_.casefold()
        for child in tok.children:  # "open fire", "blow up", "gun down"
            if child.dep_ in ("prt", "dobj") and f"{lemma} {child.lower_}" in self.lex.verbs:
                return self.lex.verbs[f"{lemma} {child.lower_}"]
            if child.dep_ == "prep":  # "came under fire"
                for obj in child.children:
                    phrase = f"{lemma} {child.lower_} {obj.lemma_.casefold()}"
                    if obj.dep_ == "pobj" and phrase in self.lex.verbs:
                        return self.lex.verbs[phrase]
        return self.lex.verbs.get(lemma) or self.weapon_kind(tok, lemma)

    def weapon_kind(self, tok: Token, lemma: str) -> str | None:
        """ "a grenade was hurled at a shop", "an IED went off near a police van": a
        weapon as the subject or object of a weapon verb is an incident of its kind."""
        particles = [c.lower_ for c in tok.children if c.dep_ in ("prt", "prep")]
        if lemma not in self.lex.weapon_verbs and not any(
                f"{lemma} {p}" in self.lex.weapon_verbs for p in particles):
            return None
        # the weapon as subject or object, or as the agent of a passive ("X was killed
        # by a roadside bomb")
        held = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")] + \
            [p for c in tok.children if c.dep_ == "agent" for p in c.children
             if p.dep_ == "pobj"]
        if not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
            # "January 2: An IED … went off": an entry's date parsed as the subject, the
            # weapon as its apposition
            held += [a for c in tok.children if c.dep_ == "npadvmod"
                     for a in c.children if a.dep_ == "appos"]
        for child in held:
            for word in (child.lemma_.casefold(), child.lower_):
                if word in self.lex.weapons:
                    return self.lex.weapons[word]
        return None

    def doer_kind(self, tok: Token) -> str | None:
        """The kind of incident a deed's doer implies: "a suicide bomber drove …",
        "the gunmen who killed …"."""
        if tok.pos_ != "VERB" or tok.lemma_.casefold() in self.lex.not_deeds:
            return None
        if tok.tag_ == "VBD" and tok.dep_ in ("conj", "advcl") and not any(
                c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
            # "Gunmen affiliated with the BLA killed …", the participle parsed as the main
            # verb: the doer phrase right before the deed
            for word in self.doer_phrases.phrase(tok):
                kind = self.lex.perpetrator_kinds.get(word.lower_) or \
                    self.lex.perpetrator_kinds.get(word.lemma_.casefold())
                if kind:
                    return kind
        for child in tok.children:
            if child.dep_ != "nsubj":
                continue
            doer = tok.head if child.lower_ in ("who", "that") and tok.dep_ == "relcl" \
                else child
            mods = [c.lower_ for c in doer.lefts if c.dep_ in ("compound", "amod")]
            for word in [*(f"{m} {doer.lower_}" for m in mods),
                         *(f"{m} {doer.lemma_.casefold()}" for m in mods),
                         doer.lower_, doer.lemma_.casefold()]:
                if word in self.lex.perpetrator_kinds:
                    return self.lex.perpetrator_kinds[word]
        return None

    def noun_kind(self, tok: Token) -> str | None:
        lemma = tok.lemma_.casefold()
        mods = [c.lower_ for c in tok.lefts if c.dep_ in ("compound", "amod", "nmod")]
        for mod in mods:
            if f"{mod} {lemma}" in self.lex.nouns:
                return self.lex.nouns[f"{mod} {lemma}"]
        return self.lex.nouns.get(lemma)

    def finer_kind(self, kind: str, words: list[str]) -> str:
        """ "a suicide attack", "gunmen attacked", "blew himself up": a finer kind."""
        for word in words:
            finer = self.lex.kind_words.get(word)
            if finer and (kind in ("attack", "bombing") or finer == "suicide bombing"):
                kind = finer
        return kind

    def unreal(self, tok: Token) -> bool:
        """A planned, feared, foiled or conditional deed, or a negated one."""
        node = tok
        for _ in range(4):
            for child in node.children:
                if child.dep_ == "neg" or (child.dep_ in ("aux", "mark") and
                                           child.lower_ in self.lex.unreal | {"to", "if"}):
                    return True
            if node.lemma_.casefold() in self.lex.unreal and node is not tok:
                return True
            if node.dep_ not in ("xcomp", "dobj", "pobj", "prep", "pcomp", "nsubj",
                                 "nsubjpass", "compound") or node.head.i == node.i:
                break
            node = node.head
        return False


class _Run:
    """The incidents of one document, found sentence by sentence."""

    def __init__(self, finder: IncidentFinder, doc: Doc, found: DocEntities, adder: EntityAdder,
                 out: DocIncidents, dates: list[Span], published: str | None) -> None:
        self.f, self.lex, self.doc, self.found = finder, finder.lex, doc, found
        self.adder, self.out, self.dates, self.published = adder, out, dates, published
        self.types = {e.id: e for e in found.entities}
        self.dateline = self._dateline()
        # database records and dated timeline lines: each entry's incidents take its date
        self.entries = find_entries(text_of(doc), published)
        # round 5 hook: labelled-field records are entries of their own (incident_fields)
        self.entries = with_records(self.entries, text_of(doc),
                                    published)
        out.entries = self.entries
        if self.dateline is not None:
            out.dateline = (self.dateline.start, self.dateline.end)
            # "on Monday" is counted back from the day the story was filed
            self.published = self.dateline.date or published
        if self.published is None:  # "Transcript of the briefing …, Friday, 24 February 2023"
            self.published = self._labelled_publication()
        self.last_sentence = -1
        self.examples: set[str] = set()  # incidents told as one example of many
        self.flashbacks: set[str] = set()  # of those, the ones recalled in passing
        self.headline: tuple[int, int] | None = None  # the first line's offsets, once read
        self.anchor_cache: dict[int, tuple[list[str], str | None]] = {}
        self.words_cache: dict[tuple[int, int], set[str]] = {}
        self.heading_lines = self.headings()
        self.used_headings: set[int] = set()
        pack_ids = {e.id: e.pack_id for e in found.entities}
        self.place_reader = PlaceReader(doc, finder.lex, finder.pack, adder, self.entity_of,
                                        lambda p: pack_ids.get(p))

    def entity_of(self, i: int) -> Entity | None:
        owner = self.found.token_entity.get(i)
        if owner is None:
            return None
        if owner not in self.types:
            self.types = {e.id: e for e in self.found.entities}
        return self.types.get(owner)

    def sentence(self, sent: Span, cues: list[Token]) -> None:
        # "in a separate attack", "later, militants struck" — but not "the BLF later said"
        marker = any(t.lower_ in self.lex.new_markers and not (
            t.dep_ == "advmod" and t.head.lemma_.casefold() in self.lex.speech_verbs |
            self.lex.responsibility_verbs | frozenset(self.lex.attribution_verbs) |
            self.lex.denial_verbs) for t in sent)
        here: FoundIncident | None = None
        doers = [t.head if t.dep_ == "nsubj" else t.head.head for t in cues
                 if t.lemma_.casefold() in self.lex.perpetrator_kinds or
                 t.lower_ in self.lex.perpetrator_kinds]
        doers += [c for t in cues for c in t.children if c.dep_ == "relcl"]
        for tok in sorted({*cues, *doers}, key=lambda t: t.i):
            named = self.entity_of(tok.i)
            if named is not None and named.type == EntityType.EVENT and \
                    named.id not in self.adder_ids():
                told = self._named(named, tok)
                here = here if _time_reference(tok) else told or here
                continue
            kind = self.f.verb_kind(tok) or self.f.doer_kind(tok) or self._killing(tok) or \
                self._intrusion(tok)
            if kind is not None:
                here = self._deed(tok, kind, here, marker, verbal=True) or here
                continue
            if tok.pos_ in ("NOUN", "PROPN") and tok.lemma_.casefold() in self.f.incident_nouns \
                    and tok.dep_ != "compound" and self._free(tok):
                told = self._noun(tok, here, marker)
                here = here if _time_reference(tok) else told or here

    def _killing(self, tok: Token) -> str | None:
        """ "Militants killed two soldiers", "the TTP abducted five engineers", "were shot
        by insurgents": a casualty verb whose doer is an anonymous armed doer or a named
        armed group is an attack."""
        lemma = tok.lemma_.casefold()
        kind = self.lex.doer_deeds.get(lemma) or next(
            (self.lex.doer_deeds[f"{lemma} {c.lower_}"] for c in tok.children
             if c.dep_ in ("dobj", "prep") and f"{lemma} {c.lower_}" in self.lex.doer_deeds),
            None)  # "set fire to", "fired on a police van"
        if tok.pos_ != "VERB" or kind is None:
            return None
        doers = [c for c in tok.children if c.dep_ == "nsubj"] + \
            [p for c in tok.children if c.dep_ == "agent" for p in c.children
             if p.dep_ == "pobj"]
        if not doers and tok.dep_ == "conj" and tok.head.pos_ == "VERB":
            # "The militants set fire to the building and killed four officers"
            doers = [c for c in tok.head.children if c.dep_ == "nsubj"]
        if tok.tag_ == "VBG" and self._charged_gerund(tok):  # "claimed … for killing two"
            return kind
        for doer in doers:
            entity = self.entity_of(doer.i)
            if (entity is not None and entity.type == EntityType.ARMED_GROUP) or (
                    entity is None and doer.lemma_.casefold() in self.lex.anonymous):
                return kind
        if not doers and self._bare_toll(tok):
            return kind
        return None

    def _intrusion(self, tok: Token) -> str | None:
        """ "Armed men entered the hotel", "militants broke into an air force camp": a verb
        of entering by force is a raid when its doer is armed and what it enters is a
        facility (never "the minister entered the building", "entered Afghanistan")."""
        lex = self.lex
        if tok.pos_ != "VERB" or tok.lemma_.casefold() not in self.f.intrusion_heads:
            return None
        lemma = tok.lemma_.casefold()
        entered = [c for c in tok.children if c.dep_ == "dobj"] if lemma in \
            lex.intrusion_verbs else []
        for child in tok.children:
            words = [lemma]
            if child.dep_ == "dobj":  # "forced their way into"
                words.append(child.lemma_.casefold())
                preps = [p for p in child.children if p.dep_ == "prep"] + \
                    [p for p in tok.children if p.dep_ == "prep"]
            elif child.dep_ == "prep":
                preps = [child]
            else:
                continue
            entered += [o for p in preps if " ".join([*words, p.lower_]) in lex.intrusion_verbs
                        for o in p.children if o.dep_ == "pobj"]
        if not any(self._facility(o) for o in entered):
            return None
        doers = [c for c in tok.children if c.dep_ == "nsubj"]
        if not doers and tok.dep_ == "conj" and tok.head.pos_ == "VERB":
            doers = [c for c in tok.head.children if c.dep_ == "nsubj"]
        return lex.intrusion_kind if any(self._armed(d) for d in doers) else None

    def _facility(self, noun: Token) -> bool:
        if noun.pos_ not in ("NOUN", "PROPN"):
            return False
        entity = self.entity_of(noun.i)
        if entity is not None and entity.type in ACTORS - {EntityType.ORGANIZATION}:
            return False  # "entered the Frontier Corps"; "entered Afghanistan": no facility
        # (a name the entity finder took for an organisation, "the Intercontinental Hotel",
        # is a facility by its head noun)
        lemma = noun.lemma_.casefold()
        mods = [f"{c.lower_} {lemma}" for c in noun.lefts if c.dep_ == "compound"]
        return any(w in self.lex.facility_nouns or w in self.lex.intrusion_places
                   for w in (lemma, *mods))

    def _armed(self, doer: Token) -> bool:
        """ "armed men", "gunmen", "BLA fighters": a doer who comes armed."""
        lemma = doer.lemma_.casefold()
        if lemma in self.lex.armed_doers or doer.lower_ in self.lex.armed_doers:
            return True
        if lemma in self.lex.anonymous and any(
                c.lower_ in self.lex.armed_words for c in doer.children if c.i < doer.i):
            return True
        entity = self.entity_of(doer.i)
        return entity is not None and entity.type == EntityType.ARMED_GROUP

    def _bare_toll(self, tok: Token) -> bool:
        """ "Two customs officials were shot dead in Dera Ismail Khan on Friday", "Three
        policemen were killed in Bannu on Monday": a toll told with no doer, a day and a
        place of its own, is the incident an entry or a wire story reports — unless the
        sentence names what killed them ("in a drone strike", "in an operation"), or the
        dead are the armed ("four militants were killed")."""
        if tok.tag_ != "VBN" or not any(c.dep_ == "auxpass" for c in tok.children) or \
                self.f.unreal(tok):
            return False
        victims = [c for c in tok.children if c.dep_ == "nsubjpass"]
        if not victims or any(v.lemma_.casefold() in self.lex.anonymous | self.lex.state_forces
                              - {"soldier", "troop", "troops", "police", "policeman"}
                              for v in victims):
            return False
        if any(c.dep_ == "prep" and c.lower_ in ("in", "during", "by", "after") and any(
                p.pos_ == "NOUN" and p.lemma_.casefold() in self.f.incident_nouns |
                self.lex.operation_nouns for p in c.children if p.dep_ == "pobj")
               for c in tok.children):
            return False  # "killed in an attack": the noun is the incident
        if any(c.dep_ == "advcl" for c in tok.children):
            return False  # "… when a roof collapsed": the clause says how; a deed there is
        places, date = self._anchors(tok)
        return bool(places) and bool(date and len(date) == 10)

    def _dateline(self) -> Dateline | None:
        """The story's dateline, when its place is a place the entity finder knows."""
        text = text_of(self.doc)
        found = find_dateline(text, self.published)
        if found is None:
            return None
        place = self.doc.char_span(found.place_start, found.place_start + len(found.place),
                                   alignment_mode="expand")
        entity = self.entity_of(place[0].i) if place is not None and len(place) else None
        return found if entity is not None and entity.type == EntityType.LOCATION else None

    def town_in_name(self, places: list[str]) -> str | None:
        """The known place a site's name puts it in ("Chinese consulate in Karachi",
        "Police Training School at Manawan"), when the text names that place elsewhere."""
        if not places:
            return None
        found = re.search(r"\s(?:in|at)\s+(.+)$", self.adder.name_of(places[0]))
        if found is None:
            return None
        wanted = found.group(1).casefold()
        return next((e.id for e in self.found.entities if e.type == EntityType.LOCATION
                     and wanted in {n.casefold() for n in [e.name, *e.aliases]}), None)

    def dateline_place(self) -> None:
        """A story told from a dateline about one incident: the incident's place, if the
        story gives none."""
        if self.dateline is None or len(self.out.incidents) != 1 or \
                self.out.incidents[0].places:
            return
        place = self.doc.char_span(self.dateline.place_start, self.dateline.place_start +
                                   len(self.dateline.place), alignment_mode="expand")
        entity = self.entity_of(place[0].i)
        if entity is not None:
            self.out.incidents[0].places = [entity.id]

    def placed_by_record(self, incident: FoundIncident) -> bool:
        """A field record's incident placed by its location fields, which name the place
        the record's compiler chose (a site its summary names is no finer place)."""
        return bool(incident.places) and bool(incident.triggers) and \
            isinstance(self.entries.at(incident.triggers[0].idx), RecordEntry)

    def entry_places(self) -> None:
        """An entry opened by a place and a date ("Kabul, 12 June 2016: A suicide attacker
        struck a minibus …"): the place of the entry's incidents that name none."""
        for incident in self.out.incidents:
            if incident.places or not incident.triggers:
                continue
            entry = self.entries.at(incident.triggers[0].idx)
            if entry is None or entry.place is None:
                continue
            start, end = entry.place
            span = self.doc.char_span(start, end, alignment_mode="expand")
            named = [self.entity_of(t.i) for t in span or ()]
            places = [e.id for e in named if e is not None and e.type == EntityType.LOCATION]
            if places:
                incident.places = [places[0]]

    def _in_dateline(self, tok: Token) -> bool:
        return self.dateline is not None and self.dateline.start <= tok.idx < self.dateline.end

    def _outside_story(self, tok: Token) -> bool:
        """A word of the dateline or of an entry's opening date ("Thursday, 10 August 2023:"),
        which dates the entry, not the clause it is parsed into."""
        return self._in_dateline(tok) or self.entries.in_prefix(tok.idx)

    def headings(self) -> list[tuple[int, int, list[str], str | None]]:
        """Lines with a date or place and no verb ("20 January 2016 — Charsadda, Khyber
        Pakhtunkhwa."), as digests and datelines open an item: (the line's first and last
        token, its places, its date), the defaults of the incident told next."""
        out: list[tuple[int, int, list[str], str | None]] = []
        located = sorted((m.start, e.id) for e in self.found.entities
                         if e.type == EntityType.LOCATION for m in e.mentions)
        # Doc.text joins every token each time it is read: the document's text, once
        offset, text = 0, text_of(self.doc)
        lines = text.split("\n")
        title = next((n for n, line in enumerate(lines) if line.strip()), None)
        for n, line in enumerate(lines):
            start, offset = offset, offset + len(line) + 1
            if not line.strip() or len(line) > MAX_HEADING:
                continue  # a paragraph is no heading
            places = [e for at, e in located if start <= at < start + len(line)]
            written = _DATE.search(line)
            if n == title and not (written and len(resolve_date(written.group(0), None)
                                                   or "") == 10):
                continue  # the title speaks of the whole report, unless it dates one item
            if not (places or written):
                continue
            if self._publication_line(line) or (n < 4 and _editorial_note(line)):
                continue  # "Published 10 May 2023 · …": the report's date, not an item's
            label = _FIELD.match(line)
            if label and not _DATE.search(label.group(1)) and \
                    not any(start <= at < start + len(label.group(1)) for at, _ in located) \
                    and not (label.group(1).strip().casefold() in self.lex.record_place_fields
                             and places):
                continue  # "Date of listing: 29 July 2011", "Other names: …": a record's field
            span = self.doc.char_span(start, start + len(line), alignment_mode="expand")
            words = [t for t in span if not t.is_space] if span is not None else []
            if not words or any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") and
                                self.entity_of(t.i) is None for t in words):
                continue  # a finite verb: a sentence, not a heading
            date = resolve_date(written.group(0), self.published) if written else None
            day = (_DAY_MONTH.match(line) or _PART_MONTH.match(line)) if n != title else None
            if day is not None and (date is None or len(date) == 4):
                # "(1) 6 September. Chitral district …", "(2) Mid-September. Mastung …":
                # the item's day or month, in the year the digest speaks of (the last year
                # written above it)
                years = _YEAR_RE.findall(text[:start])
                year = years[-1] if years else (self.published or "")[:4]
                date = resolve_date(f"{day.group(1)} {year}", None) if year else date
            if places or date:
                out.append((words[0].i, words[-1].i, list(dict.fromkeys(places)), date))
        return out

    def _publication_line(self, line: str) -> bool:
        """A line that dates the report itself: "Published 10 May 2023 · …"."""
        opening = re.sub(r"[^\w\s]", " ", line).casefold().split()
        return any(opening[:len(w.split())] == w.split() for w in self.lex.publication_labels)

    def _labelled_publication(self) -> str | None:
        """The full date of a publication line among the report's first lines, when no
        publication date was given: what "on Monday", "last Friday's" count back from."""
        text = text_of(self.doc)
        for line in text.split("\n", 4)[:4]:
            written = _DATE.search(line)
            if written and (self._publication_line(line) or _editorial_note(line)):
                found = resolve_date(written.group(0), None)
                if found and len(found) == 10:
                    return found
        return None

    def _open_heading(self, tok: Token) -> tuple[list[str], str | None] | None:
        """The heading just above `tok` that no incident has taken yet."""
        above = [h for h in self.heading_lines if h[0] <= tok.i]
        if not above or above[-1][0] in self.used_headings:
            return None
        return above[-1][2], above[-1][3]

    def adder_ids(self) -> set[str]:
        return {e.id for e in self.adder.by_key.values()}

    def _free(self, tok: Token) -> bool:
        entity = self.entity_of(tok.i)
        return entity is None or entity.type == EntityType.CAPABILITY

    # -- kinds of reference -------------------------------------------------

    def _named(self, entity: Entity, tok: Token) -> FoundIncident | None:
        words = [w.casefold().rstrip("s") for w in entity.name.split()]
        kind = next((self.lex.nouns[w] for w in words if w in self.lex.nouns), None) or \
            next((self.lex.nouns[w + "s"] for w in words if w + "s" in self.lex.nouns), None)
        if kind is None:
            return None  # an operation, an agreement: not an incident
        incident = self.out.of_entity(entity.id)
        if incident is None:
            incident = FoundIncident(entity, kind)
            earlier = self._described_before(entity, kind, tok)
            self.out.incidents.append(incident)
            if earlier is not None:  # "a suicide bomber struck … the airport bombing"
                self.absorb(incident, earlier)
        if tok not in incident.mentions:
            incident.mentions.append(tok)
            if not incident.triggers:
                incident.triggers.append(tok)
                self._anchor(incident, tok)
                incident.places, incident.date = self._defaults(tok, incident.places,
                                                                incident.date)
        return incident

    def _described_before(self, entity: Entity, kind: str, tok: Token) -> FoundIncident | None:
        """The unnamed incident a named event's first mention names, if one fits: the latest
        of a compatible kind, not dated otherwise, and not a comparison ("since the …")."""
        if any(t.lower_ in ("since", "than", "like", "unlike")
               for t in tok.doc[max(0, tok.i - 4):tok.i]):
            return None
        head = entity.name.split()[-1].casefold()
        year = _year(self.f.pack.entries[entity.pack_id].description) \
            if entity.pack_id and entity.pack_id in self.f.pack.entries else None
        unnamed = [f for f in self.out.incidents if f.entity.pack_id is None and
                   f.entity.id in self.adder_ids() and f.last < tok.i and
                   (self.lex.anaphor_fits(head, f.kind) or self.lex.anaphor_fits(
                       head.rstrip("s"), f.kind) or head in (kind, f.kind))]
        own = {word_key(w) for name in [entity.name, *entity.aliases]
               for w in re.split(r"[\s\-']+", name) if len(w) > 2} - \
            {word_key(w) for w in self.f.incident_nouns} - {"the", "and"} - \
            {word_key(w) for e in self.found.entities if e.type == EntityType.LOCATION
             for w in re.split(r"[\s\-']+", e.name)}  # "Kabul" names more than one attack
        if not own:  # "Hazara Town bombing": a place and a kind, the place is the name
            own = {word_key(w) for name in [entity.name, *entity.aliases]
                   for w in re.split(r"[\s\-']+", name) if len(w) > 2} - \
                {word_key(w) for w in self.f.incident_nouns}
        # the words of its deeds' sentences, and of its places ("Mastung" told in the
        # item's heading, not in the deed's sentence)
        unnamed = [f for f in unnamed if own & (_told_words(f) | {
            word_key(w) for p in f.places for w in re.split(r"[\s\-']+",
                                                         self.adder.name_of(p) or "")})]
        latest = max(unnamed, key=lambda f: f.last, default=None)
        if latest is None or (year and latest.date and not latest.date.startswith(year)):
            return None
        return latest

    def link_pack_event(self, incident: FoundIncident) -> None:
        """An incident the actor pack knows though the text does not name it as the pack
        does: the same day (or year) as the pack's description, and the distinctive words
        of one of its names ("Karachi airport attack": Karachi, airport) told with it."""
        entity = incident.entity
        if entity.pack_id or incident.date is None:
            return
        words: set[str] | None = None
        for event, when, names in self.f.pack_event_keys():
            if not (incident.date.startswith(when) or when.startswith(incident.date)):
                continue
            words = words if words is not None else self._words_of(incident)
            if any(own <= words for own in names):
                self._become(incident, event)
                return

    def _become(self, incident: FoundIncident, event) -> None:
        known = next((f for f in self.out.incidents if f.entity.pack_id == event.id), None)
        if known is not None:
            self.absorb(known, incident)
            return
        entity = incident.entity
        entity.pack_id, entity.name = event.id, event.name
        for name in event.names():
            entity.add_alias(name)

    def absorb(self, into: FoundIncident, other: FoundIncident) -> None:
        """One incident after all: `other`'s mentions and anchors go to `into`."""
        spans = [(self.doc.char_span(m.start, m.end, alignment_mode="expand"))
                 for m in other.entity.mentions]
        self.adder.drop(other.entity)
        for span in spans:
            if span is not None:
                self.adder.mention(into.entity, span.start, span.end)
        into.mentions = sorted({*into.mentions, *other.mentions}, key=lambda t: t.i)
        into.triggers = sorted({*into.triggers, *other.triggers}, key=lambda t: t.i)
        into.places = into.places or other.places
        into.date = into.date or other.date
        if into.kind == "attack":
            into.kind = other.kind
        self.out.incidents.remove(other)

    def _noun(self, tok: Token, here: FoundIncident | None,
              marker: bool) -> FoundIncident | None:
        if tok.dep_ == "attr" and tok.head.lemma_ == "be" and any(
                c.dep_ == "nsubj" and c.pos_ == "PRON" for c in tok.head.children):
            return None  # "It was the second attack on a school in Kabul": a description
        dets = [c.lower_ for c in tok.lefts if c.dep_ in ("det", "poss", "predet")]
        plural = tok.tag_ in ("NNS", "NNPS")
        lemma = tok.lemma_.casefold()
        if plural and not self.f.unreal(tok):
            several = self._conjoined(tok)
            if several is not None:
                return several
        if any(d in DEFINITE for d in dets) or (dets and dets[0] not in INDEFINITE):
            told = self._anaphor(tok, lemma, here, marker)
            if told is not None or not (plural and self._one_operation(tok)):
                return told
            # "the coordinated assaults on two police stations on 12 December": one new
        kind = self.f.noun_kind(tok)
        if (plural and not (_one_attack(tok) or self._one_operation(tok))) or kind is None \
                or lemma == "incident" or self.f.unreal(tok):
            return None
        if plural and not _one_attack(tok):
            # "a series of near-simultaneous attacks on Rangers posts in A, B and C": one
            # operation of its own, when its own phrase places it ("a wave of coordinated
            # attacks it called Operation X" names a campaign of incidents told apart)
            own = [t for t in [*_own_phrase(tok), *_hung_after(tok)]
                   if not self._outside_story(t)]
            places = self.place_reader.places(tok, own)
            return self._new(tok, kind, places, self._anchors(tok)[1]) if places else None
        found = self._deed(tok, kind, here, marker, verbal=False)
        told = self._relative_deed(tok)
        if found is not None and told is not None and told not in found.triggers:
            found.triggers.append(told)  # its subject did it: "the attack the BLA carried out"
        return found

    def _one_operation(self, noun: Token) -> bool:
        """ "a series of near-simultaneous attacks", "the coordinated assaults": a plural
        told as one operation."""
        words = {c.lower_ for c in noun.lefts if c.dep_ in ("amod", "compound")}
        # "near-simultaneous" split by the tokenizer: "near", "-", "simultaneous"
        words |= {f"{noun.doc[c.i - 2].lower_}-{c.lower_}" for c in noun.lefts
                  if c.i >= 2 and noun.doc[c.i - 1].text == "-"}
        return bool(words & self.lex.one_operation_words)

    def _conjoined(self, noun: Token) -> FoundIncident | None:
        """ "the attacks on the air base at X in January 2016 and on an army camp at Y in
        September 2016": a plural incident noun whose repeated preposition opens phrases
        that each carry a date of their own is one incident per phrase."""
        kind = self.f.noun_kind(noun)
        first = next((c for c in noun.children if c.dep_ == "prep" and
                      c.lower_ in CONJOINED_PREPS), None)
        if kind is None or first is None:
            return None
        sent = sentence_of(noun)
        starts = [first] + [t for t in self.doc[first.i + 1:sent.end]
                            if t.dep_ == "conj" and t.lower_ == first.lower_ and
                            t.i > 0 and t.nbor(-1).dep_ in ("cc", "punct")]
        if len(starts) < 2:
            return None
        base = self._day_base(noun)
        phrases = []
        for n, prep in enumerate(starts):
            end = starts[n + 1].i - 1 if n + 1 < len(starts) else prep.right_edge.i + 1
            while n + 1 == len(starts) and end < sent.end and self.doc[end].dep_ == "prep":
                end = self.doc[end].right_edge.i + 1  # "in January 2016" hung on the verb
            words = [t for t in self.doc[prep.i:end] if not t.is_punct and t.dep_ != "cc"]
            date = date_of(words, self.dates, base)
            if not date:
                return None  # "attacks on the army and on the police": a record
            phrases.append((prep, words, self.place_reader.places(noun, words), date))
        if len({(tuple(p), d) for _, _, p, d in phrases}) < len(phrases):
            return None
        made = None
        for n, (prep, words, places, date) in enumerate(phrases):
            entity = self.adder.entity(f"incident:{prep.i}", kind, EntityType.EVENT)
            made = FoundIncident(entity, kind, places=places, date=date)
            self.out.incidents.append(made)
            # the struck thing is the phrase's trigger; the plural noun a mention of each
            # ("X was blamed for the attacks …": X for every one)
            made.triggers.append(next((c for c in prep.children if c.dep_ == "pobj"), noun))
            made.mentions.append(noun)
            start = min([noun.i, *(c.i for c in noun.lefts if c.dep_ == "det")]) \
                if n == 0 else prep.i
            self.adder.mention(entity, start, words[-1].i + 1, take=False)
        return made

    def _relative_deed(self, noun: Token) -> Token | None:
        """The verb of doing of a relative clause on an incident noun ("the suicide attack
        the BLA carried out on …"), or on the noun of a sort the incident noun follows
        ("the sort of raid the TTP mounted on …", where the parse hangs it there)."""
        if noun.pos_ != "NOUN":
            return None
        holders = [noun]
        if noun.dep_ == "pobj" and noun.head.lower_ == "of" and \
                noun.head.head.lemma_.casefold() in self.lex.kind_of_nouns:
            holders.append(noun.head.head)
        for holder in holders:
            for verb in holder.children:
                if verb.dep_ not in ("relcl", "acl") or verb.pos_ != "VERB" or \
                        verb.i < noun.i:
                    continue
                lemma = verb.lemma_.casefold()
                words = {lemma, *(f"{lemma} {c.lower_}" for c in verb.children
                                  if c.dep_ == "prt")}
                if words & self.lex.deed_verbs and any(
                        c.dep_ == "nsubj" for c in verb.children):
                    return verb
        return None

    def _anaphor(self, tok: Token, lemma: str, here: FoundIncident | None,
                 marker: bool) -> FoundIncident | None:
        if lemma in self.lex.anaphors and tok.tag_ in ("NNS", "NNPS") and \
                lemma not in self.lex.plural_anaphors:
            return self._plural_back(tok, lemma)
        if lemma not in self.lex.anaphors:
            return None  # "the attacks": several; "the killings" of those one deed killed
        places, date = self._anchors(tok)
        plural = tok.tag_ in ("NNS", "NNPS")
        fits = [f for f in self.out.incidents if self.lex.anaphor_fits(lemma, f.kind)
                and f.last < tok.i and not _conflicts(f, places, date)
                # "the killings" only of the deed just told, a sentence or two back
                and not (plural and sentence_number(tok) - sentence_number(f.mentions[-1]) >
                         PLURAL_REACH)
                and self.entries.same(f.mentions[-1].idx, tok.idx)
                and not self._dated_apart(tok, f)]
        words = {word_key(c.text) for c in tok.lefts if c.dep_ in ("compound", "amod", "nmod")
                 and c.pos_ in ("NOUN", "PROPN")}
        if words:  # "the hospital bombing": the incident told of near a hospital
            named = [f for f in fits if words <= self._words_of(f)]
            fits = named or fits
        # "blamed the attack on X": the "on" phrase names who did it, not what it struck
        pinned = tok.dep_ == "dobj" and tok.head.lemma_.casefold() in self.lex.attribution_verbs
        whom = {word_key(t.text) for c in tok.children if c.dep_ == "prep" and
                c.lower_ in (("of",) if pinned else ("of", "on")) for p in c.children
                if p.dep_ == "pobj" for t in p.subtree if t.pos_ == "PROPN"}
        if whom:  # "the killing of its former chief, X": only an incident that struck X,
            # the one whose own deed names X first
            fits = [f for f in fits if whom <= self._words_of(f)]
            fits = [f for f in fits if whom <= _told_words(f)] or fits
        struck = {word_key(p.text) for c in tok.children if c.dep_ == "prep" and
                  c.lower_ in ("on", "against", "at", "near") and not pinned
                  for p in c.children if p.dep_ == "pobj" and p.pos_ == "NOUN"}
        if struck:  # "the attack on the checkpoint": the incident told with a checkpoint
            fits = [f for f in fits if struck <= _told_words(f)] or fits
        own = self.f.noun_kind(tok)
        if own not in (None, "attack"):  # "the ambush": the ambush, not the later attack
            fits = [f for f in fits if (f.kind != "attack" and self.lex.same_family(f.kind, own))
                    or any(t.lemma_ == tok.lemma_ for t in f.triggers)] or fits
        if not (places or date or words or whom):
            # "… including a 2018 bombing at another centre. A spokesman condemned the
            # bombing": a bare reference means the story's incident, not an example (nor,
            # sentences later, an earlier one recalled in passing)
            fits = [f for f in fits if f.entity.id not in self.examples and not (
                f.entity.id in self.flashbacks and
                sentence_number(tok) - sentence_number(f.mentions[-1]) >= 2)] or fits
        ordinal = next((ORDINALS[c.lower_] for c in tok.children
                        if c.dep_ in ("amod", "advmod") and c.lower_ in ORDINALS), None)
        in_order = sorted(fits, key=lambda f: f.mentions[0].i)
        if ordinal is not None and len(in_order) >= max(ordinal, 2):
            # "X claimed the first attack", "the latter": by the order they were told
            target = in_order[ordinal - 1] if ordinal > 0 else in_order[-1]
        elif here is not None and here in fits:
            target = here
        else:
            target = max(fits, key=lambda f: f.last, default=None)
        if target is None or (marker and target is not here and (places or date)):
            kind = self.f.noun_kind(tok)
            if kind is None or lemma == "incident" or self.f.unreal(tok):
                return None
            if not (places or date or target_heads(tok) or self._hurt(tok)) or \
                    (not (places or date) and self.named_later(tok, lemma)):
                return None  # "praised the attack"; "the attack" the report names later
            return self._new(tok, kind, places, date)
        self._mention(target, tok, definite=True)
        target.places = target.places or places
        target.date = target.date or date
        return target

    def _plural_back(self, tok: Token, lemma: str) -> FoundIncident | None:
        """ "the twin suicide bombings at the mosque … the bombings", "the Mumbai train
        bombings … carried out the blasts": a bare plural reference ("the attacks" with no
        phrase of its own) to the incident told in the plural just before (within
        PLURAL_REACH sentences); otherwise "the attacks" means several."""
        if not any(c.dep_ == "det" and c.lower_ in ("the", "these", "those")
                   for c in tok.lefts) or any(c.dep_ == "prep" for c in tok.children):
            return None
        fits = [f for f in self.out.incidents if f.last < tok.i and
                self.lex.anaphor_fits(lemma, f.kind) and self._told_plural(f) and
                sentence_number(tok) - sentence_number(f.mentions[-1]) <= PLURAL_REACH and
                self.entries.same(f.mentions[-1].idx, tok.idx)]
        target = max(fits, key=lambda f: f.last, default=None)
        if target is not None:
            self._mention(target, tok, definite=True)
        return target

    def _told_plural(self, incident: FoundIncident) -> bool:
        """Told as one operation in the plural: "twin bombings", "Mumbai train bombings"."""
        last = incident.entity.name.split()[-1].casefold() if incident.entity.name else ""
        return (last.endswith("s") and last[:-1] in self.f.incident_nouns) or any(
            m.tag_ in ("NNS", "NNPS") and m.lemma_.casefold() in self.f.incident_nouns
            for m in incident.mentions)

    def _flashback(self, noun: Token, date: str | None) -> bool:
        """ "(Sheikh) had earlier been jailed over the 1994 kidnapping of tourists", told
        after an incident of 2002: a noun dated by its own phrase to a year before an
        incident the report told first, recalled in passing."""
        if noun.pos_ != "NOUN" or not date or not self.out.incidents:
            return False
        own = [t for t in _own_phrase(noun) if not self._outside_story(t)]
        if date_of(own, self.dates, self.published) != date:
            return False
        first = self.out.incidents[0].date
        return bool(first) and first[:4] > date[:4]

    def _dated_apart(self, tok: Token, incident: FoundIncident) -> bool:
        """ "the bombing of an election rally in 2018", in a report of another year: a
        reference dated by its own phrase to an earlier year is no undated incident of
        the report's own time."""
        if incident.date is not None or self.published is None:
            return False
        own = [t for t in _own_phrase(tok) if not self._outside_story(t)]
        when = date_of(own, self.dates, self.published)
        return bool(when) and when[:4] < self.published[:4]

    def _words_of(self, incident: FoundIncident) -> set[str]:
        """The words of the sentences an incident's deeds are told in, and the one before."""
        key = (id(incident), len(incident.triggers))
        if key not in self.words_cache:
            self.words_cache[key] = self._sentence_words(incident)
        return self.words_cache[key]

    def _sentence_words(self, incident: FoundIncident) -> set[str]:
        out: set[str] = set()
        for trigger in incident.triggers:
            sent = sentence_of(trigger)
            start = sentence_of(self.doc[sent.start - 1]).start if sent.start else 0
            out |= {word_key(t.text) for t in self.doc[start:sent.end]}
        return out

    def named_later(self, tok: Token, lemma: str) -> bool:
        """A named incident of a kind "the attack" can mean comes later in the report."""
        for i, owner in self.found.token_entity.items():
            entity = self.types.get(owner)
            if i > tok.i and entity is not None and entity.type == EntityType.EVENT and \
                    entity.pack_id:
                return True
        return False

    def _deed(self, tok: Token, kind: str, here: FoundIncident | None, marker: bool,
              verbal: bool) -> FoundIncident | None:
        if verbal and not self._real_deed(tok, kind):
            return None
        if not verbal and kind != "clash" and any(
                e is not None and e.type in STATE_SIDE
                for c in tok.lefts if c.dep_ in ("compound", "poss", "amod")
                for e in [self.entity_of(c.i)]):
            return None  # "a US drone strike": a state's operation, not an incident
        places, date = self._anchors(tok)
        kind = self.f.finer_kind(kind, self._kind_context(tok))
        doers = self._named_subjects(tok)
        if here is not None and not _conflicts(here, places, date) and \
                self.lex.same_family(kind, here.kind) and \
                not (doers and self._named_subjects_of(here) - doers):
            self._join(here, tok)
            return here
        latest = self.out.latest_before(tok)
        if latest is not None and self._told_as_time(latest, tok):
            # the incident before the one named to tell the time
            latest = max((f for f in self.out.incidents if f is not latest and f.mentions
                          and f.mentions[0].i < tok.i), key=lambda f: max(
                              t.i for t in f.mentions if t.i < tok.i), default=None)
        # the headline's incident is the story's, whatever the dateline under it opens
        headline = latest is not None and all(self._in_headline(m) for m in latest.mentions)
        apart = sentence_number(tok) - sentence_number(latest.mentions[-1]) \
            if latest is not None else 0
        # a byline, a dateline line and an "(Adds …)" note may stand between a headline
        # and the story's first sentence
        near = latest is not None and (
            (headline and apart <= MAX_HEADLINE_APART) or
            (apart <= MAX_SENTENCES_APART and self.entries.same(latest.mentions[-1].idx,
                                                                tok.idx)))
        if latest is not None and near and not marker and \
                (not places or self._finer(places, latest) or self._headline(latest, places)) \
                and \
                (not date or not latest.date or date == latest.date or headline) and \
                self.lex.same_family(kind, latest.kind) and \
                (headline or self._open_heading(tok) is None):
            if headline and date:  # a headline's present tense only guessed its day
                latest.date = date
            if places:  # "shot dead in Panjgur district … opened fire at a site in Gramkan"
                latest.places = [*places, *(p for p in latest.places if p not in places)]
            self._join(latest, tok)
            return latest
        if verbal and not (places or date) and self._known_doers(tok):
            # "On 11 March, fighters stopped the train … The attackers blew up a section
            # of the track": doers told of just before, on the day written there
            date = carried_date(tok, self.dates, self.published)
        if not (places or date or self._specific(tok) or self._item_deed(tok, verbal)) or \
                self._relation(tok, places, date):
            return None
        return self._new(tok, kind, places, date)

    def _item_deed(self, tok: Token, verbal: bool) -> bool:
        """ "8 August 2016 — Quetta. Hours after unknown gunmen shot dead a lawyer, …": the
        first deed of anonymous doers under a digest heading no incident has taken is the
        item's incident, dated and placed by the heading."""
        return verbal and self._open_heading(tok) is not None and any(
            c.dep_ == "nsubj" and c.lemma_.casefold() in self.lex.anonymous
            for c in tok.children)

    def _known_doers(self, verb: Token) -> bool:
        """The deed's subject is anonymous doers the text has already introduced ("The
        attackers", "the gunmen")."""
        return any(c.dep_ == "nsubj" and c.lemma_.casefold() in self.lex.anonymous and
                   any(d.dep_ == "det" and d.lower_ == "the" for d in c.children)
                   for c in verb.children)

    def _told_as_time(self, incident: FoundIncident, tok: Token) -> bool:
        """The incident is named in the deed's sentence only to tell when the deed
        happened ("Hours after the Mastung blast, two bombers struck a mosque")."""
        sent = sentence_of(tok)
        here = [m for m in incident.mentions if sent.start <= m.i < tok.i]
        return bool(here) and all(_time_reference(m) for m in here)

    def _headline(self, incident: FoundIncident, places: list[str]) -> bool:
        """An incident told so far only by a noun ("Gunmen kill six in attack on bus in
        Kohistan", "… · Suicide VBIED and armed assault") or in the headline ("TTP
        militants kill four policemen in D.I. Khan"), sharing the deed's place or naming
        none: the headline or heading of the story that tells the deed."""
        return all(t.pos_ != "VERB" or self._in_headline(t) for t in incident.triggers) and \
            (not incident.places or bool(set(places) & set(incident.places)) or
             bool(self._refined(incident.places, places)) or any(
                 self.adder.name_of(k) and self.adder.name_of(k) in self.adder.name_of(p)
                 for k in incident.places for p in places))  # "Karachi" … "Karachi University"

    def alone(self, tok: Token) -> bool:
        """The only deed or incident noun of its sentence ("set off a car bomb": one)."""
        own = {t.i for t in tok.subtree}
        return not any(t.i not in own and (self.f.verb_kind(t) or (
            t.pos_ == "NOUN" and self.f.noun_kind(t))) for t in sentence_of(tok))

    def _finer(self, places: list[str], incident: FoundIncident) -> bool:
        """Villages or sites read by name alone (no gazetteer knows them), told next to an
        incident placed in a known place: inside it, more likely than a second incident."""
        by_name = self.adder_ids()
        return any(self._pack_id(p) for p in incident.places) and \
            all(p in by_name for p in places)

    def _pack_id(self, entity_id: str) -> str | None:
        if entity_id not in self.types:
            self.types = {e.id: e for e in self.found.entities}
        entity = self.types.get(entity_id)
        return entity.pack_id if entity is not None else None

    def _relation(self, tok: Token, places: list[str], date: str | None) -> bool:
        """ "The TTP attacked the Frontier Corps in Kurram", "has targeted Iran since 2012":
        one actor against another, told without a day or a toll (or a known population
        struck with no place either), is a relation between them (relation extraction's),
        not an incident. "Gunmen shot dead X" is a toll."""
        objects = target_heads(tok)
        entities = [e for o in objects for e in [self.entity_of(o.i)]
                    if e is not None and (e.type in ACTORS or e.pack_id)]  # "Chinese nationals"
        if not objects or len(entities) < len(objects):
            return False
        if date and all(e.type == EntityType.INFRASTRUCTURE and self._site(e) for e in entities) \
                and not any(c.dep_ == "aux" and c.lower_ in ("has", "have", "'ve")
                            for c in tok.children):
            return False  # "had attacked the Chinese consulate in Karachi in November 2018"
        if any(c.dep_ == "aux" and c.lemma_ == "have" for c in tok.children):
            return True  # "has attacked … since": a record, not an incident
        if all(e.type in ACTORS for e in entities):  # "attacked the Pakistani army in Bannu"
            places = []  # a place makes a relation between actors no incident
        return not places and not (date and len(date) == 10) and not self._hurt(tok) and \
            not (tok.i + 1 < len(tok.doc) and tok.nbor(1).lower_ in ("dead", "down"))

    def _site(self, entity: Entity) -> bool:
        """A known single site ("Jinnah International Airport", "Chinese consulate in
        Karachi"), not a network or a project ("Karakoram Highway", "CPEC")."""
        name = re.split(r"\s(?:in|at)\s", entity.name, maxsplit=1)[0].split()
        return any(w.casefold() in self.lex.facility_nouns for w in name)

    def _target_noun(self, tok: Token) -> bool:
        """A noun the target lexicon types: "post", "school", "convoy", "worshippers"."""
        lemmas = {t.lemma_.casefold() for t in [tok, *tok.lefts]}
        return any(lemmas & (t.people | t.places) for t in self.lex.targets)

    def _hurt(self, tok: Token) -> bool:
        return any(t.lemma_.casefold() in self.lex.casualties and t.pos_ == "VERB"
                   for t in sentence_of(tok))

    def _named_subjects(self, tok: Token) -> set[str]:
        """The known actors a deed's subject names ("ISKP bombed", "Taliban fighters")."""
        return {e.id for c in tok.children if c.dep_ in ("nsubj", "agent")
                for t in c.subtree for e in [self.entity_of(t.i)]
                if e is not None and e.type not in (EntityType.EVENT, EntityType.LOCATION,
                                                    EntityType.CAPABILITY)}

    def _named_subjects_of(self, incident: FoundIncident) -> set[str]:
        return {e for t in incident.triggers if t.pos_ == "VERB"
                for e in self._named_subjects(t)}

    def _real_deed(self, verb: Token, kind: str) -> bool:
        tried = verb.dep_ == "xcomp" and verb.head.lemma_ in ("try", "attempt") and \
            verb.head.tag_ == "VBD" and not self.f.unreal(verb.head)
        if any(c.dep_ in ("nsubj", "nsubjpass") and (c.lower_ in ("none", "nobody", "no-one") or
               any(d.dep_ == "det" and d.lower_ in ("no", "neither") for d in c.children))
               for c in verb.children):
            return False  # "no Pakistani citizens had been targeted"
        if verb.tag_ == "VBG" and self._charged_gerund(verb):
            tried = True  # "claimed responsibility for killing …", "accused X of attacking …"
        if verb.tag_ in ("VBZ", "VBP") and self._in_headline(verb) and \
                not self.f.unreal(verb):
            tried = True  # "TTP militants kill four policemen in D.I. Khan": news present
        if not tried and (verb.tag_ not in ("VBD", "VBN") or self.f.unreal(verb)):
            return False  # "tried to storm" happened, and failed: an incident still
        objects = target_heads(verb)
        if any(c.dep_ == "aux" and c.lower_ in ("has", "have", "'ve") for c in verb.children) \
                and objects and all(o.tag_ in ("NNS", "NNPS") for o in objects):
            return False  # "has attacked Indian targets ever since": a record ("had" not)
        if verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in verb.children) \
                and verb.dep_ not in ("acl", "conj"):
            return False
        heads = [c for c in verb.children if c.dep_ == "nsubj"] + \
            [p for c in verb.children if c.dep_ == "agent" for p in c.children]
        # "PESHAWAR, Pakistan (AP) — Militants stormed": the dateline is no one's subject
        heads = [h for h in heads if not self._in_dateline(h)]
        subjects = [self.entity_of(t.i) for h in heads for t in [h, *h.children]
                    if not self._in_dateline(t)]
        if kind != "clash" and (any(e is not None and e.type in STATE_SIDE for e in subjects)
                                or any(h.lemma_.casefold() in self.lex.state_forces and
                                       self.entity_of(h.i) is None for h in heads)):
            return False  # a security operation, not an incident
        return True

    def _in_headline(self, tok: Token) -> bool:
        """In the report's first line, when that line is a headline (short, no closing
        full stop), whose present tense tells what happened."""
        if self.headline is None:
            text = text_of(self.doc)
            start = len(text) - len(text.lstrip())
            end = text.find("\n", start)
            end = len(text) if end < 0 else end
            line = text[start:end].rstrip()
            self.headline = (start, end) if line and len(line) <= MAX_HEADING and \
                not line.endswith(".") else (0, 0)
        return self.headline[0] <= tok.idx < self.headline[1]

    def _charged_gerund(self, verb: Token) -> bool:
        """A deed told as what a group claims or is accused of ("claimed responsibility for
        killing two officials in Bannu on Friday", "accused the TTP of attacking a post"):
        it happened, whoever did it."""
        if verb.dep_ != "pcomp" or verb.head.lower_ not in ("for", "of"):
            return False
        governor = verb.head.head
        lemma = governor.lemma_.casefold()
        return lemma in self.lex.responsibility_nouns or \
            lemma in self.lex.responsibility_verbs or lemma in self.lex.attribution_verbs

    def _specific(self, tok: Token) -> bool:
        """A single thing struck ("a police post", not an actor), or people hurt in the
        same sentence."""
        objects = target_heads(tok)
        if any(o.tag_ == "NN" and self.entity_of(o.i) is None and self._target_noun(o)
               for o in objects):
            return True  # "a police post"; "attacked the Frontier Corps" is a relation
        return self._hurt(tok)

    def _kind_context(self, tok: Token) -> list[str]:
        """The words around a trigger that may make its kind finer."""
        words = [c.lemma_.casefold() for c in tok.lefts if c.dep_ in ("compound", "amod")]
        for child in tok.children:
            if child.dep_ in ("nsubj", "nsubjpass", "agent"):
                words += [t.lemma_.casefold() for t in child.subtree]
            if child.dep_ == "dobj" and child.lower_ in ("himself", "herself", "themselves") \
                    and any(w.split()[0] == tok.lemma_.casefold()
                            for w in self.lex.reflexive_suicide):
                words.append("suicide")  # "blew himself up"
        return words

    # -- building incidents ----------------------------------------------------

    def _new(self, tok: Token, kind: str, places: list[str], date: str | None) -> FoundIncident:
        places, date = self._defaults(tok, places, date)
        key = f"incident:{tok.i}"
        entity = self.adder.entity(key, kind, EntityType.EVENT)
        incident = FoundIncident(entity, kind, places=places, date=date)
        if self._flashback(tok, date):
            self.flashbacks.add(entity.id)
        if _example(tok):
            self.examples.add(entity.id)
        self.out.incidents.append(incident)
        self._join(incident, tok)
        return incident

    def _defaults(self, tok: Token, places: list[str],
                  date: str | None) -> tuple[list[str], str | None]:
        """The place and date of the heading of the item `tok` is in, where the text around
        it gives none (or a date less precise: "2014" under "08 Jun 2014")."""
        entry = self.entries.at(tok.idx)
        if entry is not None and entry.date and (not date or entry.date.startswith(date)):
            date = entry.date  # "March 4: … attacked": the entry's date
        above = [h for h in self.heading_lines if h[0] <= tok.i]
        if not above:
            return places, date
        self.used_headings.add(above[-1][0])
        heading = above[-1][3]
        if heading and (not date or heading.startswith(date)):
            date = heading
        return places or self._finest(above[-1][2]), date

    def _join(self, incident: FoundIncident, tok: Token) -> None:
        incident.triggers.append(tok)
        self._mention(incident, tok, definite=False)
        head = _chain_head(tok, self.lex.chain_heads)
        if head is not None and incident.entity.pack_id is None:
            # "armed men stopped two coaches … and shot the passengers": the chain's
            # first verb is where the text starts telling the deed
            self.adder.mention(incident.entity, head.i, head.i + 1,
                               take=self.entity_of(head.i) is None)
        places, date = self._anchors(tok)
        incident.places = self._refined(incident.places, places) or incident.places or places
        incident.date = incident.date or date

    def _refined(self, known: list[str], places: list[str]) -> list[str]:
        """A later deed of the incident names a place inside the one it had ("in Bajaur"
        … "blew himself up … in Khar"): the finer place first."""
        if not (known and places):
            return []
        packs = {p: self._pack_id(p) for p in {*known, *places}}
        inside = [p for p in places if packs.get(p) and any(
            packs.get(k) in self.f.pack.ancestors(packs[p]) for k in known)]
        return [*inside, *(k for k in known if k not in inside)] if inside else []

    def _mention(self, incident: FoundIncident, tok: Token, definite: bool) -> None:
        start = tok.i
        if tok.pos_ == "NOUN":
            start = min([tok.i, *[c.i for c in tok.lefts if c.dep_ in
                                  ("det", "compound", "amod", "poss", "nmod")]])
        if incident.entity.pack_id is None or definite:
            owner = self.entity_of(tok.i)
            # a capability named by more words ("a suicide attack") keeps them
            take = owner is None or (owner.type == EntityType.CAPABILITY and not any(
                self.found.token_entity.get(i) == owner.id for i in (tok.i - 1, tok.i + 1)))
            self.adder.mention(incident.entity, start if definite else tok.i, tok.i + 1,
                               take=take)
            phrase = self.doc[start:tok.i + 1]
            if not definite and tok.pos_ == "NOUN" and any(t.like_num for t in phrase):
                # "a December 2023 raid", "the Easter 2016 suicide bombing": a dated name
                # a reader gives it, as an alias (the mention stays the noun)
                incident.entity.add_alias(" ".join(
                    t.text for t in phrase if not (t.i == start and t.dep_ == "det")))
        if tok not in incident.mentions:
            incident.mentions.append(tok)
            incident.mentions.sort(key=lambda t: t.i)

    def _anchor(self, incident: FoundIncident, tok: Token) -> None:
        places, date = self._anchors(tok)
        incident.places = incident.places or places
        incident.date = incident.date or date

    def _anchors(self, tok: Token) -> tuple[list[str], str | None]:
        if tok.i not in self.anchor_cache:
            root = tok  # "militants tried to force their way in": the date is of "tried"
            while root.dep_ == "xcomp" and root.head.pos_ in ("VERB", "AUX"):
                root = root.head
            scope = [t for t in clause_tokens(root) if not self._outside_story(t)]
            first = root
            while first.dep_ == "conj" and first.head.pos_ == "VERB" and not any(
                    c.dep_ in ("nsubj", "nsubjpass") for c in first.children):
                first = first.head  # "In Musakhel, armed men blocked …, checked … and shot"
            if first is not root:
                scope = sorted({*scope, *(t for t in clause_tokens(first)
                                          if not self._outside_story(t))}, key=lambda t: t.i)
            own = [t for t in _own_phrase(tok) if not self._outside_story(t)] \
                if tok.pos_ == "NOUN" else []
            told = self._relative_deed(tok)
            if told is not None and told.head is not tok:
                # "the kind of attack the BLA carried out on X": the clause is the noun's
                own = sorted({*own, *(t for t in told.subtree
                                      if not self._outside_story(t))}, key=lambda t: t.i)
            # "the March attack on X and the October bombing near Y": a noun's own first
            base = self._day_base(tok)
            date = date_of(own, self.dates, base) or \
                (None if self._reacted_to(tok) else date_of(scope, self.dates, base))
            places = self.place_reader.places(tok, own) if own else []
            places = places or self.place_reader.places(tok, scope)
            verb = _clause_verb(root)
            if not places and verb.dep_ == "relcl" and any(
                    c.lower_ == "where" for c in verb.children):
                # "in Mastung, where the Islamic State claimed the bombing of a rally"
                where = self.entity_of(verb.head.i)
                places = [where.id] if where is not None and \
                    where.type == EntityType.LOCATION else []
            toll = root.head
            if root.dep_ == "advcl" and toll.lemma_.casefold() in self.lex.casualties and \
                    any(c.dep_ in ("mark", "advmod") and c.lower_ in ("when", "as")
                        for c in root.children):
                # "Two soldiers were killed in Bannu on Monday when militants ambushed a
                # patrol": the toll's clause places and dates the deed
                outer = [t for t in clause_tokens(toll) if not self._outside_story(t)]
                places = places or self.place_reader.places(tok, outer)
                date = date or date_of(outer, self.dates, self.published)
            self.anchor_cache[tok.i] = (places, date)
        places, date = self.anchor_cache[tok.i]
        return list(places), date

    def _day_base(self, tok: Token) -> str | None:
        """The day "on Monday" counts back from: the day of the timeline entry the deed is
        told in ("January 2: An IED … went off on Monday"), else the publication date."""
        entry = self.entries.at(tok.idx)
        if entry is not None and entry.date and len(entry.date) == 10 and \
                (self.published is None or entry.date <= self.published[:10]):
            return entry.date
        return self.published

    def _reacted_to(self, tok: Token) -> bool:
        """An incident noun that a verb of what came after governs ("blamed the Taliban on
        Tuesday for the assault", "mourned on Wednesday the victims of the attack"): that
        verb's date is the reaction's, not the incident's. Its subject is told of directly
        ("the attack on Monday was condemned") and keeps the clause's date."""
        if tok.pos_ != "NOUN":
            return False
        head = tok
        while head.dep_ in ("prep", "pobj", "dobj", "nsubj", "nsubjpass", "compound",
                            "amod", "poss", "appos", "conj") and head.head.i != head.i:
            if head.dep_ in ("nsubj", "nsubjpass") and head.head.pos_ in ("VERB", "AUX"):
                return False
            head = head.head
            if head.pos_ in ("VERB", "AUX"):
                break
        return head.pos_ == "VERB" and head.lemma_.casefold() in self.lex.reactions

    def _finest(self, places: list[str]) -> list[str]:
        return self.place_reader.finest(places)


# a heading's date: "08 Jun 2014", "June 8, 2014", "2014"
_DATE = re.compile(r"\b\d{1,2}\s+[A-Z][a-z]{2,8}\.?\s+\d{4}\b|\b[A-Z][a-z]{2,8}\.?\s+\d{1,2},?"
                   r"\s+\d{4}\b|\b(?:19|20)\d\d\b")


# an item opening with a day and month: "(1) 6 September.", "29 Sept —", "June 8:"
_DAY_MONTH = re.compile(r"^\W*(?:\(?\d{1,2}\)\s*)?(\d{1,2}\s+[A-Z][a-z]{2,8}|[A-Z][a-z]{2,8}\s+"
                        r"\d{1,2})\b(?![,\s]*\d{4})")
_YEAR_RE = re.compile(r"\b(?:19|20)\d\d\b")
# an item opening with a part of a month: "(2) Mid-September.", "Early March —"
_PART_MONTH = re.compile(r"^\W*(?:\(?\d{1,2}\)\s*)?(?:mid|early|late)[-\s]+((?:jan|febr)uary|"
                         r"march|april|may|june|july|august|(?:sept|nov|dec)ember|october)\b"
                         r"(?![,\s]*\d{4})", re.IGNORECASE)

# a record's field: "Date of listing: …", "Other names: …"
_FIELD = re.compile(r"^\s*([A-Z][A-Za-z ]{1,30}):\s")


CONJOINED_PREPS = ("on", "of", "against", "at", "near")  # "the attacks on X and on Y"
PLURAL_REACH = 2  # sentences back a plural anaphor ("the killings") may reach
# "the first attack", "the latter bombing": which of the incidents told (0: the last)
ORDINALS = {"first": 1, "earlier": 1, "former": 1, "second": 2, "third": 3, "latter": 0,
            "last": 0}


def _described_date(description: str) -> str | None:
    """The date a pack event's description opens with ("8 June 2014: …")."""
    head = description.split(":", 1)[0] if ":" in description[:40] else ""
    found = _DATE.search(head)
    return resolve_date(found.group(0), None) if found else None


def _year(text: str) -> str | None:
    match = re.search(r"\b(19|20)\d\d\b", text)
    return match.group(0) if match else None


def _own_phrase(noun: Token) -> list[Token]:
    """A noun's own phrase: its subtree without the nouns coordinated with it ("the March
    attack on X and the October bombing near Y")."""
    out, stack = [], [noun]
    while stack:
        node = stack.pop()
        out.append(node)
        stack += [c for c in node.children if not (node.i == noun.i and c.dep_ in ("conj", "cc"))]
    return sorted(out, key=lambda t: t.i)


def _hung_after(noun: Token) -> list[Token]:
    """The prepositional phrases right after a noun that the parse hung on its verb
    ("attributed the assaults | on two police stations in X | to the TTP"): those of
    place or target, up to the first of another kind."""
    out: list[Token] = []
    end = noun.right_edge.i + 1
    doc = noun.doc
    while end < len(doc) and doc[end].dep_ == "prep" and doc[end].head.i == noun.head.i \
            and doc[end].lower_ in CONJOINED_PREPS + ("in",):
        out += list(doc[end].subtree)
        end = doc[end].right_edge.i + 1
    return out


def _editorial_note(line: str) -> bool:
    """ "[English rendering of an Urdu newspaper report, 28 April 2022]": a bracketed
    note on the report itself among its first lines."""
    line = line.strip()
    return len(line) > 2 and line[0] in "[(" and line[-1] in "])"


def _told_words(incident: FoundIncident) -> set[str]:
    """The words of the sentences that tell an incident's deeds."""
    return {word_key(t.text) for trigger in incident.triggers for t in sentence_of(trigger)}


def _clause_verb(tok: Token) -> Token:
    """The verb whose clause a noun is an argument of (the noun itself if none)."""
    node = tok
    while node.pos_ not in ("VERB", "AUX") and node.dep_ in (
            "dobj", "pobj", "prep", "nsubj", "nsubjpass") and node.head.i != node.i:
        node = node.head
    return node if node.pos_ in ("VERB", "AUX") else tok


def _chain_head(tok: Token, heads: frozenset[str]) -> Token | None:
    """The first verb of the chain a deed ends ("stopped a bus, ordered the men out and
    killed them": "stopped"), when the deed has no subject of its own and that verb is of
    the interception class; None otherwise."""
    if tok.pos_ != "VERB" or any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
        return None
    node = tok
    while node.dep_ == "conj" and node.head.pos_ == "VERB":
        node = node.head
    if node is tok or node.lemma_.casefold() not in heads:
        return None
    return node


def _time_reference(tok: Token) -> bool:
    """ "Hours after the Mastung blast, two bombers struck a mosque": an incident named
    to tell when another happened, not the one the clause tells."""
    node = tok
    while node.dep_ in ("compound", "amod", "nmod") and node.head.i != node.i:
        node = node.head
    return node.dep_ == "pobj" and node.head.lower_ in TIME_PREPS


def _example(noun: Token) -> bool:
    """A noun told as one example of many ("many earlier attacks, including a 2018
    bombing", "attacks such as the bombing of …")."""
    node = noun
    while node.dep_ in ("conj", "appos") and node.head.i != node.i:
        node = node.head
    if node.dep_ != "pobj":
        return False
    prep = node.head
    return prep.lower_ in EXAMPLE_PREPS or (prep.lower_ == "as" and any(
        c.lower_ == "such" for c in prep.children))


# "Twin blasts ripped through a market", "Two explosions struck the shrine": numbered or
# paired blasts told as the subject of a past deed are one attack; a bare plural
# ("bombings have risen") is no incident
ONE_ATTACK_WORDS = frozenset({"twin", "two", "three", "multiple", "several", "simultaneous",
                              "coordinated", "back-to-back", "serial", "successive"})


def _one_attack(tok: Token) -> bool:
    return tok.dep_ in ("nsubj", "nsubjpass") and tok.head.tag_ == "VBD" and \
        any(t.lower_ in ONE_ATTACK_WORDS for t in tok.lefts)


def _conflicts(incident: FoundIncident, places: list[str], date: str | None) -> bool:
    if date and incident.date and date != incident.date:
        return True
    return bool(places and incident.places and not set(places) & set(incident.places))


__all__ = ["DocIncidents", "EntityAdder", "FoundIncident", "IncidentFinder", "clause_tokens",
           "target_heads"]
