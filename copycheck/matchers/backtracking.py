"""Patterns that can backtrack exponentially, found by reading their parse tree.

A repeat inside a repeat (``(a+)+``, ``(\\d+,)*``) or a repeated alternation whose branches can
start with the same character (``(月入|月|入)*``) lets a backtracking engine try exponentially
many ways to split one run of text. Such a pattern is refused when its rule is loaded; the check
is conservative (``(\\d+,)*`` is safe in practice but refused), and the message says how to
rewrite it. What still slips through is bounded at run time by the pattern matcher's budget.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

if sys.version_info >= (3, 11):
    from re import _constants as sre_constants
    from re import _parser as sre_parse
else:  # pragma: no cover - Python 3.10
    import sre_constants
    import sre_parse

_REPEATS = tuple(
    op
    for op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, getattr(sre_constants, "POSSESSIVE_REPEAT", None))
    if op is not None
)
_ZERO_WIDTH = (sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT)
# A repeat allowed more than this many times counts as unbounded.
_MANY = 16


def backtracking_risk(pattern: str) -> str | None:
    """Why ``pattern`` can backtrack exponentially, or None."""
    try:
        tree = sre_parse.parse(pattern)
    except (sre_constants.error, RecursionError):
        return None  # reported by the compiler itself
    return next(_problems(tree, inside=False), None)


def _problems(items: sre_parse.SubPattern | list, inside: bool) -> Iterator[str]:
    for op, value in items:
        if op in _REPEATS:
            low, high, sub = value  # type: ignore[misc]
            if inside and high > 1 and low != high:
                yield "a repeat inside a repeat, such as (a+)+"
            if high == sre_constants.MAXREPEAT or high > _MANY:
                if _overlapping_branches(sub):
                    yield "a repeated alternation whose branches can match the same text, such as (月入|月|入)*"
                yield from _problems(sub, inside=True)
            else:
                yield from _problems(sub, inside)
        elif op is sre_constants.SUBPATTERN:
            yield from _problems(value[-1], inside)  # type: ignore[index]
        elif op is sre_constants.BRANCH:
            branches = value[1]  # type: ignore[index]
            if inside and any(not b for b in branches) and any(b for b in branches):
                # (a|aa)+ is read as (a(?:|a))+: an optional part inside a repeat.
                yield "an optional part inside a repeat, such as (a|aa)+"
            for branch in branches:
                yield from _problems(branch, inside)
        elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
            yield from _problems(value[1], inside)  # type: ignore[index]


def _overlapping_branches(items: sre_parse.SubPattern | list) -> bool:
    for op, value in items:
        if op is sre_constants.SUBPATTERN:
            return _overlapping_branches(value[-1])  # type: ignore[index]
        if op is sre_constants.BRANCH:
            branches = value[1]  # type: ignore[index]
            words = [_literal(branch) for branch in branches]
            if all(word is not None for word in words):
                # Literal branches are ambiguous when one is a string of others (月入 = 月 + 入).
                return any(_splits(word, set(words) - {word}) for word in words)  # type: ignore[arg-type]
            seen: set[int] = set()
            for branch in branches:
                first = _first_chars(branch)
                if first is None or seen & first:
                    return True
                seen |= first
            return False
        if op not in _ZERO_WIDTH:
            return False
    return False


def _first_chars(items: sre_parse.SubPattern | list) -> set[int] | None:
    """The code points a match of ``items`` can start with; None for "almost any"."""
    found: set[int] = set()
    for op, value in items:
        if op is sre_constants.LITERAL:
            return found | {value}  # type: ignore[arg-type]
        if op is sre_constants.IN:
            for kind, item in value:  # type: ignore[union-attr]
                if kind is not sre_constants.LITERAL:
                    return None
                found.add(item)
            return found
        if op is sre_constants.SUBPATTERN or op is sre_constants.BRANCH or op in _REPEATS:
            branches = _branches(op, value)
            for branch in branches:
                first = _first_chars(branch)
                if first is None:
                    return None
                found |= first
            skippable = op in _REPEATS and value[0] == 0  # type: ignore[index]
            if not skippable and all(branch.getwidth()[0] > 0 for branch in branches):
                return found
            continue
        if op in _ZERO_WIDTH:
            continue
        return None
    return found


def _branches(op: object, value: object) -> list:
    """The alternatives a group, an alternation or a repeat holds."""
    if op is sre_constants.SUBPATTERN:
        return [value[-1]]  # type: ignore[index]
    if op is sre_constants.BRANCH:
        return list(value[1])  # type: ignore[index]
    return [value[2]]  # type: ignore[index]


def _literal(items: sre_parse.SubPattern | list) -> str | None:
    """The one string ``items`` matches, when it is a plain literal."""
    chars = []
    for op, value in items:
        if op is not sre_constants.LITERAL:
            return None
        chars.append(chr(value))  # type: ignore[arg-type]
    return "".join(chars)


def _splits(word: str, parts: set[str]) -> bool:
    """Whether ``word`` is a concatenation of two or more of ``parts``."""
    reachable = [True] + [False] * len(word)
    for end in range(1, len(word) + 1):
        reachable[end] = any(reachable[end - len(p)] and word.endswith(p, 0, end) for p in parts if 0 < len(p) <= end)
    return reachable[len(word)] and bool(parts)
