"""Read inputs: files, folders (recursively) and ``-`` for standard input.

Text is decoded as UTF-8 (a BOM is dropped) and then as GB18030; anything else,
and anything that looks binary, is an error for that input alone.

Which files a folder holds is decided by a ``Discovery``: exclusion globs
(``exclude`` / ``extend-exclude``) and ``.gitignore`` files, as ruff does. A path
named on the command line is read even when excluded, unless ``force_exclude``.
"""

from __future__ import annotations

import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from copycheck.errors import DecodeError
from copycheck.findings import InputError

# Files larger than this are checked in chunks so memory stays flat whatever the size.
STREAM_BYTES = 8 * 1024 * 1024
# Inputs larger than this are refused unless --max-file-size says otherwise (10^6 bytes a MB).
MAX_FILE_BYTES = 1_000_000_000
SNIFF_BYTES = 1024 * 1024
TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".html", ".htm"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson", ".json"})
STDIN = "-"
STDIN_NAME = "<stdin>"  # how standard input is shown unless --stdin-filename names it
_CONTROL_OK = frozenset("\t\n\r\f\v\x1b")
_MAX_CONTROL_SHARE = 0.01


# -- which files a folder holds ----------------------------------------------------------------

# Skipped in every folder walk unless ``exclude`` replaces them (ruff's defaults, less its Python
# packaging folders): tool state and vendored trees hold no posts of the user's.
DEFAULT_EXCLUDE = (
    ".git",
    ".hg",
    ".svn",
    "node_modules",
    ".venv",
    "venv",
    "build",
    "dist",
    "__pycache__",
    ".tox",
    ".mypy_cache",
    ".ruff_cache",
    ".pytest_cache",
)


def glob_regex(pattern: str) -> str:
    """A gitignore-style glob as a regular expression over a ``/``-separated relative path:
    ``*`` and ``?`` stay inside one folder name, ``**`` spans folders, ``[...]`` is a class and
    a backslash makes the next character literal."""
    out: list[str] = []
    i, n = 0, len(pattern)
    while i < n:
        char = pattern[i]
        if char == "*":
            if pattern.startswith("**", i):
                after = i + 2
                whole_name = i == 0 or pattern[i - 1] == "/"
                if whole_name and after == n:
                    out.append(".*")  # "dir/**": everything inside
                    i = after
                    continue
                if whole_name and pattern[after] == "/":
                    out.append("(?:.*/)?")  # "**/x", "a/**/x": zero or more folders
                    i = after + 1
                    continue
                i = after - 1  # "a**b" is git's "a*b"
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "[":
            end = i + 1
            if end < n and pattern[end] in "!^":
                end += 1
            if end < n and pattern[end] == "]":
                end += 1
            while end < n and pattern[end] != "]":
                end += 1
            if end >= n:
                out.append(re.escape(char))  # an unclosed bracket is a literal one
            else:
                body = pattern[i + 1 : end]
                negated = body[:1] in ("!", "^")
                body = body[1:] if negated else body
                body = body.replace("\\", "\\\\").replace("[", "\\[").replace("^", "\\^")
                out.append(("[^/" if negated else "[") + body + "]")
                i = end
        elif char == "\\" and i + 1 < n:
            i += 1
            out.append(re.escape(pattern[i]))
        else:
            out.append(re.escape(char))
        i += 1
    return "".join(out)


@dataclass(frozen=True)
class PathGlob:
    """An ``exclude`` glob. Without a ``/`` it names a file or folder anywhere (``drafts``,
    ``*.bak``); with one it is a path relative to ``root``, the folder of the config file that
    holds it (or the working directory, for one given on the command line)."""

    pattern: str
    root: Path = field(default_factory=Path.cwd)

    @property
    def anchored(self) -> bool:
        return "/" in self._cleaned

    @property
    def _cleaned(self) -> str:
        cleaned = self.pattern.replace(os.sep, "/").rstrip("/")
        while cleaned.startswith("./"):
            cleaned = cleaned[2:]
        return cleaned

    @property
    def regex(self) -> re.Pattern[str]:
        return _compiled(self._cleaned.lstrip("/") if self._cleaned.startswith("/") else self._cleaned)

    @property
    def base(self) -> Path:
        """The folder an anchored pattern is relative to (``/`` for an absolute one)."""
        return Path("/") if self._cleaned.startswith("/") else self.root

    def matches_name(self, name: str) -> bool:
        return not self.anchored and self.regex.fullmatch(name) is not None


_regex_cache: dict[str, re.Pattern[str]] = {}


def _compiled(pattern: str) -> re.Pattern[str]:
    compiled = _regex_cache.get(pattern)
    if compiled is None:
        compiled = _regex_cache[pattern] = re.compile(glob_regex(pattern), re.DOTALL)
    return compiled


def _absolute(path: Path) -> Path:
    return Path(os.path.abspath(path))


def _relative_to(path: Path, base: Path) -> str | None:
    """``path`` below ``base`` as a posix string ("" for ``base`` itself), or None."""
    try:
        pairs = ((path, base), (path.resolve(), base.resolve()))  # a symlinked root may differ only here
    except (OSError, RuntimeError):  # a symlink loop
        pairs = ((path, base),)
    for candidate, folder in pairs:
        try:
            relative = PurePosixPath(candidate.relative_to(folder)).as_posix()
        except ValueError:
            continue
        return "" if relative == "." else relative
    return None


@dataclass(frozen=True)
class _IgnoreRule:
    regex: re.Pattern[str]
    negated: bool
    folders_only: bool


def parse_gitignore(text: str) -> tuple[_IgnoreRule, ...]:
    """The rules of one ``.gitignore`` (``man gitignore``): comments, blank lines, ``!``
    negation, a trailing ``/`` for folders, a leading or inner ``/`` anchoring the pattern to
    the file's folder; a pattern with no ``/`` matches a name at any depth."""
    rules = []
    for raw in text.splitlines():
        line = raw.rstrip("\r")
        # Trailing spaces are dropped unless escaped with a backslash.
        stripped = line.rstrip(" ")
        if stripped.endswith("\\") and len(stripped) < len(line):
            stripped += " "
        line = stripped
        if not line or line.startswith("#"):
            continue
        negated = line.startswith("!")
        if negated or line.startswith(("\\!", "\\#")):  # a backslash makes a leading ! or # literal
            line = line[1:]
        folders_only = line.endswith("/")
        line = line.rstrip("/")
        if not line:
            continue
        # A "/" anywhere but at the end anchors the pattern to the .gitignore's folder.
        pattern = glob_regex(line.removeprefix("/")) if "/" in line else "(?:.*/)?" + glob_regex(line)
        rules.append(_IgnoreRule(re.compile(pattern, re.DOTALL), negated, folders_only))
    return tuple(rules)


@dataclass(frozen=True)
class _Gitignore:
    """The rules of one ``.gitignore``. Its patterns are relative to its own folder, so a path
    relative to the walked folder loses ``strip`` (a nested file's folder) or gains ``add`` (the
    walked folder's path from a file in a folder above it)."""

    rules: tuple[_IgnoreRule, ...]
    strip: str = ""
    add: str = ""

    def verdict(self, walked: str, is_dir: bool) -> bool | None:
        """True: ignored, False: re-included by ``!``, None: no rule speaks of it."""
        relative = self.add + walked[len(self.strip) :]
        for rule in reversed(self.rules):  # the last matching rule decides
            if rule.folders_only and not is_dir:
                continue
            if rule.regex.fullmatch(relative):
                return not rule.negated
        return None


@dataclass(frozen=True)
class Discovery:
    """How folders are walked. ``root`` is where a search for ``.gitignore`` files above a
    walked folder stops when no ``.git`` folder is found first (the config file's folder)."""

    exclude: tuple[PathGlob, ...] = ()
    respect_gitignore: bool = False
    force_exclude: bool = False
    stdin_filename: str | None = None
    root: Path = field(default_factory=Path.cwd)

    def excluded(self, path: Path) -> bool:
        """Whether an ``exclude`` glob names ``path`` or a folder it is in, as ruff's
        ``--force-exclude`` applies them to paths named on the command line: inside a glob's
        root, the folders below the root; outside it, every folder of the absolute path."""
        absolute = _absolute(path)
        for glob in self.exclude:
            relative = _relative_to(absolute, glob.base)
            if glob.anchored:
                if relative:
                    parts = relative.split("/")
                    if any(glob.regex.fullmatch("/".join(parts[: k + 1])) for k in range(len(parts))):
                        return True
                continue
            names = absolute.parts[1:] if relative is None else relative.split("/") if relative else ()
            if any(glob.matches_name(name) for name in names):
                return True
        return False

    def gitignores_above(self, directory: Path) -> list[_Gitignore]:
        """The ``.gitignore`` files of the folders above ``directory``, outermost first, up to
        the repository's top (the folder holding ``.git``) or, outside a repository, up to
        ``root`` when the walk is below it."""
        walked = directory.resolve()
        if (walked / ".git").exists():
            return []
        root = self.root.resolve()
        above: list[Path] = []
        for folder in walked.parents:
            above.append(folder)
            if (folder / ".git").exists():
                break
        else:
            if root != walked and root not in walked.parents:
                return []
            above = above[: above.index(root) + 1] if root in above else []
        found = []
        for folder in reversed(above):
            rules = _read_gitignore(folder / ".gitignore")
            if rules:
                found.append(_Gitignore(rules, add=PurePosixPath(walked.relative_to(folder)).as_posix() + "/"))
        return found


def _read_gitignore(path: Path) -> tuple[_IgnoreRule, ...]:
    try:
        data = path.read_bytes()
    except OSError:
        # Missing is the common case; an unreadable one excludes nothing, as git treats it.
        return ()
    return parse_gitignore(data.decode("utf-8", "surrogateescape"))


PLAIN_DISCOVERY = Discovery()


@dataclass(frozen=True)
class Document:
    path: str
    text: str
    markup: str | None = "auto"  # "auto": by file suffix; None for JSONL records


def decode(data: bytes) -> str:
    """UTF-8 (BOM optional), then GB18030; raise ``DecodeError`` for binary or other encodings.

    GB18030 is tried only for a file that is not nearly UTF-8: a UTF-8 file with one stray byte
    decodes as GB18030 mojibake, so it is reported with the byte's offset instead.
    """
    if b"\x00" in data:
        raise DecodeError("binary file (contains NUL bytes), not UTF-8 or GB18030 text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as utf8_error:
        if _nearly_utf8(data):
            byte = data[utf8_error.start]
            raise DecodeError(
                f"not valid UTF-8: undecodable byte 0x{byte:02X} at offset {utf8_error.start}"
            ) from None
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError as error:
            raise DecodeError(f"not UTF-8 or GB18030 text (undecodable byte at offset {error.start})") from None
    controls = sum(1 for char in text if char < " " and char not in _CONTROL_OK)
    if text and controls / len(text) > _MAX_CONTROL_SHARE:
        raise DecodeError("binary file (control characters), not text")
    return text


def _nearly_utf8(data: bytes) -> bool:
    """Whether ``data`` is UTF-8 but for a few bytes: its valid multi-byte characters outnumber
    the undecodable bytes many times (GB18030 text has almost no valid UTF-8 sequences)."""
    decoded = data.decode("utf-8", errors="replace")
    bad = decoded.count("\ufffd") - data.count("\ufffd".encode())
    good = sum(1 for char in decoded if char > "\x7f" and char != "\ufffd")
    return good >= 10 * max(bad, 1)


@dataclass(frozen=True)
class LargeFile:
    """A file too large to hold in memory: checked in chunks (see ``Checker.check_large``)."""

    path: str
    source: Path
    encoding: str


def _read_file(path: Path, shown: str, limit: int) -> Document | LargeFile | InputError:
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            return InputError(shown, "is a directory")
        if not stat.S_ISREG(info.st_mode):
            return InputError(shown, "not a regular file (a device, pipe or socket); pass its text on standard input")
        if info.st_size > limit:
            return InputError(shown, f"larger than the {_megabytes(limit)} limit (raise it with --max-file-size)")
        if info.st_size > STREAM_BYTES:
            return _large_file(path, shown)
        with path.open("rb") as handle:
            data = _read_at_most(handle, limit, info.st_size)
        if len(data) > limit:
            return InputError(shown, f"larger than the {_megabytes(limit)} limit (raise it with --max-file-size)")
    except IsADirectoryError:
        return InputError(shown, "is a directory")
    except FileNotFoundError:
        return InputError(shown, "no such file or directory")
    except PermissionError:
        return InputError(shown, "permission denied")
    except OSError as error:
        return InputError(shown, f"cannot read: {error.strerror or error}")
    try:
        return Document(shown, decode(data))
    except DecodeError as error:
        return InputError(shown, error.message)


def _large_file(path: Path, shown: str) -> LargeFile | InputError:
    """Decide the encoding from the first megabyte; decoding errors later are reported then."""
    with path.open("rb") as handle:
        head = handle.read(SNIFF_BYTES)
    # A multi-byte character may be cut at the end of the sample: drop up to 3 bytes.
    for cut in range(4):
        sample = head[: len(head) - cut] if cut else head
        try:
            decode(sample)
        except DecodeError as error:
            if "binary" in str(error):
                return InputError(shown, error.message)
            continue
        try:
            sample.decode("utf-8")
            return LargeFile(shown, path, "utf-8-sig")
        except UnicodeDecodeError:
            return LargeFile(shown, path, "gb18030")
    return InputError(shown, "not UTF-8 or GB18030 text")


def iter_chunks(large: LargeFile, size: int) -> Iterator[str]:
    """The file's text in pieces of about ``size`` characters, each ending at a line end."""
    with large.source.open(encoding=large.encoding, errors="strict", newline="") as handle:
        carry = ""
        while True:
            block = handle.read(size)
            if not block:
                break
            text = carry + block
            cut = text.rfind("\n") + 1
            if cut == 0:
                carry = text
                if len(carry) < 8 * size:
                    continue
                cut = len(carry)  # no line break for a long stretch: cut anyway
            yield text[:cut]
            carry = text[cut:]
        if carry:
            yield carry


class _Walk:
    """Counts what a walk skipped, so an empty result can say why."""

    def __init__(self) -> None:
        self.skipped = 0


def _walk(
    directory: Path, suffixes: frozenset[str], discovery: Discovery = PLAIN_DISCOVERY, walk: _Walk | None = None
) -> Iterator[Path | InputError]:
    """The text files under ``directory`` in sorted order, hidden ones and excluded ones skipped;
    a folder that cannot be read is an error of its own, and the walk goes on."""
    problems: list[OSError] = []
    walk = walk or _Walk()
    # Anchored globs only ever match below their root: each gets the walked folder's path
    # relative to its base once, and a path inside the walk is appended to it.
    anchored = []
    for glob in discovery.exclude:
        if glob.anchored:
            prefix = _relative_to(_absolute(directory), glob.base)
            if prefix is not None:
                anchored.append((glob.regex, prefix + "/" if prefix else ""))
    names = [glob.regex for glob in discovery.exclude if not glob.anchored]
    gitignores: dict[str, list[_Gitignore]] = {}
    if discovery.respect_gitignore:
        gitignores[""] = discovery.gitignores_above(directory)

    def skip(relative: str, name: str, is_dir: bool, rules: list[_Gitignore]) -> bool:
        if any(regex.fullmatch(name) for regex in names) or any(
            regex.fullmatch(prefix + relative) for regex, prefix in anchored
        ):
            return True
        ignored = False
        for gitignore in rules:  # outermost first: a nearer .gitignore has the last word
            verdict = gitignore.verdict(relative, is_dir)
            if verdict is not None:
                ignored = verdict
        return ignored

    for root, folders, files in os.walk(directory, onerror=problems.append):
        while problems:
            error = problems.pop()
            yield _folder_error(error, root)
        here = os.path.relpath(root, directory).replace(os.sep, "/")
        here = "" if here == "." else here + "/"
        rules = gitignores.pop(here, [])
        if discovery.respect_gitignore:
            own = _read_gitignore(Path(root, ".gitignore"))
            if own:
                rules = [*rules, _Gitignore(own, strip=here)]
        kept = []
        for name in sorted(folders):
            if name.startswith("."):
                continue
            if skip(here + name, name, True, rules):
                walk.skipped += 1
                continue
            kept.append(name)
            gitignores[here + name + "/"] = rules
        folders[:] = kept  # os.walk descends only into these: an excluded folder is never read
        for name in sorted(files):
            path = Path(root, name)
            if name.startswith(".") or path.suffix.lower() not in suffixes:
                continue
            if skip(here + name, name, False, rules):
                walk.skipped += 1
                continue
            yield path
    while problems:
        error = problems.pop()
        yield _folder_error(error, str(directory))


def read_inputs(
    paths: Iterable[str],
    suffixes: frozenset[str] = TEXT_SUFFIXES,
    limit: int = MAX_FILE_BYTES,
    discovery: Discovery | None = None,
) -> Iterator[Document | LargeFile | InputError]:
    """Each input in order; a folder expands to its text files in sorted order. An input larger
    than ``limit`` bytes, a device, a pipe or an unreadable path is an error for that input.

    ``discovery`` (default: none) excludes files from folders, names standard input, and with
    ``force_exclude`` drops excluded named paths."""
    discovery = discovery or PLAIN_DISCOVERY
    for raw in paths:
        if raw == STDIN:
            name = discovery.stdin_filename
            if name is not None and discovery.force_exclude and discovery.excluded(Path(name)):
                continue
            yield _read_stdin(limit, shown_path(name) if name is not None else STDIN_NAME)
            continue
        path = Path(raw)
        if discovery.force_exclude and discovery.excluded(path):
            continue
        try:
            is_dir = path.is_dir()
        except OSError as error:
            yield InputError(shown_path(raw), f"cannot read: {error.strerror or error}")
            continue
        if is_dir:
            found = False
            walk = _Walk()
            for file in _walk(path, suffixes, discovery, walk):
                found = True
                yield file if isinstance(file, InputError) else _read_file(file, shown_path(str(file)), limit)
            if not found:
                kinds = ", ".join(sorted(suffixes))
                excluded = " that are not excluded" if walk.skipped else ""
                yield InputError(shown_path(raw), f"folder holds no {kinds} files{excluded}")
        else:
            yield _read_file(path, shown_path(raw), limit)


def _folder_error(error: OSError, fallback: str) -> InputError:
    return InputError(shown_path(str(error.filename or fallback)), f"cannot read the folder: {error.strerror or error}")


def shown_path(raw: str) -> str:
    """A path as reports show it: a file name that is not valid UTF-8 (its bytes kept as
    surrogates by the OS layer) gets U+FFFD for each bad byte, so every format stays UTF-8."""
    return raw.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _read_stdin(limit: int, name: str = STDIN_NAME) -> Document | InputError:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        return InputError(name, "standard input is closed")
    try:
        data = _read_at_most(stream, limit)
    except (OSError, ValueError) as error:
        return InputError(name, f"cannot read standard input: {getattr(error, 'strerror', None) or error}")
    if len(data) > limit:
        return InputError(name, f"larger than the {_megabytes(limit)} limit (raise it with --max-file-size)")
    try:
        return Document(name, decode(data))
    except DecodeError as error:
        return InputError(name, error.message)


_READ_BLOCK = 1 << 20


def _read_at_most(stream: BinaryIO, limit: int, expected: int = 0) -> bytes:
    """Up to ``limit + 1`` bytes of ``stream``: one byte more than the limit tells the input is
    too large. Read in blocks, not by ``read(limit + 1)``, which allocates the whole limit (a
    gigabyte) up front for every file, 40 us a file and a failure where memory is not
    overcommitted. ``expected`` (the size from stat) is read at once; a file may have grown since."""
    first = stream.read(min(expected, limit) + 1)
    if len(first) <= expected:
        return first
    blocks = [first]
    size = len(first)
    while size <= limit:
        block = stream.read(min(_READ_BLOCK, limit + 1 - size))
        if not block:
            break
        blocks.append(block)
        size += len(block)
    return b"".join(blocks)


def _megabytes(limit: int) -> str:
    return f"{limit / 1e6:g} MB"


def _records(name: str, text: str, first_line: int = 1) -> Iterator[Document | InputError]:
    import json  # JSON Lines input only

    for number, line in enumerate(text.splitlines(), start=first_line):
        if not line.strip():
            continue
        where = f"{name}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield InputError(where, f"invalid JSON: {error.msg} (column {error.colno})")
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            yield InputError(where, 'expected an object with a string "text" field')
            continue
        record_id = record.get("id", where)
        if not isinstance(record_id, (str, int)):
            yield InputError(where, '"id" must be a string or a number')
            continue
        yield Document(str(record_id), record["text"], markup=None)


def read_records(
    paths: Iterable[str], limit: int = MAX_FILE_BYTES, discovery: Discovery | None = None
) -> Iterator[Document | InputError]:
    """JSONL records ``{"id": ..., "text": ...}``; a bad line is an error for that line only."""
    for item in read_inputs(paths, JSONL_SUFFIXES, limit, discovery):
        if isinstance(item, InputError):
            yield item
        elif isinstance(item, LargeFile):
            line = 1
            for chunk in iter_chunks(item, 1 << 20):
                yield from _records(item.path, chunk, line)
                line += chunk.count("\n")
        else:
            yield from _records(item.path, item.text)
