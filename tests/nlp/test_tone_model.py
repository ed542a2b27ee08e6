"""The learned tone model: training on a small sample of our own sentences, the model file, the
shipped model, and the lexicon taking over when the model cannot be used."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from config import load_config
from nlp import tone_model
from nlp.annotate import annotate, options_for, tone_model_or_none
from nlp.document import prepare
from nlp.schema import ArticleText
from nlp.tone_model import ToneModelError, decide, features, from_json, load, to_json
from nlp.topics import compile_rules
from pipeline.topics.tone_train import ExtraLabels, ToneTrainError, cross_validate, fit, lexicon_label, train

NEGATIVE = [
    "Xe tải va chạm xe máy trên quốc lộ, một người tử vong tại chỗ.",
    "Cháy lớn tại chợ huyện, hàng trăm ki-ốt bị thiêu rụi.",
    "Người dân bức xúc vì nhà máy xả nước thải gây ô nhiễm suối.",
    "Khởi tố nguyên chủ tịch xã về tội tham ô tài sản.",
    "Lũ quét cuốn trôi nhiều nhà dân, hai người mất tích.",
    "Dự án chậm tiến độ nhiều năm, đường sá xuống cấp nghiêm trọng.",
    "Bắt quả tang đối tượng vận chuyển ma túy qua biên giới.",
    "Hàng chục hộ dân khiếu nại kéo dài vì bị thu hồi đất không đền bù.",
    "Ngộ độc thực phẩm sau bữa cỗ cưới, ba mươi người nhập viện.",
    "Lừa đảo qua mạng chiếm đoạt hàng tỷ đồng của người dân.",
]
NEUTRAL = [
    "Lịch cắt điện tuần tới tại các phường trung tâm thành phố.",
    "Hội đồng nhân dân tỉnh họp kỳ thường lệ vào tuần sau.",
    "Giá lúa hôm nay đi ngang so với tuần trước.",
    "Thông báo tuyển sinh lớp mười năm học mới của các trường.",
    "Kết quả vòng bảng giải bóng đá thiếu niên toàn tỉnh.",
    "Hướng dẫn thủ tục cấp căn cước cho người dân.",
    "Kế hoạch tổ chức hội nghị tổng kết công tác năm.",
    "Dự báo thời tiết: trời nhiều mây, có mưa rào nhẹ.",
    "Danh sách các điểm tiêm chủng mở cửa cuối tuần.",
    "Thủ tướng Nhật Bản thăm chính thức châu Âu.",
]
POSITIVE = [
    "Nông dân phấn khởi vì được mùa, được giá.",
    "Học sinh của tỉnh đoạt huy chương vàng kỳ thi quốc tế.",
    "Cây cầu mới hoàn thành sớm, người dân vui mừng đi lại thuận tiện.",
    "Trao tặng nhà tình nghĩa cho các gia đình chính sách.",
    "Du lịch khởi sắc, lượng khách tăng mạnh, doanh thu đạt kỷ lục.",
    "Bệnh viện huyện phẫu thuật thành công ca bệnh hiếm gặp.",
    "Xã được công nhận đạt chuẩn nông thôn mới nâng cao.",
    "Doanh nghiệp hỗ trợ hàng nghìn suất quà cho học sinh nghèo.",
    "Người dân hài lòng vì thủ tục hành chính được giải quyết nhanh gọn.",
    "Đội tuyển của tỉnh giành chức vô địch, được khen thưởng.",
]


Sample = tuple[list[str], list[tone_model.ToneFeatures], list[str], list[str]]  # ids, features, gold, lexicon


@pytest.fixture(scope="module")
def sample() -> Sample:
    rules = compile_rules(load_config({}, environ={}).topics.topics)
    ids, feats, labels, lexicon = [], [], [], []
    for label, texts in (("negative", NEGATIVE), ("neutral", NEUTRAL), ("positive", POSITIVE)):
        for n, text in enumerate(texts):
            doc = prepare(title=None, sapo=None, body=text)
            ids.append(f"{label}-{n}")
            feats.append(features(doc, rules))
            labels.append(label)
            lexicon.append(lexicon_label(doc))
    return ids, feats, labels, lexicon


def test_same_data_and_seed_give_the_same_model_file(sample: Sample) -> None:
    ids, feats, labels, _ = sample
    first, second = train(ids, feats, labels, seed=7), train(ids, feats, labels, seed=7)
    assert to_json(first) == to_json(second)
    assert first.info["trained_on"] == 30 and first.info["seed"] == 7


def test_the_file_read_back_decides_like_the_trained_model(sample: Sample) -> None:
    ids, feats, labels, _ = sample
    model = train(ids, feats, labels)
    again = from_json(to_json(model), "memory")
    assert [model.decide(f).label for f in feats] == [again.decide(f).label for f in feats]
    assert sum(model.decide(f).label == g for f, g in zip(feats, labels, strict=True)) >= 24


def test_run_time_probabilities_equal_scikit_learn(sample: Sample) -> None:
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    from pipeline.topics import tone_train

    _, feats, labels, _ = sample
    model = fit(feats, labels, c=4.0)
    vocab, idf = tone_train._vocabulary(feats)
    names = sorted(model.dense)
    mean = np.asarray([model.dense[n][0] for n in names])
    scale = np.asarray([model.dense[n][1] for n in names])
    x = tone_train._matrix(feats, vocab, idf, names, mean, scale)
    y = [tone_model.CLASSES.index(label) for label in labels]
    clf = LogisticRegression(C=4.0, class_weight="balanced", solver="newton-cg", max_iter=1000).fit(x, y)
    expected = clf.predict_proba(x)
    got = np.asarray([[model.decide(f).probabilities[c] for c in tone_model.CLASSES] for f in feats])
    assert np.allclose(got, expected, atol=2e-3)


def test_sample_weights_reach_the_fit(sample: Sample) -> None:
    _, feats, labels, _ = sample
    plain = fit(feats, labels, c=4.0)
    same = fit(feats, labels, c=4.0, sample_weight=[1.0] * len(feats))
    lighter = fit(feats, labels, c=4.0, sample_weight=[0.2 if i % 2 else 1.0 for i in range(len(feats))])
    assert same.terms == plain.terms
    assert lighter.terms != plain.terms


def test_cross_validation_reports_both_sides(sample: Sample) -> None:
    ids, feats, labels, lexicon = sample
    cv = cross_validate(ids, feats, labels, lexicon, folds=3)
    assert cv.model.total == cv.lexicon.total == 30
    assert set(cv.predicted) == set(ids) and len(cv.settings) == 3
    assert cv.lexicon.confusion["negative"]["negative"] >= 5


def _contrary(sample: Sample, prefix: str = "extra") -> ExtraLabels:
    """The positive sentences again, under other ids, labeled negative: labels that must move the model."""
    ids, feats, labels, _ = sample
    positive = [i for i, label in enumerate(labels) if label == "positive"]
    return ExtraLabels(
        ids=[f"{prefix}-{ids[i]}" for i in positive],
        feats=[feats[i] for i in positive],
        labels=["negative"] * len(positive),
    )


def test_extra_labels_change_the_training_but_never_the_scored_set(sample: Sample) -> None:
    ids, feats, labels, lexicon = sample
    plain = cross_validate(ids, feats, labels, lexicon, folds=3)
    extra = _contrary(sample)
    cv = cross_validate(ids, feats, labels, lexicon, folds=3, extra=extra)
    assert set(cv.predicted) == set(ids) and cv.model.total == cv.lexicon.total == 30
    assert cv.predicted != plain.predicted  # the extra labels were trained on
    called_positive = [cv.predicted[i] for i, g in zip(ids, labels, strict=True) if g == "positive"]
    assert called_positive.count("negative") > [
        plain.predicted[i] for i, g in zip(ids, labels, strict=True) if g == "positive"
    ].count("negative")


def test_extra_labels_must_be_other_articles(sample: Sample) -> None:
    ids, feats, labels, lexicon = sample
    same = ExtraLabels(ids=ids[:2], feats=feats[:2], labels=labels[:2])
    with pytest.raises(ToneTrainError, match="also among the scored articles"):
        cross_validate(ids, feats, labels, lexicon, folds=3, extra=same)


def test_articles_not_scored_are_trained_on_and_counted(sample: Sample) -> None:
    ids, feats, labels, _ = sample
    extra = _contrary(sample)
    model = train(
        [*ids, *extra.ids],
        [*feats, *extra.feats],
        [*labels, *extra.labels],
        scored=[True] * len(ids) + [False] * len(extra.ids),
    )
    assert model.info["trained_on"] == 40 and model.info["extra_labels"] == 10
    assert model.info["labels"]["negative"] == 20


def test_the_reasons_name_what_is_in_the_article() -> None:
    rules = compile_rules(load_config({}, environ={}).topics.topics)
    doc = prepare(
        title="Tai nạn giao thông nghiêm trọng trên quốc lộ",
        sapo=None,
        body="Xe tải va chạm xe máy, hai người tử vong tại chỗ. Cảnh sát giao thông đang điều tra.",
    )
    decision = decide(doc, rules, load())
    assert decision.label == "negative" and decision.score < 0
    words = [r["text"] for r in decision.reasons if r["kind"] == "words"]
    assert words and all(w.split()[0] in doc.full_text.lower() for w in words)
    assert abs(sum(decision.probabilities.values()) - 1) < 0.01


def test_the_shipped_model_is_loaded_by_default() -> None:
    model = load()
    extra = Path(tone_model.__file__).parent / "data" / "tone_labels_extra.jsonl"  # shipped beside it
    n_extra = len(extra.read_text(encoding="utf-8").splitlines())
    assert model.info["extra_labels"] == n_extra  # the corpus's 600 + the team's extra labels
    assert model.info["trained_on"] == 600 + n_extra and set(model.classes) == set(tone_model.CLASSES)
    assert model.info["format"] == tone_model.FORMAT
    assert options_for(load_config({}, environ={}).topics.topics).tone is model


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("{not json", "cannot use the tone model"),
        (json.dumps({"format": 99}), "not a duluan tone model"),
        (
            json.dumps({"format": 1, "classes": ["negative", "neutral", "positive"]}),
            "cannot use the tone model",
        ),
        (b"\xff\xfe\x00", "cannot read the tone model"),
    ],
)
def test_a_corrupt_model_is_one_clear_error_and_the_lexicon_runs(
    tmp_path: Path, content: str | bytes, fragment: str, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / tone_model.MODEL_FILE
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(ToneModelError, match=fragment) as failure:
        load(tmp_path)
    assert "\n" not in str(failure.value) and "duluan tone train" in str(failure.value)
    with caplog.at_level(logging.ERROR, logger="duluan.annotate"):
        assert tone_model_or_none(tmp_path) is None
    assert [r.levelno for r in caplog.records] == [logging.ERROR] and "lexicon" in caplog.text
    options = options_for(load_config({}, environ={}).topics.topics)
    fallback = type(options)(rules=options.rules, model=None, tone=None)
    text = ArticleText(id=1, title="Tai nạn", sapo=None, text="Hai người tử vong, nhiều người bị thương.")
    annotation = annotate(text, options=fallback)
    assert annotation.tone == "negative" and annotation.tone_evidence is not None
    assert annotation.tone_evidence.source == "lexicon" and annotation.tone_evidence.reasons


def test_a_missing_shipped_model_is_one_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(tone_model, "SHIPPED", "data/no_such_tone_model.json")
    with pytest.raises(ToneModelError, match="no tone model"):
        load(tmp_path)
    assert tone_model_or_none(tmp_path) is None


def test_a_model_in_the_model_folder_wins_over_the_shipped_one(sample: Sample, tmp_path: Path) -> None:
    ids, feats, labels, _ = sample
    (tmp_path / tone_model.MODEL_FILE).write_text(to_json(train(ids, feats, labels)), encoding="utf-8")
    assert load(tmp_path).info["trained_on"] == 30


@pytest.fixture(scope="module")
def sample_lsa(sample: Sample) -> tuple[list[str], list[tone_model.ToneFeatures], list[str]]:
    """The same sentences with the LSA of the shipped topic model among the features."""
    rules = compile_rules(load_config({}, environ={}).topics.topics)
    lsa = tone_model.shipped_lsa()
    ids, _, labels, _ = sample
    texts = [*NEGATIVE, *NEUTRAL, *POSITIVE]
    feats = [features(prepare(title=None, sapo=None, body=t), rules, lsa=lsa) for t in texts]
    return ids, feats, labels


def test_the_lsa_vector_of_the_read_text_is_among_the_features(sample_lsa) -> None:
    _, feats, _ = sample_lsa
    dims = tone_model.shipped_lsa().components.shape[0]
    vector = [feats[0].dense[f"{tone_model.LSA_PREFIX}{k}"] for k in range(dims)]
    assert abs(sum(v * v for v in vector) - 1.0) < 1e-3  # unit length, as the topic model's


def test_a_model_with_the_lsa_is_reproducible_and_read_back_with_it(sample_lsa, tmp_path: Path) -> None:
    ids, feats, labels = sample_lsa
    lsa = tone_model.shipped_lsa()
    first, second = train(ids, feats, labels, seed=7, lsa=lsa), train(ids, feats, labels, seed=7, lsa=lsa)
    assert to_json(first) == to_json(second) and first.uses_lsa
    assert any(n.startswith(tone_model.LSA_PREFIX) for n in first.dense)
    (tmp_path / tone_model.MODEL_FILE).write_text(to_json(first), encoding="utf-8")
    again = load(tmp_path)
    assert again.lsa is not None
    texts = [*NEGATIVE, *NEUTRAL, *POSITIVE]
    rules = compile_rules(load_config({}, environ={}).topics.topics)
    docs = [prepare(title=None, sapo=None, body=t) for t in texts]
    assert [decide(d, rules, again).label for d in docs] == [first.decide(f).label for f in feats]
    reasons = [r for d in docs for r in decide(d, rules, again).reasons if r["kind"] == "context"]
    assert all(r["text"] for r in reasons)


def test_a_model_trained_with_another_lsa_is_refused_and_the_lexicon_runs(
    sample_lsa, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    ids, feats, labels = sample_lsa
    model = train(ids, feats, labels, lsa=tone_model.shipped_lsa())
    payload = json.loads(to_json(model))
    payload["lsa_probes"] = [[-v for v in p] for p in payload["lsa_probes"]]  # singular vectors flipped
    (tmp_path / tone_model.MODEL_FILE).write_text(json.dumps(payload), encoding="utf-8")
    with pytest.raises(ToneModelError, match="another LSA") as failure:
        load(tmp_path)
    assert "\n" not in str(failure.value) and "duluan tone train" in str(failure.value)
    with caplog.at_level(logging.ERROR, logger="duluan.nlp"):
        assert tone_model_or_none(tmp_path) is None
    assert "lexicon" in caplog.text


def test_the_shipped_model_needs_no_lsa() -> None:
    """The shipped model is trained without the LSA features (docs/benchmarks.md: they cost positive
    precision), so it does not depend on the topic model's file."""
    model = load()
    assert not model.uses_lsa and model.lsa is None
    assert not any(n.startswith(tone_model.LSA_PREFIX) for n in model.dense)
