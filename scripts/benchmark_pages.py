"""Pages at ten times the region: every page for every role, as ratios to the empty page, and many
people at once through Streamlit's own websocket protocol.

    .venv/bin/python scripts/benchmark_pages.py [--db benchmarks/scaled.db] [--rounds 3] [--sessions 20]

Part 1, in process (Streamlit's AppTest): every page each role can open is run with empty caches (miss)
and again (hit), and so is an empty page registered in the same app (the router with login, navigation
and sidebar, nothing else), in the same run; the table gives each page's median run as a multiple of the
empty page's. Ratios, not milliseconds, so that a loaded or slower machine compares with itself.

Part 2, served (`manage.py serve` on a free port): a lone session, then N sessions at once, each logging
in through the login form and opening pages over the websocket as a browser would (a small client, no
browser), timed from the rerun request to the script's end. It reports P50/P95 per page run, the bytes a
page load sends, and the server's resident memory before and after.

The scaled database is `scripts/benchmark.py`'s (built when missing; `--keep` there keeps it). Results go
between the page-benchmark markers of benchmarks/RESULTS.md. Tests never assert any of this.
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
EMPTY_PAGE = "scripts/benchmark_empty_page.py"
ROLES = ("admin", "council", "manager", "employee")
PASSWORD = "demo1234"


# ---------------------------------------------------------------- part 1: page runs in process


def _median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def page_runs(db_url: str, rounds: int) -> list[tuple[str, str, float, float, float, float]]:
    """(role, page, miss ms, hit ms, miss ratio, hit ratio) for every page every role can open."""
    os.environ["DATABASE_URL"] = db_url
    os.environ.setdefault("INNOVATION_COOKIE_KEY", "bench-" + "k" * 40)
    import streamlit as st
    from streamlit.testing.v1 import AppTest
    from streamlit.util import calc_hash

    from components import navigation
    from components.navigation import EVERYONE_LOGGED_IN, PageSpec, visible_specs
    from services.people.auth import Actor

    empty = PageSpec(EMPTY_PAGE, "nav.profile", ":material/crop_square:", "account", "tom-sida", EVERYONE_LOGGED_IN)
    navigation.PAGES = (*navigation.PAGES, empty)

    def run_once(username: str | None, spec: PageSpec) -> tuple[float, float]:
        at = AppTest.from_file(str(PROJECT / "app.py"), default_timeout=300)
        if username:
            at.session_state["authentication_status"] = True
            at.session_state["username"] = username
            at.session_state["name"] = username
        at.run()
        at.switch_page(spec.path)
        at._page_hash = calc_hash(spec.url_path)
        st.cache_data.clear()
        started = time.perf_counter()
        at.run()
        miss = time.perf_counter() - started
        if at.exception:
            raise RuntimeError(f"{spec.url_path} as {username}: {at.exception}")
        started = time.perf_counter()
        at.run()
        return miss, time.perf_counter() - started

    results = []
    for username in (*ROLES, None):
        role = username or "visitor"
        fake = Actor(1, role, role, role, username, None, None, "sv") if username else None
        specs = [s for s in visible_specs(fake) if (s is not empty and not s.logged_out_only) or username is None]
        base = [run_once(username, empty) for _ in range(rounds)] if username else None
        for spec in specs:
            samples = [run_once(username, spec) for _ in range(rounds)]
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

    async def connect(self) -> None:
        import websockets

        host = self.base.removeprefix("http://")
        self.ws = await websockets.connect(
            f"ws://{host}/_stcore/stream",
            subprotocols=["streamlit"],
            origin=self.base,
            max_size=None,
            ping_interval=None,
        )

    async def close(self) -> None:
        await self.ws.close()

    async def rerun(self, *, page: str | None = None, widget_states: list | None = None, label: str = "") -> None:
        """Ask for a run and read messages until the script has finished (reruns it asks for included)."""
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        msg = BackMsg()
        state = msg.rerun_script
        state.SetInParent()  # an empty ClientState is still a rerun request
        if page is not None:
            state.page_script_hash = _page_hash(page)
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
            elif kind == "navigation":
                self.pages = {p.page_script_hash for p in fwd.navigation.app_pages if not p.is_hidden}
            elif kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                element = fwd.delta.new_element
                self.widgets.setdefault(element.WhichOneof("type"), []).append(
                    getattr(element, element.WhichOneof("type"))
                )
            elif kind == "script_finished":
                if fwd.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY:
                    break
                if fwd.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    raise RuntimeError(f"{label}: script error")
        self.loads.append(Load(label or page or "", time.perf_counter() - started, self.received - sent))

    def _fetch(self, ref_hash: str) -> int:
        with urllib.request.urlopen(f"{self.base}/_stcore/message?hash={ref_hash}") as response:
            return len(response.read())

    async def log_in(self, username: str) -> None:
        from streamlit.proto.WidgetStates_pb2 import WidgetState

        await self.rerun(label="login form")
        inputs = self.widgets.get("text_input", [])
        buttons = [b for b in self.widgets.get("button", []) if b.is_form_submitter]
        if len(inputs) < 2 or not buttons:
            raise RuntimeError("no login form")
        states = []
        for proto, value in ((inputs[0], username), (inputs[1], PASSWORD)):
            state = WidgetState(id=proto.id)
            state.string_value = value
            states.append(state)
        submit = WidgetState(id=buttons[0].id)
        submit.trigger_value = True
        states.append(submit)
        await self.rerun(widget_states=states, label="login")
        if _page_hash("min-profil") not in self.pages:
            raise RuntimeError(f"login as {username} failed")


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


def _serve(db_url: str) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    env = {**os.environ, "DATABASE_URL": db_url, "INNOVATION_COOKIE_KEY": "bench-" + "k" * 40}
    process = subprocess.Popen(
        [sys.executable, str(PROJECT / "manage.py"), "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=1):
                return process, base
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("the app did not start")


async def _logged_in(base: str, username: str) -> Client:
    client = Client(base)
    await client.connect()
    await client.log_in(username)
    return client


async def _browse(client: Client, pages: list[str], rounds: int) -> list[Load]:
    """Open `pages` in turn, `rounds` times; the page loads only (not the login)."""
    try:
        for _ in range(rounds):
            for page in pages:
                if _page_hash(page) in client.pages:
                    await client.rerun(page=page, label=page)
    finally:
        await client.close()
    return [load for load in client.loads if load.page not in ("login form", "login")]


async def _session(base: str, username: str, pages: list[str], rounds: int) -> list[Load]:
    return await _browse(await _logged_in(base, username), pages, rounds)


async def _crowd(base: str, sessions: int, pages: list[str], rounds: int) -> tuple[list[Load], float]:
    """`sessions` people (roles in turn) log in one after another, then all browse at once: what is
    measured is pages under load, not a storm of logins (bcrypt is slow on purpose)."""
    clients = [await _logged_in(base, ROLES[i % len(ROLES)]) for i in range(sessions)]
    started = time.perf_counter()
    loads = await asyncio.gather(*(_browse(c, pages, rounds) for c in clients))
    return [load for group in loads for load in group], time.perf_counter() - started


def concurrency(db_url: str, sessions: int, rounds: int) -> dict:
    pages = ["min-profil", "oversikt", "halso-och-sjukvard", "testmiljoer-i-siffror", "mina-ideer", "radslage"]
    process, base = _serve(db_url)
    try:
        # Warm-up: the first session pays for imports and the first queries (cold start, reported apart).
        started = time.perf_counter()
        warm = asyncio.run(_session(base, "council", ["oversikt"], 1))
        cold = time.perf_counter() - started
        rss_before = _rss_mb(process.pid)
        lone = asyncio.run(_session(base, "council", pages, rounds))
        crowd, wall = asyncio.run(_crowd(base, sessions, pages, rounds))
        rss_after = _rss_mb(process.pid)
    finally:
        process.terminate()
        process.wait(timeout=30)
    return {
        "cold": cold,
        "first": warm[0].seconds if warm else None,
        "lone": lone,
        "crowd": crowd,
        "wall": wall,
        "rss": (rss_before, rss_after),
        "sessions": sessions,
        "pages": pages,
    }


def _pct(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] * 1000


# ---------------------------------------------------------------- report


def report(runs: list, load: dict | None, counts: str) -> str:
    lines = [
        START,
        "## Pages (scripts/benchmark_pages.py)",
        "",
        f"Measured {datetime.now():%Y-%m-%d %H:%M} on {os.uname().sysname} {os.uname().machine}, "
        f"{os.cpu_count()} cores, Python {sys.version.split()[0]}; {counts}.",
        "",
        "Each page's run (median of the rounds) as a multiple of the empty page's run in the same process: "
        "**miss** with Streamlit's data cache cleared first, **hit** right after.",
        "",
        "| role | page | miss ms | hit ms | miss ÷ empty | hit ÷ empty |",
        "|---|---|---:|---:|---:|---:|",
        *[f"| {r} | {p} | {m:.0f} | {h:.0f} | {mr:.1f}× | {hr:.1f}× |" for r, p, m, h, mr, hr in runs],
    ]
    if load:
        lone = {}
        for item in load["lone"]:
            lone.setdefault(item.page, []).append(item)
        profile_bytes = statistics.median(x.bytes for x in lone.get("min-profil", [])) or 1
        lines += [
            "",
            f"Served: one session, then {load['sessions']} sessions at once (roles in turn), each logging in and "
            f"opening {', '.join(load['pages'])}; timed from the rerun request to the script's end.",
            f"Cold start to a drawn Översikt after login: {load['cold']:.1f} s.",
            "",
            "| page | lone ms (median) | bytes per load | ÷ Min profil |",
            "|---|---:|---:|---:|",
        ]
        for page, items in lone.items():
            size = statistics.median(x.bytes for x in items)
            lines.append(
                f"| {page} | {_median_ms([x.seconds for x in items]):.0f} | {size:,.0f} | {size / profile_bytes:.1f}× |"
            )
        lone_all = [x.seconds for x in load["lone"]]
        crowd_all = [x.seconds for x in load["crowd"]]
        before, after = load["rss"]
        lines += [
            "",
            "| | P50 ms | P95 ms | runs/s |",
            "|---|---:|---:|---:|",
            f"| lone session | {_pct(lone_all, 0.5):.0f} | {_pct(lone_all, 0.95):.0f} | – |",
            f"| {load['sessions']} sessions | {_pct(crowd_all, 0.5):.0f} | {_pct(crowd_all, 0.95):.0f} | "
            f"{len(crowd_all) / load['wall']:.1f} |",
            "",
            f"P95 with {load['sessions']} sessions ÷ lone P95: {_pct(crowd_all, 0.95) / _pct(lone_all, 0.95):.1f}×. "
            f"Server memory {before:.0f} MB before the crowd, {after:.0f} MB after (+{after - before:.0f} MB).",
        ]
    lines.append(END)
    return "\n".join(lines)


def write_section(section: str) -> None:
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    if START in text:
        head, rest = text.split(START, 1)
        text = head + section + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    RESULTS.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, default=PROJECT / "benchmarks" / "scaled.db")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--skip-load", action="store_true", help="only the in-process page runs")
    args = parser.parse_args()
    if not args.db.exists():
        from scripts import benchmark

        benchmark._load_feature_benchmarks()
        print(f"building {args.db} ...", flush=True)
        benchmark.build(args.db, 100_000, 1_000_000)
    import sqlite3

    with sqlite3.connect(args.db) as raw:
        sizes = {t: raw.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("idea", "indicatorvalue", "user")}
    counts = f"{sizes['idea']:,} ideas, {sizes['indicatorvalue']:,} indicator values, {sizes['user']:,} users"
    url = f"sqlite:///{args.db}"
    load = None
    if not args.skip_load:
        print("served sessions ...", flush=True)
        load = concurrency(url, args.sessions, args.rounds)
    print("page runs ...", flush=True)
    runs = page_runs(url, args.rounds)
    section = report(runs, load, counts)
    write_section(section)
    print(section)


if __name__ == "__main__":
    main()
