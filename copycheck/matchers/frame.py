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

Matching is linear in the text: one Aho-Corasick pass finds every class member, and each
occurrence of a frame's first part looks only ``gap`` characters ahead for the next.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import permutations
from typing import Any

import ahocorasick

from copycheck.lexicon import WordClass
from copycheck.matchers import Hit, HitPart, Kind, SpecContext
from copycheck.model import Rule
from copycheck.normalise import NormalisedText
from copycheck.numbers import parse_amount

BUILTINS = ("amount", "money", "percent", "quantity")
_THRESHOLD = re.compile(r"(amount|money)>=(\d+(?:\.\d+)?)")
ORDERS = ("given", "any")
WINDOWS = ("clause", "sentence", "paragraph")
DEFAULT_GAP = 8
MAX_GAP = 40
MAX_ANY_ORDER = 4  # permutations are tried for "any" order: 4! = 24

# Where an amount of money may start, and what makes a number read as money rather than as a
# count (一起, 一个): a digit, a masked digit, a unit of ten or more, or a currency after it.
_AMOUNT_START = re.compile(
    r"(?<![\d.a-z])(?:\d|x(?![a-z])|digit|[一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟]|"
    r"(?:过|上|破|超|近|几|数|好几)(?=[十百千万亿wk]))"
)
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


@dataclass(frozen=True)
class _Occurrence:
    start: int
    end: int
    label: str
    ceiling: float = 0.0  # amounts: the most the amount may be


def _spec(rule: Rule) -> FrameSpec:
    assert isinstance(rule.spec, FrameSpec)
    return rule.spec


def find_amounts(compact: str, lo: int, hi: int, clause_end: Any, strict: bool = False) -> list[_Occurrence]:
    """Sums of money in ``compact[lo:hi]``: 返1000, 五万, x万元, 上百, DIGIT 元. ``strict``: only
    those that cannot be a date or a count (a unit of a hundred or more, or a currency after)."""
    found: list[_Occurrence] = []
    position = lo
    while True:
        match = _AMOUNT_START.search(compact, position, hi)
        if match is None:
            return found
        start = match.start()
        amount = parse_amount(compact, start, min(hi, clause_end(start)))
        if amount is None:
            position = start + 1
            continue
        end = start + amount.length
        currency = _CURRENCY.match(compact, end, hi)
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
        members: dict[str, set[str]] = {}
        lookalikes: dict[str, set[str]] = {}
        for rule in self._rules:
            for part in _spec(rule).parts:
                for word_class in part.classes:
                    for member in word_class.members:
                        members.setdefault(member, set()).add(word_class.name)
                    for word in word_class.unless:
                        lookalikes.setdefault(word, set()).add(word_class.name)
        self._members = _automaton(members)
        self._lookalikes = _automaton(lookalikes)

    def _occurrences(self, compact: str) -> dict[str, list[_Occurrence]]:
        """Every member occurrence by class, without those overlapping a look-alike of that class."""
        found: dict[str, list[_Occurrence]] = {}
        if self._members is None or not compact:
            return found
        blocked: dict[str, list[tuple[int, int]]] = {}
        if self._lookalikes is not None:
            for last, (length, names) in self._lookalikes.iter(compact):
                for name in names:
                    blocked.setdefault(name, []).append((last + 1 - length, last + 1))
        for last, (length, names) in self._members.iter(compact):
            start, end = last + 1 - length, last + 1
            for name in names:
                spans = blocked.get(name)
                if spans and any(s < end and start < e for s, e in spans):
                    continue
                found.setdefault(name, []).append(_Occurrence(start, end, name))
        return found

    def find(self, norm: NormalisedText, earlier: Sequence[Hit] = ()) -> Iterator[Hit]:
        compact = norm.compact
        by_class = self._occurrences(compact)
        if not by_class:
            return
        builtins: dict[str, list[_Occurrence]] = {}
        for rule in self._rules:
            spec = _spec(rule)
            if not all(part.builtins or any(c.name in by_class for c in part.classes) for part in spec.parts):
                continue
            lists = []
            for part in spec.parts:
                for name in part.builtins:
                    if name not in builtins:
                        builtins[name] = _builtin(name, norm)
                occurrences = sorted(
                    (
                        *(o for c in part.classes for o in by_class.get(c.name, ())),
                        *(o for name in part.builtins for o in builtins[name] if o.ceiling >= part.minimum),
                    ),
                    key=lambda o: (o.start, o.end),
                )
                if not occurrences:
                    break
                lists.append(occurrences)
            else:
                yield from _matches(rule, spec, lists, norm)


def _builtin(name: str, norm: NormalisedText) -> list[_Occurrence]:
    compact = norm.compact
    if name in ("amount", "money"):
        return find_amounts(compact, 0, len(compact), norm.clause_end, strict=name == "money")
    if name == "quantity":
        return find_quantities(compact, 0, len(compact))
    return find_percents(compact, 0, len(compact))


def _automaton(words: dict[str, set[str]]) -> ahocorasick.Automaton | None:
    if not words:
        return None
    automaton = ahocorasick.Automaton()
    for word, names in words.items():
        automaton.add_word(word, (len(word), tuple(sorted(names))))
    automaton.make_automaton()
    return automaton


def _matches(rule: Rule, spec: FrameSpec, lists: list[list[_Occurrence]], norm: NormalisedText) -> Iterator[Hit]:
    starts = [[o.start for o in occurrences] for occurrences in lists]
    orders = (
        [tuple(range(len(lists)))] if spec.order == "given" else list(permutations(range(len(lists))))
    )
    window = {"clause": norm.clause_bounds, "sentence": norm.sentence_bounds, "paragraph": norm.paragraph_bounds}[
        spec.within
    ]
    taken_until = -1
    anchors = sorted(
        ((occurrence, index) for index, occurrences in enumerate(lists) for occurrence in occurrences),
        key=lambda pair: (pair[0].start, pair[0].end, pair[1]),
    )
    for anchor, index in anchors:
        if anchor.start < taken_until:
            continue
        bounds = window(anchor.start)
        for order in orders:
            if order[0] != index:
                continue
            chain = _chain(lists, starts, order, anchor, bounds, spec.gap)
            if chain is not None:
                parts = tuple(HitPart(o.label, o.start, o.end) for o in sorted(chain, key=lambda o: o.start))
                taken_until = max(o.end for o in chain)
                yield Hit(rule, anchor.start, taken_until, None, parts)
                break


def _chain(
    lists: list[list[_Occurrence]],
    starts: list[list[int]],
    order: tuple[int, ...],
    anchor: _Occurrence,
    bounds: tuple[int, int],
    gap: int,
) -> list[_Occurrence] | None:
    """The parts after ``anchor`` in ``order``, each the earliest-ending one within ``gap``."""
    chain = [anchor]
    end = anchor.end
    for index in order[1:]:
        candidates = lists[index]
        position = bisect_left(starts[index], end)
        best: _Occurrence | None = None
        while position < len(candidates) and candidates[position].start <= end + gap:
            candidate = candidates[position]
            if candidate.end <= bounds[1] and (best is None or candidate.end < best.end):
                best = candidate
            position += 1
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
