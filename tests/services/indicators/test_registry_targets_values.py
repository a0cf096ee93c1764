"""The indicator registry, targets by year and level, and reported values through their review."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

import db
import models as m
from services.indicators import dashboard as dash
from services.indicators import periods, registry, targets, values
from services.people.auth import load_actor
from services.shared.errors import InvalidTransition, Message, NotFound, PermissionDenied, ValidationError
from tests import factories as f
from tests.conftest import actor


@pytest.fixture
def s(empty_engine: Engine) -> Iterator[Session]:
    with db.write_session(empty_engine) as session:
        yield session


@pytest.fixture
def region(s: Session) -> dict:
    """Two areas, three organisations, one reported flow with targets at every level."""
    health = f.area(s, "health")
    transport = f.area(s, "transport")
    ks = f.organisation(s, health, "KS")
    sos = f.organisation(s, health, "SOS")
    sl = f.organisation(s, transport, "SL")
    indicator = f.indicator(s, "TST-01", "antal", aggregation="flow", name_sv="Tester", name_en="Tests")
    for year, area, org, value in [
        (2025, None, None, 10),
        (2026, None, None, 12),
        (2025, health.id, None, 6),
        (2026, health.id, None, 7),
        (2026, None, ks.id, 4),
    ]:
        s.add(m.IndicatorTarget(indicator_id=indicator.id, year=year, area_id=area, organisation_id=org, value=value))
    s.commit()
    return {"health": health, "transport": transport, "ks": ks, "sos": sos, "sl": sl, "ind": indicator}


# ---------------------------------------------------------------- targets


def test_targets_change_by_year_and_fall_back_organisation_area_region(s: Session, region: dict) -> None:
    i = region["ind"].id
    # A share: the region's own target, year by year.
    assert targets.target_for(s, i, 2025, aggregation="share") == 10
    assert targets.target_for(s, i, 2026, aggregation="share") == 12
    # An area with its own target, and one without (falls back to the region).
    assert targets.target_for(s, i, 2025, area_id=region["health"].id, aggregation="share") == 6
    assert targets.target_for(s, i, 2026, area_id=region["health"].id, aggregation="share") == 7
    assert targets.target_for(s, i, 2026, area_id=region["transport"].id, aggregation="share") == 12
    # An organisation: its own (2026 only), else its area's, else the region's.
    assert targets.target_for(s, i, 2026, organisation_id=region["ks"].id, aggregation="share") == 4
    assert targets.target_for(s, i, 2025, organisation_id=region["ks"].id, aggregation="share") == 6
    assert targets.target_for(s, i, 2026, organisation_id=region["sos"].id, aggregation="share") == 7
    assert targets.target_for(s, i, 2026, organisation_id=region["sl"].id, aggregation="share") == 12
    # No target at any level for the year.
    assert targets.target_for(s, i, 2024, organisation_id=region["ks"].id, aggregation="share") is None
    # Exact level only (for flows and stocks): no borrowing from the area or the region.
    assert targets.target_for(s, i, 2026, organisation_id=region["ks"].id, aggregation="stock") == 4
    assert targets.target_for(s, i, 2025, organisation_id=region["ks"].id, aggregation="stock") is None
    assert targets.target_for(s, i, 2026, area_id=region["transport"].id, aggregation="stock") is None
    assert targets.target_for(s, i, 2026, area_id=region["health"].id, aggregation="stock") == 7
    assert targets.target_for(s, i, 2026, aggregation="stock") == 12


def test_admin_sets_changes_and_deletes_a_target_with_audit(s: Session, region: dict) -> None:
    f.user(s, "boss", "admin")
    s.commit()
    admin = load_actor(s, "boss")
    i = region["ind"].id
    row = targets.set_target(session=s, actor=admin, indicator_id=i, year=2027, value="15", area_id=region["health"].id)
    assert targets.target_for(s, i, 2027, organisation_id=region["sos"].id, aggregation="share") == 15
    targets.set_target(session=s, actor=admin, indicator_id=i, year=2027, value=16, area_id=region["health"].id)
    assert targets.target_for(s, i, 2027, area_id=region["health"].id, aggregation="share") == 16
    targets.delete_target(session=s, actor=admin, target_id=row.id)
    assert targets.target_for(s, i, 2027, area_id=region["health"].id, aggregation="share") is None
    actions = s.exec(select(m.AuditLog.action).where(m.AuditLog.entity == "indicator_target")).all()
    assert actions == ["indicator_target.set", "indicator_target.set", "indicator_target.deleted"]
    with pytest.raises(ValidationError) as refused:
        targets.set_target(session=s, actor=admin, indicator_id=i, year=2027, value="mycket")
    assert refused.value.fields["value"].key == "errors.not_a_number"
    # Python's own number syntax is no number a person types; a decimal comma is.
    with pytest.raises(ValidationError) as underscore:
        targets.set_target(session=s, actor=admin, indicator_id=i, year=2027, value="1_000_000")
    assert underscore.value.fields["value"].key == "errors.not_a_number"
    assert targets.set_target(session=s, actor=admin, indicator_id=i, year=2027, value="12,5").value == 12.5


def test_a_manager_sets_their_own_indicators_targets_for_their_own_organisation_only(s: Session, region: dict) -> None:
    ks, sos = region["ks"], region["sos"]
    f.user(s, "chef", "manager", ks)
    own = f.indicator(s, "KS-01", "antal", scope="own", owner_org_id=ks.id)
    others = f.indicator(s, "SOS-01", "antal", scope="own", owner_org_id=sos.id)
    s.commit()
    chef = load_actor(s, "chef")
    row = targets.set_target(session=s, actor=chef, indicator_id=own.id, year=2026, value="12", organisation_id=ks.id)
    assert targets.target_for(s, own.id, 2026, aggregation="flow", organisation_id=ks.id) == 12
    before = s.exec(select(m.IndicatorTarget.id, m.IndicatorTarget.value)).all()
    refused = [
        {"indicator_id": region["ind"].id, "organisation_id": ks.id},  # a central indicator
        {"indicator_id": others.id, "organisation_id": sos.id},  # another administration's own
        {"indicator_id": own.id, "organisation_id": sos.id},  # own indicator, another organisation's level
        {"indicator_id": own.id, "area_id": region["health"].id},  # the area's level
        {"indicator_id": own.id},  # the region's level
    ]
    for where in refused:
        with pytest.raises(PermissionDenied):
            targets.set_target(session=s, actor=chef, year=2026, value=1, **where)
    central = s.exec(select(m.IndicatorTarget.id).where(m.IndicatorTarget.indicator_id == region["ind"].id)).first()
    with pytest.raises(PermissionDenied):
        targets.delete_target(session=s, actor=chef, target_id=central)
    assert s.exec(select(m.IndicatorTarget.id, m.IndicatorTarget.value)).all() == before
    targets.delete_target(session=s, actor=chef, target_id=row.id)
    actions = s.exec(select(m.AuditLog.action).where(m.AuditLog.actor_id == chef.id)).all()
    assert actions == ["indicator_target.set", "indicator_target.deleted"]


# ---------------------------------------------------------------- registry


def test_admin_creates_and_updates_indicators_and_bad_input_is_named(session: Session) -> None:
    admin = actor(session, "admin")
    hsf = session.exec(select(m.Organisation).where(m.Organisation.short_name == "HSF")).one()
    created = registry.create_indicator(
        session=session,
        actor=admin,
        data={
            "code": "hsf-09",
            "name_sv": "Vårdplatser",
            "name_en": "Beds",
            "unit": "antal",
            "scope": "own",
            "owner_org_id": hsf.id,
            "frequency": "month",
        },
    )
    assert created.code == "HSF-09" and created.owner_org == "HSF" and created.source == "reported"
    with pytest.raises(ValidationError) as taken:
        registry.create_indicator(
            session=session, actor=admin, data={"code": "HSF-09", "name_sv": "x", "name_en": "x", "unit": "st"}
        )
    assert taken.value.fields["code"].key == "indicators.data.code_taken"
    with pytest.raises(ValidationError) as no_key:
        registry.create_indicator(
            session=session,
            actor=admin,
            data={"code": "NEW-1", "name_sv": "x", "name_en": "x", "unit": "st", "source": "computed"},
        )
    assert no_key.value.fields["computation"].key == "indicators.data.computation_required"
    with pytest.raises(ValidationError) as no_owner:
        registry.create_indicator(
            session=session,
            actor=admin,
            data={"code": "NEW-2", "name_sv": "x", "name_en": "x", "unit": "st", "scope": "own"},
        )
    assert no_owner.value.fields["owner_org_id"].key == "indicators.data.owner_required"
    updated = registry.update_indicator(
        session=session,
        actor=admin,
        indicator_id=created.id,
        data={**_data(created), "name_sv": "Vårdplatser i drift", "is_active": False},
    )
    assert updated.name_sv == "Vårdplatser i drift" and not updated.is_active
    actions = session.exec(select(m.AuditLog.action).where(m.AuditLog.entity == "indicator")).all()
    assert actions == ["indicator.created", "indicator.updated"]


def _data(row: registry.IndicatorRow) -> dict:
    return {
        k: getattr(row, k)
        for k in (
            "code",
            "name_sv",
            "name_en",
            "description",
            "unit",
            "direction",
            "frequency",
            "source",
            "computation",
            "scope",
            "owner_org_id",
            "is_active",
            "aggregation",
            "weighting",
        )
    }


def test_each_indicator_has_the_rule_its_definition_says(session: Session) -> None:
    rules = {
        r.code: (r.aggregation, r.weighting)
        for r in registry.list_indicators(session=session, actor=actor(session, "admin"))
    }
    assert rules["PRJ-01"] == ("stock", None)  # "pågående ... vid periodens slut"
    assert rules["TST-01"] == ("flow", None)  # "avslutats under perioden"
    assert rules["MED-01"] == ("share", "ratio")
    assert rules["KOM-01"] == ("share", "ratio")  # computed from the course records, Σ trained / Σ staff
    assert rules["KLI-01"] == ("level", "staff")
    assert rules["IDE-01"] == ("flow", None) and rules["IDE-02"] == ("share", "ratio")
    assert rules["ORG-02"] == ("stock", None)  # certified leaders at the year's end


def test_changing_the_rule_of_an_indicator_with_values_needs_confirmation_and_is_audited(session: Session) -> None:
    admin = actor(session, "admin")
    prj = next(r for r in registry.list_indicators(session=session, actor=admin) if r.code == "PRJ-01")
    # An edit that does not speak of the rule keeps it.
    kept = registry.update_indicator(
        session=session, actor=admin, indicator_id=prj.id, data={**_data(prj), "description": "Vid kvartalets slut."}
    )
    assert kept.aggregation == "stock"
    with pytest.raises(ValidationError) as refused:
        registry.update_indicator(
            session=session, actor=admin, indicator_id=prj.id, data={**_data(prj), "aggregation": "flow"}
        )
    assert refused.value.fields["aggregation"].key == "indicators.data.rule_change_confirm"
    assert refused.value.fields["aggregation"].params["n"] > 0
    assert session.get(m.Indicator, prj.id).aggregation == "stock"
    changed = registry.update_indicator(
        session=session,
        actor=admin,
        indicator_id=prj.id,
        data={**_data(prj), "aggregation": "flow"},
        confirm_rule_change=True,
    )
    assert changed.aggregation == "flow"
    entry = session.exec(select(m.AuditLog).where(m.AuditLog.action == "indicator.rule_changed")).one()
    assert entry.details["before"] == {"aggregation": "stock", "weighting": None}
    assert entry.details["after"] == {"aggregation": "flow", "weighting": None}
    assert entry.actor_id == admin.id


def test_a_weighting_must_fit_the_rule_and_a_computed_indicator_keeps_its_computations(session: Session) -> None:
    admin = actor(session, "admin")
    base = {"name_sv": "x", "name_en": "x", "unit": "%"}
    with pytest.raises(ValidationError) as plain_mean:
        registry.create_indicator(
            session=session, actor=admin, data={**base, "code": "AND-9", "aggregation": "share", "weighting": "equal"}
        )
    assert plain_mean.value.fields["weighting"].key == "indicators.data.weighting_for_share"
    with pytest.raises(ValidationError) as level:
        registry.create_indicator(
            session=session, actor=admin, data={**base, "code": "NIV-9", "aggregation": "level", "weighting": "ratio"}
        )
    assert level.value.fields["weighting"].key == "indicators.data.weighting_for_level"
    share = registry.create_indicator(session=session, actor=admin, data={**base, "code": "AND-8"})
    assert (share.aggregation, share.weighting) == ("share", "ratio")  # a % defaults to numerator/denominator
    computed = registry.create_indicator(
        session=session,
        actor=admin,
        data={
            **base,
            "code": "IDE-9",
            "source": "computed",
            "computation": "ideas_public_share",
            "aggregation": "flow",
        },
    )
    assert (computed.aggregation, computed.weighting) == ("share", "ratio")


def test_a_manager_creates_and_changes_their_own_administrations_indicators_only(session: Session) -> None:
    manager = actor(session, "manager")  # HSF
    hsf = session.exec(select(m.Organisation).where(m.Organisation.short_name == "HSF")).one()
    sl = session.exec(select(m.Organisation).where(m.Organisation.short_name == "SL")).one()
    # Whatever the form says, a manager's new indicator is their own administration's own.
    created = registry.create_indicator(
        session=session,
        actor=manager,
        data={
            "code": "HSF-07",
            "name_sv": "Väntetid till vårdcentral",
            "name_en": "Wait for a health centre",
            "unit": "dagar",
            "scope": "central",
            "owner_org_id": sl.id,
        },
    )
    assert (created.scope, created.owner_org_id, created.aggregation) == ("own", hsf.id, "level")
    changed = registry.update_indicator(
        session=session,
        actor=manager,
        indicator_id=created.id,
        data={**_data(created), "name_sv": "Väntetid till första besök", "owner_org_id": sl.id, "scope": "central"},
    )
    assert (changed.name_sv, changed.scope, changed.owner_org_id) == ("Väntetid till första besök", "own", hsf.id)
    by_code = {r.code: r for r in registry.list_indicators(session=session, actor=actor(session, "admin"))}
    before = session.exec(select(m.Indicator.id, m.Indicator.name_sv, m.Indicator.updated_at)).all()
    for code in ("PRJ-01", "TF-01"):  # a central one, another administration's own
        with pytest.raises(PermissionDenied):
            row = by_code[code]
            registry.update_indicator(
                session=session, actor=manager, indicator_id=row.id, data={**_data(row), "name_sv": "x"}
            )
    for username in ("employee", "council"):
        with pytest.raises(PermissionDenied):
            data = {"code": "X-1", "name_sv": "x", "name_en": "x", "unit": "st"}
            registry.create_indicator(session=session, actor=actor(session, username), data=data)
    assert session.exec(select(m.Indicator.id, m.Indicator.name_sv, m.Indicator.updated_at)).all() == before
    actions = session.exec(
        select(m.AuditLog.action).where(m.AuditLog.entity == "indicator", m.AuditLog.actor_id == manager.id)
    ).all()
    assert actions == ["indicator.created", "indicator.updated"]


def test_manager_sees_central_and_own_indicators_only(session: Session) -> None:
    codes = {r.code for r in registry.list_indicators(session=session, actor=actor(session, "manager"))}
    assert "HSF-01" in codes and "PRJ-01" in codes and "IDE-01" in codes
    assert "TF-01" not in codes and "KF-01" not in codes
    with pytest.raises(PermissionDenied):
        registry.list_indicators(session=session, actor=actor(session, "employee"))


# ---------------------------------------------------------------- reported values


def _ids(session: Session, code: str, org: str) -> tuple[int, int]:
    i = session.exec(select(m.Indicator.id).where(m.Indicator.code == code)).one()
    o = session.exec(select(m.Organisation.id).where(m.Organisation.short_name == org)).one()
    return i, o


def test_manager_reports_admin_returns_with_note_then_approves(session: Session) -> None:
    manager, admin = actor(session, "manager"), actor(session, "admin")
    i, hsf = _ids(session, "PRJ-01", "HSF")
    period = date(2026, 7, 1)
    draft = values.save_value(
        session=session, actor=manager, indicator_id=i, organisation_id=hsf, period_start=period, value="7,5"
    )
    assert draft.status == "draft" and draft.value == 7.5
    waiting = values.queue_size(session=session, actor=admin)
    submitted = values.submit_value(session=session, actor=manager, value_id=draft.id)
    assert submitted.status == "submitted"
    queue = values.review_queue(session=session, actor=admin, page_size=200)
    assert draft.id in {v.id for v in queue.items}
    assert values.queue_size(session=session, actor=admin) == waiting + 1 == queue.total  # the tab's count
    with pytest.raises(PermissionDenied):
        values.queue_size(session=session, actor=manager)
    with pytest.raises(ValidationError) as no_note:
        values.return_value(session=session, actor=admin, value_id=draft.id, note="  ")
    assert no_note.value.fields["note"].key == "indicators.data.return_note_required"
    returned = values.return_value(session=session, actor=admin, value_id=draft.id, note="Räkna med Q3-projekten")
    assert returned.status == "returned" and returned.note == "Räkna med Q3-projekten"
    assert values.queue_size(session=session, actor=admin) == waiting
    again = values.save_value(
        session=session,
        actor=manager,
        indicator_id=i,
        organisation_id=hsf,
        period_start=period,
        value=8,
        submit=True,
    )
    assert again.id == draft.id and again.status == "submitted"
    approved = values.approve_value(session=session, actor=admin, value_id=draft.id)
    assert approved.status == "approved"
    # Approved: the dashboards count it now.
    info = next(x for x in dash.central_indicators(session) if x.id == i)
    assert dash.indicator_value(session, info, start=period, end=period, organisation_id=hsf) == 8.0
    with pytest.raises(InvalidTransition):
        values.save_value(
            session=session, actor=manager, indicator_id=i, organisation_id=hsf, period_start=period, value=9
        )
    actions = session.exec(
        select(m.AuditLog.action).where(m.AuditLog.entity == "indicator_value", m.AuditLog.entity_id == draft.id)
    ).all()
    assert actions == [
        "indicator_value.saved",
        "indicator_value.submitted",
        "indicator_value.returned",
        "indicator_value.submitted",
        "indicator_value.approved",
    ]


def test_manager_cannot_report_for_another_organisation(session: Session) -> None:
    manager = actor(session, "manager")
    i, ks = _ids(session, "PRJ-01", "KS")
    before = session.exec(select(m.IndicatorValue.id)).all()
    with pytest.raises(PermissionDenied):
        values.save_value(
            session=session, actor=manager, indicator_id=i, organisation_id=ks, period_start=date(2026, 7, 1), value=1
        )
    with pytest.raises(PermissionDenied):
        values.list_values(session=session, actor=manager, organisation_id=ks)
    # Nor read the other organisation's reporting table or what it has left to report, nor save a table.
    with pytest.raises(PermissionDenied):
        values.reporting_sheet(session=session, actor=manager, indicator_id=i, organisation_id=ks, year=2026)
    with pytest.raises(PermissionDenied):
        values.unreported_periods(session=session, actor=manager, organisation_id=ks, today=date(2026, 11, 28))
    with pytest.raises(PermissionDenied):
        values.save_sheet(
            session=session,
            actor=manager,
            indicator_id=i,
            organisation_id=ks,
            entries=[values.Entry(date(2026, 7, 1), "1")],
        )
    hsf = session.exec(select(m.Organisation.id).where(m.Organisation.short_name == "HSF")).one()
    own = values.list_values(session=session, actor=manager, organisation_id=hsf, year=2026, status="submitted")
    assert own.total == 2 and {v.indicator_code for v in own.items} == {"PRJ-01", "HSF-01"}
    other = session.exec(select(m.IndicatorValue.id).where(m.IndicatorValue.organisation_id == ks)).first()
    with pytest.raises(PermissionDenied):
        values.submit_value(session=session, actor=manager, value_id=other)
    with pytest.raises(PermissionDenied):
        values.approve_value(session=session, actor=manager, value_id=before[0])
    # The council reads dashboards but reports nothing.
    with pytest.raises(PermissionDenied):
        values.save_value(
            session=session,
            actor=actor(session, "council"),
            indicator_id=i,
            organisation_id=hsf,
            period_start=date(2026, 7, 1),
            value=1,
        )
    assert session.exec(select(m.IndicatorValue.id)).all() == before


def test_values_refused_for_computed_other_orgs_own_bad_periods(session: Session) -> None:
    manager = actor(session, "manager")
    _, hsf = _ids(session, "PRJ-01", "HSF")
    computed, _ = _ids(session, "IDE-01", "HSF")
    tf_own, _ = _ids(session, "TF-01", "HSF")
    prj, _ = _ids(session, "PRJ-01", "HSF")
    kwargs = {"session": session, "actor": manager, "organisation_id": hsf, "value": 1}
    with pytest.raises(InvalidTransition):
        values.save_value(indicator_id=computed, period_start=date(2026, 7, 1), **kwargs)
    with pytest.raises(PermissionDenied):
        values.save_value(indicator_id=tf_own, period_start=date(2026, 7, 1), **kwargs)
    with pytest.raises(ValidationError) as not_quarter:
        values.save_value(indicator_id=prj, period_start=date(2026, 8, 1), **kwargs)
    assert not_quarter.value.fields["period_start"].key == "indicators.data.period_not_quarter"
    with pytest.raises(ValidationError) as future:
        values.save_value(indicator_id=prj, period_start=date(2099, 1, 1), **kwargs)
    assert future.value.fields["period_start"].key == "indicators.data.period_future"
    with pytest.raises(ValidationError) as nan:
        values.save_value(indicator_id=prj, period_start=date(2026, 7, 1), **{**kwargs, "value": "många"})
    assert nan.value.fields["value"].key == "errors.not_a_number"
    with pytest.raises(NotFound):
        values.save_value(indicator_id=999_999, period_start=date(2026, 7, 1), **kwargs)


def test_a_value_for_a_frozen_year_is_refused_with_the_reason(session: Session) -> None:
    manager, admin = actor(session, "manager"), actor(session, "admin")
    i, hsf = _ids(session, "PRJ-01", "HSF")
    kom, _ = _ids(session, "MED-01", "HSF")
    # The demo's 2025 is all approved (its bokslut has no blank rows); say HSF's MED-01 came in late.
    waiting = session.exec(
        select(m.IndicatorValue).where(
            m.IndicatorValue.indicator_id == kom,
            m.IndicatorValue.organisation_id == hsf,
            m.IndicatorValue.period_start == date(2025, 1, 1),
        )
    ).one()
    waiting.status, waiting.reviewed_at, waiting.reviewed_by_id = "submitted", None, None
    session.commit()
    session.add(m.AnnualReport(year=2025, organisation_id=None, frozen_at=m.utcnow()))
    # An organisation's own frozen report does not freeze the year: only the region's does.
    session.add(m.AnnualReport(year=2026, organisation_id=hsf, frozen_at=m.utcnow()))
    session.commit()
    assert periods.frozen_at(session, 2025) is not None and periods.frozen_at(session, 2026) is None
    with pytest.raises(InvalidTransition) as refused:
        values.save_value(
            session=session,
            actor=manager,
            indicator_id=i,
            organisation_id=hsf,
            period_start=date(2025, 10, 1),
            value=3,
        )
    assert refused.value.key == "indicators.data.year_frozen" and refused.value.params == {"year": 2025}
    with pytest.raises(InvalidTransition):
        values.approve_value(session=session, actor=admin, value_id=waiting.id)
    session.refresh(waiting)
    assert waiting.status == "submitted"
    saved = values.save_value(
        session=session, actor=manager, indicator_id=i, organisation_id=hsf, period_start=date(2026, 10, 1), value=3
    )
    assert saved.status == "draft" and saved.value == 3


def test_reporting_sheet_and_unreported_periods(session: Session) -> None:
    manager = actor(session, "manager")
    i, hsf = _ids(session, "PRJ-01", "HSF")
    sheet = values.reporting_sheet(session=session, actor=manager, indicator_id=i, organisation_id=hsf, year=2025)
    assert [r.period_start for r in sheet] == [date(2025, 1, 1), date(2025, 4, 1), date(2025, 7, 1), date(2025, 10, 1)]
    assert sheet[0].period_end == date(2025, 3, 31)
    today = date(2026, 11, 28)
    missing = values.unreported_periods(session=session, actor=manager, organisation_id=hsf, today=today)
    assert all(p.period_end < today for p in missing)
    reported = {
        (v.indicator_id, v.period_start)
        for v in session.exec(
            select(m.IndicatorValue).where(
                m.IndicatorValue.organisation_id == hsf, m.IndicatorValue.status.in_(["submitted", "approved"])
            )
        )
    }
    assert not {(p.indicator_id, p.period_start) for p in missing} & reported
    # The demo leaves HSF's own monthly indicator unreported for some months: reporting one removes it.
    assert missing
    first = missing[0]
    saved = values.save_value(
        session=session,
        actor=manager,
        indicator_id=first.indicator_id,
        organisation_id=hsf,
        period_start=first.period_start,
        value=1,
        submit=True,
    )
    assert saved.status == "submitted"
    after = values.unreported_periods(session=session, actor=manager, organisation_id=hsf, today=today)
    assert (first.indicator_id, first.period_start) not in {(p.indicator_id, p.period_start) for p in after}


def test_a_share_takes_a_sensible_numerator_and_denominator_and_saves_nothing_else(session: Session) -> None:
    manager = actor(session, "manager")
    i, hsf = _ids(session, "MED-01", "HSF")
    before = session.exec(select(m.IndicatorValue.id, m.IndicatorValue.value)).all()
    period = date(2026, 1, 1)
    for numerator, denominator, field, key in [
        (None, None, "numerator", "errors.required"),
        ("30", "", "denominator", "errors.required"),
        ("-1", "100", "numerator", "errors.too_small"),
        ("10", "0", "denominator", "errors.too_small"),
        ("tio", "100", "numerator", "errors.not_a_number"),
        ("300", "200", "numerator", "indicators.data.numerator_above_denominator"),
        ("1", "1 000 000 000 000 000", "denominator", "errors.too_large"),
        ("1", "1e3", "denominator", "errors.not_a_number"),
    ]:
        with pytest.raises(ValidationError) as refused:
            values.save_value(
                session=session,
                actor=manager,
                indicator_id=i,
                organisation_id=hsf,
                period_start=period,
                value="30",  # a bare percentage is not what a ratio share takes
                numerator=numerator,
                denominator=denominator,
            )
        assert refused.value.fields[field].key == key, (numerator, denominator)
    assert session.exec(select(m.IndicatorValue.id, m.IndicatorValue.value)).all() == before
    saved = values.save_value(
        session=session,
        actor=manager,
        indicator_id=i,
        organisation_id=hsf,
        period_start=period,
        numerator="297",
        denominator="1 100",
    )
    assert (saved.value, saved.numerator, saved.denominator) == (27.0, 297, 1100)


def test_a_reporting_table_is_saved_whole_or_not_at_all(session: Session) -> None:
    manager = actor(session, "manager")
    i, hsf = _ids(session, "HSF-01", "HSF")  # monthly, HSF's own
    before = session.exec(select(m.IndicatorValue.id, m.IndicatorValue.value, m.IndicatorValue.status)).all()
    # HSF-01 is a share reported as numerator and denominator: digital visits of all visits.
    entries = [
        values.Entry(date(2026, 2, 1), None, None, "204 250", "950 000"),  # approved in the demo: refused
        values.Entry(date(2026, 11, 1), None, "Ny mätmetod", "209000", 950_000),
        values.Entry(date(2099, 12, 1), None, None, 1, 4),  # has not started yet
    ]
    with pytest.raises(ValidationError) as refused:
        values.save_sheet(session=session, actor=manager, indicator_id=i, organisation_id=hsf, entries=entries)
    assert {k: v.key for k, v in refused.value.fields.items()} == {
        "2026-02-01": "indicators.data.already_approved",
        "2099-12-01": "indicators.data.period_future",
    }
    after = session.exec(select(m.IndicatorValue.id, m.IndicatorValue.value, m.IndicatorValue.status)).all()
    assert after == before
    saved = values.save_sheet(
        session=session, actor=manager, indicator_id=i, organisation_id=hsf, entries=[entries[1]], submit=True
    )
    assert saved == 1
    stored = session.exec(
        select(m.IndicatorValue).where(
            m.IndicatorValue.indicator_id == i, m.IndicatorValue.period_start == date(2026, 11, 1)
        )
    ).one()
    assert (stored.value, stored.status, stored.note) == (22, "submitted", "Ny mätmetod")
    assert (stored.numerator, stored.denominator) == (209_000, 950_000)


def test_every_page_holds_an_organisation_against_the_same_target(s: Session, region: dict) -> None:
    """The one target rule: the dashboard, Min förvaltning and the bokslut agree on each target."""
    from services.annual_report import report
    from services.indicators import my_org as mine

    share = f.indicator(s, "ANDEL-01", "%", aggregation="share", weighting="ratio")
    s.add(m.IndicatorTarget(indicator_id=share.id, year=2026, value=40))
    stock = f.indicator(s, "PRJ-01", "antal", aggregation="stock")
    s.add(m.IndicatorTarget(indicator_id=stock.id, year=2026, organisation_id=region["ks"].id, value=4))
    f.user(s, "boss", "admin")
    s.commit()
    admin = load_actor(s, "boss")
    infos = {i.code: i for i in dash.central_indicators(s)}
    bokslut = report.build(s, 2026)["levels"]
    year = {"start": date(2026, 1, 1), "end": date(2026, 12, 31)}
    # A quarterly flow: the organisation's own target, four quarters of it; none where the level has none.
    # A stock: the organisation's own target as set (where to stand at the year's end), not four of them.
    # A share: the region's 40 % holds for every organisation without its own.
    for org, flow_target, stock_target in [(region["ks"], 16.0, 4.0), (region["sl"], None, None)]:
        on_my_org = {
            r.code: r.target
            for r in mine.comparison(session=s, actor=admin, organisation_id=org.id, year=2026, today=year["end"])
        }
        on_dashboard = {x.indicator.code: x.target for x in dash.figures(s, admin, **year, organisation_id=org.id)}
        for code, expected in [("TST-01", flow_target), ("PRJ-01", stock_target), ("ANDEL-01", 40.0)]:
            scope = {"area_id": org.area_id, "organisation_id": org.id}
            assert dash.period_target(s, infos[code], **year, **scope) == expected
            assert on_dashboard[code] == expected
            in_area = dash.by_organisation(s, admin, infos[code].id, **year, area_id=org.area_id)
            assert next(o.target for o in in_area if o.organisation_id == org.id) == expected
            assert on_my_org[code] == expected
            assert bokslut[report.org_key(org.id)]["indicators"][code]["target"] == expected
    # The area's flow target is the area's own, never the region's.
    health = report.area_key(region["health"].id)
    assert bokslut[health]["indicators"]["TST-01"]["target"] == 28.0
    assert bokslut[report.area_key(region["transport"].id)]["indicators"]["TST-01"]["target"] is None


def test_a_value_before_2000_or_in_python_number_syntax_is_refused(session: Session) -> None:
    manager = actor(session, "manager")
    prj, hsf = _ids(session, "PRJ-01", "HSF")
    kwargs = {"session": session, "actor": manager, "indicator_id": prj, "organisation_id": hsf}
    before = session.exec(select(m.IndicatorValue.id)).all()
    with pytest.raises(ValidationError) as early:
        values.save_value(period_start=date(1999, 10, 1), value=1, **kwargs)
    assert early.value.fields["period_start"] == Message("indicators.data.period_too_early", {"first": 2000})
    for typed in ("1_000_000", "1e6", "inf"):
        with pytest.raises(ValidationError) as odd:
            values.save_value(period_start=date(2026, 7, 1), value=typed, **kwargs)
        assert odd.value.fields["value"].key == "errors.not_a_number"
    assert session.exec(select(m.IndicatorValue.id)).all() == before
    assert values.save_value(period_start=date(2026, 7, 1), value="1 000 000", **kwargs).value == 1_000_000


def test_targets_of_another_administrations_own_indicator_are_hidden_from_a_manager(session: Session) -> None:
    """The register hides TF-01 (Trafikförvaltningen's own) from HSF's manager: so do its targets."""
    admin, hsf_manager = actor(session, "admin"), actor(session, "manager")
    tf_own, _ = _ids(session, "TF-01", "HSF")
    targets.set_target(session=session, actor=admin, indicator_id=tf_own, year=2026, value=12)
    assert tf_own not in {i.id for i in registry.list_indicators(session=session, actor=hsf_manager)}
    with pytest.raises(NotFound):
        targets.list_targets(session=session, actor=hsf_manager, indicator_id=tf_own)
    owners = targets.list_targets(session=session, actor=actor(session, "manager.trafik"), indicator_id=tf_own)
    assert 12 in [t.value for t in owners]
    assert targets.list_targets(session=session, actor=actor(session, "council"), indicator_id=tf_own)
    own, _ = _ids(session, "HSF-01", "HSF")
    targets.list_targets(session=session, actor=hsf_manager, indicator_id=own)  # its own: readable
