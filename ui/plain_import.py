"""The import function PySide6's `__feature__` hook wraps, back in its place.

On start, shiboken replaces `builtins.__import__` with `__feature_import__`, which serves
`from __feature__ import snake_case` (a PySide option Tandem does not use) and, after every
import, swaps `builtins.__import__` process-wide and reads the new module's source file
(`inspect.getsource`) to see whether it names PySide6. Imports on worker threads (the warm-up,
opening a file, making PDFs) then ran that hook beside the window's thread building widgets,
and the program crashed (a segmentation fault, seen in CI with the hook on the worker's stack).
Qt's own sources call the process-wide swap unsafe for threads. Without the hook, imports go
to the function it wrapped (`__orig_import__`: on PySide6 6.11 its lazy loader of Qt modules,
which calls Python's own import for everything else).
"""

from __future__ import annotations

import builtins

import PySide6.QtCore  # noqa: F401 - shiboken installs its hook on this first import

FEATURE_HOOK = "__feature_import__"


def feature_hook_installed() -> bool:
    """True while PySide's `__feature__` import hook is Python's import function."""
    return getattr(builtins.__import__, "__name__", "") == FEATURE_HOOK


def restore_plain_import() -> None:
    """Put back the import function PySide's hook wraps (nothing to do when it is not there,
    as in a PySide version without the hook)."""
    wrapped = getattr(builtins, "__orig_import__", None)
    if feature_hook_installed() and callable(wrapped):
        builtins.__import__ = wrapped
