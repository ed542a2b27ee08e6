"""Outcome kinds: anti-bot pages recognised, failures named, pages decoded whatever their label."""

from __future__ import annotations

import pytest
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.http import HtmlResponse, Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError

from crawlers.outcomes import Discarded, TooLarge, block_kind, classify_failure, is_empty, looks_like_html
from crawlers.pages import decode_html

URL = "https://h.vn/a-1234567.html"
ARTICLE = (
    "<html><body><article><h1>Tin</h1>" + "<p>Nội dung bài viết dài.</p>" * 80 + "</article></body></html>"
)


def _response(body: bytes, status: int = 200, content_type: str = "text/html; charset=utf-8") -> Response:
    return HtmlResponse(URL, status=status, body=body, headers={"Content-Type": content_type})


@pytest.mark.parametrize(
    ("body", "status", "kind"),
    [
        (
            b"<html><head><title>Just a moment...</title></head><body><script>x</script></body></html>",
            503,
            "js_challenge",
        ),
        (
            b"<html><body><script>document.cookie='k=v';location.href=location.href</script></body></html>",
            200,
            "js_challenge",
        ),
        (b"<html><body><div class='g-recaptcha'></div></body></html>", 200, "js_challenge"),
        (b"<html><body><h1>Access Denied</h1>Reference #18.1</body></html>", 403, "ban"),
        (b"<html><body><h1>Sorry, you have been blocked</h1></body></html>", 429, "ban"),
        ("<html><body><h1>Truy cập bị từ chối</h1></body></html>".encode(), 403, "ban"),
        (ARTICLE.encode(), 200, None),
        (b"<html><body><h1>Service Unavailable</h1></body></html>", 503, None),
        ((ARTICLE + "<p>Access Denied là tên một bộ phim.</p>").encode(), 200, None),
    ],
    ids=[
        "cloudflare",
        "cookie-reload",
        "captcha",
        "access-denied",
        "blocked-429",
        "tu-choi",
        "article",
        "plain-503",
        "article-mentioning-access-denied",
    ],
)
def test_block_kind(body: bytes, status: int, kind: str | None) -> None:
    assert block_kind(_response(body, status)) == kind


@pytest.mark.parametrize(
    ("exc", "expected"),
    [
        (HttpError(_response(b"", 500), "x"), ("errors", "http_500")),
        (DownloadTimeoutError("t"), ("errors", "timeout")),
        (CannotResolveHostError("h"), ("errors", "dns_error")),
        (ResponseDataLossError(), ("errors", "truncated")),
        (TooLarge("more than 5000000 bytes received"), ("errors", "too_large")),
        (DownloadCancelledError("cancelled by the engine"), ("errors", "cancelled")),
        (IgnoreRequest("Forbidden by robots.txt"), ("robots_refused", "robots_txt")),
        (IgnoreRequest("max redirections reached"), ("errors", "redirect_loop")),
        (Discarded("discarded", "not_html"), ("discarded", "not_html")),
        (ValueError("x"), ("errors", "value_error")),
    ],
    ids=lambda v: v[1] if isinstance(v, tuple) else type(v).__name__,
)
def test_failures_are_named(exc: BaseException, expected: tuple[str, str]) -> None:
    assert classify_failure(exc) == expected


@pytest.mark.parametrize(
    ("body", "content_type", "html"),
    [
        (b"<!DOCTYPE html><html><body>x</body></html>", "text/html", True),
        (b"%PDF-1.4", "application/pdf", False),
        (b"\x89PNG", "image/png", False),
        (b"<html><body>x</body></html>", "", True),
        (b'{"a": 1}', "application/json", False),
    ],
)
def test_html_is_recognised_by_type_or_content(body: bytes, content_type: str, html: bool) -> None:
    response = Response(URL, body=body, headers={"Content-Type": content_type} if content_type else {})
    assert looks_like_html(response) is html


@pytest.mark.parametrize("body", [b"", b"   \n\t ", b"\xef\xbb\xbf"])
def test_blank_bodies_are_empty(body: bytes) -> None:
    assert is_empty(TextResponse(URL, body=body, encoding="utf-8"))


TITLE = "Người dân phản ánh nước sông đổi màu"


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (
            f"<html><head></head><body><h1>{TITLE}</h1></body></html>".encode(),
            "text/html; charset=iso-8859-1",
        ),
        (f"<html><body><h1>{TITLE}</h1></body></html>".encode(), None),
        (
            f'<html><head><meta charset="windows-1252"></head><body><h1>{TITLE}</h1></body></html>'.encode(),
            None,
        ),
        (
            b"\xef\xbb\xbf" + f"<html><body><h1>{TITLE}</h1></body></html>".encode(),
            "text/html; charset=ascii",
        ),
        (f"<html><body><h1>{TITLE}</h1></body></html>".encode("utf-16"), "text/html; charset=utf-16"),
    ],
    ids=["utf8-labelled-latin1", "utf8-unlabelled", "utf8-meta-windows-1252", "utf8-bom", "utf-16"],
)
def test_pages_are_decoded_whatever_their_label(body: bytes, content_type: str | None) -> None:
    assert TITLE in decode_html(body, content_type)
