"""The same quantity reported with different values by different documents (Figures page).

The groups are those of dashboard/figure_groups, the one grouping of "the same quantity" that
the Assessment page shows too; this module keeps the contradictions and lays them out as the
Figures page lists them: one row per conflict, and every figure of it with its sentence.
"""

from __future__ import annotations

import pandas as pd

from dashboard.figure_groups import group_figures
from dashboard.figure_values import readable
from dashboard.tables import Tables

CONFLICT_COLUMNS = [
    "group",
    "group_id",
    "unit",
    "per",
    "subject",
    "doc_id",
    "outlet",
    "text",
    "value",
    "low",
    "high",
    "approx",
    "at",
    "copy_of",
    "sentence",
]
SUMMARY_COLUMNS = [
    "group",
    "group_id",
    "unit",
    "per",
    "measure",
    "subject",
    "at",
    "documents",
    "independent",
    "syndicated",
    "figures",
    "values",
]


def _values(rows: pd.DataFrame) -> str:
    """The distinct values as reported: a range as low–high, "~" for an approximate one."""
    shown = []
    for r in rows.itertuples(index=False):
        if pd.notna(r.low) and pd.notna(r.high):
            shown.append(f"{readable(r.low)}–{readable(r.high)}")
        else:
            shown.append(f"{'~' if r.approx else ''}{readable(r.value)}")
    return " / ".join(dict.fromkeys(shown))


def figure_conflicts(tables: Tables) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(summary, rows) of the conflicting quantities.

    summary (SUMMARY_COLUMNS): one row per contradiction, most independent reports first;
    `group` numbers them 1.., `group_id` is the Assessment page's id, `values` lists the
    distinct values reported. rows (CONFLICT_COLUMNS): every figure of those groups, by group
    then value, with its document and sentence.
    """
    groups, members = group_figures(tables)
    conflicts = groups[groups["contradiction"]]
    if conflicts.empty:
        return (
            pd.DataFrame(columns=SUMMARY_COLUMNS).astype(
                {"group": "int64", "documents": "int64", "figures": "int64"}
            ),
            pd.DataFrame(columns=CONFLICT_COLUMNS),
        )
    order = conflicts.sort_values(["independent", "documents"], ascending=False, kind="stable")
    number = {gid: n for n, gid in enumerate(order["group_id"], start=1)}
    rows = members[members["group_id"].isin(number)].copy()
    rows["group"] = rows["group_id"].map(number)
    rows = rows.merge(order[["group_id", "subject"]], on="group_id")
    rows = rows.sort_values(["group", "value", "doc_id"], kind="stable").reset_index(drop=True)
    summary = order.assign(
        group=order["group_id"].map(number),
        figures=order["group_id"].map(rows.groupby("group_id").size()),
        values=order["group_id"].map(lambda g: _values(rows[rows["group_id"] == g])),
    )
    return summary[SUMMARY_COLUMNS].reset_index(drop=True), rows[CONFLICT_COLUMNS]
