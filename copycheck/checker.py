"""The library entry point: load rules once, check many texts."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from copycheck import __version__
from copycheck.engine import Engine
from copycheck.law import provisions
from copycheck.loader import load_rules
from copycheck.model import Rule
from copycheck.reading import Document, read_inputs
from copycheck.report import FileReport, InputError, Report


class Checker:
    """Checks texts against a rule set. ``check`` never mutates shared state."""

    def __init__(self, rules: Sequence[Rule] | None = None, extra_rule_dirs: Iterable[Path] = ()) -> None:
        self.rules = tuple(rules) if rules is not None else tuple(load_rules(extra_rule_dirs))
        self._engine = Engine(self.rules)

    def check(self, text: str, path: str = "<text>") -> FileReport:
        return self._engine.check(text, path)

    def check_many(self, texts: Iterable[str]) -> Iterator[FileReport]:
        for number, text in enumerate(texts, start=1):
            yield self.check(text, f"<text {number}>")

    def report(self, files: Iterable[FileReport], errors: Iterable[InputError] = ()) -> Report:
        files = tuple(files)
        cited = {ref.id for rule in self.rules for ref in rule.references}
        known = provisions()
        return Report(
            files=files,
            errors=tuple(errors),
            rules={rule.id: rule for rule in self.rules},
            provisions={pid: known[pid] for pid in sorted(cited) if pid in known},
            version=__version__,
        )

    def check_paths(self, paths: Iterable[str]) -> Report:
        files: list[FileReport] = []
        errors: list[InputError] = []
        for item in read_inputs(paths):
            if isinstance(item, Document):
                files.append(self.check(item.text, item.path))
            else:
                errors.append(item)
        return self.report(files, errors)
