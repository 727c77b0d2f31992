"""Read inputs: files, folders (recursively) and ``-`` for standard input.

Text is decoded as UTF-8 (a BOM is dropped) and then as GB18030; anything else,
and anything that looks binary, is an error for that input alone.
"""

from __future__ import annotations

import json
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from copycheck.report import InputError

# Files larger than this are checked in chunks so memory stays flat whatever the size.
STREAM_BYTES = 8 * 1024 * 1024
# Inputs larger than this are refused unless --max-file-size says otherwise (10^6 bytes a MB).
MAX_FILE_BYTES = 1_000_000_000
SNIFF_BYTES = 1024 * 1024
TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".html", ".htm"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson", ".json"})
STDIN = "-"
_CONTROL_OK = frozenset("\t\n\r\f\v\x1b")
_MAX_CONTROL_SHARE = 0.01


@dataclass(frozen=True)
class Document:
    path: str
    text: str
    markup: str | None = "auto"  # "auto": by file suffix; None for JSONL records


class DecodeError(Exception):
    pass


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
            data = handle.read(limit + 1)  # the file may have grown since stat
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
        return InputError(shown, str(error))


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
                return InputError(shown, str(error))
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


def _walk(directory: Path, suffixes: frozenset[str]) -> Iterator[Path | InputError]:
    """The text files under ``directory`` in sorted order, hidden ones skipped; a folder that
    cannot be read is an error of its own, and the walk goes on."""
    problems: list[OSError] = []
    for root, folders, files in os.walk(directory, onerror=problems.append):
        while problems:
            error = problems.pop()
            yield _folder_error(error, root)
        folders[:] = sorted(f for f in folders if not f.startswith("."))
        for name in sorted(files):
            path = Path(root, name)
            if not name.startswith(".") and path.suffix.lower() in suffixes:
                yield path
    while problems:
        error = problems.pop()
        yield _folder_error(error, str(directory))


def read_inputs(
    paths: Iterable[str], suffixes: frozenset[str] = TEXT_SUFFIXES, limit: int = MAX_FILE_BYTES
) -> Iterator[Document | LargeFile | InputError]:
    """Each input in order; a folder expands to its text files in sorted order. An input larger
    than ``limit`` bytes, a device, a pipe or an unreadable path is an error for that input."""
    for raw in paths:
        if raw == STDIN:
            yield _read_stdin(limit)
            continue
        path = Path(raw)
        try:
            is_dir = path.is_dir()
        except OSError as error:
            yield InputError(shown_path(raw), f"cannot read: {error.strerror or error}")
            continue
        if is_dir:
            found = False
            for file in _walk(path, suffixes):
                found = True
                yield file if isinstance(file, InputError) else _read_file(file, shown_path(str(file)), limit)
            if not found:
                yield InputError(shown_path(raw), "folder holds no " + ", ".join(sorted(suffixes)) + " files")
        else:
            yield _read_file(path, shown_path(raw), limit)


def _folder_error(error: OSError, fallback: str) -> InputError:
    return InputError(shown_path(str(error.filename or fallback)), f"cannot read the folder: {error.strerror or error}")


def shown_path(raw: str) -> str:
    """A path as reports show it: a file name that is not valid UTF-8 (its bytes kept as
    surrogates by the OS layer) gets U+FFFD for each bad byte, so every format stays UTF-8."""
    return raw.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _read_stdin(limit: int) -> Document | InputError:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        return InputError("<stdin>", "standard input is closed")
    try:
        data = stream.read(limit + 1)
    except (OSError, ValueError) as error:
        return InputError("<stdin>", f"cannot read standard input: {getattr(error, 'strerror', None) or error}")
    if len(data) > limit:
        return InputError("<stdin>", f"larger than the {_megabytes(limit)} limit (raise it with --max-file-size)")
    try:
        return Document("<stdin>", decode(data))
    except DecodeError as error:
        return InputError("<stdin>", str(error))


def _megabytes(limit: int) -> str:
    return f"{limit / 1e6:g} MB"


def _records(name: str, text: str, first_line: int = 1) -> Iterator[Document | InputError]:
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


def read_records(paths: Iterable[str], limit: int = MAX_FILE_BYTES) -> Iterator[Document | InputError]:
    """JSONL records ``{"id": ..., "text": ...}``; a bad line is an error for that line only."""
    for item in read_inputs(paths, JSONL_SUFFIXES, limit):
        if isinstance(item, InputError):
            yield item
        elif isinstance(item, LargeFile):
            line = 1
            for chunk in iter_chunks(item, 1 << 20):
                yield from _records(item.path, chunk, line)
                line += chunk.count("\n")
        else:
            yield from _records(item.path, item.text)
