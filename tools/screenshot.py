"""Make the README screenshots: the participants view on demo data, in English and German.

    python -m tools.screenshot            # writes docs/screenshot-en.png and docs/screenshot-de.png

Runs offscreen (no display needed) against a fresh demo file in a temporary folder and a
temporary settings folder, so it never touches the user's own files or preferences.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    parser.add_argument("--view", default="participants")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=800)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    with tempfile.TemporaryDirectory(prefix="tandem-shot-") as tmp:
        os.environ["TANDEM_HOME"] = str(Path(tmp) / "home")
        from PySide6.QtWidgets import QApplication

        from app.db import create_database
        from app.demo import generate_demo
        from app.i18n import set_language
        from ui.context import AppContext
        from ui.launcher import install_qt_translations
        from ui.main_window import MainWindow

        app = QApplication.instance() or QApplication(["tandem-screenshot"])
        args.out.mkdir(parents=True, exist_ok=True)
        for code in ("en", "de"):
            set_language(code)
            install_qt_translations(app, code)
            # The demo company speaks the language it is made in (departments, positions).
            (Path(tmp) / code).mkdir()
            path = Path(tmp) / code / "demo.tandem"
            db = create_database(path)
            generate_demo(db, participants=120, seed=1)
            db.close()
            context = AppContext()
            window = MainWindow(context)
            window.resize(args.width, args.height)
            window.show()
            context.open(path, remember=False)
            window.show_view(args.view)
            for _ in range(5):
                app.processEvents()
            target = args.out / f"screenshot-{code}.png"
            window.grab().save(str(target))
            print(target)
            window.close()
            context.shutdown()
            window.deleteLater()
            app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
