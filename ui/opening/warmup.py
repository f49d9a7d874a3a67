"""Import, while the window waits on the start page, the modules that opening a file and the
first look at each view need (services, documents, the views themselves): on the start page
the user takes seconds to choose a file, and that time is free, while the same imports on
the first open kept the window busy for half a second.

The imports run on a background thread (they hold no Qt object: module-level code defines
classes and constants). Whoever opens a file first shuts the door (`close()`: no warm-up
begins after that) and waits for one under way (`wait()`), so no import of the warm-up runs
beside the window building the views of the file. A module that fails to import here is
simply imported again later where it is needed (and fails there as it would have).
"""

from __future__ import annotations

import importlib
import logging
import threading

log = logging.getLogger(__name__)

MODULES = (
    # what opening a file needs
    "app.model",
    "app.labels",
    "app.user_errors",
    "app.places",
    "app.services.overview",
    "app.services.stats",
    "app.services.notes",
    "app.services.rounds",
    "app.services.tandems",
    "app.services.settings",
    "app.services.topics",
    "ui.workers",
    "ui.errors",
    "ui.overview_chart",
    "ui.views.overview",
    "ui.notes.window_hooks",
    "ui.safekeep.refusals",
    "ui.safekeep.risky_place",
    # the first look at each view
    "app.services.participants",
    "app.services.sessions",
    "app.services.checkins",
    "app.services.erasure",
    "app.imports.engine",
    "app.documents.agreement",
    "ui.models.participants",
    "ui.views.participants",
    "ui.participant_form",
    "ui.views.rounds",
    "ui.tandem_form",
    "ui.views.tandems",
    "ui.views.sessions",
)

_thread: threading.Thread | None = None
_closed = False
_lock = threading.Lock()


def start() -> None:
    """Begin the imports in the background (once per program run, and only before `close()`)."""
    global _thread
    with _lock:
        if _thread is not None or _closed:
            return
        thread = threading.Thread(target=_import_all, name="warm-up", daemon=True)
        thread.start()
        _thread = thread  # only once started: `wait()` may join it from another thread


def close() -> None:
    """Let no warm-up begin from now on: a file is being opened, and the window's thread is
    about to build its views (a warm-up begun already still runs: `wait()` for it)."""
    global _closed
    with _lock:
        _closed = True


def wait() -> None:
    """Wait until the imports begun by `start()` are done (at once if none were begun)."""
    thread = _thread
    if thread is not None and thread is not threading.current_thread():
        thread.join()


def done() -> bool:
    """True when no imports are under way (done, or never begun)."""
    thread = _thread
    return thread is None or not thread.is_alive()


def _import_all() -> None:
    for name in MODULES:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - imported again where it is needed
            log.info("Warm-up: %s not imported in advance.", name)
