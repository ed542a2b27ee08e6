"""`nlp.annotate`: the one entry point, on an article written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from config import AppConfig
from nlp.annotate import annotate, options_for
from nlp.document import prepare
from nlp.schema import Annotation, ArticleText, Person
from nlp.topic_model import article_of, train
from nlp.topic_model_file import save
from nlp.topics import compile_rules

ARTICLE = ArticleText(
    id="x1",
    title="Xe container ùn ứ kéo dài tại cửa khẩu Tân Thanh",
    sapo="(Báo Xứ Lạng) - Hàng trăm xe nông sản chờ thông quan tại cửa khẩu Tân Thanh, xã Tân Thanh.",
    text=(
        "Ông Lương Văn Hùng, Phó Chủ tịch UBND xã Tân Thanh cho biết lượng xe tăng đột biến.\n"
        "Nhiều tài xế bức xúc vì phải chờ nhiều ngày, hàng hóa có nguy cơ hư hỏng.\n"
        "Người dân xã Tân Thanh trồng thanh long. Ảnh: Minh Phương\n"
        "Theo TTXVN"
    ),
)


@pytest.fixture(scope="module")
def annotation() -> Annotation:
    from config import load_config

    app = load_config({}, environ={})
    return annotate(ARTICLE, options=options_for(app.topics.topics))


def test_topics_come_with_evidence(annotation: Annotation) -> None:
    assert annotation.topic_ids == ["cua_khau_thuong_mai"]
    assert annotation.topics[0].evidence


def test_places_units_and_local_relevance(annotation: Annotation) -> None:
    assert "cửa khẩu Tân Thanh" in annotation.places and "xã Tân Thanh" in annotation.places
    assert annotation.units == ("xã Hoàng Văn Thụ",)  # xã Tân Thanh went into it in 2025
    assert annotation.local and annotation.local_score >= 0.5


def test_organisations_and_people(annotation: Annotation) -> None:
    assert "UBND xã Tân Thanh" in annotation.organisations
    assert Person(name="Lương Văn Hùng", title="Phó Chủ tịch UBND xã Tân Thanh") in annotation.people


def test_tone(annotation: Annotation) -> None:
    assert annotation.tone == "negative" and annotation.tone_score < 0


def test_boilerplate_changes_neither_hash_nor_signature(annotation: Annotation) -> None:
    from config import load_config

    bare = ArticleText(
        id="x2",
        title="Tiêu đề khác",
        sapo=ARTICLE.sapo.replace("(Báo Xứ Lạng) - ", ""),  # type: ignore[union-attr]
        text=ARTICLE.text.replace("\nTheo TTXVN", "").replace(" Ảnh: Minh Phương", ""),
    )
    other = annotate(bare, options=options_for(load_config({}, environ={}).topics.topics))
    assert (other.content_hash, other.minhash) == (annotation.content_hash, annotation.minhash)


def test_key_terms_hold_the_names(annotation: Annotation) -> None:
    assert "lương văn hùng" in annotation.key_terms and "cửa khẩu tân thanh" in annotation.key_terms


def test_a_trained_model_in_the_model_folder_is_used(app_config: AppConfig, tmp_path: Path) -> None:
    texts = [
        ("Xe ùn ứ tại cửa khẩu chờ thông quan", {"cua_khau_thuong_mai"}),
        ("Thông quan hàng hóa qua cửa khẩu tăng mạnh", {"cua_khau_thuong_mai"}),
        ("Hàng trăm xe nông sản chờ xuất khẩu qua cửa khẩu", {"cua_khau_thuong_mai"}),
        ("Xe container nối đuôi chờ thông quan ở cửa khẩu", {"cua_khau_thuong_mai"}),
        ("Lễ hội mùa xuân khai mạc", set()),
        ("Giải chạy việt dã thu hút vận động viên", set()),
        ("Hội thi nấu ăn của phụ nữ xã", set()),
        ("Câu lạc bộ dưỡng sinh kỷ niệm ngày thành lập", set()),
    ]
    rules = compile_rules(app_config.topics.topics)
    articles = [article_of(prepare(title=t, sapo=None, body=t), rules) for t, _ in texts]
    labels = [g for _, g in texts]
    ids = [str(n) for n in range(len(texts))]
    save(train(articles, labels, rules, ids=ids, min_positives=2, inner_folds=2), tmp_path / "models")
    options = options_for(app_config.topics.topics, tmp_path / "models")
    found = annotate(ARTICLE, options=options)
    assert options.model is not None and options.model.trained_on == len(texts)
    assert found.topics[0].probability is not None and found.topics[0].model_words


def test_a_topic_too_thin_for_the_model_is_given_by_the_rules(annotation: Annotation) -> None:
    (topic,) = annotation.topics  # cua_khau_thuong_mai: 3 labeled examples, below the model's minimum
    assert topic.evidence and topic.probability is None and not topic.model_words


DRUGS = ArticleText(
    id="x3",
    title="Bắt quả tang đối tượng mua bán trái phép chất ma túy",
    sapo="Công an huyện Cao Lộc bắt quả tang một đối tượng đang giao 2 gói heroin cho người mua.",
    text=(
        "Tại cơ quan công an, đối tượng khai nhận đã mua ma túy ở khu vực biên giới để bán lại kiếm lời.\n"
        "Cơ quan cảnh sát điều tra đã khởi tố vụ án, khởi tố bị can về tội mua bán trái phép chất ma túy."
    ),
)


def test_without_a_model_folder_the_shipped_model_explains_its_tags(app_config: AppConfig) -> None:
    options = options_for(app_config.topics.topics)
    assert options.model is not None  # the shipped model
    found = {t.topic_id: t for t in annotate(DRUGS, options=options).topics}
    drugs = found["ma_tuy_xuat_nhap_canh"]
    assert drugs.probability is not None and drugs.evidence and drugs.model_words
    assert all(isinstance(w["word"], str) and float(w["weight"]) > 0 for w in drugs.model_words)  # type: ignore[arg-type]


def test_the_rules_alone_on_request(app_config: AppConfig) -> None:
    options = options_for(app_config.topics.topics, use_model=False)
    found = annotate(ARTICLE, options=options)
    assert options.model is None and found.topic_ids == ["cua_khau_thuong_mai"]
    assert found.topics[0].probability is None and not found.topics[0].model_words


FLOOD = "Mưa lũ và lũ quét gây sạt lở đất, hàng chục hộ dân phải sơ tán khẩn cấp trong đêm."


@pytest.mark.parametrize("tail_chars", [20_000, 400_000], ids=["20k", "400k"])
def test_only_the_head_of_a_long_text_is_analysed(app_config: AppConfig, tail_chars: int) -> None:
    """Topics read the head: a long tail about floods changes nothing once it is past the bound (memory
    and time stay bounded: a 400k-character body is not segmented whole)."""
    options = options_for(app_config.topics.topics, max_chars=3_000)
    tail = "\n".join([FLOOD] * (tail_chars // len(FLOOD)))
    alone = annotate(ArticleText(id=2, title=None, sapo=None, text=tail[:2_000]), options=options)
    assert "thien_tai" in [t.topic_id for t in alone.topics]  # the tail would be tagged on its own
    long = ArticleText(
        id=1, title=ARTICLE.title, sapo=ARTICLE.sapo, text=ARTICLE.text + "\n" + "x " * 2_000 + tail
    )
    found = annotate(long, options=options)
    assert "thien_tai" not in [t.topic_id for t in found.topics]
    assert [t.topic_id for t in found.topics] == [
        t.topic_id for t in annotate(ARTICLE, options=options).topics
    ]


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("một hai\nba bốn\nnăm sáu", 16, "một hai\nba bốn"),  # at the last paragraph break
        ("một hai ba bốn năm sáu bảy", 12, "một hai ba"),  # else at the last word break
        ("x" * 50, 10, "x" * 10),  # else a hard cut
        ("ngắn", 100, "ngắn"),  # short texts are untouched
    ],
    ids=["paragraph", "word", "hard", "short"],
)
def test_head_cuts_at_a_break(text: str, limit: int, expected: str) -> None:
    from nlp.text import head

    assert head(text, limit) == expected
