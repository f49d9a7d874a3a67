"""Import speed: a generated 10,000-row CSV through `python main.py import`, against
`sqlite-utils insert --csv` of the same file into an empty table.

    .venv/bin/python bench/import_bench.py [--rows 10000] [--repeat 3]

Prints the wall time of both commands (best of the repeats, each into a fresh file), the
ratio, and where the import's time goes in-process (read, check, write).
"""

from __future__ import annotations

import argparse
import csv
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FIRST = [
    "Anna",
    "Ben",
    "Clara",
    "Deniz",
    "Emil",
    "Fatma",
    "Gregor",
    "Hanna",
    "Ilja",
    "Jana",
    "Łukasz",
    "Zoë",
    "Şükrü",
    "Mia",
    "Noah",
    "Olga",
    "Paul",
    "Quynh",
    "René",
    "Sofia",
]
LAST = [
    "Müller",
    "Schmidt",
    "Nguyễn",
    "Dvořák",
    "Öztürk",
    "Weiß",
    "Becker",
    "Hoffmann",
    "Соколов",
    "Koch",
    "Richter",
    "Klein",
    "Wolf",
    "Schröder",
    "Neumann",
    "Schwarz",
]
DEPARTMENTS = ["Vertrieb", "Marketing", "IT", "Finanzen", "Personal", "Produktion", "Einkauf"]
TOPICS = [
    "KI-Werkzeuge",
    "Social Media",
    "TikTok",
    "Canva",
    "Führung",
    "Strategie",
    "Verhandlung",
    "Controlling",
    "Lean Management",
    "Generation Z verstehen",
    "Digitale Zusammenarbeit",
    "Videokonferenzen",
    "Datenanalyse",
    "Arbeitsrecht",
    "Nachhaltigkeit",
    "Projektmanagement",
    "LinkedIn",
    "Präsentieren",
]
HEADERS = [
    "Personalnummer",
    "Vorname",
    "Nachname",
    "E-Mail",
    "Abteilung",
    "Position",
    "Vorgesetzte(r)",
    "Eintrittsdatum",
    "Rolle",
    "Einwilligung am",
    "Kann vermitteln",
    "Möchte lernen",
]


def generate(path: Path, rows: int, seed: int = 7) -> None:
    """A German-style employee list (comma-separated UTF-8, so both tools read it as is)."""
    rnd = random.Random(seed)
    start = date(1990, 1, 1)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(HEADERS)
        for i in range(rows):
            number = 10000 + i
            first, last = rnd.choice(FIRST), rnd.choice(LAST)
            manager = "" if i < 20 else str(10000 + rnd.randrange(0, min(i + 200, rows)) // 10)
            if manager == str(number):
                manager = ""
            hired = start + timedelta(days=rnd.randrange(0, 12000))
            consent = (
                ""
                if rnd.random() < 0.1
                else (date(2026, 1, 1) + timedelta(days=rnd.randrange(300))).strftime("%d.%m.%Y")
            )
            writer.writerow(
                [
                    number,
                    first,
                    last,
                    f"p{number}@example.com",
                    rnd.choice(DEPARTMENTS),
                    "Sachbearbeitung",
                    manager,
                    hired.strftime("%d.%m.%Y"),
                    rnd.choice(["Mentor", "Mentee", "Mentorin", "beide"]),
                    consent,
                    ", ".join(rnd.sample(TOPICS, 2)),
                    "; ".join(rnd.sample(TOPICS, 2)),
                ]
            )


def timed(command: list[str]) -> float:
    began = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return time.perf_counter() - began


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    python = sys.executable
    sqlite_utils = shutil.which("sqlite-utils", path=str(Path(python).parent)) or "sqlite-utils"
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        source = work / "mitarbeiter.csv"
        generate(source, args.rows)
        ours, theirs = [], []
        for n in range(args.repeat):
            db = work / f"bench{n}.tandem"
            subprocess.run(
                [python, str(ROOT / "main.py"), "--db", str(db), "init"],
                check=True,
                stdout=subprocess.DEVNULL,
            )
            ours.append(
                timed(
                    [
                        python,
                        str(ROOT / "main.py"),
                        "--db",
                        str(db),
                        "import",
                        str(source),
                        "--json",
                    ]
                )
            )
            plain = work / f"plain{n}.db"
            theirs.append(
                timed([sqlite_utils, "insert", str(plain), "people", str(source), "--csv"])
            )
        # Where the time goes, in-process, on a fresh file.
        from app.db import create_database
        from app.imports.engine import ImportSession

        db = create_database(work / "inproc.tandem")
        t0 = time.perf_counter()
        session = ImportSession.open(source)
        t1 = time.perf_counter()
        preview = session.preview(db)
        t2 = time.perf_counter()
        result = session.apply(db)
        t3 = time.perf_counter()
        count = db.execute("SELECT count(*) FROM participants").fetchone()[0]
        links = db.execute("SELECT count(*) FROM participant_topics").fetchone()[0]
        db.close()
    best_ours, best_theirs = min(ours), min(theirs)
    print(
        f"rows: {args.rows}  (imported {result.imported}, rejected {len(result.rejected_rows)}, "
        f"{count} people, {links} topic links, {len(preview.warnings)} warnings)"
    )
    print(
        f"python main.py import:      best {best_ours:.3f} s  median {statistics.median(ours):.3f} s"
    )
    print(
        f"sqlite-utils insert --csv:  best {best_theirs:.3f} s  median {statistics.median(theirs):.3f} s"
    )
    print(f"ratio (best): {best_ours / best_theirs:.2f}x   (target: under 3 s and at most 2x)")
    print(
        f"in-process: read {t1 - t0:.3f} s, preview {t2 - t1:.3f} s, "
        f"apply (checks again + writes) {t3 - t2:.3f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
