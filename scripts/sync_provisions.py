"""Copy the cited provisions from ../shared/law/provisions.yaml into the package.

Entries are copied verbatim (text blocks sliced from the source file), so the
package never carries a provision text that differs from the shared source.
Usage: python scripts/sync_provisions.py [ID ...]  (default: CITED below)
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT.parent / "shared" / "law" / "provisions.yaml"
TARGET = ROOT / "copycheck" / "data" / "provisions.yaml"

CITED = """
ecl-9 ecl-15 ecl-17 ecl-49 ecl-53 ecl-57
adl-4 adl-9 adl-16 adl-17 adl-18 adl-25 adl-28 adl-38 adl-57
psr-2 psr-7 psr-24 dsr-14 dsr-24
cpl-20 cpl-24 cpl-25 cpl-26 cpl-56
ucl-9 ucl-13 ucl-25
otm-7 otm-14 otm-20 otm-21
cosm-37 cosm-43 fsl-73 fsl-78 fsl-79
crim-224-1 iam-7 iam-9 pipl-13
""".split()


def split_entries(text: str) -> tuple[str, dict[str, str]]:
    header, _, body = text.partition("\n- id:")
    entries: dict[str, str] = {}
    for block in ("- id:" + body).split("\n- id:"):
        block = block if block.startswith("- id:") else "- id:" + block
        entry_id = block.split("\n", 1)[0].removeprefix("- id:").strip()
        entries[entry_id] = block.rstrip("\n") + "\n"
    return header + "\n", entries


def main(argv: list[str]) -> int:
    wanted = argv or CITED
    header, entries = split_entries(SOURCE.read_text(encoding="utf-8"))
    missing = [i for i in wanted if i not in entries]
    if missing:
        print(f"not in {SOURCE}: {', '.join(missing)}", file=sys.stderr)
        return 1
    note = "# Copied verbatim from shared/law/provisions.yaml by scripts/sync_provisions.py.\n"
    TARGET.write_text(note + header + "".join(entries[i] for i in wanted), encoding="utf-8")
    print(f"wrote {len(wanted)} provisions to {TARGET}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
