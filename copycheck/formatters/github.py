"""``--format github``: GitHub Actions workflow commands, shown as annotations on the run and the diff."""

from __future__ import annotations

from copycheck.findings import FileReport, Finding, Report
from copycheck.formatters import PLAIN, OutputFormat, file_notes, listed
from copycheck.formatters.text import format_risk

COMMANDS = {"critical": "error", "high": "error", "medium": "warning", "low": "notice", "info": "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def command(name: str, message: str, **properties: str | int) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{name} {props}::{escape_data(message)}" if props else f"::{name}::{escape_data(message)}"


def _finding(file: FileReport, finding: Finding, lang: str) -> str:
    loc = finding.location
    position: dict[str, str | int] = {"file": file.path, "line": loc.line}
    # Columns are exclusive at the end (as in SARIF); GitHub only accepts columns on one-line spans.
    if loc.end_line == loc.line:
        position |= {"col": loc.column, "endLine": loc.end_line, "endColumn": loc.end_column}
    else:
        position["endLine"] = loc.end_line
    return command(
        COMMANDS[finding.severity], finding.message.get(lang), **position, title=f"copycheck ({finding.rule})"
    )


def format_github(report: Report, lang: str = "zh") -> str:
    """One annotation per problem (hints and compounds left out: a compound is named on the file's
    risk annotation), an ``error`` on a post rated high or critical, nothing for a clean file."""
    lines: list[str] = []
    for file in report.files:
        lines.extend(_finding(file, finding, lang) for finding in listed(file, PLAIN))
        lines.extend(
            command("notice", note, file=file.path, title="copycheck") for _, note in file_notes(file, lang)
        )
        if file.risk.level == "none":
            continue
        risk = format_risk(report, file, lang).removeprefix(f"{file.path}: ")
        level = "error" if file.risk.level in ("high", "critical") else "notice"
        lines.append(command(level, risk, file=file.path, title="copycheck risk"))
    lines.extend(command("error", error.message, file=error.path) for error in report.errors)
    return "".join(line + "\n" for line in lines)


FORMAT = OutputFormat("github", format_github, order=40)
