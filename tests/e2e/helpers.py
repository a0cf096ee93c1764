"""Steps a person takes in the browser."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from weakref import WeakKeyDictionary

from playwright.sync_api import Page, WebSocket, expect
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from settings import COOKIE_NAME

# How long one step (a run of the app, a login) may take: these machines are shared by several test runs,
# and a step that takes a second alone can take twenty at a load of 30. Waits are always for something
# a person would see; only their patience is long.
STEP_MS = 60_000
LOGIN_MS = STEP_MS


def log_in(page: Page, base_url: str, username: str, password: str = "demo1234") -> None:
    page.goto(base_url)
    submit_login(page, username, password)
    # A login is a bcrypt check, the browser's word that it holds the cookie, and Översikt's first count:
    # on a box shared by several test runs that can take longer than one ordinary step.
    expect(page.get_by_role("heading", name="Översikt")).to_be_visible(timeout=LOGIN_MS)
    assert has_login_cookie(page), "the app moved on before the browser held the login cookie"


def submit_login(page: Page, username: str, password: str = "demo1234") -> None:
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(password)
    page.get_by_role("button", name="Logga in", exact=True).click()


def has_login_cookie(page: Page) -> bool:
    return any(c["name"] == COOKIE_NAME for c in page.context.cookies())


def expect_menu(page: Page, titles: list[str]) -> None:
    """The sidebar menu offers exactly `titles`, in order, once the run that draws it has drawn it (a
    login's runs may show the heading of the page before the menu of the person has replaced the last)."""
    links = page.locator('[data-testid="stSidebarNav"] a')  # each reads "<icon name>\n\n<title>"
    expect(links).to_have_text([re.compile(rf"(^|\s){re.escape(t)}$") for t in titles], use_inner_text=True)


def run_finished(page: Page) -> None:
    """Wait until the app has finished the run whose result the test has just seen begin (a heading, a
    message): a list opened while that run still draws the page is redrawn shut."""
    expect(page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]')).to_have_count(1)


def log_out(page: Page) -> None:
    """Log out. The app may delete the cookie a moment later: it no longer logs anyone in either way."""
    page.get_by_role("button", name="Logga ut").click()
    expect(page.get_by_role("heading", name="Logga in")).to_be_visible()


_SOCKETS: WeakKeyDictionary[Page, WebSocket] = WeakKeyDictionary()


def watch_runs(page: Page) -> None:
    """Keep track of the page's connection to the app, so that `answered` can hear runs finish."""
    page.on("websocket", lambda socket: _SOCKETS.__setitem__(page, socket))


def _ends_a_run(payload: str | bytes) -> bool:
    if not isinstance(payload, bytes):
        return False
    message = ForwardMsg()
    message.ParseFromString(payload)
    return (
        message.WhichOneof("type") == "script_finished"
        and message.script_finished != ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN
    )


@contextmanager
def answered(page: Page) -> Iterator[None]:
    """Around a step that makes the app run (a choice, a click): wait until the app says that run has
    finished (Streamlit's `script_finished` message, not an early end for a rerun). The step's result
    is then drawn, and the next step does not race a redraw."""
    socket = _SOCKETS.get(page)
    if socket is None or socket.is_closed():
        raise RuntimeError("answered() needs a page from the `page` fixture (watch_runs), connected to the app")
    with socket.expect_event("framereceived", predicate=_ends_a_run, timeout=STEP_MS):
        yield
    run_finished(page)


def open_from_menu(page: Page, title: str) -> None:
    """Click `title` in the sidebar menu and wait for the page's heading and its run to finish."""
    run_finished(page)
    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", name=title)).to_be_visible()
    run_finished(page)


def choose(page: Page, key: str, option: str) -> None:
    """Pick the option containing `option` in the selectbox whose widget key is `key` (a change: the
    app runs, and this waits for that run)."""
    page.locator(f".st-key-{key}").click()
    page.keyboard.type(option)  # long lists are virtualised: filter first so that the option is drawn
    with answered(page):
        page.get_by_role("option").filter(has_text=option).first.click()
    expect(page.locator(f".st-key-{key} input")).to_have_value(re.compile(re.escape(option)))


def drawn(page: Page) -> None:
    """Wait until the app's run has finished and every element is drawn: Streamlit 1.67 loads a widget's
    code on first use and shows a skeleton until then, which on a busy machine outlasts the run."""
    run_finished(page)
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0)
