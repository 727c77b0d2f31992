"""Smoke test of benchmarks/bench.py: it runs and reports. No timing target is asserted."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _script(*args: str, timeout: float = 50) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=timeout
    )


def test_bench_quick_latency_runs_and_reports() -> None:
    result = _script("benchmarks/bench.py", "--quick", "--only", "latency")
    assert result.returncode == 0, result.stderr
    assert any("median" in line for line in result.stdout.splitlines()), result.stdout


def test_compare_alternates_two_checkouts_and_reports_their_ratio() -> None:
    result = _script("benchmarks/compare.py", str(ROOT), "--only", "post", "--rounds", "1", timeout=120)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert sum(line.startswith("== post: ") for line in lines) == 2, result.stdout
    assert sum("(6 runs)" in line for line in lines) == 4, result.stdout
    assert sum(line.strip().startswith("speed of this against other") for line in lines) == 2, result.stdout


def test_compare_refuses_a_folder_that_is_not_a_checkout(tmp_path: Path) -> None:
    result = _script("benchmarks/compare.py", str(tmp_path))
    assert result.returncode == 2 and "not a copycheck checkout" in result.stderr


def test_compare_times_the_rows_with_bench_own_loop(tmp_path: Path) -> None:
    corpus = tmp_path / "waimai_10k"
    corpus.mkdir()
    (corpus / "data.tsv").write_text("label\treview\n1\t很好吃，送得快\n0\t诚招代理，代理费1980\n", encoding="utf-8")
    result = _script("benchmarks/compare.py", str(ROOT), "--only", "rows", "--rounds", "1", "--corpora", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "== rows: Checker().check(row), 2 rows, loop only" in result.stdout
    assert sum(line.strip().startswith("speed of this against other") for line in result.stdout.splitlines()) == 1
