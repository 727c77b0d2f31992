"""Literals a regular expression cannot match without, found by reading its parse tree.

``(?:发展|拉)下线`` cannot match a text without 下线; ``月入(\\d+)万`` not without 月入.
The pattern matcher scans for every rule's anchors with one Aho-Corasick pass and
compiles and runs only the patterns whose anchors occur, so a clean post pays
for neither compiling nor running most patterns.
"""

from __future__ import annotations

import sys

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
    """Prefer longer shortest anchors, then fewer alternatives."""
    if a is None:
        return b
    if b is None:
        return a
    return max(a, b, key=lambda r: (min(map(len, r)), -len(r)))


def _sequence(items: sre_parse.SubPattern | list) -> Requirement | None:
    best: Requirement | None = None
    run = ""
    for op, value in items:
        if op is sre_constants.LITERAL:
            run += chr(value)
            continue
        if run:
            best = _better(best, frozenset({run}))
            run = ""
        best = _better(best, _element(op, value))
    if run:
        best = _better(best, frozenset({run}))
    return best


def _element(op: object, value: object) -> Requirement | None:
    if op is sre_constants.SUBPATTERN:
        return _sequence(value[-1])  # type: ignore[index]
    if op is sre_constants.BRANCH:
        union: set[str] = set()
        for branch in value[1]:  # type: ignore[index]
            required = _sequence(branch)
            if required is None:
                return None
            union |= required
        return frozenset(union)
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
