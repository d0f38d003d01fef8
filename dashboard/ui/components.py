"""Render helpers shared by the pages: tables with their CSV button, counts, empty notes."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Literal

import pandas as pd
import streamlit as st

from dashboard.charts import shorten
from dashboard.queries import Filters
from dashboard.tables import to_csv_bytes
from dashboard.ui import state

# The marks Streamlit's Markdown reads as markup inside a line (links, images, emphasis, code,
# `:material/...:` icons, `:red[...]` colours, $ for maths, HTML-like tags, tables); a backslash
# makes each one literal. Dots, commas and hyphens mid-line stay as they are.
_MARKDOWN_MARKS = re.compile(r"([\\`*_\[\](){}!:$<>#|~])")


def plain(text: str) -> str:
    """`text` (a file name, say) to show literally inside Markdown: no link, image or icon."""
    return _MARKDOWN_MARKS.sub(r"\\\1", text)


def snippet(text: object, limit: int) -> str:
    """Article text for a one-line Markdown label: shortened (charts.shorten) and shown
    literally (see `plain`)."""
    return plain(shorten(text, limit))


# Figures' numbers can be billions: show them with digit grouping, not as 5000000000, in columns
# wide enough for them (a column sized to its mostly empty cells cut "77,700,000" short).
NUMBER_COLUMNS = {
    col: st.column_config.NumberColumn(format="localized", width=120)
    for col in ("value", "low", "high")
}
# Coordinates to about 100 m, with their sign: a column sized to its header cut "-123.1193".
NUMBER_COLUMNS |= {
    col: st.column_config.NumberColumn(format="%.3f", width="small") for col in ("lat", "lon")
}


def _column_config(df: pd.DataFrame) -> dict:
    # Only numeric columns get number formats (dates' `value` is an ISO string); timestamps show
    # as days.
    config: dict = {
        c: cfg
        for c, cfg in NUMBER_COLUMNS.items()
        if c in df.columns and pd.api.types.is_numeric_dtype(df[c])
    }
    for c in df.columns:
        if pd.api.types.is_datetime64_any_dtype(df[c]):
            config[c] = st.column_config.DateColumn(format="YYYY-MM-DD")
    return config


def table(
    df: pd.DataFrame,
    name: str,
    *,
    columns: Sequence[str] | None = None,
    empty: str = "Nothing to show.",
    height: int | Literal["stretch", "content", "auto"] = "auto",
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
        column_config=_column_config(df),
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


def short_count(n: int) -> str:
    """A count that fits a seventh of the page: 1,234 as is, 1,049,081 as 1.05M."""
    if n < 1_000_000:
        return f"{n:,}"
    value, suffix = n / 1_000_000, "M"
    if float(f"{value:.3g}") >= 1000:  # 999,999,999 is 1B, not 1000M
        value, suffix = value / 1000, "B"
    return f"{value:.3g}{suffix}"


def counts_row(counts: dict[str, int]) -> None:
    """One metric per table, side by side; a count cut short shows in full on hover."""
    for col, (name, n) in zip(st.columns(len(counts)), counts.items(), strict=True):
        short = short_count(n)
        col.metric(name.capitalize(), short, help=None if short == f"{n:,}" else f"{n:,} rows")


def filter_caption(description: str) -> None:
    """Say which filter the page is showing, so an empty table is not a surprise."""
    if description != "no filter":
        st.caption(f"Filtered — {plain(description)}")  # ids and values are not Markdown


def cap_note() -> None:
    """When the filters keep more documents than the pages list, say so on every page."""
    view = state.view()
    if view.capped:
        st.warning(
            f"{view.counts['documents']:,} documents match: counts, top lists, map points and "
            f"the volume chart use all of them; tables, charts of single rows and downloads "
            f"hold the {view.doc_cap:,} most recently published. Narrow the filters to list "
            "others, or export everything with `python -m dashboard export --parquet DIR`.",
            icon=":material/filter_list:",
        )


def listed_scope() -> str:
    """ " in the N listed documents" when the filters keep more documents than are listed."""
    view = state.view()
    return f" in the {view.doc_cap:,} listed documents" if view.capped else ""


def listed(message: str) -> str:
    """A note on rows of the listed documents (an empty table, a conclusion), saying that they
    are the listed ones when the filters keep more: "none" must not read as "none anywhere"."""
    scope = listed_scope()
    return f"{message.rstrip('.')}{scope}." if scope else message


def filter_note(filters: Filters) -> None:
    """The sidebar filters as a caption and, when the Timeline set one, the date filter as a
    visible note with a button clearing it (every page shows it, so no page hides rows silently).
    """
    filter_caption(replace(filters, date_range=None).describe())
    cap_note()
    if not filters.date_range:
        return
    first, last = filters.date_range
    note, button = st.columns([5, 1], vertical_alignment="center")
    note.info(
        f"Date filter: {first} to {last} — mentions whose sentence has a date in this range, "
        "undated mentions of documents published in it, and those documents.",
        icon=":material/date_range:",
    )
    button.button(
        "Clear date filter",
        key="clear-date-filter",
        on_click=state.set_date_range,
        args=(None,),
        icon=":material/close:",
    )
