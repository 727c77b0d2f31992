"""Look-alike and homophone spellings that posters substitute to dodge keyword filters.

俌子 for 铺子, 萭 for 万, 囯内 for 国内, 茭叐 for 交友, 唰单 for 刷单, 块手 and 斗音 for 快手 and
抖音: rare characters or near-homophones that a reader decodes at once and a filter does not.
The normaliser folds each to the word it stands for, so every rule sees 刷单 however it was
written, and records where it did so, so that a ``variant: disguise`` rule can report the
dodge itself. Every replacement has the length of what it replaces, so offsets map one to one.

Entries are ``(written, meant, not_before, not_after)``: the fold is skipped where the written
form is an ordinary word (桫椤, 茭白, 洄游, Cantonese 我哋, 一块手表).
"""

from __future__ import annotations

import re
from functools import lru_cache

DISGUISES: tuple[tuple[str, str, str, str], ...] = (
    ("俌", "铺", "", ""),
    ("萭", "万", "", ""),
    ("囯", "国", "", ""),
    ("桫", "沙", "", "椤"),
    ("哋", "地", "我你佢咱", ""),
    ("侑", "有", "", ""),
    ("傚", "效", "", ""),
    ("洄", "回", "", "游流"),
    ("茭", "交", "", "白"),
    ("叐", "友", "", ""),
    ("蛧", "网", "", ""),
    ("菿", "到", "", ""),
    ("嘦", "要", "", ""),
    ("夲", "本", "", ""),
    ("亖", "四", "", ""),
    ("唰单", "刷单", "", ""),
    ("唰好评", "刷好评", "", ""),
    ("惘店", "网店", "", ""),
    ("惘购", "网购", "", ""),
    ("蛧购", "网购", "", ""),
    ("块手", "快手", "一两几", "表套机帕绢链环臂"),
    ("斗音", "抖音", "", ""),
    ("逗音", "抖音", "", ""),
    ("抖荫", "抖音", "", ""),
    ("筷速", "快速", "", ""),
    ("拼夕夕", "拼多多", "", ""),
    ("某宝店", "淘宝店", "", ""),
)


@lru_cache(maxsize=1)
def _table() -> tuple[str, dict[str, str]]:
    from copycheck.view.charfold import fold_chars

    alternatives = []
    meaning: dict[str, str] = {}
    for written, meant, not_before, not_after in sorted(DISGUISES, key=lambda e: -len(e[0])):
        folded = fold_chars(written)
        if len(folded) != len(meant):
            raise ValueError(f"disguise {written!r} -> {meant!r} changes the length")
        pattern = re.escape(folded)
        if not_before:
            pattern += f"(?<![{re.escape(not_before)}]{re.escape(folded)})"
        if not_after:
            pattern += f"(?![{re.escape(not_after)}])"
        alternatives.append(pattern)
        meaning[folded] = meant
    return "|".join(alternatives), meaning


def disguise_pattern() -> str:
    """A regular expression matching every disguised spelling (on character-folded text)."""
    return _table()[0]


def meant(written: str) -> str:
    """The word a disguised spelling (as matched) stands for."""
    return _table()[1][written]

