"""Texts of the ideas pages and services. `{key: (swedish, english)}`."""

TEXTS: dict[str, tuple[str, str]] = {}
