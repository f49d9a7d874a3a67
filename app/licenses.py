"""The third-party software and the font shipped with Tandem, with their licences.

One list for the About dialog, the test that checks nothing bundled is left out, and
`tools/collect_licenses.py`, which copies the licence texts from the installed packages into
`resources/licenses/` (shipped with the program and shown in the About dialog).

A component is shown when its module can be found (`importlib.util.find_spec`, which also
works in a PyInstaller bundle and imports nothing), so a library that a build leaves out, or
that a newer version of Tandem no longer uses, is not listed.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import platform
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from app.i18n import N_
from app.paths import resources_dir

LICENSES_FOLDER = "licenses"


@dataclass(frozen=True)
class Component:
    """One library (or the font) shipped with Tandem."""

    name: str
    """As its makers spell it."""
    licence: str
    """The licence as an SPDX expression (as the package's own metadata gives it)."""
    file: str
    """The licence text's file name in resources/licenses/."""
    purpose: str
    """What Tandem uses it for (English; the About dialog translates it)."""
    url: str
    distributions: tuple[str, ...] = ()
    """The Python distributions it covers (for the version and the completeness test)."""
    module: str | None = None
    """A module that is there when the component is shipped; None: always shipped."""

    def licence_path(self) -> Path:
        """The licence text shipped with the program."""
        return resources_dir() / LICENSES_FOLDER / self.file

    def licence_text(self) -> str:
        """The licence text ("" when the file is missing)."""
        try:
            return self.licence_path().read_text(encoding="utf-8")
        except OSError:
            return ""

    def version(self) -> str:
        """The version shipped ("" when it cannot be told, e.g. a build without metadata)."""
        if self.name == "Python":
            return platform.python_version()
        if self.name == "SQLite":
            return sqlite3.sqlite_version
        for distribution in self.distributions[:1]:
            try:
                return importlib.metadata.version(distribution)
            except importlib.metadata.PackageNotFoundError:
                return ""
        return ""

    def is_shipped(self) -> bool:
        """True when this component is part of the running program."""
        if self.module is None:
            return True
        try:
            return importlib.util.find_spec(self.module) is not None
        except (ImportError, ValueError):
            return False


COMPONENTS: tuple[Component, ...] = (
    Component("Python", "PSF-2.0", "python.txt", N_("the programming language Tandem is written in"),
              "https://www.python.org"),
    Component("SQLite", "blessing (public domain)", "sqlite.txt",
              N_("the database inside every program file"), "https://www.sqlite.org"),
    Component("Qt 6 / Qt for Python (PySide6, Shiboken6)", "LGPL-3.0-only", "qt-lgpl-3.0.txt",
              N_("the window, dialogs and PDF preview"), "https://www.qt.io",
              ("PySide6-Essentials", "PySide6-Addons", "shiboken6"), "PySide6"),
    Component("sqlite-utils", "Apache-2.0", "sqlite-utils.txt",
              N_("reading and writing the program file"),
              "https://github.com/simonw/sqlite-utils", ("sqlite-utils",), "sqlite_utils"),
    Component("sqlite-fts4", "Apache-2.0", "sqlite-fts4.txt", N_("used by sqlite-utils"),
              "https://github.com/simonw/sqlite-fts4", ("sqlite-fts4",), "sqlite_fts4"),
    Component("click", "BSD-3-Clause", "click.txt", N_("used by sqlite-utils"),
              "https://palletsprojects.com/p/click/", ("click",), "click"),
    Component("click-default-group", "BSD-3-Clause", "click-default-group.txt",
              N_("used by sqlite-utils"), "https://github.com/click-contrib/click-default-group",
              ("click-default-group",), "click_default_group"),
    Component("tabulate", "MIT", "tabulate.txt", N_("used by sqlite-utils"),
              "https://github.com/astanin/python-tabulate", ("tabulate",), "tabulate"),
    Component("pluggy", "MIT", "pluggy.txt", N_("used by sqlite-utils"),
              "https://github.com/pytest-dev/pluggy", ("pluggy",), "pluggy"),
    Component("python-dateutil", "BSD-3-Clause", "python-dateutil.txt",
              N_("used by sqlite-utils and icalendar"), "https://github.com/dateutil/dateutil",
              ("python-dateutil",), "dateutil"),
    Component("ReportLab", "BSD-3-Clause", "reportlab.txt",
              N_("the PDF documents: agreements, certificates, reports"),
              "https://www.reportlab.com", ("reportlab",), "reportlab"),
    Component("rl_accel", "BSD-3-Clause", "rl_accel.txt",
              N_("makes the PDF documents faster"), "https://www.reportlab.com",
              ("rl_accel",), "_rl_accel"),
    Component("Pillow", "MIT-CMU", "pillow.txt", N_("images in the PDF documents (the logo)"),
              "https://python-pillow.github.io", ("pillow",), "PIL"),
    Component("charset-normalizer", "MIT", "charset-normalizer.txt", N_("used by ReportLab"),
              "https://github.com/jawah/charset_normalizer", ("charset-normalizer",),
              "charset_normalizer"),
    Component("openpyxl", "MIT", "openpyxl.txt", N_("importing and exporting Excel files"),
              "https://openpyxl.readthedocs.io", ("openpyxl",), "openpyxl"),
    Component("et_xmlfile", "MIT", "et_xmlfile.txt", N_("used by openpyxl"),
              "https://foss.heptapod.net/openpyxl/et_xmlfile", ("et_xmlfile",), "et_xmlfile"),
    Component("cryptography", "Apache-2.0 OR BSD-3-Clause", "cryptography.txt",
              N_("encrypting the confidential notes"), "https://cryptography.io",
              ("cryptography",), "cryptography"),
    Component("cffi", "MIT-0", "cffi.txt", N_("used by cryptography"),
              "https://cffi.readthedocs.io", ("cffi",), "cffi"),
    Component("pycparser", "BSD-3-Clause", "pycparser.txt", N_("used by cryptography"),
              "https://github.com/eliben/pycparser", ("pycparser",), "pycparser"),
    Component("icalendar", "BSD-2-Clause", "icalendar.txt",
              N_("calendar invitations for Outlook (.ics)"),
              "https://icalendar.readthedocs.io", ("icalendar",), "icalendar"),
    Component("typing_extensions", "PSF-2.0", "typing-extensions.txt", N_("used by icalendar"),
              "https://github.com/python/typing_extensions", ("typing-extensions",),
              "typing_extensions"),
    Component("tzdata", "Apache-2.0", "tzdata.txt",
              N_("time zones for the calendar invitations"), "https://github.com/python/tzdata",
              ("tzdata",), "tzdata"),
    Component("NumPy", "BSD-3-Clause AND 0BSD AND MIT AND Zlib AND CC0-1.0", "numpy.txt",
              N_("the arithmetic behind the matching proposals"), "https://numpy.org",
              ("numpy",), "numpy"),
    Component("lap", "BSD-2-Clause", "lap.txt", N_("the matching proposals"),
              "https://github.com/gatagat/lap", ("lap",), "lap"),
    Component("HiGHS (highspy)", "MIT", "highspy.txt", N_("the matching proposals"),
              "https://highs.dev", ("highspy",), "highspy"),
    Component("Noto Sans", "OFL-1.1", "noto-sans.txt", N_("the font of the PDF documents"),
              "https://notofonts.github.io"),
)  # fmt: skip
"""Everything shipped with Tandem that is not Tandem's own, in the order the About dialog
lists it."""


def shipped_components() -> list[Component]:
    """The components that are part of the running program."""
    return [component for component in COMPONENTS if component.is_shipped()]
