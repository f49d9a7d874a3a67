"""Freezes of the window on a big file: the longest stall of the GUI thread in each routine
action (target: none over 100 ms) with 20,000 people and 20,000 meetings.

    python bench/stalls_bench.py [--runs 3] [--rebuild] [--only participants]

The file is built once and cached in the temporary folder (`tandem-stalls-bench/`): the demo
company with 20,000 people (`app.demo.generate_demo`) plus a running round of 2,000 tandems
with 10 meetings each (20,000 meetings), written through the services. Each run works on a
fresh copy of it, in the real main window (offscreen, 1280 x 800).

How a stall is measured: a precise QTimer ticks every 5 ms on the GUI thread's event loop and
records the longest gap between two ticks while an action runs (started from the event loop,
dialogs driven the way a user would, then 300 ms of quiet). That gap is how long the window
could not repaint or react. Beside it: the CPU time the GUI thread spent in that gap, which a
loaded machine inflates less than the wall time. Each run is a fresh process on a fresh copy
of the file (so "first time" is the first time, imports included); with `--runs N` the
median of N runs is printed beside the 100 ms target, and the exit code is 1 when a median
misses it. Opening the file runs its integrity check (`PRAGMA quick_check`) and the backup
of the day on workers: the stall is what the window's thread does meanwhile. The import of
the database layer is left to bench/startup.py, and the first file is opened once the
start page's imports (`ui/opening/warmup.py`) are done, as a user choosing a file lets them.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TARGET_MS = 100.0
TICK_MS = 5
SETTLE_MS = 300
FILE_VERSION = 2  # bump when the generated file changes (or its schema)
BIG_ROUND = "Großrunde 2026"
BIG_TANDEMS = 2_000
MEETINGS = 10
PROFILE = ""  # --profile: part of an action's name


# --- the file ------------------------------------------------------------------------------
def cached_file(participants: int, rebuild: bool) -> Path:
    """The big file (built when missing or asked for), for today's date and this program's
    file format (one cached file per format, so older code can be measured too)."""
    from app.db.migrations import SCHEMA_VERSION

    folder = Path(tempfile.gettempdir()) / "tandem-stalls-bench"
    folder.mkdir(exist_ok=True)
    today = date.today()
    kind = f"big-v{FILE_VERSION}-s{SCHEMA_VERSION}-{participants}"
    path = folder / f"{kind}-{today.isoformat()}.tandem"
    if path.exists() and not rebuild:
        return path
    for old in folder.glob(f"{kind}-*.tandem"):
        old.unlink()
    started = time.perf_counter()
    partial = folder / f"{kind}-building.tmp"
    partial.unlink(missing_ok=True)
    build_file(partial, participants, today)
    partial.rename(path)
    print(f"built {path.name} in {time.perf_counter() - started:.0f} s")
    return path


def build_file(path: Path, participants: int, today: date) -> None:
    """The demo company plus a running round of 2,000 tandems with 10 meetings each."""
    from app.db import create_database
    from app.demo import generate_demo
    from app.errors import TandemError
    from app.model import ParticipantStatus, Role, RoundInput, SessionStatus, TandemStatus
    from app.services import participants as people_service
    from app.services import planning, rounds, sessions, tandems

    db = create_database(path)
    generate_demo(db, participants=participants, seed=1, today=today)
    start = today - timedelta(weeks=15)
    big = rounds.create_round(
        db,
        RoundInput(BIG_ROUND, start, start + timedelta(weeks=3 * MEETINGS + 4), MEETINGS, 3),
    )
    busy = {
        pid
        for t in tandems.list_tandems(db)
        if t.status.is_open
        for pid in (t.mentor_id, t.mentee_id)
    }
    free = [
        p
        for p in people_service.list_participants(db)
        if p.consent_date is not None and p.status == ParticipantStatus.ACTIVE and p.id not in busy
    ]
    mentors = [p for p in free if p.role == Role.MENTOR]
    mentees = [p for p in free if p.role == Role.MENTEE]
    made = 0
    for mentor, mentee in zip(mentors, mentees, strict=False):
        if made == BIG_TANDEMS:
            break
        try:
            tandem = tandems.create_tandem(
                db, big.id, mentor.id, mentee.id, on=start, confirm_warnings=True,
                focus_topics=tuple(mentee.wants_to_learn[:2]),
            )  # fmt: skip
        except TandemError:
            continue
        tandems.set_status(db, tandem.id, TandemStatus.AGREED, on=start)
        tandems.set_status(db, tandem.id, TandemStatus.ACTIVE, on=start)
        made += 1
    planning.plan_round(db, big.id, start=start, today=start, location="Teams")
    past = [s for s in sessions.list_sessions(db, round_id=big.id) if s.starts_at.date() < today]
    statuses: dict[int, SessionStatus] = {}
    for n, session in enumerate(past):
        if n % 20 == 0:
            continue  # status missing
        statuses[session.id] = SessionStatus.CANCELLED if n % 10 == 3 else SessionStatus.HELD
    sessions.set_statuses(db, statuses)
    db.close()
    print(f"  {made:,} tandems in “{BIG_ROUND}”")


# --- measuring -----------------------------------------------------------------------------
class StallMeter:
    """Ticks every 5 ms on the event loop and keeps the longest gap between two ticks (wall
    time and the GUI thread's CPU time in it) since the last `reset()`."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.reset()
        self.timer.start()

    def reset(self) -> None:
        self._last = time.perf_counter()
        self._last_cpu = time.thread_time()
        self.worst = 0.0
        self.worst_cpu = 0.0

    def _tick(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        gap = now - self._last
        if gap > self.worst:
            self.worst, self.worst_cpu = gap, cpu - self._last_cpu
        self._last, self._last_cpu = now, cpu

    def take(self) -> tuple[float, float]:
        """(wall ms, CPU ms) of the longest gap, minus the tick's own interval."""
        return max(self.worst * 1000 - TICK_MS, 0.0), self.worst_cpu * 1000


class Bench:
    """One main window on a copy of the big file, and the actions measured on it."""

    def __init__(self, source: Path, folder: Path) -> None:
        from PySide6.QtWidgets import QApplication

        from ui import dialogs
        from ui.context import AppContext
        from ui.main_window import MainWindow

        self.app = QApplication.instance() or QApplication([])
        dialogs.ask_yes_no = lambda _parent, _text: True  # "Delete …?": yes
        # Opening the first file imports the database layer (sqlite-utils, which imports
        # numpy): a one-time start-up cost, measured by bench/startup.py, not here.
        import app.db  # noqa: F401

        self.path = folder / "big.tandem"
        shutil.copyfile(source, self.path)
        self.meter = StallMeter()
        self.context = AppContext()
        self.window = MainWindow(self.context)
        self.window.resize(1280, 800)
        self.window.show()
        self.results: dict[str, tuple[float, float]] = {}
        # On the start page the window imports what opening a file needs while the user
        # chooses one (ui/opening/warmup.py): a user takes longer than that to choose.
        self.wait(200, _warmed_up)

    # --- event loop helpers --------------------------------------------------------------
    def wait(self, ms: int, until: Callable[[], bool] | None = None) -> None:
        """Run the event loop until `until()` is true (checked every 10 ms), then `ms` more."""
        from PySide6.QtCore import QEventLoop, QTimer

        loop = QEventLoop()
        deadline = time.perf_counter() + 60

        def check() -> None:
            if until is None or until() or time.perf_counter() > deadline:
                poll.stop()
                QTimer.singleShot(ms, loop.quit)

        poll = QTimer()
        poll.setInterval(10)
        poll.timeout.connect(check)
        poll.start()
        loop.exec()

    def measure(
        self, name: str, action: Callable[[], Any], until: Callable[[], bool] | None = None
    ) -> None:
        """Start `action` from the event loop and keep the longest stall until it is done."""
        from PySide6.QtCore import QTimer

        state = {"done": False}

        def run() -> None:
            self.meter.reset()
            profiler = None
            if PROFILE and PROFILE in name:
                import cProfile

                profiler = cProfile.Profile()
                profiler.enable()
            try:
                action()
            finally:
                state["done"] = True
                if profiler is not None:
                    import pstats

                    profiler.disable()
                    print(f"--- {name}")
                    pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)

        QTimer.singleShot(0, run)
        self.wait(SETTLE_MS, lambda: state["done"] and (until is None or until()))
        self.results[name] = self.meter.take()

    def drive_dialog(self, name: str, script: Callable[[Any], None]) -> None:
        """When a dialog opens, record its opening as `name`, then run `script(dialog)`."""
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication

        def poll() -> None:
            dialog = QApplication.activeModalWidget()
            if dialog is None:
                QTimer.singleShot(10, poll)
                return
            QTimer.singleShot(SETTLE_MS, lambda: step(dialog))

        def step(dialog: Any) -> None:
            self.results[name] = self.meter.take()
            self.meter.reset()
            script(dialog)

        QTimer.singleShot(10, poll)

    def type_into(self, name: str, field: Any, text: str) -> None:
        """Type `text` key by key; the worst keystroke counts."""
        from PySide6.QtTest import QTest

        worst = (0.0, 0.0)
        for char in text:
            if char.isascii():
                self.measure(name, lambda c=char: QTest.keyClick(field, c))
            else:
                self.measure(name, lambda c=char: field.insert(c))
            worst = max(worst, self.results[name])
        self.results[name] = worst

    # --- the actions ---------------------------------------------------------------------
    def run_all(self) -> dict[str, tuple[float, float]]:
        from PySide6.QtCore import Qt

        from app.model import SessionStatus
        from ui.undo import undo_stack

        window = self.window
        self.measure(
            "open the first file, overview shown",
            lambda: window.open_path(self.path),
            lambda: not _loading(window.views.get("overview")) and not _file_work(self.context),
        )
        views: dict[str, Any] = {}
        for key in ("participants", "rounds", "tandems", "sessions"):
            self.measure(
                f"open {key} view (first time)",
                lambda k=key: views.__setitem__(k, window.show_view(k)),
                lambda k=key: not _loading(views.get(k)),
            )

        # --- participants ----------------------------------------------------------------
        people = views["participants"]
        self.measure("switch to participants view", lambda: window.show_view("participants"))
        victim = _deletable_person(self.context.db)
        middle = people.model.row_at(people.model.rowCount() // 2)
        people.select_participant(middle.id)

        def save(form: Any) -> None:
            form.position.setText((form.position.text() or "Staff") + " (acting)")
            form.save_button.click()

        self.drive_dialog("participant form: open", save)
        self.measure("participant form: save one person", people.edit_selected)
        people.select_participant(victim)
        self.measure("participants: delete one person", people.delete_selected)
        self.measure("participants: undo the delete", undo_stack(self.context).undo)
        self.measure("participants: redo the delete", undo_stack(self.context).redo)
        self.measure("participants: undo again", undo_stack(self.context).undo)
        for column, what in ((3, "position"), (0, "name")):
            for order in (Qt.SortOrder.DescendingOrder, Qt.SortOrder.AscendingOrder):
                self.measure(
                    f"participants: sort by {what}",
                    lambda c=column, o=order: people.table.sortByColumn(c, o),
                )
        self.type_into("participants: type “müller it” in search", people.search, "müller it")
        self.measure("participants: clear the search", people.search.clear)
        self.measure(
            "participants: filter role mentee",
            lambda: people.set_filter(people.role_filter, "mentee"),
        )
        self.measure(
            "participants: filter all roles", lambda: people.set_filter(people.role_filter, None)
        )

        # --- rounds --------------------------------------------------------------------------
        rounds = views["rounds"]
        self.measure("switch to rounds view", lambda: window.show_view("rounds"))
        big_row = _row_of(rounds, BIG_ROUND)
        other_row = 1 if big_row == 0 else 0
        self.measure("rounds: choose another round", lambda: _select(rounds, other_row))
        self.measure("rounds: choose the 2,000-tandem round", lambda: _select(rounds, big_row))
        self.measure(
            "rounds: sort the tandems by mentee",
            lambda: rounds.tandem_table.sortByColumn(1, Qt.SortOrder.AscendingOrder),
        )

        # --- tandems -------------------------------------------------------------------------
        tandems = views["tandems"]
        self.measure("switch to tandems view", lambda: window.show_view("tandems"))
        for index_name in ("another round", "the 2,000-tandem round"):
            wanted = (
                tandems.round_combo.findText(BIG_ROUND)
                if index_name != "another round"
                else (1 if tandems.round_combo.findText(BIG_ROUND) == 0 else 0)
            )
            self.measure(
                f"tandems: choose {index_name}",
                lambda i=wanted: _activate(tandems.round_combo, i),
                lambda: not _loading(tandems),
            )
        self.type_into("tandems: type “anna” in search", tandems.search, "anna")
        self.measure("tandems: clear the search", tandems.search.clear)

        # --- sessions ------------------------------------------------------------------------
        meetings = views["sessions"]
        self.measure(
            "switch to sessions view (after changes)",
            lambda: window.show_view("sessions"),
            lambda: not _loading(meetings),
        )
        big_index = meetings.round_filter.findText(BIG_ROUND)
        other_index = 1 if big_index != 1 else 2
        self.measure(
            "sessions: choose another round",
            lambda: meetings.round_filter.setCurrentIndex(other_index),
            lambda: not _loading(meetings),
        )
        self.measure(
            "sessions: choose the 20,000-meeting round",
            lambda: meetings.round_filter.setCurrentIndex(big_index),
            lambda: not _loading(meetings),
        )
        self.measure(
            "sessions: sort by tandem",
            lambda: meetings.table.sortByColumn(1, Qt.SortOrder.AscendingOrder),
        )
        self.measure(
            "sessions: sort by date",
            lambda: meetings.table.sortByColumn(0, Qt.SortOrder.AscendingOrder),
        )
        self.measure(
            "sessions: only status missing", lambda: meetings.overdue_only.setChecked(True)
        )
        self.measure("sessions: every status", lambda: meetings.overdue_only.setChecked(False))
        self.type_into("sessions: type “teams” in search", meetings.search, "teams")
        self.measure("sessions: clear the search", meetings.search.clear)
        meetings.table.selectRow(meetings.proxy.rowCount() // 2)
        self.measure(
            "sessions: mark a meeting held",
            lambda: meetings.mark_selected(SessionStatus.HELD),
            lambda: not _loading(meetings),
        )
        self.measure(
            "sessions: undo marking held",
            undo_stack(self.context).undo,
            lambda: not _loading(meetings),
        )
        self.measure(
            "switch to participants view (after changes)",
            lambda: window.show_view("participants"),
            lambda: not _loading(people),
        )
        self.measure(
            "switch to overview (after changes)",
            lambda: window.show_view("overview"),
            lambda: not _loading(window.views.get("overview")),
        )
        self.measure("close the file", window.close_file, lambda: not _file_work(self.context))
        self.measure(
            "open the file again, overview shown",
            lambda: window.open_path(self.path),
            lambda: not _loading(window.views.get("overview")) and not _file_work(self.context),
        )
        return self.results

    def close(self) -> None:
        from ui import workers

        stop_all = getattr(workers, "stop_all", None)
        if stop_all is not None:
            stop_all()  # as the application does when it is about to quit
        self.context.shutdown()
        self.window.close()
        self.window.deleteLater()
        self.wait(50)


def _file_work(context: Any) -> bool:
    """True while the file's backup (on opening or closing) still runs on a worker: the
    window's stalls are measured until it is done."""
    jobs = getattr(context, "file_jobs", None)
    return bool(jobs is not None and jobs.busy())


def _warmed_up() -> bool:
    """True once the start page's imports are done (or when this program has none)."""
    try:
        from ui.opening import warmup
    except ImportError:
        return True
    return warmup.done()


def _loading(view: Any) -> bool:
    """True while a view still fills its table in the background (if it ever does)."""
    return bool(view is not None and getattr(view, "loading", lambda: False)())


def _row_of(view: Any, name: str) -> int:
    for row in range(view.proxy.rowCount()):
        if view.proxy.index(row, 0).data() == name:
            return row
    raise LookupError(name)


def _select(view: Any, row: int) -> None:
    view.table.setCurrentIndex(view.proxy.index(row, 0))
    view.table.selectRow(row)


def _activate(combo: Any, index: int) -> None:
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def _deletable_person(db: Any) -> int:
    """Someone who never was in a tandem (so deleting is allowed)."""
    row = db.execute(
        "SELECT id FROM participants WHERE id NOT IN (SELECT mentor_id FROM tandems) "
        "AND id NOT IN (SELECT mentee_id FROM tandems) ORDER BY id DESC LIMIT 1"
    ).fetchone()
    return int(row[0])


def one_run(source: Path) -> dict[str, tuple[float, float]]:
    """Every action once, in this process, on a fresh copy of `source`."""
    with tempfile.TemporaryDirectory(prefix="tandem-stalls-") as name:
        bench = Bench(source, Path(name))
        try:
            return dict(bench.run_all())
        finally:
            bench.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--rebuild", action="store_true", help="build the file again")
    parser.add_argument("--profile", default="", help="profile the actions with this in the name")
    parser.add_argument("--child", help=argparse.SUPPRESS)  # one run, results as JSON there
    args = parser.parse_args()
    global PROFILE
    PROFILE = args.profile
    # Like an installed program, keep compiled modules (this machine sets
    # PYTHONDONTWRITEBYTECODE, which would add compiling to every first look at a view).
    sys.dont_write_bytecode = False

    os.environ.setdefault("TANDEM_HOME", tempfile.mkdtemp(prefix="tandem-bench-home-"))
    source = cached_file(args.participants, args.rebuild)
    if args.child:
        Path(args.child).write_text(json.dumps(one_run(source)), encoding="utf-8")
        return 0
    runs: list[dict[str, tuple[float, float]]] = []
    for _ in range(args.runs):  # each run in a fresh process: "first time" means it
        with tempfile.TemporaryDirectory(prefix="tandem-stalls-run-") as name:
            out = Path(name) / "run.json"
            command = [sys.executable, __file__, "--child", str(out),
                       "--participants", str(args.participants), "--profile", args.profile]  # fmt: skip
            child = subprocess.run(command, check=False)
            if child.returncode != 0:
                print(f"a run failed (exit code {child.returncode})")
                return 2
            runs.append({k: tuple(v) for k, v in json.loads(out.read_text("utf-8")).items()})
    width = max(len(name) for name in runs[0])
    print(f"\n{'action':<{width}}  longest stall (median of {len(runs)})   GUI CPU   target")
    missed = []
    for name in runs[0]:
        walls = [run[name][0] for run in runs if name in run]
        cpus = [run[name][1] for run in runs if name in run]
        wall, cpu = statistics.median(walls), statistics.median(cpus)
        mark = "ok" if wall <= TARGET_MS else "MISSED"
        if wall > TARGET_MS:
            missed.append(name)
        spread = f"({min(walls):.0f}-{max(walls):.0f})" if len(walls) > 1 else ""
        print(
            f"{name:<{width}}  {wall:7.0f} ms {spread:<13}    {cpu:5.0f} ms   "
            f"{TARGET_MS:.0f} ms {mark}"
        )
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"\n{len(missed)} of {len(runs[0])} actions over {TARGET_MS:.0f} ms; "
          f"load average {load:.1f}; {datetime.now():%H:%M}")  # fmt: skip
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
