"""People named in a text, with their title when the text gives it.

A run of 2 to 4 capitalised syllables is a person's name when something marks it as one:
- an honorific, rank or role before it: "ông Nguyễn Văn An", "đồng chí Hoàng Văn Nghiệm", "Đại tá Lê
  Văn B", "bị cáo Trần Văn C";
- a title (and its agency) before it: "Chủ tịch UBND tỉnh Hồ Văn D", "Thủ tướng Phạm Văn E";
- a birth year or an age after it: "Hoàng Văn Lực (sinh năm 1991, …)", "Lê Thị F (32 tuổi)".
The title comes from the text before the name or after it: "ông Nguyễn Văn An, Chủ tịch UBND xã Đồng
Đăng cho biết" -> ("Nguyễn Văn An", "Chủ tịch UBND xã Đồng Đăng"). Without an honorific, a name must
start with a known family name. Word lists: nlp/data/people.yaml.
"""

from __future__ import annotations

import re

from nlp.gazetteer import gazetteer
from nlp.organisations import OrgSpan, find_spans
from nlp.person_words import person_words
from nlp.schema import Person
from nlp.text import normalize
from nlp.tokens import Token, match_at, spaced, tokenize, word_ends

MAX_TITLE = 16  # syllables
_BIRTH = re.compile(r"^\s*[(,]\s*(?:sinh năm|sinh ngày|sn|sinh)\s*\d|^\s*[(,]\s*\d{1,3}\s*tuổi", re.I)
# the word before a name that makes it a place or a thing: "phường Hoàng Văn Thụ", "thị trấn Lê Lợi",
# "đường Lê Văn Tám", "trường Nguyễn Du", "giải Trần Văn A"
_NOT_BEFORE_NAME = frozenset(
    {"xã", "phường", "huyện", "tỉnh", "quận", "trấn", "phố", "tp", "đường", "ngõ", "hẻm", "trường", "cầu"}
    | {"chợ", "giải", "cúp", "quỹ", "khu", "đài", "lăng", "đền", "chùa", "tượng"}
)
_TITLE_BREAK = re.compile(r"[.;:!?()\"“”\n]")


def _name_end(text: str, tokens: list[Token], i: int, *, cued: bool) -> int:
    """End of a person's name starting at token i (i when there is none)."""
    j = i
    while j < len(tokens) and j - i < 4 and tokens[j].upper and spaced(text, tokens, i, j + 1):
        if tokens[j].text.isupper() and len(tokens[j].text) > 1:
            break  # an abbreviation (UBND, TP) is not part of a name
        j += 1
    if j - i < 2 or (not cued and tokens[i].lower not in person_words().surnames):
        return i
    for name in gazetteer().names.get(tokens[i].lower, ()):
        if len(name.syllables) == j - i and match_at(tokens, i, name.syllables):
            return i  # a place, not a person
    return j


def _name_shaped(text: str, tokens: list[Token], i: int, end: int) -> bool:
    """A full name without a cue: a family name and two or three more syllables ("Nông Văn Tú cho
    biết"), not after a place or agency word ("phường Hoàng Văn Thụ", "đường Lê Văn Tám")."""
    if end - i < 3 or tokens[i].lower not in person_words().surnames:
        return False
    before = tokens[i - 1].lower if i else ""
    return before not in _NOT_BEFORE_NAME or not spaced(text, tokens, i - 1, i + 1)


def _title_at(tokens: list[Token], i: int) -> int:
    """End of a title starting at token i, or i."""
    for title in person_words().titles.get(tokens[i].lower, ()) if i < len(tokens) else ():
        if match_at(tokens, i, title):
            return i + len(title)
    return i


def _title_after(
    text: str, tokens: list[Token], i: int, spans_end: dict[int, int], words: dict[int, int]
) -> str:
    """The title given after a name: ", Chủ tịch UBND xã Y" or " - Giám đốc Sở Z": titles, each with
    the agency that follows it, separated by commas. An agency the table does not know runs over the
    capitalised words after the title (whole segmented words: "Giám đốc Điều hành Marketing")."""
    j = i
    while j < len(tokens) and j - i < MAX_TITLE:
        end = _title_at(tokens, j)
        if end == j:
            break
        if end in spans_end:
            end = spans_end[end]
        else:
            while end < len(tokens) and end - i < MAX_TITLE and tokens[end].upper:
                if _TITLE_BREAK.search(text[tokens[end - 1].end : tokens[end].start]):
                    break
                word_end = words.get(tokens[end].start, tokens[end].end)
                end += 1
                while end < len(tokens) and tokens[end].end <= word_end:
                    end += 1
        j = end
        if j >= len(tokens) or text[tokens[j - 1].end : tokens[j].start].strip() != ",":
            break
    return text[tokens[i].start : tokens[j - 1].end] if j > i else ""


def _titles_ending(tokens: list[Token], spans_end: dict[int, int]) -> dict[int, int]:
    """Token index where a title (with its agency, if one follows) ends -> where it starts."""
    out: dict[int, int] = {}
    for start, token in enumerate(tokens):
        if token.lower in person_words().titles:
            end = _title_at(tokens, start)
            if end > start:
                out.setdefault(spans_end.get(end, end), start)  # "Chủ tịch UBND tỉnh Lạng Sơn"
    return out


def _cue_before(text: str, tokens: list[Token], i: int, titles: dict[int, int]) -> tuple[str, str]:
    """("honorific" or "title" or "" for what precedes token i, the title when it is one)."""
    if i == 0:
        return "", ""
    for honorific in person_words().honorifics_by_last.get(tokens[i - 1].lower, ()):
        k = i - len(honorific)
        if k >= 0 and match_at(tokens, k, honorific) and spaced(text, tokens, k, i + 1):
            return "honorific", ""
    start = titles.get(i)
    if start is not None and spaced(text, tokens, start, i + 1):
        return "title", text[tokens[start].start : tokens[i - 1].end]
    return "", ""


def find_people(
    text: str,
    tokens: list[Token] | None = None,
    spans: list[OrgSpan] | None = None,
    words: tuple[str, ...] = (),
) -> list[Person]:
    """People in a normalised text, in order of first mention; one entry per name, the longest title kept.
    `tokens` and `spans` (its organisations) are computed when not given; `words`, its segmentation,
    keeps the words of a title whole when given."""
    tokens = tokenize(text) if tokens is None else tokens
    joins = word_ends(text, words)
    spans = find_spans(text, tokens) if spans is None else spans
    spans_end = {s.start: s.end for s in spans}
    titles = _titles_ending(tokens, spans_end)
    found: dict[str, str] = {}
    i = 0
    while i < len(tokens):
        if not tokens[i].upper:
            i += 1
            continue
        cue, title = _cue_before(text, tokens, i, titles)
        end = _name_end(text, tokens, i, cued=cue == "honorific")
        if end == i:
            i += 1
            continue
        gap = text[tokens[end - 1].end : tokens[end].start] if end < len(tokens) else ""
        if gap.strip() in (",", "-", "–", "(") or gap.isspace():
            title = _title_after(text, tokens, end, spans_end, joins) or title
        birth = _BIRTH.match(text[tokens[end - 1].end :])
        if not cue and not title and not birth and not _name_shaped(text, tokens, i, end):
            i += 1
            continue
        name = text[tokens[i].start : tokens[end - 1].end]
        if len(title) > len(found.get(name, "")):
            found[name] = title
        else:
            found.setdefault(name, "")
        i = end
    return [Person(name=name, title=title) for name, title in found.items()]


def people_in(text: str) -> list[Person]:
    """`find_people` on a text normalised and segmented here."""
    from nlp.segment import segment

    text = normalize(text)
    return find_people(text, words=tuple(segment(text)))
