from __future__ import annotations

import pytest
from conftest import make_rule

from copycheck.engine import Engine
from copycheck.matchers.amount import AmountSpec

INCOME = make_rule(
    "INC001",
    category="income-promise",
    severity="high",
    kind="amount",
    spec=AmountSpec(subjects=(("月入", "month"),), minimum=(("month", 10000.0),), fillers=()),
)
FEE = make_rule("FEE001", category="entry-fee", severity="high", terms=["加盟费"])
ENGINE = Engine([INCOME, FEE])


def contexts(text: str) -> list[tuple[str, str | None, str]]:
    return [(f.rule, f.context, f.severity) for f in ENGINE.check(text).findings]


@pytest.mark.parametrize(
    "text",
    [
        "警惕月入十万的骗局",
        "谨防所谓月入十万",
        "别信什么月入十万",
        "月入十万？都是骗局！",  # debunk cue later in the same sentence
        "天上不会掉馅饼，月入十万就是忽悠人的套路",
    ],
)
def test_warning_and_debunking_clauses_are_negated(text: str) -> None:
    assert contexts(text) == [("INC001", "negated", "info")]


def test_negator_right_before_the_match() -> None:
    assert contexts("本店不收加盟费") == [("FEE001", "negated", "info")]
    assert contexts("没有任何加盟费") == [("FEE001", "negated", "info")]


def test_warning_heading_governs_the_lines_below() -> None:
    text = "常见骗局话术：\n月入十万不是梦\n\n我们月入十万不是梦"
    assert contexts(text) == [("INC001", "negated", "info"), ("INC001", None, "high")]


def test_quoted_in_a_critical_article() -> None:
    text = "这些大师把微商神话化，都是圈钱的套路。\n他们的口号是“月入十万不是梦”。"
    assert contexts(text) == [("INC001", "quoted", "info")]


def test_quoted_promise_in_a_pitch_stays_asserted() -> None:
    assert contexts("宝妈小丽说：“跟着我做，月入三万！”") == [("INC001", None, "high")]


def test_denied_cue_does_not_defuse_a_pitch() -> None:
    assert contexts("我们不是传销，月入十万") == [("INC001", None, "high")]


def test_negated_findings_do_not_raise_risk() -> None:
    assert ENGINE.check("警惕月入十万的骗局").risk.level == "none"


def test_cue_words_inside_the_match_do_not_negate_it() -> None:
    engine = Engine([make_rule("MED001", category="medical-claim", terms=["远离三高"])])
    assert [(f.rule, f.context) for f in engine.check("坚持喝，远离三高").findings] == [("MED001", None)]


def test_shop_rules_are_not_warnings() -> None:
    engine = Engine([make_rule("RET001", category="no-returns", terms=["概不退换"])])
    assert [f.context for f in engine.check("本店规定：售出概不退换").findings] == [None]


def test_buyer_relaying_the_seller_is_quoted() -> None:
    engine = Engine([make_rule("RET001", category="no-returns", terms=["概不退换"])])
    assert [f.context for f in engine.check("商家说概不退换，我去投诉了").findings] == ["negated"]
    assert [f.context for f in engine.check("卖家说概不退换，真无语").findings] == ["quoted"]


def test_quiet_texts_skip_the_context_checks_only_when_nothing_could_apply() -> None:
    """A text with no cue word is judged asserted without the later checks; every speaker
    pattern has literals, so the shortcut is on, and a cue anywhere turns it off."""
    from copycheck.context import cue_words, has_cue_word

    assert cue_words() is not None
    assert not has_cue_word("月入十万不是梦加我微信")
    for text in ("月入十万是骗局", "据业内人士透露月入十万", "商家说月入十万", "某某公司月入十万"):
        assert has_cue_word(text), text


def test_warning_headings_govern_their_paragraph_line_by_line() -> None:
    """The headings are found from their cues; the result is the line-by-line definition: a
    line is governed when a heading (a short line, or one ending in a colon, with a heading cue)
    stands above it in its paragraph."""
    import random

    from copycheck.context import _SHORT_WARNING, HEADING_CUES, ContextJudge, has_cue
    from copycheck.view.normalise import NormalisedText

    def by_lines(norm: NormalisedText) -> list[bool]:
        governed, active = [], False
        for original, compact in norm.lines():
            stripped = original.strip()
            if not stripped:
                active = False
            governed.append(active)
            heading = stripped.endswith((":", "：")) or len(compact) <= _SHORT_WARNING
            if stripped and heading and has_cue(compact, HEADING_CUES):
                active = True
        return governed

    rng = random.Random(3)
    pieces = ["警惕！", "防骗提醒：", "注意", "不要", "月入十万", "代理", "，", "\n", "\n\n", " ", "　\n", "提醒"]
    seen_governed = 0
    for _ in range(1500):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 25)))
        norm = NormalisedText(text)
        expected = by_lines(norm)
        assert ContextJudge(norm)._governing_heading() == expected, repr(text)
        seen_governed += any(expected)
    assert seen_governed > 100


def test_section_kinds_from_the_one_pass_equal_reading_each_section() -> None:
    """A section's kind is worked out from the whole text's one vocabulary pass; it is what
    reading the section's own text gives: its distinct undenied cues, its report markers, and
    an undenied narration marker or a narration pattern."""
    import random

    from copycheck.context import (
        _CRITICAL_DOC_CUES,
        _NARRATION,
        _REPORT_MARKERS,
        CLAUSE_CUES,
        NARRATION_MARKERS,
        REPORTING_MARKERS,
        SENTENCE_CUES,
        ContextJudge,
        _cues_in,
        has_cue,
    )
    from copycheck.view.normalise import NormalisedText

    def by_reading(text: str) -> tuple[bool, bool, bool]:
        distinct = set(_cues_in(text, CLAUSE_CUES + SENTENCE_CUES))
        markers = {marker for marker in REPORTING_MARKERS if marker in text}
        narrated = has_cue(text, NARRATION_MARKERS) or bool(_NARRATION.search(text))
        return len(distinct) >= _CRITICAL_DOC_CUES, len(markers) >= _REPORT_MARKERS and bool(distinct), narrated

    rng = random.Random(11)
    pieces = ["骗局", "不是骗局", "记者", "警方", "当事人", "没当事人", "据他介绍", "某某", "月入十万", "套路",
              "，", "\n", "\n\n", "好评" * 100, "不", "传销", "骗", "局"]
    kinds = set()
    for _ in range(600):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 120)))
        if rng.random() < 0.5:  # a block too long to be one section: each line is its own
            text = "好评" * 1100 + "\n" + text
        norm = NormalisedText(text)
        judge = ContextJudge(norm)
        for line_start in norm.line_starts():
            lo, hi = judge._section(line_start)
            kind = judge._section_kind(line_start)
            assert kind == by_reading(norm.compact[lo:hi]), repr(text)
            kinds.add(kind)
    assert len(kinds) >= 5  # the cases are all exercised
