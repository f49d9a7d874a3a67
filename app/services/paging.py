"""Reading a long list a page at a time: the ids first (one quick query), the rows of each
page only when it is asked for. A window shows 20,000 people this way without freezing, and
knows from `total` whether the list fits in one page before it reads any row."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Generic, TypeVar

T = TypeVar("T")


class Pages(Generic[T]):
    """The rows with these ids, read `size` at a time by `read(ids)` while iterating."""

    def __init__(self, ids: Sequence[int], read: Callable[[list[int]], list[T]], size: int):
        self.ids = list(ids)
        self.size = max(int(size), 1)
        self._read = read

    @property
    def total(self) -> int:
        """How many rows the pages hold (those deleted meanwhile are left out when read)."""
        return len(self.ids)

    def __iter__(self) -> Iterator[list[T]]:
        for start in range(0, len(self.ids), self.size):
            yield self._read(self.ids[start : start + self.size])
