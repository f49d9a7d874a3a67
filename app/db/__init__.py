"""The data layer: open a program file, pragmas, numbered migrations."""

from app.db.connection import FILE_SUFFIX, check_file, create_database, open_database
from app.db.migrations import SCHEMA_VERSION, schema_version

__all__ = [
    "FILE_SUFFIX",
    "SCHEMA_VERSION",
    "check_file",
    "create_database",
    "open_database",
    "schema_version",
]
