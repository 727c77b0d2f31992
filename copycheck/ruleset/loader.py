"""Load and validate YAML rule packs.

Every mistake in a rule file is reported as one line naming the file, the line
and the field (``rules/income.yaml:12: INC001.severity: ...``), so an author
can fix it without reading a traceback.
"""

from __future__ import annotations

import string
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from copycheck.errors import RuleFileError, split_source
from copycheck.matchers import COMBINED, kinds
from copycheck.ruleset.cache import cached, fingerprint
from copycheck.ruleset.law import provisions
from copycheck.ruleset.lexicon import LEXICON_FOLDER, Lexicon, lexicon_files, load_lexicon
from copycheck.ruleset.model import CATEGORIES, RULE_ID, SEVERITIES, Examples, Reference, Rule, Text
from copycheck.view.normalise import compact_form

COMMON_KEYS = frozenset(
    "id category severity title message why suggest references unless unless_sentence boundary scope examples".split()
)


def shipped_rules_dir() -> Path:
    """The rule packs inside the installed package, or ``rules/`` in a checkout."""
    packaged = Path(str(resources.files("copycheck"))) / "rules"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "rules"


class _RuleReader:
    """Builds one ``Rule`` from its YAML mapping, raising with file:line:field."""

    def __init__(self, path: Path, node: yaml.MappingNode, data: dict[str, Any], lexicon: Lexicon) -> None:
        self.path = path
        self.lexicon = lexicon
        self.node = node
        self.data = data
        self.lines = {k.value: k.start_mark.line + 1 for k, _ in node.value if isinstance(k, yaml.ScalarNode)}
        self.rule_id = str(data.get("id", "?"))

    def fail(self, key: str, problem: str) -> RuleFileError:
        line = self.lines.get(key, self.node.start_mark.line + 1)
        return RuleFileError(problem, path=self.path, line=line, field=f"{self.rule_id}.{key}")

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
        matcher_keys = kinds()
        known = COMMON_KEYS | set(matcher_keys)
        unknown = sorted(set(self.data) - known)
        if unknown:
            raise self.fail(unknown[0], f"unknown field (known: {', '.join(sorted(known))})")
        rule_id = self.require("id")
        if not isinstance(rule_id, str) or not RULE_ID.fullmatch(rule_id):
            raise self.fail("id", f"{rule_id!r} is not an id like INC001 (2-5 capitals and 3 digits)")
        keys = [k for k in matcher_keys if k in self.data]
        if len(keys) != 1:
            where = keys[1] if len(keys) > 1 else "id"
            raise self.fail(where, "a rule needs exactly one of " + ", ".join(matcher_keys))
        key = keys[0]
        return Rule(
            id=rule_id,
            category=self.choice("category", CATEGORIES),
            severity=self.choice("severity", SEVERITIES),
            title=self.text("title"),
            message=self.text("message", frozenset({"text"})),
            why=self.text("why"),
            suggest=self.text("suggest"),
            references=self.references(),
            kind=key,
            spec=matcher_keys[key].parse(self.data[key], _KindContext(self, key)),
            unless=tuple(compact_form(u) for u in self.string_list("unless", required=False)),
            unless_sentence=tuple(compact_form(u) for u in self.string_list("unless_sentence", required=False)),
            boundary=self.choice("boundary", ("auto", "always", "never"), "auto"),
            scope=self.choice("scope", ("word", "sentence"), "word"),
            examples=self.examples(),
            source=f"{self.path}:{self.node.start_mark.line + 1}",
        )

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


class _KindContext:
    """What a matcher kind sees while it reads its key: the lexicon, and errors at that key."""

    def __init__(self, reader: _RuleReader, key: str) -> None:
        self.lexicon = reader.lexicon
        self._reader = reader
        self._key = key

    def fail(self, problem: str) -> RuleFileError:
        return self._reader.fail(self._key, problem)


def load_file(path: Path, lexicon: Lexicon | None = None) -> list[Rule]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise RuleFileError(f"cannot read rule file: {error}", path=path) from None
    # libyaml is several times faster when PyYAML was built with it; marks work the same.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise RuleFileError(f"invalid YAML: {problem}", path=path, line=mark.line + 1 if mark else None) from None
    finally:
        loader.dispose()
    if data is None:
        return []
    if not isinstance(data, list) or not isinstance(node, yaml.SequenceNode):
        raise RuleFileError("a rule file must be a YAML list of rules", path=path, line=1)
    rules = []
    for item_node, item in zip(node.value, data, strict=True):
        if not isinstance(item, dict) or not isinstance(item_node, yaml.MappingNode):
            raise RuleFileError("each rule must be a mapping", path=path, line=item_node.start_mark.line + 1)
        rules.append(_RuleReader(path, item_node, item, lexicon or Lexicon()).build())
    return rules


def load_dir(directory: Path, lexicon: Lexicon | None = None) -> list[Rule]:
    """The rules of one folder; frame rules resolve their classes in ``lexicon`` (default: the
    shipped classes and this folder's own ``lexicons/``)."""
    if not directory.is_dir():
        raise RuleFileError("not a rule directory", path=directory)
    if lexicon is None:
        lexicon = _lexicon([shipped_rules_dir(), directory])
    rules: list[Rule] = []
    for path in _rule_files(directory):
        rules.extend(load_file(path, lexicon))
    return rules


def _rule_files(directory: Path) -> list[Path]:
    return sorted(
        p
        for p in directory.rglob("*.y*ml")
        if p.suffix in (".yaml", ".yml") and LEXICON_FOLDER not in p.relative_to(directory).parts[:-1]
    )


def _lexicon(dirs: list[Path]) -> Lexicon:
    return load_lexicon(dict.fromkeys(d for d in dirs if d.is_dir()))


def load_rules(extra_dirs: Iterable[Path] = (), include_shipped: bool = True) -> list[Rule]:
    """Shipped rules, then each extra folder; a later rule with the same id overrides.

    The validated result is cached on disk, keyed by the content of every rule file and of the
    provisions, so only the first run after a change pays for parsing and validation.
    """
    dirs = ([shipped_rules_dir()] if include_shipped else []) + [Path(d) for d in extra_dirs]
    try:
        files = [
            (str(path), path.read_bytes())
            for d in dirs
            if d.is_dir()
            for path in (*lexicon_files(d), *_rule_files(d))
        ]
    except OSError:
        return _load_rules(dirs)
    provisions_text = resources.files("copycheck").joinpath("data/provisions.yaml").read_bytes()
    parts = [provisions_text, *(str(d).encode() for d in dirs)]
    parts += [part for name, data in files for part in (name.encode(), data)]
    return cached("rules", fingerprint(parts), lambda: _load_rules(dirs))


def _load_rules(dirs: list[Path]) -> list[Rule]:
    ordered: dict[str, Rule] = {}
    lexicon = _lexicon(dirs)
    sources = [load_dir(d, lexicon) for d in dirs]
    for rules in sources:
        seen: dict[str, Rule] = {}
        for rule in rules:
            if rule.id in seen:
                raise RuleFileError(
                    f"duplicate id (also at {seen[rule.id].source})", **split_source(rule.source), field=rule.id
                )
            seen[rule.id] = rule
            ordered[rule.id] = rule
    rules = list(ordered.values())
    check_compounds(rules)
    return rules


def check_compounds(rules: list[Rule]) -> None:
    """Every compound selector must name at least one rule that is not itself (the test is
    ``Selector.names``, the one ``--select`` and ``--ignore`` use)."""
    for rule in rules:
        if kinds()[rule.kind].stage != COMBINED:
            continue
        for selector in (s for group in getattr(rule.spec, "groups", ()) for s in group):
            if not any(selector.names(other.id, other.category) for other in rules if other.id != rule.id):
                raise RuleFileError(
                    f"selector {selector!r} names no rule", **split_source(rule.source), field=f"{rule.id}.{rule.kind}"
                )
