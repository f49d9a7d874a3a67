"""Guard against a Qt binding that corrupts Python's reference counts.

PySide6 6.12.0 on Python 3.11 dropped a reference to None on every call returning None and to
True on every signal emit; a long session then aborted with "Fatal Python error: none_dealloc".
A fresh process makes many such calls, as a day of work in the window would, and must survive.
"""

from __future__ import annotations

import os
import subprocess
import sys

SCRIPT = """
import sys
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QLabel

app = QApplication([])
label = QLabel()

class Emitter(QObject):
    changed = Signal(bool)
    progress = Signal(int, int)

emitter = Emitter()
emitter.changed.connect(lambda value: None)
emitter.progress.connect(lambda done, total: None)
none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
for i in range(40000):
    label.setText("x")
    app.processEvents()
    emitter.changed.emit(True)
    emitter.progress.emit(i, 40000)
print(sys.getrefcount(None) - none_before, sys.getrefcount(True) - true_before)
"""


def test_many_qt_calls_keep_reference_counts_intact() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    none_drift, true_drift = (int(x) for x in result.stdout.split())
    assert abs(none_drift) < 100 and abs(true_drift) < 100
