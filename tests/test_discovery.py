"""Which files a run checks (.gitignore, exclude globs, --force-exclude), --stdin-filename,
suppression entries in the config, and every option settable in the config."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from conftest import run

from copycheck.findings import InputError
from copycheck.inputs.reading import Discovery, PathGlob, glob_regex, parse_gitignore, read_inputs

RISKY = "月入十万不是梦\n"


def write(root: Path, relative: str, text: str = RISKY) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def checked(result: subprocess.CompletedProcess[str]) -> list[str]:
    """The paths a JSON run reported on, as posix paths."""
    assert result.returncode in (0, 1), result.stderr
    return sorted(Path(f["path"]).as_posix() for f in json.loads(result.stdout)["files"])


def rules_of(result: subprocess.CompletedProcess[str]) -> dict[str, list[str]]:
    payload = json.loads(result.stdout)
    return {Path(f["path"]).as_posix(): [x["rule"] for x in f["findings"]] for f in payload["files"]}


# -- the matchers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("glob", "path", "matches"),
    [
        ("*.txt", "a.txt", True),
        ("*.txt", "d/a.txt", False),  # * stays inside a name
        ("**/a.txt", "a.txt", True),
        ("**/a.txt", "x/y/a.txt", True),
        ("d/**", "d/x/y.txt", True),
        ("d/**", "d", False),
        ("a/**/b", "a/b", True),
        ("a/**/b", "a/x/y/b", True),
        ("po?t.md", "post.md", True),
        ("[ab].txt", "b.txt", True),
        ("[!ab].txt", "c.txt", True),
        ("[!ab].txt", "a.txt", False),
        ("\\*.txt", "*.txt", True),
        ("\\*.txt", "a.txt", False),
        ("[unclosed", "[unclosed", True),
    ],
)
def test_glob_translation(glob: str, path: str, matches: bool) -> None:
    assert (re.fullmatch(glob_regex(glob), path) is not None) is matches


def test_gitignore_rules_parse_as_git_reads_them() -> None:
    rules = parse_gitignore("# a comment\n\n*.log  \n/top.txt\nlogs/\n!keep.log\n\\#hash.txt\n\\!bang.txt\nspace\\ \n")
    patterns = [(r.regex.pattern, r.negated, r.folders_only) for r in rules]
    assert len(patterns) == 7  # the comment and the blank line are no rules
    negated = [r for r in rules if r.negated]
    assert len(negated) == 1 and negated[0].regex.fullmatch("keep.log")
    assert rules[0].regex.fullmatch("deep/down/x.log")  # no slash: any depth; trailing spaces dropped
    assert rules[1].regex.fullmatch("top.txt") and not rules[1].regex.fullmatch("a/top.txt")  # anchored
    assert rules[2].folders_only and rules[2].regex.fullmatch("a/logs")
    assert rules[4].regex.fullmatch("#hash.txt") and rules[5].regex.fullmatch("!bang.txt")
    assert rules[6].regex.fullmatch("space ")  # an escaped trailing space is kept


def test_the_library_walk_is_unchanged_unless_asked(tmp_path: Path) -> None:
    write(tmp_path, ".gitignore", "ignored.txt\n")
    write(tmp_path, "ignored.txt")
    write(tmp_path, "node_modules/n.txt")
    plain = sorted(Path(d.path).name for d in read_inputs([str(tmp_path)]))
    assert plain == ["ignored.txt", "n.txt"]
    discovery = Discovery(exclude=(PathGlob("node_modules", tmp_path),), respect_gitignore=True, root=tmp_path)
    (only,) = read_inputs([str(tmp_path)], discovery=discovery)
    assert isinstance(only, InputError) and only.message.startswith("folder holds no")


# -- .gitignore --------------------------------------------------------------------------------


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    write(tmp_path, ".gitignore", "# drafts nobody publishes\n\n*.bak.txt\n/top.txt\nlogs/\n*.draft.txt\n")
    for name in ("post.txt", "old.bak.txt", "top.txt", "a/top.txt", "logs/l.txt", "a/logs.txt", "x.draft.txt"):
        write(tmp_path, name)
    write(tmp_path, "keep/.gitignore", "!final.draft.txt\nlocal.txt\n")
    write(tmp_path, "keep/final.draft.txt")
    write(tmp_path, "keep/other.draft.txt")
    write(tmp_path, "keep/local.txt")
    write(tmp_path, "local.txt")  # the nested file's rule does not reach up
    return tmp_path


def test_gitignore_root_and_nested_with_negation(tree: Path) -> None:
    found = checked(run("--format", "json", ".", cwd=tree))
    assert found == ["a/logs.txt", "a/top.txt", "keep/final.draft.txt", "local.txt", "post.txt"]


def test_gitignore_above_the_checked_folder_applies(tree: Path) -> None:
    assert checked(run("--format", "json", "keep", cwd=tree)) == ["keep/final.draft.txt"]
    # From elsewhere, a folder inside a repository still reads the repository's .gitignore.
    (tree / ".git").mkdir()
    assert checked(run("--format", "json", str(tree / "keep"), cwd=tree.parent)) == [
        (tree / "keep" / "final.draft.txt").as_posix()
    ]


def test_no_respect_gitignore_flag_and_config_key(tree: Path) -> None:
    everything = checked(run("--format", "json", "--no-respect-gitignore", ".", cwd=tree))
    assert "old.bak.txt" in everything and "logs/l.txt" in everything and "keep/local.txt" in everything
    (tree / "copycheck.toml").write_text("respect-gitignore = false\n", encoding="utf-8")
    assert checked(run("--format", "json", ".", cwd=tree)) == everything
    # The command line wins over the file.
    assert "old.bak.txt" not in checked(run("--format", "json", "--respect-gitignore", ".", cwd=tree))


def test_a_folder_whose_files_are_all_ignored_says_so(tmp_path: Path) -> None:
    write(tmp_path, ".gitignore", "*.txt\n")
    write(tmp_path, "a.txt")
    result = run(".", cwd=tmp_path)
    assert result.returncode == 2
    assert "folder holds no" in result.stderr and "that are not excluded" in result.stderr


# -- exclude, extend-exclude, explicit paths, --force-exclude ----------------------------------


@pytest.fixture
def vendored(tmp_path: Path) -> Path:
    for name in ("posts/a.txt", "node_modules/pkg/readme.md", "build/out.txt", "venv/x.txt", "drafts/d.txt"):
        write(tmp_path, name)
    return tmp_path


def test_default_exclude_skips_tool_folders(vendored: Path) -> None:
    assert checked(run("--format", "json", ".", cwd=vendored)) == ["drafts/d.txt", "posts/a.txt"]


def test_exclude_in_config_replaces_the_default_extend_exclude_adds(vendored: Path) -> None:
    config = vendored / "copycheck.toml"
    config.write_text('exclude = ["drafts"]\n', encoding="utf-8")
    found = checked(run("--format", "json", ".", cwd=vendored))
    assert found == ["build/out.txt", "node_modules/pkg/readme.md", "posts/a.txt", "venv/x.txt"]
    config.write_text('extend-exclude = ["drafts/*.txt"]\n', encoding="utf-8")
    assert checked(run("--format", "json", ".", cwd=vendored)) == ["posts/a.txt"]


def test_config_globs_are_relative_to_the_config_folder(vendored: Path) -> None:
    (vendored / "copycheck.toml").write_text('extend-exclude = ["posts/a.txt"]\n', encoding="utf-8")
    # Run from inside posts/: the glob still names posts/a.txt, relative to the config's folder.
    result = run("--format", "json", str(vendored), cwd=vendored / "posts")
    assert [Path(p).name for p in checked(result)] == ["d.txt"]


def test_exclude_on_the_command_line_comma_separated_and_repeatable(vendored: Path) -> None:
    found = checked(run("--format", "json", "--exclude", "drafts,build", "--exclude", "venv", ".", cwd=vendored))
    assert found == ["node_modules/pkg/readme.md", "posts/a.txt"]
    found = checked(run("--format", "json", "--extend-exclude", "posts", ".", cwd=vendored))
    assert found == ["drafts/d.txt"]
    # The command line's exclude replaces the config's.
    (vendored / "copycheck.toml").write_text('exclude = ["posts"]\n', encoding="utf-8")
    assert "posts/a.txt" in checked(run("--format", "json", "--exclude", "drafts", ".", cwd=vendored))


def test_an_excluded_path_named_explicitly_is_checked_unless_force_exclude(vendored: Path, tmp_path: Path) -> None:
    write(vendored, ".gitignore", "posts/\n")
    named = ["build/out.txt", "node_modules/pkg/readme.md", "posts/a.txt"]
    assert checked(run("--format", "json", *named, cwd=vendored)) == named
    assert checked(run("--format", "json", "build", cwd=vendored)) == ["build/out.txt"]  # a named folder too
    forced = checked(run("--format", "json", "--force-exclude", *named, "drafts/d.txt", cwd=vendored))
    # exclude globs apply to named paths (as ruff's --force-exclude); .gitignore does not.
    assert forced == ["drafts/d.txt", "posts/a.txt"]
    (vendored / "copycheck.toml").write_text('force-exclude = true\nextend-exclude = ["drafts"]\n', "utf-8")
    assert checked(run("--format", "json", "drafts/d.txt", "posts/a.txt", cwd=vendored)) == ["posts/a.txt"]
    assert checked(run("--format", "json", "--no-force-exclude", "drafts/d.txt", cwd=vendored)) == ["drafts/d.txt"]


# -- --stdin-filename --------------------------------------------------------------------------

FENCED = "# 新品\n\n```\n月入十万不是梦\n```\n"


def test_stdin_filename_gives_markup_and_path() -> None:
    as_markdown = run("--format", "json", "--stdin-filename", "post.md", "-", stdin=FENCED)
    assert rules_of(as_markdown) == {"post.md": []}  # a code block is not checked
    assert as_markdown.returncode == 0
    plain = run("--format", "json", "-", stdin=FENCED)
    assert "INC001" in rules_of(plain)["<stdin>"] and plain.returncode == 1
    outside = run("--format", "json", "--stdin-filename", "post.md", "-", stdin=FENCED + "\n月入十万不是梦\n")
    findings = json.loads(outside.stdout)["files"][0]["findings"]
    assert [(f["rule"], f["line"]) for f in findings if f["rule"] == "INC001"] == [("INC001", 7)]
    # With no path at all, a name for standard input means standard input (as ruff does).
    assert rules_of(run("--format", "json", "--stdin-filename", "post.md", stdin=FENCED)) == {"post.md": []}


def test_stdin_filename_brings_per_file_ignores_suppressions_and_config(tmp_path: Path) -> None:
    write(tmp_path, "drafts/.keep", "")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.copycheck.per-file-ignores]\n"drafts/*.md" = ["INC"]\n', encoding="utf-8"
    )
    text = "月入十万不是梦\n<!-- copycheck: ignore[REC001] 招聘栏目 -->\n诚招代理\n"
    result = run("--format", "json", "--stdin-filename", "drafts/new.md", "-", stdin=text, cwd=tmp_path)
    assert rules_of(result) == {"drafts/new.md": []}
    # The config is found from where the named file would be, even run from elsewhere.
    elsewhere = tmp_path.parent
    name = str(tmp_path / "drafts" / "new.md")
    assert rules_of(run("--format", "json", "--stdin-filename", name, "-", stdin=text, cwd=elsewhere)) == {name: []}


def test_stdin_filename_force_exclude_and_misuse(tmp_path: Path) -> None:
    options = ("--format", "json", "--force-exclude", "--stdin-filename", "build/x.md")
    result = run(*options, "-", stdin=RISKY, cwd=tmp_path)
    assert checked(result) == []
    assert result.returncode == 0
    write(tmp_path, "a.txt")
    wrong = run("--stdin-filename", "x.md", "a.txt", cwd=tmp_path)
    assert wrong.returncode == 2
    assert wrong.stderr == "copycheck: error: --stdin-filename names standard input, but - is not among the paths\n"
    nothing = run("check", cwd=tmp_path)
    assert nothing.returncode == 2 and "Missing argument" in nothing.stderr


# -- suppression entries in the config ---------------------------------------------------------

SPRING = "警惕“月入十万不是梦”这类说法\n我们的产品：月入十万不是梦\n诚招代理，日赚500\n"


def test_a_config_entry_suppresses_findings_in_a_txt_post(tmp_path: Path) -> None:
    write(tmp_path, "drafts/spring.txt", SPRING)
    before = run("--format", "json", "drafts/spring.txt", cwd=tmp_path)
    assert {"INC001", "REC001", "INC900"} <= set(rules_of(before)["drafts/spring.txt"])  # INC900: INC001 + REC001
    (tmp_path / "pyproject.toml").write_text(
        "[tool.copycheck]\n\n"
        '[[tool.copycheck.suppress]]\npath = "drafts/spring.txt"\nrule = "INC001"\ntext = "月入十万"\n'
        'reason = "quoted in a warning to customers"\n\n'
        '[[tool.copycheck.suppress]]\npath = "drafts/*.txt"\nrule = "recruitment"\nreason = "招聘栏目，法务已审"\n',
        encoding="utf-8",
    )
    after = run("--format", "json", "drafts/spring.txt", cwd=tmp_path)
    payload = json.loads(after.stdout)
    assert [Path(f["path"]).as_posix() for f in payload["files"]] == ["drafts/spring.txt"]  # no misuse to report
    findings = payload["files"][0]["findings"]
    left = {(f["rule"], f["text"]) for f in findings}
    assert not any(rule == "INC001" and "月入十万" in text for rule, text in left)
    assert not any(rule.startswith("REC") for rule, _ in left)
    assert any(rule == "INC001" for rule, _ in left)  # 日赚500: not the quoted text, still reported
    # No compound rests on the suppressed recruitment finding, and the risk is worked out again.
    assert "INC900" not in {f["rule"] for f in findings}
    assert "INC900" not in payload["files"][0]["risk"]["drivers"]


def test_misused_config_entries_are_reported_on_their_lines(tmp_path: Path) -> None:
    write(tmp_path, "drafts/spring.txt", SPRING)
    write(tmp_path, "drafts/other.txt", "今天天气很好\n")
    config = tmp_path / "copycheck.toml"
    config.write_text(
        'fail-on = "high"\n\n'
        '[[suppress]]\npath = "drafts/spring.txt"\nrule = "REC001"\n\n'  # no reason (line 3)
        '[[suppress]]\npath = "drafts/other.txt"\nrule = "INC001"\nreason = "旧文案"\n\n'  # nothing to hide (line 7)
        '[[suppress]]\npath = "drafts/spring.txt"\nrule = "NOPE001"\nreason = "拼错"\n\n'  # no such rule (line 12)
        '[[suppress]]\npath = "drafts/gone.txt"\nrule = "INC001"\nreason = "已删除"\n',  # no such file (line 17)
        encoding="utf-8",
    )
    result = run("--format", "json", "drafts", cwd=tmp_path)
    files = {Path(f["path"]).as_posix(): f for f in json.loads(result.stdout)["files"]}
    assert "REC001" not in [f["rule"] for f in files["drafts/spring.txt"]["findings"]]  # suppressed all the same
    meta = [(f["rule"], f["line"], f["message"]) for f in files["copycheck.toml"]["findings"]]
    assert [(rule, line) for rule, line, _ in meta] == [("SUP001", 3), ("SUP003", 7), ("SUP002", 12), ("SUP003", 17)]
    assert "第 2 条抑制项" in meta[1][2] and "drafts/other.txt" in meta[1][2]
    english = run("--format", "concise", "--lang", "en", "drafts", cwd=tmp_path)
    unused = "Suppression entry 2 (path 'drafts/other.txt', rule 'INC001') suppresses nothing"
    assert f"copycheck.toml:7:1: SUP003 [low] {unused}" in english.stdout
    assert "copycheck.toml:3:1: SUP001 [low] Suppression entry 1" in english.stdout
    # Checking another file alone: entry 2 met no file this run, so it is not called unused.
    alone = run("--format", "json", "drafts/spring.txt", cwd=tmp_path)
    lines = [f["line"] for f in json.loads(alone.stdout)["files"][-1]["findings"]]
    assert lines == [3, 12, 17]
    # The meta rules can be ignored like any other.
    quiet = run("--format", "json", "--ignore", "SUP", "drafts", cwd=tmp_path)
    assert "copycheck.toml" not in checked(quiet)


def test_an_entry_is_not_called_unused_where_its_rule_was_set_aside(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "月入十万不是梦\n")
    (tmp_path / "copycheck.toml").write_text(
        '[[suppress]]\npath = "a.txt"\nrule = "REC001"\nreason = "招聘"\n', encoding="utf-8"
    )
    assert checked(run("--format", "json", "--ignore", "REC001", "a.txt", cwd=tmp_path)) == ["a.txt"]
    assert "copycheck.toml" in checked(run("--format", "json", "a.txt", cwd=tmp_path))


def test_a_suppressed_finding_below_the_floor_still_rescored_from_all(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "诚招代理！代理费1980，直推奖20%\n")
    full = json.loads(run("--format", "json", "a.txt", cwd=tmp_path).stdout)["files"][0]
    (tmp_path / "copycheck.toml").write_text(
        'min-severity = "critical"\n[[suppress]]\npath = "a.txt"\nrule = "INC"\nreason = "无"\n', encoding="utf-8"
    )
    result = run("--format", "json", "a.txt", cwd=tmp_path)
    files = json.loads(result.stdout)["files"]
    shown = files[0]
    # REC001 (medium) is below the floor and not shown, but the pyramid conclusion still rests on it.
    assert {f["severity"] for f in shown["findings"]} == {"critical"}
    assert shown["risk"]["level"] == full["risk"]["level"] == "critical"


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        ('path = "a.txt"\nreason = "x"\n', "suppress (entry 1): no rule"),
        ('path = "a.txt"\nrule = 7\n', "suppress (entry 1) rule: expected a string"),
        ('path = "a.txt"\nrule = "inc001"\n', "suppress (entry 1) rule: 'inc001' is not a rule id"),
        ('path = "a.txt"\nrule = "INC001"\nwhy = "x"\n', "suppress (entry 1) why: unknown key"),
        ('path = ""\nrule = "INC001"\n', "suppress (entry 1) path: is empty"),
    ],
)
def test_malformed_entries_are_config_errors(tmp_path: Path, entry: str, problem: str) -> None:
    write(tmp_path, "a.txt")
    (tmp_path / "pyproject.toml").write_text(f"[[tool.copycheck.suppress]]\n{entry}", encoding="utf-8")
    result = run("a.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith(f"copycheck: error: {tmp_path / 'pyproject.toml'}: [tool.copycheck] {problem}")
    assert result.stderr.count("\n") == 1


# -- every option a file can hold --------------------------------------------------------------


def test_config_keys_are_honoured(tmp_path: Path) -> None:
    write(tmp_path, "posts/a.txt", "诚招代理，感兴趣的加我微信\n")
    config = tmp_path / "copycheck.toml"
    config.write_text(
        'format = "concise"\nshow-hints = true\ncolor = "always"\nexit-zero = true\njobs = 1\n'
        'output-file = "out/report.txt"\n',
        encoding="utf-8",
    )
    (tmp_path / "out").mkdir()
    result = run("posts", cwd=tmp_path)
    assert result.returncode == 0 and result.stdout == ""  # exit-zero; written to the file
    report = (tmp_path / "out" / "report.txt").read_text(encoding="utf-8")
    assert "\x1b[" in report  # colour always, even into a file
    plain = re.sub(r"\x1b\[[0-9;]*m", "", report)
    assert "posts/a.txt:1:1: REC001" in plain and "[info]" in plain  # concise, with hints
    # The command line wins.
    cli = run("--format", "json", "--color", "never", "-o", "cli.json", "posts", cwd=tmp_path)
    assert cli.returncode == 0
    assert json.loads((tmp_path / "cli.json").read_text(encoding="utf-8"))["files"]
    # ... and the --no- forms undo a flag the config turned on.
    undone = run("--no-exit-zero", "--no-show-hints", "--color", "never", "-o", "cli.txt", "posts", cwd=tmp_path)
    shown = (tmp_path / "cli.txt").read_text(encoding="utf-8")
    assert undone.returncode == 1 and "REC001" in shown and "[info]" not in shown
    config.write_text("max-file-size = 0.00001\n", encoding="utf-8")  # 10 bytes
    small = run("posts", cwd=tmp_path)
    assert small.returncode == 2 and "larger than the 1e-05 MB limit" in small.stderr
    assert run("--max-file-size", "1", "posts", cwd=tmp_path).returncode == 1


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ('format = "yaml"', "format: 'yaml' is not one of text, json"),
        ('color = "red"', "color: 'red' is not one of auto, always, never"),
        ('exit-zero = "yes"', "exit-zero: 'yes' is not true or false"),
        ("respect-gitignore = 1", "respect-gitignore: 1 is not true or false"),
        ("force-exclude = 0", "force-exclude: 0 is not true or false"),
        ("show-hints = 1", "show-hints: 1 is not true or false"),
        ("jobs = 0", "jobs: 0 is not a whole number of at least 1"),
        ("jobs = true", "jobs: True is not a whole number of at least 1"),
        ("max-file-size = -1", "max-file-size: -1 is not a number of megabytes above 0"),
        ('max-file-size = "big"', "max-file-size: 'big' is not a number of megabytes above 0"),
        ("output-file = 3", "output-file: expected a file name"),
        ('exclude = "build"', "exclude: expected a list of strings"),
        ("extend-exclude = [1]", "extend-exclude: expected a list of strings"),
        ('min-severity = "huge"', "min-severity: 'huge' is not one of"),
        ('suppress = "x"', "suppress: expected [[suppress]] entries"),
    ],
)
def test_bad_config_values_name_the_file_and_key(tmp_path: Path, line: str, problem: str) -> None:
    write(tmp_path, "a.txt")
    config = tmp_path / "copycheck.toml"
    config.write_text(line + "\n", encoding="utf-8")
    result = run("a.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith(f"copycheck: error: {config}: copycheck.toml {problem}"), result.stderr
    assert result.stderr.count("\n") == 1


def test_cli_formats_match_the_config_formats(tmp_path: Path) -> None:
    from copycheck.cli import FORMATS
    from copycheck.formatters import output_formats

    assert FORMATS == tuple(output_formats()) == ("text", "json", "sarif", "github", "jsonl", "concise", "html")
    write(tmp_path, "a.txt")
    config = tmp_path / "copycheck.toml"
    for name in FORMATS:
        config.write_text(f'format = "{name}"\n', encoding="utf-8")
        assert run("a.txt", cwd=tmp_path).returncode == 1, name
    config.write_text('format = "statistics"\n', encoding="utf-8")  # an option (--statistics), not a format
    result = run("a.txt", cwd=tmp_path)
    assert result.returncode == 2 and f"'statistics' is not one of {', '.join(FORMATS)}" in result.stderr


def test_a_new_output_format_is_one_module(tmp_path: Path) -> None:
    """A module in copycheck.formatters that declares FORMAT is a --format choice (listed in its
    order) and a config value, with no other change."""
    import sys

    (tmp_path / "shout.py").write_text(
        "from copycheck.formatters import OutputFormat\n\n"
        "def format_shout(report, lang='zh'):\n"
        "    return ''.join(f'{file.path}: {file.risk.level.upper()}\\n' for file in report.files)\n\n"
        "FORMAT = OutputFormat('shout', format_shout, order=65)\n",
        encoding="utf-8",
    )
    write(tmp_path, "a.txt")
    launcher = (
        "import sys, copycheck.formatters as formatters\n"
        f"formatters.__path__.append({str(tmp_path)!r})\n"
        "from copycheck.cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )

    def shout(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-c", launcher, *args]
        return subprocess.run(command, capture_output=True, text=True, encoding="utf-8", cwd=tmp_path, timeout=120)

    assert shout("--format", "shout", "a.txt").stdout == "a.txt: HIGH\n"
    assert "[text|json|sarif|github|jsonl|concise|shout|html]" in shout("check", "--help").stdout
    (tmp_path / "copycheck.toml").write_text('format = "shout"\n', encoding="utf-8")
    assert shout("a.txt").stdout == "a.txt: HIGH\n"


# -- outputs that cannot be written ------------------------------------------------------------


def test_unwritable_outputs_are_one_line_errors_before_checking(tmp_path: Path) -> None:
    write(tmp_path, "post.txt")
    for option in ("--write-baseline", "-o"):
        result = run(option, "/no/such/dir/x.json", "post.txt", cwd=tmp_path)
        assert result.returncode == 2
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith("copycheck: error: "), result.stderr
        assert "/no/such/dir/x.json: cannot write: no folder /no/such/dir" in lines[0]
        assert "internal error" not in result.stderr and result.stdout == ""
    (tmp_path / "copycheck.toml").write_text('output-file = "missing/out.txt"\n', encoding="utf-8")
    configured = run("post.txt", cwd=tmp_path)
    assert configured.returncode == 2
    assert configured.stderr.startswith(f"copycheck: error: {tmp_path / 'copycheck.toml'}: output-file ")
