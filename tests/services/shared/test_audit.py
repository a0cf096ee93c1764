"""The audit log: written with each change, read by admins only."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from models import User
from services.people import users
from services.shared import audit
from services.shared.errors import PermissionDenied
from tests.conftest import actor


def test_changes_appear_newest_first_with_who_and_what(session: Session) -> None:
    admin = actor(session, "admin")
    target = session.exec(select(User).where(User.username == "employee")).one()
    users.set_active(session=session, actor=admin, user_id=target.id, active=False)
    users.set_active(session=session, actor=admin, user_id=target.id, active=True)
    page = audit.list_entries(session=session, actor=admin, entity="user", entity_id=target.id)
    assert [r.action for r in page.items][:2] == ["user.activated", "user.deactivated"]
    assert page.items[0].actor == "admin"
    only_deactivations = audit.list_entries(session=session, actor=admin, action_prefix="user.deact")
    assert {r.action for r in only_deactivations.items} == {"user.deactivated"}


@pytest.mark.parametrize("username", ["council", "manager", "employee"])
def test_only_admins_read_the_log(session: Session, username: str) -> None:
    with pytest.raises(PermissionDenied):
        audit.list_entries(session=session, actor=actor(session, username))
