"""The trained topic model: features, training, storage, reproducibility, the shipped default, and how it is
combined with the rules (articles written for these tests)."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest

import nlp.topic_model as topic_model
import nlp.topic_model_file as model_file
from config.models import Keyword, Topic
from nlp.document import prepare
from nlp.topic_features import Lsa, features, fit_lsa, syllable_terms
from nlp.topic_model import (
    ModelError,
    article_of,
    combine,
    tag_explained,
    tag_with_model,
    train,
)
from nlp.topic_model_file import load, resolve, save, shipped_path
from nlp.topics import Evidence, TopicMatch, compile_rules

FLOOD = Topic(id="lu", name="Lũ", threshold=3.0, keywords=[Keyword(phrase="lũ", weight=3)])
DRUGS = Topic(id="ma_tuy", name="Ma túy", threshold=3.0, keywords=[Keyword(phrase="ma túy", weight=3)])
RULES = compile_rules([FLOOD, DRUGS])

# Short texts written for these tests: floods (some without the keyword), drugs, and neither.
FLOODS = [
    "Lũ quét cuốn trôi nhà cửa ở vùng cao",
    "Nước lũ dâng cao, hàng trăm hộ dân phải sơ tán",
    "Mưa lớn gây lũ, nhiều tuyến đường bị chia cắt",
    "Nước sông dâng cao, hộ dân ven sông phải sơ tán khẩn cấp",
    "Mưa lớn kéo dài, nước ngập sâu nhiều thôn bản bị chia cắt",
    "Sạt lở đất sau mưa lớn, người dân sơ tán khỏi vùng nguy hiểm",
]
DRUG_TEXTS = [
    "Bắt đối tượng vận chuyển ma túy qua biên giới",
    "Triệt phá đường dây mua bán ma túy tổng hợp",
    "Thu giữ nhiều gói ma túy trong ba lô của nghi phạm",
    "Bắt quả tang nhóm thanh niên tàng trữ heroin",
    "Khởi tố bị can mua bán trái phép chất ma túy",
    "Phát hiện đối tượng cất giấu heroin trong xe khách",
]
OTHER = [
    "Lễ hội hoa đào khai mạc sôi nổi",
    "Giải bóng đá thiếu niên thu hút nhiều đội tham gia",
    "Nông dân vào vụ thu hoạch quýt",
    "Hội chợ nông sản thu hút đông đảo khách tham quan",
    "Trường học khai giảng năm học mới",
    "Câu lạc bộ thơ ra mắt tập thơ mới",
]
TEXTS = [(t, {"lu"}) for t in FLOODS] + [(t, {"ma_tuy"}) for t in DRUG_TEXTS] + [(t, set()) for t in OTHER]
IDS = [f"a{i}" for i in range(len(TEXTS))]


def _articles() -> list[topic_model.Article]:
    return [article_of(prepare(title=t, sapo=None, body=t), RULES) for t, _ in TEXTS]


@pytest.fixture(scope="module")
def lsa() -> Lsa:
    return fit_lsa([syllable_terms(t) for t, _ in TEXTS * 3], dims=4)


@pytest.fixture(scope="module")
def model(lsa: Lsa) -> topic_model.TopicModel:
    return train(_articles(), [g for _, g in TEXTS], RULES, ids=IDS, lsa=lsa, min_positives=3, inner_folds=2)


def test_features_are_lower_case_segmented_words_and_bigrams_with_the_title_twice() -> None:
    tokens = features(prepare(title="Nước lũ dâng cao", sapo=None, body="Hộ dân sơ tán."))
    assert tokens.count("nước") == 2 and "sơ_tán" in tokens and "dân sơ_tán" in tokens


def test_syllable_terms_need_no_segmentation() -> None:
    assert syllable_terms("Sơ tán dân") == ["sơ", "tán", "dân", "sơ tán", "tán dân"]


def test_a_model_is_trained_for_topics_with_enough_examples(model: topic_model.TopicModel) -> None:
    assert model.topics == ("lu", "ma_tuy")
    assert {d.topic for d in model.decisions} == {"lu", "ma_tuy"}
    assert all(d.by in ("model", "model+phrases", "rules") and 0 < d.threshold < 1 for d in model.decisions)
    assert all(d.threshold <= d.unmatched for d in model.decisions)
    assert all(d.unmatched == topic_model.NEVER for d in model.decisions if d.by != "model")


def test_training_without_enough_examples_is_an_error() -> None:
    with pytest.raises(ModelError, match="nothing to train"):
        train(_articles()[:2], [{"lu"}, set()], RULES, ids=["a", "b"])


def test_probabilities_follow_the_training_labels(model: topic_model.TopicModel) -> None:
    flood, drugs = model.probabilities(
        [article_of(prepare(title=t, sapo=None, body=t), RULES) for t in (FLOODS[3], DRUG_TEXTS[3])]
    )
    assert flood["lu"] > flood["ma_tuy"] and drugs["ma_tuy"] > drugs["lu"]


def test_saved_model_loads_back_with_the_same_decisions(
    model: topic_model.TopicModel, tmp_path: Path
) -> None:
    save(model, tmp_path)
    loaded = load(tmp_path)
    assert loaded is not None and loaded.topics == model.topics and loaded.trained_ids == model.trained_ids
    assert loaded.decisions == model.decisions and loaded.lsa is not None
    articles = _articles()
    before = [round(p["lu"], 2) for p in model.probabilities(articles)]
    assert [round(p["lu"], 2) for p in loaded.probabilities(articles)] == pytest.approx(before, abs=0.02)


@pytest.mark.parametrize("source", ["trained", "loaded"])
def test_the_products_take_the_matrices_as_they_lie_in_memory(
    model: topic_model.TopicModel, tmp_path: Path, source: str
) -> None:
    # scipy copies a dense operand that is not C-contiguous on every sparse product: the whole
    # coefficient matrix and LSA projection per article, unless their transposes lie contiguous
    used = model if source == "trained" else model_file.load_file(save(model, tmp_path))
    assert used is not None and used.lsa is not None
    assert used.coef.T.flags.c_contiguous and used.lsa.components.T.flags.c_contiguous
    with np.load(save(used, tmp_path / "again.npz")) as data:  # the file keeps its layout
        assert data["coef"].flags.c_contiguous


def test_the_lsa_weight_is_stored_and_older_files_keep_the_weight_they_were_trained_with(
    model: topic_model.TopicModel, tmp_path: Path
) -> None:
    assert model.lsa_weight == topic_model.LSA_WEIGHT
    path = save(model, tmp_path / "new.npz")
    assert model_file.load_file(path).lsa_weight == topic_model.LSA_WEIGHT
    with np.load(path) as data:  # a file written before the weight was stored in it
        older = {k: data[k] for k in data.files if k != "lsa_weight"}
    np.savez(tmp_path / "old.npz", **older)
    loaded = model_file.load_file(tmp_path / "old.npz")
    assert loaded.lsa_weight == 0.6 != topic_model.LSA_WEIGHT
    articles = _articles()
    assert [p["lu"] for p in loaded.probabilities(articles)] != pytest.approx(
        [p["lu"] for p in model.probabilities(articles)]
    )


def test_same_data_and_seed_give_the_same_file_and_decisions(lsa: Lsa, tmp_path: Path) -> None:
    labels = [g for _, g in TEXTS]
    files = []
    for run in range(2):
        again = fit_lsa([syllable_terms(t) for t, _ in TEXTS * 3], dims=4)
        fitted = train(_articles(), labels, RULES, ids=IDS, lsa=again, min_positives=3, inner_folds=2)
        files.append(save(fitted, tmp_path / f"run{run}.npz"))
    first, second = (np.load(f) for f in files)
    assert sorted(first.files) == sorted(second.files)
    for key in first.files:
        assert np.array_equal(first[key], second[key]), key


def test_no_model_file_means_none(tmp_path: Path) -> None:
    assert load(tmp_path) is None


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"not a model", "cannot read the topic model"),
        (b"", "cannot read the topic model"),
    ],
)
def test_a_corrupt_model_is_one_line_and_the_rules_still_tag(
    tmp_path: Path, content: bytes, fragment: str
) -> None:
    (tmp_path / model_file.MODEL_FILE).write_bytes(content)
    found = resolve(tmp_path)
    assert found.model is None and fragment in found.problem and "\n" not in found.problem
    doc = prepare(title="Lũ về", sapo=None, body="Nước lũ dâng cao.")
    assert [m.topic_id for m in tag_with_model(doc, RULES, found.model)] == ["lu"]


def test_a_file_of_another_format_is_refused(tmp_path: Path) -> None:
    np.savez(tmp_path / model_file.MODEL_FILE, format=np.asarray(1))
    with pytest.raises(ModelError, match="not a duluan topic model"):
        load(tmp_path)


def test_a_missing_shipped_model_leaves_the_rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(model_file, "shipped_path", lambda: tmp_path / "gone.npz")
    found = resolve(None)
    assert found.model is None and "no such topic model file" in found.problem


def test_without_a_model_folder_the_shipped_model_is_used_and_loads_fast() -> None:
    model_file._load.cache_clear()
    started = time.perf_counter()
    found = resolve(None)
    elapsed = time.perf_counter() - started
    assert found.problem == "" and found.model is not None and found.source == str(shipped_path())
    assert elapsed < 2.0  # the bound on loading (a generous one: typically well under 1 s)
    assert found.model.trained_on >= 1000 and found.model.lsa is not None


def _match(topic: str, score: float) -> TopicMatch:
    return TopicMatch(topic_id=topic, score=score, evidence=(Evidence(phrase="lũ", field="body", count=1),))


@pytest.mark.parametrize(
    ("by", "score", "probability", "kept"),
    [
        ("model", 4.0, 0.9, True),  # the model decides: above its threshold
        ("model", 4.0, 0.2, False),  # the rules would assign it, the model decides it is not
        ("model", 1.0, 0.9, True),  # the model adds a topic the rules scored below their threshold
        ("model", 0.0, 0.9, False),  # without a single matched phrase, the stricter threshold (0.95) ...
        ("model", 0.0, 0.97, True),  # ... which a confident model reaches on words the rules lack
        ("model+phrases", 1.0, 0.9, True),  # the model decides where the rules found a phrase
        ("model+phrases", 0.0, 0.99, False),  # ... and never where they found none
        ("rules", 4.0, 0.1, True),  # the rules decide: above their threshold
        ("rules", 2.0, 0.99, False),  # the rules decide: below their threshold
    ],
)
def test_combination_follows_each_topics_decider(
    model: topic_model.TopicModel, by: str, score: float, probability: float, kept: bool
) -> None:
    from dataclasses import replace

    decisions = tuple(replace(d, by=by, threshold=0.5, unmatched=0.95) for d in model.decisions)
    chosen = replace(model, decisions=decisions)
    scored = [_match("lu", score)] if score else []
    found = combine(scored, {"lu": probability, "ma_tuy": 0.0}, RULES, chosen)
    assert bool(found) is kept
    if found:
        assert found[0].probability == round(probability, 3)


def test_a_topic_the_model_does_not_know_follows_the_rules(model: topic_model.TopicModel) -> None:
    few = compile_rules([FLOOD, DRUGS, Topic(id="khac", name="Khác", threshold=1.0, keywords=[])])
    found = combine([_match("khac", 3.5)], {"lu": 0.0, "ma_tuy": 0.0}, few, model)
    assert [m.topic_id for m in found] == ["khac"]


def test_without_a_model_the_rules_decide() -> None:
    doc = prepare(title="Lũ về", sapo=None, body="Nước lũ dâng cao.")
    assert [m.topic_id for m in tag_with_model(doc, RULES, None)] == ["lu"]


def test_each_modelled_tag_explains_itself_with_the_words_that_weighed(model: topic_model.TopicModel) -> None:
    doc = prepare(title="Lũ về", sapo=None, body="Nước lũ dâng cao, hộ dân sơ tán.")
    found = tag_explained(doc, RULES, model)
    assert found and found[0].match.topic_id == "lu"
    words = [w for w, _ in found[0].model_words]
    assert words and all(weight > 0 for _, weight in found[0].model_words)
    assert set(words) & {"lũ", "sơ tán", "hộ dân", "nước lũ", "dâng"}


def test_a_tag_without_any_matched_phrase_is_explained_by_the_model_words(
    model: topic_model.TopicModel,
) -> None:
    from dataclasses import replace

    lenient = tuple(replace(d, by="model", threshold=0.5, unmatched=0.5) for d in model.decisions)
    doc = prepare(title="Nước sông dâng cao", sapo=None, body="Hộ dân ven sông phải sơ tán khẩn cấp.")
    found = {t.match.topic_id: t for t in tag_explained(doc, RULES, replace(model, decisions=lenient))}
    assert "lu" in found and found["lu"].match.evidence == ()  # no phrase of the rules matched ...
    assert {w for w, _ in found["lu"].model_words} & {
        "sơ tán",
        "dâng",
        "hộ dân",
        "nước sông",
    }  # ... the model's words
    strict = tuple(replace(d, by="model+phrases") for d in lenient)
    assert "lu" not in {m.topic_id for m in tag_with_model(doc, RULES, replace(model, decisions=strict))}


@pytest.mark.parametrize(
    ("matched_p", "unmatched_p", "pair"),
    [
        (0.35, 0.1, (0.40, topic_model.NEVER)),  # the phrase-matched threshold is fixed, never chosen lower
        (0.9, 0.75, (0.40, topic_model.NEVER)),  # no phrase: below the floor 0.80 nothing is tagged
        (0.9, 0.85, (0.40, 0.85)),  # ... above it the folds may choose to tag
    ],
)
def test_thresholds_keep_the_fixed_matched_value_and_the_no_phrase_floor(
    matched_p: float, unmatched_p: float, pair: tuple[float, float]
) -> None:
    # 10 positives with a phrase at `matched_p`, 10 positives without one at `unmatched_p`, 20 negatives.
    p = np.asarray([matched_p] * 10 + [unmatched_p] * 10 + [0.05] * 20)
    matched = np.asarray([True] * 10 + [False] * 30)
    y = np.asarray([1] * 20 + [0] * 20)
    assert topic_model._best_pair(p, matched, y)[:2] == pair
