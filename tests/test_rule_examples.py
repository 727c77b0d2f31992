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


def test_every_shipped_rule_has_three_wordings_that_fire_and_two_look_alikes() -> None:
    """The issue's bar for a phenomenon: examples that differ as the matcher sees them (not one
    line with its spaces or width changed), so a rule is tested on its phenomenon, not a post."""
    from copycheck.view.normalise import compact_form

    def distinct(texts: tuple[str, ...]) -> int:
        return len({compact_form(text) for text in texts})

    thin = [
        (rule.id, distinct(rule.examples.fire), distinct(rule.examples.ok))
        for rule in RULES
        if distinct(rule.examples.fire) < 3 or distinct(rule.examples.ok) < 2
    ]
    assert thin == []


def test_every_shipped_rule_marks_the_span_of_a_fire_example() -> None:
    assert [rule.id for rule in RULES if not any(rule.examples.spans)] == []


def test_a_marked_span_must_be_the_finding_exactly(tmp_path) -> None:
    from test_loader import GOOD

    from copycheck.checker import Checker
    from copycheck.ruleset.loader import load_file

    path = tmp_path / "pack.yaml"
    marked = 'fire: ["诚[招代理]", "诚[招代]理", "[[图]][招代理]"]'
    path.write_text(GOOD.replace("fire: [招代理]", marked), encoding="utf-8")
    (rule,) = load_file(path)
    # The marks are not part of the text; a doubled bracket is a bracket of the text.
    assert rule.examples.fire == ("诚招代理", "诚招代理", "[图]招代理")
    assert rule.examples.spans == ((1, 4), (1, 3), (3, 6))
    failures = run_examples(Checker(rules=[rule]), ["TST001"])
    assert [(f.example, f.span, f.found) for f in failures] == [("诚招代理", "招代", ("招代理",))]
    assert failures[0].describe("en") == "FAIL TST001: '诚招代理' should report exactly '招代' but reported ('招代理',)"
    assert failures[0].describe() == "失败 TST001：'诚招代理' 应恰好报告 '招代'，实际报告 ('招代理',)"
