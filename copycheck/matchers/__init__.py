"""Matchers: one module per kind of rule, each turning the compact view into hits."""

from __future__ import annotations

from dataclasses import dataclass

from copycheck.model import Rule


@dataclass(frozen=True)
class Hit:
    """A candidate match in compact coordinates, before any filtering."""

    rule: Rule
    start: int
    end: int
    # Spans of the text that must sit on word boundaries (jieba), if checked.
    boundary: tuple[int, int] | None = None
