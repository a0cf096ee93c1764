"""Names of the settings read from the environment (Streamlit-free, shared by app and manage.py)."""

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


# Where the accessibility statement sends people who need content another way (README: Configuration).
ACCESSIBILITY_EMAIL_ENV = "INNOVATION_ACCESSIBILITY_EMAIL"
ACCESSIBILITY_EMAIL_DEFAULT = "innovation@regionstockholm.se"
ACCESSIBILITY_POSTAL_ENV = "INNOVATION_ACCESSIBILITY_POSTAL"
ACCESSIBILITY_POSTAL_DEFAULT = "Region Stockholm, Innovationsstöd, Box 22550, 104 22 Stockholm"
