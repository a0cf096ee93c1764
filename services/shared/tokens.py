"""Private tracking tokens: a secret that lets whoever holds it follow one record without logging in
(an idea today; testbed requests and need responses next).

What callers may rely on:
- `issue()` makes a token of 128 random bits (22 URL-safe characters) and its digest. The token is
  shown once to its owner (as a link and as a code); only the digest is stored, in a unique column, so
  neither the database nor a backup reveals a token, and a record is found by the digest of what a
  visitor brings, without comparing secrets in Python.
- `digest_of(text)` reads what a visitor typed or pasted (the code, or the whole link with the code as
  the `param` query parameter) and returns the digest to look up, or None when the text cannot be a
  token at all. Unknown and malformed codes must get the same answer from the caller.

A token is random, not derived from the record, so a leaked reference (IDE-2026-00042) says nothing
about it. Plain SHA-256 suffices for the digest: a 128-bit random secret cannot be guessed from it.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

TOKEN_BYTES = 16  # 128 bits
DIGEST_LENGTH = 64  # hex SHA-256, the stored column's width
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{22}$")  # what secrets.token_urlsafe(16) returns
_LONGEST_INPUT = 2000  # a pasted link with some noise; anything longer is no token


@dataclass(frozen=True)
class Issued:
    """A new token (show it once, never store it) and its digest (store it)."""

    token: str
    digest: str


def issue() -> Issued:
    token = secrets.token_urlsafe(TOKEN_BYTES)
    return Issued(token, digest(token))


def digest(token: str) -> str:
    """The stored form of a token."""
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def digest_of(text: str | None, param: str) -> str | None:
    """The digest to look up for what a visitor typed or pasted: a token, or a link carrying it as the
    query parameter `param`. None when the text holds no well-formed token."""
    text = (text or "").strip()
    if not text or len(text) > _LONGEST_INPUT:
        return None
    if "?" in text or "=" in text:  # a pasted link, or just "kod=..."
        query = urlsplit(text).query if "?" in text else text
        text = (parse_qs(query).get(param) or [""])[0].strip()
    return digest(text) if _TOKEN.match(text) else None
