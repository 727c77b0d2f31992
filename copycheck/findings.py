"""Findings and reports: plain, immutable data that formatters turn into text."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

from copycheck.ruleset.law import Provision
from copycheck.ruleset.model import CATEGORIES, Reference, Rule, Text


@dataclass(frozen=True)
class Location:
    """A span of the original text: 0-based code-point offsets, 1-based line/column.

    ``end_column`` is exclusive (the column just after the last character), as in SARIF.
    """

    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    text: str
    # The words as a reader sees them when the span holds markup (诚招<b>代理 reads 诚招代理);
    # "" when they are ``text`` itself. ``text`` stays the exact span of the original.
    shown: str = ""

    @property
    def words(self) -> str:
        """What a quote of this span shows: the visible words, never markup."""
        return self.shown or self.text


class LineIndex:
    """Turns original offsets into 1-based line and column numbers."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0]
        position = text.find("\n")
        while position != -1:
            self.starts.append(position + 1)
            position = text.find("\n", position + 1)

    def line_col(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1

    def location(self, start: int, end: int) -> Location:
        line, column = self.line_col(start)
        end_line, end_column = self.line_col(end - 1)
        return Location(start, end, line, column, end_line, end_column + 1, self.text[start:end])

    def line_text(self, line: int) -> str:
        start = self.starts[line - 1]
        end = self.starts[line] - 1 if line < len(self.starts) else len(self.text)
        return self.text[start:end].rstrip("\r")


@dataclass(frozen=True)
class Part:
    """One piece of evidence behind a finding, shown as a related location.

    For a compound it is another rule's finding (``rule``); for a frame, the words of one
    of its classes (``word_class``), with ``rule`` the frame rule itself.
    """

    location: Location
    rule: str
    word_class: str = ""


@dataclass(frozen=True)
class Finding:
    rule: str
    category: str
    severity: str  # effective: "info" when the context defuses it
    rule_severity: str
    message: Text
    location: Location
    context: str | None  # None (asserted), "negated", "quoted" or "reported"
    references: tuple[Reference, ...]
    parts: tuple[Part, ...] = ()  # compounds and frames: what the finding is made of

    @property
    def is_compound(self) -> bool:
        """A conclusion drawn from other findings (its parts name other rules)."""
        return any(part.rule != self.rule for part in self.parts)

    @property
    def asserted(self) -> bool:
        """Said by the poster as their own claim: not negated, quoted to be criticised or reported."""
        return self.context is None

    @property
    def raises_risk(self) -> bool:
        """Asserted, not a mere hint, and a compliance category: it counts toward the risk."""
        return self.context is None and self.severity != "info" and self.category in CATEGORIES


@dataclass(frozen=True)
class Risk:
    level: str
    score: int
    drivers: tuple[str, ...]  # rule ids that set the level
    reasons: tuple[Text, ...] = ()


@dataclass(frozen=True)
class FileReport:
    path: str
    text: str
    findings: tuple[Finding, ...]
    risk: Risk
    # (rule id, how many more findings of it the text holds than are listed): a text that repeats
    # one problem thousands of times lists it MAX_FINDINGS_PER_RULE times and counts the rest.
    omitted: tuple[tuple[str, int], ...] = ()
    # Rules that ran out of their time budget on this text (its findings from them may be missing).
    gave_up: tuple[str, ...] = ()
    # The markup ("markdown", "html") the lexer failed on: the text was checked as plain text.
    markup_fallback: str = ""


@dataclass(frozen=True)
class InputError:
    path: str
    message: str


@dataclass(frozen=True)
class Report:
    files: tuple[FileReport, ...]
    errors: tuple[InputError, ...] = ()
    rules: dict[str, Rule] = field(default_factory=dict)
    provisions: dict[str, Provision] = field(default_factory=dict)
    version: str = ""

    def to_dict(self, lang: str = "zh") -> dict[str, Any]:
        """The report as ``--format json`` prints it (same keys, same shape), for library users."""
        from copycheck.formatters.json_report import report_dict  # formatters import this module

        return report_dict(self, lang)
