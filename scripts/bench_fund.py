"""The fund pages' main queries, registered with `scripts/benchmark.py` (`make bench`)."""

from __future__ import annotations

from typing import Any

from scripts.benchmark import TODAY, benchmark


@benchmark("Utlysningar: open calls with granted so far")
def _open_calls(session: Any, actors: dict[str, Any]) -> Any:
    from services.fund import applications

    return applications.open_calls(session=session, actor=actors["employee"], today=TODAY)


@benchmark("Mina ansökningar: own applications, first page")
def _mine(session: Any, actors: dict[str, Any]) -> Any:
    from services.fund import applications

    return applications.list_applications(session=session, actor=actors["employee"], mine_only=True, page_size=20)


@benchmark("Fondhantering: applications, search, first page")
def _admin_list(session: Any, actors: dict[str, Any]) -> Any:
    from services.fund import applications

    return applications.list_applications(session=session, actor=actors["admin"], search="vård", include_drafts=False)


@benchmark("Granskning: the reviewer's assignments")
def _assignments(session: Any, actors: dict[str, Any]) -> Any:
    from services.fund import review

    return review.my_assignments(session=session, actor=actors["council"])


@benchmark("Fondhantering: decision pack of the largest call")
def _pack(session: Any, actors: dict[str, Any]) -> Any:
    from sqlalchemy import func
    from sqlmodel import select

    from models import FundApplication
    from services.fund import review

    call_id = session.exec(
        select(FundApplication.call_id).group_by(FundApplication.call_id).order_by(func.count().desc())
    ).first()
    return review.decision_pack(session=session, actor=actors["admin"], call_id=call_id)


@benchmark("Fondhantering: follow-up, late first")
def _follow_up(session: Any, actors: dict[str, Any]) -> Any:
    from services.fund import decisions

    return decisions.follow_up(session=session, actor=actors["admin"], today=TODAY)


@benchmark("Fondhantering: budget per call and per area")
def _figures(session: Any, actors: dict[str, Any]) -> Any:
    from services.fund import figures

    return (
        figures.fund_figures(session=session, actor=actors["council"], by="call"),
        figures.fund_figures(session=session, actor=actors["council"], by="area"),
    )


@benchmark("Fondhantering: this year's calls with granted so far")
def _year_calls(session: Any, actors: dict[str, Any]) -> Any:
    from services.fund import applications

    return applications.list_calls(session=session, actor=actors["admin"], today=TODAY, year=TODAY.year, page_size=100)


@benchmark("Fondhantering: reviewer search among every active user")
def _reviewer_search(session: Any, actors: dict[str, Any]) -> Any:
    from services.fund import applications

    return applications.reviewer_choices(session=session, actor=actors["admin"], search="ann")
