from __future__ import annotations

import subprocess
import sys

import pytest

from copycheck import cli


def test_checker_from_the_package_root() -> None:
    from copycheck import Checker

    report = Checker().check("诚招代理，代理费1980，直推奖20%")
    assert report.risk.level == "critical"
    assert "PYR900" in report.risk.drivers


def test_jieba_is_not_loaded_for_a_post_that_needs_no_boundary_check() -> None:
    code = (
        "from copycheck import Checker; from copycheck import segment;"
        "Checker().check('新品上架：咖啡豆，中度烘焙，500克装。');"
        "print(segment.is_loaded(), 'jieba' in __import__('sys').modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_unexpected_errors_are_one_line(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("copycheck.checker.Checker.check_paths", boom)
    assert cli.main(["-", "--format", "json"]) == 2
    err = capsys.readouterr().err
    assert err == "copycheck: internal error: RuntimeError: disk on fire\n"
