"""Mentions become the contract's DataFrames; CSV export that is safe to open in Excel."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import pandas as pd

from dashboard.model import MENTION_TABLES, SCHEMAS, Document, Mention
from dashboard.text import SentenceIndex

INT_COLS = {"start", "end", "source_start", "source_end", "cue_start", "cue_end", "n_chars"}
FLOAT_COLS = {"value", "low", "high", "lat", "lon"}
BOOL_COLS = {"approx", "relative", "negated", "hedged", "implicit"}
TEXT_OVERRIDES = {("dates", "value")}  # an ISO date string, not a number


@dataclass
class Tables:
    """The six tables of the output contract for one corpus, and the relations between actors."""

    documents: pd.DataFrame
    figures: pd.DataFrame
    places: pd.DataFrame
    dates: pd.DataFrame
    claims: pd.DataFrame
    entities: pd.DataFrame
    relations: pd.DataFrame

    def items(self) -> list[tuple[str, pd.DataFrame]]:
        return [(name, getattr(self, name)) for name in SCHEMAS]


def empty(table: str) -> pd.DataFrame:
    """An empty table with the contract's columns and dtypes."""
    return typed(pd.DataFrame(columns=SCHEMAS[table]), table)


def typed(df: pd.DataFrame, table: str) -> pd.DataFrame:
    """Columns in contract order with stable dtypes (nullable ints, floats, bools, strings)."""
    df = df.reindex(columns=SCHEMAS[table])
    for col in df.columns:
        df[col] = _typed_column(df[col], table, col)
    return df.reset_index(drop=True)


def _typed_column(col: pd.Series, table: str, name: str) -> pd.Series:
    # Columns read from the store mostly have their dtype already: those skip the conversions
    # (a page reads a few tables of a dozen columns on every filter change).
    if name in INT_COLS and (table, name) not in TEXT_OVERRIDES:
        return col if col.dtype == "Int64" else pd.to_numeric(col).astype("Int64")
    if name in FLOAT_COLS and (table, name) not in TEXT_OVERRIDES:
        return col if col.dtype == "float64" else pd.to_numeric(col).astype("float64")
    if name in BOOL_COLS and (table, name) not in TEXT_OVERRIDES:
        return col if col.dtype == "bool" else _filled(col, False).astype(bool)
    if col.dtype == "str":
        return col.fillna("")
    return _filled(col, "").astype(str)


def _filled(col: pd.Series, default: object) -> pd.Series:
    """The column as objects with missing cells set to `default` (any source dtype)."""
    col = col.astype(object)
    return col.where(col.notna(), default)


def records(df: pd.DataFrame) -> list[dict]:
    """df.to_dict("records"), column by column: several times faster on string columns."""
    cols = list(df.columns)
    rows = zip(*(_values(df[c]) for c in cols), strict=True) if cols else [()] * len(df)
    return [dict(zip(cols, row, strict=True)) for row in rows]


def _values(col: pd.Series) -> list:
    values = col.tolist()
    if col.dtype == "Int64" or col.dtype == "boolean":
        return [None if v is pd.NA else v for v in values]  # as to_dict gives them
    return values


def document_row(doc: Document) -> dict[str, object]:
    return {
        "doc_id": doc.doc_id,
        "title": doc.title,
        "published": doc.published,
        "lang": doc.lang,
        "source": doc.source,
        "path": doc.path,
        "n_chars": len(doc.text),
        "url": doc.url,
    }


def mention_rows(doc: Document, mentions: Iterable[Mention]) -> dict[str, list[dict[str, object]]]:
    """Rows per table for one document, each with its doc_id and evidence sentence."""
    index = SentenceIndex(doc.text)
    rows: dict[str, list[dict[str, object]]] = {t: [] for t in MENTION_TABLES}
    n_claims = 0
    for m in mentions:
        row: dict[str, object] = {
            "doc_id": doc.doc_id,
            "start": m.start,
            "end": m.end,
            "text": m.text,
        }
        row.update(m.attrs)
        if m.table == "claims":
            n_claims += 1
            row["claim_id"] = f"{doc.doc_id}:c{n_claims}"
            lo = min(m.start, int(m.attrs.get("source_start") or m.start))
            hi = max(m.end, int(m.attrs.get("source_end") or m.end))
            row["sentence"] = index.sentence(lo, hi)
        else:
            row["sentence"] = index.sentence(m.start, m.end)
        rows[m.table].append(row)
    for claim in rows["claims"]:
        claim.update(_linked(claim, rows))
    return rows


# What a claim's content holds, by table: the column each linked mention is named by.
LINKS = {"figures": "text", "places": "name", "dates": "value", "entities": "name"}


def _linked(claim: dict[str, object], rows: dict[str, list[dict[str, object]]]) -> dict[str, str]:
    """The figures, places, dates and entities inside a claim's content, "; "-joined."""
    # A row's start and end are its mention's offsets (ints: see `mention_rows`).
    start, end = cast(int, claim["start"]), cast(int, claim["end"])
    out = {}
    for table, col in LINKS.items():
        names = [
            str(r.get(col) or r["text"])
            for r in rows[table]
            if start <= cast(int, r["start"]) and cast(int, r["end"]) <= end
        ]
        out[f"linked_{table}"] = "; ".join(dict.fromkeys(names))
    return out


def build_tables(results: Iterable[tuple[Document, list[Mention]]]) -> Tables:
    """The six tables from documents and their mentions."""
    docs: list[dict[str, object]] = []
    rows: dict[str, list[dict[str, object]]] = {t: [] for t in MENTION_TABLES}
    for doc, mentions in results:
        docs.append(document_row(doc))
        for table, found in mention_rows(doc, mentions).items():
            rows[table] += found
    frames = {t: typed(pd.DataFrame(r, columns=SCHEMAS[t]), t) for t, r in rows.items()}
    return Tables(
        documents=typed(pd.DataFrame(docs, columns=SCHEMAS["documents"]), "documents"), **frames
    )


def concat(parts: Iterable[Tables]) -> Tables:
    """Tables of several corpora as one."""
    parts = list(parts)
    return Tables(
        **{
            name: typed(pd.concat([getattr(p, name) for p in parts], ignore_index=True), name)
            if parts
            else empty(name)
            for name in SCHEMAS
        }
    )


# Cells a spreadsheet would run as a formula. A plain negative number stays a number.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)*(?:[eE][+-]?\d+)?")


def neutralise_formula(cell: str) -> str:
    """Prefix a quote to a text cell that a spreadsheet would read as a formula."""
    if cell.startswith(_FORMULA_START) and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    """UTF-8 CSV with a BOM (Excel reads Arabic correctly), formula cells neutralised."""
    safe = df.copy()
    for col in safe.columns:
        if safe[col].dtype == object or pd.api.types.is_string_dtype(safe[col]):
            safe[col] = safe[col].map(lambda v: neutralise_formula(v) if isinstance(v, str) else v)
    return safe.to_csv(index=False).encode("utf-8-sig")


def to_parquet_folder(tables: Tables, folder: Path) -> None:
    """Each table as <folder>/<table>.parquet (a partition of a larger corpus)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, df in tables.items():
        df.to_parquet(folder / f"{name}.parquet", index=False)


def read_csv_bytes(data: bytes, table: str) -> pd.DataFrame:
    """Read back a CSV written by `to_csv_bytes` into the table's dtypes."""
    import io

    df = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    for col in BOOL_COLS & set(df.columns):
        df[col] = df[col].map({"True": True, "False": False, "true": True, "false": False})
    for col in (INT_COLS | FLOAT_COLS) & set(df.columns):
        df[col] = df[col].replace("", None)
    return typed(df, table)
