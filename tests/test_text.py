"""Normalisation keeps an exact offset map; sentences split where a reader would."""

from __future__ import annotations

import pytest

from dashboard.text import fold, normalise, peel, sentences


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("أَعدّ", "اعد"),
        ("إيران", "ايران"),
        ("الرسالة", "الرساله"),
        ("مستشفى", "مستشفي"),
        ("شهريًا", "شهريا"),
        ("يومـــيا", "يوميا"),
        ("١٢٫٥", "12.5"),
        ("۳۰۰", "300"),
        ("Caracas", "caracas"),
    ],
)
def test_fold(raw: str, folded: str) -> None:
    assert fold(raw) == folded


def test_offset_map_points_back_into_the_original() -> None:
    text = "زار المبعوثُ موسكو يومـياً"
    norm = normalise(text)
    start = norm.text.index("موسكو")
    a, b = norm.span(start, start + len("موسكو"))
    assert text[a:b] == "موسكو"
    start = norm.text.index("يوميا")
    a, b = norm.span(start, start + len("يوميا"))
    assert text[a:b] == "يومـياً"  # the tatweel inside and the final tanwin belong to the word


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        ("الفترة 2015ـ2025", "الفتره 2015-2025"),  # two years, not the number 20152025
        ("من ٢٠١٥ـــ٢٠٢٥", "من 2015-2025"),  # a run of tatweel is one dash
        ("عامـ2025", "عام2025"),  # after a letter it is dropped as anywhere in a word
        ("2025ـيا", "2025يا"),
        ("ـ2025ـ", "2025"),  # at either end of the text
        ("5ـ2025 و1ـ2025", "5-2025 و1-2025"),  # every run between digits, not only the first
    ],
)
def test_a_tatweel_between_digits_separates_them(raw: str, normalised: str) -> None:
    norm = normalise(raw)
    assert norm.text == normalised
    end = norm.text.index("2025") + 4
    a, b = norm.span(norm.text.index("2025"), end)
    assert raw[a:b] in ("2025", "٢٠٢٥")


def test_sentences_do_not_split_decimals_or_initials() -> None:
    text = "Output rose 1.5 pct in the U.S. market. Prices fell!\nNew line here؟ وجملة ثانية."
    got = [text[s:e] for s, e in sentences(text)]
    assert got == [
        "Output rose 1.5 pct in the U.S. market.",
        "Prices fell!",
        "New line here؟",
        "وجملة ثانية.",
    ]


def test_a_short_wrapped_line_continues_before_a_line_in_lower_case() -> None:
    # Newswire wraps its first body line short; a title or dateline is followed by a capital.
    text = (
        "RATES SEEN STEADY\n\nThe central bank is unlikely to alter\n"
        "its lending rates at the meeting on Thursday, dealers said.\n"
        "Short heading line\nNext paragraph starts here.\n"
        "A short line ends.\nthen lower case begins anew."
    )
    got = [text[s:e] for s, e in sentences(text)]
    assert got == [
        "RATES SEEN STEADY",
        "The central bank is unlikely to alter\n"
        "its lending rates at the meeting on Thursday, dealers said.",
        "Short heading line",
        "Next paragraph starts here.",
        "A short line ends.",
        "then lower case begins anew.",
    ]


def test_peel_arabic_proclitics() -> None:
    readings = dict((core, off) for off, core in peel("وللصين", ("و", "ول", "ولل")))
    assert readings["الصين"] == 0
    assert readings["للصين"] == 1
