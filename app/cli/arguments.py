"""Argument types shared by the commands."""

from __future__ import annotations

import argparse

from app.i18n import tr

LARGEST_ID = 2**63 - 1
"""The largest number SQLite stores as an integer, and so the largest record number."""


def record_id(text: str) -> int:
    """An argparse `type` for a record's number (a participant, round, tandem, meeting or
    note): a whole number from 1 up to what the file can hold. Anything else is a usage
    error with a message, never a traceback."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= LARGEST_ID:
        raise argparse.ArgumentTypeError(
            tr(
                "“{text}” is not a record number. Give the number that the list shows "
                "(a whole number from 1 on).",
                text=text,
            )
        )
    return value
