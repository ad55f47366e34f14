"""The date a build is made for: the pages' dates, certificates' expiry, what counts as new.
Its own module so that every command can ask for it without importing the build."""

from __future__ import annotations

import datetime as dt
import os
import re

from .problems import CatalogueError, Problem


def build_date() -> dt.date:
    """Today, or the date fixed by SOURCE_DATE_EPOCH for reproducible builds; a value that is
    not a date is an error, never silently today (the build would not be the one asked for)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return dt.date.today()
    if not re.fullmatch(r"-?[0-9]+", epoch):  # int() would read other scripts' digits too
        message = f"must be the build date in whole seconds since 1970, e.g. $(date -d 2026-06-15 +%s); got {epoch[:40]!r}"
        raise CatalogueError([Problem("SOURCE_DATE_EPOCH", None, None, "", message)])
    try:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    except (ValueError, OverflowError, OSError):  # beyond the year 9999 (or what the C library can convert)
        message = f"{epoch} seconds is beyond the year 9999: give the build date as seconds since 1970"
        raise CatalogueError([Problem("SOURCE_DATE_EPOCH", None, None, "", message)]) from None
