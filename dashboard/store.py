"""The corpus store: an embedded DuckDB file with the contract's tables, texts and an ingest log.

The only module that imports duckdb. Each write of a batch of documents is one transaction, so a
run killed half-way leaves whole documents only.
"""

from __future__ import annotations

import os
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


def store_path(given: str | os.PathLike[str] | None = None) -> Path:
    """The store to use: the given path, else $DASHBOARD_STORE, else data/corpus.duckdb."""
    return Path(given or os.environ.get(STORE_ENV) or DEFAULT_STORE)


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
        out.append(f"CREATE TABLE IF NOT EXISTS {table} ({', '.join(defs)})")
    out.append(
        "CREATE TABLE IF NOT EXISTS ingest_log (logged_at TIMESTAMP, run VARCHAR, path VARCHAR,"
        " doc_id VARCHAR, status VARCHAR, reason VARCHAR)"
    )
    out.append("CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value BIGINT)")
    out.append("INSERT INTO meta VALUES ('version', 0) ON CONFLICT DO NOTHING")
    return out


class Store:
    """A DuckDB corpus store. Thread-safe: every call takes a cursor under a lock."""

    def __init__(self, path: str | os.PathLike[str], read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        if not read_only:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._con = duckdb.connect(str(self.path), read_only=read_only)
        self._lock = threading.Lock()
        if not read_only:
            for stmt in _create_statements():
                self._con.execute(stmt)
            self._add_new_columns()

    def _columns(self) -> dict[str, set[str]]:
        df = self._con.execute(
            "SELECT table_name, column_name FROM information_schema.columns"
        ).df()
        out: dict[str, set[str]] = {}
        for table, col in zip(df["table_name"], df["column_name"], strict=True):
            out.setdefault(table, set()).add(col)
        return out

    def _add_new_columns(self) -> None:
        """A store written by an earlier version gains the columns added since (as NULLs)."""
        have = self._columns()
        for table, cols in SCHEMAS.items():
            for col in cols:
                if col not in have.get(table, set()):
                    self._con.execute(
                        f'ALTER TABLE {table} ADD COLUMN "{col}" {_sql_type(table, col)}'
                    )

    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def query(self, sql: str, params: Iterable[object] = ()) -> pd.DataFrame:
        """Run a read query and return its rows."""
        with self._lock:
            return self._con.cursor().execute(sql, list(params)).df()

    def version(self) -> int:
        """A counter raised by every write: caches of query results key on it."""
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
                con.register("rows", docs)
                con.execute("INSERT INTO documents SELECT * FROM rows")
                for table in MENTION_TABLES:
                    df = getattr(tables, table)
                    if len(df):
                        con.register("rows", df)
                        con.execute(f"INSERT INTO {table} SELECT * FROM rows")
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
        with self._lock:
            have = self._columns()
        for table, cols in SCHEMAS.items():
            if table not in have:  # a read-only store of an earlier version
                frames[table] = typed(pd.DataFrame(columns=cols), table)
                continue
            select = ", ".join(f'"{c}"' if c in have[table] else f'NULL AS "{c}"' for c in cols)
            order = "doc_id" if table == "documents" else 'doc_id, start, "end", text'
            df = self.query(f"SELECT {select} FROM {table}{where} ORDER BY {order}", params)
            frames[table] = typed(df, table)
        return Tables(**frames)

    def text(self, doc_id: str) -> str:
        """The stored text of one document."""
        df = self.query("SELECT text FROM documents WHERE doc_id = ?", [doc_id])
        return str(df.iloc[0, 0]) if len(df) else ""

    def export_parquet(self, folder: str | os.PathLike[str]) -> list[Path]:
        """Every table of the store as <folder>/<table>.parquet."""
        out = Path(folder)
        out.mkdir(parents=True, exist_ok=True)
        written = []
        with self._lock:
            for table in [*SCHEMAS, "ingest_log"]:
                path = out / f"{table}.parquet"
                self._con.cursor().execute(f"COPY {table} TO '{_quoted(path)}' (FORMAT PARQUET)")
                written.append(path)
        return written

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
