"""``variant`` rules: a disguised contact handle (V信, 薇信, vx, ➕V).

The normaliser folds these to 微信/加微信 so that every other rule sees one
form; a ``variant`` rule reports the disguise itself, on the original text.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from copycheck.matchers import Hit, Kind, SpecContext
from copycheck.model import Rule
from copycheck.normalise import NormalisedText

VARIANT_KINDS = ("contact",)


@dataclass(frozen=True)
class VariantSpec:
    form: str  # "contact": a disguised contact handle the normaliser folded


class VariantMatcher:
    def __init__(self, rules: Sequence[Rule]) -> None:
        self._rules = list(rules)

    def find(self, norm: NormalisedText, earlier: Sequence[Hit] = ()) -> Iterator[Hit]:
        if not self._rules:
            return
        for start, end in norm.variant_spans():
            for rule in self._rules:
                yield Hit(rule, start, end)


class VariantKind(Kind):
    key = "variant"

    def parse(self, value: Any, context: SpecContext) -> VariantSpec:
        if value not in VARIANT_KINDS:
            raise context.fail(f"{value!r} is not one of {', '.join(VARIANT_KINDS)}")
        return VariantSpec(value)

    def build(self, rules: Sequence[Rule]) -> VariantMatcher:
        return VariantMatcher(rules)

    def describe(self, rule: Rule, lang: str) -> list[str]:
        if lang == "en":
            return ["a disguised contact handle (V信, 薇信, vx, ➕V; folded to 微信/加微信)"]
        return ["变体写法的联系方式（V信、薇信、vx、➕V 等，规范化为 微信/加微信）"]


KINDS = (VariantKind(),)
