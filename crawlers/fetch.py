"""Fetching single pages outside a crawl (`duluan extract URL`, `duluan sources discover`), as politely
as the crawler: robots.txt obeyed, the identifying user agent, a timeout and a size limit."""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from protego import Protego


class FetchError(Exception):
    """A page that could not be fetched; the message is one line."""


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    status: int
    content_type: str | None
    body: bytes


@dataclass
class Fetcher:
    user_agent: str
    timeout: float = 30
    max_bytes: int = 5_000_000
    obey_robots: bool = True
    _robots: dict[str, Protego | None] = field(default_factory=dict)

    def _raw(self, url: str) -> Fetched:
        request = urllib.request.Request(url, headers={"User-Agent": self.user_agent, "Accept": "*/*"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as answer:
                body = answer.read(self.max_bytes + 1)
                status, final, content_type = answer.status, answer.url, answer.headers.get("Content-Type")
        except urllib.error.HTTPError as exc:
            return Fetched(url, exc.code, exc.headers.get("Content-Type") if exc.headers else None, b"")
        except (urllib.error.URLError, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", exc)
            raise FetchError(f"cannot fetch {url}: {reason}") from None
        if len(body) > self.max_bytes:
            raise FetchError(f"{url} is larger than {self.max_bytes} bytes")
        return Fetched(final, status, content_type, body)

    def robots(self, url: str) -> Protego | None:
        """The site's robots.txt (None when it has none or it cannot be read: everything allowed)."""
        parts = urlsplit(url)
        root = f"{parts.scheme}://{parts.netloc}"
        if root not in self._robots:
            try:
                found = self._raw(root + "/robots.txt")
            except FetchError:
                found = None
            ok = found is not None and found.status == 200
            self._robots[root] = (
                Protego.parse(found.body.decode("utf-8", "replace")) if ok and found else None
            )
        return self._robots[root]

    def allowed(self, url: str) -> bool:
        rules = self.robots(url)
        return rules is None or bool(rules.can_fetch(url, self.user_agent))

    def get(self, url: str) -> Fetched:
        """GET `url`; FetchError when robots.txt disallows it or the network fails. HTTP error statuses
        are returned (with an empty body), not raised."""
        if urlsplit(url).scheme not in ("http", "https"):
            raise FetchError(f"not an http(s) URL: {url}")
        if self.obey_robots and not self.allowed(url):
            raise FetchError(f"robots.txt of {urlsplit(url).netloc} does not allow fetching {url}")
        return self._raw(url)
