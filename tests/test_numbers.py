from __future__ import annotations

import pytest

from copycheck.view.numbers import chinese_to_number, parse_amount


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("十万", 100_000),
        ("10万", 100_000),
        ("10w", 100_000),
        ("100k", 100_000),
        ("拾万", 100_000),
        ("佰万", 1_000_000),
        ("百万", 1_000_000),
        ("1万+", 10_000),
        ("五位数", 10_000),
        ("6位数", 100_000),
        ("过万", 10_000),
        ("1.5万", 15_000),
        ("两万五", 25_000),
        ("2-3万", 20_000),
        ("x万", 10_000),
        ("3000", 3000),
    ],
)
def test_parse_amount(text: str, value: float) -> None:
    amount = parse_amount(text)
    assert amount is not None
    assert amount.value == value


def test_parse_amount_reports_length() -> None:
    amount = parse_amount("月入10w不是梦", 2)
    assert amount is not None and amount.length == 3


@pytest.mark.parametrize("text", ["", "不是梦", "零"])
def test_no_amount(text: str) -> None:
    assert parse_amount(text) is None


def test_chinese_numerals() -> None:
    assert chinese_to_number("一亿五千万") == 150_000_000
    assert chinese_to_number("二十五万") == 250_000
    assert chinese_to_number("两三万") == 20_000


# -- bounds, masks and limits ------------------------------------------------------------------
from copycheck.view.numbers import HUGE  # noqa: E402


@pytest.mark.parametrize("text", ["亿" * 39, "x" * 310 + "万", "1" + "万" * 200_000, "9" * 400 + "元"])
def test_huge_amounts_are_capped_not_overflowing(text: str) -> None:
    amount = parse_amount(text)
    assert amount is not None and amount.value <= HUGE and amount.ceiling <= HUGE


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [("x万", 10_000, 90_000), ("xxx元", 100, 999), ("digit", 1, HUGE), ("digit万", 10_000, HUGE)],
)
def test_masked_digits_read_as_a_range(text: str, low: float, high: float) -> None:
    amount = parse_amount(text)
    assert amount is not None and amount.masked
    assert amount.value == low and amount.ceiling == high


def test_reaches_uses_the_ceiling() -> None:
    assert parse_amount("x万").reaches(50_000)  # type: ignore[union-attr]
    assert not parse_amount("xxx元").reaches(10_000)  # type: ignore[union-attr]
    assert parse_amount("3000").reaches(3000) and not parse_amount("3000").reaches(3001)  # type: ignore[union-attr]


def test_an_amount_stops_at_the_limit() -> None:
    # 万！零 compacts to 万零; the engine passes the clause end as the limit.
    assert parse_amount("过万零门槛").length == 2  # type: ignore[union-attr]
    assert parse_amount("十万零", 0, 2).length == 2  # type: ignore[union-attr]
    assert parse_amount("万", 1, 1) is None


def test_placeholders_need_their_own_token() -> None:
    assert parse_amount("digital") is None
    assert parse_amount("digitdigit") is not None  # a masked range, DIGIT DIGIT
