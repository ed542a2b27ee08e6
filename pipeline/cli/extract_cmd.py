"""`duluan extract FILE_OR_URL`: what the crawler would store for one page."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape

from crawlers.extract import extract as extract_page
from crawlers.fetch import Fetcher, FetchError
from crawlers.pages import decode_html
from crawlers.urls import canonical_url, is_http_url, source_for_url, trusted_canonical
from pipeline.cli.common import UserError, console, get_app


def _load(target: str, fetcher: Fetcher) -> tuple[bytes, str | None, str | None]:
    """(body, content type, URL) of a saved file or a fetched URL."""
    if target.startswith(("http://", "https://")):
        try:
            page = fetcher.get(target)
        except FetchError as exc:
            raise UserError(str(exc)) from None
        if page.status != 200:
            raise UserError(f"{target} answered HTTP {page.status}")
        return page.body, page.content_type, page.url
    path = Path(target)
    if not path.is_file():
        raise UserError(f"{target}: no such file (or not an http(s) URL)")
    return path.read_bytes(), None, None


def extract(
    ctx: typer.Context,
    target: Annotated[
        str, typer.Argument(metavar="FILE_OR_URL", help="A saved HTML page or an article URL.")
    ],
    url: Annotated[
        str | None, typer.Option("--url", help="The page's URL (for a saved file: site selectors, dates).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    no_selectors: Annotated[
        bool, typer.Option("--no-selectors", help="Ignore site selectors: the generic path only.")
    ] = False,
) -> None:
    """Extract one article page: title, lead (sapo), body text, author, publication time, tags."""
    app = get_app(ctx, migrate=False)
    s = app.settings
    fetcher = Fetcher(s.resolved_user_agent, s.download_timeout, s.max_page_bytes, s.obey_robots)
    body, content_type, fetched_url = _load(target, fetcher)
    page_url = url or fetched_url or ""
    source = source_for_url(app.sources.sources, page_url) if page_url else None
    selectors = None if no_selectors or source is None else source.selectors
    found = extract_page(decode_html(body, content_type), page_url, selectors)
    if found is None:
        raise UserError(f"no article text found in {target}")
    declared = _join(page_url, found.canonical_url) if found.canonical_url else None
    if page_url:  # the crawler's rule: a canonical only on the source's own hosts, only http(s)
        url, _ = trusted_canonical(source, page_url, declared)
    else:
        url = canonical_url(declared) if declared and is_http_url(declared) else None
    record: dict[str, Any] = {
        "url": url,
        "title": found.title,
        "sapo": found.sapo,
        "text": found.text,
        "author": found.author,
        "published_at": found.published_at.isoformat() if found.published_at else None,
        "published_source": found.published_source,
        "tags": list(found.tags),
    }
    if as_json:
        typer.echo(json.dumps(record, ensure_ascii=False, indent=2))
        return
    how = f"selectors of {source.id}" if selectors is not None and source else found.method
    console.print(f"[bold]{escape(record['title'] or '(no title)')}[/bold]", highlight=False)
    for key in ("url", "author", "published_at", "published_source"):
        console.print(f"{key}: {record[key] or '—'}", highlight=False, markup=False)
    console.print(
        f"tags: {', '.join(record['tags']) or '—'}   extraction: {how}", highlight=False, markup=False
    )
    console.print(f"\n{record['sapo'] or ''}\n\n{record['text']}", highlight=False, markup=False)


def _join(base: str, link: str) -> str:
    from urllib.parse import urljoin

    return urljoin(base, link) if base else link
