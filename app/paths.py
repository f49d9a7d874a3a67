"""Where Tandem's own files live: resources in the source tree or in a frozen bundle,
and the per-user folder for settings and logs."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def resources_dir() -> Path:
    """The `resources/` folder, in a checkout or inside a PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def user_data_dir() -> Path:
    """The per-user folder for Tandem's own settings and logs (never the program files)."""
    override = os.environ.get("TANDEM_HOME")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / "Tandem"
    base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return base / "tandem"


def program_folder() -> Path:
    """Where the program itself lives: the folder of the executable in a frozen build
    (`%LOCALAPPDATA%\\Programs\\Tandem` after a per-user install), else the source checkout.
    Tandem never writes here: an installed program folder may be read-only, and an update
    or uninstall replaces it."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return Path(__file__).resolve().parent.parent
