"""One family of user-fixable errors, shown as ``path:line: field: message``."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from copycheck import cli, errors
from copycheck.errors import CopycheckError, LexiconError, RuleFileError


@pytest.mark.parametrize(
    ("fields", "shown"),
    [
        ({}, "bad"),
        ({"path": Path("rules/a.yaml")}, "rules/a.yaml: bad"),
        ({"path": "rules/a.yaml", "line": 12}, "rules/a.yaml:12: bad"),
        ({"path": "rules/a.yaml", "line": 12, "field": "INC001.severity"}, "rules/a.yaml:12: INC001.severity: bad"),
        ({"path": "copycheck.toml", "field": "copycheck.toml select"}, "copycheck.toml: copycheck.toml select: bad"),
        ({"field": "--ignore"}, "--ignore: bad"),
        ({"line": 3}, "bad"),  # a line means nothing without its file
    ],
)
def test_the_parts_that_are_known_are_shown(fields: dict, shown: str) -> None:
    assert str(CopycheckError("bad", **fields)) == shown


def test_an_error_keeps_its_class_and_place_through_pickling() -> None:
    error = LexiconError("unknown class 'x'", path="lexicons/a.yaml", line=4, field="reward.include")
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is LexiconError and str(copy) == str(error) and copy.line == 4


def test_every_error_is_one_of_the_family_and_none_is_named_like_the_report_record() -> None:
    family = [v for v in vars(errors).values() if isinstance(v, type) and issubclass(v, Exception)]
    assert len(family) >= 8 and all(issubclass(cls, CopycheckError) for cls in family)
    assert "InputError" not in {cls.__name__ for cls in family}
    assert issubclass(LexiconError, RuleFileError)  # a word-class file is part of the rule set


def test_the_command_line_prints_any_of_them_as_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    labelled = tmp_path / "posts.jsonl"
    labelled.write_text('{"text": "x", "level": ["none", "none"]}\n{"text": 1}\n', encoding="utf-8")
    assert cli.main(["eval", "--labelled", str(labelled), "--skip-corpora"]) == 2
    err = capsys.readouterr().err
    assert err == f"copycheck: error: {labelled}:2: not a labelled post ('level')\n"
