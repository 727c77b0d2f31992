"""The pipeline for one text: normalise, match, filter, judge context, combine, score."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from itertools import chain

from copycheck.context import ContextJudge
from copycheck.matchers import Hit
from copycheck.matchers.amount import AmountMatcher
from copycheck.matchers.compound import evaluate as evaluate_compounds
from copycheck.matchers.pattern import PatternMatcher
from copycheck.matchers.split import SplitMatcher
from copycheck.matchers.terms import SHORT_TERM, TermsMatcher
from copycheck.matchers.variant import VariantMatcher
from copycheck.model import Rule
from copycheck.normalise import NormalisedText, compact_form
from copycheck.report import FileReport, Finding, LineIndex, Location
from copycheck.scoring import score_findings
from copycheck.segment import Segmenter

# Shortest match that may cross punctuation when every character is split off.
MIN_SPLIT_EVASION = 3


class Engine:
    """Rules compiled into matchers once; ``check`` is then a pure function of the text."""

    def __init__(self, rules: Sequence[Rule], allow: Sequence[str] = ()) -> None:
        self.rules = tuple(rules)
        # Phrases never to report (a brand named 第一坊): an exception for every rule.
        self._allow = tuple(a for a in (compact_form(phrase) for phrase in allow) if a)
        primitive = [r for r in self.rules if not r.is_compound]
        self._matchers = (
            TermsMatcher([r for r in primitive if r.kind == "terms"]),
            PatternMatcher([r for r in primitive if r.kind == "pattern"]),
            AmountMatcher([r for r in primitive if r.kind == "amount"]),
        )
        self._split = SplitMatcher([r for r in primitive if r.kind == "split"])
        self._variant = VariantMatcher([r for r in primitive if r.kind == "variant"])
        self._compounds = [r for r in self.rules if r.is_compound]
        self._segmenter = Segmenter(_boundary_chars(primitive))

    def check(self, text: str, path: str = "<text>", matching_text: str | None = None) -> FileReport:
        """Check ``text``; ``matching_text`` (same length, e.g. markup blanked out) is what rules see."""
        norm = NormalisedText(text if matching_text is None else matching_text)
        hits = (hit for matcher in self._matchers for hit in matcher.find(norm.compact))
        hits = chain(hits, self._variant.find(norm))
        accepted = [hit for hit in hits if _accept(norm, hit, self._allow, self._segmenter)]
        accepted.extend(self._split.find(norm, list(accepted)))
        judge = ContextJudge(norm)
        index = LineIndex(text)
        findings: list[Finding] = []
        for hit in _merge_overlaps(accepted):
            start, end = norm.to_original(hit.start, hit.end)
            location = index.location(start, end)
            context = judge.judge(hit.start, hit.end, start, end)
            findings.append(_finding(hit.rule, location, context))
        if findings:
            findings.extend(evaluate_compounds(self._compounds, findings, _compound_finding))
        findings.sort(key=lambda f: (f.location.start, f.location.end, f.rule))
        return FileReport(path=path, text=text, findings=tuple(findings), risk=score_findings(findings))


def _boundary_chars(rules: Sequence[Rule]) -> set[str]:
    """Characters of every span a boundary check can be asked about (see ``segment.py``)."""
    chars: set[str] = set()
    for rule in rules:
        if rule.boundary == "never":
            continue
        words = [*rule.terms, *(subject for subject, _ in rule.amount.subjects)] if rule.amount else list(rule.terms)
        for word in words:
            if rule.boundary == "always" or len(word) <= SHORT_TERM:
                chars.update(word)
    return chars


def _accept(norm: NormalisedText, hit: Hit, allow: tuple[str, ...], segmenter: Segmenter) -> bool:
    """Cheap checks first; jieba only for hits that survive them."""
    rule, start, end = hit.rule, hit.start, hit.end
    if end - start > 1:
        gaps, hard = norm.gaps_within(start, end)
        if gaps < end - start - 1 or end - start < MIN_SPLIT_EVASION:
            # A poster who splits every character (月，入，十，万) is evading; one
            # stray break inside a match is two sentences meeting by chance.
            if rule.scope == "word" and hard:
                return False
            if rule.scope == "sentence" and norm.crosses_sentence(start, end):
                return False
    compact = norm.compact
    for exception in (*rule.unless, *allow):
        if compact.find(exception, max(0, start - len(exception) + 1), end + len(exception) - 1) != -1:
            return False
    if hit.boundary is None:
        return True
    first, last = norm.sentence_bounds(hit.boundary[0]), norm.sentence_bounds(hit.boundary[1] - 1)
    return segmenter.on_word_boundaries(compact, *hit.boundary, limits=(first[0], last[1]))


def _merge_overlaps(hits: Iterable[Hit]) -> list[Hit]:
    """One hit per rule per overlapping run (招代理 inside 诚招代理 is one finding)."""
    merged: list[Hit] = []
    last_by_rule: dict[str, int] = {}
    for hit in sorted(hits, key=lambda h: (h.rule.id, h.start, -h.end)):
        previous = last_by_rule.get(hit.rule.id)
        if previous is not None and hit.start < merged[previous].end:
            kept = merged[previous]
            merged[previous] = Hit(kept.rule, kept.start, max(kept.end, hit.end))
            continue
        last_by_rule[hit.rule.id] = len(merged)
        merged.append(hit)
    return merged


def _finding(rule: Rule, location: Location, context: str | None) -> Finding:
    return Finding(
        rule=rule.id,
        category=rule.category,
        severity="info" if context else rule.severity,
        rule_severity=rule.severity,
        message=rule.render(location.text),
        location=location,
        context=context,
        references=rule.references,
    )


def _compound_finding(rule: Rule, primary: Finding, others: tuple[Finding, ...]) -> Finding:
    return replace(
        _finding(rule, primary.location, None),
        related=(primary.location, *(o.location for o in others)),
        related_rules=(primary.rule, *(o.rule for o in others)),
    )
