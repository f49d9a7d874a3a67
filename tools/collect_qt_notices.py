"""Write the notices of the third-party code inside Qt into resources/licenses/ (developer
tool).

    python -m tools.collect_qt_notices

Reads the reviewed list `tools/qt_notices/components.toml` and the licence texts in
`tools/qt_notices/licences/`, checks that they fit together (every text a component names is
there, every text is used, no field missing or unknown) and writes
`resources/licenses/qt-third-party.json` (sorted, so the same input gives the same file). Run
it after editing the list, e.g. after an upgrade of PySide6 (see the list's header for where
its facts come from), and commit the result.
"""

from __future__ import annotations

import json
import sys
import tomllib
from pathlib import Path

from app.licenses import LICENSES_FOLDER
from app.paths import resources_dir
from app.qt_notices import NOTICES_FILE

SOURCE = Path(__file__).resolve().parent / "qt_notices"
REQUIRED = ("name", "version", "inside", "licence", "texts", "copyright", "url")
OPTIONAL = ("platforms", "note")
PLATFORMS = {"win32", "linux", "darwin"}


def build(source: Path = SOURCE) -> dict:
    """The notices as written to resources/licenses/ (raises ValueError on a faulty list)."""
    listing = tomllib.loads((source / "components.toml").read_text(encoding="utf-8"))
    texts = {
        path.stem: path.read_text(encoding="utf-8").replace("\r\n", "\n").rstrip("\n") + "\n"
        for path in sorted((source / "licences").glob("*.txt"))
    }
    components = []
    used: set[str] = set()
    for entry in listing["component"]:
        name = entry.get("name", "?")
        missing = [key for key in REQUIRED if key not in entry]
        unknown = sorted(set(entry) - set(REQUIRED) - set(OPTIONAL))
        if missing or unknown:
            raise ValueError(f"{name}: missing {missing}, unknown {unknown}")
        if not entry["texts"] or not entry["copyright"] or not entry["inside"]:
            raise ValueError(f"{name}: texts, copyright and inside must not be empty")
        absent = [key for key in entry["texts"] if key not in texts]
        if absent:
            raise ValueError(f"{name}: no licence text {absent} in {source / 'licences'}")
        if set(entry.get("platforms", ())) - PLATFORMS:
            raise ValueError(f"{name}: platforms must be among {sorted(PLATFORMS)}")
        used.update(entry["texts"])
        components.append({key: entry[key] for key in (*REQUIRED, *OPTIONAL) if key in entry})
    unused = sorted(set(texts) - used)
    if unused:
        raise ValueError(f"licence texts no component uses: {unused}")
    reviewed = listing["reviewed"]
    outside = sorted({lib for c in components for lib in c["inside"]} - set(reviewed))
    if outside:
        raise ValueError(f"inside names libraries the review does not cover: {outside}")
    names = [component["name"] for component in components]
    if len(names) != len(set(names)):
        raise ValueError("a component is listed twice")
    return {
        "qt_version": listing["qt_version"],
        "reviewed_libraries": sorted(reviewed),
        "components": components,
        "licences": {key: texts[key] for key in sorted(used)},
    }


def render(notices: dict) -> str:
    """The file's text."""
    return json.dumps(notices, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def main() -> int:
    try:
        notices = build()
    except ValueError as error:
        print(f"tools/qt_notices/components.toml: {error}", file=sys.stderr)
        return 1
    target = resources_dir() / LICENSES_FOLDER / NOTICES_FILE
    target.write_text(render(notices), encoding="utf-8", newline="\n")
    print(f"{target.name}: {len(notices['components'])} components, "
          f"{len(notices['licences'])} licence texts (Qt {notices['qt_version']})")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
