"""Three costs Streamlit charges at every run that the app takes away, applied once per process when
the router (app.py) is first imported. None changes what is cached or how it is keyed, or what a widget
shows.

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
- Each keyed input widget (select box, text field, number, date, radio, slider) asks whether its key
  holds None in Session State, and to answer it Streamlit builds the whole of Session State as a dict,
  reading and presenting every value: a page with n widgets pays n x n reads (Fondhantering's forms,
  about 50 keys and 28 widgets: 5 ms a run). The widgets get a view that answers for the one key,
  reading only the value (or values) that key would have in that dict.
"""

from __future__ import annotations

import inspect
import weakref
from collections.abc import Callable, Iterator, Mapping
from types import CodeType
from typing import Any

from streamlit import type_util
from streamlit.elements.widgets import number_input, radio, selectbox, slider, text_widgets, time_widgets
from streamlit.runtime.caching import cache_utils
from streamlit.runtime.state import SafeSessionState, get_session_state
from streamlit.runtime.state.common import is_element_id, is_keyed_element_id
from streamlit.runtime.state.session_state import SessionState, _is_internal_key

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


class _OneKeyState(Mapping[str, Any]):
    """Session State as `SessionState.filtered_state` gives it, for widgets that look up their own key:
    `key in view` and `view[key]` read only the entries that would be filed under `key` (the last one
    wins, as when the dict is built); anything else builds the dict as Streamlit does."""

    def __init__(self, safe: SafeSessionState) -> None:
        self._safe = safe
        self._found: dict[str, tuple[bool, Any]] = {}

    def _lookup(self, key: str) -> tuple[bool, Any]:
        if key in self._found:
            return self._found[key]
        with self._safe._lock:
            state: SessionState = self._safe._state
            wid_key_map = state._key_id_mapper.id_key_mapping
            found: tuple[bool, Any] = (False, None)
            # The loop of SessionState.filtered_state, reading only the values filed under `key`.
            for k in state._keys():
                if not is_element_id(k) and not _is_internal_key(k):
                    if k == key:
                        found = (True, state[k])
                elif is_keyed_element_id(k) and not _is_internal_key(k):
                    try:
                        if wid_key_map[k] == key:
                            found = (True, state[k])
                    except KeyError:
                        pass
        self._found[key] = found
        return found

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._lookup(key)[0]

    def __getitem__(self, key: str) -> Any:
        present, value = self._lookup(key)
        if not present:
            raise KeyError(key)
        return value

    def _whole(self) -> dict[str, Any]:
        return self._safe.filtered_state

    def __iter__(self) -> Iterator[str]:
        return iter(self._whole())

    def __len__(self) -> int:
        return len(self._whole())


class _WidgetSessionState:
    """The session's state as the widget modules see it: everything as it is, but `filtered_state`
    answers for one key at a time."""

    def __init__(self, safe: SafeSessionState) -> None:
        self._safe = safe

    @property
    def filtered_state(self) -> _OneKeyState:
        return _OneKeyState(self._safe)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._safe, name)


def _widget_session_state() -> _WidgetSessionState:
    return _WidgetSessionState(get_session_state())


_WIDGET_MODULES = (number_input, radio, selectbox, slider, text_widgets, time_widgets)


def look_up_widget_keys_alone() -> None:
    """Give the input widgets the one-key view of Session State (idempotent)."""
    for module in _WIDGET_MODULES:
        module.get_session_state = _widget_session_state  # type: ignore[attr-defined]
