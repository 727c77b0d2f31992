"""The consumer HTML report: escaping, highlighting, verdicts, provisions (no browser)."""

from __future__ import annotations

from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest

from copycheck.formatters.html import format_html, verdict
from copycheck.model import Text, severity_rank
from copycheck.report import Finding, LineIndex

ROOT = Path(__file__).resolve().parent.parent
PITCH = (ROOT / "examples" / "agent-pitch.txt").read_text(encoding="utf-8")
WARNING = (ROOT / "examples" / "consumer-warning.txt").read_text(encoding="utf-8")
HONEST = (ROOT / "examples" / "honest-shop.txt").read_text(encoding="utf-8")
HOSTILE = (
    "诚招代理！代理费只要1980<script>alert(1)</script>\n"
    '月入十万不是梦"><img src=x onerror=alert(1)>\n'
    '<a href="javascript:alert(1)">点我领取</a> 详情私聊\n'
)
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Page(HTMLParser):
    """Collects tags, attributes and the post text with the severity and findings of every character."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.post_depth: int | None = None
        self.mark: dict[str, str | None] | None = None
        self.post = ""
        self.cover: list[tuple[str, tuple[str, ...]] | None] = []  # per character: (severity, finding anchors)
        self.nested_marks = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag in VOID:
            return
        if tag == "mark" and self.mark is not None:
            self.nested_marks += 1
        self.stack.append(tag)
        if tag == "div" and "post" in (attributes.get("class") or "").split():
            self.post_depth = len(self.stack)
        if tag == "mark" and self.post_depth is not None:
            self.mark = attributes

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else None}>")
            return
        if self.post_depth is not None and len(self.stack) == self.post_depth:
            self.post_depth = None
        self.stack.pop()
        if tag == "mark":
            self.mark = None

    def handle_data(self, data: str) -> None:
        if self.post_depth is None:
            return
        self.post += data
        if self.mark is None:
            self.cover.extend([None] * len(data))
        else:
            severity = next(c.removeprefix("sev-") for c in self.mark["class"].split() if c.startswith("sev-"))
            anchors = tuple(self.mark["data-findings"].split())
            self.cover.extend([(severity, anchors)] * len(data))


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


def report_for(checker, *texts: str, path: str = "<pasted>"):
    return checker.report([checker.check(text, path, markup=None) for text in texts])


def assert_safe(html: str) -> Page:
    page = parse(html)
    assert not page.errors, page.errors
    assert page.stack == [], page.stack
    lower = html.lower()
    assert "http://" not in lower and "https://" not in lower
    assert "<script" not in lower and "<link" not in lower and "<img" not in lower and "<iframe" not in lower
    for tag, attributes in page.tags:
        assert tag not in ("script", "link", "img", "iframe", "object", "embed", "base"), tag
        for name, value in attributes.items():
            assert not name.startswith("on"), (tag, name)
            assert name not in ("src", "srcset", "action", "formaction"), (tag, name)
            if name == "href":
                assert value is not None and value.startswith("#"), value
            assert "javascript:" not in (value or "").lower(), (tag, name, value)
    return page


def test_hostile_input_is_inert_text(checker):
    report = report_for(checker, HOSTILE, path='<script>alert("p")</script>.txt')
    html = format_html(report)
    page = assert_safe(html)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&lt;a href=&quot;javascript:alert(1)&quot;&gt;" in html
    assert "&lt;script&gt;alert(&quot;p&quot;)&lt;/script&gt;.txt" in html  # the path, escaped
    assert page.post == HOSTILE  # the post reads exactly as pasted


def test_output_is_self_contained(checker):
    html = format_html(report_for(checker, PITCH, WARNING, HONEST))
    assert_safe(html)
    assert html.startswith("<!DOCTYPE html>")
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    assert '"PingFang SC"' in html and '"Noto Sans CJK SC"' in html and '"Microsoft YaHei"' in html
    assert "url(" not in html and "@import" not in html and "@font-face" not in html


def test_every_active_finding_is_marked_with_its_worst_severity(checker):
    report = report_for(checker, PITCH)
    file = report.files[0]
    page = assert_safe(format_html(report))
    assert page.nested_marks == 0
    assert page.post == file.text
    active = [f for f in file.findings if f.active]
    assert active
    for finding in active:
        pieces = page.cover[finding.location.start : finding.location.end]
        assert all(piece is not None for piece in pieces), finding.location.text
        marked = "".join(page.post[i] for i in range(finding.location.start, finding.location.end))
        assert marked == finding.location.text
    for offset, piece in enumerate(page.cover):
        covering = [f for f in active if f.location.start <= offset < f.location.end]
        if not covering:
            assert piece is None, offset
            continue
        assert piece is not None
        severity, anchors = piece
        assert severity == max((f.severity for f in covering), key=severity_rank)
        assert len(anchors) == len(covering)


def _finding(index: LineIndex, rule: str, severity: str, start: int, end: int) -> Finding:
    return Finding(
        rule=rule,
        category="income-promise",
        severity=severity,
        rule_severity=severity,
        message=Text(f"消息{rule}", f"message {rule}"),
        location=index.location(start, end),
        context=None,
        references=(),
    )


def test_overlapping_findings_are_split_without_nesting(checker):
    text = "甲乙丙丁戊己庚辛壬癸"
    report = report_for(checker, text)
    index = LineIndex(text)
    findings = (
        _finding(index, "INC001", "medium", 0, 6),
        _finding(index, "INC002", "critical", 3, 9),
        _finding(index, "INC003", "low", 4, 5),
        _finding(index, "INC004", "high", 8, 10),
    )
    report = replace(report, files=(replace(report.files[0], findings=findings),))
    html = format_html(report)
    page = assert_safe(html)
    assert page.nested_marks == 0
    assert page.post == text
    expected = ["medium"] * 3 + ["critical"] * 6 + ["high"]
    assert [piece[0] if piece else None for piece in page.cover] == expected
    assert [len(piece[1]) if piece else 0 for piece in page.cover] == [1, 1, 1, 2, 3, 2, 1, 1, 2, 1]
    # One <mark> per piece between boundaries 0,3,4,5,6,8,9,10.
    assert html.count("<mark class=") - html.count('<li><mark class="sev-') == 7
    for anchor in {a for piece in page.cover if piece for a in piece[1]}:
        assert f'id="{anchor}"' in html


def test_risky_pitch_verdict_advice_and_provisions(checker):
    report = report_for(checker, PITCH)
    html = format_html(report)
    assert verdict(report, report.files[0]).headline == "严重风险：这段话具备传销的典型特征"
    assert "这段话具备传销的典型特征" in html
    assert "<details" in html and "<summary" in html
    for advice in ("代理费", "担保交易", "聊天记录", "全国12315平台", "12315", "110"):
        assert advice in html
    psr7 = report.provisions["psr-7"]
    assert psr7.item_text("二") in html
    assert "《禁止传销条例》第七条（二）" in html
    assert report.rules["INC901"].why.zh in html and report.rules["INC901"].suggest.zh in html


def test_benign_text_is_calm(checker):
    html = format_html(report_for(checker, HONEST))
    assert_safe(html)
    assert "无明显风险" in html
    assert '<mark class="sev-' not in html.split('<div class="post"', 1)[1]
    for category in ("承诺高收入", "招代理", "私下转账", "治病", "不退不换", "躲避审核"):
        assert category in html
    assert "12315" not in html and "110" not in html  # no alarm advice for a benign post


def test_negated_mentions_are_listed_muted_not_highlighted(checker):
    report = report_for(checker, WARNING)
    html = format_html(report)
    page = assert_safe(html)
    assert report.files[0].findings and not any(f.active for f in report.files[0].findings)
    assert all(piece is None for piece in page.cover)
    assert "提到了，但不是在宣传" in html
    assert "无明显风险" in html
    section = html.split("提到了，但不是在宣传", 1)[1]
    assert "「月入十万」" in section and "「代理费」" in section


@pytest.mark.parametrize("text", [PITCH, HONEST])
def test_english(checker, text):
    report = report_for(checker, text)
    html = format_html(report, lang="en")
    assert_safe(html)
    assert '<html lang="en">' in html
    if text == PITCH:
        assert "Critical risk" in html and "This pitch has the typical signs of a pyramid scheme" in html
        assert "Regulations on Prohibition of Pyramid Selling (禁止传销条例), Art. 7(2)" in html
        assert "12315" in html and "call 110" in html
    else:
        assert "No obvious risk" in html


def test_multiple_files_and_errors(checker):
    from copycheck.report import InputError

    report = checker.report(
        [checker.check(PITCH, "a.txt", markup=None), checker.check(HONEST, "b.txt", markup=None)],
        [InputError("<missing>.txt", "no such file or directory")],
    )
    html = format_html(report)
    page = assert_safe(html)
    assert "文件：a.txt" in html and "文件：b.txt" in html
    assert "&lt;missing&gt;.txt: no such file or directory" in html
    ids = [attributes["id"] for _, attributes in page.tags if "id" in attributes]
    assert len(ids) == len(set(ids))


def test_repeated_findings_link_to_the_first_explanation() -> None:
    from copycheck.checker import Checker
    from copycheck.formatters.html import format_html

    checker = Checker()
    line = "诚招代理！代理费1980，直推奖20%，月入十万不是梦。\n"

    def page(times: int) -> str:
        return format_html(checker.report([checker.check(line * times, "<pasted>", markup=None)]))

    provision = "组织者或者经营者通过发展人员"
    assert page(2).count(provision) == page(20).count(provision) > 0
    assert "同类问题的第一处" in page(2)
