"""States at a day from dated change rows: a testbed's status, an organisation's innovation lead, a
person's certification. The latest change on or before the day holds (the same day: the later row), so
that a count "at the year's end" is what stood on 31 December, whatever has changed since.

Everything is one SQL window query (`row_number() OVER (PARTITION BY ...)`), which SQLite and
PostgreSQL both run, so that counts stay aggregated in the database.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func
from sqlmodel import col, select

from models import utcnow
from services.shared.workdays import local_day


def state_on(model: Any, key: Any, day: date) -> Any:
    """A subquery of `model`'s change rows on or before `day`, each with `latest` = 1 for the change
    that holds on `day` per `key` (e.g. `TestbedStatusChange.testbed_id`). Filter on `latest == 1`."""
    latest = func.row_number().over(partition_by=key, order_by=(col(model.changed_on).desc(), col(model.id).desc()))
    return select(model, latest.label("latest")).where(model.changed_on <= day).subquery()


def today() -> date:
    """The day a change made now is dated: today in Stockholm."""
    return local_day(utcnow())
