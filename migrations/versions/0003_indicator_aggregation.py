"""indicator aggregation rule, share numerators/denominators, organisations' staff counts

Every indicator gets an aggregation rule (flow | stock | share | level) and, for shares and levels,
how it is weighted. Existing indicators get the right rule each:
- computed ones by their computation (frozen here, as the code defines them today);
- the demo registry's reported ones by code (their definitions say which is which: "pågående ... vid
  periodens slut", "deltar", "unika företag" are stocks);
- any other reported one by its unit: % a share, index/dagar a level, else a flow (what it was summed as).
Reported shares are weighted by staff count, since values stored so far carry no numerator/denominator
(an owner can switch an indicator to numerator/denominator once values are reported that way).

Revision ID: 0003
Revises: 0002
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COMPUTED: dict[str, tuple[str, str | None]] = {
    "ideas_received": ("flow", None),
    "ideas_public_share": ("share", "ratio"),
    "ideas_implemented": ("flow", None),
    "ideas_conversion": ("share", "ratio"),
    "ideas_median_days_first_decision": ("level", None),
    "adoptions": ("flow", None),
    "fund_applications": ("flow", None),
    "fund_sek_applied": ("flow", None),
    "fund_sek_granted": ("flow", None),
    "fund_share_granted": ("share", "ratio"),
    "testbed_requests": ("flow", None),
    "testbed_median_days_first_response": ("level", None),
    "orgs_innovation_lead_share": ("share", "ratio"),
    "certified_innovation_leaders": ("stock", None),
}
REPORTED: dict[str, tuple[str, str | None]] = {
    "PRJ-01": ("stock", None),
    "KF-01": ("stock", None),
    "TRF-01": ("stock", None),
    "TST-01": ("flow", None),
    "KOM-01": ("share", "staff"),
    "KLI-01": ("level", "staff"),
    "HSF-01": ("share", "staff"),
    "TF-01": ("share", "staff"),
}


def _rule(code: str, unit: str, source: str, computation: str | None) -> tuple[str, str | None]:
    if source == "computed" and computation in COMPUTED:
        return COMPUTED[computation]
    if code in REPORTED:
        return REPORTED[code]
    if unit == "%":
        return "share", "staff"
    if unit in ("index", "dagar"):
        return "level", "equal"
    return "flow", None


def upgrade() -> None:
    with op.batch_alter_table("indicator", schema=None) as batch_op:
        batch_op.add_column(sa.Column("aggregation", sa.String(length=10), nullable=False, server_default="flow"))
        batch_op.add_column(sa.Column("weighting", sa.String(length=10), nullable=True))
        batch_op.create_check_constraint(
            op.f("ck_indicator_aggregation"), "aggregation IS NULL OR aggregation IN ('flow', 'stock', 'share', 'level')"
        )
        batch_op.create_check_constraint(op.f("ck_indicator_weighting"), "weighting IS NULL OR weighting IN ('ratio', 'staff', 'equal')")
    with op.batch_alter_table("indicator", schema=None) as batch_op:
        batch_op.alter_column("aggregation", server_default=None)
    with op.batch_alter_table("indicatorvalue", schema=None) as batch_op:
        batch_op.add_column(sa.Column("numerator", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("denominator", sa.Float(), nullable=True))
        batch_op.create_check_constraint(op.f("ck_indicatorvalue_denominator_positive"), "denominator IS NULL OR denominator > 0")
    with op.batch_alter_table("organisation", schema=None) as batch_op:
        batch_op.add_column(sa.Column("staff_count", sa.Integer(), nullable=True))
        batch_op.create_check_constraint(op.f("ck_organisation_staff_not_negative"), "staff_count IS NULL OR staff_count >= 0")

    connection = op.get_bind()
    indicator = sa.table(
        "indicator",
        sa.column("id", sa.Integer),
        sa.column("code", sa.String),
        sa.column("unit", sa.String),
        sa.column("source", sa.String),
        sa.column("computation", sa.String),
        sa.column("aggregation", sa.String),
        sa.column("weighting", sa.String),
    )
    rows = connection.execute(
        sa.select(indicator.c.id, indicator.c.code, indicator.c.unit, indicator.c.source, indicator.c.computation)
    ).all()
    for ident, code, unit, source, computation in rows:
        aggregation, weighting = _rule(code, unit, source, computation)
        connection.execute(
            indicator.update()
            .where(indicator.c.id == ident)
            .values(aggregation=aggregation, weighting=weighting)
        )


def downgrade() -> None:
    with op.batch_alter_table("organisation", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_organisation_staff_not_negative"), type_="check")
        batch_op.drop_column("staff_count")
    with op.batch_alter_table("indicatorvalue", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_indicatorvalue_denominator_positive"), type_="check")
        batch_op.drop_column("denominator")
        batch_op.drop_column("numerator")
    with op.batch_alter_table("indicator", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_indicator_weighting"), type_="check")
        batch_op.drop_constraint(op.f("ck_indicator_aggregation"), type_="check")
        batch_op.drop_column("weighting")
        batch_op.drop_column("aggregation")
