"""The pipeline for one text: normalise, match, filter, judge context, combine, score."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import lru_cache

from copycheck.context import ContextJudge
from copycheck.findings import FileReport, Finding, LineIndex, Location, Part
from copycheck.inputs.markup import visible_text
from copycheck.matchers import COMBINED, DERIVED, VIEW, Combiner, Hit, LiteralScan, Matcher, kinds
from copycheck.ruleset.model import Rule, severity_rank
from copycheck.scoring import NO_RISK, score_findings
from copycheck.view.normalise import NormalisedText, compact_form
from copycheck.view.segment import Segmenter

# Shortest match that may cross punctuation when every character is split off.
MIN_SPLIT_EVASION = 3
# Findings listed per rule per text; the rest are counted in ``FileReport.omitted``. Hits judged
# per rule per text (judging is the costly step; this bounds it on a pasted wall of one claim).
MAX_FINDINGS_PER_RULE = 100
MAX_JUDGED_PER_RULE = 1000


class Engine:
    """Rules compiled into matchers once; ``check`` is then a pure function of the text."""

    def __init__(self, rules: Sequence[Rule], allow: Sequence[str] = ()) -> None:
        self.rules = tuple(rules)
        # Phrases never to report (a brand named 第一坊): an exception for every rule.
        self._allow = tuple(a for a in (compact_form(phrase) for phrase in allow) if a)
        registry = kinds()
        by_kind: dict[str, list[Rule]] = {}
        for rule in self.rules:
            by_kind.setdefault(rule.kind, []).append(rule)
        stages: dict[int, list[Matcher | Combiner]] = {VIEW: [], DERIVED: [], COMBINED: []}
        for key, kind in registry.items():
            if key in by_kind:
                stages[kind.stage].append(kind.build(by_kind[key]))
        self._view: list[Matcher] = stages[VIEW]  # type: ignore[assignment]
        self._scan = LiteralScan(self._view)
        self._derived: list[Matcher] = stages[DERIVED]  # type: ignore[assignment]
        self._combined: list[Combiner] = stages[COMBINED]  # type: ignore[assignment]
        boundary_chars = {c for rule in self.rules for w in registry[rule.kind].boundary_words(rule) for c in w}
        self._segmenter = Segmenter(boundary_chars)

    def check(self, text: str, path: str = "<text>", matching_text: str | None = None) -> FileReport:
        """Check ``text``; ``matching_text`` (same length, e.g. markup blanked out) is what rules see."""
        norm = NormalisedText(text if matching_text is None else matching_text)
        literals = self._scan.scan(norm.compact)
        hits = (
            hit for matcher, found in zip(self._view, literals, strict=True) for hit in matcher.find(norm, (), found)
        )
        words = _WordPositions(norm.compact)
        accepted: list[Hit] = []
        gave_up: list[str] = []
        for hit in hits:
            if hit.gave_up:
                gave_up.append(hit.rule.id)
            elif _accept(norm, hit, self._allow, self._segmenter, words):
                accepted.append(hit)
        if not accepted:  # most texts: nothing to judge, combine or score
            return FileReport(path=path, text=text, findings=(), risk=NO_RISK, gave_up=tuple(sorted(set(gave_up))))
        for matcher in self._derived:
            accepted.extend(matcher.find(norm, list(accepted)))
        judge = ContextJudge(norm)
        index = LineIndex(text)
        findings: list[Finding] = []
        kept, over = _cap_per_rule(_merge_overlaps(accepted), MAX_JUDGED_PER_RULE)
        # A frame's parts are spans of the text too, often its whole span (a one-part frame).
        locations: dict[tuple[int, int], Location] = {}

        def located(cstart: int, cend: int) -> Location:
            location = locations.get((cstart, cend))
            if location is None:
                start, end = norm.to_original(cstart, cend)
                location = index.location(start, end)
                if matching_text is not None and (
                    matching_text[start:end] != location.text or _EMPHASIS.search(location.text)
                ):
                    location = replace(location, shown=_visible(location.text, matching_text[start:end]))
                locations[cstart, cend] = location
            return location

        for hit in kept:
            location = located(hit.start, hit.end)
            context = judge.judge(hit.start, hit.end, location.start, location.end)
            parts = tuple(Part(located(p.start, p.end), hit.rule.id, p.word_class) for p in hit.parts)
            findings.append(_finding(hit.rule, location, context, parts))
        findings, omitted = list_per_rule(_one_per_problem(findings), over)
        findings = self.combine(findings)
        # A hint dropped inside a stronger finding (EVA001 in EVA101) has no "more not listed".
        listed = {f.rule for f in findings}
        omitted = tuple((rule_id, n) for rule_id, n in omitted if rule_id in listed)
        return FileReport(
            path=path,
            text=text,
            findings=tuple(findings),
            risk=score_findings(findings),
            omitted=omitted,
            gave_up=tuple(sorted(set(gave_up))),
        )


    def combine(self, findings: Sequence[Finding]) -> list[Finding]:
        """``findings`` (no compounds among them) with the compounds they add up to, in text order.

        A hint on words that a stronger finding of its category already covers (EVA001 inside
        EVA101 on ➕V) is dropped here, once the compounds have read it. The checker calls this
        again when the user's selection, ignores or suppressions hide parts, so a conclusion
        never rests on (or points at) a finding the user has set aside.
        """
        combined = list(findings)
        # Combined kinds may build on each other's conclusions: run them until none adds one.
        added = bool(combined)
        while added:
            added = False
            for combiner in self._combined:
                produced = combiner.combine(combined, _compound_finding)
                combined.extend(produced)
                added = added or bool(produced)
        combined.sort(key=lambda f: (f.location.start, f.location.end, f.rule))
        return _without_shadowed_hints(combined)


_SHORT_SPAN = 256


class _WordPositions:
    """Where given words occur in one text, each found once on first use: asking whether a word
    occurs in a sentence costs a bisection, not a search of the sentence (linear in the text
    when a sentence is the whole of a long paste)."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._starts: dict[str, list[int]] = {}

    def any_within(self, words: Sequence[str], lo: int, hi: int) -> bool:
        """Whether one of ``words`` lies wholly inside ``[lo, hi)``."""
        if hi - lo <= _SHORT_SPAN:  # a short sentence: searching it is cheaper than an index
            return _any_of(tuple(words)).search(self._text, lo, hi) is not None
        for word in words:
            starts = self._starts.get(word)
            if starts is None:
                starts = self._starts[word] = []
                position = self._text.find(word)
                while position != -1:
                    starts.append(position)
                    position = self._text.find(word, position + 1)
            k = bisect_left(starts, lo)
            if k < len(starts) and starts[k] + len(word) <= hi:
                return True
        return False


@lru_cache(maxsize=256)
def _any_of(words: tuple[str, ...]) -> re.Pattern[str]:
    """One search for any of ``words``: a rule's dozen sentence exceptions are looked for in one
    pass over a short sentence, not a dozen."""
    return re.compile("|".join(map(re.escape, words)))


def _accept(
    norm: NormalisedText, hit: Hit, allow: tuple[str, ...], segmenter: Segmenter, words: _WordPositions
) -> bool:
    """Cheap checks first; jieba only for hits that survive them."""
    rule, start, end = hit.rule, hit.start, hit.end
    if end - start > 1 and not hit.parts:  # a frame keeps its own window
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
    if rule.unless_sentence:
        # 招聘 in one clause of a job ad speaks for the pay figure in the next.
        lo, hi = norm.sentence_bounds(start)
        if words.any_within(rule.unless_sentence, lo, hi):
            return False
    if hit.boundary is None:
        return True
    first, last = norm.clause_bounds(hit.boundary[0]), norm.clause_bounds(hit.boundary[1] - 1)
    return segmenter.on_word_boundaries(compact, *hit.boundary, limits=(first[0], last[1]))


def _merge_overlaps(hits: Iterable[Hit]) -> list[Hit]:
    """One hit per rule per overlapping run (招代理 inside 诚招代理 is one finding)."""
    merged: list[Hit] = []
    last_by_rule: dict[str, int] = {}
    for hit in sorted(hits, key=lambda h: (h.rule.id, h.start, -h.end)):
        previous = last_by_rule.get(hit.rule.id)
        if previous is not None and hit.start < merged[previous].end:
            kept = merged[previous]
            merged[previous] = kept._replace(end=max(kept.end, hit.end))
            continue
        last_by_rule[hit.rule.id] = len(merged)
        merged.append(hit)
    return merged


def _cap_per_rule(hits: list[Hit], limit: int) -> tuple[list[Hit], dict[str, int]]:
    """The first ``limit`` hits of each rule, and how many more each rule had: a paste that
    repeats one claim thousands of times is not judged thousands of times."""
    counts: dict[str, int] = {}
    kept: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (h.rule.id, h.start)):
        seen = counts.get(hit.rule.id, 0)
        counts[hit.rule.id] = seen + 1
        if seen < limit:
            kept.append(hit)
    return kept, {rule_id: n - limit for rule_id, n in counts.items() if n > limit}


def list_per_rule(findings: list[Finding], over: dict[str, int]) -> tuple[list[Finding], tuple[tuple[str, int], ...]]:
    """The first ``MAX_FINDINGS_PER_RULE`` findings of each rule, in text order, and per rule how
    many more there are (with the hits never judged): output grows with distinct problems."""
    if len(findings) == 1:  # most texts with findings: nothing to sort or count
        rule_id = findings[0].rule
        return list(findings), ((rule_id, over[rule_id]),) if rule_id in over else ()
    counts: dict[str, int] = {}
    listed: list[Finding] = []
    for finding in sorted(findings, key=lambda f: (f.location.start, f.location.end, f.rule)):
        seen = counts.get(finding.rule, 0)
        counts[finding.rule] = seen + 1
        if seen < MAX_FINDINGS_PER_RULE:
            listed.append(finding)
    omitted = {rule_id: n - MAX_FINDINGS_PER_RULE for rule_id, n in counts.items() if n > MAX_FINDINGS_PER_RULE}
    for rule_id, n in over.items():
        if rule_id in counts:  # a rule none of whose judged findings was kept gives no more either
            omitted[rule_id] = omitted.get(rule_id, 0) + n
    return listed, tuple(sorted(omitted.items()))


def _one_per_problem(findings: list[Finding]) -> list[Finding]:
    """Two rules of one category on the same words (INC001 and INC010 on 月入十万) are one problem:
    a finding whose span overlaps another's of the same category and context is dropped when the
    other is at least as severe (the most severe, then one on a single line, then the longest, then
    the first id stays).
    Hints (``info``) are kept: compounds read them."""
    if len(findings) < 2:
        return list(findings)
    ranked = sorted(
        findings,
        key=lambda f: (
            -severity_rank(f.rule_severity),
            f.location.end_line - f.location.line,  # words on one line quote better than a paragraph
            -(f.location.end - f.location.start),
            f.rule,
        ),
    )
    kept: list[Finding] = []
    # Per category and context: the kept spans, sorted by start (a span is looked up only among
    # those that start at most the longest kept length before it, so this stays linear).
    spans: dict[tuple[str, str | None], tuple[list[int], list[int], list[int]]] = {}
    for finding in ranked:
        if finding.rule_severity == "info":
            kept.append(finding)
            continue
        starts, ends, longest = spans.setdefault((finding.category, finding.context), ([], [], [0]))
        start, end = finding.location.start, finding.location.end
        k = bisect_left(starts, end)  # kept spans that start before this one ends
        overlapping = False
        while k > 0 and starts[k - 1] >= start - longest[0]:
            k -= 1
            if ends[k] > start:
                overlapping = True
                break
        if overlapping:
            continue
        position = bisect_right(starts, start)
        starts.insert(position, start)
        ends.insert(position, end)
        longest[0] = max(longest[0], end - start)
        kept.append(finding)
    return kept


# Markdown emphasis marks inside a span (诚招**代理**): masking leaves them, since they separate
# words, but a quote shows the words without them.
_EMPHASIS = re.compile(r"(?<=\S)[*_~]{1,3}(?=\S)|^[*_~]{1,3}(?=\S)|(?<=\S)[*_~]{1,3}$")


def _visible(original: str, matched: str) -> str:
    """The characters of ``original`` that markup masking left in place (tags are blanked in
    ``matched``) less emphasis marks, with the blanks' white space collapsed."""
    kept = visible_text(original, matched)
    return " ".join(_EMPHASIS.sub("", kept).split()) or " ".join(matched.split())


def _without_shadowed_hints(findings: list[Finding]) -> list[Finding]:
    """``findings`` (in text order) less the hints that lie inside a stronger finding of the same
    category and context: the same words for the same reason are one finding, the stronger one."""
    # After _one_per_problem the stronger spans of one category and context do not overlap, so the
    # only one that can contain a hint is the last to start at or before it.
    starts: dict[tuple[str, str | None], list[int]] = {}
    ends: dict[tuple[str, str | None], list[int]] = {}
    for f in findings:
        if f.rule_severity != "info" and not f.is_compound:
            starts.setdefault((f.category, f.context), []).append(f.location.start)
            ends.setdefault((f.category, f.context), []).append(f.location.end)
    if not starts:
        return findings
    kept = []
    for f in findings:
        if f.rule_severity == "info" and not f.is_compound:
            key = (f.category, f.context)
            k = bisect_right(starts.get(key, ()), f.location.start) - 1
            if k >= 0 and ends[key][k] >= f.location.end:
                continue
        kept.append(f)
    return kept


def _finding(rule: Rule, location: Location, context: str | None, parts: tuple[Part, ...] = ()) -> Finding:
    return Finding(
        rule=rule.id,
        category=rule.category,
        severity="info" if context else rule.severity,
        rule_severity=rule.severity,
        message=rule.render(location.words),
        location=location,
        context=context,
        references=rule.references,
        parts=parts,
    )


def _compound_finding(rule: Rule, primary: Finding, others: tuple[Finding, ...]) -> Finding:
    parts = tuple(Part(f.location, f.rule) for f in (primary, *others))
    return _finding(rule, primary.location, None, parts)
