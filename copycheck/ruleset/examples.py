"""Run each rule's own examples: ``fire`` must produce an asserted finding of it, ``ok`` must not.

A fire example may mark the words its finding must cover exactly, ``跟着我做[月入过五万]``
(``model.marked_span``): a rule that fires on the wrong words fails too.
"""

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
    span: str = ""  # the words a fire example marks, when the finding missed them

    def describe(self, lang: str = "zh") -> str:
        if lang == "en":
            if self.span:
                want = f"should report exactly {self.span!r} but reported {self.found}"
            elif self.expected == "fire":
                want = "should fire but did not"
            else:
                want = f"should not fire but matched {self.found}"
            return f"FAIL {self.rule}: {self.example!r} {want}"
        if self.span:
            want = f"应恰好报告 {self.span!r}，实际报告 {self.found}"
        elif self.expected == "fire":
            want = "应报告但未报告"
        else:
            want = f"不应报告但匹配了 {self.found}"
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
            for number, example in enumerate(examples):
                located = [f.location for f in judge.check(example).findings if f.rule == rule_id and f.asserted]
                found = tuple(location.text for location in located)
                if bool(found) != (expected == "fire"):
                    failures.append(ExampleFailure(rule_id, expected, example, found))
                    continue
                span = rule.examples.span(number) if expected == "fire" else None
                if span is not None and not any((loc.start, loc.end) == span for loc in located):
                    failures.append(ExampleFailure(rule_id, expected, example, found, example[span[0] : span[1]]))
    return failures
