"""The README stays true: the two commands, the demo logins, every setting and command it promises."""

from __future__ import annotations

import re

from components.navigation import PAGES
from tests.conftest import PROJECT_DIR

README = (PROJECT_DIR / "README.md").read_text(encoding="utf-8")


def test_quick_start_is_the_two_commands() -> None:
    quick_start = README.split("## Quick start", 1)[1].split("##", 1)[0]
    assert re.findall(r"^make \w+", quick_start, flags=re.MULTILINE) == ["make run", "make test"]


def test_demo_logins_and_password_are_documented() -> None:
    for username in ("admin", "council", "manager", "employee"):
        assert f"`{username}`" in README
    assert "demo1234" in README and "demo" in README.lower()


def test_settings_are_documented() -> None:
    import settings

    for setting in (
        "DATABASE_URL",
        settings.COOKIE_KEY_ENV,
        "cookie_key",
        "PORT",
        "INNOVATION_BCRYPT_ROUNDS",
        "TEST_DATABASE_URL",
        settings.PASSWORD_LOGIN_ENV,
        settings.SSO_PROVIDER_ENV,
        settings.SSO_MATCH_CLAIM_ENV,
        settings.SSO_ORGANISATION_CLAIM_ENV,
        settings.SSO_ACCESS_CONTACT_ENV,
    ):
        assert setting in README, setting


def test_every_manage_command_is_documented() -> None:
    import manage

    commands = {c.name or c.callback.__name__.replace("_", "-") for c in manage.app.registered_commands}
    for command in commands - {"ensure-secrets", "prepare"}:
        assert f"manage.py {command}" in README, command


def test_every_page_is_listed_in_where_things_live() -> None:
    import i18n

    section = README.split("## Where things live", 1)[1]
    for spec in PAGES:
        assert i18n.t(spec.title_key) in section, spec.path


def test_backups_are_explained() -> None:
    assert "### Backups" in README and "manage.py backup" in README


def test_where_things_live_names_files_that_exist_and_every_feature_package() -> None:
    section = README.split("## Where things live", 1)[1].split("\n## ", 1)[0]
    for path in set(re.findall(r"`((?:services|components|pages)/[\w/]+\.py)`", section)):
        assert (PROJECT_DIR / path).is_file(), path
    for top in ("services", "components"):
        for package in (PROJECT_DIR / top).iterdir():
            if (package / "__init__.py").is_file():
                assert f"{package.name}/" in section, f"{top}/{package.name}"
                assert (package / "__init__.py").read_text(encoding="utf-8").startswith('"""'), package


def test_service_and_component_top_levels_hold_packages_and_no_feature_prefixed_module() -> None:
    prefixes = ("ideas_", "fund_", "testbed", "indicator", "annual_report_", "admin_")
    for top in ("services", "components"):
        modules = [p.stem for p in (PROJECT_DIR / top).glob("*.py") if p.stem != "__init__"]
        assert not [m for m in modules if m.startswith(prefixes)], modules
