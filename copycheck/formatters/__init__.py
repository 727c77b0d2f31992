"""Formatters: pure functions from a report (or a rule) to text.

Each module that renders a ``--format`` declares it as ``FORMAT``, an :class:`OutputFormat`;
:func:`output_formats` finds them, and the command line's ``--format`` choices and the config
file's ``format`` key are read from there, so a new format is one new module (plus its tests).
A run imports only the module of the format it renders (:func:`output_format`).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from copycheck.findings import FileReport, Finding

LEVEL_NAMES = {
    "zh": {"none": "无", "low": "低", "medium": "中", "high": "高", "critical": "严重"},
    "en": {"none": "none", "low": "low", "medium": "medium", "high": "high", "critical": "critical"},
}
CONTEXT_NAMES = {
    "zh": {
        "negated": "否定或警示语境，不计入风险",
        "quoted": "批评性引用，不计入风险",
        "reported": "报道或转述，不计入风险",
    },
    "en": {
        "negated": "negated or warning context, not counted",
        "quoted": "quoted to criticise, not counted",
        "reported": "reported or narrated, not counted",
    },
}


def level_name(level: str, lang: str) -> str:
    return LEVEL_NAMES["en" if lang == "en" else "zh"][level]


MARKUP_NAMES = {"markdown": "Markdown", "html": "HTML"}


def file_notes(file: FileReport, lang: str) -> list[tuple[str, str]]:
    """``(rule id, note)`` for what a file's findings do not show: markup the lexer could not
    read (rule id ""), findings of a rule beyond those listed, and rules that gave up on the
    text for lack of time."""
    from copycheck.engine import MAX_FINDINGS_PER_RULE as cap
    from copycheck.matchers.pattern import PATTERN_BUDGET_SECONDS as budget

    notes = []
    if file.markup_fallback:
        markup = MARKUP_NAMES.get(file.markup_fallback, file.markup_fallback)
        if lang == "en":
            text = f"the {markup} markup could not be read (a copycheck bug); the file was checked as plain text"
        else:
            text = f"无法解析此文件的 {markup} 标记（copycheck 的缺陷），已按纯文本检查"
        notes.append(("", text))
    for rule_id, count in file.omitted:
        if lang == "en":
            text = f"{count} more {rule_id} findings not listed (at most {cap} per rule per file)"
        else:
            text = f"另有 {count} 处 {rule_id} 同类问题未逐一列出（每条规则每个文件最多列出 {cap} 处）"
        notes.append((rule_id, text))
    for rule_id in file.gave_up:
        if lang == "en":
            text = f"rule {rule_id} gave up on this text after {budget:g} s; its findings may be missing"
        else:
            text = f"规则 {rule_id} 在此文本上超过 {budget:g} 秒未完成，已放弃；其问题可能未被列出"
        notes.append((rule_id, text))
    return notes


@dataclass(frozen=True)
class Style:
    """How the human-facing formats (``text``, ``concise``) present a report.

    ``show_hints``: list ``info`` findings too; ``color``: ANSI colours; ``quiet``: findings and
    errors only (no risk lines, no summary); ``fail_on``: the level that fails a run, so the summary
    can name the files that reach it.
    """

    show_hints: bool = False
    color: bool = False
    quiet: bool = False
    fail_on: str = "high"


# ANSI colours per severity and level (bold red for the worst).
_COLOURS = {"critical": "1;31", "high": "31", "medium": "33", "low": "36", "info": "2", "none": "32"}


def paint(text: str, severity: str, style: Style) -> str:
    """``text`` in the colour of ``severity`` when the style uses colour."""
    if not style.color or severity not in _COLOURS:
        return text
    return f"\x1b[{_COLOURS[severity]}m{text}\x1b[0m"


def bold(text: str, style: Style) -> str:
    return f"\x1b[1m{text}\x1b[0m" if style.color else text


def listed(file: FileReport, style: Style) -> list[Finding]:
    """The findings a line-per-problem format lists: not compounds (conclusions about the post,
    named in the risk line), and hints only when asked for."""
    return [f for f in file.findings if not f.is_compound and (style.show_hints or f.severity != "info")]


PLAIN = Style()  # the default: no colour, hints hidden, risk lines and summary shown


@dataclass(frozen=True)
class OutputFormat:
    """A ``--format`` value and the function that renders a report in it."""

    name: str
    # ``render(report, lang)``, or ``render(report, lang, style)`` when ``styled``.
    render: Callable[..., str]
    # Its place among the choices, as ``--help`` and error messages list them (text, the default, first).
    order: int
    # A line-per-problem format, which takes a Style (hints, colour, quiet, fail-on).
    styled: bool = False


def output_formats() -> dict[str, OutputFormat]:
    """Every format declared by the modules of this package, by name, in choice order."""
    return {declared.name: declared for _, declared in _declarations()}


def format_names() -> tuple[str, ...]:
    """The ``--format`` choices, in order."""
    return tuple(_index())


def output_format(name: str) -> OutputFormat:
    """The format called ``name``; only its own module is imported."""
    declared: OutputFormat = importlib.import_module(f"{__name__}.{_index()[name]}").FORMAT
    return declared


def _declarations() -> list[tuple[str, OutputFormat]]:
    """``(module, FORMAT)`` of every module that declares a format, in choice order."""
    found: dict[str, tuple[str, OutputFormat]] = {}
    for path in _modules():
        declared = getattr(importlib.import_module(f"{__name__}.{path.stem}"), "FORMAT", None)
        if declared is None:
            continue
        if declared.name in found:
            raise RuntimeError(f"output format {declared.name!r} is declared twice")
        found[declared.name] = (path.stem, declared)
    return sorted(found.values(), key=lambda item: item[1].order)


@lru_cache(maxsize=1)
def _index() -> dict[str, str]:
    """Each format's module, by format name in choice order. Finding them imports every
    formatter (10 ms, more than the rest of a one-post run's output), so the index is kept in
    the disk cache, keyed by the modules' files, and a run imports only the formatter it uses."""
    from copycheck.cache import cached, file_stamp, fingerprint

    key = fingerprint([file_stamp(path) for path in _modules()])
    return cached("formats", key, lambda: {declared.name: module for module, declared in _declarations()})


def _modules() -> list[Path]:
    """The module files of this package (of every folder on its path), by name."""
    found = (path for folder in __path__ for path in Path(folder).glob("*.py") if path.stem != "__init__")
    return sorted(found, key=lambda path: path.name)
