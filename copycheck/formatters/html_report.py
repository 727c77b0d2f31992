"""``copycheck --format html``: one self-contained page for whoever wrote the copy.

The reader is a marketer or a compliance reviewer going through a folder of drafts, not a consumer:
an index of every file checked, worst first (level, score, number of problems, a link to the file's
section) under a summary line (files, problems, errors, files at the fail level); then per file its
risk line (level, score, the rules that set it, a compound with the rules it rests on, as in the
``text`` format), every problem with ``line:column``, rule id, severity, message, the evidence in its
line, the provisions cited and the rewrite hint, and the hints (``info`` findings: negated or quoted
mentions, minor wording) folded away; at the end the text of every provision cited, once.

No consumer verdict or advice here ("what to do if an agent pitches you this"): that is the
business of ``copycheck vet`` and the web page (:mod:`copycheck.formatters.html`), whose shell, CSS
and escaping this page shares. Problems are counted as the ``text`` format counts them: findings it
lists (compounds are conclusions named in the risk line), hints never.

A pure function of the report (its CSS is read once from the package). No scripts, no external
resources; every piece of input (paths, messages, evidence) goes through :func:`html.escape`.
Evidence from a Markdown or HTML file is shown as the reader sees it: its tags, comments and code
are left out (the masked view the matchers read), so a quote never carries markup, not even
escaped.
"""

from __future__ import annotations

import re

from copycheck.findings import FileReport, Finding, Location, Report
from copycheck.formatters import CONTEXT_NAMES, PLAIN, OutputFormat, Style, file_notes, level_name, listed
from copycheck.formatters.html import escape_html, page, stylesheet
from copycheck.formatters.html_words import HINT_NAMES, REPORT_LABELS
from copycheck.inputs.markup import markup_kind, mask_markup, visible_text
from copycheck.ruleset.law import Provision
from copycheck.ruleset.model import Reference, level_rank, severity_rank

_e = escape_html  # short, as it wraps every piece of input below

# Characters of the evidence's line shown either side of the span.
_CONTEXT = 24
_SPACE = re.compile(r"\s+")


def labels(lang: str) -> dict[str, str]:
    return REPORT_LABELS["en" if lang == "en" else "zh"]


def severity_name(severity: str, lang: str) -> str:
    """The level words (严重/高/中/低 and critical/high/medium/low) for severities, 提示/hint for info."""
    if severity == "info":
        return HINT_NAMES["en" if lang == "en" else "zh"]
    return level_name(severity, lang)


def problem_count(file: FileReport) -> int:
    """Problems as the ``text`` format counts them: the findings it lists, hints never."""
    return sum(1 for f in listed(file, PLAIN) if f.severity != "info")


def risk_order(report: Report) -> list[tuple[int, FileReport]]:
    """``(number, file)`` with numbers from 1 in input order, worst first: level, then score, then input order."""
    numbered = list(enumerate(report.files, start=1))
    return sorted(numbered, key=lambda nf: (-level_rank(nf[1].risk.level), -nf[1].risk.score, nf[0]))


# ---------------------------------------------------------------------------------------------------------
# What a reader sees of the evidence


class Evidence:
    """The visible text of one file's spans: for Markdown and HTML, tags, comments, code and
    references are left out (references are decoded), as the matchers never saw them."""

    def __init__(self, file: FileReport) -> None:
        self.text = file.text
        self.kind = markup_kind(file.path)
        self.masked = mask_markup(file.text, self.kind) if self.kind and file.text else None

    def visible(self, start: int, end: int, fallback: str = "") -> str:
        """The reader's view of ``text[start:end]``; of ``fallback`` when the text was not kept."""
        if self.text and 0 <= start <= end <= len(self.text):
            original = self.text[start:end]
            masked = self.masked[start:end] if self.masked is not None else None
        else:
            original = fallback
            masked = mask_markup(fallback, self.kind) if self.kind else None
        return original if masked is None else visible_text(original, masked, decode=True)

    def quote(self, location: Location) -> str:
        """The span as one line of visible text."""
        shown = self.visible(location.start, location.end, location.text)
        return " ".join(shown.split()) or " ".join(location.text.split()) or location.text

    def snippet(self, location: Location) -> str:
        """Escaped HTML: the span marked inside up to ``_CONTEXT`` characters of its line either side."""
        quote = f"<mark>{_e(self.quote(location))}</mark>"
        if not self.text or not 0 <= location.start <= location.end <= len(self.text):
            return quote
        line_start = self.text.rfind("\n", 0, location.start) + 1
        line_end = self.text.find("\n", location.end)
        line_end = len(self.text) if line_end == -1 else line_end
        left = max(line_start, location.start - _CONTEXT)
        right = min(line_end, location.end + _CONTEXT)
        before = _SPACE.sub(" ", self.visible(left, location.start)).lstrip()
        after = _SPACE.sub(" ", self.visible(location.end, right)).rstrip()
        before = ("…" if left > line_start else "") + before
        after += "…" if right < line_end else ""
        return f"{_e(before)}{quote}{_e(after)}"


# ---------------------------------------------------------------------------------------------------------
# Pieces


class _Laws:
    """The provisions cited on the page, numbered in order of first citation (anchors ``law-N``)."""

    def __init__(self, report: Report) -> None:
        self.provisions = report.provisions
        self.anchors: dict[str, str] = {}

    def cite(self, references: tuple[Reference, ...], lang: str) -> str:
        names: dict[str, str] = {}
        for ref in references:
            provision = self.provisions.get(ref.id)
            if provision is None:
                names.setdefault(str(ref), _e(ref))
                continue
            anchor = self.anchors.setdefault(ref.id, f"law-{len(self.anchors) + 1}")
            name = provision.cite(ref.item, lang)
            names.setdefault(name, f'<a href="#{anchor}">{_e(name)}</a>')
        return labels(lang)["sep"].join(names.values())

    def appendix(self, lang: str) -> str:
        if not self.anchors:
            return ""
        blocks = []
        for pid, anchor in self.anchors.items():
            provision: Provision = self.provisions[pid]
            # In Chinese the full title is the line below; in English it follows the translation.
            heading = provision.cite("", lang, "full" if lang == "en" else "short")
            note = f'<p class="meta">{_e(provision.note)}</p>' if provision.note else ""
            blocks.append(
                f'<div class="provision" id="{anchor}"><h3>{_e(heading)}</h3>'
                f'<p class="meta">{_e(provision.law)} · {_e(provision.version)}</p>'
                f"<blockquote lang='zh-CN'>{_e(provision.text.strip())}</blockquote>{note}</div>"
            )
        return f'<section class="card laws" id="laws"><h2>{_e(labels(lang)["laws"])}</h2>{"".join(blocks)}</section>'


def _field(key: str, content: str) -> str:
    """A labelled line: ``key`` is plain text, ``content`` already escaped HTML."""
    return f'<p class="field"><span class="k">{_e(key)}</span>{content}</p>'


def _badge(severity: str, lang: str) -> str:
    return f'<span class="badge sev-{_e(severity)}">{_e(severity_name(severity, lang))}</span>'


def _level_badge(level: str, lang: str) -> str:
    return f'<span class="badge lvl lv-{_e(level)}">{_e(level_name(level, lang))}</span>'


def index_html(report: Report, lang: str = "zh", style: Style = PLAIN) -> str:
    """The summary line and the table of files, worst first, each linked to its section."""
    lab = labels(lang)
    problems = sum(problem_count(file) for file in report.files)
    threshold = level_rank(style.fail_on)
    failing = sum(1 for file in report.files if level_rank(file.risk.level) >= threshold)
    fail_word = level_name(style.fail_on, lang)
    summary = lab["summary"].format(files=len(report.files), problems=problems, errors=len(report.errors))
    summary += " " if lang == "en" else ""
    summary += lab["failing"].format(n=failing, level=fail_word) if failing else lab["passing"].format(level=fail_word)
    rows = []
    for number, file in risk_order(report):
        level = file.risk.level
        rows.append(
            f'<tr class="lv-{_e(level)}"><td class="path"><a href="#file-{number}">{_e(file.path)}</a></td>'
            f"<td>{_level_badge(level, lang)}</td>"
            f'<td class="num">{file.risk.score}</td><td class="num">{problem_count(file)}</td></tr>'
        )
    if rows:
        table = (
            f'<table><thead><tr><th scope="col">{_e(lab["file"])}</th><th scope="col">{_e(lab["level"])}</th>'
            f'<th scope="col" class="num">{_e(lab["score"])}</th>'
            f'<th scope="col" class="num">{_e(lab["problems"])}</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>"
        )
    else:
        table = f'<p class="muted">{_e(lab["no_files"])}</p>'
    errors = f' <a href="#errors">{_e(lab["errors"])}</a>' if report.errors else ""
    return (
        f'<section class="card index" id="index"><h2>{_e(lab["index"])}</h2>'
        f'<p class="summary">{_e(summary)}{errors}</p>{table}</section>'
    )


def _drivers_html(
    report: Report, file: FileReport, evidence: Evidence, anchors: dict[tuple[str, int], str], laws: _Laws, lang: str
) -> str:
    """The rules that set the level, as the text format's risk line names them: a compound with the
    rules it rests on (each linked to its finding), its message and the provisions it cites."""
    lab = labels(lang)
    by_rule: dict[str, Finding] = {}
    for finding in file.findings:
        if finding.raises_risk:
            kept = by_rule.get(finding.rule)
            if kept is None or severity_rank(finding.severity) > severity_rank(kept.severity):
                by_rule[finding.rule] = finding
    items = []
    for rule_id in file.risk.drivers:
        rule = report.rules.get(rule_id)
        finding = by_rule.get(rule_id)
        title = rule.title.get(lang) if rule else rule_id
        head = f'<code class="rule">{_e(rule_id)}</code> {_e(title)}'
        if finding is None:
            items.append(f"<li>{head}</li>")
            continue
        if not finding.is_compound:
            anchor = anchors.get((finding.rule, finding.location.start))
            link = (
                f' <a href="#{anchor}">{_e(f"{finding.location.line}:{finding.location.column}")}</a>' if anchor else ""
            )
            items.append(f"<li>{_badge(finding.severity, lang)} {head}{link}</li>")
            continue
        parts = []
        for part in dict.fromkeys((p.rule, p.location.start) for p in finding.parts):
            anchor = anchors.get(part)
            name = _e(part[0])
            parts.append(f'<a href="#{anchor}">{name}</a>' if anchor else name)
        message = finding.message.get(lang)
        fields = [_field(lab["parts"], ", ".join(parts))]
        if finding.references:
            fields.append(_field(lab["law"], laws.cite(finding.references, lang)))
        items.append(
            f"<li>{_badge(finding.severity, lang)} {head}{_e(lab['colon'])}{_e(message)}{''.join(fields)}</li>"
        )
    reasons = "".join(f"<li>{_e(reason.get(lang))}</li>" for reason in file.risk.reasons)
    if not items and not reasons:
        return ""
    return f'<ul class="drivers" aria-label="{_e(lab["drivers"])}">{"".join(items)}{reasons}</ul>'


def finding_html(report: Report, finding: Finding, evidence: Evidence, anchor: str, laws: _Laws, lang: str) -> str:
    """One problem: ``line:column``, rule id, severity, message; the evidence in its line; law; fix."""
    lab = labels(lang)
    loc = finding.location
    sev = finding.severity
    message = finding.message.get(lang)
    if finding.context:
        message += " " + lab["paren"].format(CONTEXT_NAMES["en" if lang == "en" else "zh"][finding.context])
    at = lab["at"].format(line=loc.line, column=loc.column)
    out = [
        f'<li class="sev-{_e(sev)}" id="{anchor}"><p class="fhead">'
        f'<a class="loc" href="#{anchor}" title="{_e(at)}">{loc.line}:{loc.column}</a> '
        f'<code class="rule">{_e(finding.rule)}</code> {_badge(sev, lang)} <span class="msg">{_e(message)}</span></p>',
        f'<p class="evidence" lang="zh-CN">{evidence.snippet(loc)}</p>',
    ]
    if finding.parts:
        pieces = (f"{_e(p.word_class)}「{_e(evidence.quote(p.location))}」" for p in finding.parts)
        out.append(_field(lab["parts"], " + ".join(pieces)))
    if finding.references:
        out.append(_field(lab["law"], laws.cite(finding.references, lang)))
    rule = report.rules.get(finding.rule)
    if rule is not None and finding.asserted:
        out.append(_field(lab["fix"], _e(rule.suggest.get(lang))))
    out.append("</li>")
    return "".join(out)


def _hint_html(finding: Finding, evidence: Evidence, lang: str) -> str:
    loc = finding.location
    message = finding.message.get(lang)
    if finding.context:
        message += " " + labels(lang)["paren"].format(CONTEXT_NAMES["en" if lang == "en" else "zh"][finding.context])
    return f'<li>{loc.line}:{loc.column} <code class="rule">{_e(finding.rule)}</code> {_e(message)}</li>'


def file_section(report: Report, file: FileReport, number: int, laws: _Laws, lang: str = "zh") -> str:
    """One file's section (anchor ``file-N``): its risk line, its problems, its hints folded away."""
    lab = labels(lang)
    evidence = Evidence(file)
    shown = sorted(listed(file, PLAIN), key=lambda f: (f.location.start, f.location.end, f.rule))
    problems = [f for f in shown if f.severity != "info"]
    hints = sorted(
        (f for f in file.findings if f.severity == "info" and not f.is_compound),
        key=lambda f: (f.location.start, f.location.end, f.rule),
    )
    ids = {id(f): f"file-{number}-{n}" for n, f in enumerate(problems, start=1)}
    anchors: dict[tuple[str, int], str] = {}
    for finding in problems:
        anchors.setdefault((finding.rule, finding.location.start), ids[id(finding)])
    risk = file.risk
    risk_line = lab["risk"].format(level=level_name(risk.level, lang), score=risk.score)
    count = lab["count"].format(n=len(problems))
    out = [
        f'<section class="card file-report lv-{_e(risk.level)}" id="file-{number}" aria-labelledby="file-{number}-h">'
        f'<h2 class="path" id="file-{number}-h">{_e(file.path)}</h2>'
        f'<p class="risk-line">{_level_badge(risk.level, lang)} {_e(risk_line)} · {_e(count)}</p>',
        _drivers_html(report, file, evidence, anchors, laws, lang),
    ]
    notes = file_notes(file, lang)
    if notes:
        out.append(f'<ul class="notes">{"".join(f"<li>{_e(note)}</li>" for _, note in notes)}</ul>')
    if problems:
        items = "".join(finding_html(report, f, evidence, ids[id(f)], laws, lang) for f in problems)
        out.append(f'<ol class="findings">{items}</ol>')
    else:
        out.append(f'<p class="muted">{_e(lab["no_problems"])}</p>')
    if hints:
        items = "".join(_hint_html(f, evidence, lang) for f in hints)
        summary = _e(lab["hints"].format(n=len(hints)))
        out.append(f'<details class="hints"><summary>{summary}</summary><ul>{items}</ul></details>')
    out.append(f'<p class="back"><a href="#index">{_e(lab["back"])}</a></p></section>')
    return "".join(out)


def report_body(report: Report, lang: str = "zh", style: Style = PLAIN) -> str:
    """The index, one section per file in the index's order, input errors, the provisions cited."""
    lab = labels(lang)
    laws = _Laws(report)
    out = [index_html(report, lang, style)]
    out.extend(file_section(report, file, number, laws, lang) for number, file in risk_order(report))
    if report.errors:
        items = "".join(f"<li>{_e(error.path)}: {_e(error.message)}</li>" for error in report.errors)
        out.append(f'<section class="card" id="errors"><h2>{_e(lab["errors"])}</h2><ul>{items}</ul></section>')
    out.append(laws.appendix(lang))
    return "".join(out)


def format_html_report(report: Report, lang: str = "zh", style: Style = PLAIN) -> str:
    """A self-contained HTML5 report on a run for the copy's author (no scripts, no network requests).
    ``style.fail_on`` is the level the summary counts files at."""
    lab = labels(lang)
    return page(
        report_body(report, lang, style), lang, title=lab["title"], version=report.version, brand=lab["brand"],
        extra_css=stylesheet("formatters/report.css"),
    )  # fmt: skip


FORMAT = OutputFormat("html", format_html_report, order=70, styled=True)
