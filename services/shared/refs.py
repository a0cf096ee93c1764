"""Human references such as IDE-2026-00042, unique and gap-free per prefix and year."""

from __future__ import annotations

from sqlmodel import Session

from models import RefSequence

WIDTHS = {"IDE": 5, "FON": 4, "TMR": 4, "UTM": 4, "UPH": 4, "AVT": 4}


def next_ref(session: Session, prefix: str, year: int) -> str:
    """The next reference for `prefix` and `year`, reserved in the caller's transaction.

    The counter row is locked until the caller commits (SQLite: the write session's BEGIN IMMEDIATE;
    PostgreSQL: SELECT ... FOR UPDATE), so concurrent submissions get different numbers.
    """
    sequence = session.get(RefSequence, (prefix, year), with_for_update=True)
    if sequence is None:
        sequence = RefSequence(prefix=prefix, year=year, last_value=0)
        session.add(sequence)
    sequence.last_value += 1
    session.flush()
    return f"{prefix}-{year}-{sequence.last_value:0{WIDTHS[prefix]}d}"
