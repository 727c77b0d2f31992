"""The errors a user can fix: one family, one line each.

Every error names where the problem is as far as it is known and is shown as
``path:line: field: message``, the parts that are not known left out
(``rules/income.yaml:12: INC001.severity: 'hi' is not one of ...``,
``--ignore: 'inc' is not a rule id, ...``). The command line catches
``CopycheckError`` and prints it after ``copycheck: error:`` with exit code 2.

Not to be confused with ``copycheck.findings.InputError``: that is a record in a
report (one input that could not be checked while the others were), not an exception.
"""

from __future__ import annotations

import os
from typing import Any


class CopycheckError(Exception):
    """A problem the user can fix, with where it is: a file (``path``), a 1-based ``line`` in it,
    and the ``field`` (a rule's ``INC001.severity``, a config key, a command-line option)."""

    def __init__(
        self,
        message: str,
        *,
        path: str | os.PathLike[str] | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.field = field

    def __str__(self) -> str:
        where = "" if self.path is None else str(self.path) + ("" if self.line is None else f":{self.line}")
        return ": ".join(part for part in (where, self.field or "", self.message) if part)

    def __reduce__(self) -> tuple[Any, ...]:
        # Keyword-only fields survive pickling (an error raised in a worker process).
        return (_rebuild, (type(self), self.message, self.path, self.line, self.field))


def _rebuild(
    cls: type[CopycheckError], message: str, path: str | None, line: int | None, field: str | None
) -> CopycheckError:
    return cls(message, path=path, line=line, field=field)


def split_source(source: str) -> dict[str, Any]:
    """``path`` and ``line`` from a ``"path:line"`` source as rules and word classes record it."""
    path, _, line = source.rpartition(":")
    return {"path": path, "line": int(line)} if path and line.isdigit() else {"path": source}


class RuleFileError(CopycheckError):
    """A rule pack that cannot be loaded."""


class LexiconError(RuleFileError):
    """A word-class (lexicon) file that cannot be loaded; it is part of the rule set."""


class ConfigError(CopycheckError):
    """A configuration file or a command-line setting that is wrong."""


class BaselineError(CopycheckError):
    """A baseline file that cannot be read."""


class LabelError(CopycheckError):
    """A labelled-posts file (``copycheck eval``) that cannot be read."""


class DecodeError(CopycheckError):
    """Bytes that are not text copycheck can read; the input is reported, the others still checked."""


class UserError(CopycheckError):
    """Any other problem with how copycheck was run (a misspelt command, an unwritable output)."""
