"""Full-text search indexes: SQLite FTS5 (trigram) and PostgreSQL pg_trgm, behind one service.

What callers may rely on:
- `matches(session, term, *columns)` is a condition "every word of `term` occurs in at least one of
  `columns`", case-insensitive for Å, Ä, Ö and É too, also inside words ("vård" finds "sjukvården", as
  Swedish compounds need). It uses an index on both databases:
  - SQLite: an FTS5 table per searchable table (`idea_fts`, `testbed_fts`) with the trigram tokenizer,
    which folds case (Å = å) and finds any substring of three letters or more; the app table is the
    content, triggers keep the index in step with every insert, update and delete. Words of one or two
    letters ("IT", "VR") are too short for trigrams and are matched by scanning (`search.text_matches`).
  - PostgreSQL: GIN trigram indexes (pg_trgm) on the same columns, used by `ILIKE '%word%'`.
- `ranked_ids(session, words, weights, limit)` gives the ids of rows that contain any of `words`, best
  first (bm25 on SQLite, weighted hits on PostgreSQL), for suggestions such as similar ideas.
- `ensure(connection)` creates what is missing (FTS tables, triggers, extension, indexes) and fills a new
  index from its table. `migrations/env.py` calls it after every migration, so a migration that rebuilds
  a table (SQLite batch mode drops its triggers) cannot leave the index behind; it is idempotent.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    and_,
    bindparam,
    case,
    column,
    false,
    func,
    literal_column,
    or_,
    select,
)
from sqlalchemy import table as sql_table
from sqlmodel import Session

from services.shared.search import escape_like, search_words, text_matches

TRIGRAM = 3  # the shortest word an FTS5 trigram index can find
COMMON = 2_000  # matches from which a word counts as common (at 100k ideas: in 2 % of them)


@dataclass(frozen=True)
class TextIndex:
    """The searchable text columns of one table."""

    table: str
    columns: tuple[str, ...]

    @property
    def fts(self) -> str:
        return f"{self.table}_fts"


INDEXES: tuple[TextIndex, ...] = (
    TextIndex("idea", ("ref", "title", "need", "proposal")),
    TextIndex("testbed", ("name", "summary", "offers")),
)


def _index_of(columns: Sequence[Any]) -> TextIndex:
    tables = {c.table.name for c in columns}
    found = next((i for i in INDEXES if {i.table} == tables), None)
    if found is None or any(c.key not in found.columns for c in columns):
        raise ValueError(f"no full-text index covers {[str(c) for c in columns]}")
    return found


def is_index_table(name: str) -> bool:
    """True for the FTS tables and their shadow tables (not part of models.py)."""
    return any(name == i.fts or name.startswith(f"{i.fts}_") for i in INDEXES)


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


def _phrase(word: str) -> str:
    """A word as an FTS5 string: quoted, so that AND, OR, NEAR, * and : in it mean nothing."""
    return '"' + word.replace('"', '""') + '"'


def _fts_rowids(index: TextIndex, query: str) -> Any:
    fts = sql_table(index.fts, column("rowid"))
    return select(fts.c.rowid).where(literal_column(index.fts).op("MATCH")(bindparam(None, query, unique=True)))


def _column_filter(index: TextIndex, names: Sequence[str], query: str) -> str:
    if set(names) == set(index.columns):
        return query
    return "{" + " ".join(names) + "}: (" + query + ")"


def matches(session: Session, term: str | None, *columns: Any) -> ColumnElement[bool] | None:
    """A condition: every word of `term` occurs in at least one of `columns` (all of one table).

    None when the term has no words, so callers can write `if (cond := matches(...)) is not None`.
    A term over the search limits raises `ValidationError` (`search.search_words`).
    """
    words = search_words(term)
    if not words:
        return None
    index = _index_of(columns)
    if _dialect(session) != "sqlite":  # PostgreSQL: ILIKE, served by the trigram indexes
        return and_(*(or_(false(), *(c.ilike(f"%{escape_like(w)}%", escape="\\") for c in columns)) for w in words))
    conditions: list[Any] = []
    long = [w for w in words if len(w) >= TRIGRAM]
    if long:
        query = _column_filter(index, [c.key for c in columns], " AND ".join(_phrase(w) for w in long))
        # A rare match is best found row by row (rowid lookups); a common one by one pass over the table
        # that checks each row against the list ("+id" keeps SQLite from looking every row up).
        common = _count_capped(session, index, query) >= COMMON
        id_column = literal_column(f"+{index.table}.id") if common else columns[0].table.c.id
        conditions.append(id_column.in_(_fts_rowids(index, query)))
    for short in (w for w in words if len(w) < TRIGRAM):
        conditions.append(text_matches(short, *columns))
    return and_(*conditions)


def _count_capped(session: Session, index: TextIndex, query: str) -> int:
    """How many rows match, counted up to `COMMON` (cheap: the index stops there)."""
    inner = _fts_rowids(index, query).limit(COMMON).subquery()
    return session.execute(select(func.count()).select_from(inner)).scalar_one()


def ranked_ids(session: Session, words: Iterable[str], weights: dict[Any, float], limit: int) -> list[int]:
    """Up to `limit` ids of rows holding any of `words` (three letters or more) in the weighted columns,
    best match first: for suggestions such as similar ideas.

    SQLite ranks by bm25 with the weights, over the words that are not common (`COMMON`): a word found in
    nearly every row says little and would make the ranking read every row. When every word is common,
    the newest rows holding all of them come first. PostgreSQL finds the rows through its trigram
    indexes and ranks them by their weighted hits.
    """
    words = [w for w in dict.fromkeys(words) if len(w) >= TRIGRAM]
    if not words:
        return []
    columns = list(weights)
    index = _index_of(columns)
    names = [c.key for c in columns]
    if _dialect(session) == "sqlite":
        fts = sql_table(index.fts, column("rowid"))
        target = literal_column(index.fts)
        rare = [w for w in words if _count_capped(session, index, _column_filter(index, names, _phrase(w))) < COMMON]
        if rare:
            query = _column_filter(index, names, " OR ".join(_phrase(w) for w in rare))
            by_name = {c.key: float(weight) for c, weight in weights.items()}
            order: Any = func.bm25(target, *(by_name.get(name, 0.0) for name in index.columns))
        else:
            query = _column_filter(index, names, " AND ".join(_phrase(w) for w in words))
            order = fts.c.rowid.desc()
        match = target.op("MATCH")(bindparam(None, query, unique=True))
        return list(session.execute(select(fts.c.rowid).where(match).order_by(order).limit(limit)).scalars())
    id_column = columns[0].table.c.id
    patterns = [f"%{escape_like(w)}%" for w in words]
    hits = [case((c.ilike(p, escape="\\"), weight), else_=0) for c, weight in weights.items() for p in patterns]
    found = or_(*(c.ilike(p, escape="\\") for c in columns for p in patterns))
    score = sum(hits, start=0)
    return list(
        session.execute(select(id_column).where(found).order_by(score.desc(), id_column.desc()).limit(limit)).scalars()
    )


# ---------------------------------------------------------------- the indexes themselves


def _sqlite_statements(index: TextIndex) -> list[str]:
    cols = ", ".join(index.columns)
    new = ", ".join(f"new.{c}" for c in index.columns)
    old = ", ".join(f"old.{c}" for c in index.columns)
    fts, table = index.fts, index.table
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5({cols}, content='{table}', content_rowid='id', "
        "tokenize='trigram case_sensitive 0')",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_ai AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new}); END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_ad AFTER DELETE ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old}); END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_au AFTER UPDATE OF {cols} ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old}); "
        f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new}); END",
    ]


def _has_table(connection: Connection, name: str) -> bool:
    return bool(
        connection.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)).first()
    )


def _drop_sqlite(connection: Connection, index: TextIndex) -> None:
    for suffix in ("ai", "ad", "au"):
        connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {index.fts}_{suffix}")
    connection.exec_driver_sql(f"DROP TABLE IF EXISTS {index.fts}")


def ensure(connection: Connection) -> None:
    """Create the missing search indexes for the tables that exist (and drop those whose table is gone),
    filling a new FTS index from its table. Safe to call after every migration."""
    name = connection.dialect.name
    if name == "sqlite":
        for index in INDEXES:
            if not _has_table(connection, index.table):
                _drop_sqlite(connection, index)
                continue
            fresh = not _has_table(connection, index.fts)
            for statement in _sqlite_statements(index):
                connection.exec_driver_sql(statement)
            if fresh:
                connection.exec_driver_sql(f"INSERT INTO {index.fts}({index.fts}) VALUES ('rebuild')")
    elif name == "postgresql":
        present = {
            r[0]
            for r in connection.exec_driver_sql("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
        }
        if not any(i.table in present for i in INDEXES):
            return
        connection.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for index in INDEXES:
            if index.table not in present:
                continue
            for col in index.columns:
                connection.exec_driver_sql(
                    f"CREATE INDEX IF NOT EXISTS {postgres_index_name(index, col)} ON {index.table} "
                    f"USING gin ({col} gin_trgm_ops)"
                )


def postgres_index_name(index: TextIndex, col: str) -> str:
    return f"ix_trgm_{index.table}_{col}"


def is_index_name(name: str | None) -> bool:
    """True for the PostgreSQL trigram indexes made here (not part of models.py)."""
    return bool(name) and name.startswith("ix_trgm_")


def include_name(name: str | None, type_: str, _parent: dict) -> bool:
    """Alembic's `include_name`: the search indexes are made by `ensure`, not by models.py, so schema
    comparisons (autogenerate, the migration tests) leave them out."""
    if type_ == "table":
        return not is_index_table(name or "")
    if type_ == "index":
        return not is_index_name(name)
    return True


def rebuild(connection: Connection) -> None:
    """Refill every SQLite FTS index from its table (after bulk loads that bypassed nothing: triggers
    keep it current; this is for repair)."""
    if connection.dialect.name == "sqlite":
        for index in INDEXES:
            connection.exec_driver_sql(f"INSERT INTO {index.fts}({index.fts}) VALUES ('rebuild')")
