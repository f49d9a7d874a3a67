"""The command line: `python main.py --db FILE COMMAND ...`.

A thin frame: each area registers its commands from its own module (see COMMAND_MODULES);
a command is a function `handler(args, db) -> exit code`. Exit codes: 0 success, 1 a user
error (message on stderr in the chosen language), 2 bad usage.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path

from app import APP_NAME, __version__, user_prefs
from app.cli import parser_words
from app.db import open_database
from app.i18n import set_language, system_language, tr
from app.user_errors import as_user_error

# Modules that add commands; each has `register(subparsers)`.
COMMAND_MODULES = [
    "app.cli.basic",
    "app.cli.participants",
    "app.cli.rounds",
    "app.cli.lifecycle",
    "app.cli.meetings",
    "app.cli.demo",
    "app.cli.notes",
    "app.cli.transfer",
    "app.cli.tandems",
    "app.cli.documents",
    "app.cli.privacy",
    "app.cli.safekeeping",
]

EXIT_OK, EXIT_USER_ERROR, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # noqa: D102 - argparse hook
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, tr("Error: {message}", message=message) + "\n")


def language_from(argv: Sequence[str]) -> str | None:
    """The language asked for with `--lang X` or `--lang=X` (None: not asked)."""
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def command_names() -> set[str]:
    """The names of all commands (to tell a command line from a GUI start)."""
    return set(build_parser()._subparsers._group_actions[0].choices)  # type: ignore[union-attr]


def program_name() -> str:
    """How the user starts Tandem, for usage lines: the executable's own name in the built
    program (`Tandem.exe`), `python main.py` otherwise."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).name
    return "python main.py"


def build_parser() -> argparse.ArgumentParser:
    """The parser with every registered command."""
    parser_words.install()
    program = program_name()
    parser = _Parser(
        prog=program,
        description=tr(
            "{app} runs a reverse-mentoring program. Without a command it opens the window: "
            "{program} [FILE] [--demo] [--lang de|en].",
            app=APP_NAME,
            program=program,
        ),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"{APP_NAME} {__version__}",
        help=tr("show program's version number and exit"),
    )
    parser.add_argument(
        "--db", metavar=tr("FILE"), type=Path, help=tr("the program file (.tandem) to work on")
    )
    parser.add_argument(
        "--lang", choices=["de", "en"], help=tr("language of messages and documents")
    )
    subparsers = parser.add_subparsers(dest="command", metavar=tr("COMMAND"), parser_class=_Parser)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def run(argv: Sequence[str]) -> int:
    """Run one command-line job and return its exit code."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            # A file name that is not valid UTF-8 (possible on Linux) is printed with escapes
            # instead of ending a job that has already succeeded with a traceback.
            stream.reconfigure(encoding="utf-8", errors="backslashreplace")
    # As the window: --lang, else the language chosen in the window, else the system's.
    set_language(language_from(argv) or user_prefs.language() or system_language())
    parser = build_parser()
    args = parser.parse_args(list(argv))
    if not args.command:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    if args.db is None:
        parser.print_usage(sys.stderr)
        print(tr("Error: please name the program file with --db FILE."), file=sys.stderr)
        return EXIT_USAGE
    try:
        if getattr(args, "creates_db", False):
            return int(args.handler(args, None))
        db = open_database(args.db)
        try:
            return int(args.handler(args, db))
        finally:
            db.close()
    except KeyboardInterrupt:
        print(tr("Cancelled."), file=sys.stderr)
        return EXIT_USER_ERROR
    except BrokenPipeError:
        # The reader (e.g. `| head`) stopped early: not an error. Point stdout at devnull so
        # Python's final flush does not print a traceback.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:
        # The one place where errors leave the command line: a message the user can act on
        # (also a full disk, a file in use, a read-only file), or a bug's traceback.
        error = as_user_error(exc)
        if error is None:
            raise
        print(error.message, file=sys.stderr)
        return EXIT_USER_ERROR
