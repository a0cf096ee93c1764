"""Texts of the fund pages and services. `{key: (swedish, english)}`."""

TEXTS: dict[str, tuple[str, str]] = {}
