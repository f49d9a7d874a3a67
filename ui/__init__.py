"""The PySide6 window: launcher, application context, main window, views and table models."""
