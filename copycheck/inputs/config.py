"""Settings from ``[tool.copycheck]`` in pyproject.toml, or a copycheck.toml, and the CLI.

The nearest configuration file is found by walking up from the first checked
path (or the working directory). An unknown key or a bad value is an error
naming the file and the key. Paths and globs in a file are relative to its folder.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from fnmatch import fnmatch
from pathlib import Path, PurePosixPath
from typing import Any

from copycheck.errors import ConfigError
from copycheck.inputs.reading import DEFAULT_EXCLUDE, MAX_FILE_BYTES, Discovery, PathGlob
from copycheck.ruleset.model import LEVELS, SEVERITIES
from copycheck.ruleset.selectors import Selector, SelectorError

CONFIG_NAMES = ("copycheck.toml", "pyproject.toml")
LANGS = ("zh", "en")
COLOURS = ("auto", "always", "never")


def _path_matches(path: str, pattern: str, root: Path) -> bool:
    """A per-file glob (per-file-ignores, suppress): the path relative to ``root``, or the
    file name alone."""
    relative = _relative_posix(path, root)
    return fnmatch(relative, pattern) or fnmatch(PurePosixPath(relative).name, pattern)


@dataclass(frozen=True)
class SuppressEntry:
    """One ``[[tool.copycheck.suppress]]`` entry: findings of ``rule`` in the files ``path``
    names (and, with ``text``, only those whose quoted words contain it) are not reported.
    It lives in the config because a plain-text post has no place for a comment."""

    number: int  # 1-based, in file order
    path: str  # a glob relative to ``root``
    rule: Selector
    text: str | None
    reason: str
    config: Path
    line: int  # 1-based line of the entry in ``config``, where problems with it are reported

    def __post_init__(self) -> None:
        object.__setattr__(self, "rule", Selector.parse(self.rule))  # a library user may pass a str

    @property
    def root(self) -> Path:
        return self.config.parent

    def applies_to(self, path: str) -> bool:
        return _path_matches(path, self.path, self.root)


@dataclass(frozen=True)
class Settings:
    """What to check and how to report it. Selectors given as plain strings are parsed (a bad
    one raises ``SelectorError``); the config and the command line parse them first, to name
    the key or option in the error."""

    select: tuple[Selector, ...] = ()  # empty: every rule
    ignore: tuple[Selector, ...] = ()
    extend_select: tuple[Selector, ...] = ()
    fail_on: str = "high"
    min_severity: str = "info"
    lang: str = "zh"
    extend_rules: tuple[Path, ...] = ()
    allow: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[Selector, ...]], ...] = ()
    root: Path = field(default_factory=Path.cwd)  # per-file-ignores globs are relative to it
    source: Path | None = None
    # What the command line reads from a config file too; the library ignores these.
    output_format: str = "text"
    output_file: Path | None = None
    exit_zero: bool = False
    jobs: int | None = None  # None: one worker per CPU
    show_hints: bool = False
    color: str = "auto"
    max_file_size: float = MAX_FILE_BYTES / 1e6  # MB of 10^6 bytes
    exclude: tuple[PathGlob, ...] | None = None  # None: DEFAULT_EXCLUDE, relative to ``root``
    extend_exclude: tuple[PathGlob, ...] = ()
    respect_gitignore: bool = True
    force_exclude: bool = False
    suppress: tuple[SuppressEntry, ...] = ()

    def __post_init__(self) -> None:
        for key in ("select", "ignore", "extend_select"):
            object.__setattr__(self, key, tuple(Selector.parse(s) for s in getattr(self, key)))
        pairs = tuple((glob, tuple(Selector.parse(s) for s in selectors)) for glob, selectors in self.per_file_ignores)
        object.__setattr__(self, "per_file_ignores", pairs)

    def discovery(self, stdin_filename: str | None = None) -> Discovery:
        """How the command line walks folders with these settings."""
        # The defaults are rooted at the config's folder: --force-exclude looks at the folders
        # of a named path below it only, so a project inside some "build" folder is still checked.
        exclude = self.exclude if self.exclude is not None else tuple(PathGlob(n, self.root) for n in DEFAULT_EXCLUDE)
        return Discovery(
            exclude=(*exclude, *self.extend_exclude),
            respect_gitignore=self.respect_gitignore,
            force_exclude=self.force_exclude,
            stdin_filename=stdin_filename,
            root=self.root,
        )

    def selects(self, rule_id: str, category: str) -> bool:
        def named(selectors: tuple[Selector, ...]) -> bool:
            return any(s.names(rule_id, category) for s in selectors)

        chosen = (not self.select or named(self.select)) or named(self.extend_select)
        return chosen and not named(self.ignore)

    def ignores_for(self, path: str) -> tuple[Selector, ...]:
        """The per-file-ignores selectors that apply to ``path``."""
        if not self.per_file_ignores:
            return ()
        return tuple(
            selector
            for pattern, selectors in self.per_file_ignores
            if _path_matches(path, pattern, self.root)
            for selector in selectors
        )


def _relative_posix(path: str, root: Path) -> str:
    try:
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    except (ValueError, OSError):
        return Path(path).as_posix()


def find_config(start: Path) -> Path | None:
    """The nearest copycheck.toml, or pyproject.toml with a [tool.copycheck] table."""
    directory = start if start.is_dir() else start.parent
    directory = directory.resolve()
    for folder in (directory, *directory.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            try:
                found = candidate.is_file()
            except OSError as error:  # an unreadable folder on the way up may hold the config
                raise ConfigError(f"cannot read: {error.strerror or error}", path=candidate) from None
            if found and (name == "copycheck.toml" or _has_tool_table(candidate)):
                return candidate
    return None


def _has_tool_table(path: Path) -> bool:
    """Whether a pyproject.toml configures copycheck. One that cannot be parsed but mentions
    ``tool.copycheck`` counts (loading it then reports the TOML error, rather than the settings
    being silently ignored)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"cannot read: {getattr(error, 'strerror', None) or error}", path=path) from None
    toml = _toml()
    try:
        data = toml.loads(text)
    except toml.TOMLDecodeError:
        return "tool.copycheck" in text.replace(" ", "")
    return isinstance(data.get("tool"), dict) and "copycheck" in data["tool"]


def _toml() -> Any:
    """The TOML reader, imported when a config file is read (most runs have none)."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib
    return tomllib


def load_config(path: Path) -> Settings:
    toml = _toml()
    try:
        text = path.read_text(encoding="utf-8")
        data = toml.loads(text)
    except OSError as error:
        raise ConfigError(f"cannot read: {error.strerror or error}", path=path) from None
    except UnicodeDecodeError:
        raise ConfigError("not UTF-8 text", path=path) from None
    except toml.TOMLDecodeError as error:
        raise ConfigError(f"invalid TOML: {error}", path=path) from None
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("copycheck", {})
        where = "[tool.copycheck]"
    else:
        table = data.get("tool", {}).get("copycheck", data)
        where = "copycheck.toml"
    return settings_from_table(table, path, where, text)


def _strings(value: Any, key: str, fail: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise fail(key, "expected a list of strings")
    return tuple(value)


def _output_formats() -> tuple[str, ...]:
    """The ``--format`` names, as the formatter modules declare them."""
    from copycheck.formatters import format_names

    return format_names()


# Keys read the same way: a choice among these words (or those a function returns).
_CHOICES: dict[str, tuple[str, ...] | Callable[[], tuple[str, ...]]] = {
    "fail-on": LEVELS[1:],
    "min-severity": SEVERITIES,
    "lang": LANGS,
    "format": _output_formats,
    "color": COLOURS,
}
_FLAGS = ("exit-zero", "show-hints", "respect-gitignore", "force-exclude")
_FIELD = {"format": "output_format"}  # keys whose Settings field is not the key with "_"
KNOWN_KEYS = frozenset(
    {
        "select",
        "ignore",
        "extend-select",
        "extend-rules",
        "allow",
        "per-file-ignores",
        "output-file",
        "jobs",
        "max-file-size",
        "exclude",
        "extend-exclude",
        "suppress",
        *_CHOICES,
        *_FLAGS,
    }
)
_SUPPRESS_KEYS = ("path", "rule", "text", "reason")


def settings_from_table(table: dict[str, Any], path: Path, where: str, text: str = "") -> Settings:
    """Settings from a parsed ``[tool.copycheck]`` table; ``text`` (the file's source) only
    places ``suppress`` entries on their lines."""

    def fail(key: str, problem: str) -> ConfigError:
        return ConfigError(problem, path=path, field=f"{where} {key}")

    def selectors(value: Any, key: str) -> tuple[Selector, ...]:
        try:
            return tuple(Selector.parse(s) for s in _strings(value, key, fail))
        except SelectorError as error:
            raise fail(key, error.message) from None

    unknown = sorted(set(table) - KNOWN_KEYS)
    if unknown:
        raise fail(unknown[0], f"unknown key (known: {', '.join(sorted(KNOWN_KEYS))})")
    settings = Settings(root=path.parent, source=path)
    values: dict[str, Any] = {}
    for key in ("select", "ignore", "extend-select"):
        if key in table:
            values[key.replace("-", "_")] = selectors(table[key], key)
    for key, choices in _CHOICES.items():
        if key in table:
            options = choices() if callable(choices) else choices
            if table[key] not in options:
                raise fail(key, f"{table[key]!r} is not one of {', '.join(options)}")
            values[_FIELD.get(key, key.replace("-", "_"))] = table[key]
    for key in _FLAGS:
        if key in table:
            if not isinstance(table[key], bool):
                raise fail(key, f"{table[key]!r} is not true or false")
            values[key.replace("-", "_")] = table[key]
    if "jobs" in table:
        jobs = table["jobs"]
        if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
            raise fail("jobs", f"{jobs!r} is not a whole number of at least 1")
        values["jobs"] = jobs
    if "max-file-size" in table:
        size = table["max-file-size"]
        if isinstance(size, bool) or not isinstance(size, (int, float)) or not size > 0:
            raise fail("max-file-size", f"{size!r} is not a number of megabytes above 0")
        values["max_file_size"] = float(size)
    if "output-file" in table:
        target = table["output-file"]
        if not isinstance(target, str) or not target:
            raise fail("output-file", "expected a file name")
        values["output_file"] = path.parent / target
    for key in ("exclude", "extend-exclude"):
        if key in table:
            values[key.replace("-", "_")] = tuple(PathGlob(g, path.parent) for g in _strings(table[key], key, fail))
    if "extend-rules" in table:
        folders = tuple(path.parent / p for p in _strings(table["extend-rules"], "extend-rules", fail))
        for folder in folders:
            if not folder.is_dir():
                raise fail("extend-rules", f"{folder} is not a folder")
        values["extend_rules"] = folders
    if "allow" in table:
        values["allow"] = _strings(table["allow"], "allow", fail)
    if "per-file-ignores" in table:
        raw = table["per-file-ignores"]
        if not isinstance(raw, dict):
            raise fail("per-file-ignores", "expected a table of glob = [rule ids]")
        pairs = []
        for pattern, names in raw.items():
            pairs.append((pattern, selectors(names, f"per-file-ignores.{pattern}")))
        values["per_file_ignores"] = tuple(pairs)
    if "suppress" in table:
        values["suppress"] = _suppress_entries(table["suppress"], path, text, fail)
    return replace(settings, **values)


# The header of an array-of-tables entry: [[tool.copycheck.suppress]] or, in copycheck.toml, [[suppress]].
_SUPPRESS_HEADER = re.compile(
    r"^[ \t]*\[\[[ \t]*(?:tool[ \t]*\.[ \t]*copycheck[ \t]*\.[ \t]*)?suppress[ \t]*\]\]", re.MULTILINE
)
_SUPPRESS_KEY = re.compile(r"^[ \t]*suppress[ \t]*=", re.MULTILINE)


def _entry_lines(text: str, count: int) -> list[int]:
    """The line of each suppress entry in the source: its ``[[...suppress]]`` header, or the
    ``suppress =`` line for an inline array (then all entries share it)."""
    headers = [text.count("\n", 0, m.start()) + 1 for m in _SUPPRESS_HEADER.finditer(text)]
    if len(headers) == count:
        return headers
    key = _SUPPRESS_KEY.search(text)
    line = text.count("\n", 0, key.start()) + 1 if key else 1
    return [line] * count


def _suppress_entries(raw: Any, path: Path, text: str, fail: Any) -> tuple[SuppressEntry, ...]:
    if not isinstance(raw, list):
        raise fail("suppress", "expected [[suppress]] entries (an array of tables)")
    lines = _entry_lines(text, len(raw))
    entries = []
    for number, entry in enumerate(raw, start=1):
        where = f"suppress (entry {number})"
        if not isinstance(entry, dict):
            raise fail(where, "expected a table with path, rule and reason")
        unknown = sorted(set(entry) - set(_SUPPRESS_KEYS))
        if unknown:
            raise fail(f"{where} {unknown[0]}", f"unknown key (known: {', '.join(_SUPPRESS_KEYS)})")
        for key in ("path", "rule"):
            if key not in entry:
                raise fail(where, f"no {key}")
        for key in _SUPPRESS_KEYS:
            value = entry.get(key)
            if key in entry and not isinstance(value, str):
                raise fail(f"{where} {key}", "expected a string")
            if key in ("path", "rule", "text") and value == "":
                raise fail(f"{where} {key}", "is empty")
        try:
            rule = Selector.parse(entry["rule"])
        except SelectorError as error:
            raise fail(f"{where} rule", error.message) from None
        entries.append(
            SuppressEntry(
                number=number,
                path=entry["path"],
                rule=rule,
                text=entry.get("text"),
                # A missing reason is reported (SUP001) when checking, as for a comment.
                reason=entry.get("reason", "").strip(),
                config=path,
                line=lines[number - 1],
            )
        )
    return tuple(entries)

