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


def is_http_url(url: str | None) -> bool:
    """An absolute http(s) URL with a host (what duluan ever stores, links or exports)."""
    try:
        parts = urlsplit((url or "").strip())
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def owns_host(source: Source, url: str) -> bool:
    """True when `url`'s host is the source's home-page host, one of its `aliases`, or a subdomain of
    either (www. ignored)."""
    host = _bare_host(url)
    owned = {_bare_host(source.url), *(a[4:] if a.startswith("www.") else a for a in source.aliases)}
    return bool(host) and any(host == o or host.endswith("." + o) for o in owned if o)


def trusted_canonical(source: Source | None, fetched: str, declared: str | None) -> tuple[str, bool]:
    """(URL to store, whether the page's declared canonical was refused).

    A page's rel=canonical is trusted only when it is http(s) on a host the source owns: a page of one
    outlet must not claim (and so suppress) another outlet's article, and a `javascript:` canonical
    must never be stored. Otherwise the fetched URL is kept. Both are returned canonicalised. Without a
    configured source (`duluan extract` of an unknown site), the fetched URL's host is the one owned.
    """
    if not declared or canonical_url(declared) == canonical_url(fetched):
        return canonical_url(fetched), False
    owned = owns_host(source, declared) if source is not None else _same_site(fetched, declared)
    if is_http_url(declared) and owned:
        return canonical_url(declared), False
    return canonical_url(fetched), True


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


def _same_site(fetched: str, declared: str) -> bool:
    host, other = _bare_host(fetched), _bare_host(declared)
    return bool(host) and (other == host or other.endswith("." + host))


def _bare_host(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host
