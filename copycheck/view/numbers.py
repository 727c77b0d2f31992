"""Amounts written the ways posters write them, read as numbers.

Works on the compact view (half width, lower case, simplified), so 拾萬 has
already become 拾万 and １０Ｗ has become 10w. Recognised forms:

* Arabic digits with units: 10万, 1.5w, 100k, 3千, 10,000 (comma dropped by the
  normaliser), 2-3万 (lower bound);
* Chinese numerals, everyday and financial: 十万, 两万五, 拾万, 佰万, 一百万;
* digit counts: 五位数, 6位数;
* a bare unit after a modifier: 过万, 上万, 破万, 几千;
* masked digits in SMS corpora: every digit written ``x`` (x万, xxx元) or a whole
  number replaced by ``DIGIT`` (日赚 DIGIT 以上). These read as a range: x万 is
  1万 to 9.9万, xxx元 100 to 999, DIGIT anything from 1 up.

An amount never runs past ``limit`` (the engine passes the end of the clause, so
万！零 is not one number), and values are capped at ``HUGE``: nobody claims more,
and a run of 亿 must not overflow a float.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "壹": 1,
    "二": 2,
    "两": 2,
    "贰": 2,
    "三": 3,
    "叁": 3,
    "四": 4,
    "肆": 4,
    "五": 5,
    "伍": 5,
    "六": 6,
    "陆": 6,
    "七": 7,
    "柒": 7,
    "八": 8,
    "捌": 8,
    "九": 9,
    "玖": 9,
}
_SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
_SUFFIX_UNITS = {**_SMALL_UNITS, **_BIG_UNITS, "w": 10_000, "k": 1000}

# A trillion yuan: any larger claim is simply "a huge amount".
HUGE = 1e12
# Units and masked digits beyond these counts change nothing but the cost of reading them.
_MAX_UNITS = 4
_MAX_MASKED = 13

_CN_CHARS = "".join(_CN_DIGITS) + "".join(_SMALL_UNITS) + "".join(_BIG_UNITS)
_UNIT_CHARS = "".join(_SUFFIX_UNITS)

_ARABIC = rf"(?P<arabic>\d+(?:\.\d+)?)(?P<arabic_units>[{_UNIT_CHARS}]*)"
# ``DIGIT`` is the placeholder of a whole number; the compact view has lower-cased it.
_PLACEHOLDER = rf"(?<![a-z])(?P<placeholder>digit)(?![a-ce-z])(?:digit)*(?P<placeholder_units>[{_UNIT_CHARS}]*)"
_MASKED = rf"(?<![a-z])(?P<masked>x+)(?![a-z])(?P<masked_units>[{_UNIT_CHARS}]*)"
_DIGIT_COUNT = r"(?P<digits>[1-9一二三四五六七八九])位数"
_MODIFIED_UNIT = rf"(?P<modifier>过|上|破|超|近|几|数|好几)(?P<bare_unit>[{_UNIT_CHARS}]+)"
_CHINESE = rf"(?P<chinese>[{_CN_CHARS}]+)"
_RANGE_SEP = r"(?:-|~|到|至)"

_AMOUNT = re.compile(
    rf"(?:(?P<low>\d+(?:\.\d+)?){_RANGE_SEP}(?=\d))?"
    rf"(?:{_DIGIT_COUNT}|{_MODIFIED_UNIT}|{_ARABIC}|{_PLACEHOLDER}|{_MASKED}|{_CHINESE})"
)


@dataclass(frozen=True)
class Amount:
    """An amount as a range: ``value`` is what it says at least, ``ceiling`` at most."""

    value: float
    length: int
    ceiling: float = 0.0

    def __post_init__(self) -> None:
        if self.ceiling < self.value:
            object.__setattr__(self, "ceiling", self.value)

    @property
    def masked(self) -> bool:
        """Digits were hidden, so only a range is known."""
        return self.ceiling > self.value

    def reaches(self, threshold: float) -> bool:
        """Whether the amount may be at or above ``threshold``."""
        return self.ceiling >= threshold


def _unit_product(units: str) -> float:
    product = 1.0
    for unit in units[:_MAX_UNITS]:
        product *= _SUFFIX_UNITS[unit]
    return min(product, HUGE)


def chinese_to_number(text: str) -> float | None:
    """Read a run of Chinese numerals (一万五 -> 15000, 百万 -> 1000000), capped at ``HUGE``."""
    total = 0.0
    section = 0.0
    number = 0
    last_unit = 0
    seen_digit = False
    previous_was_digit = False
    for char in text:
        if char in _CN_DIGITS:
            # 两三万 ("two or three ten-thousands"): keep the first, smaller reading.
            if not previous_was_digit:
                number = _CN_DIGITS[char]
            seen_digit = previous_was_digit = True
            continue
        previous_was_digit = False
        if char in _SMALL_UNITS:
            unit = _SMALL_UNITS[char]
            section += (number or 1) * unit
            number = 0
            last_unit = unit
        elif char in _BIG_UNITS:
            unit = _BIG_UNITS[char]
            section += number
            total = (total + (section or 1)) * unit if unit > 10_000 else total + (section or 1) * unit
            section = number = 0
            last_unit = unit
        else:
            return None
        if total + section >= HUGE:
            return HUGE
    if not seen_digit and not last_unit:
        return None
    if number and last_unit >= 100:
        # 一万五 means 15000: a trailing digit counts in the next unit down.
        number *= last_unit // 10
    return min(float(total + section + number), HUGE)


def _value(groups: dict[str, str | None]) -> tuple[float | None, float]:
    """``(value, ceiling)`` of one match's groups."""
    if groups["digits"]:
        count = _CN_DIGITS.get(groups["digits"]) or int(groups["digits"])
        return float(10 ** (count - 1)), 0.0
    if groups["bare_unit"]:
        factor = 2 if groups["modifier"] in ("几", "数", "好几") else 1
        return factor * _unit_product(groups["bare_unit"]), 0.0
    if groups["arabic"]:
        units = _unit_product(groups["arabic_units"] or "")
        number = groups["low"] or groups["arabic"]
        digits = number.split(".")[0]
        if len(digits) > _MAX_MASKED:
            return HUGE, 0.0
        return min(float(number) * units, HUGE), 0.0
    if groups["placeholder"]:
        return _unit_product(groups["placeholder_units"] or ""), HUGE
    if groups["masked"]:
        count = min(len(groups["masked"]), _MAX_MASKED)
        units = _unit_product(groups["masked_units"] or "")
        return min(10.0 ** (count - 1) * units, HUGE), min((10.0**count - 1) * units, HUGE)
    return chinese_to_number(groups["chinese"] or ""), 0.0


def parse_amount(text: str, pos: int = 0, limit: int | None = None) -> Amount | None:
    """Read the amount that starts at ``text[pos]`` and ends by ``limit``, or None."""
    match = _AMOUNT.match(text, pos, len(text) if limit is None else limit)
    if not match:
        return None
    value, ceiling = _value(match.groupdict())
    if value is None or value <= 0:
        return None
    return Amount(value=value, length=match.end() - pos, ceiling=ceiling)
