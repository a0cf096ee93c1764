"""manage.py and the demo loader: what an operator runs."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import tomllib
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import make_url, text
from sqlmodel import func, select
from typer.testing import CliRunner

import db
import manage
import models as m
import settings
from services import seed
from services.seed_volume import generated_ideas
from tests.conftest import POSTGRES, postgres_only, sqlite_only

runner = CliRunner()
# The demo's ideas as its files give them: the hand-written ones and the generated everyday volume.
DEMO_IDEAS = len(json.loads((seed.SEED_DIR / "ideas.json").read_text(encoding="utf-8"))) + len(
    generated_ideas(seed.SEED_DIR, seed.SEED_REFERENCE_DAY)
)


def _counts(url: str) -> dict[str, int]:
    engine = db.make_engine(url)
    with db.read_session(engine) as session:
        counts = {
            t.name: session.exec(select(func.count()).select_from(t)).one()
            for t in m.SQLModel.metadata.sorted_tables
            if t.name != "auditlog"
        }
    engine.dispose()
    return counts


def test_init_db_then_seed_loads_every_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path / 'new' / 'innovation.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    assert runner.invoke(manage.app, ["init-db"]).exit_code == 0
    result = runner.invoke(manage.app, ["seed"])
    assert result.exit_code == 0, result.output
    assert f"{DEMO_IDEAS} ideas" in result.output and DEMO_IDEAS > 1000
    counts = _counts(url)
    operational = {"annualreport", "barrierreport", "clientevent", "loginthrottle"}  # filled by use, not by a demo
    empty = sorted(name for name, n in counts.items() if n == 0 and name not in operational)
    assert empty == [], "every table of the demo region holds records"


def test_seed_refuses_a_database_with_data_unless_replacing(demo_url: str) -> None:
    before = _counts(demo_url)
    refused = runner.invoke(manage.app, ["seed"])
    assert refused.exit_code == 1 and "--replace" in refused.output
    assert runner.invoke(manage.app, ["seed", "--if-empty"]).exit_code == 0
    assert _counts(demo_url) == before
    replaced = runner.invoke(manage.app, ["seed", "--replace"])
    assert replaced.exit_code == 0, replaced.output
    after = _counts(demo_url)
    # The template was loaded as on the demo's reference day, the new load as of today: the same days
    # moved, which the calendar months cut into other month rows.
    moved = {"refsequence", "monthcount"}
    assert {k: v for k, v in after.items() if k not in moved} == {k: v for k, v in before.items() if k not in moved}
    assert after["monthcount"] > 0


def test_rebuild_figures_checks_and_corrects_figures_changed_by_hand(demo_url: str) -> None:
    assert runner.invoke(manage.app, ["rebuild-figures", "--check"]).exit_code == 0
    engine = db.make_engine(demo_url)
    with engine.begin() as connection:  # someone changes the records with SQL, past the app
        connection.execute(text("UPDATE idea SET submitter_kind = 'patient' WHERE submitter_kind = 'employee'"))
    checked = runner.invoke(manage.app, ["rebuild-figures", "--check"])
    assert checked.exit_code == 1 and "differ from a recount" in checked.output
    assert "ideas_public" in checked.output
    rebuilt = runner.invoke(manage.app, ["rebuild-figures"])
    assert rebuilt.exit_code == 0 and "Figures counted again" in rebuilt.output, rebuilt.output
    assert runner.invoke(manage.app, ["rebuild-figures", "--check"]).exit_code == 0
    engine.dispose()


def test_demo_covers_every_stage_submitter_and_status(session) -> None:
    stages = set(session.exec(select(m.Idea.stage).distinct()))
    assert stages == {s.value for s in m.IdeaStage}
    kinds = set(session.exec(select(m.Idea.submitter_kind).distinct()))
    assert kinds == {k.value for k in m.SubmitterKind}
    statuses = set(session.exec(select(m.FundApplication.status).distinct()))
    assert statuses == {s.value for s in m.ApplicationStatus}
    assert set(session.exec(select(m.TestbedRequest.status).distinct())) == {s.value for s in m.RequestStatus}
    assert session.exec(select(func.count()).select_from(m.Testbed)).one() >= 15
    # Nothing in the demo happened after the day it was loaded for.
    latest = session.exec(select(func.max(m.IdeaEvent.at))).one()
    assert latest.date() <= seed.SEED_REFERENCE_DAY
    assert session.exec(select(func.max(m.FundApplicationEvent.at))).one().date() <= seed.SEED_REFERENCE_DAY


def test_loading_later_moves_the_demo_forward(empty_engine) -> None:
    later = seed.SEED_REFERENCE_DAY + timedelta(days=400)
    with db.write_session(empty_engine) as session:
        seed.load_demo(session, today=later)
        newest = session.exec(select(func.max(m.Idea.received_at))).one()
        assert seed.SEED_REFERENCE_DAY < newest.date() <= later
        years = set(session.exec(select(m.FundCall.year)))
        assert max(years) == 2027 + 1  # the planned call moved one whole year
        names = set(session.exec(select(m.FundCall.name)))
        assert any(str(later.year) in name for name in names)


def test_create_user_and_reset_password(empty_url: str) -> None:
    with db.write_session(db.make_engine(empty_url)) as session:
        area = m.Area(code="health", name_sv="Hälsa", name_en="Health")
        session.add(area)
        session.flush()
        session.add(m.Organisation(name="Karolinska", short_name="KS", kind="forvaltning", area_id=area.id))
        session.commit()
    created = runner.invoke(
        manage.app,
        [
            "create-user",
            "Ny.Admin",
            "--name",
            "Ny Admin",
            "--email",
            "ny@x.se",
            "--role",
            "admin",
            "--organisation",
            "KS",
            "--password",
            "ett-langt-losen",
        ],
    )
    assert created.exit_code == 0, created.output
    bad = runner.invoke(
        manage.app,
        [
            "create-user",
            "ny.admin",
            "--name",
            "X",
            "--email",
            "fel",
            "--role",
            "admin",
            "--password",
            "ett-langt-losen",
        ],
    )
    assert bad.exit_code == 1 and "e-post" in bad.output.lower()
    reset = runner.invoke(manage.app, ["reset-password", "ny.admin", "--password", "annat-losen-1"])
    assert reset.exit_code == 0, reset.output
    from services.people import users

    engine = db.make_engine(empty_url)
    assert users.authenticate(engine=engine, username="ny.admin", password="annat-losen-1")
    with db.read_session(engine) as session:
        audit = session.exec(select(m.AuditLog.action)).all()
    assert "user.created" in audit and "user.password_reset_cli" in audit


@sqlite_only
def test_backup_is_a_complete_readable_copy(demo_url: str, tmp_path: Path) -> None:
    target = tmp_path / "copy.db"
    result = runner.invoke(manage.app, ["backup", str(target)])
    assert result.exit_code == 0, result.output
    with sqlite3.connect(target) as copy:
        assert copy.execute("SELECT count(*) FROM idea").fetchone()[0] == DEMO_IDEAS
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_ensure_secrets_writes_a_key_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    secrets_file = tmp_path / ".streamlit" / "secrets.toml"
    monkeypatch.setattr(manage, "SECRETS_FILE", secrets_file)
    monkeypatch.delenv("INNOVATION_COOKIE_KEY", raising=False)
    assert runner.invoke(manage.app, ["ensure-secrets"]).exit_code == 0
    first = secrets_file.read_text()
    assert first.startswith('cookie_key = "') and len(first) > 60
    assert settings.cookie_key_problem(tomllib.loads(first)["cookie_key"]) is None
    runner.invoke(manage.app, ["ensure-secrets"])
    assert secrets_file.read_text() == first
    assert oct(secrets_file.stat().st_mode & 0o777) == "0o600"


def test_ensure_secrets_keeps_the_key_out_of_the_single_sign_on_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    secrets_file = tmp_path / ".streamlit" / "secrets.toml"
    secrets_file.parent.mkdir()
    secrets_file.write_text('[auth]\nredirect_uri = "https://x.example/oauth2callback"\n')
    monkeypatch.setattr(manage, "SECRETS_FILE", secrets_file)
    monkeypatch.delenv("INNOVATION_COOKIE_KEY", raising=False)
    assert runner.invoke(manage.app, ["ensure-secrets"]).exit_code == 0
    written = tomllib.loads(secrets_file.read_text())
    assert settings.cookie_key_problem(written.get("cookie_key")) is None
    assert written["auth"] == {"redirect_uri": "https://x.example/oauth2callback"}


@sqlite_only
def test_a_backup_is_readable_by_its_owner_only(demo_url: str, tmp_path: Path) -> None:
    """The copy holds contact details: 0600 whatever the umask, also when it replaces an older file."""
    import os

    old_umask = os.umask(0o022)
    try:
        fresh = tmp_path / "backups" / "fresh.db"
        assert runner.invoke(manage.app, ["backup", str(fresh)]).exit_code == 0
        existing = tmp_path / "existing.db"
        existing.write_bytes(b"")
        existing.chmod(0o644)
        assert runner.invoke(manage.app, ["backup", str(existing)]).exit_code == 0
    finally:
        os.umask(old_umask)
    assert oct(fresh.stat().st_mode & 0o777) == "0o600"
    assert oct(fresh.parent.stat().st_mode & 0o777) == "0o700"
    assert oct(existing.stat().st_mode & 0o777) == "0o600"
    with sqlite3.connect(existing) as copy:
        assert copy.execute("SELECT count(*) FROM idea").fetchone()[0] == DEMO_IDEAS


@postgres_only
def test_a_postgres_backup_restores_to_the_same_data(demo_url: str, tmp_path: Path) -> None:
    target = tmp_path / "backups" / "innovation.dump"
    result = runner.invoke(manage.app, ["backup", str(target)])
    assert result.exit_code == 0, result.output
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    restored = POSTGRES.create(f"{POSTGRES.name}_restored")
    try:
        libpq = make_url(restored).set(drivername="postgresql").render_as_string(hide_password=False)
        subprocess.run(["pg_restore", "--no-owner", "--dbname", libpq, str(target)], check=True)
        engine = db.make_engine(restored)
        with engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM idea")).scalar() == DEMO_IDEAS
        engine.dispose()
    finally:
        POSTGRES.drop(f"{POSTGRES.name}_restored")


@pytest.mark.parametrize("where", ["environment", "secrets file"])
def test_a_short_cookie_key_is_refused_with_a_clear_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    secrets_file = tmp_path / ".streamlit" / "secrets.toml"
    monkeypatch.setattr(manage, "SECRETS_FILE", secrets_file)
    monkeypatch.delenv("INNOVATION_COOKIE_KEY", raising=False)
    if where == "environment":
        monkeypatch.setenv("INNOVATION_COOKIE_KEY", "x")
    else:
        secrets_file.parent.mkdir()
        secrets_file.write_text('cookie_key = "' + "k" * 31 + '"\n')
    result = runner.invoke(manage.app, ["ensure-secrets"])
    assert result.exit_code == 1
    assert "too short" in result.output and "32 bytes" in result.output


def test_the_test_suites_cookie_keys_are_long_enough() -> None:
    import os

    from tests.e2e.conftest import COOKIE_KEY

    assert settings.cookie_key_problem(os.environ["INNOVATION_COOKIE_KEY"]) is None
    assert settings.cookie_key_problem(COOKIE_KEY) is None


def test_serve_runs_in_the_project_folder_wherever_it_is_started(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Streamlit reads .streamlit/config.toml (error details hidden, upload limit, theme) and secrets.toml
    from the working directory only; a relative SQLite path keeps meaning the caller's folder."""
    from streamlit.web import cli

    seen: dict[str, object] = {}
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", "sqlite:///mine/innovation.db")
    monkeypatch.setattr(cli, "main", lambda: seen.update(cwd=Path.cwd(), argv=list(sys.argv)))
    monkeypatch.setattr(sys, "argv", list(sys.argv))
    from services.notifications import sender

    monkeypatch.setattr(sender, "start_background", lambda url, **_: seen.update(sender=url))
    result = runner.invoke(manage.app, ["serve", "--port", "8765"])
    assert result.exit_code == 0, result.output
    assert seen["cwd"] == db.PROJECT_DIR
    assert (db.PROJECT_DIR / ".streamlit" / "config.toml").exists()
    assert seen["argv"][:5] == ["streamlit", "run", str(db.PROJECT_DIR / "app.py"), "--server.port", "8765"]
    assert db.database_url() == f"sqlite:///{tmp_path / 'mine' / 'innovation.db'}"
    assert not (tmp_path / "mine" / "innovation.db").exists()  # warming up created no database
    assert seen["sender"] == db.database_url()  # the outbox is sent from the app's process, same database


def test_settling_sets_what_was_loaded_aside_from_the_collector() -> None:
    import gc

    from components import warmup

    try:
        assert warmup.settle() > 10_000  # the test process's modules, at least
        assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()


def test_serve_warms_up_before_the_first_visitor(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The pages' modules imported and the database asked once, before Streamlit starts serving."""
    from streamlit.web import cli

    from components import context, warmup

    calls: list[str] = []
    real_import, real_query = warmup.import_everything, warmup.first_query
    monkeypatch.setattr(warmup, "import_everything", lambda: calls.append("imports") or real_import())
    monkeypatch.setattr(warmup, "first_query", lambda: calls.append("query") or real_query())
    monkeypatch.setattr(warmup, "settle", lambda: calls.append("settle"))  # the test process stays as it is
    monkeypatch.setattr(cli, "main", lambda: calls.append("serve"))
    monkeypatch.setattr(sys, "argv", list(sys.argv))
    from services.notifications import sender

    monkeypatch.setattr(sender, "start_background", lambda url, **_: None)  # no mail thread in the test process
    monkeypatch.chdir(db.PROJECT_DIR)
    result = runner.invoke(manage.app, ["serve", "--port", "8766"])
    assert result.exit_code == 0, result.output
    assert calls == ["imports", "query", "settle", "serve"]
    assert "pages" not in {m.split(".")[0] for m in real_import()}  # modules only, no page run
    assert real_query() is True
    assert context.engine().url.database == make_url(demo_url).database  # the app's own database, asked


def test_the_served_app_sends_small_messages_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Nagle's algorithm is off on every connection the server accepts: with it on, every page load
    waited some 40 ms for the browser's delayed acknowledgement before its elements arrived."""
    import asyncio
    import socket
    from concurrent.futures import ThreadPoolExecutor

    from streamlit.web.server.starlette import starlette_server

    monkeypatch.setattr(starlette_server, "_bind_socket", starlette_server._bind_socket)  # undone afterwards
    manage.answer_without_delay()
    manage.answer_without_delay()  # a second call changes nothing
    listening = starlette_server._bind_socket("127.0.0.1", 0, 8)

    async def nodelay_of_an_accepted_connection() -> int:
        accepted: asyncio.Future[int] = asyncio.get_running_loop().create_future()

        async def on_connect(_reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            accepted.set_result(writer.get_extra_info("socket").getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            writer.close()

        server = await asyncio.start_server(on_connect, sock=listening)  # as uvicorn serves a bound socket
        async with server:
            _, client = await asyncio.open_connection(*listening.getsockname())
            try:
                return await asyncio.wait_for(accepted, timeout=30)
            finally:
                client.close()

    # In a thread of its own: the browser tests' Playwright may hold an event loop in this one.
    with ThreadPoolExecutor(1) as thread:
        assert thread.submit(asyncio.run, nodelay_of_an_accepted_connection()).result() != 0
