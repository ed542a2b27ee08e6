"""Our names against underthesea's CRF NER (real underthesea; sentences written for these tests)."""

from __future__ import annotations

from nlp.ner import Entity, combined, core, crf_entities, pattern_entities

SENTENCE = "Sáng nay, đồng chí Hoàng Văn Nghĩa, Chủ tịch UBND tỉnh Lạng Sơn kiểm tra cửa khẩu Hữu Nghị."


def test_the_crf_reads_a_comrade_as_a_place() -> None:
    assert any(e.kind == "LOC" and "Hoàng Văn Nghĩa" in e.text for e in crf_entities(SENTENCE))


def test_patterns_find_the_person_the_agency_and_the_gate() -> None:
    found = {(e.kind, core(e.kind, e.text)) for e in pattern_entities(SENTENCE)}
    assert found == {("PER", "hoàng văn nghĩa"), ("ORG", "ubnd tỉnh lạng sơn"), ("LOC", "hữu nghị")}


def test_a_place_inside_an_agency_name_is_not_a_separate_entity() -> None:
    assert Entity("LOC", "Lạng Sơn") not in pattern_entities("UBND tỉnh Lạng Sơn họp.")


def test_the_combination_adds_the_crfs_people_without_a_cue() -> None:
    text = "Theo Lê Minh, dự án chậm tiến độ."
    assert Entity("PER", "Lê Minh") not in pattern_entities(text)
    assert Entity("PER", "Lê Minh") in combined(text)


def test_core_drops_place_qualifiers_and_canonicalises_agencies() -> None:
    assert core("LOC", "cửa khẩu quốc tế Hữu Nghị") == "hữu nghị"
    assert core("ORG", "Ủy ban nhân dân tỉnh Lạng Sơn") == "ubnd tỉnh lạng sơn"
