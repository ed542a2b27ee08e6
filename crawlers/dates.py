"""Publication dates from Vietnamese pages: ISO strings, visible date lines, relative times."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone, tzinfo
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

VN = ZoneInfo("Asia/Ho_Chi_Minh")

# A clock time, with an optional 12-hour day-part word after it ("11:05 tối", "10:15 SA", "3:20 PM").
_CLOCK = (
    r"(?P<H>\d{1,2})(?:[:h]|\s*(?P<gio>giờ)\s*)(?P<M>\d{2})(?::\d{2})?(?(gio)(?:\s*phút)?)"
    r"(?:\s*(?P<part>sáng|trưa|chiều|tối|đêm|SA|CH|AM|PM|a\.\s?m\.|p\.\s?m\.)(?![^\W\d_]))?"
    # not a duration ("00:21 Min." beside a video, "3:05 phút"; "10 giờ 15 phút" is a clock)
    r"(?!\s*(?:phút|giây|min|mins|minutes?|minuten|sec|secs|seconds?|sek|sekunden)(?![^\W\d_]))"
)
_DAY = r"(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})"
_DMY_TIME = re.compile(_DAY + r"\D{0,14}?" + _CLOCK, re.IGNORECASE)
_TIME_DMY = re.compile(_CLOCK + r"\D{0,14}?" + _DAY, re.IGNORECASE)
_YMD_TIME = re.compile(
    r"(?<!\d)(?P<y>\d{4})[/.-](?P<m>\d{1,2})[/.-](?P<d>\d{1,2})(?:T|\s+|\D{1,4})" + _CLOCK, re.IGNORECASE
)
_DMY = re.compile(r"(?<!\d)" + _DAY + r"(?!\d)")
_WORDS = re.compile(
    r"ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})(?:\D{0,14}?" + _CLOCK + ")?",
    re.IGNORECASE,
)
_TIME_WORDS = re.compile(
    _CLOCK + r"\D{0,14}?ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})", re.IGNORECASE
)
# "9 tháng 9, 2021", "09 Tháng 9 2021 | 21:30" (no "ngày"/"năm"), and a WordPress site in Vietnamese:
# "Tháng Chín 9, 2021", "9 Tháng Chín, 2021"
_MONTHS = {
    "một": 1,
    "giêng": 1,
    "hai": 2,
    "ba": 3,
    "tư": 4,
    "bốn": 4,
    "năm": 5,
    "sáu": 6,
    "bảy": 7,
    "tám": 8,
    "chín": 9,
    "mười": 10,
    "mười một": 11,
    "mười hai": 12,
    "chạp": 12,
}
_MONTH = r"(?P<m>\d{1,2}|mười một|mười hai|" + "|".join(k for k in _MONTHS if " " not in k) + r")(?![^\W\d_])"
_DAY_MONTH_YEAR = re.compile(
    r"(?<!\d)(?P<d>\d{1,2})\s+tháng\s+"
    + _MONTH
    + r",?\s+(?:năm\s+)?(?P<y>\d{4})(?:\D{0,14}?"
    + _CLOCK
    + ")?",
    re.IGNORECASE,
)
_MONTH_DAY_YEAR = re.compile(
    r"tháng\s+" + _MONTH + r"\s+(?P<d>\d{1,2}),?\s+(?P<y>\d{4})(?:\D{0,14}?" + _CLOCK + ")?", re.IGNORECASE
)
_RELATIVE = re.compile(r"(?P<n>\d+)\s*(?P<unit>phút|giờ|tiếng|ngày|tuần)\s+trước", re.IGNORECASE)
_OFFSET = re.compile(r"(?:GMT|UTC)\s*(?P<sign>[+-])\s*(?P<h>\d{1,2})(?::?(?P<mm>\d{2}))?", re.IGNORECASE)
_AFTERNOON = {"chiều", "tối", "ch", "pm", "p.m.", "p. m."}


def twelve_hour(hour: int, part: str | None) -> int:
    """The 24-hour hour of a clock reading with a day-part word: "11 tối" -> 23, "12 SA" -> 0,
    "1 trưa" -> 13, "11 đêm" -> 23, "2 đêm" -> 2; no word (or a 24-hour reading) leaves it."""
    if not part or hour > 12:
        return hour
    part = part.lower()
    if part in ("sáng", "sa", "am", "a.m.", "a. m."):
        return 0 if hour == 12 else hour
    if part in _AFTERNOON:
        return hour if hour == 12 else hour + 12
    if part == "trưa":  # noon: 11 trưa, 12 trưa, 1 trưa (13:00)
        return hour + 12 if hour < 6 else hour
    # đêm (night): 9-11 đêm are evening hours, 12 đêm midnight, 1-5 đêm after midnight
    if hour == 12:
        return 0
    return hour + 12 if hour >= 6 else hour


_UNITS = {"phút": "minutes", "giờ": "hours", "tiếng": "hours", "ngày": "days", "tuần": "weeks"}


def _build(
    y: str,
    m: str,
    d: str,
    hh: str | None = "0",
    mm: str | None = "0",
    tz: tzinfo = VN,
    part: str | None = None,
) -> datetime | None:
    try:
        return datetime(int(y), int(m), int(d), twelve_hour(int(hh or 0), part), int(mm or 0), tzinfo=tz)
    except ValueError:
        return None


# A timestamp id in the last path segment (Dân trí, Tuổi Trẻ: -20221224192522724.htm) or a dated path.
_URL_STAMP = re.compile(
    r"(?<![0-9])(?P<y>20\d{2})(?P<m>[01]\d)(?P<d>[0-3]\d)(?P<H>[0-2]\d)(?P<M>[0-5]\d)\d{0,5}(?![0-9])"
    r"(?=[^/]*$)"
)
_URL_PATH = re.compile(r"/(?P<y>20\d{2})[/-](?P<m>[01]?\d)[/-](?P<d>[0-3]?\d)(?:/|-|$)")


def declared_zone(values: list[str]) -> tzinfo:
    """The page's own zone: the offset of the first of these ISO timestamps that carries one other
    than UTC (many systems write every time in UTC, whatever the publisher's clock); Vietnam time
    when none does."""
    for value in values:
        parsed = parse_iso(value) if re.match(r"^\s*\d{4}-\d{2}-\d{2}[T ]\d", value) else None
        offset = parsed.utcoffset() if parsed is not None and parsed.tzinfo is not VN else None
        if offset:
            return VN if offset == timedelta(hours=7) else timezone(offset)
    return VN


def aware(value: datetime | None) -> datetime | None:
    """A time with its offset: one given without is read as Vietnam time (every stored time is aware)."""
    return value.replace(tzinfo=VN) if value is not None and value.tzinfo is None else value


def date_from_url(url: str, *, zone: tzinfo = VN) -> datetime | None:
    """A publication date stamped in an article URL, in `zone` (the page's, Vietnam time by
    default); None when there is none.

    Only a last path segment ending in a 12-17 digit id that reads as yyyymmddHHMM[ss[mmm]] counts
    (`...-20221224192522724.htm`), or a path with /yyyy/mm/dd/.
    """
    path = urlsplit(url).path
    match = _URL_STAMP.search(path)
    if match:
        g = match.groupdict()
        return _build(g["y"], g["m"], g["d"], g["H"], g["M"], zone)
    match = _URL_PATH.search(path)
    if match:
        g = match.groupdict()
        return _build(g["y"], g["m"], g["d"], tz=zone)
    return None


def parse_iso(value: str, *, zone: tzinfo = VN) -> datetime | None:
    """ISO 8601 (as in JSON-LD and meta tags); a value without offset is read in `zone` (Vietnam
    time unless the page declares its own)."""
    value = value.strip()
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=zone)


def parse_vietnamese_date(
    text: str, *, now: datetime | None = None, fallback: bool = True, zone: tzinfo = VN
) -> datetime | None:
    """A date line as Vietnamese sites print it, in `zone` (Asia/Ho_Chi_Minh unless the page
    declares its own) unless the line says GMT±h.

    Handles "Thứ tư, 08/09/2021 - 10:15", "10:15 08/09/2021 (GMT+7)", "Cập nhật: 10:15 | 08/09/2021",
    "Ngày đăng: 08-09-2021 10:15", "ngày 8 tháng 9 năm 2021", 12-hour clocks with a day-part word
    ("11:05 tối" is 23:05; sáng, trưa, chiều, đêm, SA/CH, AM/PM), "2 giờ trước" and ISO strings;
    other wordings go to dateparser unless `fallback` is False (dateparser is slow: ~10 ms a call).
    """
    text = " ".join(text.split())
    if not text:
        return None
    iso = parse_iso(text, zone=zone) if re.match(r"^\d{4}-\d{2}-\d{2}", text) else None
    if iso:
        return iso
    tz: tzinfo = zone
    offset = _OFFSET.search(text)
    if offset:
        minutes = int(offset.group("h")) * 60 + int(offset.group("mm") or 0)
        tz = timezone(timedelta(minutes=minutes if offset.group("sign") == "+" else -minutes))
    if offset:  # "21:30 (GMT+7) 09/09/2021": the offset's digits must not part the clock from the day
        text = _OFFSET.sub(" ", text)
    for pattern in (_DMY_TIME, _TIME_DMY, _YMD_TIME, _TIME_WORDS, _WORDS, _DAY_MONTH_YEAR, _MONTH_DAY_YEAR):
        match = pattern.search(text)
        if match:
            g = match.groupdict()
            month = g["m"] if g["m"].isdigit() else str(_MONTHS[" ".join(g["m"].lower().split())])
            return _build(g["y"], month, g["d"], g["H"], g["M"], tz, g["part"])
    match = _DMY.search(text)
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
