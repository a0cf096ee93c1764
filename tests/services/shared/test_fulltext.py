"""Full-text search: the index finds what the texts hold (inside words, Å/Ä/Ö in either case, short
words too), stays in step with every write, and survives migrations. Runs on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Engine, text
from sqlmodel import Session, col, select

import db
from models import Idea, Testbed
from services.ideas import intake
from services.shared import fulltext
from tests.conftest import ON_POSTGRES, migrate, sqlite_only


def _found(session: Session, term: str, *columns: object) -> set[int]:
    columns = columns or (Idea.ref, Idea.title, Idea.need, Idea.proposal)
    condition = fulltext.matches(session, term, *columns)
    return set(session.exec(select(Idea.id).where(condition)))


def _idea(session: Session, title: str, need: str = "Ett behov som beskrivs utförligt nog.") -> Idea:
    any_idea = session.exec(select(Idea)).first()
    idea = Idea(
        ref=f"IDE-2026-{90000 + (session.exec(select(Idea.id).order_by(col(Idea.id).desc())).first() or 0)}",
        title=title,
        need=need,
        proposal="Ett förslag som beskrivs utförligt nog.",
        benefit_kind="social",
        submitter_kind="employee",
        area_id=any_idea.area_id,
        organisation_id=any_idea.organisation_id,
        received_at=datetime(2026, 11, 1, tzinfo=UTC),
        stage_changed_at=datetime(2026, 11, 1, tzinfo=UTC),
    )
    session.add(idea)
    session.commit()
    return idea


def test_words_are_found_inside_words_in_either_case_and_every_word_must_occur(session: Session) -> None:
    idea = _idea(session, "Åtgärdslista för SJUKVÅRDENS väntrum")
    for term in ("åtgärd", "ÅTGÄRD", "sjukvård", "Väntrum", "vård åtgärd", idea.ref.lower()):
        assert idea.id in _found(session, term), term
    assert idea.id not in _found(session, "vård finnsintealls")
    assert idea.id in _found(session, "väntrum", Idea.title)
    assert idea.id not in _found(session, "väntrum", Idea.need)  # only the columns asked for


def test_short_words_and_search_syntax_are_plain_text(session: Session) -> None:
    idea = _idea(session, 'VR i vården: "AND" OR * NEAR')
    assert idea.id in _found(session, "vr vården")  # two letters: matched without the trigram index
    for term in ('"AND"', "OR", "*", "NEAR", "vården:", "%", "_"):
        found = _found(session, term)  # never a syntax error; a wildcard is a character, not "anything"
        assert (idea.id in found) == (term not in ("%", "_")), term


def test_the_index_follows_every_insert_update_and_delete(session: Session) -> None:
    idea = _idea(session, "Cykelparkering vid entrén")
    assert idea.id in _found(session, "cykelparkering")
    idea.title = "Lånecyklar för personalen"
    session.commit()
    assert idea.id not in _found(session, "cykelparkering") and idea.id in _found(session, "lånecyklar")
    session.delete(idea)
    session.commit()
    assert _found(session, "lånecyklar") == set()
    testbed = session.exec(select(Testbed)).first()
    testbed.summary = "Här provas drönarleveranser av prover"
    session.commit()
    found = session.exec(select(Testbed.id).where(fulltext.matches(session, "drönarleverans", Testbed.summary)))
    assert list(found) == [testbed.id]


def test_similar_ideas_are_ranked_by_the_index_title_first(session: Session) -> None:
    # Words the demo region never uses, so that its ideas do not crowd these two out of the first 50.
    in_title = _idea(session, "Pollenprognos på akutmottagningen")
    in_need = _idea(session, "Ett helt annat ämne", need="Patienter vill ha en pollenprognos vid besök.")
    found = intake.similar_ideas(session=session, title="Pollenprognos", need="", limit=50, min_score=0.01)
    ids = [s.id for s in found]
    assert in_title.id in ids and in_need.id in ids and ids.index(in_title.id) < ids.index(in_need.id)


@sqlite_only
def test_the_sqlite_index_equals_its_tables_after_the_demo_and_writes(engine: Engine) -> None:
    with db.write_session(engine) as session:
        _idea(session, "Något nytt att indexera")
    with engine.connect() as connection:
        for index in fulltext.INDEXES:  # raises when the index and its table disagree
            connection.exec_driver_sql(f"INSERT INTO {index.fts}({index.fts}, rank) VALUES ('integrity-check', 1)")


@sqlite_only
def test_lost_triggers_come_back_with_the_next_migration_run(demo_url: str) -> None:
    engine = db.make_engine(demo_url)
    with engine.begin() as connection:
        connection.exec_driver_sql("DROP TRIGGER idea_fts_au")  # as a batch-mode table rebuild would
    migrate(demo_url)
    with engine.connect() as connection:
        triggers = {r[0] for r in connection.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'"))}
    engine.dispose()
    assert {"idea_fts_ai", "idea_fts_ad", "idea_fts_au"} <= triggers


def test_postgres_has_trigram_indexes_when_run_there(engine: Engine) -> None:
    if not ON_POSTGRES:
        with engine.connect() as connection:
            names = {r[0] for r in connection.execute(text("SELECT name FROM sqlite_master WHERE type = 'table'"))}
        assert {"idea_fts", "testbed_fts"} <= names
        return
    with engine.connect() as connection:
        names = {r[0] for r in connection.execute(text("SELECT indexname FROM pg_indexes"))}
    assert {fulltext.postgres_index_name(i, c) for i in fulltext.INDEXES for c in i.columns} <= names
