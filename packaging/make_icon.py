"""Draw Tandem's icon (two overlapping circles on a teal tile) into resources/icons/.

    python packaging/make_icon.py

Run once; the PNG and the Windows .ico it writes are committed. Uses Pillow (ReportLab's
dependency, so it is installed).
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "resources" / "icons"
SIZE = 256


def draw(size: int = SIZE) -> Image.Image:
    """The icon at `size` pixels, drawn 4x larger and scaled down for smooth edges."""
    big = size * 4
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image, "RGBA")
    pen.rounded_rectangle((0, 0, big - 1, big - 1), radius=big // 5, fill=(17, 94, 89, 255))
    radius = big * 0.24
    centre_y = big / 2
    for centre_x, colour in ((big * 0.38, (255, 255, 255, 235)), (big * 0.62, (94, 234, 212, 200))):
        pen.ellipse(
            (centre_x - radius, centre_y - radius, centre_x + radius, centre_y + radius),
            outline=colour,
            width=big // 16,
        )
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    """Write tandem.png (256 px) and tandem.ico (16 to 256 px)."""
    FOLDER.mkdir(parents=True, exist_ok=True)
    icon = draw()
    icon.save(FOLDER / "tandem.png")
    icon.save(FOLDER / "tandem.ico", sizes=[(s, s) for s in (16, 24, 32, 48, 64, 128, 256)])
    print(f"Wrote {FOLDER / 'tandem.png'} and {FOLDER / 'tandem.ico'}")


if __name__ == "__main__":
    main()
