"""Canonical URLs: tracking parameters and fragments stripped, host normalised."""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from config.models import Source

_TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|zarsrc|zacc|gidzl|ref|refer|source|cmpid|mc_\w+|_ga)$", re.I)


def canonical_url(url: str) -> str:
    """Lower-case scheme and host, default port and fragment dropped, tracking parameters removed."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    port = parts.port
    netloc = host if port is None or (scheme, port) in {("http", 80), ("https", 443)} else f"{host}:{port}"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)]
    path = parts.path or "/"
    return urlunsplit((scheme, netloc, path, urlencode(query), ""))


def url_allowed(url: str, allow: list[str], deny: list[str]) -> bool:
    if any(re.search(p, url) for p in deny):
        return False
    return not allow or any(re.search(p, url) for p in allow)


def source_for_url(sources: Iterable[Source], url: str) -> Source | None:
    """The configured source an article URL belongs to: one whose allow patterns match it, else one on
    the same host."""
    candidates = list(sources)
    for source in candidates:
        if source.allow and url_allowed(url, source.allow, source.deny):
            return source
    host = _bare_host(url)
    return next((s for s in candidates if host and _bare_host(s.url) == host), None)


def _bare_host(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host
