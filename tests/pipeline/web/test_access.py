"""Access control: every page needs a login, each role sees only what it may, no body sees or acknowledges
another body's alerts, forms need their CSRF token, logins are rate-limited, cookies are locked down."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from pipeline.web.access import BODIES, PERMISSIONS, ROLES, Perm
from pipeline.web.app import create_app
from storage.db import session_scope
from storage.models import AlertRow

from .conftest import PASSWORD, Site, login

pytestmark = pytest.mark.slow

PAGE_OF = {
    "/": Perm.TODAY,
    "/digests": Perm.DIGESTS,
    "/digests/1": Perm.DIGESTS,
    "/digests/1/html": Perm.DIGESTS,
    "/digests/1/text": Perm.DIGESTS,
    "/search?q=ban+chat": Perm.SEARCH,
    "/search/export.csv?q=ban+chat": Perm.SEARCH,
    "/search/export.xlsx?q=ban+chat": Perm.SEARCH,
    "/articles/1": Perm.ARTICLE,
    "/alerts": Perm.ALERTS,
    "/sources": Perm.SOURCES,
    "/api/today": Perm.TODAY,
    "/api/digests": Perm.DIGESTS,
    "/api/search?q=ban+chat": Perm.SEARCH,
    "/api/articles/1": Perm.ARTICLE,
    "/api/alerts": Perm.ALERTS,
    "/api/sources": Perm.SOURCES,
    "/watches": Perm.WATCHES,
    "/watches/new": Perm.WATCHES,
    "/api/watches": Perm.WATCHES,
    "/bao-cao": Perm.REPORT,
    "/api/my-reports": Perm.REPORT,
    "/co-so": Perm.GRASSROOTS,
    "/co-so/anh/1": Perm.GRASSROOTS,
    "/api/grassroots": Perm.GRASSROOTS,
}
# One watch's pages: who may open them depends on the watch (owner, sharing), see test_watches_web.py.
PER_WATCH = {"/watches/1", "/watches/1/edit", "/api/watches/1"}
PUBLIC = ("/login", "/static")


def _alerts(site: Site, recipient: str | None = None) -> list[AlertRow]:
    with session_scope(site.url) as session:
        query = select(AlertRow)
        if recipient:
            query = query.where(AlertRow.recipient_id == recipient)
        return list(session.scalars(query))


def _routes(site: Site, method: str) -> list[str]:
    """Every route of the app for `method` (path parameters set to 1), public ones left out."""

    def walk(routes: list[Any]) -> Any:
        for route in routes:
            if hasattr(route, "original_router"):  # FastAPI keeps included routers as objects
                yield from walk(route.original_router.routes)
            else:
                yield route

    paths = []
    for route in walk(create_app(site.app).routes):
        path = getattr(route, "path", "")
        if any(path.startswith(p) for p in PUBLIC) or method not in (getattr(route, "methods", None) or ()):
            continue
        paths.append(re.sub(r"\{[^}]+\}", "1", path))
    return paths


def _get_routes(site: Site) -> list[str]:
    return _routes(site, "GET")


def test_every_route_is_listed_in_the_access_table(site: Site) -> None:
    listed = {p.split("?")[0] for p in PAGE_OF} | {"/api/me", "/api/openapi.json"} | PER_WATCH
    assert set(_get_routes(site)) <= listed


def test_every_get_route_requires_login(site: Site) -> None:
    anonymous = TestClient(create_app(site.app))
    for path in _get_routes(site):
        response = anonymous.get(path, follow_redirects=False)
        if path.startswith("/api/"):
            assert response.status_code == 401, path
        else:
            assert response.status_code == 303, path
            assert response.headers["location"].startswith("/login?next="), path


def test_every_write_requires_login(site: Site) -> None:
    anonymous = TestClient(create_app(site.app))
    posts = _routes(site, "POST")
    assert len(posts) >= 5
    for path in posts:
        if path.startswith("/api/"):
            response = anonymous.post(path, json={"note": "x", "topics": []}, follow_redirects=False)
            assert response.status_code == 401, path
        else:
            response = anonymous.post(path, data={"csrf_token": "x", "note": "x"}, follow_redirects=False)
            assert response.status_code == 303, path
    assert all(a.status != "acked" for a in _alerts(site))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("path", sorted(PAGE_OF))
def test_role_sees_exactly_its_pages(client_for: Any, role: str, path: str) -> None:
    response = client_for(role).get(path, follow_redirects=False)
    if PAGE_OF[path] in PERMISSIONS[role]:
        assert response.status_code == 200, (role, path, response.text[:300])
    else:
        assert response.status_code == 403, (role, path)


@pytest.mark.parametrize("body", BODIES)
def test_body_inbox_lists_only_its_own_alerts(site: Site, client_for: Any, body: str) -> None:
    own = {a.id for a in _alerts(site, body) if a.status != "acked"}
    assert own, f"no alert for {body} in the demo database"
    page = client_for(body).get("/alerts").text
    assert {int(i) for i in re.findall(r'data-alert-id="(\d+)"', page)} == own
    api = client_for(body).get("/api/alerts").json()
    assert {a["id"] for a in api} == own and {a["recipient_id"] for a in api} == {body}


@pytest.mark.parametrize(("body", "other"), [(b, o) for b in BODIES for o in BODIES if b != o])
def test_body_cannot_ask_for_another_inbox(client_for: Any, body: str, other: str) -> None:
    for view in ("open", "acked"):
        assert client_for(body).get(f"/alerts?recipient={other}&view={view}").status_code == 404
        assert client_for(body).get(f"/api/alerts?recipient={other}&view={view}").status_code == 404


def _csrf(client: TestClient) -> str:
    token: str = client.get("/api/me").json()["csrf_token"]
    return token


@pytest.mark.parametrize("body", BODIES)
def test_body_cannot_acknowledge_another_body_alert(site: Site, client_for: Any, body: str) -> None:
    client = client_for(body)
    foreign = [a for a in _alerts(site) if a.recipient_id != body and a.status != "acked"]
    assert foreign
    token = _csrf(client)
    for alert in foreign:
        page = client.post(f"/alerts/{alert.id}/ack", data={"csrf_token": token, "note": "x"})
        assert page.status_code == 404
        api = client.post(f"/api/alerts/{alert.id}/ack", json={"note": "x"}, headers={"X-CSRF-Token": token})
        assert api.status_code == 404
    still = {a.id: a.status for a in _alerts(site)}
    assert all(still[a.id] == a.status for a in foreign)


def test_analyst_has_no_alert_inbox(client_for: Any, site: Site) -> None:
    client = client_for("analyst")
    alert = _alerts(site)[0]
    assert client.get("/api/alerts").status_code == 403
    assert client.post(f"/alerts/{alert.id}/ack", data={"csrf_token": _csrf(client)}).status_code == 403


def test_board_sees_every_body_alert(site: Site, client_for: Any) -> None:
    listed = {a["recipient_id"] for a in client_for("ban_tuyen_giao").get("/api/alerts").json()}
    assert listed >= set(BODIES)


def test_ack_without_csrf_token_is_refused(site: Site, client_for: Any) -> None:
    alert = next(a for a in _alerts(site, "ubnd") if a.status != "acked")
    client = client_for("ubnd")
    assert client.post(f"/alerts/{alert.id}/ack", data={"csrf_token": "wrong"}).status_code == 403
    assert client.post(f"/api/alerts/{alert.id}/ack", json={"note": "x"}).status_code == 403
    assert next(a for a in _alerts(site) if a.id == alert.id).status != "acked"


def test_login_without_its_csrf_cookie_is_refused(site: Site) -> None:
    client = TestClient(create_app(site.app))
    data = {"username": site.users["analyst"], "password": PASSWORD, "csrf_token": "forged"}
    response = client.post("/login", data=data, follow_redirects=False)
    assert response.status_code == 403 and "duluan_session" not in response.cookies


def test_session_cookie_is_httponly_and_samesite(site: Site) -> None:
    response = login(TestClient(create_app(site.app)), site.users["analyst"])
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and "secure" not in cookie


def test_session_cookie_is_secure_over_https(site: Site) -> None:
    client = TestClient(create_app(site.app), base_url="https://duluan.example")
    cookie = login(client, site.users["analyst"]).headers["set-cookie"].lower()
    assert "secure" in cookie and "httponly" in cookie


def test_login_attempts_are_rate_limited(site: Site) -> None:
    from pipeline.web.auth import add_user

    add_user(site.app.settings, "rate_limited", "analyst", PASSWORD)
    client = TestClient(create_app(site.app), client=("10.0.0.9", 5000))
    for _ in range(site.app.settings.login_max_failures):
        assert login(client, "rate_limited", "wrong-password").status_code == 401
    refused = login(client, "rate_limited", PASSWORD)
    assert refused.status_code == 429 and "duluan_session" not in refused.cookies
    assert "Đăng nhập sai quá nhiều lần" in refused.text
    other_user = TestClient(create_app(site.app), client=("10.0.0.9", 5001))
    assert login(other_user, site.users["vksnd"]).status_code == 429  # the address is limited too


def test_wrong_password_opens_no_session(site: Site) -> None:
    client = TestClient(create_app(site.app), client=("10.0.0.10", 5000))
    response = login(client, site.users["ubnd"], "not-the-password")
    assert response.status_code == 401 and "duluan_session" not in response.cookies
    assert client.get("/api/me").status_code == 401


def test_logout_ends_the_session(site: Site) -> None:
    client = TestClient(create_app(site.app))
    login(client, site.users["hdnd"])
    token = _csrf(client)
    assert client.post("/logout", data={"csrf_token": token}, follow_redirects=False).status_code == 303
    assert client.get("/api/me").status_code == 401


def test_login_redirect_stays_on_the_site(site: Site) -> None:
    client = TestClient(create_app(site.app))
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text)
    assert token
    data = {"username": site.users["tand"], "password": PASSWORD, "csrf_token": token.group(1)}
    response = client.post("/login", data={**data, "next": "//evil.example/x"}, follow_redirects=False)
    assert response.headers["location"] == "/"
