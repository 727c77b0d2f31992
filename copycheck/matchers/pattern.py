r"""``pattern`` rules: a regular expression over the compact view.

Python's ``re`` tries a pattern that starts with an alternation or a look-behind
at every position of the text, which for fifty patterns over a megabyte costs
seconds. Every match contains one of the rule's anchors (literals found by
``anchors.py``) and is at most ``reach`` characters long, so a pattern is
compiled only when an anchor occurs and run only in the windows around its
anchors. Patterns without anchors run over the whole text.

A window longer than ``SHORT_WINDOW`` characters is searched with the ``regex`` module: its
syntax covers ``re``'s, and a search takes a ``timeout``, so a pattern that backtracks badly on
some text (a custom rule's, most likely; ``backtracking.py`` refuses the obvious cases on load)
gives up on that text after ``PATTERN_BUDGET_SECONDS`` instead of holding the run. ``re`` cannot
be interrupted, and a subprocess per text would cost more than checking it. A shorter window,
which every short post and corpus row has, is searched with ``re``: nothing polynomial gets far
on 256 characters, the time left is checked before every window, and ``re`` compiles a pattern
in 0.7 ms against 1.7 ms, searches without a timeout twice as fast, and spares a run that needs
no long window importing ``regex`` (13 ms). A pattern ``re`` cannot read (``\p{Han}``) always
goes to ``regex``; the shipped patterns find the same matches with both, which a test checks.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from copycheck.matchers import Hit, Kind, Literal, SpecContext, own_literals
from copycheck.matchers.anchors import literal_strings, reach, required_literals
from copycheck.matchers.backtracking import backtracking_risk
from copycheck.ruleset.model import Rule
from copycheck.view.normalise import NormalisedText

# Look-arounds at the edge of a window see this much more text.
_CONTEXT = 8
# The time one pattern rule may spend on one text; past it the rule gives up on that text (and
# the report says so) rather than hold the run. Shipped patterns take microseconds.
PATTERN_BUDGET_SECONDS = 1.0
# The longest window searched with ``re`` (which has no timeout) rather than ``regex``.
SHORT_WINDOW = 256


@dataclass(frozen=True)
class PatternSpec:
    regex: str
    anchors: tuple[str, ...]  # literals every match contains (derived, not written)
    reach: int  # the longest match, capped (derived): how far to search around an anchor


class PatternMatcher:
    def __init__(self, rules: Sequence[Rule]) -> None:
        self._always = [rule for rule in rules if not _spec(rule).anchors]
        self._compiled: dict[str, Any] = {}
        self._plain: dict[str, re.Pattern[str] | None] = {}
        anchored: dict[str, list[Rule]] = {}
        for rule in rules:
            for anchor in _spec(rule).anchors:
                anchored.setdefault(anchor, []).append(rule)
        self._anchored = {anchor: tuple(owners) for anchor, owners in anchored.items()}

    def literals(self) -> dict[str, tuple[Rule, ...]]:
        return self._anchored

    def _regex(self, rule: Rule) -> Any:
        compiled = self._compiled.get(rule.id)
        if compiled is None:
            # Racing threads may both compile; either result is the same pattern.
            compiled = self._compiled[rule.id] = _regex_module().compile(_spec(rule).regex)
        return compiled

    def _re(self, rule: Rule) -> re.Pattern[str] | None:
        """The pattern compiled with ``re``, or None when only ``regex`` reads it."""
        if rule.id not in self._plain:
            self._plain[rule.id] = plain_pattern(_spec(rule).regex)
        return self._plain[rule.id]

    def _windows(self, compact: str, literals: Sequence[Literal]) -> dict[str, tuple[Rule, list[tuple[int, int]]]]:
        """Per rule, the merged windows around its anchors' occurrences."""
        found: dict[str, tuple[Rule, list[tuple[int, int]]]] = {}
        size = len(compact)
        for last, length, owners in literals:
            for rule in owners:
                extent = _spec(rule).reach
                lo = max(0, last + 1 - length - extent)
                hi = min(size, last + 1 + extent)
                windows = found.setdefault(rule.id, (rule, []))[1]
                if windows and lo <= windows[-1][1]:
                    windows[-1] = (windows[-1][0], max(windows[-1][1], hi))
                else:
                    windows.append((lo, hi))
        return found

    def find(
        self, norm: NormalisedText, earlier: Sequence[Hit] = (), literals: Sequence[Literal] | None = None
    ) -> Iterable[Hit]:
        compact = norm.compact
        if literals is None:
            literals = own_literals(self, compact)
        if not literals and not self._always:  # most texts: no anchor, nothing to search
            return ()
        return self._found(compact, literals)

    def _found(self, compact: str, literals: Sequence[Literal]) -> Iterator[Hit]:
        for rule in self._always:
            yield from self._hits(rule, compact, [(0, len(compact))])
        for rule, windows in self._windows(compact, literals).values():
            yield from self._hits(rule, compact, windows)

    def _hits(self, rule: Rule, compact: str, windows: list[tuple[int, int]]) -> Iterator[Hit]:
        boundary = rule.boundary == "always"
        size = len(compact)
        seen_end = -1
        deadline = time.monotonic() + PATTERN_BUDGET_SECONDS
        try:
            for lo, hi in windows:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError
                stop = min(size, hi + _CONTEXT)
                plain = self._re(rule) if stop - lo <= SHORT_WINDOW else None
                if plain is not None:
                    matches: Iterable[Any] = plain.finditer(compact, lo, stop)
                else:
                    matches = self._regex(rule).finditer(compact, lo, stop, timeout=remaining)
                for match in matches:
                    start, end = match.span()
                    if start == end or start < seen_end or start >= hi:
                        continue
                    seen_end = end
                    yield Hit(rule, start, end, (start, end) if boundary else None)
        except TimeoutError:
            yield Hit(rule, 0, 0, gave_up=True)


def _regex_module() -> Any:
    import regex  # only long windows and loading rule files need it

    return regex


def plain_pattern(pattern: str) -> re.Pattern[str] | None:
    """``pattern`` compiled with ``re``, or None if it uses syntax only ``regex`` reads."""
    try:
        return re.compile(pattern)
    except (re.error, RecursionError, OverflowError):
        return None


def _spec(rule: Rule) -> PatternSpec:
    assert isinstance(rule.spec, PatternSpec)
    return rule.spec


class PatternKind(Kind):
    key = "pattern"

    def parse(self, value: Any, context: SpecContext) -> PatternSpec:
        if not isinstance(value, str) or not value:
            raise context.fail("expected a regular expression string")
        regex = _regex_module()
        try:
            compiled = regex.compile(value)
        except (regex.error, RecursionError) as error:
            raise context.fail(f"bad regular expression: {error}") from None
        if compiled.match(""):
            raise context.fail("the pattern matches the empty string")
        risk = backtracking_risk(value)
        if risk:
            raise context.fail(
                f"the pattern can backtrack exponentially ({risk}); write the repeated part so that"
                " each character can be matched only one way"
            )
        return PatternSpec(value, required_literals(value), reach(value))

    def build(self, rules: Sequence[Rule]) -> PatternMatcher:
        return PatternMatcher(rules)

    def describe(self, rule: Rule, lang: str) -> list[str]:
        label = "regular expression (on the normalised text)" if lang == "en" else "正则表达式（作用于规范化文本）"
        return [f"{label}: {_spec(rule).regex}"]

    def view_literals(self, rule: Rule) -> Iterable[str]:
        literals = literal_strings(_spec(rule).regex)
        regex = _regex_module()
        if regex.compile(_spec(rule).regex).flags & regex.IGNORECASE:
            return {literal.lower() for literal in literals}
        return literals


KINDS = (PatternKind(),)
