"""The web pages in a real browser (Debian's chromium, headless, driven by Playwright) against the app
served by uvicorn on 127.0.0.1: log in, read today's issues, search accent-less, acknowledge an alert,
see a hostile crawled title as text. A screenshot of each page is saved under the test's tmp folder."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from storage import issues as issue_repo
from storage.db import session_scope
from storage.issues import latest_issue_day
from storage.models import AlertRow

from .conftest import HOSTILE_TITLE, PASSWORD, Site

pytestmark = pytest.mark.slow
CHROMIUM = Path(os.environ.get("DULUAN_CHROMIUM", "/usr/bin/chromium"))
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} missing: `make test` installs it (scripts/ensure-chromium.sh)")
        pytest.skip(f"{CHROMIUM} missing: run scripts/ensure-chromium.sh")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page_as(browser: Any, live_server: str, site: Site, tmp_path: Path) -> Iterator[Any]:
    """page_as(role) -> a browser page logged in through the login form."""
    contexts = []

    def make(role: str) -> Any:
        context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.goto(live_server + "/")
        assert "/login" in page.url  # every page sends a visitor to the login form first
        page.fill("input[name=username]", site.users[role])
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(live_server + "/")
        return page

    yield make
    for context in contexts:
        context.close()


def shot(page: Any, tmp_path: Path, name: str) -> Path:
    path = tmp_path / "screenshots" / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 1000
    return path


def test_login_page_in_vietnamese(browser: Any, live_server: str, tmp_path: Path) -> None:
    page = browser.new_page()
    page.goto(live_server + "/search?q=x")
    assert page.url.startswith(live_server + "/login?next=")
    assert page.locator("h1").inner_text() == "Đăng nhập"
    shot(page, tmp_path, "login")
    page.close()


def test_board_reads_todays_issues(page_as: Any, site: Site, tmp_path: Path) -> None:
    page = page_as("ban_tuyen_giao")
    from datetime import date

    with session_scope(site.url) as session:
        day = latest_issue_day(session, date.max)
        assert day is not None
        titles = [i.title for i in issue_repo.issues_on(session, day)]
    shown = page.locator(".issue-title").all_inner_texts()
    assert shown == titles
    page.locator("details summary").first.click()
    assert page.locator("table.parts").first.is_visible()
    assert page.locator("svg.spark").count() > 0
    shot(page, tmp_path, "today")


def test_accentless_search_finds_the_accented_article(page_as: Any, live_server: str, tmp_path: Path) -> None:
    page = page_as("analyst")
    page.click("nav >> text=Tìm kiếm")
    page.fill("input[name=q]", "suoi ban chat")
    page.click("form.search button[type=submit]")
    page.wait_for_selector(".hit")
    titles = page.locator(".hit-title").all_inner_texts()
    assert any("Bản Chắt" in t for t in titles)
    assert page.locator(".hit mark").count() > 0
    shot(page, tmp_path, "search")
    page.locator(".hit-title").first.click()
    page.wait_for_selector("article h1")
    assert page.locator("#chu-de").is_visible()
    shot(page, tmp_path, "article")


def test_acknowledged_alert_leaves_the_pending_list(page_as: Any, site: Site, tmp_path: Path) -> None:
    with session_scope(site.url) as session:
        pending = list(
            session.scalars(
                select(AlertRow).where(AlertRow.recipient_id == "ubnd", AlertRow.status != "acked")
            )
        )
    assert pending
    page = page_as("ubnd")
    page.click("nav >> text=Cảnh báo")
    item = page.locator(f'li.alert[data-alert-id="{pending[0].id}"]')
    assert item.is_visible()
    shot(page, tmp_path, "alerts-pending")
    item.locator("input[name=note]").fill("Đã giao Sở Tài nguyên và Môi trường kiểm tra")
    item.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(f'li.alert[data-alert-id="{pending[0].id}"]').count() == 0
    assert page.locator("li.alert").count() == len(pending) - 1
    page.click("text=Đã tiếp nhận")
    done = page.locator(f'li.alert[data-alert-id="{pending[0].id}"]')
    assert "Đã giao Sở Tài nguyên và Môi trường kiểm tra" in done.inner_text()
    shot(page, tmp_path, "alerts-acked")


def test_hostile_title_shows_as_text(page_as: Any, live_server: str, site: Site, tmp_path: Path) -> None:
    page = page_as("ban_tuyen_giao")
    page.goto(f"{live_server}/articles/{site.hostile_id}")
    assert page.locator("article h1").inner_text() == HOSTILE_TITLE
    assert page.evaluate("window.pwned") is None
    assert page.title() != "pwned"
    shot(page, tmp_path, "hostile-article")


@pytest.mark.parametrize("name", ["digests", "sources"])
def test_other_pages_render(page_as: Any, tmp_path: Path, name: str) -> None:
    page = page_as("ban_tuyen_giao")
    page.click(f"nav a[href='/{name}']")
    page.wait_for_selector("h1")
    if name == "digests":
        page.locator("table a").first.click()
        frame = page.frame_locator("iframe.digest")
        assert "ĐIỂM TIN NGÀY" in frame.locator("body").inner_text()
    else:
        assert page.locator("table.sources tbody tr").count() >= 2
    shot(page, tmp_path, name)


def test_board_follows_a_watch_and_creates_one(page_as: Any, live_server: str, tmp_path: Path) -> None:
    page = page_as("ban_tuyen_giao")
    page.click("nav >> text=Chuyên đề")
    page.click("text=Nhà máy tinh bột Hưng Phát xả thải ra suối Bản Chắt")
    page.goto(page.url + "?since=2026-11-16&until=2026-11-22")
    assert page.locator("svg.timeline rect").count() == 7
    assert page.locator("svg.timeline rect.burst").count() == 1
    assert page.locator(".watch-articles mark").count() > 0
    assert "suoi ban chat" in page.locator(".watch-articles .evidence").first.inner_text()
    assert page.evaluate("window.pwned") is None  # the hostile article matched the watch: text only
    shot(page, tmp_path, "watch")
    page.click("nav >> text=Chuyên đề")
    page.click("text=Tạo chuyên đề mới")
    hostile = '<img src=x onerror="window.pwned=1"> Xử lý tín dụng đen'
    page.fill("input[name=name]", hostile)
    page.fill("input[name=query]", '"tin dung den" OR "lai suat"')
    page.select_option("select[name=owner]", "vksnd")
    page.check("input[name=shared_with][value=ubnd]")
    page.select_option("select[name=policy]", "each")
    page.fill("input[name=start]", "2026-11-01")
    page.click("form.watch button[type=submit]")
    page.wait_for_selector("h1")
    assert page.locator("h1").inner_text() == hostile and page.evaluate("window.pwned") is None
    assert page.locator(".watch-articles li.hit").count() >= 1  # back-filled from the stored articles
    shot(page, tmp_path, "watch-created")
    page.click("text=Tạm dừng")
    page.wait_for_selector("text=Tiếp tục theo dõi")
    assert "Tạm dừng" in page.locator("dl.facts").inner_text()
    page.fill("form.inline input[name=note]", "Vụ việc đã được xử lý")
    page.click("form.inline button:has-text('Kết thúc')")
    page.wait_for_selector("text=Đã kết thúc")
    assert "Vụ việc đã được xử lý" in page.locator("dl.facts").inner_text()


def test_collaborator_reports_from_a_phone(
    browser: Any, live_server: str, site: Site, tmp_path: Path
) -> None:
    """A phone-sized window with JavaScript off: log in, the form is the home page, send a report with a
    photo, see it confirmed and listed; the server's time for the report is under a second."""
    from .conftest import COLLABORATOR_UNIT, PNG

    context = browser.new_context(
        locale="vi-VN",
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
        java_script_enabled=False,
    )
    page = context.new_page()
    page.goto(live_server + "/bao-cao")
    page.fill("input[name=username]", site.users["cong_tac_vien"])
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(live_server + "/bao-cao")
    assert page.locator("h1").first.inner_text() == "Báo cáo dư luận xã hội"
    assert page.locator("select[name=unit] option:checked").inner_text() == COLLABORATOR_UNIT
    button = page.locator("section.report-form button[type=submit]").bounding_box()
    assert button is not None and button["width"] >= 300 and button["height"] >= 44  # large, thumb-sized
    for control in ("textarea[name=text]", "select[name=unit]", "label.choice >> nth=0"):
        box = page.locator(control).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390 and box["height"] >= 44, (
            control
        )
    shot(page, tmp_path, "report-form-phone")
    text = "Bà con chợ Kỳ Lừa lo giá rau tăng mạnh sau đợt rét, đề nghị kiểm tra việc găm hàng."
    page.fill("textarea[name=text]", text)
    page.click("label.choice:has-text('Nhiều người')")
    page.click("label.choice:has-text('Băn khoăn')")
    photo = tmp_path / "anh.png"
    photo.write_bytes(PNG)
    page.set_input_files("input[name=photos]", str(photo))
    with page.expect_response(lambda r: r.request.method == "POST" and r.url.endswith("/bao-cao")) as sent:
        page.click("section.report-form button[type=submit]")
    timing = sent.value.headers.get("server-timing", "")
    server_ms = float(timing.split("dur=", 1)[1])
    page.wait_for_selector(".saved")
    assert "Đã ghi nhận báo cáo số" in page.locator(".saved").inner_text()
    assert page.locator("li.report .report-text").first.inner_text() == text
    assert "1 ảnh" in page.locator("li.report .meta").first.inner_text()
    shot(page, tmp_path, "report-sent-phone")
    (tmp_path / "server-ms.txt").write_text(f"{server_ms}\n")
    assert server_ms < 1000, f"server time {server_ms} ms"
    context.close()
