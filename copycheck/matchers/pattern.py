"""``pattern`` rules: a regular expression over the compact view.

A pattern is compiled and run only when one of its anchors (literals every match
contains, see ``anchors.py``) occurs in the text; patterns without anchors run always.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

import ahocorasick

from copycheck.matchers import Hit
from copycheck.model import Rule


class PatternMatcher:
    def __init__(self, rules: Sequence[Rule]) -> None:
        self._always = [rule for rule in rules if rule.pattern and not rule.anchors]
        self._compiled: dict[str, re.Pattern[str]] = {}
        self._automaton: ahocorasick.Automaton | None = None
        anchored: dict[str, list[Rule]] = {}
        for rule in rules:
            for anchor in rule.anchors if rule.pattern else ():
                anchored.setdefault(anchor, []).append(rule)
        if anchored:
            self._automaton = ahocorasick.Automaton()
            for anchor, owners in anchored.items():
                self._automaton.add_word(anchor, tuple(owners))
            self._automaton.make_automaton()

    def _regex(self, rule: Rule) -> re.Pattern[str]:
        regex = self._compiled.get(rule.id)
        if regex is None:
            # Racing threads may both compile; either result is the same pattern.
            regex = self._compiled[rule.id] = re.compile(rule.pattern)
        return regex

    def find(self, compact: str) -> Iterator[Hit]:
        armed: dict[str, Rule] = {rule.id: rule for rule in self._always}
        if self._automaton is not None and compact:
            for _end, owners in self._automaton.iter(compact):
                for rule in owners:
                    armed.setdefault(rule.id, rule)
        for rule in armed.values():
            for match in self._regex(rule).finditer(compact):
                start, end = match.span()
                if start == end:
                    continue
                yield Hit(rule, start, end, (start, end) if rule.boundary == "always" else None)
