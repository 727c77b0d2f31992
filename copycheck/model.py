"""Rules as plain, immutable data."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

SEVERITIES = ("info", "low", "medium", "high", "critical")
LEVELS = ("none", "low", "medium", "high", "critical")
CATEGORIES = (
    "income-promise",
    "recruitment",
    "entry-fee",
    "pyramid-commission",
    "fake-social-proof",
    "off-platform-payment",
    "medical-claim",
    "absolute-claim",
    "false-endorsement",
    "no-returns",
    "evasion",
)
PERIODS = ("day", "week", "month", "year")
MATCHER_KINDS = ("terms", "pattern", "amount", "split", "variant", "all", "any")


def severity_rank(severity: str) -> int:
    return SEVERITIES.index(severity)


def level_rank(level: str) -> int:
    return LEVELS.index(level)


@dataclass(frozen=True)
class Text:
    """A message in Chinese and English."""

    zh: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


@dataclass(frozen=True)
class Reference:
    """A cited provision: ``adl-9`` or one numbered item of it, ``adl-9(三)``."""

    id: str
    item: str = ""

    @classmethod
    def parse(cls, raw: str) -> Reference:
        match = re.fullmatch(r"([a-z0-9-]+?)(?:\((.+)\))?", raw.strip())
        if not match:
            raise ValueError(f"not a provision reference: {raw!r}")
        return cls(id=match.group(1), item=match.group(2) or "")

    def __str__(self) -> str:
        return f"{self.id}({self.item})" if self.item else self.id


@dataclass(frozen=True)
class AmountSpec:
    """Income word + period + a value at or above the period's threshold."""

    subjects: tuple[tuple[str, str], ...]  # (compact subject, period)
    minimum: tuple[tuple[str, float], ...]  # (period, yuan)
    fillers: tuple[str, ...]

    def threshold(self, period: str) -> float | None:
        return dict(self.minimum).get(period)


@dataclass(frozen=True)
class CompoundSpec:
    """Other rules' findings that must (``all``) or may (``any``) occur together."""

    mode: str  # "all" or "any"
    selectors: tuple[str, ...]  # rule id, id prefix ("REC"), or "category:<id>"
    within: int | None  # original characters; None means the whole post
    at_least: int = 0  # ``any`` only: how many different selectors must be present (0: one)


@dataclass(frozen=True)
class SplitSpec:
    """Another rule's match written with separators between its characters (月 入 十 万, 代🔥理)."""

    min_chars: int = 3


@dataclass(frozen=True)
class Examples:
    fire: tuple[str, ...] = ()
    ok: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rule:
    id: str
    category: str
    severity: str
    title: Text
    message: Text
    why: Text
    suggest: Text
    references: tuple[Reference, ...]
    kind: str
    terms: tuple[str, ...] = ()
    pattern: str = ""
    amount: AmountSpec | None = None
    compound: CompoundSpec | None = None
    split: SplitSpec | None = None
    variant: str = ""  # "contact": a disguised contact handle the normaliser folded
    anchors: tuple[str, ...] = ()  # pattern rules: literals every match contains (derived, not written)
    reach: int = 0  # pattern rules: the longest match, capped (derived): how far to search around an anchor
    unless: tuple[str, ...] = ()
    boundary: str = "auto"  # "auto" (short terms only), "always", "never"
    scope: str = "word"  # "word": no hard gap inside; "sentence": no sentence break
    examples: Examples = field(default_factory=Examples)
    source: str = ""  # "path:line" where the rule is defined

    @property
    def is_compound(self) -> bool:
        return self.compound is not None

    def render(self, matched: str) -> Text:
        """The message with ``{text}`` filled in by the matched text, white space flattened."""
        flat = " ".join(matched.split())
        return Text(self.message.zh.format(text=flat), self.message.en.format(text=flat))

    def selects(self, selector: str) -> bool:
        return selector_matches(selector, self.id, self.category)


def selector_matches(selector: str, rule_id: str, category: str) -> bool:
    """Whether a selector (``INC001``, the prefix ``INC``, ``category:evasion``) names a rule."""
    if selector.startswith("category:"):
        return category == selector.removeprefix("category:")
    return rule_id == selector or (selector.isalpha() and rule_id.startswith(selector))
