"""The built program against the venv: time to the window and of `stats --json`, and the
bundle's size, each beside its target.

    python bench/frozen_bench.py [--runs 5] [--participants 500] [--build]

Targets (issue 13): the frozen window shown within 1.1x the venv's time, `stats --json`
within 1.3x; the one-folder bundle under 200 MB, the installer under 80 MB. Needs the bundle
in dist/Tandem (`--build` builds it first with packaging/build.py). The installer's size is
printed only where it was built (Inno Setup runs on Windows).

Each run is a fresh process; the venv and the frozen program run in turn (a busy machine
slows both alike), median of N runs after one warm-up run each. The window reports the time
from just before its process started (TANDEM_BENCH_T0) to being shown and to its data being
shown (TANDEM_EXIT_AFTER_SHOWN, as bench/startup.py uses it); `stats --json` is timed from
outside, start to exit.
"""

from __future__ import annotations

import argparse
import importlib.util
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
TARGETS = {"window": 1.1, "stats": 1.3}
BUNDLE_TARGET_MB, INSTALLER_TARGET_MB = 200, 80


def _build_module():
    """packaging/build.py as a module (the folder is no package)."""
    spec = importlib.util.spec_from_file_location("build", ROOT / "packaging" / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def window_times(command: list[str], env: dict[str, str]) -> dict[str, float]:
    """Seconds to `shown` and `ready` reported by the window."""
    env = dict(env, TANDEM_EXIT_AFTER_SHOWN="1", TANDEM_BENCH_T0=repr(time.perf_counter()))
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    times = {}
    for line in result.stdout.splitlines():
        what, _, value = line.partition(" ")
        if what in ("shown", "ready"):
            times[what] = float(value)
    if "shown" not in times:
        raise RuntimeError(f"no timing from {command}: {result.returncode} {result.stderr[-800:]}")
    return times


def stats_time(command: list[str], env: dict[str, str]) -> float:
    """Seconds from start to exit of `stats --json`."""
    started = time.perf_counter()
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    elapsed = time.perf_counter() - started
    if result.returncode != 0 or "participants" not in result.stdout:
        raise RuntimeError(f"{command} failed: {result.returncode} {result.stderr[-800:]}")
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--participants", type=int, default=500)
    parser.add_argument("--build", action="store_true", help="build the bundle first")
    args = parser.parse_args(argv)
    build = _build_module()
    if args.build or not build.executable().is_file():
        build.main([])
    frozen = str(build.executable())
    venv = [PYTHON, str(ROOT / "main.py")]
    with tempfile.TemporaryDirectory(prefix="tandem-frozen-bench-") as tmp:
        folder = Path(tmp)
        env = dict(os.environ, TANDEM_HOME=str(folder / "home"))
        # Like an installed program: bytecode compiled once, not on every start.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
        if not env.get("DISPLAY") and not env.get("QT_QPA_PLATFORM"):
            env["QT_QPA_PLATFORM"] = "offscreen"
        path = folder / "bench.tandem"
        for command in (["init"], ["demo", "--participants", str(args.participants)]):
            subprocess.run([*venv, "--db", str(path), *command], env=env, check=True,
                           capture_output=True)  # fmt: skip
        programs = {"venv": venv, "frozen": [frozen]}
        window: dict[str, list[dict[str, float]]] = {name: [] for name in programs}
        stats: dict[str, list[float]] = {name: [] for name in programs}
        for run in range(args.runs + 1):  # run 0 warms up
            for name, command in programs.items():
                shown = window_times([*command, str(path)], env)
                took = stats_time([*command, "--db", str(path), "stats", "--json"], env)
                if run:
                    window[name].append(shown)
                    stats[name].append(took)

        def median(values: list[float]) -> float:
            return statistics.median(values)

        results: dict[str, float | None] = {}
        print(f"platform: {env.get('QT_QPA_PLATFORM') or 'display'}; {args.participants} "
              f"participants; median of {args.runs} runs")  # fmt: skip
        rows = [
            ("window shown", "window", [t["shown"] for t in window["venv"]],
             [t["shown"] for t in window["frozen"]]),
            ("data shown", None, [t.get("ready", float("nan")) for t in window["venv"]],
             [t.get("ready", float("nan")) for t in window["frozen"]]),
            ("stats --json", "stats", stats["venv"], stats["frozen"]),
        ]  # fmt: skip
        for label, target_key, venv_times, frozen_times in rows:
            v, f = median(venv_times), median(frozen_times)
            ratio = f / v
            line = f"{label + ':':<14} venv {v * 1000:5.0f} ms, frozen {f * 1000:5.0f} ms, ratio {ratio:.2f}"
            if target_key:
                target = TARGETS[target_key]
                line += f"  (target <= {target}x: {'met' if ratio <= target else 'NOT met'})"
                results[f"{target_key}_ratio"] = round(ratio, 2)
            print(line)
        size_mb = build.folder_size(build.BUNDLE) / 1e6
        results["bundle_mb"] = round(size_mb)
        verdict = "met" if size_mb < BUNDLE_TARGET_MB else "NOT met"
        print(
            f"bundle {build.BUNDLE}: {size_mb:.0f} MB (target < {BUNDLE_TARGET_MB} MB: {verdict})"
        )
        installers = sorted(build.DIST.glob("Tandem-*-setup.exe"))
        if installers:
            installer_mb = installers[-1].stat().st_size / 1e6
            results["installer_mb"] = round(installer_mb)
            verdict = "met" if installer_mb < INSTALLER_TARGET_MB else "NOT met"
            print(f"installer {installers[-1].name}: {installer_mb:.0f} MB "
                  f"(target < {INSTALLER_TARGET_MB} MB: {verdict})")  # fmt: skip
        else:
            results["installer_mb"] = None
            print("installer: not built here (Inno Setup's iscc runs on Windows: "
                  "python packaging/build.py --iss)")  # fmt: skip
        print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
