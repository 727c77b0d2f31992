"""Suppressions, with reasons, checked for use: comments in Markdown and HTML, and
``[[tool.copycheck.suppress]]`` entries in the config for any file (a plain-text
post has nowhere to put a comment that would not be published with it).

    <!-- copycheck: ignore[INC001,ABS001] 引用原文用于批评 -->   this line and the next
    <!-- copycheck: disable[REC001] 招聘栏目 -->  …  <!-- copycheck: enable[REC001] -->

Comment ids match exactly (ignore[INC] does not silence INC001); an entry's rule is
a selector. A suppression without a reason, naming an unknown rule, or silencing
nothing is itself reported (SUP001-SUP003), so suppressions cannot rot silently;
for an entry, the finding is on the entry's line of the config file.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from copycheck.findings import FileReport, Finding, LineIndex, Location
from copycheck.inputs.config import Settings, SuppressEntry
from copycheck.inputs.markup import comment_spans
from copycheck.ruleset.model import Examples, Rule, Text, severity_rank
from copycheck.scoring import score_findings

META_CATEGORY = "suppression"
_DIRECTIVE = re.compile(r"^\s*copycheck:\s*(ignore|disable|enable)\s*\[([^\]]*)\]\s*(.*?)\s*$", re.DOTALL)


def _meta_rule(rule_id: str, title: Text, message: Text, why: Text, suggest: Text, examples: Examples) -> Rule:
    """A rule about the suppressions themselves; its examples are lines of a Markdown or HTML post."""
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
        examples=examples,
        source="copycheck/inputs/suppressions.py",
    )


NO_REASON = _meta_rule(
    "SUP001",
    Text("抑制缺少原因", "Suppression without a reason"),
    Text("抑制注释「{text}」没有写明原因", "Suppression “{text}” gives no reason"),
    Text(
        "不写原因的抑制让审核者无法判断风险是否真的被处理。",
        "A suppression with no reason leaves reviewers unable to tell why.",
    ),
    Text(
        "在规则编号后写明原因，例如 <!-- copycheck: ignore[INC001] 引用原文用于批评 -->；"
        '配置中的抑制项写 reason = "…"。',
        "Add the reason after the ids: <!-- copycheck: ignore[INC001] quoted to criticise -->; in a config"
        ' entry, reason = "…".',
    ),
    Examples(
        fire=("月入十万不是梦 <!-- copycheck: ignore[INC001] -->",),
        ok=("月入十万不是梦 <!-- copycheck: ignore[INC001] 引用原文用于批评 -->",),
    ),
)
UNKNOWN_ID = _meta_rule(
    "SUP002",
    Text("抑制引用了不存在的规则", "Suppression names an unknown rule"),
    Text("抑制注释「{text}」引用了不存在的规则编号", "Suppression “{text}” names an unknown rule id"),
    Text(
        "规则编号写错时，抑制不会生效，问题仍会被报告或被误以为已处理。",
        "A mistyped id suppresses nothing, so the finding is either still reported or wrongly assumed handled.",
    ),
    Text("用 copycheck rules 查看正确的规则编号。", "Look up the right id with `copycheck rules`."),
    Examples(
        fire=("月入十万不是梦 <!-- copycheck: ignore[INC999] 引用原文用于批评 -->",),
        ok=("月入十万不是梦 <!-- copycheck: ignore[INC001] 引用原文用于批评 -->",),
    ),
)
UNUSED = _meta_rule(
    "SUP003",
    Text("未使用的抑制", "Unused suppression"),
    Text("抑制注释「{text}」没有抑制任何问题", "Suppression “{text}” suppresses nothing"),
    Text(
        "文案修改后残留的抑制会在将来掩盖新的问题。",
        "Leftover suppressions hide future findings after the copy changes.",
    ),
    Text("删除这条抑制注释或配置中的抑制项。", "Delete the suppression comment or config entry."),
    Examples(
        fire=("新品上架 <!-- copycheck: ignore[INC001] 引用原文用于批评 -->",),
        ok=("月入十万不是梦 <!-- copycheck: ignore[INC001] 引用原文用于批评 -->",),
    ),
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


# -- [[tool.copycheck.suppress]] entries ---------------------------------------------------------

_ENTRY_PROBLEMS = {
    NO_REASON.id: Text("{entry}没有写明原因（reason）", "{entry} gives no reason"),
    UNKNOWN_ID.id: Text("{entry}引用的规则不存在", "{entry} names no rule"),
    UNUSED.id: Text("{entry}没有抑制任何问题", "{entry} suppresses nothing"),
    "no-file": Text("{entry}指向的文件不存在", "{entry} names a file that does not exist"),
}
_GLOB_CHARS = frozenset("*?[")


def _entry_name(entry: SuppressEntry, lang: str) -> str:
    words = f", text {entry.text!r}" if entry.text else ""
    if lang == "en":
        return f"Suppression entry {entry.number} (path {entry.path!r}, rule {entry.rule!r}{words})"
    return f"配置中的第 {entry.number} 条抑制项（path {entry.path!r}，rule {entry.rule!r}{words}）"


def _shown_config_path(config: Path) -> str:
    """The config file as reports show a path: relative to the working directory when inside it."""
    relative = os.path.relpath(config)
    return config.as_posix() if relative.startswith("..") else Path(relative).as_posix()


class _ConfigReport:
    """The findings about the entries of one config file, located on the entries' lines."""

    def __init__(self, config: Path, settings: Settings) -> None:
        self.path = _shown_config_path(config)
        try:
            self.text = config.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            self.text = ""  # it was read moments ago; without it the findings carry no snippet
        self.index = LineIndex(self.text)
        self.settings = settings
        self.findings: list[Finding] = []

    def add(self, rule: Rule, entry: SuppressEntry, problem: str = "") -> None:
        if not self.settings.selects(rule.id, rule.category):
            return
        line = min(max(entry.line, 1), len(self.index.starts))
        start = self.index.starts[line - 1]
        end = start + len(self.index.line_text(line))
        empty = Location(start, start, line, 1, line, 1, "")  # only when the file could not be read again
        location = self.index.location(start, end) if end > start else empty
        message = _ENTRY_PROBLEMS[problem or rule.id]
        self.findings.append(
            Finding(
                rule=rule.id,
                category=rule.category,
                severity=rule.severity,
                rule_severity=rule.severity,
                message=Text(
                    message.zh.format(entry=_entry_name(entry, "zh")),
                    message.en.format(entry=_entry_name(entry, "en")),
                ),
                location=location,
                context=None,
                references=(),
            )
        )

    def report(self) -> FileReport | None:
        if not self.findings:
            return None
        findings = sorted(self.findings, key=lambda f: (f.location.start, f.rule))
        return FileReport(path=self.path, text=self.text, findings=tuple(findings), risk=score_findings(findings))


def _matches(entry: SuppressEntry, finding: Finding) -> bool:
    if not entry.rule.names(finding.rule, finding.category):
        return False
    return entry.text is None or entry.text in finding.location.words or entry.text in finding.location.text


def apply_config_suppressions(
    files: Sequence[FileReport],
    settings: Settings,
    rules: Sequence[Rule],
    recombine: Callable[[list[Finding]], list[Finding]],
) -> list[FileReport]:
    """``files`` less the findings that ``settings.suppress`` entries cover, re-scored, then cut
    to ``settings.min_severity``; plus, last, a report on the config file when an entry is
    misused (SUP001 no reason, SUP002 no such rule, SUP003 suppresses nothing).

    ``files`` must hold every finding (checked with ``min_severity = "info"``): the risk is
    worked out again from what is left, and below-floor findings count towards it.
    ``recombine`` rebuilds the compounds from the findings left (``Checker.recombined``).
    """
    floor = severity_rank(settings.min_severity)
    entries = settings.suppress
    known = (*rules, *META_RULES)
    config = _ConfigReport(entries[0].config, settings) if entries else None
    live: list[SuppressEntry] = []
    for entry in entries:
        assert config is not None
        if not entry.reason:
            config.add(NO_REASON, entry)  # it still suppresses, as a comment without a reason does
        named = [r for r in known if entry.rule.names(r.id, r.category)]
        if not named:
            config.add(UNKNOWN_ID, entry)
            continue
        if not _GLOB_CHARS.intersection(entry.path) and not (entry.root / entry.path).exists():
            config.add(UNUSED, entry, "no-file")
            continue
        live.append(entry)
    used: set[int] = set()
    # Entries that met a file where what they name may have been hidden by other means (not
    # selected, per-file-ignored, findings beyond the listed ones, a rule that gave up): not
    # being used there proves nothing.
    excused: set[int] = set()
    applied: set[int] = set()
    out: list[FileReport] = []
    for file in files:
        here = [entry for entry in live if entry.applies_to(file.path)]
        findings = list(file.findings)
        risk = file.risk
        omitted = file.omitted
        if here:
            ignored = settings.ignores_for(file.path)
            unseen = {rule_id for rule_id, _ in file.omitted} | set(file.gave_up)
            for entry in here:
                applied.add(entry.number)
                for rule in known:
                    if not entry.rule.names(rule.id, rule.category):
                        continue
                    hidden = not settings.selects(rule.id, rule.category) or any(
                        s.names(rule.id, rule.category) for s in ignored
                    )
                    if hidden or rule.id in unseen:
                        excused.add(entry.number)
            kept: list[Finding] = []
            for finding in findings:
                entry = next((e for e in here if _matches(e, finding)), None)
                if entry is None:
                    kept.append(finding)
                else:
                    used.add(entry.number)
            if len(kept) < len(findings):
                meta = [f for f in kept if f.category == META_CATEGORY]
                rebuilt = recombine([f for f in kept if f.category != META_CATEGORY])
                findings = sorted([*rebuilt, *meta], key=lambda f: (f.location.start, f.location.end, f.rule))
                risk = score_findings(findings)
            # An entry with no text hides every finding of its rules, listed or not.
            whole = [e for e in here if e.text is None]
            omitted = tuple(
                (rule_id, n)
                for rule_id, n in file.omitted
                if not any(e.rule.names(rule_id, _category(known, rule_id)) for e in whole)
            )
        shown = tuple(f for f in findings if severity_rank(f.severity) >= floor)
        out.append(replace(file, findings=shown, risk=risk, omitted=omitted))
    for entry in live:
        if entry.number in applied and entry.number not in used and entry.number not in excused:
            assert config is not None
            config.add(UNUSED, entry)
    extra = config.report() if config is not None else None
    return [*out, extra] if extra is not None else out


def _category(rules: Sequence[Rule], rule_id: str) -> str:
    return next((r.category for r in rules if r.id == rule_id), "")
