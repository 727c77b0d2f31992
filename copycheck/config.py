"""Settings from ``[tool.copycheck]`` in pyproject.toml, or a copycheck.toml, and the CLI.

The nearest configuration file is found by walking up from the first checked
path (or the working directory). An unknown key or a bad value is an error
naming the file and the key.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field, replace
from fnmatch import fnmatch
from pathlib import Path, PurePosixPath
from typing import Any

from copycheck.model import CATEGORIES, LEVELS, SEVERITIES, selector_matches

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

CONFIG_NAMES = ("copycheck.toml", "pyproject.toml")
LANGS = ("zh", "en")


class ConfigError(Exception):
    """A configuration problem; ``str()`` is the one-line message."""


@dataclass(frozen=True)
class Settings:
    select: tuple[str, ...] = ()  # empty: every rule
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    fail_on: str = "high"
    min_severity: str = "info"
    lang: str = "zh"
    extend_rules: tuple[Path, ...] = ()
    allow: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    root: Path = field(default_factory=Path.cwd)  # per-file-ignores globs are relative to it
    source: Path | None = None

    def selects(self, rule_id: str, category: str) -> bool:
        def named(selectors: tuple[str, ...]) -> bool:
            return any(selector_names(s, rule_id, category) for s in selectors)

        chosen = (not self.select or named(self.select)) or named(self.extend_select)
        return chosen and not named(self.ignore)

    def ignores_for(self, path: str) -> tuple[str, ...]:
        """The per-file-ignores selectors that apply to ``path``."""
        if not self.per_file_ignores:
            return ()
        relative = _relative_posix(path, self.root)
        name = PurePosixPath(relative).name
        return tuple(
            selector
            for pattern, selectors in self.per_file_ignores
            if fnmatch(relative, pattern) or fnmatch(name, pattern)
            for selector in selectors
        )


def selector_names(selector: str, rule_id: str, category: str) -> bool:
    """A rule id, an id prefix (INC, INC0), a category id, or ALL."""
    if selector == "ALL" or selector == category:
        return True
    if selector.startswith("category:"):
        return selector_matches(selector, rule_id, category)
    return rule_id.startswith(selector)


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
                raise ConfigError(f"{candidate}: cannot read: {error.strerror or error}") from None
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
        raise ConfigError(f"{path}: cannot read: {getattr(error, 'strerror', None) or error}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return "tool.copycheck" in text.replace(" ", "")
    return isinstance(data.get("tool"), dict) and "copycheck" in data["tool"]


def load_config(path: Path) -> Settings:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ConfigError(f"{path}: cannot read: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("copycheck", {})
        where = "[tool.copycheck]"
    else:
        table = data.get("tool", {}).get("copycheck", data)
        where = "copycheck.toml"
    return settings_from_table(table, path, where)


def _strings(value: Any, key: str, fail: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise fail(key, "expected a list of strings")
    return tuple(value)


def settings_from_table(table: dict[str, Any], path: Path, where: str) -> Settings:
    def fail(key: str, problem: str) -> ConfigError:
        return ConfigError(f"{path}: {where} {key}: {problem}")

    known = {
        "select",
        "ignore",
        "extend-select",
        "fail-on",
        "min-severity",
        "lang",
        "extend-rules",
        "allow",
        "per-file-ignores",
    }
    unknown = sorted(set(table) - known)
    if unknown:
        raise fail(unknown[0], f"unknown key (known: {', '.join(sorted(known))})")
    settings = Settings(root=path.parent, source=path)
    values: dict[str, Any] = {}
    for key in ("select", "ignore", "extend-select"):
        if key in table:
            selectors = _strings(table[key], key, fail)
            for selector in selectors:
                check_selector(selector, lambda problem, k=key: fail(k, problem))
            values[key.replace("-", "_")] = selectors
    for key, options in (("fail-on", LEVELS[1:]), ("min-severity", SEVERITIES), ("lang", LANGS)):
        if key in table:
            if table[key] not in options:
                raise fail(key, f"{table[key]!r} is not one of {', '.join(options)}")
            values[key.replace("-", "_")] = table[key]
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
        for pattern, selectors in raw.items():
            checked = _strings(selectors, f"per-file-ignores.{pattern}", fail)
            for selector in checked:
                check_selector(selector, lambda problem, p=pattern: fail(f"per-file-ignores.{p}", problem))
            pairs.append((pattern, checked))
        values["per_file_ignores"] = tuple(pairs)
    return replace(settings, **values)


def check_selector(selector: str, fail: Any) -> None:
    """A selector must look like a rule id or prefix, a category, or ALL."""
    valid = (
        selector == "ALL"
        or selector in CATEGORIES
        or (selector.startswith("category:") and selector.removeprefix("category:") in CATEGORIES)
        or (selector[:2].isalpha() and selector.isalnum() and selector.upper() == selector)
    )
    if not valid:
        raise fail(f"{selector!r} is not a rule id, id prefix, category or ALL")
