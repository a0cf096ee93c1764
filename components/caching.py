"""Cached figures that every reader in a scope shares as one object, not as a copy each.

`st.cache_data` keeps a pickled value and unpickles a copy at every hit: harmless for small values, but a
year's innovationsbokslut took 5.6 ms to unpickle at every run at ten times the region, an area
dashboard's figures and charts 3 ms, Testmiljöer i siffror's 2.5 ms. `shared` keeps the value itself
(`st.cache_resource`), keyed as before (the callers' keys carry the data version, so an entry is never
stale). Two prices:
- **A shared value is never changed in place** (a page builds new lists, dicts and frames from it, as
  they all do).
- A value kept as objects takes 2-7 times the memory of its pickle (the bokslut's 213 KB pickle is
  1.4 MB of objects at ten times the region), so fewer are kept: `SHARED_ENTRIES` a function, not
  `CACHE_ENTRIES`, fewer still for the largest (the bokslut keeps 32, 45 MB at most). And when a page
  run sees a newer data version (`data_moved`), every shared entry is dropped: all are keyed on older
  versions and can never be read again, and kept objects (unlike pickles) weigh on every full pass of
  the garbage collector. (A run still at the older version may put its own back; it goes at the next
  change or when least recently used, as every entry did before.)

The tests hold the pages to the first: with `CHECK` on (tests/conftest.py), each value's pickle at its
first read is kept and compared at every later read, so a page that changed one fails its next run.
Two things change a pickle without a page's doing: Streamlit gives a chart's colour or legend title of
None the title " " in place, and pandas caches a datetime column's resolution when it is first read.
Shared values hold neither (titles are always set; months are text).
"""

from __future__ import annotations

import functools
import pickle
import threading
from collections.abc import Callable
from typing import Any, TypeVar

import streamlit as st
from streamlit.runtime.caching import cache_resource_api

F = TypeVar("F", bound=Callable[..., Any])

SHARED_ENTRIES = 64  # a function's entries: the readers' scopes and choices at the current data version
CHECK = False  # tests (set before the pages load): compare each value at every read with its first read
_as_first_read: dict[int, tuple[Any, bytes]] = {}  # with CHECK: id -> (the value, its pickle when first read)
# How to find each function's cache storage, for `clear`: by its file and name (pages run as __main__,
# and their functions are made anew at every run, each time with the same storage). Found anew at each
# clear: Streamlit replaces every storage when all its caches are cleared (st.cache_resource.clear(), or
# a browser's "Clear caches").
_caches: dict[tuple[str, str], dict[str, Any]] = {}
_newest: dict[str, int] = {}  # database URL -> the newest data version a page run has seen here
_newest_lock = threading.Lock()


class ChangedInPlace(AssertionError):
    """A shared cached value differs from what was cached: some page changed it in place."""


def shared(func: F | None = None, *, max_entries: int = SHARED_ENTRIES) -> Any:
    """`func` cached like `st.cache_data(show_spinner=False, max_entries=...)` (the same keys: arguments
    starting with _ are not hashed), its value returned as the same object at every hit. Used bare
    (`@shared`) or with a bound (`@shared(max_entries=32)`)."""
    if func is None:
        return functools.partial(shared, max_entries=max_entries)
    cached = st.cache_resource(show_spinner=False, max_entries=max_entries)(func)  # keyed as Streamlit keys `func`
    # What Streamlit finds the storage by, not `cached`: that holds the function, and through it the
    # namespace of the page run that made it (its figures, its frames), alive until the page's next run.
    info = cached._info
    _caches[func.__code__.co_filename, func.__qualname__] = {
        "key": cached._function_key,
        "display_name": info.display_name,
        "max_entries": info.max_entries,
        "ttl": info.ttl,
        "validate": info.validate,
        "on_release": info.on_release,
        "scope": info.scope,
        "refresh_mode": info.refresh_mode,
    }
    if not CHECK:
        return cached

    @functools.wraps(func)
    def read(*args: Any, **kwargs: Any) -> Any:
        value = cached(*args, **kwargs)
        known = _as_first_read.get(id(value))  # it holds the value: no other object can take its id
        if known is None:
            _as_first_read[id(value)] = (value, pickle.dumps(value))
        elif pickle.dumps(value) != known[1]:
            raise ChangedInPlace(f"{func.__qualname__}: a shared cached value was changed in place")
        return value

    read.clear = cached.clear  # type: ignore[attr-defined]
    return read


def clear() -> None:
    """Empty every shared cache (the page benchmark's cache misses), leaving Streamlit's others alone."""
    for storage in list(_caches.values()):
        cache_resource_api._resource_caches.get_cache(**storage).clear()
    _as_first_read.clear()


def data_moved(database: str, version: int) -> None:
    """A page run's data version (`components.context.data_version`): newer than any seen for this
    database, it empties the shared caches, whose keys all carry the version. A run that began before
    the change and asks for the older figures again makes them again (its own version's, correctly)."""
    with _newest_lock:  # sessions' runs call this at once: one of them clears, once
        newest = _newest.get(database)
        if newest is not None and version <= newest:
            return
        _newest[database] = version
    if newest is not None:
        clear()
