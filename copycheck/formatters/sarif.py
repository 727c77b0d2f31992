"""``--format sarif``: SARIF 2.1.0, as GitHub code scanning and other SARIF viewers read it."""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import quote

from copycheck.findings import FileReport, Finding, Location, Report
from copycheck.formatters import OutputFormat, file_notes
from copycheck.formatters.explain import SECTION_LABELS, format_explain
from copycheck.matchers import kinds
from copycheck.ruleset.articles import articles_of
from copycheck.ruleset.law import Provision
from copycheck.ruleset.model import Rule

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"
FINGERPRINT = "copycheckFingerprint/v1"
LEVELS = {"critical": "error", "high": "error", "medium": "warning", "low": "note", "info": "note"}
_URI_SAFE = "/!$&'()*+,;=:@~"  # RFC 3986 sub-delims and pchar punctuation; the rest is percent-encoded


def sarif_level(severity: str) -> str:
    return LEVELS[severity]


def rule_name(rule: Rule) -> str:
    """PascalCase ASCII name from the English title: "Charges a joining fee" -> ChargesAJoiningFee."""
    words = re.findall(r"[A-Za-z0-9]+", rule.title.en)
    return "".join(word[:1].upper() + word[1:] for word in words) or rule.id


def rule_precision(rule: Rule) -> str:
    """How often a finding of this rule is a true positive, judged from its matcher, not its harm.

    Each matcher kind says how precise it is (an ``all`` compound of independent signals is
    "very-high", a split word pieced together across separators "medium"); ``info`` rules are
    hints by design: "low".
    """
    if rule.severity == "info":
        return "low"
    kind = kinds().get(rule.kind)
    return kind.precision if kind else "very-high"  # suppression misuse is read, not guessed


def _law_markdown(rule: Rule, provisions: dict[str, Provision], lang: str) -> list[str]:
    items: dict[str, list[str]] = {}
    for ref in rule.references:
        items.setdefault(ref.id, [])
        if ref.item:
            items[ref.id].append(ref.item)
    out: list[str] = []
    for pid, cited in items.items():
        provision = provisions.get(pid)
        if provision is None:
            out += [f"- `{pid}`" + "".join(f"({item})" for item in cited), ""]
            continue
        out += [f"#### {provision.cite(cited, lang, 'heading')}", "", f"*{provision.version}*", ""]
        out += ["\n>\n".join(f"> {line}" for line in provision.text.strip().splitlines()), ""]
        if provision.note:
            out += [f"*{provision.note}*", ""]
    return out


def help_markdown(rule: Rule, provisions: dict[str, Provision], lang: str) -> str:
    labels = SECTION_LABELS["en" if lang == "en" else "zh"]
    out = [f"**{rule.title.get(lang)}** (`{rule.id}`, {rule.category}, {rule.severity})", ""]
    out += [f"### {labels['why']}", "", rule.why.get(lang), ""]
    if rule.sources:
        out += [f"### {labels['sources']}", ""]
        out += [f"- `{a.id}` ({a.file}): {a.about.get(lang)}" for a in articles_of(rule.sources)]
        out += [""]
    out += [f"### {labels['suggest']}", "", rule.suggest.get(lang), ""]
    if rule.examples.fire:
        out += [f"### {labels['fire']}", "", "```text", rule.examples.fire[0], "```", ""]
    out += [f"### {labels['law']}", "", *_law_markdown(rule, provisions, lang)]
    return "\n".join(out).rstrip() + "\n"


def reporting_descriptor(rule: Rule, provisions: dict[str, Provision], lang: str) -> dict[str, Any]:
    return {
        "id": rule.id,
        "name": rule_name(rule),
        "shortDescription": {"text": rule.title.get(lang)},
        "fullDescription": {"text": rule.why.get(lang)},
        "help": {"text": format_explain(rule, provisions, lang), "markdown": help_markdown(rule, provisions, lang)},
        "defaultConfiguration": {"level": sarif_level(rule.severity)},
        "properties": {
            "tags": [rule.category, "compliance"],
            "precision": rule_precision(rule),
            **({"sources": list(rule.sources)} if rule.sources else {}),
        },
    }


def _encode(path: str) -> str:
    uri = quote(path.replace("\\", "/"), safe=_URI_SAFE)
    # A colon in the first segment would read as a URI scheme ("a:b.txt").
    return "./" + uri if ":" in uri.split("/", 1)[0] else uri


def artifact_location(path: str, base: Path) -> dict[str, Any]:
    """The path relative to ``base`` under %SRCROOT%; a path outside it as given (absolute: a file URI)."""
    if path == "<stdin>":
        return {"uri": "stdin", "uriBaseId": SRCROOT}
    absolute = Path(os.path.abspath(path))
    try:
        return {"uri": _encode(absolute.relative_to(base).as_posix()), "uriBaseId": SRCROOT}
    except ValueError:
        pass
    if PurePath(path).is_absolute():
        return {"uri": absolute.as_uri()}  # not resolvable against %SRCROOT%: an absolute URI
    return {"uri": _encode(path), "uriBaseId": SRCROOT}


def _region(loc: Location) -> dict[str, Any]:
    return {
        "startLine": loc.line,
        "startColumn": loc.column,
        "endLine": loc.end_line,
        "endColumn": loc.end_column,  # exclusive in both copycheck and SARIF
        "charOffset": loc.start,
        "charLength": loc.end - loc.start,
        "snippet": {"text": loc.text},
    }


def fingerprint(rule: str, uri: str, text: str, occurrence: int) -> str:
    """Stable across edits that move lines: no line numbers, only what matched and its rank."""
    import hashlib  # here, not at the top: every run imports this module, few write SARIF

    key = "\0".join((rule, uri, "".join(text.split()), str(occurrence)))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def _results(report: Report, file: FileReport, base: Path, index: dict[str, int], lang: str) -> list[dict[str, Any]]:
    artifact = artifact_location(file.path, base)
    seen: Counter[tuple[str, str]] = Counter()
    results = []
    for finding in file.findings:
        key = (finding.rule, "".join(finding.location.text.split()))
        occurrence = seen[key]
        seen[key] += 1
        result: dict[str, Any] = {"ruleId": finding.rule}
        if finding.rule in index:
            result["ruleIndex"] = index[finding.rule]
        result |= {
            "level": sarif_level(finding.severity),
            "message": {"text": finding.message.get(lang)},
            "locations": [{"physicalLocation": {"artifactLocation": artifact, "region": _region(finding.location)}}],
            "partialFingerprints": {
                FINGERPRINT: fingerprint(finding.rule, artifact["uri"], finding.location.text, occurrence)
            },
            "properties": {
                "category": finding.category,
                "severity": finding.severity,
                "ruleSeverity": finding.rule_severity,
                "context": finding.context,
                "risk": file.risk.level,
            },
        }
        if finding.parts:
            result["relatedLocations"] = _related(report, finding, artifact, lang)
        results.append(result)
    return results


def _related(report: Report, finding: Finding, artifact: dict[str, Any], lang: str) -> list[dict[str, Any]]:
    related = []
    for number, part in enumerate(finding.parts, start=1):
        rule = report.rules.get(part.rule)
        if part.word_class:
            text = f"{part.word_class}: {part.location.words}"
        else:
            text = f"{part.rule} {rule.title.get(lang)}" if rule else part.rule
        related.append(
            {
                "id": number,
                "physicalLocation": {"artifactLocation": artifact, "region": _region(part.location)},
                "message": {"text": text},
            }
        )
    return related


def sarif_dict(report: Report, lang: str = "zh", base: Path | None = None) -> dict[str, Any]:
    root = Path(os.path.abspath(base if base is not None else Path.cwd()))
    root_uri = root.as_uri()
    rules = sorted(report.rules.values(), key=lambda rule: rule.id)
    index = {rule.id: number for number, rule in enumerate(rules)}
    driver: dict[str, Any] = {"name": "copycheck"}
    if report.version:
        driver["version"] = report.version
    driver["language"] = "en-US" if lang == "en" else "zh-CN"
    driver["rules"] = [reporting_descriptor(rule, report.provisions, lang) for rule in rules]
    notifications = [
        {
            "level": "error",
            "message": {"text": error.message},
            "locations": [{"physicalLocation": {"artifactLocation": artifact_location(error.path, root)}}],
        }
        for error in report.errors
    ]
    notifications.extend(
        {
            "level": "note",
            "message": {"text": note},
            "locations": [{"physicalLocation": {"artifactLocation": artifact_location(file.path, root)}}],
            **(
                {"associatedRule": {"id": rule_id, **({"index": index[rule_id]} if rule_id in index else {})}}
                if rule_id
                else {}
            ),
        }
        for file in report.files
        for rule_id, note in file_notes(file, lang)
    )
    run = {
        "tool": {"driver": driver},
        "invocations": [{"executionSuccessful": not report.errors, "toolExecutionNotifications": notifications}],
        "originalUriBaseIds": {SRCROOT: {"uri": root_uri if root_uri.endswith("/") else root_uri + "/"}},
        "columnKind": "unicodeCodePoints",  # copycheck counts columns and offsets in code points
        "results": [r for file in report.files for r in _results(report, file, root, index, lang)],
        "properties": {
            "risk": [
                {
                    "uri": artifact_location(file.path, root)["uri"],
                    "path": file.path,
                    "level": file.risk.level,
                    "score": file.risk.score,
                    "drivers": list(file.risk.drivers),
                }
                for file in report.files
            ]
        },
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def format_sarif(report: Report, lang: str = "zh", base: Path | None = None) -> str:
    return json.dumps(sarif_dict(report, lang, base), ensure_ascii=False, indent=2) + "\n"


FORMAT = OutputFormat("sarif", format_sarif, order=30)
