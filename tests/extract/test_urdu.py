"""Urdu: language per paragraph, folded Urdu-script keys, pack names in Urdu, claims by pattern."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from threatnet.extract import language
from threatnet.extract.urdu_text import key, normalise, sentences
from threatnet.ingest import document_from_text

REPO = Path(__file__).resolve().parents[2]
# an English report with an Urdu headline at its foot: the drones report written for the
# graph tests with a headline of ours; the published seed report too when ../shared is there
DRONES_REPORT = REPO / "tests" / "analyse" / "data" / "bla-ttp-drones-2024.txt"
OWN_HEADLINE = "خطے کے امن کو خطرہ، ترکستان اسلامک پارٹی کا بی ایل اے اور ٹی ٹی پی کی حمایت"
SEED = REPO.parent / "shared" / "corpus" / "dev" / "seed-tip-bla-ttp.txt"
HEADLINED = [pytest.param(lambda: DRONES_REPORT.read_text(encoding="utf-8") + OWN_HEADLINE,
                          "خطے", id="own")]
if SEED.is_file():
    HEADLINED.append(pytest.param(lambda: SEED.read_text(encoding="utf-8"), "عالمی امن",
                                  id="shared-seed"))


def _extract(extractor, text: str) -> dict:
    return extractor.extract(document_from_text(text, source="test")).to_dict()


def _claims(record: dict) -> set[tuple]:
    """(subject pack id, predicate, object pack id, polarity, modality, source)"""
    pack = {e["id"]: e.get("pack_id") for e in record["entities"]}
    return {(pack[c["subject"]], c["predicate"], pack[c["object"]], c["polarity"],
             c["modality"], c["source"]) for c in record["claims"]}


# Sentences written for these tests, each with every claim it must give and no other.
SENTENCES = [
    # BLA attacked Chinese nationals in Karachi (oblique plural شہریوں)
    ("بی ایل اے نے کراچی میں چینی شہریوں پر حملہ کیا۔",
     {("bla", "attacks", "chinese_nationals", "affirmed", "reported", None)}),
    # police officials said that the TTP targeted the Pakistan Army
    ("پولیس حکام نے کہا کہ ٹی ٹی پی نے پاک فوج کو نشانہ بنایا۔",
     {("ttp", "targets", "pakistan_army", "affirmed", "reported", "پولیس حکام")}),
    # Jamaat-ul-Ahrar claimed responsibility for the attack on the army: its own word
    # (alleged, as in English; and the attack is an incident it claims: docs/incidents.md)
    ("جماعت الاحرار نے پاک فوج پر حملے کی ذمہ داری قبول کی۔",
     {("jamaat_ul_ahrar", "attacks", "pakistan_army", "affirmed", "alleged",
       "جماعت الاحرار"),
      ("jamaat_ul_ahrar", "perpetrated", None, "affirmed", "alleged", "جماعت الاحرار")}),
    # the Afghan Taliban denied supporting the TTP
    ("افغان طالبان نے ٹی ٹی پی کی حمایت کی تردید کی۔",
     {("taliban", "supports", "ttp", "negated", "reported", "افغان طالبان")}),
    # the TTP allegedly helps the BLA
    ("ٹی ٹی پی مبینہ طور پر بی ایل اے کی مدد کرتی ہے۔",
     {("ttp", "supports", "bla", "affirmed", "alleged", None)}),
    # TIP may threaten China
    ("ترکستان اسلامک پارٹی ممکنہ طور پر چین کو دھمکی دے سکتی ہے۔",
     {("tip", "hostile_to", "china", "affirmed", "possible", None)}),
    # according to the CTD, ISKP carried out an operation against the Taliban
    ("محکمہ انسداد دہشت گردی کے مطابق داعش خراسان نے طالبان کے خلاف کارروائی کی۔",
     {("iskp", "attacks", "taliban", "affirmed", "reported", "محکمہ انسداد دہشت گردی")}),
    # the Haqqani network does not support the TTP
    ("حقانی نیٹ ورک ٹی ٹی پی کی حمایت نہیں کرتا۔",
     {("haqqani_network", "supports", "ttp", "negated", "reported", None)}),
    # sources say al-Qaeda backs the TTP
    ("ذرائع کا کہنا ہے کہ القاعدہ ٹی ٹی پی کی پشت پناہی کرتی ہے۔",
     {("al_qaeda", "supports", "ttp", "affirmed", "reported", "ذرائع")}),
    # ISKP fought the Afghan Taliban
    ("داعش خراسان نے افغان طالبان کے خلاف جنگ کی۔",
     {("iskp", "fights", "taliban", "affirmed", "reported", None)}),
    # LeT and JeM attacked India: both subjects
    ("لشکر طیبہ اور جیش محمد نے بھارت پر حملے کیے۔",
     {("lashkar_e_taiba", "attacks", "india", "affirmed", "reported", None),
      ("jem", "attacks", "india", "affirmed", "reported", None)}),
    # if the Afghan Taliban support the TTP, Pakistan will respond
    ("اگر افغان طالبان ٹی ٹی پی کی حمایت کریں تو پاکستان ردعمل دے گا۔",
     {("taliban", "supports", "ttp", "affirmed", "hypothetical", None)}),
    # ISPR confirmed that the TTP attacked the army: a confirmation is asserted
    ("آئی ایس پی آر نے تصدیق کی کہ ٹی ٹی پی نے پاک فوج پر حملہ کیا۔",
     {("ttp", "attacks", "pakistan_army", "affirmed", "asserted", "آئی ایس پی آر")}),
    # Arabic-keyboard spelling (ك ه ي) of Lashkar-e-Jhangvi targeting the Hazaras
    ("لشكر جهنگوي نے ہزارہ کو نشانہ بنایا۔",
     {("lej", "targets", "hazaras", "affirmed", "reported", None)}),
    # Islamic State Khorasan written out; two objects in a list
    ("دولت اسلامیہ خراسان نے طالبان، حقانی نیٹ ورک اور چین کو دھمکیاں دیں۔",
     {("iskp", "hostile_to", "taliban", "affirmed", "reported", None),
      ("iskp", "hostile_to", "haqqani_network", "affirmed", "reported", None),
      ("iskp", "hostile_to", "china", "affirmed", "reported", None)}),
    # the TTP enjoys the Afghan Taliban's support: the giver is the subject
    ("ٹی ٹی پی کو افغان طالبان کی حمایت حاصل ہے۔",
     {("taliban", "supports", "ttp", "affirmed", "reported", None)}),
    # a place before the subject, marked by میں, is not the subject
    ("پاکستان میں ٹی ٹی پی بی ایل اے کی حمایت کرتی ہے۔",
     {("ttp", "supports", "bla", "affirmed", "reported", None)}),
    # no cue, no claim: the TTP and the BLA are in Balochistan
    ("ٹی ٹی پی اور بی ایل اے بلوچستان میں موجود ہیں۔", set()),
]


@pytest.mark.parametrize("text,expected", SENTENCES, ids=[f"s{i}" for i in range(len(SENTENCES))])
def test_urdu_sentence_claims(extractor, check_record, text, expected):
    record = _extract(extractor, text)
    check_record(record, text)
    assert _claims(record) == expected
    assert record["document"]["language"] == "ur"
    # an Urdu claim of these patterns always has a cue's source; an English clause the words
    # happen to make ("BLA attacked ٹی ٹی پی") may be the author's own assertion
    for claim in record["claims"]:
        if not any("a" <= c.lower() <= "z" for c in claim["evidence"]["text"]):
            assert claim["modality"] != "asserted" or claim["source"] is not None


@pytest.mark.parametrize(("read", "headline"), HEADLINED)
def test_urdu_headline_names_tip_bla_ttp(extractor, check_record, read, headline):
    text = read()
    headline_start = text.index(headline)
    headline_end = text.index("\n", headline_start) if "\n" in text[headline_start:] \
        else len(text.rstrip())
    record = _extract(extractor, text)
    check_record(record, text)
    found = {e["pack_id"]: e["mentions"] for e in record["entities"] if e.get("pack_id")}
    for pack_id, surface in (("tip", "ترکستان اسلامک پارٹی"), ("bla", "بی ایل اے"),
                             ("ttp", "ٹی ٹی پی")):
        in_headline = [m for m in found[pack_id] if headline_start <= m["start"] < headline_end]
        assert [m["text"] for m in in_headline] == [surface]
    headline = {c for c in _claims({"entities": record["entities"], "claims": [
        c for c in record["claims"] if c["evidence"]["start"] >= headline_start]})}
    assert headline == {("tip", "supports", "bla", "affirmed", "reported", None),
                        ("tip", "supports", "ttp", "affirmed", "reported", None)}
    assert record["document"]["language"] == "en"


def test_spelling_variants_keep_offsets_into_the_stored_text(extractor, check_record):
    # zero-width non-joiners inside the acronym, a tatweel and a zabar in the population
    text = "بی\u200cایل\u200cاے نے چـینی شَہریوں پر حملہ کیا۔"
    record = _extract(extractor, text)
    check_record(record, text)
    by_pack = {e["pack_id"]: e for e in record["entities"]}
    assert by_pack["bla"]["mentions"][0]["text"] == "بی\u200cایل\u200cاے"
    assert by_pack["chinese_nationals"]["mentions"][0]["text"] == "چـینی شَہریوں"
    assert _claims(record) == {("bla", "attacks", "chinese_nationals", "affirmed", "reported",
                                None)}


def test_pashto_spelled_names_in_urdu_text(extractor, check_record):
    text = "د افغانستان اسلامي امارت نے ننګرهار میں داعش خراسان پر حملہ کیا۔"
    record = _extract(extractor, text)
    check_record(record, text)
    mentions = {e["pack_id"]: [m["text"] for m in e["mentions"]] for e in record["entities"]}
    assert mentions == {"taliban": ["د افغانستان اسلامي امارت"], "nangarhar": ["ننګرهار"],
                        "iskp": ["داعش خراسان"]}
    assert _claims(record) == {("taliban", "attacks", "iskp", "affirmed", "reported", None)}


def test_urdu_full_stop_and_question_mark_split_sentences(extractor, check_record):
    text = "دولت اسلامیہ خراسان نے طالبان پر حملہ کیا؟ ٹی ٹی پی نے بی ایل اے کی حمایت کی۔"
    record = _extract(extractor, text)
    check_record(record, text)
    # the question asserts nothing; the second sentence is its own evidence
    assert _claims(record) == {("ttp", "supports", "bla", "affirmed", "reported", None)}
    assert record["claims"][0]["evidence"]["text"] == "ٹی ٹی پی نے بی ایل اے کی حمایت کی۔"
    spans = [text[s.start:s.end] for s in sentences(text)]
    assert spans == ["دولت اسلامیہ خراسان نے طالبان پر حملہ کیا؟",
                     "ٹی ٹی پی نے بی ایل اے کی حمایت کی۔"]


def test_mixed_document_extracts_the_english_as_before(extractor, check_record):
    english = ("According to Taliban sources, the BLA possesses small drones. "
               "It is believed that TIP supports BLA in Balochistan.\n")
    urdu = "ٹی ٹی پی نے بی ایل اے کی حمایت کی۔\n"
    alone = _extract(extractor, english)
    mixed = _extract(extractor, english + urdu)
    check_record(mixed, english + urdu)

    def english_claims(record):
        names = {e["id"]: e["name"] for e in record["entities"]}
        return sorted((names[c["subject"]], c["predicate"], names[c["object"]], c["polarity"],
                       c["modality"], c["source"], c["evidence"]["start"], c["evidence"]["end"])
                      for c in record["claims"] if c["evidence"]["end"] <= len(english))

    assert alone["claims"] and english_claims(mixed) == english_claims(alone)
    urdu_claims = [c for c in mixed["claims"] if c["evidence"]["start"] >= len(english)]
    assert len(urdu_claims) == 1 and urdu_claims[0]["predicate"] == "supports"
    assert mixed["document"]["language"] == "en"


def test_persian_paragraph_gives_names_not_claims(extractor, check_record):
    text = "سپاه پاسداران از فاطمیون حمایت می‌کند."
    record = _extract(extractor, text)
    check_record(record, text)
    assert {"irgc", "fatemiyoun"} <= {e.get("pack_id") for e in record["entities"]}
    assert record["claims"] == []
    assert record["document"]["language"] == "fa"


def test_english_never_asks_the_detector(extractor, monkeypatch):
    def refuse():
        raise AssertionError("lingua consulted for a paragraph without Arabic script")

    monkeypatch.setattr(language, "_detector", refuse)
    record = _extract(extractor, "The TTP attacked Chinese nationals in Bannu.")
    assert record["claims"] and record["document"]["language"] == "en"
    assert language.detect("Tehrik-i-Taliban Pakistan (تحریک طالبان پاکستان) is banned.") == "en"


def test_paragraph_languages():
    text = "The BLA is banned.\n\nبی ایل اے کالعدم تنظیم ہے۔\nقالت الحكومة إن الهجوم وقع"
    found = [(text[p.start:p.end], p.language) for p in language.paragraphs(text)]
    assert found == [("The BLA is banned.", "en"), ("بی ایل اے کالعدم تنظیم ہے۔", "ur"),
                     ("قالت الحكومة إن الهجوم وقع", "ar")]


def test_keys_fold_variants_and_map_back():
    assert key("تحريك طالبان پاكستان") == key("تحریک طالبان پاکستان")
    assert key("دعویٰ") == key("دعوی")
    assert key("ئ") == key("ی\u0654")  # precomposed and decomposed hamza meet
    assert key("جهنگ") == key("جھنگ") == key("جہنگ")
    assert key("ننګرهار") == key("ننگرہار") and key("ټي ټي پي") == key("ٹی ٹی پی")  # Pashto
    text = "بـی\u200cایل اَے"
    folded, offsets = normalise(text)
    assert folded == "بیایل اے"
    assert len(offsets) == len(folded)
    assert all(key(text[o]) in (folded[n], "") or folded[n] == " "
               for n, o in enumerate(offsets))
    assert [text[o] for o in offsets] == ["ب", "ی", "ا", "ی", "ل", " ", "ا", "ے"]


URDU_VOCABULARY = [
    "ٹی ٹی پی", "بی\u200cایل\u200cاے", "بی ایل اے", "لشكر جهنگوي", "چـینی شَہریوں", "پاکستان",
    "نے", "کی", "کا", "کو", "پر", "اور", "کہ", "حملہ", "حمایت", "نشانہ", "کہا", "تردید", "نہیں",
    "مبینہ طور پر", "کے مطابق", "ذمہ داری قبول", "دعویٰ", "۔", "؟", "،", "\n", "TTP", "BLA",
    "attacked", ".", "(", ")", "\u200b", "\u0654", "\u0640",
]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(URDU_VOCABULARY), min_size=1, max_size=40).map(" ".join))
def test_random_urdu_never_crashes_and_offsets_hold(extractor, check_record, text):
    if not text.strip():
        return
    record = _extract(extractor, text)
    check_record(record, document_from_text(text, source="test").text)
    # an Urdu claim of these patterns always has a cue's source; an English clause the words
    # happen to make ("BLA attacked ٹی ٹی پی") may be the author's own assertion
    for claim in record["claims"]:
        if not any("a" <= c.lower() <= "z" for c in claim["evidence"]["text"]):
            assert claim["modality"] != "asserted" or claim["source"] is not None
