"""The demo site's content: outlets and articles read from the bundled `articles.yaml`."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import datetime
from importlib import resources
from typing import Any

import yaml

ARTICLES_FILE = "articles.yaml"


@dataclass(frozen=True)
class Outlet:
    """A fictional news outlet of the demo site."""

    id: str
    name: str
    scope: str  # "province" or "national"
    prefix: str  # URL path prefix, e.g. "/xu-lang/"
    home_title: str = ""
    tagline: str = ""


@dataclass(frozen=True)
class DemoArticle:
    """One article of the demo site, with the topics a careful reader would assign."""

    id: str
    outlet: str
    category: str
    slug: str
    number: int
    published: datetime
    title: str
    sapo: str
    body: tuple[str, ...]  # paragraphs in reading order, image captions included as plain text
    author: str
    tags: tuple[str, ...]
    expected_topics: tuple[str, ...]
    story: str | None = None
    syndicated_from: str | None = None
    captions: tuple[int, ...] = ()  # indexes into `body` of the paragraphs that are image captions

    @property
    def path(self) -> str:
        """URL path of the article page, e.g. /xu-lang/kinh-te/some-slug-5102301.html."""
        return f"{OUTLETS[self.outlet].prefix}{self.category}/{self.slug}-{self.number}.html"

    @property
    def paragraphs(self) -> tuple[str, ...]:
        """Body paragraphs without the image captions."""
        return tuple(p for i, p in enumerate(self.body) if i not in self.captions)


@functools.lru_cache(maxsize=1)
def _raw() -> dict[str, Any]:
    text = resources.files("crawlers.demo_site").joinpath(ARTICLES_FILE).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise ValueError(f"{ARTICLES_FILE}: expected a mapping at the top level")
    return data


def _outlets(raw: dict[str, Any]) -> dict[str, Outlet]:
    return {
        key: Outlet(
            id=key,
            name=str(value["name"]),
            scope=str(value["scope"]),
            prefix=str(value["prefix"]),
            home_title=str(value.get("home_title", value["name"])),
            tagline=str(value.get("tagline", "")),
        )
        for key, value in raw["outlets"].items()
    }


def _article(entry: dict[str, Any]) -> DemoArticle:
    body: list[str] = []
    captions: set[int] = {int(i) for i in entry.get("captions", [])}
    for item in entry["body"]:
        if isinstance(item, dict):  # an inline `{caption: "..."}` item is accepted too
            captions.add(len(body))
            body.append(str(item["caption"]))
        else:
            body.append(str(item))
    if any(not 0 <= i < len(body) for i in captions):
        raise ValueError(f"article {entry['id']}: a caption index is outside the body")
    published = datetime.fromisoformat(str(entry["published"]))
    if published.tzinfo is None:
        raise ValueError(f"article {entry['id']}: 'published' needs a UTC offset")
    return DemoArticle(
        id=str(entry["id"]),
        outlet=str(entry["outlet"]),
        category=str(entry["category"]),
        slug=str(entry["slug"]),
        number=int(entry["number"]),
        published=published,
        title=str(entry["title"]),
        sapo=str(entry["sapo"]),
        body=tuple(body),
        author=str(entry["author"]),
        tags=tuple(str(t) for t in entry.get("tags", [])),
        expected_topics=tuple(str(t) for t in entry.get("expected_topics", [])),
        story=entry.get("story"),
        syndicated_from=entry.get("syndicated_from"),
        captions=tuple(sorted(captions)),
    )


OUTLETS: dict[str, Outlet] = _outlets(_raw())


@functools.lru_cache(maxsize=1)
def _articles() -> tuple[DemoArticle, ...]:
    return tuple(_article(entry) for entry in _raw()["articles"])


def load_articles() -> list[DemoArticle]:
    """All demo articles, in the order of `articles.yaml` (a new list on each call)."""
    return list(_articles())
