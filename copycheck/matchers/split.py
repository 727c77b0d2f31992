"""``split`` rules: another rule's match written with separators inside it.

月 入 十 万, 代*理*费 and 月🔥入 are the same words as 月入十万, 代理费 and 月入 once
the normaliser removes the separators, so the other rules already catch them.
A ``split`` rule reports the dodge itself: a match of at least ``min_chars``
characters with a separator in every gap, or a symbol or emoji between two
Chinese characters inside a match.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from copycheck.matchers import Hit
from copycheck.model import Rule
from copycheck.normalise import NormalisedText


def _is_cjk(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff"


class SplitMatcher:
    def __init__(self, rules: Sequence[Rule]) -> None:
        self._rules = [rule for rule in rules if rule.split is not None]

    def find(self, norm: NormalisedText, hits: Iterable[Hit]) -> Iterator[Hit]:
        if not self._rules:
            return
        compact = norm.compact
        for hit in hits:
            length = hit.end - hit.start
            gaps, _ = norm.gaps_within(hit.start, hit.end)
            inside = norm.symbol_gaps_within(hit.start, hit.end)
            symbols = [p for p in inside if _is_cjk(compact[p - 1]) and _is_cjk(compact[p])]
            for rule in self._rules:
                assert rule.split is not None
                if symbols or (gaps == length - 1 and length >= rule.split.min_chars):
                    yield Hit(rule, hit.start, hit.end)
