"""Free-text search in SQL that also matches Å, Ä, Ö and É in either case.

SQLite's `lower()` folds only ASCII letters, so `lower(title) LIKE '%åtgärd%'` misses "Åtgärd". Lowering
both sides in SQL and, for each non-ASCII letter in the search term, accepting either case keeps the search
in the database (no rows fetched to filter in Python) and portable to PostgreSQL.
"""

from __future__ import annotations

from itertools import product
from typing import Any

from sqlalchemy import ColumnElement, and_, false, func, or_

from services.shared.errors import ValidationError

MAX_VARIANTS = 16  # 4 non-ASCII letters; longer terms fall back to the lower-case form only
# Every word is a LIKE per column and case variant on every row: a pasted page of text (200 words once
# cost 6 s of CPU, 1,000 crashed the page) is refused. Search boxes enforce the same limits as you type.
MAX_SEARCH_CHARS = 100
MAX_SEARCH_WORDS = 8


def _variants(term: str) -> list[str]:
    """`term` lower-cased as SQLite does (ASCII only), with every non-ASCII letter in both cases."""
    choices = []
    for ch in term.lower():
        if ch.isascii() or ch.upper() == ch:
            choices.append((ch,))
        else:
            choices.append((ch, ch.upper()))
    count = 1
    for c in choices:
        count *= len(c)
    if count > MAX_VARIANTS:
        return [term.lower()]
    return ["".join(p) for p in product(*choices)]


def escape_like(text: str) -> str:
    """`text` for a LIKE pattern with `escape='\\'`: its %, _ and \\ match themselves."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def search_words(term: str | None) -> list[str]:
    """The words of a search, or `ValidationError` (field "search") when it is longer than
    `MAX_SEARCH_CHARS` characters or `MAX_SEARCH_WORDS` words."""
    text = (term or "").strip()
    words = text.split()
    if len(text) > MAX_SEARCH_CHARS or len(words) > MAX_SEARCH_WORDS:
        raise ValidationError.single("search", "errors.search_too_long", words=MAX_SEARCH_WORDS, chars=MAX_SEARCH_CHARS)
    return words


def text_matches(term: str | None, *columns: Any) -> ColumnElement[bool] | None:
    """A condition: every word of `term` occurs in at least one of `columns` (case-insensitive).

    None when the term is empty, so callers can write `if (cond := text_matches(...)) is not None`.
    A term over the limits raises `ValidationError` (see `search_words`).
    """
    words = search_words(term)
    if not words:
        return None
    conditions = []
    for word in words:
        alternatives = [
            func.lower(column).like(f"%{escape_like(variant)}%", escape="\\")
            for variant in _variants(word)
            for column in columns
        ]
        conditions.append(or_(false(), *alternatives))
    return and_(*conditions)
