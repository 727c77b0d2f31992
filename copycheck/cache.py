"""A small on-disk cache for work that only depends on shipped data.

Parsing and validating the rule packs, and folding thousands of characters
through NFKC, cost more than checking a short post. Their results are pickled
under the user's cache folder, keyed by a hash of everything they depend on, so
a changed rule file or a new version simply misses the cache. Set
``COPYCHECK_NO_CACHE=1`` to bypass it; any problem with the folder is ignored. Entries unused
for a day are removed, but for the newest few of each kind.
"""

from __future__ import annotations

import os
import pickle
import time
from collections.abc import Callable, Iterable
from contextlib import suppress
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from copycheck import __version__, package_file

try:  # CPython's own BLAKE2: importing hashlib first loads OpenSSL, 4 ms of every run
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - other Pythons
    from hashlib import blake2b

T = TypeVar("T")


def cache_dir() -> Path:
    explicit = os.environ.get("COPYCHECK_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "copycheck"


# The cached objects are built by these modules (every matcher kind reads its own part of a
# rule, the view's modules fold characters and segment words): a change to any of them is a new key.
_BUILDERS = (
    "ruleset/model.py",
    "ruleset/selectors.py",
    "ruleset/loader.py",
    "ruleset/lexicon.py",
    "ruleset/law.py",
    "ruleset/articles.py",
)


@lru_cache(maxsize=1)
def _code() -> bytes:
    files = [package_file(name) for name in _BUILDERS]
    files += sorted(package_file("view").glob("*.py")) + sorted(package_file("matchers").glob("*.py"))
    return b"".join(path.read_bytes() for path in files)


def file_stamp(path: Path) -> bytes:
    """What keys work built from a large installed file (jieba's dictionary): its path, size and
    modification time, which an upgrade changes, without reading its megabytes on every run."""
    stat = path.stat()
    return f"{path}:{stat.st_size}:{stat.st_mtime_ns}".encode()


def fingerprint(parts: Iterable[bytes]) -> str:
    digest = blake2b(__version__.encode(), digest_size=16)
    digest.update(_code())
    for part in parts:
        digest.update(len(part).to_bytes(8, "little"))
        digest.update(part)
    return digest.hexdigest()


def cached(name: str, key: str, build: Callable[[], T]) -> T:
    """``build()``, or its pickled result from an earlier run with the same key."""
    if os.environ.get("COPYCHECK_NO_CACHE"):
        return build()
    path = cache_dir() / f"{name}-{key}.pickle"
    try:
        with path.open("rb") as handle:
            value = pickle.load(handle)  # our own file, in the user's cache folder
        _touch(path)
        return value
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, IndexError, TypeError):
        pass
    value = build()
    import tempfile  # only a miss writes

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False) as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)
        _forget_older(name, path)
    except OSError:
        pass
    return value


# Every change to a rule file or to the code is a new key, so without a limit the folder only
# grows. An entry used in the last day stays (a hit renews it: `test-rules` builds one word list
# per rule, and the next run wants them all); of the older ones, the newest few of each kind stay,
# so two installed versions can take turns without rebuilding.
KEPT_PER_NAME = 4
KEPT_FRESH_SECONDS = 24 * 3600


def _touch(path: Path) -> None:
    with suppress(OSError):
        os.utime(path)


def _forget_older(name: str, newest: Path) -> None:
    entries = sorted(newest.parent.glob(f"{name}-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    now = time.time()
    for stale in [p for p in entries if p != newest][KEPT_PER_NAME - 1 :]:
        if now - stale.stat().st_mtime > KEPT_FRESH_SECONDS:
            stale.unlink(missing_ok=True)
