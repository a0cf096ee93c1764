"""Accessibility shims for what Streamlit 1.67 offers no setting for (issue 16).

One `st.html` per run, from constants only (no user text ever reaches this HTML):
- the page language (Streamlit serves `lang="en"`);
- Streamlit's own English strings ("Skip to main content", "Help for …", "Open", toolbar buttons) are
  marked `lang="en"` in the Swedish interface, so that screen readers pronounce them as English;
- focus that shows (a 3 px outline at 6.6:1 on white) on every control, radios and checkboxes included,
  whose own focus ring is a faint shadow;
- KPI tiles wrap their label, and their change's description (the target), instead of cutting them
  with "…".
"""

from __future__ import annotations

import itertools
import json

import streamlit as st

from components.context import lang

FOCUS_COLOUR = "#0b57d0"  # 6.6:1 on white, 5.9:1 on the sidebar grey: WCAG 2.4.7, and 1.4.11's 3:1

_STYLE = f"""<style>
[data-testid="stApp"] :is(a, button, summary, [tabindex]):focus-visible,
[data-testid="stApp"] :is([data-baseweb="radio"], [data-baseweb="checkbox"]):has(input:focus-visible) {{
  outline: 3px solid {FOCUS_COLOUR} !important;
  outline-offset: 2px;
}}
/* text fields and selects: drawn over their own border, which a parent's overflow would otherwise cut */
[data-testid="stApp"] :is([data-baseweb="input"], [data-baseweb="textarea"]):focus-within,
[data-testid="stApp"] [data-baseweb="select"] > div:focus-within {{
  outline: 3px solid {FOCUS_COLOUR} !important;
  outline-offset: -3px;
}}
[data-testid="stApp"] :is(input, textarea):focus-visible {{
  outline: none;
}}
[data-testid="stMetricLabel"] .stMarkdownEllipsis,
[data-testid="stMetricLabel"] .stMarkdownEllipsis p,
[data-testid="stMetricDeltaDescription"] .stMarkdownEllipsis,
[data-testid="stMetricDeltaDescription"] .stMarkdownEllipsis p {{
  white-space: normal !important;
  overflow: visible !important;
  text-overflow: clip !important;
}}
/* a tile's change and its target (the change's description, components/kpi): two lines when they do
   not fit on one */
div:has(> [data-testid="stMetricDeltaDescription"]) {{
  flex-wrap: wrap;
}}
</style>"""

# Streamlit's English words, by accessible name or text; marked lang="en" while the page is Swedish.
_ENGLISH_CHROME = (
    "^("
    + "|".join(
        (
            r"Skip to main content",
            r"App pages",
            r"Sidebar",
            r"Open",
            r"Close",
            r"Clear value",
            r"Clear all",
            r"Select all",
            r"Link to heading",
            r"Help for .*",
            r"Show data",
            r"Show password",
            r"Hide password",
            r"Download as CSV",
            r"Search",
            r"Fullscreen",
            r"Exit fullscreen",
            r"Close fullscreen",
            r"Main menu",
            r"Collapse sidebar",
            r"Expand sidebar",
            r"Loading…?",
            r"Running…?",
            r"[a-z_]+ icon",
        )
    )
    + ")$"
)

_SCRIPT = """<script>
(() => {
  const doc = window.document;
  doc.documentElement.lang = "%(lang)s";
  if (window.__a11yObserver) window.__a11yObserver.disconnect();
  if ("%(lang)s" !== "sv") return;
  const english = new RegExp(%(pattern)s);
  const mark = () => {
    // a field whose message has gone (fixed and sent again) is no longer invalid
    doc.querySelectorAll("[aria-invalid=true][aria-describedby^='%(prefix)s']").forEach((el) => {
      if (!doc.getElementById(el.getAttribute("aria-describedby"))) {
        el.removeAttribute("aria-invalid");
        el.removeAttribute("aria-describedby");
      }
    });
    doc.querySelectorAll("[aria-label], a[href='#stMain'], button, [role=img]").forEach((el) => {
      if (el.hasAttribute("lang")) return;
      const name = el.getAttribute("aria-label") || el.textContent.trim();
      if (english.test(name)) el.setAttribute("lang", "en");
    });
  };
  let queued = false;
  window.__a11yObserver = new MutationObserver(() => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => { queued = false; mark(); });
  });
  window.__a11yObserver.observe(doc.body, { childList: true, subtree: true });
  mark();
})();
</script>"""


def page_setup() -> None:
    """The page language, Streamlit's English marked as such, visible focus and whole KPI labels."""
    code = "sv" if lang() == "sv" else "en"  # one of two constants
    script = _SCRIPT % {"lang": code, "pattern": json.dumps(_ENGLISH_CHROME), "prefix": FIELD_ERROR_PREFIX}
    st.html(_STYLE)
    with st.sidebar:
        st.html(script, unsafe_allow_javascript=True)


# ---------------------------------------------------------------- form errors tied to their fields

FIELD_ERROR_PREFIX = "fielderr-"
_errors_shown = itertools.count()

# The control a message belongs to is in the element just before the message's slot (FieldErrors puts
# the slot right after its widget). Runs from constants only; the nonce makes each refusal run it again.
_TIE_SCRIPT = """<script>
(() => {
  const doc = window.document;
  const CONTROL = "input:not([type=hidden]), textarea, [role=radiogroup], [role=combobox]";
  const controlBefore = (box) => {
    for (let node = box, depth = 0; node && depth < 8; node = node.parentElement, depth++) {
      const before = node.previousElementSibling;
      const control = before && (before.matches(CONTROL) ? before : before.querySelector(CONTROL));
      if (control) return control;
    }
    return null;
  };
  const tie = (tries) => {
    const boxes = Array.from(doc.querySelectorAll('[class*="st-key-%(prefix)s"]'));
    if (!boxes.length) { if (tries < 60) setTimeout(() => tie(tries + 1), 50); return; }
    let first = null;
    boxes.forEach((box, index) => {
      const alert = box.querySelector('[data-testid="stAlertContainer"]') || box;
      const message = alert.querySelector('[data-testid="stMarkdownContainer"]') || alert;
      message.id = "%(prefix)s%(nonce)s-" + index;
      const control = controlBefore(box);
      if (!control) return;
      control.setAttribute("aria-invalid", "true");
      control.setAttribute("aria-describedby", message.id);
      if (!first) first = control;
    });
    if (first) (first.matches("[role=radiogroup]") ? first.querySelector("input") || first : first).focus();
  };
  tie(0);
})();
</script>"""


def field_error_key(field: str) -> str:
    """The container key of a field's error message (unique in the run: one form may show twice)."""
    return f"{FIELD_ERROR_PREFIX}{next(_errors_shown)}-{field}"


def tie_errors_to_fields() -> None:
    """Mark the fields whose messages are shown as invalid, tie each message to its field, and move the
    focus to the first of them (WCAG 3.3.1, 4.1.2); Streamlit 1.67 has no parameter for either."""
    st.html(_TIE_SCRIPT % {"prefix": FIELD_ERROR_PREFIX, "nonce": next(_errors_shown)}, unsafe_allow_javascript=True)
