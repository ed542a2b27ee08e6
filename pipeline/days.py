"""The days duluan computes with: 1970-01-01 to 2199-12-31 (a window of days before one, the day after
it and its time zone stay representable). The CLI's date options and the web's date filters check it."""

from __future__ import annotations

from datetime import date

FIRST_DAY, LAST_DAY = date(1970, 1, 1), date(2199, 12, 31)
FIRST_YEAR, LAST_YEAR = FIRST_DAY.year, LAST_DAY.year
