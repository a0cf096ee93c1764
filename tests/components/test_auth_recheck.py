"""Rådsläge's recheck: the database is asked again only when a fragment reruns by itself."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from components import auth, context
from models import Role
from services.people.auth import Actor

VIEWER = Actor(1, "rad", "Rådsledamot", "rad@example.se", Role.council, None, None, "sv")
DEMOTED = Actor(1, "rad", "Rådsledamot", "rad@example.se", Role.employee, None, None, "sv")


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch) -> SimpleNamespace:
    """A page run whose actor (read by `auth.start`) is VIEWER, while the database now says DEMOTED."""
    state = SimpleNamespace(fragment_ids_this_run=None, reads=0, reruns=[])

    def read() -> Actor:
        state.reads += 1
        return DEMOTED

    monkeypatch.setattr(auth, "get_script_run_ctx", lambda: state)
    monkeypatch.setattr(auth, "_session_actor", read)
    monkeypatch.setattr(auth.st, "session_state", {auth.USER_KEY: 1})
    monkeypatch.setattr(auth.st, "rerun", lambda scope: state.reruns.append(scope))
    monkeypatch.setattr(context, "actor", lambda: VIEWER)
    return state


def test_in_a_run_of_the_whole_app_the_actor_start_read_stands(run: SimpleNamespace) -> None:
    assert auth.recheck() == VIEWER
    assert (run.reads, run.reruns) == (0, [])


def test_a_fragment_rerunning_by_itself_reads_the_viewer_again_and_reruns_the_app(run: SimpleNamespace) -> None:
    run.fragment_ids_this_run = ["watch"]
    assert auth.recheck() == DEMOTED
    assert (run.reads, run.reruns) == (1, ["app"])
