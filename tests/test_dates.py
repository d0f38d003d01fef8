"""Dates extractor: hand-checked golden cases per language, the seed, and calendar logic."""

from __future__ import annotations

import json
import random
import time
from datetime import date

import pytest

from dashboard.extract import dates_grammar as grammar
from dashboard.extract import dates_resolve as cal
from dashboard.extract.dates import clause_tense, extract, parse_anchor
from dashboard.extract.dates_grammar import TENSE_VALUE_ONLY, Context
from dashboard.extract.dates_items import items
from dashboard.extract.dates_lexicon import date_lexicon
from dashboard.lexicon import DATA_DIR
from dashboard.model import Document
from dashboard.text import normalise
from tests.conftest import GOLDEN, LANGS, SEED, golden_cases


def _cases() -> list[tuple[str, dict]]:
    return golden_cases("dates")


def _found(text: str, lang: str, published: str) -> list[dict]:
    doc = Document("t", text, lang, published=published)
    return [
        {"text": m.text, "value": m.attrs["value"], "granularity": m.attrs["granularity"]}
        for m in extract(doc)
    ]


@pytest.mark.parametrize(("lang", "case"), _cases(), ids=lambda x: x if isinstance(x, str) else "")
def test_golden(lang: str, case: dict) -> None:
    assert _found(case["text"], lang, case.get("published", "")) == case["expected"]


@pytest.mark.parametrize("lang", LANGS)
def test_golden_files_are_big_enough_and_hold_negatives(lang: str) -> None:
    cases = json.loads((GOLDEN / f"dates_{lang}.json").read_text(encoding="utf-8"))
    assert len(cases) >= {"ar": 100, "en": 40, "es": 40}[lang]
    assert sum(not c["expected"] for c in cases) >= 10
    # Every case names its anchor (empty for "no published date") and each expectation its
    # value and granularity.
    assert all("published" in c for c in cases)
    assert all({"text", "value", "granularity"} <= set(e) for c in cases for e in c["expected"])


def test_golden_suite_holds_two_hundred_cases() -> None:
    assert len(_cases()) >= 200


def test_seed_exact_list() -> None:
    text = SEED.read_text(encoding="utf-8")
    doc = Document("seed", text, "ar", published="2025-11-01")
    got = [
        (m.text, m.attrs["value"], m.attrs["granularity"], m.attrs["relative"])
        for m in extract(doc)
    ]
    # "مؤخرًا" (recently) is vague and "20 عاما" a duration: neither is a date.
    assert got == [
        ("2025-11-01", "2025-11-01", "day", False),
        ("منتصف الشهر", "2025-10", "month", True),
        ("يوليو الماضي", "2025-07", "month", True),
    ]
    for m in extract(doc):
        assert text[m.start : m.end] == m.text


def test_relative_without_published_is_kept_unresolved() -> None:
    (m,) = extract(Document("t", "قال الوزير أمس إن المحادثات انتهت.", "ar"))
    assert m.attrs == {
        "value": "",
        "granularity": "day",
        "relative": True,
        "anchor": "",
        "period_start": "",
        "period_end": "",
    }
    (a,) = extract(Document("t", "وقعت الاتفاقية في 3 مارس 2014.", "ar"))
    assert a.attrs["value"] == "2014-03-03" and a.attrs["relative"] is False


def test_anchor_column_names_the_published_date() -> None:
    (m,) = extract(Document("t", "Prices fell yesterday.", "en", published="1987-03-04"))
    assert m.attrs["anchor"] == "1987-03-04" and m.attrs["relative"] is True
    (a,) = extract(Document("t", "Prices fell in 1986.", "en", published="1987-03-04"))
    assert a.attrs["anchor"] == "" and a.attrs["relative"] is False


def test_offsets_survive_diacritics_and_tatweel() -> None:
    text = "وقـال الوزير أمسِ إن العامَ المقبلَ سيشهد نموا."
    ms = extract(Document("t", text, "ar", published="2025-11-01"))
    assert [(m.text, m.attrs["value"]) for m in ms] == [
        ("أمسِ", "2025-10-31"),
        ("العامَ المقبلَ", "2026"),
    ]
    assert all(text[m.start : m.end] == m.text for m in ms)


def test_tense_decides_month_part() -> None:
    past = extract(Document("t", "زار الوفد بغداد منتصف الشهر.", "ar", published="2025-11-01"))
    future = extract(Document("t", "سيزور الوفد بغداد منتصف الشهر.", "ar", published="2025-11-01"))
    assert past[0].attrs["value"] == "2025-10"
    assert future[0].attrs["value"] == "2025-11"


def test_clause_tense_stops_at_sentence_end() -> None:
    from dashboard.extract.dates_items import items
    from dashboard.extract.dates_lexicon import date_lexicon
    from dashboard.text import normalise

    lex = date_lexicon("en")
    its = items(normalise("He visited Rome. Mid-month talks"), lex, "en")
    k = next(i for i, it in enumerate(its) if it.code == "R")
    assert clause_tense(its, (k, k + 1), lex, ()) == ""
    assert clause_tense(its, (2, 3), lex, ()) == "past"


@pytest.mark.parametrize(
    ("month", "anchor", "mod", "tense", "year"),
    [
        (7, date(2025, 11, 1), "last", "", 2025),
        (11, date(2025, 11, 1), "last", "", 2024),  # "نوفمبر الماضي" written in November
        (12, date(2025, 11, 1), "last", "", 2024),
        (3, date(2025, 11, 1), "next", "", 2026),
        (12, date(2025, 11, 1), "next", "", 2025),
        (12, date(2025, 2, 1), "", "past", 2024),
        (12, date(2025, 2, 1), "", "", 2024),  # no tense: a month 10 months ahead is last year's
        (5, date(2025, 2, 1), "", "", 2025),
        (12, date(2025, 2, 1), "", "future", 2025),
        (1, date(2025, 11, 1), "", "future", 2026),  # "سيعقد في يناير" written in November
        (7, date(2025, 11, 1), "before_last", "", 2024),
    ],
)
def test_year_of_month(month: int, anchor: date, mod: str, tense: str, year: int) -> None:
    assert cal.year_of_month(month, anchor, mod, tense) == year


def test_past_tense_keeps_a_day_shortly_after_publication() -> None:
    # "set April 1 for the debut" (past tense, a month ahead) is this year's April 1 ...
    assert cal.year_of_month(4, date(1987, 3, 2), "", "past", 1) == 1987
    # ... but a day half a year ahead in a past-tense clause is last year's.
    assert cal.year_of_month(9, date(1987, 3, 2), "", "past", 1) == 1986


@pytest.mark.parametrize(
    ("offset", "weekday", "expected"),
    [
        (0, 4, date(2015, 7, 31)),  # "اليوم الجمعة" on Friday 31 July: they agree
        (0, 0, date(2015, 7, 27)),  # "اليوم الاثنين" in a story dated Friday: written Monday
        (-1, 3, date(2015, 7, 30)),  # "أمس الخميس"
        (-1, 4, date(2015, 7, 31)),  # yesterday named as the next day: one day later, not six back
        (1, 1, date(2015, 7, 28)),  # "غدا الثلاثاء" in a story dated Friday: written Monday
    ],
)
def test_day_word_with_weekday(offset: int, weekday: int, expected: date) -> None:
    assert cal.day_with_weekday(date(2015, 7, 31), offset, weekday) == expected


@pytest.mark.parametrize(
    ("weekday", "mod", "tense", "expected"),
    [
        (2, "last", "", date(2025, 10, 29)),  # Saturday 1 Nov: last Wednesday
        (5, "last", "", date(2025, 10, 25)),  # "السبت الماضي" on a Saturday: a week back
        (5, "", "", date(2025, 11, 1)),  # bare weekday = the publication day itself
        (0, "next", "", date(2025, 11, 3)),
        (0, "", "future", date(2025, 11, 3)),
        (0, "", "past", date(2025, 10, 27)),
        (2, "before_last", "", date(2025, 10, 22)),  # "الأربعاء قبل الماضي"
    ],
)
def test_weekday_date(weekday: int, mod: str, tense: str, expected: date) -> None:
    assert cal.weekday_date(weekday, date(2025, 11, 1), mod, tense) == expected


def test_part_of_unit() -> None:
    first = date(2025, 11, 1)
    assert cal.part_of_unit("month", "mid", first, "", "past") == ("2025-10", "month")
    assert cal.part_of_unit("month", "early", first, "", "past") == ("2025-11", "month")
    assert cal.part_of_unit("month", "mid", first, "", "") == ("2025-11", "month")
    assert cal.part_of_unit("month", "late", first, "last", "") == ("2025-10", "month")
    assert cal.part_of_unit("year", "late", date(2025, 3, 1), "", "past") == ("2024", "year")
    assert cal.part_of_unit("year", "early", date(2025, 3, 1), "next", "") == ("2026", "year")


def test_shift_and_ago() -> None:
    anchor = date(2025, 1, 5)
    assert cal.shift(anchor, "month", -1) == ("2024-12", "month")
    # 5 January 2025 is a Sunday: the week before began on Monday 23 December, or on Sunday
    # 29 December where a week begins on Sunday.
    assert cal.shift(anchor, "week", -1) == ("2024-12-23", "week")
    assert cal.shift(anchor, "week", -1, week_start=6) == ("2024-12-29", "week")
    assert cal.ago(anchor, "day", 5) == ("2024-12-31", "day")
    assert cal.ago(anchor, "year", 2) == ("2023", "year")


def test_week_reading_gives_the_month_holding_most_of_the_week() -> None:
    # The contract has no week value: the month of the week's middle day, its days as bounds.
    assert cal.week_reading("2025-06-01") == ("2025-06", "month", "2025-06-01", "2025-06-07")
    assert cal.week_reading("2025-05-26") == ("2025-05", "month", "2025-05-26", "2025-06-01")
    assert cal.week_reading("2025-05-29") == ("2025-06", "month", "2025-05-29", "2025-06-04")
    assert cal.week_reading("") == ("", "month", "", "")


@pytest.mark.parametrize(
    ("text", "order", "expected"),
    [
        ("1/11/2025", "dmy", (2025, 11, 1)),
        ("1/11/2025", "mdy", (2025, 1, 11)),
        ("25/12/2025", "mdy", (2025, 12, 25)),  # only one reading is a real date
        ("2025-11-01", "dmy", (2025, 11, 1)),
        ("3/1/87", "mdy", (1987, 3, 1)),
        ("1.11.2025", "dmy", (2025, 11, 1)),
        ("1.2.10", "dmy", None),  # a version number, not a date
        ("31/02/2025", "dmy", None),
        ("7/6/1436", "dmy", None),  # Hijri year: never read as Gregorian
    ],
)
def test_numeric_date(text: str, order: str, expected: tuple[int, int, int] | None) -> None:
    assert cal.numeric_date(text, order) == expected


def test_year_span() -> None:
    assert cal.year_span("2012-13") == ("span", 2012)
    assert cal.year_span("1986/87") == ("span", 1986)
    assert cal.year_span("2025-11") == ("month", 11)
    assert cal.year_span("1436-10") is None


def test_parse_anchor() -> None:
    assert parse_anchor("2025-11-01") == date(2025, 11, 1)
    assert parse_anchor("2025-11-01T08:00:00Z") == date(2025, 11, 1)
    assert parse_anchor("") is None and parse_anchor("n/a") is None


def test_lexicons_share_keys_and_say_what_they_are() -> None:
    keys = [set(json.loads((DATA_DIR / lang / "dates.json").read_text("utf-8"))) for lang in LANGS]
    assert keys[0] == keys[1] == keys[2]
    assert "_about" in keys[0]
    for lang in LANGS:
        data = json.loads((DATA_DIR / lang / "dates.json").read_text("utf-8"))
        assert sorted(data["months"], key=int) == [str(i) for i in range(1, 13)]
        assert sorted(data["weekdays"], key=int) == [str(i) for i in range(7)]


def test_arabic_month_systems_all_resolve() -> None:
    data = json.loads((DATA_DIR / "ar" / "dates.json").read_text("utf-8"))
    for month, names in data["months"].items():
        for name in names:
            text = f"وقع ذلك في 3 {name} 2014."
            (m,) = extract(Document("t", text, "ar", published="2025-11-01"))
            assert m.attrs["value"] == f"2014-{int(month):02d}-03", name


def test_rules_are_written_in_the_item_alphabet() -> None:
    from dashboard.extract.dates_grammar import RULES

    # Item codes never include white space: a stray space would silently disable a rule.
    assert all(not any(ch.isspace() for ch in rx.pattern) for rx in RULES.values())


def test_linear_time_on_long_repetitive_text() -> None:
    # Near misses for every rule (numbers, parts, frames, brackets) and one real date per chunk.
    chunk = "في 1 1 1 منتصف منتصف من من قبل قبل 2015- - / / ( ( شهر يوليو 2015 ونص عادي هنا. "
    doc = Document("t", chunk * 1000, "ar", published="2025-11-01")
    start = time.perf_counter()
    found = extract(doc)
    assert time.perf_counter() - start < 5
    assert len(found) >= 1000


def test_hijri_conversion() -> None:
    from dashboard.extract import dates_hijri as hijri

    assert hijri.to_gregorian(1436, 9, 1) == date(2015, 6, 18)  # Umm al-Qura: 1 Ramadan 1436
    assert hijri.to_gregorian(1436, 9, 30) is None  # Ramadan 1436 had 29 days
    assert hijri.to_gregorian(1300, 1, 1) is None  # before the tables
    # Ramadan 1436 ran 18 June - 16 July 2015: its middle (and most of it) is in July.
    assert hijri.month_value(1436, 9) == "2015-07"
    assert hijri.month_value(1436, 9, 5) == "2015-06"  # "مطلع رمضان 1436"
    assert hijri.year_value(1436) == "2015"  # 25 Oct 2014 - 13 Oct 2015
    assert hijri.year_value(1446) == "2024"  # 7 Jul 2024 - 25 Jun 2025: 178 days in 2024
    assert hijri.year_value(1447) == "2025"  # 26 Jun 2025 - 15 Jun 2026: 189 days in 2025
    assert hijri.year_for_gregorian(9, 1, 2015) == 1436
    assert hijri.hijri_of(date(2025, 11, 1)) == (1447, 5, 10)


def test_hijri_months_all_resolve() -> None:
    from dashboard.extract import dates_hijri as hijri

    data = json.loads((DATA_DIR / "ar" / "dates.json").read_text("utf-8"))
    for month, names in data["hijri_months"].items():
        for name in names:
            (m,) = extract(Document("t", f"صدر القرار في 3 {name} 1440هـ.", "ar", published=""))
            expected = hijri.to_gregorian(1440, int(month), 3)
            assert expected is not None and m.attrs["value"] == expected.isoformat(), name


def test_hijri_month_names_need_support() -> None:
    # "صفر" is zero and "رمضان" a given name: alone they are not dates.
    doc = Document("t", "انتهت المباراة صفر - صفر وسجل رمضان هدفا.", "ar", published="2025-11-01")
    assert extract(doc) == []


def test_wrapped_line_does_not_break_a_date() -> None:
    doc = Document("t", "issues maturing in September\n1988.", "en", published="1987-03-01")
    assert [m.attrs["value"] for m in extract(doc)] == ["1988-09"]
    doc = Document(
        "t", "Output fell in March.\n\n1988 will be better.", "en", published="1987-03-01"
    )
    assert [m.text for m in extract(doc)] == ["March", "1988"]


@pytest.mark.parametrize(
    ("text", "lang", "first", "last"),
    [
        ("Prices fell in early 2025, analysts said.", "en", "2025-01", "2025-04"),
        ("تراجعت الأسعار مطلع عام 2025.", "ar", "2025-01", "2025-04"),
        ("La producción cayó a finales de 2025.", "es", "2025-09", "2025-12"),
        ("The deal was signed in late February.", "en", "2025-02-21", "2025-02-28"),
        ("زار المبعوث موسكو منتصف الشهر الماضي.", "ar", "2025-05-11", "2025-05-20"),
        ("The deal was signed in February.", "en", "", ""),
        # A week: its own days (an English or Arabic week begins on Sunday, a Spanish one on
        # Monday), so "next week" is not plotted at the 1st of the month.
        ("Ministers will meet again next week.", "en", "2025-06-15", "2025-06-21"),
        ("Exports doubled last week, traders said.", "en", "2025-06-01", "2025-06-07"),
        ("ارتفعت الصادرات الأسبوع الماضي.", "ar", "2025-06-01", "2025-06-07"),
        ("Los ministros se reunirán la próxima semana.", "es", "2025-06-16", "2025-06-22"),
        ("The talks ended three weeks ago.", "en", "2025-05-18", "2025-05-24"),
    ],
)
def test_period_bounds(text: str, lang: str, first: str, last: str) -> None:
    (m,) = extract(Document("p", text, lang, published="2025-06-10"))
    assert (m.attrs["period_start"], m.attrs["period_end"]) == (first, last)


def test_rules_are_searched_in_every_segment_that_they_match() -> None:
    # A rule is skipped in a segment that lacks a code its matches need: over random segments
    # of the grammar's codes, no skipped rule would have matched.
    rng = random.Random(3)
    alphabet = grammar._ALPHABET
    needing = [needs for _, _, needs in grammar._RULES if needs]
    assert len(needing) >= len(grammar._RULES) // 2
    matched = 0
    for _ in range(20_000):
        segment = "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 9)))
        have = 0
        for code in segment:
            have |= grammar._BITS[code]
        for _, rx, needs in grammar._RULES:
            if rx.search(segment):
                matched += 1
                assert grammar._holds(have, needs), (rx.pattern, segment)
    assert matched > 1000


@pytest.mark.parametrize(
    ("y", "m", "d"),
    [(2025, None, None), (2025, 3, None), (2025, 3, 7), (1999, 12, 31), (987, 1, 2), (12345, 1, 1)],
)
def test_fmt_is_iso(y: int, m: int | None, d: int | None) -> None:
    expected = (
        f"{y:04d}" if m is None else f"{y:04d}-{m:02d}" if d is None else f"{y:04d}-{m:02d}-{d:02d}"
    )
    assert cal.fmt(y, m, d) == expected


def test_the_rules_read_late_take_the_tense_for_their_value_only(seed_doc: Document) -> None:
    # dates.extract reads the rules of TENSE_VALUE_ONLY without the clause's tense, and again
    # with it once their mention is kept: whether such a match is a date, and what it spans,
    # must not depend on the tense. Each rule is read here with every tense on the golden texts.
    texts = [(lang, case["text"]) for lang, case in _cases()] + [("ar", seed_doc.text)]
    seen = set()
    for lang, text in texts:
        lex = date_lexicon(lang)
        its = items(normalise(text), lex, lang)
        for m in grammar.matches(its.code_string()):
            if m.rule not in TENSE_VALUE_ONLY:
                continue
            seen.add(m.rule)
            for anchor in (date(2025, 6, 15), None):
                reads = set()
                for tense in ("", "past", "future"):
                    got = grammar.read(m, Context(its, lex, anchor, lambda _m, t=tense: t))
                    reads.add(None if got is None else got[0].span)
                assert len(reads) == 1, (lang, text, m)
    assert seen == TENSE_VALUE_ONLY
