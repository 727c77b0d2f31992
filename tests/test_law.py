from __future__ import annotations

import yaml
from conftest import shared_path

from copycheck.law import provisions


def test_provisions_are_verbatim_copies_of_the_shared_source() -> None:
    source = {p["id"]: p for p in yaml.safe_load(shared_path("law", "provisions.yaml").read_text(encoding="utf-8"))}
    for pid, provision in provisions().items():
        original = source[pid]
        assert provision.text == original["text"]
        assert provision.article == original["article"]
        assert provision.law == original["law"]


def test_2025_unfair_competition_numbering() -> None:
    assert provisions()["ucl-9"].article == "第九条"
    assert "虚假评价" in provisions()["ucl-9"].text


def test_item_text() -> None:
    item = provisions()["psr-7"].item_text("二")
    assert item.startswith("(二)") and "交纳费用" in item
