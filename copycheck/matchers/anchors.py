"""Literals a regular expression cannot match without, found by reading its parse tree.

``(?:发展|拉)下线`` cannot match a text without 下线; ``月入(\\d+)万`` not without 月入.
The pattern matcher scans for every rule's anchors with one Aho-Corasick pass and
compiles and runs only the patterns whose anchors occur, so a clean post pays
for neither compiling nor running most patterns.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

if sys.version_info >= (3, 11):
    from re import _constants as sre_constants
    from re import _parser as sre_parse
else:  # pragma: no cover - Python 3.10
    import sre_constants
    import sre_parse

Requirement = frozenset[str]  # at least one of these strings occurs in every match
_MAX_CLASS = 16  # a character class this small still makes a useful set of one-character anchors


def _class_chars(items: list[tuple[object, object]]) -> Requirement | None:
    chars = []
    for op, value in items:
        if op is not sre_constants.LITERAL:
            return None
        chars.append(chr(value))  # type: ignore[arg-type]
    return frozenset(chars) if 0 < len(chars) <= _MAX_CLASS else None


def _better(a: Requirement | None, b: Requirement | None) -> Requirement | None:
    """Prefer the anchors that occur less often in ordinary text: one-character anchors by how
    common the character is, then longer shortest anchors, then fewer alternatives. (人 is in
    every other review; 拉, 带 and 招 together are ten times rarer.)"""
    if a is None:
        return b
    if b is None:
        return a
    return min(a, b, key=lambda r: (_commonness(r), -min(map(len, r)), len(r)))


def _commonness(requirement: Requirement) -> int:
    frequency = _char_frequency()
    return sum(frequency.get(anchor, 1) for anchor in requirement if len(anchor) == 1)


@lru_cache(maxsize=1)
def _char_frequency() -> dict[str, int]:
    """How often each character is a word of its own, from jieba's dictionary (a dependency
    already): a fair measure of how common a one-character anchor is. Found without importing
    jieba, and kept in the on-disk cache keyed by the dictionary's size and time."""
    from copycheck.cache import cached, file_stamp, fingerprint
    from copycheck.view.segment import jieba_dictionary

    try:
        path = jieba_dictionary()
        key = fingerprint([file_stamp(path)])
    except (ImportError, OSError):  # pragma: no cover - jieba is a dependency and ships its dictionary
        return {}
    return cached("charfreq", key, lambda: _read_frequencies(path))


def _read_frequencies(path: Path) -> dict[str, int]:
    text = path.read_text(encoding="utf-8")
    return {m.group(1): int(m.group(2)) for m in re.finditer(r"^(\S) (\d+)", text, re.MULTILINE)}


_MAX_PRODUCT = 32  # alternatives an anchor set may grow to when exact parts are joined


def _union(branches: list, part: Callable[[list], frozenset[str] | None]) -> frozenset[str] | None:
    """What any branch of an alternation gives, if every branch gives something."""
    union: set[str] = set()
    for branch in branches:
        strings = part(branch)
        if strings is None:
            return None
        union |= strings
    return frozenset(union)


def _exact(op: object, value: object) -> frozenset[str] | None:
    """Every string this element can match, when that is a small finite set."""
    if op is sre_constants.LITERAL:
        return frozenset({chr(value)})  # type: ignore[arg-type]
    if op is sre_constants.IN:
        return _class_chars(value)  # type: ignore[arg-type]
    if op is sre_constants.SUBPATTERN:
        return _exact_sequence(value[-1])  # type: ignore[index]
    if op is sre_constants.BRANCH:
        union = _union(value[1], _exact_sequence)  # type: ignore[index]
        return union if union is not None and len(union) <= _MAX_PRODUCT else None
    if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT):
        low, high, item = value  # type: ignore[misc]
        strings = _exact_sequence(item)
        if strings is None or (low, high) not in ((1, 1), (0, 1)):
            return None
        return strings | {""} if low == 0 else strings
    if op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT, sre_constants.AT):
        return frozenset({""})  # zero width
    return None


def _exact_sequence(items: sre_parse.SubPattern | list) -> frozenset[str] | None:
    strings = frozenset({""})
    for op, value in items:
        part = _exact(op, value)
        if part is None or len(strings) * len(part) > _MAX_PRODUCT:
            return None
        strings = frozenset(a + b for a in strings for b in part)
    return strings


def _sequence(items: sre_parse.SubPattern | list) -> Requirement | None:
    """The best requirement of a sequence: joined runs of exact parts, or one inexact element."""
    best: Requirement | None = None
    run = frozenset({""})

    def close(run: frozenset[str]) -> Requirement | None:
        return run if "" not in run else None

    for op, value in items:
        part = _exact(op, value)
        if part is not None and len(run) * len(part) <= _MAX_PRODUCT:
            run = frozenset(a + b for a in run for b in part)
            continue
        best = _better(best, close(run))
        run = frozenset({""})
        if part is not None:
            run = part
        else:
            best = _better(best, _element(op, value))
    return _better(best, close(run))


def _element(op: object, value: object) -> Requirement | None:
    if op is sre_constants.SUBPATTERN:
        return _sequence(value[-1])  # type: ignore[index]
    if op is sre_constants.BRANCH:
        return _union(value[1], _sequence)  # type: ignore[index]
    if op is sre_constants.IN:
        return _class_chars(value)  # type: ignore[arg-type]
    if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, getattr(sre_constants, "POSSESSIVE_REPEAT", None)):
        low, _high, item = value  # type: ignore[misc]
        return _sequence(item) if low >= 1 else None
    return None  # assertions, anchors, ANY, categories: no literal required


def required_literals(pattern: str) -> tuple[str, ...]:
    """Anchors for ``pattern``: one of them occurs in every match; () when none can be found."""
    try:
        required = _sequence(sre_parse.parse(pattern))
    except (sre_constants.error, RecursionError):  # pragma: no cover - patterns are validated on load
        return ()
    return tuple(sorted(required)) if required else ()


# Unbounded repeats (\d+, .*?) are searched this far around an anchor.
MAX_REACH = 64


def reach(pattern: str) -> int:
    """How far from its anchor a match can extend: the longest possible match, capped."""
    try:
        _low, high = sre_parse.parse(pattern).getwidth()
    except (sre_constants.error, RecursionError):  # pragma: no cover - patterns are validated on load
        return MAX_REACH
    return min(high, MAX_REACH)


def literal_strings(pattern: str) -> frozenset[str]:
    r"""Every literal string ``pattern`` compares with the text: each run of exact parts of each
    sequence, at every depth (inside groups, alternatives, repeats and look-arounds), so that
    ``加(?:我|个)?(?:微信|薇信)`` gives 薇信 as well as 加我薇信. A pattern that only the ``regex``
    module reads (``\p{Han}``, which rules may use) gives none: its literals go unchecked."""
    try:
        tree = sre_parse.parse(pattern)
    except (sre_constants.error, RecursionError):
        return frozenset()
    found: set[str] = set()
    _collect_literals(tree, found)
    return frozenset(found - {""})


def _collect_literals(items: sre_parse.SubPattern | list, found: set[str]) -> None:
    run = frozenset({""})
    for op, value in items:
        part = _exact(op, value)
        if part is not None and len(run) * len(part) <= _MAX_PRODUCT:
            run = frozenset(a + b for a in run for b in part)
        else:
            found.update(run)
            run = part if part is not None else frozenset({""})
        for inner in _inner_sequences(op, value):
            _collect_literals(inner, found)
    found.update(run)


def _inner_sequences(op: object, value: object) -> list:
    if op is sre_constants.SUBPATTERN:
        return [value[-1]]  # type: ignore[index]
    if op is sre_constants.BRANCH:
        return list(value[1])  # type: ignore[index]
    if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, getattr(sre_constants, "POSSESSIVE_REPEAT", None)):
        return [value[2]]  # type: ignore[index]
    if op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
        return [value[1]]  # type: ignore[index]
    if op is getattr(sre_constants, "ATOMIC_GROUP", None):
        return [value]
    return []
