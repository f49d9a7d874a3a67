"""Append translations to a PO file from a Python dict literal file (developer helper).

    python -m tools.po_append resources/translations/de/core.po pairs.py

`pairs.py` holds one dict literal {english: german}; entries already present are skipped.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

from app.i18n import parse_po

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: de\\n"\n\n'


def quote(text: str) -> str:
    """A PO string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def append(po: Path, pairs: dict[str, str]) -> int:
    """Add the pairs that `po` lacks; returns how many were added."""
    text = po.read_text(encoding="utf-8") if po.exists() else HEADER
    known = {entry.get("msgid") for entry in parse_po(text)}
    added = []
    for msgid, msgstr in pairs.items():
        if msgid in known:
            continue
        added.append(f"msgid {quote(msgid)}\nmsgstr {quote(msgstr)}\n")
    if added:
        text = text.rstrip("\n") + "\n\n" + "\n".join(added)
        po.write_text(text, encoding="utf-8")
    return len(added)


if __name__ == "__main__":
    target, source = Path(sys.argv[1]), Path(sys.argv[2])
    print(append(target, ast.literal_eval(source.read_text(encoding="utf-8"))), "added")
