"""Watched subjects on the web, on the demo database (its two watches: the Hưng Phát case, owned by UBND
and shared with HĐND, flaring on the last day; the Tân Thanh congestion, owned by the board): who sees and
changes which watch (pages and API alike), the page's timeline, highlights and evidence, the forms, and
hostile names and queries kept inert."""

from __future__ import annotations

import re
from typing import Any

import pytest
from sqlalchemy import select

from storage import watches as repo
from storage.db import session_scope
from storage.models import WatchRow

from .conftest import HOSTILE_TITLE, Site

pytestmark = pytest.mark.slow
HOSTILE_NAME = '<img src=x onerror="window.pwned=1"> Chuyên đề {{ 7*7 }} =CMD()'


def _ids(site: Site) -> dict[str, int]:
    with session_scope(site.url) as session:
        rows = session.execute(select(WatchRow.name, WatchRow.id)).all()
    by_name = {n: i for n, i in rows}
    return {
        "hung_phat": next(i for n, i in by_name.items() if "Hưng Phát" in n),
        "tan_thanh": next(i for n, i in by_name.items() if "Tân Thanh" in n),
    }


def _csrf(client: Any) -> str:
    return str(client.get("/api/me").json()["csrf_token"])


def _state(site: Site, watch_id: int) -> str:
    with session_scope(site.url) as session:
        watch = repo.get_watch(session, watch_id)
    assert watch is not None
    return watch.state


@pytest.mark.parametrize(
    ("role", "visible"),
    [
        ("ban_tuyen_giao", {"hung_phat", "tan_thanh"}),
        ("ubnd", {"hung_phat"}),
        ("hdnd", {"hung_phat"}),
        ("tand", set()),
        ("vksnd", set()),
    ],
)
def test_each_role_sees_only_its_watches_on_pages_and_api(
    site: Site, client_for: Any, role: str, visible: set[str]
) -> None:
    ids = _ids(site)
    client = client_for(role)
    listed = {w["id"] for w in client.get("/api/watches").json()}
    assert listed == {ids[k] for k in visible}
    page = client.get("/watches").text
    for key, watch_id in ids.items():
        assert (f'href="/watches/{watch_id}"' in page) == (key in visible)
        expected = 200 if key in visible else 404
        assert client.get(f"/watches/{watch_id}").status_code == expected
        assert client.get(f"/api/watches/{watch_id}").status_code == expected
        assert client.get(f"/watches/{watch_id}/edit").status_code == expected


def test_analyst_has_no_watches(client_for: Any) -> None:
    assert client_for("analyst").get("/watches").status_code == 403
    assert client_for("analyst").get("/api/watches").status_code == 403


def test_page_shows_the_flare_the_highlights_and_the_evidence(site: Site, client_for: Any) -> None:
    watch_id = _ids(site)["hung_phat"]
    page = client_for("ubnd").get(f"/watches/{watch_id}?since=2026-11-16&until=2026-11-22").text
    assert page.count("<rect ") == 7 and 'class="burst"' in page
    assert "tăng đột biến" in page and " bài trong ngày 22/11/2026" in page
    assert "<mark>Hưng Phát</mark>" in page or "<mark>tinh bột Hưng Phát</mark>" in page
    assert "<code>tinh bot hung phat</code>" in page and "<code>suoi ban chat</code>" in page
    assert "Báo Xứ Lạng" in page and "Tin Nhanh Việt Nam" in page
    # the hostile crawled article matched the watch ("suối Bản Chắt"): shown as text, never markup
    assert "&lt;script&gt;document.title" in page and HOSTILE_TITLE not in page
    detail = client_for("ubnd").get(f"/api/watches/{watch_id}?since=2026-11-16&until=2026-11-22").json()
    assert [d["articles"] for d in detail["days"]][-3:] == [1, 2, 4]
    assert detail["days"][-1]["burst"] and detail["total"] == 7
    assert all(a["terms"] for a in detail["articles"])


def test_a_shared_body_pauses_and_resumes_but_an_outsider_cannot(site: Site, client_for: Any) -> None:
    watch_id = _ids(site)["hung_phat"]
    outsider = client_for("tand")
    response = outsider.post(
        f"/watches/{watch_id}/state", data={"csrf_token": _csrf(outsider), "state": "paused"}
    )
    assert response.status_code == 404 and _state(site, watch_id) == "active"
    shared = client_for("hdnd")
    token = _csrf(shared)
    assert (
        shared.post(f"/watches/{watch_id}/state", data={"csrf_token": "x", "state": "paused"}).status_code
        == 403
    )
    response = shared.post(
        f"/watches/{watch_id}/state", data={"csrf_token": token, "state": "paused"}, follow_redirects=False
    )
    assert response.status_code == 303 and _state(site, watch_id) == "paused"
    response = shared.post(
        f"/api/watches/{watch_id}/state", json={"state": "active"}, headers={"X-CSRF-Token": token}
    )
    assert response.status_code == 200 and _state(site, watch_id) == "active"


def test_only_the_board_shares(site: Site, client_for: Any) -> None:
    watch_id = _ids(site)["tan_thanh"]
    owner = client_for("ubnd")
    hung_phat = _ids(site)["hung_phat"]
    response = owner.put(
        f"/api/watches/{hung_phat}/share",
        json={"shared_with": ["tand"]},
        headers={"X-CSRF-Token": _csrf(owner)},
    )
    assert response.status_code == 403
    board = client_for("ban_tuyen_giao")
    response = board.post(
        f"/watches/{watch_id}/share",
        data={"csrf_token": _csrf(board), "shared_with": ["vksnd"]},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert client_for("vksnd").get(f"/watches/{watch_id}").status_code == 200
    board.put(
        f"/api/watches/{watch_id}/share", json={"shared_with": []}, headers={"X-CSRF-Token": _csrf(board)}
    )
    assert client_for("vksnd").get(f"/watches/{watch_id}").status_code == 404


def test_a_body_creates_only_its_own_watches(site: Site, client_for: Any) -> None:
    client = client_for("tand")
    token = _csrf(client)
    form = {
        "csrf_token": token,
        "name": "Xét xử phúc thẩm đa cấp",
        "query": "phuc tham da cap",
        "policy": "each",
    }
    assert client.post("/watches", data={**form, "owner": "ubnd"}).status_code == 403
    response = client.post("/watches", data={**form, "owner": "tand"}, follow_redirects=False)
    assert response.status_code == 303
    page = client.get(response.headers["location"]).text
    assert "Xét xử phúc thẩm vụ lừa đảo qua mô hình kinh doanh đa cấp trái phép" in page  # back-filled
    bad = client.post("/watches", data={**form, "owner": "tand", "query": '"phuc tham'})
    assert bad.status_code == 400 and "unbalanced quote" in bad.text
    edited = client.put(
        response.headers["location"].replace("/watches/", "/api/watches/"),
        json={"name": "Đổi chủ", "owner": "ubnd", "query": "phuc tham"},
        headers={"X-CSRF-Token": token},
    )
    assert edited.status_code == 403  # a body cannot hand its watch to another owner


def test_hostile_name_and_query_stay_inert(site: Site, client_for: Any) -> None:
    board = client_for("ban_tuyen_giao")
    created = board.post(
        "/api/watches",
        json={
            "name": HOSTILE_NAME,
            "owner": "ubnd",
            "query": 'ban chat "<script>x</script>"',
            "start": "2026-11-01",
        },
        headers={"X-CSRF-Token": _csrf(board)},
    )
    assert created.status_code == 201, created.text
    watch_id = created.json()["id"]
    for path in ("/watches", f"/watches/{watch_id}", f"/watches/{watch_id}/edit"):
        page = board.get(path).text
        assert "<img src=x" not in page and "&lt;img src=x" in page, path
        assert "<script>x</script>" not in page and "{{ 7*7 }}" in page, path
    assert not re.search(r"<[^>]+onerror=", board.get(f"/watches/{watch_id}").text)


def test_the_forms_carry_several_values_and_a_body_keeps_the_sharing(site: Site, client_for: Any) -> None:
    board = client_for("ban_tuyen_giao")
    form = {
        "csrf_token": _csrf(board),
        "name": "Giải phóng mặt bằng cao tốc",
        "owner": "ubnd",
        "query": "giai phong mat bang",
        "shared_with": ["hdnd", "vksnd"],
        "topics": ["giai_phong_mat_bang", "dat_dai"],
        "places": "Lạng Sơn; Cao Lộc",
        "policy": "daily",
    }
    created = board.post("/watches", data=form, follow_redirects=False)
    assert created.status_code == 303, created.text
    watch_id = int(created.headers["location"].rsplit("/", 1)[1])
    with session_scope(site.url) as session:
        watch = repo.get_watch(session, watch_id)
    assert watch is not None and set(watch.shared_with) == {"hdnd", "vksnd"}
    assert set(watch.filters["topics"]) == {"giai_phong_mat_bang", "dat_dai"}
    assert watch.filters["places"] == ["Lạng Sơn", "Cao Lộc"]

    owner = client_for("ubnd")  # its form has no sharing fields; a forged one changes nothing
    edit = {**form, "csrf_token": _csrf(owner), "name": "GPMB cao tốc", "shared_with": ["tand"]}
    edited = owner.post(f"/watches/{watch_id}/edit", data=edit, follow_redirects=False)
    assert edited.status_code == 303, edited.text
    with session_scope(site.url) as session:
        watch = repo.get_watch(session, watch_id)
    assert watch is not None and watch.name == "GPMB cao tốc"
    assert (watch.owner, set(watch.shared_with)) == ("ubnd", {"hdnd", "vksnd"})
