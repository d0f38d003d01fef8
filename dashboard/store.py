"""The corpus store: an embedded DuckDB file with the contract's tables, texts and an ingest log.

The only module that imports duckdb. Each write of a batch of documents is one transaction, so a
run killed half-way leaves whole documents only.

Readers can also open a *snapshot folder*: `publish` writes the store as Parquet files into a new
subfolder and then points the folder's CURRENT file at it, so app replicas read one complete
version while an ingest job writes the next (a DuckDB file cannot be read by one process while
another writes it).
"""

from __future__ import annotations

import os
import re
import shutil
import threading
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandas as pd

from dashboard.model import MENTION_TABLES, SCHEMAS
from dashboard.tables import BOOL_COLS, FLOAT_COLS, INT_COLS, TEXT_OVERRIDES, Tables, typed

DEFAULT_STORE = Path(__file__).resolve().parent.parent / "data" / "corpus.duckdb"
STORE_ENV = "DASHBOARD_STORE"
DOC_EXTRA = {"sha256": "VARCHAR", "text": "VARCHAR", "ingested_at": "TIMESTAMP"}
CURRENT = "CURRENT"  # in a snapshot folder: the name of the published version to read
KEEP_SNAPSHOTS = 3  # older versions are removed; readers of the last few keep working
# Up to this many matching rows an indexed doc_id filter is answered from the index (DuckDB's
# default, 2,048, is less than the rows of the 200 documents a page lists).
INDEX_SCAN_ROWS = 100_000
OVERLAY = "overlay_"  # registered frames of one query (a session's uploads) are overlay_<table>
# Per row of these tables: the first and last day of every resolved date in its sentence (the
# rule of dashboard/dated.py), worked out when the row is written, so that a date filter reads a
# short list per row instead of matching every sentence against its document's dates.
SENTENCE_DATES = "sentence_dates"
SENTENCE_DATES_TYPE = "STRUCT(lo DATE, hi DATE)[]"
DATED_TABLES = tuple(t for t in MENTION_TABLES if t != "dates")
# The first and last day of a document's published date and of a date mention's value, stored
# beside them when a row is written: a date filter compares days instead of parsing the strings
# of every row of a big store again at each question.
BOUNDS = {"documents": "published", "dates": "value"}
# The rule those stored days follow, kept in meta as 'date_rule': 2 since a date mention's
# period counts ("next week" is its week's days, not its month's). A store of an older rule
# works its days out again when opened for writing.
DATE_RULE = 2


def bound_columns(table: str) -> tuple[str, str]:
    """The stored first and last day of `table`'s date column (see BOUNDS)."""
    return f"{BOUNDS[table]}_lo", f"{BOUNDS[table]}_hi"


# The first and last day of an ISO value (YYYY, YYYY-MM or YYYY-MM-DD); NULL when unparseable.
_LO = (
    "CAST(CASE length(trim({v})) WHEN 4 THEN try_strptime(trim({v}) || '-01-01', '%Y-%m-%d')"
    " WHEN 7 THEN try_strptime(trim({v}) || '-01', '%Y-%m-%d')"
    " WHEN 10 THEN try_strptime(trim({v}), '%Y-%m-%d') END AS DATE)"
)
_HI = (
    "CASE length(trim({v})) WHEN 4 THEN CAST({lo} + INTERVAL 1 YEAR - INTERVAL 1 DAY AS DATE)"
    " WHEN 7 THEN last_day({lo}) ELSE {lo} END"
)


def date_bounds(value: str) -> tuple[str, str]:
    """SQL of the first and last day of the ISO date held by the SQL expression `value`."""
    lo = _LO.format(v=value)
    return lo, _HI.format(v=value, lo=lo)


def row_bounds(table: str, row: str = "m") -> tuple[str, str]:
    """SQL of the first and last day a row of `table` (a BOUNDS table) stands for: a document's
    published date; a date mention's period where it has one, else its value (the rule of
    dashboard.dated.date_bounds)."""
    lo, hi = date_bounds(f'CAST({row}."{BOUNDS[table]}" AS VARCHAR)')
    if table != "dates":
        return lo, hi
    first = date_bounds(f'CAST({row}."period_start" AS VARCHAR)')[0]
    last = date_bounds(f'CAST({row}."period_end" AS VARCHAR)')[1]
    period = f"({lo}) IS NOT NULL AND ({first}) IS NOT NULL AND ({last}) IS NOT NULL"
    return (
        f"CASE WHEN {period} THEN {first} ELSE {lo} END",
        f"CASE WHEN {period} THEN {last} ELSE {hi} END",
    )


def _sentence_dates(dates: str) -> str:
    """SQL of a row's SENTENCE_DATES (the row is `m`), from the date rows of relation `dates`:
    those of its document whose sentence is its sentence or a part of it (a claim's sentence
    may run over several); [] when there is none."""
    lo, hi = row_bounds("dates", "d")
    return (
        "coalesce((SELECT list({'lo': b.lo, 'hi': b.hi} ORDER BY b.lo, b.hi) FROM"
        f" (SELECT d.doc_id, d.sentence, {lo} AS lo, {hi} AS hi FROM {dates} d) b"
        " WHERE b.lo IS NOT NULL AND b.doc_id = m.doc_id AND (b.sentence = m.sentence"
        " OR (b.sentence <> '' AND contains(m.sentence, b.sentence)))), [])"
    )


def _insert(table: str, columns: list[str]) -> str:
    """SQL inserting the registered frame `rows` (these columns) into `table`, with the columns
    worked out on writing: SENTENCE_DATES (from the frame `written_dates`) and the BOUNDS."""
    names = [f'"{c}"' for c in columns]
    values = list(names)
    if table in DATED_TABLES:
        names.append(SENTENCE_DATES)
        values.append(_sentence_dates("written_dates"))
    if table in BOUNDS:
        names += [f'"{c}"' for c in bound_columns(table)]
        values += row_bounds(table)
    return f"INSERT INTO {table} ({', '.join(names)}) SELECT {', '.join(values)} FROM rows m"


# A query's leading EXPLAIN [ANALYZE]: the corpus tables' definitions go after it.
_EXPLAIN = re.compile(r"\s*((?:EXPLAIN\s+(?:ANALYZE\s+)?)?)(.*)", re.S | re.I)


def _bounds(table: str, stored: set[str]) -> str:
    """The BOUNDS columns of `table` (the row is `m`) as a view selects them: by name where
    `stored` holds them, else worked out (uploads, and a store of an earlier version)."""
    return "".join(
        f', "{c}"' if c in stored else f', {sql} AS "{c}"'
        for c, sql in zip(bound_columns(table), row_bounds(table), strict=True)
    )


def row_order(table: str) -> list[str]:
    """The columns rows are sorted by: position first, then every other column, so that rows
    at one position (a claim credited to two sources) always come in the same order."""
    first = ["doc_id"] if table == "documents" else ["doc_id", "start", "end", "text"]
    return first + [c for c in SCHEMAS[table] if c not in first]


def store_path(given: str | os.PathLike[str] | None = None) -> Path:
    """The store to use: the given path, else $DASHBOARD_STORE, else data/corpus.duckdb."""
    return Path(given or os.environ.get(STORE_ENV) or DEFAULT_STORE)


def resolve(path: str | os.PathLike[str]) -> Path:
    """What a reader opens: a snapshot folder's current version, else the path itself."""
    path = Path(path)
    pointer = path / CURRENT
    if path.is_dir() and pointer.is_file():
        return path / pointer.read_text(encoding="utf-8").strip()
    return path


def _sql_type(table: str, col: str) -> str:
    if (table, col) in TEXT_OVERRIDES:
        return "VARCHAR"
    if col in INT_COLS:
        return "BIGINT"
    if col in FLOAT_COLS:
        return "DOUBLE"
    if col in BOOL_COLS:
        return "BOOLEAN"
    return "VARCHAR"


def _create_statements() -> list[str]:
    out = []
    for table, cols in SCHEMAS.items():
        defs = [f'"{c}" {_sql_type(table, c)}' for c in cols]
        if table == "documents":
            defs += [f'"{c}" {t}' for c, t in DOC_EXTRA.items()]
            defs.append("PRIMARY KEY (doc_id)")
        if table in DATED_TABLES:
            defs.append(f"{SENTENCE_DATES} {SENTENCE_DATES_TYPE}")
        if table in BOUNDS:
            defs += [f'"{c}" DATE' for c in bound_columns(table)]
        out.append(f"CREATE TABLE IF NOT EXISTS {table} ({', '.join(defs)})")
    # Pages read the rows of a few hundred listed documents out of millions: with an index on
    # doc_id DuckDB looks them up instead of scanning the table (see INDEX_SCAN_ROWS).
    out += [f"CREATE INDEX IF NOT EXISTS {t}_doc_id ON {t} (doc_id)" for t in MENTION_TABLES]
    out.append(
        "CREATE TABLE IF NOT EXISTS ingest_log (logged_at TIMESTAMP, run VARCHAR, path VARCHAR,"
        " doc_id VARCHAR, status VARCHAR, reason VARCHAR)"
    )
    out.append("CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value BIGINT)")
    out.append("INSERT INTO meta VALUES ('version', 0) ON CONFLICT DO NOTHING")
    return out


class StoreBusy(RuntimeError):
    """The DuckDB file is locked by another process (an ingest run writing it)."""


def _config(memory: str | None) -> dict[str, str | bool | int | float | list[str]]:
    # (The value type duckdb.connect takes: a dict is invariant in it.)
    config: dict[str, str | bool | int | float | list[str]] = {
        "index_scan_max_count": INDEX_SCAN_ROWS
    }
    if memory:
        config["memory_limit"] = memory
    return config


class Store:
    """A DuckDB corpus store. Thread-safe: every call takes its own cursor.

    Opened read-only, `path` may also be a folder of Parquet tables (`export_parquet`) or a
    snapshot folder (`publish`), read through views of an in-memory database. `memory` bounds
    DuckDB's memory (e.g. "256MB"); larger work spills to its temporary folder.
    """

    def __init__(
        self, path: str | os.PathLike[str], read_only: bool = False, memory: str | None = None
    ) -> None:
        self.path = resolve(path) if read_only else Path(path)
        self.read_only = read_only
        self._lock = threading.Lock()
        if read_only and self.path.is_dir():
            self._con = duckdb.connect(config=_config(memory))
            self._view_parquet()
        else:
            if not read_only:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            try:
                self._con = duckdb.connect(
                    str(self.path),
                    read_only=read_only,
                    config=_config(memory),
                )
            except duckdb.IOException as e:
                if "lock" in str(e).lower():
                    raise StoreBusy(
                        f"{self.path} is open for writing in another process (an ingest run?): "
                        "wait for it to end, or have readers use a published snapshot "
                        "(python -m dashboard publish)"
                    ) from e
                raise
        if not read_only:
            for stmt in _create_statements():
                self._con.execute(stmt)
            self._add_new_columns()
            self._follow_date_rule()
        self._have = self._columns()

    def _view_parquet(self) -> None:
        """Each <table>.parquet of the folder becomes a view of that name."""
        for file in sorted(self.path.glob("*.parquet")):
            self._con.execute(
                f"CREATE VIEW \"{file.stem}\" AS SELECT * FROM read_parquet('{_quoted(file)}')"
            )
        if not (self.path / "documents.parquet").exists():
            raise FileNotFoundError(f"{self.path} holds no documents.parquet: not a store export")

    def _columns(self) -> dict[str, set[str]]:
        df = self._con.execute(
            "SELECT table_name, column_name FROM information_schema.columns"
        ).df()
        out: dict[str, set[str]] = {}
        for table, col in zip(df["table_name"], df["column_name"], strict=True):
            out.setdefault(table, set()).add(col)
        return out

    def _add_new_columns(self) -> None:
        """A store written by an earlier version gains the columns added since: contract
        columns as NULLs, SENTENCE_DATES worked out from the stored dates (one transaction, so
        an interrupted upgrade is done again at the next open), and the BOUNDS columns."""
        have = self._columns()
        for table, cols in SCHEMAS.items():
            for col in cols:
                if col not in have.get(table, set()):
                    self._con.execute(
                        f'ALTER TABLE {table} ADD COLUMN "{col}" {_sql_type(table, col)}'
                    )
        for table in BOUNDS:
            if set(bound_columns(table)) <= have.get(table, set()):
                continue
            con = self._con.cursor()
            con.execute("BEGIN TRANSACTION")  # the columns are added filled, or not at all
            try:
                for col, sql in zip(bound_columns(table), row_bounds(table, table), strict=True):
                    con.execute(f'ALTER TABLE {table} ADD COLUMN "{col}" DATE')
                    con.execute(f'UPDATE {table} SET "{col}" = {sql}')
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
        for table in DATED_TABLES:
            missing = SENTENCE_DATES not in have.get(table, set())
            if not missing and self._con.execute(
                f"SELECT count(*) FROM {table} WHERE {SENTENCE_DATES} IS NULL"
            ).fetchone() == (0,):
                continue
            con = self._con.cursor()
            con.execute("BEGIN TRANSACTION")
            try:
                if missing:
                    con.execute(
                        f"ALTER TABLE {table} ADD COLUMN {SENTENCE_DATES} {SENTENCE_DATES_TYPE}"
                    )
                con.execute(
                    f"UPDATE {table} m SET {SENTENCE_DATES} = {_sentence_dates('main.dates')}"
                    f" WHERE m.{SENTENCE_DATES} IS NULL"
                )
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise

    def _follow_date_rule(self) -> None:
        """Stored days of a store written under an older DATE_RULE are worked out again (one
        transaction; a new version, so that caches of the old days are not read again)."""
        rule = self._con.execute("SELECT value FROM meta WHERE key = 'date_rule'").fetchone()
        if rule is not None and rule[0] >= DATE_RULE:
            return
        con = self._con.cursor()
        con.execute("BEGIN TRANSACTION")
        try:
            if con.execute("SELECT count(*) FROM dates").fetchone() != (0,):
                lo, hi = bound_columns("dates")
                first, last = row_bounds("dates", "dates")
                con.execute(f'UPDATE dates SET "{lo}" = {first}, "{hi}" = {last}')
                for table in DATED_TABLES:
                    con.execute(
                        f"UPDATE {table} m SET {SENTENCE_DATES} = {_sentence_dates('main.dates')}"
                    )
                con.execute("UPDATE meta SET value = value + 1 WHERE key = 'version'")
            con.execute(
                "INSERT INTO meta VALUES ('date_rule', ?) ON CONFLICT DO UPDATE SET value = ?",
                [DATE_RULE, DATE_RULE],
            )
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise

    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def query(
        self,
        sql: str,
        params: Iterable[object] | dict[str, object] = (),
        overlay: Tables | None = None,
    ) -> pd.DataFrame:
        """Run a read query and return its rows.

        The query may read `c_<table>` (c_documents, c_figures, ...): the store's table in the
        contract's columns, followed by the rows of `overlay` (a session's own documents, which
        never enter the store).
        """
        with self._lock:
            cur = self._con.cursor()
        try:
            dated = SENTENCE_DATES in sql
            # Common table expressions, not views: creating a view per table and query cost
            # more than the short questions of a page (inlined, they are planned as before).
            views = ", ".join(
                f"c_{table} AS NOT MATERIALIZED ({self._corpus_rows(cur, table, overlay, dated)})"
                for table in SCHEMAS
                if f"c_{table}" in sql
            )
            if views:
                explain, body = _EXPLAIN.match(sql).groups()  # type: ignore[union-attr]
                with_ = body[:5].upper() == "WITH "
                sql = f"{explain}WITH {views}{', ' + body[5:] if with_ else ' ' + body}"
            args = params if isinstance(params, dict) else list(params)
            return cur.execute(sql, args).df()
        finally:
            cur.close()

    def _corpus_rows(
        self, cur: duckdb.DuckDBPyConnection, table: str, overlay: Tables | None, dated: bool
    ) -> str:
        """The SELECT of c_<table>: the stored rows, then the overlay's (registered on `cur`);
        with `dated`, the mention tables' SENTENCE_DATES too."""
        have = self._have.get(table, set())
        typed_cols = [(c, _sql_type(table, c)) for c in SCHEMAS[table]]
        # A store of an earlier version lacks later columns: they read as NULL.
        stored = ", ".join(
            f'"{c}"' if c in have else f'CAST(NULL AS {t}) AS "{c}"' for c, t in typed_cols
        )
        stored_dates = cast_dates = ""
        if dated and table in DATED_TABLES:
            # Worked out here only where nothing stored them: a session's uploads, and a
            # read-only store written by an earlier version.
            worked_out = f"{_sentence_dates('main.dates')} AS {SENTENCE_DATES}"
            stored_dates = f", {SENTENCE_DATES if SENTENCE_DATES in have else worked_out}"
            cast_dates = f", {_sentence_dates(OVERLAY + 'dates')} AS {SENTENCE_DATES}"
        stored_bounds = _bounds(table, have) if table in BOUNDS else ""
        cast_bounds = _bounds(table, set()) if table in BOUNDS else ""
        parts = (
            [f"SELECT {stored}{stored_dates}{stored_bounds} FROM main.{table} m"] if have else []
        )
        extra = getattr(overlay, table, None) if overlay is not None else None
        if extra is not None and len(extra):
            cur.register(OVERLAY + table, extra)
            if cast_dates:
                cur.register(OVERLAY + "dates", overlay.dates)  # type: ignore[union-attr]
            cast = ", ".join(f'CAST("{c}" AS {t}) AS "{c}"' for c, t in typed_cols)
            parts.append(f"SELECT {cast}{cast_dates}{cast_bounds} FROM {OVERLAY}{table} m")
        if not parts:
            empty = ", ".join(f'CAST(NULL AS {t}) AS "{c}"' for c, t in typed_cols)
            if dated and table in DATED_TABLES:
                empty += f", CAST([] AS {SENTENCE_DATES_TYPE}) AS {SENTENCE_DATES}"
            if table in BOUNDS:
                empty += "".join(f', CAST(NULL AS DATE) AS "{c}"' for c in bound_columns(table))
            parts.append(f"SELECT {empty} WHERE false")
        return " UNION ALL ".join(parts)

    def version(self) -> int:
        """A counter raised by every write: caches of query results key on it."""
        if "meta" not in self._have:
            return 0
        return int(self.query("SELECT value FROM meta WHERE key = 'version'").iloc[0, 0])

    def fingerprints(self) -> dict[str, str]:
        """doc_id -> SHA-256 of the stored text."""
        df = self.query("SELECT doc_id, sha256 FROM documents")
        return dict(zip(df["doc_id"], df["sha256"], strict=True))

    def write(self, tables: Tables, texts: dict[str, tuple[str, str]], run: str = "") -> None:
        """Store whole documents in one transaction, replacing any earlier rows of the same ids.

        `texts` maps doc_id to (text, sha256) for every row of `tables.documents`.
        """
        ids = list(tables.documents["doc_id"])
        if not ids:
            return
        docs = tables.documents.copy()
        docs["sha256"] = [texts[d][1] for d in ids]
        docs["text"] = [texts[d][0] for d in ids]
        docs["ingested_at"] = datetime.now(UTC).replace(tzinfo=None)
        with self._lock:
            con = self._con.cursor()
            con.execute("BEGIN TRANSACTION")
            try:
                id_frame = pd.DataFrame({"doc_id": ids})
                con.register("ids", id_frame)
                for table in SCHEMAS:
                    con.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT doc_id FROM ids)")
                con.register("written_dates", tables.dates)
                for table in SCHEMAS:
                    df = docs if table == "documents" else getattr(tables, table)
                    if len(df):
                        con.register("rows", df)
                        con.execute(_insert(table, list(df.columns)))
                con.execute("UPDATE meta SET value = value + 1 WHERE key = 'version'")
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise

    def log(self, run: str, entries: Iterable[tuple[str, str, str, str]]) -> None:
        """Record (path, doc_id, status, reason) rows of an ingest run."""
        rows = pd.DataFrame(list(entries), columns=["path", "doc_id", "status", "reason"])
        if rows.empty:
            return
        rows.insert(0, "run", run)
        rows.insert(0, "logged_at", datetime.now(UTC).replace(tzinfo=None))
        with self._lock:
            con = self._con.cursor()
            con.register("rows", rows)
            con.execute("INSERT INTO ingest_log SELECT * FROM rows")

    def tables(self, doc_ids: Iterable[str] | None = None) -> Tables:
        """The six tables (of some documents, or all), as DataFrames in the contract's dtypes."""
        where, params = "", []
        if doc_ids is not None:
            ids = list(doc_ids)
            if not ids:
                return Tables(**{t: typed(pd.DataFrame(columns=SCHEMAS[t]), t) for t in SCHEMAS})
            where = f" WHERE doc_id IN ({', '.join('?' * len(ids))})"
            params = ids
        frames = {}
        have = self._have
        for table, cols in SCHEMAS.items():
            if table not in have:  # a read-only store of an earlier version
                frames[table] = typed(pd.DataFrame(columns=cols), table)
                continue
            select = ", ".join(f'"{c}"' if c in have[table] else f'NULL AS "{c}"' for c in cols)
            order = ", ".join(f'"{c}"' for c in row_order(table))
            df = self.query(f"SELECT {select} FROM {table}{where} ORDER BY {order}", params)
            frames[table] = typed(df, table)
        return Tables(**frames)

    def text(self, doc_id: str) -> str:
        """The stored text of one document ("" when it is not stored)."""
        if "text" not in self._have.get("documents", set()):
            return ""
        df = self.query("SELECT text FROM documents WHERE doc_id = ?", [doc_id])
        return str(df.iloc[0, 0]) if len(df) else ""

    def export_parquet(self, folder: str | os.PathLike[str]) -> list[Path]:
        """Every table of the store as <folder>/<table>.parquet."""
        out = Path(folder)
        out.mkdir(parents=True, exist_ok=True)
        written = []
        with self._lock:
            for table in [*SCHEMAS, "ingest_log", "meta"]:
                if table not in self._have:
                    continue
                path = out / f"{table}.parquet"
                self._con.cursor().execute(f"COPY {table} TO '{_quoted(path)}' (FORMAT PARQUET)")
                written.append(path)
        return written

    def publish(self, folder: str | os.PathLike[str], keep: int = KEEP_SNAPSHOTS) -> Path:
        """Write this version as a new snapshot in `folder`, then make it the current one.

        The snapshot is written under a hidden name and renamed when whole; CURRENT is replaced
        atomically, so a reader sees the old version or the new one, never a part. Only the
        newest `keep` snapshots are kept.
        """
        root = Path(folder)
        root.mkdir(parents=True, exist_ok=True)
        name = f"v{self.version():09d}-{datetime.now(UTC):%Y%m%dT%H%M%S%f}"
        partial = root / f".{name}.partial"
        self.export_parquet(partial)
        partial.rename(root / name)
        pointer = root / f".{CURRENT}.partial"
        pointer.write_text(name + "\n", encoding="utf-8")
        os.replace(pointer, root / CURRENT)
        snapshots = sorted(p for p in root.iterdir() if p.is_dir() and p.name.startswith("v"))
        for old in snapshots[:-keep]:
            shutil.rmtree(old, ignore_errors=True)
        return root / name

    def load_parquet(
        self, folder: str | os.PathLike[str], texts: dict[str, tuple[str, str]]
    ) -> None:
        """Load tables written as Parquet partitions (<folder>/*/<table>.parquet) in one write."""
        root = Path(folder)
        frames = {}
        for table in SCHEMAS:
            parts = sorted(root.glob(f"*/{table}.parquet"))
            df = (
                pd.concat([pd.read_parquet(p) for p in parts], ignore_index=True) if parts else None
            )
            frames[table] = typed(df if df is not None else pd.DataFrame(), table)
        self.write(Tables(**frames), texts)

    def integrity(self) -> list[str]:
        """Problems that must never be: mentions of absent documents, duplicate documents."""
        problems = []
        dup = self.query("SELECT doc_id, count(*) n FROM documents GROUP BY doc_id HAVING n > 1")
        problems += [f"document {d} stored {n} times" for d, n in dup.itertuples(index=False)]
        for table in MENTION_TABLES:
            orphans = self.query(
                f"SELECT count(*) FROM {table} WHERE doc_id NOT IN (SELECT doc_id FROM documents)"
            ).iloc[0, 0]
            if orphans:
                problems.append(f"{orphans} {table} rows of documents not in the store")
        return problems


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")
