"""Labelled-field incident records and legal / investigative attributions (round 5).

Each family in three phrasings of our own: records with varied labels, inline or one per
line, with or without a header; and charge-sheets, prosecution cases, convictions,
acquittals and investigators' conclusions, each bound to the incident the text is about
with the attribution kept exact."""

from __future__ import annotations

import pytest
from claimrows import BLA, TTP, incidents_in_order, record, who_did

from threatnet.extract.incident_fields import find_records
from threatnet.model import ExtractionRecord

LEJ = "Lashkar-e-Jhangvi"
ISKP = "Islamic State Khorasan Province"



def _where(rec: ExtractionRecord) -> list[tuple[str | None, str | None]]:
    names = {e.id: e.name for e in rec.entities}
    return [(e.incident.date, names.get(e.incident.place)) for e in incidents_in_order(rec)]


# -- family 1: labelled-field records --------------------------------------------------

# one field per line, a header line, a sentence in the responsibility field
LOG_ONE_PER_LINE = """Security incident log: northern districts

Entry 44-B
Incident date: 3 April 2021
Place: Shewa village, Bannu district, Khyber Pakhtunkhwa
Description: Unidentified men on motorbikes fired at a polio vaccination team, then fled.
Killed: 2
Target: polio workers
Responsibility: The Tehrik-i-Taliban Pakistan claimed responsibility in a statement.

Entry 45-B
Incident date: 9 April 2021
Place: Turbat, Kech district, Balochistan
Description: A roadside bomb struck a vehicle carrying labourers to a construction site.
Wounded: 5
Responsibility: No group claimed responsibility.
"""

# several fields on one line, no header, bare group names with a cue in brackets
LOG_INLINE = """Monthly extract, May 2022

Date: 14 May 2022. Location: Quetta, Balochistan. Perpetrator group: Lashkar-e-Jhangvi (suspected).
Narrative: A gunman shot dead two Hazara shopkeepers in a market and escaped.

Date: 27 May 2022. Location: Peshawar. Claimed by: Islamic State Khorasan Province.
Narrative: An explosive device placed under a cart went off outside a Shia mosque.
"""

# a log with bare fields only: a plain perpetrator, an attribution by police, a denial
LOG_BARE = """Case file summaries

Case No. 118/2019
Date of incident: 02/11/2019 | District: Gwadar | Attack type: Armed assault
Details: Attackers stormed a hotel used by visiting engineers.
Perpetrator: Balochistan Liberation Army
Casualties: 4 killed, 6 wounded

Case No. 119/2019
Date of incident: 02/20/2019 | District: Kech | Attack type: Bombing
Details: An improvised device exploded near a police van in the main bazaar.
Attributed to: Lashkar-e-Jhangvi, by police; the group denied it.
"""


def test_records_are_found_whatever_the_layout():
    assert len(find_records(LOG_ONE_PER_LINE)) == 2
    assert len(find_records(LOG_INLINE)) == 2
    assert len(find_records(LOG_BARE)) == 2
    # bars between fields, bullets and bold labels
    bars = find_records("Event date: 2023-02-17 | Admin2: Kech | Actor 1: BLF | Fatalities: 2\n"
                        "Notes: BLF militants attacked a post.\n")
    assert [f.kind for f in bars[0][3]] == ["date", "place", "perpetrator", "killed", "notes"]
    bold = find_records("- **Date:** 5 March 2023\n- **Location:** Bannu\n"
                        "- **Summary:** Gunmen shot dead a constable.\n")
    assert [f.kind for f in bold[0][3]] == ["date", "place", "summary"]
    # numbered headers and rules between records
    ruled = find_records("Incident #3\nDate: 5 March 2023\nLocation: Bannu\nPerpetrator: TTP\n"
                         "---\nIncident #4\nDate: 6 March 2023\nLocation: Tank\n"
                         "Perpetrator: Unknown\n")
    assert [len(r[3]) for r in ruled] == [3, 3]
    # a sanctions entry's fields are no incident record
    assert not find_records("Name: Sajid Mir\nDate of listing: 29 July 2011\n"
                            "Other names: Sajid Majeed\n")


def test_each_record_is_one_incident_with_its_date_and_place(extractor):
    one = record(extractor, LOG_ONE_PER_LINE, published="2021-05-01")
    assert _where(one) == [("2021-04-03", "Shewa"), ("2021-04-09", "Turbat")]
    inline = record(extractor, LOG_INLINE, published="2022-06-01")
    assert _where(inline) == [("2022-05-14", "Quetta"), ("2022-05-27", "Peshawar")]
    bare = record(extractor, LOG_BARE, published="2019-03-01")
    assert _where(bare) == [("2019-02-11", "Gwadar"), ("2019-02-20", "Kech")]


def test_the_responsibility_field_binds_to_its_own_record_only(extractor):
    rec = record(extractor, LOG_ONE_PER_LINE, published="2021-05-01")
    who = who_did(rec)
    assert (TTP, 0, "affirmed", "alleged", "The Tehrik-i-Taliban Pakistan") in who
    assert not any(n == 1 for _, n, *_ in who)  # "No group claimed": nothing, no leak


def test_bare_perpetrator_fields_keep_how_the_record_attributes(extractor):
    inline = who_did(record(extractor, LOG_INLINE, published="2022-06-01"))
    assert (LEJ, 0, "affirmed", "believed", None) in inline
    assert any(w[:4] == (ISKP, 1, "affirmed", "alleged") for w in inline)
    assert not any(w[0] == LEJ and w[1] == 1 for w in inline)
    bare = who_did(record(extractor, LOG_BARE, published="2019-03-01"))
    assert (BLA, 0, "affirmed", "asserted", None) in bare
    assert (LEJ, 1, "affirmed", "reported", "police") in bare
    assert not any(w[3] == "asserted" and w[1] == 1 for w in bare)


def test_target_and_toll_fields(extractor):
    rec = record(extractor, LOG_ONE_PER_LINE, published="2021-05-01")
    names = {e.id: e.name for e in rec.entities}
    struck = [(names[c.object], c.qualifiers.get("killed")) for c in rec.claims
              if c.predicate == "targets" and names[c.subject] == incidents_in_order(rec)[0].name]
    assert ("polio workers", 2) in struck


# -- family 2: legal and investigative attributions ------------------------------------

# a trial and its appeal: a conviction, an acquittal by the appeal court, a plea
TRIAL = """Case note: the Quetta market bombing

On 3 March 2016, a bomb exploded in a crowded market in Quetta, killing eleven people.
Counter-terrorism police arrested Nadir Baloch and Sameer Khan in April 2016.
Nadir Baloch and Sameer Khan both pleaded not guilty.
In 2018 an anti-terrorism court convicted Nadir Baloch and sentenced him to death.
In 2021 the Balochistan High Court acquitted Sameer Khan, holding that the evidence
against him was weak.
"""

# a charge-sheet: the prosecution's case, a charge, an acquittal in the passive
CHARGE_SHEET = """Charge-sheet summary

A car bomb exploded outside a police station in Dera Ismail Khan on 9 June 2019, killing
four officers.
The prosecution's case was that the attack had been planned by the Tehrik-i-Taliban Pakistan.
Rashid Mehsud was charged with the murder of the four officers.
Imran Mehsud was acquitted by the trial court in 2022.
"""

# an investigation: investigators' finding, an indictment, a denial of the charges
INQUIRY = """Investigation summary

Gunmen stormed a Shia mosque in Peshawar on 4 March 2022 and killed 60 worshippers.
Investigators said the attack had been directed by the Islamic State Khorasan Province.
A federal court later indicted Tariq Afridi for his part in the attack.
Tariq Afridi denied the charges.
"""


def _legal(rec: ExtractionRecord) -> set[tuple[str, str, str, str | None]]:
    """(who, polarity, modality, source) of the claims of who did the first incident."""
    return {(w[0], w[2], w[3], w[4]) for w in who_did(rec) if w[1] == 0}


def test_convictions_acquittals_and_pleas(extractor):
    who = _legal(record(extractor, TRIAL, published="2021-06-01"))
    assert ("Nadir Baloch", "affirmed", "reported", "an anti-terrorism court") in who
    assert ("Sameer Khan", "negated", "reported", "the Balochistan High Court") in who
    assert any(w[0] == "Nadir Baloch" and w[1] == "negated" for w in who)  # his plea
    assert not any(w[0] == "Sameer Khan" and w[1] == "affirmed" and w[2] == "asserted"
                   for w in who)


def test_the_prosecutions_case_and_a_charge(extractor):
    who = _legal(record(extractor, CHARGE_SHEET, published="2022-09-01"))
    assert (TTP, "affirmed", "alleged", "The prosecution") in who
    assert ("Rashid Mehsud", "affirmed", "alleged", None) in who
    assert ("Imran Mehsud", "negated", "reported", "the trial court") in who
    assert not any(w[2] == "asserted" and w[1] == "affirmed" for w in who)


def test_investigators_finding_an_indictment_and_a_denial(extractor):
    who = _legal(record(extractor, INQUIRY, published="2023-01-10"))
    assert (ISKP, "affirmed", "reported", "Investigators") in who
    assert ("Tariq Afridi", "affirmed", "alleged", "A federal court") in who
    assert ("Tariq Afridi", "negated", "reported", "Tariq Afridi") in who


def test_a_later_sentence_of_a_record_refers_to_its_incident(extractor):
    log = ("Incident 2020-077\n"
           "Date: 12 August 2020. Location: Chaman, Killa Abdullah district.\n"
           "Description: A motorcycle fitted with explosives went off beside a market.\n"
           "Notes: Levies officials later said the bombing had been planned by the "
           "Lashkar-e-Jhangvi.\n")
    who = who_did(record(extractor, log, published="2020-09-01"))
    assert any(w[:4] == (LEJ, 0, "affirmed", "reported") for w in who)
    assert not any(w[3] == "asserted" for w in who)


# weapons carried or planted, and a verdict whose accused the paragraph named before
WEAPONS = """Trial summary: the Quetta bus bombing

A bomb tore through a bus in Quetta on 5 May 2017, killing seven passengers.
Investigators said Jamil Ahmed and Shakir Ullah had planted the bomb.
The prosecution alleged that Hamid Raza had carried the explosives to the bus stand.
In 2020 the High Court overturned Hamid Raza's murder conviction.
It upheld only a conspiracy conviction and sentenced him to five years.
"""


def test_weapons_planted_and_a_verdict_carried_over(extractor):
    who = _legal(record(extractor, WEAPONS, published="2021-01-10"))
    assert ("Jamil Ahmed", "affirmed", "reported", "Investigators") in who
    assert ("Shakir Ullah", "affirmed", "reported", "Investigators") in who
    assert ("Hamid Raza", "affirmed", "alleged", "The prosecution") in who
    assert ("Hamid Raza", "negated", "reported", "the High Court") in who
    assert any(w[:2] == ("Hamid Raza", "affirmed") and w[2] == "reported" for w in who)


def test_a_verdict_in_a_news_digest_binds_to_no_guessed_incident(extractor):
    digest = ("Weekly security digest\n\n"
              "Gunmen attacked a police checkpoint in Bannu on 3 May 2023, killing two "
              "policemen. A bomb exploded at a market in Lakki Marwat on 9 May 2023. "
              "Separately, a court in Karachi convicted Rauf Khan of financing terrorism.\n")
    who = who_did(record(extractor, digest, published="2023-05-12"))
    assert len(incidents_in_order(record(extractor, digest, published="2023-05-12"))) == 2
    assert not any(w[0] == "Rauf Khan" for w in who)


@pytest.mark.parametrize("label, value, expected", [
    ("Perpetrator", "Tehrik-i-Taliban Pakistan, per police", ("reported", "police")),
    ("Responsibility", "TTP (according to officials)", ("reported", "officials")),
    ("Perpetrator group", "TTP (claimed responsibility)", ("alleged", "TTP")),
    ("Suspected perpetrator", "Tehrik-i-Taliban Pakistan", ("believed", None)),
])
def test_a_bare_value_keeps_who_says_so(extractor, label, value, expected):
    log = ("Log\nDate: 4 June 2020. Location: Turbat, Kech district.\n"
           "Summary: Gunmen attacked a Frontier Corps post.\n"
           f"{label}: {value}\n")
    who = who_did(record(extractor, log, published="2021-01-01"))
    assert (TTP, 0, "affirmed", *expected) in who
    assert not any(w[3] == "asserted" for w in who)


def test_a_reports_metadata_block_is_no_incident(extractor):
    text = ("Date: 12 May 2023\nLocation: Islamabad\n"
            "Summary: This paper examines how the Tehrik-i-Taliban Pakistan finances itself.\n\n"
            "The group raises money through extortion in the tribal districts.\n")
    assert find_records(text)  # a record by its fields …
    assert not incidents_in_order(record(extractor, text, published="2023-05-12"))  # … no incident
