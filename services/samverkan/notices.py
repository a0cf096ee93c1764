"""What responders and the owning organisation hear, queued in the change's own transaction (see
services/notifications): the responder's receipt with the `UTM-` reference and the private link (in the
language they wrote in), and the private link of the testbed request a response became; the owning
organisation's managers each new response."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlencode

from sqlmodel import Session

from models import Agreement, Need, NeedResponse, Testbed, TestbedRequest
from services.notifications import outbox
from services.testbeds.notices import organisation_handlers, tracking_link

NEEDS_PAGE = "behovshantering"
TRACK_PAGE = "folj-svar"
AGREEMENTS_PAGE = "avtal"


def response_received(session: Session, response: NeedResponse, need: Need, code: str) -> None:
    """The receipt with the private tracking link to the responder, and the new response to the owning
    organisation's managers (the central team when it has none). No commit."""
    params = {"ref": response.ref, "need": need.title}
    if response.responder_email:
        outbox.to_address(
            session,
            email=response.responder_email,
            language=response.language,
            kind="samverkan.receipt",
            params=params,
            link=f"{TRACK_PAGE}?{urlencode({'kod': code})}",
            entity="need_response",
            entity_id=response.id,
        )
    for user_id in organisation_handlers(session, need.organisation_id):
        outbox.to_user(
            session,
            user_id=user_id,
            kind="samverkan.new_response",
            params={**params, "org": response.responder_org},
            link=NEEDS_PAGE,
            entity="need_response",
            entity_id=response.id,
        )


def response_became_request(
    session: Session, response: NeedResponse, need: Need, request: TestbedRequest, testbed: Testbed, code: str
) -> None:
    """To the responder: their response goes on as a request to use a testbed, with the request's private
    tracking link (in the language they wrote in). No commit."""
    if response.responder_email:
        outbox.to_address(
            session,
            email=response.responder_email,
            language=response.language,
            kind="samverkan.became_request",
            params={"response": response.ref, "need": need.title, "ref": request.ref, "testbed": testbed.name},
            link=tracking_link(code),
            entity="testbed_request",
            entity_id=request.id,
        )


def agreement_expiring(session: Session, agreement: Agreement, *, now: datetime | None = None) -> int:
    """The notice that `agreement` ends (or renews) on its end date, to the organisation's managers, once
    per agreement, end date and recipient. Returns how many were queued. No commit."""
    queued = 0
    for user_id in organisation_handlers(session, agreement.organisation_id):
        row = outbox.to_user(
            session,
            user_id=user_id,
            kind="samverkan.agreement_expiring",
            params={"ref": agreement.ref, "title": agreement.title, "ends_on": agreement.ends_on.isoformat()},
            link=AGREEMENTS_PAGE,
            entity="agreement",
            entity_id=agreement.id,
            dedupe_key=f"agreement.expiring:{agreement.id}:{agreement.ends_on.isoformat()}:user:{user_id}",
            now=now,
        )
        queued += row is not None
    return queued
