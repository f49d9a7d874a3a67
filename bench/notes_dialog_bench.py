"""Opening a person's private notes in the window with 1,000 notes (target: under 1 s, from
the click to the filled list; it used to take about 0.1 s).

    python bench/notes_dialog_bench.py [--notes 1000] [--repeat 5]

A program file with one participant and that many notes (set up and written through the
notes service) is opened in the real main window (offscreen) and the notes unlocked. Each
repeat builds the "Private notes" dialog for the participant, shows it and processes events
until the list is filled (titles decrypted). Prints the median and the slowest opening;
exit code 1 when the slowest misses the target.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TARGET_MS = 1000.0
PASSPHRASE = "Der Zug nach Hamburg fährt um neun"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    os.environ.setdefault("TANDEM_HOME", tempfile.mkdtemp(prefix="tandem-bench-home-"))
    from PySide6.QtWidgets import QApplication

    from app.db import create_database
    from app.model import ParticipantInput
    from app.services import notes, participants
    from ui.context import AppContext
    from ui.main_window import MainWindow
    from ui.notes.notes_panel import NotesDialog

    app = QApplication([])
    folder = Path(tempfile.mkdtemp(prefix="tandem-notes-bench-"))
    path = folder / "notes.tandem"
    db = create_database(path)
    person = participants.create_participant(db, ParticipantInput("Łukasz", "Dvořák-Şahin"))
    vault = notes.NoteVault(db)
    vault.setup(PASSPHRASE)
    text = "Ein vertraulicher Absatz über ein Gespräch im Tandem. " * 8
    started = time.perf_counter()
    with db.atomic():
        for number in range(args.notes):
            vault.add_note("participant", person.id, f"Notiz {number}", text)
    print(f"{args.notes:,} notes written in {time.perf_counter() - started:.1f} s")
    vault.close()
    db.close()

    context = AppContext()
    window = MainWindow(context)
    window.resize(1280, 800)
    window.show()
    window.open_path(path)
    app.processEvents()
    controller = window.notes  # type: ignore[attr-defined]

    def open_dialog() -> list[float]:
        times: list[float] = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            dialog = NotesDialog(controller, "participant", person.id, person.name, window)
            dialog.show()
            app.processEvents()
            times.append((time.perf_counter() - t0) * 1000)
            shown = dialog.panel.list.topLevelItemCount()
            assert shown == args.notes, f"{shown} notes listed, {args.notes} written"
            dialog.close()
            dialog.deleteLater()
            app.processEvents()
        return times

    controller.vault.unlock(PASSPHRASE)
    times = open_dialog()
    print(
        f"opening the notes of one person: {len(times)} times, median "
        f"{statistics.median(times):.1f} ms, slowest {max(times):.1f} ms"
    )
    context.shutdown()
    ok = max(times) < TARGET_MS
    print(
        f"target: opening with {args.notes:,} notes < {TARGET_MS:.0f} ms: {'met' if ok else 'MISSED'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
