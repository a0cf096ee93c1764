"""SAM-01…08 exist in every database, not only in the demo: migration 0019 inserts them, as the demo's
files define them, and the demo loader then adds their targets without a second copy."""

from __future__ import annotations

import json
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine
from sqlmodel import Session, func, select

import db
import models as m
from services import seed
from services.indicators import dashboard
from services.indicators.aggregation import default_rule
from tests.conftest import PROJECT_DIR

SAM = {
    row["code"]: row for row in json.loads((seed.SEED_DIR / "indicators.json").read_text()) if row["code"][:4] == "SAM-"
}
FIELDS = ("name_sv", "name_en", "description", "unit", "direction", "frequency", "source", "computation", "scope")


def _definitions(session: Session) -> dict[str, m.Indicator]:
    return {i.code: i for i in session.exec(select(m.Indicator).where(m.Indicator.code.startswith("SAM-")))}


def test_a_database_without_demo_data_has_samverkans_indicators_as_the_demo_defines_them(
    empty_engine: Engine,
) -> None:
    assert sorted(SAM) == [f"SAM-0{n}" for n in range(1, 9)]
    with db.read_session(empty_engine) as session:
        found = _definitions(session)
        assert sorted(found) == sorted(SAM)
        for code, row in SAM.items():
            indicator = found[code]
            assert {k: getattr(indicator, k) for k in FIELDS} == {k: row[k] for k in FIELDS}, code
            assert (indicator.aggregation, indicator.weighting) == default_rule(row["unit"], row["computation"])
            assert indicator.is_active and indicator.owner_org_id is None
        # On the dashboards from the start, among the computed figures.
        shown = {info.code for info in dashboard.central_indicators(session)}
        assert set(SAM) <= shown


def test_the_migration_keeps_definitions_that_are_there_and_steps_down_and_up(empty_url: str) -> None:
    config = Config(str(PROJECT_DIR / "alembic.ini"))
    config.attributes["url"] = empty_url
    engine = db.make_engine(empty_url)
    with db.write_session(engine) as session:
        edited = _definitions(session)["SAM-07"]
        edited.name_sv = "Aktiva partner (eget namn)"
        session.commit()
        before = {code: i.id for code, i in _definitions(session).items()}
    command.downgrade(config, "0018_fund_review_due")
    command.upgrade(config, "head")
    with db.read_session(engine) as session:
        after = _definitions(session)
        assert {code: i.id for code, i in after.items()} == before  # neither lost nor doubled
        assert after["SAM-07"].name_sv == "Aktiva partner (eget namn)"  # an admin's edit survives
    engine.dispose()


def test_the_demo_loads_onto_them_once_with_its_targets(session: Session) -> None:
    for code, row in SAM.items():
        assert session.exec(select(func.count()).where(m.Indicator.code == code)).one() == 1
        indicator_id = session.exec(select(m.Indicator.id).where(m.Indicator.code == code)).one()
        targets = session.exec(select(func.count()).where(m.IndicatorTarget.indicator_id == indicator_id)).one()
        assert targets == len(row["targets"]), code


def test_loading_the_demo_again_over_itself_keeps_one_of_each(empty_engine: Engine, tmp_path: Path) -> None:
    with db.write_session(empty_engine) as session:
        seed.load_demo(session, today=seed.SEED_REFERENCE_DAY)
        seed.load_demo(session, today=seed.SEED_REFERENCE_DAY, replace=True)
        assert sorted(_definitions(session)) == sorted(SAM)
