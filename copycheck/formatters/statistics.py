"""``--statistics``: how often each rule fired, most frequent first."""

from __future__ import annotations

from collections import Counter

from copycheck.findings import Report


def format_statistics(report: Report, lang: str = "zh") -> str:
    counts = Counter(f.rule for file in report.files for f in file.findings)
    lines = []
    for rule_id, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        rule = report.rules.get(rule_id)
        title = rule.title.get(lang) if rule else ""
        severity = rule.severity if rule else ""
        lines.append(f"{count:>6}  {rule_id:<7} [{severity}] {title}")
    total = sum(counts.values())
    lines.append(f"{total:>6}  " + ("findings in total" if lang == "en" else "个问题合计"))
    return "\n".join(lines) + "\n"
