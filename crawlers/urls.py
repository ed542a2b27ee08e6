"""Canonical URLs: tracking parameters and fragments stripped, host normalised."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

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
