"""A generated news site of N article pages on 127.0.0.1 that counts every hit (scale tests, benchmarks)."""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

PLACES = ["Đồng Đăng", "Chi Lăng", "Hữu Lũng", "Bắc Sơn", "Lộc Bình", "Đình Lập", "Tràng Định", "Văn Quan"]
EVENTS = [
    (
        "Sửa chữa tuyến đường liên xã",
        "Công trình sửa chữa mặt đường dài {n} mét được triển khai trong tháng.",
    ),
    ("Hội thi nấu ăn truyền thống", "Hội thi thu hút {n} đội đến từ các thôn, bản trên địa bàn."),
    ("Tập huấn kỹ thuật trồng hồi", "Lớp tập huấn giúp {n} hộ dân nắm vững quy trình chăm sóc cây hồi."),
    (
        "Khai trương chợ phiên cuối tuần",
        "Chợ phiên có {n} gian hàng nông sản, thủ công mỹ nghệ của đồng bào.",
    ),
]


def article_html(n: int) -> str:
    title, lead = EVENTS[n % len(EVENTS)]
    place = PLACES[n % len(PLACES)]
    paragraphs = [
        f"Ngày {1 + n % 28}/11, tại xã {place}, chính quyền địa phương tổ chức hoạt động số {n}. "
        + lead.format(n=n + 10)
        for _ in range(1)
    ] + [
        f"Đoạn {k} của bài {n}: người dân xã {place} bày tỏ phấn khởi, mong hoạt động được duy trì."
        for k in range(5)
    ]
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{escape(title)} {n}</title></head><body>'
        f'<h1 class="t">{escape(title)} ở {escape(place)} (bài {n})</h1>'
        f'<div class="d">Thứ hai, {1 + n % 28:02d}/11/2026 - 08:{n % 60:02d}</div>'
        f'<div class="s">{escape(lead.format(n=n))}</div><div id="c">{body}</div></body></html>'
    )


@dataclass
class GeneratedSite:
    pages: int
    delay: float = 0.0
    hits: Counter[str] = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def count(self, path: str) -> None:
        with self.lock:
            self.hits[path] += 1

    def body(self, path: str, base: str) -> tuple[str, bytes] | None:
        if path == "/robots.txt":
            return "text/plain", b"User-agent: *\nAllow: /\n"
        if path == "/sitemap.xml":
            urls = "".join(f"<url><loc>{base}/bai/{n}.html</loc></url>" for n in range(self.pages))
            xml = f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
            return "application/xml", xml.encode()
        if path.startswith("/bai/") and path.endswith(".html"):
            number = path[5:-5]
            if number.isdigit() and int(number) < self.pages:
                return "text/html; charset=utf-8", article_html(int(number)).encode()
        return None


def source_for(base: str) -> dict[str, Any]:
    return {
        "id": "generated",
        "name": "Báo sinh tự động",
        "url": base + "/",
        "scope": "province",
        "verified": True,
        "discovery": [{"kind": "sitemap", "url": base + "/sitemap.xml"}],
        "allow": [r"/bai/\d+\.html$"],
        "selectors": {"title": "h1.t", "sapo": "div.s", "body": "div#c", "published": "div.d"},
    }


@contextmanager
def serve_generated(pages: int, delay: float = 0.0) -> Iterator[tuple[str, GeneratedSite]]:
    site = GeneratedSite(pages, delay)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            site.count(self.path)
            if site.delay and self.path.startswith("/bai/"):
                time.sleep(site.delay)
            found = site.body(self.path, base)
            if found is None:
                self.send_error(404)
                return
            content_type, data = found
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield base, site
    finally:
        server.shutdown()
        server.server_close()
