"""Speed of one tandem agreement, the time the preview waits for; prints the figures.

    python bench/agreement_bench.py

Budget (issue 9): an agreement appears in the preview in under 0.5 s. Measured on the demo
file with a logo and every setting filled in, from the file's data to the PDF's bytes:
- importing ReportLab and the documents (once per process; the window can do it on a worker
  at start-up with `app.documents.warm_up()`), printed on its own;
- the first agreement after that (fonts registered, German catalogue read);
- the median of the next ones, in German and English.
The budget applies to the last two. Exit code 1 when it is missed.
"""

from __future__ import annotations

import io
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.db import create_database, open_database  # noqa: E402
from app.demo import generate_demo  # noqa: E402

BUDGET_SECONDS = 0.5
RUNS = 15


def _logo() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (600, 200), (14, 110, 106)).save(buffer, "PNG")
    return buffer.getvalue()


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.tandem"
        create_database(path).close()
        db = open_database(path)
        generate_demo(db, today=date(2026, 11, 22))
        from app.services import settings, tandems

        settings.update_settings(
            db,
            {
                "logo": _logo(),
                "signature_place": "Hamburg",
                "hr_contact_name": "Sabine Kraus",
                "hr_contact_email": "sabine.kraus@lindenhof.example",
                "hr_contact_phone": "+49 40 123 456",
            },
        )
        tandem_id = next(t.id for t in tandems.list_tandems(db) if t.status == "active")

        start = time.perf_counter()
        from app.documents.agreement import agreement_pdf

        imported = time.perf_counter() - start
        start = time.perf_counter()
        size = len(agreement_pdf(db, tandem_id, lang="de"))
        first = time.perf_counter() - start
        timings = {}
        for lang in ("de", "en"):
            runs = []
            for _ in range(RUNS):
                start = time.perf_counter()
                agreement_pdf(db, tandem_id, lang=lang)
                runs.append(time.perf_counter() - start)
            timings[lang] = statistics.median(runs)
        db.close()

    worst = max(first, *timings.values())
    print(f"import of ReportLab and app.documents (once):  {imported * 1000:6.0f} ms")
    print(f"first agreement (fonts, catalogue):            {first * 1000:6.0f} ms")
    for lang, value in timings.items():
        print(f"agreement, median of {RUNS} ({lang}):                {value * 1000:6.0f} ms")
    print(f"size: {size / 1024:.0f} KiB   target: < {BUDGET_SECONDS * 1000:.0f} ms   "
          f"{'OK' if worst < BUDGET_SECONDS else 'MISSED'}")  # fmt: skip
    return 0 if worst < BUDGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
