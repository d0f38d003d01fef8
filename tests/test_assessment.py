"""Corroboration and contradiction across seven hand-written reports of one event.

tests/fixtures/assessment holds short reports (English, Arabic, Spanish) of a pipeline attack
written for this test: four put Kirkuk's exports at 300,000 barrels a day on the oil ministry's
word, one at 150,000 on anonymous sources; repairs cost about 20 million dollars (two reports) or
45 million (one); three workers died (three reports); the Kirkuk line's share of Iraq's exports
is 8 percent (two reports). Portal F is a syndicated copy of Wire A's first two sentences: it
adds a document, never an independent report. Archive G gives exports of 2022 (450,000 barrels a
day, a dated sentence: another time, not a contradiction) and a growth rate of 8 percent (a
percent of another measure than the share).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.assessment import Assessment, agree, assess
from dashboard.pipeline import load_corpus
from dashboard.tables import Tables

FIXTURES = Path(__file__).parent / "fixtures" / "assessment"


@pytest.fixture(scope="module")
def tables() -> Tables:
    found, errors = load_corpus(manifests=[FIXTURES / "manifest.jsonl"])
    assert errors == []
    return found


@pytest.fixture(scope="module")
def result(tables: Tables) -> Assessment:
    return assess(tables)


def members(result: Assessment, group_id: str) -> set[str]:
    m = result.figure_members
    return set(m.loc[m["group_id"] == group_id, "doc_id"])


def group_of(result: Assessment, unit: str, per: str = "") -> dict:
    g = result.figure_groups
    rows = g[(g["unit"] == unit) & (g["per"] == per)]
    assert len(rows) == 1, rows
    return rows.iloc[0].to_dict()


def counts(group: dict) -> tuple[int, int, int, int]:
    return (group["documents"], group["outlets"], group["independent"], group["syndicated"])


def test_exports_reported_six_times_with_one_conflicting_value(result: Assessment) -> None:
    exports = group_of(result, "bbl", "day")
    assert members(result, exports["group_id"]) == {
        "wire_a", "wire_b", "paper_c", "tv_d", "blog_e", "portal_f",
    }  # fmt: skip
    assert (exports["low"], exports["high"]) == (150000, 300000)  # not Archive G's 2022 figure
    assert exports["contradiction"] and not exports["corroborated"]
    assert exports["earliest_published"] == "2024-03-04"
    assert counts(exports) == (6, 6, 5, 1)  # Portal F copies Wire A


def test_the_copy_points_to_its_original(result: Assessment) -> None:
    m = result.figure_members
    copies = m[m["copy_of"] != ""]
    assert sorted(zip(copies["doc_id"], copies["copy_of"], copies["unit"], strict=True)) == [
        ("portal_f", "wire_a", "USD"),
        ("portal_f", "wire_a", "bbl"),
    ]


def test_repair_cost_conflicts_and_deaths_agree(result: Assessment) -> None:
    cost = group_of(result, "USD")
    assert members(result, cost["group_id"]) == {"wire_a", "wire_b", "paper_c", "portal_f"}
    assert cost["contradiction"] and counts(cost) == (4, 4, 3, 1)
    deaths = group_of(result, "count")
    assert members(result, deaths["group_id"]) == {"wire_a", "wire_b", "blog_e"}
    assert not deaths["contradiction"] and deaths["corroborated"]
    assert deaths["measure"] == "deaths"


def test_share_is_grouped_across_languages_apart_from_growth(result: Assessment) -> None:
    share = group_of(result, "percent")
    assert members(result, share["group_id"]) == {"wire_b", "paper_c"}  # not Archive G
    assert share["measure"] == "share / exports" and share["corroborated"]
    assert len(result.figure_groups) == 4


def test_contradictions_come_first(result: Assessment) -> None:
    assert list(result.figure_groups["contradiction"]) == [True, True, False, False]


def test_copies_alone_corroborate_nothing(tables: Tables) -> None:
    pair = {"wire_a", "portal_f"}
    part = Tables(
        **{k: v[v["doc_id"].isin(pair)].reset_index(drop=True) for k, v in tables.items()}
    )
    got = assess(part)
    assert len(got.figure_groups) == 2
    assert not got.figure_groups["corroborated"].any()
    assert (got.figure_groups["independent"] == 1).all()
    assert not got.claim_groups["corroborated"].any()
    assert got.sources.set_index(["level", "source"]).loc[("outlet", "Wire A"), "corroborated"] == 0


def claim_group(result: Assessment, doc_id: str, needle: str) -> dict:
    m = result.claim_members
    row = m[(m["doc_id"] == doc_id) & m["text"].str.contains(needle)]
    assert len(row) == 1, m[m["doc_id"] == doc_id]
    g = result.claim_groups.set_index("group_id").loc[row["group_id"].iloc[0]]
    return {"group_id": row["group_id"].iloc[0], **g.to_dict()}


def test_ministry_claim_corroborated_across_languages(result: Assessment) -> None:
    g = claim_group(result, "wire_a", "300,000")
    m = result.claim_members
    docs = set(m.loc[m["group_id"] == g["group_id"], "doc_id"])
    assert docs == {"wire_a", "wire_b", "paper_c", "blog_e", "portal_f"}
    assert (g["outlets"], g["independent"], g["syndicated"]) == (5, 4, 1)
    assert g["source_kinds"] == "official"
    assert g["corroborated"] and not g["single_anonymous"] and g["contradicted"]


def test_anonymous_figure_stands_alone(result: Assessment) -> None:
    g = claim_group(result, "tv_d", "150,000")
    assert (g["claims"], g["single_anonymous"], g["corroborated"], g["contradicted"]) == (
        1,
        True,
        False,
        True,
    )


def test_conflicting_cost_claims_are_not_merged(result: Assessment) -> None:
    low = claim_group(result, "wire_b", "45 million")
    high = claim_group(result, "wire_a", "20 million")
    assert low["group_id"] != high["group_id"]
    assert (high["outlets"], high["independent"]) == (3, 2)  # Wire A and Paper C; Portal F copies


def test_source_profile_counts_per_outlet(result: Assessment) -> None:
    s = result.sources.set_index(["level", "source"])
    assert s.loc[("outlet", "TV D"), "claims"] == 3
    assert s.loc[("outlet", "TV D"), "source_kinds"] == "anonymous"
    assert s.loc[("outlet", "Wire A"), "corroborated"] == 2
    # Portal F's claims are copies of Wire A's: corroborated by nobody's own reporting.
    assert s.loc[("outlet", "Portal F"), ["claims", "corroborated", "copies"]].tolist() == [2, 0, 2]


@pytest.mark.parametrize(
    ("a", "b", "approx", "same"),
    [
        (300000, 300000, False, True),
        (300000, 310000, False, True),  # "300,000" may round 310,000
        (300000, 330000, False, False),  # rounding is capped at 5%
        (1e6, 1.2e6, False, False),  # "one million" is not ±500,000
        (150000, 300000, True, False),
        (20e6, 45e6, True, False),
        (107000, 110000, True, True),  # "about 107,000" and "110,000"
        (107000, 110000, False, True),  # "110,000" may be 107,000 rounded
        (107000, 115000, False, False),
    ],
)
def test_agree(a: float, b: float, approx: bool, same: bool) -> None:
    assert agree(a, b, approx) is same


def test_claim_contents_of_marks_only_are_alike_to_nothing() -> None:
    from dashboard.assessment import _similar_pairs

    assert _similar_pairs(["!!", "؟؟", "..."]) == []
    assert _similar_pairs(["Oil output fell sharply in May", "oil output fell sharply in may"]) == [
        (0, 1)
    ]


def test_alike_claims_with_other_values_are_other_claims() -> None:
    """Two days' forecasts in the same words: the values differ, so they are two claims, though
    their figures are of different days and so in no figure group together; nor does a third
    report alike to both, with no value, join them."""
    from dashboard.model import Document
    from dashboard.pipeline import tables_for

    said = "The Bank of England said it forecast a shortage of around {} in the market today."
    docs = [
        Document(doc_id=i, text=said.format(v), lang="en", title=i, published=p, source=i,
                 path="", url="")
        for i, v, p in (("mon", "350 mln stg", "2025-03-03"), ("tue", "a third", "2025-03-04"),
                        ("wed", "800 mln stg", "2025-03-05"), ("wed2", "800 mln stg", "2025-03-05"))
    ]  # fmt: skip
    out = assess(tables_for(docs))
    groups = set(out.claim_members.groupby("group_id")["doc_id"].agg(frozenset))
    assert not any({"mon", "wed"} <= g for g in groups), groups
    assert any({"wed", "wed2"} <= g for g in groups), groups
    assert any("tue" in g and len(g) > 1 for g in groups), groups  # alike to one of them


def test_alike_claims_in_two_currencies_are_two_claims() -> None:
    from dashboard.assessment import _ClaimUnion

    # 0: "a shortage of 350 mln stg"; 1: "a shortage of 12 bln guilders"; 2: no figure;
    # 3: "a shortage of 400 mln stg a day" (sterling, another rate).
    union = _ClaimUnion(
        {0: [("GBP per ", 350e6)], 1: [("NLG per ", 12e9)], 2: [], 3: [("GBP per day", 4e8)]}
    )
    assert not union.join(0, 1)
    assert union.join(0, 2)  # alike words without a figure: nothing tells them apart
    assert union.join(0, 3)
    assert not union.join(1, 3)


@pytest.mark.parametrize("chunk", [3, 256])
def test_documents_near_in_time_are_those_with_a_pair_at_one_time(
    chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The array check that skips pairs of documents agrees with _same_time, pair by pair,
    however many figures are compared at once."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from dashboard import figure_groups
    from dashboard.figure_groups import MAX_DAYS_APART, _Fig, _near_in_time, _same_time

    monkeypatch.setattr(figure_groups, "NEAR_CHUNK", chunk)

    day = st.none() | st.integers(738_000, 738_008)
    fig = st.tuples(day, st.sampled_from(["", "2021-03", "2021"]), day, st.sampled_from([0, 1, 3]))

    @settings(max_examples=300, deadline=None)
    @given(st.lists(st.lists(fig, min_size=1, max_size=4), min_size=1, max_size=5))
    def check(docs: list[list[tuple]]) -> None:
        windows: list[int] = []
        figs = []
        for listed in docs:
            figs.append([])
            for d, dated, published, window in listed:
                f = _Fig(len(windows), 1.0, "", "", "", "", frozenset(), True, d, dated,
                         published, frozenset(), frozenset(), False, "en", False, frozenset(),
                         frozenset())  # fmt: skip
                windows.append(window)
                figs[-1].append(f)
        near = _near_in_time(figs, windows)
        for x, a_figs in enumerate(figs):
            for y, b_figs in enumerate(figs):
                want = any(
                    _same_time(a, b, min(windows[a.row], windows[b.row]))
                    for a in a_figs
                    for b in b_figs
                )
                assert near[x, y] == want, (x, y, a_figs, b_figs)

    assert MAX_DAYS_APART == 3  # the windows sampled: 0, 1 and the widest
    check()


def test_documents_near_in_time_take_memory_by_chunks_not_the_square() -> None:
    """200 copies of a story with 20 figures each: 4,000 figures. Arrays of every figure against
    every other would take 16 million cells each (128 MB as floats)."""
    import tracemalloc

    from dashboard.figure_groups import _Fig, _near_in_time

    figs = [
        [
            _Fig(d * 20 + i, 1.0, "", "", "", "", frozenset(), True, 738_000 + i % 3, "", None,
                 frozenset(), frozenset(), False, "en", False, frozenset(), frozenset())
            for i in range(20)
        ]
        for d in range(200)
    ]  # fmt: skip
    tracemalloc.start()
    try:
        near = _near_in_time(figs, [0] * 4000)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert near.all()  # every copy has figures of the same days
    assert peak < 64e6, f"{peak / 1e6:.0f} MB"


def test_one_outlet_however_its_name_is_written() -> None:
    from dashboard.syndication import outlet_key

    assert {outlet_key(o, "d1") for o in ("El País", "El país", "El Pais", " el  PAIS ")} == {
        "el pais"
    }
    assert outlet_key("", "d1") == "d1"  # an unknown outlet counts as its own
    assert outlet_key("الرياض", "d1") != outlet_key("الوطن", "d1")


def test_two_spellings_of_one_outlet_corroborate_nothing() -> None:
    from dashboard.assessment import _claim_summary

    row = {"source_kind": "official", "source": "Ministerio", "published": "2021-03-01",
           "contradicted": False, "contradicted_by": "", "text": "subió",
           "copy_of": ""}  # fmt: skip
    rows = [
        {**row, "doc_id": "a", "outlet": "El País"},
        {**row, "doc_id": "b", "outlet": "El país"},
    ]
    got = _claim_summary("C1", rows)
    assert (got["documents"], got["outlets"], got["independent"]) == (2, 1, 1)
    assert not got["corroborated"]
    got = _claim_summary("C1", [rows[0], {**rows[1], "outlet": "ABC"}])
    assert got["corroborated"]


def test_source_profile_names_unknown_outlets_and_unnamed_sources(result: Assessment) -> None:
    from dashboard.assessment import source_profile

    members = result.claim_members.head(2).copy()
    members["outlet"] = ["", ""]
    members["source"] = ["", ""]
    got = source_profile(result.claim_groups, members).set_index("level")["source"]
    docs = list(members["doc_id"])
    assert sorted(got.loc[["outlet"]]) == sorted({f"unknown outlet ({d})" for d in docs})
    assert list(got.loc[["source"]]) == ["no source named"]


def test_a_contradicted_claim_names_the_figures_that_disagree(result: Assessment) -> None:
    g = claim_group(result, "tv_d", "150,000")
    figures = result.figure_groups.set_index("group_id")
    (gid,) = g["contradicted_by"].split(", ")
    assert figures.loc[gid, "contradiction"]
    values = result.figure_members.loc[result.figure_members["group_id"] == gid, "value"]
    assert {150000.0, 300000.0} <= set(values)  # the anonymous figure and the ministry's
    groups = result.claim_groups
    assert (groups["contradicted"] == (groups["contradicted_by"] != "")).all()
    assert not groups["contradicted"].all()  # the workers' deaths: three reports agree
