"""Boilerplate kept out of the analysed text: photo credits, "Xem thêm" links, "Theo …" source lines,
by-lines, outlet datelines ("(Dân trí) -", "TTO -", "Lạng Sơn (TTXVN) -").

These lines say nothing about the event, but they differ between syndicated copies of one article
(the copy adds "Theo TTXVN", drops the by-line) and some of them carry words the topic rules or the
place gazetteer would count ("Ảnh: Công an tỉnh"). Everything works on normalised text, line by line.
"""

from __future__ import annotations

import re

# A whole line that is only a link, a credit or a source.
_DROP_LINE = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"^(?:>>|»|►|→)",  # lists of related-article links
        r"^(?:xem thêm|xem tiếp|xem chi tiết|xem video|xem clip|đọc thêm|tin liên quan|bài liên quan"
        r"|tin cùng chuyên mục)\b.{0,80}$",
        r"^.{0,60}\btại đây\W*$",  # "Xem danh sách TẠI ĐÂY"
        r"^[(\[]?\s*(?:ảnh|nguồn ảnh|ảnh minh họa|đồ họa|video|clip|nguồn(?: video)?)\s*[:：].{0,80}$",
        r"^[(\[]?\s*ảnh minh họa\W*$",
        r"^[(\[]?\s*(?:ảnh|video|clip|nguồn)\s*[:：]?\s*(?:internet|st|sưu tầm|tư liệu|nvcc)\W*$",
        r"^(?:©|bản quyền thuộc|copyright\b).{0,120}$",
    )
]
# "Theo TTXVN", "(theo LiveScience)", "Theo Sputnik, The Sun"; not "Theo AP, chỉ có một người…".
_SOURCE_LINE = re.compile(r"^[(\[]?\s*theo\s+(?P<who>[^\n]{1,60}?)[)\]]?\.?$", re.IGNORECASE)
_CLAUSE = re.compile(r"[,;:]\s+(\w)|[.!?…]\s")
# A by-line: a short last line of capitalised words ("Minh Anh", "T.Thủy", "Nhóm PV (tổng hợp)").
_BYLINE_NOTE = re.compile(r"\s*\((?:tổng hợp|theo [^)]{1,40}|\w{2,10})\)$")
_INITIALS = re.compile(r"(?:[A-ZĐ]\.)+")
_BYLINE_WORD = re.compile(r"[^\W\d_][\w.]*")
# Outlet datelines at the start of the first paragraph or of the sapo.
_DATELINE = re.compile(
    r"^(?:(?P<place>(?:\w+\s){0,3})\((?P<outlet>[^()\n]{2,30})\)|[A-ZĐ][A-ZĐ0-9.&]{1,11})\s*[-–—]+\s*"
)
# A credit at the end of a caption: "… tại hiện trường. Ảnh: Quang Huy", "(Ảnh: TTXVN)".
_TRAILING_CREDIT = re.compile(
    r"(?:(?<=[.!?…])|\s)\s*[(\[]?\s*(?:ảnh|ảnh minh họa|nguồn|video)\s*[:：]"
    r"\s*[^.!?()\[\]\n]{1,60}[)\]]?\s*$",
    re.IGNORECASE,
)
_INLINE_CREDIT = re.compile(r"\s*[(\[]\s*ảnh(?: minh họa)?(?:\s*[:：][^)\]]{0,60})?[)\]]", re.IGNORECASE)
_DOUBLE_STOP = re.compile(r"([.!?…])\s*\.(?=\s|$)")
_BYLINE_MAX = 40
_LAST_LINES = 2


def _is_source_line(line: str) -> bool:
    match = _SOURCE_LINE.match(line)
    if not match:
        return False
    for clause in _CLAUSE.finditer(match.group("who") + " "):
        if clause.group(1) is None or clause.group(1).islower():
            return False  # "Theo AP, chỉ có…": a sentence, not a source
    return True


def _is_byline(line: str) -> bool:
    if len(line) > _BYLINE_MAX or line.endswith(("!", "?", "…", ":", ";")):
        return False
    if line.endswith(".") and not _INITIALS.fullmatch(line.split()[-1]):
        return False  # "Ba." ends a sentence; "N.V.A." is a by-line
    names = _BYLINE_NOTE.sub("", line)
    parts = [w for w in re.split(r"[\s\-–/]+", names) if w]
    if not 1 <= len(parts) <= 6:
        return False
    return all(_BYLINE_WORD.fullmatch(w) and w[0].isupper() for w in parts)


def is_boilerplate(line: str) -> bool:
    """A line that is only a link, a photo credit, a source line ("Theo TTXVN") or a copyright."""
    return any(p.search(line) for p in _DROP_LINE) or _is_source_line(line)


def strip_dateline(paragraph: str) -> str:
    """ "(Dân trí) - Sáng 12/3, …" or "Lạng Sơn (TTXVN) - …" -> "Sáng 12/3, …"; other paragraphs unchanged."""
    match = _DATELINE.match(paragraph)
    if not match or len(paragraph) < match.end() + 20:
        return paragraph
    place, outlet = (match.group("place") or "").split(), match.group("outlet")
    if outlet is not None and not (outlet[0].isupper() and all(w[0].isupper() for w in place)):
        return paragraph  # "Giá tăng (so với tháng trước) - …" is a sentence
    return paragraph[match.end() :]


def strip_credits(line: str) -> str:
    """A caption without its photo credit ("… Thủ đô. (Ảnh: X)." -> "… Thủ đô.")."""
    line = _INLINE_CREDIT.sub("", line)
    line = _DOUBLE_STOP.sub(r"\1", line)
    return _TRAILING_CREDIT.sub("", line).strip()


def clean_lines(lines: list[str]) -> list[str]:
    """Normalised lines without boilerplate: links, credits, source lines, datelines, final by-lines."""
    kept: list[str] = []
    for line in lines:
        if is_boilerplate(line):
            continue
        cleaned = strip_credits(line)
        if not kept:
            cleaned = strip_dateline(cleaned)
        if cleaned:
            kept.append(cleaned)
    # by-lines come last (after the source line, which is already gone)
    for _ in range(_LAST_LINES):
        if len(kept) > 1 and _is_byline(kept[-1]):
            kept.pop()
    return kept


def clean_text(text: str) -> str:
    """`clean_lines` over a normalised text whose lines are paragraphs."""
    return "\n".join(clean_lines(text.split("\n")))
