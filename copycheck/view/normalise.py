"""The matching view of a text, with an exact map back to original offsets.

The view ("compact" text) is what every matcher sees:

* width, case and traditional characters folded one code point at a time;
* pinyin debris from scraped pages removed (``網(wǎng)站`` -> ``网站``), and the
  literal ``x0dx0a`` line-break debris treated as a line break;
* contact variants folded (``V信``/``薇信``/``vx`` -> ``微信``, ``➕V`` -> ``加微信``), and
  look-alike spellings (``俌子`` -> ``铺子``, ``唰单`` -> ``刷单``, see ``disguises.py``);
* multi-character compatibility forms expanded (``㎏`` -> ``kg``);
* separators removed: white space, punctuation, symbols and emoji, so that
  ``月 入 十 万`` and ``月🔥入十万`` read ``月入十万``. A decimal point between
  two digits is kept, a thousands comma is dropped.

Removed separators are remembered as *gaps*. Gaps made of clause or sentence
punctuation (``，。！？`` and line breaks) are *hard*: a match that crosses one
is a coincidence of adjacent sentences unless the poster put a separator in
every gap of the match (the ``月，入，十，万`` evasion). The engine asks
``gaps_within`` to decide.

Lines are compacted eagerly with one C-level substitution each; the exact
segment map of a line is built only when a finding needs it, because findings
are rare and the map costs a Python loop over every separator.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache
from itertools import accumulate, count
from operator import add

from copycheck.view.charfold import char_class, fold_chars, simplified_only, tables, traditional_positions
from copycheck.view.contacts import CONTACT_PATTERN, SYMBOL_ADD_SIGNS, canonical_contact
from copycheck.view.contacts import first_chars as contact_first_chars
from copycheck.view.disguises import disguise_pattern, meant

SENTENCE_BREAKS = frozenset("\n\r。!?;…\u2028\u2029")
_WORD_CHARS = re.compile(r"[\W_]+")
# Symbols (besides Unicode's S* categories, which cover emoji) that posters slip inside words.
_SYMBOLS = frozenset("*#@&|/\\_~")
CLAUSE_BREAKS = frozenset(",、")
# A mark that may split a word; the patterns below are compiled (4 ms) only for a text with one.
_ANY_SPLIT_MARK = re.compile(r"[*#^￥$¥@&※〓\u2500-\u259f._~]")


@lru_cache(maxsize=1)
def _split_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """``(symbol split, chain split)``. A symbol split is two Chinese characters with one symbol
    between them (房#本, 专￥科, 娱^乐); a chain, three or more characters each split off by the
    same mark (无.需.打.开). The mark comes first in these patterns (the character before it is a
    look-behind): a search that starts at a small class of symbols is several times faster than
    one that starts at every Chinese character."""
    return (
        re.compile(r"([*#^￥$¥@&※〓\u2500-\u259f])(?<=[\u4e00-\u9fff].)(?=[\u4e00-\u9fff])"),
        re.compile(r"([.*#^_~])(?<=[\u4e00-\u9fff].)[\u4e00-\u9fff](?:\1[\u4e00-\u9fff])+"),
    )


_EMPHASIS_REACH = 12
_MIXED_RUNS = 2
_MIXED_CHARS = 3

_TONE_MARKS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
# Look-behinds sit after the first character so that every alternative starts with a literal.
_PINYIN = rf"\((?<=[\u3400-\u4dbf\u4e00-\u9fff]\()(?=[a-zü]*[{_TONE_MARKS}])[a-zü{_TONE_MARKS}]{{1,7}}\)"
_CRLF_DEBRIS = r"(?:\\?x0d\\?x0a)+"
_ADD = re.escape(SYMBOL_ADD_SIGNS)
# A decimal point or a range dash between two digits (1.5万, 3-5万, 7000~9000) belongs to the number.
_SEPARATORS = rf"(?:(?![{_ADD}])[^\w%.~-]|_|[.~-](?!\d)|(?<!\d)[.~-])+|[{_ADD}]"
# The same removals in two simple passes, for lines with nothing special (twice as fast).
# Written to start with the mark, so that a search skips to the marks (seven times faster).
_LONE_NUMBER_MARKS = re.compile(r"[.~-](?:(?<!\d[.~-])|(?!\d))")
_PLAIN_SEPARATORS = re.compile(r"[^\w%.~\-]+|_+")


def _strip_separators(line: str, separators: re.Pattern[str] = _PLAIN_SEPARATORS) -> str:
    if "." in line or "~" in line or "-" in line:
        line = _LONE_NUMBER_MARKS.sub("", line)
    return separators.sub("", line)


# The same, keeping line breaks: a text of many lines is stripped in two passes, not line by
# line (a number mark next to a line break is lone either way: a break is not a digit).
_SEPARATORS_BUT_LINES = re.compile(r"[^\w%.~\-\n]+|_+")


@lru_cache(maxsize=1)
def _separators() -> re.Pattern[str]:
    return re.compile(rf"(?P<sep>{_SEPARATORS})")


@lru_cache(maxsize=1)
def _disguises() -> re.Pattern[str]:
    return re.compile(disguise_pattern())


@lru_cache(maxsize=1)
def _special() -> re.Pattern[str]:
    """The special forms or a separator run. The special forms come first in the alternation,
    so a match there is special unless its group is ``sep``; one compiled pattern both finds
    special lines and builds them (compiling the contact handles costs 8 ms, so it is compiled
    only for a text with a trigger character)."""
    special = (
        rf"(?P<pinyin>{_PINYIN})|(?P<crlf>{_CRLF_DEBRIS})|(?P<contact>{CONTACT_PATTERN})"
        rf"|(?P<expand>{char_class(tables()[1])})|(?P<disguise>{disguise_pattern()})"
    )
    return re.compile(rf"{special}|(?P<sep>{_SEPARATORS})")


@lru_cache(maxsize=1)
def _trigger() -> re.Pattern[str]:
    """Every special alternative starts at one of these characters, so a fast character-class
    scan finds the few places worth trying the full pattern at. The x0dx0a debris is found with
    a plain substring search instead: SMS corpora write every digit as "x", which would make "x"
    a trigger almost everywhere."""
    expansions = tables()[1]
    return re.compile(char_class({"(", *contact_first_chars(), *expansions}))


def _is_special(text: str, position: int) -> bool:
    match = _special().match(text, position)
    return match is not None and match.lastgroup != "sep"


class Gap(str, Enum):
    """What a removed run of separators left between two compact characters. Each value is the
    name of the ``LineView`` list of the positions where it falls."""

    GAP = "gaps"  # any separator (a space, punctuation, a symbol)
    HARD = "hard"  # a clause or sentence break (，、。！ or a line end)
    SENTENCE = "sentence"  # a sentence break (。！？ or a line end)
    SYMBOL = "symbol"  # a symbol or emoji (月🔥入)


@dataclass
class LineView:
    """Exact map of one line: segments of the compact line back to the original.

    A linear segment maps character for character; a non-linear one (a folded
    contact handle, an expansion) maps every position to the whole original run.
    Positions in ``seg_compact``, ``gaps`` and ``hard``/``sentence`` are relative
    to the line's compact start; original offsets are absolute.
    """

    compact: str
    seg_compact: list[int] = field(default_factory=list)
    seg_orig: list[int] = field(default_factory=list)
    seg_orig_end: list[int] = field(default_factory=list)
    seg_linear: list[bool] = field(default_factory=list)
    gaps: list[int] = field(default_factory=list)
    hard: list[int] = field(default_factory=list)
    sentence: list[int] = field(default_factory=list)
    symbol: list[int] = field(default_factory=list)
    variants: list[tuple[int, int]] = field(default_factory=list)  # folded contact handles (V信 -> 微信)
    disguises: list[tuple[int, int]] = field(default_factory=list)  # folded look-alikes (俌子 -> 铺子)

    def orig_start(self, pos: int) -> int:
        k = bisect_right(self.seg_compact, pos) - 1
        if self.seg_linear[k]:
            return self.seg_orig[k] + pos - self.seg_compact[k]
        return self.seg_orig[k]

    def orig_end(self, last: int) -> int:
        """Exclusive original end of the character at compact position ``last``."""
        k = bisect_right(self.seg_compact, last) - 1
        if self.seg_linear[k]:
            return self.seg_orig[k] + last - self.seg_compact[k] + 1
        return self.seg_orig_end[k]


def _is_digit_grouping(text: str, start: int, end: int) -> bool:
    """A thousands comma (10,000) is part of the number, not a gap."""
    return (
        text[start:end] == "," and start > 0 and end < len(text) and text[start - 1].isdigit() and text[end].isdigit()
    )


@lru_cache(maxsize=4096)
def _gap_kinds(removed: str, kind: str) -> frozenset[Gap]:
    """What a removed run of separators tells: a gap, a clause or sentence break, a symbol.
    Runs repeat (，。！ and spaces), so the answer is cached."""
    kinds = {Gap.GAP}
    if kind == "crlf" or not SENTENCE_BREAKS.isdisjoint(removed):
        kinds |= {Gap.HARD, Gap.SENTENCE}
    elif not CLAUSE_BREAKS.isdisjoint(removed):
        kinds.add(Gap.HARD)
    if any(char in _SYMBOLS or unicodedata.category(char).startswith("S") for char in removed):
        kinds.add(Gap.SYMBOL)
    return frozenset(kinds)


def _build_line(folded: str, orig_start: int, after_newline: bool, special: bool = True) -> LineView:
    """The segment map of one line. ``special=False`` looks for separators only: it is the
    reference that the tests hold ``_build_plain_line`` (what the view uses for such lines) to."""
    pieces: list[str] = []
    view = LineView(compact="")
    compact_len = 0
    pending: set[Gap] = set(_AFTER_NEWLINE) if after_newline else set()

    def add(text: str, start: int, end: int, linear: bool) -> None:
        nonlocal compact_len
        if not text:
            return
        for kind in pending:
            getattr(view, kind.value).append(compact_len)
        pending.clear()
        view.seg_compact.append(compact_len)
        view.seg_orig.append(orig_start + start)
        view.seg_orig_end.append(orig_start + end)
        view.seg_linear.append(linear)
        pieces.append(text)
        compact_len += len(text)

    cursor = 0
    for match in (_special() if special else _separators()).finditer(folded):
        start, end = match.span()
        add(folded[cursor:start], cursor, start, True)
        kind = match.lastgroup
        if kind == "sep" and _is_digit_grouping(folded, start, end):
            pass
        elif kind in ("sep", "crlf"):
            pending |= _gap_kinds(match.group(), kind)
        elif kind == "contact":
            canonical = canonical_contact(match)
            if _WORD_CHARS.sub("", match.group()) != canonical:
                view.variants.append((compact_len, compact_len + len(canonical)))
            add(canonical, start, end, False)
        elif kind == "expand":
            add(tables()[1][match.group()], start, end, False)
        elif kind == "disguise":
            view.disguises.append((compact_len, compact_len + end - start))
            add(meant(match.group()), start, end, True)
        cursor = end
    add(folded[cursor:], cursor, len(folded), True)
    view.compact = "".join(pieces)
    return view


def _build_plain_line(folded: str, orig_start: int, after_newline: bool) -> LineView:
    """The view of a line known to hold nothing but separators to remove: the same view as
    ``_build_line(..., special=False)``, several times faster (one plain character class finds
    the separator runs, every segment is linear, and a run's kinds are cached)."""
    view = LineView(compact="")
    seg_compact, seg_orig, seg_orig_end = view.seg_compact, view.seg_orig, view.seg_orig_end
    gaps, hard, sentence, symbol = view.gaps, view.hard, view.sentence, view.symbol
    pieces: list[str] = []
    compact_len = 0
    pending: frozenset[Gap] = _AFTER_NEWLINE if after_newline else frozenset()
    cursor = 0
    size = len(folded)
    # The separator pattern tries its alternatives at every character; the plain pattern is a
    # character class, several times faster. A lone number mark becomes a space (same length)
    # so that it is removed too. Runs that touch (an add sign after a space) come out as one
    # match here and two there: their kinds are the union either way, and a thousands comma
    # between two digits always stands alone.
    probe = _LONE_NUMBER_MARKS.sub(" ", folded) if "." in folded or "~" in folded or "-" in folded else folded
    # Members read once: an enum member's lookup on its class costs more than the test itself.
    gap, hard_gap, sentence_gap, symbol_gap = Gap.GAP, Gap.HARD, Gap.SENTENCE, Gap.SYMBOL
    runs = [match.span() for match in _PLAIN_SEPARATORS.finditer(probe)]
    runs.append((size, size))  # the end of the line: the text after the last run is a segment too
    for start, end in runs:
        if start > cursor:
            if pending:
                if gap in pending:
                    gaps.append(compact_len)
                if hard_gap in pending:
                    hard.append(compact_len)
                if sentence_gap in pending:
                    sentence.append(compact_len)
                if symbol_gap in pending:
                    symbol.append(compact_len)
                pending = frozenset()
            seg_compact.append(compact_len)
            seg_orig.append(orig_start + cursor)
            seg_orig_end.append(orig_start + start)
            pieces.append(folded[cursor:start])
            compact_len += start - cursor
        if start == size:
            break
        removed = folded[start:end]
        if not (removed == "," and start > 0 and end < size and folded[start - 1].isdigit() and folded[end].isdigit()):
            pending = pending | _gap_kinds(removed, "sep") if pending else _gap_kinds(removed, "sep")
        cursor = end
    view.seg_linear = [True] * len(seg_compact)
    view.compact = "".join(pieces)
    return view


# The LineView list of each kind of gap (``Gap.value`` is a property, slow on a hot path).
_VIEW_LISTS = {kind: kind.value for kind in Gap}
# A line after the first starts with a break: the newline before it.
_AFTER_NEWLINE = frozenset({Gap.GAP, Gap.HARD, Gap.SENTENCE})


class NormalisedText:
    """The compact matching view of ``original`` and the way back from it."""

    def __init__(self, original: str) -> None:
        self.original = original
        folded = fold_chars(original)
        self._folded_any = folded != original
        self._folded_lines = folded.split("\n")
        # Disguises start with common characters (块, 拼), so they are found by one search of
        # their own rather than by trigger characters.
        if len(self._folded_lines) == 1:  # most posts: one line, special or not
            starts = [0]
            special = (
                any(_is_special(folded, m.start()) for m in _trigger().finditer(folded))
                or "x0d" in folded
                or _disguises().search(folded) is not None
            )
            special_lines = {0} if special else set()
        else:
            # Line i starts after the lines before it and their i line breaks.
            starts = list(map(add, accumulate(map(len, self._folded_lines[:-1]), initial=0), count()))
            special_lines = {
                bisect_right(starts, m.start()) - 1
                for m in _trigger().finditer(folded)
                if _is_special(folded, m.start())
            }
            debris = folded.find("x0d")
            while debris != -1:
                special_lines.add(bisect_right(starts, debris) - 1)
                debris = folded.find("x0d", debris + 3)
            special_lines.update(bisect_right(starts, m.start()) - 1 for m in _disguises().finditer(folded))
        self._line_ostart: list[int] = starts
        self._views: dict[int, LineView] = {}
        self._paragraphs: list[tuple[int, int]] | None = None
        if len(starts) == 1:
            compact_lines = [_strip_separators(folded)]
        else:
            compact_lines = _strip_separators(folded, _SEPARATORS_BUT_LINES).split("\n")
        for index in special_lines:
            view = self._views[index] = _build_line(self._folded_lines[index], starts[index], index > 0)
            compact_lines[index] = view.compact
        self._line_cstart: list[int] = (
            list(accumulate(map(len, compact_lines[:-1]), initial=0)) if len(compact_lines) > 1 else [0]
        )
        self.compact = "".join(compact_lines) if len(compact_lines) > 1 else compact_lines[0]

    # -- lines ------------------------------------------------------------
    def line_of(self, cpos: int) -> int:
        """Index of the line holding compact position ``cpos``."""
        return bisect_right(self._line_cstart, cpos) - 1

    def line_starts(self) -> list[int]:
        """The compact position where each line starts (do not modify)."""
        return self._line_cstart

    def lines(self) -> list[tuple[str, str]]:
        """Every line as ``(original text, compact text)``."""
        ends = [*self._line_cstart[1:], len(self.compact)]
        originals = self.original.split("\n")
        return [
            (original, self.compact[start:end])
            for original, start, end in zip(originals, self._line_cstart, ends, strict=True)
        ]

    def _view(self, index: int) -> LineView:
        view = self._views.get(index)
        if view is None:
            # Lines with special forms were built when the text was read; this one has none.
            view = _build_plain_line(self._folded_lines[index], self._line_ostart[index], index > 0)
            self._views[index] = view
        return view

    # -- offsets ----------------------------------------------------------
    def to_original(self, cstart: int, cend: int) -> tuple[int, int]:
        """Original ``[start, end)`` of the compact range ``[cstart, cend)`` (non-empty)."""
        first = self.line_of(cstart)
        last = self.line_of(cend - 1)
        start = self._view(first).orig_start(cstart - self._line_cstart[first])
        end = self._view(last).orig_end(cend - 1 - self._line_cstart[last])
        return start, end

    # -- gaps and sentences -------------------------------------------------
    def positions_within(self, cstart: int, cend: int, kind: Gap) -> list[int]:
        """Compact positions p in ``(cstart, cend)`` where a gap of ``kind`` falls."""
        found: list[int] = []
        first, last = self.line_of(cstart), self.line_of(max(cend - 1, cstart))
        for index in range(first, last + 1):
            base = self._line_cstart[index]
            positions: list[int] = getattr(self._view(index), _VIEW_LISTS[kind])
            lo = bisect_right(positions, cstart - base)
            hi = bisect_left(positions, cend - base)
            found.extend(base + p for p in positions[lo:hi])
        return found

    def gaps_within(self, cstart: int, cend: int) -> tuple[int, int]:
        """``(gaps, hard gaps)`` strictly inside ``[cstart, cend)``."""
        index = self.line_of(cstart)
        if index == self.line_of(max(cend - 1, cstart)):  # the usual case: one line
            view = self._view(index)
            lo, hi = cstart - self._line_cstart[index], cend - self._line_cstart[index]
            gaps, hard = view.gaps, view.hard
            return (
                bisect_left(gaps, hi) - bisect_right(gaps, lo),
                bisect_left(hard, hi) - bisect_right(hard, lo),
            )
        return len(self.positions_within(cstart, cend, Gap.GAP)), len(self.positions_within(cstart, cend, Gap.HARD))

    def gap_positions(self, cstart: int, cend: int) -> list[int]:
        """Compact positions in ``(cstart, cend)`` that a separator was removed before."""
        return self.positions_within(cstart, min(cend, len(self.compact)), Gap.GAP)

    def symbol_gaps_within(self, cstart: int, cend: int) -> list[int]:
        """Positions inside ``[cstart, cend)`` where a symbol or emoji was removed (月🔥入)."""
        return self.positions_within(cstart, cend, Gap.SYMBOL)

    def variant_spans(self) -> list[tuple[int, int]]:
        """Compact spans where a disguised contact handle (V信, 薇信, ➕V) was folded."""
        return self._view_spans("variants")

    def disguise_spans(self) -> list[tuple[int, int]]:
        """Compact spans where a look-alike spelling (俌子, 唰单, 斗音) was folded."""
        return self._view_spans("disguises")

    def _view_spans(self, attr: str) -> list[tuple[int, int]]:
        if not self._views:  # most texts: no line has a special form, so none was folded
            return []
        spans = []
        for index, view in sorted(self._views.items()):
            base = self._line_cstart[index]
            spans.extend((base + start, base + end) for start, end in getattr(view, attr))
        return spans

    def mixed_script_runs(self) -> list[tuple[int, int]]:
        """Compact spans of traditional characters scattered through a simplified line.

        A text written in traditional characters is not a dodge; a simplified one with 刷單,
        詳情 and 現結 dropped into it is (the filter sees neither script whole). A line is
        reported when it has at least two runs and three traditional characters, and at least
        as many simplified-only characters; each line is judged on its own, so a file of many
        posts is not judged as one.
        """
        if not self._folded_any:
            return []
        # The characters are found by position, not by splitting the text into lines: a file of
        # many posts holds a few traditional characters, in a few of its thousands of lines.
        by_line: dict[int, list[int]] = {}
        for position in traditional_positions(self.original, _MIXED_CHARS):
            by_line.setdefault(bisect_right(self._line_ostart, position) - 1, []).append(position)
        spans: list[tuple[int, int]] = []
        for index, positions in sorted(by_line.items()):
            if len(positions) < _MIXED_CHARS:
                continue
            start = self._line_ostart[index]
            line = self.original[start : start + len(self._folded_lines[index])]
            if len(line) - len(line.translate(simplified_only())) < len(positions):
                continue
            runs = [[positions[0], positions[0] + 1]]
            for position in positions[1:]:
                if position == runs[-1][1]:
                    runs[-1][1] += 1
                else:
                    runs.append([position, position + 1])
            if len(runs) >= _MIXED_RUNS:
                spans.extend(self.to_compact(lo, hi) for lo, hi in runs)
        return spans

    def symbol_splits(self) -> list[tuple[int, int]]:
        """Compact spans of two Chinese characters with a symbol between them (房#本, 专￥科).

        A symbol paired with another one around a phrase of two or more Chinese characters
        (*新品上市*) marks emphasis, not a split word.
        """
        spans: list[tuple[int, int]] = []
        text = self.original
        if not _ANY_SPLIT_MARK.search(text):
            return spans
        symbol_split, chain_split = _split_patterns()
        for match in symbol_split.finditer(text):
            symbol = re.escape(match.group(1))
            position = match.start(1)
            before = text[max(0, position - _EMPHASIS_REACH) : position]
            after = text[position + 1 : position + 1 + _EMPHASIS_REACH]
            paired = re.search(rf"{symbol}[\u4e00-\u9fff]{{2,}}$", before) or re.match(
                rf"[\u4e00-\u9fff]{{2,}}{symbol}", after
            )
            if not paired:
                spans.append(self.to_compact(position - 1, position + 2))
        spans.extend(self.to_compact(m.start() - 1, m.end()) for m in chain_split.finditer(text))
        # One stray * is how corpora mask a number (卖*一斤); a poster who splits words splits several.
        return sorted(set(spans)) if len(spans) >= 2 or "*" not in text else []

    def to_compact(self, ostart: int, oend: int) -> tuple[int, int]:
        """Compact ``[start, end)`` covering the original ``[ostart, oend)`` (non-empty)."""
        return self._compact_at(ostart, False), self._compact_at(oend - 1, True)

    def _compact_at(self, opos: int, after: bool) -> int:
        index = bisect_right(self._line_ostart, opos) - 1
        view = self._view(index)
        base = self._line_cstart[index]
        k = bisect_right(view.seg_orig, opos) - 1
        if k < 0:
            return base
        seg_start, seg_end, cstart = view.seg_orig[k], view.seg_orig_end[k], view.seg_compact[k]
        if opos >= seg_end:  # inside removed separators: the next compact character
            return base + (view.seg_compact[k + 1] if k + 1 < len(view.seg_compact) else len(view.compact))
        if not view.seg_linear[k]:
            seg_len = (view.seg_compact[k + 1] if k + 1 < len(view.seg_compact) else len(view.compact)) - cstart
            return base + cstart + (seg_len if after else 0)
        return base + cstart + opos - seg_start + (1 if after else 0)

    def crosses_sentence(self, cstart: int, cend: int) -> bool:
        return bool(self.positions_within(cstart, cend, Gap.SENTENCE))

    def _breaks(self, index: int) -> tuple[list[int], list[int]]:
        """``(hard, sentence)`` break positions of a line, relative to its compact start: its
        segment map's. A line asked for its clauses almost always goes on to hold a finding, whose
        span needs the map too; working the breaks out apart from it (one compacting pass with
        the breaks marked) cost 5% more instructions on the corpus rows that have findings."""
        view = self._view(index)
        return view.hard, view.sentence

    def _line_length(self, index: int) -> int:
        end = self._line_cstart[index + 1] if index + 1 < len(self._line_cstart) else len(self.compact)
        return end - self._line_cstart[index]

    def sentence_bounds(self, cpos: int) -> tuple[int, int]:
        """Compact ``[start, end)`` of the sentence holding position ``cpos``."""
        return self._bounds(cpos, 1)

    def clause_bounds(self, cpos: int) -> tuple[int, int]:
        """Compact ``[start, end)`` of the clause holding ``cpos``: between hard gaps (，、。！ line breaks)."""
        return self._bounds(cpos, 0)

    def _bounds(self, cpos: int, which: int) -> tuple[int, int]:
        index = self.line_of(cpos)
        base = self._line_cstart[index]
        breaks = self._breaks(index)[which]
        k = bisect_right(breaks, cpos - base)
        start = breaks[k - 1] if k > 0 else 0
        end = breaks[k] if k < len(breaks) else self._line_length(index)
        return base + start, base + end

    def clause_end(self, cpos: int) -> int:
        """Where the clause holding ``cpos`` ends (a match starting there must stop by then)."""
        return self.clause_bounds(cpos)[1]

    def paragraph_bounds(self, cpos: int) -> tuple[int, int]:
        """Compact ``[start, end)`` of the paragraph holding ``cpos``: lines up to a blank line."""
        if self._paragraphs is None:
            paragraphs: list[tuple[int, int]] = []
            first = 0
            lines = self._folded_lines
            for index in range(len(lines) + 1):
                if index == len(lines) or not lines[index].strip():
                    end = self._line_cstart[index] if index < len(lines) else len(self.compact)
                    bounds = (self._line_cstart[first] if first < len(lines) else end, end)
                    paragraphs.extend([bounds] * (index - first + (index < len(lines))))
                    first = index + 1
            self._paragraphs = paragraphs
        return self._paragraphs[self.line_of(cpos)]

    def line_bounds(self, cpos: int) -> tuple[int, int]:
        index = self.line_of(cpos)
        return self._line_cstart[index], self._line_cstart[index] + len(self._view(index).compact)


def compact_form(text: str) -> str:
    """The compact view of a short string (a rule term, an exception)."""
    return NormalisedText(text).compact


@lru_cache(maxsize=1)
def _neighbours() -> tuple[str, ...]:
    """Characters to try beside a literal when asking whether the view can keep it: those the
    special forms look at (参 before 加V keeps 加V as written, 白 after 茭 keeps 茭), a digit (a
    decimal point survives between two), a letter and a common Chinese character."""
    return ("", *sorted(set(CONTACT_PATTERN + disguise_pattern() + "1a的") - {"\n"}))


def folded_away(literal: str) -> str | None:
    """How the view spells ``literal`` when the literal itself can never occur in a view, else None.

    A rule compares its literals with the view, so one the normaliser always folds into
    something else (薇信 is read 微信, V is read v, 單 is read 单, a space is removed) can never
    match. A fold that depends on the neighbours is no proof: the literal counts as kept when
    some neighbour, on either side or both, leaves it in the view.
    """
    view = compact_form(literal)
    if view == literal:
        return None
    for neighbour in _neighbours():
        for before, after in ((neighbour, ""), ("", neighbour), (neighbour, neighbour)):
            if literal in compact_form(before + literal + after):
                return None
    return view
