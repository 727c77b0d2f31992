"""Formatters: pure functions from a report (or a rule) to text."""

from __future__ import annotations

LEVEL_NAMES = {
    "zh": {"none": "无", "low": "低", "medium": "中", "high": "高", "critical": "严重"},
    "en": {"none": "none", "low": "low", "medium": "medium", "high": "high", "critical": "critical"},
}
CONTEXT_NAMES = {
    "zh": {
        "negated": "否定或警示语境，不计入风险",
        "quoted": "批评性引用，不计入风险",
        "reported": "报道或转述，不计入风险",
    },
    "en": {
        "negated": "negated or warning context, not counted",
        "quoted": "quoted to criticise, not counted",
        "reported": "reported or narrated, not counted",
    },
}


def level_name(level: str, lang: str) -> str:
    return LEVEL_NAMES["en" if lang == "en" else "zh"][level]


def omitted_note(rule_id: str, count: int, lang: str) -> str:
    """The line that stands for the findings of one rule beyond the listed ones."""
    from copycheck.engine import MAX_FINDINGS_PER_RULE

    if lang == "en":
        return f"{count} more {rule_id} findings not listed (at most {MAX_FINDINGS_PER_RULE} per rule per file)"
    return f"另有 {count} 处 {rule_id} 同类问题未逐一列出（每条规则每个文件最多列出 {MAX_FINDINGS_PER_RULE} 处）"
