"""PyInstaller run-time hook in place of its own `pyi_rth_pyside6`.

PyInstaller's hook imports PySide6.QtCore at every start (to check for an embedded qt.conf,
which the PyPI wheels register themselves when QtCore is imported): ~0.3 s before every
command-line job, which never needs Qt. This one only points Qt at the bundle's plugins and,
on Windows, puts the bundle folder on PATH for QtNetwork's OpenSSL, as that hook does.
"""

import os
import sys


def _point_qt_at_the_bundle() -> None:
    if sys.platform.startswith("win"):
        qt_folder = os.path.join(sys._MEIPASS, "PySide6")
        os.environ["PATH"] = sys._MEIPASS + os.pathsep + os.environ.get("PATH", "")
    else:
        qt_folder = os.path.join(sys._MEIPASS, "PySide6", "Qt")
    os.environ["QT_PLUGIN_PATH"] = os.path.join(qt_folder, "plugins")


_point_qt_at_the_bundle()
del _point_qt_at_the_bundle
