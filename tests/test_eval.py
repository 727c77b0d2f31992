"""``copycheck eval`` and the figures on real text written by others (../shared/labelled).

The shared files are read where they lie and never copied; tests that need them skip when
``../shared`` is absent.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, shared_path

from copycheck.checker import Checker
from copycheck.evaluation import evaluate_corpus, evaluate_labelled, read_labelled

POSTS = [
    {"id": "a", "text": "诚招代理，月入十万不是梦", "categories": ["recruitment", "income-promise"]},
    {"id": "b", "text": "手工皂上新，欢迎选购", "categories": [], "level": ["none", "low"]},
    {"id": "c", "text": "祛斑面霜，专治黄褐斑", "categories": ["medical-claim", "no-returns"]},
    {"id": "d", "text": "全网最低价", "categories": [], "optional": ["absolute-claim"], "level": ["none", "medium"]},
]
POSTS[0]["level"] = ["high", "critical"]
POSTS[2]["level"] = ["medium", "high"]


def write(tmp_path: Path, posts: list[dict]) -> Path:
    path = tmp_path / "labelled.jsonl"
    path.write_text("\n".join(json.dumps(p, ensure_ascii=False) for p in posts) + "\n", encoding="utf-8")
    return path


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "copycheck", *args], capture_output=True, text=True, cwd=ROOT)


def test_scoring_follows_the_labelled_conventions(tmp_path: Path) -> None:
    result = evaluate_labelled(Checker(), write(tmp_path, POSTS))
    assert result.total == 4
    assert result.tp["recruitment"] == 1 and result.tp["income-promise"] == 1
    assert result.fn["no-returns"] == 1  # required but not reported
    assert result.fp["absolute-claim"] == 0  # optional: neither rewarded nor penalised
    assert {miss.name for miss in result.misses} == {"c"}


def test_eval_prints_categories_levels_and_the_worst_misses(tmp_path: Path) -> None:
    result = run("eval", "--labelled", str(write(tmp_path, POSTS)), "--skip-corpora", "--misses", "5")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "labelled.jsonl: 4 posts" in out
    assert "level within range: " in out
    assert "Worst misses (1):" in out and "c: missing no-returns" in out


def test_a_bad_labelled_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"text": "x", "level": ["none", "loud"]}\n', encoding="utf-8")
    result = run("eval", "--labelled", str(path), "--skip-corpora")
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "bad.jsonl:1: not a labelled post" in result.stderr


def test_the_figures_on_real_text_written_by_others() -> None:
    """The judgement issue's bar: recall, precision and level on both development files, and
    every category with ten or more positives found at least seven times in ten."""
    checker = Checker()
    names = ("dev-real.jsonl", "dev-pitch.jsonl")
    results = [evaluate_labelled(checker, shared_path("labelled", name)) for name in names]
    combined = results[0]
    combined.add(results[1])
    assert combined.recall() >= 0.85
    assert combined.precision() >= 0.90
    assert combined.level_share >= 0.85
    for category in set(combined.tp) | set(combined.fn):
        if combined.tp[category] + combined.fn[category] >= 10:
            assert combined.recall(category) >= 0.7, category


def test_benign_reviews_are_rarely_high_risk() -> None:
    result = evaluate_corpus(Checker(), "waimai_10k", shared_path("corpora", "waimai_10k", "data.tsv"), "review")
    assert result.total > 10_000
    assert result.high / result.total <= 0.001


def test_rule_examples_are_our_own_words() -> None:
    """No example of a shipped rule copies ten characters of a labelled development text."""
    from copycheck.ruleset.loader import load_rules

    texts = []
    for name in ("dev-real.jsonl", "dev-pitch.jsonl"):
        texts += ["".join(post["text"].split()) for _, post in read_labelled(shared_path("labelled", name))]
    joined = "\n".join(texts)
    for rule in load_rules():
        for example in (*rule.examples.fire, *rule.examples.ok):
            squashed = "".join(example.split())
            for start in range(len(squashed) - 9):
                assert squashed[start : start + 10] not in joined, (rule.id, example)


@pytest.mark.parametrize("name", ["dev-real.jsonl", "dev-pitch.jsonl"])
def test_every_labelled_post_keeps_the_json_contract(name: str) -> None:
    from conftest import check_json_contract

    from copycheck.formatters.json_report import report_dict

    checker = Checker()
    posts = dict(read_labelled(shared_path("labelled", name)))
    report = checker.report([checker.check(post["text"], key, markup=None) for key, post in posts.items()])
    assert check_json_contract(report_dict(report), {key: post["text"] for key, post in posts.items()}) > 100
