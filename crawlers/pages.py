"""Decoding fetched pages: a declared charset is trusted only when the bytes agree with it."""

from __future__ import annotations

from scrapy.http import Response, TextResponse
from w3lib.encoding import html_to_unicode


def decode_html(body: bytes, content_type: str | None = None) -> str:
    """Text of an HTML page. Bytes that are valid UTF-8 are read as UTF-8 whatever the page or the
    server claims (a Vietnamese page labelled iso-8859-1 is a common server mistake, and valid UTF-8
    with non-ASCII bytes almost never happens by chance); anything else follows the header, the BOM,
    the <meta charset> and then detection (w3lib)."""
    try:
        return body.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    _, text = html_to_unicode(content_type, body)
    return text


def page_text(response: Response) -> str:
    if not isinstance(response, TextResponse):
        return decode_html(response.body)
    content_type = response.headers.get(b"Content-Type")
    return decode_html(response.body, content_type.decode("latin-1") if content_type else None)
