"""Find user-visible texts that do not go through `tr()`: string literals (and f-strings)
handed straight to Qt's text setters, message boxes, labels, tool tips, argparse's help, or
printed by the command line. `python -m tools.untranslated` lists them as `file:line: call:
text`; a test fails when one appears.

A literal counts as text when it holds a letter; the few literals that are no text (object
names, formats, symbols) are listed in `ALLOWED`.
"""

from __future__ import annotations

import ast
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [ROOT / "app", ROOT / "ui", ROOT / "main.py"]

# Calls whose FIRST argument (or every argument, for the ones in ALL_ARGS) is shown to the user.
TEXT_CALLS = {
    # Qt setters
    "setText", "setWindowTitle", "setToolTip", "setStatusTip", "setWhatsThis",
    "setPlaceholderText", "setTitle", "setLabelText", "setInformativeText",
    "setDetailedText", "setSuffix", "setPrefix", "setSpecialValueText", "setHeaderLabels",
    "setHorizontalHeaderLabels", "setVerticalHeaderLabels", "setAccessibleName",
    "setAccessibleDescription", "setButtonText", "setTabText", "setTabToolTip",
    "setItemText", "setCancelButtonText", "setOkButtonText", "showMessage", "setFormat",
    "setCheckBoxText", "setSubTitle", "setHtml", "setMarkdown", "setPlainText",
    "addTab", "insertTab", "addItem", "addItems", "insertItem", "addAction", "addMenu",
    "addRow", "addButton",
    # widgets made with a text
    "QLabel", "QPushButton", "QCheckBox", "QRadioButton", "QGroupBox", "QAction", "QMenu",
    "QToolButton", "QCommandLinkButton",
    # message boxes and input dialogs (title and text)
    "information", "warning", "critical", "question", "about", "getText", "getItem",
    "getInt", "getDouble", "getOpenFileName", "getSaveFileName", "getExistingDirectory",
    "getOpenFileNames",
    # Tandem's own helpers
    "show_warning", "show_error", "show_info", "ask", "confirm",
    # documents (ReportLab)
    "Paragraph", "drawString", "drawCentredString", "drawRightString", "setAuthor",
    "setSubject",
    # command line and argparse
    "print", "add_argument", "add_parser", "ArgumentParser", "add_argument_group",
    "add_subparsers", "error", "exit",
}  # fmt: skip
# Keyword arguments of any call that are shown to the user.
TEXT_KEYWORDS = {
    "help", "description", "epilog", "title", "text", "tooltip", "message", "usage", "subject",
    "metavar",
}  # fmt: skip
# Wrappers that pass their first argument on as text (escaping, marking as markup, NFC).
PASS_THROUGH = {"esc", "Markup", "nfc", "escape", "str"}
# Calls whose literal arguments are never text (object names, formats, icons, data).
# Exceptions whose message reaches the user (`app.user_errors`): their text must be translated.
USER_ERRORS = {
    "TandemError", "ValidationError", "NotFoundError", "ConflictError", "FileRefusedError",
    "StorageError", "UsageError",
}  # fmt: skip
# Names of loggers: what they write goes to the log file, which stays English.
LOGGERS = {"log", "logger", "logging", "_log", "LOG"}

HAS_LETTER = re.compile(r"[^\W\d_]")
ALLOWED = {
    "Tandem",  # the product's name
    "Tandem {version}",
    "TANDEM_LANG",
    "OK",
    "ID",
    "N",
    "W",
    "MIN",
    "HH:MM",  # metavars that read the same in German
    "XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX",  # the shape of a recovery key
}
"""Literals that hold letters but are no text to translate."""

ALLOWED_PATTERNS = [
    re.compile(r"^[\w.\-]+\.(tandem|pdf|csv|xlsx|ics|json|png|zip)$"),  # file names
    re.compile(r"^--?[a-z][\w-]*$"),  # option names
    re.compile(r"^[a-z_][a-z0-9_]*$"),  # identifiers, object names, dests
    re.compile(r"^<[^>]*>$"),  # markup without text
    re.compile(r"^[0-9 :.\-/yMdHhms]+$"),  # Qt date and time formats
    re.compile(r"^%[\w.%-]*$"),  # printf formats
]


@dataclass(frozen=True)
class Finding:
    """One literal text handed to the user without `tr()`."""

    where: str
    call: str
    text: str

    def __str__(self) -> str:
        return f"{self.where}: {self.call}: {self.text!r}"


def _call_name(node: ast.Call) -> str | None:
    if isinstance(node.func, ast.Name):
        return node.func.id
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    return None


def _is_log_call(node: ast.Call) -> bool:
    """`log.warning(...)` and the like: the log is for developers and stays English."""
    owner = node.func.value if isinstance(node.func, ast.Attribute) else None
    while isinstance(owner, ast.Attribute):
        owner = owner.value if owner.attr not in LOGGERS else None
        if owner is None:
            return True
    return isinstance(owner, ast.Name) and owner.id in LOGGERS


def _literal_text(node: ast.AST) -> str | None:
    """The text of a literal string or f-string (its constant parts), else None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        parts = [
            v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str)
        ]
        return "".join(parts)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _literal_text(node.left), _literal_text(node.right)
        if left is not None or right is not None:
            return (left or "") + (right or "")
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in PASS_THROUGH
        and node.args
    ):
        return _literal_text(node.args[0])
    if isinstance(node, (ast.List, ast.Tuple)):
        texts = [t for t in (_literal_text(e) for e in node.elts) if t is not None]
        return " | ".join(texts) if texts else None
    return None


def is_text(literal: str) -> bool:
    """Whether a literal reads as words for a person (not a name, format or symbol)."""
    stripped = literal.strip()
    words = re.sub(r"&#?\w+;|<[^>]*>", " ", stripped)  # markup: entities and tags are no words
    if not HAS_LETTER.search(words) or stripped in ALLOWED:
        return False
    return not any(pattern.match(stripped) for pattern in ALLOWED_PATTERNS)


def _findings_in(path: Path) -> list[Finding]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[Finding] = []
    where = str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _call_name(node)
        if name is None or _is_log_call(node):
            continue
        candidates: list[ast.AST] = []
        if name in USER_ERRORS:
            candidates = list(node.args[:1])
        elif name in TEXT_CALLS:
            if name in {"add_argument", "add_parser"}:
                candidates = []  # their positional arguments are option and command names
            elif name == "print":
                candidates = list(node.args)
            else:
                candidates = list(node.args[:3])
        candidates += [kw.value for kw in node.keywords if kw.arg in TEXT_KEYWORDS]
        for arg in candidates:
            text = _literal_text(arg)
            if text is not None and is_text(text):
                found.append(Finding(f"{where}:{arg.lineno}", name, text))
    return found


def scan(sources: list[Path] | None = None) -> list[Finding]:
    """Every untranslated literal text under `sources` (default: app/, ui/, main.py)."""
    files: list[Path] = []
    for source in sources or SOURCES:
        files.extend([source] if source.is_file() else sorted(source.rglob("*.py")))
    found: list[Finding] = []
    for path in files:
        found.extend(_findings_in(path))
    return found


def _is_translation(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and _call_name(node) in {"tr", "trn"}


def _early_in(node: ast.AST, where: str, found: list[Finding], in_function: bool) -> None:
    for child in ast.iter_child_nodes(node):
        if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            defaults = [*child.args.defaults, *(d for d in child.args.kw_defaults if d)]
            for default in defaults:
                for inner in ast.walk(default):
                    if _is_translation(inner):
                        found.append(
                            Finding(f"{where}:{inner.lineno}", "default", ast.unparse(inner))
                        )
            _early_in(child, where, found, True)
            continue
        if not in_function and _is_translation(child):
            found.append(Finding(f"{where}:{child.lineno}", "import", ast.unparse(child)))
        _early_in(child, where, found, in_function)


def translated_too_early(sources: list[Path] | None = None) -> list[Finding]:
    """`tr()` run when a module is imported (module or class level, default arguments):
    its text keeps the language of that moment and misses a later switch. Mark such
    constants with `N_()` and translate them where they are shown."""
    found: list[Finding] = []
    for source in sources or SOURCES:
        for path in [source] if source.is_file() else sorted(source.rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            where = str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)
            _early_in(tree, where, found, False)
    return found


def main() -> int:
    findings = scan() + translated_too_early()
    for finding in findings:
        print(finding)
    print(f"# {len(findings)} untranslated", file=sys.stderr)
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
