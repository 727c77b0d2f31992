"""``all``/``any`` rules: combinations of other rules' asserted findings.

A compound finding points at its strongest part (highest severity, then the
earliest) and lists the other parts as related locations, as SARIF's
``relatedLocations`` does. Compounds see only asserted findings, so a warning
that quotes 交加盟费 and 拉人头 does not add up to a pyramid scheme.

``rules:`` takes the selectors ``--ignore`` takes (``copycheck.ruleset.selectors``). A rule
the user deselected, ignored or suppressed feeds no compound: the checker combines again from
the findings it shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from copycheck.findings import Finding
from copycheck.matchers import COMBINED, Kind, MakeFinding, SpecContext
from copycheck.ruleset.model import SEVERITIES, Rule, severity_rank
from copycheck.ruleset.selectors import Selector, SelectorError, rule_keys


@dataclass(frozen=True)
class CompoundSpec:
    """Other rules' findings that must (``all``) or may (``any``) occur together."""

    mode: str  # "all" or "any"
    # Each entry is a group of selectors (see ``copycheck.ruleset.selectors``: a rule id, an id
    # prefix "REC", a category, ALL), any of which satisfies it; a YAML string is a group of one.
    groups: tuple[tuple[Selector, ...], ...]
    within: int | None  # original characters; None means the whole post
    at_least: int = 0  # ``any`` only: how many different selectors must be present (0: one)
    min_severity: str = ""  # parts below this severity do not count ("": any but hints)


def _strength(finding: Finding) -> tuple[int, bool, int]:
    """Most severe first; at equal severity the words themselves before another conclusion."""
    return (-severity_rank(finding.rule_severity), finding.is_compound, finding.location.start)


def _spec(rule: Rule) -> CompoundSpec:
    assert isinstance(rule.spec, CompoundSpec)
    return rule.spec


def _pick_all(rule: Rule, candidates: list[list[Finding]]) -> tuple[Finding, ...] | None:
    within = _spec(rule).within
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


class CompoundCombiner:
    def __init__(self, rules: Sequence[Rule]) -> None:
        self._rules = list(rules)
        # Every selector any group names: findings that answer to none of them add up to nothing.
        self._names = frozenset(name for rule in self._rules for group in _spec(rule).groups for name in group)

    def combine(self, findings: Sequence[Finding], make: MakeFinding) -> list[Finding]:
        """Compound findings; a compound may build on others, whatever order the packs load in.

        The pool only grows, so passes repeat until no compound fires any more.
        """
        pool = [_Member(f) for f in findings if f.asserted]
        present = {name for member in pool for name in member.names}
        produced: list[Finding] = []
        if present.isdisjoint(self._names):  # most texts with findings: no compound is in reach
            return produced
        fired = {f.rule for f in findings}
        waiting = [rule for rule in self._rules if rule.id not in fired]
        progress = True
        while progress:
            progress = False
            for rule in list(waiting):
                # Most compounds name a group no finding answers to: settled by names alone.
                spec = _spec(rule)
                answered = sum(1 for group in spec.groups if not present.isdisjoint(group))
                if answered < (len(spec.groups) if spec.mode == "all" else max(spec.at_least, 1)):
                    continue
                parts = _parts(rule, pool)
                if not parts:
                    continue
                unique = tuple(dict.fromkeys(parts))
                primary = min(unique, key=_strength)
                finding = make(rule, primary, tuple(p for p in unique if p is not primary))
                produced.append(finding)
                member = _Member(finding)
                pool.append(member)
                present.update(member.names)
                waiting.remove(rule)
                progress = True
        return produced


class _Member:
    """A finding in the pool with every selector that names it (``rule_keys``) and its severity
    rank, worked out once."""

    __slots__ = ("finding", "names", "rank")

    def __init__(self, finding: Finding) -> None:
        self.finding = finding
        self.names = rule_keys(finding.rule, finding.category)
        self.rank = severity_rank(finding.severity)


_LOW = severity_rank("low")


def _parts(rule: Rule, pool: list[_Member]) -> tuple[Finding, ...] | None:
    spec = _spec(rule)
    # A rule named by its exact id always counts (that is how a compound asks for a hint such as
    # 零基础); one selected by prefix, category or ALL counts from ``min_severity`` up, by default from
    # ``low`` (hints do not).
    floor = severity_rank(spec.min_severity) if spec.min_severity else _LOW
    candidates = []
    for group in spec.groups:
        found = [
            m.finding
            for m in pool
            if m.finding.rule != rule.id
            and (m.finding.rule in group or (m.rank >= floor and not m.names.isdisjoint(group)))
        ]
        if not found and spec.mode == "all":
            return None
        candidates.append(found)
    if spec.mode == "all":
        return _pick_all(rule, candidates)
    groups = [group for group in candidates if group]
    if len(groups) < max(spec.at_least, 1):
        return None
    return _pick_all(rule, groups)


class CompoundKind(Kind):
    stage = COMBINED

    def __init__(self, mode: str) -> None:
        self.mode = self.key = mode
        # Several independent signals together are rarely wrong; one of several is a guess.
        self.precision = "very-high" if mode == "all" else "medium"

    def parse(self, spec: Any, context: SpecContext) -> CompoundSpec:
        allowed = {"rules", "within", "min_severity", *(("at_least",) if self.mode == "any" else ())}
        if not isinstance(spec, dict) or "rules" not in spec or set(spec) - allowed:
            raise context.fail("expected keys rules and optionally " + " and ".join(sorted(allowed - {"rules"})))
        entries = spec["rules"]
        if not isinstance(entries, list) or len(entries) < (2 if self.mode == "all" else 1):
            raise context.fail(
                "rules must list the rule ids, id prefixes or category:<id> to combine (a list: any of them)"
            )
        groups = []
        for entry in entries:
            group = entry if isinstance(entry, list) and entry else [entry]
            try:
                groups.append(tuple(Selector.parse(selector) for selector in group))
            except SelectorError as error:
                raise context.fail(error.message) from None
        within = spec.get("within", "post")
        if within != "post" and (not isinstance(within, int) or within <= 0):
            raise context.fail("within must be 'post' or a positive number of characters")
        min_severity = spec.get("min_severity", "")
        if min_severity and min_severity not in SEVERITIES:
            raise context.fail(f"min_severity {min_severity!r} is not one of {', '.join(SEVERITIES)}")
        at_least = spec.get("at_least", 0)
        if not isinstance(at_least, int) or not 0 <= at_least <= len(groups):
            raise context.fail("at_least must be a whole number no larger than the number of selectors")
        return CompoundSpec(
            mode=self.mode,
            groups=tuple(groups),
            within=None if within == "post" else within,
            at_least=at_least,
            min_severity=min_severity,
        )

    def build(self, rules: Sequence[Rule]) -> CompoundCombiner:
        return CompoundCombiner(rules)

    def describe(self, rule: Rule, lang: str) -> list[str]:
        spec = _spec(rule)
        en = lang == "en"
        if spec.within is None:
            within = "anywhere in the post" if en else "全文范围内"
        else:
            within = f"within {spec.within} characters" if en else f"{spec.within} 个字符范围内"
        if en:
            label = "all of these rules together" if self.mode == "all" else "any of these rules"
        else:
            label = "以下规则同时出现" if self.mode == "all" else "以下任一规则出现"
        if spec.at_least:
            label += f" (at least {spec.at_least})" if en else f"（至少 {spec.at_least} 种）"
        if spec.min_severity:
            label += f" (each {spec.min_severity} or higher)" if en else f"（每项不低于 {spec.min_severity}）"
        names = [group[0] if len(group) == 1 else "(" + " | ".join(group) + ")" for group in spec.groups]
        return [f"{label} ({within}): " + ", ".join(names)]


KINDS = (CompoundKind("all"), CompoundKind("any"))
