"""Per-process and per-session context for pages: the engine, sessions, language, the actor."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import streamlit as st
from sqlalchemy import Engine
from sqlmodel import Session

import db
import i18n
from services.people.auth import Actor

LANG_KEY = "lang"
ACTOR_KEY = "actor"


@st.cache_resource(show_spinner=False)
def _engine_for(url: str) -> Engine:
    return db.make_engine(url)


def engine() -> Engine:
    """The process's engine for the configured database (one per URL)."""
    return _engine_for(db.database_url())


@contextmanager
def reading() -> Iterator[Session]:
    with db.read_session(engine()) as session:
        yield session


@contextmanager
def writing() -> Iterator[Session]:
    with db.write_session(engine()) as session:
        yield session


def lang() -> str:
    return st.session_state.get(LANG_KEY, i18n.DEFAULT_LANGUAGE)


def t(key: str, **params: Any) -> str:
    """The UI text for `key` in the reader's language."""
    return i18n.t(key, lang(), **params)


def label(value: Any, kind: str) -> str:
    return i18n.label(value, kind, lang())


def actor() -> Actor | None:
    """The logged-in user as the database knew them at the start of this run (plain data)."""
    return st.session_state.get(ACTOR_KEY)


def cache_key() -> tuple[Any, ...]:
    """What a cached read must be keyed on besides its own arguments: who asks, in which language."""
    a = actor()
    return (a.id, a.role, a.organisation_id) if a else (None, None, None), lang(), db.database_url()


def clear_caches() -> None:
    """After a write: cached reads may now be stale."""
    st.cache_data.clear()
