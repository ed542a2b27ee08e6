"""Word segmentation with underthesea (loaded once per process)."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, partial


@cache
def _tokenizer() -> Callable[[str], list[str]]:
    from underthesea import word_tokenize  # heavy import: once per process

    # the text comes normalised by nlp.text.normalize, which already applied underthesea's
    # token_normalize to every syllable: segmenting skips doing it a second time
    return partial(word_tokenize, use_token_normalize=False)


def segment(text: str) -> list[str]:
    """Words of `text` (normalised by `nlp.text.normalize`); a multi-syllable word keeps its syllables
    separated by spaces."""
    if not text.strip():
        return []
    return list(_tokenizer()(text))
