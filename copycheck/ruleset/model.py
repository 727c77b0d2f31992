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
RULE_ID = re.compile(r"[A-Z]{2,5}[0-9]{3}")


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
class Examples:
    fire: tuple[str, ...] = ()  # as a post reads: the span marks (see ``marked_span``) removed
    ok: tuple[str, ...] = ()
    # Per fire example, the ``[start, end)`` its finding must cover exactly, when it is marked.
    spans: tuple[tuple[int, int] | None, ...] = ()

    def span(self, number: int) -> tuple[int, int] | None:
        """The span fire example ``number`` marks, if any."""
        return self.spans[number] if 0 <= number < len(self.spans) else None


SPAN_OPEN, SPAN_CLOSE = "[", "]"


def marked_span(example: str) -> tuple[str, tuple[int, int] | None]:
    """An example as a post reads, and the span it marks: ``跟着我做[月入过五万]`` is the text
    跟着我做月入过五万 whose finding must cover exactly 月入过五万. A bracket of the text itself is
    written twice (``[[图片]]`` is [图片]), so a mark cannot stand right beside a bracket of the
    text (``[ab]]`` reads as an open mark and a bracket). Raises ``ValueError`` for marks that do
    not pair up."""
    text: list[str] = []
    marks: list[int] = []
    position = 0
    while position < len(example):
        char = example[position]
        if char in (SPAN_OPEN, SPAN_CLOSE) and example[position + 1 : position + 2] == char:
            text.append(char)
            position += 2
            continue
        if char in (SPAN_OPEN, SPAN_CLOSE):
            if (char == SPAN_OPEN) != (len(marks) % 2 == 0):
                raise ValueError(f"unpaired {char!r} in {example!r} (a bracket of the text is written twice)")
            marks.append(len(text))
        else:
            text.append(char)
        position += 1
    if len(marks) == 1 or len(marks) > 2:
        raise ValueError(f"{example!r} must mark one span, as [words], or none")
    if marks and marks[0] == marks[1]:
        raise ValueError(f"{example!r} marks an empty span")
    return "".join(text), (marks[0], marks[1]) if marks else None


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
    kind: str  # the matcher key (terms, pattern, frame, all, ...): see ``copycheck.matchers``
    spec: object  # what that kind read from the rule's YAML (a frozen dataclass of its module)
    unless: tuple[str, ...] = ()  # compact exceptions: a hit overlapping one is not reported
    unless_sentence: tuple[str, ...] = ()  # compact words that, anywhere in the hit's sentence, cancel it
    boundary: str = "auto"  # "auto" (short terms only), "always", "never"
    scope: str = "word"  # "word": no hard gap inside; "sentence": no sentence break
    examples: Examples = field(default_factory=Examples)
    source: str = ""  # "path:line" where the rule is defined
    sources: tuple[str, ...] = ()  # ids of the source articles its ``why`` draws on (``articles.py``)

    def render(self, matched: str) -> Text:
        """The message with ``{text}`` filled in by the matched text, white space flattened."""
        flat = " ".join(matched.split())
        return Text(self.message.zh.format(text=flat), self.message.en.format(text=flat))
