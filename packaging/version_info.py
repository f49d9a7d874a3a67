"""The Windows version resource (Explorer's "Details" tab) from `app.__version__`."""

from __future__ import annotations

import re
from typing import Any


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """ "1.2.3" -> (1, 2, 3, 0): the four numbers Windows wants (a suffix like "rc1" is dropped)."""
    numbers = []
    for part in version.split(".")[:4]:
        digits = re.match(r"\d*", part).group()  # type: ignore[union-attr]
        numbers.append(int(digits or 0))
    while len(numbers) < 4:
        numbers.append(0)
    return tuple(numbers)  # type: ignore[return-value]


def version_resource(version: str) -> Any:
    """The resource for Tandem.exe (US English, Unicode): a PyInstaller VSVersionInfo.

    PyInstaller's module needs `pefile`, which it installs on Windows only: imported here.
    """
    from PyInstaller.utils.win32.versioninfo import (
        FixedFileInfo,
        StringFileInfo,
        StringStruct,
        StringTable,
        VarFileInfo,
        VarStruct,
        VSVersionInfo,
    )

    numbers = version_tuple(version)
    return VSVersionInfo(
        ffi=FixedFileInfo(filevers=numbers, prodvers=numbers),
        kids=[
            StringFileInfo(
                [
                    StringTable(
                        "040904B0",
                        [
                            StringStruct("CompanyName", "Tandem"),
                            StringStruct("FileDescription", "Tandem – reverse mentoring"),
                            StringStruct("FileVersion", version),
                            StringStruct("InternalName", "Tandem"),
                            StringStruct("OriginalFilename", "Tandem.exe"),
                            StringStruct("ProductName", "Tandem"),
                            StringStruct("ProductVersion", version),
                        ],
                    )
                ]
            ),
            VarFileInfo([VarStruct("Translation", [0x0409, 1200])]),
        ],
    )
