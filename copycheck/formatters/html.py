"""The consumer's HTML page (``copycheck vet --format html`` and the web page): one self-contained
page a consumer can read on a phone in a minute. The report on a run for the copy's author
(``copycheck --format html``) is :mod:`copycheck.formatters.html_report`, which shares the shell,
the CSS and the escaping below but none of the consumer's verdict or advice. This module renders;
the words of both pages are in :mod:`copycheck.formatters.html_words`, their CSS in ``page.css``
(and ``report.css``, the run report's own) beside it, read as package resources.

The page has no scripts, no external fonts, images or links to other sites: inline CSS and an
inline SVG gauge only, so it works offline and with JavaScript turned off. Every piece of input
(post text, paths, matched text, messages) goes through :func:`escape_html` (``quote=True``)
and never into ``href`` or ``src``.

Per post: a verdict in plain words, a risk gauge, the post with every asserted finding
highlighted (overlapping findings are split at every boundary, each piece showing the most severe
finding covering it), one tap-to-expand block per finding (why it is risky, what an honest seller
does, the provisions), the negated or quoted mentions in a separate muted list, and practical
advice when something risky was found.
"""

from __future__ import annotations

from functools import cache
from html import escape
from itertools import pairwise

from copycheck import package_file
from copycheck.consumer.verdict import LEVEL_LABELS, Verdict, verdict
from copycheck.findings import FileReport, Finding, Report
from copycheck.formatters.html_words import (
    ADVICE,
    CATEGORY_NAMES,
    LEVEL_SHORT,
    MEDICAL_ADVICE,
    PAGE_LABELS,
    SEVERITY_LABELS,
    SEVERITY_LEGEND,
)
from copycheck.ruleset.model import CATEGORIES, Reference, severity_rank

SEVERITY_ORDER = ("critical", "high", "medium", "low", "info")
# Paths that name no file: the web page's pasted text, standard input, library calls.
ANONYMOUS_PATHS = ("<pasted>", "<stdin>", "<text>")


def escape_html(value: object) -> str:
    """Escape any input for text and (quoted) attribute positions: every HTML page's one escape."""
    return escape(str(value), quote=True)


_e = escape_html  # short, as it wraps every piece of input below


def labels(lang: str) -> dict[str, str]:
    return PAGE_LABELS["en" if lang == "en" else "zh"]


@cache
def stylesheet(name: str) -> str:
    """The CSS file shipped at ``name`` in the package (``formatters/page.css``), read once."""
    return package_file(name).read_text(encoding="utf-8")


def _lang(lang: str) -> str:
    return "en" if lang == "en" else "zh"


# ---------------------------------------------------------------------------------------------------------
# The verdict


# ---------------------------------------------------------------------------------------------------------
# Pieces


def _rule_title(report: Report, finding: Finding, lang: str) -> str:
    rule = report.rules.get(finding.rule)
    return rule.title.get(lang) if rule else finding.message.get(lang)


def _quote(text: str, lang: str) -> str:
    lab = labels(lang)
    return f"{lab['quote_open']}{_e(' '.join(text.split()) or text)}{lab['quote_close']}"


def gauge(score: int, level: str, lang: str) -> str:
    """A semicircle showing score/100, with the number and the level as text (not colour alone)."""
    lab = labels(lang)
    score = max(0, min(100, int(score)))
    label = LEVEL_LABELS[_lang(lang)][level]
    arc = "M12 62 A48 48 0 0 1 108 62"
    filled = (
        f'<path d="{arc}" pathLength="100" fill="none" stroke="var(--lv)" stroke-width="12" '
        f'stroke-linecap="round" stroke-dasharray="{score} 100"/>'
        if score
        else ""
    )
    return (
        f'<div class="gauge" role="img" aria-label="{_e(lab["gauge"].format(score=score, level=label))}">'
        f'<svg viewBox="0 0 120 68" aria-hidden="true" focusable="false">'
        f'<path d="{arc}" fill="none" stroke="#e6e8ec" stroke-width="12" stroke-linecap="round"/>{filled}'
        f'<text x="60" y="60" text-anchor="middle" font-size="28" font-weight="700" fill="var(--lv)">{score}'
        f'<tspan font-size="11" font-weight="400" fill="#6b7383">/100</tspan></text>'
        f"</svg>"
        f'<div class="g-label">{_e(lab["score"])}<br>'
        f"<strong>{_e(LEVEL_SHORT[_lang(lang)][level])}</strong></div>"
        f"</div>"
    )


def legend(lang: str) -> str:
    items = "".join(
        f'<li><mark class="sev-{sev}">{_e(SEVERITY_LABELS[_lang(lang)][sev])}</mark> '
        f"{_e(SEVERITY_LEGEND[_lang(lang)][sev])}</li>"
        for sev in SEVERITY_ORDER
    )
    return f'<ul class="legend" aria-label="{_e(labels(lang)["legend"])}">{items}</ul>'


def highlight(report: Report, text: str, findings: list[Finding], ids: dict[int, str], lang: str) -> str:
    """The post with asserted findings marked.

    The text is cut at every span boundary; each piece becomes one ``<mark>`` (never nested) with the
    class of the most severe finding covering it, a link to that finding, and the titles and anchors
    of every finding covering it.
    """
    spans = []
    for finding in findings:
        start = max(0, min(len(text), finding.location.start))
        end = max(0, min(len(text), finding.location.end))
        if end > start:
            spans.append((start, end, finding))
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    out = []
    for a, b in pairwise(cuts):
        piece = text[a:b]
        covering = [f for s, e, f in spans if s <= a and b <= e]
        if not covering:
            out.append(_e(piece))
            continue
        covering.sort(key=lambda f: (-severity_rank(f.severity), f.location.start, f.rule))
        top = covering[0]
        sev_name = SEVERITY_LABELS[_lang(lang)][top.severity]
        titles = labels(lang)["list_sep"].join(dict.fromkeys(_rule_title(report, f, lang) for f in covering))
        label = f"{sev_name}：{titles}" if lang != "en" else f"{sev_name}: {titles}"
        anchors = " ".join(ids[id(f)] for f in covering)
        out.append(
            f'<a class="hl" href="#{ids[id(top)]}"><mark class="sev-{top.severity}" title="{_e(label)}" '
            f'aria-label="{_e(label)}" data-findings="{anchors}">{_e(piece)}</mark></a>'
        )
    return "".join(out)


def provisions_html(report: Report, references: tuple[Reference, ...], lang: str) -> str:
    lab = labels(lang)
    grouped: dict[str, list[str]] = {}
    for ref in references:
        grouped.setdefault(ref.id, [])
        if ref.item and ref.item not in grouped[ref.id]:
            grouped[ref.id].append(ref.item)
    blocks = []
    for pid, items in grouped.items():
        provision = report.provisions.get(pid)
        if provision is None:
            blocks.append(f'<div class="law"><p class="cite">{_e(pid)}</p></div>')
            continue
        name = provision.cite(items, lang, "titled")
        full = provision.text.strip()
        original = f' <span class="law-en">({_e(lab["law_text"])})</span>' if lab["law_text"] else ""
        version = f'<p class="meta">{_e(provision.law)} · {_e(provision.version)}</p>'
        note = f'<p class="meta">{_e(provision.note)}</p>' if provision.note else ""
        if items:
            quoted = "".join(
                f'<blockquote class="item" lang="zh-CN">{_e(provision.item_text(item))}</blockquote>' for item in items
            )
            article = provision.cite(lang=lang) if lang != "en" else provision.law_name(lang, "titled")
            body = (
                f'{quoted}<details class="full"><summary>{_e(lab["law_full"].format(article=article))}</summary>'
                f"<blockquote lang='zh-CN'>{_e(full)}</blockquote>{version}{note}</details>"
            )
        else:
            body = f"<blockquote lang='zh-CN'>{_e(full)}</blockquote>{version}{note}"
        blocks.append(f'<div class="law"><p class="cite">{_e(name)}{original}</p>{body}</div>')
    return "".join(blocks)


def finding_html(
    report: Report, file: FileReport, finding: Finding, anchor: str, lang: str, first: str | None = None
) -> str:
    """One finding; ``first`` is the anchor of an earlier finding of the same rule, whose
    explanation and provisions are then linked to rather than repeated (long pastes stay small)."""
    lab = labels(lang)
    rule = report.rules.get(finding.rule)
    title = _rule_title(report, finding, lang)
    sev = finding.severity
    parts = []
    for part in finding.parts:
        part_rule = report.rules.get(part.rule)
        name = part.word_class or (part_rule.title.get(lang) if part_rule else part.rule)
        parts.append(f'<li>{_quote(part.location.text, lang)} <span class="muted">{_e(name)}</span></li>')
    body = [f'<p class="msg">{_e(finding.message.get(lang))}</p>']
    if first is not None:
        body.append(f'<p class="small"><a href="#{first}">{_e(lab["same_as"])}</a></p>')
        rule = None
    if rule is not None:
        body.append(f"<h4>{_e(lab['why'])}</h4><p>{_e(rule.why.get(lang))}</p>")
    if parts:
        body.append(f"<h4>{_e(lab['parts'])}</h4><ul>{''.join(parts)}</ul>")
    if rule is not None:
        body.append(f"<h4>{_e(lab['suggest'])}</h4><p>{_e(rule.suggest.get(lang))}</p>")
    if finding.references and first is None:
        body.append(f"<h4>{_e(lab['law'])}</h4>{provisions_html(report, finding.references, lang)}")
    loc = finding.location
    meta = lab["rule_meta"].format(rule=finding.rule, line=loc.line, column=loc.column)
    body.append(f'<p class="meta">{_e(meta)}</p>')
    return (
        f'<details class="finding sev-{_e(sev)}" id="{anchor}">'
        f'<summary><span class="badge sev-{_e(sev)}">{_e(SEVERITY_LABELS[_lang(lang)].get(sev, sev))}</span> '
        f'<span class="ftitle">{_e(title)}</span>'
        f'<span class="fquote">{_quote(loc.text, lang)}</span></summary>'
        f'<div class="fbody">{"".join(body)}</div></details>'
    )


def _reason_chips(report: Report, file: FileReport, v: Verdict, lang: str) -> str:
    if not v.categories:
        return ""
    worst: dict[str, str] = {}
    for finding in file.findings:
        if finding.raises_risk:
            kept = worst.get(finding.category)
            if kept is None or severity_rank(finding.severity) > severity_rank(kept):
                worst[finding.category] = finding.severity
    chips = "".join(
        f'<li><span class="badge sev-{worst[c]}">{_e(SEVERITY_LABELS[_lang(lang)][worst[c]])}</span>'
        f"{_e(CATEGORY_NAMES[_lang(lang)][c])}</li>"
        for c in v.categories
    )
    return f'<ul class="reasons" aria-label="{_e(labels(lang)["reasons"])}">{chips}</ul>'


def verdict_html(report: Report, file: FileReport, lang: str) -> str:
    v = verdict(report, file, lang)
    if v.level == "none":
        heading = f"<h2>{_e(v.label)}</h2>"
    else:
        sep = ": " if _lang(lang) == "en" else "："
        heading = f'<h2><span class="lvl">{_e(v.label)}<span class="vh">{sep}</span></span>{_e(v.reason)}</h2>'
    checked = ""
    if v.level == "none":
        checked = f'<h4>{_e(labels(lang)["checked"])}</h4>{checked_categories(lang, "checked")}'
    return (
        f'<section class="card verdict lv-{v.level}" aria-label="{_e(v.headline)}">{heading}'
        f'<div class="verdict-row">{gauge(v.score, v.level, lang)}<p class="advice-line">{_e(v.advice)}</p></div>'
        f"{_reason_chips(report, file, v, lang)}{checked}</section>"
    )


def file_html(report: Report, file: FileReport, number: int, lang: str) -> str:
    lab = labels(lang)
    ordered = sorted(
        file.findings, key=lambda f: (-severity_rank(f.severity), f.location.start, f.location.end, f.rule)
    )
    active = [f for f in ordered if f.asserted]
    mentioned = [f for f in ordered if not f.asserted]
    ids = {id(f): f"f{number}-{n}" for n, f in enumerate(active, start=1)}
    out = [f'<section class="file" aria-label="{_e(file.path)}">']
    if file.path not in ANONYMOUS_PATHS:
        out.append(f'<h2 class="path">{_e(lab["file"].format(path=file.path))}</h2>')
    out.append(verdict_html(report, file, lang))

    marked = highlight(report, file.text, active, ids, lang) if file.text else _e(lab["empty"])
    hint = lab["post_hint"] if active else lab["post_clean"]
    post_legend = legend(lang) if active else ""
    out.append(
        f'<section class="card"><h2>{_e(lab["post"])}</h2><p class="muted small">{_e(hint)}</p>{post_legend}'
        f'<div class="post" lang="zh-CN">{marked}</div></section>'
    )
    if active:
        risky = any(f.raises_risk for f in active)
        heading = (lab["found"] if risky else lab["found_hints"]).format(n=len(active))
        first_of: dict[str, str] = {}
        rendered = []
        for finding in active:
            earlier = first_of.get(finding.rule)
            first_of.setdefault(finding.rule, ids[id(finding)])
            rendered.append(finding_html(report, file, finding, ids[id(finding)], lang, earlier))
        blocks = "".join(rendered)
        out.append(
            f'<section class="card"><h2>{_e(heading)}</h2><p class="muted small">{_e(lab["found_hint"])}</p>'
            f"{blocks}</section>"
        )
    if mentioned:
        items = "".join(
            f"<li>{_quote(f.location.text, lang)} {_e(_rule_title(report, f, lang))}"
            f' <span class="small">{_e(lab["paren"].format(lab.get(f.context or "", f.context or "")))}</span></li>'
            for f in mentioned
        )
        out.append(
            f'<section class="card mentions-card"><h2>{_e(lab["mentions"])}</h2>'
            f'<p class="small">{_e(lab["mentions_hint"])}</p><ul class="mentions">{items}</ul></section>'
        )
    if file.risk.level != "none":
        advice = list(ADVICE[_lang(lang)])
        if any(f.raises_risk and f.category == "medical-claim" for f in file.findings):
            advice.insert(1, _e(MEDICAL_ADVICE[_lang(lang)]))
        items = "".join(f"<li>{item}</li>" for item in advice)  # constant text, written as HTML above
        out.append(f'<section class="card advice-card"><h2>{_e(lab["advice"])}</h2><ol>{items}</ol></section>')
    out.append("</section>")
    return "".join(out)


def report_body(report: Report, lang: str = "zh") -> str:
    """Everything inside ``<main>`` after the header: one block per file, then input errors."""
    lab = labels(lang)
    out = [file_html(report, file, number, lang) for number, file in enumerate(report.files, start=1)]
    if report.errors:
        items = "".join(f"<li>{_e(error.path)}: {_e(error.message)}</li>" for error in report.errors)
        out.append(f'<section class="card"><h2>{_e(lab["errors"])}</h2><ul>{items}</ul></section>')
    return "".join(out)


def page(
    body: str,
    lang: str = "zh",
    title: str | None = None,
    version: str = "",
    nav: str = "",
    brand: str | None = None,
    extra_css: str = "",
) -> str:
    """The HTML5 shell around ``body`` (already escaped HTML): meta tags, inline CSS, header and footer.
    The marketer's report (:mod:`copycheck.formatters.html_report`) passes its own brand line and,
    in ``extra_css``, the styles of its own pieces."""
    lab = labels(lang)
    footer = _e(lab["footer"]) + (f"<br>copycheck {_e(version)}" if version else "")
    css = "\n".join(sheet for sheet in (stylesheet("formatters/page.css"), extra_css) if sheet)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{lab["html_lang"]}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        "base-uri 'none'\">\n"
        '<meta name="referrer" content="no-referrer">\n<meta name="color-scheme" content="light">\n'
        f"<title>{_e(title or lab['title'])}</title>\n<style>\n{css}</style>\n</head>\n<body>\n<main>\n"
        f'<header class="brand"><span>{_e(brand or lab["brand"])}</span>{nav}</header>\n'
        f"{body}\n<footer>{footer}</footer>\n</main>\n</body>\n</html>\n"
    )


def format_html(report: Report, lang: str = "zh") -> str:
    """A self-contained HTML5 page for consumers (no scripts, no network requests): the verdict and
    advice per post. ``copycheck vet --format html``; the run report is ``html_report.format_html_report``."""
    return page(report_body(report, lang), lang, version=report.version)


def checked_categories(lang: str, css: str) -> str:
    """The list of the 11 kinds of red flag that were checked."""
    items = "".join(f"<li>{_e(CATEGORY_NAMES[_lang(lang)][c])}</li>" for c in CATEGORIES)
    return f'<ul class="{css}">{items}</ul>'
