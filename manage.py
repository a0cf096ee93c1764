"""Command line for whoever runs Innovationsportalen: database, demo data, accounts, backups.

python manage.py init-db             migrate the database to the newest schema
python manage.py seed [--replace]    load the demo region into an empty database
python manage.py prepare             what `make run` does before starting the app
python manage.py create-user ...     add an account
python manage.py reset-password ...  set a new password for an account
python manage.py backup [FILE]       a consistent copy of the SQLite database
python manage.py rebuild-figures [--check]  count the dashboards' kept figures again from the records
python manage.py anonymise [--months 12]  remove contact details of ideas closed longer ago (and of
                                          responses to needs whose last day lies longer ago)
"""

from __future__ import annotations

import os
import secrets
import sqlite3
import subprocess
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer
from alembic import command
from alembic.config import Config
from sqlalchemy import make_url

import db
from models import Language, Role
from services import seed as seed_service
from services.people import users
from services.shared.errors import DomainError, ValidationError
from settings import COOKIE_KEY_ENV, MIN_COOKIE_KEY_BYTES, cookie_key_problem

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)
SECRETS_FILE = db.PROJECT_DIR / ".streamlit" / "secrets.toml"
LOCAL_PROXIES = "127.0.0.1,::1,::ffff:127.0.0.1"


def _fail(message: str) -> None:
    typer.secho(message, fg=typer.colors.RED, err=True)
    raise typer.Exit(code=1)


def _describe(error: DomainError) -> str:
    import i18n

    parts = [i18n.t(error.key, **error.params)]
    if isinstance(error, ValidationError):
        parts += [f"  {field}: {i18n.t(m.key, **m.params)}" for field, m in error.fields.items()]
    return "\n".join(parts)


@app.command("init-db")
def init_db() -> None:
    """Create the database if needed and migrate it to the newest schema (Alembic `upgrade head`)."""
    url = db.database_url()
    path = db.sqlite_path(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    config = Config(str(db.PROJECT_DIR / "alembic.ini"))
    config.attributes["url"] = url
    command.upgrade(config, "head")
    typer.echo(f"Database ready: {url}")


@app.command()
def seed(
    replace: Annotated[bool, typer.Option("--replace", help="Delete all data first, then load the demo.")] = False,
    if_empty: Annotated[bool, typer.Option("--if-empty", help="Do nothing when the database holds data.")] = False,
) -> None:
    """Load the demo region (data/seed/) into an empty database."""
    engine = db.make_engine()
    with db.write_session(engine) as session:
        try:
            counts = seed_service.load_demo(session, replace=replace)
        except seed_service.AlreadySeeded:
            if if_empty:
                typer.echo("The database already holds data; the demo was not loaded.")
                return
            _fail("The database already holds data. Use --replace to delete everything and load the demo.")
    db.refresh_statistics(engine)
    typer.echo(
        f"Demo region loaded: {counts['idea']} ideas, {counts['fundapplication']} fund applications, "
        f"{counts['testbed']} testbeds, {counts['indicatorvalue']} indicator values. "
        f"Demo logins: admin, council, manager, employee (password {seed_service.DEMO_PASSWORD})."
    )


@app.command("ensure-secrets")
def ensure_secrets() -> None:
    """Write a random cookie key to .streamlit/secrets.toml unless one is configured; refuse a weak one."""
    import tomllib

    key, where = os.environ.get(COOKIE_KEY_ENV), f"the environment variable {COOKIE_KEY_ENV}"
    if not key and SECRETS_FILE.exists():
        try:
            key = tomllib.loads(SECRETS_FILE.read_text(encoding="utf-8")).get("cookie_key")
        except tomllib.TOMLDecodeError as error:
            _fail(f"{SECRETS_FILE} cannot be read ({error}); correct or delete it.")
        where = str(SECRETS_FILE)
    if key:
        if cookie_key_problem(key):
            _fail(
                f"The cookie key in {where} is too short: it needs at least {MIN_COOKIE_KEY_BYTES} bytes. "
                "Put a long random one there (e.g. python -c 'import secrets; print(secrets.token_urlsafe(48))'), "
                "or remove it and let this command generate one."
            )
        return
    SECRETS_FILE.parent.mkdir(exist_ok=True)
    existing = SECRETS_FILE.read_text(encoding="utf-8") if SECRETS_FILE.exists() else ""
    # At the top: below a table such as the single sign-on's [auth], the key would belong to that table.
    SECRETS_FILE.write_text(f'cookie_key = "{secrets.token_urlsafe(48)}"\n{existing}', encoding="utf-8")
    SECRETS_FILE.chmod(0o600)
    typer.echo(f"Generated a cookie key in {SECRETS_FILE}")


@app.command()
def prepare() -> None:
    """Everything `make run` needs before starting: schema, cookie key, demo data when empty."""
    init_db()
    ensure_secrets()
    seed(replace=False, if_empty=True)


def answer_without_delay() -> None:
    """Every page load used to wait some 40 ms for nothing: Streamlit binds its listening socket as
    `socket.socket(family)`, protocol 0, and asyncio turns Nagle's algorithm off (TCP_NODELAY) only on
    sockets whose protocol says TCP. With Nagle on, the small messages after a page's first one waited for
    the browser's delayed acknowledgement. Bound here as TCP, so that every connection the server
    accepts sends at once."""
    import socket

    from streamlit.web.server.starlette import starlette_server

    bind = starlette_server._bind_socket
    if getattr(bind, "answers_without_delay", False):
        return

    def bind_tcp(address: str, port: int, backlog: int) -> socket.socket:
        bound = bind(address, port, backlog)
        tcp = socket.socket(bound.family, bound.type, socket.IPPROTO_TCP, fileno=bound.detach())
        tcp.setblocking(False)
        return tcp

    bind_tcp.answers_without_delay = True  # type: ignore[attr-defined]
    starlette_server._bind_socket = bind_tcp


@app.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def serve(
    ctx: typer.Context,
    port: Annotated[int, typer.Option(help="Port to listen on")] = 8501,
) -> None:
    """Start the app (as `make run` does); further options go to `streamlit run`.

    Works from any folder: Streamlit reads `.streamlit/config.toml` and `secrets.toml` from the working
    directory only, so the app runs in the project folder (a relative SQLite path in DATABASE_URL still
    means the caller's folder). Started elsewhere it used to run with Streamlit's defaults: tracebacks
    shown to users, 200 MB uploads.

    Streamlit serves the very first browser session after start in its legacy mode whenever a `pages/`
    folder sits next to the main script, before `st.navigation` has run once: a link to any page then
    opens under an English "Page not found" notice. Telling it up front that this app navigates with
    `st.navigation` makes the first visitor's links work like everyone else's.

    Before the server takes its first visitor, the modules the pages use are imported and the database
    answers a first query (`components.warmup`): the first page after a start is then as quick as the
    second, instead of paying seconds of imports.
    """
    import os
    import sys

    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.web import cli

    url = db.database_url()
    path = db.sqlite_path(url)
    if path is not None and not path.is_absolute():
        os.environ["DATABASE_URL"] = url.replace(str(path), str(path.resolve()), 1)
    os.chdir(db.PROJECT_DIR)
    PagesManager.uses_pages_directory = False
    answer_without_delay()
    # Client addresses (login waits, limits on public writes) come from a reverse proxy's X-Forwarded-For
    # when it runs on this machine; uvicorn's default list lacks the IPv4-mapped form a dual-stack socket
    # reports for 127.0.0.1.
    os.environ.setdefault("FORWARDED_ALLOW_IPS", LOCAL_PROXIES)
    # The outbox is sent from this process too (claims in the database keep several processes apart).
    from services.notifications import sender

    sender.start_background(os.environ.get("DATABASE_URL") or db.database_url())
    sys.argv = ["streamlit", "run", str(db.PROJECT_DIR / "app.py"), "--server.port", str(port), *ctx.args]
    from components import warmup

    warmup.warm_up()
    cli.main()


@app.command("create-user")
def create_user(
    username: str,
    display_name: Annotated[str, typer.Option("--name", prompt=True)],
    email: Annotated[str, typer.Option(prompt=True)],
    role: Annotated[Role, typer.Option(prompt=True)] = Role.employee,
    organisation: Annotated[str | None, typer.Option(help="Short name, e.g. KS")] = None,
    language: Language = Language.sv,
    password: Annotated[str, typer.Option(prompt=True, hide_input=True, confirmation_prompt=True)] = "",
) -> None:
    """Add an account (as the operator: recorded in the audit log without a user)."""
    from sqlmodel import select

    from models import Organisation
    from services.people.auth import operator

    engine = db.make_engine()
    with db.write_session(engine) as session:
        organisation_id = None
        if organisation:
            organisation_id = session.exec(
                select(Organisation.id).where(Organisation.short_name == organisation)
            ).first()
            if organisation_id is None:
                _fail(f"No organisation with the short name {organisation!r}.")
        try:
            user = users.create_user(
                session=session,
                actor=operator(),
                data={
                    "username": username,
                    "display_name": display_name,
                    "email": email,
                    "role": role,
                    "organisation_id": organisation_id,
                    "password": password,
                    "language": language,
                },
            )
        except DomainError as error:
            _fail(_describe(error))
        typer.echo(f"Created {user.username} ({user.role}).")


@app.command("reset-password")
def reset_password(
    username: str,
    password: Annotated[str, typer.Option(prompt=True, hide_input=True, confirmation_prompt=True)],
) -> None:
    """Set a new password for an account, lift its login waits and end its sessions."""
    engine = db.make_engine()
    with db.write_session(engine) as session:
        try:
            users.reset_password_by_username(session=session, username=username, password=password)
        except DomainError as error:
            _fail(_describe(error))
    typer.echo(f"New password set for {username}.")


@app.command()
def backup(target: Annotated[Path | None, typer.Argument(help="File to write")] = None) -> None:
    """A consistent copy of the database, safe while the app runs: SQLite's backup API for the SQLite
    file, `pg_dump` (custom format) for PostgreSQL."""
    url = db.database_url()
    source = db.sqlite_path(url)
    postgres = url.startswith("postgresql")
    if not postgres and (source is None or not source.exists()):
        _fail("No database to back up: run `manage.py init-db` first.")
    folder = (source.parent if source else db.PROJECT_DIR / "data") / "backups"
    target = target or folder / f"innovation-{datetime.now():%Y%m%d-%H%M%S}.{'dump' if postgres else 'db'}"
    if not target.parent.exists():
        target.parent.mkdir(mode=0o700, parents=True)
    # The copy holds personal data: readable by the owner only, from the first byte on (not chmod after).
    os.close(os.open(target, os.O_WRONLY | os.O_CREAT, 0o600))
    target.chmod(0o600)  # an existing file keeps its old mode otherwise
    if postgres:
        _pg_dump(url, target)
    else:
        with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
            src.backup(dst)
    typer.echo(f"Backup written: {target}")


def _pg_dump(url: str, target: Path) -> None:
    """`pg_dump` to `target`; the password (if any) goes through the environment, never the command line."""
    parsed = make_url(url)
    env = {**os.environ, **({"PGPASSWORD": parsed.password} if parsed.password else {})}
    libpq = parsed.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
    try:
        subprocess.run(["pg_dump", "--format=custom", "--no-owner", f"--file={target}", libpq], env=env, check=True)
    except FileNotFoundError:
        _fail("pg_dump is missing: install PostgreSQL's client tools (Debian: postgresql-client).")
    except subprocess.CalledProcessError as error:
        _fail(f"pg_dump failed (exit {error.returncode}); see its message above.")


@app.command("rebuild-figures")
def rebuild_figures(
    check: Annotated[bool, typer.Option("--check", help="Only compare with a recount; change nothing.")] = False,
) -> None:
    """Count the figures the dashboards keep per day and month (services/indicators/day_counts.py) again
    from the records. They are kept current by every write through the app; run this after changing
    records with SQL by hand. With --check, report where they differ from a recount (exit 1) and change nothing."""
    from services.indicators import day_counts

    engine = db.make_engine()
    with db.write_session(engine) as session:
        differences = day_counts.differences(session)
        if check:
            for (measure, day, org, area, further), kept, counted in differences[:20]:
                typer.echo(
                    f"{measure} {day} organisation {org} area {area}{' (further)' if further else ''}: "
                    f"kept {kept}, recounted {counted}"
                )
            if differences:
                _fail(f"{len(differences)} kept figures differ from a recount; run rebuild-figures to correct them.")
            typer.echo("The kept figures equal a recount.")
            return
        rows = day_counts.rebuild(session)
        session.commit()
    typer.echo(
        f"Figures counted again: {rows} day rows and their months ({len(differences)} differed from the records)."
    )


@app.command("send-mail")
def send_mail() -> None:
    """Queue what the calendar makes due (weekly lists, reminders) and send every due mail once; for cron
    when the app's own sender is not wanted. Safe beside running app processes: each mail is claimed in
    the database before it is sent."""
    from services.notifications import mailer, sender

    settings = mailer.MailSettings.from_env()
    engine = db.make_engine()
    report = sender.run_once(engine, settings=settings)
    engine.dispose()
    if not settings.configured:
        typer.echo(
            "SMTP_HOST is not set: nothing was sent; the messages wait in the database (Administration › Utkorg)."
        )
        return
    typer.echo(f"Sent {report.sent}, to retry {report.retrying}, failed {report.failed}.")


@app.command()
def anonymise(
    months: Annotated[int, typer.Option(min=0, help="Retention after closing, in months of 30 days.")] = 12,
) -> None:
    """Clear the contact details of ideas closed more than MONTHS months ago; the ideas stay. Logged in
    the audit log (without the removed details). Safe to run daily, e.g. from cron."""
    from services.ideas import privacy
    from services.people.auth import operator
    from services.samverkan.privacy import anonymise_expired_responses

    engine = db.make_engine()
    with db.write_session(engine) as session:
        refs = privacy.anonymise_expired(session=session, actor=operator(), months=months)
    typer.echo(f"Contact details removed from {len(refs)} closed ideas older than {months} months.")
    for ref in refs:
        typer.echo(f"  {ref}")
    with db.write_session(engine) as session:
        responses = anonymise_expired_responses(session=session, actor=operator(), months=months)
    typer.echo(f"Contact details removed from {len(responses)} responses to needs closed over {months} months ago.")
    for ref in responses:
        typer.echo(f"  {ref}")


if __name__ == "__main__":
    app()
