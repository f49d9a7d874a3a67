"""Load a module from packaging/ (a folder of build scripts, not a package: its name would
shadow the `packaging` library that PyInstaller and pip import)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

FOLDER = Path(__file__).resolve().parent.parent.parent / "packaging"


def packaging_module(name: str) -> ModuleType:
    """packaging/<name>.py as a module."""
    spec = importlib.util.spec_from_file_location(f"tandem_packaging_{name}", FOLDER / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
