"""``--format concise``: one line per finding and per input error, for grep and editors; then a
risk line per file and the summary (unless quiet)."""

from __future__ import annotations

from copycheck.findings import Report
from copycheck.formatters import PLAIN, OutputFormat, Style, bold, file_notes, listed, paint
from copycheck.formatters.text import format_risk, summary_line


def _one_line(text: str) -> str:
    return " ".join(text.splitlines())


def format_concise(report: Report, lang: str = "zh", style: Style = PLAIN) -> str:
    lines = []
    problems = 0
    for file in report.files:
        for f in listed(file, style):
            problems += f.severity != "info"
            where = bold(f"{file.path}:{f.location.line}:{f.location.column}:", style)
            severity = paint(f"[{f.severity}]", f.severity, style)
            lines.append(f"{where} {f.rule} {severity} {_one_line(f.message.get(lang))}")
    if not style.quiet:
        lines.extend(f"{file.path}: note: {note}" for file in report.files for _, note in file_notes(file, lang))
    lines.extend(f"{error.path}: error: {_one_line(error.message)}" for error in report.errors)
    if not style.quiet:
        lines.extend(format_risk(report, file, lang, style) for file in report.files)
        lines.append(summary_line(report, lang, style, problems))
    return "".join(line + "\n" for line in lines)


FORMAT = OutputFormat("concise", format_concise, order=60, styled=True)
