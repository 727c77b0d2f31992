"""``--format concise``: one line per finding and per input error, for grep and editors."""

from __future__ import annotations

from copycheck.formatters import file_notes
from copycheck.report import Report


def _one_line(text: str) -> str:
    return " ".join(text.splitlines())


def format_concise(report: Report, lang: str = "zh") -> str:
    lines = [
        f"{file.path}:{f.location.line}:{f.location.column}: {f.rule} [{f.severity}] {_one_line(f.message.get(lang))}"
        for file in report.files
        for f in file.findings
    ]
    lines.extend(
        f"{file.path}: note: {note}" for file in report.files for _, note in file_notes(file, lang)
    )
    lines.extend(f"{error.path}: error: {_one_line(error.message)}" for error in report.errors)
    return "".join(line + "\n" for line in lines)
