"""Filling a table model with a big list without freezing the window.

Reading 20,000 people and preparing their search texts and sort keys takes seconds of Python;
done in one go, the window could not repaint or react meanwhile. `RowLoader` does the work on
the GUI thread (no second connection, no locking) in slices of about 15 ms, with the event
loop running between slices: the window stays responsive, and the rows already shown stay
until the new ones are ready. A list that fits in one page is shown at once, as before.

After the rows are shown, the loader goes on computing the sort keys of the other columns in
slices, so that the first click on a column header sorts at once.

The rows of a big list live as long as the view shows them. Python's cyclic garbage collector
would walk all of them again and again (a full collection over 20,000 people and 20,000
meetings froze the window for 100-200 ms at random moments): once read, they are moved out
of its way with `gc.freeze()`. Rows have no reference cycles, so they are still freed as soon
as nothing uses them.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import chain
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from ui.models.generic import RowTableModel

PAGE_SIZE = 500
"""Rows read from the file per step; a list of fewer rows is shown at once."""
SLICE_MS = 15.0
"""How long the loader works before it lets the event loop run again."""
CHUNK = 100
"""Rows prepared per step (search text and sort key)."""


class _FirstDo:
    """Pages that do a step of work before the first of them is read."""

    def __init__(self, step: Callable[[], object], pages: Iterable[Sequence[Any]]) -> None:
        self._step = step
        self._pages = pages
        total = getattr(pages, "total", None)
        if total is not None:
            self.total = total

    def __iter__(self) -> Iterator[Sequence[Any]]:
        self._step()
        yield []  # the step was a step of its own
        yield from self._pages


def first_do(step: Callable[[], object], pages: Iterable[Sequence[Any]]) -> Iterable[Sequence[Any]]:
    """`pages`, with `step()` done first when they are read (as a loading step of its own
    when they are read between events)."""
    return _FirstDo(step, pages)


class Slices(QObject):
    """Runs the steps of a generator on the GUI thread, about 15 ms of them at a time, with
    the event loop running in between. One piece of work at a time: `run()` gives up the
    one still running."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._steps: Iterator[None] | None = None
        self._running: Iterator[None] | None = None  # the steps inside next() right now
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._run_slice)

    def run(self, steps: Iterator[None]) -> None:
        """Run `steps` between events (giving up the work still running)."""
        self.cancel()
        self._start(steps)

    def busy(self) -> bool:
        """True while there is work left."""
        return self._steps is not None

    def cancel(self) -> None:
        """Give up the work in progress."""
        self._timer.stop()
        steps, self._steps = self._steps, None
        self._ended()
        if steps is not None and steps is not self._running:
            steps.close()  # type: ignore[attr-defined]

    def finish(self) -> None:
        """Do the remaining work now (when its result is needed at once)."""
        self._timer.stop()
        while self._steps is not None:
            self._step()

    def _start(self, steps: Iterator[None]) -> None:
        self._steps = steps
        self._timer.start()

    def _run_slice(self) -> None:
        end = time.perf_counter() + SLICE_MS / 1000
        while self._steps is not None:
            self._step()
            if time.perf_counter() >= end:
                break
        if self._steps is not None:
            self._timer.start()

    def _step(self) -> None:
        steps = self._steps
        assert steps is not None
        self._running = steps
        try:
            next(steps)
        except StopIteration:
            if self._steps is steps:
                self._steps = None
        except BaseException:
            if self._steps is steps:
                self._steps = None
                self._ended()
            raise
        finally:
            self._running = None

    def _ended(self) -> None:
        """The work was given up or failed (a subclass forgets its state here)."""


class RowLoader(Slices):
    """Loads pages of rows into one `RowTableModel`, in slices between events."""

    shown = Signal()
    """The rows of the last `load()` are in the model now."""

    def __init__(self, model: RowTableModel[Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self._loading = False

    def _ended(self) -> None:
        self._loading = False

    def load(
        self,
        pages: Iterable[Sequence[Any]],
        then: Callable[[], object] | None = None,
        page_size: int = PAGE_SIZE,
        keep: Callable[[Any], bool] | None = None,
    ) -> None:
        """Show the rows of `pages` (pages of `page_size` rows, each read when needed; only
        those for which `keep(row)` is true, if given) instead of those shown, then call
        `then()` (when it returns an iterator, its steps are run as well, between events for
        a long list). Rows that fit in one page are shown before this returns; more are read
        and prepared in slices (`loading()` until they are shown). A load still running is
        given up."""
        self.cancel()
        total = getattr(pages, "total", None)  # known ahead for app.services.paging.Pages
        if total is not None and page_size > 0:
            first: list[Any] = []
            fits = total <= page_size
        else:
            pages = iter(pages)
            first = list(next(pages, []))
            fits = len(first) < page_size or page_size <= 0
        if fits:
            rows = first + [row for page in pages for row in page]  # no more pages, if paged
            model = self.model
            prepared = model.prepare(
                rows if keep is None else [r for r in rows if keep(r)], model.start_preparing()
            )
            replaced = model.set_prepared(prepared)
            for _step in self._finished(then):
                pass
            if len(replaced[0]) > PAGE_SIZE:  # a long list shown before: freed in slices
                self._start(self._release(replaced))
            return
        self._loading = True
        self._start(self._load_steps(chain([first], pages), then, keep))

    def loading(self) -> bool:
        """True while rows are being read and prepared, before they are shown."""
        return self._loading

    def clear(self) -> None:
        """Show no rows (the rows shown before are freed a part at a time)."""
        self.cancel()
        replaced = self.model.set_prepared(self.model.start_preparing())
        if len(replaced[0]) > PAGE_SIZE:
            self._start(self._release(replaced))

    def _load_steps(
        self,
        pages: Iterator[Sequence[Any]],
        then: Callable[[], object] | None,
        keep: Callable[[Any], bool] | None,
    ) -> Iterator[None]:
        model = self.model
        prepared = model.start_preparing()
        for page in pages:  # each page is read from the file here
            yield
            rows = list(page) if keep is None else [row for row in page if keep(row)]
            for start in range(0, len(rows), CHUNK):
                model.prepare(rows[start : start + CHUNK], prepared)
                yield
            gc.freeze()
        model.sort_prepared(prepared)
        yield
        replaced = model.set_prepared(prepared)
        yield  # the window shows the rows before the view works on them
        self._loading = False
        yield from self._finished(then)
        yield
        yield from self._release(replaced)
        yield from model.key_steps(CHUNK * 2)
        gc.freeze()

    def _release(self, replaced: list[list[Any]]) -> Iterator[None]:
        """Let the rows shown before go a part at a time (freeing 20,000 at once takes a
        while)."""
        for values in replaced:
            while values:
                del values[-CHUNK * 10 :]
                yield

    def _finished(self, then: Callable[[], object] | None) -> Iterator[None]:
        if then is not None:
            more = then()
            if isinstance(more, Iterator):
                yield from more
        self.shown.emit()
