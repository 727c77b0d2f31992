"""``copycheck explain ID`` and ``copycheck rules``: a rule explained from its own data."""

from __future__ import annotations

from collections.abc import Iterable

from copycheck.matchers import kinds
from copycheck.ruleset.law import Provision
from copycheck.ruleset.model import Rule

SECTION_LABELS = {
    "zh": {
        "detects": "检测内容",
        "classes": "使用的词类",
        "unless": "例外（不报告）",
        "unless_sentence": "同一句中出现以下词语时不报告",
        "why": "风险原因",
        "fire": "会报告的例子",
        "ok": "不会报告的例子",
        "suggest": "合规写法",
        "law": "相关法条",
    },
    "en": {
        "detects": "What it detects",
        "classes": "Word classes used",
        "unless": "exceptions (not reported)",
        "unless_sentence": "not reported when the sentence contains",
        "why": "Why it is risky",
        "fire": "Reported",
        "ok": "Not reported",
        "suggest": "Compliant alternative",
        "law": "Provisions",
    },
}


def _detects(rule: Rule, lang: str, labels: dict[str, str]) -> list[str]:
    kind = kinds().get(rule.kind)
    if kind is None:  # suppression misuse (SUP00x) is checked by suppressions.py, not a matcher
        return [f"  {rule.title.get(lang)}"]
    lines = [f"  {line}" for line in kind.describe(rule, lang)]
    if rule.unless:
        lines.append(f"  {labels['unless']}: " + "、".join(rule.unless))
    if rule.unless_sentence:
        lines.append(f"  {labels['unless_sentence']}: " + "、".join(rule.unless_sentence))
    classes = kind.word_classes(rule)
    if classes:
        lines.append(f"  {labels['classes']}: " + ", ".join(classes))
    return lines


def format_explain(rule: Rule, provisions: dict[str, Provision], lang: str = "zh") -> str:
    labels = SECTION_LABELS["en" if lang == "en" else "zh"]
    out = [
        f"{rule.id} {rule.title.get(lang)}",
        f"  category: {rule.category}  severity: {rule.severity}  source: {rule.source}",
        "",
        f"{labels['detects']}:",
        *_detects(rule, lang, labels),
        "",
        f"{labels['why']}:",
        f"  {rule.why.get(lang)}",
        "",
        f"{labels['fire']}:",
        *(f"  ✗ {example}" for example in rule.examples.fire),
        f"{labels['ok']}:",
        *(f"  ✓ {example}" for example in rule.examples.ok),
        "",
        f"{labels['suggest']}:",
        f"  {rule.suggest.get(lang)}",
        "",
        f"{labels['law']}:",
    ]
    for ref in rule.references:
        provision = provisions.get(ref.id)
        if provision is None:
            out.append(f"  {ref}")
            continue
        out.append(f"  [{ref}] {provision.cite(ref.item, lang, 'full')}")
        out.append(f"  {provision.version}")
        out.extend(f"    {line}" for line in provision.text.strip().splitlines())
        if provision.note:
            out.append(f"  * {provision.note}")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def format_rule_list(rules: Iterable[Rule], lang: str = "zh") -> str:
    rows = [(r.id, r.category, r.severity, r.title.get(lang)) for r in rules]
    widths = [max((len(row[i]) for row in rows), default=0) for i in range(3)]
    lines = [
        f"{rid:<{widths[0]}}  {cat:<{widths[1]}}  {sev:<{widths[2]}}  {title}" for rid, cat, sev, title in rows
    ]
    return "\n".join(lines) + "\n"
