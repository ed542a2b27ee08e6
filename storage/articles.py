"""Sources, articles and their annotations: every SQL statement about them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.orm import Session

from nlp.dedup import content_hash_of_words
from nlp.schema import Annotation
from storage.models import (
    AnnotateFailureRow,
    AnnotationRow,
    ArticleRow,
    ArticleTopicRow,
    SourceRow,
)
from storage.records import (
    AnnotateFailure,
    ArticleView,
    FailedArticle,
    RawArticle,
    StoredArticle,
)
from storage.search_query import index_text
from storage.upsert import insert_ignore, insert_or_update


def sync_sources(session: Session, sources: Iterable[Any], now: datetime) -> None:
    """Insert or update source rows (anything with id, name, url and scope)."""
    for s in sources:
        values = {"id": s.id, "name": s.name, "url": s.url, "scope": s.scope, "updated_at": now}
        session.execute(insert_or_update(session, SourceRow, ["id"], values))


def _is_http(url: str) -> bool:
    return url.lower().startswith(("http://", "https://")) and len(url) > len("https://")


def article_values(raw: RawArticle) -> dict[str, Any]:
    """The column values of a new article row (folded search text included)."""
    body = raw.text
    search_key = index_text(raw.sapo, body)
    return {
        "url": raw.url,
        # only an http(s) canonical is ever stored (and so linked, returned by the API or exported)
        "canonical_url": raw.canonical_url if _is_http(raw.canonical_url) else raw.url,
        "source_id": raw.source_id,
        "title": raw.title,
        "sapo": raw.sapo,
        "body": body,
        "author": raw.author,
        "published_at": raw.published_at,
        "published_source": raw.published_source,
        "fetched_at": raw.fetched_at,
        "tags": list(raw.tags),
        "html_bytes": raw.html_bytes,
        "extraction": raw.extraction,
        "content_hash": content_hash_of_words(search_key),  # = content_hash(sapo + body), folded once
        "search_title": index_text(raw.title),
        "search_key": search_key,
        "state": "new",
    }


def insert_article(session: Session, raw: RawArticle) -> int | None:
    """Store a crawled article; None when its URL or canonical URL is already stored (idempotent)."""
    return insert_articles(session, [raw])[0]


def insert_articles(session: Session, raws: Sequence[RawArticle]) -> list[int | None]:
    """Store crawled articles with one multi-row INSERT per batch; for each, its new id, or None when
    its URL or canonical URL is already stored (or came earlier in `raws`)."""
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()
    for raw in raws:
        if raw.url not in seen and raw.canonical_url not in seen:
            rows.append(article_values(raw))
        seen.update((raw.url, raw.canonical_url))
    if not rows:
        return [None] * len(raws)
    stmt = insert_ignore(session, ArticleRow.__table__).returning(ArticleRow.id, ArticleRow.url)
    stored = {url: int(i) for i, url in session.connection().execute(stmt, rows)}
    out: list[int | None] = []
    for raw in raws:
        out.append(stored.pop(raw.url, None))  # pop: a repeated URL in `raws` is not new twice
    return out


def stored_urls(session: Session, urls: Iterable[str]) -> set[str]:
    """Which of `urls` are already stored (as fetched or as canonical URL)."""
    wanted = list(dict.fromkeys(urls))
    found: set[str] = set()
    for i in range(0, len(wanted), 500):
        chunk = wanted[i : i + 500]
        rows = session.execute(
            select(ArticleRow.url, ArticleRow.canonical_url).where(
                or_(ArticleRow.url.in_(chunk), ArticleRow.canonical_url.in_(chunk))
            )
        )
        for url, canonical in rows:
            found.update({url, canonical})
    return found & set(wanted)


def count_articles(session: Session, state: str | None = None) -> int:
    query = select(func.count()).select_from(ArticleRow)
    if state:
        query = query.where(ArticleRow.state == state)
    return int(session.scalar(query) or 0)


def pending_articles(session: Session, limit: int, after_id: int = 0) -> list[StoredArticle]:
    rows = session.scalars(
        select(ArticleRow)
        .where(ArticleRow.state == "new", ArticleRow.id > after_id)
        .order_by(ArticleRow.id)
        .limit(limit)
    )
    return [stored_article(r) for r in rows]


def stored_article(r: ArticleRow) -> StoredArticle:
    """store -> annotate: the text fields of a stored article."""
    return StoredArticle(
        id=r.id,
        source_id=r.source_id,
        url=r.url,
        title=r.title,
        sapo=r.sapo,
        text=r.body,
        published_at=r.published_at,
    )


def ids_with_hash(session: Session, digest: str, exclude_id: int) -> list[int]:
    """Annotated articles whose content hash equals `digest` (exact copies)."""
    return list(
        session.scalars(
            select(ArticleRow.id)
            .join(AnnotationRow, AnnotationRow.article_id == ArticleRow.id)
            .where(ArticleRow.content_hash == digest, ArticleRow.id != exclude_id)
        )
    )


def duplicate_heads(session: Session, ids: Iterable[int]) -> dict[int, tuple[datetime | None, int]]:
    """For annotated articles: the original each one copies (itself when none), as
    {original id: (published_at, id)} so the earliest-published original can be chosen."""
    wanted = list(ids)
    heads: set[int] = set()
    for i in range(0, len(wanted), 500):
        rows = session.execute(
            select(AnnotationRow.article_id, AnnotationRow.dup_of).where(
                AnnotationRow.article_id.in_(wanted[i : i + 500])
            )
        )
        heads.update(dup_of or article_id for article_id, dup_of in rows)
    if not heads:
        return {}
    dated = session.execute(select(ArticleRow.id, ArticleRow.published_at).where(ArticleRow.id.in_(heads)))
    return {int(i): (published, int(i)) for i, published in dated}


def repoint_duplicates(session: Session, old_heads: Iterable[int], new_head: int) -> None:
    """An earlier original arrived: the old originals and their copies now point to `new_head`."""
    old = [h for h in old_heads if h != new_head]
    if not old:
        return
    session.execute(
        update(AnnotationRow)
        .where(or_(AnnotationRow.dup_of.in_(old), AnnotationRow.article_id.in_(old)))
        .values(dup_of=new_head)
    )


def signatures_since(session: Session, since: datetime) -> list[tuple[int, bytes]]:
    """MinHash signatures of annotated articles fetched or published since `since`."""
    rows = session.execute(
        select(AnnotationRow.article_id, AnnotationRow.minhash)
        .join(ArticleRow, ArticleRow.id == AnnotationRow.article_id)
        .where(AnnotationRow.minhash.is_not(None))
        .where(or_(ArticleRow.published_at >= since, ArticleRow.fetched_at >= since))
    )
    return [(int(i), bytes(m)) for i, m in rows if m is not None]


def save_annotation(
    session: Session,
    article_id: int,
    annotation: Annotation,
    *,
    dup_of: int | None,
    version: str,
    now: datetime,
) -> None:
    """Store an annotation and mark the article annotated (a second call for the same article is a no-op)."""
    inserted = session.execute(
        insert_ignore(session, AnnotationRow)
        .values(
            article_id=article_id,
            annotated_at=now,
            annotator_version=version,
            places=list(annotation.places),
            organisations=list(annotation.organisations),
            people=[{"name": p.name, "title": p.title} for p in annotation.people],
            units=list(annotation.units),
            tone=annotation.tone,
            tone_score=annotation.tone_score,
            tone_evidence=annotation.tone_evidence.as_json() if annotation.tone_evidence else None,
            local=annotation.local,
            local_score=annotation.local_score,
            key_terms=list(annotation.key_terms),
            minhash=annotation.minhash,
            dup_of=dup_of,
        )
        .returning(AnnotationRow.article_id)
    ).first()
    if inserted is None:
        return
    for topic in annotation.topics:
        session.add(
            ArticleTopicRow(
                article_id=article_id,
                topic_id=topic.topic_id,
                score=topic.score,
                # the model's words ride in the same JSON list, marked field "model" (older rows lack them)
                evidence=list(topic.evidence)
                + [{"phrase": w["word"], "field": "model", "weight": w["weight"]} for w in topic.model_words],
            )
        )
    session.execute(
        update(ArticleRow)
        .where(ArticleRow.id == article_id)
        .values(state="annotated", content_hash=annotation.content_hash)
    )
    session.execute(delete(AnnotateFailureRow).where(AnnotateFailureRow.article_id == article_id))


def record_failure(
    session: Session, article_id: int, failure: AnnotateFailure, *, version: str, now: datetime
) -> None:
    """Set an article aside: state 'failed' (skipped by later runs and claims, its claim released) and why."""
    previous = session.get(AnnotateFailureRow, article_id)
    attempts = (previous.attempts if previous else 0) + 1
    session.execute(
        insert_or_update(
            session,
            AnnotateFailureRow,
            ["article_id"],
            {
                "article_id": article_id,
                "error_class": failure.error_class[:128],
                "message": failure.message[:2000],
                "annotator_version": version,
                "attempts": attempts,
                "failed_at": now,
            },
        )
    )
    session.execute(
        update(ArticleRow)
        .where(ArticleRow.id == article_id)
        .values(state="failed", claimed_by=None, lease_until=None)
    )


def failed_articles(session: Session, limit: int = 100) -> list[FailedArticle]:
    """The articles set aside by the annotator, most recent failure first."""
    rows = session.execute(
        select(ArticleRow.id, ArticleRow.source_id, ArticleRow.url, ArticleRow.title, AnnotateFailureRow)
        .join(AnnotateFailureRow, AnnotateFailureRow.article_id == ArticleRow.id)
        .where(ArticleRow.state == "failed")
        .order_by(AnnotateFailureRow.failed_at.desc(), ArticleRow.id)
        .limit(limit)
    ).all()
    return [
        FailedArticle(
            id=i,
            source_id=src,
            url=url,
            title=title,
            error_class=f.error_class,
            message=f.message,
            attempts=f.attempts,
            failed_at=f.failed_at,
        )
        for i, src, url, title, f in rows
    ]


def requeue_failed(session: Session, ids: Iterable[int] | None = None) -> int:
    """Give failed articles (all, or those of `ids`) back to the annotator; returns how many. The failure
    record stays until the article is annotated, so a second failure counts its attempts."""
    query = update(ArticleRow).where(ArticleRow.state == "failed")
    if ids is not None:
        query = query.where(ArticleRow.id.in_(list(ids)))
    return int(getattr(session.execute(query.values(state="new")), "rowcount", 0) or 0)


def annotated_between(session: Session, start: datetime, end: datetime) -> list[ArticleView]:
    """Annotated articles published in [start, end), with their topics, oldest first."""
    rows = session.execute(
        select(ArticleRow, AnnotationRow, SourceRow)
        .join(AnnotationRow, AnnotationRow.article_id == ArticleRow.id)
        .join(SourceRow, SourceRow.id == ArticleRow.source_id)
        .where(ArticleRow.published_at >= start, ArticleRow.published_at < end)
        .order_by(ArticleRow.published_at, ArticleRow.id)
    ).all()
    ids = [a.id for a, _, _ in rows]
    topics: dict[int, dict[str, float]] = {i: {} for i in ids}
    evidence: dict[int, dict[str, list[Any]]] = {i: {} for i in ids}
    for i in range(0, len(ids), 500):
        for t in session.scalars(
            select(ArticleTopicRow).where(ArticleTopicRow.article_id.in_(ids[i : i + 500]))
        ):
            topics[t.article_id][t.topic_id] = t.score
            evidence[t.article_id][t.topic_id] = list(t.evidence)
    return [
        ArticleView(
            id=a.id,
            url=a.canonical_url,
            source_id=a.source_id,
            source_name=s.name,
            scope=s.scope,
            title=a.title,
            sapo=a.sapo,
            text=a.body,
            published_at=a.published_at,
            topics=topics[a.id],
            evidence=evidence[a.id],
            places=list(n.places),
            tone=n.tone,
            local=n.local,
            dup_of=n.dup_of,
            people=tuple(str(p["name"]) for p in n.people or [] if isinstance(p, dict) and p.get("name")),
        )
        for a, n, s in rows
    ]


def key_terms_of(session: Session, ids: Iterable[int]) -> dict[int, list[str]]:
    wanted = list(ids)
    out: dict[int, list[str]] = {}
    for i in range(0, len(wanted), 500):
        rows = session.execute(
            select(AnnotationRow.article_id, AnnotationRow.key_terms).where(
                AnnotationRow.article_id.in_(wanted[i : i + 500])
            )
        )
        out.update({int(a): list(k) for a, k in rows})
    return out
