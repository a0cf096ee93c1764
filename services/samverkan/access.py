"""Who may handle Samverkan's records: admins all of them, a manager those of their own organisation.
Council members and employees read the figures only (aggregates, no contact details)."""

from __future__ import annotations

from sqlalchemy import ColumnElement
from sqlmodel import Session, col, select

from models import Organisation, Role
from services.people.auth import Actor, require_login
from services.shared.errors import PermissionDenied


def may_handle(actor: Actor | None, organisation_id: int | None) -> bool:
    return actor is not None and (actor.is_admin or actor.manages(organisation_id))


def require_handler(actor: Actor | None, organisation_id: int | None) -> Actor:
    """The actor, if they may handle a record of `organisation_id`; otherwise `PermissionDenied`."""
    actor = require_login(actor)
    if not may_handle(actor, organisation_id):
        raise PermissionDenied()
    return actor


def scope(actor: Actor | None, column: object) -> ColumnElement[bool] | None:
    """The condition on `column` (an organisation id) that a list for the actor keeps: none for admins,
    their own organisation for managers; everyone else is refused."""
    actor = require_login(actor)
    if actor.is_admin:
        return None
    if actor.role == Role.manager and actor.organisation_id is not None:
        return col(column) == actor.organisation_id  # type: ignore[arg-type]
    raise PermissionDenied()


def handled_organisations(session: Session, actor: Actor | None) -> dict[int, str]:
    """id -> name of the organisations whose records the actor may handle (for the forms' choices)."""
    own = scope(actor, Organisation.id)
    query = select(Organisation.id, Organisation.name).order_by(Organisation.name)
    if own is not None:
        query = query.where(own)
    return {i: n for i, n in session.exec(query)}
