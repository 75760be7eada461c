"""Telling a database that is busy from one that is broken.

On SQLite one writer at a time holds the lock; the others wait (the settings' busy
timeout) and, when the wait runs out, get OperationalError "database is locked". That
is no bug but a busy moment: it is shown as "try again in a minute", never as a
traceback.
"""

from __future__ import annotations

from django.db import OperationalError

BUSY_MESSAGES = ("database is locked", "database table is locked")


def is_database_busy(error: BaseException) -> bool:
    return isinstance(error, OperationalError) and any(
        message in str(error) for message in BUSY_MESSAGES
    )
