"""The source articles that rules' reasons draw on (``copycheck/data/sources.yaml``).

A rule names them in ``sources: [id, ...]``, so that "the source article notes ..." in its
``why`` says which one. A rule whose reason draws on none omits the field.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from copycheck import package_file
from copycheck.ruleset.model import Text

SOURCES_DATA = "data/sources.yaml"


@dataclass(frozen=True)
class Article:
    id: str
    file: str  # its name in the shared sources folder
    about: Text  # what a rule may cite it for, in our words


@lru_cache(maxsize=1)
def articles() -> dict[str, Article]:
    """Every source article, by id, in the order of the table."""
    import yaml  # only explain, SARIF and rule validation read the articles

    data = yaml.safe_load(package_file(SOURCES_DATA).read_text(encoding="utf-8"))
    return {
        row["id"]: Article(row["id"], row["file"], Text(row["about"]["zh"], row["about"]["en"])) for row in data
    }


def articles_of(sources: tuple[str, ...]) -> list[Article]:
    """The articles a rule's ``sources`` name, in its order (the loader has checked each id)."""
    known = articles()
    return [known[name] for name in sources]
