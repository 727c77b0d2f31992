"""``split`` rules: another rule's match written with separators inside it.

月 入 十 万, 代*理*费 and 月🔥入 are the same words as 月入十万, 代理费 and 月入 once
the normaliser removes the separators, so the other rules already catch them.
A ``split`` rule reports the dodge itself: a match of at least ``min_chars``
characters with a separator in every gap, or a symbol or emoji between two
Chinese characters inside a match.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from copycheck.matchers import DERIVED, Hit, Kind, Literal, SpecContext
from copycheck.ruleset.model import Rule
from copycheck.view.normalise import NormalisedText


@dataclass(frozen=True)
class SplitSpec:
    min_chars: int = 3


def _is_cjk(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff"


class SplitMatcher:
    def __init__(self, rules: Sequence[Rule]) -> None:
        self._rules = list(rules)

    def find(
        self, norm: NormalisedText, earlier: Sequence[Hit] = (), literals: Sequence[Literal] | None = None
    ) -> Iterator[Hit]:
        if not self._rules:
            return
        compact = norm.compact
        for hit in earlier:
            length = hit.end - hit.start
            gaps, _ = norm.gaps_within(hit.start, hit.end)
            inside = norm.symbol_gaps_within(hit.start, hit.end)
            # A symbol between two words of a long match is punctuation, not a split word.
            symbols = [p for p in inside if _is_cjk(compact[p - 1]) and _is_cjk(compact[p])] if length <= 6 else []
            for rule in self._rules:
                assert isinstance(rule.spec, SplitSpec)
                if symbols or (gaps == length - 1 and length >= rule.spec.min_chars):
                    yield Hit(rule, hit.start, hit.end)


class SplitKind(Kind):
    key = "split"
    stage = DERIVED
    precision = "medium"  # a match pieced together across separators

    def parse(self, spec: Any, context: SpecContext) -> SplitSpec:
        if not isinstance(spec, dict) or set(spec) - {"min_chars"}:
            raise context.fail("expected a mapping with optionally min_chars")
        min_chars = spec.get("min_chars", 3)
        if not isinstance(min_chars, int) or min_chars < 2:
            raise context.fail("min_chars must be a whole number of at least 2")
        return SplitSpec(min_chars=min_chars)

    def build(self, rules: Sequence[Rule]) -> SplitMatcher:
        return SplitMatcher(rules)

    def describe(self, rule: Rule, lang: str) -> list[str]:
        assert isinstance(rule.spec, SplitSpec)
        if lang == "en":
            label = (
                "another rule's match written split apart (a separator in every gap, or a symbol or emoji"
                " between characters), minimum characters"
            )
        else:
            label = "其他规则命中的词语被拆开书写（每个字之间都有分隔，或字间夹有符号、表情），最少字数"
        return [f"{label}: {rule.spec.min_chars}"]


KINDS = (SplitKind(),)
