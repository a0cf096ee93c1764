"""Steps a person takes in the browser."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from weakref import WeakKeyDictionary

from playwright.sync_api import Locator, Page, WebSocket, expect
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
    with answered(page):
        pick(page.locator(f".st-key-{key} input"), option)


def pick(control: Locator, option: str, *, exact: bool = False, several: bool = False) -> None:
    """Pick the option containing `option` (or named exactly `option`) in the selectbox whose input is
    `control`, or add it in a multiselect (`several`). It waits for no run: inside a form nothing runs
    until the form is sent.

    The list is opened only once the box is in view and its scrolling has been told: Streamlit's lists
    shut when anything around them scrolls, and the scroll events of bringing the box into view arrive a
    frame after the scroll. Typing filters the list, as a person does in a long one (long lists are
    virtualised: only the options near the top are drawn); `option` must be what heads the filtered
    list."""
    page = control.page
    control.scroll_into_view_if_needed()
    _next_frames(page)
    control.click()
    page.keyboard.type(option)
    expect(control).to_have_attribute("aria-expanded", "true")
    # Chosen with Enter once the wanted option heads the filtered list, as a keyboard user does: a click
    # first scrolls the option into view when the list opens near the window's edge, and that scrolling
    # shuts the list (the option leaves the page under the pointer).
    first = page.get_by_role("option").first
    if exact:
        expect(first).to_have_text(option)
    else:
        expect(first).to_contain_text(option)
    page.keyboard.press("Enter")
    if several:
        chosen = control.locator("xpath=ancestor::*[@data-testid='stMultiSelect']").get_by_text(option)
        expect(chosen.first).to_be_visible()
    else:
        expect(control).to_have_value(option if exact else re.compile(re.escape(option)))


def open_expander(page: Page, label: str) -> Locator:
    """Open the expander `label` and return it once it has finished opening. Streamlit grows an expander
    for half a second, scrolling it meanwhile, and a list opened inside it before then is shut by that
    scrolling; widgets drawn inside it later grow it again."""
    run_finished(page)
    expander = page.get_by_test_id("stExpander").filter(has=page.locator("summary").filter(has_text=label))
    expander.locator("summary").first.click()
    expect(expander.get_by_test_id("stSkeleton")).to_have_count(0)
    page.wait_for_function(
        "d => d.open && d.getAnimations().length === 0 && d.style.overflow === ''",
        arg=expander.locator("details").first.element_handle(),
        polling="raf",
        timeout=STEP_MS,
    )
    return expander


def _next_frames(page: Page) -> None:
    """Return once the browser has drawn two more frames (events of what happened before are delivered)."""
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def drawn(page: Page) -> None:
    """Wait until the app's run has finished and every element is drawn: Streamlit 1.67 loads a widget's
    code on first use and shows a skeleton until then, which on a busy machine outlasts the run."""
    run_finished(page)
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0)
