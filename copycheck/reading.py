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


def _read_file(path: Path, shown: str) -> Document | InputError:
    try:
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


def _walk(directory: Path, suffixes: frozenset[str]) -> Iterator[Path]:
    for path in sorted(directory.rglob("*")):
        relative = path.relative_to(directory)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if path.is_file() and path.suffix.lower() in suffixes:
            yield path


def read_inputs(paths: Iterable[str], suffixes: frozenset[str] = TEXT_SUFFIXES) -> Iterator[Document | InputError]:
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


def _records(name: str, text: str) -> Iterator[Document | InputError]:
    for number, line in enumerate(text.splitlines(), start=1):
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
        else:
            yield from _records(item.path, item.text)
