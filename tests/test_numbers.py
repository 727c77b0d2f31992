from __future__ import annotations

import pytest

from copycheck.numbers import chinese_to_number, parse_amount


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
