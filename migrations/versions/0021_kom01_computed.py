"""KOM-01, the share of staff trained in innovation, exists in every database as a computed figure

Kompetensutveckling's course register now gives KOM-01 (`staff_trained_share`): the employees who
completed a training course in the period over the staff of the organisations whose staff count is known.
Until now only the demo seed defined it, so a database without demo data had no KOM-01. The upgrade
inserts it when no indicator has the code; a database that has one (the demo's, an admin's, or an older
reported one with its values) keeps its own. The downgrade keeps the definition, as 0019 keeps SAM-01…08:
it is a valid row before this revision too, and deleting it would take its targets and id along.

Revision ID: 0021_kom01_computed
Revises: 0020_partner_links
"""

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0021_kom01_computed"
down_revision: str | None = "0020_partner_links"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# As data/seed/indicators.json and services.indicators.computed held it when this was written.
KOM_01 = {
    "code": "KOM-01",
    "name_sv": "Andel medarbetare utbildade i innovationsmetodik",
    "name_en": "Share of employees trained in innovation methods",
    "description": (
        "Andel av medarbetarna som under året har genomgått minst en utbildning i innovation "
        "(innovationsmetodik, tjänstedesign, immaterialrätt, innovationsupphandling eller certifiering till "
        "innovationsledare; inte informationsinsatser). Räknas ur Kompetensutvecklings kursregister: de "
        "medarbetare som slutfört en utbildning under perioden, räknade en gång och efter sin organisation, "
        "delat med personalen i de organisationer vars antal medarbetare är känt."
    ),
    "unit": "%",
    "direction": "up",
    "frequency": "year",
    "source": "computed",
    "computation": "staff_trained_share",
    "scope": "central",
    "aggregation": "share",
    "weighting": "ratio",
}


def upgrade() -> None:
    indicator = sa.table(
        "indicator",
        *(sa.column(name, sa.String()) for name in KOM_01),
        sa.column("owner_org_id", sa.Integer()),
        sa.column("is_active", sa.Boolean()),
        sa.column("created_at", sqlmodel.sql.sqltypes.UTCDateTime()),
        sa.column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime()),
    )
    connection = op.get_bind()
    if connection.execute(sa.select(indicator.c.code).where(indicator.c.code == KOM_01["code"])).first():
        return
    now = datetime.now(UTC)
    connection.execute(
        indicator.insert(),
        [{**KOM_01, "owner_org_id": None, "is_active": True, "created_at": now, "updated_at": now}],
    )


def downgrade() -> None:
    pass  # the definition stays (see above)
