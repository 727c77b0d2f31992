"""Every shipped rule's own examples: fire must report, ok must not."""

from __future__ import annotations

import pytest

from copycheck.ruleset.examples import run_examples
from copycheck.ruleset.loader import load_dir, shipped_rules_dir

RULES = load_dir(shipped_rules_dir())


@pytest.mark.parametrize("rule_id", [rule.id for rule in RULES])
def test_rule_examples(checker, rule_id: str) -> None:
    failures = run_examples(checker, [rule_id])
    assert not failures, "\n".join(f.describe("en") for f in failures)


def test_every_category_has_a_rule() -> None:
    from copycheck.ruleset.model import CATEGORIES

    assert {rule.category for rule in RULES} == set(CATEGORIES)


def test_every_matcher_kind_is_used() -> None:
    assert {rule.kind for rule in RULES} >= {"terms", "pattern", "amount", "all"}


@pytest.mark.parametrize("rule_id", ["SUP001", "SUP002", "SUP003"])
def test_suppression_rules_have_examples_that_hold(checker, rule_id: str) -> None:
    """The SUP rules are checked by the suppression module, not a matcher; their examples are lines of
    a Markdown post, and hold like any rule's."""
    from copycheck.inputs.suppressions import META_RULES

    rule = next(r for r in META_RULES if r.id == rule_id)
    assert rule.examples.fire and rule.examples.ok
    for line in rule.examples.fire:
        assert rule_id in {f.rule for f in checker.check(line + "\n", "post.md").findings}, line
    for line in rule.examples.ok:
        assert rule_id not in {f.rule for f in checker.check(line + "\n", "post.md").findings}, line


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_explain_answers_for_a_suppression_rule(lang: str) -> None:
    from conftest import run

    result = run("explain", "sup003", "--lang", lang)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("SUP003 ")
    assert "新品上架 <!-- copycheck: ignore[INC001]" in out
    assert ("none:" if lang == "en" else "（无：") in out
