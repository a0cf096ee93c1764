"""Samverkan: a response to a need can become a testbed request or a fund application (each keeps the
response it came from, one per response), and the SAM-01…08 indicator definitions exist in every database

Until now only the demo seed inserted SAM-01…08, so a production database without demo data had
Samverkan's figures on no dashboard. The upgrade inserts each definition whose code is missing (a
database that already has them, from the demo or typed in by an admin, keeps its own); the seed in turn
leaves out codes that exist. The downgrade keeps the definitions: they are valid rows at 0018 too, and
deleting them would take their targets, their edits and their ids (which frozen figures refer to) along.

Revision ID: 0019_samverkan_forward
Revises: 0018_fund_review_due
"""

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0019_samverkan_forward"
down_revision: str | None = "0018_fund_review_due"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# As data/seed/indicators.json and services.indicators.computed held them when this was written:
# (code, name_sv, name_en, unit, direction, frequency, computation, aggregation, weighting, description)
SAMVERKAN_INDICATORS = (
    (
        "SAM-01",
        "Publicerade behov och utmaningar",
        "Needs and challenges published",
        "antal",
        "up",
        "quarter",
        "needs_published",
        "flow",
        None,
        "Behov och utmaningar som regionen har publicerat för svar från företag, akademi och andra under perioden.",
    ),
    (
        "SAM-02",
        "Svar på behov",
        "Responses to needs",
        "antal",
        "up",
        "quarter",
        "need_responses",
        "flow",
        None,
        "Svar från företag, forskare och andra på regionens publicerade behov under perioden.",
    ),
    (
        "SAM-03",
        "Behov som fått svar",
        "Needs answered",
        "antal",
        "up",
        "quarter",
        "needs_answered",
        "flow",
        None,
        "Behov som har fått minst ett svar under perioden.",
    ),
    (
        "SAM-04",
        "Upphandlingar med innovation",
        "Procurements with innovation",
        "antal",
        "up",
        "year",
        "procurements_started",
        "flow",
        None,
        "Innovationsvänliga upphandlingar som startats under perioden (avbrutna räknas inte).",
    ),
    (
        "SAM-05",
        "Uppskattat värde i upphandlingar med innovation",
        "Estimated value of procurements with innovation",
        "SEK",
        "up",
        "year",
        "procurements_value_sek",
        "flow",
        None,
        "Uppskattat värde i kronor för de upphandlingar med innovation som startats under perioden.",
    ),
    (
        "SAM-06",
        "Andel upphandlingar med test i testmiljö",
        "Share of procurements with tests in a testbed",
        "%",
        "up",
        "year",
        "procurements_share_tests",
        "share",
        "ratio",
        "Andel av periodens upphandlingar med innovation där något steg använt en av regionens test- och "
        "demonstrationsmiljöer.",
    ),
    (
        "SAM-07",
        "Aktiva partner",
        "Active partners",
        "antal",
        "up",
        "year",
        "partners_active",
        "stock",
        None,
        "Aktiva aktörer i partnerregistret: företag, akademi, inkubatorer, stiftelser, civilsamhälle och andra "
        "offentliga aktörer (som registret ser ut i dag).",
    ),
    (
        "SAM-08",
        "Avtal som löper ut",
        "Agreements ending",
        "antal",
        "down",
        "quarter",
        "agreements_expiring",
        "flow",
        None,
        "Avtal med partner vars slutdatum infaller under perioden.",
    ),
)


def upgrade() -> None:
    for table in ("fundapplication", "testbedrequest"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("response_id", sa.Integer(), nullable=True))
            batch_op.create_unique_constraint(batch_op.f(f"uq_{table}_response_id"), ["response_id"])
            batch_op.create_foreign_key(
                batch_op.f(f"fk_{table}_response_id_needresponse"), "needresponse", ["response_id"], ["id"]
            )
    _insert_missing_indicators()


def _insert_missing_indicators() -> None:
    texts = ("code", "name_sv", "name_en", "description", "unit", "direction", "frequency", "source")
    indicator = sa.table(
        "indicator",
        *(sa.column(name, sa.String()) for name in (*texts, "computation", "scope", "aggregation", "weighting")),
        sa.column("owner_org_id", sa.Integer()),
        sa.column("is_active", sa.Boolean()),
        sa.column("created_at", sqlmodel.sql.sqltypes.UTCDateTime()),
        sa.column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime()),
    )
    connection = op.get_bind()
    present = set(connection.execute(sa.select(indicator.c.code)).scalars())
    now = datetime.now(UTC)
    rows = [
        {
            "code": code,
            "name_sv": name_sv,
            "name_en": name_en,
            "description": description,
            "unit": unit,
            "direction": direction,
            "frequency": frequency,
            "source": "computed",
            "computation": computation,
            "scope": "central",
            "owner_org_id": None,
            "is_active": True,
            "aggregation": aggregation,
            "weighting": weighting,
            "created_at": now,
            "updated_at": now,
        }
        for code, name_sv, name_en, unit, direction, frequency, computation, aggregation, weighting, description in (
            SAMVERKAN_INDICATORS
        )
        if code not in present
    ]
    if rows:
        connection.execute(indicator.insert(), rows)


def downgrade() -> None:
    for table in ("testbedrequest", "fundapplication"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(batch_op.f(f"fk_{table}_response_id_needresponse"), type_="foreignkey")
            batch_op.drop_constraint(batch_op.f(f"uq_{table}_response_id"), type_="unique")
            batch_op.drop_column("response_id")
