from __future__ import annotations

import random

import pytest

from copycheck.inputs import markup
from copycheck.inputs.markup import comment_spans, markup_kind, mask_markup, visible_text
from copycheck.view.normalise import NormalisedText

CLAIM = "月入十万"


def check_shape(text: str, kind: str) -> str:
    """Mask, and assert the invariants every result must keep."""
    masked = mask_markup(text, kind)
    assert len(masked) == len(text)
    assert [i for i, c in enumerate(masked) if c == "\n"] == [i for i, c in enumerate(text) if c == "\n"]
    for i, (before, after) in enumerate(zip(text, masked, strict=True)):
        assert after in (before, " "), (i, before, after)
        if before == "\r" and text.startswith("\n", i + 1):
            assert after == "\r"
    return masked


def kept(text: str, kind: str, piece: str) -> bool:
    """``piece`` survives at its original offset."""
    start = text.index(piece)
    return check_shape(text, kind)[start : start + len(piece)] == piece


def gone(text: str, kind: str, piece: str) -> bool:
    start = text.index(piece)
    return not check_shape(text, kind)[start : start + len(piece)].strip()


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("a.md", "markdown"),
        ("dir/A.MARKDOWN", "markdown"),
        ("x.Md", "markdown"),
        ("page.html", "html"),
        ("page.HTM", "html"),
        ("notes.txt", None),
        ("README", None),
        ("dir.md/file", None),
        ("-", None),
    ],
)
def test_markup_kind(path: str, kind: str | None) -> None:
    assert markup_kind(path) == kind


# -- Markdown -------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        f"前言\n```\n{CLAIM}\n```\n后记",
        f"前言\n```python title='x'\n{CLAIM}\n```\n后记",
        f"前言\n~~~\n{CLAIM}\n~~~\n后记",
        f"前言\n   ```\n{CLAIM}\n   ```\n后记",
        f"前言\n````\n```\n{CLAIM}\n````\n后记",  # a shorter fence does not close
        f"前言\n```\n{CLAIM}",  # unclosed: to the end
        f"> 引用\n> ```\n> {CLAIM}\n> ```\n后记",
        f"- 项目\n\n  ```\n  {CLAIM}\n  ```\n后记",
        f"- ```\n  {CLAIM}\n  ```\n后记",
    ],
)
def test_fenced_code_is_masked(text: str) -> None:
    masked = check_shape(text, "markdown")
    assert gone(text, "markdown", CLAIM)
    assert "`" not in masked and "~" not in masked
    assert masked.startswith(("前言", "> 引用", "- 项目", "   "))  # a list marker on a fence line goes with it
    if "后记" in text:
        assert kept(text, "markdown", "后记")


def test_fence_lines_and_info_string_masked() -> None:
    text = "```js 月入\ncode\n```\n正文"
    assert check_shape(text, "markdown") == " " * 8 + "\n    \n   \n正文"


def test_fence_ends_with_its_blockquote() -> None:
    text = f"> ```\n> code\n{CLAIM}"
    assert kept(text, "markdown", CLAIM)


def test_backtick_fence_info_may_not_hold_backticks() -> None:
    text = f"```a`b```\n{CLAIM}"  # an inline code span, not a fence
    assert kept(text, "markdown", CLAIM)


def test_four_spaces_is_not_a_fence() -> None:
    text = f"段落\n    ```\n{CLAIM}"
    assert kept(text, "markdown", CLAIM)


@pytest.mark.parametrize(
    ("text", "prose"),
    [
        (f"正文\n\n    {CLAIM}\n\n后记", "正文\n\n"),
        (f"正文\n\n\t{CLAIM}\n\n后记", "后记"),
        (f"    {CLAIM}\n\n后记", "后记"),
        (f"正文\n\n    代码\n\n    {CLAIM}", "正文"),
        (f"```\n```\n    {CLAIM}\n正文", "正文"),  # right after a fence
    ],
)
def test_indented_code_is_masked(text: str, prose: str) -> None:
    assert gone(text, "markdown", CLAIM)
    assert kept(text, "markdown", prose)


@pytest.mark.parametrize(
    "text",
    [
        f"正文\n    {CLAIM}",  # continues a paragraph
        f"- 项目\n\n    {CLAIM}",  # inside a list item
        f"1. 项目\n   - 子项\n\n     {CLAIM}",
    ],
)
def test_indented_text_that_is_not_code_is_kept(text: str) -> None:
    assert kept(text, "markdown", CLAIM)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (f"说 `{CLAIM}` 吧", f"`{CLAIM}`"),
        (f"说 ``co`de {CLAIM}`` 吧", f"``co`de {CLAIM}``"),
        (f"说 ``` `{CLAIM}` ``` 吧", f"``` `{CLAIM}` ```"),
        (f"说 `多行\n{CLAIM}` 吧", f"`多行\n{CLAIM}`"),
    ],
)
def test_code_spans_are_masked(text: str, code: str) -> None:
    masked = check_shape(text, "markdown")
    assert gone(text, "markdown", code)
    assert masked.startswith("说 ") and masked.endswith(" 吧")


@pytest.mark.parametrize(
    "text",
    [
        f"孤单的 ` 反引号 {CLAIM}",
        f"长度不配 `` {CLAIM} `",
        f"转义 \\`{CLAIM}`",
        f"段落 `开始\n\n{CLAIM}` 不跨空行",
    ],
)
def test_unmatched_backticks_leave_text(text: str) -> None:
    assert kept(text, "markdown", CLAIM)


def test_html_in_markdown() -> None:
    text = f'<b>月</b>入<span class="x">十万</span><img src="a.png" alt="x">\n<br/>{CLAIM}'
    masked = check_shape(text, "markdown")
    assert masked.split() == ["月", "入", "十万", CLAIM]
    assert kept(text, "markdown", "十万")


def test_markdown_comments() -> None:
    text = f"前<!-- 注释\n\n{CLAIM} -->后"
    masked = check_shape(text, "markdown")
    assert masked.split() == ["前", "后"]
    assert comment_spans(text, "markdown") == [(1, len(text) - 1, f" 注释\n\n{CLAIM} ")]


def test_markdown_script_and_pre_contents() -> None:
    text = f"<script>\nvar s = '{CLAIM}';\n</script>\n<pre>\n{CLAIM}\n\n```\n</pre>\n后记"
    masked = check_shape(text, "markdown")
    assert masked.split() == ["后记"]


@pytest.mark.parametrize(
    ("text", "visible"),
    [
        ('[点击这里](https://a.cn/x?y=1 "标题")。', ["点击这里", "。"]),
        ("![产品图](img/a.png)好", ["产品图", "好"]),
        ("[链接](<a b.html>)好", ["链接", "好"]),
        ("[链接](/u(1)) 好", ["链接", "好"]),
        ("[链接][参考] 和 [简写][]", ["链接", "和", "简写"]),
        ("[外 [内](/a) 外](/b)", ["[外", "内", "外](/b)"]),
        ("[不是链接] (url)", ["[不是链接]", "(url)"]),
        ("[未闭合](url 好", ["[未闭合](url", "好"]),
        ("\\[转义](url)", ["\\[转义](url)"]),
        ("<https://example.com/月入> 与 <a@b.cn>", ["与"]),
        ('[id]: https://a.cn "标题"\n[x]: <b c>\n正文', ["正文"]),
        ("[注意]: 月入十万", ["[注意]:", "月入十万"]),  # not a URL: prose
    ],
)
def test_links(text: str, visible: list[str]) -> None:
    assert check_shape(text, "markdown").split() == visible


def test_link_text_keeps_offsets() -> None:
    text = f"看[{CLAIM}](http://x.cn)!"
    masked = check_shape(text, "markdown")
    assert masked == f"看 {CLAIM}              !"


def test_front_matter() -> None:
    text = f"---\ntitle: {CLAIM}\ntags: [a]\n---\n正文"
    assert check_shape(text, "markdown").split() == ["正文"]
    assert kept(f"正文\n---\n{CLAIM}\n---", "markdown", CLAIM)  # only at the very start
    assert kept(f"---\n{CLAIM}", "markdown", CLAIM)  # unclosed: a thematic break


def test_emphasis_and_entities_in_markdown() -> None:
    text = "**月**入&nbsp;_十万_ &#26376; &bogus; AT&T"
    masked = check_shape(text, "markdown")
    assert masked == "**月**入" + " " * 6 + "_十万_ " + " " * 8 + " &bogus; AT&T"
    assert NormalisedText(masked).compact.startswith(CLAIM)


def test_comments_inside_code_are_not_returned() -> None:
    text = (
        "<!-- copycheck: ignore[INC001] 原因 -->\n"
        "```\n<!-- 围栏里 -->\n```\n"
        "`<!-- 行内代码 -->`\n\n"
        "    <!-- 缩进代码 -->\n\n"
        "<!--真的-->"
    )
    spans = comment_spans(text, "markdown")
    assert [inner for _, _, inner in spans] == [" copycheck: ignore[INC001] 原因 ", "真的"]
    for start, end, inner in spans:
        assert text[start:end] == f"<!--{inner}-->"
    assert not check_shape(text, "markdown").strip()


def test_comment_opening_a_fence_lookalike() -> None:
    text = f"<!--\n```\n-->\n{CLAIM}"
    assert kept(text, "markdown", CLAIM)
    assert comment_spans(text, "markdown") == [(0, 12, "\n```\n")]


def test_short_comments() -> None:
    text = "a<!-->b<!--->c"
    assert comment_spans(text, "markdown") == [(1, 6, ""), (7, 13, "")]
    assert check_shape(text, "html").split() == ["a", "b", "c"]


# -- HTML -----------------------------------------------------------------


def test_text_between_tags_keeps_offsets() -> None:
    text = '<p class="a">月入</p>\n<div\n  id="x"\n  data-x=\'>\'>十万</div>'
    masked = check_shape(text, "html")
    for piece in ("月入", "十万"):
        assert kept(text, "html", piece)
    assert masked.split() == ["月入", "十万"]


def test_tags_script_style_code_pre() -> None:
    text = (
        "<!DOCTYPE html><html><head><title>标题</title>"
        f"<style>p::before {{ content: '{CLAIM}' }}</style>"
        f'<script type="text/javascript">if (a < b) alert("{CLAIM}");</SCRIPT >'
        f"</head><body>正文<code>{CLAIM}</code>"
        f"<pre><b>{CLAIM}</b><code>x</code>{CLAIM}</pre>尾</body></html>"
    )
    assert check_shape(text, "html").split() == ["标题", "正文", "尾"]


def test_html_entities() -> None:
    text = "月&nbsp;入&amp;&#26376;&#x6708;&lt;十万&notanentity;"
    masked = check_shape(text, "html")
    assert masked == "月" + " " * 6 + "入" + " " * (5 + 8 + 8 + 4) + "十万&notanentity;"
    assert NormalisedText(masked).compact == "月入十万notanentity"


def test_html_comments_and_cdata() -> None:
    text = "前<!-- a\n<p>b</p> -->中<![CDATA[x]]><?php echo 1 ?>后"
    assert check_shape(text, "html").split() == ["前", "中", "后"]
    assert comment_spans(text, "html") == [(1, 20, " a\n<p>b</p> ")]


def test_comment_inside_pre_is_a_comment_but_not_inside_script() -> None:
    text = "<pre><!--a--></pre><script><!--b--></script>"
    assert [inner for _, _, inner in comment_spans(text, "html")] == ["a"]


@pytest.mark.parametrize(
    "text",
    [
        f"a < b, {CLAIM}",
        f"<p unclosed {CLAIM}",
        f'<p title="未闭合>{CLAIM}',
        f"<!-- 未闭合 {CLAIM}",
        f"<script>{CLAIM}",
        f"</ {CLAIM}",
        f"<![CDATA[{CLAIM}",
        f"<月>{CLAIM}",
    ],
)
def test_malformed_html_leaves_text(text: str) -> None:
    assert kept(text, "html", CLAIM)


def test_unclosed_pre_masks_only_its_tag() -> None:
    text = f"<pre>{CLAIM}"
    assert check_shape(text, "html") == f"     {CLAIM}"


def test_self_closing_code_does_not_open_code() -> None:
    assert kept(f"<code/>{CLAIM}", "html", CLAIM)


def test_unknown_kind_returns_text() -> None:
    text = f"<b>{CLAIM}</b>"
    assert mask_markup(text, "plain") == text
    assert comment_spans(text, "plain") == []


# -- line endings, normaliser, robustness --------------------------------


@pytest.mark.parametrize("kind", ["markdown", "html"])
def test_crlf_is_preserved(kind: str) -> None:
    text = f"首行\r\n```\r\n{CLAIM}\r\n```\r\n<b\r\nclass=x>尾</b>\r\n<!--\r\n-->\r\n"
    masked = check_shape(text, kind)
    assert [i for i, c in enumerate(masked) if c in "\r\n"] == [i for i, c in enumerate(text) if c in "\r\n"]
    if kind == "markdown":
        assert masked.split() == ["首行", "尾"]


def test_masked_html_keeps_prose_matching() -> None:
    assert NormalisedText(mask_markup("月<b>入</b>十万", "html")).compact == CLAIM
    assert NormalisedText(mask_markup("[月入](http://a)十万", "markdown")).compact == CLAIM


def test_normalised_offsets_point_at_original_prose() -> None:
    text = "<p>前言</p>\n<p>月<em>入</em>十万</p>"
    norm = NormalisedText(mask_markup(text, "html"))
    start = norm.compact.index(CLAIM)
    begin, end = norm.to_original(start, start + len(CLAIM))
    assert text[begin:end] == "月<em>入</em>十万"


PIECES = [
    "月入十万",
    "招代理",
    "正文。",
    " ",
    "\n",
    "\r\n",
    "\n\n",
    "\t",
    "    ",
    "```",
    "```js\n",
    "~~~",
    "`",
    "``",
    "\\",
    "<",
    ">",
    "<b>",
    "</b>",
    "<img src='a.png'>",
    '<a href="x',
    "<!--",
    "-->",
    "<!-- 注释 -->",
    "<script>",
    "</script>",
    "<pre>",
    "</pre>",
    "<code>",
    "</code>",
    "&nbsp;",
    "&#26376;",
    "&",
    "[",
    "]",
    "![",
    "](",
    "](url)",
    '"标题"',
    "(",
    ")",
    "[id]: http://a.cn\n",
    "---\n",
    "> ",
    "- ",
    "1. ",
    "<https://a.cn>",
    "*",
    "_",
    "=",
    "'",
    "\u3000",
    "🔥",
]


@pytest.mark.parametrize("seed", range(300))
@pytest.mark.parametrize("kind", ["markdown", "html"])
def test_random_mixes_keep_shape(seed: int, kind: str) -> None:
    rng = random.Random(seed)
    text = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 80)))
    markup._collect(text, kind)  # the unguarded core must not raise either
    masked = check_shape(text, kind)
    previous_end = -1
    for start, end, inner in comment_spans(text, kind):
        assert previous_end <= start < end <= len(text)
        assert text[start:end] in (f"<!--{inner}-->", "<!-->", "<!--->")
        assert not masked[start:end].strip()
        previous_end = end
    NormalisedText(masked)  # the normaliser accepts every masked text


def test_prose_between_random_markup_blocks_survives() -> None:
    rng = random.Random(7)
    blocks = ["<b>粗</b>", "`代码`", "[链接](http://a.cn)", "<!-- 注释 -->", "&nbsp;", "```\n代码\n```", "*强调*"]
    for _ in range(200):
        parts = [rng.choice(blocks) for _ in range(rng.randint(1, 6))]
        position = rng.randint(0, len(parts))
        parts.insert(position, CLAIM)
        text = "\n\n".join(parts)
        for kind in ("markdown", "html"):
            if kind == "html" and "```" in text:
                continue
            assert kept(text, kind, CLAIM), (text, kind)
            assert CLAIM in NormalisedText(mask_markup(text, kind)).compact


@pytest.mark.parametrize(
    ("text", "visible"),
    [
        ('[甲](u "ti\\"t)le")好', ["甲", "好"]),  # escaped quote inside a title
        ("[甲](u (标题))好", ["甲", "好"]),
        ("[甲](" + "(" * 40 + "u" + ")" * 41 + "好", ["[甲](" + "(" * 40 + "u" + ")" * 41 + "好"]),  # too deep
        ("前<?php echo 1 ?>中<!DOCTYPE html>后<![CDATA[x]]>尾", ["前", "中", "后", "尾"]),
        ("前<code>月\n入</code>后", ["前", "后"]),
        ("前<pre>\n\n月\n\n</pre>后", ["前", "后"]),
    ],
)
def test_more_markdown(text: str, visible: list[str]) -> None:
    assert check_shape(text, "markdown").split() == visible


@pytest.mark.parametrize(
    "unit",
    ["[a](", "[a](b", "<!--", "<!x", "<![CDATA[", "<?", '<a b="', '<a b=">"', "<script>", "<pre>x", "``` ` ", "</a"],
)
def test_unclosed_markup_scans_in_linear_time(unit: str) -> None:
    import time

    text = unit * (60_000 // len(unit))
    began = time.perf_counter()
    for kind in ("markdown", "html"):
        assert len(mask_markup(text, kind)) == len(text)
    assert time.perf_counter() - began < 10  # quadratic scanning would take minutes


def test_visible_text_leaves_markup_out_and_decodes_references_when_asked() -> None:
    text = "诚招<b>代理</b> &amp; 月&#26376;入"
    masked = mask_markup(text, "html")
    assert visible_text(text, masked) == "诚招代理  月入"  # as the matchers read it
    assert visible_text(text, masked, decode=True) == "诚招代理 & 月月入"  # as a browser shows it
    assert visible_text("月入十万", "月入十万", decode=True) == "月入十万"
