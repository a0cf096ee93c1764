"""Pages of a long list: lists are cut in SQL, never in the browser."""

from __future__ import annotations

from dataclasses import dataclass
from math import ceil
from typing import Generic, TypeVar

T = TypeVar("T")
MAX_PAGE_SIZE = 200


def page_bounds(page: int, page_size: int) -> tuple[int, int]:
    """(offset, limit) for a 1-based page; the size is capped so that no request fetches everything."""
    size = max(1, min(page_size, MAX_PAGE_SIZE))
    return (max(page, 1) - 1) * size, size


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    total: int
    page: int
    page_size: int

    @property
    def pages(self) -> int:
        return max(1, ceil(self.total / max(self.page_size, 1)))
