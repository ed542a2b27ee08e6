"""A handful of articles we wrote for the search, export and stats tests, stored through `storage`."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from config import load_config
from nlp.dedup import content_hash
from nlp.schema import Annotation, TopicScore
from storage import articles as repo
from storage.db import session_scope, upgrade
from storage.issues import save_story
from storage.records import Issue, RawArticle

VN = timezone(timedelta(hours=7))
HOSTILE_BODY = (
    'Bị cáo khai <script>alert("x")</script> [bold red]to[/] =HYPERLINK("http://x") và nhận hối lộ.'
)

# name: (source, day of November 2026, title, sapo, body, topics, places, tone, local); None = not annotated
ARTICLES: dict[str, tuple[str, int, str | None, str | None, str, list[str], list[str], str, bool] | None] = {
    "rac": (
        "baolangson", 10, "Người dân bức xúc vì ô nhiễm từ bãi rác Tân Lang", "Mùi hôi nồng nặc nhiều tháng.",
        "Bãi rác quá tải khiến người dân thôn Tân Lang phải đóng cửa cả ngày. Ô nhiễm kéo dài.",
        ["moi_truong"], ["Văn Lãng"], "negative", True,
    ),
    "man": (
        "vnexpress", 12, "Nhiễm mặn đồng ruộng", None,
        "Ở ven biển, lúa bị nhiễm mặn nặng. Ô tô chở nước ngọt về từng xã.",
        ["thien_tai"], [], "negative", False,
    ),
    "duong": (
        "baolangson", 15, "Khánh thành đường giao thông nông thôn ở Cao Lộc", None,
        "Tuyến đường dài 5 km được làm bằng 100% vốn ngân sách, nối hai thôn.",
        ["dau_tu_ha_tang"], ["Cao Lộc"], "positive", True,
    ),
    "daklak": (
        "vnexpress", 18, None, None,
        "Tai nạn giao thông trên quốc lộ 14 qua tỉnh Đắk Lắk làm hai người bị thương.",
        ["giao_thong"], [], "negative", False,
    ),
    "toa": (
        "baolangson", 20, "Tòa án xét xử vụ tham nhũng đất đai", "Phiên tòa kéo dài hai ngày.",
        HOSTILE_BODY, ["xet_xu", "tham_nhung_tieu_cuc"], ["Lạng Sơn"], "neutral", True,
    ),
    "lu": None,  # stored, not annotated yet
}  # fmt: skip
UNANNOTATED = {"lu": ("baolangson", 21, "Mưa lũ gây sạt lở", None, "Sau lũ, nguồn nước bị ô nhiễm nặng.")}


def _raw(name: str, source: str, day: int, title: str | None, sapo: str | None, body: str) -> RawArticle:
    published = datetime(2026, 11, day, 9, 0, tzinfo=VN)
    return RawArticle(
        url=f"http://127.0.0.1/{name}.html",
        canonical_url=f"http://127.0.0.1/{name}.html",
        source_id=source,
        title=title,
        sapo=sapo,
        text=body,
        author=None,
        published_at=published,
        fetched_at=published + timedelta(hours=1),
    )


def fill(url: str) -> dict[str, int]:
    """Store the articles (and a story of 'rac' + 'duong'); returns their ids by name."""
    upgrade(url)
    now = datetime.now(UTC)
    ids: dict[str, int] = {}
    with session_scope(url) as session:
        repo.sync_sources(session, load_config(environ={}).sources.sources, now)
        for name, spec in ARTICLES.items():
            if spec is None:
                source, day, title, sapo, body = UNANNOTATED[name]
                ids[name] = _stored(repo.insert_article(session, _raw(name, source, day, title, sapo, body)))
                continue
            source, day, title, sapo, body, topics, places, tone, local = spec
            ids[name] = article_id = _stored(
                repo.insert_article(session, _raw(name, source, day, title, sapo, body))
            )
            annotation = Annotation(
                topics=tuple(TopicScore(topic_id=t, score=5.0, evidence=()) for t in topics),
                places=tuple(places),
                organisations=(),
                tone=tone,
                tone_score=-0.5 if tone == "negative" else 0.0,
                local=local,
                local_score=0.9 if local else 0.1,
                key_terms=(),
                content_hash=content_hash(body),
                minhash=b"\x00" * 8,
            )
            repo.save_annotation(session, article_id, annotation, dup_of=None, version="test", now=now)
        first = datetime(2026, 11, 10, tzinfo=VN)
        story = Issue(
            story_key="story-rac-duong",
            topic_id="moi_truong",
            title="Bãi rác và con đường",
            article_ids=(ids["rac"], ids["duong"]),
            outlets=("baolangson",),
            score=5.0,
            explanation={},
            recipients=("ubnd",),
            first_published=first,
            last_published=first + timedelta(days=5),
        )
        ids["story"] = save_story(session, story, now)
    return ids


def _stored(article_id: int | None) -> int:
    assert article_id is not None
    return article_id
