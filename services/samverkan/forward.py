"""Taking a response to a need forward into a testbed request or a fund application (a procurement:
`procurements.start_from_response`).

What callers may rely on:
- Only someone who handles the need (its organisation's managers, admins) and has declared no conflict
  with the response may do it; a declined response cannot be taken forward. Each response becomes at
  most one testbed request and one fund application (and one procurement).
- The new record keeps the response it came from (`response_id`), and the response shows what it became
  (`needs.get_response`). The responder is registered as (or found among) the need's organisation's
  partners and linked to the new record (`links`); the response is taken forward. Every change is audited.
- Nobody types again what the response holds: a testbed request takes the responder's organisation,
  contact, kind, consent, language and proposal; the responder gets the request's private tracking link
  by e-mail and the testbed's owners the new request, as with one sent on the public form.
- A fund application is a draft of the person who takes the response forward (applications are the
  region's own), for the need's organisation, in an open call, checked as the application form is;
  they complete and send it in under Mina ansökningar.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, Field, field_validator
from sqlmodel import Session, select

from models import (
    FundApplication,
    PartnerKind,
    RequesterKind,
    Testbed,
    TestbedRequest,
    TestbedStatus,
    utcnow,
)
from services.fund import applications
from services.people.auth import Actor
from services.samverkan import access, links, needs, notices
from services.shared.errors import InvalidTransition, NotFound, ValidationError
from services.shared.validation import clean_text, parse
from services.shared.workdays import local_day
from services.testbeds import notices as testbed_notices
from services.testbeds import requests

# A partner's kind as a testbed request names its requester.
REQUESTER_KIND: dict[str, str] = {
    PartnerKind.company: RequesterKind.company,
    PartnerKind.university: RequesterKind.researcher,
    PartnerKind.public_body: RequesterKind.public_body,
}


class RequestFromResponse(BaseModel):
    """What the handler adds to the response: which testbed, and when (optional)."""

    testbed_id: int
    wanted_period: str | None = Field(default=None, max_length=120)

    _clean = field_validator("wanted_period", mode="before")(clean_text)


def start_testbed_request(
    *, session: Session, actor: Actor | None, response_id: int, data: dict[str, Any], now: datetime | None = None
) -> TestbedRequest:
    """A request to use a testbed (not a closed one), made from a response: it lands in the testbed's
    inbox as `new`, from the responder, with their proposal as its description. Commits."""
    actor, response, need = needs.forwardable(session, actor, response_id)
    if session.exec(select(TestbedRequest.id).where(TestbedRequest.response_id == response_id)).first():
        raise InvalidTransition("samverkan.request_exists")
    values = parse(RequestFromResponse, data)
    testbed = session.get(Testbed, values.testbed_id)
    if testbed is None:
        raise ValidationError.single("testbed_id", "errors.not_allowed_value")
    if testbed.status == TestbedStatus.closed:
        raise ValidationError.single("testbed_id", "testbeds.closed_no_requests")
    now = now or utcnow()
    partner = needs.register_responder(session, actor, response, need)
    request, code = requests.open_request(
        session,
        actor,
        now=now,
        language=response.language,
        testbed_id=testbed.id,
        requester_name=response.responder_name,
        requester_org=response.responder_org,
        requester_email=response.responder_email,
        requester_kind=REQUESTER_KIND.get(response.responder_kind, RequesterKind.other),
        description=response.proposal,
        wanted_period=values.wanted_period,
        consent_at=response.consent_at,
        response_id=response.id,
    )
    links.add_link(session, actor, "testbed_request", request, partner)
    needs.mark_taken_forward(session, actor, response, testbed_request=request.ref)
    notices.response_became_request(session, response, need, request, testbed, code)
    testbed_notices.to_owners(session, request, testbed)
    session.commit()
    return request


def start_fund_application(
    *, session: Session, actor: Actor | None, response_id: int, data: dict[str, Any], today: date | None = None
) -> FundApplication:
    """A draft fund application of the actor, for the need's organisation, made from a response, in the
    open call `data["call_id"]`; the rest of `data` as the application form's fields. Commits."""
    actor, response, need = needs.forwardable(session, actor, response_id)
    if session.exec(select(FundApplication.id).where(FundApplication.response_id == response_id)).first():
        raise InvalidTransition("samverkan.application_exists")
    fields = {k: v for k, v in data.items() if k not in ("call_id", "organisation_id", "idea_id", "testbed_id")}
    try:
        call_id = int(data.get("call_id"))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ValidationError.single("call_id", "errors.required") from None
    try:
        application = applications.draft_in_call(
            session,
            actor,
            call_id,
            {**fields, "organisation_id": need.organisation_id},
            today or local_day(utcnow()),
            response_id=response.id,
        )
    except NotFound:
        raise ValidationError.single("call_id", "errors.not_allowed_value") from None
    partner = needs.register_responder(session, actor, response, need)
    links.add_link(session, actor, "application", application, partner)
    needs.mark_taken_forward(session, actor, response, application=application.ref)
    session.commit()
    return application


def testbed_choices(*, session: Session, actor: Actor | None) -> dict[int, str]:
    """id -> name of the testbeds that take requests (not closed), by name; for those who handle needs."""
    access.scope(actor, Testbed.organisation_id)  # refuses everyone but admins and managers
    query = select(Testbed.id, Testbed.name).where(Testbed.status != TestbedStatus.closed).order_by(Testbed.name)
    return {i: n for i, n in session.exec(query)}
