"""Tables: schemas, evidence sentences, CSV export that is Excel-safe and reads back the same."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.model import SCHEMAS, Document, Mention
from dashboard.tables import build_tables, neutralise_formula, read_csv_bytes, to_csv_bytes

TEXT = "First sentence here. The minister said output rose 5 pct. Last one."


def sample():
    doc = Document("d1", TEXT, "en", title='=HYPERLINK("x")', published="2024-01-02")
    start = TEXT.index("5 pct")
    fig = Mention("figures", start, start + 5, "5 pct", {"value": 5.0, "unit": "percent"})
    c0 = TEXT.index("output")
    claim = Mention(
        "claims",
        c0,
        TEXT.index(" 5 pct.") + 6,
        TEXT[c0 : TEXT.index(" 5 pct.") + 6],
        {"source": "The minister", "source_start": 21, "source_end": 33, "cue": "said"},
    )
    return build_tables([(doc, [fig, claim])])


def test_every_table_has_the_contract_columns_in_order() -> None:
    tables = sample()
    for name, df in tables.items():
        assert list(df.columns) == SCHEMAS[name]


def test_rows_carry_doc_id_and_their_sentence() -> None:
    tables = sample()
    row = tables.figures.iloc[0]
    assert row["doc_id"] == "d1"
    assert row["sentence"] == "The minister said output rose 5 pct."
    assert tables.claims.iloc[0]["claim_id"] == "d1:c1"
    assert tables.documents.iloc[0]["n_chars"] == len(TEXT)


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+cmd", "'+cmd"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("-12.5", "-12.5"),
        ("-3", "-3"),
        ("-bad", "'-bad"),
        ("plain", "plain"),
    ],
)
def test_neutralise_formula(cell: str, safe: str) -> None:
    assert neutralise_formula(cell) == safe


def test_csv_has_bom_neutralises_formulas_and_reads_back() -> None:
    tables = sample()
    data = to_csv_bytes(tables.documents)
    assert data.startswith(b"\xef\xbb\xbf")
    assert b"'=HYPERLINK" in data
    back = read_csv_bytes(to_csv_bytes(tables.figures), "figures")
    pd.testing.assert_frame_equal(back, tables.figures)
    claims = read_csv_bytes(to_csv_bytes(tables.claims), "claims")
    pd.testing.assert_frame_equal(claims, tables.claims)


def test_claims_link_what_their_content_holds(seed_doc) -> None:
    from dashboard.pipeline import tables_for

    claims = tables_for([seed_doc]).claims.set_index("cue")
    # Velásquez's claim ("موضحًا") holds the drones' range and no place.
    row = claims.loc["موضحًا"]
    assert (row["linked_figures"], row["linked_places"]) == ("1000 كيلومتر", "")
    assert claims.loc["ووفق", "linked_places"] == "Moscow"
    assert claims.loc["ووفق", "linked_dates"] == "2025-10"
    assert claims.loc["وكتب", "linked_places"] == "Venezuela; China; Russia"
    assert "14 مجموعة صواريخ" in claims.loc["ووفق", "linked_figures"]
    assert claims.loc["ووفق", "linked_entities"] == "Nicolás Maduro; Vladimir Putin; Su-30MK2"
