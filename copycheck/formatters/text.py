"""The default human-readable output: one block per finding, a risk line per file."""

from __future__ import annotations

import unicodedata

from copycheck.findings import FileReport, Finding, LineIndex, Report
from copycheck.formatters import CONTEXT_NAMES, PLAIN, OutputFormat, Style, bold, file_notes, level_name, listed, paint
from copycheck.ruleset.law import Provision
from copycheck.ruleset.model import Reference, level_rank


def display_width(text: str) -> int:
    """Terminal columns: CJK and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)


def _citations(references: tuple[Reference, ...], provisions: dict[str, Provision], lang: str) -> str:
    names = []
    for ref in references:
        provision = provisions.get(ref.id)
        names.append(provision.cite(ref.item, lang) if provision else str(ref))
    return ("、" if lang != "en" else "; ").join(dict.fromkeys(names))


# A snippet shows at most this many columns of its line either side of the span, and marks at
# most this many columns of the span: a 100 KB line is not printed once per finding.
_SNIPPET_CONTEXT = 40
_SNIPPET_SPAN = 80


def _snippet(index: LineIndex, finding: Finding) -> list[str]:
    loc = finding.location
    if loc.line > len(index.starts) or not index.text:
        return []  # a large file checked in chunks keeps no copy of its text
    start = index.starts[loc.line - 1]
    line_end = index.text.find("\n", start)
    line_end = len(index.text) if line_end == -1 else line_end
    span_start = start + loc.column - 1
    span_end = start + loc.end_column - 1 if loc.end_line == loc.line else line_end
    shown_end = min(span_end, span_start + _SNIPPET_SPAN)
    left = max(start, span_start - _SNIPPET_CONTEXT)
    right = min(line_end, shown_end + _SNIPPET_CONTEXT)
    before = ("…" if left > start else "") + index.text[left:span_start]
    span = index.text[span_start:shown_end]
    after = index.text[shown_end:right].rstrip("\r") + ("…" if right < line_end or shown_end < span_end else "")
    gutter = f"{loc.line:>4} | "
    marks = max(1, display_width(span))
    return [gutter + before + span + after, " " * (len(gutter) - 2) + "| " + " " * display_width(before) + "^" * marks]


def format_finding(
    report: Report, file: FileReport, finding: Finding, index: LineIndex, lang: str, style: Style = PLAIN
) -> str:
    loc = finding.location
    where = bold(f"{file.path}:{loc.line}:{loc.column}:", style)
    severity = paint(f"[{finding.severity}]", finding.severity, style)
    head = f"{where} {finding.rule} {severity} {finding.message.get(lang)}"
    if finding.context:
        head += f" ({CONTEXT_NAMES['en' if lang == 'en' else 'zh'][finding.context]})"
    snippet = _snippet(index, finding)
    if snippet:
        snippet[1] = paint(snippet[1], finding.severity, style)
    lines = [head, *snippet]
    basis, hint, parts = ("law", "fix", "parts") if lang == "en" else ("依据", "建议", "组成")
    if finding.is_compound:
        lines.append(f"     = {parts}: " + ", ".join(part.rule for part in finding.parts))
    elif finding.parts:
        lines.append(f"     = {parts}: " + " + ".join(f"{p.word_class}「{p.location.words}」" for p in finding.parts))
    lines.append(f"     = {basis}: " + _citations(finding.references, report.provisions, lang))
    rule = report.rules.get(finding.rule)
    if rule is not None and finding.asserted:
        lines.append(f"     = {hint}: " + rule.suggest.get(lang))
    return "\n".join(lines)


def format_risk(report: Report, file: FileReport, lang: str, style: Style = PLAIN) -> str:
    """The risk line of a file: its level, and the rules that set it. A compound that sets the
    level is named here, as a conclusion about the post, with the rules it rests on."""
    risk = file.risk
    level = paint(level_name(risk.level, lang), risk.level, style)
    if lang == "en":
        line = f"{file.path}: Risk level: {level} ({risk.score}/100)"
        driven = "driven by"
    else:
        line = f"{file.path}: 风险等级: {level} ({risk.score}/100)"
        driven = "主要因素"
    if risk.drivers:
        compounds = {f.rule: f for f in file.findings if f.is_compound}
        names = []
        for rule_id in risk.drivers:
            rule = report.rules.get(rule_id)
            name = f"{rule_id} {rule.title.get(lang)}" if rule else rule_id
            if rule_id in compounds:
                name += f" ({', '.join(dict.fromkeys(p.rule for p in compounds[rule_id].parts))})"
            names.append(name)
        line += f", {driven}: " + ("; ".join(names) if lang == "en" else "；".join(names))
    for reason in risk.reasons:
        line += ("; " if lang == "en" else "；") + reason.get(lang)
    return line


def summary_line(report: Report, lang: str, style: Style, problems: int) -> str:
    """How many files, problems (hints never count) and errors, and which files fail the run."""
    failing = [f.path for f in report.files if level_rank(f.risk.level) >= level_rank(style.fail_on)]
    files, errors = len(report.files), len(report.errors)
    if lang == "en":
        line = f"Checked {files} file(s): {problems} problem(s), {errors} error(s)."
        if failing:
            line += f" {len(failing)} file(s) at or above {style.fail_on}: {', '.join(failing)}."
    else:
        line = f"共检查 {files} 个文件：{problems} 个问题，{errors} 个错误。"
        if failing:
            line += f"{len(failing)} 个文件达到{level_name(style.fail_on, lang)}风险及以上：{'、'.join(failing)}。"
    return line


def format_text(report: Report, lang: str = "zh", style: Style = PLAIN) -> str:
    blocks: list[str] = []
    problems = 0
    for file in report.files:
        index = LineIndex(file.text)
        shown = listed(file, style)
        problems += sum(1 for f in shown if f.severity != "info")
        blocks.extend(format_finding(report, file, f, index, lang, style) for f in shown)
        if not style.quiet:
            blocks.extend(f"{file.path}: {note}" for _, note in file_notes(file, lang))
            blocks.append(format_risk(report, file, lang, style))
    for error in report.errors:
        blocks.append(f"{error.path}: error: {error.message}")
    if not style.quiet:
        blocks.append(summary_line(report, lang, style, problems))
    return "\n\n".join(blocks) + "\n" if blocks else ""


FORMAT = OutputFormat("text", format_text, order=10, styled=True)
