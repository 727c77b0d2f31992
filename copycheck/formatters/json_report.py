"""``--format json``: the stable machine-readable contract."""

from __future__ import annotations

import json
from typing import Any

from copycheck.findings import FileReport, Finding, Location, Report
from copycheck.formatters import OutputFormat


def _location(loc: Location) -> dict[str, Any]:
    return {
        "line": loc.line,
        "column": loc.column,
        "end_line": loc.end_line,
        "end_column": loc.end_column,
        "start": loc.start,
        "end": loc.end,
        "text": loc.text,
    }


def finding_dict(finding: Finding, lang: str) -> dict[str, Any]:
    return {
        "rule": finding.rule,
        "category": finding.category,
        "severity": finding.severity,
        "rule_severity": finding.rule_severity,
        "message": finding.message.get(lang),
        **_location(finding.location),
        "context": finding.context,
        "references": list(dict.fromkeys(ref.id for ref in finding.references)),
        "reference_items": [str(ref) for ref in finding.references],
        "related": [
            dict(_location(part.location), rule=part.rule, **({"class": part.word_class} if part.word_class else {}))
            for part in finding.parts
        ],
    }


def file_dict(file: FileReport, lang: str = "zh") -> dict[str, Any]:
    """One ``files[]`` entry of the JSON format (also one line of ``--format jsonl``)."""
    return {
        "path": file.path,
        "risk": {
            "level": file.risk.level,
            "score": file.risk.score,
            "drivers": list(file.risk.drivers),
            "reasons": [reason.get(lang) for reason in file.risk.reasons],
        },
        "findings": [finding_dict(f, lang) for f in file.findings],
        "omitted": [{"rule": rule_id, "count": n} for rule_id, n in file.omitted],
        "gave_up": list(file.gave_up),
        "markup_fallback": file.markup_fallback or None,
    }


def report_dict(report: Report, lang: str = "zh") -> dict[str, Any]:
    return {
        "tool": {"name": "copycheck", "version": report.version},
        "files": [file_dict(file, lang) for file in report.files],
        "errors": [{"path": e.path, "message": e.message} for e in report.errors],
    }


def format_json(report: Report, lang: str = "zh") -> str:
    return json.dumps(report_dict(report, lang), ensure_ascii=False, indent=2) + "\n"


FORMAT = OutputFormat("json", format_json, order=20)
