"""The program's log: a small rotating file in the per-user folder.

What is logged: start-up, file-level events without names of people, and tracebacks of bugs.
Never logged: personal data, note contents, local variable values (tracebacks are formatted
without locals, see `format_traceback`).
"""

from __future__ import annotations

import logging
import logging.handlers
import traceback
from pathlib import Path
from types import TracebackType

from app.paths import user_data_dir

LOG_FILE = "tandem.log"
_handler: logging.Handler | None = None


def log_path() -> Path:
    """The current log file."""
    return user_data_dir() / "logs" / LOG_FILE


def setup_logging(level: int = logging.INFO) -> Path | None:
    """Send the root logger to a rotating file (3 x 512 KiB); return its path, or None when
    the folder cannot be written (the program then runs without a log)."""
    global _handler
    path = log_path()
    if _handler is not None:
        return path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=512 * 1024, backupCount=3, encoding="utf-8", delay=True
        )
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(level)
    _handler = handler
    return path


def active_log_path() -> Path | None:
    """The log file while the program writes one (None when it could not be set up)."""
    return log_path() if _handler is not None else None


def stop_logging() -> None:
    """Detach and close the log file (at exit, and between tests)."""
    global _handler
    if _handler is not None:
        logging.getLogger().removeHandler(_handler)
        _handler.close()
        _handler = None


def format_traceback(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> str:
    """A traceback naming files, lines and the exception type only.

    The exception's message is left out too: it can quote values (a name, an e-mail address)
    from the data being worked on.
    """
    frames = traceback.extract_tb(tb)
    lines = ["Traceback (most recent call last):"]
    for frame in frames:
        lines.append(f'  File "{_short(frame.filename)}", line {frame.lineno}, in {frame.name}')
    lines.append(f"{exc_type.__module__}.{exc_type.__qualname__}")
    return "\n".join(lines)


def _short(filename: str) -> str:
    """A file path without the user's home folder in it."""
    parts = Path(filename).parts
    for anchor in ("site-packages", "app", "ui", "tools"):
        if anchor in parts:
            index = len(parts) - 1 - parts[::-1].index(anchor)
            return "/".join(parts[index:])
    return Path(filename).name
