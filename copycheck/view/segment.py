"""Word-boundary confirmation with jieba, loaded only when a hit needs it.

Short terms hide inside longer words: 级差 in 超级差, 月入 in 8月入住, 代理 in
代理商. A hit on such a term counts only if jieba puts a word boundary at both
of its ends.

jieba's full dictionary (349,000 words) takes about a second to load. Only a
word that contains a character of the checked span can cross that span's
boundaries, so for spans made of known characters a pruned dictionary does the
same job: every single character (with its true frequency) plus every word that
contains one of those characters, with the full dictionary's total, so that
probabilities are unchanged. The pruned dictionary is built once and cached on
disk, and segmented by ``PrunedTokenizer`` without importing jieba at all; a
span with other characters falls back to jieba's full dictionary.
"""

from __future__ import annotations

import importlib.util
import re
import threading
from collections.abc import Iterable
from functools import lru_cache
from math import log
from pathlib import Path
from typing import Any

from copycheck.cache import cached, file_stamp, fingerprint

_MARGIN = 8
_lock = threading.Lock()
_full: Any = None
_pruned: dict[frozenset[str], Any] = {}


def _jieba() -> Any:
    import logging  # only here: few runs load jieba itself

    import jieba

    jieba.setLogLevel(logging.WARNING)
    return jieba


def _full_tokenizer() -> Any:
    global _full
    if _full is None:
        with _lock:
            if _full is None:
                tokenizer = _jieba().Tokenizer()
                tokenizer.initialize()
                _full = tokenizer
    return _full


def _prune(dictionary: Path, chars: frozenset[str]) -> tuple[dict[str, str], int]:
    """The pruned dictionary (every word of one character or holding one of ``chars``, and
    every prefix of those at frequency 0) as one text per first character, ``word\tcount``
    lines, and the full dictionary's total."""
    freq: dict[str, int] = {}
    total = 0
    with dictionary.open(encoding="utf-8") as handle:
        for line in handle:
            word, count = line.split(" ", 2)[:2]
            total += int(count)
            if len(word) == 1 or not chars.isdisjoint(word):
                freq[word] = int(count)
                for end in range(1, len(word)):
                    freq.setdefault(word[:end], 0)
    by_first: dict[str, list[str]] = {}
    for word, count in freq.items():
        by_first.setdefault(word[0], []).append(f"{word}\t{count}")
    return {first: "\n".join(lines) for first, lines in by_first.items()}, total


# jieba's own block and letter-run rules, so the pruned path segments exactly as jieba does.
_HAN_BLOCK = re.compile(r"([\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-]+)")
_LATIN = re.compile(r"[a-zA-Z0-9]")
_NO_WORDS: dict[str, int] = {}


class PrunedTokenizer:
    """jieba's maximum-probability segmentation (``HMM=False``) over a pruned dictionary.

    Implemented here so the pruned path needs neither jieba's import (a fifth of a
    second) nor its full dictionary; the algorithm is jieba's ``get_DAG``/``calc``. Every
    word the algorithm looks up at a position starts with the character there, so the words
    are kept per first character and each table is built on first use: a one-post run builds a
    few dozen small ones instead of unpickling a dict of 94,000 words (40 ms).
    """

    def __init__(self, by_first: dict[str, str], total: int) -> None:
        self._texts = by_first
        self._tables: dict[str, dict[str, int]] = {}
        self.logtotal = log(total)

    def words_from(self, char: str) -> dict[str, int]:
        """The pruned dictionary's words that start with ``char``, with their counts."""
        table = self._tables.get(char)
        if table is None:
            text = self._texts.get(char)
            table = _NO_WORDS
            if text is not None:
                table = {word: int(count) for word, count in (line.split("\t") for line in text.split("\n"))}
            self._tables[char] = table
        return table

    def _cut_block(self, sentence: str) -> Iterable[str]:
        n = len(sentence)
        tables = [self.words_from(char) for char in sentence]
        dag: list[list[int]] = []
        for k in range(n):
            freq = tables[k]
            ends, i, frag = [], k, sentence[k]
            while i < n and frag in freq:
                if freq[frag]:
                    ends.append(i)
                i += 1
                frag = sentence[k : i + 1]
            dag.append(ends or [k])
        route: list[tuple[float, int]] = [(0.0, 0)] * (n + 1)
        for idx in range(n - 1, -1, -1):
            freq = tables[idx]
            route[idx] = max(
                (log(freq.get(sentence[idx : x + 1]) or 1) - self.logtotal + route[x + 1][0], x) for x in dag[idx]
            )
        x, buffer = 0, ""
        while x < n:
            y = route[x][1] + 1
            word = sentence[x:y]
            if len(word) == 1 and _LATIN.match(word):
                buffer += word
            else:
                if buffer:
                    yield buffer
                    buffer = ""
                yield word
            x = y
        if buffer:
            yield buffer

    def tokenize(self, sentence: str, HMM: bool = False) -> Iterable[tuple[str, int, int]]:  # jieba's signature
        start = 0
        for block in _HAN_BLOCK.split(sentence):
            words = self._cut_block(block) if _HAN_BLOCK.fullmatch(block) else block
            for word in words:
                yield word, start, start + len(word)
                start += len(word)


def jieba_dictionary() -> Path:
    """jieba's own dictionary file, as installed."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        raise ImportError("jieba is not installed")
    return Path(spec.origin).with_name("dict.txt")


def _pruned_tokenizer(chars: frozenset[str]) -> Any:
    tokenizer = _pruned.get(chars)
    if tokenizer is None:
        with _lock:
            tokenizer = _pruned.get(chars)
            if tokenizer is None:
                dictionary = jieba_dictionary()
                key = fingerprint([file_stamp(dictionary), "".join(sorted(chars)).encode()])
                by_first, total = cached("jieba", key, lambda: _prune(dictionary, chars))
                tokenizer = _pruned[chars] = PrunedTokenizer(by_first, total)
    return tokenizer


class Segmenter:
    """Boundary checks for spans made of ``chars``; other spans use the full dictionary."""

    def __init__(self, chars: Iterable[str] = ()) -> None:
        self.chars = frozenset(chars)

    def _tokenizer(self, span: str) -> Any:
        if self.chars and self.chars.issuperset(span):
            return _pruned_tokenizer(self.chars)
        return _full_tokenizer()

    def on_word_boundaries(self, text: str, start: int, end: int, limits: tuple[int, int] | None = None) -> bool:
        """Whether jieba segments ``text`` with word boundaries at ``start`` and ``end``.

        ``limits`` keeps the window inside one sentence: 30元 at the end of one line and
        月入 at the start of the next must not be read as 元月 (January).
        """
        floor, ceiling = limits if limits is not None else (0, len(text))
        lo = max(floor, start - _MARGIN)
        hi = min(ceiling, end + _MARGIN)
        return self._on_boundaries(text[lo:hi], start - lo, end - lo)

    @lru_cache(maxsize=4096)  # noqa: B019 - one Segmenter per engine; a paste repeats its windows
    def _on_boundaries(self, window: str, start: int, end: int) -> bool:
        boundaries = {0, len(window)}
        for _word, _s, word_end in self._tokenizer(window[start:end]).tokenize(window, HMM=False):
            boundaries.add(word_end)
        return start in boundaries and end in boundaries


def is_loaded() -> bool:
    """Whether any jieba dictionary has been loaded in this process."""
    return _full is not None or bool(_pruned)

