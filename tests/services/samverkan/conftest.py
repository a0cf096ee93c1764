"""A small region for Samverkan's service tests: two organisations, each with a manager, an employee,
an admin and a council member, and one open need of KS."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

import db
from services.people.auth import Actor, load_actor
from services.samverkan import needs
from tests import factories as f
from tests.factories import at

TODAY = date(2026, 3, 2)
DEADLINE = date(2026, 3, 31)


@pytest.fixture
def region(empty_engine: Engine) -> Iterator[tuple[Session, dict[str, Any]]]:
    with db.write_session(empty_engine) as session:
        health = f.area(session, "health")
        transport = f.area(session, "transport")
        ks = f.organisation(session, health, "KS")
        sl = f.organisation(session, transport, "SL")
        f.user(session, "boss.ks", "manager", ks)
        f.user(session, "boss.sl", "manager", sl)
        f.user(session, "staff.ks", "employee", ks)
        f.user(session, "root", "admin", sl)
        f.user(session, "wise", "council", sl)
        sim = f.testbed(session, health, ks, name="Simulering")
        session.commit()
        ids = {"health": health.id, "transport": transport.id, "ks": ks.id, "sl": sl.id, "sim": sim.id}
        need = needs.create_need(
            session=session, actor=who(session, "boss.ks"), data=need_data(ids), publish=True, today=TODAY
        )
        ids["need"] = need.id
        yield session, ids


def who(session: Session, username: str | None) -> Actor | None:
    return load_actor(session, username) if username else None


def need_data(ids: dict[str, Any], **changes: Any) -> dict[str, Any]:
    return {
        "title": "Färre fall på natten",
        "description": "Vi behöver ett sätt att upptäcka att en patient är på väg att resa sig.",
        "response_guidance": "Beskriv lösningen, mognadsgrad och vad ett test kräver.",
        "area_id": ids["health"],
        "organisation_id": ids["ks"],
        "deadline": DEADLINE,
    } | changes


def response_data(need_id: int, **changes: Any) -> dict[str, Any]:
    return {
        "need_id": need_id,
        "responder_org": "Sensa AB",
        "org_number": "556016-0680",
        "responder_kind": "company",
        "responder_name": "Lina Berg",
        "responder_email": "Lina@Sensa.example",
        "proposal": "En golvsensor som larmar personalen.",
        "consent": True,
    } | changes


def respond(session: Session, need_id: int, when: str = "2026-03-03", **changes: Any) -> needs.Receipt:
    return needs.submit_response(session=session, data=response_data(need_id, **changes), now=at(when))
