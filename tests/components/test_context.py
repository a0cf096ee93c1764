"""What a page run reads once: the data version, asked again after a write in the same run."""

from __future__ import annotations

import pytest

from components import context
from services.shared import versions


def test_a_page_run_asks_for_the_data_version_once_and_again_after_a_write(
    demo_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[int] = []
    real = versions.current
    monkeypatch.setattr(versions, "current", lambda session: asked.append(1) or real(session))
    with context.page_run():
        before = context.data_version()
        assert context.data_version() == before and len(asked) == 1  # every cached read's key: one query
        with context.writing() as session:
            versions.bump(session)
            session.commit()
        assert context.data_version() == before + 1  # the run's own write is seen by what it reads next
        assert context.data_version() == before + 1 and len(asked) == 2
    context.data_version()
    context.data_version()
    assert len(asked) == 4  # outside a page run (a fragment's refresh) every read asks
