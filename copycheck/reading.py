"""Read inputs: files, folders (recursively) and ``-`` for standard input.

Text is decoded as UTF-8 (a BOM is dropped) and then as GB18030; anything else,
and anything that looks binary, is an error for that input alone.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from copycheck.report import InputError

# Files larger than this are checked in chunks so memory stays flat whatever the size.
STREAM_BYTES = 8 * 1024 * 1024
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
    """UTF-8 (BOM optional), then GB18030; raise ``DecodeError`` for binary or other encodings."""
    if b"\x00" in data:
        raise DecodeError("binary file (contains NUL bytes), not UTF-8 or GB18030 text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError as error:
            raise DecodeError(f"not UTF-8 or GB18030 text (undecodable byte at offset {error.start})") from None
    controls = sum(1 for char in text if char < " " and char not in _CONTROL_OK)
    if text and controls / len(text) > _MAX_CONTROL_SHARE:
        raise DecodeError("binary file (control characters), not text")
    return text


@dataclass(frozen=True)
class LargeFile:
    """A file too large to hold in memory: checked in chunks (see ``Checker.check_large``)."""

    path: str
    source: Path
    encoding: str


def _read_file(path: Path, shown: str) -> Document | LargeFile | InputError:
    try:
        size = path.stat().st_size
        if size > STREAM_BYTES:
            return _large_file(path, shown)
        data = path.read_bytes()
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


def _walk(directory: Path, suffixes: frozenset[str]) -> Iterator[Path]:
    for path in sorted(directory.rglob("*")):
        relative = path.relative_to(directory)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if path.is_file() and path.suffix.lower() in suffixes:
            yield path


def read_inputs(
    paths: Iterable[str], suffixes: frozenset[str] = TEXT_SUFFIXES
) -> Iterator[Document | LargeFile | InputError]:
    """Each input in order; a folder expands to its text files in sorted order."""
    for raw in paths:
        if raw == STDIN:
            try:
                yield Document("<stdin>", decode(sys.stdin.buffer.read()))
            except DecodeError as error:
                yield InputError("<stdin>", str(error))
            continue
        path = Path(raw)
        if path.is_dir():
            found = False
            for file in _walk(path, suffixes):
                found = True
                yield _read_file(file, str(file))
            if not found:
                yield InputError(raw, "folder holds no " + ", ".join(sorted(suffixes)) + " files")
        else:
            yield _read_file(path, raw)


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


def read_records(paths: Iterable[str]) -> Iterator[Document | InputError]:
    """JSONL records ``{"id": ..., "text": ...}``; a bad line is an error for that line only."""
    for item in read_inputs(paths, JSONL_SUFFIXES):
        if isinstance(item, InputError):
            yield item
        elif isinstance(item, LargeFile):
            line = 1
            for chunk in iter_chunks(item, 1 << 20):
                yield from _records(item.path, chunk, line)
                line += chunk.count("\n")
        else:
            yield from _records(item.path, item.text)
