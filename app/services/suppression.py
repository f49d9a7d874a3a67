"""Small-group suppression for anonymous reports: figures about fewer than `threshold` people
are hidden, and enough other figures of the same total are hidden with them that no hidden
figure can be worked out by subtraction.

How it works (`Suppressor`):
- Every figure is registered with its value and the set of people it is about (for a count
  of tandems: their mentors and mentees; for a count of meetings: the people of the tandems
  that had them; for a mean rating: the people who gave a rating).
- Primary suppression: a figure about 1 to threshold-1 people is hidden. A figure about
  nobody (a zero) reveals no one and stays.
- Complementary suppression: a "line" is a set of figures that add up to a published total
  (the tandems by status add up to all tandems). A line with exactly one hidden figure (the
  total included) would give it away, so the smallest other non-zero figure of the line is
  hidden too (failing that, a zero, failing that, the total). This repeats until no line has
  exactly one hidden figure, so hiding spreads across lines that share figures (rows and
  columns of a table). It is the usual rule of statistical offices for tables; it does not
  guard against every combination of several published tables, which is why the reports
  publish few, coarse tables.
- "All or nothing" groups: a distribution that also has a published mean (ratings 1-5) is
  hidden entirely when any of its figures is hidden, because the mean and the count would
  otherwise give the hidden figures back.

A hidden figure comes out as `Cell(None, suppressed=True)`: its value never leaves this module.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass

from app.errors import ValidationError
from app.i18n import tr

MIN_THRESHOLD = 5
MAX_THRESHOLD = 100

Key = Hashable


@dataclass(frozen=True)
class Cell:
    """One figure of an anonymous report.

    `suppressed=True`: hidden, its value is None; `small_group=True` as well when it is
    about fewer people than the threshold (printed "fewer than 5"), False when it is hidden
    only so that another figure cannot be worked out (printed "–").
    `value=None` without `suppressed`: nothing to show (no data yet)."""

    value: int | float | None
    suppressed: bool = False
    small_group: bool = False

    @property
    def shown(self) -> bool:
        """True when the figure can be printed."""
        return not self.suppressed and self.value is not None


HIDDEN = Cell(None, True)
SMALL_GROUP = Cell(None, True, True)
NO_DATA = Cell(None, False)


def check_threshold(value: object) -> int:
    """The threshold as an int; ValidationError (translated) below 5 or above 100."""
    number: int | None = None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str) and value.strip().isdigit():
        number = int(value)
    if number is None or not MIN_THRESHOLD <= number <= MAX_THRESHOLD:
        raise ValidationError(
            tr(
                "The minimum group size must be a whole number from {low} to {high}: figures "
                "about fewer than {low} people are never shown.",
                low=MIN_THRESHOLD,
                high=MAX_THRESHOLD,
            ),
            field="threshold",
        )
    return number


class Suppressor:
    """Collects the figures of one report, decides which to hide, and hands out Cells."""

    def __init__(self, threshold: int) -> None:
        self.threshold = check_threshold(threshold)
        self._values: dict[Key, int | float | None] = {}
        self._groups: dict[Key, int] = {}
        self._order: dict[Key, int] = {}
        self._lines: list[tuple[tuple[Key, ...], Key]] = []
        self._whole: list[tuple[Key, ...]] = []
        self._hidden: set[Key] | None = None
        self._small: set[Key] = set()

    def add(self, key: Key, value: int | float | None, people: Iterable[int] | int) -> Key:
        """Register a figure about `people` (a set of participant ids, or their number)."""
        if self._hidden is not None:
            raise RuntimeError("figures were already decided")
        size = people if isinstance(people, int) else len(set(people))
        if key in self._values and (self._values[key], self._groups[key]) != (value, size):
            raise ValueError(f"{key!r} registered twice with different values")
        self._values[key] = value
        self._groups[key] = size
        self._order.setdefault(key, len(self._order))
        return key

    def line(self, members: Iterable[Key], total: Key) -> None:
        """Declare that `members` add up to `total` (all registered already)."""
        members = tuple(members)
        for key in (*members, total):
            if key not in self._values:
                raise KeyError(key)
        self._lines.append((members, total))

    def all_or_nothing(self, keys: Iterable[Key]) -> None:
        """Declare figures that are shown together or not at all."""
        self._whole.append(tuple(keys))

    def _decide(self) -> set[Key]:
        if self._hidden is not None:
            return self._hidden
        hidden = {k for k, size in self._groups.items() if 0 < size < self.threshold}
        self._small = set(hidden)
        changed = True
        while changed:
            changed = False
            for members, total in self._lines:
                if sum(k in hidden for k in (*members, total)) == 1:
                    extra = self._complement(members, total, hidden)
                    if extra not in hidden:  # a line of one figure has nothing to add
                        hidden.add(extra)
                        changed = True
            for keys in self._whole:
                if any(k in hidden for k in keys) and not all(k in hidden for k in keys):
                    hidden.update(keys)
                    changed = True
        self._hidden = hidden
        return hidden

    def _complement(self, members: tuple[Key, ...], total: Key, hidden: set[Key]) -> Key:
        open_ = [k for k in members if k not in hidden]
        nonzero = [k for k in open_ if self._values[k]]
        pool = nonzero or open_
        if not pool:
            return total
        return min(pool, key=lambda k: (self._values[k] or 0, self._order[k]))

    def is_hidden(self, key: Key) -> bool:
        """True when the figure is suppressed."""
        return key in self._decide()

    def cell(self, key: Key) -> Cell:
        """The figure as it may be published."""
        if key in self._decide():
            return SMALL_GROUP if key in self._small else HIDDEN
        return Cell(self._values[key])

    def share(self, part: Key, whole: Key) -> Cell:
        """part / whole (0..1) when both may be published, else hidden; no data for 0 / 0.

        Declare a line (part, rest) -> whole, so that a hidden rest hides the share too."""
        hidden = self._decide()
        if not self._values[whole]:
            return NO_DATA
        if part in hidden or whole in hidden:
            return HIDDEN
        return Cell((self._values[part] or 0) / self._values[whole])  # type: ignore[operator]

    @property
    def any_hidden(self) -> bool:
        """True when at least one figure of the report is suppressed."""
        return bool(self._decide())
