"""The provisions that rules cite, copied verbatim from shared/law/provisions.yaml."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from copycheck.model import Reference


@dataclass(frozen=True)
class Provision:
    id: str
    law: str
    short: str
    version: str
    article: str
    text: str
    note: str = ""

    def item_text(self, item: str) -> str:
        """The numbered item ``（二）``/``(二)`` of the article, or the whole text."""
        if item:
            for line in self.text.splitlines():
                if line.startswith((f"({item})", f"（{item}）")):
                    return line
        return self.text.strip()

    def cite(self, item: str = "") -> str:
        """Short citation: 禁止传销条例第七条(二)."""
        return f"{self.short}{self.article}" + (f"（{item}）" if item else "")


@lru_cache(maxsize=1)
def provisions() -> dict[str, Provision]:
    raw = resources.files("copycheck").joinpath("data/provisions.yaml").read_text(encoding="utf-8")
    entries = yaml.load(raw, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return {
        e["id"]: Provision(
            id=e["id"],
            law=e["law"],
            short=e["short"],
            version=e["version"],
            article=e["article"],
            text=e["text"],
            note=e.get("note") or "",
        )
        for e in entries
    }


def cite(reference: Reference) -> str:
    provision = provisions().get(reference.id)
    return provision.cite(reference.item) if provision else str(reference)
