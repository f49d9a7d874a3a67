"""Shared fixtures: offscreen Qt, a fresh program file per test, English by default."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from sqlite_utils import Database  # noqa: E402

from app import i18n  # noqa: E402
from app.db import create_database, open_database  # noqa: E402

DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """Keep Tandem's own settings, recent files and logs out of the real home folder,
    and start every test in English."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("TANDEM_HOME", str(home))
    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture(autouse=True)
def _no_key_held_from_an_earlier_test() -> None:
    """Start every window test with no modifier key held (`tests/helpers/qt_state.py`): the
    new-meeting test failed in CI behind a test that ended with Shift+Tab."""
    if "PySide6.QtWidgets" not in sys.modules:
        return
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is not None:
        from tests.helpers.qt_state import release_held_modifiers

        release_held_modifiers()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """The path of a new, empty program file."""
    path = tmp_path / "program.tandem"
    create_database(path).close()
    return path


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    """An open, empty program file."""
    database = open_database(db_path)
    yield database
    database.close()


@pytest.fixture
def data_file(tmp_path: Path):
    """Copy a canned file from tests/data into the temp folder and return its path."""

    def copy(name: str) -> Path:
        target = tmp_path / name
        shutil.copyfile(DATA / name, target)
        return target

    return copy


# --- the file system refusing, as it refuses an ordinary user ----------------------------------


@contextmanager
def ordinary_user() -> Iterator[None]:
    """Within the block the file system refuses this test what it refuses an ordinary user.

    CI runs as root, and root may write into read-only files and folders (the capability
    CAP_DAC_OVERRIDE). Here root sets that capability and CAP_DAC_READ_SEARCH aside for the
    block (the thread's effective set; threads started inside inherit it) and takes them back
    afterwards. For anyone else there is nothing to set aside.
    """
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        yield
        return
    import ctypes

    class Header(ctypes.Structure):
        _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]

    class Data(ctypes.Structure):
        _fields_ = [
            ("effective", ctypes.c_uint32),
            ("permitted", ctypes.c_uint32),
            ("inheritable", ctypes.c_uint32),
        ]

    libc = ctypes.CDLL(None, use_errno=True)
    header, data = Header(0x20080522, 0), (Data * 2)()  # _LINUX_CAPABILITY_VERSION_3
    if libc.capget(ctypes.byref(header), data) != 0:
        raise OSError(ctypes.get_errno(), "capget failed")
    kept = data[0].effective
    data[0].effective = kept & ~((1 << 1) | (1 << 2))  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
    if libc.capset(ctypes.byref(header), data) != 0:
        raise OSError(ctypes.get_errno(), "capset failed: the test cannot act as an ordinary user")
    try:
        yield
    finally:
        data[0].effective = kept
        libc.capset(ctypes.byref(header), data)


@contextmanager
def read_only(*paths: Path) -> Iterator[None]:
    """The files and folders in `paths` are read-only for the block, and the system enforces
    it (see `ordinary_user`); their permissions are restored afterwards."""
    modes = [(path, path.stat().st_mode) for path in paths]
    for path, mode in modes:
        path.chmod(stat.S_IMODE(mode) & ~0o222)
    try:
        with ordinary_user():
            yield
    finally:
        for path, mode in modes:
            path.chmod(stat.S_IMODE(mode))


# --- a busy file and a full disk ------------------------------------------------------------------

_HOLDER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN " + sys.argv[2])
print("holding", flush=True)
sys.stdin.readline()
conn.execute("ROLLBACK")
conn.close()
"""


class OtherProgram:
    """Another process writing to a program file (a second Tandem, a sync tool): it holds
    the file's write lock from the start until `release()`; with `exclusive=True` it holds
    the lock SQLite takes while it commits, which keeps readers out too."""

    def __init__(self, path: Path, *, exclusive: bool = False) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", _HOLDER, str(path), "EXCLUSIVE" if exclusive else "IMMEDIATE"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        assert self.process.stdout.readline() == "holding\n"
        self._lock = threading.Lock()

    def release(self) -> None:
        """Let go of the lock (the other program finished its write) and end the process."""
        with self._lock:
            if self.process.poll() is None:
                assert self.process.stdin is not None
                self.process.stdin.write("\n")
                self.process.stdin.flush()
            self.process.wait(timeout=30)
            for stream in (self.process.stdin, self.process.stdout):
                if stream is not None:
                    stream.close()

    def release_after(self, seconds: float) -> None:
        """Let go of the lock a moment later, while this test is already waiting for it."""
        threading.Timer(seconds, self.release).start()


ROOT = Path(__file__).resolve().parent.parent


# A second Tandem: it opens the file as Tandem does and holds it until it is killed.
TANDEM_HOLDER = """
import sys
sys.path.insert(0, sys.argv[1])
from app.db import open_database
db = open_database(sys.argv[2])
print("holding", flush=True)
sys.stdin.readline()
"""


class AnotherTandem:
    """A second Tandem process that opens `path` and holds it until killed."""

    def __init__(self, path: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", TANDEM_HOLDER, str(ROOT), str(path)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        assert line == "holding\n", self.process.stderr.read() if self.process.stderr else ""

    def kill(self) -> None:
        """SIGKILL (TerminateProcess on Windows): no chance to let go of anything."""
        self.process.kill()
        self.process.wait(timeout=30)
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()


@contextmanager
def held_by_another_program(path: Path, *, exclusive: bool = False) -> Iterator[OtherProgram]:
    """`path` is being written by another process for the duration of the block (or until
    the test calls `release()` on what the block gets)."""
    other = OtherProgram(path, exclusive=exclusive)
    try:
        yield other
    finally:
        other.release()


@pytest.fixture
def impatient(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tandem waits 0.2 s instead of 5 s for a busy file, and tries 0.2 s instead of 1.5 s to
    get the lock of a file another program holds, so that a test of giving up is quick."""
    from app.db import connection, owner

    monkeypatch.setattr(connection, "BUSY_TIMEOUT_SECONDS", 0.2)
    monkeypatch.setattr(owner, "LOCK_RETRY_SECONDS", 0.2)


@pytest.fixture
def disk_full(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every program file Tandem opens from now on has no room to grow, as on a full disk:
    SQLite's `max_page_count` is set to the file's size, so a write that needs a new page
    fails with the error a full disk gives (SQLITE_FULL)."""
    from app.db import connection

    configure = connection.configure

    def no_room(db: Database) -> None:
        configure(db)
        pages = db.execute("PRAGMA page_count").fetchone()[0]
        db.execute(f"PRAGMA max_page_count = {max(pages, 1)}")

    monkeypatch.setattr(connection, "configure", no_room)


def unchanged(path: Path, before: bytes) -> bool:
    """True when the file holds exactly `before` and SQLite left no journal with content
    beside it (while Tandem holds a file, SQLite keeps an empty journal there)."""
    journal = path.with_name(path.name + "-journal")
    return path.read_bytes() == before and (not journal.exists() or journal.stat().st_size == 0)


STORAGE_FAILURES = ("busy", "read-only file", "read-only folder", "disk full")
"""The ways the disk or another program can refuse a job, for `storage_failure`. "busy" (another
program holds the file) refuses the job when it opens the file; the others refuse its write."""

WRITE_FAILURES = ("read-only file", "read-only folder", "disk full")
"""The ways a write can still be refused once Tandem holds the file (no other program can
take it from Tandem then: see app/db/owner.py)."""

STORAGE_MESSAGES = {
    "busy": {
        "en": "The file {name} is open in another Tandem window, on this computer or another "
        "one, or another program is using it. Tandem lets one window at a time work on a "
        "file, so that no change is lost. Close it there and open it here again. The file was "
        "not changed.",
        "de": "Die Datei {name} ist in einem anderen Tandem-Fenster geöffnet, auf diesem oder "
        "einem anderen Computer, oder ein anderes Programm verwendet sie. Tandem lässt immer "
        "nur ein Fenster an einer Datei arbeiten, damit keine Änderung verloren geht. "
        "Schließen Sie sie dort und öffnen Sie sie hier noch einmal. Die Datei wurde nicht "
        "verändert.",
    },
    "read-only file": {
        "en": "The file {name} is read-only: Tandem can show it but not change it. Copy it into "
        "a folder you may change, or ask for write access, and open it again. Your last change "
        "was not saved.",
        "de": "Die Datei {name} ist schreibgeschützt: Tandem kann sie anzeigen, aber nicht "
        "ändern. Kopieren Sie sie in einen Ordner, den Sie ändern dürfen, oder lassen Sie sich "
        "Schreibrechte geben, und öffnen Sie sie erneut. Ihre letzte Änderung wurde nicht "
        "gespeichert.",
    },
    "read-only folder": {
        "en": "Tandem may not write in the folder of the file {name}: while it saves, it keeps "
        "a temporary file beside the program file. Copy the file into a folder you may change "
        "(for example Documents) and open it there. Your last change was not saved.",
        "de": "Tandem darf im Ordner der Datei {name} nicht schreiben: Beim Speichern legt es "
        "eine vorübergehende Datei neben die Programmdatei. Kopieren Sie die Datei in einen "
        "Ordner, den Sie ändern dürfen (zum Beispiel „Dokumente“), und öffnen Sie sie dort. "
        "Ihre letzte Änderung wurde nicht gespeichert.",
    },
    "disk full": {
        "en": "There is no space left on the disk that holds the file {name}. Free some space "
        "and try again. Your last change was not saved.",
        "de": "Auf dem Datenträger mit der Datei {name} ist kein Platz mehr frei. Schaffen Sie "
        "Platz und versuchen Sie es noch einmal. Ihre letzte Änderung wurde nicht gespeichert.",
    },
}
"""What the user is told for each of STORAGE_FAILURES when a change to the file fails (or,
for "busy", when the file cannot be opened)."""


@contextmanager
def storage_failure(kind: str, path: Path, request: pytest.FixtureRequest) -> Iterator[None]:
    """Within the block, the program file `path` is refused as `kind` (one of
    STORAGE_FAILURES) says: another process holds it (and Tandem tries only 0.2 s to get it),
    the file or its folder is read-only, or the disk is full. Open the file inside the block:
    a read-only file is read-only from when it is opened."""
    if kind == "busy":
        request.getfixturevalue("impatient")
        with held_by_another_program(path):
            yield
    elif kind == "read-only file":
        with read_only(path):
            yield
    elif kind == "read-only folder":
        with read_only(path.parent):
            yield
    elif kind == "disk full":
        request.getfixturevalue("disk_full")
        yield
    else:
        raise ValueError(kind)
