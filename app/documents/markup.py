"""User text into ReportLab paragraph markup, safely.

Paragraph text is an XML-like markup: a name typed as `Anna & <b>Lee</b>` would break the
paragraph or turn bold. Every piece of user text goes through `esc()` (or `fill()`, `bold()`),
which escapes it and normalises it to NFC (ReportLab does no mark positioning, so decomposed
accents would print misplaced). What is already safe markup is a `Markup` and is not escaped
twice.
"""

from __future__ import annotations

import unicodedata
from xml.sax.saxutils import escape


class Markup(str):
    """Text that is already paragraph markup (built by this module from escaped parts)."""

    __slots__ = ()


def nfc(text: object) -> str:
    """The text in Unicode NFC, for drawing directly on the canvas ('' for None)."""
    return unicodedata.normalize("NFC", "" if text is None else str(text))


def esc(text: object) -> Markup:
    """User text as paragraph markup that prints literally; line breaks are kept."""
    if isinstance(text, Markup):
        return text
    escaped = escape(nfc(text))
    return Markup("<br/>".join(escaped.splitlines()) if "\n" in escaped else escaped)


def bold(text: object) -> Markup:
    """User text, escaped, in bold."""
    return Markup(f"<b>{esc(text)}</b>")


def coloured(text: object, colour: str) -> Markup:
    """User text, escaped, in a colour (a hex string such as '#0E6E6A')."""
    return Markup(f'<font color="{colour}">{esc(text)}</font>')


def fill(template: str, /, **values: object) -> Markup:
    """A translated template with `{placeholders}` as markup: the template and every value
    are escaped (values that are `Markup` are kept, so `fill(t, name=bold(n))` works)."""
    return Markup(esc(template).format(**{key: esc(value) for key, value in values.items()}))


def join(parts: list[Markup] | tuple[Markup, ...], separator: str = " ") -> Markup:
    """Markup parts joined by an (escaped) separator."""
    return Markup(esc(separator).join(esc(part) for part in parts))
