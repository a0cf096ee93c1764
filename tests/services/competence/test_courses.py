"""Competence development: admins record courses and participants (employees and elected officials);
admins, the council and managers read; the share of staff trained counts completed training courses
where the head count is known."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

import db
import models as m
from services.competence import courses
from services.people.auth import Actor, load_actor
from services.shared.errors import PermissionDenied, ValidationError
from tests import factories as f


@pytest.fixture
def session(empty_engine: Engine) -> Iterator[Session]:
    with db.write_session(empty_engine) as session:
        health = f.area(session, "health")
        ks = f.organisation(session, health, "KS", staff_count=4)
        sos = f.organisation(session, health, "SöS")  # no head count known
        f.user(session, "root", "admin", ks)
        f.user(session, "rådet", "council", ks)
        f.user(session, "boss", "manager", ks)
        f.user(session, "anna", "employee", ks, display_name="Anna Anställd")
        f.user(session, "bo", "employee", ks, display_name="Bo Anställd")
        f.user(session, "sara", "employee", sos, display_name="Sara SöS")
        session.commit()
        yield session


def _actor(session: Session, username: str) -> Actor:
    found = load_actor(session, username)
    assert found is not None
    return found


def _course(session: Session, kind: str = "design", **extra: object) -> m.Course:
    data = {"title": "Tjänstedesign", "kind": kind, "starts_on": date(2026, 3, 10), "target_group": "Alla", **extra}
    return courses.create_course(session=session, actor=_actor(session, "root"), data=data)


def test_courses_with_employees_and_officials_and_the_share_trained(session: Session) -> None:
    admin = _actor(session, "root")
    design = _course(session, for_officials=True)
    info = _course(session, kind="information", title="Informationsträff")
    anna = courses.add_employee(session=session, actor=admin, course_id=design.id, user_id=_actor(session, "anna").id)
    courses.add_employee(session=session, actor=admin, course_id=design.id, user_id=_actor(session, "sara").id)
    official = courses.add_official(
        session=session,
        actor=admin,
        course_id=design.id,
        data={"official_name": "Eva Lindgren", "official_committee": "Hälso- och sjukvårdsnämnden"},
    )
    bo_info = courses.add_employee(session=session, actor=admin, course_id=info.id, user_id=_actor(session, "bo").id)
    for row in (anna, official, bo_info):
        courses.set_completed(session=session, actor=admin, participant_id=row.id, completed_on=date(2026, 3, 11))

    council = _actor(session, "rådet")
    listed = {
        c.title: (c.participants, c.completed) for c in courses.list_courses(session=session, actor=council).items
    }
    assert listed == {"Tjänstedesign": (3, 2), "Informationsträff": (1, 1)}
    people = courses.participants(session=session, actor=council, course_id=design.id)
    assert [(p.name, p.organisation_or_committee, p.official) for p in people] == [
        ("Anna Anställd", "KS", False),
        ("Sara SöS", "SöS", False),
        ("Eva Lindgren", "Hälso- och sjukvårdsnämnden", True),
    ]
    boss_sees = courses.participants(session=session, actor=_actor(session, "boss"), course_id=design.id)
    assert [p.name for p in boss_sees] == ["Anna Anställd", "Eva Lindgren"]  # own staff and the officials

    shares = {r.organisation_id: r for r in courses.trained_share(session=session, actor=council, year=2026)}
    ks = shares[session.exec(select(m.Organisation.id).where(m.Organisation.short_name == "KS")).one()]
    assert (ks.trained, ks.share) == (1, 25.0)  # Anna; Bo's information effort is no training
    sos = shares[session.exec(select(m.Organisation.id).where(m.Organisation.short_name == "SöS")).one()]
    assert (sos.trained, sos.share) == (0, None)  # Sara did not complete; no head count either
    assert courses.trained_share(session=session, actor=council, year=2025)[0].trained == 0


@pytest.mark.parametrize("username", ["rådet", "boss", "anna"])
def test_only_admins_record_courses_and_participants(session: Session, username: str) -> None:
    course = _course(session)
    someone = _actor(session, username)
    with pytest.raises(PermissionDenied):
        courses.create_course(
            session=session,
            actor=someone,
            data={"title": "x", "kind": "ip", "starts_on": date(2026, 1, 1), "target_group": "x"},
        )
    with pytest.raises(PermissionDenied):
        courses.add_employee(session=session, actor=someone, course_id=course.id, user_id=someone.id)
    with pytest.raises(PermissionDenied):
        courses.add_official(
            session=session, actor=someone, course_id=course.id, data={"official_name": "x", "official_committee": "y"}
        )


def test_employees_do_not_read_the_course_register(session: Session) -> None:
    anna = _actor(session, "anna")
    with pytest.raises(PermissionDenied):
        courses.list_courses(session=session, actor=anna)
    with pytest.raises(PermissionDenied):
        courses.trained_share(session=session, actor=anna, year=2026)


def test_bad_course_and_participant_input_is_refused(session: Session) -> None:
    admin = _actor(session, "root")
    with pytest.raises(ValidationError) as refused:
        courses.create_course(
            session=session,
            actor=admin,
            data={"title": " ", "kind": "yoga", "starts_on": "igår", "target_group": ""},
        )
    assert set(refused.value.fields) == {"title", "kind", "starts_on", "target_group"}
    with pytest.raises(ValidationError) as refused:
        _course(session, ends_on=date(2026, 3, 1))
    assert refused.value.fields["ends_on"].key == "competence.ends_before_starts"
    course = _course(session)
    with pytest.raises(ValidationError) as refused:
        courses.add_employee(session=session, actor=admin, course_id=course.id, user_id=999_999)
    assert refused.value.fields["user_id"].key == "competence.participant_unknown"
    courses.add_employee(session=session, actor=admin, course_id=course.id, user_id=_actor(session, "anna").id)
    with pytest.raises(ValidationError) as refused:
        courses.add_employee(session=session, actor=admin, course_id=course.id, user_id=_actor(session, "anna").id)
    assert refused.value.fields["user_id"].key == "competence.participant_twice"
    with pytest.raises(ValidationError) as refused:
        courses.add_official(
            session=session, actor=admin, course_id=course.id, data={"official_name": "Eva", "official_committee": " "}
        )
    assert set(refused.value.fields) == {"official_committee"}
    [row] = session.exec(select(m.CourseParticipant)).all()
    with pytest.raises(ValidationError):
        courses.set_completed(session=session, actor=admin, participant_id=row.id, completed_on=date(2026, 1, 1))


def test_kom01_is_computed_from_the_course_records_on_the_dashboards_and_in_the_bokslut(session: Session) -> None:
    """KOM-01 as a computed indicator: Σ employees trained / Σ staff over the organisations whose staff
    count is known, the same figure as the course register's, for the region, the area and each
    organisation, in the dashboards' figures and the innovationsbokslut."""
    from services.annual_report import report as annual
    from services.indicators import computed
    from services.indicators import dashboard as dash

    admin = _actor(session, "root")
    health = session.exec(select(m.Area)).one()
    ks, sos = (session.exec(select(m.Organisation).where(m.Organisation.short_name == s)).one() for s in ("KS", "SöS"))
    transport = f.area(session, "transport")
    sl = f.organisation(session, transport, "SL", staff_count=6)
    f.user(session, "lina", "employee", sl)
    kom = session.exec(select(m.Indicator).where(m.Indicator.code == "KOM-01")).one()  # in every database (0021)
    session.commit()
    design, ip = _course(session), _course(session, kind="ip", title="Immaterialrätt")
    info = _course(session, kind="information", title="Informationsträff")
    done = date(2026, 3, 11)
    for course, username in ((design, "anna"), (ip, "anna"), (design, "sara"), (ip, "lina"), (info, "bo")):
        row = courses.add_employee(
            session=session, actor=admin, course_id=course.id, user_id=_actor(session, username).id
        )
        courses.set_completed(session=session, actor=admin, participant_id=row.id, completed_on=done)
    late = courses.add_employee(session=session, actor=admin, course_id=design.id, user_id=_actor(session, "bo").id)
    courses.set_completed(session=session, actor=admin, participant_id=late.id, completed_on=date(2027, 1, 5))

    year = {"start": date(2026, 1, 1), "end": date(2026, 12, 31)}
    # KS: Anna once (two courses), not Bo (information; his training ended in 2027) -> 1 of 4. SöS has no
    # staff count: Sara counts nowhere. SL: 1 of 6. Health 1/4 = 25 %; the region (1 + 1) / (4 + 6) = 20 %.
    assert computed.compute(session, "staff_trained_share", **year) == 20.0
    assert computed.compute_by_area(session, "staff_trained_share", **year) == {health.id: 25.0, transport.id: 16.7}
    by_org = computed.compute_by_organisation(session, "staff_trained_share", **year)
    assert by_org == {ks.id: 25.0, sos.id: None, sl.id: 16.7}
    assert computed.compute(session, "staff_trained_share", start=date(2025, 1, 1), end=date(2025, 12, 31)) == 0.0
    shares = {r.organisation_id: r.share for r in courses.trained_share(session=session, actor=admin, year=2026)}
    assert shares[ks.id] == by_org[ks.id]  # Kompetensutveckling says the same

    info_row = dash.indicator_info(session, kom.id)
    assert info_row is not None and (info_row.aggregation, info_row.weighting) == ("share", "ratio")
    [figure] = dash.figures(session, _actor(session, "rådet"), **year, area_id=health.id, indicators=[info_row])
    assert figure.value == 25.0
    levels = annual.build(session, 2026)["levels"]
    assert levels[annual.REGION]["indicators"]["KOM-01"]["value"] == 20.0
    assert levels[annual.org_key(sl.id)]["indicators"]["KOM-01"]["value"] == 16.7
    assert levels[annual.org_key(sos.id)]["indicators"]["KOM-01"]["value"] is None


def test_kom01_without_any_staff_count_is_a_dash_not_a_zero(empty_engine: Engine) -> None:
    from services.indicators import computed

    with db.write_session(empty_engine) as session:
        health = f.area(session, "health")
        f.organisation(session, health, "KS")
        session.commit()
        assert computed.compute(session, "staff_trained_share", start=date(2026, 1, 1), end=date(2026, 12, 31)) is None


def test_a_database_without_demo_data_has_kom01_computed_and_the_demo_loads_onto_it_once(
    empty_engine: Engine,
) -> None:
    import json

    from services import seed
    from services.indicators import dashboard

    [row] = [r for r in json.loads((seed.SEED_DIR / "indicators.json").read_text()) if r["code"] == "KOM-01"]
    fields = ("name_sv", "name_en", "description", "unit", "direction", "frequency", "source", "computation", "scope")
    with db.write_session(empty_engine) as session:
        [kom] = session.exec(select(m.Indicator).where(m.Indicator.code == "KOM-01")).all()
        assert {k: getattr(kom, k) for k in fields} == {k: row[k] for k in fields}
        assert (kom.aggregation, kom.weighting) == (m.Aggregation.share, m.Weighting.ratio)
        assert "KOM-01" in {info.code for info in dashboard.central_indicators(session)}
        seed.load_demo(session, today=seed.SEED_REFERENCE_DAY)
        [again] = session.exec(select(m.Indicator).where(m.Indicator.code == "KOM-01")).all()
        assert again.id == kom.id
        targets = session.exec(select(m.IndicatorTarget).where(m.IndicatorTarget.indicator_id == kom.id)).all()
        assert len(targets) == len(row["targets"])


def test_the_kom01_migration_keeps_a_kom01_that_is_there(empty_url: str) -> None:
    from alembic import command
    from alembic.config import Config

    from tests.conftest import PROJECT_DIR

    config = Config(str(PROJECT_DIR / "alembic.ini"))
    config.attributes["url"] = empty_url
    engine = db.make_engine(empty_url)
    with db.write_session(engine) as session:
        kom = session.exec(select(m.Indicator).where(m.Indicator.code == "KOM-01")).one()
        kom.name_sv = "Utbildade i innovation (eget namn)"
        session.commit()
        kept = kom.id
    command.downgrade(config, "0020_partner_links")
    command.upgrade(config, "head")
    with db.read_session(engine) as session:
        [after] = session.exec(select(m.Indicator).where(m.Indicator.code == "KOM-01")).all()
        assert (after.id, after.name_sv) == (kept, "Utbildade i innovation (eget namn)")
    engine.dispose()
