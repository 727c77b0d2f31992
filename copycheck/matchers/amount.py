"""``amount`` rules: an income word, optional filler words, then an amount.

月入十万, 日赚300+, 一个月轻松过万 and 年入百万 all read as (period, value);
the hit fires when the value reaches the rule's threshold for that period. An
amount whose digits are masked (``日赚 DIGIT 以上`` in SMS corpora) has no known
value and reaches any threshold: the claim of an income is what matters.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from copycheck.matchers import Hit, Kind, Literal, SpecContext
from copycheck.matchers.terms import checks_boundary
from copycheck.ruleset.model import PERIODS, Rule
from copycheck.view.normalise import NormalisedText, compact_form
from copycheck.view.numbers import parse_amount

MAX_FILLERS = 3
DEFAULT_FILLERS = tuple(
    """轻松 稳定 就能 就可以 可以 能 也能 都能 至少 最少 起码 保底 平均 超过 高达 达到 不低于 突破 过 上 破 都 也
    基本 妥妥 收入 赚 有 拿 能拿 能赚 可达 轻轻松松 随便 都是 就是 起步""".split()
)


@dataclass(frozen=True)
class AmountSpec:
    """Income word + period + a value at or above the period's threshold."""

    subjects: tuple[tuple[str, str], ...]  # (compact subject, period)
    minimum: tuple[tuple[str, float], ...]  # (period, yuan)
    fillers: tuple[str, ...] = DEFAULT_FILLERS

    def threshold(self, period: str) -> float | None:
        return dict(self.minimum).get(period)


def _alternation(words: Sequence[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


class AmountMatcher:
    def __init__(self, rules: Sequence[Rule]) -> None:
        self._rules: list[tuple[Rule, AmountSpec, re.Pattern[str], dict[str, str], re.Pattern[str]]] = []
        for rule in rules:
            spec = rule.spec
            assert isinstance(spec, AmountSpec)
            periods = dict(spec.subjects)
            subject_re = re.compile(_alternation(list(periods)))
            filler_re = re.compile(f"(?:{_alternation(spec.fillers)})")
            self._rules.append((rule, spec, subject_re, periods, filler_re))

    def find(
        self, norm: NormalisedText, earlier: Sequence[Hit] = (), literals: Sequence[Literal] | None = None
    ) -> Iterator[Hit]:
        compact = norm.compact
        for rule, spec, subject_re, periods, filler_re in self._rules:
            for match in subject_re.finditer(compact):
                threshold = spec.threshold(periods[match.group()])
                end = _amount_end(norm, match.start(), match.end(), filler_re, threshold)
                if end is None:
                    continue
                start = match.start()
                checked = checks_boundary(rule, match.end() - start)
                yield Hit(rule, start, end, (start, match.end()) if checked else None)


# The longest amount a split run is followed for (月 入 / 十 / 万 across lines).
_MAX_SPLIT_RUN = 24


def _limit(norm: NormalisedText, start: int, end: int) -> int:
    """How far the amount may run: the subject's clause, or on through every character the
    poster split off when the subject itself is split (月，入，十，万 is one evasive claim)."""
    length = end - start
    if length > 1 and norm.gaps_within(start, end)[0] == length - 1:
        gaps = set(norm.gap_positions(end - 1, end + _MAX_SPLIT_RUN))
        position = end
        while position in gaps:
            position += 1
        return max(position, norm.clause_end(end - 1))
    return norm.clause_end(end - 1)


def _amount_end(
    norm: NormalisedText, subject_start: int, pos: int, filler_re: re.Pattern[str], threshold: float | None
) -> int | None:
    """End of an amount at or above ``threshold`` after up to three fillers, or None."""
    if threshold is None:
        return None
    compact = norm.compact
    limit = _limit(norm, subject_start, pos)
    starts = [pos]
    for _ in range(MAX_FILLERS):
        filler = filler_re.match(compact, starts[-1], limit)
        if not filler:
            break
        starts.append(filler.end())
    for start in reversed(starts):
        amount = parse_amount(compact, start, limit)
        if amount is not None:
            return start + amount.length if amount.reaches(threshold) else None
    return None


class AmountKind(Kind):
    key = "amount"

    def parse(self, spec: Any, context: SpecContext) -> AmountSpec:
        keys = set(spec) if isinstance(spec, dict) else set()
        if not isinstance(spec, dict) or not {"subjects", "min"} <= keys or keys - {"subjects", "min", "fillers"}:
            raise context.fail("expected keys subjects, min and optionally fillers")
        subjects, minimum = spec["subjects"], spec["min"]
        if not isinstance(subjects, dict) or not subjects or set(subjects) - set(PERIODS):
            raise context.fail(f"subjects must map periods ({', '.join(PERIODS)}) to word lists")
        if not isinstance(minimum, dict) or set(minimum) != set(subjects):
            raise context.fail("min must give a threshold for exactly the periods in subjects")
        pairs: list[tuple[str, str]] = []
        for period, words in subjects.items():
            if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
                raise context.fail(f"subjects.{period} must be a list of words")
            pairs.extend((compact_form(w), period) for w in words)
        for period, value in minimum.items():
            if not isinstance(value, (int, float)) or value <= 0:
                raise context.fail(f"min.{period} must be a positive number")
        fillers = spec.get("fillers", list(DEFAULT_FILLERS))
        if not isinstance(fillers, list) or not all(isinstance(f, str) and f for f in fillers):
            raise context.fail("fillers must be a list of words")
        return AmountSpec(
            subjects=tuple(pairs),
            minimum=tuple((p, float(v)) for p, v in minimum.items()),
            fillers=tuple(compact_form(f) for f in fillers),
        )

    def build(self, rules: Sequence[Rule]) -> AmountMatcher:
        return AmountMatcher(rules)

    def describe(self, rule: Rule, lang: str) -> list[str]:
        spec = rule.spec
        assert isinstance(spec, AmountSpec)
        en = lang == "en"
        names = (
            {"day": "day", "week": "week", "month": "month", "year": "year"}
            if en
            else {"day": "日", "week": "周", "month": "月", "year": "年"}
        )
        lines = ["an income word with an amount at or above the threshold:" if en else "收入词 + 金额达到阈值:"]
        by_period: dict[str, list[str]] = {}
        for subject, period in spec.subjects:
            by_period.setdefault(period, []).append(subject)
        for period, subjects in by_period.items():
            threshold = spec.threshold(period) or 0
            lines.append(f"  {names[period]} ≥ {threshold:,.0f} {'yuan' if en else '元'}: " + "、".join(subjects))
        return lines

    def boundary_words(self, rule: Rule) -> Iterable[str]:
        assert isinstance(rule.spec, AmountSpec)
        return (subject for subject, _ in rule.spec.subjects if checks_boundary(rule, len(subject)))


KINDS = (AmountKind(),)
