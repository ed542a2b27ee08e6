"""The alert rules of alerts.yaml turned into candidate alerts (before routing, cooldown and storage).

- new_issue: an issue of the day scoring at least `min_score`;
- topic_burst: a topic whose day is improbable against its own baseline (Poisson tail, see detect.scoring);
- severe_phrase: an article of the day (about the province, with `local_only`) holding a listed phrase.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from config import AppConfig
from nlp.text import words
from pipeline.detect.scoring import Baseline
from pipeline.detect.summary import sentences
from pipeline.render import clip, safe_url, vnum
from storage.records import ArticleView, Issue

MAX_LINKS = 9


@dataclass(frozen=True)
class Candidate:
    """An alert before it is routed to bodies and checked against the cooldown."""

    subject: str  # issue:<story key> | burst:<topic>:<day> | phrase:<topic or ->:<article id>
    kind: str  # issue | burst | phrase
    topic_id: str
    title: str
    magnitude: float
    recipients: tuple[str, ...]
    once: bool  # True: one alert per subject ever; False: the cooldown and regrow factor decide
    payload: dict[str, Any] = field(default_factory=dict)
    issue_id: int | None = None


def _links(articles: list[ArticleView]) -> list[dict[str, str]]:
    return [
        {"title": clip(a.display_title), "url": safe_url(a.url), "outlet": clip(a.source_name, 100)}
        for a in articles[:MAX_LINKS]
    ]


def topic_why(articles: list[ArticleView], topic: str, limit: int = 5) -> dict[str, list[str]]:
    """Why the articles carry `topic`: the rules' commonest matched phrases and the model's heaviest words
    (the evidence stored with each article's topic; a model word is marked field "model")."""
    phrases: dict[str, float] = {}
    learned: dict[str, float] = {}
    for article in articles:
        for e in article.evidence.get(topic, []):
            if not isinstance(e, dict) or not e.get("phrase"):
                continue
            if e.get("field") == "model":
                learned[str(e["phrase"])] = learned.get(str(e["phrase"]), 0.0) + float(e.get("weight") or 0)
            else:
                phrases[str(e["phrase"])] = phrases.get(str(e["phrase"]), 0.0) + float(e.get("count") or 1)
    top = lambda d: [k for k, _ in sorted(d.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]]  # noqa: E731
    return {"phrases": top(phrases), "model_words": top(learned)}


def issue_candidates(app: AppConfig, issues: list[Issue], views: dict[int, ArticleView]) -> list[Candidate]:
    rule = app.alerts.rules.new_issue
    if not rule.enabled:
        return []
    names = {t.id: t.name for t in app.topics.topics}
    out = []
    for issue in issues:
        if issue.score < rule.min_score:
            continue
        members = [views[i] for i in issue.article_ids if i in views]
        out.append(
            Candidate(
                subject=f"issue:{issue.story_key}",
                kind="issue",
                topic_id=issue.topic_id,
                title=clip(issue.title),
                magnitude=issue.score,
                recipients=tuple(app.route(issue.topic_id)),
                once=False,
                issue_id=issue.id,
                payload={
                    "topic": issue.topic_id,
                    "topic_name": names.get(issue.topic_id, issue.topic_id),
                    "score": issue.score,
                    "explanation": issue.explanation,
                    "reason": issue.explanation.get("text", ""),
                    "why": topic_why(members, issue.topic_id),
                    "article_ids": list(issue.article_ids),
                    "outlets": list(issue.outlets),
                    "articles": _links(members),
                },
            )
        )
    return out


def burst_candidates(
    app: AppConfig, day: date, topic_baselines: dict[str, Baseline], today: list[ArticleView]
) -> list[Candidate]:
    rule = app.alerts.rules.topic_burst
    if not rule.enabled:
        return []
    out = []
    for topic in app.topics.topics:
        b = topic_baselines.get(topic.id)
        if b is None or not b.is_burst(max_p_value=rule.max_p_value, min_articles=rule.min_articles):
            continue
        members = [a for a in today if topic.id in a.topics and a.dup_of is None]
        reason = (
            f"Lĩnh vực {topic.name} có {b.today} bài trong ngày {day:%d/%m/%Y}, so với trung bình "
            f"{vnum(b.mean, 2)} bài/ngày trong {len(b.history)} ngày trước "
            f"(xác suất ngẫu nhiên p = {b.p_value:.1e})."
        )
        out.append(
            Candidate(
                subject=f"burst:{topic.id}:{day.isoformat()}",
                kind="burst",
                topic_id=topic.id,
                title=f"Tin về {topic.name} tăng đột biến: {b.today} bài trong ngày {day:%d/%m/%Y}",
                magnitude=float(b.today),
                recipients=tuple(app.route(topic.id)),
                once=True,
                payload={
                    "topic": topic.id,
                    "topic_name": topic.name,
                    "day": day.isoformat(),
                    "reason": reason,
                    "why": topic_why(members, topic.id),
                    "baseline": b.as_dict(),
                    "articles": _links(members),
                },
            )
        )
    return out


def _digest_recipients(app: AppConfig) -> tuple[str, ...]:
    return app.digest_recipients()


def _excerpt(article: ArticleView, phrase_tokens: list[str]) -> str:
    """The first sentence holding the phrase."""
    wanted = f" {' '.join(phrase_tokens)} "
    text = "\n".join(x for x in (article.title, article.sapo, article.text) if x)
    for sentence in sentences(text):
        if wanted in f" {' '.join(words(sentence))} ":
            return clip(sentence, 400)
    return ""


def phrase_candidates(app: AppConfig, today: list[ArticleView]) -> list[Candidate]:
    rule = app.alerts.rules.severe_phrase
    if not rule.enabled or not rule.phrases:
        return []
    names = {t.id: t.name for t in app.topics.topics}
    phrases = [(p, words(p.phrase)) for p in rule.phrases]
    out = []
    for article in today:
        if article.dup_of is not None or (rule.local_only and not article.local):
            continue
        haystack = " " + " ".join(words(f"{article.title or ''}\n{article.sapo or ''}\n{article.text}")) + " "
        for phrase, tokens in phrases:
            if not tokens or f" {' '.join(tokens)} " not in haystack:
                continue
            topic = phrase.topic or (
                max(sorted(article.topics), key=lambda t: article.topics[t]) if article.topics else None
            )
            recipients = tuple(app.route(topic)) if topic else _digest_recipients(app)
            out.append(
                Candidate(
                    subject=f"phrase:{topic or '-'}:{article.id}",
                    kind="phrase",
                    topic_id=topic or "",
                    title=clip(article.display_title),
                    magnitude=1.0,
                    recipients=recipients,
                    once=True,
                    payload={
                        "topic": topic or "",
                        "topic_name": names.get(topic or "", ""),
                        "phrase": phrase.phrase,
                        "reason": f"Bài viết về địa phương có cụm từ nghiêm trọng “{phrase.phrase}”.",
                        "excerpt": _excerpt(article, tokens),
                        "articles": _links([article]),
                    },
                )
            )
            break  # one alert per article: the first listed phrase it holds
    return out
