"""Character-level folding tables for the matching view.

Two tables are built once per process:

* ``ONE_TO_ONE``: a ``str.translate`` table where every entry maps one code point
  to exactly one code point (NFKC width folding, case folding, traditional to
  simplified). Because the length never changes, offsets survive untouched.
* ``EXPANSIONS``: characters whose NFKC form is several characters (``㎏`` ->
  ``kg``, ``⑩`` -> ``10``). The normaliser treats these as edits with their own
  offset segment instead of putting them in the translate table.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from copycheck import package_file

# Blocks where NFKC folding matters for evasion: full-width forms, enclosed and
# circled alphanumerics, letter-like symbols, Kangxi radicals, CJK compatibility
# ideographs and the mathematical alphanumerics used to dress up "V" or "W".
_NFKC_RANGES = (
    (0x00A0, 0x00FF),
    (0x2000, 0x206F),
    (0x2070, 0x209F),
    (0x2100, 0x218F),
    (0x2460, 0x24FF),
    (0x2F00, 0x2FDF),
    (0x3000, 0x303F),
    (0x3200, 0x33FF),
    (0xF900, 0xFAFF),
    (0xFE30, 0xFE4F),
    (0xFE50, 0xFE6F),
    (0xFF00, 0xFFEF),
    (0x1D400, 0x1D7FF),
    (0x1F100, 0x1F1FF),
)


def _load_t2s() -> dict[str, str]:
    table: dict[str, str] = {}
    text = package_file("data/t2s.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        traditional, simplified = line.split("\t")
        table[traditional] = simplified
    return table


def _fold_one(char: str, t2s: dict[str, str]) -> str:
    folded = unicodedata.normalize("NFKC", char)
    folded = "".join(c.lower() if len(c.lower()) == 1 else c for c in folded)
    return "".join(t2s.get(c, c) for c in folded)


@lru_cache(maxsize=1)
def tables() -> tuple[dict[int, str], dict[str, str]]:
    """Return ``(one_to_one, expansions)``; built lazily, cached for the process and on disk."""
    from copycheck.cache import cached

    return cached("charfold", _tables_key(), _build_tables)


@lru_cache(maxsize=1)
def _tables_key() -> str:
    """What the tables are built from: the traditional-character list and the Unicode data."""
    from copycheck.cache import fingerprint

    table = package_file("data/t2s.txt").read_bytes()
    return fingerprint([table, unicodedata.unidata_version.encode()])


def _build_tables() -> tuple[dict[int, str], dict[str, str]]:
    t2s = _load_t2s()
    one_to_one: dict[int, str] = {}
    expansions: dict[str, str] = {}
    candidates: set[str] = set(t2s)
    candidates.update(chr(c) for c in range(0x41, 0x5B))
    candidates.update(chr(c) for c in range(0xC0, 0x250))
    for low, high in _NFKC_RANGES:
        candidates.update(chr(c) for c in range(low, high + 1))
    for char in candidates:
        folded = _fold_one(char, t2s)
        if folded == char:
            continue
        if len(folded) == 1:
            one_to_one[ord(char)] = folded
        elif any(c.isalnum() for c in folded):
            # Only an expansion with a letter or digit in it (㎏ -> kg, ⑩ -> (10)): one of
            # punctuation alone (… -> ..., ‼ -> !!) would put the marks into the compact view,
            # where a separator belongs (月…入…十…万 is 月入十万 split, and … ends a sentence).
            expansions[char] = folded
    return one_to_one, expansions


def char_class(chars: Iterable[str]) -> str:
    """A regex character class of ``chars`` written as ranges: ``re`` tests a class of a few
    dozen ranges several times faster than one of six hundred single characters."""
    codes = sorted({ord(c) for c in chars})
    ranges: list[tuple[int, int]] = []
    for code in codes:
        if ranges and code == ranges[-1][1] + 1:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))
    body = "".join(
        re.escape(chr(lo)) if lo == hi else f"{re.escape(chr(lo))}-{re.escape(chr(hi))}" for lo, hi in ranges
    )
    return f"[{body}]"


def fold_chars(text: str) -> str:
    """Fold width, case and traditional characters one code point at a time.

    ``str.translate`` looks every character up (30-150 ns each for Chinese text). Once the
    process has read enough text to pay for compiling it, the characters that fold are instead
    found by a regex and replaced, the full-width punctuation of Chinese writing (，！？) first by
    ``str.replace``: a quarter of the time or less, as most characters do not fold."""
    searching = _FOLD_BUDGET.spent(len(text))
    folded = _folded_by_search(text) if searching else text.translate(_fold_sequence()[0])
    beyond = _fold_sequence()[1]
    if beyond and _BEYOND_BMP.search(folded):  # math letters and enclosed forms (𝐕, 🅥) are rare
        if searching:  # in a long text the emoji past the plane are many, these few
            folded = _beyond_search().sub(lambda match: beyond[ord(match.group())], folded)
        else:
            folded = folded.translate(beyond)
    return folded


@lru_cache(maxsize=1)
def _beyond_search() -> re.Pattern[str]:
    """The characters past the plane that fold."""
    return _past_the_plane(map(chr, _fold_sequence()[1]))


def _past_the_plane(chars: Iterable[str]) -> re.Pattern[str]:
    """A pattern of ``chars``, all past the Basic Multilingual Plane. ``re`` tests a class of
    plane characters with one table lookup but one past it range by range, so any character
    past the plane is matched first (one range) and the class only looked behind at."""
    return re.compile(f"[\U00010000-\U0010ffff](?<={char_class(chars)})")


def _folded_by_search(text: str) -> str:
    """``text.translate(_fold_sequence()[0])``, by search and replace."""
    replaced, others, folds = _fold_search()
    for mark, ascii_mark in replaced:
        if mark in text:
            text = text.replace(mark, ascii_mark)
    return others.sub(lambda match: folds[match.group()], text)


class _Budget:
    """The characters a process has put through one function: a regex that pays for its
    compiling (several milliseconds, more than a one-post run should pay) only over a long run
    is used once they pass ``after``."""

    def __init__(self, after: int) -> None:
        self.after = after
        self.seen = 0

    def spent(self, size: int) -> bool:
        if self.seen < self.after:
            self.seen += size
        return self.seen >= self.after


_SEARCH_AFTER = 300_000  # characters
_FOLD_BUDGET = _Budget(_SEARCH_AFTER)
_TRADITIONAL_BUDGET = _Budget(_SEARCH_AFTER)
# The punctuation Chinese text writes full-width all the time, folded by str.replace.
_COMMON_MARKS = "，！？；：（）～\u3000"


@lru_cache(maxsize=1)
def _fold_search() -> tuple[tuple[tuple[str, str], ...], re.Pattern[str], dict[str, str]]:
    """``(common marks and their folds, a regex of the other characters of the plane that fold,
    every fold by character)``; one pass as ``str.translate`` makes one: no fold is folded again."""
    folds = {chr(code): folded for code, folded in tables()[0].items() if code <= _LAST_BMP}
    replaced = tuple((mark, folds[mark]) for mark in _COMMON_MARKS)
    assert not any(folded in folds for _mark, folded in replaced)
    others = sorted(set(folds) - set(_COMMON_MARKS))
    return replaced, re.compile(f"[{re.escape(''.join(others))}]"), folds


_BEYOND_BMP = re.compile("[\U00010000-\U0010ffff]")


@lru_cache(maxsize=1)
def _fold_sequence() -> tuple[tuple[int | str, ...], dict[int, str]]:
    """The fold as a sequence table of the Basic Multilingual Plane and a dict of the few code
    points past it: a sequence table up to the highest of those (a traditional character of
    extension B) would hold 170,000 entries, and building it would cost a one-post run 10 ms."""
    one_to_one = tables()[0]
    plane = {code: folded for code, folded in one_to_one.items() if code <= _LAST_BMP}
    beyond = {code: folded for code, folded in one_to_one.items() if code > _LAST_BMP}
    # The second pass must not fold again what the first produced.
    assert not any(ord(folded) in beyond for folded in plane.values())
    return sequence_table(plane), beyond


_LAST_BMP = 0xFFFF


def sequence_table(mapping: dict[int, str | None]) -> tuple[int | str | None, ...]:
    """A ``str.translate`` table as a tuple indexed by code point: looked up without hashing,
    twice as fast as the dict. Code points past the last entry raise ``IndexError``, which
    ``translate`` reads as "unchanged"."""
    table: list[int | str | None] = list(range(max(mapping, default=-1) + 1))
    for code, replacement in mapping.items():
        table[code] = replacement
    return tuple(table)


@lru_cache(maxsize=1)
def _scripts() -> tuple[frozenset[str], frozenset[str]]:
    """The characters only the traditional script writes, and those only the simplified one
    writes (their traditional form differs). Nearly every post is asked (a full-width comma
    makes it folded text), and reading the list costs more than checking it, so the disk cache
    keeps them."""
    from copycheck.cache import cached

    return cached("charscripts", _tables_key(), _build_scripts)


def _build_scripts() -> tuple[frozenset[str], frozenset[str]]:
    t2s = _load_t2s()
    traditional = frozenset(t for t, s in t2s.items() if t != s and len(t) == 1)
    simplified = frozenset(s for t, s in t2s.items() if t != s and len(s) == 1) - traditional
    return traditional, simplified


def traditional_positions(text: str, fewest: int = 1) -> list[int]:
    """Where ``text`` holds a character only the traditional script writes, in order (none when
    it holds fewer than ``fewest``).

    They are found with a regex of them, four to ten times faster per character than
    translating, once the process has read enough text to pay for compiling it (6 ms, more than
    a one-post run should pay). Until then the first 20,000 characters are looked up one by
    one, and the others translated with tables of two objects each (they stay in the CPU
    cache): one that deletes all but those characters counts them, and most texts stop there;
    one of the same length places them."""
    if _TRADITIONAL_BUDGET.spent(len(text)):
        return _searched_positions(text, fewest)
    if not _LOOKUP_BUDGET.spent(len(text)):
        return _looked_up_positions(text, fewest)
    return _translated_positions(text, fewest)


# Until a process has read this many characters they are looked up one by one (a new string
# each, about 0.1 us): the translate tables reach extension B (170,000 entries, 3 ms to build),
# more than a one-post run should pay, and as much as looking up some 30,000 characters.
_LOOKUP_BUDGET = _Budget(20_000)


def _looked_up_positions(text: str, fewest: int) -> list[int]:
    traditional = _scripts()[0]
    positions = [index for index, char in enumerate(text) if char in traditional]
    return positions if len(positions) >= fewest else []


def _translated_positions(text: str, fewest: int) -> list[int]:
    if text.translate(_traditional_table(None)).count(_MARK) < fewest:
        return []
    marked = text.translate(_traditional_table("\x01"))  # a NUL in the text is not a mark
    positions = []
    position = marked.find(_MARK)
    while position != -1:
        positions.append(position)
        position = marked.find(_MARK, position + 1)
    return positions


def _searched_positions(text: str, fewest: int) -> list[int]:
    in_plane, beyond = _traditional_patterns()
    astral = _BEYOND_BMP.search(text)
    if not astral and not in_plane.search(text):  # most texts
        return []
    positions = [match.start() for match in in_plane.finditer(text)]
    if astral:
        positions = sorted([*positions, *(match.start() for match in beyond.finditer(text))])
    return positions if len(positions) >= fewest else []


_MARK = "\x00"


@lru_cache(maxsize=2)
def _traditional_table(other: str | None) -> tuple[str | None, ...]:
    """A translate table writing ``\x00`` for every traditional-only character and ``other`` for
    every other one up to the last of those (None: deleted). Each is built on first use: most
    texts are never placed, only counted."""
    traditional = _scripts()[0]
    table = [other] * (max(map(ord, traditional)) + 1)
    for char in traditional:
        table[ord(char)] = _MARK
    return tuple(table)


@lru_cache(maxsize=1)
def _traditional_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The traditional-only characters of the Basic Multilingual Plane, and those past it
    (extension B): one class of both would be tested range by range (see ``_past_the_plane``)."""
    traditional = _scripts()[0]
    in_plane = "".join(sorted(c for c in traditional if ord(c) <= _LAST_BMP))
    return (
        re.compile(f"[{re.escape(in_plane)}]"),
        _past_the_plane(c for c in traditional if ord(c) > _LAST_BMP),
    )


@lru_cache(maxsize=1)
def simplified_only() -> dict[int, None]:
    """A ``str.translate`` table that deletes every character only the simplified script writes
    (its traditional form differs). A dict, not a sequence table: only the few lines with
    traditional characters in them are translated, and a sequence table of every code point
    up to extension B would hold 170,000 integers (8 MB)."""
    return dict.fromkeys(map(ord, _scripts()[1]))
