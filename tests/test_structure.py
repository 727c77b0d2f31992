"""The README's module map is the package's tree: every module and resource is on it, and
everything on it exists."""

from __future__ import annotations

import re

from conftest import ROOT

PACKAGE = ROOT / "copycheck"
# Files of the package that the map need not name.
UNLISTED = {"__init__.py", "__main__.py", "py.typed"}


def _map() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("```\ncopycheck/\n", readme.index("## How it works")) + 4
    return readme[start : readme.index("\n```", start)]


def _named_in_map() -> set[str]:
    """Paths relative to the package. A file name on a line inside a ``folder/`` block (or on the
    folder's own line) is in that folder; a name with a ``/`` is a path from the package."""
    named: set[str] = set()
    folder = ""
    for line in _map().splitlines()[1:]:
        words = line.split()
        if not words:
            continue
        depth = (len(line) - len(line.lstrip())) // 2
        if words[0].endswith("/"):
            folder = words[0]
        elif depth == 1:
            folder = ""
        for name in re.findall(r"[\w/]+\.(?:py|css|yaml|txt)\b", line):
            named.add(name if "/" in name else folder + name)
    return named


def _tree() -> set[str]:
    found = set()
    for path in PACKAGE.rglob("*"):
        if path.is_file() and "__pycache__" not in path.parts:
            found.add(path.relative_to(PACKAGE).as_posix())
    return found


def test_every_module_and_resource_is_on_the_map() -> None:
    listed = {name for name in _tree() if name.rsplit("/", 1)[-1] not in UNLISTED}
    assert sorted(listed - _named_in_map()) == []


def test_everything_on_the_map_exists() -> None:
    assert sorted(_named_in_map() - _tree()) == []
