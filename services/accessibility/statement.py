"""The facts the tillgänglighetsredogörelse states (Digg's model): when it was made and reviewed, how,
where to complain, and how to reach the team another way. Update the dates with every review."""

from __future__ import annotations

import os
from datetime import date

from settings import (
    ACCESSIBILITY_EMAIL_DEFAULT,
    ACCESSIBILITY_EMAIL_ENV,
    ACCESSIBILITY_POSTAL_DEFAULT,
    ACCESSIBILITY_POSTAL_ENV,
)

STATEMENT_MADE = date(2026, 12, 3)
STATEMENT_UPDATED = date(2026, 12, 3)
LAST_REVIEWED = date(2026, 12, 3)  # the self-assessment: axe-core over every page and role, keyboard, 390 px
AXE_CORE_VERSION = "4.12"  # what tests/e2e/test_accessibility.py runs (axe-playwright-python 0.1.8)
DIGG_COMPLAINT_URL = "https://www.digg.se/tdosanmalan"
ANSWER_WITHIN_WORKDAYS = 5

# Known gaps, each a translation key under `a11y.gap.`; all are Streamlit's (see README: Accessibility).
KNOWN_GAPS: tuple[str, ...] = ("english", "menu", "grids", "charts", "map", "errors")


def contact_email() -> str:
    return os.environ.get(ACCESSIBILITY_EMAIL_ENV, "").strip() or ACCESSIBILITY_EMAIL_DEFAULT


def postal_address() -> str:
    return os.environ.get(ACCESSIBILITY_POSTAL_ENV, "").strip() or ACCESSIBILITY_POSTAL_DEFAULT
