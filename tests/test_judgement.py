"""Judgement on wordings the rules were not written from: the cases of the judgement issue, each
with its look-alikes. Spans are checked against the original text."""

from __future__ import annotations

import pytest

from copycheck.checker import Checker
from copycheck.ruleset.model import level_rank


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker()


def asserted(checker: Checker, text: str) -> dict[str, list[str]]:
    """Category -> the texts of its asserted findings (low or higher)."""
    found: dict[str, list[str]] = {}
    for finding in checker.check(text).findings:
        if finding.raises_risk:
            found.setdefault(finding.category, []).append(finding.location.text)
    return found


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("你拉一个人进来我们给你返1000", "pyramid-commission"),
        ("下面的人再拉人你还有提成", "pyramid-commission"),
        ("一个月就能回本", "income-promise"),
        ("我自己上个月赚了五万多", "income-promise"),
        ("交1980成为会员，以后你邀请的朋友每下一单你都拿15%", "pyramid-commission"),
        ("宝妈在家带娃也能月入过万！零门槛", "income-promise"),
        ("宝妈在家带娃也能月入过万！零门槛", "recruitment"),
        ("3000元，月入十万", "income-promise"),
    ],
)
def test_the_issue_wordings_are_reported(checker: Checker, text: str, category: str) -> None:
    assert category in asserted(checker, text)


def test_spans_are_exact_in_the_original(checker: Checker) -> None:
    text = "宝妈在家带娃也能月入过万！零门槛"
    for finding in checker.check(text).findings:
        loc = finding.location
        assert text[loc.start : loc.end] == loc.text
    income = [f for f in checker.check(text).findings if f.category == "income-promise" and f.raises_risk]
    assert "月入过万" in {f.location.text for f in income}
    assert all("！" not in f.location.text for f in income)  # the amount stops at the clause break


def test_an_amount_never_runs_across_a_clause_break(checker: Checker) -> None:
    findings = checker.check("月入过万！零门槛").findings
    assert all(f.location.text != "月入过万！零" for f in findings)


@pytest.mark.parametrize(
    "text",
    [
        "手工皂上新，感兴趣的加我微信",
        "新款连衣裙到了，想了解的私聊",
        "本店支持七天无理由退货",
        "最近第一次来这家店",
        "代理商大会在杭州召开",
    ],
)
def test_ordinary_seller_posts_are_not_pitches(checker: Checker, text: str) -> None:
    report = checker.check(text)
    assert level_rank(report.risk.level) <= level_rank("low"), report.findings
    assert "recruitment" not in asserted(checker, text)


@pytest.mark.parametrize(
    "text",
    [
        "当事人在网店宣称，加入即可月入十万。",
        "经审理查明，被告人以发展下线、收取入门费为由骗取钱财。",
        "据业内人士介绍，这类代理要先交三千元代理费。",
        "记者调查发现，所谓“躺赚”的兼职要先交会费。",
    ],
)
def test_narration_is_reported_not_asserted(checker: Checker, text: str) -> None:
    report = checker.check(text)
    assert report.findings, "the phrases are still reported"
    assert report.risk.level == "none"
    assert {f.context for f in report.findings} <= {"reported", "negated", "quoted"}


def test_a_cue_in_one_review_of_a_long_file_does_not_defuse_the_others(checker: Checker) -> None:
    reviews = ["这家店的菜很好吃，服务也不错，下次还来。"] * 120
    reviews[3] = "记者调查发现，警方提醒大家谨防骗局。"
    reviews[100] = "诚招代理，月入十万不是梦"
    report = checker.check("\n".join(reviews))
    pitch = [f for f in report.findings if f.location.line == 101 and f.category == "income-promise"]
    assert pitch and all(f.context is None for f in pitch)


def test_hints_count_only_beside_a_pitch(checker: Checker) -> None:
    plain = checker.check("欢迎咨询，加我微信")
    assert plain.risk.level == "none"
    pitch = checker.check("在家就能做，月入过万，加我微信详聊")
    assert "evasion" in {f.category for f in pitch.findings if f.raises_risk}
