"""Measure the rules on real text: per-category precision and recall, level accuracy and the
worst misses on labelled files, and false-positive rates on benign corpora.

Labelled files are JSON lines ``{"text", "categories", "optional", "level": [lo, hi]}`` (an
``id`` or ``ref`` names each), scored as ``shared/labelled/README.md`` says:

* a category is *reported* when a finding of it has severity ``low`` or higher;
* recall: each required category is a hit if reported, a miss if not;
* precision: a finding at ``medium`` or higher whose category is neither required nor
  optional is a false assertion (counted once per post and category);
* level: the post's risk level must lie in ``[lo, hi]``.

The labelled files and corpora are read where they lie and never copied; a missing one is
skipped with a note.
"""

from __future__ import annotations

import csv
import json
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from copycheck.checker import Checker
from copycheck.errors import LabelError
from copycheck.findings import FileReport
from copycheck.ruleset.model import CATEGORIES, LEVELS, level_rank, severity_rank

BENIGN_SETS = (
    ("online_shopping_10_cats", "review"),
    ("waimai_10k", "review"),
    ("chnsenticorp_htl", "review"),
)
SPAM_SET = "sms80w_sample"
SHARED_LABELLED = ("dev-real.jsonl", "dev-pitch.jsonl")
PROJECT_LABELLED = Path("examples/labelled/posts.jsonl")
REPORTED, ASSERTED = severity_rank("low"), severity_rank("medium")


def shared_folder(start: Path | None = None) -> Path | None:
    """``../shared`` beside the checkout (or beside the working folder), when it is there."""
    candidates = [Path(__file__).resolve().parent.parent.parent / "shared"]
    base = (start or Path.cwd()).resolve()
    candidates += [parent.parent / "shared" for parent in (base, *base.parents)][:4]
    return next((c for c in candidates if c.is_dir()), None)


def default_labelled() -> list[Path]:
    """The project's own examples, then the shared real-text files when ``../shared`` is there."""
    found = [PROJECT_LABELLED] if PROJECT_LABELLED.is_file() else []
    shared = shared_folder()
    if shared is not None:
        found += [p for p in (shared / "labelled" / name for name in SHARED_LABELLED) if p.is_file()]
    return found


def reported_categories(report: FileReport, floor: int = REPORTED) -> set[str]:
    """Categories with an asserted finding at severity ``floor`` or higher."""
    return {f.category for f in report.findings if f.raises_risk and severity_rank(f.severity) >= floor}


@dataclass(frozen=True)
class Miss:
    name: str
    level: str
    want: tuple[str, str]
    missing: tuple[str, ...]
    extra: tuple[str, ...]
    text: str

    @property
    def weight(self) -> int:
        """How bad the miss is: wrong categories, plus how far the level is out of range."""
        rank, low, high = level_rank(self.level), level_rank(self.want[0]), level_rank(self.want[1])
        return 2 * (len(self.missing) + len(self.extra)) + max(low - rank, rank - high, 0)


@dataclass
class LabelledResult:
    name: str
    total: int = 0
    level_ok: int = 0
    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)
    misses: list[Miss] = field(default_factory=list)

    def precision(self, category: str | None = None) -> float:
        tp = sum(self.tp.values()) if category is None else self.tp[category]
        fp = sum(self.fp.values()) if category is None else self.fp[category]
        return tp / (tp + fp) if tp + fp else 1.0

    def recall(self, category: str | None = None) -> float:
        tp = sum(self.tp.values()) if category is None else self.tp[category]
        fn = sum(self.fn.values()) if category is None else self.fn[category]
        return tp / (tp + fn) if tp + fn else 1.0

    @property
    def level_share(self) -> float:
        return self.level_ok / self.total if self.total else 0.0

    def add(self, other: LabelledResult) -> None:
        self.total += other.total
        self.level_ok += other.level_ok
        self.tp.update(other.tp)
        self.fp.update(other.fp)
        self.fn.update(other.fn)
        self.misses.extend(other.misses)


def read_labelled(path: Path) -> Iterator[tuple[str, dict]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise LabelError(f"cannot read: {error}", path=path) from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            post = json.loads(line)
            low, high = post["level"]
            if not isinstance(post["text"], str) or low not in LEVELS or high not in LEVELS:
                raise ValueError("bad text or level")
            unknown = set(post.get("categories", [])) | set(post.get("optional", []))
            if unknown - set(CATEGORIES):
                raise ValueError(f"unknown categories {sorted(unknown - set(CATEGORIES))}")
        except (ValueError, KeyError, TypeError) as error:
            raise LabelError(f"not a labelled post ({error})", path=path, line=number) from None
        yield str(post.get("id") or post.get("ref") or f"line {number}"), post


def evaluate_labelled(checker: Checker, path: Path) -> LabelledResult:
    result = LabelledResult(path.name)
    for name, post in read_labelled(path):
        report = checker.check(post["text"], name, markup=None)
        required = set(post.get("categories", []))
        optional = set(post.get("optional", []))
        reported = reported_categories(report)
        false = reported_categories(report, ASSERTED) - required - optional
        low, high = post["level"]
        in_range = level_rank(low) <= level_rank(report.risk.level) <= level_rank(high)
        result.total += 1
        result.level_ok += in_range
        for category in required:
            (result.tp if category in reported else result.fn)[category] += 1
        result.fp.update(false)
        if required - reported or false or not in_range:
            missing, extra = tuple(sorted(required - reported)), tuple(sorted(false))
            text = " ".join(post["text"].split())
            result.misses.append(Miss(name, report.risk.level, (low, high), missing, extra, text))
    return result


def format_labelled(result: LabelledResult) -> str:
    header = f"{'category':<22}{'precision':>10}{'recall':>8}{'tp':>5}{'fp':>5}{'fn':>5}"
    lines = [f"{result.name}: {result.total} posts", header]
    for category in CATEGORIES:
        if result.tp[category] + result.fp[category] + result.fn[category] == 0:
            continue
        lines.append(
            f"{category:<22}{result.precision(category):>10.3f}{result.recall(category):>8.3f}"
            f"{result.tp[category]:>5}{result.fp[category]:>5}{result.fn[category]:>5}"
        )
    lines.append(
        f"{'all':<22}{result.precision():>10.3f}{result.recall():>8.3f}"
        f"{sum(result.tp.values()):>5}{sum(result.fp.values()):>5}{sum(result.fn.values()):>5}"
    )
    lines.append(f"level within range: {result.level_ok}/{result.total} = {result.level_share:.3f}")
    return "\n".join(lines)


def format_misses(misses: Iterable[Miss], limit: int) -> str:
    ranked = sorted(misses, key=lambda m: -m.weight)[:limit]
    lines = [f"Worst misses ({len(ranked)}):"]
    for miss in ranked:
        problems = []
        if miss.missing:
            problems.append("missing " + ",".join(miss.missing))
        if miss.extra:
            problems.append("false " + ",".join(miss.extra))
        problems.append(f"level {miss.level} (want {miss.want[0]}..{miss.want[1]})")
        text = miss.text if len(miss.text) <= 90 else miss.text[:89] + "…"
        lines.append(f"  {miss.name}: {'; '.join(problems)}: {text}")
    return "\n".join(lines)


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
        report = checker.check(text, markup=None)
        result.total += 1
        categories = reported_categories(report)
        if categories:
            result.flagged += 1
            result.by_category.update(categories)
        if level_rank(report.risk.level) >= level_rank("high"):
            result.high += 1
            rules = ",".join(sorted({f.rule for f in report.findings if f.raises_risk}))
            result.worst.append((report.risk.score, rules, text))
    result.worst.sort(key=lambda item: -item[0])
    del result.worst[keep:]
    return result


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


def run(checker: Checker, labelled: Iterable[Path], corpora: Path | None, misses: int = 0) -> str:
    sections: list[str] = []
    results = [evaluate_labelled(checker, path) for path in labelled]
    sections.extend(format_labelled(result) for result in results)
    real = [r for r in results if r.name != PROJECT_LABELLED.name]
    if len(real) > 1:
        combined = LabelledResult(" + ".join(r.name for r in real))
        for result in real:
            combined.add(result)
        sections.append(format_labelled(combined))
    if misses:
        chosen = [m for r in (real or results) for m in r.misses]
        sections.append(format_misses(chosen, misses))
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
