"""Every library shipped with Tandem and the font are listed with their licence text."""

from __future__ import annotations

import importlib.metadata
import re
import tomllib
from pathlib import Path

from app.licenses import COMPONENTS, shipped_components

ROOT = Path(__file__).resolve().parent.parent
NOT_SHIPPED = {"pip"}
"""Installed with sqlite-utils for its `install` command, which Tandem never runs."""


def _key(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _runtime_distributions() -> set[str]:
    """The project's dependencies and theirs, as installed here."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    found: set[str] = set()
    todo = [re.split(r"[ ;<>=!~\[(]", req, maxsplit=1)[0] for req in project["dependencies"]]
    while todo:
        name = _key(todo.pop())
        if name in found:
            continue
        try:
            requires = importlib.metadata.requires(name) or []
        except importlib.metadata.PackageNotFoundError:
            continue
        found.add(name)
        for req in requires:
            if "extra ==" not in req:
                todo.append(re.split(r"[ ;<>=!~\[(]", req, maxsplit=1)[0])
    return found - NOT_SHIPPED


def test_every_bundled_library_is_listed_with_its_licence() -> None:
    listed = {_key(d) for component in COMPONENTS for d in component.distributions}
    missing = _runtime_distributions() - listed
    assert not missing, f"add these to app/licenses.py: {sorted(missing)}"
    names = {component.name for component in shipped_components()}
    assert {"Python", "SQLite", "Noto Sans", "ReportLab", "openpyxl", "cryptography"} <= names
    assert "Qt 6 / Qt for Python (PySide6, Shiboken6)" in names


def test_each_shipped_component_has_its_licence_text() -> None:
    for component in shipped_components():
        text = component.licence_text()
        assert len(text) > 200, component.name
    qt = next(c for c in COMPONENTS if c.name.startswith("Qt"))
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in qt.licence_text()
    assert "Version 3" in qt.licence_text()
    noto = next(c for c in COMPONENTS if c.name == "Noto Sans")
    assert "SIL Open Font License, Version 1.1" in noto.licence_text()


def test_licences_agree_with_the_installed_metadata() -> None:
    for component in shipped_components():
        for distribution in component.distributions[:1]:
            meta = importlib.metadata.metadata(distribution)
            declared = " ".join(
                filter(None, [meta.get("License-Expression"), meta.get("License") or ""])
            ) + " ".join(meta.get_all("Classifier") or [])
            family = re.split(r"[-. ]", component.licence)[0]
            assert family.lower() in declared.lower() or component.name in {
                "click-default-group"  # metadata says public domain; its LICENSE file is BSD
            }, (component.name, declared[:200])
            assert component.version() == importlib.metadata.version(distribution)
