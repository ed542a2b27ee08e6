"""Snippets: the best window of the original text, matches marked by their folded form."""

from __future__ import annotations

from storage.search_query import leaves, parse
from storage.snippets import highlight


def _mark(text: str, query: str, width: int | None = 240) -> str:
    return highlight(text, leaves(parse(query)), width=width).marked()


def test_matches_keep_their_diacritics_and_case() -> None:
    assert _mark("ĐƯỜNG sá ở Đắk Lắk", "duong dak lak") == "«ĐƯỜNG» sá ở «Đắk» «Lắk»"


def test_phrases_and_prefixes_are_marked_whole() -> None:
    assert _mark("Ô nhiễm môi trường, ô tô", '"o nhiem" moi*') == "«Ô nhiễm» «môi» trường, ô tô"


def test_words_inside_other_words_are_not_marked() -> None:
    assert _mark("thông tin thông", "thong") == "«thông» tin «thông»"
    assert _mark("kết thúc", "ket thuc tho") == "«kết» «thúc»"


def test_long_text_shows_the_window_with_the_most_terms() -> None:
    filler = "Một câu không liên quan. " * 40
    text = filler + "Lũ quét ở Bắc Sơn làm sạt lở đường. " + filler
    snippet = highlight(text, leaves(parse("lu quet sat lo")))
    assert snippet.text.startswith("…") and snippet.text.endswith("…")
    assert len(snippet.text) < 260 and "«Lũ» «quét»" in snippet.marked() and "«sạt» «lở»" in snippet.marked()


def test_html_escapes_the_text_and_marks_matches() -> None:
    snippet = highlight('<img src=x onerror="alert(1)"> tin giả', leaves(parse("tin gia")))
    escaped = "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"
    assert snippet.html() == f"{escaped} <mark>tin</mark> <mark>giả</mark>"


def test_offsets_point_at_the_matches() -> None:
    snippet = highlight("Người dân Lạng Sơn", leaves(parse("lang son")))
    assert [snippet.text[a:b] for a, b in snippet.spans] == ["Lạng", "Sơn"]


def test_decomposed_text_is_composed_first() -> None:
    import unicodedata

    assert _mark(unicodedata.normalize("NFD", "Hà Nội"), "ha noi") == "«Hà» «Nội»"


def test_a_match_refused_inside_a_word_does_not_hide_the_next_one() -> None:
    # "giao thông" inside "xgiao thông" is refused; the phrase starting inside it is still found
    assert _mark("xgiao thông nghiệm", '"giao thong" OR "thong nghiem"') == "xgiao «thông nghiệm»"


def test_the_window_is_chosen_among_distinct_terms_not_repeats() -> None:
    repeats = "bão, " * 50
    text = repeats + "Lũ lụt và bão ở Lạng Sơn. " + "Một câu không liên quan. " * 20
    snippet = highlight(text, leaves(parse("bão lũ lụt")))
    assert "«Lũ» «lụt»" in snippet.marked()
