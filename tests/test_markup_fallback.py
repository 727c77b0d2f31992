"""A markup lexer failure: the file is checked as plain text, and every format says so."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from copycheck import cli
from copycheck.inputs import markup

POST = "<b>诚招代理</b>，月入十万\n"


@pytest.fixture
def broken_lexer(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(text: str, kind: str) -> object:
        raise IndexError("lexer bug")

    monkeypatch.setattr(markup, "_collect", boom)


@pytest.fixture
def post(tmp_path: Path) -> Path:
    path = tmp_path / "post.html"
    path.write_text(POST, encoding="utf-8")
    return path


SUPPRESSED = "<!-- copycheck: ignore[REC001] 引用原文 -->\n诚招代理\n"


def test_the_text_is_checked_as_plain_text_and_the_report_says_so(checker, monkeypatch: pytest.MonkeyPatch) -> None:
    read = checker.check(SUPPRESSED, "post.html")
    assert read.markup_fallback == "" and "REC001" not in {f.rule for f in read.findings}
    monkeypatch.setattr(markup, "_collect", lambda text, kind: 1 / 0)
    plain = checker.check(SUPPRESSED, "post.html")
    # As plain text the comment is no suppression: the finding it silenced is reported.
    assert plain.markup_fallback == "html" and "REC001" in {f.rule for f in plain.findings}


NOTE_ZH = "无法解析此文件的 HTML 标记（copycheck 的缺陷），已按纯文本检查"
NOTE_EN = "the HTML markup could not be read (a copycheck bug); the file was checked as plain text"


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    cli.main([*args])
    return capsys.readouterr().out


def test_text_output_carries_the_note(broken_lexer: None, post: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert f"{post}: {NOTE_ZH}\n" in _run(capsys, str(post))
    assert f"{post}: {NOTE_EN}\n" in _run(capsys, "--lang", "en", str(post))


def test_json_output_has_the_field(broken_lexer: None, post: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (file,) = json.loads(_run(capsys, "--format", "json", str(post)))["files"]
    assert file["markup_fallback"] == "html"
    (line,) = _run(capsys, "--format", "jsonl", str(post)).splitlines()
    assert json.loads(line)["markup_fallback"] == "html"


def test_json_field_is_null_when_the_markup_was_read(post: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (file,) = json.loads(_run(capsys, "--format", "json", str(post)))["files"]
    assert file["markup_fallback"] is None


@pytest.mark.parametrize(
    ("output_format", "expected"),
    [
        ("concise", f": note: {NOTE_EN}"),
        ("github", f"::notice file=POST,title=copycheck::{NOTE_EN}"),
        ("html", NOTE_EN),
    ],
)
def test_every_line_format_shows_the_note(
    broken_lexer: None, post: Path, capsys: pytest.CaptureFixture[str], output_format: str, expected: str
) -> None:
    out = _run(capsys, "--lang", "en", "--format", output_format, str(post))
    assert expected.replace("POST", str(post)) in out


def test_sarif_has_a_notification_with_no_rule(
    broken_lexer: None, post: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sarif = json.loads(_run(capsys, "--lang", "en", "--format", "sarif", str(post)))
    notes = sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    (note,) = [n for n in notes if n["message"]["text"] == NOTE_EN]
    assert note["level"] == "note" and "associatedRule" not in note


def test_a_large_file_checked_in_chunks_keeps_the_note(broken_lexer: None, tmp_path: Path, checker) -> None:
    from copycheck.inputs.reading import LargeFile

    path = tmp_path / "big.md"
    path.write_text(POST * 50, encoding="utf-8")
    report = checker.check_large(LargeFile(str(path), path, "utf-8"), chunk_chars=200, overlap_chars=20)
    assert report.markup_fallback == "markdown"
