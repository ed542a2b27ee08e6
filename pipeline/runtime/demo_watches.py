"""The demo's two watched subjects on the sample site: a factory's pollution case that flares up during
the week (burst policy, owned by UBND and shared with HĐND), and the border-gate congestion (daily)."""

from __future__ import annotations

from datetime import date
from typing import Any

from config import AppConfig
from config.models import WatchSpec
from pipeline.watch.core import create
from storage import watches as repo
from storage.db import session_scope, upgrade

DEMO_WATCHES: list[dict[str, Any]] = [
    {
        "name": "Nhà máy tinh bột Hưng Phát xả thải ra suối Bản Chắt",
        "owner": "ubnd",
        "shared_with": ["hdnd"],
        "query": '"tinh bot hung phat" OR "suoi ban chat"',
        "policy": "burst",
    },
    {
        "name": "Ùn ứ nông sản tại cửa khẩu Tân Thanh",
        "owner": "ban_tuyen_giao",
        "query": '"tan thanh" (un u OR thong quan OR xuat khau)',
        "policy": "daily",
    },
]


def ensure_demo_watches(app: AppConfig, first_day: date) -> dict[str, int]:
    """Create the demo watches that do not exist yet (by name); returns their ids by name."""
    upgrade(app.settings.resolved_database_url)
    with session_scope(app.settings.resolved_database_url) as session:
        existing = {w.name: w.id for w in repo.list_watches(session)}
    out = {}
    for entry in DEMO_WATCHES:
        if entry["name"] in existing:
            out[entry["name"]] = existing[entry["name"]]
            continue
        spec = WatchSpec.model_validate({**entry, "start": first_day})
        watch, _ = create(app, spec, by="demo")
        out[watch.name] = watch.id
    return out
