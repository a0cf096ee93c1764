"""A cost Streamlit charges at every run that the app takes away, applied once per process when the
router (app.py) is first imported.

Each call of a function cached with `st.cache_data` / `st.cache_resource` looks up the names of its
positional arguments with `inspect.signature`, anew for every argument at every call (to leave out
arguments named with a leading underscore). An area dashboard makes some 13 such calls with 48
arguments at every run: about 1 ms. The names of a function's parameters do not change, so they are
looked up once per function here."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from streamlit import type_util

_original = type_util.get_func_parameters


@lru_cache(maxsize=1024)
def _parameters(func: Callable[..., Any]) -> tuple[inspect.Parameter, ...]:
    return tuple(_original(func))


def _remembered_parameters(func: Callable[..., Any]) -> list[inspect.Parameter]:
    try:
        return list(_parameters(func))
    except TypeError:  # an unhashable callable: looked up as Streamlit does
        return _original(func)


def remember_signatures() -> None:
    """Look up each cached function's parameters once (idempotent)."""
    type_util.get_func_parameters = _remembered_parameters
