"""Texts of the testbeds pages and services. `{key: (swedish, english)}`."""

TEXTS: dict[str, tuple[str, str]] = {}
