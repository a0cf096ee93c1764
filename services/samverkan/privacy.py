"""Retention of responders' contact details, as for ideas: a response that did not lead anywhere keeps
its sender's name and e-mail no longer than the retention after its need's last day. A response taken
forward keeps them: its sender became a partner, whose contact is kept with consent in the register."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from models import Need, NeedResponse, ResponseStatus, utcnow
from services.ideas.privacy import DEFAULT_RETENTION_MONTHS
from services.notifications import outbox
from services.people.auth import Actor, require_admin
from services.shared import audit
from services.shared.errors import ValidationError
from services.shared.workdays import local_day


def anonymise_expired_responses(
    *, session: Session, actor: Actor | None, months: int = DEFAULT_RETENTION_MONTHS, now: datetime | None = None
) -> list[str]:
    """Clear the contact details of responses not taken forward whose need's last day lies more than
    `months` months (of 30 days) back. Returns the references. Admins or the operator. Commits."""
    actor = require_admin(actor)
    if months < 0:
        raise ValidationError.single("months", "errors.too_small")
    now = now or utcnow()
    cutoff = local_day(now) - timedelta(days=30 * months)
    rows = session.exec(
        select(NeedResponse)
        .join(Need, NeedResponse.need_id == Need.id)
        .where(
            col(Need.deadline) < cutoff,
            NeedResponse.status != ResponseStatus.taken_forward.value,
            (col(NeedResponse.responder_name).is_not(None)) | (col(NeedResponse.responder_email).is_not(None)),
        )
    ).all()
    for response in rows:
        if response.responder_email:
            outbox.forget_addresses(
                session,
                entity="need_response",
                entity_id=response.id,
                email=response.responder_email,
                reason="address removed",
            )
        response.responder_name = response.responder_email = None
        response.consent_at = None
        response.anonymised_at = response.updated_at = now
        # The audit entry says that it happened, never what was removed.
        audit.record(
            session, actor, "need_response.anonymised_retention", "need_response", response.id, ref=response.ref
        )
    session.commit()
    return [r.ref for r in rows]
