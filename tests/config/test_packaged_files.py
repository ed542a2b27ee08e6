"""The packaged YAML files (config/*.yaml) validate and keep the taxonomy contract."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import BaseModel

from config.models import RecipientsFile, ScheduleFile, SourcesFile

CONFIG_DIR = Path(__file__).resolve().parents[2] / "config"
# shared/ sits beside the project checkout (see shared/README.md); the tests that need it skip without it.
TAXONOMY = Path(__file__).resolve().parents[3] / "shared" / "spec" / "taxonomy.md"

MODELS: dict[str, type[BaseModel]] = {
    "sources.yaml": SourcesFile,
    "recipients.yaml": RecipientsFile,
    "schedule.yaml": ScheduleFile,
}

# The 23 topic ids of the taxonomy contract (shared/spec/taxonomy.md), used when that file is absent.
CONTRACT_TOPIC_IDS = (
    "dat_dai",
    "giai_phong_mat_bang",
    "khieu_nai_to_cao",
    "moi_truong",
    "khoang_san_rung",
    "cua_khau_thuong_mai",
    "buon_lau_gian_lan",
    "ma_tuy_xuat_nhap_canh",
    "thien_tai",
    "tham_nhung_tieu_cuc",
    "xet_xu",
    "an_ninh_trat_tu",
    "lua_dao_tin_dung_den",
    "giao_thong",
    "tin_gia_xuyen_tac",
    "dan_toc_ton_giao",
    "an_sinh_xa_hoi",
    "giao_duc",
    "y_te_thuc_pham",
    "dau_tu_ha_tang",
    "gia_ca_thi_truong",
    "bo_may_hanh_chinh",
    "kien_nghi_cu_tri",
)
CONTRACT_RECIPIENT_IDS = ("ban_tuyen_giao", "hdnd", "ubnd", "tand", "vksnd")

# One made-up article URL per packaged source, in the form that source's allow regexes are meant to accept.
EXAMPLE_ARTICLE_URLS = {
    "baolangson": "https://baolangson.vn/xa-ta-lam-duong-giao-thong-nong-thon-5012345.html",
    "langsontv": "https://langsontv.vn/news/452/81234/nguoi-dan-gop-dat-mo-duong",
    "langson_gov": "https://langson.gov.vn/tin-tuc-su-kien/ubnd-tinh-hop-phien-thuong-ky-thang-5.html",
    "vnexpress": "https://vnexpress.net/lang-son-thong-xe-tuyen-duong-moi-4812345.html",
    "tuoitre": "https://tuoitre.vn/cua-khau-huu-nghi-thong-quan-xuyen-tet-20240210093015123.htm",
    "thanhnien": "https://thanhnien.vn/xe-nong-san-un-tac-o-cua-khau-tan-thanh-185240115102030456.htm",
    "dantri": "https://dantri.com.vn/xa-hoi/lu-quet-o-vung-cao-lang-son-20240915103045123.htm",
    "nhandan": "https://nhandan.vn/lang-son-day-manh-chuyen-doi-so-post812345.html",
    "vietnamplus": "https://www.vietnamplus.vn/lang-son-tang-cuong-kiem-soat-bien-gioi-post912345.vnp",
    "vov": "https://vov.vn/xa-hoi/lang-son-di-doi-dan-khoi-vung-sat-lo-post1098765.vov",
    "baochinhphu": "https://baochinhphu.vn/lang-son-giai-ngan-von-dau-tu-cong-102240520101530123.htm",
    "cand": "https://cand.com.vn/Ban-tin-113/triet-pha-duong-day-van-chuyen-trai-phep-qua-bien-gioi-i712345/",
    "baotintuc": "https://baotintuc.vn/thoi-su/lang-son-khac-phuc-hau-qua-mua-lu-20240911083015123.htm",
    "google_news_langson": "https://news.google.com/rss/articles/CBMiQmh0dHBzOi8vZXhhbXBsZS5pbnZhbGlk?oc=5",
}

# What config.files resolves: a whole-value "${NAME}" reference, and only DULUAN_* names are captured.
ENV_REFERENCE = re.compile(r"^\$\{DULUAN_[A-Z0-9_]+\}$")
TAXONOMY_ROW = re.compile(r"^\|\s*([a-z][a-z0-9_]*)\s*\|(.*)\|\s*$")


def _load(name: str) -> Any:
    return yaml.safe_load((CONFIG_DIR / name).read_text(encoding="utf-8"))


def _taxonomy_routing() -> dict[str, list[str]]:
    """topic id -> default recipients (primary first), read from the table of taxonomy.md."""
    if not TAXONOMY.is_file():
        pytest.skip(f"{TAXONOMY} is absent")
    table: dict[str, list[str]] = {}
    for line in TAXONOMY.read_text(encoding="utf-8").splitlines():
        match = TAXONOMY_ROW.match(line.strip())
        if not match or match.group(1) == "id":
            continue
        cells = [cell.strip() for cell in match.group(2).split("|")]
        if len(cells) != 3:
            continue
        table[match.group(1)] = [r.strip().strip("`") for r in cells[-1].split(",") if r.strip()]
    assert table, f"no topic rows found in {TAXONOMY}"
    return table


def _source(source_id: str) -> dict[str, Any]:
    sources = {s["id"]: s for s in _load("sources.yaml")["sources"]}
    assert source_id in sources, f"no source {source_id!r} in sources.yaml"
    return sources[source_id]


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


@pytest.mark.parametrize("name", sorted(MODELS))
def test_file_validates_against_its_model(name: str) -> None:
    MODELS[name].model_validate(_load(name))


def test_routing_covers_exactly_the_contract_topic_ids() -> None:
    routing = _load("recipients.yaml")["routing"]
    assert sorted(routing) == sorted(CONTRACT_TOPIC_IDS)


def test_routing_covers_exactly_the_taxonomy_topic_ids() -> None:
    topic_ids = _taxonomy_routing()
    routing = _load("recipients.yaml")["routing"]
    assert sorted(routing) == sorted(topic_ids)


def test_routing_is_the_taxonomy_default_table() -> None:
    defaults = _taxonomy_routing()
    routing = _load("recipients.yaml")["routing"]
    assert routing == defaults


def test_the_contract_recipients_are_defined() -> None:
    recipients = _load("recipients.yaml")["recipients"]
    assert sorted(recipients) == sorted(CONTRACT_RECIPIENT_IDS)


@pytest.mark.parametrize("topic_id", CONTRACT_TOPIC_IDS)
def test_every_routing_target_is_a_known_recipient(topic_id: str) -> None:
    data = _load("recipients.yaml")
    targets = data["routing"].get(topic_id, [])
    assert targets, f"routing.{topic_id} names no recipient"
    unknown = [t for t in targets if t not in data["recipients"]]
    assert not unknown, f"routing.{topic_id}: unknown recipients {unknown}"


def test_every_source_has_an_example_article_url() -> None:
    ids = [s["id"] for s in _load("sources.yaml")["sources"]]
    assert sorted(ids) == sorted(EXAMPLE_ARTICLE_URLS)


@pytest.mark.parametrize(("source_id", "url"), sorted(EXAMPLE_ARTICLE_URLS.items()))
def test_allow_regexes_compile_and_match_an_article_url(source_id: str, url: str) -> None:
    patterns = [re.compile(p) for p in _source(source_id)["allow"]]
    assert patterns, f"{source_id} has no allow regex"
    assert any(p.search(url) for p in patterns), f"{source_id}: no allow regex matches {url}"


@pytest.mark.parametrize(("source_id", "url"), sorted(EXAMPLE_ARTICLE_URLS.items()))
def test_deny_regexes_let_an_article_url_through(source_id: str, url: str) -> None:
    denied = [p for p in _source(source_id).get("deny", []) if re.compile(p).search(url)]
    assert not denied, f"{source_id}: {url} is denied by {denied}"


@pytest.mark.parametrize("recipient_id", CONTRACT_RECIPIENT_IDS)
def test_contacts_are_environment_references(recipient_id: str) -> None:
    channels = _load("recipients.yaml")["recipients"][recipient_id].get("channels", [])
    for channel in channels:
        if channel["kind"] not in ("email", "webhook"):
            continue
        for key in ("to", "secret"):
            value = channel.get(key)
            if key == "to" or value is not None:
                assert isinstance(value, str) and ENV_REFERENCE.match(value), (
                    f"recipients.{recipient_id}: {channel['kind']} {key} {value!r} is not a ${{DULUAN_...}}"
                )


@pytest.mark.parametrize("name", sorted(MODELS))
def test_text_is_nfc(name: str) -> None:
    raw = (CONFIG_DIR / name).read_text(encoding="utf-8")
    assert unicodedata.is_normalized("NFC", raw), f"{name} is not NFC-normalised"
    bad = [s for s in _strings(yaml.safe_load(raw)) if not unicodedata.is_normalized("NFC", s)]
    assert not bad, f"{name}: values not in NFC: {bad[:3]}"
