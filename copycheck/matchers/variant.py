"""``variant`` rules: a disguised contact handle (V信, 薇信, vx, ➕V).

The normaliser folds these to 微信/加微信 so that every other rule sees one
form; a ``variant`` rule reports the disguise itself, on the original text.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from copycheck.matchers import Hit
from copycheck.model import Rule
from copycheck.normalise import NormalisedText


class VariantMatcher:
    def __init__(self, rules: Sequence[Rule]) -> None:
        self._rules = [rule for rule in rules if rule.variant == "contact"]

    def find(self, norm: NormalisedText) -> Iterator[Hit]:
        if not self._rules:
            return
        for start, end in norm.variant_spans():
            for rule in self._rules:
                yield Hit(rule, start, end)
