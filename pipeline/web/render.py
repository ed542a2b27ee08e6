"""Jinja2 rendering for the pages: autoescaped templates, Vietnamese date formats, the navigation."""

from __future__ import annotations

from datetime import date, datetime
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader

from pipeline.render import safe_url
from pipeline.web.access import Perm

NAV = [
    ("/", "Hôm nay", Perm.TODAY),
    ("/digests", "Điểm tin", Perm.DIGESTS),
    ("/search", "Tìm kiếm", Perm.SEARCH),
    ("/alerts", "Cảnh báo", Perm.ALERTS),
    ("/watches", "Chuyên đề", Perm.WATCHES),
    ("/sources", "Nguồn tin", Perm.SOURCES),
    ("/co-so", "Dư luận cơ sở", Perm.GRASSROOTS),
    ("/bao-cao", "Gửi báo cáo", Perm.REPORT),
]
ROLE_NAMES = {
    "ban_tuyen_giao": "Ban Tuyên giáo và Dân vận",
    "hdnd": "HĐND tỉnh",
    "ubnd": "UBND tỉnh",
    "tand": "TAND tỉnh",
    "vksnd": "VKSND tỉnh",
    "analyst": "Chuyên viên phân tích",
    "cong_tac_vien": "Cộng tác viên dư luận xã hội",
}


@cache
def environment(tz_name: str) -> Environment:
    # autoescape everywhere: every crawled string is text, never markup
    env = Environment(
        loader=PackageLoader("pipeline.web", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    tz = ZoneInfo(tz_name)

    def when(value: datetime | None, fmt: str = "%H:%M %d/%m/%Y") -> str:
        return value.astimezone(tz).strftime(fmt) if value else "—"

    def day(value: date | None) -> str:
        return value.strftime("%d/%m/%Y") if value else "—"

    env.filters["when"] = when
    env.filters["day"] = day
    # evidence entries the topic model added (field "model"), beside the rules' matched phrases
    env.tests["model_word"] = lambda e: isinstance(e, dict) and e.get("field") == "model"
    env.filters["safe_url"] = safe_url
    env.globals["ROLE_NAMES"] = ROLE_NAMES
    return env


def render(
    request: Request, template: str, context: dict[str, Any], *, status_code: int = 200
) -> HTMLResponse:
    cfg = request.app.state.cfg
    who = getattr(request.state, "viewer", None)
    nav = [(href, label) for href, label, perm in NAV if who is not None and who.can(perm)]
    page = environment(cfg.settings.timezone).get_template(template)
    html = page.render(
        request=request, viewer=who, nav=nav, path=request.url.path, province=cfg.settings.province, **context
    )
    return HTMLResponse(html, status_code=status_code)
