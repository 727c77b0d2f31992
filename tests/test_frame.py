"""The frame matcher: word classes (and amounts) together in a clause, sentence or paragraph."""

from __future__ import annotations

import json

import pytest
from conftest import make_rule

from copycheck.engine import Engine
from copycheck.matchers.frame import FrameKind, FrameSpec
from copycheck.ruleset.lexicon import Lexicon, WordClass
from copycheck.ruleset.model import Text

LEXICON = Lexicon(
    {
        "recruit": WordClass("recruit", Text("拉人", "recruit"), ("拉", "发展", "邀请")),
        "downline": WordClass("downline", Text("下线", "downline"), ("下线", "代理", "一个人"), ("代理记账",)),
        "reward": WordClass("reward", Text("奖励", "reward"), ("返", "提成", "奖励")),
    }
)


class Context:
    lexicon = LEXICON

    def fail(self, problem: str) -> Exception:
        return ValueError(problem)


def frame(**spec: object) -> FrameSpec:
    return FrameKind().parse(spec, Context())


def engine(**spec: object) -> Engine:
    return Engine([make_rule("PYR010", category="pyramid-commission", kind="frame", spec=frame(**spec))])


def found(eng: Engine, text: str) -> list[str]:
    return [f.location.text for f in eng.check(text).findings]


def test_parts_in_order_within_the_gap() -> None:
    eng = engine(parts=["recruit", "downline", "reward"], gap=6)
    assert found(eng, "你拉一个人进来我们给你返1000") == ["拉一个人进来我们给你返"]
    assert found(eng, "返了钱，一个人拉") == []  # wrong order
    assert found(eng, "拉" + "很" * 10 + "一个人返") == []  # too far apart


def test_any_order() -> None:
    eng = engine(parts=["recruit", "downline", "reward"], order="any", gap=6)
    assert found(eng, "提成：下线发展") == ["提成：下线发展"]


def test_the_window_is_a_clause_unless_asked_otherwise() -> None:
    text = "发展下线，奖励丰厚"
    assert found(engine(parts=["recruit", "downline", "reward"]), text) == []
    assert found(engine(parts=["recruit", "downline", "reward"], within="sentence"), text) == ["发展下线，奖励"]
    paragraph = engine(parts=["recruit", "reward"], within="paragraph", gap=12)
    assert found(paragraph, "发展\n奖励") == ["发展\n奖励"]
    assert found(paragraph, "发展\n\n奖励") == []


def test_lookalikes_block_their_class() -> None:
    assert found(engine(parts=["recruit", "downline", "reward"], gap=6), "邀请代理记账公司返") == []


def test_amounts_with_a_threshold() -> None:
    eng = engine(parts=["recruit", "amount>=100"], gap=4)
    assert found(eng, "拉一个给300元") == ["拉一个给300元"]
    assert found(eng, "拉一个给30元") == []
    assert found(eng, "拉一个给 DIGIT 元") == ["拉一个给 DIGIT 元"]  # masked: may reach it
    money = engine(parts=["recruit", "money"], gap=4)
    assert found(money, "拉一个给30") == []  # a bare small number is not money for sure
    assert found(money, "拉一个给30元") == ["拉一个给30元"]


def test_percentages_and_quantities() -> None:
    assert found(engine(parts=["downline", "percent"], gap=4), "代理拿15%") == ["代理拿15%"]
    assert found(engine(parts=["downline", "quantity"], gap=2), "代理要3箱") == ["代理要3箱"]


def test_each_part_is_a_related_location_named_by_its_class() -> None:
    text = "诚意满满：发展代理，奖励丰厚"
    eng = engine(parts=["recruit", "downline", "reward"], within="sentence")
    (finding,) = eng.check(text).findings
    assert [(p.word_class, p.location.text) for p in finding.parts] == [
        ("recruit", "发展"),
        ("downline", "代理"),
        ("reward", "奖励"),
    ]
    for part in finding.parts:
        assert text[part.location.start : part.location.end] == part.location.text


def test_json_names_the_class_of_each_part() -> None:
    from copycheck.checker import Checker
    from copycheck.formatters.json_report import format_json

    rule = make_rule("PYR010", category="pyramid-commission", kind="frame", spec=frame(parts=["recruit", "reward"]))
    checker = Checker(rules=[rule])
    report = checker.report([checker.check("发展奖励", "post.txt")])
    (finding,) = json.loads(format_json(report))["files"][0]["findings"]
    assert [(r["class"], r["text"]) for r in finding["related"]] == [("recruit", "发展"), ("reward", "奖励")]


@pytest.mark.parametrize(
    ("spec", "problem"),
    [
        ({"parts": []}, "parts must list"),
        ({"parts": ["nope"]}, "unknown word class 'nope'"),
        ({"parts": ["recruit"], "order": "sideways"}, "order 'sideways'"),
        ({"parts": ["recruit"], "within": "page"}, "within 'page'"),
        ({"parts": ["recruit"], "gap": 99}, "gap must be"),
        ({"parts": ["recruit", "reward", "downline", "recruit", "reward"], "order": "any"}, "at most 4 parts"),
        ({"parts": ["recruit"], "colour": "red"}, "expected keys parts"),
    ],
)
def test_bad_frames(spec: dict, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        frame(**spec)


def test_explain_lists_the_classes() -> None:
    rule = make_rule("PYR010", kind="frame", spec=frame(parts=["recruit", ["downline", "amount"]]))
    lines = FrameKind().describe(rule, "en")
    assert "recruit (recruit)" in lines[1]
    assert "downline (downline)" in lines[2] and "a number read as money" in lines[3]
    assert FrameKind().word_classes(rule) == ("recruit", "downline")


@pytest.mark.parametrize(
    ("text", "sums"),
    [
        ("返20%", []),  # a share, for the percent built-in
        ("年化收益12.5%", []),
        ("提成百分之八十", []),  # neither 百 nor 八十 is a sum
        ("千分之五的手续费", []),
        ("返20元，再返30%", ["20元"]),
        ("月入过万", ["过万"]),
    ],
)
def test_a_number_that_is_a_share_is_not_an_amount(text: str, sums: list[str]) -> None:
    from copycheck.matchers.frame import find_amounts
    from copycheck.view.normalise import NormalisedText

    norm = NormalisedText(text)
    found = find_amounts(norm.compact, 0, len(norm.compact), norm.clause_end)
    assert [norm.compact[o.start : o.end] for o in found] == sums
