"""``copycheck explain ID`` and ``copycheck rules``: a rule explained from its own data."""

from __future__ import annotations

from collections.abc import Iterable

from copycheck.law import Provision
from copycheck.model import Rule

_LABELS = {
    "zh": {
        "detects": "检测内容",
        "terms": "匹配词语（已忽略空格、符号、繁简与全半角差异）",
        "pattern": "正则表达式（作用于规范化文本）",
        "amount": "收入词 + 金额达到阈值",
        "variant": "变体写法的联系方式（V信、薇信、vx、➕V 等，规范化为 微信/加微信）",
        "split": "其他规则命中的词语被拆开书写（每个字之间都有分隔，或字间夹有符号、表情），最少字数",
        "all": "以下规则同时出现",
        "any": "以下任一规则出现",
        "within_post": "全文范围内",
        "within": "{n} 个字符范围内",
        "unless": "例外（不报告）",
        "why": "风险原因",
        "fire": "会报告的例子",
        "ok": "不会报告的例子",
        "suggest": "合规写法",
        "law": "相关法条",
        "periods": {"day": "日", "week": "周", "month": "月", "year": "年"},
        "yuan": "元",
    },
    "en": {
        "detects": "What it detects",
        "terms": "terms (spaces, symbols, traditional and full-width forms are ignored)",
        "pattern": "regular expression (on the normalised text)",
        "amount": "an income word with an amount at or above the threshold",
        "variant": "a disguised contact handle (V信, 薇信, vx, ➕V; folded to 微信/加微信)",
        "split": "another rule's match written split apart (a separator in every gap, or a symbol or emoji"
        " between characters), minimum characters",
        "all": "all of these rules together",
        "any": "any of these rules",
        "within_post": "anywhere in the post",
        "within": "within {n} characters",
        "unless": "exceptions (not reported)",
        "why": "Why it is risky",
        "fire": "Reported",
        "ok": "Not reported",
        "suggest": "Compliant alternative",
        "law": "Provisions",
        "periods": {"day": "day", "week": "week", "month": "month", "year": "year"},
        "yuan": "yuan",
    },
}


def _detects(rule: Rule, labels: dict) -> list[str]:
    lines = []
    if rule.kind == "terms":
        lines.append(f"  {labels['terms']}: " + "、".join(rule.terms))
    elif rule.kind == "pattern":
        lines.append(f"  {labels['pattern']}: {rule.pattern}")
    elif rule.amount is not None:
        lines.append(f"  {labels['amount']}:")
        by_period: dict[str, list[str]] = {}
        for subject, period in rule.amount.subjects:
            by_period.setdefault(period, []).append(subject)
        for period, subjects in by_period.items():
            threshold = rule.amount.threshold(period) or 0
            lines.append(
                f"    {labels['periods'][period]} ≥ {threshold:,.0f} {labels['yuan']}: " + "、".join(subjects)
            )
    elif rule.variant:
        lines.append(f"  {labels['variant']}")
    elif rule.split is not None:
        lines.append(f"  {labels['split']}: {rule.split.min_chars}")
    elif rule.compound is not None:
        within = (
            labels["within_post"]
            if rule.compound.within is None
            else labels["within"].format(n=rule.compound.within)
        )
        lines.append(f"  {labels[rule.compound.mode]} ({within}): " + ", ".join(rule.compound.selectors))
    if rule.unless:
        lines.append(f"  {labels['unless']}: " + "、".join(rule.unless))
    return lines


def format_explain(rule: Rule, provisions: dict[str, Provision], lang: str = "zh") -> str:
    labels = _LABELS["en" if lang == "en" else "zh"]
    out = [
        f"{rule.id} {rule.title.get(lang)}",
        f"  category: {rule.category}  severity: {rule.severity}  source: {rule.source}",
        "",
        f"{labels['detects']}:",
        *_detects(rule, labels),
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
        out.append(f"  [{ref}] {provision.law} {provision.article}" + (f"（{ref.item}）" if ref.item else ""))
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
