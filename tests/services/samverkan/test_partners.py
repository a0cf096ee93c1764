"""The partner register: organisationsnummer with Luhn check, consent for contacts, who may handle what."""

from __future__ import annotations

import pytest
from sqlmodel import select

import models as m
from services.samverkan import partners
from services.samverkan.partners import normalise_org_number
from services.shared.errors import PermissionDenied, ValidationError
from tests.services.samverkan.conftest import who


def _data(ids, **changes):
    return {
        "name": "Karolinska Institutet",
        "kind": "university",
        "org_number": "202100-5489",
        "organisation_id": ids["ks"],
        "website": "https://ki.se",
    } | changes


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("556016-0680", "556016-0680"), ("5560160680", "556016-0680"), (" 16556016-0680 ", "556016-0680"), ("", None)],
)
def test_an_organisation_number_is_stored_in_one_form(typed, stored) -> None:
    assert normalise_org_number(typed) == stored


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("556016-0681", "samverkan.org_number_checksum"),  # wrong check digit
        ("802002-4436", "samverkan.org_number_checksum"),
        ("55601-60680", "samverkan.org_number_format"),
        ("abc", "samverkan.org_number_format"),
        ("556016068", "samverkan.org_number_format"),
    ],
)
def test_a_wrong_organisation_number_is_refused_and_nothing_is_saved(region, typed, key) -> None:
    session, ids = region
    with pytest.raises(ValidationError) as refused:
        partners.create_partner(session=session, actor=who(session, "root"), data=_data(ids, org_number=typed))
    assert refused.value.fields["org_number"].key == key
    assert session.exec(select(m.Partner)).all() == []


def test_contact_details_need_consent(region) -> None:
    session, ids = region
    with pytest.raises(ValidationError) as refused:
        partners.create_partner(
            session=session, actor=who(session, "root"), data=_data(ids, contact_email="a@ki.example")
        )
    assert refused.value.fields["consent"].key == "samverkan.contact_consent_required"
    partner = partners.create_partner(
        session=session, actor=who(session, "root"), data=_data(ids, contact_email="a@ki.example", consent=True)
    )
    assert partner.consent_at is not None and partner.contact_email == "a@ki.example"


@pytest.mark.parametrize(
    ("username", "org", "allowed"),
    [
        ("root", "ks", True),
        ("root", "sl", True),
        ("boss.ks", "ks", True),
        ("boss.ks", "sl", False),
        ("boss.sl", "ks", False),
        ("staff.ks", "ks", False),
        ("wise", "ks", False),
        (None, "ks", False),
    ],
)
def test_who_may_register_and_read_a_partner(region, username, org, allowed) -> None:
    session, ids = region
    actor = who(session, username)
    if not allowed:
        with pytest.raises(PermissionDenied):
            partners.create_partner(session=session, actor=actor, data=_data(ids, organisation_id=ids[org]))
        return
    created = partners.create_partner(session=session, actor=actor, data=_data(ids, organisation_id=ids[org]))
    assert partners.get_partner(session=session, actor=actor, partner_id=created.id).name == "Karolinska Institutet"
    listed = partners.list_partners(session=session, actor=actor)
    assert [p.name for p in listed.items] == ["Karolinska Institutet"]
    assert session.exec(select(m.AuditLog.action).where(m.AuditLog.entity == "partner")).all() == ["partner.created"]


def test_a_manager_sees_only_their_own_organisations_partners(region) -> None:
    session, ids = region
    root = who(session, "root")
    ks_partner = partners.create_partner(session=session, actor=root, data=_data(ids))
    partners.create_partner(
        session=session, actor=root, data=_data(ids, name="Trafiklabbet", organisation_id=ids["sl"])
    )
    boss = who(session, "boss.sl")
    assert [p.name for p in partners.list_partners(session=session, actor=boss).items] == ["Trafiklabbet"]
    with pytest.raises(PermissionDenied):
        partners.get_partner(session=session, actor=boss, partner_id=ks_partner.id)
    with pytest.raises(PermissionDenied):
        partners.update_partner(session=session, actor=boss, partner_id=ks_partner.id, data=_data(ids))
    for username in ("staff.ks", "wise", None):
        with pytest.raises(PermissionDenied):
            partners.list_partners(session=session, actor=who(session, username))
    found = partners.list_partners(session=session, actor=root, search="karolinska")
    assert [p.name for p in found.items] == ["Karolinska Institutet"]
    assert partners.list_partners(session=session, actor=root, kind="company").total == 0
