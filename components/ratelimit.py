"""A polite limit on public submissions per browser session (ideas, testbed requests).

Counted per session, so one person pasting the form in a loop is slowed; it is no defence against a
determined attacker with many sessions (that belongs in the reverse proxy in front of the app).
"""

from __future__ import annotations

import time

import streamlit as st

LIMIT = 5
WINDOW_SECONDS = 600


def _stamps(kind: str) -> list[float]:
    now = time.monotonic()
    key = f"_submissions_{kind}"
    stamps = [s for s in st.session_state.get(key, []) if now - s < WINDOW_SECONDS]
    st.session_state[key] = stamps
    return stamps


def may_submit(kind: str, limit: int = LIMIT) -> bool:
    """Whether this session may submit another `kind` now."""
    return len(_stamps(kind)) < limit


def record_submission(kind: str) -> None:
    _stamps(kind).append(time.monotonic())
