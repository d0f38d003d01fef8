"""Hand-built contract tables for the dashboard tests: two short news items written for the tests.

Rows go through the real `build_tables`, so they have the contract columns, dtypes and
evidence sentences; the mentions themselves are set by hand (not by the extractors), which keeps
the dashboard tests independent of extraction quality.
"""

from __future__ import annotations

from dashboard.model import Document, Mention
from dashboard.tables import Tables, build_tables

AR_TEXT = (
    "قال وزير النفط في الرياض إن السعودية ستنتج نحو 9 ملايين برميل يوميا في مارس المقبل.\n\n"
    "وأكدت وكالة الأنباء العراقية أن صادرات العراق إلى الصين بلغت 5 مليارات دولار، "
    "أي 12 بالمئة من الإجمالي.\n\n"
    "وذكر مسؤولون أن الشحنة وصلت إلى بلدة الزهراوية."
)
EN_TEXT = (
    "Officials in Caracas said on Monday that exports to China reached 700,000 barrels a day. "
    "<script>alert(1)</script> Analysts said prices could rise 3 percent."
)
AR = Document("ar1", AR_TEXT, "ar", title="عنوان تجريبي", published="2025-11-01", source="test")
EN = Document("en1", EN_TEXT, "en", title="Test item", published="2025-10-29", source="test")


def at(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """The span of the nth occurrence of needle in text."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def m(doc: Document, table: str, needle: str, **attrs: object) -> Mention:
    start, end = at(doc.text, needle)
    return Mention(table, start, end, needle, dict(attrs))


def place(doc: Document, needle: str, name: str, country: str, kind: str, lat, lon) -> Mention:
    pid = f"{kind}:{name}" if kind != "unresolved" else ""
    return m(
        doc,
        "places",
        needle,
        name=name,
        name_local=needle if doc.lang == "ar" else "",
        country=country,
        kind=kind,
        lat=lat,
        lon=lon,
        place_id=pid,
    )


def claim(
    doc: Document, source: str, cue: str, content: str, kind: str, cue_nth: int = 0, **flags
) -> Mention:
    s0, s1 = at(doc.text, source)
    c0, c1 = at(doc.text, cue, cue_nth)
    found = m(
        doc,
        "claims",
        content,
        source=source,
        source_start=s0,
        source_end=s1,
        source_kind=kind,
        cue=cue,
        cue_start=c0,
        cue_end=c1,
        **flags,
    )
    return found


def ar_mentions() -> list[Mention]:
    d = AR
    return [
        m(
            d,
            "figures",
            "نحو 9 ملايين برميل يوميا",
            value=9e6,
            unit="bbl",
            per="day",
            approx=True,
            object="oil output",
        ),
        m(d, "figures", "5 مليارات دولار", value=5e9, unit="USD", object="exports"),
        m(d, "figures", "12 بالمئة", value=12.0, unit="percent", object="share"),
        place(d, "الرياض", "Riyadh", "SA", "city", 24.69, 46.72),
        place(d, "السعودية", "Saudi Arabia", "SA", "country", 24.0, 45.0),
        place(d, "العراق", "Iraq", "IQ", "country", 33.0, 44.0),
        place(d, "الصين", "China", "CN", "country", 35.0, 105.0),
        place(d, "الزهراوية", "", "", "unresolved", None, None),
        m(
            d,
            "dates",
            "مارس المقبل",
            value="2026-03",
            granularity="month",
            relative=True,
            anchor="2025-11-01",
        ),
        m(
            d,
            "entities",
            "وكالة الأنباء العراقية",
            kind="organization",
            name="Iraqi News Agency",
            country="IQ",
        ),
        claim(
            d,
            "وزير النفط",
            "قال",
            "السعودية ستنتج نحو 9 ملايين برميل يوميا في مارس المقبل",
            "official",
        ),
        claim(
            d,
            "وكالة الأنباء العراقية",
            "وأكدت",
            "صادرات العراق إلى الصين بلغت 5 مليارات دولار",
            "media",
        ),
    ]


def en_mentions() -> list[Mention]:
    d = EN
    return [
        m(
            d,
            "figures",
            "700,000 barrels a day",
            value=7e5,
            unit="bbl",
            per="day",
            object="exports",
        ),
        m(d, "figures", "3 percent", value=3.0, unit="percent", object="price rise"),
        place(d, "Caracas", "Caracas", "VE", "city", 10.49, -66.88),
        place(d, "China", "China", "CN", "country", 35.0, 105.0),
        m(
            d,
            "dates",
            "Monday",
            value="2025-10-27",
            granularity="day",
            relative=True,
            anchor="2025-10-29",
        ),
        claim(
            d,
            "Officials in Caracas",
            "said",
            "exports to China reached 700,000 barrels a day",
            "official",
        ),
        claim(
            d, "Analysts", "said", "prices could rise 3 percent", "analyst", cue_nth=1, hedged=True
        ),
    ]


def sample_tables() -> Tables:
    """Both documents' tables: 2 documents, 5 figures, 7 places, 2 dates, 4 claims, 1 entity."""
    return build_tables([(AR, ar_mentions()), (EN, en_mentions())])
