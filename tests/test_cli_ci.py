"""CI-facing options of the console script: formats, selection, config, suppressions, baseline, jobs."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import run

RISKY = "诚招代理！代理费1980，直推奖20%\n月入十万不是梦，加V信了解\n"
CLEAN = "新品上架：云南咖啡豆，中度烘焙。支持七天无理由退货。\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "risky.txt").write_text(RISKY, encoding="utf-8")
    (tmp_path / "posts" / "clean.txt").write_text(CLEAN, encoding="utf-8")
    return tmp_path


def rules_in(result: subprocess.CompletedProcess[str]) -> set[str]:
    payload = json.loads(result.stdout)
    return {f["rule"] for file in payload["files"] for f in file["findings"]}


def test_concise_format(project: Path) -> None:
    result = run("--format", "concise", "posts", cwd=project)
    lines = result.stdout.strip().splitlines()
    *problems, clean_risk, summary = [line for line in lines if "风险等级" not in line or "clean" in line]
    assert problems and all(line.startswith("posts/risky.txt:") for line in problems)
    assert "posts/risky.txt:1:1: REC001 [medium]" in result.stdout
    assert clean_risk == "posts/clean.txt: 风险等级: 无 (0/100)"
    assert summary.startswith("共检查 2 个文件") and summary.endswith("posts/risky.txt。")
    assert result.returncode == 1


def test_quiet_prints_only_findings_and_silent_nothing(project: Path) -> None:
    quiet = run("-q", "--format", "concise", "posts", cwd=project)
    assert quiet.stdout and all(line.startswith("posts/risky.txt:") for line in quiet.stdout.splitlines())
    assert "风险等级" not in quiet.stdout and "共检查" not in quiet.stdout
    silent = run("-s", "posts", cwd=project)
    assert silent.stdout == "" and silent.returncode == 1


def test_hints_are_hidden_unless_asked_for(project: Path) -> None:
    (project / "posts" / "hint.txt").write_text("感兴趣的加我微信", encoding="utf-8")
    hidden = run("--format", "concise", "posts/hint.txt", cwd=project)
    shown = run("--format", "concise", "--show-hints", "posts/hint.txt", cwd=project)
    assert "[info]" not in hidden.stdout and "0 个问题" in hidden.stdout
    assert "[info]" in shown.stdout and "0 个问题" in shown.stdout  # hints are never counted as problems


def test_github_format(project: Path) -> None:
    result = run("--format", "github", "posts", cwd=project)
    assert (
        "::warning file=posts/risky.txt,line=1,col=1,endLine=1,endColumn=5,title=copycheck (REC001)::" in result.stdout
    )
    for line in result.stdout.strip().splitlines():
        assert line.startswith(("::error ", "::warning ", "::notice "))
    assert "posts/clean.txt" not in result.stdout  # nothing for a clean file
    assert "::error file=posts/risky.txt,title=copycheck risk::" in result.stdout


def test_sarif_output_file(project: Path) -> None:
    result = run("--format", "sarif", "-o", "report.sarif", "posts", cwd=project)
    assert result.stdout == ""
    sarif = json.loads((project / "report.sarif").read_text(encoding="utf-8"))
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]}
    assert uris == {"posts/risky.txt"}


def test_jsonl_format_one_object_per_file(project: Path) -> None:
    result = run("--format", "jsonl", "posts", cwd=project)
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    assert [Path(o["path"]).name for o in objects] == ["clean.txt", "risky.txt"]


def test_jsonl_input_records_and_a_bad_line(tmp_path: Path) -> None:
    records = tmp_path / "batch.jsonl"
    records.write_text(
        json.dumps({"id": "a1", "text": "月入十万不是梦"}, ensure_ascii=False)
        + "\n{not json\n"
        + json.dumps({"id": 7, "text": "今天天气很好"}, ensure_ascii=False)
        + "\n",
        encoding="utf-8",
    )
    result = run("--input-format", "jsonl", "--format", "json", str(records))
    payload = json.loads(result.stdout)
    assert [f["path"] for f in payload["files"]] == ["a1", "7"]
    assert payload["errors"][0]["path"] == f"{records}:2"
    assert result.returncode == 2
    piped = run("--input-format", "jsonl", "--format", "json", "-", stdin='{"id": "x", "text": "躺赚"}\n')
    assert json.loads(piped.stdout)["files"][0]["path"] == "x"


def test_select_ignore_extend_select(project: Path) -> None:
    everything = rules_in(run("--format", "json", "posts", cwd=project))
    assert {"REC001", "FEE001", "INC001", "EVA101"} <= everything
    only_income = rules_in(run("--format", "json", "--select", "income-promise", "posts", cwd=project))
    assert only_income and all(r.startswith("INC") for r in only_income)
    no_evasion = rules_in(run("--format", "json", "--ignore", "EVA", "posts", cwd=project))
    assert not any(r.startswith("EVA") for r in no_evasion)
    extended = rules_in(run("--format", "json", "--select", "INC", "--extend-select", "FEE001", "posts", cwd=project))
    assert "FEE001" in extended and not any(r.startswith("REC") for r in extended)


def test_ignored_rules_do_not_count_towards_risk(project: Path) -> None:
    result = run("--format", "json", "--select", "EVA", "posts/risky.txt", cwd=project)
    payload = json.loads(result.stdout)
    assert payload["files"][0]["risk"]["level"] == "low"
    assert result.returncode == 0


def test_unknown_selector_is_an_error(project: Path) -> None:
    result = run("--select", "NOPE", "posts", cwd=project)
    assert result.returncode == 2
    assert "'NOPE' names no rule" in result.stderr


def test_fail_on_and_exit_zero(project: Path) -> None:
    assert run("posts", cwd=project).returncode == 1
    assert run("--exit-zero", "posts", cwd=project).returncode == 0
    assert run("--fail-on", "critical", "posts/clean.txt", cwd=project).returncode == 0


def test_min_severity_and_statistics(project: Path) -> None:
    shown = rules_in(run("--format", "json", "--min-severity", "high", "posts", cwd=project))
    assert "REC001" not in shown and "FEE001" in shown
    stats = run("--statistics", "posts", cwd=project)
    assert "REC001" in stats.stdout and "个问题合计" in stats.stdout


def test_pyproject_configuration(project: Path) -> None:
    (project / "pyproject.toml").write_text(
        '[tool.copycheck]\nignore = ["EVA"]\nfail-on = "critical"\nlang = "en"\n'
        '[tool.copycheck.per-file-ignores]\n"posts/risky.txt" = ["REC001"]\n',
        encoding="utf-8",
    )
    result = run("--format", "json", "posts", cwd=project)
    found = rules_in(result)
    assert not any(r.startswith("EVA") for r in found) and "REC001" not in found
    assert "Promises an income" in result.stdout
    assert result.returncode == 1  # still critical: entry fee + pay per recruit


def test_config_found_by_walking_up(project: Path) -> None:
    (project / "copycheck.toml").write_text('select = ["INC"]\n', encoding="utf-8")
    nested = project / "posts"
    found = rules_in(run("--format", "json", "risky.txt", cwd=nested))
    assert found and all(r.startswith("INC") for r in found)


def test_config_file_option_and_bad_keys(project: Path) -> None:
    config = project / "team.toml"
    config.write_text('colour = "red"\n', encoding="utf-8")
    result = run("--config", str(config), "posts", cwd=project)
    assert result.returncode == 2
    assert (
        result.stderr.strip()
        == f"copycheck: error: {config}: copycheck.toml colour: unknown key "
        + result.stderr.split("unknown key ", 1)[1].strip()
    )
    config.write_text('fail-on = "sometimes"\n', encoding="utf-8")
    assert "'sometimes' is not one of" in run("--config", str(config), "posts", cwd=project).stderr


def test_allow_list(project: Path) -> None:
    (project / "posts" / "brand.txt").write_text("顶级厨房连锁，欢迎光临", encoding="utf-8")
    assert "ABS002" in rules_in(run("--format", "json", "posts/brand.txt", cwd=project))
    assert "ABS002" not in rules_in(run("--format", "json", "--allow", "顶级厨房", "posts/brand.txt", cwd=project))


def test_markdown_code_and_suppressions(tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_text(
        "# 新品\n\n"
        "```\n月入十万不是梦\n```\n\n"
        "行内 `躺赚` 不算。\n\n"
        "<!-- copycheck: ignore[ABS002] 品牌名“顶级厨房”已注册 -->\n顶级厨房出品\n\n"
        "<!-- copycheck: ignore[INC002] -->\n躺赚\n\n"
        "<!-- copycheck: ignore[INC001] 没有可抑制的 -->\n今天天气很好\n\n"
        "<!-- copycheck: disable[REC001] 招聘栏目 -->\n诚招代理\n<!-- copycheck: enable[REC001] -->\n诚招代理\n"
        "<!-- copycheck: ignore[NOPE001] 拼错 -->\n",
        encoding="utf-8",
    )
    result = run("--format", "json", str(post))
    payload = json.loads(result.stdout)
    findings = [(f["rule"], f["line"]) for f in payload["files"][0]["findings"]]
    assert ("ABS002", 10) not in findings and ("SUP003", 9) not in findings
    assert not [f for f in findings if f[0] == "INC001" and f[1] == 4]  # inside a code fence
    assert ("SUP001", 12) in findings  # no reason
    assert ("INC002", 13) not in findings  # suppressed all the same
    assert ("SUP003", 15) in findings  # suppresses nothing
    rec = [line for rule, line in findings if rule == "REC001"]
    assert rec == [21]  # disabled on line 19, enabled again on line 21
    assert ("SUP002", 22) in findings


def test_html_tags_are_stripped_and_columns_kept(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text('<p class="x">月<b>入</b>十万</p>\n<script>var s="躺赚";</script>\n', encoding="utf-8")
    payload = json.loads(run("--format", "json", str(page)).stdout)
    findings = payload["files"][0]["findings"]
    assert [(f["rule"], f["line"], f["column"], f["text"]) for f in findings] == [("INC001", 1, 14, "月<b>入</b>十万")]


def test_baseline_reports_only_new_findings(project: Path) -> None:
    assert run("--write-baseline", "baseline.json", "posts", cwd=project).returncode == 1
    assert run("--baseline", "baseline.json", "posts", cwd=project).returncode == 0
    risky = project / "posts" / "risky.txt"
    risky.write_text("一行新开头\n\n" + RISKY + "躺赚\n", encoding="utf-8")
    result = run("--baseline", "baseline.json", "--format", "json", "posts", cwd=project)
    assert rules_in(result) == {"INC002"}  # moved lines are not new; the added line is
    bad = run("--baseline", "posts/clean.txt", "posts", cwd=project)
    assert bad.returncode == 2 and "not a copycheck baseline" in bad.stderr


def test_jobs_give_the_same_output_in_the_same_order(tmp_path: Path) -> None:
    for number in range(24):
        text = RISKY if number % 3 == 0 else CLEAN + f"第{number}篇"
        (tmp_path / f"post{number:02d}.txt").write_text(text, encoding="utf-8")
    serial = run("--format", "json", "--jobs", "1", str(tmp_path))
    parallel = run("--format", "json", "--jobs", "2", str(tmp_path))
    assert serial.stdout == parallel.stdout
    assert len(json.loads(serial.stdout)["files"]) == 24


@pytest.mark.skipif(
    shutil.which("pre-commit") is None or shutil.which("git") is None, reason="pre-commit not installed"
)
def test_pre_commit_hook(tmp_path: Path) -> None:
    from conftest import ROOT

    repo = tmp_path / "drafts"
    repo.mkdir()
    (repo / "post.txt").write_text(RISKY, encoding="utf-8")
    (repo / "ok.md").write_text(CLEAN, encoding="utf-8")
    git = ["git", "-c", "user.email=ci@example.invalid", "-c", "user.name=ci"]
    subprocess.run([*git, "init", "-q"], cwd=repo, check=True)
    subprocess.run([*git, "add", "."], cwd=repo, check=True)
    env_home = tmp_path / "cache"
    result = subprocess.run(
        ["pre-commit", "try-repo", str(ROOT), "copycheck", "--all-files", "--verbose"],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=900,
        env={**__import__("os").environ, "PRE_COMMIT_HOME": str(env_home)},
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Failed" in result.stdout
    assert "post.txt:1:1: REC001" in result.stdout
    assert "ok.md: 风险等级: 无" in result.stdout


def test_extend_rules_from_the_config_file(project: Path) -> None:
    from test_loader import GOOD

    team = project / "team-rules"
    team.mkdir()
    (team / "brand.yaml").write_text(GOOD.replace("TST001", "TEAM001").replace("[招代理]", "[团购秒杀]"), "utf-8")
    (project / "copycheck.toml").write_text('extend-rules = ["team-rules"]\n', encoding="utf-8")
    (project / "posts" / "deal.txt").write_text("今晚团购秒杀", encoding="utf-8")
    assert "TEAM001" in rules_in(run("--format", "json", "posts/deal.txt", cwd=project))
    (project / "copycheck.toml").write_text('extend-rules = ["missing"]\n', encoding="utf-8")
    result = run("posts/deal.txt", cwd=project)
    assert result.returncode == 2 and "extend-rules" in result.stderr


def _on_a_terminal(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    """The output of the console script with a pseudo-terminal as its standard output."""
    import os
    import pty
    import subprocess

    from conftest import SCRIPT

    main, secondary = pty.openpty()
    done = subprocess.run([SCRIPT, *args], stdout=secondary, stderr=subprocess.DEVNULL, cwd=cwd,
                          env={**os.environ, **(env or {})}, timeout=120)  # fmt: skip
    os.close(secondary)
    chunks = []
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(main)
    assert done.returncode == 1
    return b"".join(chunks).decode("utf-8")


def test_colour_on_a_terminal_none_when_piped_or_no_color(project: Path) -> None:
    coloured = _on_a_terminal(["posts/risky.txt"], project, {"NO_COLOR": ""})  # an empty NO_COLOR is unset
    assert "\x1b[" in coloured and "REC001" in coloured
    assert "\x1b[" not in _on_a_terminal(["posts/risky.txt"], project, {"NO_COLOR": "1"})
    assert "\x1b[" not in _on_a_terminal(["--color", "never", "posts/risky.txt"], project)
    piped = run("posts/risky.txt", cwd=project)
    assert "\x1b[" not in piped.stdout
    assert "\x1b[" in run("--color", "always", "posts/risky.txt", cwd=project).stdout
