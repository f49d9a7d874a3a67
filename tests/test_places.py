"""Risky places for a program file, told from the path alone: network shares (UNC paths and
mapped network drives, with Windows' drive type stood in for), and the folders of OneDrive,
Dropbox, Google Drive, iCloud Drive, Nextcloud and Box; new files start in a local folder."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import pytest

from app.places import CLOUD, DRIVE_REMOTE, NETWORK, Risk, local_documents_folder, risk_of

FIXED, REMOTE = 3, DRIVE_REMOTE  # GetDriveTypeW: DRIVE_FIXED, DRIVE_REMOTE


def on_windows(path: str, *, network_drives: str = "", env: dict[str, str] | None = None):
    """What Tandem on Windows says about `path`; `network_drives` are the mapped letters."""
    letters = {f"{letter}:" for letter in network_drives}
    return risk_of(
        path,
        windows=True,
        drive_type=lambda drive: REMOTE if drive in letters else FIXED,
        environment=env or {},
    )


@pytest.mark.parametrize(
    "path",
    [
        r"\\fileserver\hr\Mentoring\programm.tandem",
        r"\\fileserver.firma.local\Personal$\programm.tandem",
        r"\\?\UNC\fileserver\hr\programm.tandem",
        r"//fileserver/hr/programm.tandem",
    ],
)
def test_a_unc_path_is_a_network_share(path: str) -> None:
    assert on_windows(path) == Risk(NETWORK)


def test_a_mapped_network_drive_is_told_by_its_drive_type() -> None:
    assert on_windows(r"Z:\HR\programm.tandem", network_drives="Z") == Risk(NETWORK)
    assert on_windows(r"z:\HR\programm.tandem", network_drives="Z") == Risk(NETWORK)
    assert on_windows(r"C:\HR\programm.tandem", network_drives="Z") is None
    assert on_windows(r"\\?\C:\HR\programm.tandem", network_drives="Z") is None
    assert on_windows(r"\\?\Z:\HR\programm.tandem", network_drives="Z") == Risk(NETWORK)


@pytest.mark.parametrize(
    ("path", "service"),
    [
        (r"C:\Users\anna\OneDrive\Dokumente\programm.tandem", "OneDrive"),
        (r"C:\Users\anna\OneDrive - Firma GmbH\HR\programm.tandem", "OneDrive"),
        (r"C:\Users\anna\Dropbox\programm.tandem", "Dropbox"),
        (r"D:\Dropbox (Firma)\HR\programm.tandem", "Dropbox"),
        (r"G:\My Drive\HR\programm.tandem", "Google Drive"),
        (r"G:\Meine Ablage\programm.tandem", "Google Drive"),
        (r"C:\Users\anna\Google Drive\programm.tandem", "Google Drive"),
        (r"C:\Users\anna\iCloudDrive\programm.tandem", "iCloud Drive"),
        (r"C:\Users\anna\Nextcloud\HR\programm.tandem", "Nextcloud"),
        (r"C:\Users\anna\Box\HR\programm.tandem", "Box"),
        (r"C:\Users\anna\Box Sync\programm.tandem", "Box"),
    ],
)
def test_cloud_synchronised_folders_are_known_by_their_usual_paths(path: str, service: str) -> None:
    assert on_windows(path) == Risk(CLOUD, service)


def test_a_onedrive_folder_with_another_name_is_known_from_the_environment() -> None:
    env = {"OneDriveCommercial": r"C:\Users\anna\Firma AG"}
    assert on_windows(r"c:\users\anna\firma ag\HR\programm.tandem", env=env) == Risk(
        CLOUD, "OneDrive"
    )
    assert on_windows(r"C:\Users\anna\Documents\programm.tandem", env=env) is None


@pytest.mark.parametrize(
    "path",
    [
        r"C:\Users\anna\Documents\Mentoring\programm.tandem",
        r"C:\Users\anna\Documents\Dropbox.tandem",  # the file's own name is no folder
        r"C:\Users\anna\Boxing club\programm.tandem",
        r"D:\Daten\Personal\programm.tandem",
    ],
)
def test_local_folders_are_not_risky(path: str) -> None:
    assert on_windows(path) is None


def test_posix_paths_of_sync_folders_are_known_too() -> None:
    assert risk_of(PurePosixPath("/home/anna/Dropbox/programm.tandem"), windows=False) == Risk(
        CLOUD, "Dropbox"
    )
    mac = "/Users/anna/Library/Mobile Documents/com~apple~CloudDocs/programm.tandem"
    assert risk_of(mac, windows=False) == Risk(CLOUD, "iCloud Drive")
    assert risk_of("/home/anna/Documents/programm.tandem", windows=False, environment={}) is None


def test_new_files_start_in_the_local_documents_folder(tmp_path: Path) -> None:
    home = tmp_path / "anna"
    (home / "Documents").mkdir(parents=True)
    assert local_documents_folder(home) == home / "Documents"
    bare = tmp_path / "ben"
    bare.mkdir()
    assert local_documents_folder(bare) == bare
