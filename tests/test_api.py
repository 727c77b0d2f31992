from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from copycheck import Checker, cli


def test_checker_from_the_package_root() -> None:
    from copycheck import Checker

    report = Checker().check("诚招代理，代理费1980，直推奖20%")
    assert report.risk.level == "critical"
    assert "PYR900" in report.risk.drivers


def test_jieba_is_not_loaded_for_a_post_that_needs_no_boundary_check() -> None:
    code = (
        "from copycheck import Checker; from copycheck.view import segment;"
        "Checker().check('新品上架：咖啡豆，中度烘焙，500克装。');"
        "print(segment.is_loaded(), 'jieba' in __import__('sys').modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_a_run_whose_rules_come_from_the_cache_never_imports_yaml(tmp_path: Path) -> None:
    import os

    code = (
        "import sys; from copycheck import Checker; from copycheck.cli import main;"
        "main(['--format', 'json', '-o', sys.argv[1], sys.argv[2]]);"
        "print('yaml' in sys.modules)"
    )
    post = tmp_path / "post.txt"
    post.write_text("诚招代理，代理费1980，月入十万\n", encoding="utf-8")
    env = {**os.environ, "COPYCHECK_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("COPYCHECK_NO_CACHE", None)
    args = [sys.executable, "-c", code, str(tmp_path / "out.json"), str(post)]
    cold = subprocess.run(args, capture_output=True, text=True, env=env, check=True).stdout.split()
    warm = subprocess.run(args, capture_output=True, text=True, env=env, check=True).stdout.split()
    assert cold == ["True"] and warm == ["False"]  # parsed once, then unpickled with the provisions
    assert "INC001" in (tmp_path / "out.json").read_text(encoding="utf-8")


def test_reading_a_config_imports_no_formatter(tmp_path: Path) -> None:
    """A config's ``format`` is checked against the index of formats, which the disk cache keeps:
    once it is there, reading a config imports no formatter, whatever format it names."""
    import os

    env = {**os.environ, "COPYCHECK_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("COPYCHECK_NO_CACHE", None)

    def formatters_loaded(config: str) -> list[str]:
        (tmp_path / "copycheck.toml").write_text(config, encoding="utf-8")
        code = (
            "import sys; from pathlib import Path; from copycheck.inputs.config import load_config;"
            f"load_config(Path({str(tmp_path)!r}) / 'copycheck.toml');"
            "print(' '.join(m for m in sys.modules if m.startswith('copycheck.formatters.')))"
        )
        args = [sys.executable, "-c", code]
        return subprocess.run(args, capture_output=True, text=True, check=True, env=env).stdout.split()

    assert formatters_loaded('lang = "en"\n') == []
    assert "copycheck.formatters.sarif" in formatters_loaded('format = "sarif"\n')  # the index is built
    assert formatters_loaded('format = "sarif"\n') == []  # and then read from the cache


def test_a_warm_run_on_a_short_post_imports_only_what_it_uses(tmp_path: Path) -> None:
    """The text formatter and nothing the post does not need: no other formatter, no regex (its
    windows are short), no hashlib, YAML or JSON."""
    import os

    code = (
        "import sys; from copycheck.cli import main; main([sys.argv[1]]);"
        "shown = ('regex', 'hashlib', 'yaml', 'json');"
        "print(' '.join(m for m in sys.modules if m.startswith('copycheck.formatters.') or m in shown))"
    )
    post = tmp_path / "post.txt"
    post.write_text(PITCH + "，加V信了解\n", encoding="utf-8")
    env = {**os.environ, "COPYCHECK_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("COPYCHECK_NO_CACHE", None)
    args = [sys.executable, "-c", code, str(post)]
    subprocess.run(args, capture_output=True, text=True, env=env, check=True)
    warm = subprocess.run(args, capture_output=True, text=True, env=env, check=True)
    assert "INC001" in warm.stdout
    assert warm.stdout.rstrip().splitlines()[-1] == "copycheck.formatters.text"


def test_unexpected_errors_are_one_line(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("copycheck.checker.Checker.check_paths", boom)
    assert cli.main(["-", "--format", "json"]) == 2
    err = capsys.readouterr().err
    assert err == "copycheck: internal error: RuntimeError: disk on fire\n"


PITCH = "诚招代理，代理费1980，直推奖20%，月入十万不是梦"


def _parts(report: object) -> dict[str, set[str]]:
    return {f.rule: {p.rule for p in f.parts} for f in report.findings if f.is_compound}  # type: ignore[attr-defined]


def test_an_ignored_rule_feeds_no_compound_and_no_compound_points_at_it() -> None:
    from copycheck import Checker
    from copycheck.inputs.config import Settings

    everything = Checker().check(PITCH)
    assert "FEE001" in _parts(everything)["PYR900"]
    fee = next(f for f in everything.findings if f.rule == "FEE001").location

    without_fee_rule = Checker(settings=Settings(ignore=("FEE001",))).check(PITCH)
    without_fees = Checker(settings=Settings(ignore=("category:entry-fee",))).check(PITCH)
    for report in (without_fee_rule, without_fees):
        for finding in report.findings:
            assert finding.rule != "FEE001"
            assert all(p.rule != "FEE001" for p in finding.parts)
            if finding.is_compound:
                assert (finding.location.start, finding.location.end) != (fee.start, fee.end)
    # With no entry fee left, recruitment + headcount pay is not the fee-taking pyramid conclusion.
    assert "PYR900" not in _parts(without_fees)
    assert without_fees.risk.score < everything.risk.score


def test_a_suppressed_part_feeds_no_compound() -> None:
    from copycheck import Checker

    text = (
        "诚招代理，直推奖20%\n"
        "<!-- copycheck: ignore[FEE001] reason: the fee is refundable and described in full -->\n"
        "代理费1980\n"
    )
    directive = text.splitlines(keepends=True)[1]
    plain = Checker().check(text.replace(directive, "\n"), "post.md")
    assert "PYR900" in _parts(plain)
    suppressed = Checker().check(text, "post.md")
    assert all(f.rule != "FEE001" for f in suppressed.findings)
    assert all("FEE001" not in parts for parts in _parts(suppressed).values())


def test_a_hint_on_the_words_of_a_stronger_finding_of_its_category_is_one_finding() -> None:
    from copycheck import Checker

    checker = Checker()
    for text in ("详情➕V私聊", "有意向加vx了解"):
        rules = {f.rule for f in checker.check(text).findings}
        assert "EVA101" in rules and "EVA001" not in rules, (text, rules)
    # Without the variant spelling the hint is the only finding on those words, and it stays.
    assert "EVA001" in {f.rule for f in checker.check("有意向加我微信了解").findings}


def test_library_json_is_the_cli_json() -> None:
    import json

    from copycheck import Checker
    from copycheck.formatters.json_report import format_json

    checker = Checker()
    report = checker.report([checker.check("诚招代理，代理费1980", "post.txt")])
    as_dict = report.to_dict()
    assert json.loads(format_json(report)) == as_dict
    assert as_dict["files"][0]["path"] == "post.txt"
    assert {f["rule"] for f in as_dict["files"][0]["findings"]} >= {"REC001", "FEE001"}
    assert report.to_dict("en")["files"][0]["findings"][0]["message"] != as_dict["files"][0]["findings"][0]["message"]


def test_py_typed_marker_ships_with_the_package() -> None:
    from importlib import resources

    assert resources.files("copycheck").joinpath("py.typed").is_file()


def test_a_library_user_gets_config_suppressions_and_exclusions_from_check_paths(tmp_path: Path) -> None:
    """Settings(suppress=...) and a Discovery work through Checker.check_paths, as on the command line."""
    from copycheck.inputs.config import Settings, SuppressEntry
    from copycheck.inputs.reading import Discovery, PathGlob

    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "a.txt").write_text("诚招代理，月入十万不是梦\n", encoding="utf-8")
    (tmp_path / "posts" / "old.txt").write_text("月入十万不是梦\n", encoding="utf-8")
    config = tmp_path / "copycheck.toml"
    config.write_text("# entries are built in code below; lines 1 and 5 stand for theirs\n" * 6, encoding="utf-8")
    entry = SuppressEntry(1, "posts/a.txt", "INC", None, "quoted from a court report", config, 1)
    unused = SuppressEntry(2, "posts/a.txt", "MED", None, "never needed", config, 5)
    plain = Checker()
    suppressing = Checker(plain.rules, settings=Settings(root=tmp_path, suppress=(entry, unused), min_severity="low"))
    folder = str(tmp_path / "posts")

    before = {Path(f.path).name: {x.rule for x in f.findings} for f in plain.check_paths([folder]).files}
    assert any(rule.startswith("INC") for rule in before["a.txt"])
    report = suppressing.check_paths([folder], discovery=Discovery(exclude=(PathGlob("old.txt", tmp_path),)))
    after = {Path(f.path).name: f for f in report.files}
    assert "old.txt" not in after  # excluded from the folder walk
    assert not any(f.rule.startswith("INC") for f in after["a.txt"].findings)
    assert all(f.severity != "info" for f in after["a.txt"].findings)  # the floor still applies after
    # The entry that suppressed nothing is reported on the config file, at its line.
    meta = [(f.rule, f.location.line) for f in after["copycheck.toml"].findings]
    assert meta == [("SUP003", 5)]


def test_no_module_imports_another_modules_private_names() -> None:
    """What a module shares is public; an underscore name is its own business."""
    import ast
    from pathlib import Path

    import copycheck

    found = []
    for path in Path(copycheck.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("copycheck"):
                private = [a.name for a in node.names if a.name.startswith("_") and not a.name.endswith("__")]
                found += [f"{path.name}: {node.module}.{name}" for name in private]
    assert found == []


def test_the_command_raises_the_collector_threshold_and_main_leaves_it_alone(tmp_path: Path) -> None:
    """The command's own process collects cycles rarely (copycheck makes almost none); a program
    that calls ``main()`` keeps the collector it had."""
    post = tmp_path / "post.txt"
    post.write_text("新品上架：咖啡豆，中度烘焙，500克装。", encoding="utf-8")
    code = (
        "import gc, sys; from copycheck import cli; before = gc.get_threshold();"
        "status = cli.main([sys.argv[1]]); print(before == gc.get_threshold(), status);"
        "cli.main = lambda argv=None: print(gc.get_threshold()) or 0; cli.console_main()"
    )
    run = subprocess.run([sys.executable, "-c", code, str(post)], capture_output=True, text=True, encoding="utf-8")
    assert run.returncode == 0, run.stderr
    lines = run.stdout.strip().splitlines()
    assert lines[-2] == "True 0"
    assert lines[-1] == "(50000, 20, 10)"
