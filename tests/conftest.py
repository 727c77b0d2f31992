from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples"
# The console script of the Python running the tests (a venv's), else the one on PATH.
_BESIDE = Path(sys.executable).with_name("copycheck")
SCRIPT = str(_BESIDE) if _BESIDE.is_file() else shutil.which("copycheck")


def run(*args: str, stdin: str | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    assert SCRIPT is not None
    return subprocess.run(
        [SCRIPT, *args], input=stdin, capture_output=True, text=True, encoding="utf-8", cwd=cwd, timeout=120
    )


def check_json_contract(payload: dict, originals: dict[str, str]) -> int:
    """Every finding's span is exact in the decoded original; returns the number checked."""
    assert set(payload) >= {"tool", "files", "errors"}
    assert payload["tool"]["name"] == "copycheck" and payload["tool"]["version"]
    checked = 0
    for file in payload["files"]:
        assert set(file["risk"]) >= {"level", "score"}
        original = originals[file["path"]]
        lines = original.split("\n")
        for f in file["findings"]:
            keys = {
                "rule",
                "category",
                "severity",
                "message",
                "line",
                "column",
                "end_line",
                "end_column",
                "start",
                "end",
                "text",
                "context",
                "references",
            }
            assert keys <= set(f)
            assert f["text"] == original[f["start"] : f["end"]]
            assert 0 <= f["start"] < f["end"] <= len(original)
            before = original[: f["start"]]
            assert f["line"] == before.count("\n") + 1
            assert f["column"] == len(before) - (before.rfind("\n") + 1) + 1
            last = original[: f["end"] - 1]
            assert f["end_line"] == last.count("\n") + 1
            assert f["end_column"] == len(last) - (last.rfind("\n") + 1) + 2
            assert lines[f["line"] - 1][f["column"] - 1] == f["text"][0]
            assert f["context"] in (None, "negated", "quoted", "reported")
            assert all(isinstance(r, str) for r in f["references"])
            checked += 1
    return checked


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
