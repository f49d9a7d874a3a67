"""Tandem on a laptop at 150 % display scaling (device pixel ratio 1.5): pictures drawn by
code (padlocks, the import and consent signs) and the company logo in Settings get as many
pixels as the screen shows, so they are sharp instead of stretched and blurred."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter

from ui.hidpi.pixmaps import painted_pixmap, scaled_for_screen
from ui.import_preview import NEW, REJECTED, UPDATE, action_icon
from ui.notes.icons import lock_icon

ROOT = Path(__file__).resolve().parents[2]


def fill_all(painter: QPainter, size: float) -> None:
    """Paints the whole square it is given (in logical coordinates)."""
    painter.fillRect(0, 0, round(size), round(size), QColor("black"))


@pytest.mark.parametrize(
    ("size", "ratio", "pixels"), [(40, 1.5, 60), (16, 1.25, 20), (24, 2.0, 48)]
)
def test_a_painted_pixmap_has_the_pixels_of_the_screen_and_is_drawn_all_over(
    qapp, size: int, ratio: float, pixels: int
) -> None:
    pixmap = painted_pixmap(size, ratio, fill_all)
    assert pixmap.size() == QSize(pixels, pixels)
    assert pixmap.devicePixelRatio() == pytest.approx(ratio)
    assert pixmap.deviceIndependentSize().toSize() == QSize(size, size)
    image = pixmap.toImage()
    # Painting in logical coordinates reaches the last pixel, not only the first `size`.
    assert image.pixelColor(pixels - 1, pixels - 1).alpha() == 255
    assert image.pixelColor(0, 0).alpha() == 255


ICONS = {
    "padlock": lambda: lock_icon(locked=True),
    "open padlock": lambda: lock_icon(locked=False),
    "new": lambda: action_icon(NEW),
    "update": lambda: action_icon(UPDATE),
    "rejected": lambda: action_icon(REJECTED),
    "warning": lambda: action_icon("warning"),
}


@pytest.mark.parametrize("name", list(ICONS))
@pytest.mark.parametrize(("size", "ratio"), [(16, 1.5), (24, 1.5), (32, 1.5), (40, 1.5),
                                             (48, 1.5), (20, 1.25), (32, 2.0)])  # fmt: skip
def test_drawn_icons_are_never_stretched(qapp, name: str, size: int, ratio: float) -> None:
    """Asked for `size` at `ratio`, an icon gives size × ratio real pixels (a stretched
    smaller picture would have fewer pixels and a smaller ratio)."""
    pixmap = ICONS[name]().pixmap(QSize(size, size), ratio)
    assert pixmap.size() == QSize(round(size * ratio), round(size * ratio))
    assert pixmap.devicePixelRatio() == pytest.approx(ratio)


def test_a_logo_is_scaled_to_the_pixels_of_the_screen(qapp) -> None:
    logo = QImage(600, 200, QImage.Format.Format_ARGB32)
    logo.fill(QColor("#1f6f8b"))
    shown = scaled_for_screen(logo, QSize(200, 80), 1.5)
    assert shown.devicePixelRatio() == pytest.approx(1.5)
    assert shown.size() == QSize(300, 100)  # 200 x 66.7 logical pixels, aspect kept
    assert shown.deviceIndependentSize().width() == pytest.approx(200)


PROBE = """
import json, sys
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage
from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtWidgets import QApplication
app = QApplication([])
from ui.notes.dialogs import lock_icon_label
from ui.settings.logo_field import LogoField

def shown(label):
    pixmap = label.pixmap()
    return {"widget_ratio": label.devicePixelRatioF(), "ratio": pixmap.devicePixelRatio(),
            "pixels": [pixmap.width(), pixmap.height()], "logical": [label.width(), label.height()]}

padlock = lock_icon_label(None, 40)
padlock.show()
image = QImage(300, 100, QImage.Format.Format_ARGB32)
image.fill(QColor("#1f6f8b"))
data = QByteArray()
buffer = QBuffer(data)
buffer.open(QIODevice.OpenModeFlag.WriteOnly)
image.save(buffer, "PNG")
field = LogoField(bytes(data.data()))
field.show()
app.processEvents()
room = field.preview.contentsRect().size() - QSize(8, 8)
print(json.dumps({"app": app.devicePixelRatio(), "padlock": shown(padlock),
                  "logo": shown(field.preview), "room": [room.width(), room.height()]}))
"""


def test_at_150_percent_the_padlock_and_the_logo_are_painted_for_the_screen() -> None:
    """The real thing: a separate program with Qt scaling everything by 1.5, as Windows
    does at 150 %."""
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "QT_SCALE_FACTOR")}
    env.update(QT_QPA_PLATFORM="offscreen", QT_SCALE_FACTOR="1.5", PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-X", "faulthandler", "-c", PROBE], cwd=ROOT, env=env,
        capture_output=True, text=True, encoding="utf-8", check=False, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["app"] == pytest.approx(1.5)

    padlock = report["padlock"]
    assert padlock["logical"] == [40, 40]
    assert padlock["ratio"] == pytest.approx(padlock["widget_ratio"]) == pytest.approx(1.5)
    assert padlock["pixels"] == [60, 60]

    logo = report["logo"]
    assert logo["ratio"] == pytest.approx(logo["widget_ratio"]) == pytest.approx(1.5)
    room_width, room_height = report["room"]
    # The 3:1 logo fills the room's width or height with 1.5 pixels per logical pixel.
    width, height = logo["pixels"]
    assert max(width / room_width, height / room_height) == pytest.approx(1.5, abs=0.02)
    assert width / height == pytest.approx(3, rel=0.03)


def test_drawn_icons_stay_in_shape(qapp) -> None:
    """The padlock painted at 150 % is the same picture as at 100 %, only finer: scaled
    down to 100 % it matches the 100 % painting almost pixel for pixel."""
    icon = lock_icon(locked=True)
    small = icon.pixmap(QSize(40, 40), 1.0).toImage()
    fine = icon.pixmap(QSize(40, 40), 1.5).toImage()
    reduced = fine.scaled(40, 40, Qt.AspectRatioMode.IgnoreAspectRatio,
                          Qt.TransformationMode.SmoothTransformation)  # fmt: skip
    differing = sum(
        abs(small.pixelColor(x, y).alpha() - reduced.pixelColor(x, y).alpha()) > 96
        for x in range(40)
        for y in range(40)
    )
    assert differing < 40 * 40 * 0.03
