"""Run each rule's own examples: ``fire`` must produce an asserted finding of it, ``ok`` must not."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from copycheck.checker import Checker
from copycheck.matchers import VIEW, kinds


@dataclass(frozen=True)
class ExampleFailure:
    rule: str
    expected: str  # "fire" or "ok"
    example: str
    found: tuple[str, ...]  # what the rule reported, as text spans

    def describe(self, lang: str = "zh") -> str:
        if lang == "en":
            want = "should fire but did not" if self.expected == "fire" else f"should not fire but matched {self.found}"
            return f"FAIL {self.rule}: {self.example!r} {want}"
        want = "应报告但未报告" if self.expected == "fire" else f"不应报告但匹配了 {self.found}"
        return f"失败 {self.rule}：{self.example!r} {want}"


def run_examples(checker: Checker, rule_ids: Iterable[str]) -> list[ExampleFailure]:
    """A rule that reads the text runs alone, so that a stronger rule on the same words (which
    the report keeps instead) does not hide it; a compound or a split rule runs with every rule it builds on."""
    by_id = {rule.id: rule for rule in checker.rules}
    failures: list[ExampleFailure] = []
    for rule_id in rule_ids:
        rule = by_id[rule_id]
        alone = kinds()[rule.kind].stage == VIEW
        judge = Checker(rules=[rule], settings=checker.settings) if alone else checker
        for expected, examples in (("fire", rule.examples.fire), ("ok", rule.examples.ok)):
            for example in examples:
                found = tuple(
                    f.location.text for f in judge.check(example).findings if f.rule == rule_id and f.asserted
                )
                if bool(found) != (expected == "fire"):
                    failures.append(ExampleFailure(rule_id, expected, example, found))
    return failures
