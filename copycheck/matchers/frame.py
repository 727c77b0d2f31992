"""``frame`` rules: word classes (and amounts) that occur together in one clause or sentence.

A frame names the parts of an idea rather than its wordings: "pay per recruit" is a
recruiting act, a downline word and a reward, in that order, each within a few characters
of the last::

    frame:
      parts: [recruit-act, downline, reward]   # lexicon classes; a list is "any of these"
      order: given          # or "any"
      within: clause        # or "sentence", "paragraph"
      gap: 8                # at most this many characters between one part and the next

so 拉一个人进来返1000, 带姐妹进群有提成 and 发展下线拿佣金 are one rule. Besides lexicon
classes, a part may be ``amount`` (a sum of money: 1000, 五万, x万, 上百) or ``percent``
(15%, 百分之二十). The finding spans from the first part to the last, and each part is a
related location named by its class.

Matching is linear in the text: the engine's one Aho-Corasick pass finds every class member,
and each occurrence of a frame's first part looks only ``gap`` characters ahead for the next.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import permutations
from typing import Any, NamedTuple

from copycheck.matchers import Hit, HitPart, Kind, Literal, SpecContext, own_literals
from copycheck.ruleset.lexicon import WordClass
from copycheck.ruleset.model import Rule
from copycheck.view.normalise import NormalisedText
from copycheck.view.numbers import parse_amount

BUILTINS = ("amount", "money", "percent", "quantity")
_THRESHOLD = re.compile(r"(amount|money)>=(\d+(?:\.\d+)?)")
ORDERS = ("given", "any")
WINDOWS = ("clause", "sentence", "paragraph")
DEFAULT_GAP = 8
MAX_GAP = 40
MAX_ANY_ORDER = 4  # permutations are tried for "any" order: 4! = 24

# Where an amount of money may start: a digit, a masked digit, a run of Chinese numerals that
# holds a unit (一百, 两万五; not the 一 of 一起), or a bare unit after a modifier (上百, 过万).
_AMOUNT_START = re.compile(
    r"(?<![\d.a-z])(?:\d|x(?![a-z])|digit)|"
    r"[零〇一二两三四五六七八九壹贰叁肆伍陆柒捌玖]*[十百千万亿拾佰仟]|"
    r"(?:过|上|破|超|近|几|数|好几)(?=[十百千万亿wk])"
)
_CN_NUMERALS = frozenset("零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟")
_FRACTION = "分之"  # 百分之八十, 千分之五: a share
_MONEY_MARK = re.compile(r"[\dx十百千万亿拾佰仟wk]|digit|位数")
# What makes a number money for sure (not a date or a count): a unit of a hundred or more, three
# digits or more, or a currency or "or more" after it.
_BIG_UNIT = re.compile(r"[百千万亿佰仟wk]|位数|\d{3}|xxx|digitdigit")
_CURRENCY = re.compile(r"(?:多|余)?(?:元|块钱|块|圆|rmb|人民币)?(?:\+|多|以上|左右|起)?")
# A quantity of goods: 6瓶, 20盒, xxx套, 两箱.
_QUANTITY = re.compile(
    r"(?<![\d.a-z])(?:\d+|x+|digit|[一二两三四五六七八九十百千几]+)(?:个)?(?:箱|盒|套|瓶|件|支|提|份|袋|罐|单|桶|包|斤)(?:货)?(?:起)?"
)
_PERCENT = re.compile(
    r"(?:\d+(?:\.\d+)?|x+|digit)(?:-(?:\d+(?:\.\d+)?|x+))?%|百分之[零一二两三四五六七八九十百x\d]+|"
    r"[千万]分之[零一二两三四五六七八九十百千x\d]+"
)


# What every occurrence of a built-in holds (see find_amounts, _PERCENT, _QUANTITY): a text
# without any cannot hold the built-in.
_NUMBER_GATE = re.compile(r"[\dxwk十百千万亿拾佰仟]|digit")
_BUILTIN_GATES = {
    "amount": _NUMBER_GATE,
    "money": _NUMBER_GATE,
    "percent": re.compile(r"%|分之"),
    "quantity": re.compile(r"[箱盒套瓶件支提份袋罐单桶包斤]"),
}


@dataclass(frozen=True)
class FramePart:
    """One part of a frame: any of ``classes`` or of the built-ins (``amount``, ``percent``).

    ``minimum`` applies to ``amount`` and ``money`` (``amount>=100``): a masked amount counts
    when it may reach it.
    """

    classes: tuple[WordClass, ...] = ()
    builtins: tuple[str, ...] = ()
    minimum: float = 0.0

    @property
    def label(self) -> str:
        return "|".join((*(c.name for c in self.classes), *self.builtins))


@dataclass(frozen=True)
class FrameSpec:
    parts: tuple[FramePart, ...]
    order: str = "given"
    within: str = "clause"
    gap: int = DEFAULT_GAP


class _Occurrence(NamedTuple):
    start: int
    end: int
    label: str
    ceiling: float = 0.0  # amounts: the most the amount may be


# Building a NamedTuple through its class runs a Python-level __new__; a text of a megabyte holds
# tens of thousands of class members, so they are built with tuple.__new__ directly.
_new = tuple.__new__


def _spec(rule: Rule) -> FrameSpec:
    assert isinstance(rule.spec, FrameSpec)
    return rule.spec


def find_amounts(
    compact: str,
    lo: int,
    hi: int,
    clause_end: Any,
    strict: bool = False,
    memo: dict[int, Any] | None = None,
) -> list[_Occurrence]:
    """Sums of money in ``compact[lo:hi]``: 返1000, 五万, x万元, 上百, DIGIT 元. ``strict``: only
    those that cannot be a date or a count (a unit of a hundred or more, or a currency after).
    ``memo`` keeps the amounts read in one text: the windows of neighbouring anchors overlap."""
    found: list[_Occurrence] = []
    position = lo
    while True:
        match = _AMOUNT_START.search(compact, position, hi)
        if match is None:
            return found
        start = match.start()
        if start > lo and compact[start - 1] in _CN_NUMERALS:
            position = match.end()  # inside a longer numeral run that did not read as money
            continue
        if start >= len(_FRACTION) and compact.startswith(_FRACTION, start - len(_FRACTION)):
            position = match.end()  # the 八十 of 百分之八十 is a share, not a sum
            continue
        # An amount (and the currency after it) is read to its end within its clause, wherever
        # the window ends.
        read = memo.get(start) if memo is not None else None
        if read is None:
            limit = clause_end(start)
            read = (parse_amount(compact, start, limit), limit)
            if memo is not None:
                memo[start] = read
        amount, limit = read
        if amount is None:
            position = start + 1
            continue
        end = start + amount.length
        if compact.startswith("%", end) or compact.startswith(_FRACTION, end):
            position = end  # 12% and 百分之八十 are shares (the percent built-in), not sums
            continue
        currency = _CURRENCY.match(compact, end, limit)
        tail = currency.end() if currency else end
        money = tail > end or bool(_BIG_UNIT.search(compact, start, end))
        if money or (not strict and _MONEY_MARK.search(compact, start, end)):
            found.append(_Occurrence(start, tail, "money" if strict else "amount", amount.ceiling))
        position = max(end, start + 1)


def find_percents(compact: str, lo: int, hi: int) -> list[_Occurrence]:
    return [_Occurrence(m.start(), m.end(), "percent") for m in _PERCENT.finditer(compact, lo, hi)]


def find_quantities(compact: str, lo: int, hi: int) -> list[_Occurrence]:
    return [_Occurrence(m.start(), m.end(), "quantity") for m in _QUANTITY.finditer(compact, lo, hi)]


class FrameMatcher:
    def __init__(self, rules: Sequence[Rule]) -> None:
        self._rules = list(rules)
        names = sorted({c.name for rule in self._rules for part in _spec(rule).parts for c in part.classes})
        # A bit per class, and past them one per built-in: set when the text holds what it starts
        # with (no class takes a built-in's name: the loader reads those names as built-ins).
        self._bit = {name: 1 << number for number, name in enumerate((*names, *BUILTINS))}
        # Per rule, per part: a mask of the classes and built-ins that satisfy it.
        self._masks = [
            [self._mask((*(c.name for c in part.classes), *part.builtins)) for part in _spec(rule).parts]
            for rule in self._rules
        ]
        # Per rule: every class any of its parts names (the occurrences worth building for it).
        self._uses = [self._mask(c.name for part in _spec(rule).parts for c in part.classes) for rule in self._rules]
        # Each rule is looked at only when a class of its key part occurs: the part with the
        # fewest one-character members (those occur in almost every text).
        self._keyed: dict[str, list[int]] = {}
        for number, rule in enumerate(self._rules):
            candidates = [part for part in _spec(rule).parts if part.classes and not part.builtins]
            key = min(candidates, key=lambda p: sum(len(m) == 1 for c in p.classes for m in c.members))
            for word_class in key.classes:
                self._keyed.setdefault(word_class.name, []).append(number)
        # Members and look-alikes in one automaton: a look-alike entry blocks the classes it names.
        entries: dict[str, tuple[set[str], set[str]]] = {}
        for rule in self._rules:
            for part in _spec(rule).parts:
                for word_class in part.classes:
                    for member in word_class.members:
                        entries.setdefault(member, (set(), set()))[0].add(word_class.name)
                    for word in word_class.unless:
                        entries.setdefault(word, (set(), set()))[1].add(word_class.name)
        # Thousands of words share a few dozen combinations of classes: one entry each.
        shared: dict[tuple[frozenset[str], frozenset[str]], _Entry] = {}
        self._entries: dict[str, _Entry] = {}
        for word, (members, blocks) in entries.items():
            combination = (frozenset(members), frozenset(blocks))
            entry = shared.get(combination)
            if entry is None:
                entry = shared[combination] = _Entry(
                    tuple(sorted(members)),
                    tuple(sorted(blocks)),
                    self._mask(members),
                    sum(1 << number for number in {n for name in members for n in self._keyed.get(name, ())}),
                    self._mask(members | blocks),
                )
            self._entries[word] = entry
        self._longest = max(map(len, self._entries), default=1)
        self._every_builtin = self._mask(BUILTINS)
        # Each gate searched once, with the bits of every built-in it settles (amount and money
        # share one).
        gates: dict[re.Pattern[str], int] = {}
        for name, gate in _BUILTIN_GATES.items():
            gates[gate] = gates.get(gate, 0) | self._bit[name]
        self._gates = tuple(gates.items())
        # The rules with a built-in part, and those whose window lies inside a line (a clause
        # or sentence), as masks.
        self._with_builtins = sum(
            1 << n for n, rule in enumerate(self._rules) if any(part.builtins for part in _spec(rule).parts)
        )
        self._in_line = sum(1 << n for n, rule in enumerate(self._rules) if _spec(rule).within != "paragraph")

    def _builtins_in(self, compact: str) -> int:
        """The built-ins (as bits) that may occur in ``compact``."""
        present = 0
        for gate, bits in self._gates:
            if gate.search(compact):
                present |= bits
        return present

    def _mask(self, names: Iterable[str]) -> int:
        mask = 0
        for name in names:
            mask |= self._bit[name]
        return mask

    def literals(self) -> dict[str, _Entry]:
        return self._entries

    def _occurrences(self, groups: Sequence[tuple[Sequence[Literal], int]]) -> dict[str, list[_Occurrence]]:
        """The member occurrences, by class, of the classes each group of literals needs (a bit
        mask), without those overlapping a look-alike of that class (wherever it lies)."""
        found: dict[str, list[_Occurrence]] = {}
        blocked: dict[str, list[tuple[int, int]]] = {}
        bit = self._bit
        every = 0
        for _literals, needed in groups:
            every |= needed
        for literals, needed in groups:
            for last, length, entry in literals:
                if not entry.reach & needed:
                    if entry.blocks and entry.reach & every:
                        for name in entry.blocks:
                            blocked.setdefault(name, []).append((last + 1 - length, last + 1))
                    continue
                start, end = last + 1 - length, last + 1
                for name in entry.blocks:
                    blocked.setdefault(name, []).append((start, end))
                for name in entry.member_of:
                    if not bit[name] & needed:
                        continue
                    occurrences = found.get(name)
                    if occurrences is None:
                        occurrences = found[name] = []
                    occurrences.append(_new(_Occurrence, (start, end, name, 0.0)))
        for name, spans in blocked.items():
            occurrences = found.get(name)
            if occurrences:
                kept = _unblocked(occurrences, sorted(spans))
                if kept:
                    found[name] = kept
                else:
                    del found[name]
        return found

    def _on_matching_lines(
        self, norm: NormalisedText, literals: Sequence[Literal], rules: int, builtins: int
    ) -> tuple[int, list[tuple[int, int, int]]]:
        """The lines of a text of many lines (a file of posts) where some of ``rules`` (a mask of
        clause and sentence rules) may match: their compact spans with the mask of those rules,
        and the mask of all the rules found.

        Such a frame's parts lie in one clause or sentence of its first part, inside one line,
        so it can match only in a line where its key part and every word part occur: like a
        text of many short posts checked one post at a time, most lines are settled by the
        masks of their words alone.
        """
        starts = norm.line_starts()
        count = len(starts)
        spans: list[tuple[int, int, int]] = []
        chosen = 0
        masks = self._masks
        line, line_end = -1, -1
        present = keyed = 0
        for last, _length, entry in literals:  # by end, so line by line
            if last >= line_end:
                if keyed & rules:
                    found = _all_parts(keyed & rules, present | builtins, masks)
                    if found:
                        chosen |= found
                        spans.append((starts[line], line_end, found))
                line = bisect_right(starts, last) - 1
                line_end = starts[line + 1] if line + 1 < count else len(norm.compact)
                present = keyed = 0
            present |= entry.mask
            keyed |= entry.keyed_mask
        if keyed & rules:
            found = _all_parts(keyed & rules, present | builtins, masks)
            if found:
                chosen |= found
                spans.append((starts[line], line_end, found))
        return chosen, spans

    def find(
        self, norm: NormalisedText, earlier: Sequence[Hit] = (), literals: Sequence[Literal] | None = None
    ) -> Iterable[Hit]:
        if literals is None:
            literals = own_literals(self, norm.compact)
        # Most texts hold a few common members (天, 得, 朋友) and no rule's every part: that is
        # settled from the words' masks before any occurrence is built (or a generator).
        present = keyed = 0
        for _last, _length, entry in literals:
            present |= entry.mask
            keyed |= entry.keyed_mask
        if not keyed:  # no key word: no rule can match (most texts)
            return ()
        found = _all_parts(keyed, present | self._every_builtin, self._masks)
        if not found:
            return ()
        return self._found(norm, literals, present, found)

    def _found(self, norm: NormalisedText, literals: Sequence[Literal], present: int, found: int) -> Iterator[Hit]:
        # A built-in part (天…赚…amount) is settled by one search for what it starts with.
        builtins = self._every_builtin
        if found & self._with_builtins:
            builtins = self._builtins_in(norm.compact)
            found = _all_parts(found, present | builtins, self._masks)
            if not found:
                return
        if len(norm.line_starts()) == 1:
            yield from self._match(norm, [(literals, self._needed(found))], found, builtins)
            return
        # A text of many lines: clause and sentence frames are matched only on the lines where
        # they may match (with the literals that overlap those lines: a look-alike crossing into
        # one still blocks); a paragraph may be the whole text.
        chosen, spans = self._on_matching_lines(norm, literals, found & self._in_line, builtins)
        if chosen:
            needed: dict[int, int] = {}  # by mask of rules: most lines need the same few
            groups = []
            for group, rules in _overlapping(literals, spans, self._longest):
                if rules not in needed:
                    needed[rules] = self._needed(rules)
                groups.append((group, needed[rules]))
            yield from self._match(norm, groups, chosen, builtins)
        paragraph = found & ~self._in_line
        if paragraph:
            yield from self._match(norm, [(literals, self._needed(paragraph))], paragraph, builtins)

    def _needed(self, rules: int) -> int:
        """The classes the ``rules`` (a mask of rule numbers) use."""
        needed = 0
        for number in _numbers(rules):
            needed |= self._uses[number]
        return needed

    def _match(
        self, norm: NormalisedText, groups: Sequence[tuple[Sequence[Literal], int]], rules: int, builtins: int
    ) -> Iterator[Hit]:
        """The hits of ``rules`` (a mask of rule numbers) among ``groups`` of literals, each with
        the classes it needs, where the ``builtins`` may occur."""
        by_class = self._occurrences(groups)
        present = builtins
        for name in by_class:
            present |= self._bit[name]
        merged: dict[int, list[_Occurrence]] = {}  # by id() of the part: parts hash deeply
        memo: dict[int, Any] = {}  # amounts read in this text, by start
        for number in _numbers(_all_parts(rules, present, self._masks)):
            rule = self._rules[number]
            spec = _spec(rule)
            lists: list[_Candidates] = []
            for part in spec.parts:
                occurrences = merged.get(id(part))
                if occurrences is None:
                    occurrences = merged[id(part)] = sorted(o for c in part.classes for o in by_class.get(c.name, ()))
                if not occurrences and not part.builtins:
                    break
                lists.append(_Candidates(occurrences, part, norm, memo))
            else:
                yield from _matches(rule, spec, lists, norm)


def _all_parts(rules: int, present: int, masks: list[list[int]]) -> int:
    """The ``rules`` (a mask of rule numbers) every part of which may occur given ``present``."""
    found = 0
    while rules:
        low = rules & -rules
        rules ^= low
        for mask in masks[low.bit_length() - 1]:
            if not mask & present:
                break
        else:
            found |= low
    return found


def _numbers(rules: int) -> list[int]:
    """The rule numbers in a mask, in order."""
    numbers = []
    while rules:
        low = rules & -rules
        rules ^= low
        numbers.append(low.bit_length() - 1)
    return numbers


def _overlapping(
    literals: Sequence[Literal], spans: list[tuple[int, int, int]], longest: int
) -> list[tuple[list[Literal], int]]:
    """The literals (sorted by end) that overlap each of ``spans`` (sorted ``(start, end, rules)``),
    with the rules of the span; spans closer than a word's length are one, so that a literal is
    taken once."""
    lasts = [last for last, _length, _entry in literals]
    merged: list[tuple[int, int, int]] = []
    for lo, hi, rules in spans:
        if merged and lo < merged[-1][1] + longest:
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi), merged[-1][2] | rules)
        else:
            merged.append((lo, hi, rules))
    groups: list[tuple[list[Literal], int]] = []
    for lo, hi, rules in merged:
        first, past = bisect_left(lasts, lo), bisect_left(lasts, hi)
        group = list(literals[first:past])
        # Those ending after the span that begin inside it (a word across its end).
        for k in range(past, bisect_left(lasts, hi + longest - 1)):
            last, length, _entry = literals[k]
            if last - length + 1 < hi:
                group.append(literals[k])
        groups.append((group, rules))
    return groups


class _Entry(NamedTuple):
    """What the shared scan reports for one word: the classes it is a member of, the classes
    it is a look-alike of, their bit mask, and the rules keyed by those classes."""

    member_of: tuple[str, ...]
    blocks: tuple[str, ...]
    mask: int
    keyed_mask: int  # the rules keyed by those classes, as bits of their numbers
    reach: int  # the classes it is a member or a look-alike of


def _unblocked(occurrences: list[_Occurrence], spans: list[tuple[int, int]]) -> list[_Occurrence]:
    """The occurrences that overlap none of ``spans`` (sorted): each looks only at the spans that
    start before it ends and after the longest span could begin, so this stays linear."""
    starts = [start for start, _ in spans]
    longest = max(end - start for start, end in spans)
    kept = []
    for o in occurrences:
        lo = bisect_left(starts, o.start - longest)
        hi = bisect_left(starts, o.end)
        if not any(spans[k][1] > o.start for k in range(lo, hi)):
            kept.append(o)
    return kept


# The longest amount or percentage a frame looks for next to its other parts (and the longest
# member or number a window around a rarer part allows for between it and the anchor).
_NUMBER_REACH = 24


class _Candidates:
    """The occurrences of one part: its classes' words, found by the shared scan, and its
    built-ins (amounts, percentages), looked for only where the chain needs them: right after
    the part before it. A text full of 天 and 拿 is not scanned for amounts everywhere."""

    def __init__(
        self, words: list[_Occurrence], part: FramePart, norm: NormalisedText, memo: dict[int, Any]
    ) -> None:
        self.memo = memo
        self.words = words
        self.starts = [o.start for o in words]
        self.part = part
        self.norm = norm
        self._scanned: dict[tuple[int, int], list[_Occurrence]] = {}

    def between(self, lo: int, hi: int) -> list[_Occurrence]:
        """Occurrences that start in ``[lo, hi]``, sorted."""
        found = self.words[bisect_left(self.starts, lo) : bisect_right(self.starts, hi)]
        if not self.part.builtins:
            return found
        key = (lo, hi)
        numbers = self._scanned.get(key)
        if numbers is None:
            numbers = self._scanned[key] = [
                o
                for name in self.part.builtins
                for o in _builtin(name, self.norm, lo, hi + 1 + _NUMBER_REACH, self.memo)
                if o.start <= hi and o.ceiling >= self.part.minimum
            ]
        return sorted((*found, *numbers)) if found else numbers

    def near(self, windows: list[tuple[int, int]]) -> list[_Occurrence]:
        """The occurrences that start inside ``windows`` (sorted, disjoint)."""
        found: list[_Occurrence] = []
        for lo, hi in windows:
            found.extend(self.between(lo, hi))
        return found


def _windows(near: list[_Occurrence], reach: int) -> list[tuple[int, int]]:
    """Merged windows reaching ``reach`` either side of each of ``near`` (sorted)."""
    windows: list[tuple[int, int]] = []
    for o in near:
        lo, hi = max(0, o.start - reach), o.end + reach
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(windows[-1][1], hi))
        else:
            windows.append((lo, hi))
    return windows


def _builtin(name: str, norm: NormalisedText, lo: int, hi: int, memo: dict[int, Any]) -> list[_Occurrence]:
    compact = norm.compact
    hi = min(hi, len(compact))
    if name in ("amount", "money"):
        return find_amounts(compact, lo, hi, norm.clause_end, strict=name == "money", memo=memo)
    if name == "quantity":
        return find_quantities(compact, lo, hi)
    return find_percents(compact, lo, hi)


def _matches(rule: Rule, spec: FrameSpec, lists: list[_Candidates], norm: NormalisedText) -> Iterator[Hit]:
    window = {"clause": norm.clause_bounds, "sentence": norm.sentence_bounds, "paragraph": norm.paragraph_bounds}[
        spec.within
    ]
    if spec.order == "given":
        orders = [tuple(range(len(lists)))]
        anchors = None
        if not lists[0].part.builtins:
            first = lists[0].words
            # A common first part (天, 最) is tried only near a rarer word-only part after it.
            rarest = min((c for c in lists[1:] if not c.part.builtins), key=lambda c: len(c.words), default=None)
            if rarest is not None and len(rarest.words) * 4 < len(first):
                first = lists[0].near(_windows(rarest.words, (spec.gap + _NUMBER_REACH) * len(lists)))
            anchors = [(o, 0) for o in first]
        if anchors is None:  # the first part is a number: look for it only near the second part
            near = lists[1].words if len(lists) > 1 else []
            anchors = [(o, 0) for o in lists[0].near(_windows(near, spec.gap + _NUMBER_REACH))]
    else:
        orders = list(permutations(range(len(lists))))
        # Every chain holds an occurrence of each part, so of the rarest part made of words only:
        # anchors and numbers are looked for only within reach of those.
        worded = [c for c in lists if not c.part.builtins] or lists
        rarest = min(worded, key=lambda c: len(c.words))
        windows = _windows(rarest.words, spec.gap * len(lists) + _NUMBER_REACH)
        anchors = sorted((o, index) for index, candidates in enumerate(lists) for o in candidates.near(windows))
    taken_until = -1
    unbounded = (0, 1 << 62)
    for anchor, index in anchors:
        if anchor.start < taken_until:
            continue
        bounds: tuple[int, int] | None = None
        for order in orders:
            if order[0] != index:
                continue
            # The window is worked out only for a chain found without it (chains are rare), and
            # the search is repeated inside it when the chain runs past its end.
            chain = _chain(lists, order, anchor, unbounded, spec.gap)
            if chain is not None:
                bounds = bounds or window(anchor.start)
                if max(o.end for o in chain) > bounds[1]:
                    chain = _chain(lists, order, anchor, bounds, spec.gap)
            if chain is not None:
                parts = tuple(HitPart(o.label, o.start, o.end) for o in sorted(chain))
                taken_until = max(o.end for o in chain)
                yield Hit(rule, anchor.start, taken_until, None, parts)
                break


def _chain(
    lists: list[_Candidates],
    order: tuple[int, ...],
    anchor: _Occurrence,
    bounds: tuple[int, int],
    gap: int,
) -> list[_Occurrence] | None:
    """The parts after ``anchor`` in ``order``, each the earliest-ending one within ``gap``."""
    chain = [anchor]
    end = anchor.end
    for index in order[1:]:
        best: _Occurrence | None = None
        for candidate in lists[index].between(end, end + gap):
            if candidate.end <= bounds[1] and (best is None or candidate.end < best.end):
                best = candidate
        if best is None:
            return None
        chain.append(best)
        end = best.end
    return chain if chain[0].start >= bounds[0] else None


class FrameKind(Kind):
    key = "frame"

    def parse(self, spec: Any, context: SpecContext) -> FrameSpec:
        allowed = {"parts", "order", "within", "gap"}
        if not isinstance(spec, dict) or "parts" not in spec or set(spec) - allowed:
            raise context.fail("expected keys parts and optionally order, within and gap")
        raw_parts = spec["parts"]
        if not isinstance(raw_parts, list) or not raw_parts:
            raise context.fail("parts must list word classes (or amount, money, percent, quantity)")
        parts = []
        for raw in raw_parts:
            names = raw if isinstance(raw, list) else [raw]
            if not names or not all(isinstance(n, str) for n in names):
                raise context.fail(f"bad part {raw!r}: a class name or a list of class names")
            minimum = 0.0
            plain = []
            for name in names:
                threshold = _THRESHOLD.fullmatch(name)
                if threshold:
                    minimum = float(threshold.group(2))
                    name = threshold.group(1)
                plain.append(name)
            names = plain
            builtins = tuple(n for n in names if n in BUILTINS)
            classes = []
            for name in names:
                if name in BUILTINS:
                    continue
                word_class = context.lexicon.get(name)
                if word_class is None:
                    known = ", ".join(context.lexicon.names()) or "none"
                    raise context.fail(f"unknown word class {name!r} (known: {known})")
                classes.append(word_class)
            parts.append(FramePart(tuple(classes), builtins, minimum))
        order = spec.get("order", "given")
        if order not in ORDERS:
            raise context.fail(f"order {order!r} is not one of {', '.join(ORDERS)}")
        if order == "any" and len(parts) > MAX_ANY_ORDER:
            raise context.fail(f"order any allows at most {MAX_ANY_ORDER} parts")
        within = spec.get("within", "clause")
        if within not in WINDOWS:
            raise context.fail(f"within {within!r} is not one of {', '.join(WINDOWS)}")
        gap = spec.get("gap", DEFAULT_GAP)
        if not isinstance(gap, int) or not 0 <= gap <= MAX_GAP:
            raise context.fail(f"gap must be a whole number from 0 to {MAX_GAP}")
        return FrameSpec(tuple(parts), order, within, gap)

    def build(self, rules: Sequence[Rule]) -> FrameMatcher:
        return FrameMatcher(rules)

    def describe(self, rule: Rule, lang: str) -> list[str]:
        spec = _spec(rule)
        en = lang == "en"
        if en:
            order = {"given": "in this order", "any": "in any order"}[spec.order]
            within = {"clause": "one clause", "sentence": "one sentence", "paragraph": "one paragraph"}[spec.within]
            head = f"word classes together ({order}, in {within}, at most {spec.gap} characters apart):"
        else:
            order = {"given": "按顺序", "any": "顺序不限"}[spec.order]
            within = {"clause": "同一分句", "sentence": "同一句", "paragraph": "同一段"}[spec.within]
            head = f"以下词类同时出现（{order}，{within}内，相邻两部分相隔不超过 {spec.gap} 个字）："
        builtin = (
            {
                "amount": "a number read as money (1000, 五万, x万, 上百)",
                "money": "a sum that is money for sure (300元, 五万, 上百, DIGIT 起)",
                "percent": "a percentage (15%, 百分之二十)",
                "quantity": "a quantity of goods (6瓶, 20盒, 两箱)",
            }
            if en
            else {
                "amount": "金额（1000、五万、x万、上百）",
                "money": "明确的钱数（300元、五万、上百）",
                "percent": "百分比（15%、百分之二十）",
                "quantity": "货品数量（6瓶、20盒、两箱）",
            }
        )
        lines = [head]
        for number, part in enumerate(spec.parts, start=1):
            choices = [
                f"{c.name} ({c.title.get(lang)}): " + "、".join(c.members[:12]) + ("…" if len(c.members) > 12 else "")
                for c in part.classes
            ] + [builtin[name] + (f" ≥ {part.minimum:,.0f}" if part.minimum else "") for name in part.builtins]
            for alternative, choice in enumerate(choices):
                lead = f"  {number}. " if alternative == 0 else "     " + ("or " if en else "或 ")
                lines.append(lead + choice)
        return lines

    def word_classes(self, rule: Rule) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.name for part in _spec(rule).parts for c in part.classes))


KINDS = (FrameKind(),)
