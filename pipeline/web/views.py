"""What each page shows, assembled from storage once for both the HTML pages and the JSON API."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from config import AppConfig
from storage import issues as issue_repo
from storage.article_pages import article_briefs, article_detail, source_names
from storage.corrections import Correction, corrections_for
from storage.days import day_bounds, local_range
from storage.db import session_scope
from storage.issues import latest_issue_day
from storage.records import ArticleBrief, ArticleDetail
from storage.search import SearchFilters as StoreFilters
from storage.search import search
from storage.snippets import Segment
from storage.trends import tone_counts, topic_counts_by_day

TREND_DAYS = 14
PER_PAGE = 20
EXPORT_LIMIT = 5000

PART_LABELS = {
    "volume": "Số bài viết (bản sao tính một nửa)",
    "outlets": "Nhiều cơ quan báo chí cùng đưa tin",
    "severity": "Mức độ nghiêm trọng của chủ đề",
    "local": "Liên quan trực tiếp đến địa phương",
    "today": "Bài đăng trong ngày",
    "grassroots": "Dư luận từ cơ sở (báo cáo của cộng tác viên)",
}
TONE_LABELS = {"negative": "Tiêu cực", "neutral": "Trung tính", "positive": "Tích cực"}


def tz_of(cfg: AppConfig) -> ZoneInfo:
    return ZoneInfo(cfg.settings.timezone)


def today_of(cfg: AppConfig) -> date:
    return datetime.now(tz_of(cfg)).date()


def topic_names(cfg: AppConfig) -> dict[str, str]:
    return {t.id: t.name for t in cfg.topics.topics}


def recipient_names(cfg: AppConfig) -> dict[str, str]:
    return {rid: r.short_name or r.name for rid, r in cfg.recipients.recipients.items()}


@dataclass(frozen=True, kw_only=True)
class IssueView:
    id: int | None
    title: str
    topic_id: str
    topic_name: str
    score: float
    parts: list[tuple[str, float]]
    articles: list[ArticleBrief]
    outlets: list[str]
    recipients: list[str]
    explanation: dict[str, Any]


@dataclass(frozen=True, kw_only=True)
class TrendRow:
    topic_id: str
    topic_name: str
    counts: list[int]

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True, kw_only=True)
class TodayView:
    day: date
    requested: date
    issues: list[IssueView]
    days: list[date]
    trend: list[TrendRow]
    tone: dict[str, int]

    @property
    def trend_max(self) -> int:
        return max((max(r.counts) for r in self.trend), default=0)


def today_view(cfg: AppConfig, day: date | None) -> TodayView:
    """A day's pressing issues (default: today, else the latest day with issues), trend and tone counts."""
    tz = tz_of(cfg)
    requested = day or today_of(cfg)
    names, bodies = topic_names(cfg), recipient_names(cfg)
    with session_scope(cfg.settings.resolved_database_url) as session:
        shown = requested
        if day is None and not issue_repo.issues_on(session, requested):
            shown = latest_issue_day(session, requested) or requested
        issues = issue_repo.issues_on(session, shown)
        start, end = day_bounds(shown, tz)
        trend_start = start - timedelta(days=TREND_DAYS - 1)
        counts = topic_counts_by_day(session, trend_start, end, tz)
        tone = tone_counts(session, start, end)
        views = [
            IssueView(
                id=i.id,
                title=i.title,
                topic_id=i.topic_id,
                topic_name=names.get(i.topic_id, i.topic_id),
                score=i.score,
                parts=[(PART_LABELS.get(k, k), float(v)) for k, v in i.explanation.get("parts", {}).items()],
                articles=article_briefs(session, list(i.article_ids)),
                outlets=list(i.outlets),
                recipients=[bodies.get(r, r) for r in i.recipients],
                explanation=i.explanation,
            )
            for i in issues
        ]
    days = [shown - timedelta(days=k) for k in range(TREND_DAYS - 1, -1, -1)]
    trend = [
        TrendRow(topic_id=t, topic_name=names.get(t, t), counts=[per_day.get(d, 0) for d in days])
        for t, per_day in counts.items()
    ]
    trend.sort(key=lambda r: (-r.total, r.topic_id))
    return TodayView(day=shown, requested=requested, issues=views, days=days, trend=trend, tone=tone)


@dataclass(frozen=True, kw_only=True)
class SearchFilters:
    q: str
    topic: str | None = None
    source: str | None = None
    since: date | None = None
    until: date | None = None


@dataclass(frozen=True, kw_only=True)
class HitView:
    """One search hit as the pages and the API show it (the query's words marked in title and snippet)."""

    id: int
    url: str
    source_id: str
    title: str | None
    published_at: datetime | None
    title_marked: list[Segment]
    snippet_marked: list[Segment]

    @property
    def snippet(self) -> str:
        return "".join(text for text, _ in self.snippet_marked)


@dataclass(frozen=True, kw_only=True)
class SearchView:
    filters: SearchFilters
    page: int
    per_page: int
    hits: list[HitView] = field(default_factory=list)
    has_next: bool = False


def _bounds(cfg: AppConfig, f: SearchFilters) -> tuple[datetime | None, datetime | None]:
    return local_range(f.since, f.until, tz_of(cfg))


def run_search(cfg: AppConfig, f: SearchFilters, limit: int) -> list[HitView]:
    """The one call into `storage.search` (until is inclusive of its day): the seam to re-point when the
    search backend changes."""
    since, until = _bounds(cfg, f)
    with session_scope(cfg.settings.resolved_database_url) as session:
        filters = StoreFilters(
            since=since,
            until=until,
            topics=(f.topic,) if f.topic else None,
            sources=(f.source,) if f.source else None,
        )
        hits = search(session, f.q, filters=filters, limit=limit)
    return [
        HitView(
            id=h.id,
            url=h.url,
            source_id=h.source_id,
            title=h.title,
            published_at=h.published_at,
            title_marked=list(h.title_marked.segments) if h.title_marked else [],
            snippet_marked=list(h.snippet.segments),
        )
        for h in hits
    ]


def search_view(cfg: AppConfig, f: SearchFilters, page: int, per_page: int = PER_PAGE) -> SearchView:
    hits = run_search(cfg, f, page * per_page + 1)
    return SearchView(
        filters=f,
        page=page,
        per_page=per_page,
        hits=hits[(page - 1) * per_page : page * per_page],
        has_next=len(hits) > page * per_page,
    )


def export_rows(cfg: AppConfig, f: SearchFilters) -> list[dict[str, Any]]:
    with session_scope(cfg.settings.resolved_database_url) as session:
        names = source_names(session)
    tz = tz_of(cfg)
    return [
        {
            "id": h.id,
            "tieu_de": h.title or "",
            "nguon": names.get(h.source_id, h.source_id),
            "ngay_dang": h.published_at.astimezone(tz).strftime("%Y-%m-%d %H:%M") if h.published_at else "",
            "duong_dan": h.url,
            "trich_doan": h.snippet,
        }
        for h in run_search(cfg, f, EXPORT_LIMIT)
    ]


@dataclass(frozen=True)
class ArticleView:
    detail: ArticleDetail
    corrections: list[Correction]  # newest first


def article_view(cfg: AppConfig, article_id: int) -> ArticleView | None:
    """An article's detail and the people's corrections of its topics; None when there is no such article."""
    with session_scope(cfg.settings.resolved_database_url) as session:
        detail = article_detail(session, article_id)
        if detail is None:
            return None
        return ArticleView(detail, corrections_for(session, article_id))
