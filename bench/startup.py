"""Start-up time: process start to main window shown, Tandem on a 5,000-participant file
beside a bare PySide6 QMainWindow script, and their ratio (target: at most 1.5).

    python bench/startup.py [--runs 5] [--participants 5000]

Each run is a fresh process. The benchmark takes `time.perf_counter()` just before starting
the process and passes it in TANDEM_BENCH_T0; with TANDEM_EXIT_AFTER_SHOWN=1 the window
prints the difference when it is first shown ("window shown") and when the opened file's
data is in the first view ("data shown"), then quits. perf_counter is a system-wide monotonic
clock on Linux and Windows, so the readings of the processes compare. The programs run in
turn (so a busy machine slows all alike); median of N runs each, after one warm-up run each
(disk cache, bytecode cache). Two baselines: the bare QMainWindow the issue names, and the
QMainWindow with a QTableView over 10,000 rows that shared/STACK.md calls the floor.
Tandem is measured starting on the Overview and on the Participants view.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable

BARE = """
import os, sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

def report():
    print(f"shown {time.perf_counter() - float(os.environ['TANDEM_BENCH_T0']):.4f}", flush=True)
    QTimer.singleShot(0, app.quit)

app = QApplication(sys.argv)
window = QMainWindow()
window.setWindowTitle("bare")
window.setCentralWidget(QLabel("bare"))
window.resize(1280, 800)
window.show()
QTimer.singleShot(0, report)
sys.exit(app.exec())
"""

# The floor named in shared/STACK.md: a QMainWindow with a QTableView over a 10,000-row model.
BARE_TABLE = """
import os, sys, time
from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

class Model(QAbstractTableModel):
    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else 10_000
    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else 10
    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{index.row()}:{index.column()}"
        return None

def report():
    print(f"shown {time.perf_counter() - float(os.environ['TANDEM_BENCH_T0']):.4f}", flush=True)
    QTimer.singleShot(0, app.quit)

app = QApplication(sys.argv)
window = QMainWindow()
table = QTableView()
model = Model()
table.setModel(model)
window.setCentralWidget(table)
window.resize(1280, 800)
window.show()
QTimer.singleShot(0, report)
sys.exit(app.exec())
"""


def run_once(args: list[str], env: dict[str, str]) -> dict[str, float]:
    """Seconds from just before the process starts to each reported moment:
    `shown` (the window is on screen) and, when a file is opened, `ready` (its data shown)."""
    env = dict(env, TANDEM_EXIT_AFTER_SHOWN="1")
    env["TANDEM_BENCH_T0"] = repr(time.perf_counter())
    try:
        result = subprocess.run(
            [PYTHON, *args], env=env, capture_output=True, text=True, timeout=60, cwd=ROOT
        )
    except subprocess.TimeoutExpired as exc:
        raise RuntimeError(f"{args} did not finish: {exc.stdout!r} {exc.stderr!r}") from exc
    times = {}
    for line in result.stdout.splitlines():
        what, _, value = line.partition(" ")
        if what in ("shown", "ready"):
            times[what] = float(value)
    if "shown" not in times:
        raise RuntimeError(f"no timing from {args}: {result.returncode} {result.stderr[-800:]}")
    return times


def interleaved(runs: int, programs: dict[str, tuple[list[str], dict[str, str]]]) -> dict:
    """Timings of each program, run in turn (so a busy machine slows all of them alike),
    after one warm-up run each (which also writes the bytecode cache)."""
    for args, env in programs.values():
        run_once(args, env)
    collected: dict[str, dict[str, list[float]]] = {name: {} for name in programs}
    for _ in range(runs):
        for name, (args, env) in programs.items():
            for what, value in run_once(args, env).items():
                collected[name].setdefault(what, []).append(value)
    return collected


def make_file(folder: Path, participants: int) -> Path:
    """A program file with a demo company of `participants` people."""
    path = folder / "bench.tandem"
    env = dict(os.environ, TANDEM_HOME=str(folder / "home-cli"))
    for command in (["init"], ["demo", "--participants", str(participants)]):
        subprocess.run(
            [PYTHON, "main.py", "--db", str(path), *command],
            env=env, check=True, cwd=ROOT, capture_output=True,
        )  # fmt: skip
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--participants", type=int, default=5000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="tandem-bench-") as tmp:
        folder = Path(tmp)
        made = time.perf_counter()
        path = make_file(folder, args.participants)
        print(f"file: {args.participants} participants, made in {time.perf_counter() - made:.1f} s")
        env = dict(os.environ)
        # Like an installed program: bytecode compiled once (here into a temporary cache),
        # not recompiled on every start as PYTHONDONTWRITEBYTECODE=1 would make it.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
        if not env.get("DISPLAY") and not env.get("QT_QPA_PLATFORM"):
            env["QT_QPA_PLATFORM"] = "offscreen"
        print(f"platform: {env.get('QT_QPA_PLATFORM') or 'xcb (DISPLAY ' + env['DISPLAY'] + ')'}")
        programs: dict[str, tuple[list[str], dict[str, str]]] = {}
        for name, source in (("bare", BARE), ("bare_table", BARE_TABLE)):
            script = folder / f"{name}.py"
            script.write_text(source, encoding="utf-8")
            programs[name] = ([str(script)], env)
        for view in ("overview", "participants"):
            home = folder / f"home-{view}"
            home.mkdir()
            (home / "preferences.json").write_text(
                json.dumps({"last_view": view}), encoding="utf-8"
            )
            programs[view] = (["main.py", str(path)], dict(env, TANDEM_HOME=str(home)))
        timings = interleaved(args.runs, programs)

        def median(name: str, what: str = "shown") -> float:
            return statistics.median(timings[name][what])

        bare, table = median("bare"), median("bare_table")
        results: dict[str, float] = {
            "bare_ms": round(bare * 1000),
            "bare_table_ms": round(table * 1000),
        }
        print(
            f"{'bare QMainWindow shown:':<44} {bare * 1000:5.0f} ms  {_ms(timings['bare']['shown'])}"
        )
        print(
            f"{'bare QMainWindow + QTableView, 10,000 rows:':<44} {table * 1000:5.0f} ms  "
            f"{_ms(timings['bare_table']['shown'])}"
        )
        for view in ("overview", "participants"):
            for what in ("shown", "ready"):
                value = median(view, what)
                label = (
                    f"Tandem, {view} first, {'window shown' if what == 'shown' else 'data shown'}:"
                )
                print(
                    f"{label:<44} {value * 1000:5.0f} ms  {_ms(timings[view][what])}  "
                    f"ratio {value / bare:.2f} (to table script {value / table:.2f})"
                )
                results[f"{view}_{what}_ms"] = round(value * 1000)
                results[f"{view}_{what}_ratio"] = round(value / bare, 2)
        print(
            "least of the runs (less sensitive to a busy machine): "
            + ", ".join(f"{name} {min(t['shown']) * 1000:.0f} ms" for name, t in timings.items())
        )
        print(json.dumps(results))
        worst = max(results["overview_shown_ratio"], results["participants_shown_ratio"])
        verdict = "met" if worst <= 1.5 else "NOT met"
        print(f"target: window shown within 1.5 x bare QMainWindow: {verdict} ({worst:.2f})")
    return 0


def _ms(values: list[float]) -> str:
    return "[" + ", ".join(f"{v * 1000:.0f}" for v in values) + "]"


if __name__ == "__main__":
    sys.exit(main())
