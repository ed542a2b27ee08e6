"""`nlp.annotate`: the one entry point, on an article written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from config import AppConfig
from nlp.annotate import annotate, options_for
from nlp.document import prepare
from nlp.schema import Annotation, ArticleText, Person
from nlp.topic_model import article_of, save, train
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
