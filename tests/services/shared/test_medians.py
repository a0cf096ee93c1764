"""The medians (per group in Python, one at its middle in SQL, whole numbers from counts) agree with
`statistics.median`."""

from __future__ import annotations

import random
import statistics

from sqlalchemy import literal, union_all
from sqlmodel import Session, select

from services.shared.medians import median_of, medians_and_counts, whole_medians


def medians(session: Session, rows) -> dict:
    """{key: median} from `medians_and_counts`."""
    return {key: median for key, (median, _) in medians_and_counts(session, rows).items()}


def _rows(pairs: list[tuple[str | None, float | None]]):
    """A SELECT of the pairs as literal rows (key, value)."""
    return union_all(*(select(literal(k).label("k"), literal(v).label("v")) for k, v in pairs))


def test_odd_and_even_groups_get_the_middle_value_or_the_mean_of_the_middle_two(session: Session) -> None:
    pairs = [("a", 3.0), ("a", 1.0), ("a", 2.0), ("b", 4.0), ("b", 1.0), ("b", 10.0), ("b", 2.0), ("c", 7.5)]
    assert medians(session, select(_rows(pairs).subquery())) == {"a": 2.0, "b": 3.0, "c": 7.5}


def test_missing_values_are_left_out_and_a_group_of_none_is_absent(session: Session) -> None:
    pairs = [("a", None), ("a", 5.0), ("a", 1.0), ("b", None), (None, 2.0), (None, 4.0)]
    assert medians(session, select(_rows(pairs).subquery())) == {"a": 3.0, None: 3.0}


def test_random_groups_agree_with_statistics_median(session: Session) -> None:
    rng = random.Random(12)
    pairs = [(rng.choice("pqrs"), float(rng.randint(0, 60))) for _ in range(301)]
    expected = {k: statistics.median(v for key, v in pairs if key == k) for k in {k for k, _ in pairs}}
    assert medians(session, select(_rows(pairs).subquery())) == expected


def test_whole_number_medians_from_counts_agree_with_statistics_median(session: Session) -> None:
    rng = random.Random(7)
    for size in (1, 2, 3, 4, 301):
        pairs = [(rng.choice("pqrs"), rng.randint(0, 60)) for _ in range(size)] + [("q", None)]
        expected = {
            k: statistics.median(v for key, v in pairs if key == k and v is not None)
            for k in {k for k, v in pairs if v is not None}
        }
        assert whole_medians(session, select(_rows(pairs).subquery())) == expected
        assert whole_medians(session, select(_rows(pairs).subquery())) == medians(
            session, select(_rows(pairs).subquery())
        )
    assert whole_medians(session, select(_rows([("a", 2), ("a", 4), ("a", 4), ("a", 9)]).subquery())) == {"a": 4.0}


def test_one_median_read_at_its_middle_agrees_with_statistics_median(session: Session) -> None:
    rng = random.Random(5)
    for size in (1, 2, 3, 4, 5, 300, 301):
        values = [round(rng.uniform(0, 40), 3) for _ in range(size)]
        rows = select(_rows([(None, v) for v in [*values, None]]).subquery().c.v)  # NULLs are left out
        assert median_of(session, rows) == statistics.median(values)
        assert median_of(session, rows, size=size) == statistics.median(values)  # counted by the caller
    assert median_of(session, select(_rows([(None, 1.0)]).subquery().c.v).where(False)) is None
    assert median_of(session, select(_rows([(None, 1.0)]).subquery().c.v).where(False), size=0) is None
