"""Help → About Tandem: the version, what the program does, where its files live (each with a
button to open the folder), and the licences of the libraries and the font it ships."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def run(window: MainWindow) -> None:
    """Show the About dialog for the file open in `window` (if any)."""
    from ui.about.about_dialog import AboutDialog, places_for

    AboutDialog(places_for(window.context), window).exec()
