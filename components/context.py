"""Per-process and per-session context for pages: the engine, sessions, language, the actor."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import streamlit as st
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlmodel import Session

import db
import i18n
from components import caching
from services.people.auth import Actor
from services.shared import versions
from services.shared.errors import Unavailable

LANG_KEY = "lang"
# How many results each cached read keeps (per process). Keys carry the data version, so an entry is
# never stale; old versions' entries just age out.
CACHE_ENTRIES = 256
ACTOR_KEY = "actor"


@st.cache_resource(show_spinner=False)
def _engine_for(url: str) -> Engine:
    return db.make_engine(url)


def engine() -> Engine:
    """The process's engine for the configured database (one per URL)."""
    return _engine_for(db.database_url())


_READY: set[str] = set()  # database URLs found migrated in this process


def schema_problem() -> str | None:
    """`db.schema_problem` for the configured database, asked until it is found ready and then not again
    in this process: it opens a connection of its own, which every page run used to pay for."""
    url = db.database_url()
    if url in _READY:
        return None
    problem = db.schema_problem(url)
    if problem is None:
        _READY.add(url)
    return problem


@contextmanager
def reading() -> Iterator[Session]:
    """A read session; a database that cannot answer now raises `Unavailable` (see `unavailable`)."""
    with unavailable(), db.read_session(engine()) as session:
        yield session


@contextmanager
def writing() -> Iterator[Session]:
    """A write session; a lock that does not come free in time, or any other operational failure of
    the database, raises `Unavailable`, a domain error that pages show like any refusal: the form keeps
    what was typed and nothing was saved."""
    try:
        with unavailable(), db.write_session(engine()) as session:
            yield session
    finally:
        _run.version = None  # the write moved the data version: read it again (`page_run`)


def client_address() -> str:
    """The browser's address as the app sees it, for limits per client ("local" when it comes from this
    machine: Streamlit reports no address for localhost; behind a proxy see README)."""
    address = st.context.ip_address
    return address if isinstance(address, str) and address else "local"


@contextmanager
def unavailable() -> Iterator[None]:
    """Turn the database's operational errors ("database is locked", a lost connection, a full disk)
    into `Unavailable`, so that no page shows them as a crash."""
    try:
        yield
    except (OperationalError, PoolTimeout) as error:  # PoolTimeout: no free connection in time
        raise Unavailable() from error


_run = threading.local()  # what a page run in this thread reads once (`page_run`)


def lang() -> str:
    """The reader's language: Swedish unless they chose English."""
    fixed = getattr(_run, "language", None)
    return fixed if fixed is not None else st.session_state.get(LANG_KEY, i18n.DEFAULT_LANGUAGE)


def set_lang(language: str) -> None:
    """Make `language` the reader's (from now on in this run too)."""
    st.session_state[LANG_KEY] = language
    if getattr(_run, "language", None) is not None:
        _run.language = language


@contextmanager
def page_run() -> Iterator[None]:
    """A page's run reads the language from the session once, and the data version once: a dashboard
    asks for the language some 700 times (every text and label; a read of Streamlit's session state
    costs 10-20 µs) and for the data version with every cached read (a query each, 1-2 ms). The language
    changes only through `set_lang`, which updates it here too; a write through `writing` makes the next
    read of the data version ask the database again (once its block has ended: a cached read inside the
    block would still be keyed on the version before the write). Reads that are not cached always see
    the data as it is. A fragment's rerun (Rådsläge's refresh) runs outside this and asks each time."""
    _run.language = st.session_state.get(LANG_KEY, i18n.DEFAULT_LANGUAGE)
    _run.version, _run.in_page = None, True
    try:
        yield
    finally:
        _run.language, _run.version, _run.in_page = None, None, False


def t(key: str, **params: Any) -> str:
    """The UI text for `key` in the reader's language."""
    return i18n.t(key, lang(), **params)


def label(value: Any, kind: str) -> str:
    return i18n.label(value, kind, lang())


def actor() -> Actor | None:
    """The logged-in user as the database knew them at the start of this run (plain data)."""
    return st.session_state.get(ACTOR_KEY)


def data_version() -> int:
    """The database's data version (`services.shared.versions`): moved by every write, in every process.
    Caches keyed on it are exact, so none of them expires on a timer. Read once per page run
    (`page_run`): the run's cached reads all use one version."""
    known = getattr(_run, "version", None)
    if known is not None:
        return known
    with reading() as session:
        found = versions.current(session)
    if getattr(_run, "in_page", False):
        _run.version = found
        caching.data_moved(db.database_url(), found)
    return found


def shared_key() -> tuple[Any, ...]:
    """The key of a cached read that is the same for everyone allowed to make it (check that first):
    the database and its data version."""
    return db.database_url(), data_version()


def cache_key() -> tuple[Any, ...]:
    """What a cached read must be keyed on besides its own arguments: who asks, in which language, and
    the data (`shared_key`)."""
    a = actor()
    return (a.id, a.role, a.organisation_id) if a else (None, None, None), lang(), *shared_key()


def scope() -> tuple[str | None, int | None]:
    """The reader's permission scope: the role, and the organisation for every role whose reads stop at
    its own organisation (admins and the council read the whole region). ("visitor", None) logged out."""
    a = actor()
    if a is None:
        return "visitor", None
    return str(a.role), None if a.is_admin or a.is_council else a.organisation_id


def scope_key() -> tuple[Any, ...]:
    """The key of a cached read whose answer depends on the reader only through their permission scope
    (`scope`): shared by everyone in it, so ten managers of one organisation count once. Check the
    reader's permission before reading the cached value (a cached answer runs no service check)."""
    return scope(), lang(), *shared_key()
