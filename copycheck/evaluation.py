"""Measure the rules: per-category precision/recall and level accuracy on labelled
posts, and false-positive rates on the benign corpora in ../shared/corpora.

The corpora are read where they lie and never copied; a missing folder is
skipped with a note.
"""

from __future__ import annotations

import csv
import json
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from copycheck.checker import Checker
from copycheck.model import CATEGORIES, level_rank
from copycheck.report import FileReport

BENIGN_SETS = (
    ("online_shopping_10_cats", "review"),
    ("waimai_10k", "review"),
    ("chnsenticorp_htl", "review"),
)
SPAM_SET = "sms80w_sample"


def predicted_categories(report: FileReport) -> set[str]:
    return {f.category for f in report.findings if f.counts}


@dataclass
class LabelledResult:
    total: int = 0
    level_ok: int = 0
    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)

    def precision(self, category: str) -> float:
        found = self.tp[category] + self.fp[category]
        return self.tp[category] / found if found else 1.0

    def recall(self, category: str) -> float:
        expected = self.tp[category] + self.fn[category]
        return self.tp[category] / expected if expected else 1.0


def evaluate_labelled(checker: Checker, path: Path) -> LabelledResult:
    result = LabelledResult()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        post = json.loads(line)
        report = checker.check(post["text"], post.get("id", f"line {number}"))
        expected = set(post["categories"])
        found = predicted_categories(report)
        result.total += 1
        low, high = post["level"]
        in_range = level_rank(low) <= level_rank(report.risk.level) <= level_rank(high)
        result.level_ok += in_range
        for category in expected & found:
            result.tp[category] += 1
        for category in found - expected:
            result.fp[category] += 1
        for category in expected - found:
            result.fn[category] += 1
        if expected != found or not in_range:
            result.misses.append(
                f"{post.get('id')}: level {report.risk.level} (want {low}..{high})"
                f" missing {sorted(expected - found)} extra {sorted(found - expected)}: {post['text'][:60]!r}"
            )
    return result


def _rows(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        csv.field_size_limit(sys.maxsize)
        yield from csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)


@dataclass
class CorpusResult:
    name: str
    total: int = 0
    high: int = 0
    flagged: int = 0
    by_category: Counter[str] = field(default_factory=Counter)
    worst: list[tuple[int, str, str]] = field(default_factory=list)  # (score, rules, text)


def evaluate_corpus(checker: Checker, name: str, path: Path, column: str, keep: int = 5) -> CorpusResult:
    result = CorpusResult(name)
    for row in _rows(path):
        if name == SPAM_SET and row.get("label") != "1":
            continue
        text = row[column]
        report = checker.check(text)
        result.total += 1
        categories = predicted_categories(report)
        if categories:
            result.flagged += 1
            result.by_category.update(categories)
        if level_rank(report.risk.level) >= level_rank("high"):
            result.high += 1
            rules = ",".join(sorted({f.rule for f in report.findings if f.active}))
            result.worst.append((report.risk.score, rules, text))
    result.worst.sort(key=lambda item: -item[0])
    del result.worst[keep:]
    return result


def format_labelled(result: LabelledResult) -> str:
    header = f"{'category':<22}{'precision':>10}{'recall':>8}{'tp':>5}{'fp':>5}{'fn':>5}"
    lines = [f"Labelled posts: {result.total}", header]
    for category in CATEGORIES:
        lines.append(
            f"{category:<22}{result.precision(category):>10.3f}{result.recall(category):>8.3f}"
            f"{result.tp[category]:>5}{result.fp[category]:>5}{result.fn[category]:>5}"
        )
    share = result.level_ok / result.total if result.total else 0.0
    lines.append(f"level within range: {result.level_ok}/{result.total} = {share:.3f}")
    return "\n".join(lines)


def format_corpus(result: CorpusResult, spam: bool = False) -> str:
    if not result.total:
        return f"{result.name}: no rows"
    if spam:
        lines = [
            f"{result.name} (label 1, spam): {result.total} texts, flagged {result.flagged}"
            f" ({result.flagged / result.total:.2%}),"
            f" high or critical {result.high} ({result.high / result.total:.2%})",
            "  by category: " + ", ".join(f"{c} {n}" for c, n in result.by_category.most_common()),
        ]
    else:
        lines = [
            f"{result.name}: {result.total} texts, high or critical {result.high}"
            f" ({result.high / result.total:.3%}), any finding {result.flagged} ({result.flagged / result.total:.2%})"
        ]
    for score, rules, text in result.worst:
        lines.append(f"  [{score}] {rules}: {text[:80]}")
    return "\n".join(lines)


def run(checker: Checker, labelled: Path | None, corpora: Path | None, misses: bool = False) -> str:
    sections: list[str] = []
    if labelled is not None:
        result = evaluate_labelled(checker, labelled)
        sections.append(format_labelled(result))
        if misses and result.misses:
            sections.append("Misses:\n" + "\n".join("  " + m for m in result.misses))
    if corpora is not None:
        for name, column in BENIGN_SETS:
            path = corpora / name / "data.tsv"
            if path.is_file():
                sections.append(format_corpus(evaluate_corpus(checker, name, path, column)))
            else:
                sections.append(f"{name}: skipped ({path} not found)")
        spam_path = corpora / SPAM_SET / "data.tsv"
        if spam_path.is_file():
            sections.append(format_corpus(evaluate_corpus(checker, SPAM_SET, spam_path, "text", keep=8), spam=True))
        else:
            sections.append(f"{SPAM_SET}: skipped ({spam_path} not found)")
    return "\n\n".join(sections) + "\n"
