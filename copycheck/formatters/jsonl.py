"""``--format jsonl``: one JSON object per line, one line per file and per input error.

A file line is the ``files[]`` entry of ``--format json`` plus ``tool``. For JSONL record input the
CLI sets ``path`` to the record's id, so ``path`` is all a consumer needs to match lines to records.
"""

from __future__ import annotations

import json
from typing import Any

from copycheck.findings import Report
from copycheck.formatters import OutputFormat
from copycheck.formatters.json_report import file_dict


def _line(obj: dict[str, Any]) -> str:
    return json.dumps(obj, ensure_ascii=False) + "\n"


def format_jsonl(report: Report, lang: str = "zh") -> str:
    tool = {"name": "copycheck", "version": report.version}
    lines = [_line({"tool": tool, **file_dict(file, lang)}) for file in report.files]
    lines.extend(_line({"path": error.path, "error": error.message}) for error in report.errors)
    return "".join(lines)


FORMAT = OutputFormat("jsonl", format_jsonl, order=50)
