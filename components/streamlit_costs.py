"""Two costs Streamlit charges at every run that the app takes away, applied once per process when the
router (app.py) is first imported. Neither changes what is cached or how it is keyed.

- A function cached with `st.cache_data` / `st.cache_resource` inside a page script is decorated anew
  at every run of the page, and each time Streamlit keys its cache on the function's source, read
  with `inspect.getsource`: the page file tokenised again, about 1 ms a function (an area dashboard
  has five). A page's compiled code (each function's code object with it) is kept between runs, and
  an edited page is compiled anew, so the key is made once per code object here.
- Each call of a cached function looks up the names of its positional arguments with
  `inspect.signature`, anew for every argument at every call (to leave out arguments named with a
  leading underscore): about 1 ms an area dashboard run. A function's parameters do not change, so
  they are looked up once per function, and forgotten with it: a function defined in a page script
  is made anew at every run and holds that run's whole namespace (kept, 1,024 of them held 100 MB).
"""

from __future__ import annotations

import inspect
import weakref
from collections.abc import Callable
from types import CodeType
from typing import Any

from streamlit import type_util
from streamlit.runtime.caching import cache_utils

_parameters_of = type_util.get_func_parameters
_function_key = cache_utils._make_function_key
_KEYS_KEPT = 4096  # far above the app's cached functions: only edited and recompiled pages add more
_keys: dict[tuple[Any, int], tuple[CodeType, str]] = {}
_parameters: weakref.WeakKeyDictionary[Callable[..., Any], tuple[inspect.Parameter, ...]] = weakref.WeakKeyDictionary()


def _remembered_parameters(func: Callable[..., Any]) -> list[inspect.Parameter]:
    try:
        found = _parameters.get(func)
        if found is None:
            found = _parameters[func] = tuple(_parameters_of(func))
    except TypeError:  # a callable that cannot be weakly referred to: looked up as Streamlit does
        return _parameters_of(func)
    return list(found)


def _remembered_function_key(cache_type: Any, func: Callable[..., Any]) -> str:
    # The source Streamlit reads is the innermost function's (inspect.getsource unwraps), so is the code.
    code = getattr(inspect.unwrap(func), "__code__", None)
    if code is None:
        return _function_key(cache_type, func)
    # Keyed on the code object itself, not on its value: equal code from two page files (every page runs
    # as __main__) may differ in what Streamlit's key reads (the source: default values, the file). The
    # entry holds the code object, so its id is not reused while the entry lives.
    key = (cache_type, id(code))
    found = _keys.get(key)
    if found is None or found[0] is not code:
        if len(_keys) >= _KEYS_KEPT:
            _keys.clear()
        found = _keys[key] = (code, _function_key(cache_type, func))
    return found[1]


def remember_signatures() -> None:
    """Make each cached function's key and parameters once (idempotent)."""
    type_util.get_func_parameters = _remembered_parameters
    cache_utils._make_function_key = _remembered_function_key
