"""Write what copycheck prints on real text into a folder, to diff two versions of the code.

    python scripts/snapshot.py OUT                      # the code of this checkout
    python scripts/snapshot.py --tree ../old OUT        # the code of another checkout or worktree
    diff -r OUT-before OUT-after

It checks the labelled sets (``../shared/labelled/*.jsonl``, one file per post) and the four
source articles (``../shared/sources/``) in every output format and both languages, and runs
``explain`` on every rule, ``vet`` on every pitch and article, ``test-rules`` and ``eval``. A
restructuring that changes none of these files changed nothing a user sees on that text.

The real text is read where it lies and written only to a temporary folder, removed at the end;
nothing from ``../shared`` is copied into the repository or into OUT except as copycheck's own
output. Every command runs with ``python -m copycheck`` on the given tree, so any version with a
command line can be snapshotted.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
FORMATS = ("text", "concise", "json", "jsonl", "sarif", "github", "html")


def _run(tree: Path, args: list[str], cwd: Path) -> str:
    env = {**os.environ, "PYTHONPATH": str(tree), "NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "copycheck", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=900
    )
    return done.stdout + done.stderr + f"[exit {done.returncode}]\n"


def snapshot(tree: Path, out: Path, shared: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        posts = work / "posts"
        posts.mkdir()
        for labelled in sorted((shared / "labelled").glob("dev-*.jsonl")):
            lines = labelled.read_text(encoding="utf-8").splitlines()
            for number, line in enumerate(lines):
                text = json.loads(line)["text"]
                (posts / f"{labelled.stem}-{number:03d}.txt").write_text(text, encoding="utf-8")
        articles = sorted((shared / "sources").glob("0*.txt"))
        for article in articles:
            (posts / article.name).write_bytes(article.read_bytes())

        def save(name: str, args: list[str]) -> None:
            (out / name).write_text(_run(tree, args, work), encoding="utf-8")

        for form in FORMATS:
            for lang in ("zh", "en"):
                save(f"check-{lang}.{form}", ["check", "posts", "--format", form, "--lang", lang])
        save("check-hints.text", ["check", "posts", "--show-hints"])
        save("check-all.json", ["check", "posts", "--format", "json", "--select", "ALL"])
        save("check.statistics", ["check", "posts", "--statistics"])
        save("rules.txt", ["rules"])
        rule_ids = [line.split()[0] for line in _run(tree, ["rules"], work).splitlines() if line[:1].isupper()]
        for lang in ("zh", "en"):
            (out / f"explain-{lang}.txt").write_text(
                "".join(_run(tree, ["explain", rule_id, "--lang", lang], work) for rule_id in rule_ids),
                encoding="utf-8",
            )
        pitches = sorted(posts.glob("dev-pitch-*.txt")) + [posts / a.name for a in articles]
        for lang in ("zh", "en"):
            (out / f"vet-{lang}.txt").write_text(
                "".join(f"== {p.name}\n" + _run(tree, ["vet", str(p), "--lang", lang], work) for p in pitches),
                encoding="utf-8",
            )
        save("test-rules.txt", ["test-rules"])
        labelled_files = [str(p) for p in sorted((shared / "labelled").glob("dev-*.jsonl"))]
        save("eval.txt", ["eval", *(a for f in labelled_files for a in ("--labelled", f))])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write the outputs into")
    parser.add_argument("--tree", type=Path, default=ROOT, help="checkout whose code runs (default: this one)")
    parser.add_argument("--shared", type=Path, default=SHARED, help="the shared folder (labelled/, sources/)")
    args = parser.parse_args(argv)
    if not (args.shared / "labelled").is_dir():
        print(f"snapshot: {args.shared / 'labelled'}: not found (pass --shared)", file=sys.stderr)
        return 2
    snapshot(args.tree.resolve(), args.out, args.shared)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
