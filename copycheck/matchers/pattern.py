"""``pattern`` rules: a regular expression over the compact view."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from copycheck.matchers import Hit
from copycheck.model import Rule


class PatternMatcher:
    def __init__(self, rules: Sequence[Rule]) -> None:
        self._compiled = [(rule, re.compile(rule.pattern)) for rule in rules if rule.pattern]

    def find(self, compact: str) -> Iterator[Hit]:
        for rule, regex in self._compiled:
            for match in regex.finditer(compact):
                start, end = match.span()
                if start == end:
                    continue
                yield Hit(rule, start, end, (start, end) if rule.boundary == "always" else None)
