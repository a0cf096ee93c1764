"""Names of the settings read from the environment (Streamlit-free, shared by app and manage.py)."""

import os
from collections.abc import Mapping

COOKIE_KEY_ENV = "INNOVATION_COOKIE_KEY"  # the secret that signs the re-login cookie
COOKIE_NAME = "innovationsportalen_session"
MIN_COOKIE_KEY_BYTES = 32  # HMAC-SHA256 signs the cookie: a shorter key can be guessed offline


def cookie_key_problem(key: str | None) -> str | None:
    """Why `key` cannot sign the login cookie, as a translation key; None when it can."""
    if not key:
        return "auth.no_cookie_key"
    if len(key.encode("utf-8")) < MIN_COOKIE_KEY_BYTES:
        return "auth.cookie_key_too_short"
    return None


# Single sign-on (OpenID Connect through Streamlit's st.login; the provider itself is configured in
# `.streamlit/secrets.toml` [auth], as Streamlit documents). See README, "Single sign-on".
PASSWORD_LOGIN_ENV = "INNOVATION_PASSWORD_LOGIN"  # all | admins | off
SSO_PROVIDER_ENV = "INNOVATION_SSO_PROVIDER"  # the name of an [auth.NAME] section; unset: [auth] itself
SSO_MATCH_CLAIM_ENV = "INNOVATION_SSO_MATCH_CLAIM"  # the claim compared with User.email
SSO_ORGANISATION_CLAIM_ENV = "INNOVATION_SSO_ORGANISATION_CLAIM"  # set: unknown users are created in it
SSO_ACCESS_CONTACT_ENV = "INNOVATION_ACCESS_CONTACT"  # whom the "ask for access" page names
PASSWORD_LOGIN_CHOICES = ("all", "admins", "off")


def password_login(environ: Mapping[str, str] | None = None) -> str:
    """Who may log in with a password: `all` (the default), `admins` (break-glass accounts only) or `off`.

    Anything else is read as `admins`: a mistyped setting must not open password login to everyone."""
    value = (os.environ if environ is None else environ).get(PASSWORD_LOGIN_ENV, "").strip().lower()
    if not value:
        return "all"
    return value if value in PASSWORD_LOGIN_CHOICES else "admins"


def sso_setting(name: str, default: str | None = None, environ: Mapping[str, str] | None = None) -> str | None:
    """One of the SSO settings above from the environment (blank counts as unset)."""
    value = (os.environ if environ is None else environ).get(name, "").strip()
    return value or default
