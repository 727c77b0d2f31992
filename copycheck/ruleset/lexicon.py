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
from typing import Any

import yaml

from copycheck.ruleset.model import Text
from copycheck.view.normalise import compact_form

CLASS_NAME = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
LEXICON_FOLDER = "lexicons"
_KEYS = frozenset({"class", "title", "members", "include", "unless", "note"})


class LexiconError(Exception):
    """A lexicon file that cannot be loaded; ``str()`` is the one-line message."""


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


def _read(path: Path) -> tuple[list[Any], yaml.Node | None]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise LexiconError(f"{path}: cannot read lexicon file: {error}") from None
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise LexiconError(f"{where}: invalid YAML: {getattr(error, 'problem', None) or error}") from None
    finally:
        loader.dispose()
    if data is None:
        return [], None
    if not isinstance(data, list) or not isinstance(node, yaml.SequenceNode):
        raise LexiconError(f"{path}:1: a lexicon file must be a YAML list of classes")
    return data, node


@dataclass
class _Raw:
    name: str
    title: Text
    members: list[str]
    include: list[str]
    unless: list[str]
    source: str


def _entry(path: Path, node: yaml.Node, item: Any) -> _Raw:
    line = node.start_mark.line + 1
    if not isinstance(item, dict):
        raise LexiconError(f"{path}:{line}: each class must be a mapping")
    name = item.get("class")
    where = f"{path}:{line}: {name if isinstance(name, str) else '?'}"
    if not isinstance(name, str) or not CLASS_NAME.fullmatch(name):
        raise LexiconError(f"{where}.class: expected a lower-case name like recruit-act")
    unknown = sorted(set(item) - _KEYS)
    if unknown:
        raise LexiconError(f"{where}.{unknown[0]}: unknown field (known: {', '.join(sorted(_KEYS))})")
    title = item.get("title")
    if not isinstance(title, dict) or set(title) != {"zh", "en"} or not all(isinstance(v, str) for v in title.values()):
        raise LexiconError(f"{where}.title: expected a mapping with exactly the keys zh and en")
    members: list[str] = []
    for member in item.get("members") or []:
        if isinstance(member, str) and member.strip():
            members.append(member)
        elif isinstance(member, dict) and len(member) == 1:
            ((word, variants),) = member.items()
            if not isinstance(word, str) or not isinstance(variants, list) or not all(
                isinstance(v, str) and v.strip() for v in variants
            ):
                raise LexiconError(f"{where}.members: {member!r}: expected `word: [variant, ...]`")
            members.extend([word, *variants])
        else:
            raise LexiconError(f"{where}.members: {member!r}: expected a word or `word: [variant, ...]`")
    include = item.get("include") or []
    unless = item.get("unless") or []
    for key, value in (("include", include), ("unless", unless)):
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise LexiconError(f"{where}.{key}: expected a list of strings")
    if not members and not include:
        raise LexiconError(f"{where}.members: a class needs members or include")
    for word in (*members, *unless):
        if not compact_form(word):
            raise LexiconError(f"{where}: {word!r} is empty once separators are removed")
    return _Raw(name, Text(title["zh"].strip(), title["en"].strip()), members, include, unless, f"{path}:{line}")


def load_lexicon(directories: Iterable[Path]) -> Lexicon:
    """Every class in the ``lexicons/`` folder of each directory; later folders override."""
    raw: dict[str, _Raw] = {}
    for directory in directories:
        seen: dict[str, str] = {}
        for path in lexicon_files(directory):
            data, node = _read(path)
            assert node is None or isinstance(node, yaml.SequenceNode)
            for item_node, item in zip(node.value if node else [], data, strict=True):
                entry = _entry(path, item_node, item)
                if entry.name in seen:
                    raise LexiconError(f"{entry.source}: {entry.name}: duplicate class (also at {seen[entry.name]})")
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
                raise LexiconError(f"{entry.source}: {name}.include: unknown class {included!r}")
            if included in chain:
                raise LexiconError(f"{entry.source}: {name}.include: {included!r} includes itself")
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
