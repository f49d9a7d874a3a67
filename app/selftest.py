"""`Tandem --self-test`: run every command-line job on a temporary program file and check
what comes out, so that a built program (or a new installation) proves it works.

The jobs run in this process through the command line's own `run()`, with the same
arguments a user would type; their output is read back (JSON where the command offers it)
and their files are opened and checked. Nothing outside a temporary folder is touched:
Tandem's own settings, logs and backups go there as well (`TANDEM_HOME`).
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
import sys
import tempfile
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO

from app.i18n import set_language, system_language, tr
from app.paths import resources_dir

SAMPLE = ("samples", "participants_sample.csv")
"""The sample list, under resources/ (also a template for a user's own list)."""
DEMO_PARTICIPANTS = 60
_PAGE = re.compile(rb"/Type\s*/Page(?![s\w])")


Step = tuple[str, Callable[[], str]]
"""(what is checked, a function that checks it and returns what it found)."""


class SelfTestFailure(Exception):
    """A step did not give what it should; the message says what."""


@dataclass
class JobResult:
    """What one command-line job printed and returned."""

    code: int
    out: str
    err: str

    def json(self) -> Any:
        """The job's output read as JSON."""
        try:
            return json.loads(self.out)
        except ValueError as exc:
            raise SelfTestFailure(
                tr("The output is not JSON: {text}", text=self.out[:200])
            ) from exc


class SelfTest:
    """The steps of the self-test on one temporary folder."""

    def __init__(self, folder: Path, language: str) -> None:
        self.folder = folder
        self.language = language
        self.db = folder / "self-test.tandem"
        self.running_round: dict[str, Any] = {}
        self.finished_round: dict[str, Any] = {}

    # -- running jobs ------------------------------------------------------------------------

    def job(self, *args: str, expect: int = 0) -> JobResult:
        """Run `Tandem --db FILE ARGS` in this process; fails unless it exits with `expect`."""
        from app.cli import run

        argv = ["--lang", self.language, "--db", str(self.db), *args]
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = run(argv)
            except SystemExit as exc:  # argparse on bad usage
                code = exc.code if isinstance(exc.code, int) else 2
        result = JobResult(code, out.getvalue(), err.getvalue())
        set_language(self.language)
        if code != expect:
            raise SelfTestFailure(
                tr(
                    "`{command}` ended with exit code {code}: {message}",
                    command=" ".join(args),
                    code=code,
                    message=(result.err or result.out).strip()[-500:],
                )
            )
        return result

    def count(self, what: str) -> int:
        """How many participants, rounds, tandems or sessions the file lists."""
        return len(self.job("list", what, "--json").json())

    # -- the steps -------------------------------------------------------------------------

    def create(self) -> str:
        self.job("init")
        _expect(self.db.is_file(), tr("The program file was not created."))
        return tr("{file} created", file=self.db.name)

    def demo(self) -> str:
        self.job("demo", "--participants", str(DEMO_PARTICIPANTS), "--seed", "7")
        stats = self.job("stats", "--json").json()
        _expect_equal(stats["participants"], DEMO_PARTICIPANTS, tr("participants"))
        rounds = sorted(self.job("list", "rounds", "--json").json(), key=lambda r: r["start_date"])
        _expect(len(rounds) >= 2, tr("The demo has fewer than two rounds."))
        self.finished_round, self.running_round = rounds[0], rounds[-1]
        return tr(
            "{participants} participants, {rounds} rounds, {tandems} tandems",
            participants=stats["participants"],
            rounds=stats["rounds"],
            tandems=stats["tandems"],
        )

    def import_sample(self) -> str:
        sample = resources_dir().joinpath(*SAMPLE)
        with sample.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
        report = self.job("import", "--json", str(sample)).json()
        _expect_equal(report["imported"], len(rows), tr("imported rows"))
        _expect_equal(len(report["rejected"]), 0, tr("rejected rows"))
        _expect_equal(self.count("participants"), DEMO_PARTICIPANTS + len(rows), tr("participants"))
        names = {person["name"] for person in self.job("list", "participants", "--json").json()}
        for row in rows:
            name = f"{row['First name']} {row['Last name']}"
            _expect(name in names, tr("{name} is not in the file as typed.", name=name))
        return tr("{count} people from {file}", count=len(rows), file=sample.name)

    def match(self) -> str:
        before = self.count("tandems")
        round_id = str(self.running_round["id"])
        pairs = self.job("match", "--round", round_id, "--apply", "--json").json()["pairs"]
        _expect(len(pairs) >= 1, tr("No pairs were proposed."))
        _expect_equal(self.count("tandems"), before + len(pairs), tr("tandems"))
        return tr("{count} pairs proposed and created", count=len(pairs))

    def plan(self) -> str:
        before = self.count("sessions")
        round_id = str(self.running_round["id"])
        report = self.job("plan", "--round", round_id, "--include-proposed", "--json").json()
        _expect(report["created"] >= 1, tr("No meetings were planned."))
        _expect_equal(self.count("sessions"), before + report["created"], tr("meetings"))
        return tr("{count} meetings planned", count=report["created"])

    def ics(self) -> str:
        out = self.folder / "meetings.ics"
        round_id = str(self.running_round["id"])
        report = self.job("ics", "--round", round_id, "--json", str(out)).json()
        text = out.read_text(encoding="utf-8")
        _expect(
            text.startswith("BEGIN:VCALENDAR"), tr("{file} is no calendar file.", file=out.name)
        )
        _expect(report["events"] >= 1, tr("The calendar file holds no meetings."))
        _expect_equal(
            text.count("BEGIN:VEVENT"), report["events"] + report["cancelled"], tr("events")
        )
        _expect("TZID:Europe/Berlin" in text, tr("The calendar file has no time zone."))
        from zoneinfo import ZoneInfo

        berlin = ZoneInfo("Europe/Berlin")
        winter = datetime(2026, 1, 15, 12, tzinfo=berlin).utcoffset()
        summer = datetime(2026, 7, 15, 12, tzinfo=berlin).utcoffset()
        _expect(
            winter is not None and summer is not None and (winter.seconds, summer.seconds)
            == (3600, 7200),
            tr("The time zone Europe/Berlin is wrong."),
        )  # fmt: skip
        return tr(
            "{count} meetings in {file}, time zone Europe/Berlin",
            count=report["events"],
            file=out.name,
        )

    def pdfs(self) -> str:
        tandems = self.job("list", "tandems", "--json").json()
        sessions = self.job("list", "sessions", "--json").json()
        finished = self.finished_round["id"]
        completed = [t for t in tandems if t["round_id"] == finished and t["status"] == "completed"]
        _expect(len(completed) >= 1, tr("The demo has no completed tandem."))
        planned = [s for s in sessions if s["status"] == "planned"]
        _expect(len(planned) >= 1, tr("The demo has no planned meeting."))
        person = str(completed[0]["mentor_id"])
        year = self.finished_round["start_date"][:4]
        documents: list[tuple[str, list[str], int | None]] = [
            ("agreement", ["--tandem", str(tandems[0]["id"])], None),
            ("agenda", ["--session", str(planned[0]["id"])], None),
            ("certificates", ["--round", str(finished)], 2 * len(completed)),
            ("certificate", ["--participant", person, "--round", str(finished)], 1),
            ("summary", ["--round", str(finished)], None),
            ("person", ["--participant", person], None),
            ("works-council", [], None),
            ("factsheet", ["--year", year], 1),
        ]
        checked = []
        for kind, options, pages_expected in documents:
            out = self.folder / f"{kind}.pdf"
            self.job("pdf", kind, *options, str(out))
            pages = _pdf_pages(out)
            if pages_expected is not None:
                _expect_equal(pages, pages_expected, tr("pages of {file}", file=out.name))
            checked.append(f"{kind} ({pages})")
        return tr("{count} documents, pages: {list}", count=len(documents), list=", ".join(checked))

    def backup(self) -> str:
        folder = self.folder / "backups"
        folder.mkdir()
        self.job("backup", "--to", str(folder))
        copies = [path for path in folder.iterdir() if path.suffix == ".tandem"]
        _expect_equal(len(copies), 1, tr("backups"))
        with sqlite_connection(copies[0]) as connection:
            count = connection.execute("select count(*) from participants").fetchone()[0]
        _expect_equal(count, self.count("participants"), tr("participants in the backup"))
        return tr("{file} holds all {count} participants", file=copies[0].name, count=count)

    def check(self) -> str:
        result = self.job("check")
        return result.out.strip().splitlines()[-1] if result.out.strip() else tr("in good order")

    def licences(self) -> str:
        from app.licenses import shipped_components

        components = shipped_components()
        lacking = [
            c.name
            for c in components
            if not c.licence_text() or (c.distributions and not c.version())
        ]
        if lacking:
            raise SelfTestFailure(
                tr("No licence text or version for {names}.", names=", ".join(lacking))
            )
        return tr("{count} components, each with its licence and version", count=len(components))

    def steps(self) -> list[Step]:
        """(what is checked, the step) in the order they run."""
        return [
            (tr("Create a program file"), self.create),
            (tr("Fill it with demo data"), self.demo),
            (tr("Import the sample list"), self.import_sample),
            (tr("Propose pairs (matching)"), self.match),
            (tr("Plan meetings"), self.plan),
            (tr("Write the Outlook calendar file"), self.ics),
            (tr("Make every document as PDF"), self.pdfs),
            (tr("Make a backup"), self.backup),
            (tr("Check the program file"), self.check),
            (tr("Licences shown in the About box"), self.licences),
        ]


@contextlib.contextmanager
def sqlite_connection(path: Path):
    """A read-only connection to a program file, closed afterwards."""
    import sqlite3

    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        yield connection
    finally:
        connection.close()


def _expect(condition: bool, message: str) -> None:
    if not condition:
        raise SelfTestFailure(message)


def _expect_equal(found: object, expected: object, what: str) -> None:
    if found != expected:
        raise SelfTestFailure(
            tr(
                "{what}: found {found}, expected {expected}",
                what=what,
                found=found,
                expected=expected,
            )
        )


def _pdf_pages(path: Path) -> int:
    """The number of pages of a PDF ReportLab wrote; fails unless it looks like a whole PDF."""
    _expect(path.is_file(), tr("{file} was not written.", file=path.name))
    data = path.read_bytes()
    _expect(
        data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF"),
        tr("{file} is no complete PDF.", file=path.name),
    )
    pages = len(_PAGE.findall(data))
    _expect(pages >= 1, tr("{file} has no pages.", file=path.name))
    return pages


def _say(stream: TextIO | None, text: str) -> None:
    if stream is not None:
        print(text, file=stream, flush=True)


def run_self_test(
    argv: Sequence[str] = (),
    stream: TextIO | None = None,
    more_steps: Callable[[], list[Step]] | None = None,
) -> int:
    """Run every step, print what was checked to `stream` (stdout by default); returns 0
    when all passed, else 1 (after naming the step that failed).

    `more_steps` gives further steps in the chosen language (main.py adds the window's);
    they fail by raising SelfTestFailure."""
    stream = stream if stream is not None else sys.stdout
    if stream is not None and hasattr(stream, "reconfigure"):
        stream.reconfigure(encoding="utf-8", errors="backslashreplace")
    from app import APP_NAME, __version__
    from app.cli import language_from

    language = set_language(language_from(argv) or system_language())

    _say(stream, tr("{app} {version}: self-test", app=APP_NAME, version=__version__))
    previous_home = os.environ.get("TANDEM_HOME")
    # ignore_cleanup_errors: a virus scanner holding a file on Windows must not fail the test.
    with tempfile.TemporaryDirectory(prefix="tandem-self-test-", ignore_cleanup_errors=True) as tmp:
        folder = Path(tmp)
        os.environ["TANDEM_HOME"] = str(folder / "home")
        try:
            steps = SelfTest(folder, language).steps() + (more_steps() if more_steps else [])
            for number, (title, step) in enumerate(steps, start=1):
                try:
                    detail = step()
                except SelfTestFailure as exc:
                    return _failed(stream, number, title, str(exc))
                except Exception:  # a bug: show where
                    return _failed(stream, number, title, traceback.format_exc())
                _say(stream, f"OK  {number}. {title}: {detail}")
        finally:
            if previous_home is None:
                os.environ.pop("TANDEM_HOME", None)
            else:
                os.environ["TANDEM_HOME"] = previous_home
            _close_logging()
    _say(stream, tr("All {count} steps passed.", count=len(steps)))
    return 0


def _failed(stream: TextIO | None, number: int, title: str, message: str) -> int:
    _say(
        stream,
        tr("FAILED  {number}. {step}: {message}", number=number, step=title, message=message),
    )
    return 1


def _close_logging() -> None:
    """Close log files a job may have opened in the temporary folder (Windows cannot delete
    an open file)."""
    import logging

    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, logging.FileHandler):
            root.removeHandler(handler)
            handler.close()
