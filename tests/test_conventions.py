"""House rules that a reader would not spot in review: checked over the app's own source."""

from __future__ import annotations

import re

from tests.conftest import PROJECT_DIR

APP_SOURCES = [
    path for folder in ("services", "pages", "components") for path in sorted((PROJECT_DIR / folder).rglob("*.py"))
] + [PROJECT_DIR / "app.py"]

# The demo load dates the demo by the server's day on purpose (it only shifts example data).
SERVER_DAY_ALLOWED = {PROJECT_DIR / "services" / "seed.py", PROJECT_DIR / "services" / "seed_volume.py"}


def test_today_is_stockholms_day_not_the_servers() -> None:
    """Ideas, decisions and requests are dated by Stockholm's day (`services.shared.history.today`). The
    server's `date.today()` or naive `datetime.now()` is a day behind on a UTC server for the hour after
    Stockholm's midnight: an idea sent then did not count as this year's on Rådsläge."""
    server_day = re.compile(r"\bdate\.today\(\)|\bdatetime\.(now|today)\(\)")
    found = [
        f"{path.relative_to(PROJECT_DIR)}:{number}: {line.strip()}"
        for path in APP_SOURCES
        if path not in SERVER_DAY_ALLOWED
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if server_day.search(line)
    ]
    assert found == [], "use services.shared.history.today() (Stockholm's day) or utcnow():\n" + "\n".join(found)
    assert len(APP_SOURCES) > 100  # the scan sees the app
