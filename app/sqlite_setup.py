"""How Tandem imports sqlite-utils, for the window and the command line alike (kept apart from
app.db, whose import would load sqlite-utils first)."""

from __future__ import annotations

import sys


def prepare_sqlite_utils() -> None:
    """Import sqlite-utils without numpy and pandas, and without its plugin scan.

    sqlite-utils imports numpy when it is installed (matching needs it) only to map numpy
    number types to column types, which Tandem never stores: ~50 ms of start-up. numpy stays
    importable for the code that needs it (matching) later. And on the first `Database()`
    it scans every installed package for sqlite-utils plugins (~17 ms); Tandem uses none and
    wants no third-party code hooked into its files, so the scan is marked as done.
    """
    if "sqlite_utils" not in sys.modules:
        blocked = [name for name in ("numpy", "pandas") if name not in sys.modules]
        for name in blocked:
            sys.modules[name] = None  # type: ignore[assignment]
        try:
            import sqlite_utils  # noqa: F401
        finally:
            for name in blocked:
                if sys.modules.get(name) is None:
                    del sys.modules[name]
    import sqlite_utils.plugins

    sqlite_utils.plugins._plugins_loaded = True
