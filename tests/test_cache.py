"""The on-disk cache: a hit returns the pickled value without building, and old entries go."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from copycheck.cache import KEPT_PER_NAME, cached


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("COPYCHECK_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("COPYCHECK_NO_CACHE", raising=False)
    return tmp_path


def test_a_second_call_with_the_same_key_does_not_build(folder: Path) -> None:
    built: list[int] = []

    def build() -> dict[str, int]:
        built.append(1)
        return {"value": 42}

    assert cached("thing", "k1", build) == {"value": 42}
    assert cached("thing", "k1", build) == {"value": 42}
    assert len(built) == 1
    assert (folder / "thing-k1.pickle").is_file()


def test_old_entries_go_but_the_newest_few_and_those_used_today_stay(folder: Path) -> None:
    (folder / "other-k0.pickle").write_bytes(b"not ours to remove")
    for number in range(KEPT_PER_NAME + 3):
        cached("thing", f"k{number}", lambda n=number: n)
        # Written long ago, one second apart, as successive versions would be.
        os.utime(folder / f"thing-k{number}.pickle", (1_000_000 + number, 1_000_000 + number))
    cached("thing", "k0", lambda: "rebuilt")  # a hit: k0 is in use again, today
    cached("thing", "latest", lambda: "new")
    left = sorted(p.name for p in folder.glob("thing-*.pickle"))
    newest_old = [f"thing-k{n}.pickle" for n in range(KEPT_PER_NAME + 2, 3, -1)][: KEPT_PER_NAME - 2]
    assert left == sorted(["thing-latest.pickle", "thing-k0.pickle", *newest_old])
    assert (folder / "other-k0.pickle").is_file()


def test_entries_used_within_a_day_are_kept_however_many(folder: Path) -> None:
    for number in range(KEPT_PER_NAME * 3):
        cached("word-list", f"rule{number}", lambda n=number: n)
    assert len(list(folder.glob("word-list-*.pickle"))) == KEPT_PER_NAME * 3
