"""The optional trained topic model: training, storage, and how it is combined with the rules."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

import nlp.topic_model as topic_model
from config.models import Keyword, Topic
from nlp.document import prepare
from nlp.topic_model import ModelError, combine, features, load, save, tag_with_model, train
from nlp.topics import Evidence, TopicMatch, compile_rules

FLOOD = Topic(id="lu", name="Lũ", threshold=3.0, keywords=[Keyword(phrase="lũ", weight=3)])
DRUGS = Topic(id="ma_tuy", name="Ma túy", threshold=3.0, keywords=[Keyword(phrase="ma túy", weight=3)])
RULES = compile_rules([FLOOD, DRUGS])

# Short texts written for these tests: three about floods, three about drugs, three about neither.
TEXTS = [
    ("Lũ quét cuốn trôi nhà cửa ở vùng cao", {"lu"}),
    ("Nước lũ dâng cao, hàng trăm hộ dân phải sơ tán", {"lu"}),
    ("Mưa lớn gây lũ, nhiều tuyến đường bị chia cắt", {"lu"}),
    ("Bắt đối tượng vận chuyển ma túy qua biên giới", {"ma_tuy"}),
    ("Triệt phá đường dây mua bán ma túy tổng hợp", {"ma_tuy"}),
    ("Thu giữ nhiều gói ma túy trong ba lô của nghi phạm", {"ma_tuy"}),
    ("Lễ hội hoa đào khai mạc sôi nổi", set()),
    ("Giải bóng đá thiếu niên thu hút nhiều đội tham gia", set()),
    ("Nông dân vào vụ thu hoạch quýt", set()),
]


@pytest.fixture(scope="module")
def model() -> topic_model.TopicModel:
    docs = [prepare(title=t, sapo=None, body=t) for t, _ in TEXTS]
    return train(
        [features(d) for d in docs], [g for _, g in TEXTS], RULES.ids, ids=[str(i) for i in range(9)]
    )


def test_features_are_lower_case_segmented_words_with_the_title_twice() -> None:
    tokens = features(prepare(title="Nước lũ dâng cao", sapo=None, body="Hộ dân sơ tán."))
    assert tokens.count("nước") == 2 and "sơ_tán" in tokens


def test_a_model_is_trained_for_topics_with_enough_examples(model: topic_model.TopicModel) -> None:
    assert model.topics == ("lu", "ma_tuy")


def test_training_without_enough_examples_is_an_error() -> None:
    with pytest.raises(ModelError, match="nothing to train"):
        train([["lũ"]], [{"lu"}], RULES.ids)


def test_probabilities_follow_the_training_labels(model: topic_model.TopicModel) -> None:
    texts = [TEXTS[1][0], TEXTS[4][0]]
    flood, drugs = model.probabilities([features(prepare(title=t, sapo=None, body=t)) for t in texts])
    assert flood["lu"] > flood["ma_tuy"] and drugs["ma_tuy"] > drugs["lu"]


def test_saved_model_loads_back(model: topic_model.TopicModel, tmp_path: Path) -> None:
    save(model, tmp_path)
    loaded = load(tmp_path)
    assert loaded is not None and loaded.topics == model.topics and loaded.trained_ids == model.trained_ids


def test_no_model_file_means_rules_only(tmp_path: Path) -> None:
    assert load(tmp_path) is None


def test_a_model_from_another_scikit_learn_is_refused(
    model: topic_model.TopicModel, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sklearn

    save(model, tmp_path)
    monkeypatch.setattr(sklearn, "__version__", "0.0-other")
    topic_model._load.cache_clear()
    with pytest.raises(ModelError, match="train"):
        load(tmp_path)


def test_a_file_that_is_not_a_model_is_refused(tmp_path: Path) -> None:
    import joblib

    joblib.dump(["not", "a", "model"], tmp_path / topic_model.MODEL_FILE)
    with pytest.raises(ModelError, match="not a duluan topic model"):
        load(tmp_path)


def _match(topic: str, score: float) -> TopicMatch:
    return TopicMatch(topic_id=topic, score=score, evidence=(Evidence(phrase="lũ", field="body", count=1),))


@pytest.mark.parametrize(
    ("score", "probability", "kept"),
    [
        (4.0, 0.5, True),  # the rules assign it; the model does not object
        (4.0, 0.01, False),  # narrowly assigned, the model is sure it is not: removed
        (6.0, 0.01, True),  # clearly assigned: the model cannot remove it
        (2.0, 0.9, True),  # half the threshold and a confident model: added
        (2.0, 0.5, False),  # the model is not confident enough
        (1.0, 0.99, False),  # too little evidence in the text for the model to add it
    ],
)
def test_combination_with_the_rules(score: float, probability: float, kept: bool) -> None:
    found = combine([_match("lu", score)], {"lu": probability}, RULES)
    assert bool(found) is kept
    if found:
        assert found[0].probability == round(probability, 3)


def test_a_topic_the_model_does_not_know_follows_the_rules() -> None:
    assert [m.topic_id for m in combine([_match("ma_tuy", 3.5)], {"lu": 0.0}, RULES)] == ["ma_tuy"]


def test_without_a_model_the_rules_decide() -> None:
    doc = prepare(title="Lũ về", sapo=None, body="Nước lũ dâng cao.")
    assert [m.topic_id for m in tag_with_model(doc, RULES, None)] == ["lu"]


def test_with_a_model_every_tag_keeps_its_evidence(model: topic_model.TopicModel) -> None:
    doc = prepare(title="Lũ về", sapo=None, body="Nước lũ dâng cao, hộ dân sơ tán.")
    found = tag_with_model(doc, RULES, model)
    assert found and all(m.evidence and m.probability is not None for m in found)


def test_model_is_loaded_once_per_file_version(model: topic_model.TopicModel, tmp_path: Path) -> None:
    save(model, tmp_path)
    first = load(tmp_path)
    assert first is load(tmp_path)
    save(replace(model, trained_on=99), tmp_path)  # retrained: a new file is read
    reloaded = load(tmp_path)
    assert reloaded is not None and reloaded.trained_on == 99
