"""SARIF, GitHub workflow commands, concise and JSONL output, built from real reports."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator
from jsonschema.validators import validator_for

from copycheck.findings import FileReport, Finding, InputError, Report
from copycheck.formatters.concise import format_concise
from copycheck.formatters.github import format_github
from copycheck.formatters.json_report import file_dict, report_dict
from copycheck.formatters.jsonl import format_jsonl
from copycheck.formatters.sarif import format_sarif

SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
BASE = Path("/srv/repo")
POSTS = {
    "posts/招商.txt": "诚招代理，代理费1980，直推奖20%",  # compound PYR900 over FEE001 + PYR002
    "posts/warning.txt": "警惕月入十万的骗局",  # negated: severity info
    "posts/clean.txt": "新品上架：咖啡豆，中度烘焙，500克装。",
    "posts/split.txt": "兼职宝妈看过来\n月 入\n十 万不是梦",  # INC001 spans lines 2-3
    "posts/a,b:c %.txt": "加我微信，100%有效，根治失眠",  # a path and a message that need escaping
}
ERRORS = (InputError("posts/missing.txt", "no such file or directory"), InputError("bad,name.txt", "not UTF-8: 50%"))
URI_REFERENCE = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*")


@pytest.fixture(scope="module")
def report(checker: Any) -> Report:
    files = [checker.check(text, str(BASE / path)) for path, text in POSTS.items()]
    return checker.report(files, errors=ERRORS)


@pytest.fixture(scope="module")
def sarif(report: Report) -> dict[str, Any]:
    return json.loads(format_sarif(report, base=BASE))


def findings(report: Report) -> list[tuple[FileReport, Finding]]:
    return [(file, finding) for file in report.files for finding in file.findings]


def problems(report: Report) -> list[tuple[FileReport, Finding]]:
    """What the line-per-problem formats list: no compounds, no hints."""
    return [(file, f) for file, f in findings(report) if not f.is_compound and f.severity != "info"]


def by_path(report: Report, path: str) -> FileReport:
    return next(file for file in report.files if file.path == str(BASE / path))


def uris(node: Any) -> list[str]:
    if isinstance(node, dict):
        own = [node["uri"]] if isinstance(node.get("uri"), str) else []
        return own + [u for v in node.values() for u in uris(v)]
    if isinstance(node, list):
        return [u for v in node for u in uris(v)]
    return []


def test_the_report_covers_the_cases_under_test(report: Report) -> None:
    rules = {finding.rule for _, finding in findings(report)}
    assert "PYR900" in rules
    assert by_path(report, "posts/warning.txt").findings[0].context == "negated"
    assert not by_path(report, "posts/clean.txt").findings
    assert any(f.location.end_line > f.location.line for f in by_path(report, "posts/split.txt").findings)
    assert any("%" in f.message.zh for f in by_path(report, "posts/a,b:c %.txt").findings)


# --- SARIF -----------------------------------------------------------------------------------------


def test_sarif_rule_metadata_names_the_source_articles(sarif: dict[str, Any]) -> None:
    rules = {rule["id"]: rule for rule in sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["PYR001"]["properties"]["sources"] == ["weixin-business"]
    assert "002_e157542c73877400.txt" in rules["PYR001"]["help"]["markdown"]
    assert "sources" not in rules["ABS001"]["properties"]  # its why draws on the law alone


def test_sarif_validates_against_the_official_schema(sarif: dict[str, Any]) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert validator_for(schema) is Draft4Validator
    errors = sorted(Draft4Validator(schema).iter_errors(sarif), key=str)
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors]
    assert sarif["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert sarif["version"] == "2.1.0"
    assert len(sarif["runs"]) == 1
    assert "informationUri" not in sarif["runs"][0]["tool"]["driver"]


def test_sarif_uris_are_valid_uri_references(sarif: dict[str, Any]) -> None:
    # jsonschema skips "format": "uri-reference" without extra packages; GitHub's upload checks it.
    found = uris(sarif)
    assert found
    assert all(URI_REFERENCE.fullmatch(uri) for uri in found), found


def test_sarif_results_match_the_findings(report: Report, sarif: dict[str, Any]) -> None:
    run = sarif["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert len(run["results"]) == len(findings(report))
    assert run["columnKind"] == "unicodeCodePoints"
    for result, (file, finding) in zip(run["results"], findings(report), strict=True):
        loc = finding.location
        physical = result["locations"][0]["physicalLocation"]
        assert result["ruleId"] == finding.rule
        assert rules[result["ruleIndex"]]["id"] == finding.rule
        assert result["message"]["text"] == finding.message.zh
        assert physical["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        assert physical["region"] == {
            "startLine": loc.line,
            "startColumn": loc.column,
            "endLine": loc.end_line,
            "endColumn": loc.end_column,
            "charOffset": loc.start,
            "charLength": loc.end - loc.start,
            "snippet": {"text": file.text[loc.start : loc.end]},
        }
        assert result["properties"]["category"] == finding.category
        assert result["properties"]["context"] == finding.context
        assert result["properties"]["risk"] == file.risk.level


def test_sarif_multi_line_region(report: Report, sarif: dict[str, Any]) -> None:
    results = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "INC001"]
    region = next(
        r["locations"][0]["physicalLocation"]["region"]
        for r in results
        if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "posts/split.txt"
    )
    assert (region["startLine"], region["startColumn"], region["endLine"], region["endColumn"]) == (2, 1, 3, 4)
    assert region["snippet"]["text"] == "月 入\n十 万"


def test_sarif_levels_follow_the_effective_severity(sarif: dict[str, Any]) -> None:
    expected = {"critical": "error", "high": "error", "medium": "warning", "low": "note", "info": "note"}
    results = sarif["runs"][0]["results"]
    assert {r["level"] for r in results} >= {"error", "warning", "note"}
    for result in results:
        assert result["level"] == expected[result["properties"]["severity"]]
    negated = next(r for r in results if r["properties"]["context"] == "negated")
    assert negated["ruleId"] == "INC001"
    assert negated["level"] == "note"
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    assert rules[negated["ruleIndex"]]["defaultConfiguration"]["level"] == "error"


def test_sarif_compound_findings_point_at_their_parts(report: Report, sarif: dict[str, Any]) -> None:
    result = next(r for r in sarif["runs"][0]["results"] if r["ruleId"] == "PYR900")
    finding = next(f for _, f in findings(report) if f.rule == "PYR900")
    related = result["relatedLocations"]
    assert [r["id"] for r in related] == list(range(1, len(finding.parts) + 1))
    for item, part in zip(related, finding.parts, strict=True):
        assert item["message"]["text"].startswith(part.rule + " ")
        assert item["physicalLocation"]["region"]["snippet"]["text"] == part.location.text
    assert {"FEE001", "PYR002"} <= {part.rule for part in finding.parts}


def test_sarif_rules_carry_names_levels_and_the_law(report: Report, sarif: dict[str, Any]) -> None:
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted(report.rules)
    for descriptor in rules:
        rule = report.rules[descriptor["id"]]
        assert re.fullmatch(r"[A-Z][A-Za-z0-9]*", descriptor["name"])
        assert descriptor["shortDescription"]["text"] == rule.title.zh
        assert descriptor["fullDescription"]["text"] == rule.why.zh
        assert descriptor["properties"]["tags"] == [rule.category, "compliance"]
        assert descriptor["properties"]["precision"] in ("very-high", "high", "medium", "low")
        markdown = descriptor["help"]["markdown"]
        assert rule.suggest.zh in markdown
        assert rule.examples.fire[0] in markdown
        for ref in rule.references:
            provision = report.provisions[ref.id]
            assert provision.version in markdown
            assert all(line in markdown for line in provision.text.strip().splitlines())
    by_id = {r["id"]: r for r in rules}
    assert by_id["FEE001"]["name"] == "ChargesAJoiningFee"
    assert "中华人民共和国广告法 第九条（三）" in by_id["ABS001"]["help"]["markdown"]
    assert "#### 禁止传销条例 第七条（一、三）" in by_id["PYR002"]["help"]["markdown"]
    assert by_id["PYR900"]["defaultConfiguration"]["level"] == "error"
    assert by_id["PYR900"]["properties"]["precision"] == "very-high"


def test_sarif_fingerprints_survive_moved_lines(checker: Any) -> None:
    text = "月入十万！真的月入十万\n诚招代理，代理费1980，直推奖20%"
    before = checker.report([checker.check(text, "post.txt")])
    after = checker.report([checker.check("新品上架\n\n\n" + text, "post.txt")])

    def results(report: Report) -> list[dict[str, Any]]:
        return json.loads(format_sarif(report, base=Path.cwd()))["runs"][0]["results"]

    old, new = results(before), results(after)
    assert len(old) == len(new) > 2
    prints = [r["partialFingerprints"]["copycheckFingerprint/v1"] for r in old]
    assert prints == [r["partialFingerprints"]["copycheckFingerprint/v1"] for r in new]
    assert len(set(prints)) == len(prints)  # the two 月入十万 differ by occurrence
    assert all(re.fullmatch(r"[0-9a-f]{64}", p) for p in prints)
    for a, b in zip(old, new, strict=True):
        lines = [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in (a, b)]
        assert lines[1] == lines[0] + 3


def test_sarif_invocation_reports_input_errors(sarif: dict[str, Any], checker: Any) -> None:
    run = sarif["runs"][0]
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is False
    notes = invocation["toolExecutionNotifications"]
    assert [n["message"]["text"] for n in notes] == [e.message for e in ERRORS]
    assert notes[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "posts/missing.txt"
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": "file:///srv/repo/"}}
    clean = json.loads(format_sarif(checker.report([checker.check("咖啡豆", "a.txt")])))
    assert clean["runs"][0]["invocations"][0]["executionSuccessful"] is True


def test_sarif_uris(checker: Any) -> None:
    paths = ["<stdin>", "/elsewhere/x.txt", "../up.txt", "/srv/repo/a b%.txt"]
    report = checker.report([checker.check("月入十万", path) for path in paths])
    run = json.loads(format_sarif(report, base=BASE))["runs"][0]
    locations = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in run["results"]]
    assert locations == [
        {"uri": "stdin", "uriBaseId": "%SRCROOT%"},
        {"uri": "file:///elsewhere/x.txt"},
        {"uri": "../up.txt", "uriBaseId": "%SRCROOT%"},
        {"uri": "a%20b%25.txt", "uriBaseId": "%SRCROOT%"},
    ]
    assert [entry["level"] for entry in run["properties"]["risk"]] == [f.risk.level for f in report.files]


def test_sarif_in_english(report: Report) -> None:
    run = json.loads(format_sarif(report, lang="en", base=BASE))["runs"][0]
    assert run["tool"]["driver"]["language"] == "en-US"
    first = findings(report)[0][1]
    assert run["results"][0]["message"]["text"] == first.message.en
    assert "Provisions" in run["tool"]["driver"]["rules"][0]["help"]["markdown"]


# --- GitHub workflow commands ----------------------------------------------------------------------


def unescape(value: str) -> str:
    for code, char in (("%2C", ","), ("%3A", ":"), ("%0A", "\n"), ("%0D", "\r"), ("%25", "%")):
        value = value.replace(code, char)
    return value


def parse_command(line: str) -> tuple[str, dict[str, str], str]:
    empty, head, message = line.split("::", 2)
    assert empty == ""
    name, _, props = head.partition(" ")
    properties = dict(prop.split("=", 1) for prop in props.split(",")) if props else {}
    assert all("," not in v and ":" not in v and "\n" not in v for v in properties.values())
    return name, {k: unescape(v) for k, v in properties.items()}, unescape(message)


def test_github_commands_parse_back(report: Report) -> None:
    lines = format_github(report).splitlines()
    rated = [file for file in report.files if file.risk.level != "none"]
    assert len(lines) == len(problems(report)) + len(rated) + len(report.errors)
    parsed = [parse_command(line) for line in lines]
    commands = iter(parsed)
    expected = {"critical": "error", "high": "error", "medium": "warning", "low": "notice"}
    for file in report.files:
        for finding in file.findings:
            if finding.is_compound or finding.severity == "info":
                continue
            name, props, message = next(commands)
            loc = finding.location
            assert name == expected[finding.severity]
            assert props["file"] == file.path
            assert props["title"] == f"copycheck ({finding.rule})"
            assert (int(props["line"]), int(props["endLine"])) == (loc.line, loc.end_line)
            if loc.line == loc.end_line:
                assert (int(props["col"]), int(props["endColumn"])) == (loc.column, loc.end_column)
            else:
                assert "col" not in props and "endColumn" not in props
            assert message == finding.message.zh
        if file.risk.level == "none":
            continue  # nothing at all for a clean file
        name, props, message = next(commands)
        assert name == ("error" if file.risk.level in ("high", "critical") else "notice")
        assert props == {"file": file.path, "title": "copycheck risk"}
        assert message.startswith("风险等级: ") and f"({file.risk.score}/100)" in message
    for error in report.errors:
        assert next(commands) == ("error", {"file": error.path}, error.message)


def test_github_escaping(report: Report) -> None:
    out = format_github(report)
    path = str(BASE / "posts/a,b:c %.txt")
    assert "file=/srv/repo/posts/a%2Cb%3Ac %25.txt," in out
    assert "「100%25有效」" in out
    assert "::error file=bad%2Cname.txt::not UTF-8: 50%25\n" in out
    assert path not in out
    # A negated claim in a warning is a hint, not a problem: no annotation.
    assert not any("warning.txt" in line and "INC001" in line for line in out.splitlines())


# --- concise and JSONL -----------------------------------------------------------------------------


def test_concise_is_one_line_per_problem_and_error_then_risk_and_summary(report: Report) -> None:
    lines = format_concise(report).splitlines()
    listed = problems(report)
    assert len(lines) == len(listed) + len(report.errors) + len(report.files) + 1
    for line, (file, finding) in zip(lines, listed, strict=False):
        loc = finding.location
        assert line == f"{file.path}:{loc.line}:{loc.column}: {finding.rule} [{finding.severity}] " + " ".join(
            finding.message.zh.splitlines()
        )
    errors_at = len(listed)
    assert lines[errors_at : errors_at + 2] == [f"{e.path}: error: {e.message}" for e in ERRORS]
    assert all(": 风险等级: " in line for line in lines[errors_at + 2 : -1])
    assert lines[-1].startswith(f"共检查 {len(report.files)} 个文件：{len(listed)} 个问题")
    assert format_concise(report, "en").splitlines()[0].endswith(listed[0][1].message.en)


def test_concise_flattens_newlines(checker: Any) -> None:
    report = checker.report([checker.check("月入十万", "a.txt")], errors=[InputError("b.txt", "line one\nline two")])
    assert "b.txt: error: line one line two" in format_concise(report).splitlines()
    assert format_concise(checker.report([])).splitlines() == ["共检查 0 个文件：0 个问题，0 个错误。"]


def test_jsonl_is_one_object_per_file_and_error(report: Report) -> None:
    lines = format_jsonl(report).splitlines()
    assert len(lines) == len(report.files) + len(report.errors)
    objects = [json.loads(line) for line in lines]
    files = report_dict(report)["files"]
    for obj, expected in zip(objects, files, strict=False):
        assert obj == {"tool": {"name": "copycheck", "version": report.version}, **expected}
    assert objects[len(files) :] == [{"path": e.path, "error": e.message} for e in ERRORS]
    assert "诚招代理" in lines[0]  # ensure_ascii=False


def test_file_dict_is_the_json_files_entry(report: Report) -> None:
    assert report_dict(report, "en")["files"] == [file_dict(file, "en") for file in report.files]
    assert list(report_dict(report)) == ["tool", "files", "errors"]


def test_every_declared_format_renders_a_report(report: Report) -> None:
    from copycheck.formatters import Style, output_formats

    hints = Style(show_hints=True)
    for declared in output_formats().values():
        text = declared.render(report, "en", hints) if declared.styled else declared.render(report, "en")
        assert "FEE001" in text and "no such file or directory" in text, declared.name
