"""Typed errors of the store; the UI turns them into Thai messages (their str is Thai)."""
from __future__ import annotations


class StoreError(Exception):
    """Base class; str(exc) is a Thai sentence for the clerk."""


class NotOurFile(StoreError):
    """The file is not an ITA Desktop file (or not SQLite at all)."""


class NewerFile(StoreError):
    """Written by a newer major version of the app."""


class BrokenFile(StoreError):
    """Damaged: the integrity check failed or the schema is not ours."""


class FileLocked(StoreError):
    """Another window or program holds the file."""


class ImportError_(StoreError):
    """An exchange (JSON) file that cannot be imported; the message names the field."""
