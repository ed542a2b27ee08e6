"""Word segmentation with underthesea (loaded once per process)."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache


@cache
def _tokenizer() -> Callable[[str], list[str]]:
    from underthesea import word_tokenize  # heavy import: once per process

    return word_tokenize  # type: ignore[no-any-return]


def segment(text: str) -> list[str]:
    """Words of `text`; a multi-syllable word keeps its syllables separated by spaces."""
    if not text.strip():
        return []
    return list(_tokenizer()(text))
