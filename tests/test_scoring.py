from __future__ import annotations

from copycheck.findings import Finding, Location
from copycheck.ruleset.model import Reference, Text
from copycheck.scoring import BANDS, score_findings

LOC = Location(0, 1, 1, 1, 1, 2, "x")


def finding(rule: str, severity: str, category: str = "recruitment", context: str | None = None) -> Finding:
    return Finding(
        rule=rule,
        category=category,
        severity="info" if context else severity,
        rule_severity=severity,
        message=Text("m", "m"),
        location=LOC,
        context=context,
        references=(Reference("psr-7"),),
    )


def test_no_findings_is_none() -> None:
    risk = score_findings([])
    assert (risk.level, risk.score, risk.drivers) == ("none", 0, ())


def test_level_is_highest_active_severity_and_score_in_band() -> None:
    risk = score_findings([finding("REC001", "medium"), finding("INC001", "high", "income-promise")])
    assert risk.level == "high"
    assert risk.drivers == ("INC001",)
    assert BANDS["high"][0] <= risk.score <= BANDS["high"][1]


def test_more_distinct_flags_score_higher() -> None:
    one = score_findings([finding("INC001", "high")]).score
    two = score_findings([finding("INC001", "high"), finding("INC002", "high")]).score
    assert two > one


def test_repeats_of_one_rule_count_once() -> None:
    one = score_findings([finding("INC001", "high")]).score
    assert score_findings([finding("INC001", "high")] * 5).score == one


def test_negated_findings_do_not_count() -> None:
    risk = score_findings([finding("INC001", "high", context="negated")])
    assert risk.level == "none"


def test_evasion_raises_level_one_step_up_to_high() -> None:
    medium = [finding("REC001", "medium"), finding("EVA001", "low", "evasion")]
    risk = score_findings(medium)
    assert risk.level == "high"
    assert "EVA001" in risk.drivers and risk.reasons
    high = [finding("INC001", "high", "income-promise"), finding("EVA001", "low", "evasion")]
    assert score_findings(high).level == "high"
    assert score_findings([finding("EVA001", "low", "evasion")]).level == "low"
    assert (
        score_findings([finding("ABS001", "low", "absolute-claim"), finding("EVA001", "low", "evasion")]).level == "low"
    )
