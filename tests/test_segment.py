"""Word boundaries: the pruned dictionary must segment like jieba's full one."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import ROOT

from copycheck.checker import Checker
from copycheck.view.normalise import NormalisedText
from copycheck.view.segment import Segmenter


@pytest.fixture(scope="module")
def segmenters() -> tuple[Segmenter, Segmenter]:
    return Checker()._engine._segmenter, Segmenter()


@pytest.mark.parametrize(
    ("text", "term", "expected"),
    [
        ("8月入住酒店", "月入", False),
        ("月入十万不是梦", "月入", True),
        ("去年入职", "年入", False),
        ("躺赚的机会", "躺赚", True),
    ],
)
def test_known_boundaries(segmenters: tuple[Segmenter, Segmenter], text: str, term: str, expected: bool) -> None:
    pruned, full = segmenters
    start = text.index(term)
    assert pruned.on_word_boundaries(text, start, start + len(term)) is expected
    assert full.on_word_boundaries(text, start, start + len(term)) is expected


def test_pruned_agrees_with_full_on_every_checkable_pair_in_the_examples(segmenters) -> None:
    pruned, full = segmenters
    posts = [
        json.loads(line)["text"] for line in (ROOT / "examples/labelled/posts.jsonl").read_text("utf-8").splitlines()
    ]
    checked = agreed = 0
    for post in posts:
        compact = NormalisedText(post).compact
        for i in range(len(compact) - 1):
            if pruned.chars.issuperset(compact[i : i + 2]):
                checked += 1
                agreed += pruned.on_word_boundaries(compact, i, i + 2) == full.on_word_boundaries(compact, i, i + 2)
    assert checked > 50
    assert agreed / checked >= 0.99


def test_a_risky_post_does_not_import_jieba() -> None:
    code = (
        "import sys; from copycheck import Checker; from copycheck.view import segment;"
        "r = Checker().check('宝妈月入十万不是梦，躺赚');"
        "print(segment.is_loaded(), 'jieba' in sys.modules, r.risk.level)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["True", "False", "high"]
