"""Keyword topic tagger: matching rules on small hand-made rule sets, then the packaged topics.yaml.

All sentences here are written for these tests (no corpus text).
"""

from __future__ import annotations

import math
import unicodedata
from functools import cache
from pathlib import Path

import pytest
import yaml

import nlp.document as document_module
from config.models import Keyword, Topic, TopicsFile
from nlp.topics import TopicMatch, TopicRules, compile_rules, score_topics, tag_topics

TOPICS_YAML = Path(__file__).resolve().parents[2] / "config" / "topics.yaml"

CONTRACT_TOPIC_IDS = (
    "dat_dai", "giai_phong_mat_bang", "khieu_nai_to_cao", "moi_truong", "khoang_san_rung",
    "cua_khau_thuong_mai", "buon_lau_gian_lan", "ma_tuy_xuat_nhap_canh", "thien_tai",
    "tham_nhung_tieu_cuc", "xet_xu", "an_ninh_trat_tu", "lua_dao_tin_dung_den", "giao_thong",
    "tin_gia_xuyen_tac", "dan_toc_ton_giao", "an_sinh_xa_hoi", "giao_duc", "y_te_thuc_pham",
    "dau_tu_ha_tang", "gia_ca_thi_truong", "bo_may_hanh_chinh", "kien_nghi_cu_tri",
)  # fmt: skip


def topic(
    topic_id: str, keywords: dict[str, float], exclude: tuple[str, ...] = (), threshold: float = 3.0
) -> Topic:
    return Topic(
        id=topic_id,
        name=topic_id,
        threshold=threshold,
        keywords=[Keyword(phrase=p, weight=w) for p, w in keywords.items()],
        exclude=list(exclude),
    )


DRUGS = topic("ma_tuy", {"ma túy": 3, "ma túy đá": 3, "bắt giữ": 1}, exclude=("tuyên truyền",))
FLOOD = topic("lu", {"lũ": 3, "bão": 3})
MIXED = topic("hon_hop", {"ma túy": 2, "lũ": 2, "xe máy": 1}, exclude=("phát động",))


_COMPILED: dict[tuple[str, ...], TopicRules] = {}


def rules_of(*items: Topic) -> TopicRules:
    key = tuple(t.id for t in items)
    if key not in _COMPILED:
        _COMPILED[key] = compile_rules(items)
    return _COMPILED[key]


# A neutral headline: with a title and a sapo, the body weighs x1 from its first paragraph on.
TITLE, SAPO = "Tin trong ngày", "Tóm tắt bản tin."


def scores(
    rules: TopicRules, *, title: str | None = TITLE, sapo: str | None = SAPO, body: str = ""
) -> dict[str, float]:
    return {m.topic_id: m.score for m in score_topics(title=title, sapo=sapo, body=body, rules=rules)}


def match(rules: TopicRules, topic_id: str, body: str) -> TopicMatch:
    found = [
        m for m in score_topics(title=TITLE, sapo=SAPO, body=body, rules=rules) if m.topic_id == topic_id
    ]
    assert found, f"{topic_id} not scored"
    return found[0]


# --- matching -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Người dân lũ lượt kéo về quê ăn Tết.", False),  # "lũ lượt" is one word: no flood
        ("Dung dịch trong bình đã bão hòa.", False),  # "bão hòa" is one word: no storm
        ("Nước lũ dâng cao trong đêm.", True),
        ("Cơn bão đổ bộ vào đất liền.", True),
    ],
)
def test_phrases_match_only_whole_words_of_the_segmentation(body: str, expected: bool) -> None:
    assert ("lu" in scores(rules_of(FLOOD), body=body)) is expected


@pytest.mark.parametrize(
    "body",
    [
        "Ông A bị bắt vì vận chuyển ma túy.",  # new-style tone mark
        "Ông A bị bắt vì vận chuyển ma tuý.",  # old-style tone mark
        "Ông A bị bắt vì vận chuyển MA TÚY.",  # upper case
        unicodedata.normalize("NFD", "Ông A bị bắt vì vận chuyển ma túy."),  # decomposed accents
    ],
)
def test_matching_ignores_case_tone_placement_and_unicode_form(body: str) -> None:
    assert scores(rules_of(DRUGS), body=body) == {"ma_tuy": 3.0}


def test_punctuation_inside_a_sentence_does_not_break_a_phrase() -> None:
    rules = rules_of(topic("phong", {"phòng chống dịch": 3}))
    assert scores(rules, body="Công tác phòng, chống dịch được tăng cường.") == {"phong": 3.0}


def test_overlapping_phrases_of_a_topic_count_once_longest_first() -> None:
    found = match(rules_of(DRUGS), "ma_tuy", body="Thu giữ 2 kg ma túy đá.")
    assert [(e.phrase, e.count) for e in found.evidence] == [("ma túy đá", 1)]


def test_evidence_gives_the_phrase_as_configured_its_field_and_count() -> None:
    found = score_topics(
        title="Bắt giữ đối tượng buôn ma túy",
        sapo=SAPO,
        body="Số ma túy bị thu giữ. Ma túy được niêm phong.",
        rules=rules_of(DRUGS),
    )[0]
    assert {(e.phrase, e.field, e.count) for e in found.evidence} == {
        ("ma túy", "title", 1), ("bắt giữ", "title", 1), ("ma túy", "body", 2),
    }  # fmt: skip


# --- scoring ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("field", "factor"), [("title", 3.0), ("sapo", 2.0), ("body", 1.0)])
def test_title_and_sapo_weigh_more_than_the_body(field: str, factor: float) -> None:
    text = "Nước lũ dâng cao."
    fields = {"title": TITLE, "sapo": SAPO, "body": "Bản tin thời tiết."}
    fields[field] = text
    found = score_topics(
        title=fields["title"], sapo=fields["sapo"], body=fields["body"], rules=rules_of(FLOOD)
    )
    assert found[0].score == pytest.approx(3.0 * factor)


def test_without_a_title_the_first_paragraph_weighs_like_a_sapo() -> None:
    body = "Nước lũ dâng cao.\nNgười dân dọn dẹp nhà cửa."
    assert scores(rules_of(FLOOD), title=None, sapo=None, body=body) == {"lu": 6.0}
    assert scores(rules_of(FLOOD), body=body) == {"lu": 3.0}


def test_repeated_body_matches_have_diminishing_returns() -> None:
    body = " ".join(["Nước lũ dâng cao."] * 8)
    assert scores(rules_of(FLOOD), body=body)["lu"] == pytest.approx(3.0 * (1 + math.log(8)), abs=1e-3)


def test_weak_phrases_only_support_strong_ones() -> None:
    rules = rules_of(DRUGS)
    assert "ma_tuy" not in scores(rules, body="Công an bắt giữ đối tượng trộm xe máy.")
    assert scores(rules, body="Công an bắt giữ đối tượng vận chuyển ma túy.")["ma_tuy"] == pytest.approx(4.0)


def test_a_topic_mentioned_in_one_sentence_of_a_long_text_scores_less() -> None:
    filler = "\n".join(f"Đoạn văn thứ {n} nói về mùa màng và chợ phiên." for n in range(20))
    short = scores(rules_of(FLOOD), body="Nước lũ dâng cao.")["lu"]
    long = scores(rules_of(FLOOD), body="Nước lũ dâng cao.\n" + filler)["lu"]
    assert long < short


def test_foreign_news_without_a_domestic_angle_is_damped() -> None:
    foreign = "Tại Indonesia, nước lũ dâng cao. Giới chức Indonesia sơ tán người dân."
    domestic = "Tại xã Tân Văn, tỉnh Lạng Sơn, nước lũ dâng cao. Người dân được sơ tán."
    assert scores(rules_of(FLOOD), body=foreign)["lu"] < scores(rules_of(FLOOD), body=domestic)["lu"]


# --- exclusions ---------------------------------------------------------------------------------


def test_an_exclusion_cancels_matches_in_its_sentence() -> None:
    assert scores(rules_of(DRUGS), body="Huyện tổ chức tuyên truyền về tác hại của ma túy.") == {}


def test_an_exclusion_leaves_other_sentences_alone() -> None:
    body = "Huyện tổ chức tuyên truyền về tác hại của ma túy. Công an thu giữ ma túy."
    assert scores(rules_of(DRUGS), body=body) == {"ma_tuy": 3.0}


def test_an_exclusion_cancels_only_its_own_topic() -> None:
    body = "Hội nghị phát động phòng chống ma túy."
    assert scores(rules_of(DRUGS, MIXED), body=body) == {"ma_tuy": 3.0}


def test_an_exclusion_in_the_title_cancels_the_topic_for_the_whole_article() -> None:
    body = "Ma túy là hiểm họa. Cả huyện chung tay đẩy lùi ma túy."
    assert scores(rules_of(DRUGS), title="Tuyên truyền phòng chống ma túy cho học sinh", body=body) == {}


# --- results ------------------------------------------------------------------------------------


def test_score_topics_lists_every_positive_topic_highest_first() -> None:
    body = "Nước lũ dâng cao. Nước lũ cuốn trôi cầu. Công an thu giữ ma túy."
    found = score_topics(title=TITLE, sapo=SAPO, body=body, rules=rules_of(DRUGS, FLOOD))
    assert [m.topic_id for m in found] == ["lu", "ma_tuy"]


@pytest.mark.parametrize(("threshold", "tagged"), [(2.9, True), (3.0, True), (3.1, False)])
def test_tag_topics_keeps_topics_at_or_above_their_threshold(threshold: float, tagged: bool) -> None:
    rules = compile_rules([topic("lu", {"lũ": 3}, threshold=threshold)])
    found = tag_topics(title=TITLE, sapo=SAPO, body="Nước lũ dâng cao.", rules=rules)
    assert bool(found) is tagged


@pytest.mark.parametrize(
    ("title", "sapo", "body"), [(None, None, ""), ("", "", "   \n  "), (None, None, "...")]
)
def test_empty_text_gives_no_topic(title: str | None, sapo: str | None, body: str) -> None:
    assert score_topics(title=title, sapo=sapo, body=body, rules=rules_of(DRUGS, FLOOD)) == []


def test_each_field_is_segmented_once_whatever_the_number_of_topics(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = document_module.segment

    def counting(text: str) -> list[str]:
        calls.append(text)
        return real(text)

    monkeypatch.setattr(document_module, "segment", counting)
    many = compile_rules([topic(f"t{n}", {"lũ": 3, "ma túy": 1}) for n in range(30)])
    score_topics(title="Lũ về", sapo="Nước lũ dâng.", body="Đoạn một.\nĐoạn hai.", rules=many)
    assert len(calls) == 4


# --- the packaged topics.yaml -------------------------------------------------------------------


@cache
def packaged() -> TopicsFile:
    return TopicsFile.model_validate(yaml.safe_load(TOPICS_YAML.read_text(encoding="utf-8")))


@cache
def packaged_rules() -> TopicRules:
    return compile_rules(packaged().topics)


def test_packaged_topics_are_exactly_the_contract_ids() -> None:
    assert sorted(t.id for t in packaged().topics) == sorted(CONTRACT_TOPIC_IDS)


@pytest.mark.parametrize("topic_id", CONTRACT_TOPIC_IDS)
def test_packaged_topic_is_complete(topic_id: str) -> None:
    found = next(t for t in packaged().topics if t.id == topic_id)
    assert found.name and found.description and 1 <= found.severity <= 3
    assert len(found.keywords) >= 10 and found.exclude


@pytest.mark.parametrize("topic_id", CONTRACT_TOPIC_IDS)
def test_packaged_phrases_are_lower_case_nfc_and_unique(topic_id: str) -> None:
    found = next(t for t in packaged().topics if t.id == topic_id)
    phrases = [k.phrase for k in found.keywords]
    assert all(
        p == p.lower() == unicodedata.normalize("NFC", p) == p.strip() for p in phrases + found.exclude
    )
    assert len(phrases) == len(set(phrases)), "duplicate keyword phrase"


@pytest.mark.parametrize(
    ("title", "body", "expected"),
    [
        (
            "Bắt đối tượng vận chuyển ma túy đá qua biên giới",
            "Công an huyện Lộc Bình bắt quả tang một người đàn ông vận chuyển 3 kg ma túy đá. "
            "Cơ quan điều tra đã khởi tố vụ án, tạm giam đối tượng.",
            {"ma_tuy_xuat_nhap_canh", "an_ninh_trat_tu"},
        ),
        (
            "Xe tải tông xe máy trên quốc lộ 1A, một người tử vong",
            "Vụ tai nạn giao thông xảy ra tại huyện Chi Lăng khi xe tải va chạm với xe máy. "
            "Người điều khiển xe máy tử vong tại chỗ.",
            {"giao_thong"},
        ),
        (
            "Mưa lớn gây sạt lở đất, nhiều hộ dân phải sơ tán",
            "Mưa lớn kéo dài khiến đồi sau nhà sạt lở, vùi lấp hai gian nhà ở xã Tân Văn. "
            "Chính quyền đã di dời khẩn cấp 12 hộ dân đến nơi an toàn.",
            {"thien_tai"},
        ),
        (
            "Hàng trăm xe nông sản ùn ứ tại cửa khẩu Tân Thanh",
            "Do tốc độ thông quan chậm, xe chở thanh long xếp hàng dài chờ xuất khẩu. "
            "Doanh nghiệp đề nghị tăng thời gian làm việc tại cửa khẩu.",
            {"cua_khau_thuong_mai"},
        ),
        (
            "Người dân bức xúc vì giá đền bù giải phóng mặt bằng thấp",
            "Nhiều hộ dân chưa đồng ý với phương án bồi thường của dự án đường cao tốc, "
            "đề nghị được bố trí tái định cư gần nơi ở cũ.",
            {"giai_phong_mat_bang"},
        ),
        (
            "Cơ sở chăn nuôi xả thải gây ô nhiễm suối",
            "Nước thải từ trang trại chảy thẳng xuống suối, bốc mùi hôi thối. "
            "Cá chết hàng loạt khiến người dân xã Tân Văn bức xúc.",
            {"moi_truong"},
        ),
        (
            "Giả danh cán bộ thuế để lừa đảo chiếm đoạt tài sản",
            "Kẻ gian gọi điện yêu cầu chủ hộ kinh doanh chuyển khoản nộp thuế, "
            "nhiều người đã bị lừa mất hàng trăm triệu đồng.",
            {"lua_dao_tin_dung_den"},
        ),
        (
            "Xử lý nghiêm người tung tin giả trên mạng xã hội",
            "Một tài khoản Facebook đăng tải thông tin sai sự thật, xuyên tạc về lãnh đạo tỉnh Lạng Sơn, "
            "gây hoang mang dư luận; cơ quan chức năng đã mời người này lên làm việc.",
            {"tin_gia_xuyen_tac"},
        ),
        (
            "Ngăn chặn hoạt động truyền đạo trái phép ở vùng đồng bào dân tộc thiểu số",
            "Chính quyền xã vận động bà con không tham gia đạo lạ, tà đạo; "
            "bảo đảm quyền tự do tín ngưỡng, tôn giáo theo pháp luật.",
            {"dan_toc_ton_giao"},
        ),
        (
            "Lấn chiếm đất công để xây nhà trái phép",
            "Nhiều hộ dân ở thị trấn Đồng Đăng lấn chiếm đất công, tranh chấp đất đai kéo dài; "
            "huyện yêu cầu thu hồi sổ đỏ cấp sai.",
            {"dat_dai"},
        ),
        (
            "Khai mạc giải bóng đá thiếu niên tỉnh",
            "Mười sáu đội bóng tranh tài sôi nổi trong ngày khai mạc trước đông đảo khán giả.",
            set(),
        ),
        (
            "Mít tinh hưởng ứng Tháng hành động phòng, chống ma túy",
            "Hàng nghìn người tham gia mít tinh, diễu hành tuyên truyền về tác hại của ma túy.",
            set(),
        ),
        (
            "Lễ kỷ niệm Ngày Nhà giáo Việt Nam",
            "Nhà trường tuyên dương các thầy cô giáo có thành tích xuất sắc trong năm học.",
            set(),
        ),
    ],
)
def test_packaged_rules_tag_short_articles(title: str, body: str, expected: set[str]) -> None:
    found = tag_topics(title=title, sapo=None, body=body, rules=packaged_rules())
    assert {m.topic_id for m in found} == expected
