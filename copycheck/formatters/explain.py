"""``copycheck explain ID`` and ``copycheck rules``: a rule explained from its own data."""

from __future__ import annotations

from collections.abc import Iterable

from copycheck.matchers import kinds
from copycheck.ruleset.articles import articles_of
from copycheck.ruleset.law import Provision
from copycheck.ruleset.model import Rule
from copycheck.view.charfold import fold_chars
from copycheck.view.normalise import NormalisedText

SECTION_LABELS = {
    "zh": {
        "detects": "检测内容",
        "classes": "使用的词类",
        "unless": "例外（不报告）",
        "unless_sentence": "同一句中出现以下词语时不报告",
        "why": "风险原因",
        "sources": "依据的来源文章",
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
        "sources": "Source articles it draws on",
        "fire": "Reported",
        "ok": "Not reported",
        "suggest": "Compliant alternative",
        "law": "Provisions",
    },
}


_SUPPRESSIONS_CHECKED = {
    "zh": "检查对象：Markdown、HTML 文件里的抑制注释（<!-- copycheck: ignore[编号] 原因 -->）和配置中的"
    " [[tool.copycheck.suppress]] 抑制项；例子是 Markdown 文件中的一行。",
    "en": "Checks suppression comments in Markdown and HTML files (<!-- copycheck: ignore[ID] reason -->) and"
    " [[tool.copycheck.suppress]] entries in the configuration; each example is a line of a Markdown file.",
}

_NO_PROVISION = {
    "zh": "（无：这条规则检查的是 copycheck 自身的抑制用法，不涉及法条）",
    "en": "(none: this rule checks how copycheck's own suppressions are used, not the law)",
}


def _detects(rule: Rule, lang: str, labels: dict[str, str]) -> list[str]:
    kind = kinds().get(rule.kind)
    if kind is None:  # suppression misuse (SUP00x) is checked by suppressions.py, not a matcher
        return [f"  {rule.title.get(lang)}", f"  {_SUPPRESSIONS_CHECKED['en' if lang == 'en' else 'zh']}"]
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
        *source_lines(rule, lang),
        # Examples read as posts: the span marks of fire examples (model.marked_span) are not shown.
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
    if not rule.references:
        out.append(f"  {_NO_PROVISION['en' if lang == 'en' else 'zh']}")
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


def source_lines(rule: Rule, lang: str) -> list[str]:
    """The source articles ``rule.why`` draws on, a heading and one line each (none: nothing)."""
    if not rule.sources:
        return []
    lines = [f"{SECTION_LABELS['en' if lang == 'en' else 'zh']['sources']}:"]
    for article in articles_of(rule.sources):
        lines.append(f"  [{article.id}] {article.file}: {article.about.get(lang)}")
    return [*lines, ""]


def format_rule_list(rules: Iterable[Rule], lang: str = "zh") -> str:
    rows = [(r.id, r.category, r.severity, r.title.get(lang)) for r in rules]
    widths = [max((len(row[i]) for row in rows), default=0) for i in range(3)]
    lines = [
        f"{rid:<{widths[0]}}  {cat:<{widths[1]}}  {sev:<{widths[2]}}  {title}" for rid, cat, sev, title in rows
    ]
    return "\n".join(lines) + "\n"


CLAUSE_MARK, SENTENCE_MARK = "｜", "‖"  # separators, so never part of a view themselves
VIEW_LABELS = {
    "zh": {
        "heading": (
            f"匹配器看到的文字（视图）：已去掉空格、标点和符号，{CLAUSE_MARK} 为分句处，{SENTENCE_MARK} 为断句处"
        ),
        "line": "第 {number} 行",
        "text": "原文",
        "view": "视图",
        "folded": "折叠",
        "contact": "联系方式变体",
        "disguise": "形近字、谐音字",
        "char": "繁体、全角或大小写",
        "empty": "（空）",
        "fold": "{written}→{view}",
        "why": "（{why}）",
        "and": "、",
        "then": "；",
    },
    "en": {
        "heading": (
            f"The text the matchers see (the view): spaces, punctuation and symbols removed; {CLAUSE_MARK} ends a"
            f" clause, {SENTENCE_MARK} a sentence"
        ),
        "line": "line {number}",
        "text": "text",
        "view": "view",
        "folded": "folded",
        "contact": "contact handle",
        "disguise": "look-alike spelling",
        "char": "traditional, full-width or case",
        "empty": "(empty)",
        "fold": "{written} → {view}",
        "why": " ({why})",
        "and": ", ",
        "then": "; ",
    },
}


def format_view(text: str, lang: str = "zh") -> str:
    """``copycheck explain --view``: each non-blank line as written and as the matchers see it,
    with clause and sentence breaks marked and every fold named, so that a rule author can
    write literals the view holds (微信, not 薇信; 万, not 萬)."""
    labels = VIEW_LABELS["en" if lang == "en" else "zh"]
    norm = NormalisedText(text)
    spans = [(s, e, "contact") for s, e in norm.variant_spans()]
    spans += [(s, e, "disguise") for s, e in norm.disguise_spans()]
    width = max(len(labels[key]) for key in ("text", "view", "folded"))
    out = [labels["heading"]]
    start = 0
    for number, (original, compact) in enumerate(norm.lines(), 1):
        end = start + len(compact)
        if original.strip():
            out += ["", labels["line"].format(number=number)]
            out.append(f"  {labels['text']:<{width}}  {original}")
            out.append(f"  {labels['view']:<{width}}  {_marked(norm, start, end) or labels['empty']}")
            folds = [
                labels["fold"].format(written=norm.original[slice(*norm.to_original(s, e))], view=norm.compact[s:e])
                + labels["why"].format(why=labels[kind])
                for s, e, kind in sorted(spans)
                if start <= s < end
            ]
            # Separators fold too (，to ,) but are removed anyway: only letters and digits are named.
            chars = dict.fromkeys(
                (char, folded)
                for char, folded in zip(original, fold_chars(original), strict=True)
                if char != folded and folded.isalnum()
            )
            if chars:
                pairs = labels["and"].join(labels["fold"].format(written=char, view=folded) for char, folded in chars)
                folds.append(pairs + labels["why"].format(why=labels["char"]))
            if folds:
                out.append(f"  {labels['folded']:<{width}}  " + labels["then"].join(folds))
        start = end
    return "\n".join(out) + "\n"


def _marked(norm: NormalisedText, start: int, end: int) -> str:
    """The view of ``[start, end)`` (one line) with its inner clause and sentence breaks marked."""
    pieces = []
    position = start
    while position < end:
        clause_end = max(norm.clause_bounds(position)[1], position + 1)
        pieces.append(norm.compact[position:clause_end])
        if clause_end < end:
            pieces.append(SENTENCE_MARK if norm.sentence_bounds(clause_end)[0] == clause_end else CLAUSE_MARK)
        position = clause_end
    return "".join(pieces)
