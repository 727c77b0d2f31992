"""Load and validate YAML rule packs.

Every mistake in a rule file is reported as one line naming the file, the line
and the field (``rules/income.yaml:12: INC001.severity: ...``), so an author
can fix it without reading a traceback.
"""

from __future__ import annotations

import string
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from copycheck import package_file
from copycheck.cache import cached, fingerprint
from copycheck.errors import RuleFileError, split_source
from copycheck.matchers import COMBINED, kinds
from copycheck.ruleset.articles import SOURCES_DATA, articles
from copycheck.ruleset.law import provisions
from copycheck.ruleset.lexicon import LEXICON_FOLDER, Lexicon, lexicon_files, load_lexicon, read_yaml_list
from copycheck.ruleset.model import CATEGORIES, RULE_ID, SEVERITIES, Examples, Reference, Rule, Text, marked_span
from copycheck.view.normalise import compact_form, folded_away

if TYPE_CHECKING:
    import yaml

COMMON_KEYS = frozenset(
    "id category severity title message why suggest references sources unless unless_sentence boundary scope"
    " examples".split()
)


@dataclass(frozen=True)
class RuleSet:
    """Loaded rules, and what is wrong with them short of an error: one line per literal that
    can never match (``unmatchable``), naming the file, line and field."""

    rules: list[Rule]
    warnings: tuple[str, ...] = ()


def shipped_rules_dir() -> Path:
    """The rule packs inside the installed package, or ``rules/`` in a checkout."""
    packaged = package_file("rules")
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "rules"


class _RuleReader:
    """Builds one ``Rule`` from its YAML mapping, raising with file:line:field."""

    def __init__(self, path: Path, node: yaml.MappingNode, data: dict[str, Any], lexicon: Lexicon) -> None:
        import yaml  # read_yaml_list has imported it: a pack is being read

        self.path = path
        self.lexicon = lexicon
        self.node = node
        self.data = data
        self.lines = {k.value: k.start_mark.line + 1 for k, _ in node.value if isinstance(k, yaml.ScalarNode)}
        self.rule_id = str(data.get("id", "?"))
        self.warnings: list[str] = []

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
        rule = Rule(
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
            sources=self.sources(),
        )
        where = f"{self.path}:{self.lines[key]}: {rule_id}.{key}"
        self.warnings.extend(unmatchable(where, matcher_keys[key].view_literals(rule)))
        return rule

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

    def sources(self) -> tuple[str, ...]:
        """The source articles the why draws on; a why that cites "the source article" must say which."""
        named = self.string_list("sources", required=False)
        known = articles()
        for article in named:
            if article not in known:
                raise self.fail("sources", f"unknown source article {article!r} (known: {', '.join(known)})")
        why = self.data["why"]
        if not named and ("来源文章" in why["zh"] or "source article" in why["en"].lower()):
            raise self.fail("sources", f"the why cites the source articles: name them here (known: {', '.join(known)})")
        return named

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
        read: dict[str, list[tuple[str, tuple[int, int] | None]]] = {}
        for key in ("fire", "ok"):
            try:
                read[key] = [marked_span(example) for example in lists[key]]
            except ValueError as error:
                raise self.fail("examples", f"{key}: {error}") from None
        for example, (_, span) in zip(lists["ok"], read["ok"], strict=True):
            if span is not None:
                raise self.fail("examples", f"ok: {example!r} marks a span, but an ok example reports nothing")
        spans = tuple(span for _, span in read["fire"])
        return Examples(
            fire=tuple(text for text, _ in read["fire"]),
            ok=tuple(text for text, _ in read["ok"]),
            spans=spans if any(spans) else (),
        )


def unmatchable(where: str, literals: Iterable[str]) -> list[str]:
    """A warning for each literal that can never match because the view folds it into something
    else (``where`` is ``path:line: ID.field``); one that holds another such literal is not named
    again (薇信号 when 薇信 is).

    Only literals compared as written can be dead: terms, exceptions and word-class members are
    compacted when read, so the view holds them whenever the text does.
    """
    folded = {literal: view for literal in dict.fromkeys(literals) if (view := folded_away(literal)) is not None}
    return [
        f"{where}: literal {literal!r} can never match: the view folds it to {view!r}"
        for literal, view in sorted(folded.items())
        if not any(other != literal and other in literal for other in folded)
    ]


class _KindContext:
    """What a matcher kind sees while it reads its key: the lexicon, and errors at that key."""

    def __init__(self, reader: _RuleReader, key: str) -> None:
        self.lexicon = reader.lexicon
        self._reader = reader
        self._key = key

    def fail(self, problem: str) -> RuleFileError:
        return self._reader.fail(self._key, problem)


def load_file(path: Path, lexicon: Lexicon | None = None) -> list[Rule]:
    return read_file(path, lexicon).rules


def read_file(path: Path, lexicon: Lexicon | None = None) -> RuleSet:
    """The rules of one file, with the warnings about them."""
    import yaml  # only when a pack is read: a run whose rules come from the cache never needs it

    data, node = read_yaml_list(path, RuleFileError, "rule", "rules")
    if node is None:
        return RuleSet([])
    rules = []
    warnings: list[str] = []
    for item_node, item in zip(node.value, data, strict=True):
        if not isinstance(item, dict) or not isinstance(item_node, yaml.MappingNode):
            raise RuleFileError("each rule must be a mapping", path=path, line=item_node.start_mark.line + 1)
        reader = _RuleReader(path, item_node, item, lexicon or Lexicon())
        rules.append(reader.build())
        warnings.extend(reader.warnings)
    return RuleSet(rules, tuple(warnings))


def load_dir(directory: Path, lexicon: Lexicon | None = None) -> list[Rule]:
    """The rules of one folder; frame rules resolve their classes in ``lexicon`` (default: the
    shipped classes and this folder's own ``lexicons/``)."""
    return read_dir(directory, lexicon).rules


def read_dir(directory: Path, lexicon: Lexicon | None = None) -> RuleSet:
    """``load_dir`` with the warnings about the folder's rules."""
    if not directory.is_dir():
        raise RuleFileError("not a rule directory", path=directory)
    warnings: list[str] = []
    if lexicon is None:
        lexicon = _lexicon([shipped_rules_dir(), directory])
    rules: list[Rule] = []
    for path in _rule_files(directory):
        found = read_file(path, lexicon)
        rules.extend(found.rules)
        warnings.extend(found.warnings)
    return RuleSet(rules, tuple(warnings))


def _rule_files(directory: Path) -> list[Path]:
    return sorted(
        p
        for p in directory.rglob("*.y*ml")
        if p.suffix in (".yaml", ".yml") and LEXICON_FOLDER not in p.relative_to(directory).parts[:-1]
    )


def _lexicon(dirs: list[Path]) -> Lexicon:
    return load_lexicon(dict.fromkeys(d for d in dirs if d.is_dir()))


def load_rules(extra_dirs: Iterable[Path] = (), include_shipped: bool = True) -> list[Rule]:
    """Shipped rules, then each extra folder; a later rule with the same id overrides."""
    return load_ruleset(extra_dirs, include_shipped).rules


def load_ruleset(extra_dirs: Iterable[Path] = (), include_shipped: bool = True) -> RuleSet:
    """``load_rules`` with the warnings about every folder's rules.

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
    parts = [package_file("data/provisions.yaml").read_bytes(), package_file(SOURCES_DATA).read_bytes()]
    parts += [str(d).encode() for d in dirs]
    parts += [part for name, data in files for part in (name.encode(), data)]
    return cached("rules", fingerprint(parts), lambda: _load_rules(dirs))


def _load_rules(dirs: list[Path]) -> RuleSet:
    ordered: dict[str, Rule] = {}
    lexicon = _lexicon(dirs)
    sources = [read_dir(d, lexicon) for d in dirs]
    for found in sources:
        seen: dict[str, Rule] = {}
        for rule in found.rules:
            if rule.id in seen:
                raise RuleFileError(
                    f"duplicate id (also at {seen[rule.id].source})", **split_source(rule.source), field=rule.id
                )
            seen[rule.id] = rule
            ordered[rule.id] = rule
    rules = list(ordered.values())
    check_compounds(rules)
    return RuleSet(rules, tuple(w for found in sources for w in found.warnings))


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
