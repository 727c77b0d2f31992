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
