"""A live app for browser tests: started as `make run` starts it, on a free port, with a temporary
database, and a headless Debian Chromium driven by Playwright.

Browser tests never skip silently: without chromium they fail and say how to install it. Only an
explicit SKIP_BROWSER_TESTS=1 skips them, with that reason printed in the summary.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import PROJECT_DIR
from tests.e2e.helpers import STEP_MS, watch_runs
from tests.mailserver import MailServer, free_port

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
COOKIE_KEY = "browser-test-key-" + "k" * 40
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "e2e" in item.nodeid:
            item.add_marker(pytest.mark.browser)


def _wait_until_healthy(url: str, process: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the app exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"the app did not answer at {url} within {timeout} s")


@pytest.fixture(scope="session")
def live_workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The live app's directory: its database and its log."""
    return tmp_path_factory.mktemp("live")


@pytest.fixture(scope="session")
def live_db_url(live_workdir: Path) -> str:
    """The live app's database URL, for tests that change records while a browser watches."""
    return f"sqlite:///{live_workdir / 'innovation.db'}"


@pytest.fixture(scope="session")
def mail_server() -> Iterator[MailServer]:
    """A real SMTP server (aiosmtpd) that the live app sends its mail to."""
    with MailServer() as server:
        yield server


@pytest.fixture(scope="session")
def live_app(live_workdir: Path, live_db_url: str, mail_server: MailServer) -> Iterator[str]:
    """The base URL of a running app with the demo region loaded by `manage.py prepare`, sending its
    mail to `mail_server` (checking every second: a browser test waits for a mail, never sleeps)."""
    port = free_port()
    env = app_environment(live_db_url, **mail_server.env(base_url=f"http://127.0.0.1:{port}"), MAIL_SEND_INTERVAL="1")
    subprocess.run([sys.executable, "manage.py", "prepare"], cwd=PROJECT_DIR, env=env, check=True, capture_output=True)
    with running_app(live_workdir, env, port=port) as url:
        yield url


def app_environment(database_url: str, **settings: str) -> dict[str, str]:
    """The environment an app process of the browser tests runs with."""
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "INNOVATION_COOKIE_KEY": COOKIE_KEY,
        "PYTHONUNBUFFERED": "1",
        **settings,
    }


@contextmanager
def running_app(
    workdir: Path, env: dict[str, str], *args: str, port: int | None = None, log_name: str = "streamlit.log"
) -> Iterator[str]:
    """An app process started as `make run` starts it (`manage.py serve`), from `workdir`; yields its URL
    once it answers its health check, and stops it afterwards. `args` go to `streamlit run`."""
    port = port or free_port()
    log = (workdir / log_name).open("w")
    process = subprocess.Popen(  # from another folder: the project's settings must apply all the same
        [
            sys.executable,
            str(PROJECT_DIR / "manage.py"),
            "serve",
            "--port",
            str(port),
            "--server.headless",
            "true",
            "--server.fileWatcherType",
            "none",
            *args,
        ],
        cwd=workdir,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_healthy(url, process)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def copy_database(url: str, target: Path) -> str:
    """A consistent copy of the SQLite database at `url` (SQLite's online backup, safe while an app
    writes to it) in `target`; returns the copy's URL."""
    source = sqlite3.connect(url.removeprefix("sqlite:///"))
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)
    finally:
        source.close()
        copy.close()
    return f"sqlite:///{target}"


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if os.environ.get("SKIP_BROWSER_TESTS") == "1":
        pytest.skip("SKIP_BROWSER_TESTS=1 was set: browser tests NOT run")
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.fail(
            f"Chromium not found at {CHROMIUM}. Install it (as root: apt-get install -y chromium, "
            "or run .ci/run), or set CHROMIUM_PATH. Browser tests are not skipped silently."
        )
    from playwright.sync_api import expect, sync_playwright

    # Assertions wait as long as actions do: the machines that run these are shared and sometimes slow.
    expect.set_options(timeout=STEP_MS)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser) -> Iterator[object]:
    context = browser.new_context(locale="sv-SE", viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(STEP_MS)
    page = context.new_page()
    watch_runs(page)
    yield page
    context.close()
