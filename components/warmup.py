"""What `manage.py serve` does before the server takes its first visitor: import every module the pages
use (pandas, Altair, Matplotlib, the services) and open the database with a first query, so that the
first page after a start is drawn as quickly as the second; then set what was loaded aside from the
garbage collector's full passes."""

from __future__ import annotations

import gc
import importlib
import logging
import pkgutil

import components
import db
import services
from services.shared.history import today as stockholm_today

LOG = logging.getLogger(__name__)


def import_everything() -> list[str]:
    """Import every module of `components` and `services` (and through them the libraries they use)."""
    names = []
    for package in (components, services):
        for module in pkgutil.walk_packages(package.__path__, prefix=f"{package.__name__}."):
            importlib.import_module(module.name)
            names.append(module.name)
    return names


def first_query() -> bool:
    """Open the app's engine (the one its pages share), give SQLite's planner fresh statistics, and run
    what every page and Översikt first ask: the data version, the areas and the region's figures. False
    when there is no database yet."""
    from components import context
    from services import overview
    from services.people import organisations
    from services.people.auth import operator
    from services.shared import versions

    path = db.sqlite_path(db.database_url())
    if path is not None and not path.exists():  # never create an empty database here: `prepare` does that
        return False
    db.refresh_statistics(context.engine())
    with context.reading() as session:
        versions.current(session)
        organisations.list_areas(session=session)
        overview.region_figures(session=session, actor=operator(), today=stockholm_today())
    return True


def settle() -> int:
    """Move every object alive now (the imported modules, classes and constants: some 300,000) out of
    the collector's reach, and return how many. A full collection walks every tracked object; with these
    in it one took 90-200 ms, which fell on whichever page run happened to allocate past the threshold.
    Nearly all of them live as long as the process; the few that later fall out of use inside a cycle
    are never collected (a one-off few, not a growing leak), and refcounting frees the rest as before."""
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()


def warm_up() -> None:
    """The above, in order; a failure is logged and the server starts anyway (the pages say what is
    wrong)."""
    try:
        import_everything()
        first_query()
    except Exception:
        LOG.warning("warming up before the first visitor failed", exc_info=True)
    settle()
