"""argparse's own words ("usage:", "options", "the following arguments are required") in the
command line's language.

argparse asks the standard library's gettext for them through its module globals `_` and
`ngettext`, where Tandem's catalogues are unknown. `install()` points those two names at a
lookup in Tandem's German catalogue (the English words are the msgids, listed in `WORDS` so
`tools/i18n_check` demands their German) and leaves every other text unchanged. It is done
once, guarded: if a future argparse stops using these names, nothing breaks; the words just
stay English (a test notices).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from app.i18n import N_, language, translator

WORDS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("unrecognized arguments: %s"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("can't open '%(filename)s': %(error)s"),
    N_("%(prog)s: error: %(message)s\n"),
)
"""The words argparse shows to a user (Python 3.11), as argparse spells them."""


def _catalogue_lookup(text: str) -> str:
    """argparse's text in the current language. Only German replaces it: the pseudo language
    would change argparse's `%(name)s` placeholders, English needs nothing."""
    if language() != "de":
        return text
    return translator("de").tr(text)


def _plural_lookup(singular: str, plural: str, n: int) -> str:
    """argparse's plural texts ("expected 2 arguments") in the current language."""
    if language() == "de" and singular == "expected %s argument":
        return translator("de").trn("expected %s argument", "expected %s arguments", n)
    return singular if n == 1 else plural


def install() -> bool:
    """Let argparse's own words follow Tandem's language; True when argparse takes them.

    Safe to call more than once."""
    gettext_name: Callable[[str], str] | None = getattr(argparse, "_", None)
    ngettext_name: Callable[[str, str, int], str] | None = getattr(argparse, "ngettext", None)
    if gettext_name is _catalogue_lookup:
        return True
    if not callable(gettext_name) or not callable(ngettext_name):
        return False
    argparse._ = _catalogue_lookup  # type: ignore[attr-defined]
    argparse.ngettext = _plural_lookup  # type: ignore[attr-defined]
    return True
