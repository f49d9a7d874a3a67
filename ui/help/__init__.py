"""Help → User guide (F1): a short guide through a round, shipped in German and English
(resources/guide/), shown beside the window."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ui.main_window import MainWindow

_OPEN = "_tandem_guide_dialog"


def run(window: MainWindow) -> None:
    """Show the guide in the window's language; a guide already open comes to the front (in
    the new language when the user switched since)."""
    from app.i18n import language
    from ui.help.guide_dialog import GuideDialog

    dialog: GuideDialog | None = getattr(window, _OPEN, None)
    if dialog is None or dialog.lang != GuideDialog.guide_language(language()):
        if dialog is not None:
            dialog.close()
        dialog = GuideDialog(language(), window)
        setattr(window, _OPEN, dialog)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
