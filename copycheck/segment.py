"""Word-boundary confirmation with jieba, loaded only when a hit needs it.

Short terms hide inside longer words: 级差 in 超级差, 月入 in 8月入住, 代理 in
代理商. A hit on such a term counts only if jieba puts a word boundary at both
of its ends. jieba's dictionary takes about a second to load, so it is loaded
on the first hit that needs it, never at import time.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

_MARGIN = 8
_lock = threading.Lock()
_tokenizer: Any = None


def _get_tokenizer() -> Any:
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                import jieba

                jieba.setLogLevel(logging.WARNING)
                tokenizer = jieba.Tokenizer()
                tokenizer.initialize()
                _tokenizer = tokenizer
    return _tokenizer


def is_loaded() -> bool:
    return _tokenizer is not None


def on_word_boundaries(text: str, start: int, end: int, limits: tuple[int, int] | None = None) -> bool:
    """Whether jieba segments ``text`` with word boundaries at ``start`` and ``end``.

    ``limits`` keeps the window inside one sentence: 30元 at the end of one line and
    月入 at the start of the next must not be read as 元月 (January).
    """
    floor, ceiling = limits if limits is not None else (0, len(text))
    lo = max(floor, start - _MARGIN)
    hi = min(ceiling, end + _MARGIN)
    boundaries = {lo, hi}
    for _word, _s, word_end in _get_tokenizer().tokenize(text[lo:hi], HMM=False):
        boundaries.add(lo + word_end)
    return start in boundaries and end in boundaries
