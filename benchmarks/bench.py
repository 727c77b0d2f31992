"""copycheck benchmark: latency, throughput, peak memory and --jobs scaling, from one run.

    python benchmarks/bench.py             # full run (several minutes)
    python benchmarks/bench.py --quick     # small sizes, for a smoke test
    python benchmarks/bench.py --only latency|throughput|memory|jobs
    python benchmarks/bench.py --corpora ../shared/corpora

It prints measured figures and, for each target, "target ...: met" or "not met". It
asserts nothing: a benchmark that fails on a slow machine tells nobody anything.

Sections:

* latency: wall time of the ``copycheck`` console script on one short post (with findings
  and clean), beside ``python -c pass``.
* throughput: the whole pipeline on the text of ../shared/corpora (per row through
  ``Checker.check``, and the whole corpus as one file through the console script), and a bare
  Aho-Corasick scan over every literal term of the shipped rules on the same text.
* memory: wall time and peak resident memory of the console script on a ~100 MB file.
* jobs: the console script over many small files with ``--jobs 1`` and ``--jobs 2``.
* repeated: hostile pastes (one red flag repeated, suppression comments, backticks) at two sizes
  through ``Checker.check``: characters per second and the growth exponent.

The corpora are read where they lie and never copied into the repository; every file the
benchmark writes goes to a temporary directory that is removed at the end.
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPORA = ROOT.parent / "shared" / "corpora"
# (folder, text column) of every corpus set; each data.tsv has a header line.
CORPUS_SETS = (
    ("online_shopping_10_cats", "review"),
    ("waimai_10k", "review"),
    ("chnsenticorp_htl", "review"),
    ("sms80w_sample", "text"),
    ("fbs_spam_sms", "text_despaced"),
)
POST_WITH_FINDINGS = "诚招代理！代理费1980，直推奖20%，月入十万不是梦，加V信了解"
CLEAN_POST = "新品上架：云南小粒咖啡豆，中度烘焙，500克装。"
MB = 1_000_000
SECTIONS = ("latency", "throughput", "memory", "jobs", "repeated")

# Targets: (target, goal).
LATENCY_TARGET, LATENCY_GOAL = 0.3, 0.15  # seconds, median
RATIO_TARGET, RATIO_GOAL = 0.25, 0.5  # pipeline MB/s / bare Aho-Corasick MB/s
MEMORY_TARGET_MB = 200  # peak RSS on the 100 MB file
JOBS_TARGET = 1.7  # speed-up of --jobs 2 over --jobs 1
REPEATED_RATE_TARGET = 50_000  # characters per second at the larger size
REPEATED_GROWTH_TARGET = 1.2  # time ~ size ** exponent
# Hostile pastes: one red flag (or its disguise) repeated to fill the page, and markup.
REPEATED_CASES = (
    ("加V", None),
    ("➕V", None),
    ("月入十万", None),
    ("诚招代理", None),
    ("代理费1980，", None),
    ("月，入，十，万，", None),
    ("月 入 十 万 ", None),
    ("<!-- copycheck: ignore[INC001] 引用 -->\n月入十万\n", "markdown"),
    ("<!-- copycheck: disable[INC001] 引用 -->\n月入十万\n", "markdown"),
    ("``` `` ` 月入十万 ", "markdown"),
)


@dataclass(frozen=True)
class Sizes:
    latency_runs: int
    corpus_bytes: int | None  # None: the whole corpus
    big_bytes: int
    small_files: int
    jobs_repeats: int
    warm_up: bool


FULL = Sizes(latency_runs=10, corpus_bytes=None, big_bytes=100 * MB, small_files=2000, jobs_repeats=3, warm_up=True)
QUICK = Sizes(latency_runs=3, corpus_bytes=2 * MB, big_bytes=20 * MB, small_files=200, jobs_repeats=1, warm_up=False)


# -- output -----------------------------------------------------------------------------


def say(line: str = "") -> None:
    print(line, flush=True)


def verdict(name: str, met: bool | None, detail: str) -> None:
    state = "n/a (not measured)" if met is None else ("met" if met else "not met")
    say(f"  target {name}: {state} ({detail})")


def seconds(value: float) -> str:
    return f"{value:.3f} s"


# -- code under test ---------------------------------------------------------------------


def code_fingerprint() -> str:
    """A hash of the installed package and rules, to notice code changing during a run."""
    import hashlib

    import copycheck

    package = Path(copycheck.__file__).resolve().parent
    digest = hashlib.sha256()
    files = sorted(p for base in (package, ROOT / "rules") if base.is_dir() for p in base.rglob("*") if p.is_file())
    for path in files:
        if "__pycache__" in path.parts:
            continue
        digest.update(str(path).encode())
        digest.update(path.read_bytes())
    return f"{digest.hexdigest()[:12]} ({package}, version {copycheck.__version__})"


# -- machine ----------------------------------------------------------------------------


def machine() -> None:
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        model = platform.processor() or "unknown"
    memory = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    say("== machine")
    say(f"  cpu: {model}, os.cpu_count() = {os.cpu_count()}, usable by this process = {usable}")
    say(f"  memory: {memory}")
    say(f"  python: {platform.python_implementation()} {platform.python_version()} ({sys.executable})")
    say(f"  platform: {platform.platform()}")
    load()


def load() -> None:
    if hasattr(os, "getloadavg"):
        one, five, fifteen = os.getloadavg()
        say(f"  load average: {one:.2f} {five:.2f} {fifteen:.2f} (other work on the machine skews every figure)")


# -- running the console script ------------------------------------------------------------


@dataclass
class Run:
    wall: float
    returncode: int | None  # None when killed at the time limit
    peak_rss_kb: int | None  # the child's own peak resident set
    timed_out: bool


def _peak_so_far(pid: int) -> int | None:
    """VmHWM of a running process in kB (its peak resident set so far), if readable."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text(encoding="utf-8").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        return None
    return None


def run_measured(
    cmd: Sequence[str], timeout: float | None = None, poll: bool = False, env: dict[str, str] | None = None
) -> Run:
    """Run ``cmd`` with output discarded; wall time and the child's own peak RSS (wait4).

    With ``poll``, the peak is also sampled from /proc while it runs, so a run stopped at
    ``timeout`` still reports the peak reached so far. The child runs in its own session;
    if it is still running when this returns or raises (time limit, Ctrl-C, SIGTERM), that
    session, and only it, is killed.
    """
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=errors, start_new_session=True, env=env)
        reaped = False
        peak: int | None = None
        deadline = None if timeout is None else start + timeout
        try:
            while True:
                if not poll and deadline is None:
                    _, status, usage = os.wait4(process.pid, 0)
                    break
                pid, status, usage = os.wait4(process.pid, os.WNOHANG)
                if pid:
                    break
                if poll:
                    sample = _peak_so_far(process.pid)
                    if sample is not None:
                        peak = max(peak or 0, sample)
                if deadline is not None and time.perf_counter() > deadline:
                    os.killpg(process.pid, signal.SIGKILL)  # the child's own session, started above
                    _, status, usage = os.wait4(process.pid, 0)
                    reaped = True
                    process.returncode = -signal.SIGKILL
                    wall = time.perf_counter() - start
                    return Run(wall, None, max(peak or 0, usage.ru_maxrss) or None, True)
                time.sleep(0.05 if poll else 0.01)
            reaped = True
        finally:
            if not reaped:
                os.killpg(process.pid, signal.SIGKILL)
                os.wait4(process.pid, 0)
                process.returncode = -signal.SIGKILL
        wall = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        process.returncode = code
        if code not in (0, 1):
            errors.seek(0)
            tail = errors.read().decode("utf-8", "replace").strip().splitlines()[-3:]
            say(f"  ! {' '.join(cmd[:1])} exited {code}: {' / '.join(tail)}")
        return Run(wall, code, max(peak or 0, usage.ru_maxrss) or None, False)


def console_script() -> tuple[list[str], str]:
    found = shutil.which("copycheck")
    if found:
        return [found], found
    return [sys.executable, "-m", "copycheck"], f"{sys.executable} -m copycheck (no copycheck on PATH)"


def _is_shell_shim(path: str) -> bool:
    try:
        with open(path, "rb") as handle:
            first = handle.readline()
    except OSError:
        return False
    return first.startswith(b"#!") and (b"bash" in first or b"/sh" in first)


# A child forked from this process reports, through wait4, a peak resident set that counts this
# process's memory too (after the throughput section, the corpus and its results: 300 MB), which
# would be read as copycheck's. A command whose memory matters is started by a small helper
# instead, which reports the peak of the command it starts (its own start-up, some 20 ms, is
# in the wall time).
_PEAK_HELPER = (
    "import os, subprocess, sys\n"
    "child = subprocess.Popen(sys.argv[2:], stdout=subprocess.DEVNULL)\n"
    "_, status, usage = os.wait4(child.pid, 0)\n"
    "open(sys.argv[1], 'w').write(str(usage.ru_maxrss))\n"
    "sys.exit(os.waitstatus_to_exitcode(status))\n"
)


def run_with_peak(cmd: Sequence[str], workdir: Path, timeout: float) -> tuple[Run, float | None]:
    """``run_measured(cmd)`` and the command's own peak resident set in MB (None if it was stopped)."""
    report = workdir / "peak-rss-kb"
    report.unlink(missing_ok=True)
    run = run_measured([sys.executable, "-c", _PEAK_HELPER, str(report), *cmd], timeout=timeout, poll=True)
    measured = report.read_text(encoding="utf-8").strip() if report.is_file() else ""
    return run, int(measured) / 1024 if measured.isdigit() else None


# -- 1. latency ---------------------------------------------------------------------------


def _latency_row(label: str, cmd: list[str], runs: int, warm_up: bool, env: dict[str, str] | None = None) -> float:
    if warm_up:
        run_measured(cmd, env=env)
    walls = [run_measured(cmd, env=env).wall for _ in range(runs)]
    median = statistics.median(walls)
    say(f"  {label:<34} median {seconds(median)}  min {seconds(min(walls))}  max {seconds(max(walls))}  ({runs} runs)")
    return median


def latency(sizes: Sizes, workdir: Path) -> None:
    say("== 1. single-post latency (wall time of one process, lower is better)")
    base, shown = console_script()
    say(f"  console script: {shown}")
    posts = {}
    for name, text in (("post with findings", POST_WITH_FINDINGS), ("clean post", CLEAN_POST)):
        path = workdir / f"{name.replace(' ', '-')}.txt"
        path.write_text(text + "\n", encoding="utf-8")
        posts[name] = path
    runs = sizes.latency_runs
    medians = {}
    for name, path in posts.items():
        medians[name] = _latency_row(f"copycheck, {name}", [*base, str(path)], runs, sizes.warm_up)
    _latency_row("python -c pass", [sys.executable, "-c", "pass"], runs, sizes.warm_up)
    direct = Path(sys.executable).parent / "copycheck"
    if base[0] != str(direct) and direct.exists() and _is_shell_shim(base[0]) and sizes.warm_up:
        say(f"  (the script on PATH is a shell shim; the same posts through {direct} directly:)")
        for name, path in posts.items():
            _latency_row(f"direct script, {name}", [str(direct), str(path)], runs, sizes.warm_up)
    if sizes.warm_up:
        # copycheck caches parsed rules and its pruned jieba dictionary on disk; the figures
        # above are with that cache warm (after one untimed run). Without it:
        cold = {**os.environ, "COPYCHECK_NO_CACHE": "1"}
        say("  (the rows above run with copycheck's disk cache warm; with COPYCHECK_NO_CACHE=1:)")
        for name, path in posts.items():
            _latency_row(f"no disk cache, {name}", [*base, str(path)], runs, False, env=cold)
    for name, median in medians.items():
        verdict(
            f"median latency <= {LATENCY_TARGET} s ({name})",
            median <= LATENCY_TARGET,
            f"{seconds(median)}; goal {LATENCY_GOAL} s {'met' if median <= LATENCY_GOAL else 'not met'}",
        )


# -- corpus -------------------------------------------------------------------------------


def read_corpus(corpora: Path, limit: int | None) -> list[str] | None:
    """Text of every row of every set; with ``limit`` (bytes), an even sample of rows."""
    csv.field_size_limit(sys.maxsize)
    rows: list[str] = []
    missing = []
    for folder, column in CORPUS_SETS:
        path = corpora / folder / "data.tsv"
        if not path.is_file():
            missing.append(folder)
            continue
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            header = next(reader)
            index = header.index(column)
            rows.extend(row[index] for row in reader if len(row) > index)
    if missing:
        say(f"  note: corpus sets missing under {corpora}: {', '.join(missing)}")
    if not rows:
        return None
    total = sum(len(row.encode("utf-8")) for row in rows)
    if limit is not None and total > limit:
        stride = total / limit
        rows = [rows[int(i * stride)] for i in range(int(len(rows) / stride))]
    return rows


def utf8_bytes(rows: Sequence[str]) -> int:
    return sum(len(row.encode("utf-8")) for row in rows)


# -- 2./3. throughput ---------------------------------------------------------------------


def per_row_pipeline(rows: Sequence[str]) -> tuple[float, int]:
    from copycheck.checker import Checker

    checker = Checker()
    checker.check(POST_WITH_FINDINGS)  # loads jieba, outside the timing
    flagged = 0
    start = time.perf_counter()
    for row in rows:
        if checker.check(row).findings:
            flagged += 1
    return time.perf_counter() - start, flagged


def bare_scan(rows: Sequence[str], joined: str) -> tuple[float, float, int, int, int]:
    """Seconds per row and for the joined text, hits per row, term count, hits in the joined text."""
    from ahocorasick_rs import AhoCorasick

    from copycheck.ruleset.loader import load_rules

    terms = sorted({term for rule in load_rules() if rule.kind == "terms" for term in rule.spec.terms})
    automaton = AhoCorasick(terms)
    hits = 0
    start = time.perf_counter()
    for row in rows:
        hits += len(automaton.find_matches_as_indexes(row, overlapping=True))
    per_row = time.perf_counter() - start
    start = time.perf_counter()
    joined_hits = len(automaton.find_matches_as_indexes(joined, overlapping=True))
    whole = time.perf_counter() - start
    return per_row, whole, hits, len(terms), joined_hits


def throughput(rows: list[str], workdir: Path, timeout: float) -> None:
    size = utf8_bytes(rows)
    joined = "\n".join(rows)
    joined_size = len(joined.encode("utf-8"))
    say(f"== 2. throughput on the corpus ({len(rows)} rows, {size / MB:.2f} MB of text; MB = 10^6 bytes of UTF-8)")
    wall, flagged = per_row_pipeline(rows)
    pipeline_rate = size / wall / MB
    say(
        f"  (a) per row, Checker().check(row):   {seconds(wall)}  {pipeline_rate:.3f} MB/s"
        f"  {len(rows) / wall:,.0f} rows/s  ({flagged} rows with findings; jieba loaded beforehand)"
    )
    base, _ = console_script()
    path = workdir / "corpus.txt"
    path.write_text(joined, encoding="utf-8")
    run, peak_mb = run_with_peak([*base, "--exit-zero", str(path)], workdir, timeout)
    cli_rate = None
    if run.timed_out:
        say(
            f"  (b) whole file through the console script ({joined_size / MB:.2f} MB): did not finish in"
            f" {timeout:.0f} s, stopped (< {joined_size / timeout / MB:.3f} MB/s)"
        )
    else:
        cli_rate = joined_size / run.wall / MB
        say(
            f"  (b) whole file through the console script ({joined_size / MB:.2f} MB): {seconds(run.wall)}"
            f"  {cli_rate:.3f} MB/s (start-up included), peak RSS {peak_mb or 0:.0f} MB"
        )

    say("== 3. bare Aho-Corasick scan (ahocorasick_rs, every literal term of the shipped rules)")
    per_row, whole, hits, term_count, joined_hits = bare_scan(rows, joined)
    bare_rate = size / per_row / MB
    bare_joined_rate = joined_size / whole / MB
    say(f"  {term_count} terms; per row: {seconds(per_row)}  {bare_rate:.2f} MB/s  ({hits} hits)")
    say(f"  joined text in one call: {seconds(whole)}  {bare_joined_rate:.2f} MB/s  ({joined_hits} hits)")
    ratio = pipeline_rate / bare_rate
    say(f"  ratio per row, pipeline / bare scan: {ratio:.4f}x")
    verdict(
        f"per-row pipeline >= {RATIO_TARGET}x bare scan",
        ratio >= RATIO_TARGET,
        f"{ratio:.4f}x; goal {RATIO_GOAL}x {'met' if ratio >= RATIO_GOAL else 'not met'}",
    )
    if cli_rate is not None:
        cli_ratio = cli_rate / bare_joined_rate
        say(f"  ratio whole file, console script / bare scan of the joined text: {cli_ratio:.4f}x")
        verdict(
            f"whole-file console script >= {RATIO_TARGET}x bare scan", cli_ratio >= RATIO_TARGET, f"{cli_ratio:.4f}x"
        )
    else:
        verdict(f"whole-file console script >= {RATIO_TARGET}x bare scan", False, "the run did not finish")


# -- 4. memory ----------------------------------------------------------------------------


def memory(rows: list[str], big_bytes: int, workdir: Path, timeout: float) -> None:
    say(f"== 4. console script on a ~{big_bytes / MB:.0f} MB file (the corpus text repeated): wall time, peak RSS")
    path = workdir / "big.txt"
    block = ("\n".join(rows) + "\n").encode("utf-8")
    written = 0
    with path.open("wb") as handle:
        while written + len(block) <= big_bytes:
            handle.write(block)
            written += len(block)
        # The last copy is cut at a row end, so no character is split.
        tail = block[: block.rfind(b"\n", 0, big_bytes - written) + 1]
        handle.write(tail)
        written += len(tail)
    base, _ = console_script()
    run, peak_mb = run_with_peak([*base, "--exit-zero", str(path)], workdir, timeout)
    if peak_mb is None:  # stopped at the time limit: the helper never wrote the peak
        say(f"  {written / MB:.1f} MB: did not finish in {timeout:.0f} s, stopped; peak RSS not measured")
        verdict(f"peak RSS <= {MEMORY_TARGET_MB} MB", None, "the run was stopped")
        return
    say(
        f"  {written / MB:.1f} MB: {seconds(run.wall)}  {written / run.wall / MB:.3f} MB/s,"
        f" peak RSS {peak_mb:.0f} MB (exit {run.returncode})"
    )
    verdict(f"peak RSS <= {MEMORY_TARGET_MB} MB", peak_mb <= MEMORY_TARGET_MB, f"{peak_mb:.0f} MB, whole run")


# -- 5. jobs ------------------------------------------------------------------------------


def jobs(rows: list[str], count: int, repeats: int, workdir: Path) -> None:
    say(f"== 5. console script over {count} small files (one corpus row each): --jobs 1 vs --jobs 2")
    folder = workdir / "posts"
    folder.mkdir()
    chosen = random.Random(20261122).sample(rows, min(count, len(rows)))
    for number, text in enumerate(chosen):
        (folder / f"{number:05d}.txt").write_text(text + "\n", encoding="utf-8")
    base, _ = console_script()
    walls: dict[int, list[float]] = {1: [], 2: []}
    for _ in range(repeats):
        for n in (1, 2):
            walls[n].append(run_measured([*base, "--exit-zero", "--jobs", str(n), str(folder)]).wall)
    medians = {n: statistics.median(values) for n, values in walls.items()}
    for n in (1, 2):
        spread = (
            f"  (min {seconds(min(walls[n]))}, max {seconds(max(walls[n]))}, {repeats} runs)" if repeats > 1 else ""
        )
        say(f"  --jobs {n}: median {seconds(medians[n])}{spread}")
    one = folder / "00000.txt"
    fixed = statistics.median(run_measured([*base, "--exit-zero", "--jobs", "1", str(one)]).wall for _ in range(3))
    work = max(medians[1] - fixed, 0.0)
    bound = medians[1] / (fixed + work / 2) if fixed + work / 2 > 0 else float("nan")
    say(
        f"  one of these files alone (start-up and one post): median {seconds(fixed)}; so the {len(chosen)} files"
        f" add {seconds(work)}, and with start-up serial 2 workers can reach at most {bound:.2f}x"
    )
    speedup = medians[1] / medians[2]
    say(f"  speed-up --jobs 2 over --jobs 1: {speedup:.2f}x")
    verdict(f"speed-up >= {JOBS_TARGET}x", speedup >= JOBS_TARGET, f"{speedup:.2f}x")


# -- main ---------------------------------------------------------------------------------


def repeated(quick: bool) -> None:
    """Each hostile paste at two sizes through ``Checker.check``: rate and growth exponent."""
    import math

    from copycheck import Checker

    small, large = (20_000, 80_000) if quick else (50_000, 200_000)
    say(f"== 6. repeated text ({small:,} and {large:,} characters; growth exponent = log(t2/t1)/log(4))")
    checker = Checker()
    checker.check("月入十万")
    worst_rate, worst_growth = math.inf, 0.0
    for unit, markup in REPEATED_CASES:
        timings = []
        for size in (small, large):
            text = unit * (size // len(unit))
            started = time.perf_counter()
            checker.check(text, "paste.md" if markup else "paste.txt", markup=markup)
            timings.append(time.perf_counter() - started)
        rate = large / timings[1]
        growth = math.log(timings[1] / timings[0]) / math.log(large / small)
        worst_rate, worst_growth = min(worst_rate, rate), max(worst_growth, growth)
        shown = unit.replace("\n", "\\n")[:28]
        say(f"  {shown:<30} {seconds(timings[0])}  {seconds(timings[1])}  {rate:>9,.0f} chars/s  exponent {growth:.2f}")
    verdict(
        f">= {REPEATED_RATE_TARGET:,} chars/s at {large:,} characters",
        worst_rate >= REPEATED_RATE_TARGET,
        f"slowest {worst_rate:,.0f}",
    )
    growth_met = worst_growth <= REPEATED_GROWTH_TARGET
    verdict(f"growth exponent <= {REPEATED_GROWTH_TARGET}", growth_met, f"worst {worst_growth:.2f}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, for a smoke test")
    parser.add_argument("--only", choices=SECTIONS, help="run one section")
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA, help="folder of the corpus sets")
    parser.add_argument(
        "--timeout",
        type=float,
        default=None,
        help="stop a whole-file run after this many seconds (default 600, 60 with --quick)",
    )
    args = parser.parse_args(argv)
    timeout = args.timeout if args.timeout is not None else (60.0 if args.quick else 600.0)
    # SIGTERM unwinds like Ctrl-C, so a running child is killed and the temporary files go.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    sizes = QUICK if args.quick else FULL
    wanted = (args.only,) if args.only else SECTIONS
    started = time.perf_counter()
    say(f"copycheck benchmark ({'quick' if args.quick else 'full'}; sections: {', '.join(wanted)})")
    machine()
    before = code_fingerprint()
    say(f"  code under test: {before}")
    with tempfile.TemporaryDirectory(prefix="copycheck-bench-") as tmp:
        workdir = Path(tmp)
        if "latency" in wanted:
            latency(sizes, workdir)
        if "repeated" in wanted:
            repeated(args.quick)
        if set(wanted) - {"latency", "repeated"}:
            rows = None
            if args.corpora.is_dir():
                rows = read_corpus(args.corpora, sizes.corpus_bytes)
            if rows is None:
                skipped = ", ".join(w for w in wanted if w not in ("latency", "repeated"))
                say(f"== corpus: {args.corpora} is absent; skipping {skipped}")
            else:
                if "throughput" in wanted:
                    throughput(rows, workdir, timeout)
                if "memory" in wanted:
                    memory(rows, sizes.big_bytes, workdir, timeout)
                if "jobs" in wanted:
                    jobs(rows, sizes.small_files, sizes.jobs_repeats, workdir)
    say("== done")
    after = code_fingerprint()
    if after != before:
        say(f"  WARNING: the code changed during the run ({before} -> {after}); figures mix two versions")
    load()
    say(f"  benchmark wall time: {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
