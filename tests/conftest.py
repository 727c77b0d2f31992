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
    """A rule built in code, for testing one matcher at a time."""
    from copycheck.model import Examples, Reference, Rule, Text

    kind = next(k for k in ("terms", "pattern", "amount", "split", "compound") if k in fields)
    if "terms" in fields:
        from copycheck.normalise import compact_form

        fields["terms"] = tuple(compact_form(t) for t in fields["terms"])
    return Rule(
        id=rule_id,
        category=category,
        severity=severity,
        title=Text("测试", "test"),
        message=Text("「{text}」", "“{text}”"),
        why=Text("原因", "why"),
        suggest=Text("建议", "suggest"),
        references=(Reference("psr-7"),),
        kind=kind if kind != "compound" else fields["compound"].mode,
        examples=Examples(fire=("x",), ok=("y",)),
        **fields,
    )
