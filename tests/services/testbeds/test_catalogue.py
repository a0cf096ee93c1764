"""The catalogue: filters return exactly the matching testbeds, counts per facet, the testbed page, and
who may create and change a testbed."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

import db
import models as m
from services.people.auth import load_actor
from services.shared.errors import NotFound, PermissionDenied, ValidationError
from services.testbeds import catalogue
from services.testbeds.catalogue import CatalogueFilters
from tests import factories as f


@pytest.fixture
def region(empty_engine: Engine) -> Iterator[tuple[Session, dict[str, Any]]]:
    """Two areas, two organisations with a manager each, and five testbeds with known properties."""
    with db.write_session(empty_engine) as session:
        health = f.area(session, "health")
        transport = f.area(session, "transport")
        ks = f.organisation(session, health, "KS", name="Karolinska")
        sl = f.organisation(session, transport, "SL", name="Lokaltrafiken")
        f.user(session, "boss.ks", "manager", ks)
        f.user(session, "boss.sl", "manager", sl)
        f.user(session, "staff.ks", "employee", ks)
        f.user(session, "root", "admin", ks)
        beds = {
            "sim": f.testbed(
                session,
                health,
                ks,
                name="Simuleringscentrum Åsa",
                env_type="simulated",
                access="paid",
                trl_min=4,
                trl_max=7,
                for_external=True,
                for_employees=False,
                lat=59.2,
                lon=17.9,
            ),
            "ward": f.testbed(
                session,
                health,
                ks,
                name="Vårdavdelning",
                env_type="real",
                access="conditional",
                trl_min=6,
                trl_max=9,
                for_external=False,
                for_employees=True,
            ),
            "lab": f.testbed(session, health, ks, name="Labbet", env_type="lab", access="free", trl_min=1, trl_max=3),
            "bus": f.testbed(
                session,
                transport,
                sl,
                name="Självkörande buss",
                env_type="real",
                access="free",
                trl_min=5,
                trl_max=8,
                status="planned",
            ),
            "old": f.testbed(
                session,
                transport,
                sl,
                name="Gammal depå",
                env_type="real",
                access="free",
                trl_min=5,
                trl_max=8,
                status="closed",
            ),
        }
        session.commit()
        yield session, {k: v.id for k, v in beds.items()} | {"ks": ks.id, "sl": sl.id, "health": health.id}


def _names(session: Session, filters: CatalogueFilters) -> set[str]:
    page = catalogue.search_testbeds(session=session, filters=filters, page_size=50)
    assert page.total == len(page.items)
    return {c.name for c in page.items}


def test_default_catalogue_shows_open_and_planned_only(region) -> None:
    session, _ = region
    assert _names(session, CatalogueFilters()) == {
        "Simuleringscentrum Åsa",
        "Vårdavdelning",
        "Labbet",
        "Självkörande buss",
    }


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (CatalogueFilters(area_codes=("transport",)), {"Självkörande buss"}),
        (CatalogueFilters(env_types=("real",)), {"Vårdavdelning", "Självkörande buss"}),
        (CatalogueFilters(accesses=("free", "paid")), {"Labbet", "Självkörande buss", "Simuleringscentrum Åsa"}),
        (CatalogueFilters(audiences=("employees",)), {"Vårdavdelning", "Labbet", "Självkörande buss"}),
        (CatalogueFilters(audiences=("external",)), {"Simuleringscentrum Åsa", "Labbet", "Självkörande buss"}),
        (CatalogueFilters(trl_min=8, trl_max=9), {"Vårdavdelning", "Självkörande buss"}),
        (CatalogueFilters(trl_min=2, trl_max=3), {"Labbet"}),
        (CatalogueFilters(statuses=("closed",)), {"Gammal depå"}),
        (CatalogueFilters(search="åsa"), {"Simuleringscentrum Åsa"}),
        (CatalogueFilters(search="lokaltrafiken"), {"Självkörande buss"}),  # the organisation's name
        (CatalogueFilters(env_types=("real",), area_codes=("health",), trl_min=9), {"Vårdavdelning"}),
        (CatalogueFilters(search="ingenting"), set()),
    ],
)
def test_filters_return_exactly_the_matching_testbeds(region, filters: CatalogueFilters, expected: set[str]) -> None:
    session, _ = region
    assert _names(session, filters) == expected


def test_counts_per_facet_keep_the_other_filters(region) -> None:
    session, _ = region
    counts = catalogue.filter_counts(
        session=session, filters=CatalogueFilters(area_codes=("health",), env_types=("real",))
    )
    # Areas counted with env_type=real kept (and the area filter itself left out).
    assert counts["area"] == {"health": 1, "transport": 1}
    # Environment types counted within health.
    assert counts["env_type"] == {"simulated": 1, "real": 1, "lab": 1}
    assert counts["access"] == {"conditional": 1}
    assert counts["audience"] == {"external": 0, "employees": 1}
    assert counts["status"] == {"open": 1}


def test_map_points_and_paging(region) -> None:
    session, _ = region
    everything = catalogue.all_matching(session=session, filters=CatalogueFilters())
    assert len(everything) == 4
    assert [p.name for p in catalogue.map_points(session=session, filters=CatalogueFilters())] == [
        "Simuleringscentrum Åsa"  # the only one with coordinates
    ]
    first = catalogue.search_testbeds(session=session, filters=CatalogueFilters(), page=1, page_size=3)
    second = catalogue.search_testbeds(session=session, filters=CatalogueFilters(), page=2, page_size=3)
    assert first.total == 4 and len(first.items) == 3 and len(second.items) == 1
    assert first.items[-1].status == "open" and second.items[0].status == "planned"  # open ones first


def test_testbed_page_lists_ideas_and_funded_projects_that_used_it(session: Session) -> None:
    """In the demo region, a funded project names the drone testbed; a request links an idea."""
    request = session.exec(select(m.TestbedRequest).where(m.TestbedRequest.idea_id.is_not(None))).first()
    bed = session.get(m.Testbed, request.testbed_id)
    idea = session.get(m.Idea, request.idea_id)
    detail = catalogue.get_testbed(session=session, slug=bed.slug)
    assert idea.title in detail.ideas
    funded = session.exec(
        select(m.FundApplication).where(
            m.FundApplication.testbed_id.is_not(None), m.FundApplication.status.in_(catalogue.FUNDED_STATUSES)
        )
    ).first()
    assert funded is not None
    funded_bed = session.get(m.Testbed, funded.testbed_id)
    assert funded.title in catalogue.get_testbed(session=session, slug=funded_bed.slug).funded_projects
    with pytest.raises(NotFound):
        catalogue.get_testbed(session=session, slug="finns-inte")


def _form(ids: dict[str, Any], **changes: Any) -> dict[str, Any]:
    data = {
        "name": "Ny testmiljö för ögon",
        "area_id": ids["health"],
        "organisation_id": ids["ks"],
        "summary": "Sammanfattning",
        "offers": "Tester",
        "conditions": "",
        "env_type": "lab",
        "access": "free",
        "for_external": True,
        "for_employees": True,
        "trl_min": 3,
        "trl_max": 6,
        "status": "planned",
        "lat": 59.3,
        "lon": 18.0,
        "contact_email": "kontakt@example.se",
        "url": "https://example.se/labb",
    }
    return data | changes


def test_manager_creates_edits_and_closes_own_testbed(region) -> None:
    session, ids = region
    boss = load_actor(session, "boss.ks")
    bed = catalogue.create_testbed(session=session, actor=boss, data=_form(ids))
    assert bed.slug == "ny-testmiljo-for-ogon" and bed.status == "planned"
    catalogue.update_testbed(
        session=session, actor=boss, testbed_id=bed.id, data=_form(ids, name="Ögonlabbet", trl_max=7)
    )
    catalogue.set_status(session=session, actor=boss, testbed_id=bed.id, status="closed")
    stored = session.get(m.Testbed, bed.id)
    assert (stored.name, stored.trl_max, stored.status) == ("Ögonlabbet", 7, "closed")
    actions = session.exec(
        select(m.AuditLog.action).where(m.AuditLog.entity_id == bed.id, m.AuditLog.entity == "testbed")
    ).all()
    assert actions == ["testbed.created", "testbed.updated", "testbed.status_changed"]


@pytest.mark.parametrize("username", ["boss.sl", "staff.ks"])
def test_others_may_not_create_or_change(region, username: str) -> None:
    session, ids = region
    other = load_actor(session, username)
    with pytest.raises(PermissionDenied):
        catalogue.create_testbed(session=session, actor=other, data=_form(ids))
    with pytest.raises(PermissionDenied):
        catalogue.set_status(session=session, actor=other, testbed_id=ids["sim"], status="closed")
    assert session.get(m.Testbed, ids["sim"]).status == "open"


def test_admin_may_manage_any_testbed(region) -> None:
    session, ids = region
    root = load_actor(session, "root")
    catalogue.set_status(session=session, actor=root, testbed_id=ids["bus"], status="open")
    assert session.get(m.Testbed, ids["bus"]).status == "open"
    assert len(catalogue.managed_testbeds(session=session, actor=root)) == 5
    assert len(catalogue.managed_testbeds(session=session, actor=load_actor(session, "boss.sl"))) == 2


@pytest.mark.parametrize(
    ("changes", "field", "key"),
    [
        ({"trl_min": 0}, "trl_min", "errors.too_small"),
        ({"trl_max": 10}, "trl_max", "errors.too_large"),
        ({"trl_min": 7, "trl_max": 3}, "trl_max", "testbeds.trl_order"),
        ({"lat": 91.0}, "lat", "errors.too_large"),
        ({"lon": -181.0}, "lon", "errors.too_small"),
        ({"lon": None}, "lon", "testbeds.lat_lon_pair"),
        ({"contact_email": "inte-en-adress"}, "contact_email", "errors.email_invalid"),
        ({"url": "example"}, "url", "errors.url_invalid"),
        ({"name": "  "}, "name", "errors.required"),
        ({"for_external": False, "for_employees": False}, "for_external", "testbeds.audience_required"),
        ({"slug": "Fel Slug"}, "slug", "testbeds.slug_invalid"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(region, changes, field: str, key: str) -> None:
    session, ids = region
    before = session.exec(select(m.Testbed.id)).all()
    with pytest.raises(ValidationError) as caught:
        catalogue.create_testbed(session=session, actor=load_actor(session, "root"), data=_form(ids, **changes))
    assert caught.value.fields[field].key == key
    assert session.exec(select(m.Testbed.id)).all() == before


def test_slug_must_be_unique(region) -> None:
    session, ids = region
    root = load_actor(session, "root")
    catalogue.create_testbed(session=session, actor=root, data=_form(ids, slug="unik"))
    with pytest.raises(ValidationError) as caught:
        catalogue.create_testbed(session=session, actor=root, data=_form(ids, slug="unik"))
    assert caught.value.fields["slug"].key == "testbeds.slug_taken"


def test_manager_cannot_move_testbed_to_another_organisation(region) -> None:
    session, ids = region
    with pytest.raises(ValidationError) as caught:
        catalogue.update_testbed(
            session=session,
            actor=load_actor(session, "boss.ks"),
            testbed_id=ids["sim"],
            data=_form(ids, organisation_id=ids["sl"]),
        )
    assert caught.value.fields["organisation_id"].key == "testbeds.other_org"


def test_the_public_search_refuses_a_pasted_page_of_text(session: Session) -> None:
    """200 words once cost 6 s of CPU and 1,000 crashed the page: the service caps words and characters."""
    long_search = " ".join(["testbädd", "vård", "sensor", "mobil"] * 50)
    for call in (catalogue.search_testbeds, catalogue.filter_counts, catalogue.map_points):
        with pytest.raises(ValidationError) as refused:
            call(session=session, filters=CatalogueFilters(search=long_search))
        assert refused.value.fields["search"].key == "errors.search_too_long"
