"""``all``/``any`` rules: combinations of other rules' asserted findings.

A compound finding points at its strongest part (highest severity, then the
earliest) and lists the other parts as related locations, as SARIF's
``relatedLocations`` does. Compounds see only asserted findings, so a warning
that quotes 交加盟费 and 拉人头 does not add up to a pyramid scheme.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from copycheck.model import Rule, selector_matches, severity_rank
from copycheck.report import Finding

MakeFinding = Callable[[Rule, Finding, tuple[Finding, ...]], Finding]


def _strength(finding: Finding) -> tuple[int, int]:
    return (-severity_rank(finding.rule_severity), finding.location.start)


def _pick_all(rule: Rule, candidates: list[list[Finding]]) -> tuple[Finding, ...] | None:
    assert rule.compound is not None
    within = rule.compound.within
    if within is None:
        return tuple(min(group, key=_strength) for group in candidates)
    for anchor in sorted(candidates[0], key=_strength):
        chosen = [anchor]
        for group in candidates[1:]:
            nearest = min(group, key=lambda f: abs(f.location.start - anchor.location.start))
            chosen.append(nearest)
        start = min(f.location.start for f in chosen)
        end = max(f.location.end for f in chosen)
        if end - start <= within:
            return tuple(chosen)
    return None


def evaluate(rules: Sequence[Rule], findings: Sequence[Finding], make: MakeFinding) -> list[Finding]:
    """Compound findings; a compound may build on others, whatever order the packs load in.

    The pool only grows, so passes repeat until no compound fires any more.
    """
    pool = [f for f in findings if f.active]
    produced: list[Finding] = []
    waiting = [rule for rule in rules if rule.compound is not None]
    progress = True
    while progress:
        progress = False
        for rule in list(waiting):
            parts = _parts(rule, pool)
            if not parts:
                continue
            unique = tuple(dict.fromkeys(parts))
            primary = min(unique, key=_strength)
            finding = make(rule, primary, tuple(p for p in unique if p is not primary))
            produced.append(finding)
            pool.append(finding)
            waiting.remove(rule)
            progress = True
    return produced


def _parts(rule: Rule, pool: list[Finding]) -> tuple[Finding, ...] | None:
    spec = rule.compound
    assert spec is not None
    candidates = [[f for f in pool if f.rule != rule.id and _selected(selector, f)] for selector in spec.selectors]
    if spec.mode == "all":
        return _pick_all(rule, candidates) if all(candidates) else None
    groups = [group for group in candidates if group]
    if len(groups) < max(spec.at_least, 1):
        return None
    return _pick_all(rule, groups)


def _selected(selector: str, finding: Finding) -> bool:
    """Info-level hints (零基础) count only where a compound names their rule id exactly."""
    if finding.severity == "info" and selector != finding.rule:
        return False
    return selector_matches(selector, finding.rule, finding.category)
