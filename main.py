"""Tandem: start the window, or run a command-line job (`python main.py --help`)."""

from __future__ import annotations

import sys
from collections.abc import Sequence

_ALWAYS_CLI = {"-h", "--help", "--version"}


def is_command_line(argv: Sequence[str]) -> bool:
    """True when the arguments ask for a command-line job rather than the window."""
    for arg in argv:
        if arg in _ALWAYS_CLI or arg == "--db" or arg.startswith("--db="):
            return True
    positionals = [
        a
        for i, a in enumerate(argv)
        if not a.startswith("-") and (i == 0 or argv[i - 1] != "--lang")
    ]
    if positionals and not positionals[0].lower().endswith(".tandem"):
        _prepare_command_line()
        from app.cli import command_names

        return positionals[0] in command_names()
    return False


def _prepare_command_line() -> None:
    """Import sqlite-utils the way the window does: without numpy (which it would load only
    to map numpy numbers, which Tandem never stores) and without its plugin scan. Loading
    numpy cost each command-line job ~0.2 s of CPU in the venv, more in the frozen program
    (bench/frozen_bench.py)."""
    from app.sqlite_setup import prepare_sqlite_utils

    prepare_sqlite_utils()


def self_test(args: Sequence[str]) -> int:
    """`--self-test`: every command-line job on a temporary file (app/selftest.py), then the
    modules the window imports by name (what a frozen build could have left out)."""
    from app.selftest import run_self_test

    def window_steps() -> list:
        from ui.frozen import window_steps

        return window_steps()

    return run_self_test(args, more_steps=window_steps)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the program and of the frozen executable."""
    args = list(sys.argv[1:] if argv is None else argv)
    if "--self-test" in args:
        return self_test(args)
    if is_command_line(args):
        _prepare_command_line()
        from app.cli import run

        return run(args)
    from ui.launcher import launch

    return launch(args)


if __name__ == "__main__":
    sys.exit(main())
