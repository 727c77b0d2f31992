"""Hostile input: random texts never raise, every span is exact, and checking is deterministic.

The texts are built from what breaks checkers: red-flag words and their disguises, numerals and
units in long runs, masked digits, separators and emoji between characters, traditional
characters, markup and suppression comments, control and surrogate-free odd code points.
Seeded and bounded, so a run takes well under a minute; ``COPYCHECK_FUZZ_EXAMPLES`` raises
the count for a long run (the closing note of the hostile-input issue reports one).
"""

from __future__ import annotations

import os

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, seed, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from copycheck import Checker  # noqa: E402
from copycheck.findings import LineIndex  # noqa: E402

PIECES = [
    "月入十万", "月 入 十 萬", "日赚", "躺赚", "诚招代理", "代理费1980", "加V", "➕V", "薇信", "vx", "私聊",
    "拉一个人返", "下线", "提成", "百分之二十", "15%", "转账截图", "包治", "糖尿病", "最", "第一", "国家级",
    "不退不换", "警惕", "骗局", "据介绍", "商家说", "某某公司", "x万", "DIGIT", "xxxx元", "上百", "过万",
    "万", "亿", "千", "十", "两", "1", "0", "9", ".", ",", "，", "。", "！", "？", "、", "\n", "\n\n", " ",
    "\t", "*", "#", "~", "-", "_", "🔥", "💰", "\u200b", "\ufeff", "\x0b", "(", ")", "（", "）", "“", "”",
    "<!-- copycheck: ignore[INC001] 引用 -->", "<!-- copycheck: disable[INC001] x -->",
    "<!-- copycheck: enable[INC001] -->", "`", "```", "<p>", "</p>", "<script>", "&amp;", "[", "](", "x0dx0a",
    "網(wǎng)站", "詳情", "刷單", "俌子", "唰单", "斗音", "ｗｘ", "𝐕", "①", "㎏", "\u3000", "\r\n", "\r",
]  # fmt: skip
TEXTS = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(max_size=4)),
    max_size=60,
).map("".join)
EXAMPLES = int(os.environ.get("COPYCHECK_FUZZ_EXAMPLES", "1500"))
CHECKER = Checker()


def assert_exact(text: str, report) -> None:
    index = LineIndex(text)
    for finding in report.findings:
        for loc in (finding.location, *(part.location for part in finding.parts)):
            assert 0 <= loc.start < loc.end <= len(text)
            assert text[loc.start : loc.end] == loc.text
            assert (loc.line, loc.column) == index.line_col(loc.start)
            end_line, end_column = index.line_col(loc.end - 1)
            assert (loc.end_line, loc.end_column) == (end_line, end_column + 1)


@seed(20261202)
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,  # nothing written into the checkout
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(text=TEXTS, markup=st.sampled_from([None, "markdown", "html"]))
def test_random_texts_never_raise_and_spans_are_exact(text: str, markup: str | None) -> None:
    first = CHECKER.check(text, "fuzz.txt", markup=markup)
    assert_exact(text, first)
    again = CHECKER.check(text, "fuzz.txt", markup=markup)
    assert again.findings == first.findings and again.risk == first.risk and again.omitted == first.omitted
