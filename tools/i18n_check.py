"""Find every string marked for translation in app/, ui/ and main.py and check the German
catalogue. Marked are calls of `tr`, `trn`, `N_`, `_tr`, by name or as a method, so a
document's `t.tr("...")` / `t.trn(...)` (an `app.i18n.Translator`) is found too. `python -m tools.i18n_check` prints missing entries as PO text to paste into a
file under resources/translations/de/ and fill in."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [ROOT / "app", ROOT / "ui", ROOT / "main.py"]
MARKERS = {"tr", "N_", "trn", "_tr"}


def marked_strings() -> dict[str, tuple[str | None, str]]:
    """msgid -> (plural or None, 'file:line' of its first use)."""
    found: dict[str, tuple[str | None, str]] = {}
    files: list[Path] = []
    for source in SOURCES:
        files.extend([source] if source.is_file() else sorted(source.rglob("*.py")))
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
            if name not in MARKERS or not node.args:
                continue
            first = node.args[0]
            if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
                continue
            plural = None
            if name == "trn" and len(node.args) > 1 and isinstance(node.args[1], ast.Constant):
                plural = node.args[1].value
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            found.setdefault(first.value, (plural, where))
    return found


def missing(lang: str = "de") -> dict[str, tuple[str | None, str]]:
    """Marked strings that have no translation in `lang`."""
    from app.i18n import load_catalog

    catalog, plurals = load_catalog(lang)
    return {
        msgid: info
        for msgid, info in marked_strings().items()
        if (info[0] is None and msgid not in catalog) or (info[0] is not None and msgid not in plurals)
    }


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def main() -> int:
    gaps = missing()
    for msgid, (plural, where) in gaps.items():
        print(f"#: {where}")
        print(f"msgid {_quote(msgid)}")
        if plural is not None:
            print(f"msgid_plural {_quote(plural)}")
            print('msgstr[0] ""\nmsgstr[1] ""\n')
        else:
            print('msgstr ""\n')
    print(f"# {len(gaps)} missing", file=sys.stderr)
    return 1 if gaps else 0


if __name__ == "__main__":
    sys.exit(main())
