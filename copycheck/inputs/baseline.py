"""Baselines: record today's findings, report only new ones tomorrow.

A finding is keyed by rule, file and matched text (white space removed), not by
line number, so editing other parts of a file does not invalidate the baseline.
Each key carries a count: two identical findings in a file need two entries.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path, PurePath

from copycheck.errors import BaselineError
from copycheck.findings import FileReport, Finding
from copycheck.scoring import score_findings

FORMAT_VERSION = 1
Key = tuple[str, str, str]


def finding_key(path: str, finding: Finding) -> Key:
    return finding.rule, PurePath(path).as_posix(), "".join(finding.location.text.split())


def build(files: Iterable[FileReport]) -> Counter[Key]:
    return Counter(finding_key(file.path, f) for file in files for f in file.findings)


def dump(counts: Counter[Key]) -> str:
    import json  # here and in load: most runs use no baseline

    entries = [
        {"rule": rule, "path": path, "text": text, "count": count}
        for (rule, path, text), count in sorted(counts.items())
    ]
    return json.dumps(
        {"tool": "copycheck", "version": FORMAT_VERSION, "findings": entries}, ensure_ascii=False, indent=1
    )


def load(path: Path) -> Counter[Key]:
    import json

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        entries = data["findings"]
        if data.get("version") != FORMAT_VERSION:
            raise BaselineError(f"unsupported baseline version {data.get('version')!r}", path=path)
        return Counter({(e["rule"], e["path"], e["text"]): int(e["count"]) for e in entries})
    except OSError as error:
        raise BaselineError(f"cannot read baseline: {error.strerror or error}", path=path) from None
    except (ValueError, KeyError, TypeError) as error:
        raise BaselineError(f"not a copycheck baseline ({type(error).__name__}: {error})", path=path) from None


def subtract(file: FileReport, remaining: Counter[Key]) -> FileReport:
    """The report without findings the baseline already holds; ``remaining`` is consumed."""
    kept = []
    for finding in file.findings:
        key = finding_key(file.path, finding)
        if remaining[key] > 0:
            remaining[key] -= 1
        else:
            kept.append(finding)
    if len(kept) == len(file.findings):
        return file
    return replace(file, findings=tuple(kept), risk=score_findings(kept))
