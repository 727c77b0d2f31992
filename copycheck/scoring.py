"""Post-level risk: a level from the findings, and a 0-100 score inside its band.

The level is the highest severity among asserted findings (negated and quoted
ones do not count); compound rules such as recruitment + fee + pay for recruits
are findings too, so they set the level the same way. Evasion next to another
red flag of medium or higher raises the level one step, up to high: hiding a
claim from the platform's filter is itself a sign of knowing it is not allowed.
The score grows with every distinct asserted rule, with diminishing returns,
and is clamped into the band of the level so the two never disagree.
"""

from __future__ import annotations

from collections.abc import Sequence

from copycheck.findings import Finding, Risk
from copycheck.ruleset.model import LEVELS, Text, level_rank, severity_rank

WEIGHTS = {"low": 0.12, "medium": 0.3, "high": 0.55, "critical": 0.85}
BANDS = {"none": (0, 0), "low": (1, 29), "medium": (30, 59), "high": (60, 84), "critical": (85, 100)}
EVASION = "evasion"
EVASION_CAP = "high"


NO_RISK = Risk(level="none", score=0, drivers=())


def score_findings(findings: Sequence[Finding]) -> Risk:
    active = [f for f in findings if f.raises_risk]
    if not active:
        return NO_RISK
    worst_by_rule: dict[str, Finding] = {}
    for finding in active:
        kept = worst_by_rule.get(finding.rule)
        if kept is None or severity_rank(finding.severity) > severity_rank(kept.severity):
            worst_by_rule[finding.rule] = finding
    level = max((f.severity for f in worst_by_rule.values()), key=severity_rank)
    drivers = [f.rule for f in worst_by_rule.values() if f.severity == level]
    reasons: list[Text] = []

    others = [f for f in worst_by_rule.values() if f.category != EVASION]
    evasions = [f.rule for f in worst_by_rule.values() if f.category == EVASION]
    if evasions and others:
        other_level = max((f.severity for f in others), key=severity_rank)
        raised = LEVELS[min(level_rank(other_level) + 1, level_rank(EVASION_CAP))]
        if severity_rank(other_level) >= severity_rank("medium") and level_rank(raised) > level_rank(level):
            level = raised
            drivers = [f.rule for f in others if f.severity == other_level] + evasions
            reasons.append(
                Text(
                    zh="含规避审核的引流话术，风险上调一级",
                    en="evasion of platform review alongside other red flags raises the level one step",
                )
            )

    remaining = 1.0
    for finding in worst_by_rule.values():
        remaining *= 1.0 - WEIGHTS.get(finding.severity, 0.0)
    low, high = BANDS[level]
    score = max(low, min(high, round(100 * (1.0 - remaining))))
    return Risk(level=level, score=score, drivers=tuple(dict.fromkeys(drivers)), reasons=tuple(reasons))
