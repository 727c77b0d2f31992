"""The on-disk cache: a hit returns the pickled value without building, and old entries go."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from copycheck.ruleset.cache import KEPT_PER_NAME, cached


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


def test_only_the_newest_entries_of_a_name_are_kept(folder: Path) -> None:
    (folder / "other-k0.pickle").write_bytes(b"not ours to remove")
    for number in range(KEPT_PER_NAME + 3):
        cached("thing", f"k{number}", lambda n=number: n)
        # Written one second apart, as successive versions would be.
        os.utime(folder / f"thing-k{number}.pickle", (1_000_000 + number, 1_000_000 + number))
    cached("thing", "latest", lambda: "new")
    left = sorted(p.name for p in folder.glob("thing-*.pickle"))
    assert len(left) == KEPT_PER_NAME
    assert "thing-latest.pickle" in left
    assert "thing-k0.pickle" not in left and f"thing-k{KEPT_PER_NAME + 2}.pickle" in left
    assert (folder / "other-k0.pickle").is_file()
