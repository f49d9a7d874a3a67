"""Start-up time: process start to main window shown, Tandem on a 5,000-participant file
beside a bare PySide6 QMainWindow script, and their ratio (target: at most 1.5).

    python bench/startup.py [--runs 5] [--participants 5000]

Each run is a fresh process. The benchmark takes `time.perf_counter()` just before starting
the process and passes it in TANDEM_BENCH_T0; the window prints the difference once it is
first shown (TANDEM_EXIT_AFTER_SHOWN=1) and quits. perf_counter is a system-wide monotonic
clock on Linux and Windows, so the two processes' readings compare. Median of N runs, after
one warm-up run each (so both read their files from the disk cache).
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


def run_once(args: list[str], env: dict[str, str]) -> dict[str, float]:
    """Seconds from just before the process starts to each reported moment:
    `shown` (the window is on screen) and, when a file is opened, `ready` (its data shown)."""
    env = dict(env, TANDEM_EXIT_AFTER_SHOWN="1")
    env["TANDEM_BENCH_T0"] = repr(time.perf_counter())
    result = subprocess.run(
        [PYTHON, *args], env=env, capture_output=True, text=True, timeout=120, cwd=ROOT
    )
    times = {}
    for line in result.stdout.splitlines():
        what, _, value = line.partition(" ")
        if what in ("shown", "ready"):
            times[what] = float(value)
    if "shown" not in times:
        raise RuntimeError(f"no timing from {args}: {result.returncode} {result.stderr[-800:]}")
    return times


def median_of(runs: int, args: list[str], env: dict[str, str]) -> dict[str, list[float]]:
    """All timings of `runs` runs after one warm-up (which also writes the bytecode cache)."""
    run_once(args, env)
    collected: dict[str, list[float]] = {}
    for _ in range(runs):
        for what, value in run_once(args, env).items():
            collected.setdefault(what, []).append(value)
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
        bare_script = folder / "bare.py"
        bare_script.write_text(BARE, encoding="utf-8")
        bare_times = median_of(args.runs, [str(bare_script)], env)["shown"]
        bare = statistics.median(bare_times)
        print(f"{'bare QMainWindow shown:':<42} {bare * 1000:5.0f} ms  {_ms(bare_times)}")
        results: dict[str, float] = {"bare_ms": round(bare * 1000)}
        for view in ("overview", "participants"):
            home = folder / f"home-{view}"
            home.mkdir()
            (home / "preferences.json").write_text(
                json.dumps({"last_view": view}), encoding="utf-8"
            )
            timings = median_of(args.runs, ["main.py", str(path)], dict(env, TANDEM_HOME=str(home)))
            for what in ("shown", "ready"):
                value = statistics.median(timings[what])
                ratio = value / bare
                label = (
                    f"Tandem, {view} first, {'window shown' if what == 'shown' else 'data shown'}:"
                )
                print(
                    f"{label:<42} {value * 1000:5.0f} ms  {_ms(timings[what])}  ratio {ratio:.2f}"
                )
                results[f"{view}_{what}_ms"] = round(value * 1000)
                results[f"{view}_{what}_ratio"] = round(ratio, 2)
        print(json.dumps(results))
        worst = max(results["overview_shown_ratio"], results["participants_shown_ratio"])
        print(
            f"target: window shown within 1.5 x bare: {'met' if worst <= 1.5 else 'NOT met'} ({worst:.2f})"
        )
    return 0


def _ms(values: list[float]) -> str:
    return "[" + ", ".join(f"{v * 1000:.0f}" for v in values) + "]"


if __name__ == "__main__":
    sys.exit(main())
