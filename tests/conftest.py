from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def checker():
    from copycheck.checker import Checker

    return Checker()


def shared_path(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not available (../shared is absent)")
    return path


def make_rule(rule_id: str = "TST001", category: str = "recruitment", severity: str = "medium", **fields):
    """A rule built in code, for testing one matcher at a time: ``terms=[...]``, ``pattern="..."``,
    or ``kind=..., spec=...`` for any other kind."""
    from copycheck.matchers.pattern import PatternKind
    from copycheck.matchers.terms import TermsSpec
    from copycheck.ruleset.model import Examples, Reference, Rule, Text
    from copycheck.view.normalise import compact_form

    if "terms" in fields:
        fields["kind"], fields["spec"] = "terms", TermsSpec(tuple(compact_form(t) for t in fields.pop("terms")))
    elif "pattern" in fields:
        fields["kind"], fields["spec"] = "pattern", PatternKind().parse(fields.pop("pattern"), _NoContext())
    return Rule(
        id=rule_id,
        category=category,
        severity=severity,
        title=Text("测试", "test"),
        message=Text("「{text}」", "“{text}”"),
        why=Text("原因", "why"),
        suggest=Text("建议", "suggest"),
        references=(Reference("psr-7"),),
        examples=Examples(fire=("x",), ok=("y",)),
        **fields,
    )


class _NoContext:
    from copycheck.ruleset.lexicon import Lexicon

    lexicon = Lexicon()

    def fail(self, problem: str) -> Exception:
        return ValueError(problem)
