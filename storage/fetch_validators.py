"""HTTP validators (ETag, Last-Modified) of feeds, sitemaps and listings, kept between crawls."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import FetchValidatorRow
from storage.upsert import insert_or_update

Validators = tuple[str | None, str | None]  # (etag, last_modified)


def load_validators(session: Session, urls: Iterable[str]) -> dict[str, Validators]:
    wanted = list(dict.fromkeys(urls))
    out: dict[str, Validators] = {}
    for i in range(0, len(wanted), 500):
        rows = session.execute(
            select(FetchValidatorRow.url, FetchValidatorRow.etag, FetchValidatorRow.last_modified).where(
                FetchValidatorRow.url.in_(wanted[i : i + 500])
            )
        )
        out.update({url: (etag, modified) for url, etag, modified in rows})
    return out


def save_validators(session: Session, validators: Mapping[str, Validators], now: datetime) -> None:
    for url, (etag, modified) in validators.items():
        values = {"url": url, "etag": etag, "last_modified": modified, "updated_at": now}
        session.execute(insert_or_update(session, FetchValidatorRow, ["url"], values))
