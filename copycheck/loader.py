"""Load and validate YAML rule packs.

Every mistake in a rule file is reported as one line naming the file, the line
and the field (``rules/income.yaml:12: INC001.severity: ...``), so an author
can fix it without reading a traceback.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from copycheck.cache import cached, fingerprint
from copycheck.law import provisions
from copycheck.matchers.anchors import reach, required_literals
from copycheck.model import (
    CATEGORIES,
    PERIODS,
    SEVERITIES,
    AmountSpec,
    CompoundSpec,
    Examples,
    Reference,
    Rule,
    SplitSpec,
    Text,
)
from copycheck.normalise import compact_form

RULE_ID = re.compile(r"[A-Z]{2,5}[0-9]{3}")
KNOWN_KEYS = frozenset(
    """id category severity title message why suggest references terms pattern amount split variant all any
    unless boundary scope examples""".split()
)
VARIANT_KINDS = ("contact",)
MATCHER_KEYS = ("terms", "pattern", "amount", "split", "variant", "all", "any")
DEFAULT_FILLERS = (
    "轻松",
    "稳定",
    "就能",
    "就可以",
    "可以",
    "能",
    "也能",
    "都能",
    "至少",
    "最少",
    "起码",
    "保底",
    "平均",
    "超过",
    "高达",
    "达到",
    "不低于",
    "突破",
    "过",
    "上",
    "破",
    "都",
    "也",
    "基本",
    "妥妥",
    "收入",
    "赚",
    "有",
    "拿",
    "能拿",
    "能赚",
    "可达",
    "轻轻松松",
    "随便",
    "都是",
    "就是",
    "起步",
)


class RuleFileError(Exception):
    """A rule file that cannot be loaded; ``str()`` is the one-line message."""


def shipped_rules_dir() -> Path:
    """The rule packs inside the installed package, or ``rules/`` in a checkout."""
    packaged = Path(str(resources.files("copycheck"))) / "rules"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "rules"


class _RuleReader:
    """Builds one ``Rule`` from its YAML mapping, raising with file:line:field."""

    def __init__(self, path: Path, node: yaml.MappingNode, data: dict[str, Any]) -> None:
        self.path = path
        self.node = node
        self.data = data
        self.lines = {k.value: k.start_mark.line + 1 for k, _ in node.value if isinstance(k, yaml.ScalarNode)}
        self.rule_id = str(data.get("id", "?"))

    def fail(self, key: str, problem: str) -> RuleFileError:
        line = self.lines.get(key, self.node.start_mark.line + 1)
        return RuleFileError(f"{self.path}:{line}: {self.rule_id}.{key}: {problem}")

    def require(self, key: str) -> Any:
        if key not in self.data or self.data[key] is None:
            raise self.fail(key, "missing required field")
        return self.data[key]

    def string_list(self, key: str, required: bool = True) -> tuple[str, ...]:
        value = self.data.get(key)
        if value is None and not required:
            return ()
        if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.fail(key, "expected a non-empty list of non-empty strings")
        return tuple(value)

    def text(self, key: str, placeholders: frozenset[str] = frozenset()) -> Text:
        value = self.require(key)
        if not isinstance(value, dict) or set(value) != {"zh", "en"}:
            raise self.fail(key, "expected a mapping with exactly the keys zh and en")
        for lang in ("zh", "en"):
            if not isinstance(value[lang], str) or not value[lang].strip():
                raise self.fail(key, f"{lang} must be a non-empty string")
            try:
                fields = {name for _, name, _, _ in string.Formatter().parse(value[lang]) if name is not None}
            except ValueError as error:
                raise self.fail(key, f"bad placeholder in {lang}: {error}") from None
            if fields - placeholders:
                allowed = ", ".join("{" + p + "}" for p in sorted(placeholders)) or "none"
                raise self.fail(key, f"unknown placeholder {sorted(fields - placeholders)} (allowed: {allowed})")
        return Text(zh=value["zh"].strip(), en=value["en"].strip())

    def choice(self, key: str, options: Iterable[str], default: str | None = None) -> str:
        options = tuple(options)
        value = self.data.get(key, default)
        if value not in options:
            raise self.fail(key, f"{value!r} is not one of {', '.join(options)}")
        return str(value)

    def build(self) -> Rule:
        unknown = sorted(set(self.data) - KNOWN_KEYS)
        if unknown:
            raise self.fail(unknown[0], f"unknown field (known: {', '.join(sorted(KNOWN_KEYS))})")
        rule_id = self.require("id")
        if not isinstance(rule_id, str) or not RULE_ID.fullmatch(rule_id):
            raise self.fail("id", f"{rule_id!r} is not an id like INC001 (2-5 capitals and 3 digits)")
        kinds = [k for k in MATCHER_KEYS if k in self.data]
        if len(kinds) != 1:
            raise self.fail(
                kinds[1] if len(kinds) > 1 else "id", "a rule needs exactly one of " + ", ".join(MATCHER_KEYS)
            )
        kind = kinds[0]
        fields: dict[str, Any] = {
            "id": rule_id,
            "category": self.choice("category", CATEGORIES),
            "severity": self.choice("severity", SEVERITIES),
            "title": self.text("title"),
            "message": self.text("message", frozenset({"text"})),
            "why": self.text("why"),
            "suggest": self.text("suggest"),
            "references": self.references(),
            "kind": kind,
            "unless": tuple(compact_form(u) for u in self.string_list("unless", required=False)),
            "boundary": self.choice("boundary", ("auto", "always", "never"), "auto"),
            "scope": self.choice("scope", ("word", "sentence"), "word"),
            "examples": self.examples(),
            "source": f"{self.path}:{self.node.start_mark.line + 1}",
        }
        if kind == "terms":
            terms = tuple(compact_form(t) for t in self.string_list("terms"))
            if not all(terms):
                raise self.fail("terms", "a term is empty once separators are removed")
            fields["terms"] = terms
        elif kind == "pattern":
            fields["pattern"] = self.pattern()
            fields["anchors"] = required_literals(fields["pattern"])
            fields["reach"] = reach(fields["pattern"])
        elif kind == "amount":
            fields["amount"] = self.amount()
        elif kind == "split":
            fields["split"] = self.split()
        elif kind == "variant":
            fields["variant"] = self.choice("variant", VARIANT_KINDS)
        else:
            fields["compound"] = self.compound(kind)
        return Rule(**fields)

    def references(self) -> tuple[Reference, ...]:
        raw = self.string_list("references")
        known = provisions()
        refs = []
        for item in raw:
            try:
                ref = Reference.parse(item)
            except ValueError as error:
                raise self.fail("references", str(error)) from None
            if ref.id not in known:
                raise self.fail("references", f"unknown provision {ref.id!r} (not in copycheck/data/provisions.yaml)")
            refs.append(ref)
        return tuple(refs)

    def pattern(self) -> str:
        value = self.require("pattern")
        if not isinstance(value, str) or not value:
            raise self.fail("pattern", "expected a regular expression string")
        try:
            compiled = re.compile(value)
        except re.error as error:
            raise self.fail("pattern", f"bad regular expression: {error}") from None
        if compiled.match(""):
            raise self.fail("pattern", "the pattern matches the empty string")
        return value

    def amount(self) -> AmountSpec:
        spec = self.require("amount")
        if (
            not isinstance(spec, dict)
            or not {"subjects", "min"} <= set(spec)
            or set(spec) - {"subjects", "min", "fillers"}
        ):
            raise self.fail("amount", "expected keys subjects, min and optionally fillers")
        subjects, minimum = spec["subjects"], spec["min"]
        if not isinstance(subjects, dict) or not subjects or set(subjects) - set(PERIODS):
            raise self.fail("amount", f"subjects must map periods ({', '.join(PERIODS)}) to word lists")
        if not isinstance(minimum, dict) or set(minimum) != set(subjects):
            raise self.fail("amount", "min must give a threshold for exactly the periods in subjects")
        pairs: list[tuple[str, str]] = []
        for period, words in subjects.items():
            if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
                raise self.fail("amount", f"subjects.{period} must be a list of words")
            pairs.extend((compact_form(w), period) for w in words)
        for period, value in minimum.items():
            if not isinstance(value, (int, float)) or value <= 0:
                raise self.fail("amount", f"min.{period} must be a positive number")
        fillers = spec.get("fillers", list(DEFAULT_FILLERS))
        if not isinstance(fillers, list) or not all(isinstance(f, str) and f for f in fillers):
            raise self.fail("amount", "fillers must be a list of words")
        return AmountSpec(
            subjects=tuple(pairs),
            minimum=tuple((p, float(v)) for p, v in minimum.items()),
            fillers=tuple(compact_form(f) for f in fillers),
        )

    def split(self) -> SplitSpec:
        spec = self.require("split")
        if not isinstance(spec, dict) or set(spec) - {"min_chars"}:
            raise self.fail("split", "expected a mapping with optionally min_chars")
        min_chars = spec.get("min_chars", 3)
        if not isinstance(min_chars, int) or min_chars < 2:
            raise self.fail("split", "min_chars must be a whole number of at least 2")
        return SplitSpec(min_chars=min_chars)

    def compound(self, kind: str) -> CompoundSpec:
        spec = self.require(kind)
        allowed = {"rules", "within", "at_least"} if kind == "any" else {"rules", "within"}
        if not isinstance(spec, dict) or "rules" not in spec or set(spec) - allowed:
            raise self.fail(kind, "expected keys rules and optionally " + " and ".join(sorted(allowed - {"rules"})))
        selectors = spec["rules"]
        if not isinstance(selectors, list) or len(selectors) < (2 if kind == "all" else 1):
            raise self.fail(kind, "rules must list the rule ids, id prefixes or category:<id> to combine")
        for selector in selectors:
            ok = isinstance(selector, str) and (
                RULE_ID.fullmatch(selector)
                or re.fullmatch(r"[A-Z]{2,5}", selector)
                or (selector.startswith("category:") and selector.removeprefix("category:") in CATEGORIES)
            )
            if not ok:
                raise self.fail(kind, f"bad selector {selector!r}")
        within = spec.get("within", "post")
        if within != "post" and (not isinstance(within, int) or within <= 0):
            raise self.fail(kind, "within must be 'post' or a positive number of characters")
        at_least = spec.get("at_least", 0)
        if not isinstance(at_least, int) or not 0 <= at_least <= len(selectors):
            raise self.fail(kind, "at_least must be a whole number no larger than the number of selectors")
        return CompoundSpec(
            mode=kind,
            selectors=tuple(selectors),
            within=None if within == "post" else within,
            at_least=at_least,
        )

    def examples(self) -> Examples:
        value = self.require("examples")
        if not isinstance(value, dict) or set(value) != {"fire", "ok"}:
            raise self.fail("examples", "expected a mapping with the keys fire and ok")
        lists = {}
        for key in ("fire", "ok"):
            items = value[key]
            if not isinstance(items, list) or not items or not all(isinstance(i, str) and i for i in items):
                raise self.fail("examples", f"{key} must be a non-empty list of strings")
            lists[key] = tuple(items)
        return Examples(fire=lists["fire"], ok=lists["ok"])


def load_file(path: Path) -> list[Rule]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise RuleFileError(f"{path}: cannot read rule file: {error}") from None
    # libyaml is several times faster when PyYAML was built with it; marks work the same.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise RuleFileError(f"{where}: invalid YAML: {problem}") from None
    finally:
        loader.dispose()
    if data is None:
        return []
    if not isinstance(data, list) or not isinstance(node, yaml.SequenceNode):
        raise RuleFileError(f"{path}:1: a rule file must be a YAML list of rules")
    rules = []
    for item_node, item in zip(node.value, data, strict=True):
        if not isinstance(item, dict) or not isinstance(item_node, yaml.MappingNode):
            raise RuleFileError(f"{path}:{item_node.start_mark.line + 1}: each rule must be a mapping")
        rules.append(_RuleReader(path, item_node, item).build())
    return rules


def load_dir(directory: Path) -> list[Rule]:
    if not directory.is_dir():
        raise RuleFileError(f"{directory}: not a rule directory")
    rules: list[Rule] = []
    for path in _rule_files(directory):
        rules.extend(load_file(path))
    return rules


def _rule_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.rglob("*.y*ml") if p.suffix in (".yaml", ".yml"))


def load_rules(extra_dirs: Iterable[Path] = (), include_shipped: bool = True) -> list[Rule]:
    """Shipped rules, then each extra folder; a later rule with the same id overrides.

    The validated result is cached on disk, keyed by the content of every rule file and of the
    provisions, so only the first run after a change pays for parsing and validation.
    """
    dirs = ([shipped_rules_dir()] if include_shipped else []) + [Path(d) for d in extra_dirs]
    try:
        files = [(str(path), path.read_bytes()) for d in dirs if d.is_dir() for path in _rule_files(d)]
    except OSError:
        return _load_rules(dirs)
    provisions_text = resources.files("copycheck").joinpath("data/provisions.yaml").read_bytes()
    parts = [provisions_text, *(str(d).encode() for d in dirs)]
    parts += [part for name, data in files for part in (name.encode(), data)]
    return cached("rules", fingerprint(parts), lambda: _load_rules(dirs))


def _load_rules(dirs: list[Path]) -> list[Rule]:
    ordered: dict[str, Rule] = {}
    sources = [load_dir(d) for d in dirs]
    for rules in sources:
        seen: dict[str, Rule] = {}
        for rule in rules:
            if rule.id in seen:
                raise RuleFileError(f"{rule.source}: {rule.id}: duplicate id (also at {seen[rule.id].source})")
            seen[rule.id] = rule
            ordered[rule.id] = rule
    rules = list(ordered.values())
    check_compounds(rules)
    return rules


def check_compounds(rules: list[Rule]) -> None:
    """Every compound selector must name at least one rule that is not itself."""
    for rule in rules:
        if rule.compound is None:
            continue
        for selector in rule.compound.selectors:
            if not any(other.selects(selector) for other in rules if other.id != rule.id):
                raise RuleFileError(
                    f"{rule.source}: {rule.id}.{rule.compound.mode}: selector {selector!r} names no rule"
                )
