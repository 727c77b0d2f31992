"""The HTML pages (no browser): the consumer's page (``vet --format html``, the web page): escaping,
highlighting, verdicts, provisions; and the run report for the copy's author (``--format html``):
an index by risk, problems counted as the text format counts them, no consumer advice."""

from __future__ import annotations

from dataclasses import replace
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from copycheck.findings import Finding, LineIndex
from copycheck.formatters.html import format_html, verdict
from copycheck.ruleset.model import Text, severity_rank

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
    active = [f for f in file.findings if f.asserted]
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
    assert report.files[0].findings and not any(f.asserted for f in report.files[0].findings)
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
    from copycheck.findings import InputError

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


# ---------------------------------------------------------------------------------------------------------
# The run report for the copy's author (copycheck --format html)


def _sections(html: str) -> list[tuple[str, str]]:
    """``(anchor, path)`` of every file section, in page order."""
    import re

    return re.findall(
        r'<section class="card file-report [^"]*" id="(file-\d+)"[^>]*><h2 class="path"[^>]*>([^<]*)</h2>', html
    )


def _index_rows(html: str) -> list[tuple[str, str, str, str, str]]:
    """``(level, anchor, path, score, problems)`` of every row of the index, in order."""
    import re

    table = html.split('<section class="card index"', 1)[1].split("</table>", 1)[0]
    return re.findall(
        r'<tr class="lv-(\w+)"><td class="path"><a href="#(file-\d+)">([^<]*)</a></td><td>.*?</td>'
        r'<td class="num">(\d+)</td><td class="num">(\d+)</td></tr>',
        table,
    )


def assert_links_resolve(html: str) -> Page:
    page = assert_safe(html)
    ids = [attributes["id"] for _, attributes in page.tags if "id" in attributes]
    assert len(ids) == len(set(ids)), [i for i in ids if ids.count(i) > 1]
    hrefs = {attributes["href"] for _, attributes in page.tags if attributes.get("href")}
    assert hrefs and all(href[1:] in ids for href in hrefs), hrefs - {f"#{i}" for i in ids}
    return page


def test_report_index_orders_files_by_risk_and_links_to_their_sections(checker):
    from copycheck.findings import Risk
    from copycheck.formatters.html_report import format_html_report

    base = checker.check(PITCH, "x.txt", markup=None)
    levels = {"n.txt": ("none", 0), "m.txt": ("medium", 40), "c.txt": ("critical", 90), "l.txt": ("low", 10),
              "h.txt": ("high", 70), "c2.txt": ("critical", 100), "m2.txt": ("medium", 55)}  # fmt: skip
    files = [replace(base, path=path, risk=Risk(level, score, ())) for path, (level, score) in levels.items()]
    html = format_html_report(checker.report(files))
    assert_links_resolve(html)
    rows = _index_rows(html)
    assert [path for _, _, path, _, _ in rows] == ["c2.txt", "c.txt", "h.txt", "m2.txt", "m.txt", "l.txt", "n.txt"]
    assert [level for level, *_ in rows] == ["critical", "critical", "high", "medium", "medium", "low", "none"]
    assert [int(score) for *_, score, _ in rows] == [100, 90, 70, 55, 40, 10, 0]
    # Each row links to the section of its file, and the sections follow the index's order.
    assert [(anchor, path) for _, anchor, path, _, _ in rows] == _sections(html)
    # The level label is the one vocabulary of the levels (formatters.LEVEL_NAMES).
    assert (
        '<span class="badge lvl lv-critical">严重</span>' in html
        and '<span class="badge lvl lv-none">无</span>' in html
    )
    assert "共检查 7 个文件：" in html and "3 个文件达到高风险及以上。" in html


def test_report_counts_problems_as_the_text_format_does_hints_excluded(checker):
    from copycheck.formatters import PLAIN, Style
    from copycheck.formatters.html_report import format_html_report, problem_count
    from copycheck.formatters.text import format_text

    report = checker.report(
        [checker.check(PITCH, "pitch.txt", markup=None), checker.check(WARNING, "warning.txt", markup=None),
         checker.check(HONEST, "honest.txt", markup=None)]
    )  # fmt: skip
    pitch, warning, _ = report.files
    hints = [f for f in pitch.findings if f.severity == "info"]
    compounds = [f for f in pitch.findings if f.is_compound]
    assert hints and compounds  # the post has hints and compounds, neither of which is a problem
    expected = sum(1 for f in pitch.findings if f.severity != "info" and not f.is_compound)
    assert problem_count(pitch) == expected
    assert problem_count(warning) == 0 and warning.findings  # negated mentions are hints only
    html = format_html_report(report)
    rows = {path: (level, int(problems)) for level, _, path, _, problems in _index_rows(html)}
    assert rows == {"pitch.txt": ("critical", expected), "warning.txt": ("none", 0), "honest.txt": ("none", 0)}
    text = format_text(report, "zh", PLAIN)
    assert f"{expected} 个问题" in text.splitlines()[-1]
    assert f"共检查 3 个文件：{expected} 个问题，0 个错误。1 个文件达到高风险及以上。" in html
    section = html.split('id="file-1"', 1)[1].split("</section>", 1)[0]
    assert section.count('<li class="sev-') == expected  # one entry per problem
    assert f"提示 {len(hints)} 条（不计入问题）" in section
    # The compound is named in the risk line with the rules it rests on, as in the text format.
    assert 'aria-label="主要因素"' in section and "PYR900" in section.split('<ol class="findings">')[0]
    # Line:column, rule id, severity, message, provisions and the rewrite hint of each problem.
    first = min((f for f in pitch.findings if f.rule == "INC001"), key=lambda f: f.location.start)
    entry = section.split(f'>{first.location.line}:{first.location.column}</a> <code class="rule">INC001</code>', 1)[1]
    entry = entry.split("</li>", 1)[0]
    assert '<span class="badge sev-high">高</span>' in entry and escape(first.message.zh) in entry
    assert "广告法第二十五条" in entry and escape(report.rules["INC001"].suggest.zh) in entry
    assert "1 个文件达到严重风险及以上。" in format_html_report(report, style=Style(fail_on="critical"))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_report_gives_no_consumer_verdict_or_advice(checker, lang):
    import re

    from copycheck.consumer import vet
    from copycheck.consumer.verdict import HEADLINE_REASONS, LEVEL_ADVICE
    from copycheck.formatters import html as consumer
    from copycheck.formatters.html_report import format_html_report

    report = report_for(checker, PITCH, WARNING, HONEST, "诚招代理，美白祛斑，根治湿疹，代理费999")
    html = format_html_report(report, lang)
    assert_links_resolve(html)
    banned = [verdict(report, file, lang).headline for file in report.files]
    banned += [*HEADLINE_REASONS[lang].values(), *LEVEL_ADVICE[lang].values(), consumer.MEDICAL_ADVICE[lang]]
    banned += [re.sub(r"<[^>]+>", "", advice) for advice in consumer.ADVICE[lang]]
    banned += [text.get(lang) for text in (*vet.ADVICE.values(), vet.POLICE, vet.EVIDENCE, vet.COMPLAIN, vet.CALM)]
    banned += [text.get(lang) for text in vet.PLAIN.values()]
    banned += [consumer.labels(lang)[key] for key in ("advice", "why", "suggest", "checked", "mentions", "post_hint")]
    assert [phrase for phrase in banned if phrase in html] == []
    assert "12315" not in html and 'class="advice' not in html and 'class="card verdict' not in html


def test_report_escapes_every_quote_of_evidence(checker):
    from copycheck.formatters.html_report import format_html_report

    text = "诚招代理！月入十万<script>alert(1)</script>不是梦\n"
    index = LineIndex(text)
    start, end = text.index("月"), text.index("不是梦")
    hostile = replace(
        _finding(index, "INC001", "high", start, end),
        message=Text(f"承诺「{text[start:end]}」的收入", f"promises “{text[start:end]}”"),
    )
    report = report_for(checker, text, path='<script>alert("p")</script>.txt')
    report = replace(report, files=(replace(report.files[0], findings=(hostile,)),))
    for lang in ("zh", "en"):
        html = format_html_report(report, lang)
        assert_links_resolve(html)
        assert "<script" not in html.lower()
        assert "月入十万&lt;script&gt;alert(1)&lt;/script&gt;" in html  # a plain-text draft is quoted as written
        assert "&lt;script&gt;alert(&quot;p&quot;)&lt;/script&gt;.txt" in html


@pytest.mark.parametrize(
    ("path", "text"),
    [
        (
            "post.html",
            "<p>诚招代理！月<b>入</b>十万不是梦，代理费<i>1980</i>，直推奖20%。</p>\n<p>加<span>V</span>信私聊</p>\n",
        ),
        ("post.md", "# 招募\n\n诚招代理！月<em>入</em>十万不是梦，代理费<!-- x -->1980，直推奖20%。\n"),
    ],
)
def test_report_quotes_markup_inputs_without_their_tags(checker, path, text):
    from copycheck.formatters.html_report import Evidence, format_html_report

    report = checker.report([checker.check(text, path)])
    file = report.files[0]
    carrying = [f for f in file.findings if "<" in f.location.text]
    assert carrying  # the raw span of 月入十万 holds a tag
    evidence = Evidence(file)
    for finding in carrying:
        assert "<" not in evidence.quote(finding.location)
        assert "<" not in finding.message.zh  # the engine quotes the visible words
    assert evidence.quote(next(f for f in file.findings if f.rule == "INC001").location) == "月入十万"
    html = format_html_report(report)
    assert_links_resolve(html)
    body = html.split("</header>", 1)[1]
    for tag in ("b", "i", "em", "span"):
        assert f"<{tag}>" not in body and f"&lt;{tag}&gt;" not in body and f"&lt;/{tag}&gt;" not in body
    assert "&lt;!--" not in body
    assert "承诺「月入十万」的收入" in body and "<mark>月入十万</mark>" in body


def test_report_in_english(checker):
    from copycheck.formatters.html_report import format_html_report

    report = checker.report(
        [checker.check(PITCH, "pitch.txt", markup=None), checker.check(HONEST, "honest.txt", markup=None)]
    )
    html = format_html_report(report, "en")
    assert_links_resolve(html)
    assert '<html lang="en">' in html and "<title>copycheck report</title>" in html
    for label in ("Files checked", ">File</th>", ">Risk level</th>", ">Score</th>", ">Problems</th>",
                  "Risk level: critical (100/100)", "driven by", "Provisions cited", "Back to the index",
                  "Checked 2 file(s):", "1 file(s) at or above high.", '<span class="badge sev-high">high</span>',
                  "Regulations on Prohibition of Pyramid Selling, Art. 7(2)", "not counted as problems"):  # fmt: skip
        assert label in html, label
    assert '<span class="badge lvl lv-none">none</span>' in html
    assert escape(report.rules["INC001"].suggest.en) in html and escape(report.rules["INC001"].suggest.zh) not in html
    for chinese in (">风险等级", "个问题", "检查结果一览", '"k">依据<', '"k">建议<', "回到一览", "条（不计入问题）"):
        assert chinese not in html, chinese  # the provisions are quoted in Chinese, the original


def test_report_is_self_contained_with_errors_and_no_files(checker):
    from copycheck.findings import InputError
    from copycheck.formatters.html_report import format_html_report

    report = checker.report(
        [checker.check(PITCH, "a.txt", markup=None), checker.check("", "empty.txt", markup=None)],
        [InputError("<missing>.txt", "no such file or directory")],
    )
    html = format_html_report(report)
    assert_links_resolve(html)
    assert html.startswith("<!DOCTYPE html>") and "url(" not in html and "@import" not in html
    assert "&lt;missing&gt;.txt: no such file or directory" in html and "1 个错误" in html
    assert 'id="laws"' in html and escape(report.provisions["psr-7"].text.strip()) in html
    empty = format_html_report(checker.report([], [InputError("x.txt", "no such file or directory")]))
    assert_links_resolve(empty)
    assert "没有检查任何文件。" in empty and "共检查 0 个文件" in empty
