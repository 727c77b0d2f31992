"""``variant`` rules: words written in a disguised form, reported on the original text.

The normaliser folds disguises away so that every other rule sees one form; a ``variant``
rule reports the disguise itself. Forms:

* ``contact``: a disguised contact handle (V信, 薇信, vx, ➕V), folded to 微信/加微信;
* ``disguise``: a look-alike or homophone spelling (俌子, 萭, 唰单, 斗音), see ``disguises.py``;
* ``mixed-script``: traditional characters scattered through a simplified text (刷單, 詳情);
* ``symbol-split``: a symbol slipped between two Chinese characters (房#本, 专￥科).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from copycheck.matchers import Hit, HitPart, Kind, Literal, SpecContext
from copycheck.ruleset.model import Rule
from copycheck.view.normalise import NormalisedText

VARIANT_KINDS = ("contact", "disguise", "mixed-script", "symbol-split")


@dataclass(frozen=True)
class VariantSpec:
    form: str  # "contact": a disguised contact handle the normaliser folded


class VariantMatcher:
    def __init__(self, rules: Sequence[Rule]) -> None:
        # Each form is looked for once, whichever rules report it.
        self._by_form: dict[str, list[Rule]] = {}
        for rule in rules:
            assert isinstance(rule.spec, VariantSpec)
            self._by_form.setdefault(rule.spec.form, []).append(rule)

    def find(
        self, norm: NormalisedText, earlier: Sequence[Hit] = (), literals: Sequence[Literal] | None = None
    ) -> list[Hit]:
        hits: list[Hit] = []
        for form, rules in self._by_form.items():
            found = _FINDERS[form](norm)
            if not found:
                continue
            for rule in rules:
                if form == "mixed-script":
                    # One finding for the text, pointing at the first run; the others are its parts.
                    parts = tuple(HitPart("traditional", start, end) for start, end in found)
                    hits.append(Hit(rule, found[0][0], found[0][1], None, parts if len(parts) > 1 else ()))
                    continue
                hits.extend(Hit(rule, start, end) for start, end in found)
        return hits


_FINDERS = {
    "contact": NormalisedText.variant_spans,
    "disguise": NormalisedText.disguise_spans,
    "mixed-script": NormalisedText.mixed_script_runs,
    "symbol-split": NormalisedText.symbol_splits,
}


class VariantKind(Kind):
    key = "variant"

    def parse(self, value: Any, context: SpecContext) -> VariantSpec:
        if value not in VARIANT_KINDS:
            raise context.fail(f"{value!r} is not one of {', '.join(VARIANT_KINDS)}")
        return VariantSpec(value)

    def build(self, rules: Sequence[Rule]) -> VariantMatcher:
        return VariantMatcher(rules)

    def describe(self, rule: Rule, lang: str) -> list[str]:
        assert isinstance(rule.spec, VariantSpec)
        return [_DESCRIPTIONS[rule.spec.form]["en" if lang == "en" else "zh"]]


_DESCRIPTIONS = {
    "contact": {
        "en": "a disguised contact handle (V信, 薇信, vx, ➕V; folded to 微信/加微信)",
        "zh": "变体写法的联系方式（V信、薇信、vx、➕V 等，规范化为 微信/加微信）",
    },
    "disguise": {
        "en": "a look-alike or homophone spelling (俌子 for 铺子, 唰单 for 刷单; folded before matching)",
        "zh": "形近字、谐音字写法（俌子＝铺子、唰单＝刷单，匹配前已还原）",
    },
    "mixed-script": {
        "en": "traditional characters scattered through a simplified text (two runs or more)",
        "zh": "简体文字中夹杂繁体字（至少两处）",
    },
    "symbol-split": {
        "en": "a symbol between two Chinese characters (房#本, 专￥科)",
        "zh": "两个汉字之间夹着符号（房#本、专￥科）",
    },
}


KINDS = (VariantKind(),)
