"""Hostile and broken input: each case is an error for that input alone, or a bounded result.

Timings are not asserted here (the benchmark's repeated-text section prints them); what is
asserted is that output, findings and work are bounded and that one bad input never ends a run.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from conftest import SCRIPT, make_rule, run

from copycheck import Checker
from copycheck.engine import MAX_FINDINGS_PER_RULE
from copycheck.inputs.reading import Document, decode, read_inputs

needs_script = pytest.mark.skipif(SCRIPT is None, reason="copycheck console script not installed")


# -- numbers ----------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["月赚" + "亿" * 39, "日赚" + "x" * 310 + "万", "月入1" + "万" * 200_000])
def test_huge_amounts_are_a_huge_amount_not_a_crash(checker, text: str) -> None:
    report = checker.check(text)
    assert any(f.category == "income-promise" for f in report.findings)


# -- repetition: bounded findings and output ---------------------------------------------------


@pytest.mark.parametrize("unit", ["月入十万", "加V", "诚招代理", "月，入，十，万，", "月 入 十 万 "])
def test_a_repeated_claim_lists_at_most_the_cap_and_counts_the_rest(checker, unit: str) -> None:
    report = checker.check(unit * (20_000 // len(unit)))
    by_rule: dict[str, int] = {}
    for finding in report.findings:
        by_rule[finding.rule] = by_rule.get(finding.rule, 0) + 1
    assert max(by_rule.values()) <= MAX_FINDINGS_PER_RULE
    assert report.omitted and all(n > 0 for _, n in report.omitted)
    assert {rule for rule, _ in report.omitted} <= set(by_rule)


def test_a_long_line_is_not_printed_once_per_finding() -> None:
    from copycheck.formatters.text import format_text

    checker = Checker()
    text = ("今天天气很好，" * 2000 + "月入十万不是梦，") * 5  # one 75,000-character line
    report = checker.report([checker.check(text, "long.txt")])
    output = format_text(report)
    assert len(output) < 20_000
    assert "月入十万" in output and "…" in output


# -- reading ----------------------------------------------------------------------------------


def test_devices_and_pipes_are_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    items = list(read_inputs(["/dev/zero", str(fifo)]))
    assert [type(item).__name__ for item in items] == ["InputError", "InputError"]
    assert all("not a regular file" in item.message for item in items)


def test_files_over_the_limit_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("月入十万\n" * 100, encoding="utf-8")
    (item,) = read_inputs([str(path)], limit=100)
    assert "limit" in item.message and "--max-file-size" in item.message


def test_a_file_at_the_limit_is_read_and_one_byte_more_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "post.txt"
    path.write_bytes("月入十万".encode() * 25)  # 300 bytes
    (item,) = read_inputs([str(path)], limit=300)
    assert type(item).__name__ == "Document" and item.text == "月入十万" * 25
    (item,) = read_inputs([str(path)], limit=299)
    assert type(item).__name__ == "InputError" and "--max-file-size" in item.message


@pytest.mark.parametrize("expected", [0, 10, 299, 300])
def test_reading_stops_one_byte_past_the_limit_whatever_stat_said(expected: int) -> None:
    """A file may grow between stat and read, and standard input has no size: the reader takes
    what stat said at once, then blocks up to one byte past the limit, never the whole limit."""
    import io

    from copycheck.inputs.reading import _read_at_most

    data = bytes(range(256)) * 4  # 1,024 bytes
    assert _read_at_most(io.BytesIO(data), 300, expected) == data[:301]
    assert _read_at_most(io.BytesIO(data), 5000, expected) == data
    assert _read_at_most(io.BytesIO(data[:expected]), 300, expected) == data[:expected]
    assert _read_at_most(io.BytesIO(b""), 300, expected) == b""


def test_reading_a_small_file_does_not_allocate_the_limit(tmp_path: Path) -> None:
    import tracemalloc

    path = tmp_path / "post.txt"
    path.write_text("月入十万不是梦", encoding="utf-8")
    tracemalloc.start()
    try:
        (item,) = read_inputs([str(path)], limit=1_000_000_000)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert item.text == "月入十万不是梦"
    assert peak < 10_000_000


def test_standard_input_over_the_limit_is_refused() -> None:
    from conftest import run

    over = run("--max-file-size", "0.0001", "-", stdin="月入十万不是梦" * 10)  # 210 bytes, limit 100
    assert over.returncode == 2 and "larger than" in over.stderr and "Traceback" not in over.stderr
    under = run("--max-file-size", "1", "-", stdin="月入十万不是梦" * 10)
    assert under.returncode == 1, under.stderr


def test_a_stray_byte_in_utf8_is_reported_not_read_as_gb18030() -> None:
    data = ("月入十万不是梦，加我微信了解详情。" * 3).encode("utf-8")
    broken = data[:21] + b"\xe9" + data[21:]  # between two characters
    with pytest.raises(Exception, match=r"0xE9 at offset 21"):
        decode(broken)
    assert decode("月入十万".encode("gb18030")) == "月入十万"  # real GB18030 still reads


def test_an_unreadable_subfolder_is_an_error_and_the_walk_goes_on(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "a.txt").write_text("月入十万", encoding="utf-8")
    real_walk = os.walk

    def walk(top, onerror=None, **kwargs):
        onerror(PermissionError(13, "Permission denied", str(tmp_path / "locked")))
        yield from real_walk(top, onerror=onerror, **kwargs)

    monkeypatch.setattr(os, "walk", walk)
    items = list(read_inputs([str(tmp_path)]))
    assert any(getattr(i, "message", "").startswith("cannot read the folder") for i in items)
    assert any(isinstance(i, Document) and i.text == "月入十万" for i in items)


def test_a_failure_while_checking_one_text_is_that_texts_error(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "a.txt").write_text("月入十万", encoding="utf-8")
    (tmp_path / "b.txt").write_text("诚招代理", encoding="utf-8")
    checker = Checker()
    real = checker.check

    def failing(text, path="<text>", markup="auto"):
        if "诚招" in text:
            raise OverflowError("int too large to convert to float")
        return real(text, path, markup)

    monkeypatch.setattr(checker, "check", failing)
    report = checker.check_paths([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")])
    assert [f.path for f in report.files] == [str(tmp_path / "a.txt")]
    assert len(report.errors) == 1 and "internal error while checking: OverflowError" in report.errors[0].message


# -- the command line ---------------------------------------------------------------------------


@needs_script
def test_closed_stdin_is_an_error_not_a_crash() -> None:
    for args in ([SCRIPT, "-"], [SCRIPT, "vet"]):
        # The child closes its standard input before copycheck starts: sys.stdin is None.
        done = subprocess.run(args, capture_output=True, text=True, preexec_fn=lambda: os.close(0), timeout=60)
        assert done.returncode == 2
        assert "standard input is closed" in done.stderr and "internal error" not in done.stderr


@needs_script
def test_a_full_stdout_is_one_line() -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run([SCRIPT, "-"], input="月入十万", stdout=full, stderr=subprocess.PIPE, text=True)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "copycheck: error: cannot write the report to standard output: No space left on device"
    ]


@needs_script
def test_output_and_baseline_never_overwrite_an_input(tmp_path: Path) -> None:
    post = tmp_path / "post.txt"
    post.write_text("月入十万", encoding="utf-8")
    for option in ("-o", "--write-baseline"):
        done = run(option, str(post), str(post))
        assert done.returncode == 2 and "is one of the inputs" in done.stderr
        assert post.read_text(encoding="utf-8") == "月入十万"
    done = run("-o", str(tmp_path / "post.txt"), str(tmp_path))  # inside an input folder
    assert done.returncode == 2 and post.read_text(encoding="utf-8") == "月入十万"


@needs_script
def test_a_bad_file_among_good_ones_is_one_error(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("月入十万", encoding="utf-8")
    done = run("--format", "json", "/dev/zero", str(good))
    assert done.returncode == 2
    payload = json.loads(done.stdout)
    assert [f["path"] for f in payload["files"]] == [str(good)]
    assert payload["errors"][0]["path"] == "/dev/zero"


@needs_script
def test_a_surrogate_in_a_jsonl_record_prints(tmp_path: Path) -> None:
    records = tmp_path / "posts.jsonl"
    records.write_text(json.dumps({"id": "a", "text": "月入十万\ud800"}) + "\n", encoding="utf-8")
    done = run("--input-format", "jsonl", str(records))
    assert done.returncode == 1 and "INC001" in done.stdout


@needs_script
def test_a_file_name_that_is_not_utf8_keeps_json_valid(tmp_path: Path) -> None:
    name = os.fsdecode(b"bad\xff.txt")
    (tmp_path / name).write_text("月入十万", encoding="utf-8")
    done = subprocess.run([SCRIPT, "--format", "json", str(tmp_path)], capture_output=True, timeout=60)
    payload = json.loads(done.stdout.decode("utf-8"))  # strict UTF-8
    assert payload["files"][0]["path"].endswith("bad\ufffd.txt")


@needs_script
def test_a_broken_pyproject_that_configures_copycheck_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.copycheck]\nselect = [\n", encoding="utf-8")
    (tmp_path / "post.txt").write_text("月入十万", encoding="utf-8")
    done = run("post.txt", cwd=tmp_path)
    assert done.returncode == 2 and "invalid TOML" in done.stderr


def test_an_unreadable_folder_on_the_way_to_the_config_is_an_error(tmp_path: Path, monkeypatch) -> None:
    from copycheck.inputs.config import ConfigError, find_config

    def refuse(self) -> bool:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "is_file", refuse)
    with pytest.raises(ConfigError, match="Permission denied"):
        find_config(tmp_path)


# -- custom rules ------------------------------------------------------------------------------


@pytest.mark.parametrize("pattern", [r"(a+)+$", r"(月入|月|入)*万$", r"(a|aa)+$", r"(\w+\s?)+$"])
def test_patterns_that_can_backtrack_exponentially_are_refused(pattern: str) -> None:
    with pytest.raises(ValueError, match="backtrack exponentially"):
        make_rule(pattern=pattern)


def test_a_pattern_out_of_time_gives_up_on_that_text_and_says_so(monkeypatch) -> None:
    import copycheck.matchers.pattern as pattern_module
    from copycheck.formatters.text import format_text

    rule = make_rule("CUS001", pattern="月入(?:十|百)万")
    checker = Checker(rules=[rule])
    monkeypatch.setattr(pattern_module, "PATTERN_BUDGET_SECONDS", 0.0)
    report = checker.check("月入十万")
    assert report.gave_up == ("CUS001",) and not report.findings
    assert "CUS001 gave up" in format_text(checker.report([report]), "en")
    monkeypatch.setattr(pattern_module, "PATTERN_BUDGET_SECONDS", 1.0)
    assert [f.rule for f in checker.check("月入十万").findings] == ["CUS001"]

