"""The days duluan computes with, and local days as UTC-aware bounds: the one conversion behind detection,
digests, reports, search and the analysts' tables (a day is [its local midnight, the next local midnight)).

Days run from 1970-01-01 to 2199-12-31 (a window of days before one, the day after it and its time zone stay
representable); the CLI's date options and the web's date filters check it."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

FIRST_DAY, LAST_DAY = date(1970, 1, 1), date(2199, 12, 31)
FIRST_YEAR, LAST_YEAR = FIRST_DAY.year, LAST_DAY.year


def day_bounds(day: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time.min, tzinfo=tz)
    return start, start + timedelta(days=1)


def local_range(
    since: date | None, until: date | None, tz: ZoneInfo
) -> tuple[datetime | None, datetime | None]:
    """[start of `since`, end of `until`): both days inclusive, either open."""
    return (
        day_bounds(since, tz)[0] if since else None,
        day_bounds(until, tz)[1] if until else None,
    )
