"""Incidents: each attack a report describes is an event, with who did it coded exactly."""

from __future__ import annotations

from claimrows import record

from threatnet.model import EntityType, ExtractionRecord

PUBLISHED = "2024-06-26"  # a Wednesday


def _incidents(rec: ExtractionRecord) -> list:
    return [e for e in rec.entities if e.type == EntityType.EVENT and e.incident]


def _name(rec: ExtractionRecord, entity_id: str) -> str:
    return next(e.name for e in rec.entities if e.id == entity_id)


def _about(rec: ExtractionRecord, incident, predicate: str) -> list:
    return [c for c in rec.claims if c.predicate == predicate and
            incident.id in (c.subject, c.object)]


def _perpetrators(rec: ExtractionRecord) -> list[tuple[str, str, str, str | None, str]]:
    """(group, polarity, modality, source, attribution) for every claim of who did it."""
    return [(_name(rec, c.subject), str(c.polarity), str(c.modality),
             c.source.text if c.source else None, c.qualifiers.get("attribution"))
            for c in rec.claims if c.predicate in ("perpetrated", "involved_in")]


def _one_incident(rec: ExtractionRecord):
    found = _incidents(rec)
    assert len(found) == 1, [e.name for e in found]
    return found[0]


# -- who did it: the coding table, case by case --------------------------------------

def test_a_deed_in_the_authors_voice_is_asserted(extractor):
    rec = record(extractor, "TTP militants attacked a police post in Bannu on Monday.",
                 published=PUBLISHED)
    assert _perpetrators(rec) == [("Tehrik-i-Taliban Pakistan", "affirmed", "asserted",
                                   None, "deed")]
    attacks = [c for c in rec.claims if c.predicate == "attacks"]
    assert [(_name(rec, c.subject), _name(rec, c.object), c.qualifiers.get("target_type"))
            for c in attacks] == [("Tehrik-i-Taliban Pakistan", "police post", "police")]


def test_a_claim_of_responsibility_is_the_groups_own_claim(extractor):
    rec = record(extractor, "Assailants attacked a police checkpoint in Bannu district. "
                            "The Taliban claimed responsibility for the incident.")
    [(group, polarity, modality, source, how)] = _perpetrators(rec)
    assert (group, polarity, modality, how) == ("Taliban", "affirmed", "alleged", "claimed")
    assert "Taliban" in source  # never the author's certainty


def test_an_attribution_by_officials_is_reported_with_them_as_source(extractor):
    rec = record(extractor, "A bomb blast ripped through a market in Quetta on Sunday. "
                            "Police officials attributed the attack to Lashkar-e-Jhangvi.",
                 published=PUBLISHED)
    assert _perpetrators(rec) == [("Lashkar-e-Jhangvi", "affirmed", "reported",
                                   "Police officials", "attributed")]


def test_a_suspicion_is_believed(extractor):
    rec = record(extractor, "Gunmen shot dead a shopkeeper in Quetta on Tuesday. "
                            "Police suspected Lashkar-e-Jhangvi of the killing.",
                 published=PUBLISHED)
    assert _perpetrators(rec) == [("Lashkar-e-Jhangvi", "affirmed", "believed", "Police",
                                   "suspected")]


def test_a_blame_is_alleged(extractor):
    rec = record(extractor, "A roadside bomb struck a military convoy in Kech district "
                            "on Monday. Officials blamed the BLA for the attack.",
                 published=PUBLISHED)
    assert _perpetrators(rec) == [("Balochistan Liberation Army", "affirmed", "alleged",
                                   "Officials", "suspected")]


def test_a_denial_is_negated_with_the_group_as_source(extractor):
    rec = record(extractor, "A suicide bomber struck a police station in Bannu on Monday. "
                            "The TTP denied any involvement in the blast.",
                 published=PUBLISHED)
    assert _perpetrators(rec) == [("Tehrik-i-Taliban Pakistan", "negated", "reported",
                                   "The TTP", "denied")]


def test_no_group_claimed_gives_no_perpetrator_at_all(extractor):
    rec = record(extractor, "Gunmen attacked a checkpost in Lakki Marwat on Monday, killing "
                            "two policemen. No group claimed responsibility for the attack.",
                 published=PUBLISHED)
    assert _one_incident(rec)
    assert _perpetrators(rec) == []


def test_a_state_accused_of_an_attack_is_accused_of_a_part_in_it(extractor):
    rec = record(extractor, "A suicide bomber attacked a convoy in Pulwama on Monday. "
                            "Indian officials blamed Pakistan for the attack.",
                 published=PUBLISHED)
    assert [(c.predicate, str(c.modality)) for c in rec.claims
            if _name(rec, c.subject) == "Pakistan"] == [("involved_in", "alleged")]


# -- what happened ------------------------------------------------------------------------

def test_anonymous_deeds_are_incidents_of_their_kind(extractor):
    cases = [
        ("Gunmen opened fire on a polio team in Quetta on Monday.", "shooting"),
        ("A suicide bomber blew himself up near a mosque in Peshawar on Monday.",
         "suicide bombing"),
        ("Unidentified militants abducted five engineers in Kohistan on Monday.", "abduction"),
    ]
    for text, kind in cases:
        rec = record(extractor, text, published=PUBLISHED)
        incident = _one_incident(rec)
        assert incident.incident.kind == kind, text
        assert _perpetrators(rec) == [], text


def test_the_anaphoric_mention_joins_the_incident(extractor):
    text = ("Assailants attacked a police checkpoint in Bannu on Monday. Police said the "
            "attack lasted an hour.")
    rec = record(extractor, text, published=PUBLISHED)
    incident = _one_incident(rec)
    assert [m.text for m in incident.mentions] == ["attacked", "the attack"]
    assert incident.incident.generated
    assert incident.name == "attack on police checkpoint, Bannu, 2024-06-24"


def test_two_incidents_in_one_report_stay_apart(extractor):
    text = ("In January, militants attacked a checkpost in Bannu, killing three policemen. "
            "In March, a suicide bomber struck a mosque in Peshawar, killing 12 worshippers. "
            "Police blamed Lashkar-e-Jhangvi for the bombing.")
    rec = record(extractor, text, published=PUBLISHED)
    bannu, peshawar = sorted(_incidents(rec), key=lambda e: e.mentions[0].start)
    assert (bannu.incident.kind, peshawar.incident.kind) == ("attack", "suicide bombing")
    assert bannu.incident.date == "2024-01" and peshawar.incident.date == "2024-03"
    blamed = [c for c in rec.claims if c.predicate == "perpetrated"]
    assert [c.object for c in blamed] == [peshawar.id]
    killed = {_name(rec, c.subject): c.qualifiers.get("killed") for c in rec.claims
              if c.qualifiers.get("killed")}
    assert killed == {bannu.name: 3, peshawar.name: 12}


def test_the_date_is_resolved_against_publication(extractor):
    rec = record(extractor, "Militants ambushed a Frontier Corps convoy in Kurram on "
                            "Monday.", published=PUBLISHED)
    incident = _one_incident(rec)
    assert incident.incident.date == "2024-06-24"
    assert rec.claims and all(c.time["start"] == "2024-06-24" for c in rec.claims)


def test_an_unknown_village_is_kept_as_the_place(extractor):
    rec = record(extractor, "Gunmen attacked a girls' school in Shewa village of North "
                            "Waziristan on Monday.", published=PUBLISHED)
    incident = _one_incident(rec)
    names = {e.id: e for e in rec.entities}
    village = names[incident.incident.place]
    assert (village.name, village.type) == ("Shewa", EntityType.LOCATION)
    # the village the text alone names, and the known district it lies in
    places = {names[c.object].name for c in _about(rec, incident, "occurred_in")}
    assert places == {"Shewa", "North Waziristan"}
    [target] = _about(rec, incident, "targets")
    assert target.qualifiers["target_type"] == "education"


def test_casualties_and_differing_tallies_are_separate_claims(extractor):
    text = ("Militants attacked an army camp in Zhob on Monday. The army said 26 soldiers "
            "were killed and 12 wounded. The group claimed it had killed 200 soldiers.")
    rec = record(extractor, text, published=PUBLISHED)
    incident = _one_incident(rec)
    tallies = sorted((c.qualifiers.get("killed"), c.source.text if c.source else None)
                     for c in _about(rec, incident, "targets") if "killed" in c.qualifiers)
    assert tallies == [(26, "The army"), (200, "The group")]


def test_tactics_link_to_the_capability_taxonomy(extractor):
    rec = record(extractor, "A suicide bomber detonated an explosives-laden vehicle near a "
                            "military convoy in Mir Ali on Monday.", published=PUBLISHED)
    incident = _one_incident(rec)
    kinds = {e.kind for e in rec.entities
             if e.id in {c.object for c in _about(rec, incident, "uses")}}
    assert kinds == {"suicide_bombing", "vbied"}
    assert incident.incident.kind == "suicide bombing"


def test_a_planned_or_foiled_attack_is_no_incident(extractor):
    rec = record(extractor, "Police foiled an attack on a school in Quetta on Monday. The "
                            "militants had planned to attack a checkpost in Bannu.",
                 published=PUBLISHED)
    assert _incidents(rec) == []


# -- Urdu -------------------------------------------------------------------------------

def test_urdu_claim_of_responsibility_denial_and_no_claim(extractor):
    text = ("ٹی ٹی پی نے بنوں میں پولیس چوکی پر حملے کی ذمہ داری قبول کی۔\n"
            "کسی گروپ نے اس دھماکے کی ذمہ داری قبول نہیں کی۔\n"
            "بی ایل اے نے اس حملے میں ملوث ہونے کی تردید کی۔\n")
    rec = record(extractor, text)
    incident = _one_incident(rec)
    assert incident.name == "attack, Bannu"
    assert len(incident.mentions) == 3  # "اس دھماکے", "اس حملے": the same incident
    assert sorted(_perpetrators(rec)) == [
        ("Balochistan Liberation Army", "negated", "reported", "بی ایل اے", "denied"),
        ("Tehrik-i-Taliban Pakistan", "affirmed", "alleged", "ٹی ٹی پی", "claimed")]


# -- digests and the actor pack ---------------------------------------------------------

def test_a_digest_heading_gives_each_item_its_date_and_place(extractor):
    text = ("Selected incidents, 2024\n\n"
            "16 Mar 2024 · Mir Ali, North Waziristan · Suicide attack\n"
            "A suicide bomber rammed an explosives-laden vehicle into a security post, "
            "killing seven soldiers.\n\n"
            "20 Mar 2024 · Gwadar, Balochistan · Armed assault\n"
            "Gunmen stormed a government complex. The BLA claimed the raid.\n")
    rec = record(extractor, text, published=PUBLISHED)
    first, second = sorted(_incidents(rec), key=lambda e: e.mentions[0].start)
    places = {e.id: e.name for e in rec.entities}
    assert (first.incident.date, places[first.incident.place]) == ("2024-03-16", "Mir Ali")
    assert (second.incident.date, places[second.incident.place]) == ("2024-03-20", "Gwadar")
    assert [c.object for c in rec.claims if c.predicate == "perpetrated"] == [second.id]


def test_an_incident_the_pack_knows_is_its_pack_event(extractor):
    text = ("03 Jan 2021 · Mach, Bolan district, Balochistan\n"
            "Gunmen abducted eleven coal miners near Mach and killed them. The Islamic "
            "State group claimed responsibility.\n")
    rec = record(extractor, text, published=PUBLISHED)
    incident = _one_incident(rec)
    assert (incident.pack_id, incident.name) == ("mach_killings", "Mach killings")
    assert not incident.incident.generated
    assert _perpetrators(rec) == [("Islamic State", "affirmed", "alleged",
                                   "The Islamic State group", "claimed")]


def test_a_state_an_attack_was_planned_in_unless_that_is_doubted(extractor):
    told = ("A suicide bomber struck a police station in Bannu on Monday. Officials said the "
            "attack had been planned in Afghanistan.")
    rec = record(extractor, told, published=PUBLISHED)
    assert [(c.predicate, str(c.polarity), str(c.modality), c.source.text)
            for c in rec.claims if _name(rec, c.subject) == "Afghanistan"] == [
        ("involved_in", "affirmed", "reported", "Officials")]
    doubted = told.replace("said the attack", "said there was no evidence that the attack")
    rec = record(extractor, doubted, published=PUBLISHED)
    assert not [c for c in rec.claims if _name(rec, c.subject) == "Afghanistan"]


def test_a_spokesman_saying_his_group_had_nothing_to_do_with_it_is_its_denial(extractor):
    rec = record(extractor, "A suicide bomber struck a mosque in Peshawar on Monday. The TTP's "
                            "spokesman, Mohammad Khurasani, said the group had nothing to do "
                            "with it.", published=PUBLISHED)
    [(group, polarity, modality, source, how)] = _perpetrators(rec)
    assert (group, polarity, modality, how) == ("Tehrik-i-Taliban Pakistan", "negated",
                                                 "reported", "denied")
    assert "spokesman" in source
