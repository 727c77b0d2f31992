"""Concept lexicons: named word classes that rules share.

A class names one idea and lists the ways posters write it: ``recruit-act`` is 拉, 带,
发展, 邀请 …; ``reward`` is 返, 提成, 佣金 …. Frame rules (``matchers/frame.py``) fire
when classes occur together in a clause, so a rule is written once for the idea and
every wording of each part counts. Classes live in ``lexicons/`` folders beside the rule
packs, one YAML list per file::

    - class: reward
      title: {zh: 奖励, en: rewards}
      members:
        - 提成
        - 返: [返还, 反]        # a member and its variants
      include: [commission]     # every member of another class
      unless: [返回, 返程]       # look-alikes: a member overlapping one of these is not a member

Members and look-alikes are compared in the compact view (width, case, traditional
characters and separators folded), as every matcher sees the text. A later folder's class
replaces an earlier one with the same name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from copycheck.errors import LexiconError, RuleFileError
from copycheck.ruleset.model import Text
from copycheck.view.normalise import compact_form

if TYPE_CHECKING:
    import yaml

CLASS_NAME = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
LEXICON_FOLDER = "lexicons"
_KEYS = frozenset({"class", "title", "members", "include", "unless", "note"})


@dataclass(frozen=True)
class WordClass:
    name: str
    title: Text
    members: tuple[str, ...]  # compact forms, variants and included classes' members folded in
    unless: tuple[str, ...] = ()  # compact look-alikes
    source: str = ""  # "path:line"


@dataclass(frozen=True)
class Lexicon:
    classes: Mapping[str, WordClass] = field(default_factory=dict)

    def get(self, name: str) -> WordClass | None:
        return self.classes.get(name)

    def names(self) -> list[str]:
        return sorted(self.classes)


def lexicon_files(directory: Path) -> list[Path]:
    folder = directory / LEXICON_FOLDER
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*.y*ml") if p.suffix in (".yaml", ".yml"))


def read_yaml_list(
    path: Path, error: type[RuleFileError], what: str, items: str
) -> tuple[list[Any], yaml.SequenceNode | None]:
    """The list a rule pack or lexicon file holds, with its node tree (for line numbers); every
    problem raises ``error`` naming the file (``what``: "rule", ``items``: "rules")."""
    import yaml  # only when a pack is read: a run whose rules come from the cache never needs it
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as problem:
        raise error(f"cannot read {what} file: {problem}", path=path) from None
    # libyaml is several times faster when PyYAML was built with it; marks work the same.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as problem:
        mark = getattr(problem, "problem_mark", None)
        said = getattr(problem, "problem", None) or (str(problem).splitlines() or ["unreadable"])[0]
        raise error(f"invalid YAML: {said}", path=path, line=mark.line + 1 if mark else None) from None
    finally:
        loader.dispose()
    if data is None:
        return [], None
    if not isinstance(data, list) or not isinstance(node, yaml.SequenceNode):
        raise error(f"a {what} file must be a YAML list of {items}", path=path, line=1)
    return data, node


@dataclass
class _Raw:
    name: str
    title: Text
    members: list[str]
    include: list[str]
    unless: list[str]
    path: Path
    line: int

    @property
    def source(self) -> str:
        return f"{self.path}:{self.line}"

    def error(self, problem: str, field: str | None = None) -> LexiconError:
        return LexiconError(problem, path=self.path, line=self.line, field=field)


def _entry(path: Path, node: yaml.Node, item: Any) -> _Raw:
    line = node.start_mark.line + 1
    if not isinstance(item, dict):
        raise LexiconError("each class must be a mapping", path=path, line=line)
    name = item.get("class")
    shown = name if isinstance(name, str) else "?"

    def fail(problem: str, key: str | None = None) -> LexiconError:
        return LexiconError(problem, path=path, line=line, field=shown if key is None else f"{shown}.{key}")

    if not isinstance(name, str) or not CLASS_NAME.fullmatch(name):
        raise fail("expected a lower-case name like recruit-act", "class")
    unknown = sorted(set(item) - _KEYS)
    if unknown:
        raise fail(f"unknown field (known: {', '.join(sorted(_KEYS))})", unknown[0])
    title = item.get("title")
    if not isinstance(title, dict) or set(title) != {"zh", "en"} or not all(isinstance(v, str) for v in title.values()):
        raise fail("expected a mapping with exactly the keys zh and en", "title")
    members: list[str] = []
    for member in item.get("members") or []:
        if isinstance(member, str) and member.strip():
            members.append(member)
        elif isinstance(member, dict) and len(member) == 1:
            ((word, variants),) = member.items()
            if not isinstance(word, str) or not isinstance(variants, list) or not all(
                isinstance(v, str) and v.strip() for v in variants
            ):
                raise fail(f"{member!r}: expected `word: [variant, ...]`", "members")
            members.extend([word, *variants])
        else:
            raise fail(f"{member!r}: expected a word or `word: [variant, ...]`", "members")
    include = item.get("include") or []
    unless = item.get("unless") or []
    for key, value in (("include", include), ("unless", unless)):
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise fail("expected a list of strings", key)
    if not members and not include:
        raise fail("a class needs members or include", "members")
    for word in (*members, *unless):
        if not compact_form(word):
            raise fail(f"{word!r} is empty once separators are removed")
    return _Raw(name, Text(title["zh"].strip(), title["en"].strip()), members, include, unless, path, line)


def load_lexicon(directories: Iterable[Path]) -> Lexicon:
    """Every class in the ``lexicons/`` folder of each directory; later folders override."""
    raw: dict[str, _Raw] = {}
    for directory in directories:
        seen: dict[str, str] = {}
        for path in lexicon_files(directory):
            data, node = read_yaml_list(path, LexiconError, "lexicon", "classes")
            for item_node, item in zip(node.value if node else [], data, strict=True):
                entry = _entry(path, item_node, item)
                if entry.name in seen:
                    raise entry.error(f"duplicate class (also at {seen[entry.name]})", entry.name)
                seen[entry.name] = entry.source
                raw[entry.name] = entry
    classes: dict[str, WordClass] = {}

    def resolve(name: str, chain: tuple[str, ...]) -> WordClass:
        if name in classes:
            return classes[name]
        entry = raw[name]
        members = [compact_form(word) for word in entry.members]
        unless = [compact_form(word) for word in entry.unless]
        for included in entry.include:
            if included not in raw:
                raise entry.error(f"unknown class {included!r}", f"{name}.include")
            if included in chain:
                raise entry.error(f"{included!r} includes itself", f"{name}.include")
            other = resolve(included, (*chain, included))
            members.extend(other.members)
            unless.extend(other.unless)
        classes[name] = WordClass(
            name, entry.title, tuple(dict.fromkeys(members)), tuple(dict.fromkeys(unless)), entry.source
        )
        return classes[name]

    for name in raw:
        resolve(name, (name,))
    return Lexicon(classes)
