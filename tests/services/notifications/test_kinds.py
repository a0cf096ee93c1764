"""Every kind of notification can be written and named in both languages."""

from __future__ import annotations

import pytest

import i18n
from services.notifications.kinds import KINDS


@pytest.mark.parametrize("kind", sorted(KINDS))
@pytest.mark.parametrize("language", ["sv", "en"])
def test_every_kind_has_a_subject_a_body_and_a_name(kind: str, language: str) -> None:
    for part in ("subject", "body"):
        key = f"mail.{kind}.{part}"
        assert key in i18n.TEXTS or f"{key}.other" in i18n.TEXTS, key
    assert f"notifications.kind.{kind}" in i18n.TEXTS
