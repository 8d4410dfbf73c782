"""The shortcuts taken for speed give what the slow way gives.

Each shortcut (a date read without dateparser, years found without a pass over every
token, a paragraph's language without lingua, a claim's reading reused for claims of
the same trigger) is checked here against the way it replaces, on inputs of its own.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from threatnet.extract import language, sentences, timex

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
ABBREVIATIONS = ("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct",
                 "Nov", "Dec")
# publication days around a leap day and at month ends, where a guess would go wrong
PUBLISHED = ("2024-02-29", "2024-03-01", "2023-01-31", "2022-12-31", "2021-01-01",
             "2020-07-10", "2024-01-30")


def _slow(text: str, published: str | None) -> str | None:
    """`normalise` as it is without the shortcut: dateparser for every other form."""
    shortcut = timex._without_dateparser
    timex._without_dateparser = lambda lower, published: None
    try:
        return timex.normalise.__wrapped__(text, published)
    finally:
        timex._without_dateparser = shortcut


def _fast(text: str, published: str | None) -> str | None:
    return timex.normalise.__wrapped__(text, published)


def _direct(text: str, published: str | None) -> bool:
    return timex._without_dateparser(text.casefold(), published) is not None


@pytest.mark.parametrize("published", PUBLISHED)
def test_day_and_month_without_a_year_read_as_dateparser_reads_them(published):
    texts = [form.format(d=d, M=month)
             for n, month in enumerate(MONTHS)
             for d in (1, 15, 28 + n % 4)  # 28th to 31st: some of them no such day
             for form in ("{d} {M}", "{M} {d}", "{d}th of {M}", "{M} {d}th")]
    texts += list(MONTHS)
    for text in texts:
        assert _fast(text, published) == _slow(text, published), (text, published)
    # the shortcut is taken for most of them (not only left to dateparser)
    assert sum(_direct(t, published) for t in texts) > len(texts) * 0.8


def test_every_month_alone_against_every_publication_day_of_a_leap_year():
    day = date(2024, 1, 1)
    while day.year == 2024:
        for month in MONTHS[day.day % 3::3]:  # a third of the months each day
            assert _fast(month, day.isoformat()) == _slow(month, day.isoformat()), \
                (month, day)
        day += timedelta(days=1)


def test_abbreviated_months_and_parts_of_a_year_read_as_dateparser_reads_them():
    texts = []
    for year in (1998, 2014, 2024):
        for n, month in enumerate(ABBREVIATIONS):
            day = 1 + (n * 5) % 31
            texts += [f"{day} {month} {year}", f"{month} {day}, {year}", f"{month}. {day}, {year}",
                      f"{month} {year}", f"{month}. {year}", f"{day}th {month} {year}",
                      f"{month} 31, {year}"]
        for part in ("early", "mid", "late", "Late", "Mid"):
            texts += [f"{part} {year}", f"{part}-{year}",
                      *(f"{part} {m} {year}" for m in MONTHS)]
    for text in texts:
        assert _fast(text, "2025-06-15") == _slow(text, "2025-06-15"), text
    assert all(_direct(t, "2025-06-15") for t in texts if "31," not in t)


def test_forms_left_to_dateparser():
    for text in ("last August", "the previous month", "between 2017 and 2018", "October 2020",
                 "29 February"):
        assert not _direct(text, "2021-01-01"), text
    assert not _direct("20 March", None)  # no publication day to count back from
    assert not _direct("20 March", "2024-03-01T10:00")  # a time of day: dateparser's care


def _date_spans_by_token_scan(doc) -> list[tuple[int, int]]:
    spans = [e for e in doc.ents if e.label_ == "DATE" or
             (e.label_ == "TIME" and timex._DAY_WORDS.search(e.text))]
    covered = {i for e in spans for i in range(e.start, e.end)}
    spans += [doc[t.i:t.i + 1] for t in doc
              if t.i not in covered and t.like_num and timex._YEAR.fullmatch(t.text)]
    return [(s.start, s.end) for s in sorted(spans, key=lambda s: s.start)]


def test_years_found_in_the_text_are_the_year_tokens(nlp):
    doc = nlp("The group, active 2009 to 2013, grew. After the 1998-2001 campaign it "
              "(12018 or 2020s men) grew, with 2,014 fighters and 20189 rifles by 2019 "
              "and 1870 guns in 2016-17.")
    found = [(s.start, s.end) for s in timex.date_spans(doc)]
    assert found == _date_spans_by_token_scan(doc)
    ents = {(e.start, e.end) for e in doc.ents}
    scanned = [doc[s:e].text for s, e in found if (s, e) not in ents]
    assert "2013" in scanned  # some years only the scan finds, and only years
    assert all(len(text) == 4 and text.isdigit() for text in scanned)


def test_a_paragraph_in_letters_only_urdu_writes_is_urdu_without_lingua(monkeypatch):
    text = "بی ایل اے نے حملے کی ذمہ داری قبول کر لی ہے۔"
    expected = language.detect(text)

    def refuse():
        raise AssertionError("lingua consulted for a paragraph in Urdu letters")

    monkeypatch.setattr(language, "_detector", refuse)
    assert language.detect(text) == expected == "ur"


def test_paragraph_numbers_count_the_tokens_that_hold_a_line_break(nlp):
    for text in ("The TTP attacked.\n\nIt said so. Then\nmore.\n", "\n\nx", "x \n y\n",
                 "The group.\n\n\n  It was.  \nThen.", "No break at all.", ""):
        doc = nlp(text)
        expected, paragraph = [], 0
        for tok in doc:  # the way it replaces: a look at every token
            expected.append(paragraph)
            if "\n" in tok.whitespace_ or (tok.is_space and "\n" in tok.text):
                paragraph += 1
        assert sentences.paragraph_numbers(doc) == expected, text
        assert sentences.span_text(doc[:]) == doc[:].text


def test_tokens_whose_word_is_listed_are_the_tokens_a_scan_finds(nlp):
    from spacy.attrs import LEMMA, LOWER, ORTH

    doc = nlp("The Groups attacked. The group (TTP) said the attack, an Attack on Police, "
              "was theirs; they and Them denied it ( ) twice.")
    heads = frozenset({"group", "attack"})
    for _ in range(2):  # the second time from the hashes kept the first time
        assert sentences.tokens_whose(doc, LOWER, heads) == \
            [t.i for t in doc if t.lower_ in heads]
        assert sentences.tokens_whose(doc, LEMMA, heads, casefold=True) == \
            [t.i for t in doc if t.lemma_.casefold() in heads]
        assert sentences.tokens_whose(doc, ORTH, frozenset("(")) == \
            [t.i for t in doc if t.text == "("]
    assert sentences.tokens_whose(nlp(""), LOWER, heads) == []


# sentences of the families the relation loop's shortcut must not skip: a frame verb or
# noun, a role noun, "under" a person, a group left to found another, deeds done jointly
# or "together with" someone, a stance prefix, a person's group, a unit of a group
RELATION_TEXTS = (
    "The Tehrik-i-Taliban Pakistan (TTP) attacked a police post in Bannu. Its commander "
    "Noor Wali Mehsud said the group jointly carried out the raid with Lashkar-e-Jhangvi.",
    "In 2014 a group of commanders left the TTP to form Jamaat-ul-Ahrar, which broke away "
    "in 2017 under Mukarram Khan. The pro-Taliban Haqqani Network and the anti-Taliban "
    "ISKP clashed in Nangarhar.",
    "Mangal Bagh's Lashkar-e-Islam and the TTP together attacked a checkpoint. The BLA's "
    "Majid Brigade claimed the attack; Jaish-e-Mohammed, a Pakistan-based group, is "
    "funded by al-Qaeda and operates in Kashmir.",
)


def test_relation_loop_visits_every_token_that_can_start_a_claim(extractor, monkeypatch):
    """`RelationFinder.find` visits only the tokens `_may_trigger` picks out of the
    parse arrays; visiting every token gives the same record."""
    from threatnet.extract.relations import RelationFinder
    from threatnet.ingest import document_from_text

    def record(text):
        found = extractor.extract(document_from_text(text, source="test.txt",
                                                     published="2024-05-01"))
        return found.entities, found.claims

    for text in RELATION_TEXTS:
        fast = record(text)
        with monkeypatch.context() as m:
            m.setattr(RelationFinder, "_may_trigger",
                      lambda self, doc, token_entity: list(range(len(doc))))
            slow = record(text)
        assert fast == slow, text
        assert fast[1], text  # the texts make claims: the comparison is not of nothing


def test_acronyms_found_by_their_first_token_as_by_every_length(extractor, nlp):
    """The alias matcher looks up only the acronym lengths a token starts, not every
    length up to the longest name: the same matches."""
    matcher = extractor.entities.matcher

    def every_length(texts):
        out = []
        for i, text in enumerate(texts):
            if not any(c.isupper() for c in text):
                continue
            for length in range(min(matcher._max, len(texts) - i), 0, -1):
                targets = matcher._acronyms.get(tuple(texts[i:i + length]))
                if targets:
                    out.append((i, i + length, targets[0].entry_id))
                    break
        return out

    for text in RELATION_TEXTS + ("TTP, BLA and the US; JeM's IED. ISKP", "TTP"):
        texts = [t.text for t in nlp(text)]
        assert [(m.start, m.end, m.entry_id) for m in matcher._acronym_matches(texts)] == \
            every_length(texts), text
    assert every_length([t.text for t in nlp(RELATION_TEXTS[0])])  # "TTP" is found
