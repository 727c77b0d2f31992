"""``terms`` rules: literal lists, all rules' terms in one Aho-Corasick automaton."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import ahocorasick

from copycheck.matchers import Hit
from copycheck.model import Rule

# Terms this short are often parts of longer, innocent words (代理商, 8月入住).
SHORT_TERM = 2


class TermsMatcher:
    def __init__(self, rules: Sequence[Rule]) -> None:
        self._automaton: ahocorasick.Automaton | None = None
        entries: dict[str, list[Rule]] = {}
        for rule in rules:
            for term in rule.terms:
                owners = entries.setdefault(term, [])
                if rule not in owners:
                    owners.append(rule)
        if entries:
            automaton = ahocorasick.Automaton()
            for term, owners in entries.items():
                automaton.add_word(term, (len(term), tuple(owners)))
            automaton.make_automaton()
            self._automaton = automaton

    def find(self, compact: str) -> Iterator[Hit]:
        if self._automaton is None or not compact:
            return
        for last, (length, owners) in self._automaton.iter(compact):
            start, end = last - length + 1, last + 1
            for rule in owners:
                checked = rule.boundary == "always" or (rule.boundary == "auto" and length <= SHORT_TERM)
                yield Hit(rule, start, end, (start, end) if checked else None)
