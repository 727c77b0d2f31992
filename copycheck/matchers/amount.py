"""``amount`` rules: an income word, optional filler words, then an amount.

月入十万, 日赚300+, 一个月轻松过万 and 年入百万 all read as (period, value);
the hit fires when the value reaches the rule's threshold for that period.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from copycheck.matchers import Hit
from copycheck.matchers.terms import SHORT_TERM
from copycheck.model import Rule
from copycheck.numbers import parse_amount

MAX_FILLERS = 3


def _alternation(words: Sequence[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


class AmountMatcher:
    def __init__(self, rules: Sequence[Rule]) -> None:
        self._rules: list[tuple[Rule, re.Pattern[str], dict[str, str], re.Pattern[str]]] = []
        for rule in rules:
            spec = rule.amount
            if spec is None:
                continue
            periods = dict(spec.subjects)
            subject_re = re.compile(_alternation(list(periods)))
            filler_re = re.compile(f"(?:{_alternation(spec.fillers)})")
            self._rules.append((rule, subject_re, periods, filler_re))

    def find(self, compact: str) -> Iterator[Hit]:
        for rule, subject_re, periods, filler_re in self._rules:
            assert rule.amount is not None
            for match in subject_re.finditer(compact):
                threshold = rule.amount.threshold(periods[match.group()])
                end = _amount_end(compact, match.end(), filler_re, threshold)
                if end is None:
                    continue
                start = match.start()
                checked = rule.boundary == "always" or (rule.boundary == "auto" and match.end() - start <= SHORT_TERM)
                yield Hit(rule, start, end, (start, match.end()) if checked else None)


def _amount_end(compact: str, pos: int, filler_re: re.Pattern[str], threshold: float | None) -> int | None:
    """End of an amount at or above ``threshold`` after up to three fillers, or None."""
    if threshold is None:
        return None
    starts = [pos]
    for _ in range(MAX_FILLERS):
        filler = filler_re.match(compact, starts[-1])
        if not filler:
            break
        starts.append(filler.end())
    for start in reversed(starts):
        amount = parse_amount(compact, start)
        if amount is not None:
            return start + amount.length if amount.value >= threshold else None
    return None
