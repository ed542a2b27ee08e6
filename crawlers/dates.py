"""Publication dates from Vietnamese pages: ISO strings, visible date lines, relative times."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

VN = ZoneInfo("Asia/Ho_Chi_Minh")

_DMY_TIME = re.compile(
    r"(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})\D{0,12}?(?P<H>\d{1,2})[:h](?P<M>\d{2})"
)
_TIME_DMY = re.compile(
    r"(?P<H>\d{1,2})[:h](?P<M>\d{2})(?::\d{2})?\D{0,12}?(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})"
)
_DMY = re.compile(r"(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})")
_WORDS = re.compile(r"ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})", re.IGNORECASE)
_RELATIVE = re.compile(r"(?P<n>\d+)\s*(?P<unit>phút|giờ|tiếng|ngày|tuần)\s+trước", re.IGNORECASE)
_OFFSET = re.compile(r"GMT\s*(?P<sign>[+-])\s*(?P<h>\d{1,2})", re.IGNORECASE)
_UNITS = {"phút": "minutes", "giờ": "hours", "tiếng": "hours", "ngày": "days", "tuần": "weeks"}


def _build(y: str, m: str, d: str, hh: str = "0", mm: str = "0", tz: ZoneInfo = VN) -> datetime | None:
    try:
        return datetime(int(y), int(m), int(d), int(hh), int(mm), tzinfo=tz)
    except ValueError:
        return None


# A timestamp id in the last path segment (Dân trí, Tuổi Trẻ: -20221224192522724.htm) or a dated path.
_URL_STAMP = re.compile(
    r"(?<![0-9])(?P<y>20\d{2})(?P<m>[01]\d)(?P<d>[0-3]\d)(?P<H>[0-2]\d)(?P<M>[0-5]\d)\d{0,5}(?![0-9])"
    r"(?=[^/]*$)"
)
_URL_PATH = re.compile(r"/(?P<y>20\d{2})[/-](?P<m>[01]?\d)[/-](?P<d>[0-3]?\d)(?:/|-|$)")


def date_from_url(url: str) -> datetime | None:
    """A publication date stamped in an article URL, in Vietnam time; None when there is none.

    Only a last path segment ending in a 12-17 digit id that reads as yyyymmddHHMM[ss[mmm]] counts
    (`...-20221224192522724.htm`), or a path with /yyyy/mm/dd/.
    """
    path = urlsplit(url).path
    match = _URL_STAMP.search(path)
    if match:
        g = match.groupdict()
        return _build(g["y"], g["m"], g["d"], g["H"], g["M"])
    match = _URL_PATH.search(path)
    if match:
        g = match.groupdict()
        return _build(g["y"], g["m"], g["d"])
    return None


def parse_iso(value: str) -> datetime | None:
    """ISO 8601 (as in JSON-LD and meta tags); a value without offset is read as Vietnam time."""
    value = value.strip()
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=VN)


def parse_vietnamese_date(
    text: str, *, now: datetime | None = None, fallback: bool = True
) -> datetime | None:
    """A date line as Vietnamese sites print it, in Asia/Ho_Chi_Minh unless the line says GMT±h.

    Handles "Thứ tư, 08/09/2021 - 10:15", "10:15 08/09/2021 (GMT+7)", "Cập nhật: 10:15 | 08/09/2021",
    "ngày 8 tháng 9 năm 2021", "2 giờ trước" and ISO strings; other wordings go to dateparser unless
    `fallback` is False (dateparser is slow: ~10 ms a call).
    """
    text = " ".join(text.split())
    if not text:
        return None
    iso = parse_iso(text) if re.match(r"^\d{4}-\d{2}-\d{2}", text) else None
    if iso:
        return iso
    tz = VN
    offset = _OFFSET.search(text)
    if offset:
        from datetime import timezone

        hours = int(offset.group("h")) * (1 if offset.group("sign") == "+" else -1)
        tz = timezone(timedelta(hours=hours))  # type: ignore[assignment]
    for pattern in (_DMY_TIME, _TIME_DMY):
        match = pattern.search(text)
        if match:
            g = match.groupdict()
            return _build(g["y"], g["m"], g["d"], g["H"], g["M"], tz)
    match = _WORDS.search(text) or _DMY.search(text)
    if match:
        g = match.groupdict()
        return _build(g["y"], g["m"], g["d"], tz=tz)
    match = _RELATIVE.search(text)
    if match:
        base = now or datetime.now(VN)
        delta = timedelta(**{_UNITS[match.group("unit").lower()]: int(match.group("n"))})
        return (base - delta).astimezone(VN)
    return _dateparser(text) if fallback else None


def _dateparser(text: str) -> datetime | None:
    import dateparser

    parsed = dateparser.parse(
        text,
        languages=["vi"],
        settings={"TIMEZONE": "Asia/Ho_Chi_Minh", "RETURN_AS_TIMEZONE_AWARE": True, "STRICT_PARSING": True},
    )
    return parsed
