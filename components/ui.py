"""Rendering helpers: headings, errors, form field messages, numbers, dates, pagination."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any
from urllib.parse import urlencode, urlsplit
from zoneinfo import ZoneInfo

import streamlit as st
from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal, get_group_symbol

import i18n
from components import context
from components.context import lang, t
from services.shared.errors import DomainError, Message, ValidationError
from services.shared.pagination import Page
from services.shared.search import MAX_SEARCH_CHARS, MAX_SEARCH_WORDS

STOCKHOLM = ZoneInfo("Europe/Stockholm")
NBSP = "\u00a0"


_FLASH = "_flash"


def heading(title_key: str, caption_key: str | None = None, **params: Any) -> None:
    """The page title (and a caption), then any confirmation left by the previous run."""
    st.title(t(title_key, **params))
    if caption_key:
        st.caption(t(caption_key, **params))
    flash = st.session_state.pop(_FLASH, None)
    if flash:
        st.success(t(flash[0], **flash[1]), icon=":material/check_circle:")


def forget_inputs(prefix: str) -> None:
    """Empty the widgets whose keys start with `prefix` (after a successful submit)."""
    for key in [k for k in st.session_state if str(k).startswith(prefix)]:
        del st.session_state[key]


def flash_and_rerun(key: str, **params: Any) -> None:
    """Confirm a change after rerunning, so that the page shows the new state and the confirmation."""
    st.session_state[_FLASH] = (key, params)
    st.rerun()


def required(label_key: str, **params: Any) -> str:
    """A required field's label, marked in words ("Rubrik (obligatoriskt)"): seen and read aloud alike."""
    return t("form.required", label=t(label_key, **params))


def message(msg: Message) -> str:
    return t(msg.key, **msg.params)


def show_error(error: DomainError) -> None:
    """A refused request as a calm message, never a traceback."""
    st.error(t(error.key, **error.params), icon=":material/error:")


class FieldErrors:
    """Slots right below form fields, filled with what is wrong after a refused submit.

    Usage: `errors.slot("email", t("...label"))` just after the e-mail widget; `errors.show(err)` after
    the service refused. Widgets keep their values, so what the user typed stays. Each message names its
    field (when the slot was given the label), and `a11y.tie_errors_to_fields` ties it to the field
    (`aria-invalid`, `aria-describedby`) and moves the focus to the first one.
    """

    def __init__(self) -> None:
        self._slots: dict[str, Any] = {}
        self._labels: dict[str, str] = {}
        self._top = st.empty()

    def slot(self, field: str, label: str | None = None) -> None:
        self._slots[field] = st.empty()
        if label:
            self._labels[field] = label

    def show(self, error: DomainError) -> None:
        from components import a11y  # a11y imports context, as this module does; imported here to stay light

        if isinstance(error, ValidationError) and error.fields:
            unplaced = []
            for field, msg in error.fields.items():
                text = message(msg)
                if field in self._labels:
                    text = t("errors.field_message", field=self._labels[field], message=text)
                slot = self._slots.get(field)
                if slot is not None:
                    slot.container(key=a11y.field_error_key(field)).error(text, icon=":material/error:")
                else:
                    unplaced.append(text)
            with self._top.container():
                st.error(
                    "\n\n".join([t("errors.form_invalid"), *unplaced]) if unplaced else t("errors.form_invalid"),
                    icon=":material/error:",
                )
                a11y.tie_errors_to_fields()
        else:
            self._top.error(t(error.key, **error.params), icon=":material/error:")


def attempt(action: Callable[[], Any], errors: FieldErrors | None = None) -> Any | None:
    """Run a service call; show a domain error (at the fields, if given) and return None instead.

    A database that cannot answer now (e.g. "database is locked") is a refusal like any other: the
    "try again" message, the form as typed."""
    try:
        with context.unavailable():
            return action()
    except DomainError as error:
        if errors is not None:
            errors.show(error)
        else:
            show_error(error)
        return None


def run_page(page: Any) -> None:
    """Run the chosen page; a refusal that the page did not catch (a database failure above all: the
    calm "try again") ends the page with its message instead of a traceback."""
    try:
        with context.unavailable(), context.page_run():
            page.run()
    except DomainError as error:
        show_error(error)


def lazy_tabs(key: str, tabs: dict[str, Callable[[], None]], *, always: Iterable[str] = ()) -> None:
    """Tabs (`tabs` maps each label to what draws it) of which a closed one runs and is sent only when it
    is in `always`: Streamlit runs and sends every tab at every run otherwise. A tab left undrawn loses
    the state of its widgets when the reader leaves it (Streamlit forgets widgets a run did not draw), so
    tabs where the reader types (forms) belong in `always`; lazy ones hold views, pickers and
    downloads. The open tab is kept in session state under `key`; opening another reruns the page."""
    assert len(tabs) == len(set(tabs)), "two tabs with one label"
    drawn = set(always)
    for tab, (label, draw) in zip(st.tabs(list(tabs), key=key, on_change="rerun"), tabs.items(), strict=True):
        if tab.open or label in drawn:
            with tab:
                draw()


def public_submit(submit: Callable[..., Any], errors: FieldErrors, **fields: Any) -> Any | None:
    """A public form's write: `submit(session=, actor=, address=, language=, **fields)` in a write
    transaction, with the visitor's context (the actor if logged in, the client address that public-write
    limits count, the language receipts are written in). The result, or None after showing the refusal at
    the fields; the form keeps what was typed."""

    def send() -> Any:
        with context.writing() as session:
            return submit(
                session=session,
                actor=context.actor(),
                address=context.client_address(),
                language=context.lang(),
                **fields,
            )

    return attempt(send, errors)


def write_then_confirm(
    action: Callable[[Any], Any], success_key: str, errors: FieldErrors | None = None, **params: Any
) -> None:
    """Run `action(session)` in a write transaction; on success clear the caches and confirm after a
    rerun (so the page shows the new state), else show the refusal (at the fields, if given)."""

    def call() -> bool:
        with context.writing() as session:
            action(session)
        return True

    if attempt(call, errors):
        flash_and_rerun(success_key, **params)


def _decimal(value: float | int, pattern: str | None = None) -> str:
    return format_decimal(value, format=pattern, locale=i18n.locale(lang()))


def capped_search(text: str | None) -> tuple[str, bool]:
    """A search within the services' limits (services.shared.search): the first `MAX_SEARCH_WORDS`
    words; True when words were left out."""
    words = (text or "").split()
    if len(words) > MAX_SEARCH_WORDS:
        return " ".join(words[:MAX_SEARCH_WORDS]), True
    return (text or "")[:MAX_SEARCH_CHARS], False


def search_box(label: str, key: str, where: Any = None, **kwargs: Any) -> str:
    """A search field (in `where`, e.g. a column) that stays within the services' limits: typing stops
    at `MAX_SEARCH_CHARS` characters, and words beyond `MAX_SEARCH_WORDS` are left out, saying so."""
    where = where or st
    text = where.text_input(label, key=key, max_chars=MAX_SEARCH_CHARS, **kwargs)
    search, shortened = capped_search(text)
    if shortened:
        where.caption(t("ui.search_shortened", words=MAX_SEARCH_WORDS))
    return search


@functools.cache
def _whole_number_signs(language: str) -> tuple[str, str]:
    """Babel's signs for whole numbers in `language`: the thousands separator and what goes before a
    negative number."""
    locale = i18n.locale(language)
    return get_group_symbol(locale), format_decimal(-1, locale=locale).removesuffix("1")


def fmt_int(value: float | int | None) -> str:
    """A whole number as the reader writes it: "1 234" in Swedish, "1,234" in English. Babel's signs,
    put in place here: Babel took 5 µs a number, and the budget table has 500 of them."""
    if value is None:
        return "–"
    number = round(value)
    group, minus = _whole_number_signs(lang())
    text = f"{abs(number):,}".replace(",", group)
    return f"{minus}{text}" if number < 0 else text


def fmt_decimal(value: float | None, decimals: int) -> str:
    """A number with exactly `decimals` decimals as the reader writes it ("3,50" in Swedish)."""
    if value is None:
        return "–"
    return _decimal(value, "#,##0." + "0" * decimals)


def fmt_sek(value: float | int | None) -> str:
    if value is None:
        return "–"
    return f"{fmt_int(value)}{NBSP}kr" if lang() == "sv" else f"SEK{NBSP}{fmt_int(value)}"


def fmt_msek(value: float | int | None) -> str:
    """Millions of kronor with one decimal, as the council reads budgets."""
    if value is None:
        return "–"
    text = _decimal(value / 1_000_000, "#,##0.0")
    return f"{text}{NBSP}mnkr" if lang() == "sv" else f"SEK{NBSP}{text}{NBSP}m"


def fmt_pct(value: float | None, decimals: int = 0) -> str:
    if value is None:
        return "–"
    text = _decimal(value, "#,##0." + "0" * decimals if decimals else "#,##0")
    return f"{text}{NBSP}%" if lang() == "sv" else f"{text}%"


def fmt_date(value: date | datetime | None) -> str:
    """A day as the reader writes it (Babel): "2026-12-03" in Swedish, "3 Dec 2026" in English."""
    if value is None:
        return "–"
    if isinstance(value, datetime):
        value = value.astimezone(STOCKHOLM).date()
    return format_date(value, "short" if lang() == "sv" else "medium", locale=i18n.locale(lang()))


def fmt_datetime(value: datetime | None) -> str:
    """A moment in Stockholm time: "2026-12-03 14:05" in Swedish, "3 Dec 2026, 14:05" in English."""
    if value is None:
        return "–"
    pattern = "yyyy-MM-dd HH:mm" if lang() == "sv" else "d MMM y, HH:mm"
    return format_datetime(value.astimezone(STOCKHOLM), pattern, locale=i18n.locale(lang()))


def pager(page: Page[Any], key: str) -> None:
    """The page picker under a paginated list, with "x–y of n"."""
    if page.total == 0:
        return
    first = (page.page - 1) * page.page_size + 1
    last = min(page.total, page.page * page.page_size)
    cols = st.columns([3, 2])
    cols[0].caption(t("ui.showing", first=fmt_int(first), last=fmt_int(last), total=fmt_int(page.total)))
    if page.pages > 1:
        with cols[1]:
            st.pagination(page.pages, key=key)


def current_page(key: str) -> int:
    """The page number the pager with `key` selected on the previous run (1 before any choice)."""
    return int(st.session_state.get(key) or 1)


_MARKDOWN_SPECIAL = "\\`*_{}[]()<>#+-.!|~$:"
# In a widget or metric label Streamlit renders inline Markdown only: no lists, headings or tables.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>~$])|(:(?=[A-Za-z0-9_+-]+[:\[]))")


def label_text(text: object) -> str:
    """User text made safe for a label (widgets, metrics): only what inline Markdown would act on is
    escaped, since Streamlit also puts the label, backslashes and all, into accessible names such as
    "Help for …" (so "test- och demonstrationsmiljöer" stays free of "\\-")."""
    return _INLINE_SPECIAL.sub(lambda m: "\\" + m.group(0), str(text)).replace("\n", " ")


def plain(text: object) -> str:
    """User text made safe for places that render Markdown (st.markdown, st.table, captions, labels):
    every Markdown character is escaped, so `**x**`, links and `<b>` show as typed."""
    escaped = "".join("\\" + ch if ch in _MARKDOWN_SPECIAL else ch for ch in str(text))
    return escaped.replace("\n", "  \n")


def private_link(page_path: str, param: str, code: str) -> str:
    """The address of the page `page_path` that opens a record with its private tracking `code` (as the
    query parameter `param`): absolute when the browser's address is known (st.context.url), else
    relative to the app."""
    from components.navigation import PAGES

    path = next(spec.url_path for spec in PAGES if spec.path == page_path)
    base = (st.get_option("server.baseUrlPath") or "").strip("/")
    tail = f"{'/' + base if base else ''}/{path}?{urlencode({param: code})}"
    here = urlsplit(st.context.url or "")
    return f"{here.scheme}://{here.netloc}{tail}" if here.scheme and here.netloc else tail
