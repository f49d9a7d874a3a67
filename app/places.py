"""Risky places for a program file: network shares and cloud-synchronised folders.

SQLite's own documentation warns against network file systems, and the sync clients of
OneDrive, Dropbox and the like copy a file while it is being written, or let two people open
it on two computers (see shared/STACK.md). Tandem warns when a file is opened or created in
such a place and offers to move it to a local folder; new files start in the local
Documents folder.

The detection is made of pure functions over the path (tested with Windows paths on any
system); only the drive type of a drive letter asks Windows (`GetDriveTypeW`), and only on
Windows.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePath, PureWindowsPath

NETWORK, CLOUD = "network", "cloud"

DRIVE_REMOTE = 4
"""GetDriveTypeW's answer for a network drive."""

# Folder names that sync clients use, compared without case; a name that starts with one of
# the `prefixes` also counts ("OneDrive - Firma GmbH", "Dropbox (Firma)", "Box Sync").
_SERVICES: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("OneDrive", (), ("onedrive",)),
    ("Dropbox", (), ("dropbox",)),
    ("Google Drive", ("my drive", "meine ablage", "shared drives", "geteilte ablagen"),
     ("google drive", "googledrive")),
    ("iCloud Drive", ("icloud drive", "iclouddrive", "com~apple~clouddocs", "mobile documents"),
     ()),
    ("Nextcloud", (), ("nextcloud",)),
    ("Box", ("box", "box sync"), ("box sync",)),
)  # fmt: skip
# Environment variables that name a sync folder on Windows.
_SYNC_VARIABLES = {
    "OneDrive": "OneDrive",
    "OneDriveCommercial": "OneDrive",
    "OneDriveConsumer": "OneDrive",
}

DriveType = Callable[[str], int | None]
"""`drive_type("X:")`: Windows' drive type of a drive letter, or None when unknown."""


@dataclass(frozen=True)
class Risk:
    """Why a place is risky for a program file."""

    kind: str
    """NETWORK or CLOUD."""
    service: str = ""
    """For CLOUD: the sync service ("OneDrive", "Dropbox", …)."""


def risk_of(
    path: PurePath | str,
    *,
    windows: bool | None = None,
    drive_type: DriveType | None = None,
    environment: dict[str, str] | None = None,
) -> Risk | None:
    """Why `path` is a risky place for a program file, or None for a local folder.

    `windows` says whether the path is a Windows path (by default: on Windows);
    `drive_type` and `environment` stand in for Windows and the process environment.
    """
    windows = (sys.platform == "win32") if windows is None else windows
    pure: PurePath = PureWindowsPath(path) if windows else PurePath(path)
    if windows:
        network = _network_risk(pure, drive_type or windows_drive_type)
        if network is not None:
            return network
    cloud = _cloud_service(pure, os.environ if environment is None else environment, windows)
    return Risk(CLOUD, cloud) if cloud else None


def _network_risk(path: PurePath, drive_type: DriveType) -> Risk | None:
    drive = path.drive
    if drive.startswith("\\\\"):
        # \\server\share, and \\?\UNC\server\share; but \\?\C: is a local drive.
        if drive.startswith(("\\\\?\\", "\\\\.\\")):
            rest = drive[4:]
            if rest.upper().startswith("UNC\\"):
                return Risk(NETWORK)
            drive = rest[:2]
        else:
            return Risk(NETWORK)
    if len(drive) == 2 and drive[1] == ":" and drive_type(drive.upper()) == DRIVE_REMOTE:
        return Risk(NETWORK)
    return None


def _cloud_service(path: PurePath, environment: dict[str, str], windows: bool) -> str:
    for variable, service in _SYNC_VARIABLES.items():
        root = environment.get(variable)
        if root and _is_below(path, root, windows):
            return service
    for part in path.parts[:-1] if path.suffix else path.parts:
        name = part.strip().lower()
        for service, exact, prefixes in _SERVICES:
            if name in exact or any(name.startswith(prefix) for prefix in prefixes):
                return service
    return ""


def _is_below(path: PurePath, root: str, windows: bool) -> bool:
    base = PureWindowsPath(root) if windows else PurePath(root)
    try:
        if windows:
            return PureWindowsPath(str(path).lower()).is_relative_to(str(base).lower())
        return path.is_relative_to(base)
    except ValueError:
        return False


def windows_drive_type(drive: str) -> int | None:
    """GetDriveTypeW of a drive letter such as "X:" (None off Windows or when it fails)."""
    if sys.platform != "win32":
        return None
    try:
        import ctypes

        return int(ctypes.windll.kernel32.GetDriveTypeW(f"{drive}\\"))  # type: ignore[attr-defined]
    except (AttributeError, OSError):
        return None


def local_documents_folder(home: Path | None = None) -> Path:
    """Where new program files start: the Documents folder when it is local (it may be
    synchronised by OneDrive on Windows), else the home folder."""
    home = home or Path.home()
    for candidate in (home / "Documents", home / "Dokumente", home):
        if candidate.is_dir() and risk_of(candidate) is None:
            return candidate
    return home


def unique_path(folder: Path, name: str) -> Path:
    """`folder/name`, or `folder/<stem> (2)<suffix>` and so on when the name is taken."""
    candidate = folder / name
    number = 2
    while candidate.exists():
        candidate = folder / f"{Path(name).stem} ({number}){Path(name).suffix}"
        number += 1
    return candidate
