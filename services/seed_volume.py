"""The demo region's everyday volume of ideas, generated from `data/seed/idea_volume.json`.

The hand-written ideas in `ideas.json` tell the stories; this adds the several hundred ideas a year that
a region of ~45,000 staff receives, over every organisation and every kind of submitter, so that the
triage board, the dashboards and the bokslut look like a working year. Each idea takes a theme of its
area that fits its organisation (`for`) and its submitter (`employees_only` themes are internal
matters), named with one of the organisation's places unless the theme says `place: false`. The ideas
come out as rows in the format of `ideas.json` (see data/seed/README.md) and are loaded by the same code.

Deterministic: one `random.Random` with the file's seed, drawn in a fixed order, so every load (and
every test) gets the same ideas. Dates are written for the seed's reference day, like the files' dates.

How an idea moves (days are calendar days; a step that would fall on or after the reference day has not
happened yet, so the idea waits in its stage, which gives the board its ages):
- first decision (received -> screening) after 1–9 days for most, 10–14 for some, 15–40 for a few
  (the few that are overdue on the board);
- screening 7–45 days, then development (50 %), closed with a reason (42 %) or parked (8 %);
- development 45–180 days, then test (55 %), closed (30 %) or parked (15 %);
- test 60–200 days, then implementation (65 %) or closed (35 %);
- implementation 90–270 days, then spread (40 %) to one to three other organisations.
"""

from __future__ import annotations

import json
import random
import unicodedata
from datetime import date, timedelta
from pathlib import Path
from typing import Any

VOLUME_FILE = "idea_volume.json"
CENTRAL_OWNER = "oskar.wall"  # the central team takes the ideas of organisations without an innovation lead


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def _pick(rng: random.Random, weights: dict[str, float]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _received_days(rng: random.Random, year: int, count: int, until: date) -> list[date]:
    """`count` days in `year` (up to the day before the reference day), fewer at weekends and in July."""
    first = date(year, 1, 1)
    last = min(date(year, 12, 31), until - timedelta(days=1))
    span = (last - first).days
    days: list[date] = []
    while len(days) < count:
        day = first + timedelta(days=rng.randint(0, span))
        if (day.weekday() >= 5 and rng.random() < 0.7) or (day.month == 7 and rng.random() < 0.5):
            continue
        days.append(day)
    return sorted(days)


def _title(rng: random.Random, themes: list[dict[str, Any]], units: list[str], used: set[str]) -> str:
    """A theme's title, with one of the organisation's places where the theme has one; a title the
    organisation has not had yet while there are such (a real region rarely gets the same idea twice)."""
    titles = dict.fromkeys(
        f"{t['title']}, {unit}" if unit else t["title"]
        for t in themes
        for unit in (units if t.get("place", True) and units else [""])
    )
    fresh = [t for t in titles if t not in used] or list(titles)
    title = rng.choice(fresh)
    used.add(title)
    return title


def _first_decision_after(rng: random.Random) -> int:
    r = rng.random()
    if r < 0.80:
        return rng.randint(1, 9)
    if r < 0.96:
        return rng.randint(10, 14)
    return rng.randint(15, 40)


def _walk(
    rng: random.Random, received: date, volume: dict[str, Any], owner: str, until: date
) -> tuple[list[dict], str | None]:
    """The idea's stage changes up to the reference day, and its closing reason if it was closed."""
    history: list[dict[str, Any]] = []

    def step(day: date, to: str, text: str | None = None) -> bool:
        if day >= until:
            return False
        history.append({"on": day.isoformat(), "to": to, "by": owner, "text": text})
        return True

    day = received + timedelta(days=_first_decision_after(rng))
    if not step(day, "screening"):
        return history, None
    # (stage, days it lasts, [(next stage, probability)])
    paths = {
        "screening": ((7, 45), [("development", 0.50), ("closed", 0.42), ("parked", 0.08)]),
        "development": ((45, 180), [("testing", 0.55), ("closed", 0.30), ("parked", 0.15)]),
        "testing": ((60, 200), [("implementation", 0.65), ("closed", 0.35)]),
        "implementation": ((90, 270), [("spread", 0.40), (None, 0.60)]),
    }
    stage = "screening"
    while stage in paths:
        (low, high), choices = paths[stage]
        day += timedelta(days=rng.randint(low, high))
        following = rng.choices([c for c, _ in choices], weights=[w for _, w in choices])[0]
        if following is None:
            break
        if following == "closed":
            reasons = volume["closed_reasons"]["screening" if stage == "screening" else "later"]
            reason = rng.choice(reasons)
            return history, (reason if step(day, "closed", reason) else None)
        text = rng.choice(volume["parked_notes"]) if following == "parked" else None
        if not step(day, following, text):
            break
        stage = following
    return history, None


def _adoptions(
    rng: random.Random, spread_on: date, organisation: str, area_orgs: list[str], all_orgs: list[str], until: date
) -> list[dict[str, Any]]:
    others = [o for o in area_orgs if o != organisation] or [o for o in all_orgs if o != organisation]
    chosen = rng.sample(others, k=min(len(others), rng.randint(1, 3)))
    result = []
    day = spread_on
    for org in chosen:
        day += timedelta(days=rng.randint(10, 120))
        if day >= until:
            break
        result.append({"organisation": org, "on": day.isoformat(), "note": None})
    return result


def generated_ideas(seed_dir: Path, reference_day: date) -> list[dict[str, Any]]:
    """The generated ideas as `ideas.json` rows (keys `vol-NNNNN`), in the order they were received, for a
    demo written for `reference_day` (nothing happens on or after it)."""
    path = seed_dir / VOLUME_FILE
    if not path.exists():  # a seed folder without the volume (tests' own small folders) has only its ideas
        return []
    volume = json.loads(path.read_text(encoding="utf-8"))
    organisations = {o["short_name"]: o for o in json.loads((seed_dir / "organisations.json").read_text("utf-8"))}
    by_area: dict[str, list[str]] = {}
    for short_name, org in organisations.items():
        by_area.setdefault(org["area"], []).append(short_name)
    rng = random.Random(volume["random_seed"])
    rows: list[dict[str, Any]] = []
    used: dict[str, set[str]] = {}  # titles per organisation: one comes again only when all have come
    for year_text, factor in volume["years"].items():
        year = int(year_text)
        share_of_year = 1.0
        if year == reference_day.year:
            share_of_year = (reference_day - date(year, 1, 1)).days / 365
        for short_name, per_year in volume["per_year"].items():
            org = organisations[short_name]
            area = org["area"]
            owner = org.get("innovation_lead") or CENTRAL_OWNER
            themes = volume["themes"][area]
            units = volume["units"][short_name]
            public = volume["public"][area]
            for received in _received_days(rng, year, round(per_year * factor * share_of_year), reference_day):
                kind = _pick(rng, public["kinds"]) if rng.random() < public["share"] else "employee"
                fitting = [
                    t
                    for t in themes
                    if short_name in t.get("for", [short_name]) and (kind == "employee" or not t.get("employees_only"))
                ]
                title = _title(rng, fitting, units, used.setdefault(short_name, set()))
                theme = next(t for t in fitting if title.startswith(t["title"]))
                history, closed_reason = _walk(rng, received, volume, owner, reference_day)
                name = f"{rng.choice(volume['first_names'])} {rng.choice(volume['last_names'])}"
                with_contact = kind == "employee" or rng.random() < 0.6
                domain = "demo.regionstockholm.example" if kind == "employee" else "example.se"
                stage = history[-1]["to"] if history else "received"
                row: dict[str, Any] = {
                    "title": title,
                    "need": theme["need"],
                    "proposal": theme["proposal"],
                    "benefit_kind": theme["benefit_kind"],
                    "submitter_kind": kind,
                    "submitter": None,
                    "contact_name": name if with_contact else None,
                    "contact_email": f"{_ascii(name).replace(' ', '.')}@{domain}" if with_contact else None,
                    "area": area,
                    "organisation": short_name,
                    "owner": owner if history else None,
                    "received_on": received.isoformat(),
                    "history": history,
                    "closed_reason": closed_reason,
                    "ip_status": "no_ip" if stage in ("testing", "implementation", "spread") else "not_assessed",
                }
                if stage == "spread":
                    spread_on = date.fromisoformat(history[-1]["on"])
                    row["adoptions"] = _adoptions(
                        rng, spread_on, short_name, by_area[area], list(organisations), reference_day
                    )
                rows.append(row)
    rows.sort(key=lambda r: r["received_on"])
    for number, row in enumerate(rows, start=1):
        row["key"] = f"vol-{number:05d}"
    return rows
