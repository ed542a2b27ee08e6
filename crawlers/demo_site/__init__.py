"""The bundled demo news site: two fictional Vietnamese outlets served on 127.0.0.1.

Used by `make demo` and by the tests; crawled by the real spiders. The content
(`articles.yaml`) is original and fictional, and carries the expected topics of each article.
"""

from crawlers.demo_site.model import OUTLETS, DemoArticle, Outlet, load_articles
from crawlers.demo_site.site import build_pages, demo_sources, serve

__all__ = ["OUTLETS", "DemoArticle", "Outlet", "build_pages", "demo_sources", "load_articles", "serve"]
