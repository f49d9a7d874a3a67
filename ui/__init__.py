"""The PySide6 window: launcher, application context, main window, views and table models."""

from ui.plain_import import restore_plain_import

restore_plain_import()  # before any worker thread imports a module (see ui/plain_import.py)
