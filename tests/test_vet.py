"""The consumer verdict, through the console script and the formatter."""

from __future__ import annotations

import pytest
from conftest import run

from copycheck.checker import Checker
from copycheck.consumer.vet import CITED, format_vet, one_sentence
from copycheck.ruleset.law import provisions

PITCH = "诚招代理！代理费1980，直推奖20%，月入十万不是梦，加V信私聊。先交定金，直接转我微信。"


def vet_text(text: str, lang: str = "zh", verbose: bool = False) -> str:
    checker = Checker()
    return format_vet(checker.report([checker.check(text, "<pasted>", markup=None)]), lang, verbose)


def test_pyramid_pitch_gets_the_pyramid_verdict_and_advice() -> None:
    out = vet_text(PITCH)
    assert out.splitlines()[0] == "严重风险：这段话具备传销的典型特征"
    assert "「代理费」" in out and "「直推奖」" in out
    assert "禁止传销条例第七条（二）" in out
    assert "不要交入门费" in out and "110" in out and "12315" in out and "保留聊天记录" in out
    assert "PYR" not in out and "INC001" not in out  # no rule ids without --verbose


def test_verbose_shows_rule_ids() -> None:
    assert "INC001" in vet_text(PITCH, verbose=True)


def test_advice_fits_the_flags() -> None:
    out = vet_text("这款面霜能治湿疹，孕妇也能用")
    assert "不能治病" in out
    assert "110" not in out and "入门费" not in out


def test_benign_text_is_calm_and_says_what_was_checked() -> None:
    out = vet_text("新品上架：云南小粒咖啡豆，中度烘焙，500克装。")
    assert out.startswith("无明显风险")
    assert "收益承诺" in out and "私下转账" in out
    english = vet_text("今天天气很好", "en")
    assert english.startswith("No obvious risk")


def test_a_warning_that_quotes_a_pitch_is_not_a_red_flag() -> None:
    assert vet_text("警惕“月入十万不是梦”的骗局，别交代理费！").startswith("无明显风险")


def test_private_payment_is_risk_advice_not_a_law() -> None:
    out = vet_text("不走平台，直接转我微信就行")
    assert "法律没有直接禁止" in out and "平台内下单付款" in out


@pytest.mark.parametrize(("category", "ref"), CITED.items())
def test_cited_sentences_are_verbatim_parts_of_the_provision(category: str, ref) -> None:
    provision = provisions()[ref.id]
    sentence = one_sentence(provision, ref.item).rstrip("。")
    flat = provision.text.replace("\n", "")
    for piece in sentence.split("：") if "：" in sentence else [sentence]:
        stripped = piece.strip("。；")
        assert stripped and stripped in flat, (category, stripped)


def test_vet_reads_stdin_and_files(tmp_path) -> None:
    result = run("vet", stdin=PITCH)
    assert result.returncode == 0 and result.stdout.startswith("严重风险")
    post = tmp_path / "pitch.txt"
    post.write_text(PITCH, encoding="utf-8")
    english = run("vet", str(post), "--lang", "en")
    assert english.stdout.startswith("Critical risk: This pitch has the typical signs of a pyramid scheme")
    missing = run("vet", str(tmp_path / "nope.txt"))
    assert missing.returncode == 2 and "no such file" in missing.stderr


def test_serve_command_answers_on_localhost() -> None:
    import subprocess
    import urllib.parse
    import urllib.request

    from conftest import SCRIPT

    assert SCRIPT is not None
    server = subprocess.Popen(
        [SCRIPT, "serve", "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        line = server.stdout.readline() if server.stdout else ""
        assert line.startswith("copycheck serve: http://127.0.0.1:")
        url = line.split()[2]
        page = urllib.request.urlopen(url, timeout=30).read().decode("utf-8")
        assert "<textarea" in page
        body = urllib.parse.urlencode({"text": PITCH}).encode()
        report = urllib.request.urlopen(url + "check", data=body, timeout=60).read().decode("utf-8")
        assert "传销" in report and "<mark" in report
    finally:
        server.terminate()
        _, errors = server.communicate(timeout=30)
    assert PITCH not in errors  # the submitted text is never logged


def test_one_headline_in_vet_the_html_report_and_the_web_page() -> None:
    """The verdict is decided once: for every labelled example, vet's first line, the HTML
    report's headline and the web page's answer are the same words."""
    import json
    from html import escape
    from io import BytesIO
    from pathlib import Path
    from urllib.parse import urlencode

    from copycheck.consumer import web
    from copycheck.consumer.verdict import verdict
    from copycheck.formatters.html import format_html

    checker = Checker()
    app = web.make_app(checker)
    path = Path(__file__).resolve().parent.parent / "examples/labelled/posts.jsonl"
    posts = [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines()]
    seen = set()
    for text in posts[::3]:
        report = checker.report([checker.check(text.replace("\r\n", "\n"), web.PASTED, markup=None)])
        headline = verdict(report, report.files[0]).headline
        seen.add(headline)
        assert format_vet(report).splitlines()[0] == headline
        assert escape(headline, quote=True) in format_html(report)
        body = urlencode({"text": text}).encode()
        environ = {
            "REQUEST_METHOD": "POST", "PATH_INFO": "/check", "CONTENT_TYPE": "application/x-www-form-urlencoded",
            "CONTENT_LENGTH": str(len(body)), "wsgi.input": BytesIO(body),
        }  # fmt: skip
        page = b"".join(app(environ, lambda status, headers, exc_info=None: None)).decode("utf-8")
        assert escape(headline, quote=True) in page
    assert len(seen) >= 5  # the examples reach several different verdicts


def test_each_red_flag_quotes_its_own_words() -> None:
    # The evasion flag comes only from a compound (recruitment led to a private chat); it must
    # quote the private-chat words, not the recruitment words the compound points at.
    out = vet_text("诚招代理，感兴趣的加我微信")
    flag_lines = [line for line in out.splitlines() if line[:1].isdigit()]
    evasion = next(line for line in flag_lines if "私聊" in line.split("：")[0])
    assert "「加我微信」" in evasion and "诚招代理" not in evasion
    recruitment = next(line for line in flag_lines if "代理" in line.split("：")[0])
    assert "「诚招代理」" in recruitment and "加我微信" not in recruitment


def test_quotes_never_carry_markup() -> None:
    checker = Checker()
    text = "<p>诚招<b>代理</b>，<em>月入十万</em>不是梦</p>"
    out = format_vet(checker.report([checker.check(text, "pitch.html")]))
    assert "<" not in out and ">" not in out.replace("->", "")


def test_messages_quote_the_visible_words_and_spans_stay_exact() -> None:
    checker = Checker()
    text = "<p>诚招<b>代理</b>，<em>月入十万</em>不是梦</p>"
    finding = next(f for f in checker.check(text, "pitch.html").findings if f.rule == "REC001")
    assert finding.location.text == "诚招<b>代理" == text[finding.location.start : finding.location.end]
    assert finding.location.words == "诚招代理"
    assert "「诚招代理」" in finding.message.zh and "<b>" not in finding.message.zh
    markdown = checker.check("诚招**代理**，月入十万", "post.md")
    assert "「诚招代理」" in next(f for f in markdown.findings if f.rule == "REC001").message.zh
