"""Texts of the indicators pages and services. `{key: (swedish, english)}`."""

TEXTS: dict[str, tuple[str, str]] = {}
