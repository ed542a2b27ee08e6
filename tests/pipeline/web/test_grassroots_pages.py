"""The grassroots pages (both backends): the collaborator's form stores one report per token, checks its
photos, shows only the collaborator's own reports; the board sees every report with who sent it and the
photos; no body (nor the analyst) can learn who reported through a page, the API, an export, a digest or
an alert; a report's hostile text is inert everywhere."""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient

from pipeline.deliver.alerts import run_alerts
from pipeline.digest.core import run_digest
from pipeline.runtime.cycle import today
from pipeline.web.access import BODIES
from pipeline.web.app import create_app
from pipeline.web.auth import add_user
from storage import grassroots as repo
from storage.db import session_scope
from storage.models import GrassrootsPhotoRow
from storage.users import user_by_name

from .conftest import COLLABORATOR_UNIT, PASSWORD, PNG, Site, login

pytestmark = pytest.mark.slow
TEXT = "Người dân thôn Nà Han băn khoăn về tiến độ bồi thường giải phóng mặt bằng đường cao tốc."


def _form(client: TestClient) -> dict[str, str]:
    page = client.get("/bao-cao").text
    fields = dict(re.findall(r'<input type="hidden" name="(csrf_token|token)" value="([^"]+)"', page))
    return {
        **fields,
        "text": TEXT,
        "unit": COLLABORATOR_UNIT,
        "topic": "",
        "spread": "nhieu_nguoi",
        "mood": "ban_khoan",
        "heard_at": "hoi_nghi",
        "link": "",
        "heard_on": "",
    }


def _mine(site: Site, name: str) -> list[repo.GrassrootsReport]:
    with session_scope(site.url) as session:
        user = user_by_name(session, name)
        assert user is not None
        return repo.reports_between(session, date(2000, 1, 1), date(2199, 1, 1), reporter_id=user.id)


def test_the_form_is_prefilled_and_in_vietnamese(client_for: Any) -> None:
    page = client_for("cong_tac_vien").get("/bao-cao")
    assert page.status_code == 200
    assert f'<option value="{COLLABORATOR_UNIT}" selected>' in page.text
    for label in (
        "Người dân đang nói gì?",
        "Cá biệt",
        "Nhiều người",
        "Lan rộng",
        "Đồng tình",
        "Băn khoăn",
        "Bức xúc",
    ):
        assert label in page.text
    assert "<script" not in page.text  # no JavaScript needed
    assert 'enctype="multipart/form-data"' in page.text


def test_a_double_submit_stores_one_report(site: Site, client_for: Any) -> None:
    client = client_for("cong_tac_vien")
    before = len(_mine(site, site.users["cong_tac_vien"]))
    data = _form(client)
    first = client.post("/bao-cao", data=data, follow_redirects=False)
    second = client.post("/bao-cao", data=data, follow_redirects=False)
    assert first.status_code == second.status_code == 303
    assert first.headers["location"] == second.headers["location"]
    mine = _mine(site, site.users["cong_tac_vien"])
    assert len(mine) == before + 1
    stored = next(r for r in mine if r.text == TEXT)
    assert stored.annotated and stored.unit == COLLABORATOR_UNIT
    shown = client.get(first.headers["location"]).text
    assert f"Đã ghi nhận báo cáo số {stored.id}" in shown


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"text": "ngắn"}, "Nội dung quá ngắn"),
        ({"link": "javascript:alert(1)"}, "Đường dẫn phải là"),
        ({"unit": "xã Không Có"}, "Đơn vị không có trong danh mục"),
        ({"spread": "rất nhiều"}, "Mức độ lan tỏa phải là"),
        ({"heard_on": "2199-01-01"}, "không được sau ngày hôm nay"),
    ],
)
def test_a_wrong_field_shows_the_form_again_with_the_text_kept(
    client_for: Any, change: dict[str, str], message: str
) -> None:
    client = client_for("cong_tac_vien")
    data = {**_form(client), **change}
    response = client.post("/bao-cao", data=data)
    assert response.status_code == 400 and message in response.text
    assert data["text"] in response.text and data["token"] in response.text


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ([("photos", ("a.jpg", b"GIF89a" + b"\0" * 50, "image/jpeg"))], "Chỉ nhận ảnh JPEG, PNG hoặc WebP"),
        ([("photos", ("big.png", PNG + b"\0" * (5 * 1024 * 1024), "image/png"))], "Ảnh lớn hơn 5 MB"),
        ([("photos", (f"{i}.png", PNG, "image/png")) for i in range(4)], "Chỉ gửi tối đa 3 ảnh"),
    ],
)
def test_photos_outside_the_limits_are_refused(
    site: Site, client_for: Any, files: list[Any], message: str
) -> None:
    client = client_for("cong_tac_vien")
    before = len(_mine(site, site.users["cong_tac_vien"]))
    response = client.post("/bao-cao", data=_form(client), files=files)
    assert response.status_code == 400 and message in response.text
    assert len(_mine(site, site.users["cong_tac_vien"])) == before


def test_a_photo_is_stored_outside_the_database_and_served_to_the_board_only(
    site: Site, client_for: Any
) -> None:
    client = client_for("cong_tac_vien")
    data = {**_form(client), "text": TEXT + " Có ảnh chụp."}
    response = client.post(
        "/bao-cao", data=data, files=[("photos", ("anh.png", PNG, "image/png"))], follow_redirects=False
    )
    assert response.status_code == 303
    with session_scope(site.url) as session:
        photo = max(session.query(GrassrootsPhotoRow).all(), key=lambda p: p.id)
    path = site.app.settings.data_dir / "grassroots" / "photos" / photo.file_name
    assert path.read_bytes() == PNG and photo.content_type == "image/png"
    shown = client_for("ban_tuyen_giao").get(f"/co-so/anh/{photo.id}")
    assert shown.status_code == 200 and shown.content == PNG
    assert (
        shown.headers["content-type"] == "image/png" and "sandbox" in shown.headers["content-security-policy"]
    )
    for role in (*BODIES, "analyst", "cong_tac_vien"):
        assert client_for(role).get(f"/co-so/anh/{photo.id}").status_code == 403, role


def test_a_form_without_its_csrf_token_is_refused(client_for: Any) -> None:
    client = client_for("cong_tac_vien")
    data = {**_form(client), "csrf_token": "wrong"}
    assert client.post("/bao-cao", data=data).status_code == 403


def test_a_collaborator_sees_only_their_own_reports(site: Site) -> None:
    add_user(site.app.settings, "ctv_khac", "cong_tac_vien", PASSWORD, "xã Cao Lộc")
    other = TestClient(create_app(site.app), base_url="http://127.0.0.1")
    assert login(other, "ctv_khac").headers["location"] == "/bao-cao"
    data = {
        **_form(other),
        "text": "Ý kiến riêng của cộng tác viên xã Cao Lộc về giá phân bón tăng cao.",
        "unit": "xã Cao Lộc",
    }
    assert other.post("/bao-cao", data=data, follow_redirects=False).status_code == 303
    own_ids = {r.id for r in _mine(site, "ctv_khac")}
    api = other.get("/api/my-reports").json()
    assert {r["id"] for r in api} == own_ids and all("reporter" not in r for r in api)
    page = other.get("/bao-cao").text
    assert {int(i) for i in re.findall(r'data-report-id="(\d+)"', page)} == own_ids
    assert "Bà con bức xúc vì bãi rác" not in page  # the other collaborator's report
    other.close()


def test_the_board_sees_every_report_with_who_sent_it(site: Site, client_for: Any) -> None:
    board = client_for("ban_tuyen_giao")
    page = board.get("/co-so")
    assert page.status_code == 200 and site.users["cong_tac_vien"] in page.text
    assert (
        "&lt;img src=x onerror=" in page.text and "<img src=x" not in page.text and "{{ 7*7 }}" in page.text
    )
    api = board.get("/api/grassroots").json()
    assert any(r["reporter"] == site.users["cong_tac_vien"] for r in api)


def _identity(site: Site) -> list[str]:
    return [site.users["cong_tac_vien"], "ctv_khac"]


def test_no_body_learns_who_reported(site: Site, client_for: Any) -> None:
    day = today(site.app)  # the collaborators' reports are today's: detected, in the digest and alerted
    run_digest(site.app, day, deliver=False)
    run_alerts(site.app, day)
    carried = [
        g
        for file in (site.app.settings.outbox_dir / "ubnd").glob("*.json")
        for a in json.loads(file.read_text("utf-8"))["alerts"]
        for g in a.get("grassroots", [])
    ]
    assert any(g["unit"] == COLLABORATOR_UNIT for g in carried), "no alert carried the reports"
    paths = [
        "/",
        "/alerts",
        "/alerts?view=acked",
        "/api/today",
        "/api/alerts",
        "/api/alerts?view=acked",
        "/api/me",
    ]
    analyst = [
        "/digests",
        "/api/digests",
        "/search?q=bai+rac",
        "/search/export.csv?q=bai+rac",
        "/search/export.xlsx?q=bai+rac",
    ]
    for role in (*BODIES, "analyst"):
        client = client_for(role)
        for path in paths + (analyst if role == "analyst" else []):
            response = client.get(path)
            body = response.content.decode("utf-8", errors="replace")
            for name in _identity(site):
                assert name not in body, (role, path)
        for path in ("/co-so", "/api/grassroots", "/bao-cao", "/api/my-reports"):
            assert client.get(path).status_code == 403, (role, path)
    for file in site.app.settings.outbox_dir.rglob("*"):
        if file.is_file():
            text = file.read_text("utf-8", errors="replace")
            assert all(name not in text for name in _identity(site)), file
    for file in site.app.settings.digest_dir.rglob("*"):
        if file.is_file() and file.suffix in (".html", ".txt"):
            text = file.read_text("utf-8", errors="replace")
            assert all(name not in text for name in _identity(site)), file
