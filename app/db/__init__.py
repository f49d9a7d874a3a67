"""The data layer: the program file's one owner (lock, checks, backups), pragmas, migrations."""

from app.db.connection import FILE_SUFFIX, check_file, create_database, open_database
from app.db.migrations import SCHEMA_VERSION, schema_version
from app.db.owner import FileDamagedError, FileInUseError, FileOwner, owner_of

__all__ = [
    "FILE_SUFFIX",
    "SCHEMA_VERSION",
    "FileDamagedError",
    "FileInUseError",
    "FileOwner",
    "check_file",
    "create_database",
    "open_database",
    "owner_of",
    "schema_version",
]
