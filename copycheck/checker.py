"""The library entry point: load rules once, check many texts.

``Checker.check`` runs the engine, then applies the user's settings (selection,
per-file ignores, suppression comments, minimum severity) and scores what is
left, so the risk level always matches the findings a user can see.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from copy import copy
from dataclasses import replace
from pathlib import Path

from copycheck import __version__
from copycheck.engine import MAX_FINDINGS_PER_RULE, Engine, list_per_rule
from copycheck.findings import FileReport, Finding, InputError, Location, Report
from copycheck.inputs.config import Settings
from copycheck.inputs.markup import markup_kind, markup_view
from copycheck.inputs.reading import Discovery, Document, LargeFile, iter_chunks
from copycheck.inputs.suppressions import META_RULES, apply_suppressions
from copycheck.ruleset.law import provisions
from copycheck.ruleset.loader import load_ruleset
from copycheck.ruleset.model import Rule, severity_rank
from copycheck.scoring import score_findings

# Below this much text per worker (about a third of a second of work), starting processes
# costs more than it saves.
MIN_CHARS_PER_JOB = 1_000_000
# Large files are checked in chunks of about this many characters; each chunk is prefixed with
# the last lines of the one before (up to OVERLAP_CHARS) so matches across the border are found.
CHUNK_CHARS = 1 << 20
OVERLAP_CHARS = 2048


class Checker:
    """Checks texts against a rule set. ``check`` never mutates shared state."""

    def __init__(
        self,
        rules: Sequence[Rule] | None = None,
        extra_rule_dirs: Iterable[Path] = (),
        settings: Settings | None = None,
    ) -> None:
        self.settings = settings or Settings()
        self._extra_rule_dirs = (*self.settings.extend_rules, *extra_rule_dirs)
        # Rule-pack warnings (literals that can never match) of the packs loaded here; given rules
        # were loaded, and warned about, by the caller.
        self.warnings: tuple[str, ...] = ()
        if rules is None:
            loaded = load_ruleset(self._extra_rule_dirs)
            rules, self.warnings = loaded.rules, loaded.warnings
        self.rules = tuple(rules)
        self._engine = Engine(self.rules, allow=self.settings.allow)
        self._known_ids = frozenset(r.id for r in (*self.rules, *META_RULES))
        self._rules_by_id = {r.id: r for r in self.rules}
        self._select(self.settings)

    def _select(self, settings: Settings) -> None:
        """Work out once whether ``settings`` select each rule (and each suppression rule), and
        whether they show every finding of a plain text as the engine reports it (no rule left
        out, no per-file ignores, no severity floor): most runs, which then skip the filtering."""
        self._selection = {r.id: settings.selects(r.id, r.category) for r in (*self.rules, *META_RULES)}
        everything_selected = all(self._selection.values())
        self._shows_everything = (
            everything_selected and not settings.per_file_ignores and severity_rank(settings.min_severity) == 0
        )

    def _selected(self, rule_id: str, category: str) -> bool:
        selected = self._selection.get(rule_id)
        return self.settings.selects(rule_id, category) if selected is None else selected

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        # Compiled matchers are rebuilt in the receiving process from the same rules.
        return (Checker, (self.rules, (), self.settings))

    def check(self, text: str, path: str = "<text>", markup: str | None = "auto") -> FileReport:
        """Check one text. ``markup``: "auto" (by file suffix), "markdown", "html" or None."""
        kind = markup_kind(path) if markup == "auto" else markup
        view = markup_view(text, kind) if kind else None
        report = self._engine.check(text, path, view.text if view else None)
        if kind and view is not None and view.failed:
            report = replace(report, markup_fallback=kind)
        if report.gave_up:
            report = replace(report, gave_up=tuple(r for r in report.gave_up if self._selected_id(r)))
        if not kind and (not report.findings or self._shows_everything):
            return report  # nothing to select, suppress or re-score
        settings = self.settings
        ignored_here = settings.ignores_for(path)

        def wanted(f: Finding) -> bool:
            return self._selected(f.rule, f.category) and not any(s.names(f.rule, f.category) for s in ignored_here)

        findings = [f for f in report.findings if wanted(f)]
        if any(not f.is_compound and not wanted(f) for f in report.findings):
            # A hidden part feeds no conclusion: the compounds are those of the parts shown.
            findings = [f for f in self._engine.combine([f for f in findings if not f.is_compound]) if wanted(f)]
        rules = {f.rule: f.category for f in findings}
        omitted = tuple((rule_id, n) for rule_id, n in report.omitted if rule_id in rules)
        if kind:
            unlisted = [rule_id for rule_id, _ in omitted]
            before = len(findings)
            findings, meta = apply_suppressions(findings, text, kind, self._known_ids, unlisted)
            if len(findings) < before:
                findings = self.recombined(findings)
            meta, more = list_per_rule([f for f in meta if self._selected(f.rule, f.category)], {})
            findings.extend(meta)
            omitted += more
            findings.sort(key=lambda f: (f.location.start, f.location.end, f.rule))
        # Nothing deselected, ignored or suppressed: the engine's score stands.
        risk = report.risk if not kind and len(findings) == len(report.findings) else score_findings(findings)
        floor = severity_rank(settings.min_severity)
        shown = tuple(f for f in findings if severity_rank(f.severity) >= floor)
        return replace(report, findings=shown, risk=risk, omitted=omitted)

    def recombined(self, kept: list[Finding]) -> list[Finding]:
        """After suppressions: compounds rebuilt from the parts left, minus compound rules whose
        own finding was suppressed."""
        compounds_left = {f.rule for f in kept if f.is_compound}
        parts = [f for f in kept if not f.is_compound]
        return [f for f in self._engine.combine(parts) if not f.is_compound or f.rule in compounds_left]

    def _selected_id(self, rule_id: str) -> bool:
        rule = self._rules_by_id.get(rule_id)
        return rule is None or self._selected(rule.id, rule.category)

    def check_large(
        self, large: LargeFile, chunk_chars: int = CHUNK_CHARS, overlap_chars: int = OVERLAP_CHARS
    ) -> FileReport | InputError:
        """Check a file chunk by chunk: memory stays flat, findings are those of the whole text.

        Compound rules combine findings within a chunk, and the report keeps no copy of the text.
        """
        kind = markup_kind(large.path)
        findings: list[Finding] = []
        omitted: Counter[str] = Counter()
        listed: Counter[str] = Counter()
        gave_up: set[str] = set()
        markup_fallback = ""
        offset = line = 0
        prefix = ""
        column = 0  # characters between the start of its line and the start of ``text``
        try:
            for chunk in iter_chunks(large, chunk_chars):
                text = prefix + chunk
                shift, line_shift = offset - len(prefix), line - prefix.count("\n")
                report = self.check(text, large.path, kind)
                omitted.update(dict(report.omitted))
                gave_up.update(report.gave_up)
                markup_fallback = markup_fallback or report.markup_fallback
                for finding in report.findings:
                    if finding.location.end <= len(prefix):
                        continue  # wholly inside the overlap: the previous chunk reported it
                    if listed[finding.rule] >= MAX_FINDINGS_PER_RULE:
                        omitted[finding.rule] += 1
                        continue
                    listed[finding.rule] += 1
                    findings.append(_shifted(finding, shift, line_shift, column))
                offset += len(chunk)
                line += chunk.count("\n")
                # The next text starts with the last ``overlap_chars`` of this one, from a line
                # start when one is near; a long last line is cut into, and columns follow.
                cut = max(0, len(text) - overlap_chars)
                line_start = text.rfind("\n", 0, cut) + 1
                if cut - line_start <= overlap_chars:
                    cut = line_start
                column = cut - line_start if line_start > 0 else column + cut
                prefix = text[cut:]
        except UnicodeDecodeError as error:
            return InputError(large.path, f"not {large.encoding.removesuffix('-sig').upper()} text ({error.reason})")
        except OSError as error:
            return InputError(large.path, f"cannot read: {error.strerror or error}")
        return FileReport(
            path=large.path,
            text="",
            findings=tuple(findings),
            risk=score_findings(findings),
            omitted=tuple(sorted(omitted.items())),
            gave_up=tuple(sorted(gave_up)),
            markup_fallback=markup_fallback,
        )

    def _check_large_guarded(self, large: LargeFile) -> FileReport | InputError:
        try:
            return self.check_large(large)
        except MemoryError:
            return InputError(large.path, "too large to check in the memory available")
        except Exception as error:  # a bug: reported for this input, with what went wrong
            return InputError(large.path, f"internal error while checking: {type(error).__name__}: {error}")

    def check_many(self, texts: Iterable[str]) -> Iterator[FileReport]:
        for number, text in enumerate(texts, start=1):
            yield self.check(text, f"<text {number}>", markup=None)

    def check_document(self, document: Document) -> FileReport | InputError:
        """``check`` for one input of a run: a failure inside it is an error for that input alone
        (the other inputs are still checked), never the end of the run."""
        try:
            return self.check(document.text, document.path, document.markup)
        except RecursionError:
            return InputError(document.path, "too deeply nested to check")
        except MemoryError:
            return InputError(document.path, "too large to check in the memory available")
        except Exception as error:  # a bug: reported for this input, with what went wrong
            return InputError(document.path, f"internal error while checking: {type(error).__name__}: {error}")

    def check_documents(self, documents: Sequence[Document], jobs: int = 1) -> list[FileReport | InputError]:
        """Check documents in order, in ``jobs`` processes when there are enough of them."""
        workers = min(jobs, len(documents), sum(len(doc.text) for doc in documents) // MIN_CHARS_PER_JOB)
        if workers <= 1:
            return [self.check_document(doc) for doc in documents]
        from concurrent.futures import ProcessPoolExecutor  # only when there is enough work for it

        chunk = max(1, len(documents) // (workers * 8))
        with ProcessPoolExecutor(max_workers=workers, initializer=_start_worker, initargs=(self,)) as pool:
            return list(pool.map(_check_in_worker, documents, chunksize=chunk))

    def report(self, files: Iterable[FileReport], errors: Iterable[InputError] = ()) -> Report:
        rules = {rule.id: rule for rule in (*self.rules, *META_RULES)}
        cited = {ref.id for rule in self.rules for ref in rule.references}
        known = provisions()
        return Report(
            files=tuple(files),
            errors=tuple(errors),
            rules=rules,
            provisions={pid: known[pid] for pid in sorted(cited) if pid in known},
            version=__version__,
        )

    def with_settings(self, settings: Settings) -> Checker:
        """This checker's rules (whatever ``settings.extend_rules`` says) under other settings,
        reusing the compiled engine unless the allow list differs."""
        if settings.allow != self.settings.allow:
            return Checker(self.rules, settings=settings)
        other = copy(self)
        other.settings = settings
        other._select(settings)
        return other

    def check_paths(
        self,
        paths: Iterable[str],
        jobs: int = 1,
        input_format: str = "text",
        limit: int | None = None,
        discovery: Discovery | None = None,
    ) -> Report:
        """Read and check ``paths``; an input larger than ``limit`` bytes is an error of its own.

        ``discovery`` says which files a folder yields (exclusions, .gitignore) and names standard
        input. The settings' ``[[tool.copycheck.suppress]]`` entries are applied here, across the
        run, because an entry that suppresses nothing in any file is reported (SUP003).
        """
        if not self.settings.suppress:
            return self._read_and_check(paths, jobs, input_format, limit, discovery)
        from copycheck.inputs.suppressions import apply_config_suppressions

        # An entry re-scores a file from all its findings: the severity floor comes after it.
        everything = self.with_settings(replace(self.settings, min_severity="info"))
        report = everything._read_and_check(paths, jobs, input_format, limit, discovery)
        files = apply_config_suppressions(report.files, self.settings, self.rules, self.recombined)
        return replace(report, files=tuple(files))

    def _read_and_check(
        self, paths: Iterable[str], jobs: int, input_format: str, limit: int | None, discovery: Discovery | None
    ) -> Report:
        from copycheck.inputs.reading import MAX_FILE_BYTES, TEXT_SUFFIXES, read_inputs, read_records

        limit = MAX_FILE_BYTES if limit is None else limit
        if input_format == "jsonl":
            items = list(read_records(paths, limit, discovery))
        else:
            items = list(read_inputs(paths, TEXT_SUFFIXES, limit, discovery))
        documents = [item for item in items if isinstance(item, Document)]
        checked = iter(self.check_documents(documents, jobs))
        files: list[FileReport] = []
        errors: list[InputError] = []
        for item in items:
            result = next(checked) if isinstance(item, Document) else item
            if isinstance(result, LargeFile):
                result = self._check_large_guarded(result)
            (errors if isinstance(result, InputError) else files).append(result)
        return self.report(files, errors)


_worker_checker: Checker | None = None


def _start_worker(checker: Checker) -> None:
    global _worker_checker
    _worker_checker = checker


def _check_in_worker(document: Document) -> FileReport | InputError:
    assert _worker_checker is not None
    return _worker_checker.check_document(document)


def _moved(location: Location, shift: int, line_shift: int, column: int) -> Location:
    """A location in a chunk's text moved to the file: ``column`` characters of the file's line
    come before the text's first line (a chunk that starts inside a line)."""
    return replace(
        location,
        start=location.start + shift,
        end=location.end + shift,
        line=location.line + line_shift,
        end_line=location.end_line + line_shift,
        column=location.column + (column if location.line == 1 else 0),
        end_column=location.end_column + (column if location.end_line == 1 else 0),
    )


def _shifted(finding: Finding, shift: int, line_shift: int, column: int = 0) -> Finding:
    return replace(
        finding,
        location=_moved(finding.location, shift, line_shift, column),
        parts=tuple(replace(part, location=_moved(part.location, shift, line_shift, column)) for part in finding.parts),
    )
