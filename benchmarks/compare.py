"""Alternating A/B timing of this checkout against another one (an older version).

    git worktree add /tmp/base 2b40de8
    python benchmarks/compare.py /tmp/base                  # per row, whole file, one post
    python benchmarks/compare.py /tmp/base --rounds 8 --step 2 --only rows

The machine this project runs on is shared and its speed drifts by a third between minutes, so
two versions only compare when their runs alternate: every round runs each version once, in a
fresh process, and the figures are the minimum and median over the rounds. Each version runs
from its own folder with its modules compiled to a temporary ``PYTHONPYCACHEPREFIX`` first (a
tree run from source with ``PYTHONDONTWRITEBYTECODE`` set recompiles every module on every run).

Sections:

* rows: ``Checker().check(row)`` over the corpus rows ``bench.py`` reads (every ``--step``-th),
  timing the loop only, jieba loaded beforehand;
* file: the rows joined by line breaks, as one file through the command line (``--exit-zero``),
  start-up included;
* post: one post with findings and one clean post through the command line.

A speed is the other version's time over this one's: above 1 this checkout is faster.
It asserts nothing; the corpora are read where they lie and nothing is written to either tree.
"""

from __future__ import annotations

import argparse
import os
import pickle
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import DEFAULT_CORPORA, ROOT, read_corpus

SECTIONS = ("rows", "file", "post")
POSTS = (ROOT / "examples" / "agent-pitch.txt", ROOT / "examples" / "honest-shop.txt")

# bench.py's own per-row loop (it imports copycheck only when called: the tree on PYTHONPATH).
_ROWS_CHILD = """
import pickle, sys
sys.path.insert(0, sys.argv[2])
from bench import per_row_pipeline
print(*per_row_pipeline(pickle.load(open(sys.argv[1], "rb"))))
"""
# What the ``copycheck`` command runs: its console entry where the version has one.
_CLI_CHILD = (
    "import sys; from copycheck import cli; sys.argv[0] = 'copycheck';"
    " entry = getattr(cli, 'console_main', None); sys.exit(entry() if entry else cli.main())"
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("other", type=Path, help="a checkout of the version to compare with")
    parser.add_argument("--rounds", type=int, default=5, help="alternating rounds per section (default 5)")
    parser.add_argument("--step", type=int, default=1, help="time every STEP-th corpus row (default 1: all)")
    parser.add_argument("--only", choices=SECTIONS, action="append", help="run only this section (repeatable)")
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA, help="folder of the corpus sets")
    args = parser.parse_args()
    if not (args.other / "copycheck" / "__init__.py").is_file():
        print(f"compare: {args.other} is not a copycheck checkout", file=sys.stderr)
        return 2
    trees = {"this": ROOT, "other": args.other.resolve()}
    sections = args.only or list(SECTIONS)
    with tempfile.TemporaryDirectory(prefix="copycheck-compare-") as work:
        workdir = Path(work)
        envs = {name: _environment(tree, workdir / name) for name, tree in trees.items()}
        print(f"this: {ROOT}\nother: {trees['other']}\nrounds: {args.rounds}")
        rows = None
        if {"rows", "file"} & set(sections):
            rows = read_corpus(args.corpora, None) if args.corpora.is_dir() else None
            if rows is None:
                print(f"(no corpus under {args.corpora}: rows and file skipped)")
        if rows is not None and "rows" in sections:
            sample = rows[:: args.step]
            path = workdir / "rows.pickle"
            path.write_bytes(pickle.dumps(sample))
            command = [sys.executable, "-P", "-c", _ROWS_CHILD, str(path), str(Path(__file__).resolve().parent)]
            _report(
                f"rows: Checker().check(row), {len(sample):,} rows, loop only",
                _alternate(command, envs, args.rounds, True),
            )
        if rows is not None and "file" in sections:
            path = workdir / "corpus.txt"
            path.write_text("\n".join(rows), encoding="utf-8")
            command = [sys.executable, "-P", "-c", _CLI_CHILD, "--exit-zero", str(path)]
            _report("file: the corpus as one file, command line", _alternate(command, envs, args.rounds))
        if "post" in sections:
            for post in POSTS:
                command = [sys.executable, "-P", "-c", _CLI_CHILD, "--exit-zero", str(post)]
                _report(f"post: {post.name}, command line", _alternate(command, envs, args.rounds * 6))
    return 0


def _environment(tree: Path, pycache: Path) -> dict[str, str]:
    """The child environment that runs ``tree``'s copycheck, compiled once into ``pycache``."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env.update(PYTHONPATH=str(tree), PYTHONPYCACHEPREFIX=str(pycache))
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(tree / "copycheck")],
        env=env,
        check=True,
        cwd=tempfile.gettempdir(),
    )
    return env


def _alternate(
    command: list[str], envs: dict[str, dict[str, str]], rounds: int, reported: bool = False
) -> dict[str, list[float]]:
    """Seconds per run of each version, the versions taking turns; ``reported``: the child
    prints its own seconds (the loop without start-up)."""
    times: dict[str, list[float]] = {name: [] for name in envs}
    for env in envs.values():  # one untimed run each: the disk cache of every version warm
        subprocess.run(command, env=env, cwd=tempfile.gettempdir(), capture_output=True, check=False)
    for _ in range(rounds):
        for name, env in envs.items():
            start = time.perf_counter()
            run = subprocess.run(
                command, env=env, cwd=tempfile.gettempdir(), capture_output=True, text=True, check=False
            )
            wall = time.perf_counter() - start
            if reported:
                if run.returncode != 0:
                    raise SystemExit(f"compare: the {name} version failed: {run.stderr.strip()[-500:]}")
                wall = float(run.stdout.split()[0])
            times[name].append(wall)
    return times


def _report(title: str, times: dict[str, list[float]]) -> None:
    print(f"== {title}")
    for name, values in times.items():
        print(f"  {name:5}  min {min(values):.3f} s  median {statistics.median(values):.3f} s  ({len(values)} runs)")
    this, other = times["this"], times["other"]
    print(
        f"  speed of this against other (its time / this one's): {min(other) / min(this):.2f}x at the minimum,"
        f" {statistics.median(other) / statistics.median(this):.2f}x at the median"
    )


if __name__ == "__main__":
    sys.exit(main())
