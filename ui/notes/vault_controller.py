"""One `NoteVault` per open program file, and the window's side of locking.

The controller follows the `AppContext`: a new vault when a file is opened, the vault closed
(key overwritten with zeros) when the file is closed, another file is opened, the window
closes or the program quits. A timer asks the vault every 15 seconds whether ten minutes
passed without use; when the vault locks (for whatever reason) the controller emits `locked`
and every notes panel, editor and indicator hides what it showed.

The notes service (and `cryptography` behind it) is imported when the first file is opened,
not at start-up.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

from ui.context import NOTES, AppContext

if TYPE_CHECKING:
    from app.services.notes import NoteVault

CHECK_INTERVAL_MS = 15_000
"""How often the idle time is checked (the vault measures it on the wall clock)."""


@contextlib.contextmanager
def busy_cursor() -> Iterator[None]:
    """A wait cursor while the key is derived (about a third of a second) or after a wrong
    passphrase (the vault's deliberate short delay)."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


class NotesController(QObject):
    """The notes of the file open in the window: lock state, dialogs, and the vault."""

    locked = Signal()
    """The notes locked (on demand, after idle time, or because the file closed)."""
    unlocked = Signal()
    """The notes were unlocked (or set up, which unlocks them)."""
    state_changed = Signal()
    """Anything the lock indicator shows changed: file, set-up, lock state, demo hint."""

    def __init__(self, context: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent or context)
        self.context = context
        self.vault_options: dict[str, Any] = {}
        """Keyword arguments for each new `NoteVault` (tests pass a fake clock and sleep)."""
        self._vault: NoteVault | None = None
        self.last_unlock_offered_change = False
        """True when the last unlock used the recovery key, so a new passphrase was offered."""
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_INTERVAL_MS)
        self.timer.timeout.connect(self.check_expiry)
        context.database_opened.connect(self._sync)
        context.database_closed.connect(self._sync)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.close_vault)
        self._sync()

    # --- the vault of the open file ----------------------------------------------------------
    @property
    def vault(self) -> NoteVault | None:
        """The vault of the file open now (None when no file is open). A vault left from a
        file that was closed or replaced is closed here, whoever asks first."""
        db = self.context.db
        if self._vault is not None and self._vault.db is not db:
            self.close_vault()
        if self._vault is None and db is not None:
            from app.services.notes import NoteVault

            self._vault = NoteVault(db, **self.vault_options)
            self._vault.add_lock_listener(self._on_vault_locked)
            self.timer.start()
            self.state_changed.emit()
        return self._vault

    def close_vault(self) -> None:
        """Lock and forget the vault (the file closes, or the program ends)."""
        vault, self._vault = self._vault, None
        self.timer.stop()
        if vault is not None:
            vault.close()  # overwrites the key; the listener announces the lock
            vault.remove_lock_listener(self._on_vault_locked)
            self.state_changed.emit()

    def _sync(self) -> None:
        self.vault  # noqa: B018 - creates or closes the vault to match the open file
        self.state_changed.emit()

    def _on_vault_locked(self) -> None:
        self.locked.emit()
        self.state_changed.emit()

    # --- state -----------------------------------------------------------------------------------
    @property
    def is_open(self) -> bool:
        """True while a program file is open."""
        return self.context.db is not None

    def is_set_up(self) -> bool:
        """True once a passphrase was chosen for the open file."""
        vault = self.vault
        return vault is not None and vault.is_set_up

    def is_unlocked(self) -> bool:
        """True while the notes of the open file can be read."""
        vault = self.vault
        return vault is not None and vault.is_unlocked

    def seconds_until_lock(self) -> float | None:
        """Seconds before the automatic lock, or None when locked."""
        vault = self.vault
        return vault.seconds_until_lock() if vault is not None else None

    def demo_hint(self) -> str | None:
        """The passphrase of a demo file (`demo`), None for every real file."""
        db = self.context.db
        if db is None:
            return None
        from app.services.notes import demo_passphrase_hint

        return demo_passphrase_hint(db)

    def count(self, owner_kind: str, owner_id: int) -> int:
        """How many notes an owner has (works while locked)."""
        db = self.context.db
        if db is None:
            return 0
        from app.services.notes import count_notes

        return count_notes(db, owner_kind, [owner_id]).get(owner_id, 0)

    def check_expiry(self) -> bool:
        """Lock when the idle time ran out (the timer calls this); True while unlocked."""
        vault = self._vault
        if vault is None:
            return False
        unlocked = vault.check_expiry()
        if unlocked:
            self.state_changed.emit()  # the minutes left in the indicator
        return unlocked

    def touch(self) -> None:
        """Count as use (typing in a note): restarts the idle time."""
        if self._vault is not None:
            self._vault.touch()

    def lock_now(self) -> bool:
        """Lock at once; False when the notes were not unlocked."""
        vault = self._vault
        if vault is None or not vault.is_unlocked:
            return False
        vault.lock()
        return True

    def notes_written(self) -> None:
        """Tell every view that notes were added, changed or deleted (counts, lists)."""
        self.context.notify_changed(NOTES)

    def announce_unlocked(self) -> None:
        """Called by the dialogs after a successful unlock, set-up or passphrase change."""
        self.unlocked.emit()
        self.state_changed.emit()

    # --- flows with dialogs ------------------------------------------------------------------
    def ensure_unlocked(self, parent: QWidget | None) -> bool:
        """Unlocked already, or set up (first note) or unlocked by the user now."""
        return self.run_unlock(parent)

    def run_setup(self, parent: QWidget | None) -> bool:
        """The set-up dialog: passphrase, then the recovery key shown once."""
        from ui.notes.dialogs import SetupDialog

        if self.vault is None:
            return False
        dialog = SetupDialog(self, parent)
        try:
            return bool(dialog.exec()) and self.is_unlocked()
        finally:
            dialog.deleteLater()

    def run_unlock(self, parent: QWidget | None) -> bool:
        """The unlock dialog; after a recovery-key unlock, offers a new passphrase."""
        from ui.notes.dialogs import ChangePassphraseDialog, UnlockDialog

        vault = self.vault
        if vault is None:
            return False
        if vault.is_unlocked:
            return True
        if not vault.is_set_up:
            return self.run_setup(parent)
        self.last_unlock_offered_change = False
        dialog = UnlockDialog(self, parent)
        try:
            if not dialog.exec():
                return False
        finally:
            dialog.deleteLater()
        if vault.unlocked_with_recovery_key:
            self.last_unlock_offered_change = True
            change = ChangePassphraseDialog(self, parent, after_recovery=True)
            try:
                change.exec()
            finally:
                change.deleteLater()
        return self.is_unlocked()

    def run_change_passphrase(self, parent: QWidget | None) -> bool:
        """Change the passphrase (unlocking first when needed)."""
        from ui.notes.dialogs import ChangePassphraseDialog

        vault = self.vault
        if vault is None:
            return False
        if not vault.is_set_up:
            return self.run_setup(parent)
        if not vault.is_unlocked:
            if not self.run_unlock(parent):
                return False
            if self.last_unlock_offered_change:
                return True  # unlocked with the recovery key: the change was just offered
        dialog = ChangePassphraseDialog(self, parent)
        try:
            return bool(dialog.exec())
        finally:
            dialog.deleteLater()
