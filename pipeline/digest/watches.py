"""The digest's section "Chuyên đề theo dõi": the active watches with new coverage on the day."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from config import AppConfig
from pipeline.render import clip, safe_url
from storage import watches as repo

MAX_WATCHES = 9


def watch_section(app: AppConfig, session: Session, start: datetime, end: datetime) -> list[dict[str, Any]]:
    """One entry per active watch with articles published in [start, end): count, tone, top article.
    Busiest first; the top article is the first original, a negative one when there is one."""
    recipients = app.recipients.recipients
    out: list[dict[str, Any]] = []
    for watch in repo.list_watches(session, states=["active"]):
        items = repo.watch_articles(session, watch.id, start, end)
        if not items:
            continue
        originals = [a for a in items if a.dup_of is None] or items
        top = next((a for a in originals if a.tone == "negative"), originals[0])
        owner = recipients.get(watch.owner)
        out.append(
            {
                "id": watch.id,
                "name": clip(watch.name, 200),
                "owner": clip(owner.short_name or owner.name if owner else watch.owner, 100),
                "count": len(items),
                "negative": sum(a.tone == "negative" for a in items),
                "positive": sum(a.tone == "positive" for a in items),
                "top": {
                    "title": clip(top.title or "(không tiêu đề)"),
                    "url": safe_url(top.url),
                    "outlet": clip(top.source_name, 100),
                },
            }
        )
    out.sort(key=lambda w: (-w["count"], w["id"]))
    return out[:MAX_WATCHES]
