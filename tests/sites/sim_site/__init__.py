"""A generated news site served on 127.0.0.1 for tests and benchmarks.

Any number of fictional articles (generated text, not real news), an RSS feed, a sitemap index with
monthly and news sitemaps, dated paginated listings, robots.txt, ETag/304 answers, hit counts per
path, and faults injected per path (`Reply`): errors, delays, truncated transfers, huge pages,
redirect loops, wrong content types and anti-bot pages.
"""

from typing import Any

from tests.sites.sim_site.pages import SimArticle, make_articles
from tests.sites.sim_site.server import Reply, SimSite

ARTICLE_ALLOW = r"/bai/[a-z0-9-]+-\d{7}\.html$"


def sim_source(
    base: str,
    *,
    source_id: str = "mo_phong",
    kinds: tuple[str, ...] = ("rss",),
    selectors: bool = False,
    max_pages: int = 50,
) -> dict[str, Any]:
    """A source entry (valid `config.models.Source`) reading the site through `kinds` of discovery."""
    urls = {"rss": f"{base}/rss.xml", "sitemap": f"{base}/sitemap.xml", "listing": f"{base}/tin-moi/"}
    discovery: list[dict[str, Any]] = []
    for kind in kinds:
        entry: dict[str, Any] = {"kind": kind, "url": urls[kind]}
        if kind == "listing":
            entry |= {"link_selector": "a.link::attr(href)", "next_selector": "a.next::attr(href)"}
            entry["max_pages"] = max_pages
        discovery.append(entry)
    return {
        "id": source_id,
        "name": "Báo Mô Phỏng",
        "url": base + "/",
        "scope": "province",
        "verified": True,
        "note": "Generated test site (tests.sites.sim_site).",
        "discovery": discovery,
        "allow": [ARTICLE_ALLOW],
        "selectors": (
            {"title": "h1.title", "sapo": "h2.sapo", "body": "div.content", "author": "p.author"}
            if selectors
            else None
        ),
    }


__all__ = ["ARTICLE_ALLOW", "Reply", "SimArticle", "SimSite", "make_articles", "sim_source"]
