"""The modules Tandem imports by name, collected from the registries that name them.

Commands (`app.cli.COMMAND_MODULES`), views (`ui.views.VIEWS`) and menu commands
(`ui.actions.ACTIONS`) are imported with importlib when first needed, which PyInstaller
cannot see. The spec (`packaging/tandem.spec`) asks this module for the list, so a command,
view or menu command added to its registry is in the next build without another edit; the
self-test imports them all again inside the built program.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable


def by_name_targets() -> list[tuple[str, str]]:
    """(module, attribute) of everything the registries import by name, without repeats."""
    from app.cli import COMMAND_MODULES
    from ui.actions import ACTIONS
    from ui.views import VIEWS

    targets = [(module, "register") for module in COMMAND_MODULES]
    for factory in [view.factory for view in VIEWS] + [action.handler for action in ACTIONS]:
        # Factories made by lazy()/lazy_handler() carry their target; any other factory is
        # a function imported the ordinary way, which PyInstaller follows by itself.
        target = getattr(factory, "target", None)
        if target is not None:
            targets.append(target)
    return list(dict.fromkeys(targets))


def by_name_modules() -> list[str]:
    """The module names of `by_name_targets()`: the spec's hidden imports."""
    return list(dict.fromkeys(module for module, _ in by_name_targets()))


def missing_targets() -> list[str]:
    """The registered `module.attribute` names that do not import (empty when all do)."""
    missing = []
    for module, attribute in by_name_targets():
        try:
            found = hasattr(importlib.import_module(module), attribute)
        except ImportError:
            found = False
        if not found:
            missing.append(f"{module}.{attribute}")
    return missing


def window_steps() -> list[tuple[str, Callable[[], str]]]:
    """The self-test's step for the window: every module registered by name imports."""
    from app.i18n import tr

    def check() -> str:
        from app.selftest import SelfTestFailure

        missing = missing_targets()
        if missing:
            raise SelfTestFailure(tr("{names} do not import.", names=", ".join(missing)))
        return tr("all {count} import", count=len(by_name_targets()))

    def qt_translations() -> str:
        from PySide6.QtCore import QLibraryInfo, QTranslator

        from app.selftest import SelfTestFailure

        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        translator = QTranslator()
        if not translator.load("qtbase_de", folder):
            raise SelfTestFailure(tr("qtbase_de is not in {folder}.", folder=folder))
        cancel = translator.translate("QPlatformTheme", "Cancel")
        if cancel != "Abbrechen":
            raise SelfTestFailure(tr("“Cancel” became “{text}”.", text=cancel))
        return tr("“Cancel” is “{text}”", text=cancel)

    return [
        (tr("Modules of the window and of the commands"), check),
        (tr("Qt's own German texts (dialog buttons)"), qt_translations),
    ]
