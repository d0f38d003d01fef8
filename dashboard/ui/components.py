"""Render helpers shared by the pages: tables with their CSV button, counts, empty notes."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from dashboard.tables import to_csv_bytes

# Figures' numbers can be billions: show them with digit grouping, not as 5000000000.
NUMBER_COLUMNS = {
    col: st.column_config.NumberColumn(format="localized") for col in ("value", "low", "high")
}


def table(
    df: pd.DataFrame,
    name: str,
    *,
    columns: Sequence[str] | None = None,
    empty: str = "Nothing to show.",
    height: int | str = "auto",
) -> None:
    """A dataframe and a button downloading exactly that DataFrame as CSV (`to_csv_bytes`).

    `columns` only chooses what is displayed; the download always has every column. An empty
    table is a one-line note instead (nothing to download).
    """
    if df.empty:
        st.info(empty)
        return
    st.dataframe(
        df,
        hide_index=True,
        column_order=list(columns) if columns else None,
        column_config={c: cfg for c, cfg in NUMBER_COLUMNS.items() if c in df.columns},
        height=height,
        key=f"table-{name}",
    )
    st.download_button(
        f"Download {name}.csv",
        data=to_csv_bytes(df),
        file_name=f"{name}.csv",
        mime="text/csv",
        key=f"csv-{name}",
        on_click="ignore",
        icon=":material/download:",
    )


def counts_row(counts: dict[str, int]) -> None:
    """One metric per table, side by side."""
    for col, (name, n) in zip(st.columns(len(counts)), counts.items(), strict=True):
        col.metric(name.capitalize(), f"{n:,}")


def filter_caption(description: str) -> None:
    """Say which filter the page is showing, so an empty table is not a surprise."""
    if description != "no filter":
        st.caption(f"Filtered — {description}")
