"""Agreements: who may make and read them, the signed copy's checks (size, type by content), the
notice ahead of the end through the outbox, the partner merge, and the figures and indicators."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, date, datetime

import pytest
from sqlmodel import select

import models as m
from services.indicators import computed
from services.samverkan import agreements, figures, partners, signed_copies
from services.shared.errors import NotFound, PermissionDenied, ValidationError
from tests.services.samverkan.conftest import who

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def _partner(session, ids, org: str = "ks", name: str = "Sensa AB", **changes) -> int:
    data = {"name": name, "kind": "company", "organisation_id": ids[org]} | changes
    return partners.create_partner(session=session, actor=who(session, "root"), data=data).id


def _data(ids, partner_id: int, **changes):
    return {
        "title": "Testavtal golvsensorer",
        "kind": "test",
        "organisation_id": ids["ks"],
        "partner_ids": [partner_id],
        "starts_on": date(2026, 1, 1),
        "ends_on": date(2026, 12, 31),
        "notice_days": 60,
        "ip_principle": "partner_owns_region_licence",
        "testbed_id": ids["sim"],
    } | changes


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
def test_who_may_make_and_read_an_agreement(region, username, org, allowed) -> None:
    session, ids = region
    partner_id = _partner(session, ids, org)
    actor = who(session, username)
    data = _data(ids, partner_id, organisation_id=ids[org])
    if not allowed:
        with pytest.raises(PermissionDenied):
            agreements.create_agreement(session=session, actor=actor, data=data)
        made = agreements.create_agreement(session=session, actor=who(session, "root"), data=data)
        with pytest.raises(PermissionDenied):
            agreements.get_agreement(session=session, actor=actor, agreement_id=made.id, today=date(2026, 6, 1))
        with pytest.raises(PermissionDenied):
            agreements.attach_signed_copy(
                session=session, actor=actor, agreement_id=made.id, filename="a.pdf", data=PDF
            )
        return
    made = agreements.create_agreement(session=session, actor=actor, data=data)
    assert made.ref == "AVT-2026-0001"
    detail = agreements.get_agreement(session=session, actor=actor, agreement_id=made.id, today=date(2026, 6, 1))
    assert detail.row.parties == "Sensa AB" and ("testbed", "Simulering") in detail.linked
    listed = agreements.list_agreements(session=session, actor=actor, today=date(2026, 6, 1))
    assert [r.ref for r in listed.items] == ["AVT-2026-0001"]


def test_a_partner_of_another_organisation_cannot_be_a_managers_party(region) -> None:
    session, ids = region
    theirs = _partner(session, ids, "sl", name="Trafiklabbet")
    with pytest.raises(ValidationError) as refused:
        agreements.create_agreement(session=session, actor=who(session, "boss.ks"), data=_data(ids, theirs))
    assert "partner_ids" in refused.value.fields


def test_an_end_before_the_start_is_refused(region) -> None:
    session, ids = region
    with pytest.raises(ValidationError) as refused:
        agreements.create_agreement(
            session=session,
            actor=who(session, "root"),
            data=_data(ids, _partner(session, ids), ends_on=date(2025, 12, 31)),
        )
    assert refused.value.fields["ends_on"].key == "samverkan.ends_before_start"


@pytest.mark.parametrize(
    ("name", "data", "kind"), [("avtal.pdf", PDF, "pdf"), ("bild.PNG", PNG, "png"), ("a.docx", _docx(), "docx")]
)
def test_a_signed_copy_is_accepted_by_its_content_and_served_as_a_download(region, name, data, kind) -> None:
    session, ids = region
    root = who(session, "root")
    made = agreements.create_agreement(session=session, actor=root, data=_data(ids, _partner(session, ids)))
    agreements.attach_signed_copy(session=session, actor=root, agreement_id=made.id, filename=name, data=data)
    copy = agreements.signed_copy(session=session, actor=root, agreement_id=made.id)
    assert copy.data == data and copy.content_type == signed_copies.KINDS[kind][0]
    assert copy.filename.endswith(signed_copies.KINDS[kind][1])
    actions = session.exec(select(m.AuditLog.action).where(m.AuditLog.entity == "agreement")).all()
    assert actions == ["agreement.created", "agreement.file_attached"]


@pytest.mark.parametrize(
    ("name", "data", "key"),
    [
        ("avtal.pdf", b"<html><script>alert(1)</script></html>", "samverkan.file_type_refused"),  # HTML named .pdf
        ("avtal.svg", b'<svg xmlns="http://www.w3.org/2000/svg"/>', "samverkan.file_type_refused"),
        ("avtal.exe", b"MZ\x90\x00", "samverkan.file_type_refused"),
        ("avtal.docx", b"PK\x03\x04not a zip", "samverkan.file_type_refused"),
        ("avtal.pdf", PDF + b"x" * signed_copies.MAX_BYTES, "samverkan.file_too_large"),
        ("avtal.pdf", b"", "errors.required"),
    ],
)
def test_a_too_large_or_forbidden_file_is_refused_and_nothing_is_stored(region, name, data, key) -> None:
    session, ids = region
    root = who(session, "root")
    made = agreements.create_agreement(session=session, actor=root, data=_data(ids, _partner(session, ids)))
    with pytest.raises(ValidationError) as refused:
        agreements.attach_signed_copy(session=session, actor=root, agreement_id=made.id, filename=name, data=data)
    assert refused.value.fields["file"].key == key
    assert session.exec(select(m.AgreementFile)).all() == []
    with pytest.raises(NotFound):
        agreements.signed_copy(session=session, actor=root, agreement_id=made.id)


def test_a_file_name_cannot_carry_a_path_or_markup() -> None:
    assert signed_copies.safe_filename("../../etc/passwd", ".pdf") == "passwd.pdf"
    assert signed_copies.safe_filename("C:\\avtal<script>.html", ".pdf") == "avtal_script.pdf"
    assert signed_copies.safe_filename(None, ".png") == "avtal.png"


def test_the_end_is_notified_ahead_once_to_the_organisations_managers(region) -> None:
    session, ids = region
    made = agreements.create_agreement(
        session=session, actor=who(session, "root"), data=_data(ids, _partner(session, ids))
    )
    early = datetime(2026, 10, 1, 9, tzinfo=UTC)  # 91 days before the end: outside the 60 days' notice
    assert agreements.queue_expiring(session, now=early) == 0
    inside = datetime(2026, 11, 2, 9, tzinfo=UTC)
    assert agreements.queue_expiring(session, now=inside) == 1
    session.commit()
    assert agreements.queue_expiring(session, now=inside) == 0  # once per agreement and end date
    [notice] = session.exec(select(m.Notification).where(m.Notification.kind == "samverkan.agreement_expiring")).all()
    assert (
        notice.user_id == who(session, "boss.ks").id and made.ref in notice.subject and "2026-12-31" in notice.subject
    )
    assert agreements.queue_expiring(session, now=datetime(2027, 1, 2, 9, tzinfo=UTC)) == 0  # ended


def test_merging_a_duplicate_moves_its_links(region) -> None:
    session, ids = region
    keep = _partner(session, ids, name="Sensa AB", org_number="556016-0680")
    dup = _partner(session, ids, name="Sensa Aktiebolag")
    root = who(session, "root")
    made = agreements.create_agreement(session=session, actor=root, data=_data(ids, dup))
    with pytest.raises(PermissionDenied):
        partners.merge_partners(session=session, actor=who(session, "boss.sl"), duplicate_id=dup, into_id=keep)
    partners.merge_partners(session=session, actor=root, duplicate_id=dup, into_id=keep)
    assert session.exec(select(m.AgreementParty.partner_id).where(m.AgreementParty.agreement_id == made.id)).all() == [
        keep
    ]
    assert session.get(m.Partner, dup).merged_into_id == keep
    assert [p.name for p in partners.list_partners(session=session, actor=root).items] == ["Sensa AB"]
    with pytest.raises(ValidationError):
        partners.merge_partners(session=session, actor=root, duplicate_id=keep, into_id=keep)


def test_figures_and_indicators_count_agreements_and_partners(region) -> None:
    session, ids = region
    root = who(session, "root")
    agreements.create_agreement(session=session, actor=root, data=_data(ids, _partner(session, ids)))
    agreements.create_agreement(
        session=session,
        actor=root,
        data=_data(ids, _partner(session, ids, "sl", "Buss AB"), organisation_id=ids["sl"], ends_on=None),
    )
    now = figures.samverkan_figures(session, today=date(2026, 11, 1))
    assert (now.agreements_active, now.agreements_expiring, now.partners_active) == (2, 1, 2)
    assert figures.samverkan_figures(session, area_code="transport", today=date(2026, 11, 1)).agreements_active == 1
    year = {"start": date(2026, 1, 1), "end": date(2026, 12, 31)}
    assert computed.compute(session, "agreements_expiring", **year) == 1
    assert computed.compute(session, "partners_active", **year, organisation_id=ids["sl"]) == 1
    assert computed.compute(session, "needs_published", **year) == 1
    assert computed.compute_by_area(session, "partners_active", **year) == {ids["health"]: 1, ids["transport"]: 1}
