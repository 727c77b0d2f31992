"""The command line, run through the installed console script."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT, SCRIPT, check_json_contract, run, shared_path

from copycheck.ruleset.loader import load_dir, shipped_rules_dir

pytestmark = pytest.mark.skipif(SCRIPT is None, reason="copycheck console script not installed")


def test_risky_example_exits_1_with_located_findings() -> None:
    result = run("examples/agent-pitch.txt")
    assert result.returncode == 1, result.stderr
    assert "examples/agent-pitch.txt:3:1: INC001 [high]" in result.stdout
    assert "风险等级: 严重" in result.stdout
    assert "禁止传销条例第七条" in result.stdout
    assert result.stderr == ""


def test_clean_example_exits_0() -> None:
    result = run("examples/honest-shop.txt", "examples/consumer-warning.txt")
    assert result.returncode == 0, result.stdout
    assert "风险等级: 无" in result.stdout


def test_fail_on_threshold() -> None:
    assert run("--fail-on", "critical", "-", stdin="月入十万不是梦").returncode == 0
    assert run("--fail-on", "high", "-", stdin="月入十万不是梦").returncode == 1


def test_english_messages() -> None:
    result = run("--lang", "en", "examples/agent-pitch.txt")
    assert "Risk level: critical" in result.stdout
    assert "recruitment ads must not guarantee returns" in result.stdout


def test_json_contract_on_every_example(tmp_path: Path) -> None:
    posts = [json.loads(line) for line in (EXAMPLES / "labelled" / "posts.jsonl").read_text("utf-8").splitlines()]
    originals: dict[str, str] = {}
    for post in posts:
        path = tmp_path / f"{post['id']}.txt"
        path.write_text(post["text"], encoding="utf-8")
        originals[str(path)] = post["text"]
    for path in sorted(EXAMPLES.glob("*.txt")):
        originals[str(path)] = path.read_text(encoding="utf-8")
    result = run("--format", "json", str(tmp_path), *(str(p) for p in sorted(EXAMPLES.glob("*.txt"))))
    assert result.returncode in (0, 1), result.stderr
    payload = json.loads(result.stdout)
    assert len(payload["files"]) == len(originals)
    assert check_json_contract(payload, originals) > 100


def test_bad_inputs_are_one_line_errors_and_others_still_checked(tmp_path: Path) -> None:
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (tmp_path / "latin.txt").write_bytes("café crème ½".encode("latin-1") + b"\xff\xfe\x81")
    (tmp_path / "gbk.txt").write_bytes("诚招代理，月入十万".encode("gbk"))
    (tmp_path / "bom.txt").write_bytes("\ufeff月入十万".encode())
    result = run(str(tmp_path), "missing.txt", "--format", "json")
    assert result.returncode == 2
    payload = json.loads(result.stdout)
    errors = {Path(e["path"]).name: e["message"] for e in payload["errors"]}
    assert set(errors) == {"binary.txt", "latin.txt", "missing.txt"}
    assert "no such file" in errors["missing.txt"]
    checked = {Path(f["path"]).name: f for f in payload["files"]}
    assert set(checked) == {"gbk.txt", "bom.txt"}
    bom = checked["bom.txt"]["findings"][0]
    assert (bom["start"], bom["text"]) == (0, "月入十万")  # offsets into the decoded text, BOM dropped
    assert checked["gbk.txt"]["risk"]["level"] in ("high", "critical")
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 3 and all(line.startswith("copycheck: ") for line in lines)
    assert "Traceback" not in result.stderr


def test_stdin() -> None:
    result = run("--format", "json", "-", stdin="加V信了解，日赚500")
    payload = json.loads(result.stdout)
    assert payload["files"][0]["path"] == "<stdin>"
    assert {f["rule"] for f in payload["files"][0]["findings"]} >= {"INC001", "EVA101"}


def test_the_tool_never_modifies_its_input(tmp_path: Path) -> None:
    path = tmp_path / "post.txt"
    path.write_bytes("月 入 十 萬！➕V".encode())
    before = path.read_bytes()
    run(str(path))
    assert path.read_bytes() == before


def test_rules_list() -> None:
    result = run("rules")
    assert result.returncode == 0
    for rule in load_dir(shipped_rules_dir()):
        assert rule.id in result.stdout


@pytest.mark.parametrize("rule_id", [rule.id for rule in load_dir(shipped_rules_dir())])
def test_explain_every_rule(rule_id: str) -> None:
    result = run("explain", rule_id)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(rule_id)
    for heading in ("检测内容", "风险原因", "会报告的例子", "合规写法", "相关法条"):
        assert heading in result.stdout
    english = run("explain", rule_id, "--lang", "en")
    assert "Provisions" in english.stdout


def test_explain_names_the_source_articles_the_why_draws_on() -> None:
    chinese = run("explain", "PYR001").stdout
    assert "依据的来源文章:\n  [weixin-business] 002_e157542c73877400.txt: " in chinese
    english = run("explain", "PYR001", "--lang", "en").stdout
    assert "Source articles it draws on:\n  [weixin-business] 002_e157542c73877400.txt: " in english
    assert "来源文章" not in run("explain", "ABS001").stdout


def test_explain_quotes_the_provision_text() -> None:
    result = run("explain", "PYR900")
    assert "组织者或者经营者通过发展人员" in result.stdout  # psr-7, verbatim
    assert "第二百二十四条之一" in result.stdout


def test_explain_view_shows_the_text_as_the_matchers_see_it(tmp_path: Path) -> None:
    result = run("explain", "--view", "加 V 信，月 入 十 萬！旺俌出租\n\n跟着我做")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    # Line by line, as written then as matched: breaks marked (｜ clause, ‖ sentence), folds named.
    assert lines[2:6] == [
        "第 1 行",
        "  原文  加 V 信，月 入 十 萬！旺俌出租",
        "  视图  加微信｜月入十万‖旺铺出租",
        "  折叠  加 V 信→加微信（联系方式变体）；俌→铺（形近字、谐音字）；V→v、萬→万（繁体、全角或大小写）",
    ]
    assert lines[7:] == ["第 3 行", "  原文  跟着我做", "  视图  跟着我做"]  # the blank line 2 is skipped
    post = tmp_path / "post.txt"
    post.write_text("薇信同号", encoding="utf-8")
    for english in (
        run("explain", "--view", str(post), "--lang", "en"),
        run("explain", "--view", "-", "--lang", "en", stdin="薇信同号"),
    ):
        assert "  view    微信同号" in english.stdout
        assert "  folded  薇信 → 微信 (contact handle)" in english.stdout


def test_explain_needs_a_rule_or_a_view() -> None:
    for args in (("explain",), ("explain", "INC001", "--view", "x")):
        result = run(*args)
        assert result.returncode == 2 and "give a RULE_ID or --view TEXT" in result.stderr


def test_explain_unknown_rule() -> None:
    result = run("explain", "NOPE999")
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "unknown rule id" in result.stderr


def test_test_rules_on_a_user_folder(tmp_path: Path) -> None:
    source = (ROOT / "tests" / "test_loader.py").read_text(encoding="utf-8")
    good = source.split('GOOD = """\\\n', 1)[1].split('"""', 1)[0]
    (tmp_path / "mine.yaml").write_text(good.replace("ok: [招聘]", "ok: [招聘, 诚招代理]"), encoding="utf-8")
    result = run("test-rules", str(tmp_path))
    assert result.returncode == 1
    assert "2 passed, 1 failed" in result.stdout
    assert "诚招代理" in result.stdout


def test_a_literal_that_can_never_match_is_a_warning_and_fails_test_rules(tmp_path: Path) -> None:
    source = (ROOT / "tests" / "test_loader.py").read_text(encoding="utf-8")
    good = source.split('GOOD = """\\\n', 1)[1].split('"""', 1)[0]
    pack = tmp_path / "mine.yaml"
    pack.write_text(good.replace("terms: [招代理]", "pattern: '招代理|薇信'"), encoding="utf-8")
    warning = f"copycheck: warning: {pack}:5: TST001.pattern: literal '薇信' can never match:"
    warning += " the view folds it to '微信'"
    tested = run("test-rules", str(tmp_path))
    assert tested.returncode == 1
    assert "2 passed, 0 failed, 1 warnings" in tested.stdout
    assert tested.stderr.strip() == warning
    checked = run("--rules-dir", str(tmp_path), "-", stdin="招代理")
    assert checked.stderr.strip() == warning
    assert run("--rules-dir", str(tmp_path), "-q", "-", stdin="招代理").stderr == ""
    assert run("test-rules").stderr == ""


def test_bad_rule_folder_is_a_one_line_error(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("- id: BAD001\n  category: nope\n", encoding="utf-8")
    result = run("--rules-dir", str(tmp_path), "examples/honest-shop.txt")
    assert result.returncode == 2
    line = result.stderr.strip()
    assert line.startswith(f"copycheck: error: {tmp_path / 'bad.yaml'}:1: BAD001.")
    assert "\n" not in line
    assert "Traceback" not in result.stderr


def test_usage_error_exits_2() -> None:
    assert run("--format", "yaml", "x.txt").returncode == 2
    bare = run()
    assert bare.returncode == 2
    assert "Usage: copycheck" in bare.stdout and "explain" in bare.stdout


def test_misspelt_command_and_rule_ids_suggest_the_nearest(tmp_path: Path) -> None:
    typo = run("expalin", "INC001", cwd=tmp_path)
    assert typo.returncode == 2
    assert "unknown command 'expalin'; did you mean 'explain'?" in typo.stderr
    assert len(typo.stderr.strip().splitlines()) == 1
    # A file that happens to look like a command name is still a file.
    (tmp_path / "explan").write_text("月入十万不是梦", encoding="utf-8")
    assert "INC001" in run("explan", cwd=tmp_path).stdout
    unknown = run("explain", "INC0O1")
    assert unknown.returncode == 2 and "did you mean 'INC001'" in unknown.stderr
    selector = run("--ignore", "PYRR002", "-", stdin="月入十万")
    assert selector.returncode == 2 and "did you mean 'PYR002'" in selector.stderr


def test_dash_capital_v_prints_the_version() -> None:
    from copycheck import __version__

    for flag in ("-V", "--version"):
        assert run(flag).stdout.strip() == f"copycheck, version {__version__}"


# -- the four source articles, as real messy input --------------------------------
SOURCES = (
    "000_e1ed175fcb103b38.txt",
    "001_c0a860b48ef7c937.txt",
    "002_e157542c73877400.txt",
    "003_d97d4ee7a1c6b798.txt",
)


def test_source_articles_end_to_end() -> None:
    paths = [shared_path("sources", name) for name in SOURCES]
    result = run("--format", "json", *map(str, paths))
    assert result.returncode in (0, 1), result.stderr
    payload = json.loads(result.stdout)
    originals = {str(p): p.read_text(encoding="utf-8") for p in paths}
    check_json_contract(payload, originals)
    by_name = {Path(f["path"]).name: f for f in payload["files"]}
    pyramid = [f for f in by_name[SOURCES[2]]["findings"] if f["category"] == "pyramid-commission"]
    target = "金字塔式的大代理抽取小代理的傭金"
    original = originals[str(paths[2])]
    where = original.index(target)
    hit = next(f for f in pyramid if f["start"] >= where and f["end"] <= where + len(target))
    assert hit["text"] == "大代理抽取小代理的傭金"  # the original traditional characters
    # The article describes the pyramid to criticise it ("金字塔式"): reported, but not asserted.
    assert hit["rule_severity"] == "critical"
    assert hit["context"] == "negated" and hit["severity"] == "info"


def complete(*words: str) -> list[str]:
    env = {**os.environ, "_COPYCHECK_COMPLETE": "bash_complete"}
    env.update(COMP_WORDS=" ".join(words), COMP_CWORD=str(len(words) - 1))
    assert SCRIPT is not None
    out = subprocess.run([SCRIPT], env=env, capture_output=True, text=True, timeout=60).stdout
    return [line.split(",", 1)[1] for line in out.splitlines()]


def test_shell_completion_completes_commands_and_rule_ids() -> None:
    assert complete("copycheck", "ex") == ["explain"]
    ids = complete("copycheck", "explain", "PYR00")
    assert ids and all(i.startswith("PYR00") for i in ids) and "PYR002" in ids
    assert "--format" in complete("copycheck", "post.txt", "--fo")
    assert "income-promise" in complete("copycheck", "post.txt", "--ignore", "inc")
    assert "INC001" in complete("copycheck", "post.txt", "--select", "INC00")


def test_html_over_a_folder_is_a_marketers_index_and_vet_html_speaks_to_consumers() -> None:
    report = run("--format", "html", "examples")
    assert report.returncode == 1 and report.stdout.startswith("<!DOCTYPE html>")
    assert 'href="#file-' in report.stdout and "examples/agent-pitch.txt" in report.stdout
    assert "12315" not in report.stdout  # no consumer advice in the marketer's report
    consumer = run("vet", "--format", "html", "examples/agent-pitch.txt")
    assert "12315" in consumer.stdout and "严重风险" in consumer.stdout
