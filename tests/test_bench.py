"""Smoke test of benchmarks/bench.py: it runs and reports. No timing target is asserted."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_bench_quick_latency_runs_and_reports() -> None:
    result = subprocess.run(
        [sys.executable, "benchmarks/bench.py", "--quick", "--only", "latency"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=50,
    )
    assert result.returncode == 0, result.stderr
    assert any("median" in line for line in result.stdout.splitlines()), result.stdout
