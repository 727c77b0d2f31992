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

import unicodedata
from functools import lru_cache
from importlib import resources

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
    text = resources.files("copycheck").joinpath("data/t2s.txt").read_text(encoding="utf-8")
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
    from copycheck.cache import cached, fingerprint

    table = resources.files("copycheck").joinpath("data/t2s.txt").read_bytes()
    key = fingerprint([table, unicodedata.unidata_version.encode()])
    return cached("charfold", key, _build_tables)


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
        elif folded.strip():
            expansions[char] = folded
    return one_to_one, expansions


def fold_chars(text: str) -> str:
    """Fold width, case and traditional characters one code point at a time."""
    return text.translate(_fold_sequence())


@lru_cache(maxsize=1)
def _fold_sequence() -> tuple[int | str, ...]:
    return sequence_table(tables()[0])


def sequence_table(mapping: dict[int, str | None]) -> tuple[int | str | None, ...]:
    """A ``str.translate`` table as a tuple indexed by code point: looked up without hashing,
    twice as fast as the dict. Code points past the last entry raise ``IndexError``, which
    ``translate`` reads as "unchanged"."""
    table: list[int | str | None] = list(range(max(mapping, default=-1) + 1))
    for code, replacement in mapping.items():
        table[code] = replacement
    return tuple(table)


@lru_cache(maxsize=1)
def script_tables() -> tuple[tuple[int | str | None, ...], tuple[int | str | None, ...], tuple[str | None, ...]]:
    """``str.translate`` tables: one marks every character only the traditional script writes
    with ``\\x00``, one deletes every character only the simplified script writes (their
    traditional form differs), and one keeps nothing but the marks (counting them: its entries
    are all the same two objects, so it stays in the CPU cache). Translating is far faster than
    matching a class of 4,000 characters."""
    t2s = _load_t2s()
    traditional = {t for t, s in t2s.items() if t != s and len(t) == 1}
    simplified = {s for t, s in t2s.items() if t != s and len(s) == 1} - traditional
    mark: dict[int, str | None] = dict.fromkeys(map(ord, traditional), "\x00")
    mark[0] = "\x01"  # a NUL in the text itself must not read as a mark
    drop: dict[int, str | None] = dict.fromkeys(map(ord, simplified))
    only_marks: list[str | None] = [None] * (max(map(ord, traditional)) + 1)
    for code in mark:
        only_marks[code] = "\x00"
    return sequence_table(mark), sequence_table(drop), tuple(only_marks)
