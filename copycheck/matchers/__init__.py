"""Matchers: one module per kind of rule, all behind one small interface.

A *kind* is what a rule's matcher key (``terms:``, ``pattern:``, ``frame:``, ``all:`` …) names.
Each module in this package exports ``KINDS``, a tuple of ``Kind`` objects, and everything
about that kind lives there: reading and validating its YAML value into a frozen spec,
compiling the rules of that kind into one matcher, describing a rule for ``copycheck
explain``, and how precise its findings are for SARIF. The loader, the engine, ``explain``
and SARIF only talk to this interface, so a new kind is one new module (plus its tests).

Kinds run in stages. ``VIEW`` matchers read the normalised text; ``DERIVED`` matchers also
see the hits the view matchers accepted (a split word is another rule's match written
apart); ``COMBINED`` kinds work on the findings of the others (compounds).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

if TYPE_CHECKING:
    from copycheck.findings import Finding
    from copycheck.ruleset.lexicon import Lexicon
    from copycheck.ruleset.model import Rule
    from copycheck.view.normalise import NormalisedText

VIEW, DERIVED, COMBINED = 0, 1, 2


# Hits and their parts are named tuples, not frozen dataclasses: a frozen dataclass is built by
# a Python-level __init__ that sets each field through object.__setattr__ (1.1 us for a hit,
# 0.3 us for the tuple), and a text has a hit for every candidate before any filtering.
class HitPart(NamedTuple):
    """One piece of a frame match: the word class it belongs to and its compact span."""

    word_class: str
    start: int
    end: int


class Hit(NamedTuple):
    """A candidate match in compact coordinates, before any filtering."""

    rule: Rule
    start: int
    end: int
    # Spans of the text that must sit on word boundaries (jieba), if checked.
    boundary: tuple[int, int] | None = None
    parts: tuple[HitPart, ...] = ()
    # Not a match: the rule ran out of its time budget on this text and gave up.
    gave_up: bool = False


# A literal found by the shared scan: (index of its last character, its length, the payload the
# matcher registered with it).
Literal = tuple[int, int, Any]


class Matcher(Protocol):
    def find(
        self, norm: NormalisedText, earlier: Sequence[Hit] = (), literals: Sequence[Literal] | None = None
    ) -> Iterable[Hit]:
        """Hits in ``norm``; ``literals`` are the matcher's own words found by the engine's shared
        scan (None: the matcher scans for them itself)."""
        ...


class LiteralScan:
    """One Aho-Corasick pass that finds the literal words of many matchers.

    ahocorasick_rs (Rust's aho-corasick crate) reports every overlapping match of a
    ``str`` in code-point offsets, ordered by where it ends (longest first at one end),
    so the positions need no conversion. It scans a corpus row in about half the time
    pyahocorasick took over the row's UTF-8 bytes, and builds the automaton of every
    rule's words in half the time, which a one-post run pays at start-up. One automaton
    serves every matcher; a matcher takes part by a ``literals()`` method returning
    ``{word: payload}`` (a payload is never None).
    """

    def __init__(self, matchers: Sequence[object]) -> None:
        self.size = len(matchers)
        owners: dict[str, list[tuple[int, Any]]] = {}
        for number, matcher in enumerate(matchers):
            literals = getattr(matcher, "literals", None)
            for word, payload in (literals() if literals else {}).items():
                owners.setdefault(word, []).append((number, payload))
        # Each word's owners, and per matcher with words its payload by automaton index (None:
        # not its word): a text of a few matches is sorted out by a loop over their owners, a
        # long one by a comprehension per matcher, several times faster per match.
        self._owners = [tuple(entries) for entries in owners.values()]
        tables: list[list[Any]] = [[None] * len(owners) for _ in matchers]
        for index, entries in enumerate(owners.values()):
            for number, payload in entries:
                tables[number][index] = payload
        owning = {number for entries in owners.values() for number, _payload in entries}
        self._payloads = [(number, tables[number]) for number in sorted(owning)]
        self._automaton: Any = None
        if owners:
            from ahocorasick_rs import AhoCorasick

            self._automaton = AhoCorasick(list(owners))

    def scan(self, compact: str) -> list[Sequence[Literal]]:
        """Per matcher, its words found in ``compact``, ordered by where they end."""
        found: list[Sequence[Literal]] = [()] * self.size  # most matchers of most texts: none
        if self._automaton is None or not compact:
            return found
        matches = self._automaton.find_matches_as_indexes(compact, overlapping=True)
        if not matches:
            return found
        if len(matches) < _MANY_MATCHES:
            for index, start, end in matches:
                for number, payload in self._owners[index]:
                    words = found[number]
                    if not words:
                        words = found[number] = []
                    words.append((end - 1, end - start, payload))  # type: ignore[attr-defined]
            return found
        for number, payloads in self._payloads:
            found[number] = [
                (end - 1, end - start, payload)
                for index, start, end in matches
                if (payload := payloads[index]) is not None
            ]
        return found


_MANY_MATCHES = 200


def own_literals(matcher: object, compact: str) -> Sequence[Literal]:
    """The literals of one matcher used on its own (tests, a single kind): a private scan."""
    scan = getattr(matcher, "_own_scan", None)
    if scan is None:
        scan = LiteralScan([matcher])
        matcher._own_scan = scan  # type: ignore[attr-defined]
    return scan.scan(compact)[0]


MakeFinding = Callable[["Rule", "Finding", tuple["Finding", ...]], "Finding"]


class Combiner(Protocol):
    def combine(self, findings: Sequence[Finding], make: MakeFinding) -> list[Finding]: ...


class SpecContext(Protocol):
    """What a kind may ask of the loader while reading its YAML value."""

    lexicon: Lexicon

    def fail(self, problem: str) -> Exception:
        """An error naming the rule file, line, rule id and this kind's key."""


class Kind:
    """The interface every matcher kind implements (see the module docstring)."""

    key: str
    stage: int = VIEW
    # SARIF ``precision``: how often a finding of this kind is a true positive.
    precision: str = "high"

    def parse(self, value: Any, context: SpecContext) -> object:
        """Validate the YAML value of ``key`` and return the rule's frozen spec."""
        raise NotImplementedError

    def build(self, rules: Sequence[Rule]) -> Matcher | Combiner:
        """One matcher for every rule of this kind."""
        raise NotImplementedError

    def describe(self, rule: Rule, lang: str) -> list[str]:
        """Lines for ``copycheck explain``: what the rule matches."""
        raise NotImplementedError

    def boundary_words(self, rule: Rule) -> Iterable[str]:
        """Words whose ends a jieba boundary check may be asked about."""
        return ()

    def word_classes(self, rule: Rule) -> tuple[str, ...]:
        """The lexicon classes the rule uses, for ``explain``."""
        return ()

    def view_literals(self, rule: Rule) -> Iterable[str]:
        """The literals the rule compares with the view as written (not compacted first, as
        terms and word-class members are), so that the loader can warn about one the view never
        holds."""
        return ()


@lru_cache(maxsize=1)
def kinds() -> dict[str, Kind]:
    """Every kind, by its YAML key, from the modules of this package."""
    found: dict[str, Kind] = {}
    for module in sorted(info.name for info in pkgutil.iter_modules(__path__)):
        for kind in getattr(importlib.import_module(f"{__name__}.{module}"), "KINDS", ()):
            if kind.key in found:
                raise RuntimeError(f"matcher key {kind.key!r} is defined twice")
            found[kind.key] = kind
    return found
