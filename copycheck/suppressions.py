"""Suppression comments in Markdown and HTML, with reasons, checked for use.

    <!-- copycheck: ignore[INC001,ABS001] 引用原文用于批评 -->   this line and the next
    <!-- copycheck: disable[REC001] 招聘栏目 -->  …  <!-- copycheck: enable[REC001] -->

Ids match exactly (ignore[INC] does not silence INC001). A suppression without
a reason, naming an unknown id, or silencing nothing is itself reported, so
suppressions cannot rot silently.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from copycheck.markup import comment_spans
from copycheck.model import Examples, Rule, Text
from copycheck.report import Finding, LineIndex

META_CATEGORY = "suppression"
_DIRECTIVE = re.compile(r"^\s*copycheck:\s*(ignore|disable|enable)\s*\[([^\]]*)\]\s*(.*?)\s*$", re.DOTALL)


def _meta_rule(rule_id: str, title: Text, message: Text, why: Text, suggest: Text) -> Rule:
    return Rule(
        id=rule_id,
        category=META_CATEGORY,
        severity="low",
        title=title,
        message=message,
        why=why,
        suggest=suggest,
        references=(),
        kind="suppression",  # checked by this module, not by a matcher
        spec=None,
        examples=Examples(
            fire=("<!-- copycheck: ignore[INC001] -->",), ok=("<!-- copycheck: ignore[INC001] 引用 -->",)
        ),
        source="copycheck/suppressions.py",
    )


NO_REASON = _meta_rule(
    "SUP001",
    Text("抑制注释缺少原因", "Suppression without a reason"),
    Text("抑制注释「{text}」没有写明原因", "Suppression “{text}” gives no reason"),
    Text(
        "不写原因的抑制让审核者无法判断风险是否真的被处理。",
        "A suppression with no reason leaves reviewers unable to tell why.",
    ),
    Text(
        "在规则编号后写明原因，例如 <!-- copycheck: ignore[INC001] 引用原文用于批评 -->。",
        "Add the reason after the ids: <!-- copycheck: ignore[INC001] quoted to criticise -->.",
    ),
)
UNKNOWN_ID = _meta_rule(
    "SUP002",
    Text("抑制注释引用了不存在的规则", "Suppression names an unknown rule"),
    Text("抑制注释「{text}」引用了不存在的规则编号", "Suppression “{text}” names an unknown rule id"),
    Text(
        "规则编号写错时，抑制不会生效，问题仍会被报告或被误以为已处理。",
        "A mistyped id suppresses nothing, so the finding is either still reported or wrongly assumed handled.",
    ),
    Text("用 copycheck rules 查看正确的规则编号。", "Look up the right id with `copycheck rules`."),
)
UNUSED = _meta_rule(
    "SUP003",
    Text("未使用的抑制注释", "Unused suppression"),
    Text("抑制注释「{text}」没有抑制任何问题", "Suppression “{text}” suppresses nothing"),
    Text(
        "文案修改后残留的抑制注释会在将来掩盖新的问题。",
        "Leftover suppressions hide future findings after the copy changes.",
    ),
    Text("删除这条抑制注释。", "Delete the suppression."),
)
META_RULES = (NO_REASON, UNKNOWN_ID, UNUSED)


@dataclass(frozen=True)
class Directive:
    action: str  # ignore, disable, enable
    ids: tuple[str, ...]
    reason: str
    start: int
    end: int


def parse_directives(text: str, kind: str) -> list[Directive]:
    directives = []
    for start, end, inner in comment_spans(text, kind):
        match = _DIRECTIVE.match(inner)
        if match:
            ids = tuple(part.strip() for part in match.group(2).split(",") if part.strip())
            directives.append(Directive(match.group(1), ids, match.group(3), start, end))
    return directives


def _meta(rule: Rule, index: LineIndex, directive: Directive) -> Finding:
    location = index.location(directive.start, directive.end)
    return Finding(
        rule=rule.id,
        category=rule.category,
        severity=rule.severity,
        rule_severity=rule.severity,
        message=rule.render(location.text),
        location=location,
        context=None,
        references=(),
    )


def apply_suppressions(
    findings: Sequence[Finding],
    text: str,
    kind: str,
    known_ids: Iterable[str],
    unlisted: Iterable[str] = (),
) -> tuple[list[Finding], list[Finding]]:
    """``(kept findings, findings about the suppressions themselves)``.

    ``unlisted`` names rules with findings beyond those listed (``FileReport.omitted``): a
    suppression of one of them may be in use where nobody looked, so it is not reported unused.
    Linear in the number of directives and findings.
    """
    directives = parse_directives(text, kind)
    if not directives:
        return list(findings), []
    index = LineIndex(text)
    known = set(known_ids)
    meta: list[Finding] = []
    used: set[int] = set()
    # Per rule: the disable ranges in text order (start, end, directive number); each runs to the
    # first enable of that rule after it, so their ends never decrease.
    enables: dict[str, list[int]] = {}
    for directive in directives:
        if directive.action == "enable":
            for rule_id in directive.ids:
                enables.setdefault(rule_id, []).append(directive.start)
    ranges: dict[str, tuple[list[int], list[int], list[int]]] = {}
    ignores: dict[tuple[str, int], int] = {}  # (rule id, line) -> the first ignore covering it
    for number, directive in enumerate(directives):
        if directive.action != "enable" and not directive.reason:
            meta.append(_meta(NO_REASON, index, directive))
        if any(rule_id not in known for rule_id in directive.ids) or not directive.ids:
            meta.append(_meta(UNKNOWN_ID, index, directive))
        if directive.action == "disable":
            for rule_id in directive.ids:
                later = enables.get(rule_id, [])
                k = bisect_right(later, directive.start)
                closing = later[k] if k < len(later) else len(text)
                starts, ends, numbers = ranges.setdefault(rule_id, ([], [], []))
                starts.append(directive.end)
                ends.append(closing)
                numbers.append(number)
        elif directive.action == "ignore":
            end_line = index.line_col(max(directive.end - 1, directive.start))[0]
            for rule_id in directive.ids:
                for line in (end_line, end_line + 1):
                    ignores.setdefault((rule_id, line), number)
    kept = []
    for finding in findings:
        suppressor = ignores.get((finding.rule, finding.location.line))
        if suppressor is None and finding.rule in ranges:
            starts, ends, numbers = ranges[finding.rule]
            position = finding.location.start
            before = bisect_right(starts, position)  # ranges that start at or before the finding
            first = bisect_right(ends, position, 0, before)  # the earliest of them still open
            if first < before:
                suppressor = numbers[first]
        if suppressor is None:
            kept.append(finding)
        else:
            used.add(suppressor)
    maybe_used = set(unlisted)
    for number, directive in enumerate(directives):
        if directive.action != "enable" and number not in used and maybe_used.isdisjoint(directive.ids):
            meta.append(_meta(UNUSED, index, directive))
    return kept, meta
