"""The ideas pages' main queries at 100k ideas (registered with `scripts/benchmark.py`)."""

from __future__ import annotations

from typing import Any

from scripts.benchmark import benchmark


def _filters(**values: Any) -> Any:
    from services.ideas.triage import IdeaFilter

    return IdeaFilter(**values)


@benchmark("Lämna en idé: similar ideas while typing (benchmark titles all share words: worst case)")
def _similar(session: Any, actors: dict[str, Any]) -> Any:
    from services.ideas import intake

    return intake.similar_ideas(
        session=session, title="Benchmarkidé om vårdflöden och resor", need="Behov av bättre vårdflöden"
    )


@benchmark("Lämna en idé: similar ideas, a rare word")
def _similar_rare(session: Any, actors: dict[str, Any]) -> Any:
    from services.ideas import intake

    return intake.similar_ideas(session=session, title="Blippa bankkortet i spärren", need="Betala resan")


@benchmark("Följ din idé: one tracking code (a seek on its digest)")
def _track(session: Any, actors: dict[str, Any]) -> Any:
    from services.ideas import intake
    from services.shared.errors import NotFound

    try:  # the benchmark's ideas have no known code: an unknown one costs the same seek
        return intake.track_idea(session=session, code="x" * 43)
    except NotFound:
        return None


@benchmark("Idéhantering: board counts, admin, no filter")
def _board(session: Any, actors: dict[str, Any]) -> Any:
    from services.ideas import triage

    return triage.board(session=session, actor=actors["admin"], filters=_filters())


@benchmark("Idéhantering: first page, admin, received")
def _list(session: Any, actors: dict[str, Any]) -> Any:
    from services.ideas import triage

    return triage.list_ideas(session=session, actor=actors["admin"], filters=_filters(stage="received"))


def _board_and_page(session: Any, actor: Any, search: str) -> Any:
    """What the board page asks for a search: the counts, then the first page with the counts' total."""
    from services.ideas import triage

    filters = _filters(search=search)
    counts = triage.board(session=session, actor=actor, filters=filters)
    return triage.list_ideas(session=session, actor=actor, filters=filters, total=counts.total)


@benchmark("Idéhantering: board + first page, admin, free text (rare words)")
def _search(session: Any, actors: dict[str, Any]) -> Any:
    return _board_and_page(session, actors["admin"], "vårdflöden 4711")


@benchmark("Idéhantering: board + first page, admin, free text (a common word)")
def _search_common(session: Any, actors: dict[str, Any]) -> Any:
    return _board_and_page(session, actors["admin"], "resor")


@benchmark("Idéhantering: board + first page, manager (own organisation)")
def _manager(session: Any, actors: dict[str, Any]) -> Any:
    from services.ideas import triage

    me = actors["manager"]
    triage.board(session=session, actor=me, filters=_filters())
    return triage.list_ideas(session=session, actor=me, filters=_filters())


@benchmark("Idéhantering: export rows, manager (own organisation)")
def _export(session: Any, actors: dict[str, Any]) -> Any:
    from services.ideas import triage

    return sum(1 for _ in triage.export_rows(session=session, actor=actors["manager"], filters=_filters()))


@benchmark("Idéhantering: median days to first decision per organisation")
def _response(session: Any, actors: dict[str, Any]) -> Any:
    from services.ideas import stats

    return stats.response_times(session=session, actor=actors["admin"])


@benchmark("Översikt: idea funnel, waiting > 14 days, latest ideas")
def _overview(session: Any, actors: dict[str, Any]) -> Any:
    from services.ideas import stats

    me = actors["council"]
    return (
        stats.funnel(session=session, actor=me),
        stats.overdue_count(session=session, actor=me),
        stats.latest_ideas(session=session, actor=me),
    )


@benchmark("Mina idéer: ideas to back, first page")
def _to_back(session: Any, actors: dict[str, Any]) -> Any:
    from services.ideas import intake

    return intake.ideas_to_back(session=session, actor=actors["employee"])
