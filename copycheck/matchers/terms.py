"""``terms`` rules: literal lists, found by the engine's one Aho-Corasick scan."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from copycheck.matchers import Hit, Kind, Literal, SpecContext, own_literals
from copycheck.ruleset.model import Rule
from copycheck.view.normalise import NormalisedText, compact_form

# Terms this short are often parts of longer, innocent words (代理商, 8月入住).
SHORT_TERM = 2


def checks_boundary(rule: Rule, length: int) -> bool:
    """Whether a match of ``length`` compact characters must sit on jieba word boundaries."""
    return rule.boundary == "always" or (rule.boundary == "auto" and length <= SHORT_TERM)


def compact_words(value: Any, context: SpecContext, what: str = "a term") -> tuple[str, ...]:
    """A YAML list of words in their compact form; each must keep at least one character."""
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
        raise context.fail("expected a non-empty list of non-empty strings")
    words = tuple(compact_form(v) for v in value)
    if not all(words):
        raise context.fail(f"{what} is empty once separators are removed")
    return words


@dataclass(frozen=True)
class TermsSpec:
    terms: tuple[str, ...]


class TermsMatcher:
    def __init__(self, rules: Sequence[Rule]) -> None:
        self._entries: dict[str, tuple[Rule, ...]] = {}
        for rule in rules:
            assert isinstance(rule.spec, TermsSpec)
            for term in rule.spec.terms:
                owners = self._entries.get(term, ())
                if rule not in owners:
                    self._entries[term] = (*owners, rule)

    def literals(self) -> dict[str, tuple[Rule, ...]]:
        return self._entries

    def find(
        self, norm: NormalisedText, earlier: Sequence[Hit] = (), literals: Sequence[Literal] | None = None
    ) -> list[Hit]:
        if literals is None:
            literals = own_literals(self, norm.compact)
        # A list, not a generator: most texts hold none of the words, and a generator would be
        # built for every text all the same.
        hits = []
        for last, length, owners in literals:
            start, end = last - length + 1, last + 1
            for rule in owners:
                hits.append(Hit(rule, start, end, (start, end) if checks_boundary(rule, length) else None))
        return hits


class TermsKind(Kind):
    key = "terms"

    def parse(self, value: Any, context: SpecContext) -> TermsSpec:
        return TermsSpec(compact_words(value, context))

    def build(self, rules: Sequence[Rule]) -> TermsMatcher:
        return TermsMatcher(rules)

    def describe(self, rule: Rule, lang: str) -> list[str]:
        assert isinstance(rule.spec, TermsSpec)
        label = (
            "terms (spaces, symbols, traditional and full-width forms are ignored)"
            if lang == "en"
            else "匹配词语（已忽略空格、符号、繁简与全半角差异）"
        )
        return [f"{label}: " + "、".join(rule.spec.terms)]

    def boundary_words(self, rule: Rule) -> Iterable[str]:
        assert isinstance(rule.spec, TermsSpec)
        return (term for term in rule.spec.terms if checks_boundary(rule, len(term)))


KINDS = (TermsKind(),)
