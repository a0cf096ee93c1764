"""Pages at ten times the region: every page for every role, as ratios to the empty page, and many
people at once through Streamlit's own websocket protocol.

    .venv/bin/python scripts/benchmark_pages.py [--db benchmarks/scaled.db] [--rounds 3] [--sessions 20]

Part 1, in process (Streamlit's AppTest): every page each role can open is run with empty caches (miss)
and again (hit), and so is an empty page registered in the same app (the router with login, navigation
and sidebar, nothing else), in the same run; the table gives each page's median run as a multiple of the
empty page's. Ratios, not milliseconds, so that a loaded or slower machine compares with itself.

Part 2, served (`manage.py serve` on a free port, its warm-up included): the first Översikt after the
start against the next one; a lone session, then N sessions at once (in one process, then spread over
`--processes` of them as deploy/nginx does), each opening pages over the
websocket as a browser would (a small client, no browser; sessions come in with the signed re-login
cookie, as a returning browser does), timed from the rerun request to the script's end. It reports
P50/P95 per page run, the bytes a page load sends, the server's resident memory before and after, and
the server's CPU while one Rådsläge stays open and refreshes with nothing changing.

The scaled database is `scripts/benchmark.py`'s (built when missing; `--keep` there keeps it; one from an
older checkout is migrated first). Results go
between the page-benchmark markers of benchmarks/RESULTS.md. Tests never assert any of this.

With `--postgres URL` (a new, empty PostgreSQL database: `createdb NAME`) the scaled database is copied
into PostgreSQL (scripts/scaled_postgres.py) and part 1 runs there instead, written between markers of
its own beside the SQLite milliseconds; part 2 is not run.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

RESULTS = PROJECT / "benchmarks" / "RESULTS.md"
START, END = "<!-- page benchmark: start -->", "<!-- page benchmark: end -->"
PG_START, PG_END = "<!-- page benchmark on postgresql: start -->", "<!-- page benchmark on postgresql: end -->"
EMPTY_PAGE = "scripts/benchmark_empty_page.py"
EMPTY_NAME = "empty page"
ROLES = ("admin", "council", "manager", "employee")
COOKIE_KEY = "bench-" + "k" * 40  # the served app's cookie key in this run (signs the re-login cookies)


# ---------------------------------------------------------------- part 1: page runs in process


def _median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def _share_compiled_scripts() -> None:
    """Every AppTest run compiles app.py and the page again (a new ScriptCache per run, with Streamlit's
    magic rewriting the script's syntax tree first): 5-25 ms a run by the page's size. The server
    compiles each script once and keeps it (one ScriptCache per runtime), so the runs here share one."""
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import app_test, local_script_runner

    shared = ScriptCache()
    app_test.ScriptCache = local_script_runner.ScriptCache = lambda: shared  # type: ignore[assignment,misc]


def page_runs(
    db_url: str, rounds: int, roles: tuple[str, ...] = ROLES, only: frozenset[str] = frozenset()
) -> list[tuple[str, str, float, float, float, float]]:
    """(role, page, miss ms, hit ms, miss ratio, hit ratio) for every page every role can open (of
    `only`, when given: URL paths)."""
    os.environ["DATABASE_URL"] = db_url
    os.environ.setdefault("INNOVATION_COOKIE_KEY", "bench-" + "k" * 40)
    import streamlit as st
    from sqlmodel import select
    from streamlit.testing.v1 import AppTest
    from streamlit.util import calc_hash

    import db
    from components import auth, caching, navigation
    from components.navigation import EVERYONE_LOGGED_IN, PageSpec, visible_specs
    from models import User
    from services.people.auth import load_actor

    _share_compiled_scripts()
    from components import warmup

    warmup.warm_up()  # as `manage.py serve` does before its first visitor
    empty = PageSpec(EMPTY_PAGE, "nav.profile", ":material/crop_square:", "account", "tom-sida", EVERYONE_LOGGED_IN)
    navigation.PAGES = (*navigation.PAGES, empty)
    engine = db.make_engine(db_url)

    def run_once(username: str | None, spec: PageSpec) -> tuple[float, float]:
        at = AppTest.from_file(str(PROJECT / "app.py"), default_timeout=300)
        if username:  # logged in as a completed login leaves the session (tests/pages/apptest.py)
            with db.read_session(engine) as session:
                user = session.exec(select(User).where(User.username == username)).one()
            at.session_state[auth.USER_KEY] = user.id
            at.session_state[auth.VERSION_KEY] = user.session_version
        at.run()
        at.switch_page(spec.path)
        at._page_hash = calc_hash(spec.url_path)
        st.cache_data.clear()
        caching.clear()  # the figures every reader shares (components/caching)
        started = time.perf_counter()
        at.run()
        miss = time.perf_counter() - started
        if at.exception:
            raise RuntimeError(f"{spec.url_path} as {username}: {at.exception}")
        started = time.perf_counter()
        at.run()
        return miss, time.perf_counter() - started

    results = []
    for username in (*roles, None) if roles == ROLES else roles:
        role = username or "visitor"
        with db.read_session(engine) as session:
            actor = load_actor(session, username) if username else None
        specs = [s for s in visible_specs(actor) if s is not empty and (not only or s.url_path in only)]
        # Round after round over the empty page and every page, not one page's rounds in a row: a burst
        # of other work on a shared machine then costs one sample of many pages (the medians keep none
        # of it), not every sample of one page, or of the empty page that all the role's ratios divide by.
        measured = [empty, *specs] if username else specs
        sampled: dict[str, list[tuple[float, float]]] = {spec.url_path: [] for spec in measured}
        for _ in range(rounds):
            for spec in measured:
                sampled[spec.url_path].append(run_once(username, spec))
        base = sampled[empty.url_path] if username else None
        if base is not None:  # the yardstick itself, first in the role's rows
            empty_miss, empty_hit = _median_ms([m for m, _ in base]), _median_ms([h for _, h in base])
            results.append((role, f"({EMPTY_NAME})", empty_miss, empty_hit, 1.0, 1.0))
        for spec in specs:
            samples = sampled[spec.url_path]
            miss, hit = _median_ms([m for m, _ in samples]), _median_ms([h for _, h in samples])
            if base is None:  # a visitor has no empty page of their own: compare with the logged-in one
                base = page_runs.visitor_base  # type: ignore[attr-defined]
            empty_miss, empty_hit = _median_ms([m for m, _ in base]), _median_ms([h for _, h in base])
            results.append((role, spec.url_path, miss, hit, miss / empty_miss, hit / empty_hit))
        if username == "employee":
            page_runs.visitor_base = base  # type: ignore[attr-defined]
        print(f"  {role}: {len(specs)} pages", flush=True)
    return results


# ---------------------------------------------------------------- part 2: a light client over the websocket


@dataclass
class Load:
    """One page load as the client saw it."""

    page: str
    seconds: float
    bytes: int


@dataclass
class Client:
    """A browser stand-in: one websocket session speaking Streamlit's protobuf protocol."""

    base: str
    loads: list[Load] = field(default_factory=list)
    pages: set[str] = field(default_factory=set)  # script hashes of the pages in this user's menu
    widgets: dict[str, list] = field(default_factory=dict)  # element kind -> [proto]
    received: int = 0
    page_hash: str = ""  # the page shown now
    auto_rerun: tuple[str, float] | None = None  # (fragment id, seconds) of a fragment that reruns itself

    async def connect(self, cookie: str | None = None) -> None:
        import websockets  # Streamlit's own dependency

        host = self.base.removeprefix("http://")
        self.ws = await websockets.connect(
            f"ws://{host}/_stcore/stream",
            subprotocols=["streamlit"],
            origin=self.base,
            max_size=None,
            ping_interval=None,
            additional_headers={"Cookie": cookie} if cookie else None,
        )

    async def close(self) -> None:
        await self.ws.close()

    async def rerun(
        self,
        *,
        page: str | None = None,
        widget_states: list | None = None,
        label: str = "",
        fragment_id: str | None = None,
    ) -> None:
        """Ask for a run (of one fragment, as a browser's timer does for `run_every`) and read messages
        until the script has finished (reruns it asks for included)."""
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        msg = BackMsg()
        state = msg.rerun_script
        state.SetInParent()  # an empty ClientState is still a rerun request
        if page is not None:
            self.page_hash = _page_hash(page)
            self.auto_rerun = None
        if self.page_hash:  # a browser names the page it shows in every request
            state.page_script_hash = self.page_hash
        if fragment_id is not None:
            state.fragment_id = fragment_id
            state.is_auto_rerun = True
        for widget in widget_states or []:
            state.widget_states.widgets.append(widget)
        self.widgets = {}
        sent = self.received
        started = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        while True:
            data = await self.ws.recv()
            self.received += len(data)
            fwd = ForwardMsg()
            fwd.ParseFromString(data)
            kind = fwd.WhichOneof("type")
            if kind == "ref_hash":  # a large message kept in the server's cache: fetched over HTTP
                self.received += await asyncio.to_thread(self._fetch, fwd.ref_hash)
            elif kind == "auto_rerun":
                self.auto_rerun = (fwd.auto_rerun.fragment_id, fwd.auto_rerun.interval)
            elif kind == "navigation":
                self.pages = {p.page_script_hash for p in fwd.navigation.app_pages if not p.is_hidden}
            elif kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                element = fwd.delta.new_element
                self.widgets.setdefault(element.WhichOneof("type"), []).append(
                    getattr(element, element.WhichOneof("type"))
                )
            elif kind == "script_finished":
                if fwd.script_finished in (
                    ForwardMsg.FINISHED_SUCCESSFULLY,
                    ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY,
                ):
                    break
                if fwd.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    raise RuntimeError(f"{label}: script error")
        self.loads.append(Load(label or page or "", time.perf_counter() - started, self.received - sent))

    def _fetch(self, ref_hash: str) -> int:
        with urllib.request.urlopen(f"{self.base}/_stcore/message?hash={ref_hash}") as response:
            return len(response.read())

    async def log_in(self) -> None:
        """The first run of a returning user: logged in from the re-login cookie sent with the connection."""
        await self.rerun(label="login")
        if _page_hash("min-profil") not in self.pages:
            raise RuntimeError("the re-login cookie was refused")

    async def fragment_reruns(self, fragment_id: str, seconds: float, every: float) -> int:
        """What a browser does for an open `st.fragment(run_every=...)`: ask for the fragment's run."""
        runs = 0
        deadline = time.perf_counter() + seconds
        while time.perf_counter() < deadline:
            await asyncio.sleep(every)
            await self.rerun(fragment_id=fragment_id, label="refresh")
            runs += 1
        return runs

    async def click(self, label: str) -> None:
        """Press the button labelled `label` in the last run's output."""
        from streamlit.proto.WidgetStates_pb2 import WidgetState

        button = next((b for b in self.widgets.get("button", []) if b.label == label), None)
        if button is None:
            raise RuntimeError(f"no button {label!r}")
        state = WidgetState(id=button.id)
        state.trigger_value = True
        await self.rerun(widget_states=[state], label=f"click {label}")


def _page_hash(url_path: str) -> str:
    """The script hash Streamlit gives the page registered at `url_path` (what `st.Page` computes)."""
    from streamlit.util import calc_hash

    return calc_hash(url_path)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _rss_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of the process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _serve(db_url: str) -> tuple[subprocess.Popen, str, float]:
    """`manage.py serve` on a free port; (process, base URL, seconds until it answered its health check)."""
    from settings import COOKIE_KEY_ENV

    port = _free_port()
    env = {**os.environ, "DATABASE_URL": db_url, COOKIE_KEY_ENV: COOKIE_KEY}
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, str(PROJECT / "manage.py"), "serve", "--port", str(port), "--server.headless", "true"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(1200):
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=1):
                return process, base, time.perf_counter() - started
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("the app did not start")


def _cookies(db_url: str) -> dict[str, str]:
    """username -> the Cookie header a returning browser sends: a signed re-login token."""
    from sqlmodel import select

    import db
    from components.auth import make_token
    from models import User
    from settings import COOKIE_NAME

    engine = db.make_engine(db_url)
    with db.read_session(engine) as session:
        users = session.exec(select(User).where(User.username.in_(ROLES))).all()
    engine.dispose()
    return {u.username: f"{COOKIE_NAME}={make_token(COOKIE_KEY, u.id, u.session_version)}" for u in users}


async def _logged_in(base: str, cookie: str) -> Client:
    client = Client(base)
    await client.connect(cookie)
    await client.log_in()
    return client


async def _browse(client: Client, pages: list[str], rounds: int) -> list[Load]:
    """Open `pages` in turn (those in the user's menu), `rounds` times; the page loads only."""
    try:
        for _ in range(rounds):
            for page in pages:
                if _page_hash(page) in client.pages:
                    await client.rerun(page=page, label=page)
    finally:
        await client.close()
    return [load for load in client.loads if load.page in pages]


async def _crowd(bases: list[str], cookies: list[str], pages: list[str], rounds: int) -> tuple[list[Load], float]:
    """Every session connects first (to the servers in turn, as the proxy spreads them), then all browse at
    once: pages under load, not a storm of logins."""
    clients = [await _logged_in(bases[i % len(bases)], cookie) for i, cookie in enumerate(cookies)]
    started = time.perf_counter()
    loads = await asyncio.gather(*(_browse(c, pages, rounds) for c in clients))
    return [load for group in loads for load in group], time.perf_counter() - started


async def _first_pages(base: str, cookies: dict[str, str]) -> tuple[float, float]:
    """Översikt right after the start (council), then for another scope (admin): both miss the cache,
    only the first pays for whatever the start left cold."""
    times = []
    for username in ("council", "admin"):
        client = await _logged_in(base, cookies[username])
        await client.rerun(page="oversikt", label="oversikt")
        await client.close()
        times.append(client.loads[-1].seconds)
    return times[0], times[1]


async def _idle_council(base: str, cookie: str, pid: int, seconds: float) -> tuple[float, float, int]:
    """Server CPU (share of one core) over `seconds` with nobody connected, then with one Rådsläge open
    and refreshing as a browser does, nothing changing; and how many refreshes that was."""
    before = _cpu_seconds(pid)
    await asyncio.sleep(seconds)
    idle = (_cpu_seconds(pid) - before) / seconds
    client = await _logged_in(base, cookie)
    await client.rerun(page="radslage", label="radslage")
    if not client.auto_rerun:
        raise RuntimeError("Rådsläge asked for no refresh")
    fragment_id, every = client.auto_rerun
    await client.fragment_reruns(fragment_id, every, every)  # the first refresh may still count
    before = _cpu_seconds(pid)
    runs = await client.fragment_reruns(fragment_id, seconds, every)
    open_board = (_cpu_seconds(pid) - before) / seconds
    await client.close()
    return idle, open_board, runs


async def _pdf_beside_pages(base: str, cookies: dict[str, str]) -> tuple[float, list[float], list[float]]:
    """The bokslut PDF built (admin) while another reader (employee) keeps opening Min profil: how long
    the PDF took, and the reader's Min profil loads before and while it was built."""
    reader = await _logged_in(base, cookies["employee"])
    for _ in range(5):
        await reader.rerun(page="min-profil", label="min-profil")
    before = [x.seconds for x in reader.loads if x.page == "min-profil"]
    builder = await _logged_in(base, cookies["admin"])
    await builder.rerun(page="innovationsbokslut", label="innovationsbokslut")
    await builder.click("Skapa bokslutet som PDF")
    if builder.auto_rerun is None:
        raise RuntimeError("no progress shown for the PDF")
    fragment_id, every = builder.auto_rerun
    started = time.perf_counter()
    done = asyncio.Event()

    async def wait_for_pdf() -> float:
        try:
            while time.perf_counter() - started < 900:
                await asyncio.sleep(every)
                await builder.rerun(fragment_id=fragment_id, label="progress")
                if any(b.label == "Ladda ned bokslutet som PDF" for b in builder.widgets.get("download_button", [])):
                    return time.perf_counter() - started
            raise RuntimeError("the PDF was not ready in 15 minutes")
        finally:
            done.set()

    async def read_meanwhile() -> list[float]:
        during = []
        while not done.is_set():
            await reader.rerun(page="min-profil", label="min-profil")
            during.append(reader.loads[-1].seconds)
        return during

    seconds, during = await asyncio.gather(wait_for_pdf(), read_meanwhile())
    await builder.close()
    await reader.close()
    return seconds, before, during


def concurrency(db_url: str, sessions: int, rounds: int, idle_seconds: float, processes: int) -> dict:
    pages = [
        "min-profil",
        "oversikt",
        "halso-och-sjukvard",
        "testmiljoer-i-siffror",
        "innovationsbokslut",
        "mina-ideer",
        "radslage",
    ]
    cookies = _cookies(db_url)
    process, base, start_seconds = _serve(db_url)
    servers = [(process, base)]
    try:
        first, second = asyncio.run(_first_pages(base, cookies))
        lone = asyncio.run(_lone(base, cookies["council"], pages, rounds))
        rss_before = _rss_mb(process.pid)
        crowd_cookies = [cookies[ROLES[i % len(ROLES)]] for i in range(sessions)]
        crowd, wall = asyncio.run(_crowd([base], crowd_cookies, pages, rounds))
        rss_after = _rss_mb(process.pid)
        idle, council_open, refreshes = asyncio.run(_idle_council(base, cookies["council"], process.pid, idle_seconds))
        pdf = asyncio.run(_pdf_beside_pages(base, cookies))
        # The same crowd spread over several processes, as deploy/nginx runs the app (one per core); the
        # added ones first open every page once per role, as the first one has.
        for _ in range(processes - 1):
            other, other_base, _ = _serve(db_url)
            servers.append((other, other_base))
            asyncio.run(_crowd([other_base], [cookies[role] for role in ROLES], pages, 1))
        spread_before = sum(_rss_mb(p.pid) for p, _ in servers)
        spread, spread_wall = asyncio.run(_crowd([b for _, b in servers], crowd_cookies, pages, rounds))
        spread_after = sum(_rss_mb(p.pid) for p, _ in servers)
    finally:
        for server, _ in servers:
            server.terminate()
            server.wait(timeout=30)
    return {
        "start": start_seconds,
        "first": first,
        "second": second,
        "lone": lone,
        "crowd": crowd,
        "wall": wall,
        "spread": (processes, spread, spread_wall, spread_before, spread_after),
        "rss": (rss_before, rss_after),
        "sessions": sessions,
        "pages": pages,
        "idle": (idle, council_open, refreshes, idle_seconds),
        "pdf": pdf,
    }


async def _lone(base: str, cookie: str, pages: list[str], rounds: int) -> list[Load]:
    return await _browse(await _logged_in(base, cookie), pages, rounds)


def _pct(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] * 1000


# ---------------------------------------------------------------- report


def _mark(ok: bool) -> str:
    return "" if ok else " ✗"


def report(runs: list, load: dict | None, counts: str, machine: str) -> str:
    lines = [
        START,
        "## Pages (scripts/benchmark_pages.py, `make bench-pages`)",
        "",
        f"Measured {datetime.now():%Y-%m-%d %H:%M} on {machine}; {counts}.",
        "",
        "Targets (issue 12, ratios in the same run): every page's run with an empty cache ≤ 20× the empty "
        "page's, with the cache filled ≤ 3×; a browser load ≤ 1.5× Min profil's and ≤ ~50 KB; 20 sessions at "
        "once: P95 ≤ 4× a lone session's, server memory growth < 100 MB; an open Rådsläge with nothing "
        "changing < 5% of a core. ✗ marks a figure over its target.",
    ]
    if runs:
        lines += [
            "",
            "### Every page for every role, in process (AppTest)",
            "",
            "Each page's run (median of the rounds; each round opens the empty page and then every page "
            "of the role once, so that a burst of other work falls on one sample of many pages) as a "
            "multiple of the empty page's run (a visitor, who has none, against the employee's; the router with "
            "login, navigation and sidebar; scripts/benchmark_empty_page.py) in the same process: **miss** "
            "with Streamlit's data cache cleared first, **hit** right after, as the same user. Each role's "
            "first row is the empty page itself. The ratios measure a page's own work: whatever makes every "
            "run cheaper (the router, the login check, the sidebar) makes them larger, so read the "
            "milliseconds too.",
            "",
            "| role | page | miss ms | hit ms | miss ÷ empty | hit ÷ empty |",
            "|---|---|---:|---:|---:|---:|",
            *[
                f"| {r} | {p} | {m:.0f} | {h:.0f} | {mr:.1f}×{_mark(mr <= 20)} | {hr:.1f}×{_mark(hr <= 3)} |"
                for r, p, m, h, mr, hr in runs
            ],
        ]
    if load:
        lone: dict[str, list[Load]] = {}
        for item in load["lone"]:
            lone.setdefault(item.page, []).append(item)
        profile_ms = _median_ms([x.seconds for x in lone["min-profil"]])
        idle, council_open, refreshes, seconds = load["idle"]
        first, second = load["first"], load["second"]
        lines += [
            "",
            "### Served (`manage.py serve`), a light client over Streamlit's websocket",
            "",
            "Sessions open as a returning browser does (the signed re-login cookie), then ask for pages as a "
            "browser's menu does; a page load is timed from the request to the script's end and counts every "
            "byte the server sends for it. The lone session (council) opens each page "
            f"{len(load['lone']) // max(1, len(lone))} times (the first of them may miss the cache).",
            "",
            f"Start: `manage.py serve` answered after {load['start']:.1f} s (the warm-up included). The first "
            f"Översikt after the start (council) took {first * 1000:.0f} ms, the next one (admin, also a cache "
            f"miss) {second * 1000:.0f} ms: {first / second:.1f}×.",
            "",
            "| page | lone ms (median) | ÷ Min profil | KB per load |",
            "|---|---:|---:|---:|",
        ]
        for page, items in lone.items():
            ms = _median_ms([x.seconds for x in items])
            kb = statistics.median(x.bytes for x in items) / 1024
            lines.append(
                f"| {page} | {ms:.0f} | {ms / profile_ms:.1f}×{_mark(ms / profile_ms <= 1.5)} | "
                f"{kb:.0f}{_mark(kb <= 50)} |"
            )
        lone_all = [x.seconds for x in load["lone"]]
        crowd_all = [x.seconds for x in load["crowd"]]
        before, after = load["rss"]
        ratio = _pct(crowd_all, 0.95) / _pct(lone_all, 0.95)
        processes, spread, spread_wall, spread_before, spread_after = load["spread"]
        spread_all = [x.seconds for x in spread]
        spread_ratio = _pct(spread_all, 0.95) / _pct(lone_all, 0.95)
        lines += [
            "",
            f"{load['sessions']} sessions at once (roles in turn: {', '.join(ROLES)}), each opening the pages "
            "of its menu among those above:",
            "",
            "| | page runs | P50 ms | P95 ms | runs/s |",
            "|---|---:|---:|---:|---:|",
            f"| lone session | {len(lone_all)} | {_pct(lone_all, 0.5):.0f} | {_pct(lone_all, 0.95):.0f} | – |",
            f"| {load['sessions']} sessions | {len(crowd_all)} | {_pct(crowd_all, 0.5):.0f} | "
            f"{_pct(crowd_all, 0.95):.0f} | {len(crowd_all) / load['wall']:.1f} |",
            f"| {load['sessions']} sessions over {processes} processes | {len(spread_all)} | "
            f"{_pct(spread_all, 0.5):.0f} | {_pct(spread_all, 0.95):.0f} | {len(spread_all) / spread_wall:.1f} |",
            "",
            f"P95 with {load['sessions']} sessions ÷ lone P95: {ratio:.1f}×{_mark(ratio <= 4)} in one process; "
            f"{spread_ratio:.1f}×{_mark(spread_ratio <= 4)} over {processes} processes, the sessions spread "
            "over them in turn as deploy/nginx does (the added processes first opened each page once per "
            f"role). Server memory {before:.0f} MB before the crowd, {after:.0f} MB after (+{after - before:.0f} "
            f"MB{_mark(after - before < 100)}); over {processes} processes {spread_before:.0f} MB before, "
            f"{spread_after:.0f} MB after (+{spread_after - spread_before:.0f} MB).",
            "",
            f"Rådsläge left open, nothing changing: the server used {council_open:.1%} of a core over {seconds:.0f} s "
            f"({refreshes} refreshes){_mark(council_open < 0.05)}; with nobody connected {idle:.1%}.",
        ]
        pdf_seconds, before, during = load["pdf"]
        lines += [
            "",
            f"The bokslut as PDF (admin, last year, every area and organisation) was ready {pdf_seconds:.1f} s after "
            f"the click, drawn in the worker process with its progress shown; meanwhile another reader's Min profil "
            f"loaded in {_median_ms(during):.0f} ms (median of {len(during)}), against {_median_ms(before):.0f} ms "
            "before.",
        ]
    lines.append(END)
    return "\n".join(lines)


def postgres_report(runs: list, counts: str, machine: str, server: str) -> str:
    """The page table of a run on PostgreSQL, beside the SQLite one (each page's ms there too)."""
    sqlite_ms = _sqlite_rows()
    lines = [
        PG_START,
        "### Every page for every role on PostgreSQL (`benchmark_pages.py --postgres URL`)",
        "",
        f"Measured {datetime.now():%Y-%m-%d %H:%M} on {machine}; {server}, "
        f"the scaled database copied in (scripts/scaled_postgres.py): {counts}. The same runs as the table "
        "above, on the database the region runs in production; the SQLite columns repeat that table's "
        "milliseconds for comparison. The targets and ✗ are the same.",
        "",
        "| role | page | miss ms | hit ms | miss ÷ empty | hit ÷ empty | SQLite miss ms | SQLite hit ms |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r, p, m, h, mr, hr in runs:
        lite = sqlite_ms.get((r, p))
        lite_miss, lite_hit = (f"{lite[0]:.0f}", f"{lite[1]:.0f}") if lite else ("–", "–")
        lines.append(
            f"| {r} | {p} | {m:.0f} | {h:.0f} | {mr:.1f}×{_mark(mr <= 20)} | {hr:.1f}×{_mark(hr <= 3)} | "
            f"{lite_miss} | {lite_hit} |"
        )
    lines.append(PG_END)
    return "\n".join(lines)


def _sqlite_rows() -> dict[tuple[str, str], tuple[float, float]]:
    """(role, page) -> (miss ms, hit ms) from the SQLite page table now in RESULTS."""
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    if START not in text:
        return {}
    section = text.split(START, 1)[1].split(END, 1)[0]
    rows = re.findall(r"^\| (\w+) \| (\S+(?: page\))?) \| (\d+) \| (\d+) \|", section, flags=re.MULTILINE)
    return {(role, page): (float(miss), float(hit)) for role, page, miss, hit in rows}


def write_section(section: str, start: str = START, end: str = END) -> None:
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    if start in text:
        head, rest = text.split(start, 1)
        text = head + section + rest.split(end, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    RESULTS.write_text(text, encoding="utf-8")


def _postgres_server(url: str) -> str:
    """ "PostgreSQL 15.14 on this machine (Unix socket)", or "... at HOST"."""
    from sqlalchemy import make_url, text

    import db

    engine = db.make_engine(url)
    with engine.connect() as connection:
        version = connection.execute(text("SHOW server_version")).scalar_one()
    engine.dispose()
    parsed = make_url(url)
    host = parsed.host or parsed.query.get("host") or ""
    where = "on this machine (Unix socket)" if not host or str(host).startswith("/") else f"at {host}"
    return f"PostgreSQL {version.split()[0]} {where}"


def _machine(database: str | None = "SQLite file database") -> str:
    lines = Path("/proc/cpuinfo").read_text().splitlines()
    model = next((line.split(":", 1)[1].strip() for line in lines if "model name" in line), os.uname().machine)
    memory = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1)) / 1024 / 1024
    return (
        f"{os.uname().sysname} {os.uname().machine}, {os.cpu_count()} cores ({model}), {memory:.0f} GB, "
        f"Python {sys.version.split()[0]}" + (f", {database}" if database else "")
    )


def _load() -> str:
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


def _migrate(path: Path) -> None:
    """A scaled database from an older checkout: brought to the newest schema first."""
    from alembic import command
    from alembic.config import Config

    config = Config(str(PROJECT / "alembic.ini"))
    config.attributes["url"] = f"sqlite:///{path}"
    command.upgrade(config, "head")
    import db

    db.refresh_statistics(db.make_engine(config.attributes["url"]))  # as `manage.py serve` does at start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, default=PROJECT / "benchmarks" / "scaled.db")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--processes", type=int, default=2, help="app processes for the spread crowd (deploy/nginx: 2)")
    parser.add_argument("--idle-seconds", type=float, default=60, help="how long Rådsläge is watched idle")
    parser.add_argument("--skip-load", action="store_true", help="only the in-process page runs")
    parser.add_argument("--skip-pages", action="store_true", help="only the served sessions")
    parser.add_argument("--roles", help="comma-separated: only these roles' page runs (printed, not written)")
    parser.add_argument("--pages", help="comma-separated URL paths: only these pages (printed, not written)")
    parser.add_argument(
        "--postgres",
        metavar="URL",
        help="instead of both parts on SQLite: copy the scaled database into this new, empty PostgreSQL "
        "database (createdb; scripts/scaled_postgres.py) and run the in-process pages there, written as a "
        "section of their own (the served part is not run)",
    )
    args = parser.parse_args()
    if not args.db.exists():
        from scripts import benchmark

        benchmark._load_feature_benchmarks()
        print(f"building {args.db} ...", flush=True)
        benchmark.build(args.db, 100_000, 1_000_000)
    _migrate(args.db)
    import sqlite3

    with sqlite3.connect(args.db) as raw:
        sizes = {t: raw.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("idea", "indicatorvalue", "user")}
    counts = f"{sizes['idea']:,} ideas, {sizes['indicatorvalue']:,} indicator values, {sizes['user']:,} users"
    url = f"sqlite:///{args.db}"
    if args.postgres:
        from scripts import scaled_postgres

        if args.skip_pages:
            parser.error("--postgres runs the pages only: leave out --skip-pages")
        print("copying the scaled database into PostgreSQL ...", flush=True)
        try:
            copied = scaled_postgres.prepare(args.db, args.postgres)
        except scaled_postgres.Refused as refusal:
            sys.exit(f"PostgreSQL: {refusal}")
        print("copied" if copied else "already there: a copy made before", flush=True)
        url = args.postgres
    if args.roles or args.pages:  # a quick look at some pages while working on them: nothing is written
        roles = tuple(args.roles.split(",")) if args.roles else ROLES
        for row in page_runs(url, args.rounds, roles, frozenset(args.pages.split(",")) if args.pages else frozenset()):
            print("{} {}: miss {:.0f} ms, hit {:.0f} ms, {:.1f}× and {:.1f}× the empty page".format(*row))
        return
    load_before = _load()
    if args.postgres:
        print("page runs on PostgreSQL ...", flush=True)
        runs = page_runs(url, args.rounds)
        machine = f"{_machine(None)}; load average (1/5/15 min) {load_before} at the start, {_load()} at the end"
        section = postgres_report(runs, counts, machine, _postgres_server(url))
        write_section(section, PG_START, PG_END)
        print(section)
        return
    load = None
    if not args.skip_load:
        print("served sessions ...", flush=True)
        load = concurrency(url, args.sessions, args.rounds, args.idle_seconds, args.processes)
    runs = []
    if not args.skip_pages:
        print("page runs ...", flush=True)
        runs = page_runs(url, args.rounds)
    machine = f"{_machine()}; load average (1/5/15 min) {load_before} at the start, {_load()} at the end"
    section = report(runs, load, counts, machine)
    write_section(section)
    print(section)


if __name__ == "__main__":
    main()
