"""Private notes speed: unlocking with the chosen key derivation (target < 1.5 s on a 2-core
machine) and listing/decrypting 1,000 notes (target: adds < 100 ms to opening a view).

    .venv/bin/python bench/notes_unlock.py [--notes 1000] [--repeat 5]

Prints the Argon2id parameters, the unlock time (median and worst of the repeats, each a fresh
NoteVault on a real file), the set-up time, the time to list 1,000 notes while locked (ids and
dates only) and unlocked (decrypted titles and texts), and the difference between the two:
the cost that notes add to a view.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app import notes_crypto as crypto  # noqa: E402
from app.db import create_database  # noqa: E402
from app.services import notes  # noqa: E402

PASSPHRASE = "Der Zug nach Hamburg fährt um neun"


def _timed(call, repeat: int) -> list[float]:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.tandem"
        db = create_database(path)
        with db.atomic():
            db.execute("INSERT INTO participants (first_name, last_name) VALUES ('Anna', 'Lee')")
            db.execute(
                "INSERT INTO participants (first_name, last_name) VALUES ('Łukasz', 'Dvořák')"
            )
        started = time.perf_counter()
        vault = notes.NoteVault(db)
        vault.setup(PASSPHRASE)
        setup_time = time.perf_counter() - started

        text = "Ein vertraulicher Absatz über ein Gespräch im Tandem. " * 8  # ~450 characters
        started = time.perf_counter()
        with db.atomic():
            for index in range(args.notes):
                vault.add_note("participant", 1 + index % 2, f"Notiz {index}", text)
        write_time = time.perf_counter() - started
        vault.lock()

        def unlock() -> None:
            fresh = notes.NoteVault(db)
            fresh.unlock(PASSPHRASE)
            fresh.lock()

        unlock_times = _timed(unlock, args.repeat)

        vault.unlock(PASSPHRASE)
        locked_times = _timed(lambda: notes.list_note_infos(db), args.repeat)
        unlocked_times = _timed(lambda: vault.list_notes(), args.repeat)
        owner_times = _timed(lambda: vault.list_notes("participant", 1), args.repeat)
        assert len(vault.list_notes()) == args.notes
        vault.lock()
        db.close()
        size = path.stat().st_size

    params = crypto.passphrase_params()
    print(f"CPU cores: {os.cpu_count()}")
    print(
        f"KDF: Argon2id, {params.memory_kib // 1024} MiB, {params.iterations} passes, "
        f"{params.lanes} lanes (issue minimum: 19 MiB, 2 passes)"
    )
    print(f"set-up (2 key wraps): {setup_time * 1000:.0f} ms")
    print(
        f"unlock: median {statistics.median(unlock_times) * 1000:.0f} ms, "
        f"worst {max(unlock_times) * 1000:.0f} ms over {args.repeat} (target < 1500 ms)"
    )
    print(
        f"write {args.notes} notes in one transaction: {write_time * 1000:.0f} ms; file {size // 1024} KiB"
    )
    locked = statistics.median(locked_times) * 1000
    unlocked = statistics.median(unlocked_times) * 1000
    print(f"list {args.notes} notes locked (no content): {locked:.1f} ms")
    print(f"list {args.notes} notes unlocked (decrypt all): {unlocked:.1f} ms")
    print(
        f"list one owner's {args.notes // 2} notes unlocked: {statistics.median(owner_times) * 1000:.1f} ms"
    )
    print(f"decryption adds: {unlocked - locked:.1f} ms (target < 100 ms)")
    ok = max(unlock_times) < 1.5 and unlocked - locked < 100
    print("OK" if ok else "TOO SLOW")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
